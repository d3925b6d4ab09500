r"""Bargaining among local governments.

Nash, Kalai–Smorodinsky, egalitarian and Rubinstein solutions, coalitional games of regions (Shapley value, core,
nucleolus), and bargaining versus administrative order.

The article asks local governments to "reject the strong government" and to negotiate over industry entry and
market access, each weighing how its choice affects the other regions, so that the total payoff rises. This module
provides

* two-player bargaining over a transferable total or a convex frontier (a callable on an interval, or a set of
  points whose convex hull is taken): :func:`nash_solution` (with bargaining power), :func:`kalai_smorodinsky`,
  :func:`egalitarian`, and the alternating-offers game of Rubinstein (:func:`rubinstein`,
  :func:`rubinstein_rates`, :func:`rubinstein_payoffs`), including outside options;
* :class:`CoalitionalGame`: transferable-utility games of regions with the Shapley value, the core (membership,
  emptiness by linear programming, vertices) and the nucleolus (a sequence of linear programs);
* :func:`compare_governance` (defined in :mod:`clustergames.entry`): for a
  :class:`~clustergames.entry.RegionalEntryGame`, the non-cooperative equilibrium, an administrative allocation
  without transfers, a strong government with fiscal transfers, the Nash bargaining outcome with transfers and the
  Shapley allocation side by side, judged by the regions' payoffs or by total welfare;
* :func:`myerson_satterthwaite`: the best voluntary mechanism between two regions with private information
  (uniform types) and its efficiency loss (Myerson & Satterthwaite 1983).

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.
Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem. *Econometrica* 43(3), 513–518.
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97–109.
Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory of Games II*, Annals of
Mathematics Studies 28, 307–317.
Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM Journal on Applied Mathematics* 17(6),
1163–1170.

Examples
--------
>>> from clustergames import bargaining
>>> bargaining.nash_solution(total=10, disagreement=(2, 4), power=0.5).payoffs
(4.0, 6.0)
>>> [round(s, 4) for s in bargaining.rubinstein(0.9, 0.9)]
[0.5263, 0.4737]
>>> glove = bargaining.CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
>>> glove.shapley().round(4).tolist(), glove.nucleolus().round(6).tolist()
([0.6667, 0.1667, 0.1667], [1.0, 0.0, 0.0])
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._validation import check_array, check_delta, check_real, sympy
from .results import Result
from .symbolic import formula, is_symbolic, require

__all__ = [
    "BargainingProblem",
    "BargainingSolution",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "nash_transferable",
    "rubinstein_share",
    "rubinstein",
    "rubinstein_rates",
    "rubinstein_payoffs",
    "CoalitionalGame",
    "myerson_satterthwaite",
    "PrivateInformationTrade",
]


# ---------------------------------------------------------------------------------------------------------------
# Two-player bargaining problems
# ---------------------------------------------------------------------------------------------------------------
def _check_power(power) -> float:
    return check_real(power, "power", low=0, high=1, low_open=True, high_open=True)


def _check_point(value, name: str) -> tuple[float, float]:
    arr = check_array(value, name, shape=(2,))
    return float(arr[0]), float(arr[1])


def _pareto_hull(points: np.ndarray) -> np.ndarray:
    """Vertices of the Pareto boundary of the convex hull of ``points`` (with free disposal), by increasing u1."""
    pts = np.unique(points, axis=0)
    top = pts[:, 1].max()
    start = pts[pts[:, 1] >= top - 1e-12 * max(1.0, abs(top))][:, 0].max()
    pts = pts[pts[:, 0] >= start]
    order = np.lexsort((pts[:, 1], pts[:, 0]))
    pts = pts[order]
    hull: list[np.ndarray] = []
    for p in pts:  # upper hull by Andrew's monotone chain
        while len(hull) >= 2:
            o, a = hull[-2], hull[-1]
            cross = (a[0] - o[0]) * (p[1] - o[1]) - (a[1] - o[1]) * (p[0] - o[0])
            if cross >= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    chain = np.array(hull)
    # keep the non-increasing part starting at the highest point
    k = int(np.argmax(chain[:, 1] >= top - 1e-12 * max(1.0, abs(top))))
    return chain[k:]


@dataclass
class BargainingProblem:
    r"""A two-player bargaining problem: a convex feasible set given by its Pareto frontier, and a disagreement point.

    Exactly one of ``total`` (a transferable total: :math:`u_1 + u_2 \le` total) and ``frontier`` must be given.
    ``frontier`` is either a callable :math:`u_2 = f(u_1)` on ``domain = (lo, hi)`` (non-increasing and concave: the
    feasible set must be convex; free disposal below it), or an array of points of shape ``(k, 2)``, in which case
    the Pareto boundary of their convex hull is used (points inside the hull or dominated are ignored).

    Examples
    --------
    >>> p = BargainingProblem(frontier=[[0, 4], [3, 3], [4, 0], [1, 1]], disagreement=(0, 0))
    >>> p.vertices.tolist()
    [[0.0, 4.0], [3.0, 3.0], [4.0, 0.0]]
    >>> p.ideal
    (4.0, 4.0)
    """

    total: Any = None
    frontier: Any = None
    domain: Any = None
    disagreement: Any = (0.0, 0.0)
    kind: str = field(init=False)
    vertices: Any = field(init=False, default=None)

    def __post_init__(self):
        if (self.total is None) == (self.frontier is None):
            raise ValueError("give exactly one of total (a transferable total) and frontier (a callable or points) "
                             f"(got total={self.total!r}, frontier={'given' if self.frontier is not None else None})")
        self.disagreement = _check_point(self.disagreement, "disagreement")
        d1, d2 = self.disagreement
        if self.total is not None:
            self.kind = "total"
            if isinstance(self.total, str) or not isinstance(self.total, numbers.Real) or not math.isfinite(
                    float(self.total)):
                raise TypeError(f"total must be a finite number (got total={self.total!r})")
            self.total = float(self.total)
            self.lo, self.hi = -math.inf, math.inf
            if not d1 + d2 < self.total:
                raise ValueError(f"disagreement must lie strictly inside the feasible set: d1 + d2 < total "
                                 f"(got disagreement=({d1:g}, {d2:g}), total={self.total:g})")
            return
        if callable(self.frontier):
            self.kind = "callable"
            if self.domain is None:
                raise ValueError("domain=(lo, hi) is required with a callable frontier")
            lo, hi = _check_point(self.domain, "domain")
            if not lo < hi:
                raise ValueError(f"domain must satisfy lo < hi (got domain={self.domain!r})")
            self.lo, self.hi = lo, hi
            grid = np.linspace(lo, hi, 513)
            vals = np.array([float(self.frontier(u)) for u in grid])
            if not np.isfinite(vals).all():
                raise ValueError("frontier must return finite values on the whole domain")
            scale = max(1.0, float(np.abs(vals).max()))
            if (np.diff(vals) > 1e-9 * scale).any():
                raise ValueError("frontier must be non-increasing on the domain (it is the Pareto boundary)")
            if (np.diff(vals, 2) > 1e-7 * scale).any():
                raise ValueError("frontier must be concave on the domain (the feasible set must be convex); "
                                 "pass points instead to bargain over their convex hull")
            self._f = self.frontier
        else:
            self.kind = "points"
            try:
                pts = np.asarray(self.frontier, dtype=float)
            except (TypeError, ValueError):
                raise TypeError("frontier must be a callable or an array of points of shape (k, 2)") from None
            if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) == 0:
                raise ValueError(f"frontier points must have shape (k, 2) (got shape {pts.shape})")
            if not np.isfinite(pts).all():
                raise ValueError("frontier points must be finite")
            self.vertices = _pareto_hull(pts)
            self.lo, self.hi = float(self.vertices[0, 0]), float(self.vertices[-1, 0])
        if not self.f(d1) > d2 or not d1 < self.hi:
            raise ValueError(f"disagreement must lie strictly inside the feasible set (some feasible point must "
                             f"give both players more) (got disagreement=({d1:g}, {d2:g}))")

    # -- the frontier as a function ------------------------------------------------------------------------
    def f(self, u1: float) -> float:
        """Largest feasible :math:`u_2` given :math:`u_1` (``-inf`` beyond the frontier)."""
        if self.kind == "total":
            return self.total - u1
        if u1 > self.hi + 1e-12 * max(1.0, abs(self.hi)):
            return -math.inf
        u = min(max(u1, self.lo), self.hi)
        if self.kind == "callable":
            return float(self._f(u))
        if len(self.vertices) == 1:
            return float(self.vertices[0, 1])
        return float(np.interp(u, self.vertices[:, 0], self.vertices[:, 1]))

    def inverse(self, u2: float) -> float:
        """Largest feasible :math:`u_1` given that player 2 gets at least ``u2``."""
        if self.kind == "total":
            return self.total - u2
        if self.f(self.hi) >= u2:
            return self.hi
        from scipy.optimize import brentq

        return float(brentq(lambda u: self.f(u) - u2, self.lo, self.hi, xtol=1e-14, rtol=1e-15))

    @property
    def ideal(self) -> tuple[float, float]:
        """The ideal (utopia) point: each player's best payoff given the other gets the disagreement payoff."""
        d1, d2 = self.disagreement
        return self.inverse(d2), self.f(d1)

    def sample(self, k: int = 201) -> np.ndarray:
        """Points on the Pareto frontier between the disagreement payoffs, shape ``(k, 2)`` (for plotting)."""
        d1, d2 = self.disagreement
        if self.kind == "points":
            verts = self.vertices
            return verts.copy()
        lo = d1 if self.kind == "total" else self.lo
        hi = self.inverse(d2) if self.kind == "total" else self.hi
        u1 = np.linspace(lo, hi, k)
        return np.column_stack([u1, [self.f(u) for u in u1]])

    # -- solutions ------------------------------------------------------------------------------------------
    def _ray(self, v1: float, v2: float) -> tuple[float, float]:
        """Farthest feasible point :math:`d + t (v_1, v_2)`."""
        from scipy.optimize import brentq

        d1, d2 = self.disagreement
        t_max = (self.inverse(d2) - d1) / v1
        t = brentq(lambda t: self.f(d1 + t * v1) - d2 - t * v2, 0.0, t_max, xtol=1e-14, rtol=1e-15)
        return d1 + t * v1, self.f(d1 + t * v1)

    def nash(self, power: float = 0.5) -> BargainingSolution:
        r"""The (asymmetric) Nash bargaining solution :math:`\arg\max (u_1-d_1)^\alpha (u_2-d_2)^{1-\alpha}`."""
        alpha = _check_power(power)
        d1, d2 = self.disagreement
        if self.kind == "total":
            x1 = d1 + alpha * (self.total - d1 - d2)
            return BargainingSolution("Nash", (x1, self.total - x1), self.disagreement, alpha, self)
        hi = self.inverse(d2)
        if self.kind == "points":
            u1 = self._nash_points(alpha, hi)
        else:
            u1 = self._nash_callable(alpha, hi)
        return BargainingSolution("Nash", (u1, self.f(u1)), self.disagreement, alpha, self)

    def _nash_points(self, alpha: float, hi: float) -> float:
        r"""Exact Nash point on a piecewise-linear frontier: the first-order condition solved segment by segment.

        On a segment :math:`u_2 = y_0 + s (u_1 - x_0)` the condition
        :math:`\alpha (u_2 - d_2) + (1 - \alpha) s (u_1 - d_1) = 0` is linear, so
        :math:`u_1 = (1-\alpha) d_1 - \alpha (y_0 - s x_0 - d_2) / s`; candidates are these points (clipped to their
        segment) and the vertices, and the log Nash product picks the best.
        """
        d1, d2 = self.disagreement
        V = self.vertices
        cands = [float(v) for v in V[:, 0] if d1 < v <= hi]
        for (x0, y0), (x1, y1) in zip(V[:-1], V[1:]):
            if x1 <= x0:
                continue
            s = (y1 - y0) / (x1 - x0)
            if s < 0:
                u = (1 - alpha) * d1 - alpha * (y0 - s * x0 - d2) / s
                cands.append(float(min(max(u, x0), x1)))
        cands.append(hi)

        def log_product(u1):
            g1, g2 = u1 - d1, self.f(u1) - d2
            return alpha * math.log(g1) + (1 - alpha) * math.log(g2) if g1 > 0 and g2 > 0 else -math.inf

        return max((u for u in cands if d1 < u <= hi), key=log_product)

    def _nash_callable(self, alpha: float, hi: float) -> float:
        r"""Nash point on a concave callable frontier: brentq on the first-order condition.

        :math:`h(u_1) = \alpha (f(u_1) - d_2) + (1 - \alpha)(u_1 - d_1) f'(u_1)` is decreasing on a concave frontier,
        positive at :math:`d_1` and non-positive at the ideal point. :math:`f'` is exact when the callable accepts a
        sympy symbol (it is differentiated symbolically), otherwise a five-point central difference.
        """
        from scipy.optimize import brentq

        d1, d2 = self.disagreement
        lo, top = self.lo, self.hi
        deriv = None
        try:
            sp = sympy()
            u = sp.Symbol("u", real=True)
            expr = sp.sympify(self._f(u))
            if expr.free_symbols <= {u}:
                deriv = sp.lambdify(u, sp.diff(expr, u), "math")
                float(deriv(0.5 * (lo + top)))
        except Exception:  # noqa: BLE001 - any callable that does not accept a symbol falls back to differences
            deriv = None
        if deriv is None:
            step = 1e-3 * (top - lo)

            def deriv(x):
                h = min(step, (x - lo) / 2, (top - x) / 2) if lo < x < top else 0.0
                if h <= 0:
                    h = step
                    if x <= lo:
                        return (self.f(x + h) - self.f(x)) / h
                    return (self.f(x) - self.f(x - h)) / h
                f = self.f
                return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)

        def foc(x):
            return alpha * (self.f(x) - d2) + (1 - alpha) * (x - d1) * float(deriv(x))

        if foc(hi) >= 0:
            x0 = hi
        else:
            x0 = float(brentq(foc, d1, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps))
        # at a kink of the frontier the difference quotient smooths the condition over a few steps: polish with a
        # bounded search of the log Nash product there and keep it only if it is clearly better
        from scipy.optimize import minimize_scalar

        def neg_log(x):
            g1, g2 = x - d1, self.f(x) - d2
            return -(alpha * math.log(g1) + (1 - alpha) * math.log(g2)) if g1 > 0 and g2 > 0 else math.inf

        width = 4e-3 * (top - lo)
        a, b = max(d1, x0 - width), min(hi, x0 + width)
        if b > a:
            res = minimize_scalar(neg_log, bounds=(a, b), method="bounded", options={"xatol": 1e-15 * max(1, abs(b))})
            if neg_log(float(res.x)) < neg_log(x0) - 1e-12 * max(1.0, abs(neg_log(x0))):
                x0 = float(res.x)
        return x0

    def kalai_smorodinsky(self, power: float = 0.5) -> BargainingSolution:
        r"""The Kalai–Smorodinsky solution: the Pareto point on the segment from :math:`d` to the ideal point."""
        alpha = _check_power(power)
        d1, d2 = self.disagreement
        I1, I2 = self.ideal
        u = self._ray(alpha * (I1 - d1), (1 - alpha) * (I2 - d2))
        return BargainingSolution("Kalai–Smorodinsky", u, self.disagreement, alpha, self)

    def egalitarian(self, power: float = 0.5) -> BargainingSolution:
        r"""The egalitarian (proportional) solution.

        The Pareto point with gains in ratio :math:`\alpha : 1-\alpha`.
        """
        alpha = _check_power(power)
        u = self._ray(alpha, 1 - alpha)
        return BargainingSolution("egalitarian", u, self.disagreement, alpha, self)

    def rubinstein(self, delta1: float, delta2: float) -> BargainingSolution:
        r"""Stationary subgame-perfect payoffs of alternating offers when player 1 proposes first.

        Player 1 proposes :math:`x` and player 2 proposes :math:`y`, both on the frontier, with responders
        indifferent (gains measured from the disagreement point):
        :math:`x_2 - d_2 = \delta_2 (y_2 - d_2)` and :math:`y_1 - d_1 = \delta_1 (x_1 - d_1)`.
        """
        from scipy.optimize import brentq

        delta1 = check_delta(delta1, "delta1")
        delta2 = check_delta(delta2, "delta2")
        d1, d2 = self.disagreement
        hi = self.inverse(d2)

        def h(x1):
            y1 = d1 + delta1 * (x1 - d1)
            return self.f(x1) - d2 - delta2 * (self.f(y1) - d2)

        x1 = float(brentq(h, d1, hi, xtol=1e-14, rtol=1e-15))
        sol = BargainingSolution("Rubinstein", (x1, self.f(x1)), self.disagreement, None, self)
        sol.deltas = (float(delta1), float(delta2))
        return sol


