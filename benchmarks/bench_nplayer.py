"""Benchmark: many-firm games — pure equilibria of a random 6-player game, exact symmetric equilibria of a 100-firm
threshold game, and the finite-population gradient of selection (Z = 1000, n = 10) beside EGTtools.

Goals (issue 12): all pure equilibria of a random 6-player game with 4 actions each (4096 profiles) under 0.1 s;
symmetric equilibria of a 100-firm threshold public good (exact rational) under 1 s; gradient of selection for
Z = 1000, n = 10 under 0.1 s. Anchors in the same run: a plain Python check of every unilateral deviation (the
textbook method; no Python library computes pure equilibria of n-player games); sympy's ``real_roots`` on the
expanded gain polynomial (the direct exact method); EGTtools' ``PairwiseComparison`` with its ``NPlayerStagHunt``
(Pacheco et al. 2009) for the gradient over every state and for the fixation probabilities.

Run: ``python benchmarks/bench_nplayer.py [--quick]``
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from _common import best_time as _best
from _common import main


def _brute_force(u: np.ndarray) -> list[tuple]:
    n, shape = u.shape[0], u.shape[1:]
    out = []
    for s in itertools.product(*(range(a) for a in shape)):
        if all(u[(i,) + s] >= u[(i,) + s[:i] + (k,) + s[i + 1:]] for i in range(n) for k in range(shape[i])):
            out.append(s)
    return out


def _sympy_real_roots(n: int, k: int, b: int, c: int):
    """The direct exact method: expand the gain polynomial with sympy and ask for its real roots in (0, 1)."""
    import sympy

    p = sympy.Symbol("p")
    f = sympy.expand(b * math.comb(n - 1, k - 1) * p ** (k - 1) * (1 - p) ** (n - k) - c)
    return [r for r in sympy.Poly(f, p).real_roots() if 0 < r < 1]


def run(quick: bool = False) -> list[dict]:
    from clustergames import nplayer as npl

    rows = []
    # 1. pure equilibria of a random 6-player game with 4 actions each
    rng = np.random.default_rng(0)
    u = rng.integers(0, 10, size=(6,) + (4,) * 6)  # small integers: ties, weak equilibria, exact comparisons
    g = npl.NPlayerGame(u)
    ours_s, eqs = _best(lambda: npl.NPlayerGame(u).pure_equilibria(), repeat=5)
    uf = rng.random((6,) + (4,) * 6)
    float_s, eqf = _best(lambda: npl.NPlayerGame(uf).pure_equilibria(), repeat=5)
    bf_s, bf = _best(lambda: _brute_force(u), repeat=1)
    rows.append({"workload": "all pure equilibria, random 6-player game, 4 actions each (exact integers)",
                 "ours_s": ours_s, "anchor": "Python loop over every deviation", "anchor_s": bf_s,
                 "ratio": bf_s / ours_s,
                 "notes": f"{len(eqs)} equilibria, identical: {eqs == bf}; float payoffs {float_s:.2g} s "
                          f"({len(eqf)} equilibria); goal < 0.1 s"})
    del g
    # 2. exact symmetric equilibria of a 100-firm threshold public good
    n, k, b, c = 100, 10, 10, 1
    npl.threshold_public_goods(5, 2, 3, 1).symmetric_equilibria()  # warm sympy
    ours_s, e = _best(lambda: npl.threshold_public_goods(n, k, b, c).symmetric_equilibria(), repeat=3)
    mixed = [x.p_float for x in e if x.kind == "mixed"]
    if quick:
        rows.append({"workload": f"symmetric equilibria, threshold game n={n}, k={k} (exact rational)",
                     "ours_s": ours_s, "anchor": "", "anchor_s": None, "ratio": None,
                     "notes": f"mixed p = {', '.join(f'{x:.6f}' for x in mixed)}; goal < 1 s"})
    else:
        sym_s, roots = _best(lambda: _sympy_real_roots(n, k, b, c), repeat=1)
        diff = max(abs(float(r) - x) for r, x in zip(roots, mixed))
        rows.append({"workload": f"symmetric equilibria, threshold game n={n}, k={k} (exact rational)",
                     "ours_s": ours_s, "anchor": "sympy expand + real_roots", "anchor_s": sym_s,
                     "ratio": sym_s / ours_s,
                     "notes": f"mixed p = {', '.join(f'{x:.6f}' for x in mixed)}; max |difference| {diff:.1e}; "
                              "goal < 1 s (an explicit CRootOf costs a few seconds more, on demand)"})
    # 3. finite-population gradient of selection, Z = 1000, n = 10, and fixation probabilities, beside EGTtools
    Z, n, M, F, cost, beta = 1000, 10, 5, 3.0, 1.0, 0.05
    game = npl.n_stag_hunt(n, M, F, cost)
    ours_s, res = _best(lambda: npl.finite_population(game, Z, selection=beta), repeat=5)
    try:
        from egttools.analytical import PairwiseComparison
        from egttools.games import NPlayerStagHunt
    except ImportError:
        rows.append({"workload": f"gradient of selection, Z={Z}, n={n}", "ours_s": ours_s,
                     "anchor": "EGTtools not installed", "anchor_s": None, "ratio": None, "notes": "goal < 0.1 s"})
        return rows
    egt_game = NPlayerStagHunt(n, F, M, cost)  # keep a reference: the model does not own its game (segfault)
    model = PairwiseComparison(Z, egt_game)
    states = range(0, Z + 1, 10) if quick else range(Z + 1)

    def egt_gradient():
        return np.array([model.calculate_gradient_of_selection(beta, np.array([Z - j, j]))[1] for j in states])

    egt_s, egt = _best(egt_gradient, repeat=1)
    if quick:
        egt_s *= (Z + 1) / len(states)  # extrapolated to every state
    ours = res.gradient[list(states)] * Z / (Z - 1)  # EGTtools samples the imitated firm among the other Z - 1
    rows.append({"workload": f"gradient of selection at every state, Z={Z}, n={n} (n-person stag hunt, Fermi)",
                 "ours_s": ours_s, "anchor": "EGTtools PairwiseComparison", "anchor_s": egt_s, "ratio": egt_s / ours_s,
                 "notes": f"max |difference| {np.abs(ours - egt).max():.1e} (after the Z/(Z-1) convention); "
                          "our time includes fixation and stationary distribution; goal < 0.1 s"})
    fix_s, rho = _best(lambda: (model.calculate_fixation_probability(1, 0, beta),
                                model.calculate_fixation_probability(0, 1, beta)), repeat=1)
    rows.append({"workload": f"fixation probabilities of C and D, Z={Z}, n={n}", "ours_s": ours_s,
                 "anchor": "EGTtools PairwiseComparison", "anchor_s": fix_s, "ratio": fix_s / ours_s,
                 "notes": f"rho_C {res.rho_C:.4g} vs {rho[0]:.4g}, rho_D {res.rho_D:.4g} vs {rho[1]:.4g}"})
    return rows


if __name__ == "__main__":
    main(run)
