"""The ``clustergames`` command (also ``python -m clustergames``).

``clustergames reproduce [--out DIR] [--only NAME ...] [--jobs N] [--list] [--quick]`` regenerates the registered
paper figures (PNG at 150 dpi, vector PDF, CSV data and an ``index.md`` with the captions) into ``DIR`` (default
``figures/``), building them in parallel worker processes with a progress bar. The files are byte-for-byte identical
from run to run and whatever ``--jobs`` is. Errors (an unknown figure, an unwritable ``--out``) print one line and
exit with status 2.

Examples
--------
>>> main(["reproduce", "--list"])  # doctest: +ELLIPSIS
bargaining_frontier ...
game_map ...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

_DESCRIPTION = ("Game theory of trust and governance in industrial clusters. "
                "The reproduce command regenerates every paper figure (PNG, PDF, CSV and index.md).")

_REPRODUCE_EPILOG = """examples:
  clustergames reproduce                          every figure into figures/
  clustergames reproduce --list                   names and one-line titles
  clustergames reproduce --only game_map --out paper/
  clustergames reproduce --quick --jobs 1         smaller simulations, one process

Files are byte-for-byte identical from run to run and whatever --jobs is."""


def _version() -> str:
    from . import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clustergames", description=_DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"clustergames {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    rep = sub.add_parser("reproduce", help="regenerate the registered paper figures",
                         description="Regenerate the registered paper figures: NAME.png (150 dpi), NAME.pdf\n"
                                     "(vector), NAME.csv (the plotted data) and index.md with the captions.",
                         epilog=_REPRODUCE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("--out", default="figures", metavar="DIR", help="output folder (default: figures)")
    rep.add_argument("--only", nargs="+", metavar="NAME",
                     help="only these figures; the index keeps the others already in DIR")
    rep.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                     help="worker processes (default: one per CPU); the output does not depend on it")
    rep.add_argument("--list", action="store_true", help="list the registered figures (name and title) and exit")
    rep.add_argument("--quick", action="store_true", help="smaller simulations (for tests); same figures")
    rep.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer (got {text!r})")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 usage or output error)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and argparse's own usage errors
        return int(exc.code or 0)
    from . import figures

    if args.command == "reproduce":
        if args.list:
            names = figures.names()
            width = max(map(len, names))
            for name in names:
                print(f"{name:<{width}}  {figures.title(name)}")
            return 0
        try:
            written = figures.reproduce(args.out, args.only, quick=args.quick, jobs=args.jobs,
                                        progress=not args.quiet)
        except (ValueError, OSError) as exc:
            print(f"clustergames: error: {exc}", file=sys.stderr)
            return 2
        if not args.quiet:
            print(f"wrote {len(written)} files to {args.out} (index: {args.out}/index.md)")
        return 0
    return 1  # pragma: no cover - argparse enforces a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
