"""Tests of clustergames.nplayer: n-player games, symmetric games, sanctions and evolution in groups."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import clustergames as cg
from clustergames import nplayer as npl
from clustergames.nplayer import NPlayerGame


# ---------------------------------------------------------------------------------------------------------------
# NPlayerGame
# ---------------------------------------------------------------------------------------------------------------
def brute_force_equilibria(u):
    """Pure equilibria by checking every unilateral deviation of every profile (no vectorisation)."""
    n = u.shape[0]
    shape = u.shape[1:]
    out = []
    for s in itertools.product(*(range(a) for a in shape)):
        ok = True
        for i in range(n):
            for k in range(shape[i]):
                t = s[:i] + (k,) + s[i + 1:]
                if u[(i,) + t] > u[(i,) + s]:
                    ok = False
        if ok:
            out.append(s)
    return out


@pytest.mark.parametrize("shape", [(3, 2, 2, 2), (3, 3, 2, 4), (4, 2, 3, 2, 2), (4, 3, 3, 3, 3)])
@pytest.mark.parametrize("seed", range(5))
def test_pure_equilibria_match_brute_force_integer_games(shape, seed):
    # small integer payoffs make ties (weak equilibria) common: exact comparisons must get them all
    u = np.random.default_rng(seed).integers(0, 3, size=shape)
    g = NPlayerGame(u)
    assert g.is_exact
    assert g.pure_equilibria() == brute_force_equilibria(u)
    for s in g.pure_equilibria():
        assert g.is_equilibrium(s)


@pytest.mark.parametrize("seed", range(5))
def test_pure_equilibria_match_brute_force_float_games(seed):
    u = np.random.default_rng(100 + seed).random((4, 3, 2, 3, 2))
    assert NPlayerGame(u).pure_equilibria() == brute_force_equilibria(u)


@given(st.integers(0, 2**32 - 1))
def test_pure_equilibria_are_mutual_best_responses(seed):
    rng = np.random.default_rng(seed)
    u = rng.integers(-2, 3, size=(3, 2, 3, 2))
    g = NPlayerGame(u)
    for s in g.pure_equilibria():
        for i in range(3):
            others = s[:i] + s[i + 1:]
            assert s[i] in g.best_responses(i, list(others))


def test_two_player_game_agrees_with_stage_game():
    for seed in range(10):
        rng = np.random.default_rng(seed)
        A, B = rng.integers(0, 4, size=(3, 4)), rng.integers(0, 4, size=(3, 4))
        sg = cg.StageGame(A, B)
        g = NPlayerGame.from_stage_game(sg)
        assert g.pure_equilibria() == sg.pure_equilibria()
        back = g.to_stage_game()
        assert back.A.tolist() == sg.A.tolist() and back.B.tolist() == sg.B.tolist()
        assert back.actions == sg.actions and back.players == sg.players


def test_fractions_stay_fractions_and_sympy_subs():
    half = Fraction(1, 2)
    g = NPlayerGame([[[half, 0], [1, 1]], [[half, 1], [0, 1]]])
    assert g.is_exact and g.payoff((0, 0)) == (half, half) and isinstance(g.payoff((0, 0))[0], Fraction)
    b = sp.Symbol("b")
    gs = NPlayerGame([[[b, 0], [1, 1]], [[b, 1], [0, 1]]])
    assert gs.is_symbolic and gs.free_symbols == {b}
    with pytest.raises(TypeError, match="substitute numbers first"):
        gs.pure_equilibria()
    assert gs.subs(b=2).pure_equilibria() == [(0, 0), (1, 1)]
    assert gs.subs(b=half).pure_equilibria() == [(1, 1)]


def test_best_responses_mixed_and_names():
    # three-player: player 3 gains 1 for matching player 1 and 2 for matching player 2
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for s in itertools.product(range(2), repeat=3):
        u[(2,) + s] = int(s[2] == s[0]) + 2 * int(s[2] == s[1])
    g = NPlayerGame(u, players=["A", "B", "C"], actions=[["x", "y"]] * 3)
    assert g.best_responses("C", ["y", "y"]) == [1]
    assert g.best_responses(2, [[Fraction(1, 2), Fraction(1, 2)], [1, 0]]) == [0]
    assert g.best_responses(2, [[0.5, 0.5], [0.5, 0.5]]) == [0, 1]


def test_dominance_and_iterated_elimination():
    # row player: M dominated only by a mixture of U and D
    A = [[3, 0], [1, 1], [0, 3]]
    B = [[1, 1], [1, 1], [1, 1]]
    g = NPlayerGame(np.array([A, B]), actions=[["U", "M", "D"], ["L", "R"]])
    assert g.dominated_actions(0, mixed=False) == []
    assert g.dominated_actions(0) == [1]
    assert g.iterated_elimination().actions[0] == ("U", "D")
    assert g.iterated_elimination(mixed=False).actions[0] == ("U", "M", "D")


def test_html_has_one_table_per_action_of_third_player():
    u = np.random.default_rng(0).integers(0, 5, size=(3, 2, 2, 3))
    html = NPlayerGame(u, players=["a", "b", "c"])._repr_html_()
    assert html.count("<table>") == 3 and "c plays a3" in html
    frame = NPlayerGame(u).to_frame()
    assert len(frame) == 12 and frame["nash"].sum() == len(NPlayerGame(u).pure_equilibria())


# ---------------------------------------------------------------------------------------------------------------
# symmetric games: equilibria
# ---------------------------------------------------------------------------------------------------------------
def test_volunteers_dilemma_closed_form_n5():
    # Diekmann (1985): p* = 1 - (c/b)^(1/(n-1)); n = 5, c/b = 1/2
    g = npl.volunteers_dilemma(5, 2, 1)
    eqs = g.symmetric_equilibria()
    assert [e.kind for e in eqs] == ["mixed"]
    assert sp.simplify(eqs[0].p - (1 - sp.Rational(1, 2) ** sp.Rational(1, 4))) == 0
    assert eqs[0].p_float == pytest.approx(1 - 0.5 ** 0.25, rel=1e-15)
    gf = npl.volunteers_dilemma(5, 2.0, 1.0)
    assert gf.symmetric_equilibria()[0].p == pytest.approx(1 - 0.5 ** 0.25, rel=1e-14)
    # symbolic: solve gives the closed form
    b, c = sp.symbols("b c", positive=True)
    sols = [e.p for e in npl.volunteers_dilemma(5, b, c).symmetric_equilibria() if e.kind == "mixed"]
    assert any(sp.simplify(s - (1 - (c / b) ** sp.Rational(1, 4))) == 0 for s in sols)


def test_threshold_public_goods_palfrey_rosenthal_exact():
    # n = 3, k = 2, b = 3, c = 1: 2 p (1 - p) * 3 = 1  =>  p = (1 +- 1/sqrt 3) / 2; pure: nobody, or exactly two
    g = npl.threshold_public_goods(3, 2, 3, 1)
    mixed = [e.p for e in g.symmetric_equilibria() if e.kind == "mixed"]
    expected = [(1 - 1 / sp.sqrt(3)) / 2, (1 + 1 / sp.sqrt(3)) / 2]
    assert len(mixed) == 2 and all(sp.simplify(m - e) == 0 for m, e in zip(mixed, expected))
    assert g.pure_equilibria() == [0, 2]
    # the full normal form agrees: all-D and every profile with exactly two contributors
    full = g.to_nplayer().pure_equilibria()
    assert sorted(sum(1 for s in prof if s == 0) for prof in full) == [0, 2, 2, 2]
    # the Palfrey-Rosenthal condition C(n-1,k-1) p^(k-1) (1-p)^(n-k) b = c at every mixed equilibrium, larger game
    n, k, b, c = 9, 4, 10, 1
    for e in npl.threshold_public_goods(n, k, b, c).symmetric_equilibria():
        if e.kind == "mixed":
            p = e.p_float
            assert math.comb(n - 1, k - 1) * p ** (k - 1) * (1 - p) ** (n - k) * b == pytest.approx(c, rel=1e-12)


def test_linear_public_goods_unique_all_defect_when_r_below_n():
    for n, r in ((4, 3), (10, 2.5), (5, Fraction(49, 10))):
        g = npl.public_goods(n, r, 1)
        eqs = g.symmetric_equilibria()
        assert [(e.kind, e.p_float) for e in eqs] == [("pure", 0.0)]
        assert g.pure_equilibria() == [0]
    assert [e.p_float for e in npl.public_goods(4, 5, 1).symmetric_equilibria()] == [1.0]
    assert npl.public_goods(4, 3, 1).to_nplayer().pure_equilibria() == [(1, 1, 1, 1)]


def test_symmetric_mixed_equilibria_are_equilibria_of_the_full_game():
    # at a symmetric mixed equilibrium each firm is indifferent between C and D against the others' mixtures
    g = npl.threshold_public_goods(4, 2, 5, 1)
    full = g.to_nplayer()
    for e in g.symmetric_equilibria():
        if e.kind != "mixed":
            continue
        q = [e.p_float, 1 - e.p_float]
        assert full.best_responses(0, [q, q, q]) == [0, 1]


def test_float_roots_exactly_isolated_and_verified():
    rng = np.random.default_rng(3)
    for n in (6, 12, 30):
        d = rng.normal(size=n)
        g = npl.SymmetricGame(n, a=d, b=np.zeros(n))
        roots = [e.p_float for e in g.symmetric_equilibria() if e.kind == "mixed"]
        # brute force: sign changes of f on a fine grid (the polynomials here have simple roots)
        x = np.linspace(0, 1, 20_001)[1:-1]
        f = g.gain(x)
        changes = x[np.flatnonzero(np.sign(f[:-1]) != np.sign(f[1:]))]
        assert len(roots) == len(changes)
        assert np.allclose(roots, changes, atol=1e-4)
        assert np.abs(g.gain(np.array(roots))).max() < 1e-9 * np.abs(d).max()


def test_double_root_is_found_exactly_and_semi_stable():
    # f(p) = (p - 1/3)^2 with n = 3: Bernstein coefficients d = (1/9, -2/9, 4/9)
    g = npl.SymmetricGame(3, a=[Fraction(1, 9), Fraction(-2, 9), Fraction(4, 9)], b=[0, 0, 0])
    (mixed,) = [e for e in g.symmetric_equilibria() if e.kind == "mixed"]
    assert mixed.p == sp.Rational(1, 3) and mixed.multiplicity == 2 and mixed.stability == "semi-stable"
    gf = npl.SymmetricGame(3, a=[1 / 9, -2 / 9, 4 / 9], b=[0, 0, 0])
    found = [e.p_float for e in gf.symmetric_equilibria() if e.kind == "mixed"]
    # 1/9 etc. are not exact binary numbers: the float game has either a double root, two close roots or none
    assert all(abs(p - 1 / 3) < 1e-7 for p in found)


def test_commons_equilibrium_is_free_access_of_entry_module():
    # Gordon (1954): free access drives appropriation to N^e = (alpha - c) / beta = 2 N^*
    from clustergames import entry

    for alpha, beta, c, n in ((10, 1, 2, 12), (20, 2, 4, 15), (Fraction(31, 2), 1, 3, 20)):
        g = npl.commons(n, alpha, beta, c)
        appropriators = sorted(n - m for m in g.pure_equilibria())
        ne = entry.commons_entry(alpha=float(alpha), beta=float(beta), c=float(c))
        assert math.floor(ne.free) in appropriators
        assert all(abs(a - ne.free) <= 1 for a in appropriators)
        assert ne.free == pytest.approx(2 * ne.optimal)


@given(st.integers(2, 7), st.integers(1, 7), st.fractions(Fraction(1, 10), 10), st.fractions(Fraction(1, 10), 10))
def test_threshold_game_pure_equilibria_property(n, k, b, c):
    k = min(k, n)
    g = npl.threshold_public_goods(n, k, b, c)
    m = g.pure_equilibria()
    # exactly k contributors is an equilibrium iff b >= c; nobody contributing iff k >= 2 (or b <= c)
    assert (k in m) == (b >= c)
    assert (0 in m) == (k >= 2 or b <= c)
    for e in g.symmetric_equilibria():
        assert 0 <= e.p_float <= 1


# ---------------------------------------------------------------------------------------------------------------
# evolution with groups
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("game", [npl.threshold_public_goods(5, 3, 4, 1), npl.n_stag_hunt(6, 3, 4, 1),
                                  npl.n_snowdrift(6, 1, 1, 3), npl.volunteers_dilemma(4, 3, 1)])
def test_replicator_interior_rest_points_are_the_mixed_equilibria(game):
    rep = npl.replicator(game)
    interior = rep.rest_points[(rep.rest_points.x > 0) & (rep.rest_points.x < 1)]
    mixed = [e.p_float for e in game.symmetric_equilibria() if e.kind == "mixed"]
    assert interior.x.tolist() == mixed
    # they are zeros of the gradient of selection, and stability matches its sign change
    for x, kind in zip(interior.x, interior.type):
        assert abs(npl.gradient_of_selection(game, x)) < 1e-12
        left, right = npl.gradient_of_selection(game, [x - 1e-6, x + 1e-6])
        assert kind == ("stable" if left > 0 > right else "unstable")


def test_hauert_2006_discounting_and_synergy_bifurcation():
    # Hauert, Michor, Nowak & Doebeli (2006), J. Theor. Biol. 239: f(x) = (b/n)(1 + (w - 1) x)^(n-1) - c.
    # Discounting (w < 1): one stable interior rest point iff w^(n-1) < n c / b < 1, at
    # x* = (1 - (nc/b)^(1/(n-1))) / (1 - w); synergy (w > 1): one unstable one iff 1 < nc/b < w^(n-1).
    n, b = 5, 1
    for w, kind in ((Fraction(1, 2), "stable"), (Fraction(3, 2), "unstable")):
        lo, hi = sorted([w ** (n - 1) / n, Fraction(1, n)])
        edges = [lo, hi, lo * Fraction(101, 100), hi * Fraction(99, 100)]
        for ratio in [Fraction(i, 20) for i in range(1, 40, 2)] + edges:
            rep = npl.replicator(npl.discounted_public_goods(n, b, ratio * b, w))
            interior = rep.rest_points[(rep.rest_points.x > 0) & (rep.rest_points.x < 1)]
            inside = lo < ratio < hi
            assert len(interior) == int(inside), (w, ratio)
            if inside:
                xstar = (1 - float(n * ratio) ** (1 / (n - 1))) / (1 - float(w))
                assert interior.x.iloc[0] == pytest.approx(xstar, rel=1e-12)
                assert interior.type.iloc[0] == kind


def test_snowdrift_threshold_saddle_node_bifurcation():
    # Souza, Pacheco & Santos (2009): with a threshold m > 1 the n-person snowdrift game has two interior rest
    # points (unstable, then stable) for small c/b; they merge and vanish as c/b grows. Without threshold: one.
    counts = []
    ratios = [Fraction(i, 10) for i in range(1, 30)]
    for r in ratios:
        rep = npl.replicator(npl.n_snowdrift(6, 1, r, 3))
        interior = rep.rest_points[(rep.rest_points.x > 0) & (rep.rest_points.x < 1)]
        if len(interior) == 2:
            assert interior.type.tolist() == ["unstable", "stable"]
        counts.append(len(interior))
    first_zero = counts.index(0)
    assert counts[0] == 2 and set(counts[:first_zero]) == {2} and set(counts[first_zero:]) == {0}
    # m = 1: d_0 = b - c > 0 > d_k (k >= 1), so exactly one interior rest point iff c < b
    assert all(len([e for e in npl.n_snowdrift(6, 1, r, 1).symmetric_equilibria() if e.kind == "mixed"])
               == int(r < 1) for r in ratios)


def test_group_fitness_two_player_agrees_with_population_module():
    # groups of two: the finite-population process is the 2x2 one of clustergames.population
    from clustergames import population as pop

    a, b = [0, 3], [1, 5]   # a(k), b(k): PD with R=3, S=0, T=5, P=1
    g = npl.SymmetricGame(2, a, b)
    matrix = [[a[1], a[0]], [b[1], b[0]]]
    for process, sel in (("fermi", 0.5), ("moran", 0.1)):
        res = npl.finite_population(g, 30, selection=sel, process=process)
        assert res.rho_C == pytest.approx(pop.fixation_probability(matrix, 30, selection=sel, process=process),
                                          rel=1e-10)
        sd = pop.stationary_distribution(matrix, 30, selection=sel, process=process)
        assert np.allclose(res.stationary.distribution, sd.distribution, rtol=1e-9, atol=1e-300)


def test_finite_population_agrees_with_egttools_stag_hunt():
    # EGTtools (Fernandez Domingos et al. 2023, iScience 26, 106419) implements Pacheco et al.'s (2009) n-person
    # stag hunt and the pairwise-comparison process. Its gradient uses (Z - j)/(Z - 1) for the chance that the
    # imitated firm has the other strategy, ours (Z - j)/Z (Traulsen et al. 2006): they differ by Z/(Z - 1).
    from egttools.analytical import PairwiseComparison
    from egttools.games import NPlayerStagHunt

    Z, n, M, F, c = 50, 5, 3, 3.0, 1.0
    eg = NPlayerStagHunt(n, F, M, c)
    assert eg.strategies == ["Defect", "Cooperate"]
    model = PairwiseComparison(Z, eg)
    for beta in (0.05, 1.0):
        ours = npl.finite_population(npl.n_stag_hunt(n, M, F, c), Z, selection=beta)
        assert ours.rho_D == pytest.approx(model.calculate_fixation_probability(0, 1, beta), rel=1e-9)
        if beta < 0.5:  # under strong selection EGTtools' rho_C underflows to 0 (ours: 9.7e-11, in log space)
            assert ours.rho_C == pytest.approx(model.calculate_fixation_probability(1, 0, beta), rel=1e-9)
        for j in range(1, Z):
            theirs = model.calculate_gradient_of_selection(beta, np.array([Z - j, j]))[1]
            assert ours.gradient[j] * Z / (Z - 1) == pytest.approx(theirs, rel=1e-9, abs=1e-15)


def test_finite_population_gradient_approaches_infinite_population():
    # for large Z the sign pattern of the finite gradient reproduces the infinite-population rest points
    g = npl.threshold_public_goods(6, 3, 4, 1)
    res = npl.finite_population(g, 2000, selection=1.0)
    interior = npl.replicator(g).rest_points.x.iloc[1:-1].to_numpy()
    sign = np.sign(res.gradient[1:-1])
    flips = res.x[1:-1][np.flatnonzero(sign[:-1] != sign[1:])]
    assert len(flips) == len(interior) and np.allclose(flips, interior, atol=5e-3)


# ---------------------------------------------------------------------------------------------------------------
# sanctions
# ---------------------------------------------------------------------------------------------------------------
@given(st.floats(0.05, 1.0), st.floats(0.0, 0.3), st.floats(2.05, 6.0), st.floats(-3.0, 1.5))
def test_closed_forms_agree_with_one_shot_deviation_check(p, noise, T, outside):
    R, P = 2.0, 0.0
    for closed, O in ((npl.grim_monitoring_delta(T, R, P, p, noise), P),
                      (npl.exclusion_delta(T, R, outside, p, noise), outside)):
        direct = npl.graduated_delta(T=T, R=R, p=p, fines=[], outside=O, noise=noise)
        assert 0 <= closed < 1 and direct == pytest.approx(closed, abs=1e-9)
        # exactly at the threshold a violation gains nothing; just above it loses
        assert abs(npl.one_shot_gains(closed, T=T, R=R, p=p, outside=O, noise=noise)[0]) < 1e-8 * T
        assert npl.one_shot_gains(min(closed + 1e-3, 0.999), T=T, R=R, p=p, outside=O, noise=noise)[0] < 0


def test_sanction_thresholds_move_the_right_way():
    ps = np.linspace(0.05, 1, 20)
    grim = npl.grim_monitoring_delta(3, 2, 0, ps)
    excl = npl.exclusion_delta(3, 2, -1, ps)
    assert (np.diff(grim) < 0).all() and (excl < grim).all()
    assert npl.grim_monitoring_delta(3, 2, 0, 0.0) == np.inf
    assert npl.grim_monitoring_delta(3, 2, 0, 1.0) == pytest.approx(1 / 3)   # Friedman's (T-R)/(T-P)
    p = sp.Symbol("p", positive=True)
    assert sp.simplify(npl.grim_monitoring_delta(3, 2, 0, p) - 1 / (1 + 2 * p)) == 0


def test_graduated_sanctions_by_brute_force_value_iteration():
    # value iteration on the state machine (states: detections so far) for the best policy of a violator
    T, R, O, p, eps, F = 3.0, 2.0, -1.0, 0.6, 0.1, [0.8, 1.5]
    dstar = npl.graduated_delta(T=T, R=R, p=p, fines=F, outside=O, noise=eps)
    assert 0 < dstar < 1

    def best_is_comply(delta):
        K = len(F)
        Fn = F + [0.0]
        V = np.zeros(K + 2)
        V[K + 1] = O / (1 - delta)
        def val(V, j, intend_c):
            pc = 1 - eps if intend_c else eps
            return pc * (R + delta * V[j]) + (1 - pc) * (T - p * Fn[j] + delta * (p * V[j + 1] + (1 - p) * V[j]))

        for _ in range(5000):
            new = V.copy()
            for j in range(K + 1):
                new[j] = max(val(V, j, True), val(V, j, False))
            V = new
        return all(
            (1 - eps) * (R + delta * V[j]) + eps * (T - p * Fn[j] + delta * (p * V[j + 1] + (1 - p) * V[j]))
            >= eps * (R + delta * V[j]) + (1 - eps) * (T - p * Fn[j] + delta * (p * V[j + 1] + (1 - p) * V[j]))
            - 1e-9 for j in range(K + 1))

    assert best_is_comply(min(dstar + 0.01, 0.999)) and not best_is_comply(dstar - 0.01)


def test_cooperation_levels_against_direct_series():
    delta, p, eps, n, K = 0.9, 0.4, 0.08, 6, 2
    q = eps * p
    t = np.arange(3000)
    disc = (1 - delta) * delta ** t
    from scipy.stats import binom

    assert npl.grim_cooperation(delta, p, eps, n) == pytest.approx(((1 - eps) * disc * (1 - q) ** (n * t)).sum())
    assert npl.exclusion_cooperation(delta, p, eps) == pytest.approx(((1 - eps) * disc * (1 - q) ** t).sum())
    assert npl.graduated_cooperation(delta, p, eps, K) == pytest.approx(
        ((1 - eps) * disc * binom.cdf(K, t, q)).sum())


def test_sanction_regimes_table():
    g = npl.public_goods(10, 3, 1)
    res = npl.sanction_regimes([0.1, 0.5, 1.0], delta=0.9, **g.stage_payoffs(), n_firms=10, outside=-1,
                               noise=0.05, fines=[2.0, 4.0])
    f = res.to_frame()
    assert set(f.regime) == {"grim", "exclusion", "graduated"} and len(f) == 9
    assert ((f.cooperation >= 0) & (f.cooperation <= 1)).all()
    sustained = f[f.cooperation > 0].pivot(index="p", columns="regime", values="cooperation").dropna()
    assert (sustained.graduated >= sustained.exclusion).all() and (sustained.exclusion >= sustained.grim).all()


def test_exact_fraction_and_huge_integer_games_match_brute_force():
    rng = np.random.default_rng(7)
    num = rng.integers(-5, 6, size=(3, 2, 3, 2))
    den = rng.integers(1, 7, size=(3, 2, 3, 2))
    u = np.vectorize(lambda a, b: Fraction(int(a), int(b)), otypes=[object])(num, den)
    assert NPlayerGame(u).pure_equilibria() == brute_force_equilibria(u)
    big = np.vectorize(lambda a: int(a) * 10**30, otypes=[object])(num)  # beyond int64: Fractions are used
    assert NPlayerGame(big).pure_equilibria() == brute_force_equilibria(num)
    su = np.vectorize(lambda a, b: sp.Rational(int(a), int(b)), otypes=[object])(num, den)
    assert NPlayerGame(su).pure_equilibria() == brute_force_equilibria(u)


def _simulated_violation_gain(delta, *, T, R, P, p, eps, n, M=40_000, H=250, seed=7):
    """Monte-Carlo of the n-firm repeated game under grim reversion: discounted payoff of one intended violation at
    t = 0 minus that of complying (common random numbers; others' detected mistakes also end cooperation)."""
    rng = np.random.default_rng(seed)
    own, det = rng.random((H, M)), rng.random((H, M))
    others = rng.random((H, M)) < 1 - (1 - eps * p) ** (n - 1)
    total = {}
    for dev in (False, True):
        alive, acc, disc = np.ones(M, bool), np.zeros(M), 1.0
        for t in range(H):
            viol = (own[t] < eps) | (dev and t == 0)
            acc += np.where(alive, disc * np.where(viol, T, R), 0.0)
            end = alive & ((viol & (det[t] < p)) | others[t])
            acc += np.where(end, disc * delta * P / (1 - delta), 0.0)
            alive &= ~end
            disc *= delta
        total[dev] = acc
    diff = total[True] - total[False]
    return diff.mean(), diff.std() / np.sqrt(M)


@pytest.mark.parametrize("p, eps", [(1.0, 0.05), (0.5, 0.05), (0.8, 0.0)])
def test_grim_threshold_with_many_firms_against_direct_simulation(p, eps):
    # a review found the n-firm threshold ignored the other firms' detected mistakes (which also end cooperation
    # under grim reversion): at n = 10, p = 1, noise 0.05 the old formula gave 0.259, the simulation ~0.411
    T, R, P, n = 2.7, 2.0, 0.0, 10
    star = npl.grim_monitoring_delta(T, R, P, p, eps, n)
    below, se_b = _simulated_violation_gain(star - 0.03, T=T, R=R, P=P, p=p, eps=eps, n=n)
    above, se_a = _simulated_violation_gain(star + 0.03, T=T, R=R, P=P, p=p, eps=eps, n=n)
    assert below > 4 * se_b and above < -4 * se_a
    if eps > 0:
        assert star > npl.grim_monitoring_delta(T, R, P, p, eps, 1) + 0.05
    else:
        assert star == pytest.approx(npl.grim_monitoring_delta(T, R, P, p, eps, 1))