@dataclass(repr=False)
class BargainingSolution(Result):
    """A point of a two-player bargaining problem chosen by a solution concept (``.payoffs``, ``.gains``)."""

    solution: str
    payoffs: tuple
    disagreement: tuple
    power: Any
    problem: Any = None
    deltas: Any = None
    title = "Bargaining solution"

    @property
    def gains(self) -> tuple:
        """Payoffs minus disagreement payoffs."""
        return tuple(p - d for p, d in zip(self.payoffs, self.disagreement))

    def to_frame(self):
        """The solution as a one-row DataFrame.

        Returns
        -------
        pandas.DataFrame
            Columns ``solution``, the payoffs ``u1, u2``, the disagreement point ``d1, d2`` and the
            bargaining ``power``.
        """
        import pandas as pd

        return pd.DataFrame({"solution": [self.solution], "u1": [self.payoffs[0]], "u2": [self.payoffs[1]],
                             "d1": [self.disagreement[0]], "d2": [self.disagreement[1]],
                             "power": [self.power]})


@formula(requires=[require("(power > 0) & (power < 1)", "power must lie in (0, 1)"),
                   require("d1 + d2 < total", "disagreement must lie strictly inside the feasible set: d1 + d2 < "
                                              "total")],
         symbol="u_1^N")
