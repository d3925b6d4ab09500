"""The formula layer: one sympy expression evaluated with numbers, arrays and symbols (issue 2)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from clustergames.results import Result
from clustergames.symbolic import Formula, formula, require


@formula(requires=[require("T > R", "T must exceed R"), require("R > P", "R must exceed P")], threshold=True,
         symbol=r"\delta^*")
def grim(T, R, P):
    """Friedman (1971), Rev. Econ. Stud.: grim trigger sustains cooperation iff delta >= (T-R)/(T-P)."""
    return (T - R) / (T - P)


@formula(threshold=True)
def ratio(a, b=1):
    return a / b


def test_three_kinds_of_input_agree():
    assert grim(5, 3, 1) == pytest.approx(0.5)
    arr = grim(np.array([4.0, 5.0, 7.0]), 3, 1)
    assert isinstance(arr, np.ndarray) and arr.shape == (3,)
    assert arr == pytest.approx([1 / 3, 0.5, 2 / 3])
    T, R, P = sympy.symbols("T R P", positive=True)
    expr = grim(T, R, P)
    assert sympy.simplify(expr - (T - R) / (T - P)) == 0
    assert grim(sympy.Integer(5), 3, 1) == sympy.Rational(1, 2)
    assert grim(T, 3, 1).subs(T, 5) == sympy.Rational(1, 2)


def test_broadcasting_two_dimensional_grid():
    T = np.linspace(3.5, 6, 4)[:, None]
    P = np.linspace(0, 2, 5)[None, :]
    out = grim(T, 3, P)
    assert out.shape == (4, 5)
    assert out == pytest.approx((T - 3) / (T - P))


def test_fraction_input_stays_exact():
    out = grim(Fraction(9, 2), 3, 1)
    assert isinstance(out, Fraction) and out == Fraction(3, 7)
    assert grim(Fraction(5), 3, 1) == Fraction(1, 2)
    assert ratio(Fraction(3), 2) == np.inf            # threshold semantics hold for exact input too
    assert ratio(Fraction(-1), 2) == 0 and isinstance(ratio(Fraction(-1), 2), Fraction)
    assert isinstance(grim(9, 3, 1), float)            # plain ints keep giving floats


def test_booleans_and_complex_numbers_are_refused():
    with pytest.raises(TypeError, match="T must be a number, not a bool"):
        grim(True, 0, 0)
    with pytest.raises(TypeError, match="T must hold real numbers"):
        grim(np.array([5 + 1j]), 3, 1)
    with pytest.raises(TypeError, match="R must hold numbers, not bools"):
        grim(5, np.array([True, False]), 1)


def test_threshold_semantics_inf_and_zero():
    assert ratio(2, 1) == np.inf  # no discount factor below 1 works
    assert ratio(1, 1) == np.inf  # delta = 1 is not a discount factor
    assert ratio(-1, 2) == 0.0  # every discount factor works
    assert ratio(np.array([0.5, 3.0])).tolist() == [0.5, np.inf]


@given(st.floats(3.01, 100), st.floats(-100, 2.99))
def test_property_threshold_in_unit_interval_and_monotone(T, P):
    d = grim(T, 3, P)
    assert 0 <= d < 1
    assert grim(T + 1, 3, P) >= d  # a larger temptation needs more patience


def test_validation_names_argument_and_values():
    with pytest.raises(ValueError, match=r"T must exceed R \(got T=2, R=3\)"):
        grim(2, 3, 1)
    with pytest.raises(ValueError, match=r"R must exceed P \(got R=3, P=4\)"):
        grim(np.array([5, 6]), 3, np.array([1, 4]))
    with pytest.raises(ValueError, match="T must exceed R"):
        grim(sympy.Integer(2), 3, 1)  # decidable symbolic input is validated too
    with pytest.raises(TypeError, match="T must be a number"):
        grim("5", 3, 1)
    with pytest.raises(ValueError, match="must not be NaN"):
        grim(float("nan"), 3, 1)
    with pytest.raises(ValueError, match="do not broadcast"):
        grim(np.ones(3) * 5, 3, np.zeros(2))
    with pytest.raises(TypeError, match="missing required argument 'P'"):
        grim(5, 3)
    with pytest.raises(TypeError, match="unexpected argument"):
        grim(5, 3, 1, X=2)


def test_latex_and_signature_kept():
    assert grim.formula.latex().startswith(r"\delta^* = \frac")
    assert grim.__name__ == "grim" and "Friedman" in grim.__doc__
    assert ratio(3, b=4) == pytest.approx(0.75)  # defaults and keywords
    f = Formula(lambda x, y: x * y, ["x", "y"])
    assert f(2, 3) == 6.0 and "$" in f._repr_latex_()


def test_result_base_displays():
    @dataclass(repr=False)
    class Threshold(Result):
        delta: float
        title = "threshold"

        def to_frame(self):
            import pandas as pd

            return pd.DataFrame({"delta": [self.delta]})

    r = Threshold(0.25)
    assert "threshold" in r._repr_html_() and "0.25" in repr(r)
    with pytest.raises(TypeError, match="no plot is defined"):
        r.plot()


@formula(requires=[require("(p > 0) & (p <= 1)", "p must lie in (0, 1]")])
def scaled(x, p):
    return x * p


def test_compound_condition_with_arguments_of_different_shapes():
    out = scaled(np.ones((3, 1)), np.array([0.5, 1.0]))
    assert out.shape == (3, 2)
    with pytest.raises(ValueError, match=r"p must lie in \(0, 1\] \(got p=1.5\)"):
        scaled(np.ones((3, 1)), np.array([0.5, 1.5]))
