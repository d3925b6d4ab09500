"""Benchmark: a 1000 x 1000 threshold map over (discount factor, exit opportunity cost) through the formula layer.

Workloads (DESIGN.md target: under 0.2 s for the map):

* the minimum detection rate p*(delta, L) = (1 - delta)(T - R)/(delta L) (``trust.min_detection``) on a
  1000 x 1000 grid, broadcasting a (1000, 1) column of discount factors against a (1, 1000) row of exit costs,
  validation included; the anchor substitutes the same sympy expression point by point (``expr.subs``), timed on
  2000 points and extrapolated to the 10^6 points of the grid (stated in the notes);
* the critical discount factor with a relocation cost, ``trust.expulsion_delta`` (a square root), on the same grid
  of (exit cost, relocation cost);
* the contagion threshold (Kandori 1992) for 10^4 payoff draws and N = 20 (no closed form: vectorised root finding).

Run: ``python benchmarks/bench_trust.py`` (``--quick`` for fewer repetitions).
"""

from __future__ import annotations

import sys
import time

import numpy as np
from _common import best_time


def _best(func, repeat: int) -> float:
    return best_time(func, repeat)[0]


def _sympy_loop(expr, symbols, points) -> float:
    t = time.perf_counter()
    for values in points:
        float(expr.subs(dict(zip(symbols, values))))
    return time.perf_counter() - t


def run(quick: bool = False) -> list[dict]:
    from clustergames import trust

    repeat = 2 if quick else 5
    n = 1000
    T, R = 5.0, 3.0
    delta = np.linspace(0.01, 0.99, n)[:, None]
    L = np.linspace(0.01, 10.0, n)[None, :]
    trust.min_detection(T, R, R - L[:, :2], delta[:2])  # warm the lambdify cache (done once per session)
    ours = _best(lambda: trust.min_detection(T, R, R - L, delta), repeat)
    out = trust.min_detection(T, R, R - L, delta)
    assert out.shape == (n, n)

    # anchor: one sympy substitution per grid point, on 2000 points, extrapolated to n*n
    f = trust.min_detection.formula
    rng = np.random.default_rng(0)
    m = 500 if quick else 2000
    pts = [(T, R, R - float(x), float(d)) for x, d in zip(rng.choice(L.ravel(), m), rng.choice(delta.ravel(), m))]
    loop = _sympy_loop(f.expr, f.symbols, pts)
    anchor = loop * (n * n) / m
    rows = [{"workload": "min detection map p*(delta, L), 1000 x 1000, formula layer", "ours_s": ours,
             "anchor": "sympy expr.subs per point", "anchor_s": anchor, "ratio": anchor / ours,
             "notes": f"anchor timed on {m} points ({loop:.2f} s) and extrapolated to 10^6; target < 0.2 s"}]

    K = np.linspace(0.0, 10.0, n)[:, None]
    trust.expulsion_delta(T, R, R - L[:, :2], 0.8, K[:2] + 0.1)
    ours2 = _best(lambda: trust.expulsion_delta(T, R, R - L, 0.8, K + 0.0), repeat)
    f2 = trust.expulsion_delta.formula
    pts2 = [(T, R, R - float(x), 0.8, float(k)) for x, k in zip(rng.choice(L.ravel(), m), rng.choice(K.ravel(), m))]
    loop2 = _sympy_loop(f2.expr, f2.symbols, pts2)
    anchor2 = loop2 * (n * n) / m
    rows.append({"workload": "expulsion delta* map (L, relocation cost), 1000 x 1000, formula layer", "ours_s": ours2,
                 "anchor": "sympy expr.subs per point", "anchor_s": anchor2, "ratio": anchor2 / ours2,
                 "notes": f"anchor timed on {m} points ({loop2:.2f} s) and extrapolated to 10^6"})

    Ts = rng.uniform(3.01, 10.0, 10_000)
    trust.contagion_delta(Ts[:2], R, 1.0, 20)
    ours3 = _best(lambda: trust.contagion_delta(Ts, R, 1.0, 20), repeat)
    from scipy.optimize import brentq

    def scalar(Tv):
        target = (R - 1.0) / (Tv - 1.0)
        return brentq(lambda d: float(trust._h(20, np.asarray(d))) - target, 1e-9, 1 - 1e-12)

    t = time.perf_counter()
    k = 50 if quick else 200
    for Tv in Ts[:k]:
        scalar(Tv)
    anchor3 = (time.perf_counter() - t) * len(Ts) / k
    rows.append({"workload": "contagion threshold, N = 20, 10^4 payoff draws (vectorised root finding)",
                 "ours_s": ours3, "anchor": "scipy brentq per point", "anchor_s": anchor3,
                 "ratio": anchor3 / ours3, "notes": f"anchor timed on {k} points and extrapolated"})
    return rows


if __name__ == "__main__":
    rows = run(quick="--quick" in sys.argv)
    print("| workload | ours (s) | anchor | anchor (s) | ratio | notes |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        anchor_s = f"{r['anchor_s']:.3g}" if r["anchor_s"] is not None else "-"
        ratio = f"{r['ratio']:.0f}x" if r["ratio"] is not None else "-"
        print(f"| {r['workload']} | {r['ours_s']:.4f} | {r['anchor']} | {anchor_s} | {ratio} | {r['notes']} |")
