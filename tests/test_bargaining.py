"""Bargaining solutions, Rubinstein's game, coalitional games and bargaining versus administrative order."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from clustergames import bargaining
from clustergames.bargaining import CoalitionalGame
from clustergames.entry import RegionalEntryGame


# -- two-player bargaining --------------------------------------------------------------------------------------
def test_nash_and_ks_on_a_quadratic_frontier_closed_forms():
    # u2 = 1 - u1^2, d = 0: Nash maximises u1 (1 - u1^2) -> u1 = 1/sqrt(3); KS solves u1 = 1 - u1^2 (golden ratio)
    nash = bargaining.nash_solution(frontier=lambda u: 1 - u**2, domain=(0, 1))
    ks = bargaining.kalai_smorodinsky(frontier=lambda u: 1 - u**2, domain=(0, 1))
    assert nash.payoffs[0] == pytest.approx(1 / math.sqrt(3), abs=1e-8)
    assert ks.payoffs[0] == pytest.approx((math.sqrt(5) - 1) / 2, abs=1e-10)
    assert ks.payoffs[1] == pytest.approx(ks.payoffs[0], abs=1e-10)


def test_transferable_total_solutions_agree():
    kw = dict(total=10, disagreement=(1, 3))
    for solve in (bargaining.nash_solution, bargaining.kalai_smorodinsky, bargaining.egalitarian):
        assert solve(**kw).payoffs == pytest.approx((4.0, 6.0))
    assert bargaining.nash_solution(total=10, disagreement=(1, 3), power=0.25).payoffs == pytest.approx((2.5, 7.5))


def test_nash_solution_symbolic_total():
    T, d1, d2, a = sympy.symbols("T d1 d2 alpha", positive=True)
    s = bargaining.nash_solution(total=T, disagreement=(d1, d2), power=a)
    assert sympy.simplify(s.payoffs[0] - (d1 + a * (T - d1 - d2))) == 0
    assert sympy.simplify(s.payoffs[0] + s.payoffs[1] - T) == 0


frontiers = st.tuples(st.floats(0.5, 5), st.floats(0.5, 5), st.floats(1.0, 4.0))


@settings(max_examples=40, deadline=None)
@given(fr=frontiers, r1=st.floats(0, 0.8), r2=st.floats(0, 0.8), power=st.floats(0.05, 0.95))
def test_nash_solution_is_pareto_optimal_and_individually_rational(fr, r1, r2, power):
    h1, h2, p = fr

    def f(u):
        return h2 * (1 - (u / h1) ** p)

    d = (r1 * h1, r2 * f(r1 * h1))
    s = bargaining.nash_solution(frontier=f, domain=(0, h1), disagreement=d, power=power)
    u1, u2 = s.payoffs
    assert u2 == pytest.approx(f(u1), abs=1e-9)  # on the frontier: Pareto optimal
    assert u1 >= d[0] - 1e-12 and u2 >= d[1] - 1e-12  # individually rational
    # first-order condition of the Nash product: alpha/(u1-d1) = (1-alpha) (-f'(u1)) / (u2-d2)
    slope = h2 * p * (u1 / h1) ** (p - 1) / h1
    assert power * (u2 - d[1]) == pytest.approx((1 - power) * slope * (u1 - d[0]), rel=1e-4, abs=1e-7)
    ks = bargaining.kalai_smorodinsky(frontier=f, domain=(0, h1), disagreement=d)
    assert ks.payoffs[1] == pytest.approx(f(ks.payoffs[0]), abs=1e-9)
    I1, I2 = h1 * (1 - d[1] / h2) ** (1 / p), f(d[0])  # ideal point
    assert (ks.payoffs[0] - d[0]) * (I2 - d[1]) == pytest.approx((ks.payoffs[1] - d[1]) * (I1 - d[0]), abs=1e-8)
    eg = bargaining.egalitarian(frontier=f, domain=(0, h1), disagreement=d)
    assert eg.payoffs[1] == pytest.approx(f(eg.payoffs[0]), abs=1e-9)
    assert eg.gains[0] == pytest.approx(eg.gains[1], abs=1e-9) and eg.gains[0] > 0


def test_points_use_pareto_boundary_of_convex_hull():
    hull = [[0, 4], [3, 3], [4, 0]]
    with_junk = hull + [[2, 2.5], [1, 1], [3.5, 1], [0, 0]]  # a dent inside the hull and dominated points
    a = bargaining.nash_solution(frontier=hull, disagreement=(0.5, 0.5))
    b = bargaining.nash_solution(frontier=with_junk, disagreement=(0.5, 0.5))
    c = bargaining.nash_solution(frontier=lambda u: np.interp(u, [0, 3, 4], [4, 3, 0]), domain=(0, 4),
                                 disagreement=(0.5, 0.5))
    assert a.payoffs == pytest.approx(b.payoffs, abs=1e-8)
    assert a.payoffs == pytest.approx(c.payoffs, abs=1e-6)
    # a non-convex set of points: the concave vertex (2, 2) is dropped from the frontier
    p = bargaining.BargainingProblem(frontier=[[0, 4], [2, 2], [4, 0], [3, 3]], disagreement=(0, 0))
    assert p.vertices.tolist() == [[0.0, 4.0], [3.0, 3.0], [4.0, 0.0]]


# -- Rubinstein -------------------------------------------------------------------------------------------------
def test_rubinstein_published_shares():
    # Rubinstein (1982, Econometrica 50, Theorem p. 107): the first proposer gets (1 - d2)/(1 - d1 d2); with a
    # common discount factor d this is 1/(1 + d).
    x1, x2 = bargaining.rubinstein(0.9, 0.9)
    assert x1 == pytest.approx(1 / 1.9) and x2 == pytest.approx(0.9 / 1.9)
    assert bargaining.rubinstein(0.5, 0.8)[0] == pytest.approx(0.2 / 0.6)
    assert bargaining.rubinstein(1.0, 0.5) == pytest.approx((1.0, 0.0))  # the infinitely patient player takes all
    d1, d2 = sympy.symbols("delta1 delta2", positive=True)
    assert sympy.simplify(bargaining.rubinstein(d1, d2)[1] - d2 * (1 - d1) / (1 - d1 * d2)) == 0


def test_rubinstein_is_limit_of_finite_horizon_backward_induction():
    # Stahl (1972): with a last period the proposer takes all; the shares converge to Rubinstein's as T grows
    d1, d2 = 0.8, 0.6
    share = 1.0  # proposer's share in the last round
    for t in range(400):  # even number of rounds: alternate who proposes
        responder = d2 if t % 2 == 1 else d1
        share = 1 - responder * share
    assert share == pytest.approx(bargaining.rubinstein(d1, d2)[0], abs=1e-12)


def test_rubinstein_outside_option_principle():
    base = bargaining.rubinstein(0.9, 0.9)
    assert bargaining.rubinstein(0.9, 0.9, outside_options=(0.1, 0.3)) == pytest.approx(base)  # options too small
    assert bargaining.rubinstein(0.9, 0.9, outside_options=(0.0, 0.6)) == pytest.approx((0.4, 0.6))
    # player 1's option binds when player 2 proposes: x1 = 1 - d2 (1 - w1)
    assert bargaining.rubinstein(0.9, 0.9, outside_options=(0.6, 0.0))[0] == pytest.approx(1 - 0.9 * 0.4)


@settings(max_examples=40, deadline=None)
@given(d1=st.floats(0.05, 0.95), d2=st.floats(0.05, 0.95), w1=st.floats(0, 0.6), w2=st.floats(0, 0.6))
def test_outside_options_match_iterated_equilibrium_conditions(d1, d2, w1, w2):
    # independent method: iterate the stationary conditions x1 = 1 - max(w2, d2 y2), y2 = 1 - max(w1, d1 x1),
    # a contraction with modulus d1 d2
    assume(w1 + w2 < 0.999)
    x1 = 1.0
    for _ in range(2000):
        y2 = 1 - max(w1, d1 * x1)
        x1 = 1 - max(w2, d2 * y2)
    assert bargaining.rubinstein(d1, d2, outside_options=(w1, w2))[0] == pytest.approx(x1, abs=1e-9)


@pytest.mark.parametrize("r1, r2", [(0.1, 0.3), (0.05, 0.05), (0.4, 0.1)])
def test_rubinstein_limit_equals_asymmetric_nash(r1, r2):
    # Binmore, Rubinstein & Wolinsky (1986, RAND J. Econ. 17): as the period shrinks, the SPE tends to the Nash
    # solution with power r2/(r1 + r2), on a pie and on a curved frontier
    alpha = r2 / (r1 + r2)
    assert bargaining.rubinstein_rates(r1, r2, 1e-7) == pytest.approx(
        bargaining.nash_solution(total=1, power=alpha).payoffs[0], abs=1e-6)
    D = 1e-5
    f = lambda u: 1 - u**2  # noqa: E731
    rub = bargaining.rubinstein_payoffs(math.exp(-r1 * D), math.exp(-r2 * D), frontier=f, domain=(0, 1),
                                        disagreement=(0.1, 0.1))
    nash = bargaining.nash_solution(frontier=f, domain=(0, 1), disagreement=(0.1, 0.1), power=alpha)
    assert rub.payoffs == pytest.approx(nash.payoffs, abs=1e-4)


# -- coalitional games ------------------------------------------------------------------------------------------
GLOVE = {(0, 1): 1, (0, 2): 1, (0, 1, 2): 1}  # player 0 holds a left glove, players 1 and 2 a right glove each
MAJORITY = {(0, 1): 1, (0, 2): 1, (1, 2): 1, (0, 1, 2): 1}


def test_glove_game():
    # The glove game (Shapley & Shubik 1969; Maschler, Solan & Zamir 2013, Game Theory, ch. 17-18): Shapley value
    # (2/3, 1/6, 1/6); the core and the nucleolus are the single point (1, 0, 0).
    g = CoalitionalGame(GLOVE)
    assert g.shapley() == pytest.approx([2 / 3, 1 / 6, 1 / 6])
    assert g.nucleolus() == pytest.approx([1, 0, 0], abs=1e-9)
    assert g.core_vertices() == pytest.approx(np.array([[1.0, 0.0, 0.0]]), abs=1e-9)
    assert not g.in_core(g.shapley())


def test_airport_game_shapley():
    # Littlechild & Owen (1973, Management Science 20, 370-372): in the airport game c(S) = max_{i in S} c_i the
    # Shapley value splits each runway segment equally among the players who use it.
    costs = [1.0, 3.0, 6.0]
    g = CoalitionalGame.from_function(3, lambda s: -max(costs[i] for i in s))
    assert -g.shapley() == pytest.approx([1 / 3, 1 / 3 + 2 / 2, 1 / 3 + 1 + 3])


@pytest.mark.parametrize("estate, expected", [(100, [100 / 3] * 3), (200, [50, 75, 75]), (300, [50, 100, 150])])
def test_talmud_bankruptcy_nucleolus(estate, expected):
    # Aumann & Maschler (1985, J. Econ. Theory 36, 195-213): the nucleolus of the bankruptcy game with claims
    # 100, 200, 300 is the Talmud's division of an estate of 100, 200 or 300.
    claims = [100, 200, 300]
    g = CoalitionalGame.from_function(3, lambda s: max(0.0, estate - sum(c for i, c in enumerate(claims)
                                                                         if i not in s)))
    assert g.nucleolus() == pytest.approx(expected, abs=1e-6)


def test_majority_game_has_empty_core():
    # The three-player majority game (von Neumann & Morgenstern 1944; Osborne & Rubinstein 1994, ch. 13): any two
    # players can take the whole unit, so the core is empty; the nucleolus is the equal split.
    g = CoalitionalGame(MAJORITY)
    assert g.is_core_empty()
    assert g.core_vertices().shape == (0, 3)
    assert not g.in_core([1 / 3] * 3)
    assert g.nucleolus() == pytest.approx([1 / 3] * 3, abs=1e-9)
    assert not CoalitionalGame(GLOVE).is_core_empty()


def _random_game(seed, n):
    rng = np.random.default_rng(seed)
    values = {}
    for m in range(1, 1 << n):
        members = tuple(i for i in range(n) if m >> i & 1)
        values[members] = float(rng.uniform(0, len(members)))
    return CoalitionalGame(values, n_players=n)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(2, 5))
def test_shapley_efficient_and_additive(seed, n):
    g, h = _random_game(seed, n), _random_game(seed + 1, n)
    assert g.shapley().sum() == pytest.approx(g.grand_worth)
    assert (g + h).shapley() == pytest.approx(g.shapley() + h.shapley())


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(2, 5))
def test_shapley_symmetric(seed, n):
    rng = np.random.default_rng(seed)
    worth = {}

    def swap(m):  # exchange players 0 and 1
        b0, b1 = m & 1, (m >> 1) & 1
        return (m & ~3) | (b0 << 1) | b1

    values = {}
    for m in range(1, 1 << n):
        key = min(m, swap(m))
        worth.setdefault(key, float(rng.uniform(-1, 3)))
        values[tuple(i for i in range(n) if m >> i & 1)] = worth[key]
    phi = CoalitionalGame(values, n_players=n).shapley()
    assert phi[0] == pytest.approx(phi[1])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(seed=st.integers(0, 10**6), n=st.integers(2, 5))
def test_nucleolus_lies_in_non_empty_core(seed, n):
    # about 1 in 5 random games has a non-empty core: the filtering is expected
    g = _random_game(seed, n)
    assume(not g.is_core_empty())
    x = g.nucleolus()
    assert g.in_core(x, tol=1e-7)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(2, 5))
def test_nucleolus_of_convex_game_in_core_and_maximises_least_excess(seed, n):
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0.1, 1, n)
    g = CoalitionalGame.from_function(n, lambda s: float(sum(weights[i] for i in s) ** 2))  # supermodular
    assert not g.is_core_empty()
    x = g.nucleolus()
    assert g.in_core(x, tol=1e-7)
    # its largest excess equals the least-core value found by one independent LP
    inc = g._incidence[1:-1]
    res = linprog(np.r_[np.zeros(n), 1.0], A_ub=np.hstack([-inc, -np.ones((len(inc), 1))]), b_ub=-g.v[1:-1],
                  A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[g.grand_worth], bounds=[(None, None)] * (n + 1),
                  method="highs")
    assert g.excesses(x)[1:-1].max() == pytest.approx(res.fun, abs=1e-7)


def test_two_player_nucleolus_and_shapley_split_the_surplus():
    g = CoalitionalGame({(0,): 1, (1,): 2, (0, 1): 7})
    assert g.nucleolus() == pytest.approx([3, 4]) and g.shapley() == pytest.approx([3, 4])


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_core_vertices_of_three_players_against_lp(seed):
    g = _random_game(seed, 3)
    assume(not g.is_core_empty())
    verts = g.core_vertices()
    assert all(g.in_core(v, tol=1e-7) for v in verts)
    rng = np.random.default_rng(seed)
    for _ in range(5):  # every LP optimum over the core in a random direction is one of the vertices (or on an edge)
        c = rng.normal(size=3)
        res = linprog(c, A_ub=-g._incidence[1:-1], b_ub=-g.v[1:-1], A_eq=np.ones((1, 3)), b_eq=[g.grand_worth],
                      bounds=[(None, None)] * 3, method="highs")
        assert min(verts @ c) == pytest.approx(res.fun, abs=1e-7)


# -- bargaining versus administrative order --------------------------------------------------------------------
def test_compare_governance_regional_game():
    g = RegionalEntryGame(3, a=10, b=1, cost=[1, 2, 3], damage=2, local_share=0.5)
    comp = bargaining.compare_governance(g, rule="optimum")
    frame = comp.to_frame()
    eq, opt = g.equilibrium(), g.joint_optimum()
    totals = frame["total"]
    assert totals["Nash bargaining"] == pytest.approx(opt.total)
    assert totals["administrative (optimum)"] == pytest.approx(opt.total)
    assert totals["non-cooperative"] == pytest.approx(eq.total) and opt.total > eq.total
    assert totals["Shapley value"] == pytest.approx(opt.total)
    # the imposed optimum leaves the high-cost regions below their equilibrium payoff: they would walk away
    assert frame.loc["administrative (optimum)", "walk away"] == "region 2, region 3"
    assert frame.loc["Nash bargaining", "participation"]
    nash = np.array([frame.loc["Nash bargaining", r] for r in g.names])
    assert nash - eq.payoffs == pytest.approx(np.full(3, (opt.total - eq.total) / 3))
    assert comp.in_core["Nash bargaining"] == comp.coalitional.in_core(nash, tol=1e-7)
    assert not comp.in_core["administrative (optimum)"]
    equal = bargaining.compare_governance(g, rule="equal").to_frame()
    assert equal.loc["administrative (equal)", "total"] < opt.total
    assert len(comp.long()) == 15  # five allocations x three regions


# -- bad input --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, exc, match", [
    (lambda: bargaining.nash_solution(total=10, power=1.2), ValueError, r"power must lie in \(0, 1\).*1.2"),
    (lambda: bargaining.nash_solution(total=10, power=0), ValueError, r"power must lie in \(0, 1\)"),
    (lambda: bargaining.kalai_smorodinsky(total=1, power=-0.1), ValueError, r"power must lie in \(0, 1\)"),
    (lambda: bargaining.nash_solution(total=10, disagreement=(6, 5)), ValueError, "disagreement must lie"),
    (lambda: bargaining.nash_solution(frontier=lambda u: 1 - u, domain=(0, 1), disagreement=(0.6, 0.6)),
     ValueError, "disagreement must lie"),
    (lambda: bargaining.nash_solution(frontier=[[0, 1], [1, 0]], disagreement=(2, 2)), ValueError,
     "disagreement must lie"),
    (lambda: bargaining.nash_solution(frontier=lambda u: 1 - math.sqrt(u), domain=(0, 1)), ValueError,
     "concave"),
    (lambda: bargaining.nash_solution(frontier=lambda u: u, domain=(0, 1)), ValueError, "non-increasing"),
    (lambda: bargaining.nash_solution(frontier=lambda u: 1 - u), ValueError, "domain"),
    (lambda: bargaining.nash_solution(total=1, frontier=[[0, 1]]), ValueError, "exactly one"),
    (lambda: bargaining.nash_solution(), ValueError, "exactly one"),
    (lambda: bargaining.nash_solution(frontier=[[0, 1, 2]]), ValueError, r"shape \(k, 2\)"),
    (lambda: bargaining.rubinstein(1.2, 0.5), ValueError, r"delta1 must lie in \[0, 1\]"),
    (lambda: bargaining.rubinstein(1, 1), ValueError, "at least one"),
    (lambda: bargaining.rubinstein(0.9, 0.9, outside_options=(0.6, 0.6)), ValueError, "w1 \\+ w2 < 1"),
    (lambda: bargaining.rubinstein_rates(-0.1, 0.2, 1), ValueError, "r1 .*positive"),
    (lambda: CoalitionalGame({(0, 5): 1}, n_players=3), ValueError, "unknown player 5"),
    (lambda: CoalitionalGame({(0, -1): 1}), ValueError, "unknown player -1"),
    (lambda: CoalitionalGame({(0, 0): 1}), ValueError, "twice"),
    (lambda: CoalitionalGame({(0, "a"): 1}), TypeError, "integer player indices"),
    (lambda: CoalitionalGame({(0, 1): "x"}), TypeError, "must be a real number"),
    (lambda: CoalitionalGame({(): 1, (0,): 1}), ValueError, "empty coalition"),
    (lambda: CoalitionalGame(GLOVE).in_core([1, 0]), ValueError, "one payoff per player"),
    (lambda: CoalitionalGame(GLOVE).worth((7,)), ValueError, "unknown player 7"),
    (lambda: CoalitionalGame({(0,): 2, (1,): 2, (0, 1): 3}).nucleolus(), ValueError, "imputation"),
    (lambda: bargaining.compare_governance(RegionalEntryGame(2), rule="strong"), ValueError, "rule must be"),
    (lambda: bargaining.compare_governance("game"), TypeError, "RegionalEntryGame"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), n=st.integers(3, 4))
def test_nucleolus_is_lexicographically_minimal_among_nearby_imputations(seed, n):
    # independent check of the LP sequence: no nearby imputation has a lexicographically smaller vector of sorted
    # excesses (Schmeidler 1969's definition, applied directly)
    g = _random_game(seed, n)
    singles = np.array([g.worth((i,)) for i in range(n)])
    assume(singles.sum() < g.grand_worth - 1e-6)
    x = g.nucleolus()

    def theta(y):
        return np.sort(g.excesses(y)[1:-1])[::-1]

    base = theta(x)
    rng = np.random.default_rng(seed)
    for _ in range(200):
        step = rng.normal(size=n)
        step -= step.mean()
        y = x + rng.uniform(1e-4, 0.2) * step / np.abs(step).max()
        if (y < singles - 1e-12).any():
            continue
        diff = theta(y) - base
        first = np.flatnonzero(np.abs(diff) > 1e-9)
        assert len(first) == 0 or diff[first[0]] > 0


# -- issue 16: exact frontier solutions, scaled nucleolus ------------------------------------------------------
def test_nash_on_piecewise_linear_frontier_is_exact():
    # u2 = 2 - 2 u1 from d = 0: the first-order condition gives u1 = power exactly
    for power in (0.3, 0.5, 0.9):
        s = bargaining.nash_solution(frontier=[[0, 2], [1, 0]], power=power)
        assert abs(s.payoffs[0] - power) < 1e-12 and abs(s.payoffs[1] - 2 * (1 - power)) < 1e-12


def test_nash_on_smooth_callable_frontier_solves_first_order_condition():
    # u2 = cos(u1): alpha (cos u - d2) = (1 - alpha) u sin u; with alpha = 1/2, u cot... root of cos u = u sin u
    s = bargaining.nash_solution(frontier=lambda u: math.cos(u), domain=(0, math.pi / 2))
    assert abs(s.payoffs[0] - 0.8603335890193797) < 1e-11
    s = bargaining.nash_solution(frontier=lambda u: 1 - u**2, domain=(0, 1))  # sympy-differentiable: exact
    assert abs(s.payoffs[0] - 1 / math.sqrt(3)) < 1e-14


@pytest.mark.parametrize("scale", [1e300, 1e-300, 1.0])
def test_nucleolus_scaled_worths(scale):
    g = CoalitionalGame({(0, 1, 2): 200 * scale, (1, 2): 100 * scale, (0, 2): 0, (2,): 0})
    assert g.nucleolus() == pytest.approx(np.array([50, 75, 75]) * scale, rel=1e-9)


# -- Myerson & Satterthwaite (1983): voluntary bargaining with private costs ----------------------------------
def test_myerson_satterthwaite_uniform_closed_form():
    # Myerson & Satterthwaite (1983, J. Econ. Theory 29, sec. 4): uniform [0, 1] types, the ex-ante efficient
    # mechanism trades iff v - c >= 1/4; expected gains 9/64 against the first best 1/6
    r = bargaining.myerson_satterthwaite()
    assert abs(r.second_best - 9 / 64) < 1e-15 and abs(r.first_best - 1 / 6) < 1e-15
    assert abs(r.threshold - 0.25) < 1e-14 and abs(r.loss - 5 / 192) < 1e-15
    assert abs(r.efficiency - 27 / 32) < 1e-14 and abs(r.multiplier - 1 / 3) < 1e-13
    # trade probability: P(v - c >= 1/4) = (3/4)^2 / 2 = 9/32; the efficient mechanism needs a subsidy of 1/6
    assert abs(r.trade_probability - 9 / 32) < 1e-15 and abs(r.efficient_trade_probability - 0.5) < 1e-15
    assert abs(r.subsidy - 1 / 6) < 1e-15


def test_myerson_satterthwaite_matches_chatterjee_samuelson_and_brute_force():
    # the linear equilibrium of the split-the-difference double auction (Chatterjee & Samuelson 1983):
    # bid 2v/3 + 1/12, ask 2c/3 + 1/4, trade iff bid >= ask iff v - c >= 1/4 -- the same rule
    rng = np.random.default_rng(3)
    v, c = rng.random(400_000), rng.random(400_000)
    trade = (2 * v / 3 + 1 / 12) >= (2 * c / 3 + 1 / 4)
    r = bargaining.myerson_satterthwaite()
    assert np.mean((v - c) * trade) == pytest.approx(r.second_best, abs=3e-3)
    # budget balance of the rule: E[(phi_v - phi_c) 1{trade}] = 0 on a fine midpoint grid
    m = 2000
    grid = (np.arange(m) + 0.5) / m
    V, C = np.meshgrid(grid, grid)
    inside = V - C >= r.threshold
    assert np.mean(((2 * V - 1) - 2 * C) * inside) == pytest.approx(0.0, abs=2e-3)


def test_myerson_satterthwaite_invariance_and_no_overlap():
    base = bargaining.myerson_satterthwaite((0, 2), (1, 3))
    scaled = bargaining.myerson_satterthwaite((5, 9), (7, 11))  # x2 and shifted by 5
    assert scaled.efficiency == pytest.approx(base.efficiency, rel=1e-12)
    assert scaled.threshold == pytest.approx(2 * base.threshold, rel=1e-12)
    apart = bargaining.myerson_satterthwaite((0, 1), (2, 3))  # always gains from trade: a posted price works
    assert apart.loss == 0 and apart.efficiency == 1 and apart.subsidy == 0
    assert apart.first_best == pytest.approx(2.0)