def nash_transferable(total, d1, d2, power):
    r"""Player 1's payoff in the asymmetric Nash solution over a transferable total.

    .. math::

        u_1^N = d_1 + \alpha\,(\text{total} - d_1 - d_2), \qquad u_2^N = \text{total} - u_1^N .

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.
    Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person bargaining. *International Journal
    of Game Theory* 6(3), 129–133.

    Examples
    --------
    >>> nash_transferable(10, 2, 4, 0.25)
    3.0
    """
    return d1 + power * (total - d1 - d2)


def _solve(method: str, total, frontier, domain, disagreement, power):
    if total is not None and frontier is None and (is_symbolic(total) or is_symbolic(disagreement)
                                                     or is_symbolic(power)):
        d1, d2 = disagreement
        x1 = nash_transferable(total, d1, d2, power)
        return BargainingSolution(method, (x1, total - x1), tuple(disagreement), power, None)
    problem = BargainingProblem(total=total, frontier=frontier, domain=domain, disagreement=disagreement)
    if method == "Nash":
        return problem.nash(power)
    if method == "Kalai–Smorodinsky":
        return problem.kalai_smorodinsky(power)
    return problem.egalitarian(power)


def nash_solution(*, total=None, frontier=None, domain=None, disagreement=(0, 0), power=0.5) -> BargainingSolution:
    r"""The (asymmetric) Nash bargaining solution.

    .. math::

        u^N = \arg\max_{u \in U,\; u \ge d} (u_1 - d_1)^{\alpha} (u_2 - d_2)^{1 - \alpha}

    Over a transferable total this is :math:`u_1 = d_1 + \alpha(\text{total} - d_1 - d_2)` (symbolic input
    allowed: see :func:`nash_transferable`); over a frontier it is found numerically (the log Nash product is
    concave along a concave frontier).

    Parameters
    ----------
    total : number or sympy expression, optional
        A transferable total to split.
    frontier : callable or array of shape (k, 2), optional
        The Pareto frontier :math:`u_2 = f(u_1)` on ``domain``, or points whose convex hull is the feasible set.
    domain : (lo, hi), optional
        Interval of :math:`u_1` on which a callable frontier is defined.
    disagreement : pair
        Disagreement point :math:`d`, strictly inside the feasible set.
    power : float in (0, 1)
        Player 1's bargaining power :math:`\alpha`.

    Returns
    -------
    BargainingSolution
        With ``.payoffs`` and ``.gains``.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.
    Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person bargaining. *International Journal
    of Game Theory* 6(3), 129–133.

    Examples
    --------
    >>> nash_solution(total=1, power=0.3).payoffs
    (0.3, 0.7)
    >>> s = nash_solution(frontier=lambda u: 1 - u**2, domain=(0, 1))
    >>> [round(v, 6) for v in s.payoffs]
    [0.57735, 0.666667]
    """
    return _solve("Nash", total, frontier, domain, disagreement, power)


