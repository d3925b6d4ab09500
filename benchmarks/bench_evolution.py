"""Benchmark: phase-portrait trajectories of the government–firm game, all at once, beside nashpy per trajectory.

Workload: 10,000 initial conditions of the government–firm game (the "centre" scenario, closed orbits), integrated
over t in [0, 10] with 101 output times by ``ReplicatorSystem.simulate`` (vectorised RK4, one call), against nashpy
0.0.43's ``Game.asymmetric_replicator_dynamics`` (scipy ``odeint``) called once per trajectory on a subset of 20
trajectories in the same run. The ratio is per trajectory. The notes give the largest difference between the two
on the subset (same trajectories within tolerance). Target (issue 6): at least 50x faster per trajectory.

Run: ``python benchmarks/bench_evolution.py [--quick]``
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from _common import main


def _bimatrix(params: dict) -> tuple[np.ndarray, np.ndarray]:
    """The issue's payoff table with E = D = 0, pi_c = 0, pi_t = extra_cost (constants cancel in the dynamics)."""
    r, cg, s, f, a, e = (params[k] for k in ("reward", "regulation_cost", "subsidy", "fine", "accountability",
                                             "extra_cost"))
    A = np.array([[r - cg - s, r + f - cg], [0.0, -a]])
    B = np.array([[s, e - f], [0.0, e]])
    return A, B


def run(quick: bool = False) -> list[dict]:
    import nashpy

    from clustergames import evolution as ev

    params = ev.GOVERNMENT_FIRM_SCENARIOS["centre"]
    system = ev.government_firm(**params)
    A, B = _bimatrix(params)
    n = 2_000 if quick else 10_000
    n_sub = 10 if quick else 20
    rng = np.random.default_rng(6)
    X = rng.uniform(0.01, 0.99, size=(n, 2))
    t = np.linspace(0.0, 10.0, 101)
    game = nashpy.Game(A, B)

    def nashpy_subset():
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for x, y in X[:n_sub]:
                xs, ys = game.asymmetric_replicator_dynamics(x0=[x, 1 - x], y0=[y, 1 - y], timepoints=t)
                out.append(np.column_stack([xs[:, 0], ys[:, 0]]))
        return np.stack(out, axis=1)

    system.simulate(X[:10], t)  # lambdify once (a one-off cost per scenario, reported separately below)
    t0 = time.perf_counter()
    ref = nashpy_subset()
    anchor_per = (time.perf_counter() - t0) / n_sub
    rows = []
    for step in (0.02, 0.05):
        t0 = time.perf_counter()
        tr = system.simulate(X, t, step=step)
        ours = time.perf_counter() - t0
        err = float(np.abs(tr.states[:, :n_sub, :] - ref).max())
        rows.append({
            "workload": f"{n:,} trajectories, government-firm centre, t in [0, 10] (step {step})",
            "ours_s": ours,
            "anchor": f"nashpy asymmetric_replicator_dynamics x {n:,} (extrapolated from {n_sub})",
            "anchor_s": anchor_per * n,
            "ratio": anchor_per * n / ours,
            "notes": (f"per trajectory: ours {1e6 * ours / n:.1f} us, nashpy {1e6 * anchor_per:.0f} us; "
                      f"max |ours - nashpy| = {err:.1e}"),
        })
    # setup cost of a new scenario: symbolic system, lambdify, stability table
    t0 = time.perf_counter()
    fresh = ev.government_firm(**ev.GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
    fresh.stability_table()
    fresh.simulate(X[:1], t)
    rows.append({"workload": "new scenario: build system, stability table, first simulate (setup)",
                 "ours_s": time.perf_counter() - t0, "anchor": "–", "anchor_s": None, "ratio": None,
                 "notes": "one-off sympy work per parameter scenario"})
    return rows




if __name__ == "__main__":
    main(run)
