"""Run every benchmark (``benchmarks/bench_*.py``) and write one Markdown table: clustergames beside its anchors.

Each ``bench_<topic>.py`` module exposes ``run(quick: bool = False) -> list[dict]`` whose rows have the keys
``workload, ours_s, anchor, anchor_s, ratio, notes`` (``ratio = anchor_s / ours_s``, both measured in the same
run). A module that fails to import or to run is reported as a row, never a crash.

Usage::

    python benchmarks/run.py                       # everything, full size; writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick               # smaller workloads (a few minutes)
    python benchmarks/run.py --only sweep,games    # modules whose name contains one of these
    python benchmarks/run.py --out /tmp/bench.md   # another output file
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import platform
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path

from _common import cell, num  # noqa: E402  (benchmarks/ is the script's folder)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KEYS = ("workload", "ours_s", "anchor", "anchor_s", "ratio", "notes")
PACKAGES = ("clustergames", "numpy", "scipy", "sympy", "pandas", "nashpy", "axelrod", "egttools", "quantecon",
            "dask", "distributed")


def discover(only: list[str] | None = None) -> list[str]:
    """Names of the benchmark modules (``bench_*``), sorted, filtered by substrings in ``only``."""
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return names


def _clean(row: dict, module: str) -> dict:
    out = {key: row.get(key) for key in KEYS}
    out["module"] = module
    if out["ratio"] is None and out["anchor_s"] and out["ours_s"]:
        out["ratio"] = out["anchor_s"] / out["ours_s"]
    out["notes"] = "" if out["notes"] is None else str(out["notes"])
    return out


def run_module(name: str, quick: bool) -> tuple[list[dict], float]:
    """Import and run one module; failures become a row with the error in ``notes``."""
    t0 = time.perf_counter()
    try:
        module = importlib.import_module(name)
        if not callable(getattr(module, "run", None)):
            raise AttributeError(f"{name} has no run(quick=False) function")
        rows = module.run(quick=quick)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise TypeError(f"{name}.run() must return a list of dicts (got {type(rows).__name__})")
        rows = [_clean(r, name) for r in rows]
    except BaseException as exc:  # noqa: BLE001 - a failing benchmark is a row, not a crash
        if isinstance(exc, KeyboardInterrupt):
            raise
        last = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
        message = " ".join(str(exc).split())[:300]
        rows = [_clean({"workload": "FAILED", "anchor": "", "notes": f"{type(exc).__name__}: {message}{where}"},
                       name)]
    return rows, time.perf_counter() - t0


def machine_info() -> dict[str, str]:
    """CPU, cores, memory, OS, Python and package versions, date and git commit."""
    info = {"date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["cpu"] = cpu
    info["cores"] = str(os.cpu_count())
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    try:
        info["load average (1 min)"] = f"{os.getloadavg()[0]:.2f}"
    except OSError:
        pass
    info["os"] = platform.platform()
    info["python"] = platform.python_version()
    versions = []
    for pkg in PACKAGES:
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            pass
    info["packages"] = ", ".join(versions)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        if commit:
            info["git commit"] = commit
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def markdown(rows: list[dict], info: dict[str, str], *, quick: bool, timings: dict[str, float]) -> str:
    """The results as Markdown: a table (ratio = anchor time / clustergames time) and the machine."""
    lines = ["# Benchmark results", "",
             f"`python benchmarks/run.py{' --quick' if quick else ''}`, {info['date']}. "
             "Ratio = anchor time / clustergames time, both measured in this run (above 1: clustergames is faster; "
             "for the sweep rows the anchor is the serial sweep, so the ratio is the speed-up).", "",
             "| module | workload | clustergames (s) | anchor | anchor (s) | ratio | notes |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['module'].removeprefix('bench_')} | {cell(r['workload'])} | {num(r['ours_s'])} | "
                     f"{cell(r['anchor'] or '')} | {num(r['anchor_s'])} | {num(r['ratio'], 'x')} | "
                     f"{cell(r['notes'])} |")
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += ["", "## Time per module", ""]
    lines += [f"- {name}: {t:.1f} s" for name, t in timings.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="Markdown file to write")
    parser.add_argument("--only", default="", help="comma-separated substrings of module names to run")
    args = parser.parse_args(argv)
    for path in (str(HERE), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    only = [o.strip() for o in args.only.split(",") if o.strip()] or None
    names = discover(only)
    if not names:
        print(f"no benchmark module matches {args.only!r}", file=sys.stderr)
        return 2
    rows, timings = [], {}
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        module_rows, elapsed = run_module(name, args.quick)
        rows += module_rows
        timings[name] = elapsed
        for r in module_rows:
            print(f"  {r['workload']}: {num(r['ours_s'])} s vs {r['anchor'] or '–'} {num(r['anchor_s'])} s "
                  f"({num(r['ratio'], 'x')})", file=sys.stderr, flush=True)
    text = markdown(rows, machine_info(), quick=args.quick, timings=timings)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
