"""Shared test configuration: a fixed hypothesis profile and the Agg backend."""

import os

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

settings.register_profile(
    "clustergames", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("clustergames")


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the pyplot figures a test opened (matplotlib warns beyond 20, and warnings are errors)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
