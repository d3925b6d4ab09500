"""Tests of clustergames.reputation: closed forms against the literature, numeric fixed points, replicator rest
points, the agent-based simulation, and the Kreps-Wilson chain store."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import reputation as rep

FIRST_ORDER = ["image_scoring", "simple_standing", "stern_judging", "shunning"]
LEADING_EIGHT = [f"L{i}" for i in range(1, 9)]


# ---------------------------------------------------------------------------------------------------------------
# published thresholds
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("b,c", [(2.0, 1.0), (3.0, 1.0), (5.0, 2.0), (10.0, 1.0)])
def test_record_thresholds_match_nowak_2006_table_1(b, c):
    # Nowak (2006), Science 314:1560, Table 1 (indirect reciprocity): ESS b/c > 1/q, RD b/c > (2-q)/q,
    # AD (one-third rule) b/c > (3-2q)/q. At our thresholds each inequality holds with equality.
    q = rep.critical_record_quality(b, c)
    assert b / c == pytest.approx(1 / q)
    q = rep.risk_dominant_record_quality(b, c)
    assert b / c == pytest.approx((2 - q) / q)
    q = rep.one_third_record_quality(b, c)
    assert b / c == pytest.approx((3 - 2 * q) / q)
    # direct reciprocity, same table: ESS b/c > 1/w
    assert b / c == pytest.approx(1 / rep.reciprocity_threshold(b, c))


@pytest.mark.parametrize("b,c", [(3.0, 1.0), (4.0, 1.5)])
def test_critical_share_is_the_unstable_rest_point_of_tft_versus_alld(b, c):
    # Nowak (2006) Table 1, direct reciprocity matrix: TFT vs TFT (b-c)/(1-w), TFT vs ALLD -c, ALLD vs TFT b.
    for w in (0.5, 0.7, 0.9):
        x = rep.critical_share(b, c, w)
        tft = x * (b - c) / (1 - w) + (1 - x) * (-c)
        alld = x * b
        assert tft == pytest.approx(alld)
    # risk dominance <=> x* < 1/2 and the one-third rule <=> x* < 1/3 (thresholds of the same table, with w)
    assert rep.critical_share(b, c, 2 * c / (b + c)) == pytest.approx(0.5)
    assert rep.critical_share(b, c, 3 * c / (b + 2 * c)) == pytest.approx(1 / 3)
    assert rep.critical_share(b, c, 0.999 * c / b) == math.inf     # w below c/b: TFT never spreads


def test_critical_share_symbolic_matches_issue_formula():
    b, c, w = sympy.symbols("b c w", positive=True)
    expr = rep.critical_share(b, c, w)
    assert sympy.simplify(expr - c * (1 - w) / (w * (b - c))) == 0


# ---------------------------------------------------------------------------------------------------------------
# good standing: closed forms, numeric fixed points
# ---------------------------------------------------------------------------------------------------------------
def test_closed_forms_sigmund_2010():
    # Sigmund (2010), The Calculus of Selfishness, ch. 5: eps = (1-e)(1-mu) + e mu; standing
    # g = (1-mu)/(2-eps-mu); image scoring g = mu/(1-eps+mu). With e = 0.1, mu = 0.05: eps = 0.86.
    assert rep.good_fraction("simple_standing", 0.1, 0.05) == pytest.approx(0.95 / 1.09)
    assert rep.good_fraction("stern_judging", 0.1, 0.05) == pytest.approx(0.95 / 1.09)
    assert rep.good_fraction("image_scoring", 0.1, 0.05) == pytest.approx(0.05 / 0.19)
    assert rep.good_fraction("shunning", 0.1, 0.05) == pytest.approx(0.05 / 0.19)
    # no errors: standing keeps everyone good
    assert rep.good_fraction("stern_judging", 0, 0) == 1.0


def test_symbolic_good_fraction():
    e, mu = sympy.symbols("e mu", nonnegative=True)
    eps = (1 - e) * (1 - mu) + e * mu
    assert sympy.simplify(rep.good_fraction("stern_judging", e, mu) - (1 - mu) / (2 - eps - mu)) == 0
    assert sympy.simplify(rep.good_fraction("image_scoring", e, mu) - mu / (1 - eps + mu)) == 0
    with pytest.raises(TypeError, match="no closed form"):
        rep.good_fraction("L1", e, mu)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FIRST_ORDER), st.floats(0.0, 0.5), st.floats(0.001, 0.5))
def test_numeric_fixed_point_equals_closed_form(norm, e, mu):
    closed = rep.good_fraction(norm, e, mu, method="closed")
    numeric = rep.good_fraction(norm, e, mu, method="numeric")
    assert numeric == pytest.approx(closed, abs=1e-10)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FIRST_ORDER + LEADING_EIGHT), st.floats(0.0, 1.0), st.floats(0.0, 1.0),
       st.floats(0.0, 1.0))
def test_good_fraction_in_unit_interval(norm, e, mu, q):
    g = rep.good_fraction(norm, e, mu, record_quality=q, method="numeric")
    assert 0.0 <= g <= 1.0


def test_leading_eight_contains_standing_and_stern_judging():
    # Ohtsuki & Iwasa (2006), J. Theor. Biol. 239:435: L3 is simple standing, L6 stern judging.
    for e, mu in [(0.05, 0.02), (0.2, 0.1)]:
        assert rep.good_fraction("L3", e, mu) == pytest.approx(rep.good_fraction("simple_standing", e, mu))
        assert rep.good_fraction("L6", e, mu) == pytest.approx(rep.good_fraction("stern_judging", e, mu))
    assert rep.get_norm("L3").order == 1 and rep.get_norm("L1").order == 2 and rep.get_norm("image_scoring").order == 0


def test_leading_eight_fixed_point_solves_the_quadratic():
    # independent check: the mean-field map for an all-DISC population, iterated from all-good
    e, mu = 0.05, 0.02
    for name in LEADING_EIGHT:
        n = rep.get_norm(name)
        A = (1 - mu) * n.assessment + mu * (1 - n.assessment)
        gd = np.array([0.0, 1.0])             # P(bad), P(good) of a donor ... iterate the standing distribution
        g = 1.0
        for _ in range(5000):
            rec = np.array([1 - g, g])
            new = 0.0
            for i in (0, 1):
                for j in (0, 1):
                    h = (1 - e) * n.action[i, j]
                    new += gd[i] * rec[j] * (h * A[i, j, 1] + (1 - h) * A[i, j, 0])
            g = new
            gd = np.array([1 - g, g])
        assert rep.good_fraction(name, e, mu) == pytest.approx(g, abs=1e-9)


def test_degenerate_scoring_warns():
    with pytest.warns(rep.DegenerateReputationWarning, match="every fraction"):
        assert rep.good_fraction("image_scoring", 0.0, 0.0) == 1.0


# ---------------------------------------------------------------------------------------------------------------
# simulation against the fixed points
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("norm,e,mu", [("stern_judging", 0.05, 0.02), ("simple_standing", 0.2, 0.1),
                                       ("L1", 0.05, 0.02), ("L8", 0.1, 0.05)])
def test_public_simulation_converges_to_fixed_point(norm, e, mu):
    df = rep.simulate(norm, 4000, 300, rng=11, noise=e, assessment_error=mu)
    g = df["good"].iloc[100:]
    # batch means over 10 blocks of 20 rounds give the confidence band (reputations mix within a few rounds)
    blocks = g.to_numpy().reshape(10, 20).mean(axis=1)
    se = blocks.std(ddof=1) / np.sqrt(10)
    target = rep.good_fraction(norm, e, mu)
    assert abs(g.mean() - target) < max(4 * se, 2e-3)


@pytest.mark.parametrize("norm", ["stern_judging", "L2"])
def test_simulation_with_incomplete_records_matches_numeric_fixed_point(norm):
    # q < 1: uninformed discriminators help, and stern judging / L2 mark helping the bad down
    e, mu, q = 0.1, 0.02, 0.6
    df = rep.simulate(norm, 4000, 250, rng=3, noise=e, assessment_error=mu, record_quality=q)
    target = rep.good_fraction(norm, e, mu, record_quality=q)
    assert target < rep.good_fraction(norm, e, mu) - 0.03          # incomplete records cost standing
    assert df["good"].iloc[50:].mean() == pytest.approx(target, abs=4e-3)


def test_image_scoring_simulation_within_band():
    # slower mixing (autocorrelation eps - mu ~ 0.91 per round): replicate over seeds
    target = rep.good_fraction("image_scoring", 0.05, 0.02)
    means = [rep.simulate("image_scoring", 5000, 300, rng=s, noise=0.05,
                          assessment_error=0.02)["good"].iloc[100:].mean() for s in range(4)]
    assert abs(np.mean(means) - target) < 4 * np.std(means, ddof=1) / 2 + 2e-3


def test_private_image_scoring_matches_public_fixed_point():
    # image scoring judges the action only, so private views share the public fixed point
    df = rep.simulate("image_scoring", 300, 250, rng=5, noise=0.1, assessment_error=0.05,
                      reputations="private", observation=0.5)
    assert df["good"].iloc[100:].mean() == pytest.approx(rep.good_fraction("image_scoring", 0.1, 0.05), abs=0.015)


def test_private_stern_judging_loses_standing():
    # Uchida & Sasaki (2013): with private assessment and errors, stern judging drifts towards random images
    pub = rep.simulate("stern_judging", 300, 200, rng=2, noise=0.02, assessment_error=0.02)
    priv = rep.simulate("stern_judging", 300, 200, rng=2, noise=0.02, assessment_error=0.02,
                        reputations="private")
    assert priv["good"].iloc[-50:].mean() < pub["good"].iloc[-50:].mean() - 0.2


def test_loop_and_vectorised_simulations_agree():
    e, mu = 0.1, 0.05
    loop = np.mean(rep.simulate_loop("simple_standing", 400, 60, rng=3, noise=e, assessment_error=mu)[20:])
    vec = rep.simulate("simple_standing", 400, 60, rng=3, noise=e, assessment_error=mu)["good"][20:].mean()
    target = rep.good_fraction("simple_standing", e, mu)
    assert loop == pytest.approx(target, abs=0.01) and vec == pytest.approx(target, abs=0.01)


def test_simulation_is_deterministic():
    kw = dict(noise=0.05, assessment_error=0.02, record_quality=0.8, strategies=[0.2, 0.2, 0.6],
              imitation=0.2, mutation=0.01, generation=5)
    a = rep.simulate("stern_judging", 300, 50, rng=42, **kw)
    b = rep.simulate("stern_judging", 300, 50, rng=42, **kw)
    c = rep.simulate("stern_judging", 300, 50, rng=43, **kw)
    assert a.equals(b) and not a.equals(c)
    assert a.attrs["seed"] == 42
    np.testing.assert_allclose(a[["ALLC", "ALLD", "DISC"]].sum(axis=1), 1.0)


def test_imitation_follows_record_quality_condition():
    # q < c/b: defectors take over; q > c/b: discriminators resist (b = 3, c = 1, c/b = 1/3)
    kw = dict(b=3, c=1, strategies=[0.0, 0.2, 0.8], imitation=0.5, generation=5, selection=2.0, rng=7)
    low = rep.simulate("simple_standing", 600, 400, record_quality=0.15, **kw)
    high = rep.simulate("simple_standing", 600, 400, record_quality=0.9, **kw)
    assert low["ALLD"].iloc[-1] > 0.9
    assert high["DISC"].iloc[-1] > 0.9


# ---------------------------------------------------------------------------------------------------------------
# replicator dynamics over ALLC, ALLD, DISC
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("q", [0.5, 0.8, 1.0])
def test_edge_rest_point_matches_analytic(q):
    # Simple standing, no errors, on the ALLD-DISC edge: DISC always good, ALLD good with probability
    # (1-x)/(2-x); payoffs equal at x* = c(2-q)/(bq + c(1-q)).
    b, c = 3.0, 1.0
    x = rep.edge_rest_point("simple_standing", b=b, c=c, record_quality=q)
    assert x == pytest.approx(c * (2 - q) / (b * q + c * (1 - q)), abs=1e-9)


def test_disc_vertex_stability_flips_at_c_over_b():
    b, c = 3.0, 1.0
    assert rep.invasion_fitness("simple_standing", b=b, c=c, record_quality=c / b - 0.01) > 0
    assert rep.invasion_fitness("simple_standing", b=b, c=c, record_quality=c / b + 0.01) < 0
    assert rep.edge_rest_point("simple_standing", b=b, c=c, record_quality=c / b - 0.01) is None


@pytest.mark.parametrize("e,mu,q", [(0.05, 0.02, 0.9), (0.1, 0.05, 0.6)])
def test_invasion_fitness_closed_form_with_errors(e, mu, q):
    # ALLD in an all-DISC population under simple standing: g from the closed form, g_D = g mu + (1-g)(1-mu);
    # P_DISC = (1-e)(b-c)(1-q+qg), P_ALLD = (1-e) b (1-q+q g_D).
    b, c = 3.0, 1.0
    g = rep.good_fraction("simple_standing", e, mu)
    gD = g * mu + (1 - g) * (1 - mu)
    expected = (1 - e) * (b * (1 - q + q * gD) - (b - c) * (1 - q + q * g))
    got = rep.invasion_fitness("simple_standing", b=b, c=c, noise=e, assessment_error=mu,
                               record_quality=q)
    assert got == pytest.approx(expected, abs=1e-12)


def test_image_scoring_disc_invaded_by_allc_stern_judging_not():
    # Image scoring: ALLC's standing (eps) beats DISC's (who are marked down for justified refusals), so ALLC
    # invades (Panchanathan & Boyd 2003); stern judging punishes helping the bad.
    kw = dict(b=3, c=1, noise=0.05, assessment_error=0.02)
    assert rep.invasion_fitness("image_scoring", mutant="ALLC", **kw) > 0
    assert rep.invasion_fitness("stern_judging", mutant="ALLC", **kw) < 0
    assert rep.invasion_fitness("stern_judging", mutant="ALLD", **kw) < 0


def test_replicator_trajectories():
    df = rep.replicator_trajectory("stern_judging", [[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]], t_max=60, steps=300,
                                   noise=0.02, assessment_error=0.01)
    from clustergames.evolution import Trajectories

    assert isinstance(df, Trajectories)              # one trajectory type across evolution and reputation
    assert df.states.shape == (301, 2, 3) and set(df.extra) == {"good", "cooperation"}
    last = df[df["t"] == df["t"].max()].set_index("trajectory")
    assert last.loc[0, "DISC"] > 0.99                # DISC takes over from a DISC majority
    assert last.loc[1, "ALLD"] > 0.99                # without discriminators, defectors win
    sums = df[["ALLC", "ALLD", "DISC"]].sum(axis=1)
    np.testing.assert_allclose(sums, 1.0, atol=1e-12)
    v = rep.replicator_field("stern_judging", [[0.3, 0.3, 0.4], [0, 0, 1]])
    np.testing.assert_allclose(v.sum(-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(v[1], 0.0, atol=1e-12)


# ---------------------------------------------------------------------------------------------------------------
# chain store (Kreps & Wilson 1982)
# ---------------------------------------------------------------------------------------------------------------
def test_chain_store_published_equilibrium():
    # Kreps & Wilson (1982), J. Econ. Theory 27:253, Section 3: thresholds b^k; the weak incumbent fights with
    # beta = (1-b^{k-1}) p / ((1-p) b^{k-1}) below b^{k-1}, surely above; the posterior after a fight is
    # max(b^{k-1}, p); the entrant enters iff p < b^k and stays out with probability 1/a at p = b^k.
    b, a, d = 0.5, 2.0, 0.1
    cs = rep.ChainStore(b, a, d, 10)
    assert [cs.threshold(k) for k in (1, 2, 3)] == pytest.approx([0.5, 0.25, 0.125])
    assert cs.fight_probability(3, 0.1) == pytest.approx(0.75 * 0.1 / (0.9 * 0.25))
    assert cs.fight_probability(3, 0.3) == 1.0
    assert cs.fight_probability(1, 0.3) == 0.0
    assert cs.entry_probability(4, 0.1) == 0.0 and cs.entry_probability(3, 0.1) == 1.0
    assert cs.entry_probability(2, 0.25) == pytest.approx(1 - 1 / a)
    # entry occurs only in the last floor(ln d / ln b) = 3 markets
    play = cs.simulate(rng=0, incumbent="weak", plays=200).to_frame()
    assert not play.loc[play["remaining"] > 3, "entered"].any()


@pytest.mark.parametrize("b,a,d", [(0.5, 2.0, 0.1), (0.3, 3.0, 0.05), (0.8, 1.5, 0.2)])
def test_chain_store_sequential_rationality(b, a, d):
    cs = rep.ChainStore(b, a, d, 12)
    for k in range(2, 13):
        for p in {d, b ** (k - 1), b ** k, 0.5 * b ** k}:
            if p >= 1:
                continue
            beta = cs.fight_probability(k, p)
            fight = -1 + cs.incumbent_value(k - 1, cs.belief_after_fight(k, p))
            accommodate = cs.incumbent_value(k - 1, 0.0)
            if 0 < beta < 1:
                assert fight == pytest.approx(accommodate, abs=1e-9)      # weak incumbent indifferent
            elif beta == 1:
                assert fight >= accommodate - 1e-9
            # the entrant: expected gain b - P(fight) is positive when it enters, negative when it stays out
            pf = p + (1 - p) * beta
            enter = cs.entry_probability(k, p)
            if enter == 1:
                assert b - pf >= -1e-9
            elif enter == 0:
                assert b - pf <= 1e-9
            else:
                assert b - pf == pytest.approx(0, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(1.01, 5), st.floats(0.0, 0.99), st.integers(1, 15),
       st.one_of(st.just(0.0), st.floats(1e-9, 0.999)))   # subnormal beliefs would only test float underflow
def test_beliefs_rise_after_a_fight_and_are_bayesian(b, a, d, k, p):
    cs = rep.ChainStore(b, a, d, 15)
    post = cs.belief_after_fight(k, p)
    assert post >= p - 1e-12
    beta = cs.fight_probability(k, p)
    if p > 0 and beta > 0:
        assert post == pytest.approx(p / (p + (1 - p) * beta), rel=1e-9)
    assert 0 <= beta <= 1


def test_expected_entries_bounded_and_matches_simulation():
    cs = rep.ChainStore(0.5, 2.0, 0.1, 40)
    E = cs.expected_entries()
    assert rep.ChainStore(0.5, 2.0, 0.1, 1000).expected_entries() == pytest.approx(E)
    assert E <= math.floor(math.log(0.1) / math.log(0.5)) + 1e-12
    sims = cs.simulate(rng=9, incumbent="weak", plays=3000).to_frame().groupby("play")["entered"].sum()
    assert abs(sims.mean() - E) < 4 * sims.std() / np.sqrt(len(sims))
    tough = cs.simulate(rng=1, incumbent="tough", plays=50).to_frame()
    assert (tough.loc[tough["entered"], "fought"]).all()


# ---------------------------------------------------------------------------------------------------------------
# reputation with exclusion
# ---------------------------------------------------------------------------------------------------------------
def test_exclusion_regions_connect_to_trust():
    from clustergames import trust

    df = rep.exclusion_regions(3.0, 1.0, outside=0.5)
    assert set(df["region"]) == {"both", "reputation only", "expulsion only", "neither"}
    assert (df["reputation"] == (df["q"] > 1 / 3)).all()
    # on the expulsion boundary the minimum detection rate is the record quality itself
    row = df[(df["delta_star"] < 0.99)].iloc[[10, 500, 3000]]
    for _, r in row.iterrows():
        assert trust.min_detection(3.0, 2.0, 0.5, r["delta_star"]) == pytest.approx(r["q"], rel=1e-9)


# ---------------------------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------------------------
def test_bad_input():
    with pytest.raises(ValueError, match="unknown norm 'golden_rule'; known norms: image_scoring, .*L8"):
        rep.good_fraction("golden_rule", 0.1, 0.1)
    with pytest.raises(ValueError, match="noise must be a probability in"):
        rep.good_fraction("stern_judging", 1.5, 0.1)
    with pytest.raises(ValueError, match="assessment_error must be a probability in"):
        rep.good_fraction("L1", 0.1, -0.1)
    with pytest.raises(ValueError, match="b must exceed c"):
        rep.critical_share(1, 2, 0.5)
    with pytest.raises(ValueError, match="b must exceed c"):
        rep.simulate("stern_judging", 10, 5, b=1, c=1)
    with pytest.raises(ValueError, match="record_quality must be a probability in"):
        rep.simulate("stern_judging", 10, 5, record_quality=2)
    with pytest.raises(ValueError, match="reputations must be"):
        rep.simulate("stern_judging", 10, 5, reputations="secret")
    with pytest.raises(ValueError, match="n_firms must be"):
        rep.simulate("stern_judging", 1, 5)
    with pytest.raises(ValueError, match="entrant_gain must lie in"):
        rep.ChainStore(1.2, 2, 0.1, 5)
    with pytest.raises(ValueError, match="incumbent_gain must be > 1"):
        rep.ChainStore(0.5, 0.5, 0.1, 5)
    with pytest.raises(ValueError, match="prior must lie in"):
        rep.ChainStore(0.5, 2, 1.0, 5)
    with pytest.raises(ValueError, match="remaining must be"):
        rep.ChainStore(0.5, 2, 0.1, 5).fight_probability(6, 0.1)
    with pytest.raises(ValueError, match="shares must be"):
        rep.strategy_payoffs("stern_judging", [0.5, 0.6, 0.1])
