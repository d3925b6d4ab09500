r"""Trust among cluster firms: when do exit costs, monitoring, side payments and associations sustain cooperation?

Every mechanism is a closed form written once as a sympy expression (:mod:`clustergames.symbolic`): called with
numbers it returns a float, with numpy arrays it broadcasts, with sympy symbols it returns the formula. Critical
discount factors follow the threshold convention: a condition that no :math:`\delta < 1` satisfies gives ``inf``.

Notation: a cooperating firm earns :math:`R` per period (the cluster's rents included), cheating earns :math:`T`
once, mutual defection :math:`P`; :math:`G = T - R` is the one-period gain from cheating; ``outside`` is the
per-period payoff outside the cluster and :math:`L = R - \text{outside}` the per-period *exit opportunity cost*.
Values are :math:`(1-\delta)`-normalised averages.

The mechanisms, each derived in its docstring:

* :func:`grim_trigger_delta` -- bilateral punishment, the firm stays and earns :math:`P` (Friedman 1971);
* :func:`expulsion_delta`, :func:`min_detection`, :func:`min_rent_loss` -- exit and expulsion with imperfect
  detection and relocation costs;
* :func:`pooled_delta`, :func:`benefit_sharing` -- side payments that pool incentive constraints;
* :func:`risk_sharing_delta` -- mutual insurance against autarky (Coate & Ravallion 1993; Kocherlakota 1996);
* :func:`contagion_delta`, :func:`contagion_check`, :func:`contagion_deviation_value` -- community enforcement
  under random matching (Kandori 1992);
* :func:`law_merchant` -- the industry association as record keeper (Milgrom, North & Weingast 1990);
* :func:`greif_wage` -- multilateral versus bilateral punishment of agents (Greif 1993);
* :func:`relational_delta`, :func:`capability_cutoff`, :func:`holdup_loss` -- the core firm and its auxiliaries
  (Levin 2003; Hart & Moore 1990);
* :class:`Subsidy`, :class:`Fine`, :class:`Compensation`, :class:`MembershipRent`, :class:`BenefitPooling` --
  governance mechanisms as composable transformations of a stage game, solved by
  :func:`clustergames.repeated.critical_delta`.

Examples
--------
>>> from clustergames import trust
>>> trust.grim_trigger_delta(5, 3, 1)
0.5
>>> trust.expulsion_delta(5, 3, outside=0)          # the rent R - outside = 3 disciplines more than P = 1
0.4
>>> trust.expulsion_delta(5, 3, outside=0, detection=0.5)
0.5714285714285714
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .results import Result
from .symbolic import Formula, as_float_array, formula, is_symbolic, require, to_sympy

__all__ = [
    "grim_trigger_delta",
    "expulsion_delta",
    "min_detection",
    "min_rent_loss",
    "contagion_delta",
    "contagion_deviation_value",
    "contagion_check",
    "ContagionCheck",
    "law_merchant",
    "LawMerchant",
    "pooled_delta",
    "benefit_sharing",
    "BenefitSharing",
    "risk_sharing_delta",
    "greif_wage",
    "relational_delta",
    "capability_cutoff",
    "holdup_loss",
    "Mechanism",
    "Subsidy",
    "Fine",
    "Compensation",
    "MembershipRent",
    "BenefitPooling",
]

_PD = [require("T > R", "T must exceed R (cheating must tempt)"),
       require("R > P", "R must exceed P (cooperation must pay)")]
_GAIN = [require("T > R", "T must exceed R (cheating must tempt)")]
_OUT = [require("outside <= R", "outside must not exceed R (the exit opportunity cost L = R - outside must be "
                                "non-negative)")]
_DET = [require("(detection > 0) & (detection <= 1)", "detection must lie in (0, 1]")]
_DELTA = [require("(delta >= 0) & (delta < 1)", "delta must lie in [0, 1)")]


def _sp():
    import sympy

    return sympy


# ----------------------------------------------------------------------------------------------------------------
# bilateral punishment
# ----------------------------------------------------------------------------------------------------------------
@formula(requires=_PD, threshold=True, symbol=r"\delta^*")
def grim_trigger_delta(T, R, P):
    r"""Critical discount factor of grim trigger with bilateral punishment (the firm stays and earns :math:`P`).

    Cooperating forever is worth :math:`R`; cheating once is worth :math:`(1-\delta)T + \delta P`. Cooperation is
    a subgame-perfect equilibrium iff :math:`R \ge (1-\delta) T + \delta P`, that is

    .. math::

        \delta \ge \delta^* = \frac{T - R}{T - P}.

    A membership rent :math:`m` added to every payoff a member earns (:math:`T, R, P` all rise by :math:`m`)
    cancels out: without exclusion, rents do not discipline. Compare :func:`expulsion_delta`.

    Parameters
    ----------
    T, R, P : float, array_like or sympy expression
        Temptation, reward and punishment payoffs, :math:`T > R > P`.

    Returns
    -------
    float, ndarray or sympy expression
        :math:`\delta^*` (``inf`` when no :math:`\delta < 1` works).

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.

    Examples
    --------
    >>> grim_trigger_delta(5, 3, 1)
    0.5
    >>> import sympy
    >>> T, R, P = sympy.symbols("T R P")
    >>> grim_trigger_delta(T, R, P)
    (R - T)/(P - T)
    """
    return (T - R) / (T - P)


# ----------------------------------------------------------------------------------------------------------------
# exit and expulsion
# ----------------------------------------------------------------------------------------------------------------
@formula(requires=_GAIN + _OUT + _DET, threshold=True, symbol=r"\delta^*")
def _expulsion_simple(T, R, outside, detection):
    G = T - R
    return G / (G + detection * (R - outside))


@formula(requires=_GAIN + _OUT + _DET + [require("relocation_cost >= 0", "relocation_cost must be non-negative")],
         threshold=True, symbol=r"\delta^*")
def _expulsion_general(T, R, outside, detection, relocation_cost):
    sp = _sp()
    G, L, K, p = T - R, R - outside, relocation_cost, detection
    B = G + p * (L + K)
    # smaller root of p K d^2 - B d + G, written in rationalised form (well defined at K = 0)
    return 2 * G / (B + sp.sqrt((G - p * K) ** 2 + p * L * (2 * G + 2 * p * K + p * L)))


def expulsion_delta(T, R, outside, detection=1, relocation_cost=0):
    r"""Critical discount factor when a cheating firm is expelled from (or leaves) the cluster.

    A cooperating member earns :math:`R` per period. Cheating earns :math:`T` once; with probability
    :math:`p` (``detection``) the cheat is detected at the end of the period and the firm is expelled: it then pays a
    one-off relocation cost :math:`K` in the first period outside and earns ``outside`` per period forever.
    Undetected, it carries on as a member. With :math:`G = T - R` and the exit opportunity cost
    :math:`L = R - \text{outside}`, the normalised value of expulsion is :math:`\text{outside} - (1-\delta)K`, and
    the one-shot deviation condition :math:`R \ge (1-\delta)T + \delta[p(\text{outside}-(1-\delta)K) + (1-p)R]` is

    .. math::

        (1-\delta)\,G \le \delta\, p\,\bigl(L + (1-\delta)K\bigr)
        \iff pK\delta^2 - (G + pL + pK)\,\delta + G \le 0 .

    The quadratic is positive at 0 and negative at 1, so the set of working discount factors is
    :math:`[\delta^*, 1)` with :math:`\delta^*` its smaller root,

    .. math::

        \delta^* = \frac{2G}{B + \sqrt{B^2 - 4pKG}}, \quad B = G + p(L + K),
        \qquad \delta^* = \frac{G}{G + pL} \text{ when } K = 0 .

    With :math:`p = 1, K = 0`: :math:`\delta^* = (T-R)/(T-\text{outside})`, grim trigger with :math:`P` replaced by
    the outside option. The rent :math:`L` enters only because exclusion is credible: under bilateral punishment the
    firm stays, keeps the rent, and it cancels (:func:`grim_trigger_delta`).

    Parameters
    ----------
    T, R : float, array_like or sympy expression
        Payoff from cheating (once) and per-period payoff of a cooperating member, :math:`T > R`.
    outside : float, array_like or sympy expression
        Per-period payoff outside the cluster, at most :math:`R`.
    detection : float, array_like or sympy expression, default 1
        Probability :math:`p \in (0, 1]` that a cheat is detected (and punished) in the period it happens.
    relocation_cost : float, array_like or sympy expression, default 0
        One-off cost :math:`K \ge 0` paid in the first period after expulsion.

    Returns
    -------
    float, ndarray or sympy expression
        :math:`\delta^*`, or ``inf`` when no discount factor below 1 sustains cooperation (:math:`L = 0`, no
        relocation cost).

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.

    Greif, A. (1993). Contract enforceability and economic institutions in early trade: the Maghribi traders'
    coalition. *American Economic Review* 83(3), 525–548.

    Examples
    --------
    >>> expulsion_delta(5, 3, 0)
    0.4
    >>> expulsion_delta(5, 3, 0, detection=0.5)
    0.5714285714285714
    >>> round(expulsion_delta(5, 3, 3, relocation_cost=4), 6)    # no rent, but a relocation cost of 4
    0.5
    >>> expulsion_delta(5, 3, 3)                                  # no rent, no relocation cost: never
    inf
    >>> import sympy
    >>> T, R, w, p = sympy.symbols("T R w p", positive=True)
    >>> expulsion_delta(T, R, w, detection=p)
    (-R + T)/(-R + T + p*(R - w))
    """
    if not is_symbolic(relocation_cost) and np.all(as_float_array(relocation_cost, "relocation_cost") == 0):
        return _expulsion_simple(T, R, outside, detection)
    return _expulsion_general(T, R, outside, detection, relocation_cost)


expulsion_delta.formula = _expulsion_general.formula  # type: ignore[attr-defined]
expulsion_delta.simple_formula = _expulsion_simple.formula  # type: ignore[attr-defined]


def _cap(out: Any, cap: float = 1.0) -> Any:
    """A probability above ``cap`` (no feasible value) becomes ``inf``; symbolic output passes through."""
    if is_symbolic(out):
        return out
    arr = np.asarray(out, dtype=float)
    arr = np.where(np.isnan(arr) | (arr > cap * (1 + 1e-12)), np.inf, np.maximum(arr, 0.0))
    return float(arr) if arr.ndim == 0 else arr


@formula(requires=_GAIN + _OUT + _DELTA, symbol=r"p^*")
def _min_detection(T, R, outside, delta):
    return (1 - delta) * (T - R) / (delta * (R - outside))


def min_detection(T, R, outside, delta):
    r"""Minimum detection probability that sustains cooperation under expulsion, at discount factor ``delta``.

    Inverting :math:`\delta p L \ge (1-\delta) G` (see :func:`expulsion_delta`, no relocation cost):

    .. math::

        p^* = \frac{(1-\delta)(T-R)}{\delta\,(R - \text{outside})} .

    Returns ``inf`` when :math:`p^* > 1`: even certain detection does not deter. The industry association that
    monitors members raises :math:`p`; this is the detection rate it must reach.

    Parameters
    ----------
    T, R, outside : float, array_like or sympy expression
        As in :func:`expulsion_delta`.
    delta : float, array_like or sympy expression
        Discount factor in :math:`[0, 1)`.

    Returns
    -------
    float, ndarray or sympy expression
        :math:`p^* \in [0, 1]` or ``inf``.

    References
    ----------
    Milgrom, P. R., North, D. C. & Weingast, B. R. (1990). The role of institutions in the revival of trade: the
    Law Merchant, private judges, and the Champagne fairs. *Economics and Politics* 2(1), 1–23.

    Examples
    --------
    >>> min_detection(5, 3, 0, 0.5)
    0.6666666666666666
    >>> min_detection(5, 3, 0, 0.2)       # too impatient: no detection rate suffices
    inf
    >>> min_detection([5, 4], 3, 0, 0.5).tolist()
    [0.6666666666666666, 0.3333333333333333]
    """
    return _cap(_min_detection(T, R, outside, delta))


min_detection.formula = _min_detection.formula  # type: ignore[attr-defined]


@formula(requires=_GAIN + _DET + _DELTA, symbol=r"L^*")
def min_rent_loss(T, R, delta, detection=1):
    r"""Minimum per-period exit opportunity cost :math:`L = R - \text{outside}` that sustains cooperation.

    Inverting :math:`\delta p L \ge (1-\delta)(T-R)` (see :func:`expulsion_delta`):

    .. math::

        L^* = \frac{(1-\delta)(T - R)}{\delta\, p} .

    The cluster's rents (agglomeration economies, marketing channels, the regional brand) must exceed what the
    firm could earn elsewhere by at least :math:`L^*` per period. ``inf`` at :math:`\delta = 0`.

    Parameters
    ----------
    T, R : float, array_like or sympy expression
        Temptation and member payoff, :math:`T > R`.
    delta : float, array_like or sympy expression
        Discount factor in :math:`[0, 1)`.
    detection : float, array_like or sympy expression, default 1
        Detection probability in :math:`(0, 1]`.

    Returns
    -------
    float, ndarray or sympy expression

    References
    ----------
    Greif, A. (1993). Contract enforceability and economic institutions in early trade: the Maghribi traders'
    coalition. *American Economic Review* 83(3), 525–548.

    Examples
    --------
    >>> min_rent_loss(5, 3, 0.5)
    2.0
    >>> min_rent_loss(5, 3, 0.5, detection=0.5)
    4.0
    """
    return (1 - delta) * (T - R) / (delta * detection)