def kalai_smorodinsky(*, total=None, frontier=None, domain=None, disagreement=(0, 0),
                      power=0.5) -> BargainingSolution:
    r"""The Kalai–Smorodinsky solution: the Pareto point on the line from :math:`d` to the ideal point :math:`I`.

    .. math::

        u^{KS} = d + t^* \bigl(2\alpha (I_1 - d_1),\; 2(1-\alpha)(I_2 - d_2)\bigr), \qquad
        t^* = \max\{t : d + t(\cdot) \in U\},

    with :math:`I_1 = \max\{u_1 : u \in U, u_2 \ge d_2\}` and :math:`I_2` likewise. ``power`` other than 1/2 gives
    the asymmetric version of Dubra (2001).

    References
    ----------
    Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem. *Econometrica* 43(3),
    513–518.
    Dubra, J. (2001). An asymmetric Kalai–Smorodinsky solution. *Economics Letters* 73(2), 131–136.

    Examples
    --------
    >>> s = kalai_smorodinsky(frontier=lambda u: 1 - u**2, domain=(0, 1))
    >>> [round(v, 6) for v in s.payoffs]
    [0.618034, 0.618034]
    """
    return _solve("Kalai–Smorodinsky", total, frontier, domain, disagreement, power)


def egalitarian(*, total=None, frontier=None, domain=None, disagreement=(0, 0), power=0.5) -> BargainingSolution:
    r"""The egalitarian solution (proportional for ``power`` other than 1/2): equal gains on the Pareto frontier.

    .. math::

        u^E = d + t^* (\alpha, 1 - \alpha), \qquad t^* = \max\{t : d + t(\alpha, 1 - \alpha) \in U\} .

    References
    ----------
    Kalai, E. (1977). Proportional solutions to bargaining situations: interpersonal utility comparisons.
    *Econometrica* 45(7), 1623–1630.

    Examples
    --------
    >>> egalitarian(total=10, disagreement=(2, 4)).payoffs
    (4.0, 6.0)
    """
    return _solve("egalitarian", total, frontier, domain, disagreement, power)


