r"""Entry economics: excess entry, entry caps, the eco-chain commons, subsidy competition and a regional entry game.

The article asks local governments to "limit excessive entry and avoid vicious competition that breaks the
eco-chain". This module makes that claim quantitative with four classic models and one new one:

* :func:`cournot_entry`: homogeneous Cournot competition with a fixed entry cost (Mankiw & Whinston 1986): free
  entry exceeds the welfare-maximising number of firms because an entrant steals business from incumbents;
* :func:`salop_entry`: the circular city (Salop 1979): free entry is twice the optimum;
* :func:`commons_entry`: the eco-chain as a common-pool resource: free access is twice the optimum;
* :func:`subsidy_pact_delta`: regions bidding for a footloose firm with subsidies play a prisoner's dilemma; a
  no-subsidy pact holds in the repeated game from :math:`\delta \ge 1 - 2s/V` (an artefact of identical bidders);
  :func:`agglomeration_tax`: a region hosting a cluster can tax part of the agglomeration rent instead
  (Baldwin & Krugman 2004);
* :class:`RegionalEntryGame`: :math:`n` regions admit firms to an industry serving a common market, with business
  stealing across regions and environmental damage that spills over to the neighbours. Its non-cooperative
  equilibrium, joint optimum, welfare optimum (consumers included) and coalition values are computed exactly as
  linear complementarity problems and verified by direct optimisation; the symmetric case has a closed form;
* :func:`compare_governance`: non-cooperation, administrative order, a strong government with transfers, Nash
  bargaining and the Shapley value, judged by the regions' payoffs or by total welfare
  (``welfare="regions" | "total"``); :func:`bargaining_welfare_damage`: when the regions' bargain raises total
  welfare at all.

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

from ._validation import check_array, check_choice, check_positive_int, check_real, check_size
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
    "agglomeration_tax",
    "regional_equilibrium_entry",
    "regional_optimal_entry",
    "RegionalEntryGame",
    "RegionalOutcome",
    "GovernanceComparison",
    "compare_governance",
    "bargaining_welfare_damage",
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
        """Free entry against the welfare optimum.

        Returns
        -------
        pandas.DataFrame
            Rows ``free entry`` and ``welfare optimum``; columns the continuous and integer numbers of firms and, for a
            scalar integer free-entry number, the welfare at the integer numbers of firms.
        """
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
        """The free and optimal numbers of firms of the model.

        Returns
        -------
        pandas.DataFrame
            Two rows (``free``, ``optimal``) with columns ``model``, ``entry`` and ``firms``.
        """
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

    "The costlier the subsidy war, the easier the pact" is an artefact of the prisoner's-dilemma assumption
    (identical regions bidding for one footloose firm, subsidies as pure waste). The article *recommends*
    subsidies to attract firms, and with agglomeration the regions are not identical: see
    :func:`agglomeration_tax`.

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

    V = check_real(value, "value", low=0, low_open=True)
    s = check_real(subsidy, "subsidy")
    if not (0 < s < V / 2):
        raise ValueError(f"subsidy must lie in (0, value/2) for a prisoner's dilemma (got subsidy={subsidy}, "
                         f"value={value})")
    A = [[V / 2, 0.0], [V - s, V / 2 - s]]
    return StageGame.symmetric(A, actions=["no", "subsidise"])


@formula(requires=[require("rent >= 0", "rent (the agglomeration rent a firm loses by leaving) must be "
                                         "non-negative")],
         symbol=r"\tau_H")
def agglomeration_tax(rent, rival_tax=0):
    r"""The highest tax a region hosting a cluster can levy per firm without losing it (Baldwin & Krugman 2004).

    A firm in the cluster earns an agglomeration rent :math:`A` (shared suppliers, trained labour, the regional
    brand) that it loses if it moves: its exit opportunity cost. It stays while the host's tax does not exceed the
    rival's tax (negative: a subsidy) by more than that rent, so the host can tax part of the rent away:

    .. math::

        \tau_H = \tau_R + A .

    The symmetric subsidy war of :func:`subsidy_pact_delta` (a prisoner's dilemma: "the costlier the war, the
    easier the pact") assumes that regions are identical bidders for a footloose firm. With agglomeration they are
    not: the host does not need subsidies to keep its cluster, and a rival must outbid the whole rent to take it.
    Subsidies, which the article recommends, pay to *start* a cluster (before the rent exists), not to keep one:
    the exit cost of the firms becomes the host region's taxing power.

    Parameters
    ----------
    rent : number, array or sympy expression
        Agglomeration rent per firm :math:`A \ge 0`.
    rival_tax : number, array or sympy expression
        The rival region's tax per firm :math:`\tau_R` (negative for a subsidy).

    References
    ----------
    Baldwin, R. E. & Krugman, P. (2004). Agglomeration, integration and tax harmonisation. *European Economic
    Review* 48(1), 1–23.

    Examples
    --------
    >>> agglomeration_tax(3, rival_tax=-1)   # the rival subsidises 1: the host can still tax 2
    2.0
    """
    return rival_tax + rent


# ---------------------------------------------------------------------------------------------------------------
# The regional entry game
# ---------------------------------------------------------------------------------------------------------------
_REGIONAL_REQUIRES = [
    require("n_regions >= 1", "n_regions must be at least 1"),
    require("Eq(n_regions, floor(n_regions))", "n_regions must be a whole number of regions"),
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


@formula(requires=_REGIONAL_REQUIRES[:6], symbol="x^*")
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
    consumer_surplus: float = float("nan")
    title = "Regional entry game"

    @property
    def total(self) -> float:
        """Sum of the regions' payoffs (profits or taxes minus damage): the ``welfare="regions"`` criterion."""
        return float(np.sum(self.payoffs))

    @property
    def welfare(self) -> float:
        r"""Total welfare :math:`\sum_i u_i + CS`: the regions' payoffs plus the consumers' surplus :math:`bN^2/2`."""
        return self.total + float(self.consumer_surplus)

    @property
    def total_entry(self) -> float:
        """Total number of firms admitted."""
        return float(np.sum(self.entry))

    def to_frame(self):
        """The outcome per region.

        Returns
        -------
        pandas.DataFrame
            One row per region with the firms admitted, the pollution load and the region's payoff.
        """
        import pandas as pd

        return pd.DataFrame({"firms admitted": self.entry, "pollution load": self.load, "payoff": self.payoffs},
                            index=pd.Index(list(self.regions), name=self.label))

    def summary(self) -> dict:
        """Totals: firms, the regions' payoff, the consumers' surplus and total welfare."""
        return {"firms": self.total_entry, "regions' payoff": self.total,
                "consumer surplus": float(self.consumer_surplus), "total welfare": self.welfare}


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

    **Welfare accounting.** Each firm sells one unit at the price :math:`P = a - bN`, so the consumers' surplus is
    :math:`CS = bN^2/2`, and total welfare is

    .. math::

        W(x) = \sum_i u_i(x) + \frac{b N^2}{2} = \sum_i x_i (a - c_i) - \frac{b N^2}{2} - \sum_i \Bigl(d_i L_i
        + \tfrac12 e_i L_i^2\Bigr) ;

    taxes and subsidies between a region and its firms, and transfers between regions, are transfers and cancel.
    ``welfare="regions"`` judges outcomes by :math:`\sum_i u_i` (right when the output is exported and the consumers
    live elsewhere); ``welfare="total"`` by :math:`W` (right when the consumers are local). With local consumers the
    regions' joint optimum is a cartel: it restricts output to raise the price, and total welfare can fall.

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
    welfare : {"regions", "total"}
        The criterion of :meth:`optimum` and of :func:`compare_governance`: the regions' payoffs, or total welfare
        including the consumers' surplus.

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

    With local consumers the bargain is a cartel (total welfare falls from 17.72 to 13.5 here):

    >>> round(eq.welfare, 4), round(opt.welfare, 4), g.welfare_optimum().total_entry
    (17.7188, 13.5, 6.0)
    """

    n_regions: int
    a: float = 10.0
    b: float = 1.0
    cost: Any = 0.0
    damage: Any = 0.0
    convexity: Any = 0.0
    local_share: Any = 1.0
    names: Any = None
    welfare: str = "regions"
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        n = check_positive_int(self.n_regions, "n_regions")
        check_size(n * n, "n_regions ** 2 (the spill-over matrix)")
        self.n_regions = n
        self.a = check_real(self.a, "a")
        self.b = check_real(self.b, "b", low=0, low_open=True, rule="positive (the business-stealing slope)")
        self.welfare = check_choice(self.welfare, "welfare", ("regions", "total"))
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
        arr = check_array(value, name)
        if arr.ndim == 0:
            arr = np.full(self.n_regions, float(arr))
        if arr.shape != (self.n_regions,):
            raise ValueError(f"{name} must be a number or have one entry per region ({self.n_regions}) "
                             f"(got shape {arr.shape})")
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
        r"""Payoff :math:`u_i(x)` of every region for entry vector ``entry`` (or a stack of them, regions last).

        Examples
        --------
        >>> RegionalEntryGame(2, a=10, b=1).payoffs([2, 3]).tolist()
        [10.0, 15.0]
        >>> RegionalEntryGame(2, a=10, b=1).payoffs([[2, 3], [1, 1]]).tolist()
        [[10.0, 15.0], [8.0, 8.0]]
        """
        return self._payoffs(self._entry(entry))

    def _payoffs(self, x: np.ndarray) -> np.ndarray:
        """Payoffs of validated entry vectors (last axis: regions; the fast path used inside solvers)."""
        L = x @ self.spillover.T
        N = x.sum(axis=-1, keepdims=True)
        return x * (self.a - self.cost - self.b * N) - self.damage * L - 0.5 * self.convexity * L**2

    def _welfare(self, x: np.ndarray) -> float:
        N = float(x.sum())
        return float(self._payoffs(x).sum()) + 0.5 * self.b * N * N

    def _entry(self, entry) -> np.ndarray:
        x = np.asarray(entry)
        if isinstance(entry, np.ndarray) and x.dtype.kind == "f" and x.ndim >= 1:  # fast path: NaN/inf still refused
            if x.shape[-1] != self.n_regions:
                raise ValueError(f"entry must have shape {self.n_regions} (got shape {x.shape})")
            if np.isnan(x).any():
                raise ValueError("entry must not contain NaN")
            if np.isinf(x).any():
                raise ValueError("entry must hold finite numbers (got inf)")
        else:
            shape = (self.n_regions,) if x.ndim <= 1 else (None,) * (x.ndim - 1) + (self.n_regions,)
            x = check_array(entry, "entry", shape=shape)
        if (x < 0).any():
            raise ValueError(f"entry must be non-negative (got entry={x.tolist()})")
        return x

    def consumer_surplus(self, entry) -> float:
        r"""Consumers' surplus :math:`CS = b N^2 / 2` at the price :math:`P = a - bN` (one unit per firm).

        Examples
        --------
        >>> RegionalEntryGame(2, a=10, b=1).consumer_surplus([2, 3])
        12.5
        """
        N = self._entry(entry).sum(axis=-1)
        out = 0.5 * self.b * N * N
        return float(out) if np.ndim(out) == 0 else out

    def total_welfare(self, entry) -> float:
        r"""Total welfare :math:`W(x) = \sum_i u_i(x) + b N^2/2` (profits and taxes, consumers, minus damage).

        Examples
        --------
        >>> RegionalEntryGame(2, a=10, b=1).total_welfare([2, 3])
        37.5
        """
        out = self.payoffs(entry).sum(axis=-1) + self.consumer_surplus(entry)
        return float(out) if np.ndim(out) == 0 else out

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
        """The vector q and matrix M of the first-order conditions g(x) = q - M x of the partition equilibrium."""
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
        return float(self._payoffs(x)[list(block)].sum())

    def _block_gradient(self, idx, x) -> np.ndarray:
        r"""Gradient of :math:`\sum_{k \in B} u_k` in the block's own entry.

        From the payoff formula:
        :math:`\partial u_k / \partial x_j = 1\{k=j\}(a - c_k - bN) - b x_k - S_{kj}(d_k + e_k L_k)`.
        """
        L = self.spillover @ x
        N = float(x.sum())
        S = self.spillover[np.ix_(idx, idx)]
        marg = self.damage[idx] + self.convexity[idx] * L[idx]
        return (self.a - self.cost[idx] - self.b * N) - self.b * x[idx].sum() - S.T @ marg

    def _verify(self, blocks, x, tol=1e-7):
        from scipy.optimize import minimize

        for block in blocks:
            idx = list(block)
            base = self._block_payoff(block, x)

            def neg(z, idx=idx, block=block):
                y = x.copy()
                y[idx] = z
                return -self._block_payoff(block, y), -self._block_gradient(idx, y)

            best = base
            for start in (x[idx] + 0.5, np.full(len(idx), 0.1)):
                res = minimize(neg, start, jac=True, method="L-BFGS-B", bounds=[(0, None)] * len(idx),
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
        out = RegionalOutcome(label, x, self.payoffs(x), self.load(x), blocks, self.names, self.consumer_surplus(x))
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
        x = self._entry(entry)
        return RegionalOutcome(label, x, self.payoffs(x), self.load(x), (), self.names, self.consumer_surplus(x))

    def welfare_optimum(self, *, verify: bool = True) -> RegionalOutcome:
        r"""Entry that maximises total welfare :math:`W(x)` (consumers included): the planner's choice.

        The first-order conditions :math:`a - c_j - bN - \sum_k S_{kj}(d_k + e_k L_k) \le 0` (price equals
        marginal cost plus marginal damage) form a linear complementarity problem solved like :meth:`equilibrium`
        and verified by maximising :math:`W` directly.

        Examples
        --------
        >>> g = RegionalEntryGame(3, a=10, b=1, cost=[0, 2, 4], damage=4, local_share=0.5)
        >>> g.welfare_optimum().entry.round(6).tolist()
        [6.0, 0.0, 0.0]
        """
        key = ("welfare",)
        if key in self._cache:
            return self._cache[key]
        S = self.spillover
        q = self.a - self.cost - S.T @ self.damage
        M = self.b * np.ones((self.n_regions, self.n_regions)) + (S.T * self.convexity[None, :]) @ S
        x = self._solve_lcp(q, M)
        if verify:
            from scipy.optimize import minimize

            base = self._welfare(x)
            best = base
            for start in (x + 0.5, np.full(self.n_regions, 0.1)):
                res = minimize(lambda z: -self._welfare(np.maximum(z, 0)), start, method="L-BFGS-B",
                               bounds=[(0, None)] * self.n_regions, options={"ftol": 1e-15, "gtol": 1e-10})
                best = max(best, -res.fun)
            if best > base + 1e-7 * max(1.0, abs(base)):
                raise RuntimeError(f"the welfare optimum failed verification: {best - base:.3g} more welfare found "
                                   "(please report the parameters)")
        out = RegionalOutcome("welfare optimum", x, self.payoffs(x), self.load(x), (), self.names,
                              self.consumer_surplus(x))
        self._cache[key] = out
        return out

    def optimum(self, welfare: str | None = None) -> RegionalOutcome:
        """The optimum under ``welfare`` (default: the game's criterion).

        :meth:`joint_optimum` for ``"regions"``, :meth:`welfare_optimum` for ``"total"``.

        Examples
        --------
        >>> g = RegionalEntryGame(2, a=10, b=1, welfare="total")
        >>> g.optimum().total_entry, g.optimum("regions").total_entry
        (10.0, 5.0)
        """
        crit = self.welfare if welfare is None else check_choice(welfare, "welfare", ("regions", "total"))
        return self.joint_optimum() if crit == "regions" else self.welfare_optimum()

    def criterion(self, outcome: RegionalOutcome, welfare: str | None = None) -> float:
        """The value of ``outcome`` under ``welfare`` (default: the game's criterion)."""
        crit = self.welfare if welfare is None else check_choice(welfare, "welfare", ("regions", "total"))
        return outcome.total if crit == "regions" else outcome.welfare

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
    r"""Payoffs of every region under five ways of governing entry (see :func:`compare_governance`).

    ``allocations`` maps each way to the regions' payoffs (transfers included), ``consumer_surplus`` to what the
    consumers get (net of any tax that funds transfers), ``entry`` to the entry vector; ``welfare`` is the criterion
    the planner used.
    """

    regions: tuple
    allocations: dict
    disagreement: np.ndarray
    entry: dict
    in_core: dict
    rule: str
    game: Any = None
    coalitional: Any = None
    consumer_surplus: dict = field(default_factory=dict)
    welfare: str = "regions"
    title = "Bargaining versus administrative order"

    def participation(self, name: str, tol: float = 1e-9) -> np.ndarray:
        """Whether each region gets at least its disagreement (equilibrium) payoff under allocation ``name``."""
        return self.allocations[name] >= self.disagreement - tol * max(1.0, float(np.abs(self.disagreement).max()))

    def totals(self):
        """One row per allocation: the regions' total, the consumers' surplus and total welfare."""
        import pandas as pd

        rows = {k: {"regions": float(np.sum(v)), "consumers": float(self.consumer_surplus.get(k, np.nan)),
                    "total welfare": float(np.sum(v)) + float(self.consumer_surplus.get(k, np.nan))}
                for k, v in self.allocations.items()}
        return pd.DataFrame.from_dict(rows, orient="index")

    def to_frame(self):
        """The allocations compared, one row per governance mode.

        Returns
        -------
        pandas.DataFrame
            Each region's payoff, their ``total``, the ``consumer surplus`` and ``total welfare``, whether every region
            takes part (``participation``), the regions that would ``walk away`` and whether the allocation is
            ``in core``.
        """
        import pandas as pd

        rows = {}
        for name, pay in self.allocations.items():
            ok = self.participation(name)
            row = {r: float(p) for r, p in zip(self.regions, pay)}
            row["total"] = float(np.sum(pay))
            row["consumer surplus"] = float(self.consumer_surplus.get(name, np.nan))
            row["total welfare"] = row["total"] + row["consumer surplus"]
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
            cs = float(self.consumer_surplus.get(name, np.nan))
            for r, p, good, dis in zip(self.regions, pay, ok, self.disagreement):
                rows.append({"allocation": name, "region": r, "payoff": float(p), "disagreement": float(dis),
                             "participation": bool(good), "total": float(np.sum(pay)), "consumer_surplus": cs,
                             "total_welfare": float(np.sum(pay)) + cs, "in_core": self.in_core[name],
                             "welfare": self.welfare})
        return pd.DataFrame(rows)


def compare_governance(game, *, rule: Any = "optimum", power=None, welfare: str | None = None) -> GovernanceComparison:
    r"""Bargaining versus administrative order in a regional entry game: five allocations side by side.

    1. **Non-cooperative equilibrium** :math:`d = u(x^{eq})`: each region admits firms for its own payoff.
    2. **Administrative order** without transfers: a planner fixes entry per region: ``rule="optimum"`` imposes the
       optimum :math:`x^o` of the criterion (``welfare="regions"``: the regions' joint optimum :math:`x^*`;
       ``welfare="total"``: the welfare optimum :math:`x^W`, consumers included), ``rule="equal"`` equal quotas
       :math:`N^o/n`, or an array of quotas.
    3. **Strong government with fiscal transfers**: the planner imposes :math:`x^o` and pays lump-sum transfers so
       that every region gets :math:`y_i = d_i + w_i G` with :math:`G = C(x^o) - C(x^{eq})` the gain in the criterion
       :math:`C`; under ``welfare="total"`` the transfers are funded by a lump-sum tax that leaves the consumers at
       their equilibrium surplus. Under ``welfare="regions"`` this is exactly the Nash bargaining allocation: a
       strong government that can tax and transfer reaches what voluntary bargaining reaches.
    4. **Nash bargaining with transfers**: the regions agree on their joint optimum :math:`x^*` and share the
       surplus, :math:`y_i = d_i + w_i \bigl(V - \sum_j d_j\bigr)` with :math:`V = \sum_i u_i(x^*)` and weights
       :math:`w` (``power``; equal by default), the :math:`n`-player Nash solution with transferable utility.
    5. **Shapley value** of the coalitional game :math:`v(S)` in which a coalition coordinates its entry and the
       others best-respond (:meth:`~clustergames.entry.RegionalEntryGame.coalitional_game`).

    A region whose payoff falls below :math:`d_i` would walk away (its participation constraint fails); an
    allocation is in the core when no coalition can do better on its own (``None`` when outsiders fund it). The
    table also reports the consumers' surplus :math:`bN^2/2` and total welfare. With complete information and
    transfers, bargaining and a strong government with transfers reach the same allocation; what separates them is
    information (see :func:`clustergames.bargaining.myerson_satterthwaite`) and enforcement, not the numbers here.

    Parameters
    ----------
    game : clustergames.entry.RegionalEntryGame
        The regional entry game.
    rule : {"optimum", "equal"} or array
        The administrative allocation rule.
    power : array, optional
        Bargaining weights of the regions (positive; normalised to sum to 1).
    welfare : {"regions", "total"}, optional
        The planner's criterion (default: ``game.welfare``).

    Returns
    -------
    GovernanceComparison
        ``.to_frame()`` has one row per allocation: each region's payoff, the regions' total, the consumers'
        surplus, total welfare, whether every region participates, who walks away, and whether the allocation is
        in the core.

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
    [True, False, True, True, True]
    >>> g = RegionalEntryGame(3, a=10, b=1, cost=[0, 2, 4], damage=4, local_share=0.5)
    >>> compare_governance(g, welfare="total").totals()["total welfare"].round(2).tolist()
    [14.44, 18.0, 18.0, 13.5, 13.5]
    """
    if not isinstance(game, RegionalEntryGame):
        raise TypeError(f"game must be a RegionalEntryGame (got {type(game).__name__})")
    crit = game.welfare if welfare is None else check_choice(welfare, "welfare", ("regions", "total"))
    n = game.n_regions
    if power is None:
        w = np.full(n, 1.0 / n)
    else:
        w = check_array(power, "power", shape=(n,), low=0)
        if (w <= 0).any():
            raise ValueError(f"power must be {n} positive bargaining weights (got power={power!r})")
        w = w / w.sum()
    if isinstance(rule, str):
        rule_name = check_choice(rule, "rule", ("optimum", "equal"))
    else:
        rule_name = "quotas"
        quota = check_array(rule, "rule", shape=(n,), low=0)
    eq = game.equilibrium()
    opt = game.joint_optimum()
    plan = game.optimum(crit)
    d = eq.payoffs
    if rule_name == "optimum":
        quota = plan.entry
    elif rule_name == "equal":
        quota = np.full(n, plan.total_entry / n)
    admin = game.payoffs(quota)
    V = opt.total
    nash = d + w * (V - d.sum())
    gain = game.criterion(plan, crit) - game.criterion(eq, crit)
    strong = d + w * gain
    cg = game.coalitional_game()
    shap = cg.shapley()
    labels = ["non-cooperative", f"administrative ({rule_name})", "strong government + transfers",
              "Nash bargaining", "Shapley value"]
    allocations = dict(zip(labels, [d, admin, strong, nash, shap]))
    cs_opt = game.consumer_surplus(opt.entry)
    consumers = dict(zip(labels, [eq.consumer_surplus, game.consumer_surplus(quota),
                                  eq.consumer_surplus if crit == "total" else plan.consumer_surplus, cs_opt, cs_opt]))
    tol = 1e-7 * max(1.0, abs(V))
    in_core = {k: cg.in_core(v, tol=tol) for k, v in allocations.items()}
    if crit == "total" and abs(float(strong.sum()) - V) > tol:
        in_core[labels[2]] = None  # funded by a tax on consumers: not an allocation of v(N)
    entry = dict(zip(labels, [eq.entry, quota, plan.entry, opt.entry, opt.entry]))
    return GovernanceComparison(game.names, allocations, d, entry, in_core, rule_name, game, cg, consumers, crit)


@formula(requires=[require("n_regions >= 2", "n_regions must be at least 2"),
                   require("Eq(n_regions, floor(n_regions))", "n_regions must be a whole number of regions"),
                   require("a > c", "a (the profit of the first firm) must exceed the entry cost c"),
                   require("(local_share >= 0) & (local_share <= 1)", "local_share must lie in [0, 1]")],
         symbol=r"d^\dagger")
def bargaining_welfare_damage(n_regions, a, c, local_share):
    r"""Damage per unit above which the regions' bargain raises *total* welfare (symmetric game, linear damage).

    In the symmetric regional entry game with :math:`e = 0`, total welfare :math:`W(N) = N(a - c - d) - bN^2/2` is
    a parabola with its top at :math:`N^W = (a - c - d)/b`. The regions' joint optimum
    :math:`N^* = (a - c - d)/(2b)` lies below it (a cartel), the equilibrium
    :math:`N^{eq} = n(a - c - \lambda d)/(b(n+1))` above it when damage spills over. Bargaining raises total welfare
    iff :math:`N^{eq} - N^W > N^W - N^*`, i.e. iff

    .. math::

        d > d^\dagger = \frac{(a - c)(n + 3)}{3(n + 1) - 2 n \lambda}

    (and :math:`\lambda d < a - c`, so that the equilibrium has entry at all). The threshold does not depend on
    :math:`b`. With no spill-over (:math:`\lambda = 1`) :math:`d^\dagger = a - c`: the bargain never raises total
    welfare while there is anything to produce; the more damage is exported, the lower the threshold.

    References
    ----------
    Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
    17(1), 48–58.

    Examples
    --------
    >>> bargaining_welfare_damage(3, a=10, c=2, local_share=0.5)
    5.333333333333333
    >>> bargaining_welfare_damage(3, a=10, c=2, local_share=1.0)
    8.0
    """
    return (a - c) * (n_regions + 3) / (3 * (n_regions + 1) - 2 * n_regions * local_share)
