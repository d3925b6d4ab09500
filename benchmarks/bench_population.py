"""Benchmark: fixation probabilities and rare-mutation stationary distributions, k = 10, N = 100 and N = 100,000.

Anchor (DESIGN.md): EGTtools (C++) 0.7 ms for k = 2, N = 100. EGTtools is not installed here (and not a dependency),
so the anchors measured in the same run are (a) the exact rational computation (``fractions.Fraction``, Moran process
with w = 1/10) for N = 100, which also gives the error of our floats, and (b) the textbook direct product formula in
floating point, which overflows at N = 100,000 where our log-space computation does not.

Run: ``python benchmarks/bench_population.py [--quick]``
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
from _common import best_time as _best
from _common import main


def _fraction_rho(A, i, j, N, w):
    """Exact rho_{ij} (one j mutant among i residents), Moran process, direct product formula in Fractions."""
    a, b, c, d = A[j][j], A[j][i], A[i][j], A[i][i]
    total, prod = Fraction(1), Fraction(1)
    for m in range(1, N):
        pa = Fraction(a * (m - 1) + b * (N - m), N - 1)
        pb = Fraction(c * m + d * (N - m - 1), N - 1)
        prod *= (1 - w + w * pb) / (1 - w + w * pa)
        total += prod
    return 1 / total


def _float_product_rho(A, N, w):
    """rho matrix by the direct product formula in floats (no logs): the naive method."""
    k = len(A)
    rho = np.zeros((k, k))
    m = np.arange(1, N, dtype=float)
    with np.errstate(all="ignore"):
        for i in range(k):
            for j in range(k):
                if i != j:
                    a, b, c, d = A[j, j], A[j, i], A[i, j], A[i, i]
                    pa = (a * (m - 1) + b * (N - m)) / (N - 1)
                    pb = (c * m + d * (N - m - 1)) / (N - 1)
                    rho[i, j] = 1 / (1 + np.cumprod((1 - w + w * pb) / (1 - w + w * pa)).sum())
    return rho


def run(quick: bool = False) -> list[dict]:
    from clustergames import population as pop

    rng = np.random.default_rng(0)
    k = 10
    Aint = rng.integers(0, 6, (k, k))
    A = Aint.astype(float)
    rows = []
    # N = 100: exact rationals as the anchor
    N = 100
    ours_s, res = _best(lambda: pop.stationary_distribution(A, N, selection=0.1, process="moran"))
    t0 = time.perf_counter()
    pairs = [(i, j) for i in range(k) for j in range(k) if i != j]
    if quick:
        pairs = pairs[:10]
    exact = {(i, j): _fraction_rho(Aint.tolist(), i, j, N, Fraction(1, 10)) for i, j in pairs}
    frac_s = time.perf_counter() - t0
    err = max(abs(float(exact[p]) - res.fixation[p]) / float(exact[p]) for p in pairs)
    rows.append({"workload": f"k={k}, N={N}: all rho_ij + stationary distribution (Moran, w=0.1)", "ours_s": ours_s,
                 "anchor": f"exact Fractions ({len(pairs)} rho_ij only)", "anchor_s": frac_s,
                 "ratio": frac_s / ours_s, "notes": f"max relative error of our floats {err:.1e}; EGTtools not "
                                                   f"installed (DESIGN anchor 0.7 ms for k=2)"})
    two_s, _ = _best(lambda: pop.fixation_probability(A[:2, :2], N, selection=0.1), repeat=20)
    rows.append({"workload": "k=2, N=100: one fixation probability", "ours_s": two_s,
                 "anchor": "EGTtools (C++), DESIGN.md figure", "anchor_s": 0.7e-3, "ratio": 0.7e-3 / two_s,
                 "notes": "anchor not measured in this run (EGTtools not installed)"})
    naive_s, naive = _best(lambda: _float_product_rho(A, N, 0.1))
    rows.append({"workload": f"k={k}, N={N}: rho_ij only", "ours_s": _best(
        lambda: pop.fixation_matrix(A, N, selection=0.1, process="moran"))[0],
                 "anchor": "direct float product formula (per pair loop)", "anchor_s": naive_s,
                 "ratio": None, "notes": f"max abs difference {np.nanmax(np.abs(naive - res.fixation)):.1e}"})
    rows[-1]["ratio"] = rows[-1]["anchor_s"] / rows[-1]["ours_s"]
    # N = 100,000
    N = 100_000
    for process, sel in (("fermi", 0.001), ("moran", 0.01)):
        ours_s, res = _best(lambda p=process, s=sel: pop.stationary_distribution(A, N, selection=s, process=p),
                            repeat=1 if quick else 3)
        logrho = pop.fixation_matrix(A, N, selection=sel, process=process, log=True)
        note = f"sum {res.distribution.sum():.12f}; min log rho {logrho[np.isfinite(logrho)].min():.0f}"
        if process == "moran":
            naive_s, naive = _best(lambda s=sel: _float_product_rho(A, N, s), repeat=1)
            off = ~np.eye(k, dtype=bool)
            bad = int((~np.isfinite(naive[off]) | (naive[off] == 0)).sum())
            note += f"; direct product formula: {bad}/{off.sum()} rho_ij overflow to 0/nan"
            anchor, anchor_s = "direct float product formula", naive_s
        else:
            anchor, anchor_s = "EGTtools not installed", None
        rows.append({"workload": f"k={k}, N={N}: stationary distribution ({process}, selection {sel:g})",
                     "ours_s": ours_s, "anchor": anchor, "anchor_s": anchor_s,
                     "ratio": None if anchor_s is None else anchor_s / ours_s, "notes": note})
    return rows




if __name__ == "__main__":
    main(run)
