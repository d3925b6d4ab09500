"""Helpers shared by the benchmark modules: best-of-n timing and the Markdown table of one module's rows."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from typing import Any


def best_time(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Run ``func`` ``repeat`` times; return the best wall-clock time (s) and the last result."""
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def num(x: float | None, unit: str = "") -> str:
    """A number for the table (3 significant digits), or a dash."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:.3g}{unit}"


def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: list[dict]) -> str:
    """The rows of one benchmark module as a Markdown table (ratio = anchor time / clustergames time)."""
    lines = ["| workload | clustergames (s) | anchor | anchor (s) | ratio | notes |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {cell(r['workload'])} | {num(r['ours_s'])} | {cell(r['anchor'] or '')} | "
                     f"{num(r['anchor_s'])} | {num(r['ratio'], 'x')} | {cell(r['notes'])} |")
    return "\n".join(lines)


def main(run: Callable[..., list[dict]]) -> None:
    """Entry point of a benchmark module run as a script: ``--quick`` selects the small workloads."""
    print(markdown_table(run(quick="--quick" in sys.argv)))
