"""Benchmark: fixation probabilities and rare-mutation stationary distributions, k = 10, N = 100 and N = 100,000.

Anchors measured in the same run: EGTtools' ``StochDynamics`` (Fermi process; installed with the test extra) for
k = 2 and k = 10 at N = 100 and 1,000 (DESIGN.md quotes 0.7 ms for k = 2, N = 100); the exact rational computation
(``fractions.Fraction``, Moran process with w = 1/10) for N = 100, which also gives the error of our floats; and the
textbook direct product formula in floating point, which overflows at N = 100,000 where our log-space computation
does not. EGTtools is not run at N = 100,000 (over two minutes per call).

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


def _egttools_rows(A: np.ndarray, quick: bool) -> list[dict]:
    """Fermi-process fixation and stationary distributions beside EGTtools' StochDynamics, in the same run."""
    from clustergames import population as pop

    try:
        from egttools.analytical import StochDynamics
    except ImportError:
        return [{"workload": "EGTtools comparison", "ours_s": float("nan"), "anchor": "EGTtools not installed",
                 "anchor_s": None, "ratio": None, "notes": "pip install egttools (part of the test extra)"}]
    rows = []
    N = 100
    two = A[:2, :2]
    ours_s, rho = _best(lambda: pop.fixation_probability(two, N, selection=1.0, process="fermi"), repeat=20)
    egt_s, egt = _best(lambda: StochDynamics(2, two, N).fixation_probability(0, 1, 1.0), repeat=5)
    rows.append({"workload": f"k=2, N={N}: one fixation probability (Fermi, beta=1)", "ours_s": ours_s,
                 "anchor": "EGTtools StochDynamics", "anchor_s": egt_s, "ratio": egt_s / ours_s,
                 "notes": f"|difference| {abs(rho - egt):.1e}"})
    for n in ((100,) if quick else (100, 1000)):
        ours_s, res = _best(lambda n=n: pop.stationary_distribution(A, n, selection=0.001, process="fermi"),
                            repeat=3)
        egt_s, egt = _best(lambda n=n: np.asarray(StochDynamics(len(A), A, n).calculate_stationary_distribution(
            0.001)), repeat=1)
        rows.append({"workload": f"k={len(A)}, N={n}: stationary distribution (Fermi, beta=0.001)",
                     "ours_s": ours_s, "anchor": "EGTtools StochDynamics", "anchor_s": egt_s,
                     "ratio": egt_s / ours_s,
                     "notes": f"max |difference| {np.abs(egt - res.distribution).max():.1e}"})
    return rows


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
                 "ratio": frac_s / ours_s, "notes": f"max relative error of our floats {err:.1e}"})
    rows += _egttools_rows(A, quick)
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
            anchor, anchor_s = "EGTtools: not run (over 2 min per call at this N)", None
        rows.append({"workload": f"k={k}, N={N}: stationary distribution ({process}, selection {sel:g})",
                     "ours_s": ours_s, "anchor": anchor, "anchor_s": anchor_s,
                     "ratio": None if anchor_s is None else anchor_s / ours_s, "notes": note})
    return rows




if __name__ == "__main__":
    main(run)
