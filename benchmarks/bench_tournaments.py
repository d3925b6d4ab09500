"""Benchmark: exact payoffs of a 10-strategy memory-one tournament with noise, beside axelrod's Tournament.

Anchor (DESIGN.md): axelrod Tournament (200 turns, 20 repetitions, serial) about 1.75 s plus 7.6 s import on a 2-core
machine. Target: at least 100x faster, and the exact values inside the simulation's confidence intervals.

Run: ``python benchmarks/bench_tournaments.py [--quick]``
"""

from __future__ import annotations

import time

import numpy as np
from _common import best_time as _best
from _common import main


def run(quick: bool = False) -> list[dict]:
    from clustergames import tournaments as t
    from clustergames.figures.tournaments import _ten_strategies

    strategies = _ten_strategies()
    reps = 5 if quick else 20
    rows = []
    long_s, _ = _best(lambda: t.exact_tournament(strategies, noise=0.05))
    fin_s, fin = _best(lambda: t.exact_tournament(strategies, noise=0.05, turns=200))

    t0 = time.perf_counter()
    import axelrod  # noqa: F401

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sim = t.axelrod_tournament(strategies, noise=0.05, turns=200, repetitions=reps, rng=1)
    axl_s = time.perf_counter() - t0
    exact = fin.payoff_matrix
    sim["exact"] = [exact.loc[a, b] for a, b in zip(sim["player"], sim["opponent"])]
    inside = int(((sim["exact"] >= sim["ci_low"]) & (sim["exact"] <= sim["ci_high"])).sum())
    z = np.abs(sim["exact"] - sim["mean"]) / (sim["std"] / np.sqrt(reps))
    note = (f"{inside}/{len(sim)} pairs inside the 99% CI, max abs(z) = {z.max():.2f}; axelrod import "
            f"{import_s:.1f} s not included")
    rows.append({"workload": "10-strategy tournament, noise 0.05, expected payoffs of 200-turn matches",
                 "ours_s": fin_s, "anchor": f"axelrod Tournament (200 turns, {reps} reps, serial)",
                 "anchor_s": axl_s, "ratio": axl_s / fin_s, "notes": note})
    rows.append({"workload": "10-strategy tournament, noise 0.05, long-run (infinite) payoffs",
                 "ours_s": long_s, "anchor": f"axelrod Tournament (200 turns, {reps} reps, serial)",
                 "anchor_s": axl_s, "ratio": axl_s / long_s, "notes": "Cesaro limit, one batched solve"})
    sim_s, _ = _best(lambda: t.simulate_tournament(strategies, noise=0.05, turns=200, repetitions=reps, rng=1),
                     repeat=1)
    rows.append({"workload": "same tournament, clustergames vectorised Monte-Carlo", "ours_s": sim_s,
                 "anchor": "axelrod Tournament", "anchor_s": axl_s, "ratio": axl_s / sim_s,
                 "notes": "simulation, for cross-checks"})
    return rows




if __name__ == "__main__":
    main(run)
