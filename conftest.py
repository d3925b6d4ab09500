"""Test configuration for the whole tree (tests/ and the package doctests): hypothesis profiles and the Agg backend.

The ``clustergames`` profile (the default, and what CI runs) is deterministic (``derandomize=True``): the same
examples every run, so the suite cannot go red at random. ``HYPOTHESIS_PROFILE=explore`` draws new examples.
"""

import linecache
import os

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

# sympy's lambdify registers its generated source in linecache and deletes the entry when the function is
# garbage-collected; on Python 3.11 a collection between checkcache() listing the keys and reading one raises
# KeyError inside doctest's debugger reset (seen once in the suite). An entry that vanished needs no checking.
_checkcache = linecache.checkcache


def _tolerant_checkcache(filename=None):
    try:
        _checkcache(filename)
    except KeyError:
        pass


linecache.checkcache = _tolerant_checkcache

settings.register_profile(
    "clustergames", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "explore", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "clustergames"))


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the pyplot figures a test opened (matplotlib warns beyond 20, and warnings are errors)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
