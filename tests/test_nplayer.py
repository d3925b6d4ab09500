"""Tests of clustergames.nplayer: n-player games, symmetric games, sanctions and evolution in groups."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import clustergames as cg
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
