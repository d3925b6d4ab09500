"""Benchmark: the by-product exchange cluster (``clustergames.symbiosis.Cluster``).

Workloads (DESIGN.md targets: exchange under 1 s, exact Shapley for 12 firms under 10 s):

* the optimal exchange (one HiGHS linear programme with its duals, result tables included) of a random cluster of
  200 firms x 20 materials, each firm supplying two and demanding two materials (about 8000 possible links); no
  anchor library solves this generalised network flow, so there is none;
* exact Shapley values of a random 12-firm cluster (6 materials): all 4096 coalition values, solved in
  block-diagonal batches of linear programmes (one HiGHS call per batch). The anchor is the direct method, one
  ``scipy.optimize.linprog`` call per coalition, timed on 300 coalitions and extrapolated to 4096;
* a sampled Shapley estimate (60 permutations) for 30 firms, through ``clustergames.sweep`` (serial backend);
* the landfill tax x subsidy policy map, 9 x 9 grid, through ``clustergames.sweep``.

Self-enforcing links (the MILP on a 60-link network) are benchmarked in ``bench_symbiosis_links.py``.

Run: ``python benchmarks/bench_symbiosis.py`` (``--quick`` for fewer repetitions).
"""

from __future__ import annotations

import time

import numpy as np
from _common import best_time, main


def _direct_values(cl, masks) -> float:
    """One linprog per coalition on the coalition's own sub-programme (the straightforward way)."""
    from scipy.optimize import linprog

    lp = cl._build()
    n = len(cl.firms)
    t = time.perf_counter()
    for mask in masks:
        member = np.array([(mask >> i) & 1 for i in range(n)], dtype=bool)
        cols = np.flatnonzero(member[lp["owner1"]] & member[lp["owner2"]])
        if len(cols) == 0:
            continue
        A_ub = lp["A_ub"][:, cols]
        A_eq = lp["A_eq"][:, cols]
        b_ub = lp["b_ub"] * member[lp["sup_owner"]]
        linprog(-lp["obj"][cols], A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=np.zeros(A_eq.shape[0]),
                bounds=np.column_stack([np.zeros(len(cols)), lp["ub"][cols]]), method="highs")
    return time.perf_counter() - t


def run(quick: bool = False) -> list[dict]:
    from clustergames import symbiosis

    repeat = 1 if quick else 3
    rows = []

    big = symbiosis.random_cluster(200, 20, rng=1)
    big.exchanges()  # warm the imports (scipy.optimize, pandas); each timing builds and solves a fresh cluster

    def exchange():
        fresh = symbiosis.Cluster(**big._kwargs())
        return fresh.exchanges()

    ours, ex = best_time(exchange, repeat)
    rows.append({"workload": "optimal exchange, 200 firms x 20 materials (LP + duals + tables)", "ours_s": ours,
                 "anchor": None, "anchor_s": None, "ratio": None,
                 "notes": f"{len(big._lp['arcs'])} possible links, {len(ex.flows)} active; includes building the "
                          f"programme; target < 1 s"})

    small = symbiosis.random_cluster(12, 6, rng=2)

    def shapley():
        fresh = symbiosis.Cluster(**small._kwargs())
        return fresh.shapley(method="exact")

    ours2, sh = best_time(shapley, repeat)
    k = 100 if quick else 300
    rng = np.random.default_rng(0)
    masks = rng.choice(np.arange(1, 1 << 12), size=k, replace=False).tolist()
    anchor2 = _direct_values(small, masks) * 4095 / k
    rows.append({"workload": "exact Shapley, 12 firms (4096 coalition LPs)", "ours_s": ours2,
                 "anchor": "one scipy linprog (HiGHS) per coalition", "anchor_s": anchor2, "ratio": anchor2 / ours2,
                 "notes": f"block-diagonal batches; anchor timed on {k} coalitions and extrapolated; target < 10 s"})

    mid = symbiosis.random_cluster(30, 8, rng=3)
    n_perm = 20 if quick else 60
    ours3, est = best_time(lambda: symbiosis.Cluster(**mid._kwargs()).shapley(method="sample", n_permutations=n_perm,
                                                                              rng=4), 1)
    rows.append({"workload": f"sampled Shapley, 30 firms, {n_perm} permutations (sweep, serial)", "ours_s": ours3,
                 "anchor": None, "anchor_s": None, "ratio": None,
                 "notes": f"largest standard error {float(est.se.max()):.3g} (value scale "
                          f"{float(est.values.abs().max()):.3g})"})

    g = symbiosis.guitang()
    grid = np.round(np.arange(0.0, 0.8 + 1e-9, 0.1), 6).tolist()
    ours4, _ = best_time(lambda: g.policy_grid(grid, grid), repeat)
    rows.append({"workload": "policy map, Guitang, 9 x 9 (tax, subsidy) grid (sweep, serial)", "ours_s": ours4,
                 "anchor": None, "anchor_s": None, "ratio": None, "notes": "one LP per grid point"})
    return rows


if __name__ == "__main__":
    main(run)
