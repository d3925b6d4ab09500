r"""Entry economics: excess entry, entry caps, the eco-chain commons, subsidy competition and a regional entry game.

The article asks local governments to "limit excessive entry and avoid vicious competition that breaks the
eco-chain". This module makes that claim quantitative with four classic models and one new one:

* :func:`cournot_entry`: homogeneous Cournot competition with a fixed entry cost (Mankiw & Whinston 1986): free
  entry exceeds the welfare-maximising number of firms because an entrant steals business from incumbents;
* :func:`salop_entry`: the circular city (Salop 1979): free entry is twice the optimum;
* :func:`commons_entry`: the eco-chain as a common-pool resource: free access is twice the optimum;
* :func:`subsidy_pact_delta`: regions bidding for a firm with subsidies play a prisoner's dilemma; a no-subsidy pact
  holds in the repeated game from :math:`\delta \ge 1 - 2s/V`;
* :class:`RegionalEntryGame`: :math:`n` regions admit firms to an industry serving a common market, with business
  stealing across regions and environmental damage that spills over to the neighbours. Its non-cooperative
  equilibrium, joint optimum and coalition values (for :mod:`clustergames.bargaining`) are computed exactly as
  linear complementarity problems and verified by direct optimisation; the symmetric case has a closed form.

Every closed form is a :func:`~clustergames.symbolic.formula`: numbers, numpy arrays or sympy symbols.

References
----------
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics* 17(1),
48–58.
Salop, S. C. (1979). Monopolistic competition with outside goods. *Bell Journal of Economics* 10(1), 141–156.
Gordon, H. S. (1954). The economic theory of a common-property resource: the fishery. *Journal of Political Economy*
62(2), 124–142.

Examples
--------
>>> from clustergames import entry
>>> r = entry.cournot_entry(a=10, b=1, c=2, F=1)
>>> round(r.free, 6), round(r.optimal, 6)
(7.0, 3.0)
>>> entry.salop_entry(t=4, f=1).free, entry.commons_entry(alpha=10, beta=1, c=2).optimal
(2.0, 4.0)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .results import Result
from .symbolic import formula, is_symbolic, require

__all__ = [
    "cournot_free_entry",
    "cournot_optimal_entry",
    "cournot_welfare",
    "cournot_profit",
    "cournot_entry",
    "CournotEntry",
    "salop_free_entry",
    "salop_optimal_entry",
    "salop_entry",
    "commons_free_entry",
    "commons_optimal_entry",
    "commons_entry",
    "EntryComparison",
    "subsidy_pact_delta",
    "subsidy_game",
    "regional_equilibrium_entry",
    "regional_optimal_entry",
    "RegionalEntryGame",
    "RegionalOutcome",
    "GovernanceComparison",
    "compare_governance",
]


def _sp():
    import sympy

    return sympy


# ---------------------------------------------------------------------------------------------------------------
# Cournot with free entry (Mankiw & Whinston 1986)
# ---------------------------------------------------------------------------------------------------------------
_COURNOT_REQUIRES = [
    require("b > 0", "b (the slope of inverse demand P = a - bQ) must be positive"),
    require("c >= 0", "c (the marginal cost) must be non-negative"),
    require("F > 0", "F (the fixed entry cost) must be positive"),
    require("a > c", "a (the demand intercept) must exceed the marginal cost c"),
]


@formula(requires=_COURNOT_REQUIRES, symbol="n^e")
def cournot_free_entry(a, b, c, F):
    r"""Free-entry number of Cournot firms (continuous), where profit net of the entry cost is zero.

    With inverse demand :math:`P = a - bQ`, marginal cost :math:`c` and entry cost :math:`F`, each of :math:`n`
    Cournot firms earns :math:`(a-c)^2 / (b (n+1)^2) - F`, so

    .. math::

        n^e = \frac{a - c}{\sqrt{b F}} - 1 .

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> cournot_free_entry(10, 1, 2, 1)
    7.0
    """
    return (a - c) / _sp().sqrt(b * F) - 1


@formula(requires=_COURNOT_REQUIRES, symbol="n^*")
def cournot_optimal_entry(a, b, c, F):
    r"""Welfare-maximising number of Cournot firms (continuous), given that firms compete à la Cournot.

    Welfare :math:`W(n)` (see :func:`cournot_welfare`) has :math:`W'(n) = (a-c)^2 / (b (n+1)^3) - F`, so

    .. math::

        n^* = \left(\frac{(a - c)^2}{b F}\right)^{1/3} - 1 ,

    and :math:`n^e + 1 = (n^* + 1)^{3/2} \ge n^* + 1`: free entry is excessive (business stealing).

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> round(cournot_optimal_entry(10, 1, 2, 1), 12)
    3.0
    """
    sp = _sp()
    return ((a - c) / sp.sqrt(b * F)) ** sp.Rational(2, 3) - 1


@formula(requires=_COURNOT_REQUIRES + [require("n >= 0", "n (the number of firms) must be non-negative")],
         symbol="W(n)")
def cournot_welfare(a, b, c, F, n):
    r"""Total surplus (consumer surplus plus profits net of entry costs) with :math:`n` Cournot firms.

    Total output is :math:`Q = n (a-c) / (b (n+1))`, consumer surplus :math:`b Q^2 / 2`, so

    .. math::

        W(n) = \frac{(a - c)^2}{b} \, \frac{n (n + 2)}{2 (n + 1)^2} - n F .

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> cournot_welfare(10, 1, 2, 1, 3)
    27.0
    """
    return (a - c) ** 2 / b * n * (n + 2) / (2 * (n + 1) ** 2) - n * F


@formula(requires=_COURNOT_REQUIRES + [require("n >= 0", "n (the number of firms) must be non-negative")],
         symbol=r"\pi(n)")
def cournot_profit(a, b, c, F, n):
    r"""Profit per firm net of the entry cost with :math:`n` symmetric Cournot firms.

    .. math::

        \pi(n) = \frac{(a - c)^2}{b (n + 1)^2} - F .

    References
    ----------
    Cournot, A. (1838). *Recherches sur les principes mathématiques de la théorie des richesses*. Paris: Hachette.

    Examples
    --------
    >>> cournot_profit(10, 1, 2, 1, 7)
    0.0
    """
    return (a - c) ** 2 / (b * (n + 1) ** 2) - F


@dataclass(repr=False)
class CournotEntry(Result):
    r"""Free entry against the welfare optimum in a Cournot market (see :func:`cournot_entry`).

    Attributes ``free`` and ``optimal`` are the continuous numbers of firms; ``free_integer`` is the largest
    integer number of firms that all break even and ``optimal_integer`` the integer maximiser of welfare;
    ``cap_gain`` is the welfare gained by capping entry at ``optimal_integer``.
    """

    a: Any
    b: Any
    c: Any
    F: Any
    free: Any
    optimal: Any
    free_integer: Any = None
    optimal_integer: Any = None
    title = "Cournot free entry (Mankiw & Whinston 1986)"

    def welfare(self, n):
        r"""Total surplus :math:`W(n)` with ``n`` firms (numbers, arrays or symbols; see :func:`cournot_welfare`)."""
        return cournot_welfare(self.a, self.b, self.c, self.F, n)

    def profit(self, n):
        r"""Profit per firm net of the entry cost with ``n`` firms (see :func:`cournot_profit`)."""
        return cournot_profit(self.a, self.b, self.c, self.F, n)

    @property
    def cap_gain(self):
        """Welfare gain :math:`W(n^*_{int}) - W(n^e_{int})` of capping entry at the integer optimum (>= 0)."""
        if self.free_integer is None:
            raise ValueError("cap_gain needs numeric parameters (the integer numbers of firms are undefined "
                             "for symbolic input)")
        return self.welfare(self.optimal_integer) - self.welfare(self.free_integer)

    def to_frame(self):
        import pandas as pd

        rows = {"free entry": (self.free, self.free_integer), "welfare optimum": (self.optimal, self.optimal_integer)}
        frame = pd.DataFrame(
            {"firms (continuous)": [v[0] for v in rows.values()],
             "firms (integer)": [v[1] for v in rows.values()]}, index=list(rows))
        if self.free_integer is not None and np.ndim(self.free_integer) == 0:
            frame["welfare W(n integer)"] = [self.welfare(self.free_integer), self.welfare(self.optimal_integer)]
        return frame

    def _repr_latex_(self) -> str:
        return (f"${cournot_free_entry.formula.latex()}, \\qquad {cournot_optimal_entry.formula.latex()}$")


def cournot_entry(a, b, c, F) -> CournotEntry:
    r"""Free entry against the welfare optimum with linear demand :math:`P = a - bQ` and Cournot competition.

    .. math::

        n^e = \frac{a - c}{\sqrt{bF}} - 1, \qquad n^* = \left(\frac{(a - c)^2}{bF}\right)^{1/3} - 1,
        \qquad n^e_{int} \ge n^*_{int} - 1 .

    The integer free-entry number is the largest :math:`n` with :math:`\pi(n) \ge 0`; the integer optimum maximises
    :math:`W(n)` over the integers (it is the floor or the ceiling of :math:`n^*` because :math:`W` is concave).
    Mankiw & Whinston show that with business stealing free entry is excessive, and with the integer constraint
    at most one firm short of the optimum.

    Parameters
    ----------
    a, b : number, array or sympy expression
        Inverse demand :math:`P = a - bQ` (``b > 0``).
    c : number, array or sympy expression
        Constant marginal cost (``0 <= c < a``).
    F : number, array or sympy expression
        Fixed entry cost (``F > 0``).

    Returns
    -------
    CournotEntry
        With ``.free``, ``.optimal``, ``.free_integer``, ``.optimal_integer``, ``.welfare(n)`` and ``.cap_gain``
        (the integer fields are None for symbolic input).

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> r = cournot_entry(a=10, b=1, c=2, F=1)
    >>> r.free_integer, r.optimal_integer, r.cap_gain
    (7, 3, 2.5)
    """
    free = cournot_free_entry(a, b, c, F)
    optimal = cournot_optimal_entry(a, b, c, F)
    if any(is_symbolic(v) for v in (a, b, c, F)):
        return CournotEntry(a, b, c, F, free, optimal)
    # integer free entry: largest n with profit >= 0 (a tolerance absorbs rounding in n^e)
    free_int = np.maximum(np.floor(np.asarray(free) + 1e-9), 0.0)
    lo = np.maximum(np.floor(np.asarray(optimal)), 0.0)
    hi = lo + 1.0
    w_lo = cournot_welfare(a, b, c, F, lo)
    w_hi = cournot_welfare(a, b, c, F, hi)
    opt_int = np.where(np.asarray(w_hi) > np.asarray(w_lo) + 1e-12, hi, lo)
    if np.ndim(free_int) == 0:
        free_int, opt_int = int(free_int), int(opt_int)
    else:
        free_int, opt_int = free_int.astype(int), opt_int.astype(int)
    return CournotEntry(a, b, c, F, free, optimal, free_int, opt_int)


# ---------------------------------------------------------------------------------------------------------------
# Salop's circle and the eco-chain commons
# ---------------------------------------------------------------------------------------------------------------
_SALOP_REQUIRES = [require("t > 0", "t (the transport cost per unit distance) must be positive"),
                   require("f > 0", "f (the fixed entry cost) must be positive")]


@formula(requires=_SALOP_REQUIRES, symbol="n^e")
def salop_free_entry(t, f):
    r"""Free-entry number of firms on Salop's circle of circumference 1 with linear transport cost.

    .. math::

        n^e = \sqrt{t / f} .

    References
    ----------
    Salop, S. C. (1979). Monopolistic competition with outside goods. *Bell Journal of Economics* 10(1), 141–156.

    Examples
    --------
    >>> salop_free_entry(4, 1)
    2.0
    """
    return _sp().sqrt(t / f)


@formula(requires=_SALOP_REQUIRES, symbol="n^*")
def salop_optimal_entry(t, f):
    r"""Number of firms on Salop's circle minimising entry plus transport costs :math:`n f + t / (4 n)`.

    .. math::

        n^* = \tfrac12 \sqrt{t / f} .

    References
    ----------
    Salop, S. C. (1979). Monopolistic competition with outside goods. *Bell Journal of Economics* 10(1), 141–156.

    Examples
    --------
    >>> salop_optimal_entry(4, 1)
    1.0
    """
    return _sp().sqrt(t / f) / 2


_COMMONS_REQUIRES = [
    require("beta > 0", "beta (the crowding coefficient of the eco-chain) must be positive"),
    require("c >= 0", "c (the entry cost per firm) must be non-negative"),
    require("alpha > c", "alpha (the return of the first firm) must exceed the entry cost c"),
]


@formula(requires=_COMMONS_REQUIRES, symbol="N^e")
def commons_free_entry(alpha, beta, c):
    r"""Free-access number of firms on a common-pool eco-chain with total return :math:`\alpha N - \beta N^2`.

    Firms enter until the average return equals the entry cost, :math:`\alpha - \beta N = c`:

    .. math::

        N^e = \frac{\alpha - c}{\beta} .

    References
    ----------
    Gordon, H. S. (1954). The economic theory of a common-property resource: the fishery. *Journal of Political
    Economy* 62(2), 124–142.

    Examples
    --------
    >>> commons_free_entry(10, 1, 2)
    8.0
    """
    return (alpha - c) / beta


@formula(requires=_COMMONS_REQUIRES, symbol="N^*")
def commons_optimal_entry(alpha, beta, c):
    r"""Number of firms maximising the eco-chain's net return :math:`\alpha N - \beta N^2 - c N`.

    The marginal (not the average) return equals the entry cost, :math:`\alpha - 2\beta N = c`:

    .. math::

        N^* = \frac{\alpha - c}{2 \beta} .

    References
    ----------
    Gordon, H. S. (1954). The economic theory of a common-property resource: the fishery. *Journal of Political
    Economy* 62(2), 124–142.

    Examples
    --------
    >>> commons_optimal_entry(10, 1, 2)
    4.0
    """
    return (alpha - c) / (2 * beta)


@dataclass(repr=False)
class EntryComparison(Result):
    """Free entry against the optimum for a model with a closed form (``.free``, ``.optimal``, ``.excess``)."""

    model: str
    params: dict
    free: Any
    optimal: Any
    title = "Free entry against the optimum"

    @property
    def excess(self):
        """Free entry minus the optimum."""
        return self.free - self.optimal

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"model": [self.model] * 2, "entry": ["free", "optimal"],
                             "firms": [self.free, self.optimal]})


def salop_entry(t, f) -> EntryComparison:
    r"""Free entry against the optimum on Salop's circle (unit circumference, linear transport cost ``t``).

    .. math::

        n^e = \sqrt{t/f} = 2 n^*, \qquad n^* = \tfrac12\sqrt{t/f} .

    References
    ----------
    Salop, S. C. (1979). Monopolistic competition with outside goods. *Bell Journal of Economics* 10(1), 141–156.

    Examples
    --------
    >>> r = salop_entry(t=9, f=1)
    >>> r.free, r.optimal
    (3.0, 1.5)
    """
    return EntryComparison("salop", {"t": t, "f": f}, salop_free_entry(t, f), salop_optimal_entry(t, f))


def commons_entry(alpha, beta, c) -> EntryComparison:
    r"""Free access against the optimum on an eco-chain with total return :math:`\alpha N - \beta N^2`.

    .. math::

        N^e = \frac{\alpha - c}{\beta} = 2 N^*, \qquad N^* = \frac{\alpha - c}{2\beta} .

    References
    ----------
    Gordon, H. S. (1954). The economic theory of a common-property resource: the fishery. *Journal of Political
    Economy* 62(2), 124–142.

    Examples
    --------
    >>> commons_entry(alpha=10, beta=1, c=2).excess
    4.0
    """
    return EntryComparison("commons", {"alpha": alpha, "beta": beta, "c": c},
                           commons_free_entry(alpha, beta, c), commons_optimal_entry(alpha, beta, c))


# ---------------------------------------------------------------------------------------------------------------
# Subsidy competition
# ---------------------------------------------------------------------------------------------------------------
@formula(requires=[require("value > 0", "value (the firm's worth to its host region) must be positive"),
                   require("subsidy >= 0", "subsidy must be non-negative")],
         threshold=True, symbol=r"\delta^*")
def subsidy_pact_delta(value, subsidy):
    r"""Discount factor from which two regions keep a no-subsidy pact (grim trigger).

    Two regions compete for a mobile firm worth :math:`V` to its host. A region that launches a subsidy programme
    pays :math:`s` whether or not it wins (land, infrastructure, announced tax holidays) and attracts the firm if
    the other region does not subsidise; otherwise the firm picks either region with probability 1/2. Payoffs
    :math:`T = V - s`, :math:`R = V/2`, :math:`P = V/2 - s`, :math:`S = 0` form a prisoner's dilemma for
    :math:`0 < s < V/2`, and the pact is a subgame-perfect equilibrium iff
    :math:`\delta \ge (T - R)/(T - P)`:

    .. math::

        \delta^* = 1 - \frac{2 s}{V} .

    Returns ``inf`` when :math:`s = 0` (nothing to punish with) and ``0`` when :math:`s \ge V/2` (subsidising does
    not pay even once).

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.
    Black, D. A. & Hoyt, W. H. (1989). Bidding for firms. *American Economic Review* 79(5), 1249–1256.

    Examples
    --------
    >>> subsidy_pact_delta(10, 2)
    0.6
    """
    return 1 - 2 * subsidy / value


def subsidy_game(value, subsidy):
    r"""The one-shot subsidy competition as a :class:`~clustergames.games.StageGame` (actions "no", "subsidise").

    .. math::

        T = V - s, \quad R = V/2, \quad P = V/2 - s, \quad S = 0 .

    References
    ----------
    Black, D. A. & Hoyt, W. H. (1989). Bidding for firms. *American Economic Review* 79(5), 1249–1256.

    Examples
    --------
    >>> g = subsidy_game(10, 2)
    >>> g.A.tolist()
    [[5.0, 0.0], [8.0, 3.0]]
    """
    from .games import StageGame

    V = float(value)
    s = float(subsidy)
    if not (V > 0):
        raise ValueError(f"value must be positive (got value={value})")
    if not (0 < s < V / 2):
        raise ValueError(f"subsidy must lie in (0, value/2) for a prisoner's dilemma (got subsidy={subsidy}, "
                         f"value={value})")
    A = [[V / 2, 0.0], [V - s, V / 2 - s]]
    return StageGame.symmetric(A, actions=["no", "subsidise"])


# ---------------------------------------------------------------------------------------------------------------
# The regional entry game
# ---------------------------------------------------------------------------------------------------------------
_REGIONAL_REQUIRES = [
    require("n_regions >= 1", "n_regions must be at least 1"),
    require("b > 0", "b (the business-stealing slope) must be positive"),
    require("c >= 0", "c (the entry cost per firm) must be non-negative"),
    require("d >= 0", "d (the linear damage per unit of pollution) must be non-negative"),
    require("e >= 0", "e (the convexity of damage) must be non-negative"),
    require("(local_share >= 0) & (local_share <= 1)", "local_share must lie in [0, 1]"),
    # equivalent to "n_regions >= 2 or local_share = 1" for integer n_regions and local_share in [0, 1]; written
    # without "|" because lambdify's logical_or.reduce fails on arguments of different shapes
    require("n_regions + local_share >= 2",
            "with a single region all damage stays local: local_share must be 1 when n_regions = 1"),
]


@formula(requires=_REGIONAL_REQUIRES, symbol="x^{eq}")
def regional_equilibrium_entry(n_regions, a, b, c=0, d=0, e=0, local_share=1):
    r"""Entry per region in the symmetric Nash equilibrium of the regional entry game.

    Region :math:`i` admits :math:`x_i` firms; each firm earns :math:`a - c - bN` (:math:`N = \sum_j x_j`,
    business stealing across regions); a share :math:`\lambda` of each firm's pollution stays at home and the rest
    spreads evenly over the other regions; damage in region :math:`i` is :math:`d L_i + e L_i^2/2` with load
    :math:`L_i`. The first-order condition :math:`a - c - bN - b x_i - \lambda (d + e L_i) = 0` at
    :math:`x_i = x`, :math:`L_i = x` gives

    .. math::

        x^{eq} = \max\left(0, \frac{a - c - \lambda d}{b (n + 1) + \lambda e}\right) .

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.
    Markusen, J. R. (1975). International externalities and optimal tax structures. *Journal of International
    Economics* 5(1), 15–29.

    Examples
    --------
    >>> regional_equilibrium_entry(3, a=10, b=1, c=2, d=2, local_share=0.5)
    1.75
    """
    sp = _sp()
    return sp.Max(0, (a - c - local_share * d) / (b * (n_regions + 1) + local_share * e))


@formula(requires=_REGIONAL_REQUIRES[:5], symbol="x^*")
def regional_optimal_entry(n_regions, a, b, c=0, d=0, e=0):
    r"""Entry per region that maximises the regions' total payoff in the symmetric regional entry game.

    The total payoff is :math:`N(a - c - d) - bN^2 - e \sum_i L_i^2 / 2` (the loads sum to :math:`N`; spill-overs
    only move damage around), maximised with equal loads :math:`L_i = N/n`:

    .. math::

        x^* = \max\left(0, \frac{a - c - d}{2 b n + e}\right) .

    The equilibrium exceeds it whenever :math:`x^* > 0`: business stealing (:math:`n+1` against :math:`2n`) and
    exported damage (:math:`\lambda d` against :math:`d`) both push entry up.

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> regional_optimal_entry(3, a=10, b=1, c=2, d=2)
    1.0
    """
    sp = _sp()
    return sp.Max(0, (a - c - d) / (2 * b * n_regions + e))


@dataclass(repr=False)
class RegionalOutcome(Result):
    """Entry, load, payoff per region for one outcome of the regional entry game (equilibrium, optimum, quota)."""

    label: str
    entry: np.ndarray
    payoffs: np.ndarray
    load: np.ndarray
    partition: tuple = ()
    regions: tuple = ()
    title = "Regional entry game"

    @property
    def total(self) -> float:
        """Sum of the regions' payoffs."""
        return float(np.sum(self.payoffs))

    @property
    def total_entry(self) -> float:
        """Total number of firms admitted."""
        return float(np.sum(self.entry))

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame({"firms admitted": self.entry, "pollution load": self.load, "payoff": self.payoffs},
                            index=pd.Index(list(self.regions), name=self.label))


