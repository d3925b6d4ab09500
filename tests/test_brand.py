"""The regional brand as a collective reputation (Tirole 1996): hand-derived thresholds, steady states, paths."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import brand
from clustergames.brand import RegionalBrand

BASE = dict(honest=0.2, dishonest=0.1, cost=1, premium=2, detection=0.5, delta=0.8)


def test_threshold_hand_values():
    # r = c (1 - beta) / (p beta Delta), beta = delta (1 - mu)
    assert brand.brand_threshold(1, 2, 0.5, 0.8) == pytest.approx(0.25)
    assert brand.brand_threshold(1, 2, 0.5, 0.8, turnover=0.5) == pytest.approx(1.5)
    assert brand.brand_threshold(0, 2, 0.5, 0.8) == 0.0
    c, D, p, d, mu = sympy.symbols("c Delta p delta mu", positive=True)
    expr = brand.brand_threshold(c, D, p, d, mu)
    assert sympy.simplify(expr - c * (1 - d * (1 - mu)) / (p * d * (1 - mu) * D)) == 0


def test_steady_states_and_multiplicity():
    b = RegionalBrand(**BASE)
    assert b.good == pytest.approx(0.9) and b.bad == pytest.approx(0.2) and b.multiple
    assert b.steady_states().index.tolist() == ["good", "bad"]
    assert b.brand_rent == pytest.approx(1.8)
    # traceable enough: threshold below the honest share, only the good brand survives
    only_good = RegionalBrand(**{**BASE, "detection": 1.0, "cost": 0.5})  # r = 0.5*0.2/(0.8*2) = 0.0625
    assert only_good.threshold == pytest.approx(0.0625) and only_good.steady_states().index.tolist() == ["good"]
    # high turnover: the threshold exceeds the good reputation, only the bad brand exists, the brand earns little
    only_bad = RegionalBrand(**{**BASE, "turnover": 0.5})
    assert only_bad.steady_states().index.tolist() == ["bad"] and only_bad.brand_rent == 0.0


def test_path_closed_form_and_hysteresis():
    b = RegionalBrand(**BASE, memory=0.3)
    # above the threshold r_t = r_G + (1 - w)^t (r_0 - r_G)
    path = b.path(0.5, periods=30)
    t = np.arange(31)
    assert path.reputation == pytest.approx(0.9 + 0.7**t * (0.5 - 0.9), abs=1e-12)
    # a scandal that pushes the reputation just below r = 0.25 sends the brand to the bad steady state, and an
    # entrant inherits it: the same firms, the same costs, only the history differs
    low = b.path(0.24, periods=60).reputation
    high = b.path(0.26, periods=60).reputation
    assert low[-1] == pytest.approx(0.2, abs=1e-8) and high[-1] == pytest.approx(0.9, abs=1e-8)
    assert len(b.path(0.5, periods=5).to_frame()) == 6


@settings(max_examples=30, deadline=None)
@given(p=st.floats(0.05, 1), d=st.floats(0.05, 0.99), mu=st.floats(0, 0.9), c=st.floats(0, 5))
def test_threshold_moves_the_right_way(p, d, mu, c):
    r = brand.brand_threshold(c, 2, p, d, mu)
    assert r >= 0
    assert brand.brand_threshold(c, 2, min(1.0, p * 1.1), d, mu) <= r + 1e-12  # more traceability, lower bar
    assert brand.brand_threshold(c, 2, p, d, mu * 0.9) <= r + 1e-12  # less turnover, lower bar


@pytest.mark.parametrize("kwargs, exc, match", [
    ({**BASE, "honest": 0.7, "dishonest": 0.5}, ValueError, "must not exceed 1"),
    ({**BASE, "detection": 0}, ValueError, "detection"),
    ({**BASE, "delta": 1.0}, ValueError, "delta"),
    ({**BASE, "premium": -1}, ValueError, "premium"),
    ({**BASE, "cost": float("nan")}, ValueError, "cost"),
    ({**BASE, "memory": 0}, ValueError, "memory"),
    ({**BASE, "turnover": 1}, ValueError, "turnover"),
    ({**BASE, "honest": "a lot"}, TypeError, "honest"),
])
def test_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        RegionalBrand(**kwargs)
