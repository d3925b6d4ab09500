"""Tests of clustergames.evolution: stability tables checked by hand, the Selten / Ritzberger–Weibull theorem as a
property, agreement with nashpy, state-space invariance, governance games, eco-link subsidies and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import evolution as ev
from clustergames import games

SC = ev.GOVERNMENT_FIRM_SCENARIOS


def _row(table, point):
    rows = table[table["point"] == point]
    assert len(rows) == 1, f"{point} not in {table['point'].tolist()}"
    return rows.iloc[0]


# ---------------------------------------------------------------------------------------------------------------
# government–firm game: hand-checked tables
# ---------------------------------------------------------------------------------------------------------------
def test_government_firm_stable_cooperation_table_by_hand():
    # r=3, c_g=1, s=1, f=2, a=1, e=1: dU_x = 5 - 4y, dU_y = 3x - 1 (by hand from the payoff table).
    # Corner eigenvalues are (1 - 2x) dU_x and (1 - 2y) dU_y; y* = 5/4 > 1, so there is no interior point.
    tab = ev.government_firm(**SC["stable cooperation"]).stability_table()
    expected = {"(0, 0)": ([5, -1], "saddle"), "(0, 1)": ([1, 1], "unstable"),
                "(1, 0)": ([-5, 2], "saddle"), "(1, 1)": ([-1, -2], "ESS")}
    assert sorted(tab["point"]) == sorted(expected)
    for point, (eigs, kind) in expected.items():
        row = _row(tab, point)
        assert np.allclose(sorted(np.real(row["eigenvalues"])), sorted(eigs))
        assert row["type"] == kind
        assert row["det"] == pytest.approx(np.prod(eigs))
        assert row["trace"] == pytest.approx(sum(eigs))


def test_government_firm_centre_has_no_ess():
    # r=1, c_g=1.5, s=1.5, f=1.5, a=1, e=1.5: dU_x = 2 - 4y, dU_y = 3x - 1.5 -> interior (1/2, 1/2) with
    # J = [[0, -x(1-x)4], [y(1-y)3, 0]] = [[0, -1], [0.75, 0]]: eigenvalues +-i sqrt(0.75), det 0.75, trace 0.
    tab = ev.government_firm(**SC["centre"]).stability_table()
    assert "ESS" not in set(tab["type"])
    centre = _row(tab, "(0.5, 0.5)")
    assert centre["type"] == "centre"
    assert centre["det"] == pytest.approx(0.75)
    assert centre["trace"] == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(sorted(np.imag(centre["eigenvalues"])), [-np.sqrt(0.75), np.sqrt(0.75)])
    for point, eigs in {"(0, 0)": [2, -1.5], "(0, 1)": [-2, 1.5], "(1, 0)": [-2, 1.5], "(1, 1)": [2, -1.5]}.items():
        row = _row(tab, point)
        assert row["type"] == "saddle"
        assert np.allclose(sorted(np.real(row["eigenvalues"])), sorted(eigs))


def test_government_firm_stable_non_cooperation():
    # r=1, c_g=4, s=1, f=1, a=1, e=1: dU_x = -1 - 3y < 0 everywhere, dU_y = 2x - 1: (0, 0) has eigenvalues -1, -1.
    tab = ev.government_firm(**SC["stable non-cooperation"]).stability_table()
    assert tab.loc[tab["type"] == "ESS", "point"].tolist() == ["(0, 0)"]
    assert np.allclose(_row(tab, "(0, 0)")["eigenvalues"], [-1, -1])


def test_government_firm_symbolic_rest_points_and_conditions():
    r, cg, s, f, a, e = sympy.symbols("reward regulation_cost subsidy fine accountability extra_cost", real=True)
    gf = ev.government_firm()
    interior = [p for p in gf.rest_points() if p.kind == "interior"]
    assert len(interior) == 1
    x_star, y_star = interior[0].coords
    assert sympy.simplify(x_star - e / (s + f)) == 0
    assert sympy.simplify(y_star - (r - cg + f + a) / (s + f + a)) == 0
    cond = gf.stability_conditions().condition((1, 1))
    # (1, 1) is an ESS iff r > c_g + s and s + f > e
    assert cond.subs({r: 3, cg: 1, s: 1, f: 2, a: 1, e: 1}) is sympy.true
    assert cond.subs({r: 1, cg: 1, s: 1, f: 2, a: 1, e: 1}) is sympy.false
    assert cond.subs({r: 3, cg: 1, s: 1, f: 0.5, a: 1, e: 2}) is sympy.false
    # interior Jacobian: zero trace, det = x(1-x) y(1-y) (s+f+a)(s+f) > 0 whenever the point is interior
    J = gf.jacobian(interior[0].coords)
    assert sympy.simplify(J.trace()) == 0


def test_payoff_table_constants_cancel():
    # E, D, pi_c, pi_t of the table do not enter the dynamics: simulate the full bimatrix with nashpy
    import nashpy

    p = SC["centre"]
    r, cg, s, f, a, e = (p[k] for k in ("reward", "regulation_cost", "subsidy", "fine", "accountability",
                                          "extra_cost"))
    E, D, pi_c = 2.0, 3.0, 5.0
    pi_t = pi_c + e
    A = np.array([[r + E - cg - s, r + f - cg - D], [E, -D - a]])
    B = np.array([[pi_c + s, pi_t - f], [pi_c, pi_t]])
    t = np.linspace(0, 8, 81)
    tr = ev.government_firm(**p).simulate([[0.3, 0.7]], t)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xs, ys = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=[0.3, 0.7], y0=[0.7, 0.3], timepoints=t)
    assert np.abs(tr.states[:, 0, 0] - xs[:, 0]).max() < 1e-5
    assert np.abs(tr.states[:, 0, 1] - ys[:, 0]).max() < 1e-5


def test_centre_orbits_are_closed_and_never_converge():
    # Hofbauer & Sigmund (1998, sect. 10.5): a 2x2 bimatrix game with an interior centre has a constant of motion,
    # so its orbits are closed; we check the consequence: trajectories neither converge nor spiral.
    gf = ev.government_firm(**SC["centre"])
    assert np.isinf(gf.time_to_convergence([[0.3, 0.3]], t_max=40)).all()
    tr = gf.simulate([[0.5, 0.2]], np.linspace(0, 60, 601))
    d = np.hypot(tr.states[:, 0, 0] - 0.5, tr.states[:, 0, 1] - 0.5)
    assert d[300:].max() == pytest.approx(d[:300].max(), rel=1e-3)
    assert d.min() > 0.05


# ---------------------------------------------------------------------------------------------------------------
# the theorem: no interior rest point of a multi-population game is asymptotically stable
# ---------------------------------------------------------------------------------------------------------------
payoff = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=30, deadline=None)
@given(st.lists(payoff, min_size=8, max_size=8))
def test_no_interior_point_is_asymptotically_stable_2x2(values):
    # Selten (1980, J. Theor. Biol. 84); Ritzberger & Weibull (1995, Econometrica 63): only strict equilibria
    # (corners) can be asymptotically stable; the interior Jacobian of a 2x2 bimatrix game has trace 0.
    A = np.array(values[:4]).reshape(2, 2)
    B = np.array(values[4:]).reshape(2, 2)
    tab = ev.ReplicatorSystem.from_bimatrix(A, B).stability_table()
    for _, row in tab.iterrows():
        if row["kind"] != "corner":
            assert row["type"] not in ("ESS", "stable")
            assert abs(row["trace"]) < 1e-9
        else:
            i, j = (0 if c == 1 else 1 for c in row["coords"])
            strict = A[i, j] > A[1 - i, j] and B[i, j] > B[i, 1 - j]
            assert (row["type"] == "ESS") == strict  # corner ESS <=> strict Nash equilibrium


@settings(max_examples=12, deadline=None)
@given(st.lists(payoff, min_size=12, max_size=12))
def test_no_interior_point_is_asymptotically_stable_three_populations(c):
    # Random multilinear 2x2x2 game: each advantage is multilinear in the other populations' shares.
    x, y, z = sympy.symbols("x y z", real=True)
    rs = ev.ReplicatorSystem.from_advantages({
        x: c[0] + c[1] * y + c[2] * z + c[3] * y * z,
        y: c[4] + c[5] * x + c[6] * z + c[7] * x * z,
        z: c[8] + c[9] * x + c[10] * y + c[11] * x * y,
    })
    tab = rs.stability_table()
    assert (tab["kind"] == "corner").sum() == 8
    for _, row in tab[tab["kind"] != "corner"].iterrows():
        assert row["type"] not in ("ESS", "stable")


def test_single_population_interior_can_be_stable_but_is_not_called_ess():
    # Hawk-dove with V = 2, C = 4: the mixed ESS has p = V/C = 1/2 (Maynard Smith 1982, Evolution and the Theory
    # of Games, ch. 2); it is asymptotically stable but interior, so labelled "stable".
    tab = ev.ReplicatorSystem.from_matrix([[-1, 2], [0, 1]]).stability_table()
    row = _row(tab, "(0.5)")
    assert row["type"] == "stable"
    assert "ESS" not in set(tab["type"])


def test_rock_paper_scissors_centre():
    # Standard RPS: the barycentre has eigenvalues +-i/sqrt(3) (Hofbauer & Sigmund 1998, sect. 7.7).
    tab = ev.ReplicatorSystem.from_matrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]).stability_table()
    row = tab[tab["kind"] == "interior"].iloc[0]
    assert np.allclose(row["coords"], [1 / 3, 1 / 3])
    assert row["type"] == "centre"
    assert np.allclose(sorted(np.imag(row["eigenvalues"])), [-1 / np.sqrt(3), 1 / np.sqrt(3)])


def test_rest_points_without_closed_form_are_found_numerically():
    # dU_x = cos(y) - y vanishes at the Dottie number 0.7390851332 (the fixed point of cos); sympy has no closed
    # form, so the face is solved numerically once the parameter is known.
    rs = ev.ReplicatorSystem.from_advantages({"x": "cos(y) - y", "y": "x - a"})
    assert "unsolved" in rs.rest_points().to_frame()["kind"].tolist()
    row = rs.stability_table(a=0.5).query("kind == 'interior'").iloc[0]
    assert row["coords"] == pytest.approx((0.5, 0.7390851332), abs=1e-9)
    assert row["type"] == "centre"


@pytest.mark.parametrize("eigs, corner, expected", [
    ([-1, -2], True, "ESS"), ([-1, -2], False, "stable"), ([1, 2], True, "unstable"), ([1, -2], True, "saddle"),
    ([1j, -1j], False, "centre"), ([0, -1], True, "undetermined"), ([1e-13, -1], True, "undetermined"),
    ([-1 + 1j, -1 - 1j], True, "ESS"),
])
def test_classify_eigenvalues(eigs, corner, expected):
    assert ev.classify_eigenvalues(eigs, corner=corner) == expected


# ---------------------------------------------------------------------------------------------------------------
# agreement with nashpy
# ---------------------------------------------------------------------------------------------------------------
def test_replicator_dynamics_agrees_with_nashpy():
    import nashpy

    rng = np.random.default_rng(3)
    A = rng.random(size=(4, 4)) * 3  # the replicator-mutator needs non-negative fitness
    x0 = rng.dirichlet(np.ones(4), size=5)
    Q = 0.9 * np.eye(4) + 0.025
    t = np.linspace(0, 5, 51)
    ours = ev.replicator_dynamics(A, x0, t)
    ours_mut = ev.replicator_dynamics(A, x0, t, mutation=Q)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(5):
            ref = nashpy.Game(A).replicator_dynamics(y0=x0[i], timepoints=t)
            assert np.abs(ours[:, i] - ref).max() < 1e-6
            ref_mut = nashpy.Game(A).replicator_dynamics(y0=x0[i], timepoints=t, mutation_matrix=Q)
            assert np.abs(ours_mut[:, i] - ref_mut).max() < 1e-6
    assert np.abs(ev.replicator_dynamics(A, x0[0], t) - ours[:, 0]).max() < 1e-12


def test_asymmetric_replicator_dynamics_agrees_with_nashpy_and_with_the_symbolic_system():
    import nashpy

    rng = np.random.default_rng(4)
    A, B = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    x0, y0 = rng.dirichlet(np.ones(3), size=4), rng.dirichlet(np.ones(2), size=4)
    t = np.linspace(0, 6, 61)
    xs, ys = ev.asymmetric_replicator_dynamics(A, B, x0, y0, t)
    sysm = ev.ReplicatorSystem.from_bimatrix(A, B)
    tr = sysm.simulate(np.column_stack([x0[:, :2], y0[:, :1]]), t)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(4):
            rx, ry = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=x0[i], y0=y0[i], timepoints=t)
            assert np.abs(xs[:, i] - rx).max() < 1e-6 and np.abs(ys[:, i] - ry).max() < 1e-6
            assert np.abs(tr.states[:, i, :2] - rx[:, :2]).max() < 1e-6
            assert np.abs(tr.states[:, i, 2] - ry[:, 0]).max() < 1e-6


# ---------------------------------------------------------------------------------------------------------------
# state space, discrete time, convergence, basins
# ---------------------------------------------------------------------------------------------------------------
@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=6, max_size=6), st.lists(payoff, min_size=6, max_size=6))
def test_trajectories_stay_in_the_state_space(x0, c):
    gfa = ev.government_firm_association(
        reward=c[0], regulation_cost=abs(c[1]), subsidy=abs(c[2]), fine=abs(c[3]), accountability=1,
        extra_cost=abs(c[4]), association_payment=1, certification_benefit=2, blacklist_penalty=abs(c[5]),
        association_cost=1, service_income=1, credibility_loss=0.5)
    X = np.array(x0).reshape(2, 3)
    tr = gfa.simulate(X, np.linspace(0, 20, 11), step=0.1)
    assert np.all((tr.states >= 0) & (tr.states <= 1))
    disc = gfa.simulate_discrete(X, 30, background=40)
    assert np.all((disc.states >= 0) & (disc.states <= 1))
    xs = ev.replicator_dynamics(np.array(c[:4] * 4)[:9].reshape(3, 3), [x0[0] + 1e-3, x0[1] + 1e-3, 1.0][:3] /
                                np.sum([x0[0] + 1e-3, x0[1] + 1e-3, 1.0]), [0, 5, 10])
    assert np.all(xs >= 0) and np.allclose(xs.sum(axis=-1), 1)


def test_faces_are_invariant():
    gf = ev.government_firm(**SC["stable cooperation"])
    tr = gf.simulate([[0.0, 0.4], [0.6, 1.0]], 20)
    assert np.all(tr.states[:, 0, 0] == 0.0) and np.all(tr.states[:, 1, 1] == 1.0)


def test_discrete_time_converges_to_the_ess_and_shares_rest_points():
    gf = ev.government_firm(**SC["stable cooperation"])
    assert np.allclose(gf.simulate_discrete([[0.4, 0.4]], 400, background=10).final, [[1, 1]], atol=1e-3)
    # the interior rest point of the centre scenario is a fixed point of the discrete map as well
    centre = ev.government_firm(**SC["centre"])
    assert np.allclose(centre.simulate_discrete([[0.5, 0.5]], 50, background=10).final, [[0.5, 0.5]])
    with pytest.raises(ValueError, match="background fitness too small"):
        centre.simulate_discrete([[0.4, 0.4]], 5, background=0.1)  # w + dU_y = 0.1 - 0.3 < 0


def test_time_to_convergence_and_basins_of_a_stag_hunt():
    # stag hunt R=4, S=0, T=3, P=1: critical mass x* = (P - S)/(R - S - T + P) = 1/2 (Skyrms 2004)
    sh = ev.ReplicatorSystem.from_matrix([[4, 0], [3, 1]])
    t = sh.time_to_convergence([[0.9], [0.6], [0.1]], t_max=60)
    assert np.isfinite(t).all() and t[1] > t[0]
    b = sh.basins(grid=20, t_max=40)
    assert b.shares()["(1)"] == pytest.approx(0.5)


# ---------------------------------------------------------------------------------------------------------------
# government–firm–association game
# ---------------------------------------------------------------------------------------------------------------
GFA_ACTIVATED = dict(reward=5, regulation_cost=1, subsidy=1, fine=1, accountability=1, extra_cost=2,
                     association_payment=1, certification_benefit=0.5, blacklist_penalty=0.5, association_cost=1.5,
                     service_income=1, credibility_loss=0.2)
GFA_SELF_ORGANISED = dict(reward=1, regulation_cost=1, subsidy=1, fine=1, accountability=1, extra_cost=2,
                          association_payment=1, certification_benefit=1.5, blacklist_penalty=1, association_cost=1,
                          service_income=1.5, credibility_loss=0.5)


def test_government_activated_cluster_is_the_unique_ess():
    # r - c_g - s - p = 2 > 0, s + f + b + k - e = 1 > 0, p + m - c_a = 0.5 > 0: (1, 1, 1) is an ESS; and since
    # b + k < e, (0, 1, 1) is not.
    tab = ev.government_firm_association(**GFA_ACTIVATED).stability_table()
    assert tab.loc[tab["type"] == "ESS", "point"].tolist() == ["(1, 1, 1)"]


def test_self_organised_cluster_is_an_ess_without_a_strong_government():
    # r < c_g + s + p, b + k = 2.5 > e = 2, m = 1.5 > c_a = 1: (0, 1, 1) is an ESS
    tab = ev.government_firm_association(**GFA_SELF_ORGANISED).stability_table()
    assert "(0, 1, 1)" in tab.loc[tab["type"] == "ESS", "point"].tolist()
    assert _row(tab, "(1, 1, 1)")["type"] != "ESS"


@pytest.fixture(scope="module")
def gfa_symbolic():
    gfa = ev.government_firm_association()
    return gfa, gfa.stability_conditions()


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=12, max_size=12))
def test_symbolic_conditions_agree_with_numeric_tables(gfa_symbolic, values):
    gfa, conds = gfa_symbolic
    names = ["reward", "regulation_cost", "subsidy", "fine", "accountability", "extra_cost", "association_payment",
             "certification_benefit", "blacklist_penalty", "association_cost", "service_income", "credibility_loss"]
    params = dict(zip(names, values))
    tab = gfa.stability_table(**params)
    subs = {sympy.Symbol(k, real=True): v for k, v in params.items()}
    for point, cond in zip(conds.points, conds.conditions):
        assert bool(cond.subs(subs)) == (_row(tab, point)["type"] == "ESS")


# ---------------------------------------------------------------------------------------------------------------
# eco-link stag hunt with a subsidy
# ---------------------------------------------------------------------------------------------------------------
def test_critical_mass_agrees_with_the_mixed_equilibrium_and_the_replicator():
    b, c, sig, s = 4.0, 2.0, 1.0, 0.5
    x_star = ev.eco_link_critical_mass(b, c, sig, s)
    g = ev.eco_link_game(b, c, sig, s)
    (R, S), (T, P) = g.A.tolist()
    assert x_star == pytest.approx(games.mixed_cooperation(T, S, R, P))
    rest = ev.ReplicatorSystem.from_matrix(g.A).stability_table()
    assert _row(rest, "(0.5)")["type"] == "unstable" and x_star == pytest.approx(0.5)
    xs = ev.replicator_dynamics(g.A, [[x_star + 0.02, 0.98 - x_star], [x_star - 0.02, 1.02 - x_star]], [0, 60])
    assert xs[-1, 0, 0] > 0.99 and xs[-1, 1, 0] < 0.01


def test_subsidy_thresholds():
    b, c, sig = 4.0, 2.0, 1.0
    assert ev.eco_link_critical_mass(b, c, sig, ev.risk_dominance_subsidy(b, c, sig)) == pytest.approx(1 / 2)
    assert ev.eco_link_critical_mass(b, c, sig, ev.one_third_subsidy(b, c, sig)) == pytest.approx(1 / 3)
    assert ev.eco_link_critical_mass(b, c, sig, ev.dominance_subsidy(b, c, sig)) == 0.0
    # risk dominance (Harsanyi & Selten 1988): (R - T) > (P - S) exactly above s_RD
    s_rd = ev.risk_dominance_subsidy(b, c, sig)
    for s, dominant in ((s_rd + 0.05, True), (s_rd - 0.05, False)):
        (R, S), (T, P) = ev.eco_link_game(b, c, sig, s).A.tolist()
        assert (R - T > P - S) == dominant
    # dominance: invest is a best reply to everything from s = c on
    (R, S), (T, P) = ev.eco_link_game(b, c, sig, ev.dominance_subsidy(b, c, sig)).A.tolist()
    assert R > T and S >= P
    # arrays broadcast and symbols give the closed form
    assert np.allclose(ev.eco_link_critical_mass(b, c, sig, np.array([0.0, 1.0, 3.0])), [2 / 3, 1 / 3, 0.0])
    bb, cc, ss = sympy.symbols("b c sigma", positive=True)
    assert sympy.simplify(ev.one_third_subsidy.formula.expr.args[1] - (sympy.Symbol("cost", real=True) - (
        sympy.Symbol("benefit", real=True) - sympy.Symbol("spillover", real=True)) / 3)) == 0


def _fixation(Amat, N, w):
    """Moran process fixation probability of one mutant of strategy 0 (Nowak et al. 2004, Nature 428, eq. 1)."""
    (a, b_), (c, d) = Amat
    i = np.arange(1, N)
    f = 1 - w + w * (a * (i - 1) + b_ * (N - i)) / (N - 1)
    g = 1 - w + w * (c * i + d * (N - i - 1)) / (N - 1)
    return 1.0 / (1.0 + np.cumprod(g / f).sum())


def test_one_third_rule_in_a_finite_population():
    # Nowak, Sasaki, Taylor & Fudenberg (2004, Nature 428, 646-650): under weak selection in a large population,
    # invest fixates with probability above 1/N iff the critical mass is below 1/3.
    b, c, sig, N, w = 4.0, 2.0, 1.0, 1000, 1e-5
    s13 = ev.one_third_subsidy(b, c, sig)
    above = _fixation(ev.eco_link_game(b, c, sig, s13 + 0.05).A.tolist(), N, w)
    below = _fixation(ev.eco_link_game(b, c, sig, s13 - 0.05).A.tolist(), N, w)
    assert above > 1 / N > below


# ---------------------------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------------------------
def test_unknown_parameter_names():
    with pytest.raises(ValueError, match="unknown parameter names.*subsidies"):
        ev.government_firm(subsidies=1)
    with pytest.raises(ValueError, match="unknown parameter names.*tax"):
        ev.government_firm(**SC["centre"]).subs(tax=1)
    gf = ev.government_firm()
    with pytest.raises(ValueError, match="unknown parameter names.*rewards"):
        gf.stability_table(rewards=1, **{k: v for k, v in SC["centre"].items() if k != "reward"})
    with pytest.raises(ValueError, match="missing values for parameters.*reward"):
        gf.stability_table(**{k: v for k, v in SC["centre"].items() if k != "reward"})


def test_shares_outside_the_unit_interval():
    gf = ev.government_firm(**SC["centre"])
    with pytest.raises(ValueError, match=r"x0 shares must lie in \[0, 1\].*1.5"):
        gf.simulate([[1.5, 0.2]], 10)
    with pytest.raises(ValueError, match="x0 must have shape"):
        gf.simulate([0.5, 0.2, 0.1], 10)
    with pytest.raises(ValueError, match="x0 must be probability vectors"):
        ev.replicator_dynamics([[1, 0], [0, 1]], [0.7, 0.7])
    with pytest.raises(ValueError, match="non-negative payoffs"):
        ev.replicator_dynamics([[1, -1], [0, 1]], [0.5, 0.5], mutation=[[0.9, 0.1], [0.1, 0.9]])
    with pytest.raises(ValueError, match="t must be an increasing"):
        gf.simulate([[0.5, 0.2]], [0, 2, 1])


def test_advantages_mentioning_unknown_symbols():
    x, y, a, q = sympy.symbols("x y a q")
    with pytest.raises(ValueError, match="unknown symbols q"):
        ev.ReplicatorSystem.from_advantages({x: a - y, y: x - q}, parameters=[a])
    with pytest.raises(ValueError, match="unknown symbols q"):
        ev.ReplicatorSystem.from_advantages({"x": "a - y", "y": "x - q"}, parameters=["a"])
    with pytest.raises(ValueError, match="share x belongs to two populations"):
        ev.ReplicatorSystem({x: (1, 0), (x, y): (1, 0, 0)})
    with pytest.raises(ValueError, match="must give 2 payoffs"):
        ev.ReplicatorSystem({x: (1, 0, 2)})
    with pytest.raises(ValueError, match="not a valid expression"):
        ev.ReplicatorSystem.from_advantages({"x": "a - (y"})
    with pytest.raises(ValueError, match="coordination game"):
        ev.eco_link_critical_mass(2, 2, 1)


def test_results_convert_and_draw():
    gf = ev.government_firm(**SC["centre"])
    tr = gf.simulate([[0.2, 0.5], [0.6, 0.6]], [0, 1, 2])
    frame = tr.to_frame()
    assert list(frame.columns) == ["trajectory", "t", "x", "y"] and len(frame) == 6
    pp = gf.phase_portrait(grid=5, t_max=2)
    ax = pp.plot()
    assert ax.get_xlim() == (0.0, 1.0) and len(ax.collections) >= 2  # streamlines and rest-point markers
    b = ev.ReplicatorSystem.from_matrix([[4, 0], [3, 1]]).basins(grid=8, t_max=30)
    assert b.plot().get_xlabel() == "$x$"
