r"""Trust among cluster firms.

When do exit costs, monitoring, side payments and associations sustain cooperation?

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
* :func:`risk_sharing_delta`, :func:`partial_insurance`, :func:`linked_relationship` -- mutual insurance against
  autarky, full and partial (Coate & Ravallion 1993; Ligon, Thomas & Worrall 2002), and insurance linked to trade so
  that cheating on either ends both (Bernheim & Whinston 1990);
* :func:`contagion_delta`, :func:`contagion_check`, :func:`contagion_deviation_value` -- community enforcement
  under random matching (Kandori 1992);
* :func:`law_merchant` -- the industry association as record keeper (Milgrom, North & Weingast 1990);
* :func:`greif_wage` -- multilateral versus bilateral punishment of agents (Greif 1993);
* :func:`relational_delta`, :func:`capability_cutoff`, :func:`holdup_loss` -- the core firm and its auxiliaries
  (Levin 2003; Williamson 1985; Grout 1984);
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

import functools
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validation import as_rng, check_array, check_delta, check_int, check_positive_int, check_real, check_size, fmt
from .results import Result
from .symbolic import Formula, as_float_array, formula, is_symbolic, require, to_sympy

__all__ = [
    "grim_trigger_delta",
    "expulsion_delta",
    "min_detection",
    "min_rent_loss",
    "contagion_delta",
    "contagion_deviation_value",
    "simulate_contagion_value",
    "contagion_check",
    "ContagionCheck",
    "law_merchant",
    "LawMerchant",
    "pooled_delta",
    "benefit_sharing",
    "BenefitSharing",
    "risk_sharing_delta",
    "partial_insurance",
    "PartialInsurance",
    "linked_relationship",
    "LinkedRelationship",
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


# ----------------------------------------------------------------------------------------------------------------
# community enforcement: contagion under random matching (Kandori 1992)
# ----------------------------------------------------------------------------------------------------------------
def _check_n_firms(n_firms: Any) -> np.ndarray:
    arr = np.asarray(n_firms)
    if arr.dtype == object or arr.dtype.kind not in "iuf":
        raise TypeError(f"n_firms must be an even integer or an array of even integers (got {n_firms!r})")
    if arr.dtype.kind == "f" and not np.all(arr == np.round(arr)):
        raise ValueError(f"n_firms must be an even integer >= 2 (got n_firms={n_firms!r})")
    arr = arr.astype(int)
    if np.any(arr < 2) or np.any(arr % 2):
        bad = arr[(arr < 2) | (arr % 2 == 1)].ravel()[0]
        raise ValueError(f"n_firms must be an even integer >= 2 for pairwise random matching (got n_firms={bad})")
    return arr


def _perfect_matchings(m: int) -> int:
    """Number of perfect matchings of m items: (m-1)!! for even m, 1 for m = 0, 0 for odd m."""
    if m % 2:
        return 0
    out = 1
    for x in range(m - 1, 0, -2):
        out *= x
    return out


@functools.lru_cache(maxsize=256)
def _mixed_pairs(n: int, k: int) -> tuple:
    """Distribution of the number j of infected-healthy pairs when n firms (k infected) are matched at random.

    Returns a tuple of (j, Fraction probability).
    """
    from fractions import Fraction
    from math import comb, factorial

    total = _perfect_matchings(n)
    out = []
    for j in range(0, min(k, n - k) + 1):
        if (k - j) % 2:
            continue
        cnt = comb(k, j) * comb(n - k, j) * factorial(j) * _perfect_matchings(k - j) * _perfect_matchings(n - k - j)
        if cnt:
            out.append((j, Fraction(cnt, total)))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _contagion_chain(n: int):
    """Transition matrix Q over k = 1..n infected firms, and the deviator's chance a_k of meeting a healthy firm."""
    from fractions import Fraction

    Q = [[Fraction(0)] * (n + 1) for _ in range(n + 1)]
    for k in range(1, n + 1):
        for j, pr in _mixed_pairs(n, k):
            Q[k][k + j] += pr
    a = [Fraction(n - k, n - 1) for k in range(n + 1)]
    return Q, a


def _alpha(n: int, delta: np.ndarray) -> np.ndarray:
    r"""alpha_k(delta) = expected discounted number of periods the deviator meets a healthy firm, from k = 0..n.

    Solves (I - delta Q) alpha = a by back substitution (infection never falls), vectorised over ``delta``; each
    row of Q is used only where its probabilities are not negligible (the band around the mean number of new
    infections), so large clusters cost O(n sqrt(n)) per value of delta.
    """
    Qf, af = _contagion_chain_float(n)
    lo, hi = _contagion_band(n)
    out = np.zeros((n + 1,) + delta.shape)
    for k in range(n, 0, -1):
        if k < n and hi[k] > max(lo[k], k + 1):
            a, b = max(lo[k], k + 1), hi[k]
            acc = af[k] + delta * np.tensordot(Qf[k, a:b], out[a:b], axes=1)
        else:
            acc = np.full(delta.shape, af[k])
        out[k] = acc / (1 - delta * Qf[k, k])
    return out


