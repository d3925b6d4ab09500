"""Repeated games with perfect monitoring: automata, one-shot deviations, exact sets of discount factors (issue 3)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import clustergames as cg
from clustergames import repeated, trust
from clustergames.games import StageGame, prisoners_dilemma
from clustergames.repeated import Automaton, critical_delta, is_equilibrium


@st.composite
def pd_payoffs(draw, lo=-20, hi=20):
    """Integer prisoner's dilemma payoffs T > R > P > S."""
    xs = draw(st.lists(st.integers(lo, hi), min_size=4, max_size=4, unique=True))
    S, P, R, T = sorted(xs)
    return T, R, P, S


# ----------------------------------------------------------------------------------------------------------------
# textbook results
# ----------------------------------------------------------------------------------------------------------------
def test_gibbons_grim_trigger_example():
    # Gibbons (1992), Game Theory for Applied Economists, sec. 2.3.B: stage game with (R, T, P, S) = (4, 5, 1, 0);
    # the trigger strategy is a subgame-perfect equilibrium iff delta >= 1/4.
    res = critical_delta(prisoners_dilemma(5, 4, 1, 0), "grim")
    assert res.exact_intervals[0][0] == sympy.Rational(1, 4)
    assert res.intervals == [(0.25, 1.0)]


def test_axelrod_tit_for_tat_collective_stability():
    # Axelrod (1984), The Evolution of Cooperation, ch. 3, Proposition 2: with T, R, P, S = 5, 3, 1, 0 tit-for-tat
    # is collectively stable (a Nash equilibrium against itself) iff w >= max(2/4, 2/3) = 2/3.
    res = critical_delta(prisoners_dilemma(5, 3, 1, 0), "tit_for_tat", kind="nash")
    assert res.exact_intervals[0][0] == sympy.Rational(2, 3)
    assert res.min == pytest.approx(2 / 3)


def test_tit_for_tat_subgame_perfect_only_on_knife_edge():
    # Mailath & Samuelson (2006), Repeated Games and Reputations, sec. 2.4.3: TFT is subgame perfect iff
    # delta = (T-R)/(R-S) = (P-S)/(T-P). With (3, 2, 1, 0) both equal 1/2: the set is the single point {1/2}.
    res = critical_delta(prisoners_dilemma(3, 2, 1, 0), "tit_for_tat")
    assert res.exact_intervals == [(sympy.Rational(1, 2), sympy.Rational(1, 2))]
    assert res.contains(0.5) and not res.contains(0.51) and not res.contains(0.49)
    assert critical_delta(prisoners_dilemma(5, 3, 1, 0), "tit_for_tat").intervals == []


@settings(max_examples=12)
@given(pd_payoffs())
def test_grim_solver_equals_closed_form_on_random_games(pay):
    T, R, P, S = pay
    res = critical_delta(prisoners_dilemma(T, R, P, S), "grim")
    expected = trust.grim_trigger_delta(T, R, P)
    assert res.min == pytest.approx(expected)
    assert res.intervals[0][1] == 1.0 and len(res.intervals) == 1


@settings(max_examples=12)
@given(pd_payoffs())
def test_win_stay_lose_shift_threshold(pay):
    # Nowak & Sigmund (1993), Nature 364; Mailath & Samuelson (2006), sec. 2.4.4: WSLS is subgame perfect iff
    # delta >= (T-R)/(R-P).
    T, R, P, S = pay
    res = critical_delta(prisoners_dilemma(T, R, P, S), "wsls")
    want = Fraction(T - R, R - P)
    if want >= 1:
        assert res.intervals == []
    else:
        assert res.exact_intervals[0][0] == sympy.Rational(want.numerator, want.denominator)
        assert res.intervals[0][1] == 1.0


@settings(max_examples=10)
@given(pd_payoffs(-6, 6))
def test_tit_for_tat_nash_threshold(pay):
    T, R, P, S = pay
    res = critical_delta(prisoners_dilemma(T, R, P, S), "tft", kind="nash")
    want = max(Fraction(T - R, T - P), Fraction(T - R, R - S))
    if want >= 1:
        assert res.intervals == []
    else:
        assert res.min == pytest.approx(float(want))
        assert len(res.intervals) == 1 and res.intervals[0][1] == 1.0


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_forgiving_trigger_polynomial(k):
    # a k-period punishment needs delta + ... + delta^k >= (T-R)/(R-P) (Mailath & Samuelson 2006, sec. 2.4.2)
    T, R, P, S = 5, 4, 1, 0
    res = critical_delta(prisoners_dilemma(T, R, P, S), "forgiving_trigger", k=k)
    x = (T - R) / (R - P)
    d = res.min
    assert sum(d ** t for t in range(1, k + 1)) == pytest.approx(x)
    if k > 1:  # a longer punishment needs less patience
        assert d < critical_delta(prisoners_dilemma(T, R, P, S), "forgiving_trigger", k=k - 1).min