_RUB_REQUIRES = [
    require("(delta1 >= 0) & (delta1 <= 1)", "delta1 must lie in [0, 1]"),
    require("(delta2 >= 0) & (delta2 <= 1)", "delta2 must lie in [0, 1]"),
    require("delta1 * delta2 < 1", "at least one of delta1, delta2 must be below 1"),
]


@formula(requires=_RUB_REQUIRES, symbol="x_1^*")
def rubinstein_share(delta1, delta2):
    r"""The first proposer's share of a unit pie in Rubinstein's alternating-offers game.

    .. math::

        x_1^* = \frac{1 - \delta_2}{1 - \delta_1 \delta_2} .

    References
    ----------
    Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97–109.

    Examples
    --------
    >>> round(rubinstein_share(0.9, 0.8), 6)
    0.714286
    """
    return (1 - delta2) / (1 - delta1 * delta2)


def rubinstein(delta1, delta2, *, outside_options=None):
    r"""The two shares of a unit pie in the subgame-perfect equilibrium of Rubinstein's game (player 1 proposes).

    .. math::

        x_1 = \frac{1 - \delta_2}{1 - \delta_1\delta_2}, \qquad x_2 = \frac{\delta_2 (1 - \delta_1)}{1 - \delta_1
        \delta_2} .

    With ``outside_options=(w1, w2)`` (``w1 + w2 < 1``) a responder may opt out and take :math:`w_i`; by the outside
    option principle an option binds only when it beats the responder's continuation value: the equilibrium demands
    :math:`x_1 = 1 - \max(w_2, \delta_2 y_2)` and :math:`y_2 = 1 - \max(w_1, \delta_1 x_1)`.

    Parameters
    ----------
    delta1, delta2 : number, array or sympy expression
        Discount factors in [0, 1], not both 1.
    outside_options : pair of numbers, optional
        Outside options :math:`(w_1, w_2)` (numbers only).

    Returns
    -------
    tuple
        Player 1's and player 2's shares.

    References
    ----------
    Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97–109.
    Binmore, K., Shaked, A. & Sutton, J. (1989). An outside option experiment. *Quarterly Journal of Economics*
    104(4), 753–770.

    Examples
    --------
    >>> [round(v, 6) for v in rubinstein(0.9, 0.8)]
    [0.714286, 0.285714]
    >>> [round(v, 6) for v in rubinstein(0.9, 0.9, outside_options=(0, 0.6))]
    [0.4, 0.6]
    """
    x1 = rubinstein_share(delta1, delta2)
    if outside_options is None:
        return x1, 1 - x1
    w1, w2 = _check_point(outside_options, "outside_options")
    if min(w1, w2) < 0 or w1 + w2 >= 1:
        raise ValueError("outside_options must be non-negative with w1 + w2 < 1 "
                         f"(got outside_options={outside_options!r})")
    d1, d2 = float(delta1), float(delta2)
    y2 = rubinstein_share(d2, d1)
    candidates = [(x1, y2), (1 - w2, 1 - d1 * (1 - w2)), (1 - d2 * (1 - w1), 1 - w1), (1 - w2, 1 - w1)]
    for a, b in candidates:
        if abs(a - (1 - max(w2, d2 * b))) < 1e-10 and abs(b - (1 - max(w1, d1 * a))) < 1e-10:
            return a, 1 - a
    raise RuntimeError("no stationary equilibrium found (please report the parameters)")  # pragma: no cover


