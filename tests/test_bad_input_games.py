"""Adversarial calls on the equilibrium engine (issues 14 and 16): a clear error naming the argument, or a finite,
verified result."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy

import clustergames as cg
from clustergames.games import DegenerateGameWarning

G = cg.battle_of_the_sexes(2, 1)
F = cg.StageGame([[0.5, 1.0], [1.0, 0.25]], [[1.0, 0.5], [0.25, 1.0]])


@pytest.mark.parametrize("call, exc, match", [
    (lambda: G.equilibria(tol=0), ValueError, "tol"),
    (lambda: G.equilibria(tol=-1e-9), ValueError, "tol"),
    (lambda: G.equilibria(tol=0.5), ValueError, "tol"),
    (lambda: G.equilibria(tol=float("nan")), ValueError, "tol"),
    (lambda: G.equilibria(tol="small"), TypeError, "tol"),
    (lambda: G.equilibria(exact="yes"), TypeError, "exact"),
    (lambda: G.equilibria(pure_only=1), TypeError, "pure_only"),
    (lambda: F.equilibria(exact=True), ValueError, "exact payoffs"),
    (lambda: F.equilibria(pure_only=True, exact=True), ValueError, "exact payoffs"),
    (lambda: G.lemke_howson(-1), ValueError, "label"),
    (lambda: G.lemke_howson(4), ValueError, "label"),
    (lambda: G.lemke_howson(1.5), TypeError, "label"),
    (lambda: G.lemke_howson("0"), TypeError, "label"),
    (lambda: G.lemke_howson(True), TypeError, "label"),
    (lambda: G.lemke_howson(0, tol=0), ValueError, "tol"),
    (lambda: F.lemke_howson(0, exact=True), ValueError, "exact payoffs"),
    (lambda: G.lemke_howson(0, exact=None), TypeError, "exact"),
    (lambda: F.equilibrium(exact=True), ValueError, "exact payoffs"),
    (lambda: G.equilibrium(tol=2), ValueError, "tol"),
    (lambda: cg.prisoners_dilemma(*sympy.symbols("T R P S")).equilibrium(), TypeError, "substitute numbers"),
    (lambda: cg.prisoners_dilemma(*sympy.symbols("T R P S")).lemke_howson(0), TypeError, "substitute numbers"),
    (lambda: cg.StageGame([[True, 0]], [[0, 1]]), TypeError, "A"),
    (lambda: cg.StageGame([[1, 2]], [[1j, 2]]), TypeError, "B"),
])
def test_bad_arguments_raise_clear_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def _verified(g, eqs):
    A, B = g.A.astype(float), g.B.astype(float)
    for e in eqs:
        x, y = np.asarray(e.row, float), np.asarray(e.col, float)
        assert np.isfinite(x).all() and np.isfinite(y).all()
        assert abs(x.sum() - 1) < 1e-12 and abs(y.sum() - 1) < 1e-12 and (x >= 0).all() and (y >= 0).all()
        ra, rb = max(np.ptp(A), 1e-300), max(np.ptp(B), 1e-300)
        assert (A @ y).max() - x @ A @ y <= 1e-9 * ra and (x @ B).max() - x @ B @ y <= 1e-9 * rb


@pytest.mark.parametrize("A, B", [
    ([[1e300, 0], [0, 1e300]], [[1e300, 0], [0, 1e300]]),          # near overflow
    ([[1e-300, 0], [0, 2e-300]], [[2e-300, 0], [0, 1e-300]]),      # near underflow
    ([[5.0]], [[-3.0]]),                                           # one action each
    ([[1, 2, 3]], [[3, 1, 3]]),                                    # one row, tied best replies
    ([[1], [2], [2]], [[0], [0], [0]]),                            # one column
    ([[0, 0], [0, 0]], [[0, 0], [0, 0]]),                          # everything is an equilibrium
    ([[1, 1], [1, 1]], [[2, 3], [2, 3]]),                          # constant for the row player
    ([[Fraction(1, 3), 0], [0, Fraction(2, 3)]], [[Fraction(2, 3), 0], [0, Fraction(1, 3)]]),
    ([[sympy.Rational(1, 7), 0], [0, 1]], [[1, 0], [0, sympy.Rational(1, 7)]]),
    ([[np.int64(3), 0], [0, np.int32(1)]], [[1, 0], [0, 3]]),
    ([[1e12 + 1, 1e12], [1e12, 1e12 + 1]], [[1, 0], [0, 1]]),      # differences at 1e-12 relative
    ([[-1e9, 1e9], [1e9, -1e9]], [[1e9, -1e9], [-1e9, 1e9]]),      # matching pennies scaled
])
def test_extreme_but_valid_games_give_verified_equilibria(A, B):
    g = cg.StageGame(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = g.equilibria()
    assert len(eqs) >= 1
    _verified(g, eqs)
    for label in range(sum(g.shape)):
        _verified(g, [g.lemke_howson(label)])
    _verified(g, [g.equilibrium()])


@pytest.mark.parametrize("bad, error, rule", [
    (True, TypeError, "not a bool"),
    (1 + 2j, TypeError, "real number"),
    (float("nan"), ValueError, "finite"),
    (float("inf"), ValueError, "finite"),
    ("3", TypeError, "number or a sympy expression"),
])
def test_one_rule_for_payoff_entries_in_every_game(bad, error, rule):
    """StageGame and NPlayerGame refuse the same bad entry with the same rule, naming where it sits."""
    from clustergames.nplayer import NPlayerGame

    with pytest.raises(error, match=rf"A\[0\]\[1\] must .*{rule}"):
        cg.StageGame([[0, bad], [1, 1]], [[0, 0], [0, 0]])
    with pytest.raises(error, match=rf"payoffs\[0, 0, 1\] must .*{rule}"):
        NPlayerGame([[[0, bad], [1, 1]], [[0, 0], [0, 0]]])
