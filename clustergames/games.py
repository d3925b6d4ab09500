r"""Two-player normal-form games: exact, float or symbolic payoffs, named games, and all Nash equilibria.

:class:`StageGame` holds a bimatrix game :math:`(A, B)`; :meth:`StageGame.equilibria` returns *every* Nash
equilibrium (the extreme equilibria when the game is degenerate) by vertex enumeration of the best-response
polytopes, batched with numpy and verified with a tolerance; with ``exact=True`` each is recomputed in rational
arithmetic and verified exactly.

Why not nashpy? nashpy 0.0.43's ``support_enumeration`` compares floats with ``==`` and rejects probabilities such
as ``-4.7e-17``: on the random 8 x 8 game ``rng = np.random.default_rng(0); A = rng.random((8, 8));
B = rng.random((8, 8))`` it finds 4 of the 5 equilibria. Its ``vertex_enumeration`` is complete but slow (about
21 s for a random 10 x 10 game on a 2-core machine, where this module takes a fraction of a second).

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286–295.

von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3, ch. 45.

Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash equilibria for two-player
games. *Economic Theory* 42(1), 9–37.

Examples
--------
>>> import clustergames as cg
>>> g = cg.battle_of_the_sexes(2, 1)
>>> eqs = g.equilibria(exact=True)
>>> len(eqs)
3
>>> [e.row.tolist() for e in eqs]
[[1, 0], [2/3, 1/3], [0, 1]]
"""

from __future__ import annotations

import numbers
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from html import escape
from typing import Any

import numpy as np

from . import _validation as _v
from .results import Result
from .symbolic import formula, is_symbolic

__all__ = [
    "StageGame",
    "Equilibrium",
    "EquilibriumSet",
    "DegenerateGameWarning",
    "prisoners_dilemma",
    "donation_game",
    "stag_hunt",
    "hawk_dove",
    "snowdrift",
    "harmony_game",
    "trust_game",
    "matching_pennies",
    "battle_of_the_sexes",
    "classify_symmetric_2x2",
    "mixed_cooperation",
]


class DegenerateGameWarning(UserWarning):
    """The game is degenerate: equilibria may form connected sets; the extreme equilibria are returned."""


# ---------------------------------------------------------------------------------------------------------------
# payoff validation and conversion
# ---------------------------------------------------------------------------------------------------------------
def _payoff_matrix(M: Any, name: str) -> tuple[np.ndarray, str]:
    """Validate a payoff matrix and return (array, kind) with kind in {"float", "exact", "symbolic"}."""
    if isinstance(M, str | bytes) or M is None:
        raise TypeError(f"{name} must be a 2-D array of payoffs (got {M!r})")
    if isinstance(M, np.ndarray) and M.ndim == 2 and M.size and M.dtype.kind == "f":
        # Fast path for float arrays (a 256 x 256 reduced normal form is checked in microseconds, not a second).
        bad = ~np.isfinite(M)
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            raise ValueError(f"{name}[{i}][{j}] must be finite, not NaN or infinite (got {M[i, j]!r})")
        return np.array(M, dtype=float), "float"
    if isinstance(M, np.ndarray):
        rows = M.tolist() if M.dtype != object else [list(r) for r in M] if M.ndim == 2 else M.tolist()
    else:
        try:
            rows = [list(r) for r in M]
        except TypeError:
            raise TypeError(f"{name} must be a 2-D array (a list of rows) of payoffs (got {M!r})") from None
    if not rows or any(len(r) == 0 for r in rows):
        raise ValueError(f"{name} must be non-empty: every player needs at least one action (got {M!r})")
    lengths = {len(r) for r in rows}
    if len(lengths) != 1:
        raise ValueError(f"{name} is ragged: every row must have the same number of entries (row lengths "
                         f"{[len(r) for r in rows]})")
    flat = [v for r in rows for v in r]
    ncols = len(rows[0])
    kinds = {_v.number_kind(v, f"{name}[{idx // ncols}][{idx % ncols}]") for idx, v in enumerate(flat)}
    symbolic = "symbolic" in kinds
    exact = "float" not in kinds
    shape = (len(rows), len(rows[0]))
    if symbolic or exact:
        from .symbolic import to_sympy

        arr = np.empty(shape, dtype=object)
        for idx, v in enumerate(flat):
            arr[divmod(idx, shape[1])] = to_sympy(int(v) if isinstance(v, np.integer) else v)
        return arr, ("symbolic" if symbolic else "exact")
    return np.array([[float(v) for v in r] for r in rows], dtype=float), "float"


