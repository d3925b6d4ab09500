r"""Game trees: sequential moves, chance, information sets, subgame perfection and signalling.

Several of the article's claims are about *timing and information*: a core firm selects auxiliary firms before the
price of a relation-specific input is bargained ("减少了企业之间的要挟行为", it reduces hold-up); an incumbent
decides whether to fight an entrant; a local government offers terms before a firm chooses where to locate; a
firm knows its own quality, its partners do not. This module builds such games as trees and solves them.

* :class:`ExtensiveGame` — a finite game tree with decision nodes, chance nodes and information sets, built from a
  nested description with :meth:`ExtensiveGame.from_tree`. Payoffs are floats, exact numbers (ints, Fractions, sympy
  Rationals — kept exact) or sympy expressions.
* :meth:`ExtensiveGame.subgame_perfect` — *every* pure subgame-perfect equilibrium of a perfect-information game by
  backward induction (ties branch, so no equilibrium is lost), with the parameter conditions under which each holds
  for symbolic payoffs; for imperfect information, subgame perfection over proper subgames, each solved with the
  normal-form solver of :mod:`clustergames.games`.
* :meth:`ExtensiveGame.to_stage_game` / :meth:`ExtensiveGame.to_nplayer` — the reduced normal form.
* :class:`SignallingGame` — two-type signalling games: every pure perfect Bayesian equilibrium with the belief ranges
  that support it, and the intuitive criterion (Cho & Kreps 1987).
* Named games: :func:`entry_deterrence` (Selten 1978), :func:`centipede` (Rosenthal 1981), :func:`trust_game`
  (Berg, Dickhaut & McCabe 1995), :func:`hold_up` and :func:`auxiliary_choice` (Williamson 1985; Grossman & Hart
  1986; Farrell & Gallini 1988), :func:`location_game`, :func:`beer_quiche` (Cho & Kreps 1987),
  :func:`limit_pricing` (Milgrom & Roberts 1982), :func:`green_label` (Spence 1973).

The subpackage has three modules: :mod:`~clustergames.extensive.tree` (the game, its solutions and its normal
form), :mod:`~clustergames.extensive.signalling` (two-type signalling games) and
:mod:`~clustergames.extensive.named` (the named games and hold-up closed forms); everything is importable from
``clustergames.extensive``.

Tree description
----------------
A node is a tuple whose first entry is a string:

* ``(player, {action: subtree, ...})`` — a decision node of ``player``;
* ``(player, {action: subtree, ...}, "h")`` — a decision node in the information set named ``"h"`` (all nodes of one
  set must belong to one player and offer the same actions);
* ``("chance", {outcome: (probability, subtree), ...})`` — a chance node (probabilities in [0, 1] summing to 1).

Anything else is a leaf: a sequence of payoffs, one per player in the order of ``players``.

Examples
--------
>>> g = ExtensiveGame.from_tree(
...     ("entrant", {"out": (0, 2),
...                  "in": ("incumbent", {"fight": (-1, -1), "accommodate": (1, 1)})}),
...     players=("entrant", "incumbent"))
>>> spe = g.subgame_perfect()
>>> len(spe), spe[0].describe(), spe[0].payoffs
(1, 'entrant: in; incumbent: accommodate', (1, 1))
>>> [g.to_stage_game().actions[0][i] + "/" + g.to_stage_game().actions[1][j]
...  for i, j in g.to_stage_game().pure_equilibria()]
['out/fight', 'in/accommodate']
"""

from __future__ import annotations

from .named import (
    auxiliary_choice,
    centipede,
    competitive_investment,
    competitive_loss,
    core_firm_share,
    entry_deterrence,
    hold_up,
    hold_up_investment,
    hold_up_loss,
    location_game,
    trust_game,
)
from .signalling import PBESet, PerfectBayesianEquilibrium, SignallingGame, beer_quiche, green_label, limit_pricing
from .tree import MAX_EQUILIBRIA, MAX_STRATEGIES, ExtensiveGame, SubgamePerfectEquilibrium, SubgamePerfectSet

__all__ = [
    "ExtensiveGame",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSet",
    "SignallingGame",
    "PerfectBayesianEquilibrium",
    "PBESet",
    "entry_deterrence",
    "centipede",
    "trust_game",
    "hold_up",
    "auxiliary_choice",
    "location_game",
    "beer_quiche",
    "limit_pricing",
    "green_label",
    "hold_up_investment",
    "hold_up_loss",
    "core_firm_share",
    "competitive_investment",
    "competitive_loss",
    "MAX_EQUILIBRIA",
    "MAX_STRATEGIES",
]
