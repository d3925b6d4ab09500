r"""Coalitional (transferable-utility) games: the Shapley value, the core and the nucleolus.

A leaf module the other models build on: regions bargaining over entry (:mod:`clustergames.entry`), firms sharing
the surplus of a by-product exchange network (:mod:`clustergames.symbiosis`).

References
----------
Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of Games II*, Annals of
Mathematics Studies 28, 307–317.
Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM Journal on Applied Mathematics* 17(6),
1163–1170.

Examples
--------
>>> from clustergames.coalitions import CoalitionalGame
>>> glove = CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
>>> glove.shapley().round(4).tolist(), glove.nucleolus().round(6).tolist()
([0.6667, 0.1667, 0.1667], [1.0, 0.0, 0.0])
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ._validation import check_positive_int, check_real
from .results import Result

__all__ = ["CoalitionalGame"]


class CoalitionalGame(Result):
    r"""A transferable-utility coalitional game :math:`(N, v)` among players :math:`0, \dots, n-1`.

    Parameters
    ----------
    values : mapping
        Maps coalitions (tuples, lists or sets of player indices) to their worth; missing coalitions are worth 0.
    n_players : int, optional
        Number of players (default: the largest index named plus one, or ``len(names)``).
    names : sequence of str, optional
        Player names (default "1", "2", ...).

    Notes
    -----
    Worths are stored in an array indexed by bit masks, so the Shapley value is an exact :math:`O(n 2^n)` sum.
    The core is :math:`\{x : x(N) = v(N),\; x(S) \ge v(S)\ \forall S\}`; it is empty iff
    :math:`\min\{x(N) : x(S) \ge v(S)\ \forall S\} > v(N)` (Bondareva 1963; Shapley 1967), one linear programme.
    The nucleolus lexicographically minimises the sorted excesses :math:`v(S) - x(S)` over imputations; it is
    computed by the sequence of linear programmes of Maschler, Peleg & Shapley (1979), fixing at each stage the
    coalitions whose dual prices are positive and every coalition whose excess their span determines
    (Guajardo & Jörnsten 2015 show why the second step matters).

    References
    ----------
    Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of Games II*, Annals of
    Mathematics Studies 28, 307–317.
    Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM Journal on Applied Mathematics*
    17(6), 1163–1170.
    Maschler, M., Peleg, B. & Shapley, L. S. (1979). Geometric properties of the kernel, nucleolus and related
    solution concepts. *Mathematics of Operations Research* 4(4), 303–338.
    Guajardo, M. & Jörnsten, K. (2015). Common mistakes in computing the nucleolus. *European Journal of
    Operational Research* 241(3), 931–935.

    Examples
    --------
    >>> g = CoalitionalGame({(0,): 1, (0, 1): 3, (0, 1, 2): 6, (1, 2): 4})
    >>> g.worth((1, 0)), g.worth((2,))
    (3.0, 0.0)
    >>> g.shapley().round(6).tolist()
    [1.5, 3.0, 1.5]
    >>> g.in_core([2, 2, 2]), g.is_core_empty()
    (True, False)
    """

    title = "Coalitional game"

    def __init__(self, values: Mapping, n_players: int | None = None, names=None):
        if not isinstance(values, Mapping):
            raise TypeError(f"values must be a mapping from coalitions to worths (got {type(values).__name__})")
        parsed: dict[tuple[int, ...], float] = {}
        for key, worth in values.items():
            coalition = self._parse_key(key)
            worth = check_real(worth, f"the worth of coalition {key!r}")
            if coalition in parsed and parsed[coalition] != float(worth):
                raise ValueError(f"coalition {coalition} is given twice with different worths")
            parsed[coalition] = float(worth)
        if names is not None:
            names = tuple(str(s) for s in names)
            if n_players is not None and n_players != len(names):
                raise ValueError(f"names has {len(names)} entries but n_players={n_players}")
            n_players = len(names)
        if n_players is None:
            n_players = 1 + max((max(c) for c in parsed if c), default=-1)
        n = check_positive_int(n_players, "n_players")
        if n > 20:
            raise ValueError(f"n_players must be at most 20 (2^n coalitions; got n_players={n})")
        for coalition in parsed:
            unknown = [i for i in coalition if i >= n]
            if unknown:
                raise ValueError(f"coalition {coalition} names unknown player {unknown[0]}; players are 0..{n - 1}")
        if parsed.get((), 0.0) != 0.0:
            raise ValueError(f"the empty coalition must be worth 0 (got {parsed[()]})")
        self.n = n
        self.names = names if names is not None else tuple(str(i + 1) for i in range(n))
        self.v = np.zeros(1 << n)
        for coalition, worth in parsed.items():
            self.v[sum(1 << i for i in coalition)] = worth
        self._masks = np.arange(1 << n)
        self._sizes = np.array([bin(m).count("1") for m in range(1 << n)])
        self._incidence = ((self._masks[:, None] >> np.arange(n)[None, :]) & 1).astype(float)

    @staticmethod
    def _parse_key(key) -> tuple[int, ...]:
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            key = (key,)
        if isinstance(key, str | bytes) or not hasattr(key, "__iter__"):
            raise TypeError(f"a coalition must be a tuple of player indices (got {key!r})")
        members = list(key)
        for i in members:
            if isinstance(i, bool) or not isinstance(i, numbers.Integral):
                raise TypeError(f"coalition {key!r} must list integer player indices (got {i!r})")
            if i < 0:
                raise ValueError(f"coalition {tuple(key)!r} names unknown player {i}; player indices start at 0")
        if len(set(members)) != len(members):
            raise ValueError(f"coalition {tuple(key)!r} names a player twice")
        return tuple(sorted(int(i) for i in members))

    @classmethod
    def from_function(cls, n_players: int, worth: Callable[[tuple[int, ...]], float], names=None):
        r"""Build a game from a function of the coalition (a sorted tuple of indices).

        Examples
        --------
        >>> g = CoalitionalGame.from_function(3, lambda s: len(s) ** 2)
        >>> g.shapley().tolist()
        [3.0, 3.0, 3.0]
        """
        values = {c: worth(c) for k in range(1, n_players + 1) for c in itertools.combinations(range(n_players), k)}
        return cls(values, n_players=n_players, names=names)

    # -- basic queries ---------------------------------------------------------------------------------------
    def _mask(self, coalition) -> int:
        members = self._parse_key(coalition)
        for i in members:
            if i >= self.n:
                raise ValueError(f"coalition {members} names unknown player {i}; players are 0..{self.n - 1}")
        return sum(1 << i for i in members)

    def worth(self, coalition) -> float:
        """The worth :math:`v(S)` of a coalition."""
        return float(self.v[self._mask(coalition)])

    @property
    def grand_worth(self) -> float:
        """:math:`v(N)`."""
        return float(self.v[-1])

    def __add__(self, other: CoalitionalGame) -> CoalitionalGame:
        if not isinstance(other, CoalitionalGame) or other.n != self.n:
            return NotImplemented
        out = CoalitionalGame({}, n_players=self.n, names=self.names)
        out.v = self.v + other.v
        return out

    def _allocation(self, x) -> np.ndarray:
        arr = np.asarray(x, dtype=float)
        if arr.shape != (self.n,):
            raise ValueError(f"x must have one payoff per player ({self.n}) (got shape {arr.shape})")
        if not np.isfinite(arr).all():
            raise ValueError(f"x must be finite (got x={arr.tolist()})")
        return arr

    def excesses(self, x) -> np.ndarray:
        """Excess :math:`e(S, x) = v(S) - x(S)` of every coalition, indexed by bit mask."""
        return self.v - self._incidence @ self._allocation(x)

    def _tol(self) -> float:
        return 1e-9 * max(1.0, float(np.abs(self.v).max()))

    # -- solutions -------------------------------------------------------------------------------------------
    def shapley(self) -> np.ndarray:
        r"""The Shapley value.

        .. math::

            \varphi_i = \sum_{S \subseteq N \setminus \{i\}} \frac{|S|!\,(n - |S| - 1)!}{n!}
            \bigl(v(S \cup \{i\}) - v(S)\bigr)

        References
        ----------
        Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of Games II*, Annals
        of Mathematics Studies 28, 307–317.

        Examples
        --------
        >>> CoalitionalGame({(0, 1): 1, (0, 1, 2): 1}).shapley().tolist()
        [0.5, 0.5, 0.0]
        """
        n = self.n
        weights = np.array([math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n) for s in range(n)])
        phi = np.empty(n)
        for i in range(n):
            bit = 1 << i
            sel = self._masks[(self._masks & bit) == 0]
            phi[i] = np.sum(weights[self._sizes[sel]] * (self.v[sel | bit] - self.v[sel]))
        return phi

    def in_core(self, x, tol: float | None = None) -> bool:
        r"""Whether :math:`x` is in the core: efficient, and no coalition can do better on its own.

        Examples
        --------
        >>> CoalitionalGame({(0, 1): 1}).in_core([0.7, 0.3]), CoalitionalGame({(0, 1): 1}).in_core([0.7, 0.4])
        (True, False)
        """
        x = self._allocation(x)
        tol = self._tol() if tol is None else tol
        if abs(x.sum() - self.grand_worth) > tol:
            return False
        return bool(np.all(self.excesses(x)[1:] <= tol))

    def _core_lp(self):
        from scipy.optimize import linprog

        A = -self._incidence[1:]
        b = -self.v[1:]
        return linprog(np.ones(self.n), A_ub=A, b_ub=b, bounds=[(None, None)] * self.n, method="highs")

    def is_core_empty(self) -> bool:
        r"""Whether the core is empty: :math:`\min\{x(N) : x(S) \ge v(S)\ \forall S\} > v(N)` (one LP).

        References
        ----------
        Bondareva, O. N. (1963). Some applications of linear programming methods to the theory of cooperative
        games. *Problemy Kibernetiki* 10, 119–139.
        Shapley, L. S. (1967). On balanced sets and cores. *Naval Research Logistics Quarterly* 14(4), 453–460.

        Examples
        --------
        >>> majority = CoalitionalGame({(0, 1): 1, (0, 2): 1, (1, 2): 1, (0, 1, 2): 1})
        >>> majority.is_core_empty()
        True
        """
        res = self._core_lp()
        return bool(res.fun > self.grand_worth + self._tol())

    def core_vertices(self) -> np.ndarray:
        r"""Vertices of the core, shape ``(k, n)`` (empty when the core is), in cyclic order for three players.

        Each vertex makes :math:`n - 1` coalition constraints :math:`x(S) \ge v(S)` tight besides efficiency; all
        such systems are solved and the feasible solutions kept (at most five players).

        Examples
        --------
        >>> g = CoalitionalGame({(0, 1): 1, (0, 1, 2): 1})
        >>> g.core_vertices().round(6).tolist()
        [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
        """
        n = self.n
        if n > 5:
            raise ValueError(f"core_vertices supports at most 5 players (got n_players={n})")
        if self.is_core_empty():
            return np.zeros((0, n))
        tol = 1e-7 * max(1.0, float(np.abs(self.v).max()))
        rows = self._incidence[1:-1]
        rhs = self.v[1:-1]
        found: list[np.ndarray] = []
        if n == 1:
            return np.array([[self.grand_worth]])
        for combo in itertools.combinations(range(len(rows)), n - 1):
            A = np.vstack([rows[list(combo)], np.ones(n)])
            if abs(np.linalg.det(A)) < 1e-12:
                continue
            x = np.linalg.solve(A, np.append(rhs[list(combo)], self.grand_worth))
            if np.all(rows @ x >= rhs - tol) and not any(np.allclose(x, y, atol=tol) for y in found):
                found.append(x)
        verts = np.array(found) if found else np.zeros((0, n))
        if n == 3 and len(verts) > 2:
            c = verts.mean(axis=0)
            ang = np.arctan2((verts[:, 1] - c[1]) * math.sqrt(3), 2 * (verts[:, 0] - c[0]) + (verts[:, 1] - c[1]))
            verts = verts[np.argsort(ang)]
        return verts

    def nucleolus(self) -> np.ndarray:
        r"""The nucleolus: the imputation that lexicographically minimises the largest excesses.

        .. math::

            \max\ \varepsilon \quad \text{s.t.}\quad x(S) - v(S) \ge \varepsilon\ (S \text{ free}),\quad
            x(S) - v(S) = \varepsilon_S\ (S \text{ fixed}),\quad x(N) = v(N),\ x_i \ge v(\{i\})

        is solved repeatedly (HiGHS); after each stage the coalitions with positive dual prices, and those whose
        incidence vectors lie in the span of the fixed ones, get their excess fixed, until the fixed coalitions
        determine :math:`x`.

        References
        ----------
        Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM Journal on Applied
        Mathematics* 17(6), 1163–1170.
        Maschler, M., Peleg, B. & Shapley, L. S. (1979). Geometric properties of the kernel, nucleolus and related
        solution concepts. *Mathematics of Operations Research* 4(4), 303–338.

        Examples
        --------
        >>> bankruptcy = CoalitionalGame({(0, 1, 2): 200, (1, 2): 100, (0, 2): 0, (2,): 0})
        >>> bankruptcy.nucleolus().round(6).tolist()
        [50.0, 75.0, 75.0]
        """
        from scipy.optimize import linprog

        n = self.n
        singles = np.array([self.v[1 << i] for i in range(n)])
        if singles.sum() > self.grand_worth + self._tol():
            raise ValueError(f"the nucleolus needs a non-empty imputation set: the singletons' worths sum to "
                             f"{singles.sum():g} > v(N) = {self.grand_worth:g}")
        if n == 1:
            return np.array([self.grand_worth])
        # the LPs are solved on worths scaled to max |v| = 1 (HiGHS fails on worths of 1e300 and loses precision on
        # worths of 1e-300); the nucleolus is homogeneous of degree one, so the answer is scaled back
        scale = float(np.abs(self.v).max())
        if scale == 0.0:
            return np.zeros(n)
        v = self.v / scale
        singles = singles / scale
        grand = float(v[-1])
        inc = self._incidence
        proper = list(range(1, (1 << n) - 1))
        free = set(proper)
        fixed: dict[int, float] = {}
        span = [np.ones(n)]
        bounds = [(float(s), None) for s in singles] + [(None, None)]
        tol = 1e-9
        x = None
        for _ in range(len(proper) + 1):
            if np.linalg.matrix_rank(np.array(span), tol=1e-9) >= n or not free:
                break
            free_list = sorted(free)
            A_ub = np.hstack([-inc[free_list], np.ones((len(free_list), 1))])
            b_ub = -v[free_list]
            eq_rows = [np.append(np.ones(n), 0.0)]
            eq_rhs = [grand]
            for m, e in fixed.items():
                eq_rows.append(np.append(inc[m], 0.0))
                eq_rhs.append(v[m] + e)
            c = np.zeros(n + 1)
            c[-1] = -1.0
            res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=np.array(eq_rows), b_eq=np.array(eq_rhs), bounds=bounds,
                          method="highs")
            if res.status != 0:  # pragma: no cover - the imputation set is non-empty, so the LP is feasible
                raise RuntimeError(f"nucleolus LP failed: {res.message}")
            eps = float(res.x[-1])
            x = res.x[:n]
            duals = -np.asarray(res.ineqlin.marginals)
            newly = [m for m, y in zip(free_list, duals) if y > 1e-9]
            if not newly:  # pragma: no cover - duals of the free rows sum to 1
                newly = [m for m in free_list if abs(inc[m] @ x - v[m] - eps) <= tol]
            for m in newly:
                fixed[m] = eps
                free.discard(m)
                span.append(inc[m])
            basis = np.array(span)
            rank = np.linalg.matrix_rank(basis, tol=1e-9)
            for m in sorted(free):
                if np.linalg.matrix_rank(np.vstack([basis, inc[m]]), tol=1e-9) == rank:
                    free.discard(m)
        return np.asarray(x, dtype=float) * scale

    def core_frame(self, points: Mapping[str, Any] | None = None):
        r"""Tidy data for a ternary picture of a three-player game.

        Drawn by :func:`clustergames.plotting.bargaining.plot_core_ternary`.

        Rows of ``kind`` "imputation" (the three vertices of the imputation triangle), "core" (the core's vertices
        in cyclic order) and "point" (the Shapley value, the nucleolus when defined, and any extra ``points``
        given as a mapping from label to allocation), with payoff columns ``x1``, ``x2``, ``x3``.

        Examples
        --------
        >>> CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1}).core_frame()["kind"].tolist()
        ['imputation', 'imputation', 'imputation', 'core', 'point', 'point']
        """
        import pandas as pd

        if self.n != 3:
            raise ValueError(f"core_frame draws three-player games (got n_players={self.n})")
        singles = np.array([self.v[1 << i] for i in range(3)])
        surplus = self.grand_worth - singles.sum()
        if surplus <= 0:
            raise ValueError(f"the imputation set must be a proper triangle: v(N) must exceed the sum of the "
                             f"singletons' worths (got v(N)={self.grand_worth:g}, sum={singles.sum():g})")
        rows = []
        for k in range(3):
            x = singles.copy()
            x[k] += surplus
            rows.append(("imputation", f"all surplus to {self.names[k]}", *x))
        for vert in self.core_vertices():
            rows.append(("core", "core vertex", *vert))
        rows.append(("point", "Shapley value", *self.shapley()))
        rows.append(("point", "nucleolus", *self.nucleolus()))
        for label, x in (points or {}).items():
            rows.append(("point", label, *self._allocation(x)))
        return pd.DataFrame(rows, columns=["kind", "label", "x1", "x2", "x3"])

    def to_frame(self):
        """The characteristic function, one row per non-empty coalition.

        Returns
        -------
        pandas.DataFrame
            Columns ``coalition`` (its members), ``size`` and ``worth`` :math:`v(S)`, sorted by size then coalition.
        """
        import pandas as pd

        rows = []
        for m in range(1, 1 << self.n):
            members = [self.names[i] for i in range(self.n) if m >> i & 1]
            rows.append({"coalition": "{" + ", ".join(members) + "}", "size": int(self._sizes[m]),
                         "worth": float(self.v[m])})
        return pd.DataFrame(rows).sort_values(["size", "coalition"]).reset_index(drop=True)
