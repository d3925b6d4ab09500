"""The ``clustergames`` command.

``clustergames reproduce [--out DIR] [--only NAME ...] [--list] [--quick]`` regenerates the registered paper figures
(PNG, PDF, CSV and an index page) into ``DIR`` (default ``figures/``).

Examples
--------
>>> main(["reproduce", "--list"])  # doctest: +ELLIPSIS
bargaining_frontier...game_map...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clustergames", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("reproduce", help="regenerate every registered paper figure")
    rep.add_argument("--out", default="figures", help="output folder (default: figures)")
    rep.add_argument("--only", nargs="+", metavar="NAME", help="only these figures")
    rep.add_argument("--list", action="store_true", help="list the registered figures and exit")
    rep.add_argument("--quick", action="store_true", help="smaller simulations (for tests); same figures")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from . import figures

    if args.command == "reproduce":
        if args.list:
            for name in figures.names():
                print(f"{name}\t{figures.get(name).caption.splitlines()[0]}")
            return 0
        try:
            written = figures.reproduce(args.out, args.only, quick=args.quick,
                                        progress=lambda n: print(f"figure {n} ...", flush=True))
        except ValueError as exc:
            print(f"clustergames: error: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {len(written)} files to {args.out}/ (index: {args.out}/index.md)")
        return 0
    return 1  # pragma: no cover - argparse enforces a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
