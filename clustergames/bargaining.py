r"""Bargaining among local governments: Nash, Kalai–Smorodinsky, egalitarian and Rubinstein solutions, coalitional
games of regions (Shapley value, core, nucleolus), and bargaining versus administrative order.

The article asks local governments to "reject the strong government" and to negotiate over industry entry and
market access, each weighing how its choice affects the other regions, so that the total payoff rises. This module
provides

* two-player bargaining over a transferable total or a convex frontier (a callable on an interval, or a set of
  points whose convex hull is taken): :func:`nash_solution` (with bargaining power), :func:`kalai_smorodinsky`,
  :func:`egalitarian`, and the alternating-offers game of Rubinstein (:func:`rubinstein`,
  :func:`rubinstein_rates`, :func:`rubinstein_payoffs`), including outside options;
* :class:`CoalitionalGame`: transferable-utility games of regions with the Shapley value, the core (membership,
  emptiness by linear programming, vertices) and the nucleolus (a sequence of linear programs);
* :func:`compare_governance`: for a :class:`~clustergames.entry.RegionalEntryGame`, the non-cooperative
  equilibrium, an administrative allocation without transfers, the Nash bargaining outcome with transfers and the
  Shapley allocation side by side: each region's payoff, the total, who would walk away and whether the allocation
  is in the core.

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

import itertools
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

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
    "GovernanceComparison",
    "compare_governance",
]


# ---------------------------------------------------------------------------------------------------------------
# Two-player bargaining problems
# ---------------------------------------------------------------------------------------------------------------
def _check_power(power) -> float:
    if isinstance(power, str | bytes) or not isinstance(power, numbers.Real):
        raise TypeError(f"power must be a number in (0, 1) (got power={power!r})")
    p = float(power)
    if not (0.0 < p < 1.0):
        raise ValueError(f"power must lie in (0, 1) (got power={power})")
    return p


def _check_point(value, name: str) -> tuple[float, float]:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair of numbers (got {name}={value!r})") from None
    if arr.shape != (2,):
        raise ValueError(f"{name} must be a pair of numbers (got {name}={value!r})")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (got {name}={value!r})")
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
        from scipy.optimize import minimize_scalar

        hi = self.inverse(d2)

        def neg_log(u1):
            g1, g2 = u1 - d1, self.f(u1) - d2
            if g1 <= 0 or g2 <= 0:
                return math.inf
            return -(alpha * math.log(g1) + (1 - alpha) * math.log(g2))

        res = minimize_scalar(neg_log, bounds=(d1, hi), method="bounded",
                              options={"xatol": 1e-12 * max(1.0, abs(hi - d1))})
        u1 = float(res.x)
        return BargainingSolution("Nash", (u1, self.f(u1)), self.disagreement, alpha, self)

    def kalai_smorodinsky(self, power: float = 0.5) -> BargainingSolution:
        r"""The Kalai–Smorodinsky solution: the Pareto point on the segment from :math:`d` to the ideal point."""
        alpha = _check_power(power)
        d1, d2 = self.disagreement
        I1, I2 = self.ideal
        u = self._ray(alpha * (I1 - d1), (1 - alpha) * (I2 - d2))
        return BargainingSolution("Kalai–Smorodinsky", u, self.disagreement, alpha, self)

    def egalitarian(self, power: float = 0.5) -> BargainingSolution:
        r"""The egalitarian (proportional) solution: the Pareto point with gains in ratio :math:`\alpha : 1-\alpha`.
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

        for name, val in (("delta1", delta1), ("delta2", delta2)):
            if not (0.0 <= float(val) < 1.0):
                raise ValueError(f"{name} must lie in [0, 1) (got {name}={val})")
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
# Coalitional games
# ---------------------------------------------------------------------------------------------------------------
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
            if isinstance(worth, str | bytes) or not isinstance(worth, numbers.Real) or not math.isfinite(
                    float(worth)):
                raise ValueError(f"the worth of coalition {key!r} must be a finite number (got {worth!r})")
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
        if isinstance(n_players, bool) or not isinstance(n_players, numbers.Integral) or n_players < 1:
            raise ValueError(f"n_players must be a positive integer (got n_players={n_players!r})")
        n = int(n_players)
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
        inc = self._incidence
        proper = list(range(1, (1 << n) - 1))
        free = set(proper)
        fixed: dict[int, float] = {}
        span = [np.ones(n)]
        bounds = [(float(s), None) for s in singles] + [(None, None)]
        tol = 1e-9 * max(1.0, float(np.abs(self.v).max()))
        x = None
        for _ in range(len(proper) + 1):
            if np.linalg.matrix_rank(np.array(span), tol=1e-9) >= n or not free:
                break
            free_list = sorted(free)
            A_ub = np.hstack([-inc[free_list], np.ones((len(free_list), 1))])
            b_ub = -self.v[free_list]
            eq_rows = [np.append(np.ones(n), 0.0)]
            eq_rhs = [self.grand_worth]
            for m, e in fixed.items():
                eq_rows.append(np.append(inc[m], 0.0))
                eq_rhs.append(self.v[m] + e)
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
                newly = [m for m in free_list if abs(inc[m] @ x - self.v[m] - eps) <= tol]
            for m in newly:
                fixed[m] = eps
                free.discard(m)
                span.append(inc[m])
            basis = np.array(span)
            rank = np.linalg.matrix_rank(basis, tol=1e-9)
            for m in sorted(free):
                if np.linalg.matrix_rank(np.vstack([basis, inc[m]]), tol=1e-9) == rank:
                    free.discard(m)
        return np.asarray(x, dtype=float)

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
        import pandas as pd

        rows = []
        for m in range(1, 1 << self.n):
            members = [self.names[i] for i in range(self.n) if m >> i & 1]
            rows.append({"coalition": "{" + ", ".join(members) + "}", "size": int(self._sizes[m]),
                         "worth": float(self.v[m])})
        return pd.DataFrame(rows).sort_values(["size", "coalition"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------
# Bargaining versus administrative order
# ---------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class GovernanceComparison(Result):
    r"""Payoffs of every region under four ways of governing entry (see :func:`compare_governance`)."""

    regions: tuple
    allocations: dict
    disagreement: np.ndarray
    entry: dict
    in_core: dict
    rule: str
    game: Any = None
    coalitional: Any = None
    title = "Bargaining versus administrative order"

    def participation(self, name: str, tol: float = 1e-9) -> np.ndarray:
        """Whether each region gets at least its disagreement (equilibrium) payoff under allocation ``name``."""
        return self.allocations[name] >= self.disagreement - tol * max(1.0, float(np.abs(self.disagreement).max()))

    def to_frame(self):
        import pandas as pd

        rows = {}
        for name, pay in self.allocations.items():
            ok = self.participation(name)
            row = {r: float(p) for r, p in zip(self.regions, pay)}
            row["total"] = float(np.sum(pay))
            row["participation"] = bool(ok.all())
            row["walk away"] = ", ".join(r for r, good in zip(self.regions, ok) if not good)
            row["in core"] = self.in_core[name]
            rows[name] = row
        return pd.DataFrame.from_dict(rows, orient="index")

    def long(self):
        """Tidy frame: one row per allocation and region (for plotting)."""
        import pandas as pd

        rows = []
        for name, pay in self.allocations.items():
            ok = self.participation(name)
            for r, p, good, dis in zip(self.regions, pay, ok, self.disagreement):
                rows.append({"allocation": name, "region": r, "payoff": float(p), "disagreement": float(dis),
                             "participation": bool(good), "total": float(np.sum(pay)),
                             "in_core": self.in_core[name]})
        return pd.DataFrame(rows)


def compare_governance(game, *, rule: Any = "optimum", power=None) -> GovernanceComparison:
    r"""Bargaining versus administrative order in a regional entry game: four allocations side by side.

    1. **Non-cooperative equilibrium** :math:`d = u(x^{eq})`: each region admits firms for its own payoff.
    2. **Administrative order**: a planner fixes entry per region with no transfers: ``rule="optimum"`` imposes
       the joint optimum :math:`x^*`, ``rule="equal"`` equal quotas :math:`N^*/n`, or an array of quotas.
    3. **Nash bargaining with transfers**: the regions agree on :math:`x^*` and share the surplus,
       :math:`y_i = d_i + w_i \bigl(V - \sum_j d_j\bigr)` with :math:`V = \sum_i u_i(x^*)` and weights
       :math:`w` (``power``; equal by default), the :math:`n`-player Nash solution with transferable utility.
    4. **Shapley value** of the coalitional game :math:`v(S)` in which a coalition coordinates its entry and the
       others best-respond (:meth:`~clustergames.entry.RegionalEntryGame.coalitional_game`).

    A region whose payoff falls below :math:`d_i` would walk away (its participation constraint fails); an
    allocation is in the core when no coalition can do better on its own.

    Parameters
    ----------
    game : clustergames.entry.RegionalEntryGame
        The regional entry game.
    rule : {"optimum", "equal"} or array
        The administrative allocation rule.
    power : array, optional
        Bargaining weights of the regions (positive; normalised to sum to 1).

    Returns
    -------
    GovernanceComparison
        ``.to_frame()`` has one row per allocation: each region's payoff, the total, whether every region
        participates, who walks away, and whether the allocation is in the core.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.
    Shapley, L. S. (1953). A value for n-person games. *Annals of Mathematics Studies* 28, 307–317.
    Chander, P. & Tulkens, H. (1997). The core of an economy with multilateral environmental externalities.
    *International Journal of Game Theory* 26(3), 379–401.

    Examples
    --------
    >>> from clustergames.entry import RegionalEntryGame
    >>> g = RegionalEntryGame(3, a=10, b=1, cost=[1, 2, 3], damage=2, local_share=0.5)
    >>> t = compare_governance(g).to_frame()
    >>> t["participation"].tolist()
    [True, False, True, True]
    """
    from .entry import RegionalEntryGame

    if not isinstance(game, RegionalEntryGame):
        raise TypeError(f"game must be a RegionalEntryGame (got {type(game).__name__})")
    n = game.n_regions
    if power is None:
        w = np.full(n, 1.0 / n)
    else:
        w = np.asarray(power, dtype=float)
        if w.shape != (n,) or not np.isfinite(w).all() or (w <= 0).any():
            raise ValueError(f"power must be {n} positive bargaining weights (got power={power!r})")
        w = w / w.sum()
    eq = game.equilibrium()
    opt = game.joint_optimum()
    d = eq.payoffs
    if isinstance(rule, str):
        if rule == "optimum":
            quota = opt.entry
        elif rule == "equal":
            quota = np.full(n, opt.total_entry / n)
        else:
            raise ValueError(f"rule must be 'optimum', 'equal' or an array of quotas (got rule={rule!r})")
        rule_name = rule
    else:
        quota = np.asarray(rule, dtype=float)
        if quota.shape != (n,) or (quota < 0).any() or not np.isfinite(quota).all():
            raise ValueError(f"rule quotas must be {n} non-negative numbers (got rule={rule!r})")
        rule_name = "quotas"
    admin = game.payoffs(quota)
    V = opt.total
    nash = d + w * (V - d.sum())
    cg = game.coalitional_game()
    shap = cg.shapley()
    labels = ["non-cooperative", f"administrative ({rule_name})", "Nash bargaining", "Shapley value"]
    allocations = dict(zip(labels, [d, admin, nash, shap]))
    in_core = {k: cg.in_core(v, tol=1e-7 * max(1.0, abs(V))) for k, v in allocations.items()}
    entry = {labels[0]: eq.entry, labels[1]: quota, labels[2]: opt.entry, labels[3]: opt.entry}
    return GovernanceComparison(game.names, allocations, d, entry, in_core, rule_name, game, cg)
