"""Tests of clustergames.tournaments: exact memory-one payoffs, tournaments, the axelrod bridge, the exit option."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import clustergames.tournaments as t

R, S, T, P = 3.0, 0.0, 5.0, 1.0

prob = st.floats(0.0, 1.0, allow_nan=False)
vec4 = st.lists(prob, min_size=4, max_size=4)
vec5 = st.lists(prob, min_size=5, max_size=5)
det5 = st.lists(st.sampled_from([0.0, 1.0]), min_size=5, max_size=5)


# ---------------------------------------------------------------------------------------------------------------
# published values and closed forms
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("noise", [1e-14, 1e-9, 0.001, 0.01, 0.05, 0.3])
def test_tft_against_tft_with_noise_spends_a_quarter_in_each_outcome(noise):
    # Two TFT players with execution errors: the chain x' = y (flipped w.p. e), y' = x (flipped w.p. e) is doubly
    # stochastic, so its stationary distribution is uniform and both earn (R + S + T + P)/4 whatever the error
    # rate (Molander 1985, J. Conflict Resolution 29(4), 611-618: TFT pairs with noise earn the average payoff).
    # Tiny noise (1e-14) makes the chain nearly reducible: this also checks the GTH solve and the direct
    # computation of defection probabilities (no 1 - (1 - e) cancellation).
    v = t.memory_one_distribution(t.TFT, t.TFT, noise=noise)
    np.testing.assert_allclose(v, 0.25, atol=1e-12)
    sx, sy = t.memory_one_payoffs(t.TFT, t.TFT, noise=noise)
    assert sx == pytest.approx((R + S + T + P) / 4) and sy == pytest.approx(sx)


@pytest.mark.parametrize("e", [0.001, 0.01, 0.1, 0.25])
def test_wsls_against_wsls_with_noise_closed_form(e):
    # WSLS vs WSLS (Nowak & Sigmund 1993, Nature 364, 56-58): after CC or DD both intend C, after CD or DC both
    # intend D; each move is flipped w.p. e. Rows of the chain are ((1-e)^2, e(1-e), e(1-e), e^2) from CC/DD and
    # (e^2, e(1-e), e(1-e), (1-e)^2) from CD/DC, so pi_CD = pi_DC = e(1-e) and, with u = 1 - 2e(1-e),
    # pi_CC = u (1-e)^2 + 2e(1-e) e^2, pi_DD = u e^2 + 2e(1-e)(1-e)^2.
    u = 1 - 2 * e * (1 - e)
    pcc = u * (1 - e) ** 2 + 2 * e * (1 - e) * e**2
    pdd = u * e**2 + 2 * e * (1 - e) * (1 - e) ** 2
    expected = R * pcc + (S + T) * e * (1 - e) + P * pdd
    sx, sy = t.memory_one_payoffs(t.WSLS, t.WSLS, noise=e)
    assert sx == pytest.approx(expected, rel=1e-12) and sy == pytest.approx(expected, rel=1e-12)
    # to first order pi_CC = 1 - 4e, pi_CD = pi_DC = e, pi_DD = 2e: an error costs two rounds, then WSLS is back
    # to mutual cooperation (Nowak & Sigmund 1993), so s = R - (4R - S - T - 2P) e + O(e^2)
    if e <= 0.001:
        assert sx == pytest.approx(R - (4 * R - S - T - 2 * P) * e, abs=20 * e**2)


def test_press_dyson_extortioner_vector():
    # Press & Dyson (2012) PNAS 109(26), p. 10411: with (R, S, T, P) = (3, 0, 5, 1) and chi = 3 the extortionate
    # strategy is p = (11/13, 1/2, 7/26, 0).
    p = t.zd_extortion(3, phi=1 / 26).vector
    assert [Fraction(v).limit_denominator(1000) for v in p] == [Fraction(11, 13), Fraction(1, 2), Fraction(7, 26), 0]


@pytest.mark.parametrize("opponent", [t.ALLC, t.ALLD, t.TFT, t.WSLS, t.GRIM, t.GTFT, (0.3, 0.6, 0.2, 0.9),
                                      (0.9, 0.1, 0.5, 0.5, 0.0)])
@pytest.mark.parametrize("chi", [1.5, 3.0])
def test_extortion_relation_against_several_opponents(opponent, chi):
    # Press & Dyson (2012): an extortioner X enforces s_X - P = chi (s_Y - P) against any opponent Y; Akin's lemma
    # makes it hold for the long-run average from any start, so it also checks the Cesaro limit for reducible chains.
    zd = t.zd_extortion(chi)
    sx, sy = t.memory_one_payoffs(zd, opponent)
    assert sx - P == pytest.approx(chi * (sy - P), abs=1e-10)


@settings(max_examples=25)
@given(vec4, st.floats(1.0, 6.0))
def test_extortion_relation_property(q, chi):
    sx, sy = t.memory_one_payoffs(t.zd_extortion(chi), q)
    assert sx - P == pytest.approx(chi * (sy - P), abs=1e-8)


def test_gtft_generosity_nowak_sigmund_1992():
    # Nowak & Sigmund (1992) Nature 355: g = min(1 - (T-R)/(R-S), (R-P)/(T-P)) = min(1/3, 1/2) = 1/3 for (3,0,5,1)
    assert t.GTFT.vector == pytest.approx((1, 1 / 3, 1, 1 / 3))


# ---------------------------------------------------------------------------------------------------------------
# the Cesaro limit from the first move (several closed classes), discounted and finite-turn payoffs
# ---------------------------------------------------------------------------------------------------------------
def test_reducible_chains_depend_on_the_first_move():
    # TFT vs TFT without noise: CC forever from (C, C); CD/DC alternation from (C, D): (S + T)/2 each; DD from (D, D)
    assert t.memory_one_payoffs((1, 0, 1, 0, 1), (1, 0, 1, 0, 1)) == pytest.approx((R, R))
    assert t.memory_one_payoffs((1, 0, 1, 0, 1), (1, 0, 1, 0, 0)) == pytest.approx(((S + T) / 2, (S + T) / 2))
    assert t.memory_one_payoffs((1, 0, 1, 0, 0), (1, 0, 1, 0, 0)) == pytest.approx((P, P))
    # a randomised first move mixes the closed classes: 1/4 CC, 1/4 DD, 1/2 alternation
    v = t.memory_one_distribution((1, 0, 1, 0, 0.5), (1, 0, 1, 0, 0.5))
    np.testing.assert_allclose(v, [0.25, 0.25, 0.25, 0.25], atol=1e-12)
    # TFT vs ALLD: S once, then P forever
    assert t.memory_one_payoffs(t.TFT, t.ALLD) == pytest.approx((P, P))


@settings(max_examples=40)
@given(det5, det5)
def test_long_run_equals_abel_limit_of_discounted_payoffs(p, q):
    # For finite chains the Cesaro limit equals lim_{w -> 1} (1 - w) v0 (I - wM)^-1 (Abel limit)
    long = np.array(t.memory_one_payoffs(p, q))
    disc = np.array(t.memory_one_payoffs(p, q, continuation=1 - 1e-7))
    np.testing.assert_allclose(long, disc, atol=1e-5)


@settings(max_examples=15)
@given(vec5, vec5)
def test_long_run_equals_limit_of_finite_turn_average(p, q):
    long = np.array(t.memory_one_payoffs(p, q))
    finite = np.array(t.memory_one_payoffs(p, q, turns=4000))
    # |finite - long| <= C / n; C is bounded by the mixing time unless the chain is nearly reducible
    if all(0.05 < v < 0.95 for v in p + q):
        np.testing.assert_allclose(long, finite, atol=5e-3)


def test_discounted_tft_against_alld_closed_form():
    # Round 1: TFT cooperates, ALLD defects (S, T); then DD forever (P, P): normalised payoffs
    for w in (0.0, 0.5, 0.9):
        sx, sy = t.memory_one_payoffs(t.TFT, t.ALLD, continuation=w)
        assert sx == pytest.approx((1 - w) * S + w * P) and sy == pytest.approx((1 - w) * T + w * P)


@pytest.mark.parametrize("n", [1, 2, 10, 200])
def test_finite_turns_tft_against_alld(n):
    sx, sy = t.memory_one_payoffs(t.TFT, t.ALLD, turns=n)
    assert sx == pytest.approx((S + (n - 1) * P) / n) and sy == pytest.approx((T + (n - 1) * P) / n)


# ---------------------------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------------------------
@settings(max_examples=40)
@given(vec5, vec5, st.floats(0.0, 0.5), st.sampled_from([None, 0.3, 0.95]))
def test_payoffs_within_stage_game_range_and_distribution_sums_to_one(p, q, noise, w):
    v = t.memory_one_distribution(p, q, noise=noise, continuation=w)
    assert v.sum() == pytest.approx(1.0) and (v > -1e-12).all()
    sx, sy = t.memory_one_payoffs(p, q, noise=noise, continuation=w)
    assert S - 1e-9 <= sx <= T + 1e-9 and S - 1e-9 <= sy <= T + 1e-9
    # swapping the players swaps the payoffs
    sy2, sx2 = t.memory_one_payoffs(q, p, noise=noise, continuation=w)
    assert (sx2, sy2) == pytest.approx((sx, sy), abs=1e-9)


def test_batched_tournament_equals_pairwise_calls():
    strategies = t.named_strategies()
    res = t.exact_tournament(strategies, noise=0.05)
    for a, pa in strategies.items():
        for b, pb in strategies.items():
            assert res.payoff_matrix.loc[a, b] == pytest.approx(t.memory_one_payoffs(pa, pb, noise=0.05)[0])
    means = res.payoff_matrix.mean(axis=1)
    assert res.ranking["name"].iloc[0] == means.idxmax()
    assert (np.diff(res.ranking["mean_payoff"]) <= 0).all()
    assert set(res.tidy().columns) == {"player", "opponent", "payoff"}


# ---------------------------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------------------------
def test_bad_input():
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        t.memory_one_payoffs((1.2, 0, 1, 0), t.TFT)
    with pytest.raises(ValueError, match="length 4 or 5"):
        t.memory_one_payoffs((1, 0, 1), t.TFT)
    with pytest.raises(ValueError, match=r"noise must be a probability in \[0, 1\]"):
        t.memory_one_payoffs(t.TFT, t.TFT, noise=1.5)
    with pytest.raises(ValueError, match=r"continuation must be a probability in \[0, 1\)"):
        t.memory_one_payoffs(t.TFT, t.TFT, continuation=1.0)
    with pytest.raises(ValueError, match="at most one"):
        t.memory_one_payoffs(t.TFT, t.TFT, continuation=0.5, turns=3)
    with pytest.raises(ValueError, match="turns must be"):
        t.memory_one_payoffs(t.TFT, t.TFT, turns=0)
    with pytest.warns(DeprecationWarning, match="pass T, R, P, S by keyword"):
        with pytest.raises(ValueError, match="payoffs must be"):
            t.memory_one_payoffs(t.TFT, t.TFT, payoffs=(3, 0, 5))
    with pytest.raises(TypeError, match="not also as payoffs"):
        t.memory_one_payoffs(t.TFT, t.TFT, T=6, payoffs=(3, 0, 5, 1))
    with pytest.raises(ValueError, match="T must be a finite"):
        t.memory_one_payoffs(t.TFT, t.TFT, T=np.inf)
    with pytest.raises(TypeError, match="mapping"):
        t.exact_tournament([t.TFT, t.ALLD])
    with pytest.raises(ValueError, match="chi must be at least 1"):
        t.zd_extortion(0.5)
    with pytest.raises(ValueError, match="phi must lie"):
        t.zd_extortion(3, phi=0.5)
    with pytest.raises(ValueError, match="initial must be"):
        t.MemoryOne((1, 0, 1, 0), initial=2)
    with pytest.raises(ValueError, match=r"survival must be a probability in \[0, 1\)"):
        t.exit_mean_field([0.5, 0.5], survival=1.0)
    with pytest.raises(ValueError, match="x must sum to 1"):
        t.exit_mean_field([0.5, 0.6])
    with pytest.raises(ValueError, match="action must be"):
        t.ExitStrategy("X")
    with pytest.raises(ValueError, match="non-negative"):
        t.simulate_exit_game(S=-1, rounds=2)


# ---------------------------------------------------------------------------------------------------------------
# the exit option
# ---------------------------------------------------------------------------------------------------------------
def test_exit_mean_field_without_lasting_pairs_is_random_matching():
    df = t.exit_mean_field([0.3, 0.7], survival=0.0)
    assert df["payoff"].tolist() == pytest.approx([0.3 * R + 0.7 * S, 0.3 * T + 0.7 * P])


def test_exit_mean_field_matches_agent_based_simulation_at_fixed_shares():
    # Ecological cross-check: shares frozen (newcomers inherit the strategy they replace)
    sim = t.simulate_exit_game(n_agents=2000, survival=0.9, rounds=500, evolve=False, initial=[0.5, 0.5], rng=3)
    h = sim.history.iloc[150:]
    shares = h[["OFT", "DL"]].mean().to_numpy()
    mf = t.exit_mean_field(shares / shares.sum(), survival=0.9)
    np.testing.assert_allclose(h[["payoff_OFT", "payoff_DL"]].mean().to_numpy(), mf["payoff"], atol=0.04)


def test_without_exit_cooperation_never_survives_and_with_exit_above_critical_survival():
    # Without dissociation pairs are random and lasting: pi_C - pi_D = (R - T) x + (S - P)(1 - x) < 0 for all x
    for s in (0.5, 0.9, 0.99):
        assert t.exit_cooperation(s, exit_option=False) == 0.0
    s_star = t.exit_critical_survival(grid=60, tol=2e-3)
    assert 0.5 < s_star < 0.99
    assert t.exit_cooperation(s_star - 0.02) == 0.0
    assert t.exit_cooperation(min(s_star + 0.03, 0.995)) > 0.3


def test_exit_simulation_cooperation_with_and_without_exit():
    # Izquierdo, Izquierdo & Vega-Redondo (2010, 2014): long lives + conditional dissociation sustain cooperation
    sim = t.simulate_exit_game(("OFT", "DL"), n_agents=400, survival=0.98, rounds=1500, rng=2)
    sim0 = t.simulate_exit_game(("CS", "DS"), n_agents=400, survival=0.98, rounds=1500, exit_option=False, rng=2)
    assert sim.cooperation > 0.6
    assert sim0.cooperation < 0.1


# ---------------------------------------------------------------------------------------------------------------
# the axelrod bridge (slow: axelrod takes seconds to import)
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_axelrod_round_trip():
    import axelrod as axl

    for strat in (t.TFT, t.WSLS, t.GRIM, t.ALLD, t.GTFT, t.zd_extortion(3)):
        back = t.from_axelrod(t.to_axelrod(strat))
        assert back.vector == pytest.approx(strat.vector) and back.initial == strat.initial
    assert t.from_axelrod(axl.TitForTat()).vector == t.TFT.vector
    assert t.from_axelrod(axl.Defector()).initial == 0.0
    with pytest.raises(TypeError, match="memory-one"):
        t.from_axelrod(axl.Grudger())
    with pytest.raises(ValueError, match="0 or 1"):
        t.to_axelrod((1, 0, 1, 0, 0.5))


@pytest.mark.slow
def test_exact_payoffs_inside_axelrod_confidence_bands():
    strategies = {"TFT": t.TFT, "WSLS": t.WSLS, "ZD": t.zd_extortion(3), "GTFT": t.GTFT}
    exact = t.exact_tournament(strategies, noise=0.05, turns=200).payoff_matrix
    sim = t.axelrod_tournament(strategies, noise=0.05, turns=200, repetitions=10, rng=7)
    for row in sim.itertuples():
        half = 4.0 * row.std / np.sqrt(row.repetitions) + 1e-9  # 16 comparisons: a wide band
        assert abs(exact.loc[row.player, row.opponent] - row.mean) <= half, row


@pytest.mark.slow
def test_axelrod_moran_fixation_matches_exact_formula():
    # One ALLD among 3 TFT, matches of 5 turns, no noise: deterministic payoffs from memory_one_payoffs(turns=5);
    # axelrod's Moran process (birth proportional to summed per-turn scores, death uniform) = Moran with w = 1.
    from clustergames import population

    n = 5
    a = t.memory_one_payoffs(t.ALLD, t.ALLD, turns=n)[0]
    b = t.memory_one_payoffs(t.ALLD, t.TFT, turns=n)[0]
    c = t.memory_one_payoffs(t.TFT, t.ALLD, turns=n)[0]
    d = t.memory_one_payoffs(t.TFT, t.TFT, turns=n)[0]
    rho = population.fixation_probability([[a, b], [c, d]], 4, selection=1.0)
    runs = 300
    df = t.axelrod_moran({"TFT": t.TFT, "ALLD": t.ALLD}, {"TFT": 3, "ALLD": 1}, turns=n, runs=runs, rng=11)
    freq = (df["winner"] == "ALLD").mean()
    assert abs(freq - rho) <= 4 * np.sqrt(rho * (1 - rho) / runs)


def test_vectorised_simulation_agrees_with_exact_finite_turn_payoffs():
    strategies = {"TFT": t.TFT, "WSLS": t.WSLS, "M": (0.8, 0.3, 0.6, 0.2, 1.0), "ZD": t.zd_extortion(2)}
    exact = t.exact_tournament(strategies, noise=0.05, turns=50).payoff_matrix
    sim = t.simulate_tournament(strategies, noise=0.05, turns=50, repetitions=400, rng=9)
    z = [(exact.loc[r.player, r.opponent] - r.mean) / (r.std / np.sqrt(r.repetitions)) for r in sim.itertuples()]
    assert np.max(np.abs(z)) < 4.0


def _discounted_reference(p5, q5, noise, w, digits=60):
    """(1-w) v0 (I - wM)^{-1} in 60-digit arithmetic (mpmath, shipped with sympy)."""
    import mpmath as mp

    with mp.workdps(digits):
        e, w = mp.mpf(noise), mp.mpf(w)
        pc = [(1 - e) * mp.mpf(float(x)) + e * (1 - mp.mpf(float(x))) for x in p5]
        qc = [(1 - e) * mp.mpf(float(x)) + e * (1 - mp.mpf(float(x))) for x in q5]
        M = mp.matrix(4, 4)
        for i, j in enumerate((0, 2, 1, 3)):
            a, b = pc[i], qc[j]
            M[i, 0], M[i, 1], M[i, 2], M[i, 3] = a * b, a * (1 - b), (1 - a) * b, (1 - a) * (1 - b)
        v0 = mp.matrix([[pc[4] * qc[4], pc[4] * (1 - qc[4]), (1 - pc[4]) * qc[4], (1 - pc[4]) * (1 - qc[4])]])
        x = v0 * mp.inverse(mp.eye(4) - w * M)
        return np.array([float((1 - w) * x[0, j]) for j in range(4)])


@pytest.mark.parametrize("w", [0.5, 1 - 1e-6, 1 - 1e-12])
def test_discounted_distribution_is_accurate_near_continuation_one(w):
    # issue 16: a linear solve of I - wM was off by 1.9e-5 at w = 1 - 1e-12; the restart chain solved by GTH
    # agrees with a 60-digit reference to round-off
    rng = np.random.default_rng(5)
    pairs = [(t.TFT, t.WSLS), (t.GRIM, t.ALLC), (t.GTFT, t.ALLD)] + [(rng.random(5), rng.random(5)) for _ in range(4)]
    for p, q in pairs:
        p5, q5 = t._as_five(p, "p"), t._as_five(q, "q")
        for noise in (0.0, 1e-9, 0.05):
            got = t.memory_one_distribution(p5, q5, noise=noise, continuation=w)
            assert np.abs(got - _discounted_reference(p5, q5, noise, w)).max() < 1e-14


def test_payoffs_by_keyword_and_the_deprecated_tuple_agree():
    new = t.memory_one_payoffs(t.TFT, t.GTFT, T=6, R=4, P=2, S=1, noise=0.05)
    with pytest.warns(DeprecationWarning, match="payoffs=\\(R, S, T, P\\) is deprecated"):
        old = t.memory_one_payoffs(t.TFT, t.GTFT, payoffs=(4, 1, 6, 2), noise=0.05)
    assert new == old
    assert t.exact_tournament({"TFT": t.TFT, "ALLD": t.ALLD}, T=6, R=4, P=2, S=1).payoffs == (4, 1, 6, 2)