@formula(requires=[require("r1 > 0", "r1 (player 1's discount rate) must be positive"),
                   require("r2 > 0", "r2 (player 2's discount rate) must be positive"),
                   require("period > 0", "period (the time between offers) must be positive")],
         symbol="x_1^*")
def rubinstein_rates(r1, r2, period):
    r"""The first proposer's share with discount rates :math:`r_i` and time :math:`\Delta` between offers.

    .. math::

        x_1^* = \frac{1 - e^{-r_2 \Delta}}{1 - e^{-(r_1 + r_2)\Delta}} \;\longrightarrow\; \frac{r_2}{r_1 + r_2}
        \quad (\Delta \to 0),

    the asymmetric Nash solution with power :math:`r_2/(r_1+r_2)` (Binmore, Rubinstein & Wolinsky 1986).

    References
    ----------
    Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in economic modelling.
    *RAND Journal of Economics* 17(2), 176–188.

    Examples
    --------
    >>> round(rubinstein_rates(0.1, 0.3, 1e-6), 6)
    0.75
    """
    sp = _sympy()
    return (1 - sp.exp(-r2 * period)) / (1 - sp.exp(-(r1 + r2) * period))


def _sympy():
    import sympy

    return sympy


def rubinstein_payoffs(delta1, delta2, *, total=None, frontier=None, domain=None,
                       disagreement=(0, 0)) -> BargainingSolution:
    r"""Subgame-perfect payoffs of alternating offers over a general frontier (player 1 proposes first).

    The stationary proposals :math:`x, y` on the frontier satisfy

    .. math::

        x_2 - d_2 = \delta_2 (y_2 - d_2), \qquad y_1 - d_1 = \delta_1 (x_1 - d_1),

    and converge to the Nash solution as the time between offers shrinks (Binmore, Rubinstein & Wolinsky 1986).

    References
    ----------
    Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97–109.
    Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in economic modelling.
    *RAND Journal of Economics* 17(2), 176–188.

    Examples
    --------
    >>> [round(v, 6) for v in rubinstein_payoffs(0.9, 0.8, total=1).payoffs]
    [0.714286, 0.285714]
    """
    problem = BargainingProblem(total=total, frontier=frontier, domain=domain, disagreement=disagreement)
    return problem.rubinstein(delta1, delta2)


