"""Benchmark: all equilibria of random m x m games, clustergames beside nashpy (same run, same games).

Anchor (DESIGN.md): nashpy's vertex enumeration takes about 21 s on a random 10x10 game on a 2-core machine, and its
support enumeration misses equilibria (4 of 15). Target: complete, and under 1 s for 10x10.

Run: ``python benchmarks/bench_games.py [--quick]``
"""

from __future__ import annotations

import warnings

import numpy as np
from _common import best_time as _time
from _common import main


def run(quick: bool = False) -> list[dict]:
    import nashpy

    import clustergames as cg

    rows = []
    sizes = (6, 8) if quick else (6, 8, 10)
    for m in sizes:
        rng = np.random.default_rng(0)
        A, B = rng.random((m, m)), rng.random((m, m))
        ours_s, eqs = _time(lambda A=A, B=B: cg.StageGame(A, B).equilibria(), repeat=3)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sup_s, sup = _time(lambda A=A, B=B: list(nashpy.Game(A, B).support_enumeration()))
            if m <= 8 or not quick:
                ver_s, ver = _time(lambda A=A, B=B: list(nashpy.Game(A, B).vertex_enumeration()))
            else:  # pragma: no cover
                ver_s, ver = None, []
        rows.append({
            "workload": f"all equilibria, random {m}x{m} (seed 0)",
            "ours_s": ours_s,
            "anchor": "nashpy vertex_enumeration",
            "anchor_s": ver_s,
            "ratio": None if ver_s is None else ver_s / ours_s,
            "notes": (f"found: clustergames {len(eqs)}, nashpy vertex {len(ver)}, nashpy support {len(sup)} "
                      f"({sup_s:.2f} s)"),
        })
    return rows




if __name__ == "__main__":
    main(run)