@settings(max_examples=10)
@given(pd_payoffs(0, 12), st.integers(1, 9), st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(1, 3)]))
def test_expulsion_automaton_equals_closed_form(pay, K, p):
    T, R, P, S = pay
    outside = P  # outside option at most R
    g = prisoners_dilemma(T, R, P, S)
    res = critical_delta(g, "grim_expulsion", outside=outside, detection=p, relocation_cost=K)
    want = trust.expulsion_delta(T, R, outside, detection=float(p), relocation_cost=K)
    assert res.min == pytest.approx(want, rel=1e-9)


def test_symbolic_grim_and_expulsion_conditions():
    T, R, P, S, w, p = sympy.symbols("T R P S w p")
    g = prisoners_dilemma(T, R, P, S)
    res = critical_delta(g, "grim")
    assert sympy.simplify(res.min - (T - R) / (T - P)) == 0
    assert isinstance(res.condition, sympy.And)
    assert res.condition.subs({T: 5, R: 3, P: 1, S: 0, repeated.delta_symbol(): sympy.Rational(1, 2)}) is sympy.true
    assert res.condition.subs({T: 5, R: 3, P: 1, S: 0, repeated.delta_symbol(): sympy.Rational(2, 5)}) is sympy.false
    ex = critical_delta(g, "grim_expulsion", outside=w, detection=p)
    assert sympy.simplify(ex.min - trust.expulsion_delta(T, R, w, detection=p)) == 0


def test_rent_cancels_under_bilateral_punishment_but_not_under_expulsion():
    m = sympy.Symbol("m", positive=True)
    base = prisoners_dilemma(5, 3, 1, 0)
    with_rent = trust.MembershipRent(m)(base)
    assert sympy.simplify(critical_delta(with_rent, "grim").min - sympy.Rational(1, 2)) == 0
    expelled = critical_delta(with_rent, "grim_expulsion", outside=1).min  # outside option excludes the rent
    assert sympy.simplify(expelled - 2 / (2 + 2 + m)) == 0


def test_mechanisms_compose_into_a_formula():
    T, R, P, S, f, p, s = sympy.symbols("T R P S f p s")
    g = (trust.Fine(f, detection=p) + trust.Subsidy(s))(prisoners_dilemma(T, R, P, S))
    res = critical_delta(g, "grim")
    # fine on defectors and subsidy on cooperators: T - pf vs R + s, punishment P - pf
    assert sympy.simplify(res.min - (T - p * f - R - s) / (T - P)) == 0
    num = critical_delta((trust.Fine(1, 0.5) + trust.Subsidy(0.5))(prisoners_dilemma(5, 3, 1, 0)), "grim")
    assert num.min == pytest.approx(float(res.min.subs({T: 5, R: 3, P: 1, f: 1, p: 0.5, s: 0.5})))
    # a subsidy larger than the expected fine lifts S above P: mutual defection is no longer a credible
    # punishment, the parameter condition in .condition fails and no discount factor works
    big = critical_delta((trust.Fine(2, 0.5) + trust.Subsidy(1))(prisoners_dilemma(5, 3, 1, 0)), "grim")
    assert big.intervals == [] and big.min == np.inf
    assert res.condition.subs({T: 5, R: 3, P: 1, S: 0, f: 2, p: sympy.Rational(1, 2), s: 1,
                               repeated.delta_symbol(): sympy.Rational(1, 2)}) is sympy.false


def test_benefit_pooling_lowers_the_grim_threshold():
    base = critical_delta(prisoners_dilemma(5, 3, 1, 0), "grim").min
    pooled = critical_delta(trust.BenefitPooling(0.3)(prisoners_dilemma(5, 3, 1, 0)), "grim").min
    # T -> T - share (T - S)/2 = 4.25, S -> 0.75 <= P: delta* = (4.25 - 3)/(4.25 - 1)
    assert pooled == pytest.approx(1.25 / 3.25) and pooled < base
    # with share 0.5 the sucker's payoff 1.25 exceeds P = 1: mutual defection stops being a credible punishment
    assert critical_delta(trust.BenefitPooling(0.5)(prisoners_dilemma(5, 3, 1, 0)), "grim").intervals == []


# ----------------------------------------------------------------------------------------------------------------
# two methods agree: exact sets vs floating-point checks
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=8)
@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8),
       st.sampled_from(["grim", "tft", "wsls"]), st.sampled_from(["spe", "nash"]))
def test_exact_set_matches_numeric_check_on_random_2x2_games(pay, prof, kind):
    A = np.array(pay[:4]).reshape(2, 2)
    B = np.array(pay[4:]).reshape(2, 2)
    g = StageGame(A, B, actions=["C", "D"])
    res = critical_delta(g, prof, kind=kind)
    for d in np.linspace(0.013, 0.987, 23):
        near_edge = any(abs(d - e) < 1e-6 for lo, hi in res.intervals for e in (lo, hi))
        if not near_edge:
            assert res.contains(d) == is_equilibrium(g, prof, d, kind=kind, tol=1e-9), (d, res.intervals)