# ---------------------------------------------------------------------------------------------------------------
# Bargaining under private information (Myerson & Satterthwaite 1983)
# ---------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class PrivateInformationTrade(Result):
    r"""Efficiency of voluntary bargaining when both regions have private information (uniform types).

    ``threshold`` :math:`k`: the best incentive-compatible, individually rational, budget-balanced mechanism trades
    iff :math:`v - c \ge k`; ``first_best`` and ``second_best`` are the expected gains from trade with and without
    that restriction, ``subsidy`` the expected deficit an outside budget must cover to trade efficiently.
    """

    cost: tuple
    value: tuple
    threshold: float
    multiplier: float
    first_best: float
    second_best: float
    trade_probability: float
    efficient_trade_probability: float
    subsidy: float
    title = "Voluntary bargaining under private information (Myerson & Satterthwaite 1983)"

    @property
    def loss(self) -> float:
        """Expected gains from trade lost by the best voluntary mechanism: first best minus second best."""
        return self.first_best - self.second_best

    @property
    def efficiency(self) -> float:
        """Second-best over first-best gains (1 when voluntary bargaining is efficient)."""
        return self.second_best / self.first_best if self.first_best > 0 else 1.0

    def to_frame(self):
        """The welfare figures of the trade as a one-column DataFrame.

        Returns
        -------
        pandas.DataFrame
            Column ``value``, one row each for the first-best and second-best gains, the efficiency loss and efficiency,
            the trade threshold :math:`k`, the first-best and mechanism trade probabilities and the subsidy that makes
            efficient trade possible.
        """
        import pandas as pd

        return pd.DataFrame({"value": [self.first_best, self.second_best, self.loss, self.efficiency,
                                       self.threshold, self.efficient_trade_probability, self.trade_probability,
                                       self.subsidy]},
                            index=["gains, first best", "gains, best voluntary mechanism", "efficiency loss",
                                   "efficiency", "trade iff v - c >= k", "trade probability, first best",
                                   "trade probability, best mechanism", "subsidy for efficient trade"])


def _uniform_trade_integrals(c0, c1, v0, v1, k):
    """E[(v - c) 1{v-c>=k}], E[(phi_v - phi_c) 1{v-c>=k}], P(v - c >= k) for c ~ U[c0,c1], v ~ U[v0,v1]."""
    area = (c1 - c0) * (v1 - v0)

    def lower(c):
        return min(v1, max(v0, c + k))

    def gains(c):
        lo = lower(c)
        return ((v1 - c) ** 2 - (lo - c) ** 2) / 2

    def virtual(c):  # phi_v(v) - phi_c(c) = (2v - v1) - (2c - c0)
        lo = lower(c)
        return (v1**2 - lo**2) - (v1 + 2 * c - c0) * (v1 - lo)

    def prob(c):
        return v1 - lower(c)

    # between the break points the integrands are polynomials of degree <= 2 in c: Simpson's rule is exact
    pts = [c0, *sorted({x for x in (v0 - k, v1 - k) if c0 < x < c1}), c1]
    out = []
    for fn in (gains, virtual, prob):
        val = sum((b - a) / 6 * (fn(a) + 4 * fn((a + b) / 2) + fn(b)) for a, b in zip(pts[:-1], pts[1:]))
        out.append(val / area)
    return out


