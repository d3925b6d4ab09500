"""Benchmark: ``import clustergames`` beside ``import nashpy`` and ``import axelrod`` (fresh interpreters).

Target (DESIGN.md): under 1 s; anchors: axelrod about 7.6 s, nashpy about 0.43 s on a 2-core machine.

Run: ``python benchmarks/bench_import.py``
"""

from __future__ import annotations

import statistics
import subprocess
import sys


def _import_time(module: str, repeat: int = 3, then: str = "pass") -> float:
    code = f"import time; t = time.perf_counter(); import {module}; {then}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(repeat)]
    return statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    repeat = 1 if quick else 3
    ours = _import_time("clustergames", repeat)
    # the top-level import is lazy: also time the first use of the main names (loads numpy and sympy)
    first_use = ("clustergames.prisoners_dilemma(5, 3, 1, 0).equilibria(); "
                 "clustergames.symbolic.Formula(lambda x: x, ['x'])(1)")
    used = _import_time("clustergames", repeat, then=first_use)
    rows = [{"workload": "import clustergames + first use of StageGame and the formula layer", "ours_s": used,
             "anchor": "import nashpy", "anchor_s": None, "ratio": None, "notes": "target: under 1 s"}]
    for anchor in ("nashpy", "axelrod"):
        t = _import_time(anchor, 1 if anchor == "axelrod" else repeat)
        rows.append({"workload": "import (fresh interpreter, median)", "ours_s": ours, "anchor": f"import {anchor}",
                     "anchor_s": t, "ratio": t / ours, "notes": "target: clustergames under 1 s"})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