def test_float_payoffs_are_read_as_printed_decimals():
    res = critical_delta(prisoners_dilemma(0.5, 0.3, 0.1, 0.0), "grim")
    assert res.exact_intervals[0][0] == sympy.Rational(1, 2)


def test_custom_automaton_with_random_transitions_and_fixed_states():
    g = prisoners_dilemma(5, 3, 1, 0)
    a = Automaton(play={"coop": ("C", "C")},
                  transitions={"coop": {("C", "C"): "coop", "*": {"out": 0.5, "coop": 0.5}}},
                  fixed={"out": (0, 0)})
    assert critical_delta(g, a).min == pytest.approx(trust.expulsion_delta(5, 3, 0, detection=0.5))
    vals = repeated.values(g, a, 0.9)
    assert vals.set_index("state").loc["out", "row"] == pytest.approx(0.0)


def test_result_displays():
    res = critical_delta(prisoners_dilemma(5, 3, 1, 0), "grim")
    frame = res.to_frame()
    assert list(frame.columns) == ["profile", "kind", "set", "lo", "hi", "lo_closed", "hi_closed"]
    assert frame["lo"].iloc[0] == pytest.approx(0.5)
    # issue 15: the set of discount factors in interval notation, half-open at 1
    assert "<table" in res._repr_html_() and "[1/2, 1)" in res._repr_html_()
    assert res._repr_latex_() == r"$\delta \in \left[\frac{1}{2}, 1\right)$"
    knife = critical_delta(prisoners_dilemma(3, 2, 1, 0), "tit_for_tat")
    assert knife.interval_text() == "{1/2}"
    assert critical_delta(prisoners_dilemma(5, 3, 1, 0), "forgiving_trigger", k=2).interval_text() == \
        "[-1/2 + sqrt(5)/2, 1)"


def test_threshold_that_rounds_to_one_is_inf():
    # issue 16: the exact set [1 - 2e-300, 1) holds no float below 1, so the numeric threshold is inf, not 1.0
    res = critical_delta(prisoners_dilemma(1e300, 3, 1, 0), "grim")
    assert res.min == np.inf and res.intervals == []
    assert res.exact_intervals[0][0] == sympy.Rational(10**300 - 3, 10**300 - 1)
    assert critical_delta(prisoners_dilemma(5e300, 3e300, 1e300, 0), "grim").min == pytest.approx(0.5)
    T, R, P, S = sympy.symbols("T R P S")
    sym = critical_delta(prisoners_dilemma(T, R, P, S), "grim")
    assert "delta" in sym._repr_latex_()
    assert cg.critical_delta is repeated.critical_delta


# ----------------------------------------------------------------------------------------------------------------
# bad input
# ----------------------------------------------------------------------------------------------------------------
def test_bad_input_raises_clear_errors():
    g = prisoners_dilemma(5, 3, 1, 0)
    with pytest.raises(ValueError, match="unknown profile 'nice'"):
        critical_delta(g, "nice")
    with pytest.raises(ValueError, match="kind must be 'spe' or 'nash'"):
        critical_delta(g, "grim", kind="perfect")
    with pytest.raises(ValueError, match="k must be a positive integer"):
        critical_delta(g, "forgiving_trigger", k=0)
    with pytest.raises(ValueError, match=r"delta must be a discount factor in \[0, 1\) \(got delta=1.2\)"):
        is_equilibrium(g, "grim", 1.2)
    with pytest.raises(ValueError, match=r"detection must lie in \(0, 1\] \(got detection=1.5\)"):
        critical_delta(g, "grim_expulsion", outside=0, detection=1.5)
    with pytest.raises(ValueError, match="relocation_cost must be non-negative"):
        critical_delta(g, "grim_expulsion", outside=0, relocation_cost=-1)
    with pytest.raises(ValueError, match="tit_for_tat is defined for 2x2 games"):
        critical_delta(StageGame(np.zeros((3, 3)), np.zeros((3, 3))), "tft")
    with pytest.raises(ValueError, match="has no transition for the profile"):
        critical_delta(g, Automaton(play={"s": ("C", "C")}, transitions={"s": {("C", "C"): "s"}}))
    with pytest.raises(ValueError, match="must sum to 1"):
        critical_delta(g, Automaton(play={"s": ("C", "C")}, transitions={"s": {"*": {"s": 0.5}}}))
    with pytest.raises(ValueError, match="action 'X' is not one of"):
        critical_delta(g, Automaton(play={"s": ("X", "C")}, transitions={"s": {"*": "s"}}))
    with pytest.raises(TypeError, match="game must be a StageGame"):
        critical_delta([[1, 2], [3, 4]], "grim")