def _labels(labels: Any, size: int, default_prefix: str, name: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(f"{default_prefix}{k + 1}" for k in range(size))
    if isinstance(labels, str):
        raise TypeError(f"{name} must be a sequence of {size} labels, not a string ({labels!r})")
    labels = tuple(str(x) for x in labels)
    if len(labels) != size:
        raise ValueError(f"{name} must have one label per action: {size} expected, got {len(labels)} ({labels})")
    if len(set(labels)) != size:
        raise ValueError(f"{name} must be distinct (got {labels})")
    return labels


def _fraction(v: Any) -> Fraction:
    import sympy

    v = sympy.sympify(v)
    return Fraction(int(v.p), int(v.q))


# ---------------------------------------------------------------------------------------------------------------
# equilibrium objects
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium: the two mixed strategies and the payoffs.

    ``row`` and ``col`` are probability vectors (float arrays, or object arrays of sympy ``Rational`` in exact mode);
    ``payoffs`` is ``(row player's payoff, column player's payoff)``.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: tuple[Any, Any]
    actions: tuple[tuple[str, ...], tuple[str, ...]] = field(default=((), ()), repr=False, compare=False)

    @property
    def row_support(self) -> tuple[int, ...]:
        """Indices of the row player's actions played with positive probability."""
        return tuple(int(i) for i in np.flatnonzero([float(p) > 0 for p in self.row]))

    @property
    def col_support(self) -> tuple[int, ...]:
        """Indices of the column player's actions played with positive probability."""
        return tuple(int(j) for j in np.flatnonzero([float(p) > 0 for p in self.col]))

    @property
    def is_pure(self) -> bool:
        """True when both players play a single action."""
        return len(self.row_support) == 1 and len(self.col_support) == 1

    def describe(self) -> str:
        """A short text such as ``(C, D)`` for pure equilibria or ``mixed: row C 2/3, D 1/3; ...``."""
        rl, cl = self.actions if self.actions[0] else (
            tuple(str(i) for i in range(len(self.row))), tuple(str(j) for j in range(len(self.col))))
        if self.is_pure:
            return f"({rl[self.row_support[0]]}, {cl[self.col_support[0]]})"

        def part(p, labels):
            return " ".join(f"{labels[i]}:{_fmt(p[i])}" for i in range(len(p)) if float(p[i]) > 0)

        return f"mixed [{part(self.row, rl)} | {part(self.col, cl)}]"


def _fmt(v: Any) -> str:
    if isinstance(v, float | np.floating):
        return f"{float(v):.4g}"
    return str(v)


@dataclass(repr=False)
class EquilibriumSet(Result, Sequence):
    """All Nash equilibria of a game: sized, iterable, indexable; ``to_frame()`` gives one row per equilibrium.

    ``degenerate`` is True when some equilibria are not isolated: the equilibria listed are then the *extreme*
    equilibria, ``nash_subsets`` lists the maximal Nash subsets (tuples of indices of extreme equilibria; every
    mixture of a subset's row strategies with every mixture of its column strategies is an equilibrium) and
    ``components`` the connected components of the equilibrium set (Avis et al. 2010). ``exact`` is True when
    probabilities and payoffs are sympy Rationals; ``method`` names the enumeration used.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     eqs = trust_game().equilibria(exact=True)
    >>> len(eqs), eqs.nash_subsets, eqs.degenerate
    (2, [(0, 1)], True)
    """

    equilibria: list[Equilibrium]
    actions: tuple[tuple[str, ...], tuple[str, ...]]
    players: tuple[str, str] = ("row", "column")
    degenerate: bool = False
    exact: bool = False
    nash_subsets: list[tuple[int, ...]] = field(default_factory=list)
    components: list[tuple[int, ...]] = field(default_factory=list)
    method: str = ""
    title = "Nash equilibria"

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def to_frame(self):
        """One row per equilibrium: each action's probability, then both payoffs and whether it is pure."""
        import pandas as pd

        rl, cl = self.actions
        p1, p2 = self.players
        records = []
        for e in self.equilibria:
            rec: dict[str, Any] = {}
            for k, lab in enumerate(rl):
                rec[f"{p1}:{lab}"] = e.row[k]
            for k, lab in enumerate(cl):
                rec[f"{p2}:{lab}"] = e.col[k]
            rec[f"payoff {p1}"] = e.payoffs[0]
            rec[f"payoff {p2}"] = e.payoffs[1]
            rec["pure"] = e.is_pure
            records.append(rec)
        columns = ([f"{p1}:{lab}" for lab in rl] + [f"{p2}:{lab}" for lab in cl]
                   + [f"payoff {p1}", f"payoff {p2}", "pure"])
        return pd.DataFrame.from_records(records, columns=columns)

    def _repr_html_(self) -> str:
        """The table of :meth:`to_frame` (exact probabilities shown as fractions such as 2/3).

        With a note on maximal Nash subsets for degenerate games.
        """
        note = ""
        if self.degenerate:
            subsets = "; ".join("{" + ", ".join(str(k) for k in sub) + "}" for sub in self.nash_subsets)
            note = ("<p><em>Degenerate game: the extreme equilibria are listed. Maximal Nash subsets (rows of the "
                    f"table): {escape(subsets)}; within a subset every mixture of its row strategies with every "
                    "mixture of its column strategies is an equilibrium.</em></p>")
        return super()._repr_html_() + note

    def _repr_latex_(self) -> str:
        r"""The equilibria as a LaTeX array: one row per equilibrium, :math:`x`, :math:`y` and the payoffs.

        Exact probabilities are printed as fractions (``\frac{2}{3}``), floats with 4 significant digits.

        Examples
        --------
        >>> tex = battle_of_the_sexes(2, 1).equilibria(exact=True)._repr_latex_()
        >>> print(tex.split(r"\\")[2].split("&")[1].strip())
        \left(\frac{2}{3}, \frac{1}{3}\right)
        """

        def tex(v: Any) -> str:
            if isinstance(v, float | np.floating):
                return f"{float(v):.4g}"
            from ._validation import sympy

            return sympy().latex(v)

        def vec(p) -> str:
            parts = [tex(v) for v in p]
            inner = ", ".join(parts)
            return rf"\left({inner}\right)" if "frac" in inner else f"({inner})"

        p1, p2 = (re.sub(r"[^A-Za-z0-9]", "", p) or "p" for p in self.players)
        rows = [f"{k + 1} & {vec(e.row)} & {vec(e.col)} & {tex(e.payoffs[0])} & {tex(e.payoffs[1])}"
                for k, e in enumerate(self.equilibria)]
        body = r" \\ ".join(rows)
        return (rf"$\begin{{array}}{{c|cc|cc}} & x & y & u_{{{p1}}} & u_{{{p2}}} \\ \hline {body} "
                r"\end{array}$")


# ---------------------------------------------------------------------------------------------------------------
# the game
# ---------------------------------------------------------------------------------------------------------------
class StageGame:
    r"""A two-player normal-form (bimatrix) game.

    The row player chooses :math:`i`, the column player :math:`j`; they receive :math:`A_{ij}` and :math:`B_{ij}`.
    A mixed profile :math:`(x, y)` is a Nash equilibrium iff

    .. math::

        x^\top A y \ge e_i^\top A y \;\; \forall i, \qquad x^\top B y \ge x^\top B e_j \;\; \forall j .

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player. Entries may be ints, floats, :class:`fractions.Fraction` or sympy
        expressions. All-exact entries (ints, Fractions, Rationals) are stored exactly as sympy numbers; entries with
        symbols make a symbolic game (use :meth:`subs` before solving).
    actions : sequence of str, or pair of sequences, optional
        Action labels: one sequence for both players (square games) or ``(row_labels, col_labels)``.
    players : pair of str, optional
        Player names (default ``("row", "column")``).

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286–295.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = StageGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=["C", "D"])
    >>> g.shape, g.is_exact
    ((2, 2), True)
    >>> g.pure_equilibria()
    [(1, 1)]
    >>> StageGame([[1, 2]], [[1]])
    Traceback (most recent call last):
    ...
    ValueError: A and B must have the same shape (got A 1x2 and B 1x1)
    """

    def __init__(self, A: Any, B: Any, *, actions: Any = None, players: Sequence[str] | None = None):
        A_arr, kind_a = _payoff_matrix(A, "A")
        B_arr, kind_b = _payoff_matrix(B, "B")
        if A_arr.shape != B_arr.shape:
            raise ValueError(f"A and B must have the same shape (got A {A_arr.shape[0]}x{A_arr.shape[1]} and "
                             f"B {B_arr.shape[0]}x{B_arr.shape[1]})")
        kinds = {kind_a, kind_b}
        if "symbolic" in kinds:
            kind = "symbolic"
        elif "float" in kinds:
            kind = "float"
            A_arr, B_arr = (np.asarray(M.astype(float), dtype=float) for M in (A_arr, B_arr))
        else:
            kind = "exact"
        if kind == "symbolic":
            from .symbolic import to_sympy

            A_arr, B_arr = (np.vectorize(to_sympy, otypes=[object])(M) for M in (A_arr, B_arr))
        self._A, self._B, self._kind = A_arr, B_arr, kind
        m, n = A_arr.shape
        if actions is not None and not isinstance(actions, str) and len(actions) == 2 and all(
                not isinstance(a, str) and isinstance(a, Sequence) for a in actions):
            row_labels = _labels(actions[0], m, "r", "actions[0] (row labels)")
            col_labels = _labels(actions[1], n, "c", "actions[1] (column labels)")
        elif actions is not None:
            if m != n:
                raise ValueError(f"a single list of actions needs a square game (got {m}x{n}); pass "
                                 "(row_labels, col_labels)")
            row_labels = col_labels = _labels(actions, m, "a", "actions")
        else:
            row_labels, col_labels = _labels(None, m, "r", ""), _labels(None, n, "c", "")
        self.actions = (row_labels, col_labels)
        if players is None:
            players = ("row", "column")
        if isinstance(players, str) or len(players) != 2:
            raise ValueError(f"players must be a pair of names (got {players!r})")
        self.players = (str(players[0]), str(players[1]))

    # -- constructors -----------------------------------------------------------------------------------------
    @classmethod
    def symmetric(cls, A: Any, *, actions: Any = None, players: Sequence[str] | None = None) -> StageGame:
        r"""The symmetric game with row payoffs ``A`` and column payoffs :math:`B = A^\top` (A must be square).

        Examples
        --------
        >>> g = StageGame.symmetric([[3, 0], [5, 1]], actions=["C", "D"])
        >>> g.B.tolist()
        [[3, 5], [0, 1]]
        """
        A_arr, _ = _payoff_matrix(A, "A")
        if A_arr.shape[0] != A_arr.shape[1]:
            raise ValueError(f"a symmetric game needs a square A (got {A_arr.shape[0]}x{A_arr.shape[1]})")
        return cls(A, A_arr.T, actions=actions, players=players)

    # -- basic properties --------------------------------------------------------------------------------------
    @property
    def A(self) -> np.ndarray:
        """Row player's payoffs (float array, or object array of sympy numbers/expressions)."""
        return self._A.copy()

    @property
    def B(self) -> np.ndarray:
        """Column player's payoffs."""
        return self._B.copy()

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: numbers of actions of the row and the column player."""
        return tuple(self._A.shape)  # type: ignore[return-value]

    @property
    def is_symbolic(self) -> bool:
        """True if some payoff contains a free symbol."""
        return self._kind == "symbolic"

    @property
    def is_exact(self) -> bool:
        """True if every payoff is an exact rational number."""
        return self._kind == "exact"

    @property
    def free_symbols(self) -> set:
        """The sympy symbols appearing in the payoffs."""
        if not self.is_symbolic:
            return set()
        return set().union(*(v.free_symbols for v in np.concatenate([self._A.ravel(), self._B.ravel()])))

    def payoff(self, i: int, j: int) -> tuple[Any, Any]:
        """Payoffs ``(A[i, j], B[i, j])`` of the pure profile ``(i, j)``."""
        return self._A[i, j], self._B[i, j]

    def _float(self) -> tuple[np.ndarray, np.ndarray]:
        if self.is_symbolic:
            names = ", ".join(sorted(str(s) for s in self.free_symbols))
            raise TypeError(f"the payoffs contain the symbols {names}: substitute numbers first, e.g. "
                            f"game.subs({names.split(', ')[0]}=1)")
        return self._A.astype(float), self._B.astype(float)

    def subs(self, **values: Any) -> StageGame:
        """Substitute values for symbols by name (``g.subs(T=5, S=0)``); returns a new game.

        Examples
        --------
        >>> import sympy
        >>> T, S = sympy.symbols("T S")
        >>> g = StageGame.symmetric([[1, S], [T, 0]], actions=["C", "D"])
        >>> g.subs(T=sympy.Rational(3, 2), S=-1).A.tolist()
        [[1, -1], [3/2, 0]]
        """
        import sympy

        by_name = {str(s): s for s in self.free_symbols}
        unknown = sorted(set(values) - set(by_name))
        if unknown:
            raise ValueError(f"unknown symbol(s) {unknown}: the game's symbols are {sorted(by_name)}")
        from .symbolic import to_sympy

        mapping = {by_name[k]: to_sympy(v) for k, v in values.items()}

        def sub(v):
            return sympy.sympify(v).subs(mapping)

        A = np.vectorize(sub, otypes=[object])(self._A)
        B = np.vectorize(sub, otypes=[object])(self._B)
        floats = any(isinstance(v, float) for v in values.values())
        if floats:
            def to_num(v):
                return float(v) if not v.free_symbols else v

            A, B = np.vectorize(to_num, otypes=[object])(A), np.vectorize(to_num, otypes=[object])(B)
        return StageGame(A, B, actions=self.actions, players=self.players)

    # -- best responses and checks ----------------------------------------------------------------------------
    def _check_strategy(self, p: Any, size: int, name: str) -> np.ndarray:
        if isinstance(p, numbers.Integral) and not isinstance(p, bool):
            if not 0 <= p < size:
                raise ValueError(f"{name} must be an action index in [0, {size}) (got {p})")
            out = np.zeros(size)
            out[p] = 1.0
            return out
        try:
            arr = np.asarray([float(v) for v in np.ravel(np.asarray(p, dtype=object))], dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a probability vector or an action index (got {p!r})") from None
        if arr.size != size:
            raise ValueError(f"{name} must have length {size}, one probability per action (got length {arr.size})")
        if np.isnan(arr).any() or (arr < -1e-12).any():
            raise ValueError(f"{name} must be non-negative probabilities (got {arr.tolist()})")
        if abs(arr.sum() - 1.0) > 1e-9:
            raise ValueError(f"{name} must sum to 1 (got sum {arr.sum():.12g})")
        return arr

    def best_responses(self, opponent: Any, player: str | int = "row", *, tol: float = 1e-9) -> list[int]:
        r"""Indices of ``player``'s best responses to the opponent's (mixed) strategy.

        A best response is within ``tol`` times the player's payoff range of the best payoff.

        .. math:: BR_1(y) = \arg\max_i (A y)_i, \qquad BR_2(x) = \arg\max_j (x^\top B)_j

        Examples
        --------
        >>> g = battle_of_the_sexes(2, 1)
        >>> g.best_responses([1/3, 2/3], player="row")
        [0, 1]
        >>> g.best_responses(0, player="column")
        [0]
        """
        A, B = self._float()
        m, n = self.shape
        if player in ("row", 0, self.players[0]):
            y = self._check_strategy(opponent, n, "opponent (column strategy)")
            u = A @ y
        elif player in ("column", "col", 1, self.players[1]):
            x = self._check_strategy(opponent, m, "opponent (row strategy)")
            u = x @ B
        else:
            raise ValueError(f"player must be 'row' or 'column' (got {player!r})")
        P = A if player in ("row", 0, self.players[0]) else B
        slack = tol * float(P.max() - P.min()) + 16 * np.finfo(float).eps * float(np.abs(P).max())
        return [int(k) for k in np.flatnonzero(u >= u.max() - slack)]

    def is_equilibrium(self, row: Any, col: Any, *, tol: float = 1e-9) -> bool:
        r"""True if ``(row, col)`` is a Nash equilibrium within ``tol``.

        No pure deviation gains more than ``tol`` times the deviating player's payoff range (so the answer does not
        change when payoffs are rescaled).

        .. math:: \max_i (A y)_i - x^\top A y \le \mathrm{tol}\,(\max A - \min A), \qquad
                  \max_j (x^\top B)_j - x^\top B y \le \mathrm{tol}\,(\max B - \min B)

        Examples
        --------
        >>> g = matching_pennies()
        >>> g.is_equilibrium([0.5, 0.5], [0.5, 0.5]), g.is_equilibrium([1, 0], [1, 0])
        (True, False)
        """
        A, B = self._float()
        m, n = self.shape
        x = self._check_strategy(row, m, "row")
        y = self._check_strategy(col, n, "col")
        eps = 16 * np.finfo(float).eps  # rounding of the products, relative to the largest payoff
        ta = tol * float(A.max() - A.min()) + eps * float(np.abs(A).max())
        tb = tol * float(B.max() - B.min()) + eps * float(np.abs(B).max())
        return bool((A @ y).max() <= x @ A @ y + ta and (x @ B).max() <= x @ B @ y + tb)

    def pure_equilibria(self) -> list[tuple[int, int]]:
        """Pure Nash equilibria as ``(i, j)`` index pairs (exact comparisons for exact games).

        Examples
        --------
        >>> stag_hunt(4, 3, 1, 0).pure_equilibria()
        [(0, 0), (1, 1)]
        """
        A, B = self._comparable()
        out = []
        m, n = self.shape
        for i in range(m):
            for j in range(n):
                if all(A[i, j] >= A[k, j] for k in range(m)) and all(B[i, j] >= B[i, k] for k in range(n)):
                    out.append((i, j))
        return out

    def _comparable(self) -> tuple[np.ndarray, np.ndarray]:
        if self.is_exact:
            return (np.vectorize(_fraction, otypes=[object])(self._A),
                    np.vectorize(_fraction, otypes=[object])(self._B))
        return self._float()

    def iterated_elimination(self, *, mixed: bool = True) -> StageGame:
        r"""Iterated elimination of strictly dominated strategies; returns the reduced game.

        Action :math:`i` of the row player is strictly dominated when some mixed strategy :math:`\sigma` over the
        other remaining actions pays strictly more against every remaining column:
        :math:`\sum_k \sigma_k A_{kj} > A_{ij}` for all :math:`j` (a linear programme maximising the smallest
        margin; with ``mixed=False`` only domination by another pure action is checked). The order of elimination
        does not matter for strict domination (Gilboa, Kalai & Zemel 1990).

        References
        ----------
        Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated strategies. *Operations
        Research Letters* 9(2), 85–89.

        Examples
        --------
        >>> prisoners_dilemma(5, 3, 1, 0).iterated_elimination().actions
        (('D',), ('D',))
        >>> g = StageGame([[3, 0], [0, 3], [1, 1]], [[1, 1], [1, 1], [1, 1]], actions=(["U", "M", "D"], ["L", "R"]))
        >>> g.iterated_elimination().actions[0]   # D is dominated by (U + M)/2, by no pure action
        ('U', 'M')
        """
        A, B = self._comparable()
        rows, cols = list(range(self.shape[0])), list(range(self.shape[1]))
        changed = True
        while changed:
            changed = False
            for i in list(rows):
                if _dominated(A, i, [k for k in rows if k != i], cols, mixed):
                    rows.remove(i)
                    changed = True
            for j in list(cols):
                if _dominated(B.T, j, [k for k in cols if k != j], rows, mixed):
                    cols.remove(j)
                    changed = True
        sub = np.ix_(rows, cols)
        labels = (tuple(self.actions[0][i] for i in rows), tuple(self.actions[1][j] for j in cols))
        return StageGame(self._A[sub], self._B[sub], actions=labels, players=self.players)

    def pareto_efficient(self) -> list[tuple[int, int]]:
        """Pure outcomes not Pareto-dominated by another pure outcome, as ``(i, j)`` pairs.

        Examples
        --------
        >>> prisoners_dilemma(5, 3, 1, 0).pareto_efficient()
        [(0, 0), (0, 1), (1, 0)]
        """
        A, B = self._comparable()
        cells = [(i, j) for i in range(self.shape[0]) for j in range(self.shape[1])]
        out = []
        for c in cells:
            a, b = A[c], B[c]
            if not any((A[d] >= a and B[d] >= b) and (A[d] > a or B[d] > b) for d in cells):
                out.append(c)
        return out

    def to_nashpy(self):
        """The same game as a ``nashpy.Game`` (float payoffs).

        Examples
        --------
        >>> prisoners_dilemma(5, 3, 1, 0).to_nashpy().payoff_matrices[0].tolist()
        [[3.0, 0.0], [5.0, 1.0]]
        """
        import nashpy

        A, B = self._float()
        return nashpy.Game(A, B)

    # -- equilibria -------------------------------------------------------------------------------------------
    def equilibria(self, *, exact: bool = False, tol: float = 1e-9, pure_only: bool = False) -> EquilibriumSet:
        r"""All Nash equilibria: every extreme equilibrium, and for degenerate games the maximal Nash subsets.

        With the payoffs normalised (a positive affine map into :math:`[1, 2]`, which leaves the equilibria
        unchanged) the best-response polytopes are

        .. math::

            P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\}.

        A vertex pair :math:`(x, y) \ne (0, 0)` that is *completely labelled* (every action either unused or a
        best response) is, normalised, an extreme Nash equilibrium, and every extreme equilibrium arises this way
        (von Stengel 2002, Theorem 3.4). In float mode the vertices are the facets of the polar polytope, computed
        by qhull (the method of QuantEcon's ``vertex_enumeration``), and labelled completely in one bit-mask
        lookup; each candidate is recomputed from its tight constraints and verified with ``tol`` relative to the
        payoff range. With ``exact=True`` (and for small exact games, and whenever the float computation is
        marginal or the payoffs are finer than double precision can resolve) the vertices are enumerated in
        integer arithmetic by a search over all feasible bases, so no equilibrium is lost to rounding.

        Degenerate games (ties) can have connected sets of equilibria: all extreme equilibria are returned, a
        :class:`DegenerateGameWarning` is issued, and ``nash_subsets`` lists the maximal Nash subsets (sets of
        extreme equilibria whose row and column strategies combine freely: the product of their convex hulls is a
        set of equilibria) and ``components`` the connected components (Avis et al. 2010), as Gambit's
        ``enummixed`` reports them.

        Parameters
        ----------
        exact : bool, default False
            Enumerate in exact rational arithmetic; probabilities and payoffs are sympy ``Rational``. Requires exact
            (int, Fraction, Rational) payoffs.
        tol : float, default 1e-9
            Tolerance of the float verification, relative to each player's payoff range (in (0, 1e-3)).
        pure_only : bool, default False
            Return only the pure equilibria (as :class:`Equilibrium` objects; :meth:`pure_equilibria` gives index
            pairs).

        Returns
        -------
        EquilibriumSet

        References
        ----------
        von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3.

        Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash equilibria for
        two-player games. *Economic Theory* 42(1), 9–37.

        Examples
        --------
        >>> g = hawk_dove(2, 4)
        >>> [e.describe() for e in g.equilibria(exact=True)]
        ['(H, D)', 'mixed [H:1/2 D:1/2 | H:1/2 D:1/2]', '(D, H)']
        >>> g.equilibria(pure_only=True)[0].describe()
        '(H, D)'
        """
        from ._validation import check_bool, check_real

        exact = check_bool(exact, "exact")
        pure_only = check_bool(pure_only, "pure_only")
        tol = check_real(tol, "tol", low=0, high=1e-3, low_open=True, high_open=True)
        A, B = self._float()
        if exact and not self.is_exact:
            raise ValueError("exact=True needs exact payoffs (ints, Fractions or sympy Rationals); this game has "
                             "float payoffs")
        if pure_only:
            return self._pure_set(exact)
        from . import _enumeration as E

        m, n = self.shape
        small_exact = self.is_exact and m + n <= _EXACT_SMALL_ACTIONS
        fallback_ok = m + n <= _EXACT_FALLBACK_ACTIONS or self.is_exact
        FA = FB = None

        def fractions():
            nonlocal FA, FB
            if FA is None:
                FA, FB = _fraction_matrix(self._A, self.is_exact), _fraction_matrix(self._B, self.is_exact)
            return FA, FB

        if exact or small_exact or (E.resolution(A, B) < _MIN_RESOLUTION and fallback_ok):
            sol = _solve_exact(*fractions())
            if E.resolution(A, B) < _MIN_RESOLUTION and not (exact or small_exact):
                sol.method = "exact (payoffs finer than double precision resolves)"
        else:
            sol, marginal = _solve_float(A, B)
            regrets = _regrets(A, B, sol.pairs)
            marginal = marginal or bool((regrets > _MARGINAL_REGRET).any())
            if marginal and fallback_ok:
                sol = _solve_exact(*fractions())
                sol.method = "exact (float enumeration was marginal)"
            elif marginal:
                warnings.warn("the float enumeration was marginal (a slack or a deviation gain near the tolerance) "
                              "and the game is too large to re-enumerate exactly; returned the candidates verified "
                              f"within tol={tol}", RuntimeWarning, stacklevel=2)
        eqs: list[Equilibrium] = []
        kept: list[int] = []
        regrets = None if sol.exact else _regrets(A, B, sol.pairs)
        for k, (x, y) in enumerate(sol.pairs):
            if sol.exact:
                FA_, FB_ = fractions()
                if not _exact_regret_ok(FA_, FB_, x, y):  # pragma: no cover - complete labelling implies it
                    warnings.warn("an enumerated profile failed exact verification and was dropped; please report "
                                  "this game", RuntimeWarning, stacklevel=2)
                    continue
                if exact:
                    eqs.append(_make_exact(FA_, FB_, x, y, self.actions))
                else:
                    xf, yf = np.array([float(v) for v in x]), np.array([float(v) for v in y])
                    eqs.append(Equilibrium(xf, yf, (float(xf @ A @ yf), float(xf @ B @ yf)), self.actions))
            else:
                if regrets[k] > tol:
                    warnings.warn("a candidate equilibrium failed verification and was dropped", RuntimeWarning,
                                  stacklevel=2)
                    continue
                eqs.append(Equilibrium(x, y, (float(x @ A @ y), float(x @ B @ y)), self.actions))
            kept.append(k)
        sol.pairs = [sol.pairs[k] for k in kept]
        sol.vertex_pairs = [sol.vertex_pairs[k] for k in kept]
        # sorted by probabilities rounded to 12 digits, so float and exact results list equilibria in the same order
        order = sorted(range(len(eqs)), key=lambda k: (tuple(-round(float(p), 12) for p in eqs[k].row),
                                                        tuple(-round(float(q), 12) for q in eqs[k].col)))
        eqs = [eqs[k] for k in order]
        subsets, components = _subsets_for(sol, order)
        # degenerate for the user: some equilibria are not isolated (a maximal Nash subset with several extreme points)
        sol.degenerate = any(len(sub) > 1 for sub in subsets)
        if sol.degenerate:
            warnings.warn(f"the game is degenerate: returned its {len(eqs)} extreme equilibria in "
                          f"{len(subsets)} maximal Nash subset(s) and {len(components)} component(s); within a "
                          "subset every mixture of its row strategies with every mixture of its column strategies "
                          "is an equilibrium (see .nash_subsets)", DegenerateGameWarning, stacklevel=2)
        return EquilibriumSet(eqs, self.actions, self.players, degenerate=sol.degenerate, exact=exact,
                              nash_subsets=subsets, components=components, method=sol.method)

    def lemke_howson(self, label: int = 0, *, exact: bool = False, tol: float = 1e-9) -> Equilibrium:
        r"""One Nash equilibrium by the Lemke–Howson algorithm, dropping ``label`` first.

        Labels :math:`0, \dots, m - 1` are the row player's actions and :math:`m, \dots, m + n - 1` the column
        player's. With positive payoffs (after a positive affine normalisation) and the polytopes

        .. math::

            P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\},

        the path starts at the artificial equilibrium :math:`(0, 0)`, lets the variable with label ``label``
        enter, and pivots complementarily (the variable whose label was duplicated enters the other polytope) until
        the missing label is found again: the endpoint is a Nash equilibrium (Lemke & Howson 1964). Ties in the
        ratio test are broken lexicographically, so degenerate games do not cycle (von Stengel 2002, section 3.6).
        The result is verified (no pure deviation gains more than ``tol`` times the payoff range); a float path
        that fails verification is repeated in exact integer arithmetic.

        Parameters
        ----------
        label : int, default 0
            The label dropped first, in ``[0, m + n)``.
        exact : bool, default False
            Pivot in exact integer arithmetic (fraction-free); probabilities are sympy ``Rational``. Needs exact
            payoffs.
        tol : float, default 1e-9
            Verification tolerance relative to each player's payoff range.

        Returns
        -------
        Equilibrium

        References
        ----------
        Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *Journal of the Society for
        Industrial and Applied Mathematics* 12(2), 413–423.

        von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3, ch. 45.

        Examples
        --------
        >>> g = StageGame([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])   # von Stengel (2002), eq. (2.6)
        >>> g.lemke_howson(0).row.tolist()
        [1.0, 0.0, 0.0]
        >>> e = g.lemke_howson(1, exact=True)
        >>> e.row.tolist(), e.col.tolist()
        ([0, 1/3, 2/3], [1/3, 2/3])
        """
        from ._validation import check_bool, check_int, check_real

        m, n = self.shape
        A, B = self._float()
        label = check_int(label, "label", minimum=0, maximum=m + n - 1)
        exact = check_bool(exact, "exact")
        tol = check_real(tol, "tol", low=0, high=1e-3, low_open=True, high_open=True)
        if exact and not self.is_exact:
            raise ValueError("exact=True needs exact payoffs (ints, Fractions or sympy Rationals); this game has "
                             "float payoffs")
        from . import _enumeration as E
        from . import _lemke as L

        if not exact:
            x, y, _ = L.lemke_howson_float(E.normalise(A), E.normalise(B), label)
            if _regret(A, B, x, y) <= tol:
                return Equilibrium(x, y, (float(x @ A @ y), float(x @ B @ y)), self.actions)
        FA, FB = _fraction_matrix(self._A, self.is_exact), _fraction_matrix(self._B, self.is_exact)
        MA = E.to_integer_matrix(FA)
        MB = E.to_integer_matrix(FB)
        xe, ye, _ = L.lemke_howson_exact(MA, MB, label)
        if not _exact_regret_ok(FA, FB, xe, ye):  # pragma: no cover - the endpoint is completely labelled
            raise RuntimeError("Lemke-Howson ended at a profile that is not an equilibrium; please report this game")
        if exact:
            return _make_exact(FA, FB, xe, ye, self.actions)
        xf, yf = np.array([float(v) for v in xe]), np.array([float(v) for v in ye])
        return Equilibrium(xf, yf, (float(xf @ A @ yf), float(xf @ B @ yf)), self.actions)

    def equilibrium(self, *, exact: bool = False, tol: float = 1e-9) -> Equilibrium:
        r"""One Nash equilibrium, fast even for large games, by Lemke–Howson paths run side by side.

        Every finite game has one (Nash 1951); the Lemke–Howson path finds it by complementary pivoting on the
        best-response polytopes :math:`P = \{x \ge 0 : B^\top x \le 1\}` and
        :math:`Q = \{y \ge 0 : A y \le 1\}` (see :meth:`lemke_howson`). Path lengths differ by orders of magnitude
        between starting labels (on one random 200 x 200 game: 21,534 pivots from label 0, 32 from label 3), so
        the paths of four labels (0, m, 1, m + 1) are stepped in turn and the first to finish is returned, verified.
        With ``exact=True`` the path from label 0 is followed in exact integer arithmetic. Use :meth:`equilibria`
        for all equilibria.

        References
        ----------
        Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *Journal of the Society for
        Industrial and Applied Mathematics* 12(2), 413–423.

        Examples
        --------
        >>> matching_pennies().equilibrium(exact=True).row.tolist()
        [1/2, 1/2]
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> g = StageGame(rng.random((200, 200)), rng.random((200, 200)))
        >>> e = g.equilibrium()
        >>> g.is_equilibrium(e.row, e.col)
        True
        """
        from ._validation import check_bool, check_real

        exact = check_bool(exact, "exact")
        tol = check_real(tol, "tol", low=0, high=1e-3, low_open=True, high_open=True)
        if exact:
            return self.lemke_howson(0, exact=True, tol=tol)
        from . import _enumeration as E
        from . import _lemke as L

        A, B = self._float()
        m, n = self.shape
        labels = list(dict.fromkeys([0, m, 1 % m, m + 1 % n]))
        x, y, _, label = L.lemke_howson_race(E.normalise(A), E.normalise(B), labels)
        if _regret(A, B, x, y) <= tol:
            return Equilibrium(x, y, (float(x @ A @ y), float(x @ B @ y)), self.actions)
        return self.lemke_howson(label, tol=tol)  # repeats the path, exactly if floats fail verification

    def _pure_set(self, exact: bool) -> EquilibriumSet:
        m, n = self.shape
        eqs = []
        if exact:
            import sympy

            one, zero = sympy.Integer(1), sympy.Integer(0)
        else:
            one, zero = 1.0, 0.0
        for i, j in self.pure_equilibria():
            row = np.array([one if k == i else zero for k in range(m)], dtype=object if exact else float)
            col = np.array([one if k == j else zero for k in range(n)], dtype=object if exact else float)
            pay = (self._A[i, j], self._B[i, j]) if exact else (float(self._A[i, j]), float(self._B[i, j]))
            eqs.append(Equilibrium(row, col, pay, self.actions))
        return EquilibriumSet(eqs, self.actions, self.players, degenerate=False, exact=exact,
                              nash_subsets=[(k,) for k in range(len(eqs))],
                              components=[(k,) for k in range(len(eqs))], method="pure")

    # -- display ----------------------------------------------------------------------------------------------
    def _cell(self, i: int, j: int) -> tuple[str, str]:
        a, b = self._A[i, j], self._B[i, j]
        return (_fmt(a), _fmt(b))

    def __repr__(self) -> str:
        rl, cl = self.actions
        cells = [[", ".join(self._cell(i, j)) for j in range(len(cl))] for i in range(len(rl))]
        width = max([len(c) for r in cells for c in r] + [len(c) for c in cl]) + 2
        lw = max(len(r) for r in rl) + 1
        head = " " * lw + "".join(c.center(width) for c in cl)
        body = "\n".join(r.ljust(lw) + "".join(c.center(width) for c in row) for r, row in zip(rl, cells))
        kind = {"float": "", "exact": " (exact)", "symbolic": " (symbolic)"}[self._kind]
        return f"StageGame {self.shape[0]}x{self.shape[1]}{kind}: {self.players[0]} / {self.players[1]}\n{head}\n{body}"

    def _repr_html_(self) -> str:
        rl, cl = self.actions
        marked = set() if self.is_symbolic else set(self.pure_equilibria())
        head = "".join(f"<th>{escape(c)}</th>" for c in cl)
        rows = []
        for i, r in enumerate(rl):
            cells = []
            for j in range(len(cl)):
                a, b = self._cell(i, j)
                style = ' style="background-color:#FBE3B3;font-weight:bold"' if (i, j) in marked else ""
                cells.append(f"<td{style}>{escape(a)}, {escape(b)}</td>")
            rows.append(f"<tr><th>{escape(r)}</th>{''.join(cells)}</tr>")
        caption = (f"<caption>{escape(self.players[0])} (rows) / {escape(self.players[1])} (columns); "
                   "pure Nash equilibria highlighted</caption>" if marked else
                   f"<caption>{escape(self.players[0])} (rows) / {escape(self.players[1])} (columns)</caption>")
        return f"<table>{caption}<tr><th></th>{head}</tr>{''.join(rows)}</table>"

    def _repr_latex_(self) -> str:
        import sympy

        rl, cl = self.actions

        def tex(v):
            return sympy.latex(v) if not isinstance(v, float) else f"{v:g}"

        body = r" \\ ".join(
            rf"\text{{{r}}} & " + " & ".join(f"{tex(self._A[i, j])},\\ {tex(self._B[i, j])}" for j in range(len(cl)))
            for i, r in enumerate(rl))
        head = " & ".join(rf"\text{{{c}}}" for c in cl)
        return rf"$\begin{{array}}{{c|{'c' * len(cl)}}} & {head} \\ \hline {body} \end{{array}}$"



def _dominated(M: np.ndarray, i: int, others: list[int], against: list[int], mixed: bool) -> bool:
    """Whether row ``i`` of ``M`` is dominated strictly on columns ``against`` by a pure or mixed row in ``others``."""
    if not others:
        return False
    if any(all(M[k, j] > M[i, j] for j in against) for k in others):
        return True
    if not mixed or len(others) < 2:
        return False
    from scipy.optimize import linprog

    D = np.array([[float(M[k, j]) for j in against] for k in others])
    target = np.array([float(M[i, j]) for j in against])
    scale = max(1.0, float(np.abs(D).max()), float(np.abs(target).max()))
    # maximise eps subject to sigma @ D[:, j] - target_j >= eps, sum sigma = 1, sigma >= 0
    n = len(others)
    c = np.r_[np.zeros(n), -1.0]
    A_ub = np.c_[-D.T, np.ones(len(against))]
    A_eq = np.r_[np.ones(n), 0.0][None, :]
    res = linprog(c, A_ub=A_ub, b_ub=-target, A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * n + [(None, None)], method="highs")
    return bool(res.status == 0 and -res.fun > 1e-9 * scale)

# ---------------------------------------------------------------------------------------------------------------
# the engine: float enumeration (qhull), exact enumeration (integer pivoting), verification
# ---------------------------------------------------------------------------------------------------------------
#: the exact enumeration is used for a float game (whose entries are exact binary fractions) when float enumeration
#: is marginal or the payoffs are too finely resolved for double precision, up to this many actions in total
_EXACT_FALLBACK_ACTIONS = 20
#: exact games with at most this many actions in total are always enumerated exactly (it costs about a millisecond)
_EXACT_SMALL_ACTIONS = 8
#: relative payoff resolution below which float enumeration cannot separate ties from near-ties
_MIN_RESOLUTION = 1e-8
#: a float candidate whose relative regret lies above this (but within tol) is re-verified in exact arithmetic
_MARGINAL_REGRET = 1e-11


@dataclass
class _Solution:
    pairs: list[tuple[Any, Any]]          # (x, y): Fraction lists (exact) or float arrays
    vertex_pairs: list[tuple[int, int]]   # (vertex of P, vertex of Q) of each pair
    degenerate: bool
    exact: bool
    method: str


def _fraction_matrix(M: np.ndarray, exact_kind: bool) -> list[list[Fraction]]:
    if exact_kind:
        return [[_fraction(v) for v in row] for row in M]
    return [[Fraction(float(v)) for v in row] for row in M]


def _solve_exact(FA: list[list[Fraction]], FB: list[list[Fraction]]) -> _Solution:
    from . import _enumeration as E

    m, n = len(FA), len(FA[0])
    VP = E.exact_vertices(E.to_integer_matrix(FB))
    VQ = E.exact_vertices(E.to_integer_matrix([list(c) for c in zip(*FA)]))
    xc, xl = E.exact_labels(VP, m + n)
    yc, yl_own = E.exact_labels(VQ, n + m)
    yl = np.concatenate([yl_own[:, n:], yl_own[:, :n]], axis=1)
    vpairs, degenerate = E.match(xl, yl, m, n)
    pairs = []
    for a, b in vpairs:
        sx, sy = sum(xc[a]), sum(yc[b])
        pairs.append(([v / sx for v in xc[a]], [v / sy for v in yc[b]]))
    return _Solution(pairs, vpairs, degenerate, True, "exact")


def _solve_float(A: np.ndarray, B: np.ndarray) -> tuple[_Solution, bool]:
    from . import _enumeration as E

    m, n = A.shape
    Ap, Bp = E.normalise(A), E.normalise(B)
    X, xl, mx = E.float_vertices(Bp)
    import sys

    method = "qhull" if "scipy.spatial" in sys.modules and m >= 2 else "batched systems"
    if not (xl.sum(axis=1) > m).any():
        found = E.partners(Ap, Bp, X, xl)
        if found is not None:
            xs, ys, marginal = found
            xs, ys = np.clip(xs, 0.0, None), np.clip(ys, 0.0, None)
            xs /= xs.sum(axis=1, keepdims=True)
            ys /= ys.sum(axis=1, keepdims=True)
            pairs = list(zip(xs, ys))
            vpairs = [(k, k) for k in range(len(pairs))]
            return _Solution(pairs, vpairs, False, False, method + " + partner solve"), mx or marginal
    Y, yl_own, my = E.float_vertices(Ap.T)
    yl = np.concatenate([yl_own[:, n:], yl_own[:, :n]], axis=1)
    vpairs, degenerate = E.match(xl, yl, m, n)
    pairs = []
    for a, b in vpairs:
        x = np.clip(E.refine(Bp, X[a], xl[a]), 0.0, None)
        y = np.clip(E.refine(Ap.T, Y[b], yl_own[b]), 0.0, None)
        pairs.append((x / x.sum(), y / y.sum()))
    return _Solution(pairs, vpairs, degenerate, False, method), mx or my


def _regrets(A: np.ndarray, B: np.ndarray, pairs) -> np.ndarray:
    """Relative regrets of many float profiles at once (see :func:`_regret`)."""
    if not pairs:
        return np.zeros(0)
    X = np.array([x for x, _ in pairs])
    Y = np.array([y for _, y in pairs])
    ra, rb = float(A.max() - A.min()), float(B.max() - B.min())
    AY, XB = Y @ A.T, X @ B
    ga = (AY.max(axis=1) - (X * AY).sum(axis=1)) / ra if ra > 0 else np.zeros(len(X))
    gb = (XB.max(axis=1) - (XB * Y).sum(axis=1)) / rb if rb > 0 else np.zeros(len(X))
    return np.maximum(ga, gb)


def _regret(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Largest gain from a pure deviation, relative to the deviating player's payoff range."""
    ra, rb = float(A.max() - A.min()), float(B.max() - B.min())
    Ay, xB = A @ y, x @ B
    ga = float(Ay.max() - x @ Ay) / ra if ra > 0 else 0.0
    gb = float(xB.max() - xB @ y) / rb if rb > 0 else 0.0
    return max(ga, gb)