@functools.lru_cache(maxsize=64)
def _contagion_chain_float(n: int):
    """Q and a as floats.

    Small clusters convert the exact Fractions; larger ones (n > 64, where the Fractions have thousands of digits) use
    log-gamma: the same probabilities to round-off, in milliseconds.
    """
    if n <= 64:
        Q, a = _contagion_chain(n)
        return np.array([[float(x) for x in row] for row in Q]), np.array([float(x) for x in a])
    from scipy.special import gammaln

    def log_matchings(m):                       # log (m-1)!! for even m >= 0
        return gammaln(m + 1) - (m / 2) * np.log(2.0) - gammaln(m / 2 + 1)

    k = np.arange(1, n + 1)[:, None]
    j = np.arange(0, n // 2 + 1)[None, :]
    ok = (j <= np.minimum(k, n - k)) & ((k - j) % 2 == 0)
    kk, jj = np.broadcast_arrays(k, j)
    kj, nkj = np.where(ok, kk - jj, 0), np.where(ok, n - kk - jj, 0)
    logp = (gammaln(kk + 1) - gammaln(kj + 1) + gammaln(n - kk + 1) - gammaln(jj + 1) - gammaln(nkj + 1)
            + log_matchings(kj) + log_matchings(nkj) - log_matchings(n))
    Q = np.zeros((n + 1, n + 1))
    rows, cols = np.nonzero(ok)
    Q[rows + 1, rows + 1 + cols] = np.exp(logp[rows, cols])
    Q[1:] /= Q[1:].sum(axis=1, keepdims=True)   # each row sums to 1 (removes the round-off of the log-gammas)
    a = (n - np.arange(n + 1)) / (n - 1)
    return Q, a


@functools.lru_cache(maxsize=64)
def _contagion_band(n: int):
    """For each k, the columns [lo, hi) of row k of Q holding all probabilities above 1e-18 of the row's largest."""
    Qf, _ = _contagion_chain_float(n)
    big = Qf > 1e-18 * Qf.max(axis=1, keepdims=True)
    lo = np.where(big.any(axis=1), big.argmax(axis=1), 0)
    hi = np.where(big.any(axis=1), n + 1 - big[:, ::-1].argmax(axis=1), 0)
    return lo, hi


@functools.lru_cache(maxsize=64)
def _h_grid(n: int):
    grid = np.linspace(0.0, 1.0, 2049)[:-1]
    return grid, _h(n, grid)


def _h(n: int, delta: np.ndarray) -> np.ndarray:
    """Normalised deviation payoff per unit of (T - P): the on-path condition is h(delta) <= (R-P)/(T-P)."""
    return (1 - delta) * (1 + delta * _alpha(n, delta)[2])


def _h_sympy(n: int, d):
    sp = _sp()
    Q, a = _contagion_chain(n)
    alpha: dict[int, Any] = {}
    for k in range(n, 0, -1):
        acc = sp.Rational(a[k].numerator, a[k].denominator)
        for kk in range(k + 1, n + 1):
            if Q[k][kk]:
                acc += d * sp.Rational(Q[k][kk].numerator, Q[k][kk].denominator) * alpha[kk]
        alpha[k] = sp.cancel(acc / (1 - d * sp.Rational(Q[k][k].numerator, Q[k][k].denominator)))
    return sp.cancel((1 - d) * (1 + d * alpha[2]))


def contagion_deviation_value(T, P, n_firms, delta, k=2):
    r"""The deviator's (unnormalised) value :math:`W(k)` under contagion when :math:`k` firms defect.

    :math:`N` firms are matched in pairs uniformly at random each period. Under Kandori's contagion strategy a firm
    defects forever once it has defected or met a defection, so after a deviation the number :math:`k` of
    defecting ("infected") firms grows by the number :math:`j` of infected-healthy pairs. With :math:`(m-1)!!` the
    number of perfect matchings of :math:`m` firms,

    .. math::

        \Pr(j \mid k) = \frac{\binom{k}{j}\binom{N-k}{j}\, j!\, (k-j-1)!!\, (N-k-j-1)!!}{(N-1)!!},
        \qquad
        W(k) = \frac{N-k}{N-1}\, T + \frac{k-1}{N-1}\, P + \delta \sum_j \Pr(j \mid k)\, W(k+j) .

    The deviator meets a healthy firm (payoff :math:`T`) with probability :math:`(N-k)/(N-1)`. Solved exactly
    by back substitution (infection never falls).

    Parameters
    ----------
    T, P : float or array_like
        Temptation and punishment payoffs.
    n_firms : int
        Even number of firms :math:`N \ge 2`.
    delta : float or array_like
        Discount factor in :math:`[0, 1)`.
    k : int, default 2
        Number of infected firms, :math:`2 \le k \le N` (1 for a lone deviator who has not met anyone yet).

    Returns
    -------
    float or ndarray (sympy expression for symbolic input)

    References
    ----------
    Kandori, M. (1992). Social norms and community enforcement. *Review of Economic Studies* 59(1), 63–80.

    Examples
    --------
    >>> contagion_deviation_value(5, 1, 2, 0.5)          # N = 2: grim trigger, W(2) = P/(1-delta)
    2.0
    >>> round(contagion_deviation_value(5, 1, 4, 0.5), 6)    # 5 * 2/(3 - delta) + 1 * (2 - 2/(3 - delta))
    5.2
    """
    n = int(_check_n_firms(n_firms))
    if not isinstance(k, numbers.Integral) or not 1 <= k <= n:
        raise ValueError(f"k must be an integer number of infected firms in [1, n_firms] (got k={k!r})")
    if any(is_symbolic(v) for v in (T, P, delta)):
        sp = _sp()
        d = sp.Symbol("delta", real=True)
        Q, a = _contagion_chain(n)
        Tt, Pt = to_sympy(T), to_sympy(P)
        W: dict[int, Any] = {}
        for kk in range(n, 0, -1):
            acc = sp.Rational(a[kk].numerator, a[kk].denominator) * (Tt - Pt) + Pt
            for k2 in range(kk + 1, n + 1):
                if Q[kk][k2]:
                    acc += d * sp.Rational(Q[kk][k2].numerator, Q[kk][k2].denominator) * W[k2]
            W[kk] = sp.cancel(acc / (1 - d * sp.Rational(Q[kk][kk].numerator, Q[kk][kk].denominator)))
        return sp.simplify(W[k].subs(d, to_sympy(delta)))
    Ta, Pa = as_float_array(T, "T"), as_float_array(P, "P")
    da = as_float_array(delta, "delta")
    if np.any((da < 0) | (da >= 1)):
        raise ValueError(f"delta must lie in [0, 1) (got delta={delta})")
    alpha = _alpha(n, da)[k]
    out = Ta * alpha + Pa * (1 / (1 - da) - alpha)
    return float(out) if np.ndim(out) == 0 else out


def _validate_pd(T, R, P):
    Ta, Ra, Pa = as_float_array(T, "T"), as_float_array(R, "R"), as_float_array(P, "P")
    for (a, b), (va, vb) in zip((("T", "R"), ("R", "P")), ((Ta, Ra), (Ra, Pa))):
        ok = np.broadcast_to(va > vb, np.broadcast_shapes(va.shape, vb.shape))
        if not ok.all():
            idx = np.unravel_index(int(np.argmin(ok)), ok.shape) if ok.shape else ()
            x, y = np.broadcast_to(va, ok.shape)[idx], np.broadcast_to(vb, ok.shape)[idx]
            raise ValueError(f"{a} must exceed {b} (got {a}={_num(x)}, {b}={_num(y)})")
    return Ta, Ra, Pa


def _num(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else str(x)


def _root_in_bracket(n: int, lo: np.ndarray, hi: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Solve h(delta) = target in [lo, hi] (h(lo) > target >= h(hi)) by the Illinois variant of regula falsi."""
    flo, fhi = _h(n, lo) - target, _h(n, hi) - target
    side = np.zeros(lo.shape)
    x, fx = hi.copy(), fhi.copy()
    for _ in range(60):
        denom = np.where(fhi - flo == 0, -1.0, fhi - flo)
        x = np.clip((lo * fhi - hi * flo) / denom, lo, hi)
        fx = _h(n, x) - target
        right = fx > 0  # x becomes the new lower end
        fhi = np.where(right & (side == 1), fhi / 2, fhi)
        flo = np.where(~right & (side == -1), flo / 2, flo)
        lo, flo = np.where(right, x, lo), np.where(right, fx, flo)
        hi, fhi = np.where(right, hi, x), np.where(right, fhi, fx)
        side = np.where(right, 1, -1)
        if np.all((np.abs(fx) < 1e-14) | (hi - lo < 1e-15)):
            break
    return np.where(np.abs(fx) < 1e-12, x, hi)


def _root_by_subdivision(n: int, lo: np.ndarray, hi: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Solve h(delta) = target in [lo, hi] (h(lo) > target >= h(hi)) by a 64-point bracket search.

    Evaluate h at 64 points of every bracket at once: each pass costs one back substitution (the expensive part for
    large clusters) and shrinks the bracket 64-fold, so 9 passes reach round-off.
    """
    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    frac = np.linspace(0.0, 1.0, 65)[1:]
    for _ in range(9):
        pts = lo[:, None] + (hi - lo)[:, None] * frac[None, :]
        ok = _h(n, pts) <= target[:, None]
        first = np.where(ok.any(axis=1), ok.argmax(axis=1), 63)
        new_hi = pts[np.arange(len(lo)), first]
        lo = np.where(first > 0, pts[np.arange(len(lo)), np.maximum(first - 1, 0)], lo)
        hi = new_hi
        if np.all(hi - lo <= 4 * np.finfo(float).eps):
            break
    return hi


def contagion_delta(T, R, P, n_firms):
    r"""Smallest discount factor at which contagion deters a first deviation (Kandori's on-path condition).

    A cooperating firm earns :math:`R/(1-\delta)`; a deviator earns :math:`T` now and :math:`W(2)` from next
    period on as the defection spreads through random matching (:func:`contagion_deviation_value`). The on-path
    condition

    .. math::

        \frac{R}{1-\delta} \ge T + \delta\, W(2)
        \iff (1-\delta)\bigl(1 + \delta\,\alpha_2(\delta)\bigr) \le \frac{R - P}{T - P},

    where :math:`\alpha_2(\delta)` is the expected discounted number of periods in which the deviator still meets a
    cooperating firm, depends on the payoffs only through :math:`(T-R)/(T-P)`. The threshold is found by a dense
    scan and bisection (vectorised over arrays); with :math:`N = 2` it is grim trigger, :math:`(T-R)/(T-P)`.
    Larger clusters spread news more slowly, so the threshold rises with :math:`N`.

    This is the **on-path** condition only. Kandori's off-path condition (an infected firm prefers to keep
    defecting rather than slow the contagion) also depends on :math:`S`: check it with :func:`contagion_check`.

    Parameters
    ----------
    T, R, P : float, array_like or sympy expression
        Prisoner's dilemma payoffs, :math:`T > R > P`.
    n_firms : int or array_like of int
        Even number of firms in the cluster.

    Returns
    -------
    float, ndarray or sympy object
        The threshold (``inf`` if none below 1). With symbolic payoffs: the condition as a sympy relation in
        ``delta``; with exact sympy numbers: the exact threshold (an algebraic number).

    References
    ----------
    Kandori, M. (1992). Social norms and community enforcement. *Review of Economic Studies* 59(1), 63–80.

    Ellison, G. (1994). Cooperation in the prisoner's dilemma with anonymous random matching. *Review of Economic
    Studies* 61(3), 567–588.

    Examples
    --------
    >>> contagion_delta(5, 3, 1, 2)
    0.5
    >>> round(contagion_delta(5, 3, 1, 4), 6)              # (sqrt(33) - 3)/4
    0.686141
    >>> contagion_delta(5, 3, 1, [2, 4, 10]).round(4).tolist()
    [0.5, 0.6861, 0.7925]
    >>> import sympy
    >>> contagion_delta(sympy.Integer(5), 3, 1, 4)
    -3/4 + sqrt(33)/4
    """
    if any(is_symbolic(v) for v in (T, R, P)):
        sp = _sp()
        n = int(_check_n_firms(n_firms))
        Ts, Rs, Ps = (to_sympy(v) for v in (T, R, P))
        if all(v.is_number for v in (Ts, Rs, Ps)):
            _validate_pd(float(Ts), float(Rs), float(Ps))
        d = sp.Symbol("delta", real=True)
        h = _h_sympy(n, d)
        if not all(v.is_number for v in (Ts, Rs, Ps)):
            return sp.Le((Ts - Ps) * h, Rs - Ps)
        from .symbolic import solution_set

        num, den = sp.fraction(sp.cancel((Ts - Ps) * h - (Rs - Ps)))
        sign = sp.sign(den.subs(d, sp.Rational(1, 2)))
        exact, _ = solution_set([sp.expand(sign * num)], d)
        return exact[0][0] if exact else sp.oo
    Ta, Ra, Pa = _validate_pd(T, R, P)
    N = _check_n_firms(n_firms)
    shape = np.broadcast_shapes(Ta.shape, Ra.shape, Pa.shape, N.shape)
    target = np.broadcast_to((Ra - Pa) / (Ta - Pa), shape).ravel()
    Nb = np.broadcast_to(N, shape).ravel()
    out = np.full(target.shape, np.inf)
    for n in np.unique(Nb):
        sel = Nb == n
        grid, hg = _h_grid(int(n))
        tgt = target[sel]
        okg = hg[None, :] <= tgt[:, None] + 1e-15
        has = okg.any(axis=1)
        first = np.where(has, okg.argmax(axis=1), 0)
        lo = np.where(first > 0, grid[np.maximum(first - 1, 0)], 0.0)
        hi = grid[first]
        res = np.where(first == 0, 0.0, hi)
        idx = has & (first > 0)
        refine = _root_in_bracket if n <= 64 else _root_by_subdivision
        res[idx] = refine(int(n), lo[idx], hi[idx], tgt[idx])
        # between the last grid point and 1
        tail = ~has
        if tail.any():
            lo_, hi_, t_ = np.full(tail.sum(), grid[-1]), np.full(tail.sum(), 1.0), tgt[tail]
            for _ in range(60):
                mid = 0.5 * (lo_ + hi_)
                good = _h(int(n), mid) <= t_
                hi_ = np.where(good, mid, hi_)
                lo_ = np.where(good, lo_, mid)
            res[tail] = np.where(hi_ < 1.0 - 1e-15, hi_, np.inf)
        out[sel] = res
    out = out.reshape(shape)
    return float(out) if out.ndim == 0 else out


@dataclass(repr=False)
class ContagionCheck(Result):
    r"""Kandori's two conditions for contagion at one discount factor.

    Attributes
    ----------
    on_path : bool
        No firm gains by the first deviation.
    off_path : bool
        At every number :math:`k = 2, \dots, N-1` of infected firms, an infected firm prefers to keep defecting
        rather than cooperate once to slow the contagion (a sufficient condition for any belief about :math:`k`).
    margins : pandas.DataFrame
        Per :math:`k`: the value of defecting minus the value of cooperating once (unnormalised).
    """

    n_firms: int
    delta: float
    on_path: bool
    off_path: bool
    on_path_margin: float
    margins: Any

    title = "Contagion (Kandori 1992)"

    @property
    def equilibrium(self) -> bool:
        """True if contagion is an equilibrium: both of Kandori's conditions (``on_path`` and ``off_path``) hold."""
        return bool(self.on_path and self.off_path)

    def to_frame(self):
        """The check as a one-row DataFrame.

        Returns
        -------
        pandas.DataFrame
            Columns ``n_firms``, ``delta``, the flags ``on_path`` and ``off_path``, the ``on_path_margin`` and the
            ``worst_off_path_margin`` (the smallest off-path margin).
        """
        import pandas as pd

        return pd.DataFrame({"n_firms": [self.n_firms], "delta": [self.delta], "on_path": [self.on_path],
                             "off_path": [self.off_path], "on_path_margin": [self.on_path_margin],
                             "worst_off_path_margin": [float(self.margins["margin"].min())
                                                       if len(self.margins) else np.nan]})


def contagion_check(T, R, P, S, n_firms, delta) -> ContagionCheck:
    r"""Check Kandori's on-path and off-path conditions for contagion at discount factor ``delta``.

    On path: :math:`R/(1-\delta) \ge T + \delta W(2)`. Off path, for an infected firm when :math:`k` firms defect
    (timing: the firm knows :math:`k`; it compares defecting, worth :math:`W(k)`, with cooperating once and then
    defecting). Cooperating once gives :math:`R` against a healthy partner (who then stays healthy) and :math:`S`
    against an infected one:

    .. math::

        W_C(k) = \tfrac{N-k}{N-1}\bigl[R + \delta\,\mathbb{E}\,W(k + j')\bigr]
               + \tfrac{k-1}{N-1}\bigl[S + \delta\,\mathbb{E}\,W(k + j'')\bigr],

    with :math:`j'` (:math:`j''`) the infected-healthy pairs among the other :math:`N-2` firms, of which
    :math:`k-1` (:math:`k-2`) are infected. The off-path condition is :math:`W(k) \ge W_C(k)` for all
    :math:`2 \le k < N`; it fails for patient firms in large clusters, which is why Kandori's result needs
    :math:`\delta` not too close to 1 for a given game, or Ellison's (1994) public randomisation.

    References
    ----------
    Kandori, M. (1992). Social norms and community enforcement. *Review of Economic Studies* 59(1), 63–80.

    Examples
    --------
    >>> c = contagion_check(5, 3, 1, 0, 4, 0.7)
    >>> c.on_path, c.off_path
    (True, True)
    """
    import pandas as pd

    _validate_pd(T, R, P)
    if not float(P) > float(S):
        raise ValueError(f"P must exceed S (got P={_num(P)}, S={_num(S)})")
    n = int(_check_n_firms(n_firms))
    d = float(delta)
    if not 0 <= d < 1:
        raise ValueError(f"delta must lie in [0, 1) (got delta={delta})")
    T, R, P, S = (float(v) for v in (T, R, P, S))
    dd = np.asarray(d)
    alpha = _alpha(n, dd)
    W = T * alpha + P * (1 / (1 - d) - alpha)  # W[k], k = 0..n
    on_margin = R / (1 - d) - T - d * float(W[2])

    def expected_W(base: int, others_infected: int) -> float:
        # expected W(base + j) with j the mixed pairs among n - 2 firms with `others_infected` infected
        if n - 2 == 0:
            return float(W[base])
        return sum(float(pr) * float(W[base + j]) for j, pr in _mixed_pairs(n - 2, others_infected))

    rows = []
    for k in range(2, n):
        p_h = (n - k) / (n - 1)
        p_i = (k - 1) / (n - 1)
        w_defect = p_h * (T + d * expected_W(k + 1, k - 1)) + p_i * (P + d * expected_W(k, k - 2))
        w_coop = p_h * (R + d * expected_W(k, k - 1)) + p_i * (S + d * expected_W(k, k - 2))
        rows.append({"k": k, "defect": w_defect, "cooperate_once": w_coop, "margin": w_defect - w_coop,
                     "W": float(W[k])})
    margins = pd.DataFrame(rows, columns=["k", "defect", "cooperate_once", "margin", "W"])
    off = bool((margins["margin"] >= -1e-9).all()) if len(margins) else True
    return ContagionCheck(n, d, bool(on_margin >= -1e-9), off, on_margin, margins)


def simulate_contagion_value(T, P, n_firms, delta, k=2, *, n_runs=2000, rng=None):
    r"""Monte-Carlo estimate of :math:`W(k)` (:func:`contagion_deviation_value`) by simulating random matching.

    Firm 0 is the deviator; firms 0..k-1 start infected. Each period a uniform random perfect matching is drawn;
    infected firms defect, the deviator earns :math:`T` against a healthy partner and :math:`P` otherwise, and every
    healthy firm matched with an infected one becomes infected. Runs are truncated when :math:`\delta^t < 10^{-12}`.

    Returns
    -------
    clustergames._estimates.Estimate
        The mean discounted payoff, its standard error, the number of runs and the seed that replays the run
        (unpacks as ``m, se``).

    References
    ----------
    Kandori, M. (1992). Social norms and community enforcement. *Review of Economic Studies* 59(1), 63–80.

    Examples
    --------
    >>> m, se = simulate_contagion_value(5, 1, 6, 0.8, n_runs=4000, rng=1)
    >>> abs(m - contagion_deviation_value(5, 1, 6, 0.8)) < 4 * se
    True
    """
    n = int(_check_n_firms(n_firms))
    k = check_int(k, "k", minimum=1, maximum=n)
    d = check_delta(delta)
    T = check_real(T, "T")
    P = check_real(P, "P")
    n_runs = check_positive_int(n_runs, "n_runs", minimum=2)
    check_size(3 * n_runs * n, "n_runs * n_firms (the simulated matchings)")
    gen, seed = as_rng(rng)
    infected = np.zeros((n_runs, n), dtype=bool)
    infected[:, :k] = True
    total = np.zeros(n_runs)
    horizon = int(np.ceil(np.log(1e-12) / np.log(d))) + 1 if d > 0 else 1
    rows = np.arange(n_runs)[:, None]
    disc = 1.0
    for _ in range(horizon):
        perm = np.argsort(gen.random((n_runs, n)), axis=1)
        a, b = perm[:, 0::2], perm[:, 1::2]
        partner = np.empty((n_runs, n), dtype=int)
        partner[rows, a] = b
        partner[rows, b] = a
        partner_inf = infected[rows, partner]
        total += disc * np.where(partner_inf[:, 0], float(P), float(T))
        infected = infected | partner_inf
        disc *= d
    from ._estimates import Estimate

    return Estimate(float(total.mean()), float(total.std(ddof=1) / np.sqrt(n_runs)), n_runs, seed,
                    title="Monte-Carlo value of deviating under contagion")


# ----------------------------------------------------------------------------------------------------------------
# the industry association as record keeper (Milgrom, North & Weingast 1990)
# ----------------------------------------------------------------------------------------------------------------
_LM = [require("T > R", "T must exceed R (cheating must tempt)"),
       require("R > P", "R must exceed P (cooperation must pay)"),
       require("query_cost >= 0", "query_cost must be non-negative"),
       require("appeal_cost >= 0", "appeal_cost must be non-negative"),
       require("query_cost < R - P", "query_cost must be below R - P (otherwise no trader queries the record)")]


@formula(requires=_LM, symbol=r"J_{\min}")
def _lm_low(T, R, P, query_cost, appeal_cost):
    return _sp().Max(T - R, appeal_cost)


@formula(requires=_LM + _DELTA, symbol=r"J_{\max}")
def _lm_high(T, R, P, query_cost, appeal_cost, delta):
    return delta * (R - P - query_cost) / (1 - delta)


@formula(requires=_LM, threshold=True, symbol=r"\delta^*")
def _lm_delta(T, R, P, query_cost, appeal_cost):
    M = _sp().Max(T - R, appeal_cost)
    return M / (M + R - P - query_cost)


@dataclass(repr=False)
class LawMerchant(Result):
    r"""The Law Merchant equilibrium: the range of judgments that work and the smallest discount factor.

    Attributes
    ----------
    judgment_range : tuple
        :math:`(J_{\min}, J_{\max})`; empty when :math:`J_{\min} > J_{\max}` (see ``feasible``).
    min_delta : float, ndarray or sympy expression
        Smallest :math:`\delta` for which the range is non-empty (``inf`` if none).
    feasible : bool, ndarray or sympy relation
        Whether the range is non-empty at the given :math:`\delta`.
    """

    judgment_range: tuple
    min_delta: Any
    feasible: Any

    title = "Law Merchant (Milgrom, North & Weingast 1990)"

    def to_frame(self):
        """The range of judgments that work and the smallest discount factor.

        Returns
        -------
        pandas.DataFrame
            Columns ``J_min``, ``J_max`` and ``min_delta`` (as text when symbolic), with ``feasible`` for numbers; one
            row per parameter value when they are arrays.
        """
        import pandas as pd

        lo, hi = self.judgment_range
        if is_symbolic(lo) or is_symbolic(hi):
            return pd.DataFrame({"J_min": [str(lo)], "J_max": [str(hi)], "min_delta": [str(self.min_delta)]})
        cols = np.broadcast_arrays(np.asarray(lo, float), np.asarray(hi, float), np.asarray(self.min_delta, float),
                                   np.asarray(self.feasible, bool))
        return pd.DataFrame(dict(zip(["J_min", "J_max", "min_delta", "feasible"], (np.ravel(c) for c in cols))))

    def _repr_latex_(self) -> str:
        sp = _sp()
        lo, hi = self.judgment_range
        return f"${sp.latex(to_sympy(lo))} \\le J \\le {sp.latex(to_sympy(hi))}$"


def law_merchant(T, R, P, query_cost, appeal_cost, delta) -> LawMerchant:
    r"""The industry association as record keeper: the Law Merchant system of Milgrom, North & Weingast (1990).

    Traders meet once, so bilateral reputation is useless; the association (the Law Merchant) keeps records.
    Before trading, each trader may query the record at cost :math:`Q` (``query_cost``); a cheated trader may
    appeal at cost :math:`C` (``appeal_cost``) and the judge awards a judgment :math:`J` that the cheat must pay or
    be recorded (and boycotted). The equilibrium needs: paying is better than cheating, :math:`J \ge T - R`; the
    victim finds it worth appealing, :math:`J \ge C`; and a trader prefers paying the judgment to losing the
    discounted value of honest trade with queries, :math:`J \le \delta (R - P - Q)/(1-\delta)`:

    .. math::

        \max(T - R,\ C) \le J \le \frac{\delta\,(R - P - Q)}{1 - \delta},
        \qquad \delta^* = \frac{\max(T-R, C)}{\max(T-R, C) + R - P - Q} .

    Parameters
    ----------
    T, R, P : float, array_like or sympy expression
        Stage payoffs, :math:`T > R > P`.
    query_cost, appeal_cost : float, array_like or sympy expression
        :math:`0 \le Q < R - P` and :math:`C \ge 0`.
    delta : float, array_like or sympy expression
        Discount factor in :math:`[0, 1)`.

    Returns
    -------
    LawMerchant
        ``.judgment_range``, ``.min_delta``, ``.feasible``.

    References
    ----------
    Milgrom, P. R., North, D. C. & Weingast, B. R. (1990). The role of institutions in the revival of trade: the
    Law Merchant, private judges, and the Champagne fairs. *Economics and Politics* 2(1), 1–23.

    Examples
    --------
    >>> lm = law_merchant(5, 3, 1, query_cost=0.5, appeal_cost=1, delta=0.8)
    >>> lm.judgment_range, round(lm.min_delta, 6)
    ((2.0, 6.0), 0.571429)
    >>> law_merchant(5, 3, 1, 0.5, 1, 0.5).feasible
    False
    >>> law_merchant(5, 3, 1, 0.5, 1, [0.5, 0.8]).to_frame()["feasible"].tolist()
    [False, True]
    """
    args = (T, R, P, query_cost, appeal_cost)
    lo = _lm_low(*args)
    hi = _lm_high(*args, delta)
    dstar = _lm_delta(*args)
    if is_symbolic(lo) or is_symbolic(hi):
        feasible = _sp().Le(lo, hi)
    else:
        feasible = np.asarray(lo) <= np.asarray(hi) + 1e-12
        feasible = bool(feasible) if feasible.ndim == 0 else feasible
    return LawMerchant((lo, hi), dstar, feasible)


# ----------------------------------------------------------------------------------------------------------------
# benefit sharing: side payments pool incentive constraints
# ----------------------------------------------------------------------------------------------------------------
def _firms(T, R, P, name="pooled_delta"):
    seqs = []
    for label, v in (("T", T), ("R", R), ("P", P)):
        if isinstance(v, str | bytes) or not hasattr(v, "__len__"):
            raise TypeError(f"{label} must be a sequence with one entry per firm (got {v!r})")
        seqs.append(list(v))
    n = {len(s) for s in seqs}
    if len(n) != 1:
        raise ValueError(f"T, R and P must have one entry per firm and the same length (got lengths "
                         f"{len(seqs[0])}, {len(seqs[1])}, {len(seqs[2])})")
    if not seqs[0]:
        raise ValueError(f"{name} needs at least one firm")
    return seqs


def pooled_delta(T, R, P):
    r"""Critical discount factor when firms pool their incentive constraints with side payments (benefit sharing).

    Firm :math:`i` earns :math:`R_i` when all cooperate, :math:`T_i` from cheating once and :math:`P_i` after.
    Per-period transfers :math:`\tau_i` with :math:`\sum_i \tau_i = 0` are paid on the cooperative path and stop
    after a deviation, so firm :math:`i` cooperates iff :math:`R_i + \tau_i \ge (1-\delta) T_i + \delta P_i`.
    Transfers exist iff the constraints hold on the sum:

    .. math::

        \sum_i R_i \ge \sum_i \bigl[(1-\delta) T_i + \delta P_i\bigr]
        \iff \delta \ge \delta_{\text{pool}} = \frac{\sum_i (T_i - R_i)}{\sum_i (T_i - P_i)}
        \le \max_i \frac{T_i - R_i}{T_i - P_i} .

    The pooled threshold is a weighted mean of the individual ones, so it never exceeds the largest: sharing
    benefits lets the most tempted firm borrow the slack of the others. This is the pooling of incentive
    constraints of Bernheim & Whinston (1990) (multimarket contact) and of Levin (2003) (with transfers only the
    sum of the constraints matters). A firm with no temptation (:math:`T_i = R_i`) is the natural payer of side
    payments and is allowed.

    Parameters
    ----------
    T, R, P : sequences (one entry per firm) of numbers, arrays (broadcast) or sympy expressions
        :math:`T_i \ge R_i > P_i` for every firm.

    Returns
    -------
    float, ndarray or sympy expression

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.
    Levin, J. (2003). Relational incentive contracts. *American Economic Review* 93(3), 835–857.
    Harrington, J. E. (1989). Collusion among asymmetric firms: the case of different discount factors.
    *International Journal of Industrial Organization* 7(2), 289–307 (side payments among asymmetric firms).

    Examples
    --------
    >>> pooled_delta([5, 4], [3, 3], [1, 1])           # individual thresholds 0.5 and 1/3
    0.42857142857142855
    >>> pooled_delta(T=[12, 4], R=[6, 4], P=[2, 1])     # firm 2 has no temptation: 6/13
    0.46153846153846156
    >>> import sympy
    >>> T1, T2, R, P = sympy.symbols("T1 T2 R P")
    >>> pooled_delta([T1, T2], [R, R], [P, P])
    (-2*R + T1 + T2)/(-2*P + T1 + T2)
    """
    Ts, Rs, Ps = _firms(T, R, P)
    if any(is_symbolic(v) for v in Ts + Rs + Ps):
        sp = _sp()
        Ts, Rs, Ps = ([to_sympy(v) for v in s] for s in (Ts, Rs, Ps))
        for i, (t, r, p) in enumerate(zip(Ts, Rs, Ps)):
            if (t >= r) is sp.false:
                raise ValueError(f"T must be at least R for every firm (firm {i}: T={t}, R={r})")
            if (r > p) is sp.false:
                raise ValueError(f"R must exceed P for every firm (firm {i}: R={r}, P={p})")
        return sp.simplify(sum(t - r for t, r in zip(Ts, Rs)) / sum(t - p for t, p in zip(Ts, Ps)))
    arrays = [[check_array(v, f"{lab}[{i}]") for i, v in enumerate(s)] for lab, s in (("T", Ts), ("R", Rs),
                                                                                       ("P", Ps))]
    shape = np.broadcast_shapes(*(a.shape for s in arrays for a in s))
    Ta, Ra, Pa = (np.stack([np.broadcast_to(a, shape) for a in s]) for s in arrays)
    for (a, b), (va, vb), strict in zip((("T", "R"), ("R", "P")), ((Ta, Ra), (Ra, Pa)), (False, True)):
        bad = ~(va > vb) if strict else ~(va >= vb)
        if bad.any():
            i = int(np.argwhere(bad)[0][0])
            idx = tuple(np.argwhere(bad)[0])
            rule = "exceed" if strict else "be at least"
            raise ValueError(f"{a} must {rule} {b} for every firm (firm {i}: {a}={_num(va[idx])}, "
                             f"{b}={_num(vb[idx])})")
    out = (Ta - Ra).sum(0) / (Ta - Pa).sum(0)
    out = np.where(out >= 1, np.inf, out)
    return float(out) if out.ndim == 0 else out


@dataclass(repr=False)
class BenefitSharing(Result):
    r"""Benefit sharing at one discount factor: thresholds and the feasible per-period transfers.

    Attributes
    ----------
    pooled, individual : float, ndarray
        :math:`\delta_{\text{pool}}` and each firm's own threshold :math:`(T_i-R_i)/(T_i-P_i)`.
    min_transfer, max_transfer : ndarray
        Firm :math:`i` must receive at least :math:`m_i = (1-\delta)T_i + \delta P_i - R_i` (negative: it can pay
        up to :math:`-m_i`) and at most :math:`-\sum_{j \ne i} m_j`.
    feasible : bool
        :math:`\sum_i m_i \le 0`.
    """

    delta: float
    pooled: float
    individual: np.ndarray
    min_transfer: np.ndarray
    max_transfer: np.ndarray
    feasible: bool

    title = "Benefit sharing"

    def to_frame(self):
        """The individual and pooled thresholds, one row per firm.

        Returns
        -------
        pandas.DataFrame
            Columns ``firm``, ``individual_delta``, ``pooled_delta``, the range of transfers ``min_transfer``,
            ``max_transfer`` and whether it is ``feasible``.
        """
        import pandas as pd

        return pd.DataFrame({"firm": np.arange(len(self.individual)), "individual_delta": self.individual,
                             "pooled_delta": self.pooled, "min_transfer": self.min_transfer,
                             "max_transfer": self.max_transfer, "feasible": self.feasible})


def benefit_sharing(T, R, P, delta) -> BenefitSharing:
    r"""Thresholds and the interval of feasible side payments at discount factor ``delta`` (see :func:`pooled_delta`).

    .. math::

        \tau_i \ge m_i = (1-\delta) T_i + \delta P_i - R_i, \qquad \sum_i \tau_i = 0
        \ \Rightarrow\ \tau_i \in \Bigl[m_i,\ -\sum_{j \ne i} m_j\Bigr] .

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.
    Levin, J. (2003). Relational incentive contracts. *American Economic Review* 93(3), 835–857.

    Examples
    --------
    >>> b = benefit_sharing([5, 4], [3, 3], [1, 1], delta=0.45)
    >>> b.feasible, b.min_transfer.round(2).tolist(), b.max_transfer.round(2).tolist()
    (True, [0.2, -0.35], [0.35, -0.2])
    """
    Ts, Rs, Ps = _firms(T, R, P, "benefit_sharing")
    d = check_delta(delta)
    pooled = pooled_delta(Ts, Rs, Ps)
    Ta, Ra, Pa = (check_array(s, name, ndim=1) for s, name in ((Ts, "T"), (Rs, "R"), (Ps, "P")))
    indiv = (Ta - Ra) / (Ta - Pa)  # T >= R > P: in [0, 1); 0 for a firm without temptation
    m = (1 - d) * Ta + d * Pa - Ra
    hi = -(m.sum() - m)
    return BenefitSharing(d, float(pooled), indiv, m, hi, bool(m.sum() <= 1e-12))


# ----------------------------------------------------------------------------------------------------------------
# risk sharing (Coate & Ravallion 1993; Kocherlakota 1996)
# ----------------------------------------------------------------------------------------------------------------
_UTILITIES: dict[str, Callable] = {
    "log": lambda c: _sp().log(c),
    "sqrt": lambda c: _sp().sqrt(c),
    "linear": lambda c: c,
    "exp": lambda c: -_sp().exp(-c),
}


@functools.lru_cache(maxsize=64)
def _risk_formula(utility: Any) -> Formula:
    u = _UTILITIES[utility] if isinstance(utility, str) else utility

    def build(high, low):
        mean = (high + low) / 2
        X = u(high) - u(mean)
        Y = u(mean) - (u(high) + u(low)) / 2
        return X / (X + Y)

    reqs = [require("high > low", "high must exceed low")]
    if utility in ("log", "sqrt"):
        reqs.append(require("low > 0", f"low must be positive for {utility} utility"))
    return Formula(build, ["high", "low"], requires=reqs, threshold=True, symbol=r"\delta^*",
                   name="risk_sharing_delta")


def risk_sharing_delta(high, low, utility="log"):
    r"""Critical discount factor of mutual insurance between two firms with negatively correlated incomes.

    Each period one firm earns ``high`` and the other ``low`` (each equally likely, perfectly negatively
    correlated). Full insurance gives each the mean :math:`m = (h + l)/2`. The firm with the high income is tempted
    to renege (keep :math:`h`), after which both live in autarky with expected utility
    :math:`\mathbb{E}u = (u(h) + u(l))/2`. Insurance is self-enforcing iff
    :math:`(1-\delta)(u(h) - u(m)) \le \delta (u(m) - \mathbb{E}u)`:

    .. math::

        \delta \ge \delta^* = \frac{X}{X + Y}, \qquad X = u(h) - u(m),\quad Y = u(m) - \mathbb{E}u .

    With linear utility :math:`Y = 0`: risk-neutral firms gain nothing from insurance and ``inf`` is returned.

    Parameters
    ----------
    high, low : float, array_like or sympy expression
        Incomes, ``high > low`` (and ``low > 0`` for ``"log"`` and ``"sqrt"``).
    utility : {"log", "sqrt", "linear", "exp"} or callable
        A concave utility; a callable must accept sympy expressions (use ``sympy`` functions), e.g.
        ``lambda c: c ** sympy.Rational(1, 3)``.

    Returns
    -------
    float, ndarray or sympy expression

    References
    ----------
    Coate, S. & Ravallion, M. (1993). Reciprocity without commitment: characterization and performance of informal
    insurance arrangements. *Journal of Development Economics* 40(1), 1–24.

    Kocherlakota, N. R. (1996). Implications of efficient risk sharing without commitment. *Review of Economic
    Studies* 63(4), 595–609.

    Examples
    --------
    >>> round(risk_sharing_delta(3, 1), 6)       # log(3/2) / (log 3 / 2)
    0.738140
    >>> risk_sharing_delta(3, 1, utility="linear")
    inf
    """
    if isinstance(utility, str):
        if utility not in _UTILITIES:
            raise ValueError(f"utility must be one of {sorted(_UTILITIES)} or a callable (got {utility!r})")
    elif not callable(utility):
        raise TypeError(f"utility must be a name or a callable (got {type(utility).__name__})")
    return _risk_formula(utility)(high, low)


def _numeric_utility(utility: Any) -> tuple[Callable[[float], float], Callable[[float], float]]:
    """Float versions of a utility (name or callable) and of its derivative.

    A callable that accepts sympy expressions is differentiated exactly; otherwise the derivative is a central
    difference with a step relative to the consumption level (so it never leaves the positive axis).
    """
    if isinstance(utility, str):
        if utility not in _UTILITIES:
            raise ValueError(f"utility must be one of {sorted(_UTILITIES)} or a callable (got {utility!r})")
    elif not callable(utility):
        raise TypeError(f"utility must be a name or a callable (got {type(utility).__name__})")
    u = _UTILITIES[utility] if isinstance(utility, str) else utility
    try:
        sp = _sp()
        c = sp.Symbol("c", positive=True)
        expr = sp.sympify(u(c))
        if expr.free_symbols <= {c}:
            f = sp.lambdify(c, expr, "math")
            df = sp.lambdify(c, sp.diff(expr, c), "math")
            return (lambda x: float(f(x))), (lambda x: float(df(x)))
    except Exception:  # noqa: BLE001 - a callable that only takes numbers is used as it is
        pass

    def du(x):
        h = 1e-5 * max(abs(x), 1e-300)
        return (float(u(x + h)) - float(u(x - h))) / (2 * h)

    return (lambda x: float(u(x))), du


def _insurance_parts(high: float, low: float, u: Callable[[float], float]):
    """Temptation C(t) = u(h) - u(h - t) and per-period gain G(t) = [u(h-t) + u(l+t) - u(h) - u(l)] / 2."""
    uh, ul = u(high), u(low)

    def C(t):
        return uh - u(high - t)

    def G(t):
        return 0.5 * (u(high - t) + u(low + t) - uh - ul)

    return C, G


def _check_incomes(high, low, utility):
    h = check_real(high, "high")
    lo = check_real(low, "low")
    if not h > lo:
        raise ValueError(f"high must exceed low (got high={fmt(h)}, low={fmt(lo)})")
    if utility in ("log", "sqrt") and not lo > 0:
        raise ValueError(f"low must be positive for {utility} utility (got low={fmt(lo)})")
    return h, lo


def _largest_root(g: Callable[[float], float], slope0: float, t_max: float) -> float:
    """Largest t in [0, t_max] with g(t) >= 0 for a concave g with g(0) = 0 and g'(0) = slope0."""
    from scipy.optimize import brentq

    if not slope0 > 0:
        return 0.0
    if g(t_max) >= 0:
        return t_max

    def ratio(t):  # g(t)/t is non-increasing for concave g with g(0) = 0
        return slope0 if t == 0 else g(t) / t

    return float(brentq(ratio, 0.0, t_max, xtol=1e-15 * max(1.0, t_max), rtol=4 * np.finfo(float).eps))


@dataclass(repr=False)
class PartialInsurance(Result):
    r"""The best self-enforcing insurance transfer at each discount factor (see :func:`partial_insurance`).

    ``transfer`` is the transfer :math:`t(\delta)` from the firm with the high income to the other,
    ``full_transfer`` :math:`(h - l)/2`, ``threshold`` the full-insurance :math:`\delta^*`, ``share`` the insured
    share :math:`t/(h-l)\cdot 2` of the income risk, ``gain`` the per-period expected-utility gain over autarky.
    """

    delta: Any
    transfer: Any
    full_transfer: float
    threshold: float
    share: Any
    gain: Any
    high: float = 0.0
    low: float = 0.0
    title = "Partial insurance (Coate & Ravallion 1993)"

    def to_frame(self):
        """The insurance arrangement, one row per discount factor.

        Returns
        -------
        pandas.DataFrame
            Columns ``delta``, ``transfer``, ``insured share``, ``gain`` and ``full insurance from`` (the threshold).
        """
        import pandas as pd

        return pd.DataFrame({"delta": np.atleast_1d(self.delta), "transfer": np.atleast_1d(self.transfer),
                             "insured share": np.atleast_1d(self.share), "gain": np.atleast_1d(self.gain),
                             "full insurance from": self.threshold})


def partial_insurance(delta, high, low, utility="log") -> PartialInsurance:
    r"""The best self-enforcing (constrained-efficient) insurance transfer below the full-insurance threshold.

    Two firms have incomes :math:`h > l`, one each, the roles drawn with probability 1/2 every period. The firm
    with the high income pays :math:`t \in [0, (h - l)/2]` to the other; reneging ends the arrangement
    (autarky). Stationary insurance with transfer :math:`t` is self-enforcing iff the one-period temptation is no
    larger than the discounted loss:

    .. math::

        (1-\delta)\,\bigl[u(h) - u(h - t)\bigr] \;\le\; \delta\, G(t), \qquad
        G(t) = \tfrac12\bigl[u(h - t) + u(l + t)\bigr] - \tfrac12\bigl[u(h) + u(l)\bigr] .

    The left side is convex and the right side concave in :math:`t`, both zero at :math:`t = 0`, so the
    sustainable transfers form an interval :math:`[0, t(\delta)]`; the best for both firms ex ante is its top
    (Coate & Ravallion 1993). Insurance is partial between

    .. math::

        \underline\delta = \frac{2 u'(h)}{u'(l) + u'(h)} \quad(\text{where } t \text{ starts to rise from } 0)
        \qquad\text{and}\qquad \delta^* \ (\text{where } t = (h-l)/2),

    the full-insurance threshold of :func:`risk_sharing_delta`.

    With two perfectly negatively correlated states one firm's constraint binds every period, so the
    constrained-efficient dynamic contract of Ligon, Thomas & Worrall (2002), which lets transfers depend on
    history, resets every period and pays this same transfer; with more states it is history-dependent and does
    better (Kocherlakota 1996). With quadratic utility :math:`u(c) = c - \gamma c^2/2` the transfer is linear in
    :math:`\delta`: :math:`t(\delta) = \delta (h - l) - 2(1-\delta)(1/\gamma - h)` (clipped to
    :math:`[0, (h-l)/2]`).

    Parameters
    ----------
    delta : float or array_like
        Discount factors in [0, 1).
    high, low : float
        Incomes, ``high > low`` (``low > 0`` for ``"log"`` and ``"sqrt"``).
    utility : {"log", "sqrt", "linear", "exp"} or callable
        A concave utility (a callable may use sympy functions; it is then differentiated exactly).

    Returns
    -------
    PartialInsurance
        ``.transfer`` (float or array like ``delta``), ``.share``, ``.gain``, ``.threshold``.

    References
    ----------
    Coate, S. & Ravallion, M. (1993). Reciprocity without commitment: characterization and performance of informal
    insurance arrangements. *Journal of Development Economics* 40(1), 1–24.
    Ligon, E., Thomas, J. P. & Worrall, T. (2002). Informal insurance arrangements with limited commitment: theory
    and evidence from village economies. *Review of Economic Studies* 69(1), 209–244.
    Kocherlakota, N. R. (1996). Implications of efficient risk sharing without commitment. *Review of Economic
    Studies* 63(4), 595–609.

    Examples
    --------
    >>> r = partial_insurance([0.5, 0.6, 0.8], high=3, low=1)
    >>> r.transfer.round(4).tolist(), round(r.threshold, 4)
    ([0.0, 0.4136, 1.0], 0.7381)
    >>> import sympy
    >>> quad = lambda c: c - c**2 / 10                  # gamma = 1/5: t = 6 delta - 4
    >>> round(partial_insurance(0.75, 3, 1, utility=quad).transfer, 12)
    0.5
    """
    h, lo = _check_incomes(high, low, utility)
    d = check_array(delta, "delta", low=0)
    if (d >= 1).any():
        raise ValueError(f"delta must lie in [0, 1) (got delta={fmt(float(d.max()))})")
    u, du = _numeric_utility(utility)
    C, G = _insurance_parts(h, lo, u)
    t_full = (h - lo) / 2
    dC0 = du(h)  # C'(0) = u'(h)
    dG0 = 0.5 * (du(lo) - du(h))  # G'(0) = (u'(l) - u'(h)) / 2
    out = []
    for dd in d.ravel():
        g = lambda t, dd=dd: dd * G(t) - (1 - dd) * C(t)  # noqa: E731
        out.append(_largest_root(g, dd * dG0 - (1 - dd) * dC0, t_full))
    t = np.array(out).reshape(d.shape)
    thr = float(risk_sharing_delta(h, lo, utility))
    gain = np.vectorize(G, otypes=[float])(t) if t.ndim else G(float(t))
    share = t / t_full
    if t.ndim == 0:
        t, share, gain = float(t), float(share), float(gain)
    return PartialInsurance(float(d) if d.ndim == 0 else d, t, t_full, thr, share, gain, h, lo)


@dataclass(repr=False)
class LinkedRelationship(Result):
    r"""Trade and insurance, alone and linked (see :func:`linked_relationship`)."""

    delta: float
    trade_alone: bool
    insurance_alone: float
    trade_linked: bool
    insurance_linked: float
    trade_threshold_alone: float
    trade_threshold_linked: float
    title = "Linked relationships: trade and insurance"

    def to_frame(self):
        """Separate against linked relationships.

        Returns
        -------
        pandas.DataFrame
            Rows ``separate relationships`` and ``linked relationship``; columns trade cooperation, the insurance
            transfer and the discount factor from which trade cooperation is sustainable.
        """
        import pandas as pd

        return pd.DataFrame({"trade cooperation": [self.trade_alone, self.trade_linked],
                             "insurance transfer": [self.insurance_alone, self.insurance_linked],
                             "trade sustainable from delta": [self.trade_threshold_alone, self.trade_threshold_linked]},
                            index=["separate relationships", "linked relationship"])


def linked_relationship(delta, *, T, R, P, high, low, utility="log") -> LinkedRelationship:
    r"""Trade cooperation and mutual insurance between the same two firms.

    The two relations are separate, or linked so that cheating on either ends both.

    Each period the firms play a prisoner's dilemma in trade (:math:`T > R > P`, in utility units) and face the
    income risk of :func:`partial_insurance`. **Separately**, trade cooperation needs
    :math:`(1-\delta)(T - R) \le \delta (R - P)` and the insurance transfer :math:`t` needs
    :math:`(1-\delta) C(t) \le \delta G(t)`. **Linked** (a deviation in either ends both; the best deviation
    cheats on both at once, in the period when the firm's income is high) the two constraints pool:

    .. math::

        (1-\delta)\bigl[(T - R) + C(t)\bigr] \;\le\; \delta\,\bigl[(R - P) + G(t)\bigr] .

    Slack in one relationship carries the other (Bernheim & Whinston 1990): insurance worth having makes trade
    cooperation credible below its own threshold :math:`(T-R)/(T-P)`, and the trade surplus supports more
    insurance than :func:`partial_insurance` alone. The linked threshold is the smallest :math:`\delta` at which
    some :math:`t` satisfies the pooled constraint; if trade cooperation fails even linked (or costs more insurance
    than the trade surplus is worth), the firms keep the separate insurance.

    Parameters
    ----------
    delta : float
        Discount factor in [0, 1).
    T, R, P : float
        Trade payoffs (keyword-only), ``T > R > P``.
    high, low, utility
        Income risk, as in :func:`partial_insurance`.

    Returns
    -------
    LinkedRelationship

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.
    Coate, S. & Ravallion, M. (1993). Reciprocity without commitment: characterization and performance of informal
    insurance arrangements. *Journal of Development Economics* 40(1), 1–24.

    Examples
    --------
    >>> r = linked_relationship(0.65, T=1.2, R=1, P=0.9, high=3, low=1)
    >>> r.trade_alone, r.trade_linked, round(r.trade_threshold_alone, 4), round(r.trade_threshold_linked, 4)
    (False, True, 0.6667, 0.6306)
    >>> r = linked_relationship(0.7, T=1.2, R=1, P=0.9, high=3, low=1)
    >>> round(r.insurance_alone, 4), round(r.insurance_linked, 4)    # trade surplus supports more insurance
    (0.839, 0.922)
    """
    from scipy.optimize import brentq

    dd = check_delta(delta)
    T = check_real(T, "T")
    R = check_real(R, "R")
    P = check_real(P, "P")
    if not T > R:
        raise ValueError(f"T must exceed R (cheating must tempt) (got T={fmt(T)}, R={fmt(R)})")
    if not R > P:
        raise ValueError(f"R must exceed P (cooperation must pay) (got R={fmt(R)}, P={fmt(P)})")
    h, lo = _check_incomes(high, low, utility)
    u, du = _numeric_utility(utility)
    C, G = _insurance_parts(h, lo, u)
    t_full = (h - lo) / 2
    alone = partial_insurance(dd, h, lo, utility)
    trade_thr = (T - R) / (T - P)
    trade_alone = (1 - dd) * (T - R) <= dd * (R - P) + 1e-12 * max(1.0, abs(T), abs(P))

    def best_slack(x):
        """The maximum over t of x [(R-P) + G(t)] - (1-x) [(T-R) + C(t)] (concave in t)."""
        def dslack(t):  # x G'(t) - (1-x) C'(t)
            return x * 0.5 * (du(lo + t) - du(h - t)) - (1 - x) * du(h - t)

        if dslack(0.0) <= 0:
            t_star = 0.0
        elif dslack(t_full) >= 0:
            t_star = t_full
        else:
            t_star = float(brentq(dslack, 0.0, t_full, xtol=1e-15 * max(1.0, t_full)))
        return x * ((R - P) + G(t_star)) - (1 - x) * ((T - R) + C(t_star)), t_star

    if best_slack(trade_thr)[0] <= 0:
        linked_thr = trade_thr
    else:
        linked_thr = float(brentq(lambda x: best_slack(x)[0], 0.0, trade_thr, xtol=1e-14))
    slack, t_star = best_slack(dd)
    if slack >= -1e-12:
        def pooled(t):
            return dd * ((R - P) + G(t)) - (1 - dd) * ((T - R) + C(t))

        if pooled(t_full) >= 0:
            t_link = t_full
        else:
            t_link = float(brentq(pooled, t_star, t_full, xtol=1e-15))
        trade_linked = True
        if (R - P) + G(t_link) < G(alone.transfer):  # trading costs more insurance than it is worth
            t_link, trade_linked = alone.transfer, False
    else:
        t_link, trade_linked = alone.transfer, False
    return LinkedRelationship(dd, bool(trade_alone), alone.transfer, trade_linked, t_link, trade_thr, linked_thr)


# ----------------------------------------------------------------------------------------------------------------
# multilateral punishment (Greif 1989, 1993)
# ----------------------------------------------------------------------------------------------------------------
@formula(requires=[require("alpha > 0", "alpha (the amount an agent can embezzle) must be positive"),
                   require("(delta > 0) & (delta < 1)", "delta must lie in (0, 1)"),
                   require("(separation >= 0) & (separation <= 1)", "separation must lie in [0, 1]"),
                   require("(rehire_honest >= 0) & (rehire_honest <= 1)", "rehire_honest must lie in [0, 1]"),
                   require("(rehire_cheater >= 0) & (rehire_cheater <= 1)", "rehire_cheater must lie in [0, 1]")],
         symbol=r"w^*")
def greif_wage(alpha, outside, delta, separation, rehire_honest, rehire_cheater):
    r"""Minimum honest wage of an overseas agent under multilateral or bilateral punishment (Greif 1993).

    Timing (per period): an employed agent earns the wage :math:`w`, or embezzles :math:`\alpha` instead and is
    fired; an employed honest agent is separated for exogenous reasons with probability :math:`\sigma`
    (``separation``); an unemployed agent earns ``outside`` (:math:`\bar w`) and is hired again with probability
    :math:`h_h` if honest, :math:`h_c` if he has cheated (once rehired he is treated as honest). With values
    :math:`V_e` (employed), :math:`V_h` and :math:`V_c` (unemployed, honest or cheater),

    .. math::

        V_e = w + \delta[(1-\sigma)V_e + \sigma V_h], \quad
        V_h = \bar w + \delta[h_h V_e + (1-h_h)V_h], \quad
        V_c = \bar w + \delta[h_c V_e + (1-h_c)V_c],

    and the agent is honest iff :math:`V_e \ge \alpha + \delta V_c`. The minimum wage :math:`w^*` makes this bind
    (the honesty margin rises with :math:`w`); the merchant pays :math:`\max(w^*, \bar w)` since the agent must also
    prefer the job to unemployment. The comparative statics below hold where :math:`w^* > \bar w`.
    **Multilateral punishment** (the coalition never rehires a cheat): :math:`h_c = 0`; **bilateral punishment**
    (other merchants ignore the cheat): :math:`h_c = h_h`. Greif's comparative statics: :math:`w^*` rises with
    :math:`h_c`, so the coalition pays a lower efficiency wage; it rises with :math:`\alpha` and :math:`\bar w`
    and falls with :math:`\delta`.

    Parameters
    ----------
    alpha, outside : float, array_like or sympy expression
        Embezzlement gain :math:`\alpha > 0` and the unemployed agent's per-period income.
    delta : float, array_like or sympy expression
        Discount factor in :math:`(0, 1)`.
    separation, rehire_honest, rehire_cheater : float, array_like or sympy expression
        Probabilities :math:`\sigma, h_h, h_c \in [0, 1]`.

    Returns
    -------
    float, ndarray or sympy expression
        :math:`w^*` (per period, unnormalised).

    References
    ----------
    Greif, A. (1989). Reputation and coalitions in medieval trade: evidence on the Maghribi traders. *Journal of
    Economic History* 49(4), 857–882.

    Greif, A. (1993). Contract enforceability and economic institutions in early trade: the Maghribi traders'
    coalition. *American Economic Review* 83(3), 525–548.

    Examples
    --------
    >>> multilateral = greif_wage(1, 0.5, 0.9, 0.1, 0.5, 0.0)
    >>> bilateral = greif_wage(1, 0.5, 0.9, 0.1, 0.5, 0.5)
    >>> round(multilateral, 4), round(bilateral, 4), multilateral < bilateral
    (0.5582, 0.7207, True)
    """
    sp = _sp()
    w, Ve, Vh, Vc = sp.symbols("w V_e V_h V_c")
    eqs = [sp.Eq(Ve, w + delta * ((1 - separation) * Ve + separation * Vh)),
           sp.Eq(Vh, outside + delta * (rehire_honest * Ve + (1 - rehire_honest) * Vh)),
           sp.Eq(Vc, outside + delta * (rehire_cheater * Ve + (1 - rehire_cheater) * Vc))]
    sol = sp.solve(eqs, [Ve, Vh, Vc], dict=True)[0]
    # honesty: V_e >= alpha + delta * V_c, binding at the minimum wage
    wstar = sp.solve(sp.Eq(sol[Ve], alpha + delta * sol[Vc]), w)[0]
    return sp.factor(sp.simplify(wstar))


# ----------------------------------------------------------------------------------------------------------------
# core firm and auxiliaries: relational contracts and hold-up
# ----------------------------------------------------------------------------------------------------------------
@formula(requires=[require("effort_cost >= 0", "effort_cost must be non-negative"),
                   require("output > outside", "output must exceed outside (otherwise there is nothing to "
                                                "sustain)")],
         threshold=True, symbol=r"\delta^*")
def relational_delta(effort_cost, output, outside):
    r"""Critical discount factor of a relational contract between a core firm and an auxiliary supplier.

    The auxiliary exerts effort at cost :math:`c` producing output :math:`y` for the core firm; the joint outside
    options are :math:`s`. The core firm promises a discretionary bonus; reneging ends the relationship. The
    surplus can be split so that both keep their promises iff the present value of future surplus covers the
    effort cost (Levin 2003, Theorem 1 with perfect monitoring):

    .. math::

        c \le \frac{\delta}{1-\delta}\,(y - c - s) \iff \delta \ge \delta^* = \frac{c}{y - s} .

    Parameters
    ----------
    effort_cost : float, array_like or sympy expression
        :math:`c \ge 0`.
    output : float, array_like or sympy expression
        The auxiliary's output :math:`y(\theta)`, a measure of its capability.
    outside : float, array_like or sympy expression
        Joint outside options :math:`s < y`.

    Returns
    -------
    float, ndarray or sympy expression

    References
    ----------
    Levin, J. (2003). Relational incentive contracts. *American Economic Review* 93(3), 835–857.

    Examples
    --------
    >>> relational_delta(1, 3, 1)
    0.5
    """
    return effort_cost / (output - outside)


@formula(requires=[require("effort_cost >= 0", "effort_cost must be non-negative"),
                   require("(delta > 0) & (delta < 1)", "delta must lie in (0, 1)")], symbol=r"y^*")
def capability_cutoff(effort_cost, outside, delta):
    r"""The capability cut-off: the smallest output an auxiliary firm must deliver for the core firm to select it.

    Inverting :func:`relational_delta`: the relationship is self-enforcing iff

    .. math::

        y \ge y^* = s + \frac{c}{\delta} .

    References
    ----------
    Levin, J. (2003). Relational incentive contracts. *American Economic Review* 93(3), 835–857.

    Examples
    --------
    >>> capability_cutoff(1, 1, 0.5)
    3.0
    """
    return outside + effort_cost / delta


@formula(requires=[require("(beta >= 0) & (beta <= 1)", "beta must lie in [0, 1]")], symbol=r"\Delta W")
def holdup_loss(theta, beta):
    r"""Welfare loss from hold-up when the auxiliary keeps only a share :math:`\beta` of the return to its investment.

    Investment :math:`e` at cost :math:`e^2/2` yields :math:`\theta e`. With the full return the firm invests
    :math:`e = \theta` (surplus :math:`\theta^2/2`); anticipating hold-up it invests :math:`\beta\theta`, so

    .. math::

        \Delta W = \frac{\theta^2}{2} - \Bigl(\beta\theta^2 - \frac{\beta^2\theta^2}{2}\Bigr)
                 = \frac{\theta^2 (1-\beta)^2}{2} .

    This is the hold-up problem of Williamson (1985) in the form of Grout (1984): the investment is specific to
    the relationship, no contract fixes its return in advance, and ex-post bargaining gives the investor only
    the share :math:`\beta`. It is *not* the property-rights model of Hart & Moore (1990), where ownership of the
    physical assets sets the outside options and hence :math:`\beta`; asset ownership is not modelled here.

    References
    ----------
    Williamson, O. E. (1985). *The Economic Institutions of Capitalism*. New York: Free Press.
    Grout, P. A. (1984). Investment and wages in the absence of binding contracts: a Nash bargaining approach.
    *Econometrica* 52(2), 449–460.

    Examples
    --------
    >>> holdup_loss(2, 0.5)
    0.5
    """
    return theta ** 2 * (1 - beta) ** 2 / 2


# ----------------------------------------------------------------------------------------------------------------
# governance mechanisms as transformations of a stage game
# ----------------------------------------------------------------------------------------------------------------
def _val(v: Any, *others: Any) -> Any:
    """Keep floats as floats; go to sympy when anything involved is symbolic or exact-sympy."""
    if is_symbolic(v) or any(is_symbolic(o) for o in others):
        return to_sympy(v)
    return v


class Mechanism:
    r"""A governance mechanism: a transformation of a stage game (cooperate = action 0, any other = defect).

    Mechanisms compose with ``+`` (left first) and are applied by calling them on a game; the result feeds
    :func:`clustergames.repeated.critical_delta`, symbolically or numerically.

    Examples
    --------
    >>> import sympy
    >>> from clustergames.games import prisoners_dilemma
    >>> from clustergames.repeated import critical_delta
    >>> T, R, P, S, f, p = sympy.symbols("T R P S f p")
    >>> g = (Fine(f, detection=p) + Subsidy(0))(prisoners_dilemma(T, R, P, S))
    >>> critical_delta(g, "grim").min
    (R - T + f*p)/(P - T)
    """

    def apply(self, game):
        """Transform the stage game's payoffs (subclasses implement it).

        Parameters
        ----------
        game : StageGame
            A two-player stage game with cooperate as action 0.

        Returns
        -------
        StageGame
            The game with the mechanism's payoffs.
        """
        raise NotImplementedError

    def __call__(self, game):
        """Apply the mechanism to ``game``.

        Parameters
        ----------
        game : StageGame
            A two-player stage game with cooperate as action 0.

        Returns
        -------
        StageGame
            The transformed game (see :meth:`apply`).

        Raises
        ------
        TypeError
            If ``game`` is not a :class:`~clustergames.games.StageGame`.
        """
        from .games import StageGame

        if not isinstance(game, StageGame):
            raise TypeError(f"a mechanism transforms a StageGame (got {type(game).__name__})")
        return self.apply(game)

    def __add__(self, other: Mechanism) -> Mechanism:
        if not isinstance(other, Mechanism):
            return NotImplemented
        return _Composite((self, other))

    def _rebuild(self, game, A, B):
        from .games import StageGame

        return StageGame(A, B, actions=game.actions, players=game.players)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"


class _Composite(Mechanism):
    def __init__(self, parts):
        flat = []
        for p in parts:
            flat += list(p.parts) if isinstance(p, _Composite) else [p]
        self.parts = tuple(flat)

    def apply(self, game):
        for p in self.parts:
            game = p.apply(game)
        return game

    def __repr__(self) -> str:
        return " + ".join(repr(p) for p in self.parts)


def _nonneg(value: Any, name: str) -> Any:
    if not is_symbolic(value):
        v = float(as_float_array(value, name))
        if v < 0:
            raise ValueError(f"{name} must be non-negative (got {name}={_num(v)})")
    return value


def _prob(value: Any, name: str) -> Any:
    if not is_symbolic(value):
        v = float(as_float_array(value, name))
        if not 0 < v <= 1:
            raise ValueError(f"{name} must lie in (0, 1] (got {name}={_num(v)})")
    return value


def _expected(amount: Any, detection: Any, game) -> Any:
    """The expected transfer ``amount * detection``: exact (sympy) for symbolic or exact games, float otherwise."""
    if is_symbolic(amount) or is_symbolic(detection) or game.A.dtype == object:
        return to_sympy(amount) * to_sympy(detection)
    return float(amount) * float(detection)


class Subsidy(Mechanism):
    r"""A subsidy :math:`s` to every firm that cooperates (government support, tax breaks for members).

    It maps :math:`u_i \mapsto u_i + s` when firm :math:`i` plays cooperate. In the prisoner's dilemma
    :math:`R \mapsto R + s,\ S \mapsto S + s`.

    References
    ----------
    Bowles, S. (2004). *Microeconomics: Behavior, Institutions, and Evolution*. Princeton University Press, ch. 4.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> Subsidy(1)(prisoners_dilemma(5, 3, 1, 0)).A.tolist()
    [[4, 1], [5, 1]]
    """

    def __init__(self, amount: Any):
        self.amount = _nonneg(amount, "amount")

    def apply(self, game):
        """Add the subsidy to a player's payoff whenever that player cooperates (row 0, column 0)."""
        A, B = game.A, game.B
        s = _val(self.amount, *A.ravel())
        A = A.astype(object)
        B = B.astype(object)
        A[0, :] = A[0, :] + s
        B[:, 0] = B[:, 0] + s
        return self._rebuild(game, A, B)


class Fine(Mechanism):
    r"""A fine :math:`f` levied with probability :math:`p` (``detection``) on every firm that defects.

    It maps :math:`u_i \mapsto u_i - p f`. In the prisoner's dilemma :math:`T \mapsto T - pf,\ P \mapsto P - pf`, so the
    grim threshold becomes :math:`(T - pf - R)/(T - P)`.

    References
    ----------
    Becker, G. S. (1968). Crime and punishment: an economic approach. *Journal of Political Economy* 76(2),
    169–217.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> Fine(2, detection=0.5)(prisoners_dilemma(5, 3, 1, 0)).A.tolist()
    [[3.0, 0.0], [4.0, 0.0]]
    """

    def __init__(self, fine: Any, detection: Any = 1):
        self.fine = _nonneg(fine, "fine")
        self.detection = _prob(detection, "detection")

    def apply(self, game):
        """Subtract the expected fine ``detection * fine`` from a player's payoff whenever that player defects."""
        A, B = game.A, game.B
        x = _expected(self.fine, self.detection, game)
        A = A.astype(object) if A.dtype == object or is_symbolic(x) else A.astype(float)
        B = B.astype(object) if B.dtype == object or is_symbolic(x) else B.astype(float)
        A[1:, :] = A[1:, :] - x
        B[:, 1:] = B[:, 1:] - x
        return self._rebuild(game, A, B)


class Compensation(Mechanism):
    r"""Compensation :math:`k` paid by a detected cheat to the firm it cheated (an association's arbitration).

    With probability :math:`p` in the profile (cooperate, defect) the cooperator gains :math:`pk` and the defector loses
    it. In the prisoner's dilemma :math:`T \mapsto T - pk,\ S \mapsto S + pk`.

    References
    ----------
    Milgrom, P. R., North, D. C. & Weingast, B. R. (1990). The role of institutions in the revival of trade: the
    Law Merchant, private judges, and the Champagne fairs. *Economics and Politics* 2(1), 1–23.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> Compensation(1)(prisoners_dilemma(5, 3, 1, 0)).A.tolist()
    [[3, 1], [4, 1]]
    """

    def __init__(self, amount: Any, detection: Any = 1):
        self.amount = _nonneg(amount, "amount")
        self.detection = _prob(detection, "detection")

    def apply(self, game):
        """Move the expected compensation ``detection * amount`` from the defector to the cooperator.

        Applies in every profile where one firm cooperates and the other defects; exact and symbolic payoffs stay exact.
        """
        A, B = game.A.astype(object), game.B.astype(object)
        x = _expected(self.amount, self.detection, game)
        m, n = A.shape
        for i in range(1, m):  # row defects, column cooperates
            A[i, 0] = A[i, 0] - x
            B[i, 0] = B[i, 0] + x
        for j in range(1, n):  # column defects, row cooperates
            B[0, j] = B[0, j] - x
            A[0, j] = A[0, j] + x
        if not game.is_symbolic and not is_symbolic(x) and game.A.dtype != object:
            A, B = A.astype(float), B.astype(float)
        return self._rebuild(game, A, B)


class MembershipRent(Mechanism):
    r"""A membership rent :math:`m` earned in every period a firm belongs to the cluster (every stage payoff).

    Under bilateral punishment it cancels (the threshold :math:`(T-R)/(T-P)` is unchanged); it disciplines only
    with exclusion, where the outside option does not include it (``critical_delta(game, "grim_expulsion",
    outside=...)``).

    References
    ----------
    Greif, A. (1993). Contract enforceability and economic institutions in early trade: the Maghribi traders'
    coalition. *American Economic Review* 83(3), 525–548.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> MembershipRent(2)(prisoners_dilemma(5, 3, 1, 0)).A.tolist()
    [[5, 2], [7, 3]]
    """

    def __init__(self, rent: Any):
        self.rent = _nonneg(rent, "rent")

    def apply(self, game):
        """Add the rent to both players' payoffs in every profile."""
        A, B = game.A, game.B
        r = _val(self.rent, *A.ravel())
        return self._rebuild(game, A + r, B + r)


class BenefitPooling(Mechanism):
    r"""Benefit pooling: each firm hands a share :math:`\sigma` of its payoff to a pool split equally.

    It maps :math:`u_i \mapsto (1-\sigma) u_i + \sigma (u_1 + u_2)/2`. In the prisoner's dilemma the temptation falls to
    :math:`T - \sigma (T - S)/2` and the sucker's payoff rises, so the grim threshold falls.

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> BenefitPooling(0.5)(prisoners_dilemma(5, 3, 1, 0)).A.tolist()
    [[3.0, 1.25], [3.75, 1.0]]
    """

    def __init__(self, share: Any):
        if not is_symbolic(share):
            v = float(as_float_array(share, "share"))
            if not 0 <= v <= 1:
                raise ValueError(f"share must lie in [0, 1] (got share={_num(v)})")
        self.share = share

    def apply(self, game):
        """Pool a share of the payoffs: each player keeps ``1 - share`` of its payoff and gets ``share`` of the mean."""
        A, B = game.A, game.B
        s = _val(self.share, *A.ravel())
        if isinstance(s, float) or (not is_symbolic(s) and A.dtype != object):
            A, B = A.astype(float), B.astype(float)
            s = float(s)
        mean = (A + B) / 2 if A.dtype != object else (A + B) * _sp().Rational(1, 2)
        return self._rebuild(game, (1 - s) * A + s * mean, (1 - s) * B + s * mean)
