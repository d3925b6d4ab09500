r"""Game trees: :class:`ExtensiveGame`, backward induction, subgame perfection and the reduced normal form.

See :mod:`clustergames.extensive` for the tree grammar and an overview.
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from html import escape
from typing import Any

import numpy as np

from .._validation import check_positive_int, check_probability, check_real, fmt, is_symbolic
from .._validation import sympy as _sympy
from ..results import Result

__all__ = ["ExtensiveGame", "SubgamePerfectEquilibrium", "SubgamePerfectSet", "MAX_EQUILIBRIA", "MAX_STRATEGIES"]

_TERMINAL, _DECISION, _CHANCE = 0, 1, 2
#: the most equilibria (or strategy-profile combinations) a solver will list before refusing
MAX_EQUILIBRIA = 10_000
#: the most reduced pure strategies per player the normal form will enumerate
MAX_STRATEGIES = 1_000_000


def _path_text(path: tuple[str, ...]) -> str:
    return "the root" if not path else "node " + " → ".join(path)


def _is_node(obj: Any) -> bool:
    return isinstance(obj, tuple | list) and len(obj) >= 1 and isinstance(obj[0], str)


def _to_fraction(v: Any) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, numbers.Integral):
        return Fraction(int(v))
    return Fraction(int(v.p), int(v.q))  # sympy Rational


def _exact_out(v: Fraction) -> Any:
    """An exact payoff for the user: an int when integral, else the Fraction."""
    return int(v) if v.denominator == 1 else v


# ---------------------------------------------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class SubgamePerfectEquilibrium:
    """One subgame-perfect equilibrium.

    A behaviour strategy profile, its payoffs and, for symbolic games, the condition on the parameters under which it is
    an equilibrium.

    ``profile`` maps each information set name to an action label (pure), a dict ``{action: probability}`` (mixed)
    or ``None`` (the player's own earlier move makes the set unreachable, so any action will do).
    ``path`` is the set of edges ``(node, child)`` played with positive probability.
    """

    profile: dict[str, Any]
    payoffs: tuple[Any, ...]
    condition: Any = True
    path: frozenset = field(default_factory=frozenset)
    game: Any = field(default=None, compare=False)

    def action(self, infoset: str) -> Any:
        """The action (or mixture) chosen at information set ``infoset``."""
        if infoset not in self.profile:
            raise ValueError(f"infoset must be one of {', '.join(map(repr, self.profile))} (got {infoset!r})")
        return self.profile[infoset]

    def describe(self) -> str:
        """A short text: each player's choices, in the order of the tree (information-set names when several)."""
        game = self.game
        parts = []
        for p, name in enumerate(game.players):
            sets = [h for h in game._infosets if h["player"] == p]
            if not sets:
                continue
            if len(sets) == 1:
                text = _behaviour_text(self.profile[sets[0]["name"]])
            else:
                text = ", ".join(f"{_behaviour_text(self.profile[h['name']])} at {h['name']}" for h in sets)
            parts.append(f"{name}: {text}")
        return "; ".join(parts)

    def __repr__(self) -> str:
        pay = ", ".join(fmt(v) for v in self.payoffs)
        cond = "" if self.condition is True else f" if {self.condition}"
        return f"SPE({self.describe()}; payoffs ({pay}){cond})"


def _behaviour_text(b: Any) -> str:
    if b is None:
        return "*"
    if isinstance(b, dict):
        return "{" + ", ".join(f"{a}: {fmt(p)}" for a, p in b.items() if p != 0) + "}"
    return str(b)


@dataclass(repr=False)
class SubgamePerfectSet(Result, Sequence):
    """All subgame-perfect equilibria found: sized, iterable, indexable; ``to_frame()`` gives one row per equilibrium.

    ``method`` is ``"backward induction"`` (perfect information: every pure SPE, ties included) or ``"subgames"``
    (imperfect information: every equilibrium the normal-form solver lists in each proper subgame).
    ``degenerate`` is True when some subgame was degenerate (its extreme equilibria are listed).
    """

    equilibria: list[SubgamePerfectEquilibrium]
    game: Any
    method: str = "backward induction"
    degenerate: bool = False
    title = "Subgame-perfect equilibria"

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        return iter(self.equilibria)

    def to_frame(self):
        """One row per equilibrium: the choice at each information set (``player @ set``), payoffs, condition."""
        import pandas as pd

        g = self.game
        cols = [f"{g.players[h['player']]} @ {h['name']}" for h in g._infosets]
        records = []
        for e in self.equilibria:
            rec = {c: _behaviour_text(e.profile[h["name"]]) for c, h in zip(cols, g._infosets)}
            for p, name in enumerate(g.players):
                rec[f"payoff {name}"] = e.payoffs[p]
            if g.is_symbolic:
                rec["condition"] = str(e.condition)
            records.append(rec)
        columns = cols + [f"payoff {n}" for n in g.players] + (["condition"] if g.is_symbolic else [])
        return pd.DataFrame.from_records(records, columns=columns)

    def condition(self, infoset: str, action: str) -> Any:
        """The condition under which some listed equilibrium plays ``action`` at ``infoset`` (True/False for numbers).

        For a symbolic game this answers "for which parameter values is this move credible?".
        """
        g = self.game
        h = g._infoset_named(infoset)
        if action not in h["actions"]:
            raise ValueError(f"action must be one of {', '.join(map(repr, h['actions']))} at {infoset!r} "
                             f"(got {action!r})")
        conds = [e.condition for e in self.equilibria if e.profile[infoset] == action]
        if not g.is_symbolic:
            return bool(conds)
        sp = _sympy()
        return _simplify_condition(sp.Or(*conds)) if conds else sp.false

    def plot(self, ax: Any = None, *, index: int = 0, **kwargs: Any):
        """Draw the tree with equilibrium ``index`` highlighted; return the Axes."""
        from ..plotting import extensive as plot_extensive

        eq = self.equilibria[index] if self.equilibria else None
        return plot_extensive.plot_tree(self.game, ax=ax, equilibrium=eq, **kwargs)

    def _repr_html_(self) -> str:
        svg = self.game._svg(self.equilibria[0] if self.equilibria and not self.game.is_symbolic else None)
        return f"<div>{svg}</div>" + super()._repr_html_()


def _simplify_condition(cond: Any) -> Any:
    sp = _sympy()
    if cond in (sp.true, sp.false, True, False):
        return cond
    try:
        out = sp.simplify(cond)
    except Exception:  # noqa: BLE001 - sympy's simplifier may fail on relations; the unsimplified condition is right
        return cond
    return out


# ---------------------------------------------------------------------------------------------------------------
# the game
# ---------------------------------------------------------------------------------------------------------------
class ExtensiveGame:
    r"""A finite extensive-form game: a tree of decision and chance nodes with payoffs at the leaves.

    Build it with :meth:`from_tree`. A pure behaviour strategy assigns an action to every information set of a
    player; a profile :math:`\sigma` is a *subgame-perfect equilibrium* when it induces a Nash equilibrium in
    every subgame (Selten 1965, 1975). In a game of perfect information with finitely many nodes the pure SPE are
    exactly the outcomes of backward induction: at a node of player :math:`i` with children :math:`c`,

    .. math::

        a^*(x) \in \arg\max_{a} \; u_i\bigl(v(c_a)\bigr), \qquad v(x) = v\bigl(c_{a^*(x)}\bigr),

    and a chance node's value is the expectation :math:`v(x) = \sum_a \pi_a\, v(c_a)` (Kuhn 1953; Zermelo 1913).
    Every tie branches, so the list is complete.

    Attributes
    ----------
    players : tuple of str
        The players (chance is not a player).
    is_exact, is_symbolic : bool
        Whether the payoffs (and chance probabilities) are all exact numbers, or include sympy symbols.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit. *Zeitschrift für
    die gesamte Staatswissenschaft* 121, 301–324.

    Kuhn, H. W. (1953). Extensive games and the problem of information. *Contributions to the Theory of Games II*,
    193–216.

    Examples
    --------
    >>> from clustergames.extensive import centipede
    >>> g = centipede(4)
    >>> [e.describe() for e in g.subgame_perfect()]
    ['player 1: stop at root, stop at pass → pass; player 2: stop at pass, stop at pass → pass → pass']
    >>> g.n_nodes, g.is_exact
    (9, True)
    """

    def __init__(self) -> None:  # use from_tree
        self.players: tuple[str, ...] = ()
        self._kind: list[int] = []
        self._player: list[int] = []
        self._children: list[tuple[int, ...]] = []
        self._actions: list[tuple[str, ...]] = []
        self._probs: list[tuple[Any, ...]] = []
        self._payoff: list[tuple[Any, ...] | None] = []
        self._parent: list[int] = []
        self._label: list[str] = []  # the action leading to the node
        self._infoset: list[int] = []
        self._infosets: list[dict] = []
        self._end: list[int] = []
        self._number_kind = "float"
        self._last_cache: list[tuple] | None = None
        self._perfect_info: bool | None = None
        self._arrays: dict[str, np.ndarray] | None = None
        self._leaf_ids: np.ndarray | None = None
        self._leaf_values: np.ndarray | None = None

    # -- construction -----------------------------------------------------------------------------------------
    @classmethod
    def from_tree(cls, tree: Any, players: Sequence[str] | None = None) -> ExtensiveGame:
        r"""Build a game from a nested description (see the module docs for the grammar).

        Parameters
        ----------
        tree : tuple
            The root node: ``(player, {action: subtree})``, ``(player, {action: subtree}, infoset_name)`` or
            ``("chance", {outcome: (probability, subtree)})``; leaves are payoff sequences, one entry per player.
        players : sequence of str, optional
            Player names in payoff order; by default the decision-node players in order of first appearance.

        Raises
        ------
        ValueError, TypeError
            With the path of the offending node: a payoff tuple of the wrong length, a probability outside [0, 1],
            chance probabilities not summing to 1, an unknown player, an information set whose nodes belong to
            different players or offer different actions, a game without perfect recall.

        Notes
        -----
        Information sets without a name are named by the path of actions leading to them (``"root"``,
        ``"in"``, ``"pass → pass"``); beyond 12 moves deep by the node number and the last moves.

        Examples
        --------
        >>> g = ExtensiveGame.from_tree(("chance", {"high": (0.3, ("firm", {"a": (1,), "b": (2,)})),
        ...                                          "low": (0.7, (0,))}))
        >>> g.players, float(g.subgame_perfect()[0].payoffs[0])
        (('firm',), 0.6)
        >>> ExtensiveGame.from_tree(("firm", {"a": (1, 2), "b": (3,)}), players=("firm", "bank"))
        Traceback (most recent call last):
        ...
        ValueError: the payoffs at node b must have one entry per player (2: 'firm', 'bank'); got 1
        """
        self = cls()
        if players is not None:
            if isinstance(players, str) or not isinstance(players, Sequence):
                raise TypeError(f"players must be a sequence of names (got players={players!r})")
            players = tuple(players)
            for p in players:
                if not isinstance(p, str) or not p:
                    raise TypeError(f"players must be non-empty strings (got {p!r})")
            if len(set(players)) != len(players):
                raise ValueError(f"players must be distinct (got {players!r})")
            if "chance" in players:
                raise ValueError("players must not include 'chance' (it names chance nodes)")
            if not players:
                raise ValueError("players must name at least one player")
        if not _is_node(tree):
            raise TypeError(f"tree must be a node: (player, {{action: subtree}}) or ('chance', {{...}}) "
                            f"(got {type(tree).__name__})")
        names: list[str] = list(players) if players is not None else []
        pindex = {nm: i for i, nm in enumerate(names)}
        kind_l: list[int] = []
        parent_l: list[int] = []
        label_l: list[str] = []
        depth_l: list[int] = []
        kids_of: dict[int, list[int]] = {}
        node_player: dict[int, int] = {}
        node_actions: dict[int, tuple[str, ...]] = {}
        node_probs: dict[int, tuple] = {}
        user_set: dict[int, str] = {}
        leaves: list[int] = []
        raws: list[Any] = []
        chance_nodes: list[int] = []
        stack: list[tuple[Any, int, str]] = [(tree, -1, "")]
        pop, push = stack.pop, stack.append
        add_kind, add_parent, add_label, add_depth = kind_l.append, parent_l.append, label_l.append, depth_l.append
        add_leaf, add_raw = leaves.append, raws.append
        self._parent, self._label = parent_l, label_l  # for error paths while parsing
        while stack:
            sub, parent, label = pop()
            nid = len(kind_l)
            add_parent(parent)
            add_label(label)
            if parent >= 0:
                kids_of[parent].append(nid)
                add_depth(depth_l[parent] + 1)
            else:
                add_depth(0)
            t = type(sub)
            if (t is tuple or t is list) and sub:
                head = sub[0]
                is_node = type(head) is str or isinstance(head, str)
            else:
                is_node = _is_node(sub)
            if not is_node:
                add_kind(_TERMINAL)
                add_leaf(nid)
                add_raw(sub)
                continue
            who = sub[0]
            if len(sub) not in (2, 3):
                raise ValueError(f"{_path_text(self._path(nid))} must be (player, {{action: subtree}}) or "
                                 f"(player, {{action: subtree}}, infoset); got a tuple of length {len(sub)}")
            moves = sub[1]
            if not (type(moves) is dict or isinstance(moves, Mapping)) or not moves:
                raise ValueError(f"{_path_text(self._path(nid))} must map at least one action to a subtree "
                                 f"(got {type(moves).__name__})")
            acts = tuple(moves)
            for a in acts:
                if type(a) is not str or not a:
                    raise TypeError(f"actions at {_path_text(self._path(nid))} must be non-empty strings "
                                    f"(got {a!r})")
            node_actions[nid] = acts
            kids_of[nid] = []
            if who == "chance":
                if len(sub) == 3:
                    raise ValueError(f"chance at {_path_text(self._path(nid))} cannot belong to an information set")
                add_kind(_CHANCE)
                pr, kids = [], []
                for a in acts:
                    item = moves[a]
                    if not (isinstance(item, tuple | list) and len(item) == 2):
                        raise ValueError(f"outcome {a!r} at chance {_path_text(self._path(nid))} must be "
                                         "(probability, subtree)")
                    pr.append(check_probability(item[0], f"the probability of {a!r} at chance "
                                                f"{_path_text(self._path(nid))}", exact=True, symbolic=True))
                    kids.append(item[1])
                node_probs[nid] = tuple(pr)
                chance_nodes.append(nid)
            else:
                p = pindex.get(who)
                if p is None:
                    if players is not None:
                        raise ValueError(f"the player at {_path_text(self._path(nid))} must be one of "
                                         f"{', '.join(map(repr, names))} (got {who!r})")
                    p = pindex[who] = len(names)
                    names.append(who)
                add_kind(_DECISION)
                node_player[nid] = p
                if len(sub) == 3:
                    if type(sub[2]) is not str or not sub[2]:
                        raise TypeError(f"the information set at {_path_text(self._path(nid))} must be a "
                                        f"non-empty string (got {sub[2]!r})")
                    user_set[nid] = sub[2]
                kids = [moves[a] for a in acts]
            for a, child in zip(acts[::-1], kids[::-1]):
                push((child, nid, a))
        if not names:
            raise ValueError("tree must contain at least one decision node (a player) or pass players")
        N = len(kind_l)
        self.players = tuple(names)
        self._kind, self._parent, self._label, self._depth = kind_l, parent_l, label_l, depth_l
        player_l, actions_l, probs_l = [-1] * N, [()] * N, [()] * N
        children_l: list[tuple[int, ...]] = [()] * N
        for x, v in node_player.items():
            player_l[x] = v
        for x, v in node_actions.items():
            actions_l[x] = v
        for x, v in node_probs.items():
            probs_l[x] = v
        for x, v in kids_of.items():
            children_l[x] = tuple(v)
        self._player, self._actions, self._probs, self._children = player_l, actions_l, probs_l, children_l
        self._infoset = [-1] * N
        self._payoff = [None] * N
        self._infosets = []
        self._make_infosets(user_set)
        self._set_payoffs(leaves, raws, chance_nodes)
        # subtree ends (pre-order ids: the subtree of x is [x, end[x]))
        end = [0] * len(kind_l)
        ch = self._children
        for i in range(len(kind_l) - 1, -1, -1):
            end[i] = end[ch[i][-1]] if ch[i] else i + 1
        self._end = end
        if not self.has_perfect_information:
            self._check_perfect_recall()
        return self

    def _make_infosets(self, user_set: dict[int, str]) -> None:
        """Group decision nodes into information sets (named ones by name, the others singletons)."""
        named: dict[str, int] = {}
        kind, sets = self._kind, self._infosets
        taken = set(user_set.values())
        parent, label, depth = self._parent, self._label, self._depth
        pathname: dict[int, str] = {0: ""}
        for nid in range(len(kind)):
            if kind[nid] == _TERMINAL:
                continue
            if nid and depth[nid] <= 12:
                up = pathname[parent[nid]]
                pathname[nid] = f"{up} → {label[nid]}" if up else label[nid]
            if kind[nid] != _DECISION:
                continue
            hname = user_set.get(nid)
            acts = self._actions[nid]
            if hname is not None and hname in named:
                h = sets[named[hname]]
                first = _path_text(self._path(h["nodes"][0]))
                if h["player"] != self._player[nid]:
                    raise ValueError(f"information set {hname!r} mixes players: {self.players[h['player']]!r} at "
                                     f"{first} and {self.players[self._player[nid]]!r} at "
                                     f"{_path_text(self._path(nid))}")
                if set(h["actions"]) != set(acts) or len(acts) != len(h["actions"]):
                    raise ValueError(f"information set {hname!r} must offer the same actions at every node: "
                                     f"{list(h['actions'])} at {first} but {list(acts)} at "
                                     f"{_path_text(self._path(nid))}")
                if acts != h["actions"]:  # children in the set's action order
                    order = dict(zip(acts, self._children[nid]))
                    self._children[nid] = tuple(order[a] for a in h["actions"])
                    self._actions[nid] = h["actions"]
                h["nodes"].append(nid)
                self._infoset[nid] = named[hname]
                continue
            if hname is None:
                if nid == 0:
                    hname = "root"
                elif depth[nid] <= 12:
                    hname = pathname[nid]
                else:
                    up = parent[nid]
                    hname = f"#{nid} (… → {label[up]} → {label[nid]})"
                if hname in taken:
                    hname = f"{hname} (#{nid})"
            named[hname] = len(sets)
            self._infoset[nid] = len(sets)
            sets.append({"name": hname, "player": self._player[nid], "actions": acts, "nodes": [nid]})

    def _set_payoffs(self, leaves: list[int], raws: list[Any], chance_nodes: list[int]) -> None:
        """Check the leaves' payoffs (one per player) and decide the kind of numbers: float, exact or symbolic."""
        n = len(self.players)
        fast = True
        for raw in raws:
            if not ((type(raw) is tuple or type(raw) is list) and len(raw) == n
                    and all(type(v) is float or type(v) is int for v in raw)):
                fast = False
                break
        probs = [p for x in chance_nodes for p in self._probs[x]]
        symbolic = any(is_symbolic(p) for p in probs)
        exact = all(_exactish(p) for p in probs)
        if fast:
            arr = np.array(raws, dtype=float).reshape(len(raws), n)
            bad = ~np.isfinite(arr)
            if bad.any():
                i, q = (int(v) for v in np.argwhere(bad)[0])
                check_real(raws[i][q], f"the payoff of {self.players[q]} at {_path_text(self._path(leaves[i]))}")
            exact = exact and all(type(v) is int for raw in raws for v in raw)
            checked = raws
        else:
            checked = []
            for nid, raw in zip(leaves, raws):
                where = _path_text(self._path(nid))
                if isinstance(raw, str | bytes) or not isinstance(raw, Sequence | np.ndarray):
                    raise TypeError(f"the leaf at {where} must be a sequence of payoffs, one per player "
                                    f"(got {raw!r})")
                raw = list(raw)
                if len(raw) != n:
                    raise ValueError(f"the payoffs at {where} must have one entry per player "
                                     f"({n}: {', '.join(map(repr, self.players))}); got {len(raw)}")
                vals = []
                for p, v in zip(self.players, raw):
                    v = check_real(v, f"the payoff of {p} at {where}", exact=True, symbolic=True)
                    symbolic = symbolic or is_symbolic(v)
                    exact = exact and _exactish(v)
                    vals.append(v)
                checked.append(vals)
        kind = "symbolic" if symbolic else ("exact" if exact else "float")
        if kind == "symbolic":
            from ..symbolic import to_sympy

            conv = to_sympy
        elif kind == "exact":
            conv = _to_fraction
        else:
            conv = float
        pay = self._payoff
        if kind == "float" and fast:
            self._leaf_ids = np.asarray(leaves, dtype=np.int64)
            self._leaf_values = arr
            for nid, row in zip(leaves, arr.tolist()):
                pay[nid] = tuple(row)
        else:
            for nid, vals in zip(leaves, checked):
                pay[nid] = tuple(conv(v) for v in vals)
            if kind == "float":
                self._leaf_ids = np.asarray(leaves, dtype=np.int64)
                self._leaf_values = np.array([pay[x] for x in leaves], dtype=float).reshape(len(leaves), n)
        for x in chance_nodes:
            self._probs[x] = tuple(conv(p) for p in self._probs[x])
            total = sum(self._probs[x])
            where = _path_text(self._path(x))
            if kind == "symbolic":
                sp = _sympy()
                if sp.simplify(total - 1) != 0:
                    raise ValueError(f"the probabilities at chance {where} must sum to 1 (got {total})")
            elif (total != 1) if kind == "exact" else abs(total - 1.0) > 1e-12 * len(self._probs[x]):
                raise ValueError(f"the probabilities at chance {where} must sum to 1 (got {fmt(total)})")
        self._number_kind = kind

    def _path(self, nid: int, limit: int | None = None) -> tuple[str, ...]:
        out = []
        while self._parent[nid] >= 0 and (limit is None or len(out) < limit):
            out.append(self._label[nid])
            nid = self._parent[nid]
        return tuple(reversed(out))

    @property
    def _last(self) -> list[tuple]:
        """Per node, each player's last own move ``(infoset, action index)`` before it (None if none)."""
        if getattr(self, "_last_cache", None) is None:
            n = len(self.players)
            last: list[tuple] = [None] * len(self._kind)  # type: ignore[list-item]
            last[0] = (None,) * n
            for x in range(len(self._kind)):
                if self._kind[x] == _DECISION:
                    p, h = self._player[x], self._infoset[x]
                    for a, c in enumerate(self._children[x]):
                        t = list(last[x])
                        t[p] = (h, a)
                        last[c] = tuple(t)
                else:
                    for c in self._children[x]:
                        last[c] = last[x]
            self._last_cache = last
        return self._last_cache

    def _check_perfect_recall(self) -> None:
        """Every node of an information set must share the player's own history (infoset, action) of moves."""
        last = self._last
        for h in self._infosets:
            if len(h["nodes"]) > 1:
                p = h["player"]
                seqs = {last[x][p] for x in h["nodes"]}
                if len(seqs) > 1:
                    raise ValueError(f"information set {h['name']!r} violates perfect recall: "
                                     f"{self.players[p]!r} reaches {_path_text(self._path(h['nodes'][0]))} and "
                                     f"{_path_text(self._path(h['nodes'][-1]))} after different own moves")


    # -- properties ---------------------------------------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        """Number of nodes (decision, chance and leaves)."""
        return len(self._kind)

    @property
    def is_exact(self) -> bool:
        """True when payoffs and probabilities are all exact (kept as Fractions)."""
        return self._number_kind == "exact"

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff or probability is a sympy expression with symbols."""
        return self._number_kind == "symbolic"

    @property
    def has_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        if self._perfect_info is None:
            self._perfect_info = all(len(h["nodes"]) == 1 for h in self._infosets)
        return self._perfect_info

    @property
    def infosets(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The information sets as ``(name, player, actions)`` in the order of the tree."""
        return [(h["name"], self.players[h["player"]], h["actions"]) for h in self._infosets]

    def _infoset_named(self, name: str) -> dict:
        for h in self._infosets:
            if h["name"] == name:
                return h
        raise ValueError(f"infoset must be one of {', '.join(repr(h['name']) for h in self._infosets)} "
                         f"(got {name!r})")

    def free_symbols(self) -> set:
        """The sympy symbols in payoffs and probabilities (empty for numeric games)."""
        if not self.is_symbolic:
            return set()
        out: set = set()
        for v in self._payoff:
            if v is not None:
                for x in v:
                    out |= x.free_symbols
        for pr in self._probs:
            for x in pr:
                out |= x.free_symbols
        return out

    def subs(self, **values: Any) -> ExtensiveGame:
        """A copy with the symbols named in ``values`` replaced by numbers (exact numbers stay exact).

        Examples
        --------
        >>> from clustergames.extensive import entry_deterrence
        >>> import sympy as sp
        >>> g = entry_deterrence(fight=sp.Symbol("f"))
        >>> g.subs(f=2).subgame_perfect()[0].describe()
        'entrant: out; incumbent: fight'
        """
        if not self.is_symbolic:
            raise ValueError("subs needs a symbolic game (this one has numeric payoffs)")
        sp = _sympy()
        known = {s.name: s for s in self.free_symbols()}
        rep = {}
        for k, v in values.items():
            if k not in known:
                raise ValueError(f"{k} is not a symbol of this game (symbols: {', '.join(sorted(known))})")
            rep[known[k]] = check_real(v, k, exact=True, symbolic=True)
        return self._rebuild(lambda x: sp.sympify(x).subs(rep))

    def _rebuild(self, f) -> ExtensiveGame:
        def build(x):
            k = self._kind[x]
            if k == _TERMINAL:
                return tuple(_plain(f(v)) for v in self._payoff[x])
            if k == _CHANCE:
                return ("chance", {a: (_plain(f(p)), build(c))
                                   for a, p, c in zip(self._actions[x], self._probs[x], self._children[x])})
            h = self._infosets[self._infoset[x]]
            node = (self.players[self._player[x]], {a: build(c) for a, c in zip(self._actions[x],
                                                                                 self._children[x])})
            return node + (h["name"],) if len(h["nodes"]) > 1 else node

        return ExtensiveGame.from_tree(build(0), players=self.players)

    # -- backward induction ------------------------------------------------------------------------------------
    def subgame_perfect(self, *, method: str = "auto", max_equilibria: int = MAX_EQUILIBRIA) -> SubgamePerfectSet:
        r"""All subgame-perfect equilibria.

        *Perfect information* (``method="backward"``, the default for such games): every pure SPE by backward
        induction, branching at every tie, exact for exact payoffs. For symbolic payoffs each equilibrium carries
        the condition (a sympy relation) under which its choices are optimal, e.g. :math:`f \ge 1` for "fight"
        when the incumbent's fighting payoff is :math:`f` and accommodating pays 1.

        *Imperfect information* (``method="subgames"``): the proper subgames (a node whose information set is a
        singleton and whose subtree cuts no information set) are solved from the bottom up. Each is replaced by the
        payoffs of one of its equilibria and the game above it is solved in its reduced normal form — with
        :meth:`clustergames.games.StageGame.equilibria` (all extreme equilibria, mixed included) for two players,
        pure equilibria of :class:`clustergames.nplayer.NPlayerGame` for more.

        Parameters
        ----------
        method : {"auto", "backward", "subgames"}
        max_equilibria : int
            Refuse (``ValueError``) rather than list more than this many equilibria.

        Returns
        -------
        SubgamePerfectSet

        References
        ----------
        Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in extensive games.
        *International Journal of Game Theory* 4(1), 25–55.

        Examples
        --------
        >>> g = ExtensiveGame.from_tree(("A", {"l": ("B", {"x": (1, 1), "y": (0, 1)}), "r": (1, 0)}))
        >>> [e.describe() for e in g.subgame_perfect()]
        ['A: l; B: x', 'A: r; B: x', 'A: r; B: y']
        >>> [e.payoffs for e in g.subgame_perfect()]
        [(1, 1), (1, 0), (1, 0)]
        """
        from .._validation import check_choice

        method = check_choice(method, "method", ("auto", "backward", "subgames"))
        max_equilibria = check_positive_int(max_equilibria, "max_equilibria")
        if method == "auto":
            method = "backward" if self.has_perfect_information else "subgames"
        if method == "backward":
            if not self.has_perfect_information:
                bad = next(h["name"] for h in self._infosets if len(h["nodes"]) > 1)
                raise ValueError(f"method='backward' needs perfect information (information set {bad!r} has "
                                 "several nodes); use method='subgames'")
            return self._backward(max_equilibria)
        if self.is_symbolic:
            raise ValueError("subgame perfection with imperfect information needs numeric payoffs; substitute "
                             "values first with subs(...)")
        return self._by_subgames(max_equilibria)

    def _backward_fast(self) -> SubgamePerfectSet | None:
        """Vectorised backward induction for float payoffs without ties (one numpy pass per depth level).

        Returns None when some player is indifferent somewhere (the general method then lists every tie).
        """
        N, n = len(self._kind), len(self.players)
        if N < 2 or self._leaf_ids is None:
            return None
        if self._arrays is None:
            kind = np.array(self._kind, dtype=np.int8)
            parent = np.array(self._parent, dtype=np.int64)
            depth = np.array(self._depth, dtype=np.int64)
            eprob = np.zeros(N)
            for x in np.flatnonzero(kind == _CHANCE).tolist():
                eprob[list(self._children[x])] = [float(p) for p in self._probs[x]]
            ec = np.arange(1, N, dtype=np.int64)
            ep = parent[1:]
            order = np.lexsort((ec, -depth[ep]))
            ec, ep = ec[order], ep[order]
            pd_ = depth[ep]
            self._arrays = {"kind": kind, "player": np.array(self._player, dtype=np.int64), "eprob": eprob,
                            "ec": ec, "ep": ep,
                            "bounds": np.flatnonzero(np.r_[True, pd_[1:] != pd_[:-1], True])}
        arr = self._arrays
        kind, player, eprob, ec, ep, bounds = (arr[k] for k in ("kind", "player", "eprob", "ec", "ep", "bounds"))
        tol = 1e-9 * max(float(np.abs(self._leaf_values).max(initial=0.0)), 1e-300)
        V = np.zeros((N, n))
        V[self._leaf_ids] = self._leaf_values
        choice = np.full(N, -1, dtype=np.int64)
        for s, e in zip(bounds[:-1], bounds[1:]):
            cs, ps = ec[s:e], ep[s:e]
            is_ch = kind[ps] == _CHANCE
            if is_ch.any():
                c2, p2 = cs[is_ch], ps[is_ch]
                st = np.flatnonzero(np.r_[True, p2[1:] != p2[:-1]])
                V[p2[st]] = np.add.reduceat(V[c2] * eprob[c2][:, None], st, axis=0)
                cs, ps = cs[~is_ch], ps[~is_ch]
            if not len(cs):
                continue
            st = np.flatnonzero(np.r_[True, ps[1:] != ps[:-1]])
            own = V[cs, player[ps]]
            seg = np.repeat(np.arange(len(st)), np.diff(np.r_[st, len(cs)]))
            best = np.maximum.reduceat(own, st)
            close = own >= best[seg] - tol
            if np.add.reduceat(close.astype(np.int64), st).max() > 1:
                return None
            chosen = cs[close]
            nodes = ps[st]
            V[nodes] = V[chosen]
            choice[nodes] = chosen
        names = [h["name"] for h in self._infosets]
        label, infoset = self._label, self._infoset
        ch = choice.tolist()
        dec = np.flatnonzero(kind == _DECISION).tolist()
        profile = dict(zip([names[infoset[x]] for x in dec], [label[ch[x]] for x in dec]))
        edges, stack = set(), [0]
        while stack:
            x = stack.pop()
            if self._kind[x] == _DECISION:
                edges.add((x, ch[x]))
                stack.append(ch[x])
            elif self._kind[x] == _CHANCE:
                for c, p in zip(self._children[x], self._probs[x]):
                    if p > 0:
                        edges.add((x, c))
                        stack.append(c)
        eq = SubgamePerfectEquilibrium(profile, tuple(float(v) for v in V[0]), True,
                                       frozenset(edges), self)
        return SubgamePerfectSet([eq], self, "backward induction")

    def _backward(self, max_equilibria: int) -> SubgamePerfectSet:
        if self._number_kind == "float":
            fast = self._backward_fast()
            if fast is not None:
                return fast
        kind = self._number_kind
        symbolic = kind == "symbolic"
        if symbolic:
            sp = _sympy()
        tol = 0.0
        if kind == "float":
            scale = max((abs(v) for pay in self._payoff if pay is not None for v in pay), default=1.0)
            tol = 1e-9 * max(scale, 1e-300)
        kinds, children, player, probs = self._kind, self._children, self._player, self._probs
        # options[x]: list of (values, condition, chosen child position or -1, child option indices)
        options: list[list] = [None] * len(kinds)  # type: ignore[list-item]
        for x in range(len(kinds) - 1, -1, -1):
            k = kinds[x]
            if k == _TERMINAL:
                options[x] = [(self._payoff[x], True, -1, ())]
                continue
            kids = children[x]
            opts = [options[c] for c in kids]
            if all(len(o) == 1 for o in opts):
                combos: Any = [tuple(0 for _ in kids)]
            else:
                size = math.prod(len(o) for o in opts)
                if size > max_equilibria:
                    raise ValueError(f"more than max_equilibria={max_equilibria} subgame-perfect equilibria "
                                     f"below {_path_text(self._path(x))}; raise max_equilibria")
                combos = itertools.product(*[range(len(o)) for o in opts])
            out = []
            for combo in combos:
                vals = [opts[j][i][0] for j, i in enumerate(combo)]
                cond = True
                if symbolic:
                    cs = [opts[j][i][1] for j, i in enumerate(combo)]
                    cond = sp.And(*cs) if any(c is not True for c in cs) else True
                if k == _CHANCE:
                    pr = probs[x]
                    v = tuple(sum(pr[j] * vals[j][q] for j in range(len(kids))) for q in range(len(vals[0])))
                    out.append((v, cond, -1, combo))
                    continue
                p = player[x]
                own = [v[p] for v in vals]
                if symbolic:
                    for j in range(len(kids)):
                        cj = sp.And(*[sp.Ge(own[j], own[i]) for i in range(len(kids)) if i != j])
                        full = sp.And(cond, cj) if cond is not True else cj
                        if full is sp.false or full is False:
                            continue
                        out.append((vals[j], full, j, combo))
                else:
                    best = max(own)
                    floor = best - tol if tol else best
                    for j in range(len(kids)):
                        if own[j] >= floor:
                            out.append((vals[j], cond, j, combo))
            if len(out) > max_equilibria:
                raise ValueError(f"more than max_equilibria={max_equilibria} subgame-perfect equilibria; raise "
                                 "max_equilibria")
            options[x] = out
        eqs = []
        names = [h["name"] for h in self._infosets]
        for root_opt in range(len(options[0])):
            profile: dict[str, Any] = {}
            path_edges = set()
            stack = [(0, root_opt, True)]
            while stack:
                x, oi, on_path = stack.pop()
                vals, cond, choice, combo = options[x][oi]
                if kinds[x] == _DECISION:
                    profile[names[self._infoset[x]]] = self._actions[x][choice]
                for j, (c, ci) in enumerate(zip(children[x], combo)):
                    edge_on = on_path and (choice == j if kinds[x] == _DECISION else _positive(probs[x][j]))
                    if edge_on:
                        path_edges.add((x, c))
                    stack.append((c, ci, edge_on))
            vals, cond, _, _ = options[0][root_opt]
            if symbolic:
                cond = _simplify_condition(cond) if cond is not True else True
                if cond is sp.false:
                    continue
            eqs.append(SubgamePerfectEquilibrium({n: profile[n] for n in names}, self._out(vals), cond,
                                                 frozenset(path_edges), self))
        return SubgamePerfectSet(eqs, self, "backward induction")

    def _out(self, vals: tuple) -> tuple:
        if self._number_kind == "exact":
            return tuple(_exact_out(v) for v in vals)
        if self._number_kind == "symbolic":
            sp = _sympy()
            return tuple(sp.simplify(v) for v in vals)
        return tuple(float(v) for v in vals)

    # -- reduced normal form ----------------------------------------------------------------------------------
    def reduced_strategies(self, player: str) -> list[dict[str, str]]:
        """The reduced pure strategies of ``player``: each a dict from the information sets it reaches to actions.

        Information sets that the player's own earlier choices make unreachable are left out (they are
        payoff-irrelevant), so strategies that differ only there are one reduced strategy.

        Examples
        --------
        >>> from clustergames.extensive import centipede
        >>> centipede(4).reduced_strategies("player 1")
        [{'root': 'stop'}, {'root': 'pass', 'pass → pass': 'stop'}, {'root': 'pass', 'pass → pass': 'pass'}]
        """
        from .._validation import check_choice

        check_choice(player, "player", self.players)
        p = self.players.index(player)
        strategies, sets = self._strategies(0, p, set())
        return [{self._infosets[h]["name"]: self._infosets[h]["actions"][a] for h, a in s.items()}
                for s in strategies]

    def _region(self, root: int, cut: set[int]) -> list[int]:
        """Nodes of the subtree at ``root``, not entering the nodes in ``cut`` (which count as leaves)."""
        out, stack = [], [root]
        while stack:
            x = stack.pop()
            out.append(x)
            if x not in cut or x == root:
                stack.extend(reversed(self._children[x]))
        return out

    def _strategies(self, root: int, p: int, cut: set[int]) -> tuple[list[dict[int, int]], list[int]]:
        region = self._region(root, cut)
        sets: list[int] = []
        for x in region:
            if self._kind[x] == _DECISION and self._player[x] == p and (x not in cut or x == root):
                h = self._infoset[x]
                if h not in sets:
                    sets.append(h)
        inside = set(sets)
        kids: dict[Any, list[int]] = {}
        for h in sets:
            seq = self._last[self._infosets[h]["nodes"][0]][p]
            parent = seq if (seq is not None and seq[0] in inside) else None
            kids.setdefault(parent, []).append(h)
        # count first, refuse before enumerating
        memo: dict[int, int] = {}

        def count(h: int) -> int:
            if h not in memo:
                memo[h] = sum(math.prod(count(g) for g in kids.get((h, a), []))
                              for a in range(len(self._infosets[h]["actions"])))
            return memo[h]

        for h in reversed(sets):
            count(h)
        total = math.prod(memo[h] for h in kids.get(None, []))
        if total > MAX_STRATEGIES:
            raise ValueError(f"{self.players[p]!r} has {total} reduced strategies (more than {MAX_STRATEGIES}); "
                             "the normal form is too large")
        act_index = {h: {a: i for i, a in enumerate(self._infosets[h]["actions"])} for h in sets}
        del act_index
        out: list[dict[int, int]] = []

        def expand(assign: dict[int, int], pending: list[int]) -> None:
            if not pending:
                out.append(dict(assign))
                return
            h, rest = pending[0], pending[1:]
            for a in range(len(self._infosets[h]["actions"])):
                assign[h] = a
                expand(assign, rest + kids.get((h, a), []))
                del assign[h]

        expand({}, list(kids.get(None, [])))
        return out, sets

    def _normal_form(self, root: int = 0, overrides: dict[int, tuple] | None = None):
        """Reduced normal form of the subgame at ``root`` with ``overrides`` (node -> payoff vector) as leaves.

        Returns (payoff tensor of shape (n_players, s_1, ..., s_n), strategies per player, infosets per player).
        """
        overrides = overrides or {}
        cut = set(overrides)
        n = len(self.players)
        strats, sets = [], []
        for p in range(n):
            s, h = self._strategies(root, p, cut)
            strats.append(s)
            sets.append(h)
        shape = tuple(len(s) for s in strats)
        from .._validation import check_size

        check_size(math.prod(shape) * n, "the reduced normal form (players x strategy profiles)")
        # per player: which strategies are consistent with a last own move (h, a); None -> all
        index = []
        for p in range(n):
            d: dict[Any, list[int]] = {None: list(range(shape[p]))}
            for i, s in enumerate(strats[p]):
                for h, a in s.items():
                    d.setdefault((h, a), []).append(i)
            index.append(d)
        # leaves of the region with reach probability and last own moves inside the region
        exact = self._number_kind == "exact"
        one = Fraction(1) if exact else 1.0
        acc: dict[tuple, list] = {}
        inside = [set(hs) for hs in sets]
        stack = [(root, one, (None,) * n)]
        while stack:
            x, prob, last = stack.pop()
            if x in overrides or self._kind[x] == _TERMINAL:
                pay = overrides.get(x, self._payoff[x])
                cur = acc.get(last)
                if cur is None:
                    acc[last] = [prob * v for v in pay]
                else:
                    for q in range(n):
                        cur[q] += prob * pay[q]
                continue
            if self._kind[x] == _CHANCE:
                for c, pr in zip(self._children[x], self._probs[x]):
                    stack.append((c, prob * pr, last))
            else:
                p, h = self._player[x], self._infoset[x]
                for a, c in enumerate(self._children[x]):
                    t = list(last)
                    if h in inside[p]:
                        t[p] = (h, a)
                    stack.append((c, prob, tuple(t)))
        if n == 2 and not exact:
            keys1 = sorted({k[0] for k in acc}, key=repr)
            keys2 = sorted({k[1] for k in acc}, key=repr)
            r1 = {k: i for i, k in enumerate(keys1)}
            r2 = {k: i for i, k in enumerate(keys2)}
            X1 = np.zeros((shape[0], len(keys1)))
            X2 = np.zeros((shape[1], len(keys2)))
            for k, i in r1.items():
                X1[index[0][k], i] = 1.0
            for k, i in r2.items():
                X2[index[1][k], i] = 1.0
            W = np.zeros((2, len(keys1), len(keys2)))
            for (k1, k2), v in acc.items():
                W[:, r1[k1], r2[k2]] += v
            tensor = np.stack([X1 @ W[q] @ X2.T for q in range(2)])
        else:
            tensor = np.zeros((n,) + shape, dtype=object if exact else float)
            if exact:
                tensor[...] = Fraction(0)
            for key, v in acc.items():
                ix = np.ix_(*[index[p][key[p]] for p in range(n)])
                for q in range(n):
                    tensor[q][ix] += v[q]
        return tensor, strats, sets

    def _strategy_labels(self, strats: list[dict[int, int]], sets: list[int]) -> tuple[str, ...]:
        if not sets:
            return ("—",)
        labels = []
        for s in strats:
            labels.append("/".join(self._infosets[h]["actions"][s[h]] if h in s else "*" for h in sets))
        return tuple(labels)

    def reduced_normal_form(self) -> tuple[np.ndarray, tuple[tuple[str, ...], ...]]:
        r"""The reduced normal form as arrays: payoffs of shape ``(n_players, s_1, ..., s_n)`` and strategy labels.

        Entry :math:`(q, s_1, \dots, s_n)` is player :math:`q`'s expected payoff
        :math:`\sum_z \pi(z)\, u_q(z)` over the leaves :math:`z` that the reduced strategies all reach
        (:math:`\pi` the product of chance probabilities). It is computed in the sequence form — leaf payoffs are
        first summed per tuple of last own moves, then spread to the strategies consistent with them (one matrix
        product for two players) — not by playing the tree once per profile. Exact games give Fractions.

        References
        ----------
        von Stengel, B. (1996). Efficient computation of behavior strategies. *Games and Economic Behavior* 14(2),
        220–246.

        Examples
        --------
        >>> from clustergames.extensive import entry_deterrence
        >>> U, labels = entry_deterrence().reduced_normal_form()
        >>> U.shape, labels
        ((2, 2, 2), (('out', 'in'), ('fight', 'accommodate')))
        """
        if self.is_symbolic:
            tensor, strats, sets = self._symbolic_normal_form()
        else:
            tensor, strats, sets = self._normal_form()
        labels = tuple(self._strategy_labels(strats[p], sets[p]) for p in range(len(self.players)))
        return tensor, labels

    def to_stage_game(self):
        r"""The reduced normal form of a two-player game as a :class:`clustergames.games.StageGame`.

        Entry :math:`(s_1, s_2)` is the expected payoff :math:`\sum_{z} \pi(z)\, u(z)` over the leaves :math:`z`
        consistent with both reduced strategies (:math:`\pi` the product of chance probabilities). Strategy labels
        list the actions at the player's information sets in tree order, ``*`` where the set is unreachable.

        Examples
        --------
        >>> from clustergames.extensive import entry_deterrence
        >>> g = entry_deterrence().to_stage_game()
        >>> g.actions, g.pure_equilibria()
        ((('out', 'in'), ('fight', 'accommodate')), [(0, 0), (1, 1)])
        """
        if len(self.players) != 2:
            raise ValueError(f"to_stage_game needs exactly 2 players (this game has {len(self.players)}); "
                             "use to_nplayer()")
        from ..games import StageGame

        tensor, labels = self.reduced_normal_form()
        return StageGame(tensor[0], tensor[1], actions=(labels[0], labels[1]), players=self.players)

    def _symbolic_normal_form(self):
        """Normal form of a symbolic game: one tree walk per profile (small games only)."""
        n = len(self.players)
        strats, sets = [], []
        for p in range(n):
            s, h = self._strategies(0, p, set())
            strats.append(s)
            sets.append(h)
        shape = tuple(len(s) for s in strats)
        from .._validation import check_size

        check_size(math.prod(shape) * len(self._kind), "the symbolic normal form (profiles x nodes)")
        tensor = np.empty((n,) + shape, dtype=object)
        for prof in itertools.product(*[range(k) for k in shape]):
            plan = {}
            for p in range(n):
                plan.update(strats[p][prof[p]])
            v = self._play_value(0, plan)
            for q in range(n):
                tensor[(q,) + prof] = _sympy().expand(v[q])
        return tensor, strats, sets

    def _play_value(self, x: int, plan: dict[int, int]) -> tuple:
        k = self._kind[x]
        if k == _TERMINAL:
            return self._payoff[x]
        if k == _CHANCE:
            vals = [self._play_value(c, plan) for c in self._children[x]]
            return tuple(sum(pr * v[q] for pr, v in zip(self._probs[x], vals)) for q in range(len(self.players)))
        return self._play_value(self._children[x][plan[self._infoset[x]]], plan)

    def to_nplayer(self):
        r"""The reduced normal form as a :class:`clustergames.nplayer.NPlayerGame` (any number of players).

        Payoffs have shape ``(n_players, s_1, ..., s_n)``, entry as in :meth:`to_stage_game`.

        Examples
        --------
        >>> g = ExtensiveGame.from_tree(("A", {"x": ("B", {"y": ("C", {"z": (1, 2, 3), "w": (0, 0, 0)}),
        ...                                                 "v": (2, 2, 2)})}))
        >>> g.to_nplayer().pure_equilibria()
        [(0, 0, 0), (0, 1, 0), (0, 1, 1)]
        """
        from ..nplayer import NPlayerGame

        if self.is_symbolic:
            raise ValueError("to_nplayer needs numeric payoffs; substitute values first with subs(...)")
        tensor, labels = self.reduced_normal_form()
        return NPlayerGame(tensor, players=list(self.players), actions=[list(x) for x in labels])

    # -- subgame perfection with imperfect information ---------------------------------------------------------
    def subgame_roots(self) -> list[tuple[str, ...]]:
        """Paths of the roots of the proper subgames (the whole game first).

        Examples
        --------
        >>> from clustergames.extensive import beer_quiche
        >>> beer_quiche().to_extensive().subgame_roots()
        [()]
        """
        return [self._path(x) for x in self._subgame_roots()]

    def _subgame_roots(self) -> list[int]:
        N = len(self._kind)
        lo = list(range(N))
        hi = list(range(N))
        setlo = {i: min(h["nodes"]) for i, h in enumerate(self._infosets)}
        sethi = {i: max(h["nodes"]) for i, h in enumerate(self._infosets)}
        for x in range(N - 1, -1, -1):
            if self._kind[x] == _DECISION:
                h = self._infoset[x]
                lo[x], hi[x] = setlo[h], sethi[h]
            for c in self._children[x]:
                lo[x] = min(lo[x], lo[c])
                hi[x] = max(hi[x], hi[c])
        return [x for x in range(N) if self._kind[x] != _TERMINAL and lo[x] >= x and hi[x] < self._end[x]]

    def _by_subgames(self, max_equilibria: int) -> SubgamePerfectSet:
        roots = self._subgame_roots()
        rootset = set(roots)
        # the maximal proper subgames directly below each root
        below: dict[int, list[int]] = {}
        for r in roots:
            inner, stack = [], list(self._children[r])
            while stack:
                x = stack.pop()
                if x in rootset:
                    inner.append(x)
                else:
                    stack.extend(self._children[x])
            below[r] = sorted(inner)
        solved: dict[int, list[tuple[tuple, dict[int, Any]]]] = {}
        degenerate = False
        for r in reversed(roots):
            results: list[tuple[tuple, dict[int, Any]]] = []
            subs = below[r]
            size = math.prod(len(solved[s]) for s in subs) if subs else 1
            if size > max_equilibria:
                raise ValueError(f"more than max_equilibria={max_equilibria} combinations of subgame equilibria; "
                                 "raise max_equilibria")
            for combo in itertools.product(*[solved[s] for s in subs]):
                overrides = {s: eq[0] for s, eq in zip(subs, combo)}
                behaviour: dict[int, Any] = {}
                for eq in combo:
                    behaviour.update(eq[1])
                found, deg = self._solve_region(r, overrides)
                degenerate = degenerate or deg
                for pay, beh in found:
                    full = dict(behaviour)
                    full.update(beh)
                    results.append((pay, full))
                    if len(results) > max_equilibria:
                        raise ValueError(f"more than max_equilibria={max_equilibria} subgame-perfect equilibria; "
                                         "raise max_equilibria")
            solved[r] = results
        eqs = []
        names = [h["name"] for h in self._infosets]
        for pay, beh in solved[0]:
            profile = {names[h]: beh.get(h) for h in range(len(names))}
            eqs.append(SubgamePerfectEquilibrium(profile, self._out(pay), True, self._play_edges(beh), self))
        return SubgamePerfectSet(eqs, self, "subgames", degenerate)

    def _play_edges(self, beh: dict[int, Any]) -> frozenset:
        edges, stack = set(), [0]
        while stack:
            x = stack.pop()
            k = self._kind[x]
            if k == _TERMINAL:
                continue
            for j, c in enumerate(self._children[x]):
                if k == _CHANCE:
                    ok = _positive(self._probs[x][j])
                else:
                    b = beh.get(self._infoset[x])
                    a = self._actions[x][j]
                    ok = (b == a) if not isinstance(b, dict) else _positive(b.get(a, 0))
                if ok:
                    edges.add((x, c))
                    stack.append(c)
        return frozenset(edges)

    def _solve_region(self, root: int, overrides: dict[int, tuple]):
        """All equilibria (payoffs, behaviour per infoset) of the region at ``root`` with sub-subgames replaced."""
        tensor, strats, sets = self._normal_form(root, overrides)
        n = len(self.players)
        exact = self._number_kind == "exact"
        found: list[tuple[tuple, dict[int, Any]]] = []
        degenerate = False
        if n == 2:
            from ..games import DegenerateGameWarning, StageGame

            game = StageGame(tensor[0], tensor[1])
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DegenerateGameWarning)
                eqs = game.equilibria(exact=exact and game.is_exact)
            degenerate = any(issubclass(w.category, DegenerateGameWarning) for w in caught)
            for e in eqs:
                mix = [list(e.row), list(e.col)]
                if exact:
                    mix = [[_to_fraction(v) for v in m] for m in mix]
                    pay = tuple(_to_fraction(v) for v in e.payoffs)
                else:
                    pay = tuple(float(v) for v in e.payoffs)
                found.append((pay, self._behaviour(mix, strats, sets)))
        elif n == 1:  # a decision problem: every maximiser
            vals = list(tensor[0])
            best = max(vals)
            tol = 0 if exact else 1e-9 * max(max(abs(float(v)) for v in vals), 1e-300)
            for i, v in enumerate(vals):
                if v >= best - tol:
                    mix = [[1 if k == i else 0 for k in range(len(vals))]]
                    found.append(((v if exact else float(v),), self._behaviour(mix, strats, sets)))
        else:
            from ..nplayer import NPlayerGame

            game = NPlayerGame(np.asarray(tensor, dtype=float) if not exact else tensor)
            for prof in game.pure_equilibria():
                mix = [[1 if i == prof[p] else 0 for i in range(len(strats[p]))] for p in range(n)]
                pay = tuple(tensor[(q,) + tuple(prof)] for q in range(n))
                found.append((pay, self._behaviour(mix, strats, sets)))
        return found, degenerate

    def _behaviour(self, mix, strats, sets) -> dict[int, Any]:
        """Kuhn's behaviour strategy of each mixed reduced strategy: P(a at h) = P(s(h)=a) / P(s reaches h)."""
        beh: dict[int, Any] = {}
        for p, hs in enumerate(sets):
            for h in hs:
                acts = self._infosets[h]["actions"]
                w = [0] * len(acts)
                for prob, s in zip(mix[p], strats[p]):
                    if h in s and prob != 0:
                        w[s[h]] += prob
                total = sum(w)
                if total == 0:
                    beh[h] = None
                    continue
                probs = [v / total for v in w]
                pure = [i for i, v in enumerate(probs) if (v > 1 - 1e-12 if isinstance(v, float) else v == 1)]
                beh[h] = acts[pure[0]] if pure else {a: v for a, v in zip(acts, probs)}
        return beh

    # -- display data ------------------------------------------------------------------------------------------
    def layout(self):
        """Drawing data: one row per node with ``x`` (leaves spaced by 1), ``depth``, kind, player, infoset, label.

        Examples
        --------
        >>> from clustergames.extensive import entry_deterrence
        >>> entry_deterrence().layout()[["node", "x", "depth", "kind"]].values.tolist()[:3]
        [[0, 0.75, 0, 'decision'], [1, 0.0, 1, 'leaf'], [2, 1.5, 1, 'decision']]
        """
        import pandas as pd

        N = len(self._kind)
        x = [0.0] * N
        depth = [0] * N
        for i in range(1, N):
            depth[i] = depth[self._parent[i]] + 1
        leaf = 0
        for i in range(N):
            if self._kind[i] == _TERMINAL:
                x[i] = float(leaf)
                leaf += 1
        for i in range(N - 1, -1, -1):
            if self._children[i]:
                x[i] = (x[self._children[i][0]] + x[self._children[i][-1]]) / 2
        kinds = {0: "leaf", 1: "decision", 2: "chance"}
        rows = []
        for i in range(N):
            k = self._kind[i]
            h = self._infosets[self._infoset[i]] if k == _DECISION else None
            prob = ""
            par = self._parent[i]
            if par >= 0 and self._kind[par] == _CHANCE:
                prob = fmt(self._probs[par][self._children[par].index(i)])
            rows.append({
                "node": i, "parent": par, "x": x[i], "depth": depth[i], "kind": kinds[k],
                "player": self.players[self._player[i]] if k == _DECISION else ("chance" if k == _CHANCE else ""),
                "infoset": h["name"] if h is not None else "",
                "infoset_size": len(h["nodes"]) if h is not None else 0,
                "action": self._label[i], "probability": prob,
                "payoffs": ", ".join(fmt(v) for v in self._payoff[i]) if k == _TERMINAL else "",
            })
        return pd.DataFrame.from_records(rows)

    def plot(self, ax: Any = None, *, equilibrium: Any = "first", **kwargs: Any):
        """Draw the tree with matplotlib and return the Axes.

        ``equilibrium`` is highlighted: a :class:`SubgamePerfectEquilibrium`, ``None`` for none, or ``"first"``
        (default) for the first subgame-perfect equilibrium when the game is small (at most 400 nodes) and numeric.
        """
        from ..plotting import extensive as plot_extensive

        if isinstance(equilibrium, str):
            if equilibrium != "first":
                raise ValueError(f"equilibrium must be a SubgamePerfectEquilibrium, None or 'first' "
                                 f"(got {equilibrium!r})")
            equilibrium = self._first_equilibrium()
        return plot_extensive.plot_tree(self, ax=ax, equilibrium=equilibrium, **kwargs)

    def _first_equilibrium(self) -> SubgamePerfectEquilibrium | None:
        if len(self._kind) > 400 or self.is_symbolic:
            return None
        try:
            sol = self.subgame_perfect(max_equilibria=64)
        except ValueError:
            return None
        return sol[0] if len(sol) else None

    def _svg(self, equilibrium: Any = None, width_per_leaf: int = 70, height_per_level: int = 70) -> str:
        if self.n_nodes > 400:
            return f"<p>(tree of {self.n_nodes} nodes: too large to draw inline)</p>"
        lay = self.layout()
        edges = equilibrium.path if equilibrium is not None else frozenset()
        W = int((lay.x.max() + 1) * width_per_leaf) + 40
        H = int((lay.depth.max() + 1) * height_per_level) + 30
        pos = {int(r.node): (20 + (r.x + 0.5) * width_per_leaf, 20 + r.depth * height_per_level)
               for r in lay.itertuples()}
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" '
                 'font-size="11">']
        for r in lay.itertuples():
            if r.parent >= 0:
                (x0, y0), (x1, y1) = pos[int(r.parent)], pos[int(r.node)]
                on = (int(r.parent), int(r.node)) in edges
                parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                             f'stroke="{"#D55E00" if on else "#555"}" stroke-width="{3 if on else 1}"/>')
                lab = escape(r.action + (f" ({r.probability})" if r.probability else ""))
                parts.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{(y0 + y1) / 2 - 3:.1f}" text-anchor="middle" '
                             f'fill="#0072B2">{lab}</text>')
        for h in self._infosets:
            if len(h["nodes"]) > 1:
                pts = sorted(pos[x] for x in h["nodes"])
                for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
                    parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#888" '
                                 'stroke-dasharray="4,3"/>')
        for r in lay.itertuples():
            x, y = pos[int(r.node)]
            if r.kind == "leaf":
                parts.append(f'<text x="{x:.1f}" y="{y + 12:.1f}" text-anchor="middle">({escape(r.payoffs)})</text>')
            else:
                fill = "#fff" if r.kind == "chance" else "#000"
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="#000"/>')
                parts.append(f'<text x="{x + 7:.1f}" y="{y - 5:.1f}">{escape(r.player)}</text>')
        parts.append("</svg>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        eq = self._first_equilibrium()
        kind = {"float": "", "exact": ", exact", "symbolic": ", symbolic"}[self._number_kind]
        cap = (f"<p><strong>ExtensiveGame</strong>: {', '.join(map(escape, self.players))}; {self.n_nodes} nodes"
               f"{kind}{'; first subgame-perfect path in red' if eq is not None else ''}</p>")
        return f"<div>{cap}{self._svg(eq)}</div>"

    def __repr__(self) -> str:
        kind = {"float": "", "exact": ", exact", "symbolic": ", symbolic"}[self._number_kind]
        info = "perfect information" if self.has_perfect_information else "imperfect information"
        return (f"ExtensiveGame({', '.join(self.players)}; {self.n_nodes} nodes, {len(self._infosets)} "
                f"information sets, {info}{kind})")


def _exactish(v: Any) -> bool:
    from .._validation import is_exact

    return is_exact(v)


def _plain(v: Any) -> Any:
    """A sympy number back to a Python number (Rational -> Fraction, Float -> float); expressions unchanged."""
    mod = type(v).__module__ or ""
    if mod.startswith("sympy") and getattr(v, "is_number", False):
        if v.is_Rational:
            return _exact_out(_to_fraction(v))
        return float(v)
    return v


def _positive(p: Any) -> bool:
    try:
        return bool(p > 0)
    except TypeError:
        return True  # a symbolic probability: drawn as possibly on the path
