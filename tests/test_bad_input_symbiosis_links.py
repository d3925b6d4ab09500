"""Adversarial input to trust across symbiosis links: a clear error naming the column, row and firm, or a finite
valid result."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest

from clustergames.symbiosis import critical_delta, resilience, self_enforcing

GOOD = {"a": "mill", "b": "farm", "rent_a": 2, "rent_b": 1, "gain_a": 1, "gain_b": 1}


def _with(**change):
    row = dict(GOOD)
    row.update(change)
    return [dict(GOOD, a="mill", b="plant"), row]


FUNCS = [critical_delta, lambda x: self_enforcing(x, 0.5), lambda x: resilience(x, 0.5, "network")]


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("links, error, words", [
    ("a,b,rent_a", TypeError, ["links", "DataFrame", "str"]),
    (42, TypeError, ["links", "int"]),
    ([GOOD, ("mill", "farm")], TypeError, ["row 1", "tuple"]),
    ([], ValueError, ["at least one link"]),
    (pd.DataFrame(columns=list(GOOD)), ValueError, ["at least one link"]),
    ([{k: v for k, v in GOOD.items() if k != "gain_b"}], ValueError, ["gain_b", "missing"]),
    ([{"a": "x", "b": "y"}], ValueError, ["rent_a", "rent_b", "gain_a", "gain_b"]),
    (_with(rent_a=float("nan")), ValueError, ["row 1", "rent_a", "'mill'", "'farm'", "NaN"]),
    (_with(gain_b=None), ValueError, ["row 1", "gain_b", "missing"]),
    (_with(rent_b=-1), ValueError, ["row 1", "rent_b", ">= 0", "'farm'"]),
    (_with(gain_a=-0.5), ValueError, ["row 1", "gain_a", ">= 0"]),
    (_with(gain_a=math.inf), ValueError, ["row 1", "gain_a", "finite"]),
    (_with(rent_a="3"), TypeError, ["row 1", "rent_a", "real number"]),
    (_with(rent_a=True), TypeError, ["row 1", "rent_a", "bool"]),
    (_with(gain_b=1 + 2j), TypeError, ["row 1", "gain_b"]),
    (_with(b="mill"), ValueError, ["row 1", "itself", "'mill'"]),
    (_with(a=None), ValueError, ["row 1", "firm name a", "missing"]),
    (_with(b=float("nan")), ValueError, ["row 1", "firm name b", "missing"]),
    (_with(a=""), ValueError, ["row 1", "empty"]),
    (_with(a=True), TypeError, ["row 1", "bool"]),
    (_with(a=1.5), TypeError, ["row 1", "firm name a", "float"]),
    (_with(surplus=-2), ValueError, ["row 1", "surplus", ">= 0"]),
    (_with(surplus=float("nan")), ValueError, ["row 1", "surplus", "NaN"]),
])
def test_bad_links(func, links, error, words):
    with pytest.raises(error) as info:
        func(links)
    for w in words:
        assert w in str(info.value), (w, str(info.value))


@pytest.mark.parametrize("delta, error, word", [
    (1.0, ValueError, "[0, 1)"), (-0.1, ValueError, "[0, 1)"), (float("nan"), ValueError, "finite"),
    ("0.5", TypeError, "real number"), (True, TypeError, "bool"), (None, TypeError, "delta"),
    (F(3, 2), ValueError, "[0, 1)"),
])
@pytest.mark.parametrize("func", [self_enforcing, resilience])
def test_bad_delta(func, delta, error, word):
    with pytest.raises(error, match="delta") as info:
        func([GOOD], delta)
    assert word in str(info.value)


@pytest.mark.parametrize("punishment, error", [("netwrok", ValueError), ("", ValueError), (None, TypeError),
                                                (1, TypeError), ("Network", ValueError)])
def test_bad_punishment(punishment, error):
    with pytest.raises(error, match="punishment"):
        critical_delta([GOOD], punishment)
    with pytest.raises(error, match="punishment"):
        self_enforcing([GOOD], 0.5, punishment)


def test_did_you_mean():
    with pytest.raises(ValueError, match="did you mean 'network'"):
        resilience([GOOD], 0.5, "netwrk")


def test_bad_level():
    with pytest.raises(ValueError, match="level"):
        critical_delta([GOOD]).to_frame("link")


# ------------------------------------------------------------------------------------------------------------------
# odd but valid input: a finite, valid result
# ------------------------------------------------------------------------------------------------------------------
def test_odd_but_valid():
    # all zeros: no temptation, threshold 0, everything kept (zero surplus)
    zero = [dict(GOOD, rent_a=0, rent_b=0, gain_a=0, gain_b=0)]
    assert critical_delta(zero).min == 0
    assert self_enforcing(zero, 0).kept == (0,) and self_enforcing(zero, 0).surplus == 0
    r = resilience(zero, 0)
    assert r.keystone is None and (r.to_frame()["share_kept"] == 1.0).all()
    # delta = 0: only links without temptation survive
    assert self_enforcing([GOOD], 0).kept == ()
    # numpy numbers, integer firm ids, a shuffled index and extra columns
    df = pd.DataFrame({"a": np.array([1, 2]), "b": np.array([2, 3]), "rent_a": np.array([2, 1]),
                       "rent_b": np.array([1.0, 3.0]), "gain_a": [1, 1], "gain_b": [0, 2], "note": ["x", "y"]},
                      index=[10, 5])
    res = critical_delta(df, "network")
    assert res.min == pytest.approx(2 / 5)  # firms 1, 2, 3: G/(G+R) = 1/3, 1/3, 2/5 and isinstance(res.min, float)
    assert list(res.to_frame("links")["note"]) == ["x", "y"]
    # tiny and huge scales give the same kept set
    for scale in (1e-9, 1e9):
        scaled = [{k: (v * scale if k.startswith(("rent", "gain")) else v) for k, v in row.items()}
                  for row in _with()]
        assert self_enforcing(scaled, 0.5).kept == self_enforcing(_with(), 0.5).kept
    # large exact numbers stay exact
    big = [dict(GOOD, rent_a=10**30, gain_a=10**30 + 1)]
    assert critical_delta(big).min == F(10**30 + 1, 2 * 10**30 + 1)
    # rounding noise below zero in float input (rents computed upstream) is read as 0; a real negative is an error
    noisy = [dict(GOOD, rent_a=3.0, rent_b=-1e-15)]
    assert critical_delta(noisy).to_frame("links")["rent_b"].tolist() == [0.0]
    with pytest.raises(ValueError, match="rent_b must be >= 0"):
        critical_delta([dict(GOOD, rent_a=3.0, rent_b=-1e-6)])
    # a sympy rational discount factor
    import sympy

    assert self_enforcing([GOOD], sympy.Rational(1, 2)).kept == (0,)
    # parallel links between the same firms and many isolated pairs
    many = [dict(GOOD, a=f"s{k}", b=f"u{k}") for k in range(50)]
    assert len(self_enforcing(many, 0.5, "network").kept) == 50
