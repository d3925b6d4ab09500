"""Entry economics: Mankiw-Whinston, Salop, the eco-chain commons, subsidy pacts and the regional entry game.

Every closed form is checked against an independent numeric computation (root finding, direct optimisation,
brute force over integers) and against the published propositions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize_scalar

from clustergames import entry
from clustergames.entry import RegionalEntryGame

pos = st.floats(0.1, 10.0)


# -- Cournot with free entry (Mankiw & Whinston 1986) ----------------------------------------------------------
def _cournot_welfare_direct(a, b, c, F, n):
    """Welfare from the Cournot quantities: consumer surplus plus profits minus entry costs."""
    q = (a - c) / (b * (n + 1))
    Q = n * q
    price = a - b * Q
    return 0.5 * b * Q**2 + n * (price - c) * q - n * F


def test_cournot_welfare_matches_direct_computation():
    for n in [0, 1, 2.5, 7, 20]:
        assert entry.cournot_welfare(10, 1.5, 2, 0.7, n) == pytest.approx(_cournot_welfare_direct(10, 1.5, 2, 0.7, n))


def test_cournot_free_and_optimal_entry_against_numeric_solutions():
    a, b, c, F = 12.0, 0.8, 3.0, 0.9
    n_free = brentq(lambda n: entry.cournot_profit(a, b, c, F, n), 0, 100)
    n_opt = minimize_scalar(lambda n: -_cournot_welfare_direct(a, b, c, F, n), bounds=(0, 100), method="bounded",
                            options={"xatol": 1e-10}).x
    r = entry.cournot_entry(a, b, c, F)
    assert r.free == pytest.approx(n_free, rel=1e-9)
    assert r.optimal == pytest.approx(n_opt, rel=1e-6)
    # integers by brute force: largest n that breaks even; integer maximiser of welfare
    ns = np.arange(0, 200)
    assert r.free_integer == max(n for n in ns if entry.cournot_profit(a, b, c, F, n) >= 0)
    assert r.optimal_integer == int(ns[np.argmax([_cournot_welfare_direct(a, b, c, F, n) for n in ns])])


def test_mankiw_whinston_linear_example():
    # Mankiw & Whinston (1986, RAND J. Econ. 17, section 2): with linear demand and Cournot competition free entry
    # is excessive, (n_e + 1) = (n* + 1)^(3/2); with (a - c)/sqrt(bF) = 8 that is 7 firms against 3, and capping
    # entry at 3 raises welfare from 64*63/128 - 7 = 24.5 to 64*15/32 - 3 = 27.
    r = entry.cournot_entry(a=10, b=1, c=2, F=1)
    assert (r.free, r.optimal) == (pytest.approx(7.0), pytest.approx(3.0))
    assert r.welfare(7) == pytest.approx(24.5) and r.welfare(3) == pytest.approx(27.0)
    assert r.cap_gain == pytest.approx(2.5)


def test_mankiw_whinston_integer_entry_can_fall_short_by_one_firm():
    # Mankiw & Whinston (1986, section 2): with the integer constraint free entry can be insufficient, but by at
    # most one firm. With (a - c)^2/(bF) = 3.61 a monopolist loses money (3.61/4 < 1) but welfare with one firm
    # is positive (3.61 * 3/8 > 1).
    r = entry.cournot_entry(a=2.9, b=1, c=1, F=1)
    assert r.free_integer == 0 and r.optimal_integer == 1
    assert r.free_integer >= r.optimal_integer - 1


@settings(max_examples=60, deadline=None)
@given(a=st.floats(1.5, 50), b=pos, c=st.floats(0, 1.0), F=st.floats(0.01, 5))
def test_free_entry_at_least_optimum(a, b, c, F):
    r = entry.cournot_entry(a, b, c, F)
    if r.free >= 0:
        assert r.free >= r.optimal - 1e-9
    assert r.free_integer >= r.optimal_integer - 1
    assert r.cap_gain >= -1e-9
    s = entry.salop_entry(b, F)
    assert s.free >= s.optimal
    m = entry.commons_entry(a, b, c)
    assert m.free >= m.optimal


def test_cournot_symbolic_relation():
    a, b, c, F = sympy.symbols("a b c F", positive=True)
    r = entry.cournot_entry(a, b, c, F)
    assert r.free_integer is None
    assert sympy.simplify((r.optimal + 1) ** 3 - (r.free + 1) ** 2) == 0


def test_cournot_arrays_broadcast():
    F = np.array([0.25, 1.0, 4.0])
    r = entry.cournot_entry(10, 1, 2, F)
    assert np.allclose(r.free, 8 / np.sqrt(F) - 1)
    assert r.free_integer.tolist() == [15, 7, 3]


# -- Salop and the commons --------------------------------------------------------------------------------------
def test_salop_against_numeric_cost_minimisation():
    # Salop (1979): equilibrium price c + t/n gives profit t/n^2 - f; total cost n f + t/(4n)
    t, f = 3.0, 0.2
    n_free = brentq(lambda n: t / n**2 - f, 0.01, 100)
    n_opt = minimize_scalar(lambda n: n * f + t / (4 * n), bounds=(0.01, 100), method="bounded",
                            options={"xatol": 1e-10}).x
    r = entry.salop_entry(t, f)
    assert r.free == pytest.approx(n_free) and r.optimal == pytest.approx(n_opt, rel=1e-6)
    assert r.free == pytest.approx(2 * r.optimal)


def test_commons_against_numeric_optimum():
    alpha, beta, c = 7.0, 0.5, 1.0
    n_opt = minimize_scalar(lambda N: -(alpha * N - beta * N**2 - c * N), bounds=(0, 50), method="bounded",
                            options={"xatol": 1e-10}).x
    r = entry.commons_entry(alpha, beta, c)
    assert r.optimal == pytest.approx(n_opt, rel=1e-6)
    assert (alpha * r.free - beta * r.free**2) / r.free == pytest.approx(c)  # average return = entry cost


# -- subsidy competition ----------------------------------------------------------------------------------------
@settings(max_examples=30, deadline=None)
@given(V=st.floats(1, 100), frac=st.floats(0.01, 0.49))
def test_subsidy_pact_delta_is_grim_trigger_threshold_of_its_game(V, frac):
    s = frac * V
    g = entry.subsidy_game(V, s)
    (R, S), (T, P) = g.A
    assert T > R > P > S
    assert entry.subsidy_pact_delta(V, s) == pytest.approx((T - R) / (T - P))


def test_subsidy_game_equilibrium_is_mutual_subsidy():
    eqs = entry.subsidy_game(10, 2).equilibria()
    assert len(eqs) == 1 and eqs[0].row.tolist() == [0.0, 1.0] and eqs[0].col.tolist() == [0.0, 1.0]


def test_subsidy_pact_threshold_semantics():
    assert entry.subsidy_pact_delta(10, 0) == math.inf
    assert entry.subsidy_pact_delta(10, 6) == 0.0
    V, s = sympy.symbols("V s", positive=True)
    assert sympy.simplify(entry.subsidy_pact_delta(V, s) - (1 - 2 * s / V)) == 0


# -- the regional entry game ------------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 5), a=st.floats(1, 20), b=st.floats(0.2, 3), c=st.floats(0, 5), d=st.floats(0, 5),
       e=st.floats(0, 3), lam=st.floats(0, 1))
def test_regional_numeric_equilibrium_matches_symmetric_closed_form(n, a, b, c, d, e, lam):
    lam = lam if n > 1 else 1.0  # a single region keeps all its damage
    g = RegionalEntryGame(n, a=a, b=b, cost=c, damage=d, convexity=e, local_share=lam)
    eq = g.equilibrium()
    opt = g.joint_optimum()
    assert np.allclose(eq.entry, entry.regional_equilibrium_entry(n, a, b, c, d, e, lam), atol=1e-7)
    assert np.allclose(opt.entry, entry.regional_optimal_entry(n, a, b, c, d, e), atol=1e-7)
    assert eq.total_entry >= opt.total_entry - 1e-9  # excess entry
    assert opt.total >= eq.total - 1e-9


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_regional_equilibrium_is_mutual_best_response_heterogeneous(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    g = RegionalEntryGame(n, a=rng.uniform(2, 10), b=rng.uniform(0.2, 2), cost=rng.uniform(0, 3, n),
                          damage=rng.uniform(0, 3, n), convexity=rng.uniform(0, 2, n),
                          local_share=rng.uniform(0, 1, n))
    eq = g.equilibrium(verify=False)
    grid = np.linspace(0, 3 * g.a / g.b, 3001)
    for i in range(n):  # independent check: no unilateral deviation on a fine grid does better
        trial = np.tile(eq.entry, (len(grid), 1))
        trial[:, i] = grid
        best = g.payoffs(trial)[:, i].max()
        assert eq.payoffs[i] >= best - 1e-6
    opt = g.joint_optimum()
    assert eq.total_entry >= opt.total_entry - 1e-9
    assert opt.total >= eq.total - 1e-9


def test_regional_excess_entry_has_two_sources():
    # business stealing alone (no damage): n/(n+1) of (a - c)/b against half of it
    g = RegionalEntryGame(4, a=10, b=1, cost=2)
    assert g.equilibrium().total_entry == pytest.approx(4 / 5 * 8)
    assert g.joint_optimum().total_entry == pytest.approx(4.0)
    # exported damage adds to it: the same game with all damage exported enters more
    local = RegionalEntryGame(4, a=10, b=1, cost=2, damage=2, local_share=1.0).excess_entry()
    exported = RegionalEntryGame(4, a=10, b=1, cost=2, damage=2, local_share=0.0).excess_entry()
    assert exported > local > 0


def test_regional_symbolic_closed_form():
    n, a, b, c, d, e, lam = sympy.symbols("n a b c d e lambda", positive=True)
    x_eq = entry.regional_equilibrium_entry(n, a, b, c, d, e, lam)
    x_opt = entry.regional_optimal_entry(n, a, b, c, d, e)
    assert x_eq.has(lam) and not x_opt.has(lam)
    assert float(x_eq.subs({n: 3, a: 10, b: 1, c: 2, d: 2, e: 0, lam: 0.5})) == pytest.approx(1.75)


def test_coalition_values_are_equilibrium_and_optimum_totals():
    g = RegionalEntryGame(3, a=10, b=1, cost=[1, 2, 3], damage=2, local_share=0.5)
    v = g.coalitional_game()
    eq, opt = g.equilibrium(), g.joint_optimum()
    for i in range(3):
        assert v.worth((i,)) == pytest.approx(eq.payoffs[i])
    assert v.worth((0, 1, 2)) == pytest.approx(opt.total)


# -- bad input --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, match", [
    (lambda: entry.cournot_entry(10, 1, -1, 1), "c .*non-negative.*c=-1"),
    (lambda: entry.cournot_entry(10, 1, 2, -1), "F .*positive.*F=-1"),
    (lambda: entry.cournot_entry(10, 0, 2, 1), "b .*positive"),
    (lambda: entry.cournot_entry(1, 1, 2, 1), "a .*exceed"),
    (lambda: entry.salop_entry(-1, 1), "t .*positive"),
    (lambda: entry.commons_entry(10, 1, -2), "c .*non-negative"),
    (lambda: entry.subsidy_pact_delta(-1, 1), "value .*positive"),
    (lambda: entry.subsidy_game(10, 6), "subsidy must lie"),
    (lambda: RegionalEntryGame(0), "n_regions"),
    (lambda: entry.regional_equilibrium_entry(1, 10, 1, local_share=0.5), "single region"),
    (lambda: RegionalEntryGame(3, cost=[1, -1, 0]), "cost must be non-negative"),
    (lambda: RegionalEntryGame(3, local_share=1.5), r"local_share must lie in \[0, 1\]"),
    (lambda: RegionalEntryGame(3, damage=[1, 2]), "one entry per region"),
    (lambda: RegionalEntryGame(2).payoffs([1, -1]), "entry must be non-negative"),
    (lambda: RegionalEntryGame(2).equilibrium([(0,), (0,)]), "partition"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_regional_equilibrium_many_regions_satisfies_kkt():
    # 25 heterogeneous regions: solved by principal pivoting, verified by direct optimisation inside equilibrium()
    rng = np.random.default_rng(7)
    n = 25
    g = RegionalEntryGame(n, a=10, b=1, cost=rng.uniform(0, 6, n), damage=rng.uniform(0, 3, n),
                          convexity=rng.uniform(0, 1, n), local_share=rng.uniform(0, 1, n))
    eq = g.equilibrium()
    q, M = g._lcp(g._partition(None))
    slack = q - M @ eq.entry
    assert np.all(eq.entry >= 0) and np.all(slack <= 1e-8) and np.allclose(eq.entry * slack, 0, atol=1e-8)
    assert 0 < (eq.entry > 0).sum() < n  # some regions stay out: a genuine complementarity problem


# -- welfare accounting (issue 17, item 1) ----------------------------------------------------------------------
NB03 = dict(a=10, b=1, cost=[0, 2, 4], damage=4, local_share=0.5)


def test_notebook03_numbers_consumers_make_the_bargain_a_cartel():
    # hand-derived: equilibrium x = (10/3, 4/3, 0), N = 14/3, regions' total 32/9, consumers N^2/2 = 98/9;
    # joint optimum x = (3, 0, 0): regions 9, consumers 9/2 (issue 17: 3.56 + 10.89 = 14.44 > 9 + 4.5 = 13.50)
    g = RegionalEntryGame(3, **NB03)
    eq, opt = g.equilibrium(), g.joint_optimum()
    assert eq.total == pytest.approx(32 / 9) and eq.consumer_surplus == pytest.approx(98 / 9)
    assert eq.welfare == pytest.approx(130 / 9) and round(eq.welfare, 2) == 14.44
    assert opt.total == pytest.approx(9) and opt.consumer_surplus == pytest.approx(4.5)
    assert opt.welfare == pytest.approx(13.5) and eq.welfare > opt.welfare
    # welfare optimum: price = marginal cost + marginal damage, all in region A: 10 - N - 4 = 0
    w = g.welfare_optimum()
    assert w.entry == pytest.approx([6, 0, 0], abs=1e-9) and w.welfare == pytest.approx(18)
    assert g.optimum("total").welfare == pytest.approx(18) and g.optimum().total == pytest.approx(9)


@settings(max_examples=10, deadline=None)
@given(n=st.integers(2, 5), a=st.floats(5, 20), b=st.floats(0.2, 3), c=st.floats(0, 3), d=st.floats(0, 3),
       e=st.floats(0, 2), lam=st.floats(0, 1))
def test_welfare_optimum_symmetric_closed_form(n, a, b, c, d, e, lam):
    # W = N(a - c - d) - b N^2 / 2 - e N^2 / (2n) with equal loads: N^W = (a - c - d) / (b + e / n)
    g = RegionalEntryGame(n, a=a, b=b, cost=c, damage=d, convexity=e, local_share=lam)
    w = g.welfare_optimum()
    assert w.total_entry == pytest.approx(max(0.0, (a - c - d) / (b + e / n)), rel=1e-7, abs=1e-7)
    assert w.welfare >= max(g.equilibrium().welfare, g.joint_optimum().welfare) - 1e-9


def test_compare_governance_strong_government_equals_bargaining_under_regions_welfare():
    g = RegionalEntryGame(3, **NB03)
    comp = entry.compare_governance(g)
    frame = comp.to_frame()
    strong = frame.loc["strong government + transfers", list(g.names)].to_numpy(float)
    nash = frame.loc["Nash bargaining", list(g.names)].to_numpy(float)
    assert strong == pytest.approx(nash)  # a strong government with transfers reaches the bargained allocation
    assert frame.loc["strong government + transfers", "participation"]
    assert frame.loc["administrative (optimum)", "walk away"] == "region 2"


def test_compare_governance_total_welfare():
    g = RegionalEntryGame(3, **NB03)
    comp = entry.compare_governance(g, welfare="total")
    t = comp.totals()
    assert t.loc["non-cooperative", "total welfare"] == pytest.approx(130 / 9)
    assert t.loc["Nash bargaining", "total welfare"] == pytest.approx(13.5)
    assert t.loc["administrative (optimum)", "total welfare"] == pytest.approx(18)
    # transfers funded by a lump-sum tax leave consumers at their equilibrium surplus; regions share the gain
    assert t.loc["strong government + transfers", "consumers"] == pytest.approx(98 / 9)
    assert t.loc["strong government + transfers", "total welfare"] == pytest.approx(18)
    gain = 18 - 130 / 9
    assert comp.allocations["strong government + transfers"] == pytest.approx(comp.disagreement + gain / 3)
    assert comp.in_core["strong government + transfers"] is None
    assert comp.welfare == "total" and RegionalEntryGame(3, **NB03, welfare="total").optimum().welfare == 18


def test_bargaining_welfare_damage_threshold_hand_value_and_brute_force():
    # n = 3, lambda = 1/2, a - c = 8: d = 8 * 6 / (12 - 3) = 16/3
    assert entry.bargaining_welfare_damage(3, 10, 2, 0.5) == pytest.approx(16 / 3)
    assert entry.bargaining_welfare_damage(3, 10, 2, 1.0) == pytest.approx(8.0)  # no spill-over: never below a-c
    for n, lam in [(2, 0.0), (3, 0.5), (5, 0.3)]:
        dstar = entry.bargaining_welfare_damage(n, 10, 2, lam)
        for d, sign in [(dstar - 0.05, -1), (dstar + 0.05, 1)]:
            g = RegionalEntryGame(n, a=10, b=1.7, cost=2, damage=d, local_share=lam)
            assert sign * (g.joint_optimum().welfare - g.equilibrium().welfare) > 0


def test_agglomeration_tax():
    assert entry.agglomeration_tax(3, rival_tax=-1) == 2.0
    assert entry.agglomeration_tax(0, rival_tax=-2) == -2.0  # no rent: match the rival's subsidy
    A, tR = sympy.symbols("A tau_R")
    assert entry.agglomeration_tax(A, tR) == A + tR
    with pytest.raises(ValueError, match="rent"):
        entry.agglomeration_tax(-1)


def test_regional_validation_issue16():
    with pytest.raises(ValueError, match="whole number of regions"):
        entry.regional_equilibrium_entry(1.5, a=10, b=1)
    with pytest.raises(ValueError, match="NaN"):
        RegionalEntryGame(3).payoffs([np.nan, 1, 1])
    g = RegionalEntryGame(sympy.Integer(3), a=10, b=1, cost=2, damage=2, local_share=0.5)
    assert g.n_regions == 3 and g.equilibrium().entry == pytest.approx([1.75] * 3)
    with pytest.raises(ValueError, match="welfare must be one of"):
        RegionalEntryGame(3, welfare="consumers")
