"""Adversarial input for clustergames.nplayer: each call raises a clear error naming the argument, or returns a
finite valid result."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from clustergames import nplayer as npl
from clustergames.nplayer import NPlayerGame

GOOD = np.zeros((3, 2, 2, 2))

BAD_CALLS = [
    # (callable, exception, message fragment)
    (lambda: NPlayerGame([[[1, 2], [3]], [[1, 2], [3, 4]]]), ValueError, "rectangular"),
    (lambda: NPlayerGame(np.zeros((3, 2, 2))), ValueError, "first axis of length n_players = 2"),
    (lambda: NPlayerGame(np.zeros((2, 2)),), ValueError, "at least 3 dimensions"),
    (lambda: NPlayerGame("payoffs"), TypeError, "payoffs must be an array"),
    (lambda: NPlayerGame(None), TypeError, "payoffs must be an array"),
    (lambda: NPlayerGame(np.full((2, 2, 2), np.nan)), ValueError, "finite"),
    (lambda: NPlayerGame([[[1, "a"], [0, 0]], [[0, 0], [0, 0]]]), TypeError, "payoffs[0, 0, 1]"),
    (lambda: NPlayerGame(np.ones((2, 2, 2), dtype=bool)), TypeError, "bools"),
    (lambda: NPlayerGame(np.ones((2, 2, 2)) * 1j), TypeError, "real"),
    (lambda: NPlayerGame(GOOD, players=["a", "b"]), ValueError, "players must have 3 entries"),
    (lambda: NPlayerGame(GOOD, players=["a", "a", "b"]), ValueError, "distinct"),
    (lambda: NPlayerGame(GOOD, actions=[["x", "y"], ["x", "y"]]), ValueError, "one sequence of names per player"),
    (lambda: NPlayerGame(GOOD, actions=[["x"], ["x", "y"], ["x", "y"]]), ValueError, "actions[0] must have 2"),
    (lambda: NPlayerGame(GOOD).payoff((0, 0)), ValueError, "profile must have 3 entries"),
    (lambda: NPlayerGame(GOOD).payoff((0, 0, 2)), ValueError, "out of range"),
    (lambda: NPlayerGame(GOOD).payoff((0, 0, 0.5)), TypeError, "action indices or names"),
    (lambda: NPlayerGame(GOOD).best_responses(3, [0, 0]), ValueError, "player must be an index"),
    (lambda: NPlayerGame(GOOD).best_responses("nobody", [0, 0]), ValueError, "player must be one of"),
    (lambda: NPlayerGame(GOOD).best_responses(0, [[0.5, 0.6], 0]), ValueError, "must sum to 1"),
    (lambda: NPlayerGame(GOOD).best_responses(0, [[1.5, -0.5], 0]), ValueError, "others[0]"),
    (lambda: NPlayerGame(GOOD).to_stage_game(), ValueError, "two-player"),
    (lambda: NPlayerGame.from_stage_game("game"), TypeError, "StageGame"),
    (lambda: NPlayerGame([[[sp.Symbol("x"), 0], [0, 0]], [[0, 0], [0, 0]]]).pure_equilibria(), TypeError,
     "substitute numbers first"),
    (lambda: NPlayerGame([[[sp.Symbol("x"), 0], [0, 0]], [[0, 0], [0, 0]]]).subs(y=1), ValueError, "unknown symbol"),
    # symmetric games
    (lambda: npl.SymmetricGame(1, [0], [0]), ValueError, "n must be an integer >= 2"),
    (lambda: npl.SymmetricGame(2.5, [0, 0], [0, 0]), TypeError, "n must be an integer"),
    (lambda: npl.SymmetricGame(3, [0, 0], [0, 0, 0]), ValueError, "a must give one payoff for each k"),
    (lambda: npl.SymmetricGame(3, [0, 0, np.inf], [0, 0, 0]), ValueError, "a(2)"),
    (lambda: npl.SymmetricGame(3, lambda k: 1 / (k - 1), [0, 0, 0]), TypeError, "calling a(k) raised"),
    (lambda: npl.SymmetricGame(3, "abc", [0, 0, 0]), TypeError, "a must be a function of k"),
    (lambda: npl.SymmetricGame(3, [0, 0, 0], [0, 0, 0]).symmetric_equilibria(), ValueError, "every p in [0, 1]"),
    (lambda: npl.SymmetricGame(20, [0] * 20, [0] * 20).to_nplayer(), ValueError, "n must be <= 16"),
    (lambda: npl.public_goods(1, 2, 1), ValueError, "n must be an integer >= 2"),
    (lambda: npl.public_goods(4, 2, 0), ValueError, "c must be > 0"),
    (lambda: npl.public_goods(4, -1, 1), ValueError, "r must be >= 0"),
    (lambda: npl.threshold_public_goods(4, 0, 2, 1), ValueError, "k (the number of contributions needed) must lie"),
    (lambda: npl.threshold_public_goods(4, 5, 2, 1), ValueError, "[1, n] = [1, 4]"),
    (lambda: npl.threshold_public_goods(4, 1.5, 2, 1), TypeError, "k must be an integer"),
    (lambda: npl.volunteers_dilemma(5, float("nan"), 1), ValueError, "b must be a finite"),
    (lambda: npl.n_stag_hunt(5, 6, 3), ValueError, "m (the number of cooperators"),
    (lambda: npl.n_snowdrift(5, 1, 1, 0), ValueError, "m (the number of workers"),
    (lambda: npl.commons(5, 1, 1, 2), ValueError, "alpha (the return of the first firm) must exceed"),
    (lambda: npl.commons(5, 10, 0, 2), ValueError, "beta must be > 0"),
    (lambda: npl.discounted_public_goods(5, 1, 1, -0.5), ValueError, "w must be >= 0"),
    (lambda: npl.threshold_public_goods(3, 2, sp.Symbol("b"), 1).pure_equilibria(), TypeError, "substitute"),
    (lambda: npl.public_goods(3, 1.5, 1).stage_payoffs() and npl.public_goods(3, 5, 1).stage_payoffs(), ValueError,
     "all-defect is not an equilibrium"),
    # evolution
    (lambda: npl.replicator("game"), TypeError, "game must be a SymmetricGame"),
    (lambda: npl.gradient_of_selection(npl.public_goods(3, 2, 1), 1.5), ValueError, "x must hold numbers <= 1"),
    (lambda: npl.finite_population(npl.public_goods(5, 2, 1), 4, selection=1), ValueError, "at least the group size"),
    (lambda: npl.finite_population(npl.public_goods(5, 2, 1), 50, selection=-1), ValueError, "selection"),
    (lambda: npl.finite_population(npl.public_goods(5, 2, 1), 50, selection=1.5, process="moran"), ValueError,
     "selection"),
    (lambda: npl.finite_population(npl.public_goods(5, 2, 1), 50, selection=1, process="moron"), ValueError,
     "did you mean 'moran'"),
    (lambda: npl.finite_population(npl.public_goods(5, 2, 1), 50, selection=1, mutation=2), ValueError,
     "mutation must be a probability"),
    (lambda: npl.finite_population(npl.public_goods(5, 0, 1), 50, selection=1, process="moran"), ValueError,
     "fitness 1 - w + w*payoff must be positive"),
    # sanctions
    (lambda: npl.grim_monitoring_delta(3, 2, 0, 1.5), ValueError, "p (the detection probability)"),
    (lambda: npl.grim_monitoring_delta(3, 2, 0, -0.1), ValueError, "p (the detection probability)"),
    (lambda: npl.grim_monitoring_delta(3, 2, 2, 0.5), ValueError, "R (cooperation) must pay more than P"),
    (lambda: npl.exclusion_delta(3, 2, 3, 0.5), ValueError, "outside option"),
    (lambda: npl.grim_monitoring_delta(3, 2, 0, 0.5, 0.7), ValueError, "noise"),
    (lambda: npl.one_shot_gains(1.0, T=3, R=2, p=0.5, outside=0), ValueError, "delta must be a discount factor"),
    (lambda: npl.one_shot_gains(0.5, T=3, R=2, p=0.5, outside=0, fines=[-1]), ValueError, "fines must hold"),
    (lambda: npl.graduated_delta(T=3, R=2, p=2, fines=[1]), ValueError, "p must be a probability"),
    (lambda: npl.sanction_regimes([0.5, 1.2], delta=0.9, T=3, R=2, P=0, n_firms=5), ValueError, "p must hold"),
    (lambda: npl.sanction_regimes(0.5, delta=1.0, T=3, R=2, P=0, n_firms=5), ValueError, "delta must be"),
    (lambda: npl.sanction_regimes(0.5, delta=0.9, T=3, R=2, P=0, n_firms=0), ValueError, "n_firms"),
]


@pytest.mark.parametrize("call, exc, fragment", BAD_CALLS)
def test_bad_input_raises_clear_error(call, exc, fragment):
    with pytest.raises(exc) as info:
        call()
    assert fragment in str(info.value)


def test_edge_inputs_give_finite_valid_results():
    # one action per player, ties everywhere, huge and tiny payoff scales, n = 2 symmetric, p = 0 and p = 1
    assert NPlayerGame(np.zeros((3, 1, 1, 1))).pure_equilibria() == [(0, 0, 0)]
    assert len(NPlayerGame(np.zeros((3, 2, 2, 2))).pure_equilibria()) == 8
    u = np.random.default_rng(1).random((3, 2, 3, 2))
    assert NPlayerGame(u * 1e12).pure_equilibria() == NPlayerGame(u * 1e-9).pure_equilibria()
    e = npl.volunteers_dilemma(2, Fraction(4), Fraction(1)).symmetric_equilibria()
    assert [x.p for x in e] == [sp.Rational(3, 4)]
    assert npl.grim_monitoring_delta(3, 2, 0, 0.0) == np.inf
    assert npl.grim_monitoring_delta(2, 2, 0, 0.5) == 0.0
    assert npl.graduated_delta(T=2, R=2, p=0.0, fines=[1]) == 0.0
    res = npl.finite_population(npl.public_goods(5, 3, 1), 10_000, selection=10.0)
    assert 0 <= res.rho_C <= 1 and 0 <= res.rho_D <= 1 and np.isfinite(res.gradient).all()
    assert np.isclose(res.stationary.distribution.sum(), 1)


# found in review: an empty grid of detection probabilities gave a table without columns; the grim threshold's
# number of firms is checked like the other formula arguments
REVIEW_CALLS = [
    (lambda: npl.sanction_regimes([], delta=0.9, T=3, R=2, P=0, n_firms=3), ValueError, "at least one detection"),
    (lambda: npl.grim_monitoring_delta(3, 2, 0, 0.5, 0.0, 0), ValueError, "n_firms must be at least 1"),
    (lambda: npl.grim_monitoring_delta(3, 2, 0, float("nan"), 0.1, 5), ValueError, "p must not be NaN"),
    (lambda: npl.grim_monitoring_delta(3, 2, 0, 0.5, 0.6, 5), ValueError, "noise"),
    (lambda: npl.threshold_public_goods(3, 2.5, 3, 1), TypeError, "k must be an integer"),
    (lambda: npl.volunteers_dilemma(True, 2, 1), TypeError, "not a bool"),
    (lambda: npl.public_goods(10**6, 3, 1), ValueError, "n must be an integer <= "),
    (lambda: npl.SymmetricGame(3, [1, 1, 1], [1, 1, 1]).symmetric_equilibria(), ValueError, "indifferent"),
    (lambda: npl.gradient_of_selection(npl.volunteers_dilemma(4, 2, 1), float("nan")), ValueError, "NaN"),
    (lambda: npl.finite_population(npl.volunteers_dilemma(4, 2, 1), 10, selection=float("nan")), ValueError,
     "selection must be a finite"),
    (lambda: npl.one_shot_gains(float("nan"), T=3, R=2, p=0.5, outside=0), ValueError, "delta must not contain NaN"),
    (lambda: npl.graduated_delta(T=3, R=2, p=0.5, fines=[float("nan")]), ValueError, "fines must not contain NaN"),
]


@pytest.mark.parametrize("call, exc, fragment", REVIEW_CALLS)
def test_review_bad_input(call, exc, fragment):
    with pytest.raises(exc) as info:
        call()
    assert fragment in str(info.value)


def test_review_edge_inputs():
    # many firms, exact and extreme inputs give valid answers
    assert [e.p for e in npl.threshold_public_goods(200, 5, 3, 1).symmetric_equilibria()] == [0]  # pivot too rare
    with pytest.raises(ValueError, match="takes minutes beyond n = 500"):   # found in review: n = 2000 took 4 min
        npl.threshold_public_goods(2000, 5, 3, 1).symmetric_equilibria()
    assert npl.public_goods(4, 4, 1).pure_equilibria() == [0, 1, 2, 3, 4]   # r = n: everyone indifferent
    assert [e.p for e in npl.volunteers_dilemma(3, Fraction(4), Fraction(1)).symmetric_equilibria()] == \
        [sp.Rational(1, 2)]
    g = npl.finite_population(npl.threshold_public_goods(5, 2, 4, 1), 50, selection=1e4)
    assert np.isfinite(g.gradient).all() and (np.abs(g.gradient) <= 1).all()
    # grim threshold: one firm is the old formula; more firms (with mistakes) need more patience
    one = npl.grim_monitoring_delta(2.7, 2, 0, 0.5, 0.05, 1)
    assert one == pytest.approx(0.7 / (0.7 * 0.975 + 0.5 * (0.95 * 2 + 0.05 * 2.7)))
    assert npl.grim_monitoring_delta(2.7, 2, 0, 0.5, 0.05, 10) == pytest.approx(one / 0.975 ** 9)


def test_grim_monitoring_n_firms_must_be_a_whole_number():
    """n_firms counts firms: 1.5 firms is refused, arrays of whole numbers broadcast (review finding)."""
    import numpy as np

    from clustergames.nplayer import sanctions

    with pytest.raises(ValueError, match="n_firms must be a whole number"):
        sanctions.grim_monitoring_delta(3, 2, 0, 0.5, noise=0.05, n_firms=1.5)
    values = sanctions.grim_monitoring_delta(3, 2, 0, 0.5, noise=0.05, n_firms=np.array([1, 2, 10]))
    assert np.all(np.diff(values) > 0)  # more firms, more detected mistakes end cooperation: a higher threshold
