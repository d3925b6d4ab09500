r"""The n-player normal form: :class:`NPlayerGame`, its pure equilibria, best responses and dominance.

Examples
--------
>>> import numpy as np
>>> u = np.zeros((3, 2, 2, 2))
>>> for prof in np.ndindex(2, 2, 2):   # a 3-firm coordination game: everyone gets 1 when all choose alike
...     u[(slice(None),) + prof] = 1.0 if len(set(prof)) == 1 else 0.0
>>> NPlayerGame(u).pure_equilibria()
[(0, 0, 0), (1, 1, 1)]
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from html import escape
from typing import Any

import numpy as np

from .. import _validation as _v
from .._validation import fmt, tolerance

__all__ = ["NPlayerGame", "MAX_PROFILES"]

#: the largest number of pure profiles an NPlayerGame may hold (a clear error instead of a MemoryError)
MAX_PROFILES = 50_000_000

# ---------------------------------------------------------------------------------------------------------------
# payoff validation
# ---------------------------------------------------------------------------------------------------------------
def _is_sympy(v: Any) -> bool:
    return (type(v).__module__ or "").startswith("sympy")


def _entry_kind(v: Any, where: str) -> str:
    """'float', 'exact' or 'symbolic' for one payoff entry (the shared rule of :mod:`clustergames._validation`)."""
    return _v.number_kind(v, f"payoffs{where}")


def _as_payoff_array(payoffs: Any) -> tuple[np.ndarray, str]:
    """Validate the payoff array; return (array, kind): float64 array, or object array of exact/sympy entries."""
    if payoffs is None or isinstance(payoffs, str | bytes):
        raise TypeError(f"payoffs must be an array of shape (n_players, a_1, ..., a_n) (got {payoffs!r})")
    if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
        if payoffs.dtype == bool:
            raise TypeError("payoffs must hold numbers, not bools")
        if np.iscomplexobj(payoffs):
            raise TypeError("payoffs must hold real numbers (got complex entries)")
        obj = payoffs
    else:
        try:
            obj = np.array(payoffs, dtype=object)
        except ValueError:
            raise ValueError("payoffs must be a rectangular array of shape (n_players, a_1, ..., a_n) "
                             "(got ragged nesting)") from None
        if obj.size and any(isinstance(v, list | tuple | np.ndarray) for v in obj.flat):
            raise ValueError("payoffs must be a rectangular array of shape (n_players, a_1, ..., a_n) "
                             "(got ragged nesting)")
    if obj.ndim < 3:
        raise ValueError(f"payoffs must have shape (n_players, a_1, ..., a_n) with at least 2 players, i.e. at "
                         f"least 3 dimensions (got shape {obj.shape})")
    n = obj.ndim - 1
    if obj.shape[0] != n:
        raise ValueError(f"payoffs must have first axis of length n_players = {n} (one per action axis; got shape "
                         f"{obj.shape})")
    if min(obj.shape[1:]) < 1:
        raise ValueError(f"every player needs at least one action (got shape {obj.shape})")
    size = int(np.prod(obj.shape[1:], dtype=object))
    if size > MAX_PROFILES:
        raise ValueError(f"payoffs too large: {size} pure profiles (limit {MAX_PROFILES})")
    if obj.dtype != object:
        arr = np.asarray(obj, dtype=float)
        if not np.isfinite(arr).all():
            raise ValueError("payoffs must be finite, not NaN or infinite")
        if np.issubdtype(obj.dtype, np.integer):
            return np.vectorize(int, otypes=[object])(obj), "exact"
        return arr, "float"
    kinds = set()
    for idx, v in np.ndenumerate(obj):
        kinds.add(_entry_kind(v, "[" + ", ".join(map(str, idx)) + "]"))
    if "symbolic" in kinds:
        from ..symbolic import to_sympy

        return np.vectorize(lambda v: to_sympy(int(v) if isinstance(v, np.integer) else v), otypes=[object])(obj), \
            "symbolic"
    if "float" in kinds:
        return np.vectorize(float, otypes=[float])(obj).astype(float), "float"
    return np.vectorize(lambda v: int(v) if isinstance(v, np.integer) else v, otypes=[object])(obj), "exact"


def _as_fraction(v: Any) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, numbers.Integral):
        return Fraction(int(v))
    return Fraction(int(v.p), int(v.q))  # sympy Rational


def _names(values: Any, size: int, default: Sequence[str], name: str) -> tuple[str, ...]:
    if values is None:
        return tuple(default)
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} must be a sequence of {size} names, not a string ({values!r})")
    try:
        out = tuple(str(v) for v in values)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of {size} names (got {values!r})") from None
    if len(out) != size:
        raise ValueError(f"{name} must have {size} entries (got {len(out)}: {out})")
    if len(set(out)) != size:
        raise ValueError(f"{name} must be distinct (got {out})")
    return out


def _cell_text(v: Any) -> str:
    return fmt(v) if not isinstance(v, float) else f"{v:.6g}"


# ---------------------------------------------------------------------------------------------------------------
# the n-player normal form
# ---------------------------------------------------------------------------------------------------------------
class NPlayerGame:
    r"""An n-player normal-form game.

    Player :math:`i` chooses action :math:`s_i \in \{0, \dots, a_i - 1\}` and receives :math:`u_i(s)`, stored as
    ``payoffs[i][s_1, ..., s_n]``. A pure profile :math:`s` is a Nash equilibrium iff no player gains by a unilateral
    change:

    .. math::

        u_i(s) \ge u_i(s_i', s_{-i}) \qquad \forall i,\ \forall s_i' .

    Parameters
    ----------
    payoffs : array_like, shape (n_players, a_1, ..., a_n)
        Payoffs: ints, floats, :class:`fractions.Fraction` or sympy expressions. All-exact entries stay exact (ints
        and Fractions as they are, sympy Rationals as sympy); a free symbol makes a symbolic game (use :meth:`subs`
        before solving).
    players : sequence of str, optional
        Player names (default ``"player 1"``, ...).
    actions : sequence of sequences of str, optional
        Action names of each player (default ``"a1"``, ``"a2"``, ...).

    Notes
    -----
    Mixed equilibria of general n-player games solve systems of polynomial equations and are out of scope here;
    symmetric two-action games have them exactly (:class:`SymmetricGame`), two-player games through
    :meth:`to_stage_game` and :meth:`clustergames.games.StageGame.equilibria`.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286–295.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = NPlayerGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"], ["C", "D"]])
    >>> g.n_players, g.shape, g.pure_equilibria()
    (2, (2, 2), [(1, 1)])
    >>> g.payoff((0, 1))
    (0, 5)
    >>> NPlayerGame([[[1, 2]], [[1, 2]], [[0, 0]]])
    Traceback (most recent call last):
    ...
    ValueError: payoffs must have first axis of length n_players = 2 (one per action axis; got shape (3, 1, 2))
    """

    def __init__(self, payoffs: Any, *, players: Sequence[str] | None = None,
                 actions: Sequence[Sequence[str]] | None = None):
        arr, kind = _as_payoff_array(payoffs)
        self._u, self._kind = arr, kind
        n = arr.ndim - 1
        self.players = _names(players, n, [f"player {i + 1}" for i in range(n)], "players")
        if actions is None:
            self.actions = tuple(tuple(f"a{k + 1}" for k in range(a)) for a in arr.shape[1:])
        else:
            if isinstance(actions, str | bytes):
                raise TypeError(f"actions must be a sequence of {n} sequences of action names (got {actions!r})")
            actions = list(actions)
            if len(actions) != n:
                raise ValueError(f"actions must have one sequence of names per player: {n} expected, got "
                                 f"{len(actions)}")
            self.actions = tuple(_names(a, arr.shape[i + 1], (), f"actions[{i}]") for i, a in enumerate(actions))
        self._cmp = None

    # -- construction --------------------------------------------------------------------------------------------
    @classmethod
    def from_stage_game(cls, game: Any) -> NPlayerGame:
        """The two-player :class:`~clustergames.games.StageGame` ``game`` as an NPlayerGame (same payoffs and names).

        Examples
        --------
        >>> import clustergames as cg
        >>> g = NPlayerGame.from_stage_game(cg.prisoners_dilemma())
        >>> g.shape, g.pure_equilibria(), g.players
        ((2, 2), [(1, 1)], ('row', 'column'))
        """
        from ..games import StageGame

        if not isinstance(game, StageGame):
            raise TypeError(f"game must be a StageGame (got {type(game).__name__})")
        u = np.empty((2,) + game.shape, dtype=object)
        u[0], u[1] = game.A, game.B
        if not (game.is_exact or game.is_symbolic):
            u = u.astype(float)
        return cls(u, players=game.players, actions=game.actions)

    def to_stage_game(self):
        """The two-player game as a :class:`~clustergames.games.StageGame` (n = 2 only).

        Examples
        --------
        >>> g = NPlayerGame([[[4, 0], [3, 1]], [[4, 3], [0, 1]]])
        >>> len(g.to_stage_game().equilibria())
        3
        """
        from ..games import StageGame

        if self.n_players != 2:
            raise ValueError(f"to_stage_game needs a two-player game (this one has n_players={self.n_players})")
        return StageGame(self._u[0], self._u[1], actions=self.actions, players=self.players)

    # -- properties ----------------------------------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        """Number of players :math:`n`."""
        return self._u.ndim - 1

    @property
    def shape(self) -> tuple[int, ...]:
        r"""Numbers of actions :math:`(a_1, \dots, a_n)`."""
        return tuple(int(a) for a in self._u.shape[1:])

    @property
    def payoffs(self) -> np.ndarray:
        """A copy of the payoff array, shape ``(n_players, a_1, ..., a_n)``."""
        return self._u.copy()

    @property
    def is_exact(self) -> bool:
        """True if every payoff is an exact rational number."""
        return self._kind == "exact"

    @property
    def is_symbolic(self) -> bool:
        """True if some payoff contains a free symbol."""
        return self._kind == "symbolic"

    @property
    def free_symbols(self) -> set:
        """The sympy symbols in the payoffs."""
        if not self.is_symbolic:
            return set()
        return set().union(*(getattr(v, "free_symbols", set()) for v in self._u.flat))

    def _player(self, player: Any) -> int:
        if isinstance(player, str):
            if player not in self.players:
                raise ValueError(f"player must be one of {self.players} or an index (got {player!r})")
            return self.players.index(player)
        if isinstance(player, bool) or not isinstance(player, numbers.Integral):
            raise TypeError(f"player must be a player name or an index (got {player!r})")
        if not 0 <= int(player) < self.n_players:
            raise ValueError(f"player must be an index in [0, {self.n_players}) (got {player})")
        return int(player)

    def _profile(self, profile: Any, name: str = "profile", length: int | None = None,
                 skip: int | None = None) -> tuple[int, ...]:
        length = self.n_players if length is None else length
        if isinstance(profile, str | bytes) or not isinstance(profile, Sequence | np.ndarray):
            raise TypeError(f"{name} must be a sequence of {length} action indices or names (got {profile!r})")
        prof = list(profile)
        if len(prof) != length:
            raise ValueError(f"{name} must have {length} entries, one per player (got {len(prof)})")
        players = [i for i in range(self.n_players) if i != skip]
        out = []
        for p, s in zip(players, prof):
            if isinstance(s, str):
                if s not in self.actions[p]:
                    raise ValueError(f"{name}: {s!r} is not an action of {self.players[p]} {self.actions[p]}")
                out.append(self.actions[p].index(s))
                continue
            if isinstance(s, bool) or not isinstance(s, numbers.Integral):
                raise TypeError(f"{name} entries must be action indices or names (got {s!r})")
            if not 0 <= int(s) < self.shape[p]:
                raise ValueError(f"{name}: action {int(s)} of {self.players[p]} is out of range "
                                 f"[0, {self.shape[p]})")
            out.append(int(s))
        return tuple(out)

    def payoff(self, profile: Any) -> tuple:
        r"""The payoffs :math:`(u_1(s), \dots, u_n(s))` of the pure profile ``s`` (indices or action names).

        Examples
        --------
        >>> g = NPlayerGame([[[1, 0], [0, 2]], [[1, 0], [0, 2]]], actions=[["L", "R"], ["L", "R"]])
        >>> g.payoff(("R", "R"))
        (2, 2)
        """
        s = self._profile(profile)
        return tuple(self._u[(i,) + s] for i in range(self.n_players))

    def _float(self) -> np.ndarray:
        if self.is_symbolic:
            names = sorted(str(s) for s in self.free_symbols)
            raise TypeError(f"the payoffs contain the symbols {', '.join(names)}: substitute numbers first, e.g. "
                            f"game.subs({names[0]}=1)")
        return self._u.astype(float)

    def _comparable(self) -> np.ndarray:
        """Payoffs for exact comparison: an object array of Fractions (exact games) or floats."""
        if self._cmp is None:
            if self.is_exact and all(type(v) is int for v in self._u.flat) and \
                    max(abs(v) for v in self._u.flat) < 2**62:
                self._cmp = self._u.astype(np.int64)  # plain integers: exact int64 comparisons
            elif self.is_exact:
                fr = np.vectorize(_as_fraction, otypes=[object])(self._u)
                # scale to integers over a common denominator: int64 comparisons are exact and vectorised
                den = math.lcm(*{v.denominator for v in fr.flat})
                ints = [v.numerator * (den // v.denominator) for v in fr.flat]
                if max(abs(v) for v in ints) < 2**62:
                    self._cmp = np.array(ints, dtype=np.int64).reshape(fr.shape)
                else:
                    self._cmp = fr
            else:
                self._cmp = self._float()
        return self._cmp

    def _tol(self) -> Any:
        return 0 if self.is_exact else tolerance(self._comparable())

    def subs(self, **values: Any) -> NPlayerGame:
        """Substitute values for symbols by name; returns a new game.

        Examples
        --------
        >>> import sympy
        >>> b = sympy.Symbol("b")
        >>> g = NPlayerGame([[[b, 0], [1, 1]], [[b, 1], [0, 1]]])
        >>> g.subs(b=2).pure_equilibria()
        [(0, 0), (1, 1)]
        """
        import sympy

        from ..symbolic import to_sympy

        by_name = {str(s): s for s in self.free_symbols}
        unknown = sorted(set(values) - set(by_name))
        if unknown:
            raise ValueError(f"unknown symbol(s) {unknown}: the game's symbols are {sorted(by_name)}")
        mapping = {by_name[k]: to_sympy(v) for k, v in values.items()}
        u = np.vectorize(lambda v: sympy.sympify(v).subs(mapping), otypes=[object])(self._u)
        if any(isinstance(v, float) for v in values.values()):
            u = np.vectorize(lambda v: float(v) if not v.free_symbols else v, otypes=[object])(u)
        return NPlayerGame(u, players=self.players, actions=self.actions)

    # -- equilibria ------------------------------------------------------------------------------------------------
    def _best_mask(self) -> np.ndarray:
        """Boolean array over profiles: True where every player plays a best response to the others."""
        u = self._comparable()
        tol = self._tol()
        ok = np.ones(self.shape, dtype=bool)
        for i in range(self.n_players):
            best = u[i].max(axis=i, keepdims=True)
            ok &= np.asarray(u[i] >= best - tol, dtype=bool) if tol else np.asarray(u[i] >= best, dtype=bool)
        return ok

    def pure_equilibria(self) -> list[tuple[int, ...]]:
        r"""All pure Nash equilibria as tuples of action indices, in lexicographic order.

        One vectorised pass: for each player, the maximum of :math:`u_i` along the player's own axis; a profile is
        an equilibrium where every player attains it (exact comparisons with Fractions for exact games; a tolerance
        relative to the payoff scale for floats).

        Examples
        --------
        >>> g = NPlayerGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])   # battle of the sexes
        >>> g.pure_equilibria()
        [(0, 0), (1, 1)]
        """
        return [tuple(int(k) for k in idx) for idx in np.argwhere(self._best_mask())]

    def is_equilibrium(self, profile: Any) -> bool:
        """True if the pure profile is a Nash equilibrium.

        Examples
        --------
        >>> g = NPlayerGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> g.is_equilibrium((0, 0)), g.is_equilibrium((1, 1))
        (False, True)
        """
        s = self._profile(profile)
        u = self._comparable()
        tol = self._tol()
        for i in range(self.n_players):
            line = u[(i,) + s[:i] + (slice(None),) + s[i + 1:]]
            if max(line) > u[(i,) + s] + tol:
                return False
        return True

    def _expected(self, i: int, others: Any) -> np.ndarray:
        """Expected payoff of each action of player i against the others' pure or mixed strategies."""
        n = self.n_players
        if isinstance(others, str | bytes) or not isinstance(others, Sequence | np.ndarray):
            raise TypeError(f"others must be a sequence of {n - 1} actions or probability vectors (got {others!r})")
        others = list(others)
        if len(others) == n:  # a full profile: ignore the player's own entry
            others = others[:i] + others[i + 1:]
        if len(others) != n - 1:
            raise ValueError(f"others must have {n - 1} entries, one per other player (got {len(others)})")
        exact = self.is_exact
        u = self._comparable()[i]
        for j_rel, s in reversed(list(enumerate(others))):
            j = j_rel if j_rel < i else j_rel + 1
            a = self.shape[j]
            if isinstance(s, str | numbers.Integral) and not isinstance(s, bool):
                if isinstance(s, str):
                    if s not in self.actions[j]:
                        raise ValueError(f"others[{j_rel}]: {s!r} is not an action of {self.players[j]}")
                    k = self.actions[j].index(s)
                else:
                    k = int(s)
                    if not 0 <= k < a:
                        raise ValueError(f"others[{j_rel}]: action {k} of {self.players[j]} is out of range [0, {a})")
                u = np.take(u, k, axis=j)
            else:
                if isinstance(s, bool):
                    raise TypeError(f"others[{j_rel}] must be an action index or a probability vector (got {s!r})")
                from .._validation import check_array

                q = check_array(s, f"others[{j_rel}]", ndim=1, shape=(a,), low=0, high=1, exact=exact)
                total = sum(q) if exact else float(q.sum())
                if (exact and total != 1) or (not exact and abs(total - 1.0) > 1e-9):
                    raise ValueError(f"others[{j_rel}] must sum to 1 (got sum {fmt(total)})")
                if exact and q.dtype == object:
                    q = np.array([_as_fraction(v) for v in q], dtype=object)
                else:
                    u = np.asarray(u, dtype=float)
                    exact = False
                u = np.tensordot(u, q, axes=([j], [0]))
        return u

    def best_responses(self, player: Any, others: Any) -> list[int]:
        r"""Indices of ``player``'s best responses to the others' actions (indices, names or mixed strategies).

        .. math:: BR_i(\sigma_{-i}) = \arg\max_{s_i} \; \mathbb E_{s_{-i} \sim \sigma_{-i}}\, u_i(s_i, s_{-i})

        ``others`` lists the other players' strategies in player order (or a full profile; the player's own entry
        is ignored).

        Examples
        --------
        >>> g = NPlayerGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
        >>> g.best_responses(0, [1]), g.best_responses(0, [[1/3, 2/3]])
        ([1], [0, 1])
        """
        i = self._player(player)
        val = self._expected(i, others)
        tol = 0 if val.dtype.kind in "iuO" else tolerance(np.asarray(self._comparable()[i], dtype=float))
        best = max(val)
        return [int(k) for k in range(len(val)) if val[k] >= best - tol]

    # -- dominance -----------------------------------------------------------------------------------------------
    def _dominated(self, i: int, keep: list[list[int]], mixed: bool) -> list[int]:
        """Actions of player i (among keep[i]) strictly dominated within the sub-game ``keep``."""
        u = self._comparable()[i][np.ix_(*keep)]
        own = len(keep[i])
        M = np.moveaxis(u, i, 0).reshape(own, -1)  # own actions x others' profiles
        out = []
        tol = self._tol()
        for r in range(own):
            others = [k for k in range(own) if k != r]
            if any(all(M[k, c] > M[r, c] + tol for c in range(M.shape[1])) for k in others):
                out.append(keep[i][r])
                continue
            if mixed and len(others) >= 2 and _mixed_dominated(np.asarray(M, dtype=float), r, others):
                out.append(keep[i][r])
        return out

    def dominated_actions(self, player: Any, *, mixed: bool = True) -> list[int]:
        r"""Actions of ``player`` strictly dominated by another action (or, with ``mixed``, by a mixture).

        Action :math:`s_i` is strictly dominated by :math:`\sigma_i` when
        :math:`\sum_k \sigma_i(k)\, u_i(k, s_{-i}) > u_i(s_i, s_{-i})` for every :math:`s_{-i}` (a linear programme
        maximising the smallest margin, solved with HiGHS).

        Examples
        --------
        >>> g = NPlayerGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"], ["C", "D"]])
        >>> g.dominated_actions(0)
        [0]
        """
        i = self._player(player)
        return self._dominated(i, [list(range(a)) for a in self.shape], mixed)

    def iterated_elimination(self, *, mixed: bool = True) -> NPlayerGame:
        """Iterated elimination of strictly dominated actions; returns the reduced game (names kept).

        The order of elimination does not matter for strict dominance (Gilboa, Kalai & Zemel 1990).

        References
        ----------
        Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated strategies. *Operations
        Research Letters* 9(2), 85–89.

        Examples
        --------
        >>> g = NPlayerGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], actions=[["C", "D"], ["C", "D"]])
        >>> g.iterated_elimination().actions
        (('D',), ('D',))
        """
        keep = [list(range(a)) for a in self.shape]
        changed = True
        while changed:
            changed = False
            for i in range(self.n_players):
                if len(keep[i]) < 2:
                    continue
                bad = self._dominated(i, keep, mixed)
                if bad:
                    keep[i] = [k for k in keep[i] if k not in bad]
                    changed = True
        u = self._u[(slice(None),) + np.ix_(*keep)]
        acts = [[self.actions[i][k] for k in keep[i]] for i in range(self.n_players)]
        return NPlayerGame(u, players=self.players, actions=acts)

    # -- display ---------------------------------------------------------------------------------------------------
    def to_frame(self):
        """One row per pure profile: each player's action and payoff, and whether it is a Nash equilibrium.

        Examples
        --------
        >>> NPlayerGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]]).to_frame().shape
        (4, 5)
        """
        import pandas as pd

        eq = None if self.is_symbolic else self._best_mask()
        rows = []
        for s in itertools.product(*(range(a) for a in self.shape)):
            row = {p: self.actions[i][s[i]] for i, p in enumerate(self.players)}
            row.update({f"u[{p}]": self._u[(i,) + s] for i, p in enumerate(self.players)})
            if eq is not None:
                row["nash"] = bool(eq[s])
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        kind = {"float": "", "exact": " (exact)", "symbolic": " (symbolic)"}[self._kind]
        dims = "x".join(map(str, self.shape))
        return f"NPlayerGame {dims}{kind}: {', '.join(self.players)}"

    def _html_table(self, fixed: tuple[int, ...], marked: set) -> str:
        rl, cl = self.actions[0], self.actions[1]
        head = "".join(f"<th>{escape(c)}</th>" for c in cl)
        rows = []
        for i, r in enumerate(rl):
            cells = []
            for j in range(len(cl)):
                s = (i, j) + fixed
                text = ", ".join(_cell_text(self._u[(k,) + s]) for k in range(self.n_players))
                style = ' style="background-color:#FBE3B3;font-weight:bold"' if s in marked else ""
                cells.append(f"<td{style}>{escape(text)}</td>")
            rows.append(f"<tr><th>{escape(r)}</th>{''.join(cells)}</tr>")
        cap = f"{escape(self.players[0])} (rows) / {escape(self.players[1])} (columns)"
        if fixed:
            cap += "; " + ", ".join(f"{escape(self.players[k + 2])} plays {escape(self.actions[k + 2][a])}"
                                    for k, a in enumerate(fixed))
        return f"<table><caption>{cap}</caption><tr><th></th>{head}</tr>{''.join(rows)}</table>"

    def _repr_html_(self) -> str:
        n_tables = int(np.prod(self.shape[2:], dtype=np.int64)) if self.n_players > 2 else 1
        if n_tables > 64 or self.shape[0] * self.shape[1] > 400:
            return f"<p>{escape(repr(self))}</p>" + self.to_frame().head(200).to_html()
        marked = set() if self.is_symbolic else set(self.pure_equilibria())
        tables = [self._html_table(tuple(int(v) for v in fixed), marked)
                  for fixed in itertools.product(*(range(a) for a in self.shape[2:]))]
        note = "" if self.is_symbolic else "<p>pure Nash equilibria highlighted</p>"
        return ("<div><p><strong>" + escape(repr(self)) + "</strong></p>"
                + '<div style="display:flex;gap:1.5em;flex-wrap:wrap">' + "".join(tables) + "</div>" + note + "</div>")


def _mixed_dominated(M: np.ndarray, r: int, others: list[int]) -> bool:
    """Is row r of M strictly dominated by a mixture of the rows ``others``? (LP: maximise the smallest margin)."""
    from scipy.optimize import linprog

    D = M[others]  # k x c
    target = M[r]
    scale = max(1.0, float(np.abs(M).max()))
    k, c = D.shape
    # variables sigma (k), eps; maximise eps s.t. sigma @ D[:, col] - eps >= target[col]
    cost = np.r_[np.zeros(k), -1.0]
    A_ub = np.c_[-D.T, np.ones(c)]
    res = linprog(cost, A_ub=A_ub / scale, b_ub=-target / scale, A_eq=np.r_[np.ones(k), 0.0][None, :],
                  b_eq=[1.0], bounds=[(0, None)] * k + [(None, 1.0)], method="highs")
    return bool(res.status == 0 and -res.fun > 1e-9)