@dataclass(repr=False, eq=False)
class RegionalEntryGame:
    r"""Regions admitting firms to an industry with a common market, business stealing and spill-over damage.

    Region :math:`i` admits :math:`x_i \ge 0` firms (continuous). Each firm earns :math:`a - c_i - bN` with
    :math:`N = \sum_j x_j`: the market is common, so every entrant steals business from firms in every region.
    A share :math:`\lambda_j` of the pollution of a firm in region :math:`j` stays in :math:`j` and the rest spreads
    evenly over the other :math:`n-1` regions, so the load of region :math:`i` is :math:`L = S x` with
    :math:`S_{ii} = \lambda_i`, :math:`S_{ij} = (1-\lambda_j)/(n-1)`. Region :math:`i`'s payoff is its firms'
    profit (or the tax it raises on them) minus its damage:

    .. math::

        u_i(x) = x_i (a - c_i - b N) - d_i L_i - \tfrac12 e_i L_i^2 .

    Parameters
    ----------
    n_regions : int
        Number of regions (at least 1).
    a, b : float
        Profit per firm of the first entrant and business-stealing slope (``b > 0``).
    cost, damage, convexity, local_share : float or array of length ``n_regions``
        Entry cost :math:`c_i \ge 0`, linear damage :math:`d_i \ge 0`, damage convexity :math:`e_i \ge 0` and the
        share :math:`\lambda_i \in [0, 1]` of pollution that stays local.
    names : sequence of str, optional
        Region names (default "region 1", "region 2", ...).

    Notes
    -----
    Every payoff is quadratic, so the equilibrium of any partition of the regions into coalitions (each coalition
    maximising its members' total payoff, the others best-responding) is the solution of a linear complementarity
    problem. :meth:`equilibrium` solves it exactly by block principal pivoting (Júdice & Pires 1994), with
    exhaustive support enumeration as a fallback (minimum-norm when some regions are interchangeable), and verifies
    the answer by maximising each coalition's payoff directly with :func:`scipy.optimize.minimize`.

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.
    Chander, P. & Tulkens, H. (1997). The core of an economy with multilateral environmental externalities.
    *International Journal of Game Theory* 26(3), 379–401.
    Júdice, J. J. & Pires, F. M. (1994). A block principal pivoting algorithm for large-scale strictly monotone
    linear complementarity problems. *Computers & Operations Research* 21(5), 587–596.

    Examples
    --------
    >>> g = RegionalEntryGame(3, a=10, b=1, cost=2, damage=2, local_share=0.5)
    >>> eq, opt = g.equilibrium(), g.joint_optimum()
    >>> eq.entry.round(6).tolist(), opt.entry.round(6).tolist()
    ([1.75, 1.75, 1.75], [1.0, 1.0, 1.0])
    >>> round(eq.total, 6), round(opt.total, 6)
    (3.9375, 9.0)
    """

    n_regions: int
    a: float = 10.0
    b: float = 1.0
    cost: Any = 0.0
    damage: Any = 0.0
    convexity: Any = 0.0
    local_share: Any = 1.0
    names: Any = None
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        n = self.n_regions
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n_regions must be an integer of at least 1 (got n_regions={n!r})")
        self.n_regions = int(n)
        for name in ("a", "b"):
            val = getattr(self, name)
            if isinstance(val, str) or not np.isfinite(np.asarray(val, dtype=float)).all() or np.ndim(val) != 0:
                raise ValueError(f"{name} must be a finite number (got {name}={val!r})")
            setattr(self, name, float(val))
        if self.b <= 0:
            raise ValueError(f"b (the business-stealing slope) must be positive (got b={self.b})")
        self.cost = self._vector("cost", self.cost, lo=0.0)
        self.damage = self._vector("damage", self.damage, lo=0.0)
        self.convexity = self._vector("convexity", self.convexity, lo=0.0)
        self.local_share = self._vector("local_share", self.local_share, lo=0.0, hi=1.0)
        if self.names is None:
            self.names = tuple(f"region {i + 1}" for i in range(n))
        else:
            self.names = tuple(str(s) for s in self.names)
            if len(self.names) != n:
                raise ValueError(f"names must have one entry per region ({n}) (got {len(self.names)})")
        S = np.empty((n, n))
        if n == 1:
            S[0, 0] = 1.0
        else:
            S[:] = (1.0 - self.local_share)[None, :] / (n - 1)
            np.fill_diagonal(S, self.local_share)
        self.spillover = S

    def _vector(self, name, value, lo=None, hi=None):
        if isinstance(value, str):
            raise TypeError(f"{name} must be a number or an array of numbers (got {value!r})")
        arr = np.asarray(value, dtype=float)
        if arr.ndim == 0:
            arr = np.full(self.n_regions, float(arr))
        if arr.shape != (self.n_regions,):
            raise ValueError(f"{name} must be a number or have one entry per region ({self.n_regions}) "
                             f"(got shape {arr.shape})")
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} must be finite (got {name}={value!r})")
        if lo is not None and (arr < lo).any():
            rule = f"lie in [{lo:g}, {hi:g}]" if hi is not None else "be non-negative"
            raise ValueError(f"{name} must {rule} (got {name}={value!r})")
        if hi is not None and (arr > hi).any():
            raise ValueError(f"{name} must lie in [{lo:g}, {hi:g}] (got {name}={value!r})")
        return arr

    # -- payoffs ---------------------------------------------------------------------------------------------
    def load(self, entry) -> np.ndarray:
        """Pollution load :math:`L = S x` of each region."""
        return self.spillover @ np.asarray(entry, dtype=float)

    def payoffs(self, entry) -> np.ndarray:
        r"""Payoff :math:`u_i(x)` of every region for entry vector ``entry``.

        Examples
        --------
        >>> RegionalEntryGame(2, a=10, b=1).payoffs([2, 3]).tolist()
        [10.0, 15.0]
        """
        x = np.asarray(entry, dtype=float)
        if x.shape != (self.n_regions,):
            raise ValueError(f"entry must have one value per region ({self.n_regions}) (got shape {x.shape})")
        if (x < 0).any():
            raise ValueError(f"entry must be non-negative (got entry={x.tolist()})")
        L = self.load(x)
        return x * (self.a - self.cost - self.b * x.sum()) - self.damage * L - 0.5 * self.convexity * L**2

    # -- equilibria of partitions ----------------------------------------------------------------------------
    def _partition(self, partition) -> tuple[tuple[int, ...], ...]:
        n = self.n_regions
        if partition is None:
            return tuple((i,) for i in range(n))
        blocks = [tuple(sorted(int(i) for i in block)) for block in partition]
        seen = [i for b in blocks for i in b]
        if sorted(seen) != list(range(n)):
            raise ValueError(f"partition must contain every region 0..{n - 1} exactly once (got {partition!r})")
        return tuple(sorted(blocks))

    def _lcp(self, blocks):
        """q and M of the first-order conditions g(x) = q - M x of the partition equilibrium."""
        n = self.n_regions
        S, b = self.spillover, self.b
        owner = np.empty(n, dtype=int)
        for k, block in enumerate(blocks):
            owner[list(block)] = k
        same = owner[:, None] == owner[None, :]  # same[j, k]: j and k in one coalition
        # g_j = a - c_j - b N - b sum_{k in B(j)} x_k - sum_{k in B(j)} S_kj (d_k + e_k (S x)_k)
        q = self.a - self.cost - (same * (S.T * self.damage[None, :])).sum(axis=1)
        M = b + b * same.astype(float) + (same * (S.T * self.convexity[None, :])) @ S
        return q, M

    @staticmethod
    def _try_support(q, M, idx, tol):
        """Solution with support ``idx`` if it solves the LCP, else None (minimum-norm on singular blocks)."""
        n = len(q)
        x = np.zeros(n)
        if idx:
            sol, *_ = np.linalg.lstsq(M[np.ix_(idx, idx)], q[idx], rcond=None)
            if (sol < -tol).any():
                return None
            x[idx] = np.maximum(sol, 0.0)
        g = q - M @ x
        if np.all(np.abs(g[idx]) <= 1e3 * tol) and np.all(np.delete(g, idx) <= 1e3 * tol):
            return x
        return None

    def _solve_lcp(self, q, M):
        n = len(q)
        tol = 1e-10 * max(1.0, float(np.abs(q).max()), float(np.abs(M).max()))
        # 1. block principal pivoting (Judice & Pires 1994): drop negative entries, add violated conditions; it
        #    solves the usual cases in a few steps and scales to many regions
        support = set(range(n))
        seen = set()
        for _ in range(4 * n + 10):
            idx = sorted(support)
            key = tuple(idx)
            if key in seen:
                break
            seen.add(key)
            x = np.zeros(n)
            if idx:
                x[idx] = np.linalg.lstsq(M[np.ix_(idx, idx)], q[idx], rcond=None)[0]
            g = q - M @ x
            drop = {i for i in idx if x[i] < -tol}
            add = {i for i in range(n) if i not in support and g[i] > 1e3 * tol}
            if not drop and not add:
                found = self._try_support(q, M, idx, tol)
                if found is not None:
                    return found
                break
            support = (support - drop) | add
        # 2. exhaustive support enumeration, largest supports first (exact; 2^n systems at most)
        if n > 16:
            raise RuntimeError(f"pivoting did not converge and support enumeration is too large for {n} regions "
                               "(please report the parameters)")
        subsets = itertools.chain.from_iterable(itertools.combinations(range(n), k) for k in range(n, -1, -1))
        for support_ in subsets:
            found = self._try_support(q, M, list(support_), tol)
            if found is not None:
                return found
        raise RuntimeError("no equilibrium found by support enumeration (please report the parameters)")

    def _block_payoff(self, block, x):
        return float(self.payoffs(x)[list(block)].sum())

    def _verify(self, blocks, x, tol=1e-7):
        from scipy.optimize import minimize

        for block in blocks:
            idx = list(block)
            base = self._block_payoff(block, x)

            def neg(z, idx=idx, block=block):
                y = x.copy()
                y[idx] = z
                return -self._block_payoff(block, y)

            best = base
            for start in (x[idx] + 0.5, np.full(len(idx), 0.1)):
                res = minimize(neg, start, method="L-BFGS-B", bounds=[(0, None)] * len(idx),
                               options={"ftol": 1e-15, "gtol": 1e-10})
                best = max(best, -res.fun)
            if best > base + tol * max(1.0, abs(base)):
                raise RuntimeError(f"coalition {block} gains {best - base:.3g} by deviating: the computed "
                                   f"equilibrium failed verification (please report the parameters)")

    def equilibrium(self, partition=None, *, verify: bool = True) -> RegionalOutcome:
        r"""Equilibrium entry when the regions form the coalitions in ``partition`` (default: all alone).

        Each coalition chooses its members' entry to maximise their total payoff, taking the others' entry as
        given; with singletons this is the non-cooperative Nash equilibrium, with the grand coalition the joint
        optimum (Chander & Tulkens 1997 call the mixed case the partial-agreement equilibrium). The first-order
        conditions

        .. math::

            x_j \ge 0, \quad g_j(x) = \sum_{k \in B(j)} \frac{\partial u_k}{\partial x_j} \le 0, \quad x_j g_j = 0

        form a linear complementarity problem, solved exactly; the answer is verified by maximising each
        coalition's payoff numerically.

        References
        ----------
        Chander, P. & Tulkens, H. (1997). The core of an economy with multilateral environmental externalities.
        *International Journal of Game Theory* 26(3), 379–401.

        Examples
        --------
        >>> g = RegionalEntryGame(3, a=10, b=1, cost=2, damage=2, local_share=0.5)
        >>> g.equilibrium([(0, 1), (2,)]).entry.round(4).tolist()
        [1.0, 1.0, 2.5]
        """
        blocks = self._partition(partition)
        if blocks in self._cache:
            return self._cache[blocks]
        q, M = self._lcp(blocks)
        x = self._solve_lcp(q, M)
        if verify:
            self._verify(blocks, x)
        n = self.n_regions
        label = ("Nash equilibrium" if len(blocks) == n else "joint optimum" if len(blocks) == 1
                 else f"partition {blocks}")
        out = RegionalOutcome(label, x, self.payoffs(x), self.load(x), blocks, self.names)
        self._cache[blocks] = out
        return out

    def joint_optimum(self) -> RegionalOutcome:
        r"""Entry maximising the regions' total payoff :math:`\sum_i u_i(x)` (the grand coalition's choice).

        Examples
        --------
        >>> RegionalEntryGame(2, a=10, b=1).joint_optimum().total_entry
        5.0
        """
        return self.equilibrium([tuple(range(self.n_regions))])

    def outcome(self, entry, label: str = "quota") -> RegionalOutcome:
        """The :class:`RegionalOutcome` of an entry vector fixed from outside (e.g. an administrative quota)."""
        x = np.asarray(entry, dtype=float)
        return RegionalOutcome(label, x, self.payoffs(x), self.load(x), (), self.names)

    def excess_entry(self) -> float:
        """Total equilibrium entry minus total entry at the joint optimum."""
        return self.equilibrium().total_entry - self.joint_optimum().total_entry

    def coalition_value(self, coalition) -> float:
        """Worth of a coalition: its members' total payoff when it coordinates and the others best-respond."""
        members = tuple(sorted(int(i) for i in coalition))
        if not members:
            return 0.0
        rest = [(i,) for i in range(self.n_regions) if i not in members]
        out = self.equilibrium([members, *rest])
        return float(out.payoffs[list(members)].sum())

    def coalitional_game(self):
        r"""The characteristic function of the regions as a :class:`clustergames.bargaining.CoalitionalGame`.

        :math:`v(S)` is the coalition's total payoff in the equilibrium where :math:`S` coordinates its entry and
        every outsider best-responds alone (the :math:`\gamma`-characteristic function of Chander & Tulkens 1997).

        Examples
        --------
        >>> g = RegionalEntryGame(3, a=10, b=1, cost=2, damage=2, local_share=0.5)
        >>> round(g.coalitional_game().worth((0, 1, 2)), 6)
        9.0
        """
        from .coalitions import CoalitionalGame

        n = self.n_regions
        if n > 12:
            raise ValueError(f"coalitional_game needs at most 12 regions (2^n coalitions; got n_regions={n})")
        values = {}
        for k in range(1, n + 1):
            for members in itertools.combinations(range(n), k):
                values[members] = self.coalition_value(members)
        return CoalitionalGame(values, n_players=n, names=self.names)


# ---------------------------------------------------------------------------------------------------------------
# Bargaining versus administrative order (next to the regional game it compares; re-exported by bargaining)
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