def _exact_regret_ok(FA, FB, x: list[Fraction], y: list[Fraction]) -> bool:
    m, n = len(FA), len(FA[0])
    Ay = [sum((FA[i][j] * y[j] for j in range(n) if y[j]), Fraction(0)) for i in range(m)]
    xB = [sum((x[i] * FB[i][j] for i in range(m) if x[i]), Fraction(0)) for j in range(n)]
    u1 = sum((x[i] * Ay[i] for i in range(m)), Fraction(0))
    u2 = sum((xB[j] * y[j] for j in range(n)), Fraction(0))
    return (all(v >= 0 for v in x + y) and sum(x) == 1 and sum(y) == 1 and max(Ay) <= u1 and max(xB) <= u2)


def _subsets_for(sol: _Solution, order: list[int]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Maximal Nash subsets and components as tuples of indices into the sorted list of equilibria."""
    from ._enumeration import nash_subsets

    position = {old: new for new, old in enumerate(order)}
    subsets, components = nash_subsets(sol.vertex_pairs)
    index = {pair: k for k, pair in enumerate(sol.vertex_pairs)}
    out_subsets = []
    for X, Y in subsets:
        members = sorted(position[index[(a, b)]] for a in X for b in Y)
        out_subsets.append(tuple(members))
    out_components = sorted(tuple(sorted(position[k] for k in comp)) for comp in components)
    return sorted(out_subsets), out_components


def _make_exact(FA, FB, x: list[Fraction], y: list[Fraction], actions) -> Equilibrium:
    import sympy

    m, n = len(FA), len(FA[0])
    u1 = sum((x[i] * FA[i][j] * y[j] for i in range(m) for j in range(n) if x[i] and y[j]), Fraction(0))
    u2 = sum((x[i] * FB[i][j] * y[j] for i in range(m) for j in range(n) if x[i] and y[j]), Fraction(0))

    def rat(f: Fraction):
        return sympy.Rational(f.numerator, f.denominator)

    row = np.array([rat(v) for v in x], dtype=object)
    col = np.array([rat(v) for v in y], dtype=object)
    return Equilibrium(row, col, (rat(u1), rat(u2)), actions)


# ---------------------------------------------------------------------------------------------------------------
# named games
# ---------------------------------------------------------------------------------------------------------------
def _numbers(**kwargs: Any) -> dict[str, Any] | None:
    """Return the arguments if all are numbers (validated, finite) and None if any is symbolic."""
    if any(is_symbolic(v) for v in kwargs.values()):
        return None
    for k, v in kwargs.items():
        if isinstance(v, bool) or not isinstance(v, numbers.Real | np.number):
            raise TypeError(f"{k} must be a number or a sympy expression (got {v!r})")
        if not np.isfinite(float(v)):
            raise ValueError(f"{k} must be finite (got {k}={v})")
    return kwargs


def _half(v: Any) -> Any:
    if isinstance(v, float):
        return v / 2
    if is_symbolic(v):
        return v / 2
    return Fraction(v) / 2


def prisoners_dilemma(T: Any = 5, R: Any = 3, P: Any = 1, S: Any = 0) -> StageGame:
    r"""The prisoner's dilemma: cooperate (C) or defect (D), with :math:`T > R > P > S`.

    .. math::

        A = \begin{pmatrix} R & S \\ T & P \end{pmatrix}, \qquad B = A^\top

    Defaults are Axelrod's (1984) payoffs 5, 3, 1, 0. With sympy symbols the inequalities are not checked.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> g = prisoners_dilemma(5, 3, 1, 0)
    >>> g.equilibria()[0].describe()
    '(D, D)'
    >>> prisoners_dilemma(2, 3, 1, 0)
    Traceback (most recent call last):
    ...
    ValueError: a prisoner's dilemma needs T > R > P > S: T must exceed R (got T=2, R=3, P=1, S=0)
    """
    nums = _numbers(T=T, R=R, P=P, S=S)
    if nums is not None:
        for (a, b), (va, vb) in zip((("T", "R"), ("R", "P"), ("P", "S")), ((T, R), (R, P), (P, S))):
            if not va > vb:
                raise ValueError(f"a prisoner's dilemma needs T > R > P > S: {a} must exceed {b} "
                                 f"(got T={T}, R={R}, P={P}, S={S})")
    return StageGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


def donation_game(b: Any = 2, c: Any = 1) -> StageGame:
    r"""The donation game: cooperating costs :math:`c` and gives the partner :math:`b > c > 0`.

    A prisoner's dilemma with :math:`T = b,\ R = b - c,\ P = 0,\ S = -c`.

    References
    ----------
    Sigmund, K. (2010). *The Calculus of Selfishness*. Princeton University Press, ch. 1.

    Examples
    --------
    >>> donation_game(3, 1).A.tolist()
    [[2, -1], [3, 0]]
    """
    nums = _numbers(b=b, c=c)
    if nums is not None and not (b > c > 0):
        raise ValueError(f"the donation game needs b > c > 0: the benefit must exceed the cost (got b={b}, c={c})")
    return StageGame.symmetric([[b - c, -c], [b, 0]], actions=["C", "D"])


def stag_hunt(R: Any = 4, T: Any = 3, P: Any = 1, S: Any = 0) -> StageGame:
    r"""The stag hunt (investing in a shared eco-link): :math:`R > T \ge P > S`.

    Cooperating (C, hunting the stag) pays :math:`R` if the partner cooperates too and :math:`S` otherwise;
    defecting (D) pays :math:`T` or :math:`P`. Two strict equilibria, (C, C) payoff-dominant.

    .. math:: A = \begin{pmatrix} R & S \\ T & P \end{pmatrix}

    References
    ----------
    Skyrms, B. (2004). *The Stag Hunt and the Evolution of Social Structure*. Cambridge University Press.

    Examples
    --------
    >>> [e.describe() for e in stag_hunt(4, 3, 1, 0).equilibria(exact=True)]
    ['(C, C)', 'mixed [C:1/2 D:1/2 | C:1/2 D:1/2]', '(D, D)']
    """
    nums = _numbers(R=R, T=T, P=P, S=S)
    if nums is not None and not (R > T >= P > S):
        raise ValueError(f"a stag hunt needs R > T >= P > S (got R={R}, T={T}, P={P}, S={S})")
    return StageGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


def snowdrift(b: Any = 4, c: Any = 2) -> StageGame:
    r"""The snowdrift (chicken) game: a shared task of cost :math:`c` and benefit :math:`b > c > 0`.

    .. math:: A = \begin{pmatrix} b - c/2 & b - c \\ b & 0 \end{pmatrix}

    References
    ----------
    Doebeli, M. & Hauert, C. (2005). Models of cooperation based on the Prisoner's Dilemma and the Snowdrift game.
    *Ecology Letters* 8(7), 748–766.

    Examples
    --------
    >>> [e.describe() for e in snowdrift(4, 2).equilibria(exact=True)][1]
    'mixed [C:2/3 D:1/3 | C:2/3 D:1/3]'
    """
    nums = _numbers(b=b, c=c)
    if nums is not None and not (b > c > 0):
        raise ValueError(f"the snowdrift game needs b > c > 0 (got b={b}, c={c})")
    return StageGame.symmetric([[b - _half(c), b - c], [b, 0]], actions=["C", "D"])


def harmony_game(R: Any = 3, T: Any = 2, S: Any = 1, P: Any = 0) -> StageGame:
    r"""The harmony game: cooperation dominates (:math:`R > T`, :math:`S > P`); no dilemma.

    .. math:: A = \begin{pmatrix} R & S \\ T & P \end{pmatrix}

    References
    ----------
    Santos, F. C., Pacheco, J. M. & Lenaerts, T. (2006). *PNAS* 103(9), 3490–3494.

    Examples
    --------
    >>> harmony_game().pure_equilibria()
    [(0, 0)]
    """
    nums = _numbers(R=R, T=T, S=S, P=P)
    if nums is not None and not (R > T and S > P):
        raise ValueError(f"a harmony game needs R > T and S > P (got R={R}, T={T}, S={S}, P={P})")
    return StageGame.symmetric([[R, S], [T, P]], actions=["C", "D"])


def hawk_dove(v: Any = 2, c: Any = 4) -> StageGame:
    r"""Hawk–dove: a resource of value :math:`v` contested at cost :math:`c > v > 0`.

    .. math:: A = \begin{pmatrix} (v - c)/2 & v \\ 0 & v/2 \end{pmatrix}

    The symmetric mixed equilibrium plays hawk with probability :math:`v/c`.

    References
    ----------
    Maynard Smith, J. & Price, G. R. (1973). The logic of animal conflict. *Nature* 246, 15–18.

    Examples
    --------
    >>> hawk_dove(2, 4).A.tolist()
    [[-1, 2], [0, 1]]
    """
    nums = _numbers(v=v, c=c)
    if nums is not None and not (c > v > 0):
        raise ValueError(f"hawk-dove needs c > v > 0: fighting must cost more than the resource (got v={v}, c={c})")
    return StageGame.symmetric([[_half(v - c), v], [0, _half(v)]], actions=["H", "D"])


def trust_game(T: Any = 2, R: Any = 1, P: Any = 0, S: Any = -1) -> StageGame:
    r"""The binary trust game (Kreps 1990) in normal form: an investor trusts or not, a trustee honours or abuses.

    No trust gives both :math:`P`; trust and honour gives both :math:`R`; trust and abuse gives the investor
    :math:`S` and the trustee :math:`T`, with :math:`T > R > P > S`.

    .. math::

        A = \begin{pmatrix} R & S \\ P & P \end{pmatrix}, \qquad
        B = \begin{pmatrix} R & T \\ P & P \end{pmatrix}

    The normal form is degenerate (after "no trust" the trustee is indifferent): the equilibria form a component
    "no trust" with honouring probability at most :math:`(P - S)/(R - S)`.

    References
    ----------
    Kreps, D. M. (1990). Corporate culture and economic theory. In J. Alt & K. Shepsle (eds.), *Perspectives on
    Positive Political Economy*, 90–143. Cambridge University Press.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     [e.describe() for e in trust_game().equilibria(exact=True)]
    ['mixed [N:1 | H:1/2 A:1/2]', '(N, A)']
    """
    nums = _numbers(T=T, R=R, P=P, S=S)
    if nums is not None and not (T > R > P > S):
        raise ValueError(f"a trust game needs T > R > P > S (got T={T}, R={R}, P={P}, S={S})")
    return StageGame([[R, S], [P, P]], [[R, T], [P, P]], actions=(("T", "N"), ("H", "A")),
                     players=("investor", "trustee"))


def matching_pennies() -> StageGame:
    r"""Matching pennies: a zero-sum game whose only equilibrium is mixed (1/2, 1/2).

    .. math:: A = \begin{pmatrix} 1 & -1 \\ -1 & 1 \end{pmatrix}, \qquad B = -A

    References
    ----------
    von Neumann, J. & Morgenstern, O. (1944). *Theory of Games and Economic Behavior*. Princeton University Press.

    Examples
    --------
    >>> matching_pennies().equilibria(exact=True)[0].row.tolist()
    [1/2, 1/2]
    """
    return StageGame([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], actions=["H", "T"])


def battle_of_the_sexes(a: Any = 2, b: Any = 1) -> StageGame:
    r"""Battle of the sexes (two firms choosing a common standard): coordinate, but each prefers its own.

    .. math::

        A = \begin{pmatrix} a & 0 \\ 0 & b \end{pmatrix}, \qquad
        B = \begin{pmatrix} b & 0 \\ 0 & a \end{pmatrix}, \qquad a > b > 0

    Three equilibria: the two pure coordinations and a mixed one where the row player plays O with probability
    :math:`a/(a+b)`.

    References
    ----------
    Luce, R. D. & Raiffa, H. (1957). *Games and Decisions*. Wiley, ch. 5.

    Examples
    --------
    >>> len(battle_of_the_sexes(3, 1).equilibria())
    3
    """
    nums = _numbers(a=a, b=b)
    if nums is not None and not (a > b > 0):
        raise ValueError(f"battle of the sexes needs a > b > 0 (got a={a}, b={b})")
    return StageGame([[a, 0], [0, b]], [[b, 0], [0, a]], actions=["O", "F"])


# ---------------------------------------------------------------------------------------------------------------
# the map of symmetric 2x2 games
# ---------------------------------------------------------------------------------------------------------------
_CLASSES = ("harmony", "snowdrift", "stag hunt", "prisoner's dilemma")


def classify_symmetric_2x2(T: Any, S: Any, R: Any = 1.0, P: Any = 0.0) -> Any:
    r"""Name the symmetric 2x2 social dilemma with payoffs R, S, T, P (numbers or arrays; broadcast).

    With :math:`R > P`: *harmony* (:math:`R > T,\ S > P`), *snowdrift* / chicken (:math:`T > R,\ S > P`),
    *stag hunt* (:math:`R > T,\ P > S`), *prisoner's dilemma* (:math:`T > R,\ P > S`). Points on a boundary
    (:math:`T = R` or :math:`S = P`) are ``"boundary"``.

    References
    ----------
    Santos, F. C., Pacheco, J. M. & Lenaerts, T. (2006). Evolutionary dynamics of social dilemmas in structured
    heterogeneous populations. *PNAS* 103(9), 3490–3494.

    Examples
    --------
    >>> classify_symmetric_2x2(1.5, -0.5)
    "prisoner's dilemma"
    >>> classify_symmetric_2x2([0.5, 1.5], [0.5, 0.5]).tolist()
    ['harmony', 'snowdrift']
    """
    from .symbolic import as_float_array

    T_, S_, R_, P_ = (as_float_array(v, n) for v, n in ((T, "T"), (S, "S"), (R, "R"), (P, "P")))
    if not (R_ > P_).all():
        raise ValueError(f"the classification assumes R > P (got R={R}, P={P})")
    temptation, sucker = T_ > R_, S_ < P_
    names = np.array(_CLASSES, dtype=object)
    out = names[temptation.astype(int) + 2 * sucker.astype(int)]
    out = np.where((T_ == R_) | (S_ == P_), "boundary", out)
    return str(out) if np.ndim(out) == 0 else out.astype(object)


@formula(symbol=r"x^*")
def mixed_cooperation(T, S, R=1, P=0):
    r"""Probability of cooperating in the symmetric mixed equilibrium of a symmetric 2x2 game.

    Indifference between C and D against a partner who cooperates with probability :math:`x`:

    .. math:: x^* = \frac{P - S}{R - S - T + P}

    It is an equilibrium (in (0, 1)) in the snowdrift and stag-hunt regions; outside them the value is not a
    probability.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge University Press.

    Examples
    --------
    >>> mixed_cooperation(1.5, 0.5)
    0.5
    >>> import sympy
    >>> T, S = sympy.symbols("T S")
    >>> mixed_cooperation(T, S)
    S/(S + T - 1)
    """
    return (P - S) / (R - S - T + P)
