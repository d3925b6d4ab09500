"""Adversarial input to the extensive-form module: a clear error naming the argument (or the node), never a
traceback from deep inside, never a silent wrong answer (issue 13)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from clustergames import extensive as ex
from clustergames.extensive import ExtensiveGame, SignallingGame

ENTRY = ("entrant", {"out": (0, 2), "in": ("incumbent", {"fight": (-1, -1), "accommodate": (1, 1)})})
P = ("entrant", "incumbent")


@pytest.mark.parametrize("tree, players, exc, match", [
    # payoff tuples of the wrong length, named by the node path
    (("entrant", {"out": (0,), "in": (1, 1)}), P, ValueError, r"payoffs at node out must have one entry per player"),
    (("entrant", {"out": (0, 2), "in": ("incumbent", {"fight": (-1, -1, 0), "accommodate": (1, 1)})}), P,
     ValueError, r"node in → fight"),
    # chance probabilities not summing to 1 / outside [0, 1]
    (("chance", {"h": (0.3, (1, 1)), "l": (0.6, (0, 0))}), P, ValueError, r"chance the root must sum to 1"),
    (("chance", {"h": (Fraction(1, 3), (1, 1)), "l": (Fraction(1, 3), (0, 0))}), P, ValueError, r"sum to 1"),
    (("chance", {"h": (1.5, (1, 1)), "l": (-0.5, (0, 0))}), P, ValueError, r"probability of 'h'.*\[0, 1\]"),
    (("chance", {"h": (float("nan"), (1, 1))}), P, ValueError, r"probability of 'h'"),
    (("chance", {"h": ((1, 1),)}), P, ValueError, r"must be \(probability, subtree\)"),
    # information sets mixing players or actions
    (("entrant", {"a": ("incumbent", {"x": (0, 0), "y": (1, 1)}, "H"),
                  "b": ("entrant", {"x": (0, 0), "y": (1, 1)}, "H")}), P, ValueError, r"'H' mixes players"),
    (("entrant", {"a": ("incumbent", {"x": (0, 0), "y": (1, 1)}, "H"),
                  "b": ("incumbent", {"x": (0, 0), "z": (1, 1)}, "H")}), P, ValueError,
     r"'H' must offer the same actions.*node a.*node b"),
    # perfect recall
    (("entrant", {"a": ("entrant", {"x": (0, 0), "y": (1, 1)}, "H"),
                  "b": ("entrant", {"x": (0, 0), "y": (1, 1)}, "H")}), P, ValueError, r"violates perfect recall"),
    # unknown player, bad actions, bad payoff values
    (("government", {"a": (0, 0)}), P, ValueError, r"player at the root must be one of"),
    (("entrant", {1: (0, 0)}), P, TypeError, r"actions at the root must be non-empty strings"),
    (("entrant", {"": (0, 0)}), P, TypeError, r"non-empty strings"),
    (("entrant", {}), P, ValueError, r"at least one action"),
    (("entrant", {"a": (0, float("inf"))}), P, ValueError, r"payoff of incumbent at node a must be a finite"),
    (("entrant", {"a": (0, float("nan"))}), P, ValueError, r"payoff of incumbent at node a"),
    (("entrant", {"a": (0, True)}), P, TypeError, r"payoff of incumbent at node a.*not a bool"),
    (("entrant", {"a": (0, "x")}), P, TypeError, r"payoff of incumbent at node a"),
    (("entrant", {"a": (0, 1j)}), P, TypeError, r"payoff of incumbent at node a"),
    (("entrant", {"a": 5}), P, TypeError, r"leaf at node a must be a sequence"),
    (("entrant", {"a": (0, 0)}, 7), P, TypeError, r"information set at the root must be a non-empty string"),
    (("entrant", {"a": (0, 0)}, "h", "extra"), P, ValueError, r"got a tuple of length 4"),
    (("chance", {"h": (1, (0, 0))}, "h"), P, ValueError, r"cannot belong to an information set"),
    ((1, 2), P, TypeError, r"tree must be a node"),
    ("entrant", P, TypeError, r"tree must be a node"),
    (ENTRY, ("entrant", "entrant"), ValueError, r"players must be distinct"),
    (ENTRY, "entrant", TypeError, r"players must be a sequence"),
    (ENTRY, ("entrant", "chance"), ValueError, r"must not include 'chance'"),
    (ENTRY, ("entrant", 3), TypeError, r"players must be non-empty strings"),
])
def test_from_tree_rejects(tree, players, exc, match):
    with pytest.raises(exc, match=match):
        ExtensiveGame.from_tree(tree, players=players)


def test_solver_arguments():
    g = ExtensiveGame.from_tree(ENTRY, players=P)
    with pytest.raises(ValueError, match=r"method must be one of .*did you mean 'backward'"):
        g.subgame_perfect(method="backwards")
    with pytest.raises(ValueError, match=r"max_equilibria must be an integer >= 1"):
        g.subgame_perfect(max_equilibria=0)
    with pytest.raises(TypeError, match=r"max_equilibria must be an integer"):
        g.subgame_perfect(max_equilibria=2.5)
    with pytest.raises(ValueError, match=r"player must be one of"):
        g.reduced_strategies("government")
    with pytest.raises(ValueError, match=r"infoset must be one of"):
        g.subgame_perfect()[0].action("nowhere")
    with pytest.raises(ValueError, match=r"action must be one of"):
        g.subgame_perfect().condition("in", "retreat")
    with pytest.raises(ValueError, match=r"subs needs a symbolic game"):
        g.subs(f=1)


def test_too_many_equilibria_refused_not_truncated():
    # 12 indifferent choices: 4096 SPE; a cap of 100 raises instead of returning a partial list
    tree = ("A", {f"a{i}": ("B", {"x": (0, 0), "y": (0, 0)}) for i in range(12)})
    g = ExtensiveGame.from_tree(tree)
    with pytest.raises(ValueError, match=r"more than max_equilibria=100"):
        g.subgame_perfect(max_equilibria=100)


def test_method_backward_needs_perfect_information():
    g = ex.beer_quiche().to_extensive()
    with pytest.raises(ValueError, match=r"needs perfect information.*method='subgames'"):
        g.subgame_perfect(method="backward")


def test_symbolic_imperfect_information_needs_values():
    a = sympy.Symbol("a")
    g = ExtensiveGame.from_tree(("A", {"l": ("B", {"x": (a, 0), "y": (0, 1)}, "H"),
                                       "r": ("B", {"x": (0, 1), "y": (1, 0)}, "H")}))
    with pytest.raises(ValueError, match=r"needs numeric payoffs; substitute values first"):
        g.subgame_perfect()
    with pytest.raises(ValueError, match=r"b is not a symbol of this game"):
        g.subs(b=1)
    assert len(g.subs(a=2).subgame_perfect()) >= 1


def test_normal_form_size_and_players():
    three = ExtensiveGame.from_tree(("A", {"x": ("B", {"y": ("C", {"z": (1, 2, 3)})})}))
    with pytest.raises(ValueError, match=r"to_stage_game needs exactly 2 players"):
        three.to_stage_game()
    # 2^25 reduced strategies for one player: refused with a message, before allocation
    wide = ("chance", {f"s{i}": (Fraction(1, 25), ("A", {"x": (0, 0), "y": (1, 0)}, f"h{i}")) for i in range(25)})
    g = ExtensiveGame.from_tree(wide, players=("A", "B"))
    with pytest.raises(ValueError, match=r"'A' has 33554432 reduced strategies"):
        g.to_stage_game()


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"beta": 1.5}, ValueError, r"beta must be a probability"),
    ({"beta": -0.1}, ValueError, r"beta must be a probability"),
    ({"value": 0}, ValueError, r"value must be > 0"),
    ({"levels": ()}, TypeError, r"levels must be a non-empty sequence"),
    ({"levels": (0, -1)}, ValueError, r"levels\[1\] must be >= 0"),
    ({"levels": (1, 1)}, ValueError, r"levels must be distinct"),
    ({"levels": "abc"}, TypeError, r"levels must be a non-empty sequence"),
    ({"n_suppliers": 0}, ValueError, r"n_suppliers must be an integer >= 1"),
    ({"n_suppliers": 2.5}, TypeError, r"n_suppliers must be an integer"),
    ({"capable": 0}, ValueError, r"capable must be a probability in \(0, 1\]"),
    ({"fee": -1}, ValueError, r"fee must be >= 0"),
    ({"future_rent": float("nan")}, ValueError, r"future_rent must be a finite"),
])
def test_hold_up_rejects(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ex.hold_up(**kwargs)


def test_named_games_reject():
    with pytest.raises(ValueError, match=r"n_suppliers must be an integer >= 2"):
        ex.auxiliary_choice(n_suppliers=1)
    with pytest.raises(ValueError, match=r"tender_cost must be >= 0"):
        ex.auxiliary_choice(tender_cost=-1)
    with pytest.raises(ValueError, match=r"n_moves must be an integer >= 1"):
        ex.centipede(0)
    with pytest.raises(TypeError, match=r"fight must be a real number"):
        ex.entry_deterrence(fight="big")
    with pytest.raises(ValueError, match=r"returned must be a probability"):
        ex.trust_game(returned=2)
    with pytest.raises(TypeError, match=r"offers must map offer names"):
        ex.location_game(offers=[1, 2])
    with pytest.raises(ValueError, match=r"prior_strong must be a probability in \(0, 1\)"):
        ex.beer_quiche(1)
    with pytest.raises(ValueError, match=r"prior_low must be a probability in \(0, 1\)"):
        ex.limit_pricing(prior_low=0)
    with pytest.raises(ValueError, match=r"monopoly_gain must be > 0"):
        ex.limit_pricing(monopoly_gain=0)
    with pytest.raises(ValueError, match=r"loss must be > 0"):
        ex.green_label(loss=-1)


def test_closed_forms_reject_and_stay_finite():
    with pytest.raises(ValueError, match=r"beta must lie in \[0, 1\]"):
        ex.hold_up_investment(2, 1)
    with pytest.raises(ValueError, match=r"capable must lie in \(0, 1\]"):
        ex.core_firm_share(0.5, 0, 2)
    with pytest.raises(ValueError, match=r"n_suppliers must be at least 1"):
        ex.competitive_investment(0.5, 0.5, 0, 1)
    # extreme but valid: many suppliers, tiny capability -> finite values in range
    s = ex.core_firm_share(0.3, 1e-6, 1000)
    assert math.isfinite(s) and 0 <= s <= 1
    arr = ex.competitive_loss(np.linspace(0, 1, 5), 0.9, 50, 1e6)
    assert np.isfinite(arr).all() and (arr >= 0).all()


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"types": ("a",)}, ValueError, r"types must have exactly 2 entries"),
    ({"types": ("a", "a")}, ValueError, r"types must be distinct"),
    ({"prior": 0}, ValueError, r"prior must be a probability in \(0, 1\)"),
    ({"prior": float("nan")}, ValueError, r"prior must be a finite"),
    ({"messages": "ab"}, TypeError, r"messages must be a sequence of names"),
    ({"sender_payoffs": np.zeros((2, 2, 3))}, ValueError, r"sender_payoffs must have shape 2x2x2"),
    ({"receiver_payoffs": [[[0, 1], [0, 1]], [[1, 0], [1, float("inf")]]]}, ValueError,
     r"receiver_payoffs must hold finite numbers"),
    ({"receiver_payoffs": [[[0, 1], [0, 1]], [[1, 0], [1, True]]]}, TypeError, r"receiver_payoffs must hold numbers"),
])
def test_signalling_rejects(kwargs, exc, match):
    base = {"types": ("s", "w"), "prior": 0.5, "messages": ("b", "q"), "responses": ("d", "n"),
            "sender_payoffs": np.zeros((2, 2, 2)), "receiver_payoffs": np.zeros((2, 2, 2))}
    base.update(kwargs)
    with pytest.raises(exc, match=match):
        SignallingGame(**base)


def test_signalling_degenerate_payoffs_give_valid_result():
    # all-zero payoffs: every profile is a PBE with full belief ranges [0, 1]; nothing NaN
    g = SignallingGame(("s", "w"), Fraction(1, 2), ("b", "q"), ("d", "n"), np.zeros((2, 2, 2), dtype=int),
                       np.zeros((2, 2, 2), dtype=int))
    eqs = g.equilibria()
    assert len(eqs) == 4 * 4
    for e in eqs:
        for lo, hi in e.beliefs.values():
            assert 0 <= lo <= hi <= 1
    with pytest.raises(ValueError, match=r"message must be one of"):
        g.belief_range("x", "d")


def test_scale_invariance_of_ties():
    # payoffs scaled by 1e12 and 1e-9 keep the same ties (tolerances are relative)
    for scale in (1e12, 1e-9):
        g = ExtensiveGame.from_tree(("A", {"l": ("B", {"x": (1 * scale, 1 * scale), "y": (0.0, 1 * scale)}),
                                           "r": (1 * scale, 0.0)}))
        assert len(g.subgame_perfect()) == 3
