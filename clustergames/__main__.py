"""``python -m clustergames``: the same as the ``clustergames`` command (see :mod:`clustergames.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