def myerson_satterthwaite(cost=(0, 1), value=(0, 1)) -> PrivateInformationTrade:
    r"""The best voluntary bargaining mechanism between two regions with private information (uniform types).

    Region *S* can hand over an industrial project (a plant, a quota, a site) that costs it :math:`c` (its private
    information, uniform on ``cost``); region *B* values it at :math:`v` (private, uniform on ``value``). Any
    bargaining procedure the regions can agree on voluntarily is a mechanism that is incentive compatible,
    individually rational and balances its budget. Myerson & Satterthwaite (1983) show that when the supports
    overlap no such mechanism trades whenever :math:`v > c`, and find the one that maximises the expected gains:
    with virtual valuations :math:`\phi_B(v) = v - (1 - F(v))/f(v)` and :math:`\phi_S(c) = c + G(c)/g(c)` it trades
    iff :math:`v - \alpha (1 - F)/f \ge c + \alpha G/g`, with :math:`\alpha` the smallest value that balances

    .. math::

        \mathbb{E}\bigl[(\phi_B(v) - \phi_S(c))\, 1\{\text{trade}\}\bigr] \ge 0 .

    For uniform types this is :math:`v - c \ge k = \alpha (\bar v - \underline c)/(1 + \alpha)`. On
    :math:`[0, 1]^2`: :math:`k = 1/4`, expected gains :math:`9/64` against the first best :math:`1/6` (an
    efficiency of :math:`27/32`), and an outside budget of :math:`1/6` would be needed to trade efficiently.

    This is the case *for* a third party with a budget (or for decentralised bargaining only where information
    is not private): voluntary bargaining between regions fails exactly when each knows something the other
    does not.

    Parameters
    ----------
    cost : (low, high)
        Support of the seller region's cost.
    value : (low, high)
        Support of the buyer region's value.

    Returns
    -------
    PrivateInformationTrade
        ``.first_best``, ``.second_best``, ``.loss``, ``.efficiency``, ``.threshold`` (:math:`k`), the trade
        probabilities and ``.subsidy`` (the expected deficit of the efficient mechanism, :math:`-\mathbb{E}[(\phi_B
        - \phi_S) 1\{v \ge c\}]`, zero when the supports do not overlap).

    References
    ----------
    Myerson, R. B. & Satterthwaite, M. A. (1983). Efficient mechanisms for bilateral trading. *Journal of Economic
    Theory* 29(2), 265–281.
    Chatterjee, K. & Samuelson, W. (1983). Bargaining under incomplete information. *Operations Research* 31(5),
    835–851.

    Examples
    --------
    >>> r = myerson_satterthwaite()
    >>> round(r.threshold, 12), round(r.second_best * 64, 10), round(r.first_best * 6, 10)
    (0.25, 9.0, 1.0)
    >>> round(r.efficiency * 32, 10), round(r.subsidy, 12)
    (27.0, 0.166666666667)
    """
    from scipy.optimize import brentq

    c0, c1 = _check_point(cost, "cost")
    v0, v1 = _check_point(value, "value")
    if not c0 < c1:
        raise ValueError(f"cost must be an interval (low, high) with low < high (got cost={cost!r})")
    if not v0 < v1:
        raise ValueError(f"value must be an interval (low, high) with low < high (got value={value!r})")
    if v1 <= c0:
        raise ValueError(f"trade must be possible: the highest value must exceed the lowest cost (got "
                         f"value={value!r}, cost={cost!r})")
    fb, b0, p0 = _uniform_trade_integrals(c0, c1, v0, v1, 0.0)
    scale = max(abs(c0), abs(c1), abs(v0), abs(v1))
    if b0 >= -1e-13 * scale:  # budget balance holds at the efficient rule: no loss
        k, alpha, sb, p = 0.0, 0.0, fb, p0
    else:
        k_max = v1 - c0
        # alpha = 1 (k = k_max / 2) maximises the expected virtual surplus, which is then positive: a bracket
        k = float(brentq(lambda t: _uniform_trade_integrals(c0, c1, v0, v1, t)[1], 0.0, k_max / 2,
                         xtol=1e-15 * scale, rtol=4 * np.finfo(float).eps))
        alpha = k / (k_max - k)
        sb, _, p = _uniform_trade_integrals(c0, c1, v0, v1, k)
    return PrivateInformationTrade((c0, c1), (v0, v1), k, alpha, fb, sb, p, p0, max(0.0, -b0))


# CoalitionalGame lives in :mod:`clustergames.coalitions`, and compare_governance next to the regional game in
# :mod:`clustergames.entry`; both stay reachable here (``cg.bargaining.CoalitionalGame``) for existing code.
from .coalitions import CoalitionalGame  # noqa: E402


def __getattr__(name: str):
    # compare_governance imports lazily: entry imports coalitions, so bargaining -> entry has no cycle.
    if name in ("compare_governance", "GovernanceComparison"):
        from . import entry

        return getattr(entry, name)
    raise AttributeError(f"module 'clustergames.bargaining' has no attribute {name!r}")
