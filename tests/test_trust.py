"""Cluster trust mechanisms: closed forms against the automaton solver, simulation and the literature (issue 3)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clustergames import trust
from clustergames.games import prisoners_dilemma
from clustergames.repeated import critical_delta

pos = st.floats(0.05, 50, allow_nan=False)
prob = st.floats(0.02, 1.0)


def _in_unit_or_inf(x):
    return (0 <= x < 1) or x == np.inf


# ----------------------------------------------------------------------------------------------------------------
# exit and expulsion
# ----------------------------------------------------------------------------------------------------------------
def test_expulsion_textbook_values():
    # Friedman (1971) grim trigger with Axelrod's payoffs (5, 3, 1): delta* = 1/2; expulsion to an outside option
    # of 0 replaces P by 0: (5-3)/(5-0) = 0.4.
    assert trust.grim_trigger_delta(5, 3, 1) == pytest.approx(0.5)
    assert trust.expulsion_delta(5, 3, 0) == pytest.approx(0.4)
    # imperfect detection: delta p L >= (1-delta) G with G = 2, L = 3, p = 1/2 -> delta = 2/3.5
    assert trust.expulsion_delta(5, 3, 0, detection=0.5) == pytest.approx(2 / 3.5)


@settings(max_examples=40)
@given(pos, pos, st.floats(0, 40), prob, st.floats(0, 30))
def test_expulsion_threshold_solves_its_condition(G, R, L, p, K):
    T, outside = R + G, R - L
    d = trust.expulsion_delta(T, R, outside, detection=p, relocation_cost=K)
    assert _in_unit_or_inf(d)
    f = lambda x: (1 - x) * G - x * p * (L + (1 - x) * K)  # noqa: E731  (<= 0 means cooperation holds)
    if d == np.inf:
        assert all(f(x) > -1e-9 for x in np.linspace(0, 0.999, 200))
    else:
        assert f(d) == pytest.approx(0, abs=1e-7 * (1 + G + L + K))
        assert all(f(x) <= 1e-9 * (1 + G + L + K) for x in np.linspace(d, 1, 50, endpoint=False))
        if d > 1e-6:
            assert f(d * 0.999) > -1e-12


@settings(max_examples=40)
@given(pos, pos, st.floats(0.01, 40), prob, st.floats(0.01, 5), st.floats(0.01, 0.5))
def test_expulsion_monotone_in_rent_detection_and_relocation_cost(G, R, L, p, dL, dp):
    T = R + G
    d = trust.expulsion_delta(T, R, R - L, detection=p)
    assert trust.expulsion_delta(T, R, R - L - dL, detection=p) <= d + 1e-12  # a larger exit cost helps
    assert trust.expulsion_delta(T, R, R - L, detection=min(1, p + dp)) <= d + 1e-12  # better monitoring helps
    assert trust.expulsion_delta(T, R, R - L, detection=p, relocation_cost=dL) <= d + 1e-12


@settings(max_examples=40)
@given(pos, pos, st.floats(0.01, 40), st.floats(0.01, 0.99))
def test_min_detection_and_min_rent_loss_invert_the_threshold(G, R, L, delta):
    T, outside = R + G, R - L
    p = trust.min_detection(T, R, outside, delta)
    if p == np.inf:
        assert trust.expulsion_delta(T, R, outside, detection=1) > delta - 1e-12
    else:
        assert 0 <= p <= 1
        assert trust.expulsion_delta(T, R, outside, detection=max(p, 1e-300)) == pytest.approx(delta, rel=1e-9)
    Lstar = trust.min_rent_loss(T, R, delta)
    assert trust.expulsion_delta(T, R, R - Lstar) == pytest.approx(delta, rel=1e-9)
    assert trust.min_rent_loss(T, R, delta, detection=0.5) == pytest.approx(2 * Lstar)


def test_rent_disciplines_only_when_exclusion_is_credible():
    # bilateral punishment: adding a rent m to T, R and P leaves the threshold unchanged
    m = np.array([0.0, 1.0, 5.0, 50.0])
    assert trust.grim_trigger_delta(5 + m, 3 + m, 1 + m) == pytest.approx(np.full(4, 0.5))
    # expulsion: the outside option does not include the rent, so the threshold falls with it
    d = trust.expulsion_delta(5 + m, 3 + m, 1)
    assert np.all(np.diff(d) < 0)


def test_formulas_broadcast_and_symbolic():
    delta = np.linspace(0.05, 0.95, 7)[:, None]
    L = np.linspace(0, 4, 5)[None, :]
    out = trust.min_detection(5, 3, 3 - L, delta)
    assert out.shape == (7, 5)
    assert np.all(np.isinf(out[:, 0]))  # no rent: no detection rate suffices
    T, R, w, p, K = sympy.symbols("T R w p K", positive=True)
    expr = trust.expulsion_delta(T, R, w, detection=p, relocation_cost=K)
    num = expr.subs({T: 5, R: 3, w: 0, p: sympy.Rational(1, 2), K: 2})
    assert float(num) == pytest.approx(trust.expulsion_delta(5, 3, 0, 0.5, 2))
    assert trust.expulsion_delta(np.array([5.0, 6.0]), 3, 0, relocation_cost=np.array([0.0, 1.0])).shape == (2,)


# ----------------------------------------------------------------------------------------------------------------
# community enforcement (Kandori 1992)
# ----------------------------------------------------------------------------------------------------------------
def test_contagion_two_firms_is_grim_trigger():
    for T, R, P in [(5, 3, 1), (4, 3, 0), (10, 2, 1)]:
        assert trust.contagion_delta(T, R, P, 2) == pytest.approx(trust.grim_trigger_delta(T, R, P), abs=1e-10)


def test_contagion_four_firms_by_hand():
    # N = 4, k = 2: the infected pair is matched together w.p. 1/3 (stays at 2), else all four are infected.
    # alpha_2 = (2/3)/(1 - delta/3); condition (1-delta)(1 + delta alpha_2) <= (R-P)/(T-P) = 1/2 gives
    # 2 delta^2 + 3 delta - 3 >= 0, delta* = (sqrt(33) - 3)/4.
    want = (math.sqrt(33) - 3) / 4
    assert trust.contagion_delta(5, 3, 1, 4) == pytest.approx(want, abs=1e-10)
    exact = trust.contagion_delta(sympy.Integer(5), 3, 1, 4)
    assert sympy.simplify(exact - (sympy.sqrt(33) - 3) / 4) == 0
    assert trust.contagion_deviation_value(5, 1, 4, 0.5) == pytest.approx(5 * 0.8 + 1 * (2 - 0.8))


def test_matching_probabilities_sum_to_one_and_match_enumeration():
    # brute force over all perfect matchings of 6 firms
    def matchings(items):
        if not items:
            yield []
            return
        a = items[0]
        for i in range(1, len(items)):
            rest = items[1:i] + items[i + 1:]
            for m in matchings(rest):
                yield [(a, items[i])] + m

    n = 6
    for k in range(1, n + 1):
        counts = {}
        all_m = list(matchings(list(range(n))))
        for m in all_m:
            j = sum((a < k) != (b < k) for a, b in m)
            counts[j] = counts.get(j, 0) + 1
        got = {j: float(p) for j, p in trust._mixed_pairs(n, k)}
        assert got == pytest.approx({j: c / len(all_m) for j, c in counts.items()})


@pytest.mark.parametrize("n, delta, k", [(4, 0.5, 2), (6, 0.8, 2), (10, 0.9, 3)])
def test_contagion_deviation_value_monte_carlo(n, delta, k):
    exact = trust.contagion_deviation_value(5, 1, n, delta, k=k)
    mean, se = trust.simulate_contagion_value(5, 1, n, delta, k=k, n_runs=6000, rng=12345 + n)
    assert abs(mean - exact) < 4 * se


def test_contagion_threshold_rises_with_cluster_size_and_sets_are_upward_closed():
    sizes = np.array([2, 4, 6, 8, 12, 20, 40])
    d = trust.contagion_delta(5, 3, 1, sizes)
    assert np.all(np.diff(d) > 0)
    for n, dn in zip(sizes, d):
        grid = np.linspace(dn + 1e-6, 0.999, 60)
        assert np.all(trust._h(int(n), grid) <= 0.5 + 1e-12)  # every larger delta works too


def test_contagion_off_path_condition_is_checked():
    c = trust.contagion_check(5, 3, 1, 0, 6, 0.8)
    assert c.on_path and c.equilibrium in (True, False)
    # the on-path margin is zero at the threshold
    d = trust.contagion_delta(5, 3, 1, 6)
    assert trust.contagion_check(5, 3, 1, 0, 6, d).on_path_margin == pytest.approx(0, abs=1e-8)
    # W(k) from the deviator's own match (margins) equals the marginal recursion
    m = c.margins
    for k, w in zip(m["k"], m["defect"]):
        assert w == pytest.approx(trust.contagion_deviation_value(5, 1, 6, 0.8, k=int(k)))
    # with a sucker's payoff close to P, cooperating once costs little: patient infected firms slow the
    # contagion and the off-path condition fails (why Kandori needs delta not too close to 1, Ellison 1994)
    assert not trust.contagion_check(3.1, 3, 1, 0.999, 10, 0.9).off_path
    assert trust.contagion_check(3.05, 3, 2.9, 2.899, 10, 0.9).off_path
    assert not trust.contagion_check(3.05, 3, 2.9, 2.899, 10, 0.99).off_path


# ----------------------------------------------------------------------------------------------------------------
# Law Merchant (Milgrom, North & Weingast 1990)
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=40)
@given(pos, pos, pos, st.floats(0, 0.99), st.floats(0, 20), st.floats(0.01, 0.99))
def test_law_merchant_range_and_min_delta(G, R, RP, qshare, C, delta):
    T, P = R + G, R - RP
    Q = qshare * RP
    lm = trust.law_merchant(T, R, P, Q, C, delta)
    lo, hi = lm.judgment_range
    assert lo == pytest.approx(max(G, C))
    assert hi == pytest.approx(delta * (RP - Q) / (1 - delta))
    assert lm.feasible == (delta >= lm.min_delta - 1e-9) or abs(delta - lm.min_delta) < 1e-9
    if lm.min_delta < 1:
        at = trust.law_merchant(T, R, P, Q, C, lm.min_delta)
        assert at.judgment_range[1] == pytest.approx(at.judgment_range[0], rel=1e-9)


def test_law_merchant_symbolic():
    T, R, P, Q, C, d = sympy.symbols("T R P Q C delta", positive=True)
    lm = trust.law_merchant(T, R, P, Q, C, d)
    assert sympy.simplify(lm.judgment_range[1] - d * (R - P - Q) / (1 - d)) == 0
    assert "le J" in lm._repr_latex_()


# ----------------------------------------------------------------------------------------------------------------
# benefit sharing and risk sharing
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=40)
@given(st.lists(st.tuples(pos, pos, pos), min_size=2, max_size=6))
def test_pooled_threshold_between_individual_thresholds(firms):
    T = [p + r + g for g, r, p in firms]
    R = [p + r for g, r, p in firms]
    P = [p for g, r, p in firms]
    pooled = trust.pooled_delta(T, R, P)
    indiv = trust.grim_trigger_delta(np.array(T), np.array(R), np.array(P))
    assert indiv.min() - 1e-12 <= pooled <= indiv.max() + 1e-12
    b = trust.benefit_sharing(T, R, P, delta=min(0.999, pooled + 1e-6))
    assert b.feasible
    assert np.all(b.min_transfer <= b.max_transfer + 1e-9)
    # the transfers m_i + slack/n balance and satisfy every constraint
    tau = b.min_transfer - b.min_transfer.sum() / len(T)
    assert tau.sum() == pytest.approx(0, abs=1e-9)
    assert np.all(tau >= b.min_transfer - 1e-9)


@settings(max_examples=10)
@given(st.integers(4, 12), st.integers(4, 12), st.integers(2, 3), st.integers(0, 1))
def test_pooled_threshold_equals_automaton_with_optimal_transfer(T1, T2, R, P):
    # two firms play grim trigger in an asymmetric game; a transfer tau from firm 2 to firm 1, paid only when both
    # cooperate, enters the (C, C) cell. Without it the solver finds the larger individual threshold; with the
    # transfer that equalises the constraints at delta_pool it finds delta_pool itself.
    from fractions import Fraction

    from clustergames.games import StageGame

    S = P - 1
    base = StageGame([[R, S], [T1, P]], [[R, T2], [S, P]], actions=["C", "D"])
    assert critical_delta(base, "grim").min == pytest.approx(
        max(trust.grim_trigger_delta(T1, R, P), trust.grim_trigger_delta(T2, R, P)))
    d = Fraction(T1 - R + T2 - R, T1 - P + T2 - P)
    assert trust.pooled_delta([T1, T2], [R, R], [P, P]) == pytest.approx(float(d))
    tau = (1 - d) * T1 + d * P - R  # firm 1's minimum transfer m_1(delta_pool)
    shared = StageGame([[R + tau, S], [T1, P]], [[R - tau, T2], [S, P]], actions=["C", "D"])
    assert critical_delta(shared, "grim").min == pytest.approx(float(d))


def test_risk_sharing_values():
    # log utility, incomes 3 and 1 (mean 2): X = log(3/2), Y = log 2 - log(3)/2 (Coate & Ravallion 1993, eq. 3)
    X, Y = math.log(1.5), math.log(2) - math.log(3) / 2
    assert trust.risk_sharing_delta(3, 1) == pytest.approx(X / (X + Y))
    assert trust.risk_sharing_delta(3, 1, utility="linear") == np.inf  # risk neutrality: no value of insurance
    assert trust.risk_sharing_delta(3, 1, utility=lambda c: sympy.sqrt(c)) == \
        pytest.approx(trust.risk_sharing_delta(3, 1, utility="sqrt"))
    # more income risk makes insurance more valuable (log utility, mean fixed at 2)
    spreads = np.linspace(0.1, 1.9, 10)
    d = trust.risk_sharing_delta(2 + spreads, 2 - spreads)
    assert np.all(np.diff(d) < 0) and np.all((0 < d) & (d < 1))
    h, l = sympy.symbols("h l", positive=True)
    assert sympy.simplify(trust.risk_sharing_delta(h, l).subs({h: 3, l: 1}) - X / (X + Y)) == 0 or \
        float(trust.risk_sharing_delta(h, l).subs({h: 3, l: 1})) == pytest.approx(X / (X + Y))


# ----------------------------------------------------------------------------------------------------------------
# Greif (1993): multilateral punishment
# ----------------------------------------------------------------------------------------------------------------
def _greif_numeric(alpha, wbar, delta, sigma, hh, hc):
    # the honesty constraint binds at w*: solve the value equations numerically for a trial wage, then find w*
    def gap(w):
        M = np.array([[1 - delta * (1 - sigma), -delta * sigma, 0],
                      [-delta * hh, 1 - delta * (1 - hh), 0],
                      [-delta * hc, 0, 1 - delta * (1 - hc)]])
        Ve, Vh, Vc = np.linalg.solve(M, [w, wbar, wbar])
        return Ve - alpha - delta * Vc

    from scipy.optimize import brentq

    return brentq(gap, -100, 100)


@settings(max_examples=25)
@given(st.floats(0.1, 5), st.floats(0, 2), st.floats(0.3, 0.97), st.floats(0, 1), st.floats(0.05, 1),
       st.floats(0, 1))
def test_greif_wage_closed_form_and_comparative_statics(alpha, wbar, delta, sigma, hh, share):
    hc = share * hh
    w = trust.greif_wage(alpha, wbar, delta, sigma, hh, hc)
    assert w == pytest.approx(_greif_numeric(alpha, wbar, delta, sigma, hh, hc), rel=1e-7, abs=1e-9)
    # comparative statics where the efficiency wage binds (w* above the reservation wage; below it, employment
    # is worse than unemployment and the participation constraint w >= outside decides instead)
    assume(trust.greif_wage(alpha, wbar, delta, sigma, hh, 0.0) > wbar)
    # Greif (1993), AER 83(3), p. 532-533: the wage rises with the cheater's rehiring probability, so the
    # coalition's multilateral punishment (h_c = 0) needs a lower wage than bilateral punishment (h_c = h_h)
    assert trust.greif_wage(alpha, wbar, delta, sigma, hh, 0.0) <= w + 1e-12
    assert w <= trust.greif_wage(alpha, wbar, delta, sigma, hh, hh) + 1e-12
    assert trust.greif_wage(alpha * 1.1, wbar, delta, sigma, hh, hc) > w
    assert trust.greif_wage(alpha, wbar + 0.1, delta, sigma, hh, hc) >= w - 1e-12


# ----------------------------------------------------------------------------------------------------------------
# core firm, relational contracts and hold-up
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=40)
@given(st.floats(0.01, 10), st.floats(0, 10), st.floats(0.01, 30), st.floats(0.01, 0.99))
def test_relational_contract_threshold_and_capability_cutoff(c, s, gap, delta):
    y = s + gap
    d = trust.relational_delta(c, y, s)
    assert _in_unit_or_inf(d)
    # Levin (2003), AER 93(3), Theorem 1: c <= delta/(1-delta) (y - c - s) at and above the threshold
    sustainable = c <= delta / (1 - delta) * (y - c - s) + 1e-9
    assert sustainable == (delta >= d - 1e-9) or abs(delta - d) < 1e-7
    assert (y >= trust.capability_cutoff(c, s, delta) - 1e-9) == sustainable or abs(delta - d) < 1e-7


def test_holdup_loss():
    # Hart & Moore (1990): quadratic cost, share beta -> loss theta^2 (1-beta)^2 / 2
    theta, beta = sympy.symbols("theta beta", positive=True)
    e = sympy.Symbol("e")
    surplus = lambda inv: theta * inv - inv ** 2 / 2  # noqa: E731
    loss = surplus(theta) - surplus(beta * theta)
    assert sympy.simplify(trust.holdup_loss(theta, beta) - loss) == 0
    assert trust.holdup_loss(np.array([1.0, 2.0]), 1.0).tolist() == [0.0, 0.0]
    assert e.is_Symbol


# ----------------------------------------------------------------------------------------------------------------
# properties of every threshold
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=30)
@given(pos, pos, pos, st.sampled_from([2, 4, 6, 10]))
def test_all_thresholds_lie_in_unit_interval_or_inf(G, R, RP, n):
    T, P = R + G, R - RP
    for d in (trust.grim_trigger_delta(T, R, P), trust.expulsion_delta(T, R, P),
              trust.contagion_delta(T, R, P, n), trust.pooled_delta([T, T + 1], [R, R], [P, P])):
        assert _in_unit_or_inf(d)
    assert trust.contagion_delta(T, R, P, n) >= trust.grim_trigger_delta(T, R, P) - 1e-9


# ----------------------------------------------------------------------------------------------------------------
# bad input
# ----------------------------------------------------------------------------------------------------------------
def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match=r"T must exceed R .*\(got T=2, R=3\)"):
        trust.grim_trigger_delta(2, 3, 1)
    with pytest.raises(ValueError, match=r"detection must lie in \(0, 1\] \(got detection=1.5\)"):
        trust.expulsion_delta(5, 3, 0, detection=1.5)
    with pytest.raises(ValueError, match=r"detection must lie in \(0, 1\]"):
        trust.min_rent_loss(5, 3, 0.5, detection=0)
    with pytest.raises(ValueError, match=r"delta must lie in \[0, 1\) \(got delta=1\)"):
        trust.min_detection(5, 3, 0, 1)
    with pytest.raises(ValueError, match=r"delta must lie in \[0, 1\)"):
        trust.min_rent_loss(5, 3, -0.1)
    with pytest.raises(ValueError, match="relocation_cost must be non-negative"):
        trust.expulsion_delta(5, 3, 0, relocation_cost=-1)
    with pytest.raises(ValueError, match="outside must not exceed R"):
        trust.expulsion_delta(5, 3, 4)
    with pytest.raises(ValueError, match="n_firms must be an even integer"):
        trust.contagion_delta(5, 3, 1, 5)
    with pytest.raises(ValueError, match="query_cost must be non-negative"):
        trust.law_merchant(5, 3, 1, -1, 1, 0.5)
    with pytest.raises(ValueError, match="appeal_cost must be non-negative"):
        trust.law_merchant(5, 3, 1, 0.1, -1, 0.5)
    with pytest.raises(ValueError, match="same length"):
        trust.pooled_delta([5, 4], [3, 3, 3], [1, 1])
    with pytest.raises(ValueError, match=r"T must be at least R for every firm \(firm 1"):
        trust.pooled_delta([5, 2], [3, 3], [1, 1])
    with pytest.raises(TypeError, match="one entry per firm"):
        trust.pooled_delta(5, 3, 1)
    with pytest.raises(ValueError, match="low must be positive for log utility"):
        trust.risk_sharing_delta(3, -1)
    with pytest.raises(ValueError, match="utility must be one of"):
        trust.risk_sharing_delta(3, 1, utility="cubic")
    with pytest.raises(ValueError, match="output must exceed outside"):
        trust.relational_delta(1, 1, 2)
    with pytest.raises(ValueError, match="effort_cost must be non-negative"):
        trust.relational_delta(-1, 3, 1)
    with pytest.raises(ValueError, match=r"beta must lie in \[0, 1\]"):
        trust.holdup_loss(1, 1.5)
    with pytest.raises(ValueError, match="rehire_cheater must lie in"):
        trust.greif_wage(1, 0.5, 0.9, 0.1, 0.5, 2)
    with pytest.raises(ValueError, match=r"share must lie in \[0, 1\]"):
        trust.BenefitPooling(2)
    with pytest.raises(ValueError, match="fine must be non-negative"):
        trust.Fine(-1)
    with pytest.raises(TypeError, match="transforms a StageGame"):
        trust.Subsidy(1)([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match=r"delta must lie in \[0, 1\)"):
        trust.contagion_check(5, 3, 1, 0, 4, 1.0)
    assert prisoners_dilemma  # the PD constructor validates its own orderings (games tests)


# -- benefit sharing with a firm that has no temptation (issue 16) ----------------------------------------------
def test_pooled_delta_allows_t_equal_r():
    # (12 - 6 + 4 - 4) / (12 - 2 + 4 - 1) = 6/13
    assert trust.pooled_delta(T=[12, 4], R=[6, 4], P=[2, 1]) == pytest.approx(6 / 13, rel=1e-15)
    b = trust.benefit_sharing(T=[12, 4], R=[6, 4], P=[2, 1], delta=0.5)
    assert b.individual.tolist() == [0.6, 0.0] and b.feasible
    T1 = sympy.Symbol("T1")
    assert sympy.simplify(trust.pooled_delta([T1, 4], [6, 4], [2, 1]) - (T1 - 6) / (T1 + 1)) == 0


# -- partial insurance (Coate & Ravallion 1993; Ligon, Thomas & Worrall 2002) ----------------------------------
def _quadratic(gamma):
    return lambda c: c - gamma * c**2 / 2


@pytest.mark.parametrize("delta", [0.5, 0.6, 2 / 3, 0.7, 0.75, 0.8, 5 / 6, 0.9])
def test_partial_insurance_quadratic_closed_form(delta):
    # hand-derived: with u = c - gamma c^2/2 the constraint (1-d)[t(1 - gamma h) + gamma t^2/2] <= d gamma t(D - t)/2
    # gives t = d D - 2 (1 - d)(1/gamma - h); h = 3, l = 1, gamma = 1/5: t = 6 d - 4, full (t = 1) from d = 5/6
    t = trust.partial_insurance(delta, 3, 1, utility=_quadratic(sympy.Rational(1, 5))).transfer
    assert t == pytest.approx(min(1.0, max(0.0, 6 * delta - 4)), abs=1e-12)


def test_partial_insurance_against_direct_solve_of_the_enforcement_constraint():
    from scipy.optimize import minimize

    h, lo = 3.0, 1.0
    deltas = np.array([0.55, 0.6, 0.65, 0.7, 0.73])
    r = trust.partial_insurance(deltas, h, lo)
    for d, t in zip(deltas, r.transfer):
        # maximise t subject to (1-d)[log h - log(h - t)] <= d [log(h-t) + log(l+t) - log h - log l]/2 (SLSQP)
        cons = {"type": "ineq", "fun": lambda x, d=d: d * 0.5 * (math.log(h - x[0]) + math.log(lo + x[0]) - math.log(h)
                                                                  - math.log(lo)) - (1 - d) * (math.log(h)
                                                                                               - math.log(h - x[0]))}
        res = minimize(lambda x: -x[0], [0.9], constraints=[cons], bounds=[(1e-9, 1.0)], method="SLSQP",
                       options={"ftol": 1e-14, "maxiter": 500})
        assert t == pytest.approx(res.x[0], abs=1e-7)
    # below 2u'(h)/(u'(l) + u'(h)) = 1/2 nothing is sustainable; from the full-insurance threshold, all of it
    assert trust.partial_insurance(0.4999, h, lo).transfer == 0.0
    assert trust.partial_insurance(0.5001, h, lo).transfer > 0.0
    dstar = trust.risk_sharing_delta(h, lo)
    assert r.threshold == pytest.approx(dstar)
    assert trust.partial_insurance(dstar + 1e-9, h, lo).transfer == 1.0
    assert trust.partial_insurance(dstar - 1e-6, h, lo).transfer == pytest.approx(1.0, abs=1e-4)
    assert np.all(np.diff(r.transfer) > 0)  # more patience, more insurance


def _brute_linked_threshold(T, R, P, h, lo, u, m=4001):
    t = np.linspace(0, (h - lo) / 2, m)
    C = u(h) - u(h - t)
    G = 0.5 * (u(h - t) + u(lo + t) - u(h) - u(lo))

    def slack(d):
        return np.max(d * ((R - P) + G) - (1 - d) * ((T - R) + C))

    a, b = 0.0, (T - R) / (T - P)
    for _ in range(60):
        mid = (a + b) / 2
        a, b = (a, mid) if slack(mid) >= 0 else (mid, b)
    return b


@pytest.mark.parametrize("T, R, P", [(1.2, 1.0, 0.9), (1.3, 1.0, 0.8), (5.0, 3.0, 2.0)])
def test_linked_relationship_threshold_against_brute_force(T, R, P):
    r = trust.linked_relationship(0.5, T=T, R=R, P=P, high=3, low=1)
    assert r.trade_threshold_alone == pytest.approx((T - R) / (T - P))
    assert r.trade_threshold_linked == pytest.approx(_brute_linked_threshold(T, R, P, 3.0, 1.0, np.log), abs=2e-6)
    assert r.trade_threshold_linked <= r.trade_threshold_alone


def test_linked_relationship_pools_constraints():
    # delta = 0.65: trade alone needs 2/3, linked it is credible (insurance slack carries it)
    r = trust.linked_relationship(0.65, T=1.2, R=1, P=0.9, high=3, low=1)
    assert not r.trade_alone and r.trade_linked
    # the pooled constraint binds at the linked transfer
    u = np.log
    t = r.insurance_linked
    pooled = 0.65 * (0.1 + 0.5 * (u(3 - t) + u(1 + t) - u(3) - u(1))) - 0.35 * (0.2 + u(3) - u(3 - t))
    assert pooled == pytest.approx(0.0, abs=1e-10)
    # delta = 0.7: trade is credible alone too, and its surplus supports more insurance than insurance alone
    r = trust.linked_relationship(0.7, T=1.2, R=1, P=0.9, high=3, low=1)
    assert r.trade_alone and r.trade_linked and r.insurance_linked > r.insurance_alone
    # patient enough for full insurance: linking changes nothing
    r = trust.linked_relationship(0.9, T=1.2, R=1, P=0.9, high=3, low=1)
    assert r.insurance_alone == r.insurance_linked == 1.0


def test_holdup_and_pooling_cite_the_right_papers():
    assert "Grout" in trust.holdup_loss.__doc__ and "Williamson" in trust.holdup_loss.__doc__
    assert "not* the property-rights model" in trust.holdup_loss.__doc__
    assert "Bernheim" in trust.pooled_delta.__doc__ and "Levin" in trust.pooled_delta.__doc__


def test_contagion_simulation_records_a_seed_that_replays_it():
    """rng=None runs record their seed (issue 16): replaying it gives the same estimate, bit for bit."""
    first = trust.simulate_contagion_value(5, 1, 6, 0.8, n_runs=200)
    again = trust.simulate_contagion_value(5, 1, 6, 0.8, n_runs=200, rng=first.seed)
    assert (again.estimate, again.stderr, again.n_runs) == (first.estimate, first.stderr, 200)
    m, se = first
    assert se > 0 and abs(m - trust.contagion_deviation_value(5, 1, 6, 0.8)) < 6 * se
