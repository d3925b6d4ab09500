r"""Repeated two-player games with perfect monitoring: strategy automata, one-shot deviations, critical deltas.

A strategy profile is a finite automaton shared by both players (perfect monitoring makes the public history the
state): in each *playing* state both players take a prescribed action and the realised action profile moves the
automaton to the next state, possibly at random (imperfect detection). *Fixed* states have given per-period
payoffs and no choices: they model exit and expulsion (the firm earns its outside option there forever).

With the transition matrix :math:`M` of the prescribed path and the stage payoffs :math:`u` of each state, the
:math:`(1-\delta)`-normalised values solve

.. math::

    (I - \delta M)\, v = (1 - \delta)\, u .

**Subgame perfection** is checked with the one-shot deviation principle at *every* playing state: for each player
:math:`i`, state :math:`s` and action :math:`a_i' \ne a_i(s)`,

.. math::

    (1-\delta)\, u_i(a_i', a_{-i}(s)) + \delta \sum_{s'} \Pr(s' \mid s, a_i', a_{-i}(s))\, v_i(s') \le v_i(s) .

**Nash equilibrium** is checked exactly: the deviator faces a Markov decision problem on the automaton's states, so
it suffices that no stationary deterministic policy beats the profile at the initial state. In a deterministic
automaton each such policy follows a path from the initial state into a cycle, and the distinct paths are enumerated;
with random transitions every policy is.

Each condition is a rational function of :math:`\delta` whose denominator :math:`\det(I - \delta M)` is positive on
:math:`[0, 1)`; only the numerator polynomial matters. For games with exact payoffs (ints, fractions; floats are
converted to the decimal they print as) the set of discount factors is computed exactly: all real roots of the
numerators in :math:`[0, 1)` are isolated (sympy), and the sign of every condition is tested exactly at each root
and between consecutive roots. The set need not be an interval (tit-for-tat is subgame perfect on a single point).
For symbolic games the result is the condition itself, as a sympy relation.

Examples
--------
>>> from clustergames import repeated
>>> from clustergames.games import prisoners_dilemma
>>> g = prisoners_dilemma(5, 3, 1, 0)
>>> repeated.critical_delta(g, "grim").min
0.5
>>> repeated.critical_delta(g, "win_stay_lose_shift").intervals   # (T-R)/(R-P) = 1: never
[]
>>> repeated.critical_delta(prisoners_dilemma(4, 3, 1, 0), "win_stay_lose_shift").intervals
[(0.5, 1.0)]
>>> repeated.critical_delta(g, "tit_for_tat", kind="nash").min
0.6666666666666666
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _validation as _v
from .games import StageGame
from .results import Result
from .symbolic import is_symbolic, solution_set, to_sympy

#: kept for trust.py and other callers of the old private name; use :func:`clustergames.symbolic.solution_set`
_solution_set = solution_set

__all__ = [
    "Automaton",
    "CriticalDelta",
    "critical_delta",
    "make_profile",
    "grim",
    "tit_for_tat",
    "win_stay_lose_shift",
    "forgiving_trigger",
    "grim_expulsion",
    "values",
    "is_equilibrium",
    "delta_symbol",
]

PROFILES = ("grim", "tit_for_tat", "win_stay_lose_shift", "forgiving_trigger", "grim_expulsion")
_ALIASES = {"tft": "tit_for_tat", "wsls": "win_stay_lose_shift", "pavlov": "win_stay_lose_shift",
            "grim_trigger": "grim", "k_trigger": "forgiving_trigger", "expulsion": "grim_expulsion"}


_sp = _v.sympy


def delta_symbol():
    """The sympy symbol used for the discount factor in conditions: ``Symbol("delta", real=True)``.

    Examples
    --------
    >>> delta_symbol()
    delta
    """
    return _sp().Symbol("delta", real=True)


_delta_symbol = delta_symbol


def _exact(v: Any):
    """Payoff to sympy: exact for ints/Fractions/sympy, floats through their printed decimal (0.1 -> 1/10)."""
    sp = _sp()
    if isinstance(v, float | np.floating):
        if not np.isfinite(v):
            raise ValueError(f"payoffs must be finite (got {v})")
        return sp.Rational(repr(float(v)))
    return to_sympy(v)


# ----------------------------------------------------------------------------------------------------------------
# automata
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Automaton:
    r"""A strategy profile of a repeated two-player game, as a finite automaton with public states.

    Parameters
    ----------
    play : dict
        Playing state -> ``(row_action, col_action)`` (labels or indices) taken in that state.
    transitions : dict
        Playing state -> {``(row_action, col_action)`` or ``"*"`` (any other profile): next}, where ``next`` is a
        state name or a dict {state: probability} (random transitions, e.g. imperfect detection).
    fixed : dict, optional
        Fixed state -> ``(row_payoff, col_payoff)`` earned per period there, or ``((row, col), next)`` to move on
        (e.g. a relocation period before the outside option). Without ``next`` the state is absorbing.
    initial : str, optional
        Initial state (default: the first playing state).
    name : str, optional

    Notes
    -----
    Values are :math:`(1-\delta)`-normalised: :math:`(I - \delta M) v = (1-\delta) u`.

    References
    ----------
    Abreu, D. (1988). On the theory of infinitely repeated games with discounting. *Econometrica* 56(2), 383–396.

    Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations*. Oxford University Press, ch. 2.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> a = Automaton(play={"coop": ("C", "C"), "war": ("D", "D")},
    ...               transitions={"coop": {("C", "C"): "coop", "*": "war"}, "war": {"*": "war"}})
    >>> critical_delta(prisoners_dilemma(5, 3, 1, 0), a).min
    0.5
    """

    play: Mapping[str, tuple[Any, Any]]
    transitions: Mapping[str, Mapping[Any, Any]]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    initial: str | None = None
    name: str = "automaton"

    def __post_init__(self):
        if not self.play:
            raise ValueError("play must name at least one playing state")
        overlap = set(self.play) & set(self.fixed)
        if overlap:
            raise ValueError(f"states {sorted(overlap)} are both playing and fixed states")
        missing = set(self.play) - set(self.transitions)
        if missing:
            raise ValueError(f"transitions are missing for the playing states {sorted(missing)}")
        if self.initial is not None and self.initial not in self.states:
            raise ValueError(f"initial state {self.initial!r} is not a state of the automaton ({self.states})")

    @property
    def states(self) -> tuple[str, ...]:
        """All states: playing states first, then fixed states."""
        return tuple(self.play) + tuple(self.fixed)

    @property
    def start(self) -> str:
        """The initial state: ``initial`` if given, else the first playing state."""
        return self.initial if self.initial is not None else next(iter(self.play))

    # -- compilation against a game ---------------------------------------------------------------------------
    def compile(self, game: StageGame) -> _Compiled:
        """Resolve labels to indices and tabulate transitions for ``game``."""
        return _Compiled(self, game)


def _index(label: Any, labels: Sequence[str], who: str) -> int:
    if isinstance(label, numbers.Integral) and not isinstance(label, bool):
        if not 0 <= int(label) < len(labels):
            raise ValueError(f"{who} action index must lie in [0, {len(labels)}) (got {label})")
        return int(label)
    if label in labels:
        return labels.index(label)
    raise ValueError(f"{who} action {label!r} is not one of the game's actions {tuple(labels)}")


class _Compiled:
    """An automaton resolved against a game: index tables, exact payoffs, probability rows."""

    def __init__(self, auto: Automaton, game: StageGame):
        sp = _sp()
        self.auto, self.game = auto, game
        self.states = auto.states
        self.pos = {s: k for k, s in enumerate(self.states)}
        rows, cols = game.actions
        m, n = game.shape
        self.m, self.n = m, n
        self.A = np.vectorize(_exact, otypes=[object])(game.A)
        self.B = np.vectorize(_exact, otypes=[object])(game.B)
        self.play = {s: (_index(a, rows, "row"), _index(b, cols, "column")) for s, (a, b) in auto.play.items()}
        self.fixed_pay: dict[str, tuple[Any, Any]] = {}
        self.fixed_next: dict[str, str] = {}
        for s, spec in auto.fixed.items():
            if (isinstance(spec, tuple | list) and len(spec) == 2 and isinstance(spec[0], tuple | list)):
                pay, nxt = spec
            else:
                pay, nxt = spec, s
            if len(pay) != 2:
                raise ValueError(f"fixed state {s!r} needs a pair of payoffs (got {pay!r})")
            if nxt not in self.pos:
                raise ValueError(f"fixed state {s!r} moves to the unknown state {nxt!r}")
            self.fixed_pay[s] = (_exact(pay[0]), _exact(pay[1]))
            self.fixed_next[s] = nxt
        # transition table: state -> (i, j) -> {state: prob}
        self.trans: dict[str, dict[tuple[int, int], dict[str, Any]]] = {}
        for s in auto.play:
            spec = auto.transitions[s]
            table = {}
            default = spec.get("*") if isinstance(spec, Mapping) else None
            explicit = {}
            for key, nxt in spec.items():
                if key == "*":
                    continue
                if not (isinstance(key, tuple) and len(key) == 2):
                    raise ValueError(f"transition keys must be (row_action, col_action) pairs or '*' (got {key!r})")
                explicit[(_index(key[0], rows, "row"), _index(key[1], cols, "column"))] = nxt
            for i in range(m):
                for j in range(n):
                    nxt = explicit.get((i, j), default)
                    if nxt is None:
                        raise ValueError(f"state {s!r} has no transition for the profile ({rows[i]}, {cols[j]}); "
                                         f"add it or a '*' default")
                    table[(i, j)] = self._dist(nxt, s)
            self.trans[s] = table
        self.is_symbolic = bool(
            any(getattr(v, "free_symbols", set()) for v in np.concatenate([self.A.ravel(), self.B.ravel()]))
            or any(getattr(v, "free_symbols", set()) for p in self.fixed_pay.values() for v in p)
            or any(getattr(pr, "free_symbols", set()) for t in self.trans.values() for d in t.values()
                   for pr in d.values()))
        _ = sp

    def _dist(self, nxt: Any, s: str) -> dict[str, Any]:
        sp = _sp()
        if isinstance(nxt, str):
            if nxt not in self.pos:
                raise ValueError(f"state {s!r} moves to the unknown state {nxt!r}")
            return {nxt: sp.Integer(1)}
        if isinstance(nxt, Mapping):
            out = {}
            for k, pr in nxt.items():
                if k not in self.pos:
                    raise ValueError(f"state {s!r} moves to the unknown state {k!r}")
                out[k] = out.get(k, 0) + _exact(pr)
            total = sp.simplify(sum(out.values()))
            if total != 1:
                raise ValueError(f"transition probabilities from state {s!r} must sum to 1 (got {total})")
            for k, pr in out.items():
                if pr.is_number and not 0 <= pr <= 1:
                    raise ValueError(f"transition probability {s!r} -> {k!r} must lie in [0, 1] (got {pr})")
            return out
        raise ValueError(f"a transition target must be a state name or a {{state: probability}} dict (got {nxt!r})")

    def stage(self, s: str, i: int | None = None, j: int | None = None) -> tuple[Any, Any]:
        if s in self.fixed_pay:
            return self.fixed_pay[s]
        a, b = self.play[s]
        i = a if i is None else i
        j = b if j is None else j
        return self.A[i, j], self.B[i, j]

    def next(self, s: str, i: int | None = None, j: int | None = None) -> dict[str, Any]:
        sp = _sp()
        if s in self.fixed_pay:
            return {self.fixed_next[s]: sp.Integer(1)}
        a, b = self.play[s]
        return self.trans[s][(a if i is None else i, b if j is None else j)]

    # -- values as polynomial numerators over det(I - delta M) --------------------------------------------------
    def value_parts(self, policy: Mapping[str, int] | None = None, player: int = 0):
        """Numerators N (vector) and the common denominator D with v = N / D, for both players (or the deviator).

        ``policy`` (state -> action of ``player``) replaces the prescribed action of ``player``.
        """
        sp = _sp()
        d = _delta_symbol()
        k = len(self.states)
        M = sp.zeros(k, k)
        u = [sp.zeros(k, 1), sp.zeros(k, 1)]
        for s in self.states:
            r = self.pos[s]
            i = j = None
            if policy is not None and s in self.play and s in policy:
                if player == 0:
                    i = policy[s]
                else:
                    j = policy[s]
            for t, pr in self.next(s, i, j).items():
                M[r, self.pos[t]] += pr
            pay = self.stage(s, i, j)
            u[0][r], u[1][r] = pay
        Q = sp.eye(k) - d * M
        D = sp.expand(Q.det(method="berkowitz"))
        adj = Q.adjugate(method="berkowitz")
        N = [(adj * u[p]).applyfunc(lambda e: sp.expand((1 - d) * e)) for p in (0, 1)]
        return N, D


# ----------------------------------------------------------------------------------------------------------------
# built-in profiles
# ----------------------------------------------------------------------------------------------------------------
def _cd(game: StageGame, cooperate: Any, defect: Any) -> tuple[tuple[str, str], tuple[str, str]]:
    rows, cols = game.actions

    def pair(spec, name):
        if isinstance(spec, tuple | list):
            a, b = spec
        else:
            a, b = spec, spec
        return rows[_index(a, rows, f"{name} row")], cols[_index(b, cols, f"{name} column")]

    return pair(cooperate, "cooperate"), pair(defect, "defect")


def grim(game: StageGame, cooperate: Any = 0, defect: Any = 1) -> Automaton:
    r"""Grim trigger: play ``cooperate`` until anyone deviates, then ``defect`` forever (Nash reversion).

    Subgame perfect in the prisoner's dilemma iff :math:`\delta \ge (T-R)/(T-P)` (Friedman 1971).

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> sorted(grim(prisoners_dilemma()).play.items())
    [('cooperate', ('C', 'C')), ('punish', ('D', 'D'))]
    """
    c, dd = _cd(game, cooperate, defect)
    return Automaton(play={"cooperate": c, "punish": dd},
                     transitions={"cooperate": {c: "cooperate", "*": "punish"}, "punish": {"*": "punish"}},
                     name="grim")


def forgiving_trigger(game: StageGame, k: int = 1, cooperate: Any = 0, defect: Any = 1) -> Automaton:
    r"""A k-period forgiving trigger: after a deviation both play ``defect`` for k periods, then cooperate again.

    A deviation during the punishment restarts it. In the prisoner's dilemma cooperation is subgame perfect iff

    .. math::

        \delta + \delta^2 + \dots + \delta^k \ge \frac{T - R}{R - P}.

    References
    ----------
    Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations*. Oxford University Press, sec. 2.4.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> forgiving_trigger(prisoners_dilemma(), k=2).states
    ('cooperate', 'punish_1', 'punish_2')
    """
    if not isinstance(k, numbers.Integral) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be a positive integer number of punishment periods (got k={k!r})")
    c, dd = _cd(game, cooperate, defect)
    play = {"cooperate": c}
    trans: dict[str, dict] = {"cooperate": {c: "cooperate", "*": "punish_1"}}
    for t in range(1, k + 1):
        play[f"punish_{t}"] = dd
        trans[f"punish_{t}"] = {dd: f"punish_{t + 1}" if t < k else "cooperate", "*": "punish_1"}
    return Automaton(play=play, transitions=trans, name=f"forgiving_trigger(k={k})")


def _two_by_two(game: StageGame, name: str):
    if game.shape != (2, 2):
        raise ValueError(f"{name} is defined for 2x2 games (got {game.shape[0]}x{game.shape[1]})")


def tit_for_tat(game: StageGame, cooperate: Any = 0, defect: Any = 1) -> Automaton:
    r"""Tit-for-tat for both players: cooperate first, then copy the opponent's last action (2x2 games).

    The state is the last action profile. In the prisoner's dilemma it is a Nash equilibrium iff
    :math:`\delta \ge \max\{(T-R)/(T-P), (T-R)/(R-S)\}` (Axelrod 1984) and subgame perfect only on the knife edge
    :math:`\delta = (T-R)/(R-S) = (P-S)/(T-P)`.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> tit_for_tat(prisoners_dilemma()).play["CD"]
    ('D', 'C')
    """
    return _memory_one(game, cooperate, defect, "tit_for_tat", lambda a, b: (b, a))


def win_stay_lose_shift(game: StageGame, cooperate: Any = 0, defect: Any = 1) -> Automaton:
    r"""Win-stay, lose-shift (Pavlov) for both players (2x2 games).

    Repeat your action after the opponent cooperated, switch after it defected.

    In the prisoner's dilemma it is subgame perfect iff :math:`\delta \ge (T-R)/(R-P)` (Nowak & Sigmund 1993;
    Mailath & Samuelson 2006, sec. 2.4.4).

    References
    ----------
    Nowak, M. & Sigmund, K. (1993). A strategy of win-stay, lose-shift that outperforms tit-for-tat in the
    prisoner's dilemma game. *Nature* 364, 56–58.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> win_stay_lose_shift(prisoners_dilemma()).play["DD"]
    ('C', 'C')
    """
    flip = {"C": "D", "D": "C"}
    return _memory_one(game, cooperate, defect, "win_stay_lose_shift",
                       lambda a, b: (a if b == "C" else flip[a], b if a == "C" else flip[b]))


def _memory_one(game: StageGame, cooperate: Any, defect: Any, name: str, respond) -> Automaton:
    """A deterministic memory-one profile of a 2x2 game: the state is last period's outcome ``"CC"``, ``"CD"``, ...

    ``respond(a, b)`` gives the (row, column) letters played after the row player played ``a`` and the column
    player ``b``; play starts in ``"CC"`` (both cooperate).
    """
    _two_by_two(game, name)
    (cr, cc), (dr, dc) = _cd(game, cooperate, defect)
    rows = {"C": cr, "D": dr}
    cols = {"C": cc, "D": dc}
    play, trans = {}, {}
    for a, b in itertools.product("CD", repeat=2):
        ra, cb = respond(a, b)
        play[a + b] = (rows[ra], cols[cb])
        trans[a + b] = {(rows[x], cols[y]): x + y for x, y in itertools.product("CD", repeat=2)}
    return Automaton(play=play, transitions=trans, initial="CC", name=name)


def grim_expulsion(game: StageGame, outside: Any = 0, *, detection: Any = 1, relocation_cost: Any = 0,
                   victim: Any = None, cooperate: Any = 0) -> Automaton:
    r"""Cooperate; a detected cheat is expelled from the cluster and earns ``outside`` per period forever.

    The cheat is detected with probability ``detection`` in the period it happens (undetected, play goes on); an
    expelled firm pays ``relocation_cost`` once, in its first period outside. The firm that was cheated stays in the
    cluster and earns ``victim`` per period (default: its cooperative payoff, rematched with another member).
    Special case of :func:`clustergames.trust.expulsion_delta`.

    Parameters
    ----------
    outside : number, sympy expression or pair
        Per-period outside option (one value for both players, or a (row, column) pair).

    References
    ----------
    Greif, A. (1993). Contract enforceability and economic institutions in early trade: the Maghribi traders'
    coalition. *American Economic Review* 83(3), 525–548.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> critical_delta(prisoners_dilemma(5, 3, 1, 0), grim_expulsion(prisoners_dilemma(5, 3, 1, 0), 0)).min
    0.4
    """
    sp = _sp()
    rows, cols = game.actions
    ci, cj = _index(cooperate if not isinstance(cooperate, tuple) else cooperate[0], rows, "row"), \
        _index(cooperate if not isinstance(cooperate, tuple) else cooperate[1], cols, "column")
    c = (rows[ci], cols[cj])
    out_r, out_c = (outside if isinstance(outside, tuple | list) else (outside, outside))
    A, B = game.A, game.B
    vic_r, vic_c = (victim if isinstance(victim, tuple | list) else (victim, victim))
    vic_r = A[ci, cj] if vic_r is None else vic_r
    vic_c = B[ci, cj] if vic_c is None else vic_c
    p = to_sympy(detection) if is_symbolic(detection) else detection
    if not is_symbolic(p) and not 0 < float(p) <= 1:
        raise ValueError(f"detection must lie in (0, 1] (got detection={detection})")
    K = relocation_cost
    if not is_symbolic(K) and float(K) < 0:
        raise ValueError(f"relocation_cost must be non-negative (got relocation_cost={relocation_cost})")
    fixed: dict[str, Any] = {
        "row_out": (out_r, vic_c), "col_out": (vic_r, out_c), "both_out": (out_r, out_c)}
    entry = {"row": "row_out", "col": "col_out", "both": "both_out"}
    has_K = is_symbolic(K) or float(K) != 0
    if has_K:
        fixed["row_moving"] = ((_sub(out_r, K), vic_c), "row_out")
        fixed["col_moving"] = ((vic_r, _sub(out_c, K)), "col_out")
        fixed["both_moving"] = ((_sub(out_r, K), _sub(out_c, K)), "both_out")
        entry = {"row": "row_moving", "col": "col_moving", "both": "both_moving"}
    one = sp.Integer(1)
    trans: dict[Any, Any] = {c: "cooperate"}
    for i in range(len(rows)):
        for j in range(len(cols)):
            if (i, j) == (ci, cj):
                continue
            who = "both" if (i != ci and j != cj) else ("row" if i != ci else "col")
            if p == 1:
                trans[(rows[i], cols[j])] = entry[who]
            else:
                pe = p if not isinstance(p, float) else _exact(p)
                trans[(rows[i], cols[j])] = {entry[who]: pe, "cooperate": one - pe}
    return Automaton(play={"cooperate": c}, transitions={"cooperate": trans}, fixed=fixed, name="grim_expulsion")


def _sub(a: Any, b: Any) -> Any:
    if is_symbolic(a) or is_symbolic(b):
        return to_sympy(a) - to_sympy(b)
    return _exact(a) - _exact(b) if not isinstance(a, float) and not isinstance(b, float) else float(a) - float(b)


_BUILDERS = {"grim": grim, "tit_for_tat": tit_for_tat, "win_stay_lose_shift": win_stay_lose_shift,
             "forgiving_trigger": forgiving_trigger, "grim_expulsion": grim_expulsion}


def make_profile(name: str | Automaton, game: StageGame, **options: Any) -> Automaton:
    """Resolve a built-in profile by name for ``game``.

    Names: ``"grim"``, ``"tit_for_tat"``, ``"win_stay_lose_shift"``, ``"forgiving_trigger"`` with ``k``,
    ``"grim_expulsion"`` with ``outside``; aliases ``tft``, ``wsls``.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> make_profile("wsls", prisoners_dilemma()).name
    'win_stay_lose_shift'
    >>> make_profile("nice", prisoners_dilemma())
    Traceback (most recent call last):
    ...
    ValueError: unknown profile 'nice'; built-in profiles: grim, tit_for_tat, ...
    """
    if isinstance(name, Automaton):
        if options:
            raise TypeError("options are only accepted with a profile name")
        return name
    if not isinstance(name, str):
        raise TypeError(f"profile must be a name or an Automaton (got {type(name).__name__})")
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in _BUILDERS:
        raise ValueError(f"unknown profile {name!r}; built-in profiles: {', '.join(PROFILES)}")
    return _BUILDERS[key](game, **options)


# ----------------------------------------------------------------------------------------------------------------
# conditions and their solution sets
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Condition:
    player: str
    state: str
    deviation: str
    numerator: Any  # polynomial in delta (and parameters); condition: numerator <= 0


def _conditions(comp: _Compiled, kind: str) -> list[_Condition]:
    sp = _sp()
    d = _delta_symbol()
    N, D = comp.value_parts()
    out: list[_Condition] = []
    rows, cols = comp.game.actions
    pos = comp.pos
    if kind == "spe":
        for s in comp.auto.play:
            a, b = comp.play[s]
            for player in (0, 1):
                size = comp.m if player == 0 else comp.n
                own = a if player == 0 else b
                for alt in range(size):
                    if alt == own:
                        continue
                    i, j = (alt, b) if player == 0 else (a, alt)
                    u = comp.stage(s, i, j)[player]
                    cont = sum((pr * N[player][pos[t]] for t, pr in comp.next(s, i, j).items()), sp.Integer(0))
                    num = sp.expand((1 - d) * u * D + d * cont - N[player][pos[s]])
                    label = (rows if player == 0 else cols)[alt]
                    out.append(_Condition(comp.game.players[player], s, label, num))
    elif kind == "nash":
        playing = list(comp.auto.play)
        s0 = comp.auto.start
        for player in (0, 1):
            labels = rows if player == 0 else cols
            lassos = _deviation_lassos(comp, player)
            seen = set()
            if lassos is not None:
                # deterministic automaton: every stationary deviation policy follows a path from s0 that ends in a
                # cycle; its value is (1-d)[prefix + d^a cycle/(1 - d^c)], compared with v(s0) = N/D
                for prefix, cycle in lassos:
                    pay = [_lasso_pay(comp, st, mv, player) for st, mv in prefix + cycle]
                    a, c = len(prefix), len(cycle)
                    A = sum((d ** t * pay[t] for t in range(a)), sp.Integer(0))
                    C = sum((d ** t * pay[a + t] for t in range(c)), sp.Integer(0))
                    num = sp.expand((1 - d) * (A * (1 - d ** c) + d ** a * C) * D - N[player][pos[s0]] * (1 - d ** c))
                    if num == 0 or num in seen:
                        continue
                    seen.add(num)
                    desc = " -> ".join(f"{st}:{labels[mv[player]]}" if mv is not None else st
                                       for st, mv in prefix + cycle) + " (repeat)"
                    out.append(_Condition(comp.game.players[player], s0, desc, num))
                continue
            size = comp.m if player == 0 else comp.n
            if size ** len(playing) > 4096:
                raise ValueError(f"the Nash check enumerates {size}^{len(playing)} deviation policies; at most "
                                 "4096 are supported")
            for acts in itertools.product(range(size), repeat=len(playing)):
                policy = dict(zip(playing, acts))
                if all(policy[s] == comp.play[s][player] for s in playing):
                    continue
                Np, Dp = comp.value_parts(policy, player)
                # v_pi(s0) - v(s0) <= 0  <=>  Np*D - N*Dp <= 0 (both determinants positive)
                num = sp.expand(Np[player][pos[s0]] * D - N[player][pos[s0]] * Dp)
                if num in seen:
                    continue
                seen.add(num)
                desc = ", ".join(f"{s}:{labels[policy[s]]}" for s in playing)
                out.append(_Condition(comp.game.players[player], s0, desc, num))
    else:
        raise ValueError(f"kind must be 'spe' or 'nash' (got {kind!r})")
    return out


def _lasso_pay(comp: _Compiled, state: str, move, player: int):
    if move is None:
        return comp.fixed_pay[state][player]
    i, j = move
    return (comp.A if player == 0 else comp.B)[i, j]


def _deviation_lassos(comp: _Compiled, player: int, limit: int = 100_000):
    """All paths (prefix, cycle) from the initial state under stationary deviation policies of ``player``.

    Returns None when some transition is random (then policies are enumerated instead).
    """
    sp = _sp()
    size = comp.m if player == 0 else comp.n

    def options(s):
        if s in comp.fixed_pay:
            return [(None, comp.fixed_next[s])]
        a, b = comp.play[s]
        opts = []
        for alt in range(size):
            i, j = (alt, b) if player == 0 else (a, alt)
            dist = comp.next(s, i, j)
            if len(dist) != 1 or next(iter(dist.values())) != sp.Integer(1):
                return None
            opts.append(((i, j), next(iter(dist))))
        return opts

    out: list = []
    stack = [([], comp.auto.start)]
    while stack:
        path, s = stack.pop()
        opts = options(s)
        if opts is None:
            return None
        for move, t in opts:
            new = path + [(s, move)]
            visited = [st for st, _ in new]
            if t in visited:
                k = visited.index(t)
                out.append((new[:k], new[k:]))
                if len(out) > limit:
                    raise ValueError(f"the Nash check found more than {limit} deviation paths; simplify the automaton")
            else:
                stack.append((new, t))
    return out


def _positive_on_unit(factor, d) -> int:
    """+1 / -1 if the delta-only polynomial ``factor`` has constant sign on (0, 1), else 0."""
    sp = _sp()
    p = sp.Poly(factor, d)
    if p.count_roots(0, 1) - int(p.eval(0) == 0) - int(p.eval(1) == 0) > 0:
        return 0
    return int(sp.sign(p.eval(sp.Rational(1, 2))))


def _reduce(num, d):
    """Simplify ``num <= 0`` for symbolic payoffs: drop factors of fixed sign on (0, 1). Returns a relational."""
    sp = _sp()
    coeff, factors = sp.factor_list(num)
    sign = int(sp.sign(coeff)) if coeff.is_number else 1
    kept = sp.Integer(1)
    for f, mult in factors:
        if f.free_symbols <= {d}:
            sgn = _positive_on_unit(f, d)
            if sgn != 0:
                sign *= sgn ** mult
                continue
        kept *= f ** mult
    if not coeff.is_number:
        kept *= coeff
    expr = sp.collect(sp.expand(kept), d)
    if sign == 0 or expr == 0:
        return sp.true
    return sp.Le(expr, 0) if sign > 0 else sp.Ge(expr, 0)


# ----------------------------------------------------------------------------------------------------------------
# the result
# ----------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class CriticalDelta(Result):
    r"""The set of discount factors for which a profile is an equilibrium.

    Attributes
    ----------
    min : float or sympy expression
        Smallest working discount factor (``inf`` if none). For symbolic games: the largest lower bound among the
        conditions linear in :math:`\delta` (``None`` if some condition is nonlinear), valid where the parameter
        conditions free of :math:`\delta` in ``condition`` hold (e.g. :math:`S \le P` for grim trigger).
    intervals : list of (float, float)
        The set as closed intervals (``hi = 1.0`` means "up to but excluding 1"); ``None`` for symbolic games.
    exact_intervals : list of (sympy number, sympy number)
        The same with exact (algebraic) endpoints.
    condition : sympy relational
        Symbolic games: the conjunction of all one-shot-deviation conditions, simplified; exact games: the set as a
        sympy ``Union`` of intervals.
    conditions : list of dict
        Each deviation checked: player, state, deviation, and its condition.
    """

    profile: str
    kind: str
    min: Any
    intervals: list | None
    exact_intervals: list | None
    condition: Any
    conditions: list

    title = "Critical discount factors"

    def contains(self, delta: float) -> bool:
        """True if ``delta`` lies in the (numeric) set."""
        if self.intervals is None:
            raise TypeError("the game is symbolic: substitute numbers first (game.subs(...))")
        return any(lo - 1e-12 <= delta <= hi + 1e-12 and delta < 1 for lo, hi in self.intervals)

    def closed(self) -> list[tuple[bool, bool]]:
        """Whether each end of each interval of :attr:`exact_intervals` is included (``hi = 1`` never is)."""
        if self.exact_intervals is None:
            return []
        sp = _sp()
        sets = self.condition.args if isinstance(self.condition, sp.Union) else (self.condition,)
        out = []
        for iv in sets:
            if isinstance(iv, sp.Interval):
                out.append((not iv.left_open, not iv.right_open))
            elif isinstance(iv, sp.FiniteSet):
                out.extend((True, True) for _ in iv)
        return out

    def interval_text(self) -> str:
        """The set in interval notation with exact endpoints, e.g. ``[1/2, 1)``; ``∅`` when it is empty.

        Examples
        --------
        >>> from clustergames.games import prisoners_dilemma
        >>> critical_delta(prisoners_dilemma(5, 3, 1, 0), "grim").interval_text()
        '[1/2, 1)'
        >>> critical_delta(prisoners_dilemma(3, 2, 1, 0), "tit_for_tat").interval_text()
        '{1/2}'
        """
        if self.exact_intervals is None:
            return str(self.condition)
        parts = []
        for (lo, hi), (lc, hc) in zip(self.exact_intervals, self.closed()):
            if float(lo) >= 1.0 and lo != hi:
                parts.append(f"[{lo}, 1)" if lc else f"({lo}, 1)")
            elif lo == hi:
                parts.append(f"{{{lo}}}")
            else:
                parts.append(f"{'[' if lc else '('}{lo}, {hi}{']' if hc else ')'}")
        return " ∪ ".join(parts) if parts else "∅"

    def _repr_html_(self) -> str:
        """Title, the set of discount factors typeset (Jupyter typesets ``$...$`` in HTML) and a small table."""
        from html import escape

        from .results import _math_html

        sp = _sp()
        if self.intervals is None:  # symbolic payoffs: the condition and the smallest delta as formulas
            where = _math_html(f"${sp.latex(self.condition)}$")
            smallest = _math_html(f"${sp.latex(self.min)}$")
        else:
            where = f"&delta; &isin; {escape(self.interval_text())}"
            smallest = escape(_v.fmt(self.min))
        rows = (f"<tr><th>profile</th><td>{escape(str(self.profile))}</td></tr>"
                f"<tr><th>equilibrium</th><td>{escape(self.kind)}</td></tr>"
                f"<tr><th>discount factors</th><td>{where}</td></tr>"
                f"<tr><th>smallest</th><td>{smallest}</td></tr>")
        latex = _math_html(self._repr_latex_(), "p")
        return f"<div><p><strong>{escape(self._title())}</strong></p>{latex}<table>{rows}</table></div>"

    def to_frame(self):
        """The critical discount factors as a table.

        Returns
        -------
        pandas.DataFrame
            For a symbolic condition, one row with the ``condition`` and its ``min``; otherwise one row per interval of
            the set of discount factors for which the profile is an equilibrium, with columns ``set``, ``lo``, ``hi``,
            ``lo_closed`` and ``hi_closed`` (``inf`` bounds when the set is empty).
        """
        import pandas as pd

        if self.intervals is None:
            return pd.DataFrame({"profile": [self.profile], "kind": [self.kind],
                                 "condition": [str(self.condition)], "min": [str(self.min)]})
        if not self.intervals:
            return pd.DataFrame({"profile": [self.profile], "kind": [self.kind], "set": [self.interval_text()],
                                 "lo": [np.inf], "hi": [np.inf], "lo_closed": [False], "hi_closed": [False]})
        closed = self.closed()
        return pd.DataFrame({"profile": self.profile, "kind": self.kind,
                             "set": self.interval_text().split(" ∪ "),
                             "lo": [lo for lo, _ in self.intervals], "hi": [hi for _, hi in self.intervals],
                             "lo_closed": [c[0] for c in closed], "hi_closed": [c[1] for c in closed]})

    def _repr_latex_(self) -> str:
        sp = _sp()
        if self.exact_intervals is None:
            return f"${sp.latex(self.condition)}$"
        body = sp.latex(self.condition) if self.exact_intervals else r"\emptyset"
        return f"$\\delta \\in {body}$"


def critical_delta(game: StageGame, profile: str | Automaton = "grim", *, kind: str = "spe",
                   **options: Any) -> CriticalDelta:
    r"""The set of discount factors for which a strategy profile is a subgame-perfect (or Nash) equilibrium.

    Solves every one-shot-deviation inequality (``kind="spe"``) or every stationary deviation policy
    (``kind="nash"``) exactly in :math:`\delta` (see the module docs):

    .. math::

        \{\delta \in [0, 1) : (1-\delta) u_i(a_i', a_{-i}(s)) + \delta\, \mathbb{E}\, v_i(s') \le v_i(s)
        \ \forall i, s, a_i'\} .

    Parameters
    ----------
    game : StageGame
        The stage game (numbers, fractions or sympy payoffs).
    profile : str or Automaton, default "grim"
        A built-in profile name (see :func:`make_profile`) or an :class:`Automaton`.
    kind : {"spe", "nash"}
        Subgame perfection (one-shot deviations at every state) or Nash equilibrium (best deviation policy from
        the initial state).
    **options
        Passed to the built-in profile (``k`` for ``"forgiving_trigger"``, ``outside`` for ``"grim_expulsion"``).

    Returns
    -------
    CriticalDelta
        ``.min``, ``.intervals`` (numeric games), ``.condition`` (a sympy relation for symbolic games).

    References
    ----------
    Abreu, D. (1988). On the theory of infinitely repeated games with discounting. *Econometrica* 56(2), 383–396.

    Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations*. Oxford University Press, ch. 2.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> g = prisoners_dilemma(5, 3, 1, 0)
    >>> critical_delta(g, "forgiving_trigger", k=2).min      # delta + delta^2 >= 1
    0.6180339887498949
    >>> critical_delta(prisoners_dilemma(3, 2, 1, 0), "tit_for_tat").intervals   # knife edge
    [(0.5, 0.5)]
    >>> import sympy
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> critical_delta(prisoners_dilemma(T, R, P, S), "grim").min
    (R - T)/(P - T)
    """
    sp = _sp()
    if not isinstance(game, StageGame):
        raise TypeError(f"game must be a StageGame (got {type(game).__name__})")
    auto = make_profile(profile, game, **options)
    comp = auto.compile(game)
    d = _delta_symbol()
    conds = _conditions(comp, kind)
    if comp.is_symbolic:
        rels = []
        for c in conds:
            rel = _reduce(c.numerator, d)
            rels.append(rel)
        uniq = []
        for r in rels:
            if r is not sp.true and r not in uniq:
                uniq.append(r)
        condition = sp.And(*uniq)
        lows, nonlinear = [], False
        for r in uniq:
            expr = r.lhs
            if d not in expr.free_symbols:
                continue
            poly = sp.Poly(expr, d)
            if poly.degree() != 1:
                nonlinear = True
                continue
            b, a = poly.all_coeffs()
            lows.append(sp.simplify(-a / b))
        mn = None if nonlinear or not lows else (lows[0] if len(lows) == 1 else sp.Max(*lows))
        table = [{"player": c.player, "state": c.state, "deviation": c.deviation, "condition": r}
                 for c, r in zip(conds, rels)]
        return CriticalDelta(auto.name, kind, mn, None, None, condition, table)
    nums = [c.numerator for c in conds]
    exact, closed = _solution_set(nums, d)
    # in floating point an interval exists only if some float below 1 lies in it: [1 - 2e-300, 1) holds none,
    # so its numeric threshold is inf, never 1.0 (the exact set keeps it)
    intervals = [(float(lo), float(hi)) for lo, hi in exact if float(lo) < 1.0]
    mn = intervals[0][0] if intervals else float("inf")
    sets = [sp.Interval(lo, hi, not lc, not hc) for (lo, hi), (lc, hc) in zip(exact, closed)]
    condition = sp.Union(*sets) if sets else sp.EmptySet
    table = [{"player": c.player, "state": c.state, "deviation": c.deviation,
              "condition": sp.Le(sp.collect(c.numerator, d), 0)} for c in conds]
    return CriticalDelta(auto.name, kind, mn, intervals, exact, condition, table)


def values(game: StageGame, profile: str | Automaton, delta: float, **options: Any):
    r"""Normalised values :math:`v = (1-\delta)(I - \delta M)^{-1} u` of each state, as a DataFrame.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> values(prisoners_dilemma(5, 3, 1, 0), "grim", 0.9)["row"].round(6).tolist()
    [3.0, 1.0]
    """
    import pandas as pd

    delta = _v.check_delta(delta)
    auto = make_profile(profile, game, **options)
    comp = auto.compile(game)
    k = len(comp.states)
    M = np.zeros((k, k))
    u = np.zeros((k, 2))
    for s in comp.states:
        r = comp.pos[s]
        for t, pr in comp.next(s).items():
            M[r, comp.pos[t]] += float(pr)
        u[r] = [float(x) for x in comp.stage(s)]
    v = (1 - delta) * np.linalg.solve(np.eye(k) - delta * M, u)
    return pd.DataFrame({"state": comp.states, game.players[0]: v[:, 0], game.players[1]: v[:, 1]})


def is_equilibrium(game: StageGame, profile: str | Automaton, delta: float, *, kind: str = "spe",
                   tol: float = 1e-9, **options: Any) -> bool:
    r"""Numeric check (floating point, with tolerance) that the profile is an equilibrium at ``delta``.

    Independent of :func:`critical_delta`: values by ``numpy.linalg.solve`` and one-shot deviations (``"spe"``)
    or value iteration for the deviator's best response (``"nash"``).

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> is_equilibrium(prisoners_dilemma(5, 3, 1, 0), "grim", 0.6), is_equilibrium(prisoners_dilemma(), "grim", 0.4)
    (True, False)
    """
    delta = _v.check_delta(delta)
    tol = _v.check_real(tol, "tol", low=0)
    auto = make_profile(profile, game, **options)
    comp = auto.compile(game)
    states = comp.states
    k = len(states)
    pos = comp.pos
    A = comp.A.astype(float)
    B = comp.B.astype(float)
    pay = (A, B)
    tol = tol * max(1.0, float(np.max(np.abs(A))), float(np.max(np.abs(B))))   # relative to the payoff scale

    def trans_row(s, i=None, j=None):
        row = np.zeros(k)
        for t, pr in comp.next(s, i, j).items():
            row[pos[t]] += float(pr)
        return row

    M = np.array([trans_row(s) for s in states])
    u = np.array([[float(x) for x in comp.stage(s)] for s in states])
    v = (1 - delta) * np.linalg.solve(np.eye(k) - delta * M, u)
    if kind == "spe":
        for s in comp.auto.play:
            a, b = comp.play[s]
            for player in (0, 1):
                size = comp.m if player == 0 else comp.n
                for alt in range(size):
                    i, j = (alt, b) if player == 0 else (a, alt)
                    dev = (1 - delta) * pay[player][i, j] + delta * trans_row(s, i, j) @ v[:, player]
                    if dev > v[pos[s], player] + tol:
                        return False
        return True
    if kind == "nash":
        for player in (0, 1):
            size = comp.m if player == 0 else comp.n
            w = v[:, player].copy()
            for _ in range(100_000):
                new = np.empty(k)
                for s in states:
                    if s in comp.play:
                        a, b = comp.play[s]
                        best = -np.inf
                        for alt in range(size):
                            i, j = (alt, b) if player == 0 else (a, alt)
                            best = max(best, (1 - delta) * pay[player][i, j] + delta * trans_row(s, i, j) @ w)
                        new[pos[s]] = best
                    else:
                        new[pos[s]] = (1 - delta) * u[pos[s], player] + delta * trans_row(s) @ w
                if np.max(np.abs(new - w)) < 1e-4 * tol:
                    w = new
                    break
                w = new
            if w[pos[comp.auto.start]] > v[pos[comp.auto.start], player] + tol:
                return False
        return True
    raise ValueError(f"kind must be 'spe' or 'nash' (got {kind!r})")
