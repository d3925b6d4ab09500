r"""Repeated n-firm cooperation with imperfect monitoring: grim reversion, exclusion, graduated sanctions.

Every period each of :math:`n` firms cooperates (earning :math:`R` when all do) or violates (earning :math:`T > R`
while the others cooperate); the all-violate stage equilibrium pays :math:`P < R`. The association monitors: a
violation is detected with probability :math:`p`. A firm may also violate by mistake (execution ``noise``
:math:`\varepsilon`, while it means to cooperate). Three enforcement regimes (Ostrom 1990, design principles 4–5):

* **grim reversion**: after a detected violation everybody reverts to the stage equilibrium forever (value
  :math:`P/(1-\delta)`);
* **exclusion**: the detected violator is expelled and earns its outside option :math:`O` forever, while the others
  keep cooperating (the article's exit cost :math:`R - O`);
* **graduated sanctions**: the :math:`j`-th detected violation costs a fine :math:`F_j` (:math:`j = 1..K`), the
  :math:`(K+1)`-th exclusion.

With value :math:`V_j` of complying in state :math:`j` (detected violations so far) and :math:`V_{K+1} =
O/(1-\delta)`,

.. math::

    V_j = \frac{(1-\varepsilon)R + \varepsilon(T - pF_{j+1}) + \delta\varepsilon p V_{j+1}}{1 - \delta +
    \delta\varepsilon p}, \qquad \text{comply in state } j \iff T - pF_{j+1} - R \le \delta p\,(V_j - V_{j+1})

(one-shot deviation principle; :math:`F_{K+1} = 0`). Exclusion is the case :math:`K = 0`, which gives the closed
form :func:`exclusion_delta`; grim reversion is the case :math:`K = 0`, :math:`O = P` for a single firm, and for
:math:`n` firms its cooperative phase also ends at a detected mistake of any other firm, which
:func:`grim_monitoring_delta` accounts for (``n_firms``). The *cooperation level* is the expected discounted share
of firm-periods spent cooperating in the cooperative equilibrium (mistakes are not cooperation; collapsed or excluded
firms do not cooperate); it is 0 when the regime cannot sustain cooperation at the given :math:`\delta`.

References
----------
Ostrom, E. (1990). *Governing the Commons: The Evolution of Institutions for Collective Action*. Cambridge
University Press.

Green, E. J. & Porter, R. H. (1984). Noncooperative collusion under imperfect price information. *Econometrica*
52(1), 87–100.

Examples
--------
>>> round(grim_monitoring_delta(T=3, R=2, P=0, p=1), 6)
0.333333
>>> grim_monitoring_delta(T=3, R=2, P=0, p=0)      # never detected: no discount factor below 1 works
inf
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import check_array, check_delta, check_positive_int, check_probability, check_real
from ..results import Result
from ..symbolic import formula, require

__all__ = ["grim_monitoring_delta", "exclusion_delta", "grim_cooperation", "exclusion_cooperation",
           "graduated_cooperation", "one_shot_gains", "graduated_delta", "sanction_regimes", "SanctionComparison",
           "REGIMES"]

REGIMES = ("grim", "exclusion", "graduated")

_MONITOR = [
    require("(p >= 0) & (p <= 1)", "p (the detection probability) must be a probability in [0, 1]"),
    require("(noise >= 0) & (noise < 1/2)", "noise (the execution error) must lie in [0, 1/2)"),
]


@formula(requires=[require("R > P", "R (cooperation) must pay more than P (the stage equilibrium)")] + _MONITOR
         + [require("n_firms >= 1", "n_firms must be at least 1"),
            require("Eq(floor(n_firms), n_firms)", "n_firms must be a whole number of firms")],
         threshold=True, symbol=r"\delta^*_{\mathrm{grim}}")
def grim_monitoring_delta(T, R, P, p, noise=0, n_firms=1):
    r"""Critical discount factor for n-firm cooperation under grim reversion when violations are detected w.p. p.

    .. math::

        \delta^*_{\mathrm{grim}} = \frac{T - R}{(1 - \varepsilon p)^{n-1}\Bigl[(T - R)(1 - \varepsilon p)
        + p\,\bigl((1-\varepsilon)R + \varepsilon T - P\bigr)\Bigr]}

    (with :math:`\varepsilon = 0`: :math:`(T - R)/(T - R + p(R - P))`, Friedman's grim trigger at :math:`p = 1`).
    Under grim reversion a detected *mistake* of any of the :math:`n` firms ends cooperation, so with noise the
    cooperative phase is worth less to each firm and the threshold rises with :math:`n` (the factor
    :math:`(1-\varepsilon p)^{n-1}`: the other firms' mistakes); with ``n_firms=1`` only the firm's own record
    counts. ``inf`` when :math:`p = 0`; ``0.0`` when :math:`T \le R`. Derivation: with :math:`q = \varepsilon p`,
    the value of complying solves :math:`V = (1-\varepsilon)R + \varepsilon T + \delta[(1-q)^n V + (1-(1-q)^n)
    P/(1-\delta)]`; an intended violation is detected with probability :math:`p`, so complying is optimal iff
    :math:`T - R \le \delta p (1-q)^{n-1}(V - P/(1-\delta))` (checked against a direct Monte-Carlo simulation of
    the repeated game in ``tests/test_nplayer.py``).

    References
    ----------
    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.

    Green, E. J. & Porter, R. H. (1984). Noncooperative collusion under imperfect price information.
    *Econometrica* 52(1), 87–100.

    Examples
    --------
    >>> grim_monitoring_delta(T=3, R=2, P=0, p=0.5)
    0.5
    >>> round(grim_monitoring_delta(T=3, R=2, P=0, p=0.5, noise=0.05, n_firms=10), 4)   # others' mistakes count
    0.628
    >>> import sympy
    >>> p = sympy.Symbol("p", positive=True)
    >>> grim_monitoring_delta(3, 2, 0, p)
    1/(2*p + 1)
    """
    return (T - R) / ((1 - noise * p) ** (n_firms - 1) * ((T - R) * (1 - noise * p)
                                                          + p * ((1 - noise) * R + noise * T - P)))


@formula(requires=[require("R > outside", "R (cooperation) must pay more than the outside option")] + _MONITOR,
         threshold=True, symbol=r"\delta^*_{\mathrm{excl}}")
def exclusion_delta(T, R, outside, p, noise=0):
    r"""Critical discount factor when a detected violator is expelled (outside option :math:`O`) and the rest go on.

    .. math::

        \delta^*_{\mathrm{excl}} = \frac{T - R}{(T - R)(1 - \varepsilon p) + p\,\bigl((1-\varepsilon)R +
        \varepsilon T - O\bigr)}

    The exit cost :math:`R - O` replaces the punishment gap :math:`R - P`: when leaving the cluster loses its rents
    (:math:`O < P`), exclusion deters at a lower :math:`\delta` than grim reversion, and it punishes only the
    violator (the article's claim 1).

    References
    ----------
    Ostrom, E. (1990). *Governing the Commons*. Cambridge University Press.

    Examples
    --------
    >>> round(exclusion_delta(T=3, R=2, outside=-1, p=0.5), 6)
    0.4
    """
    return (T - R) / ((T - R) * (1 - noise * p) + p * ((1 - noise) * R + noise * T - outside))


_LEVEL = [require("(delta >= 0) & (delta < 1)", "delta must be a discount factor in [0, 1)")] + _MONITOR


@formula(requires=_LEVEL + [require("n_firms >= 1", "n_firms must be at least 1"),
                            require("Eq(floor(n_firms), n_firms)", "n_firms must be a whole number of firms")],
         symbol=r"C_{\mathrm{grim}}")
def grim_cooperation(delta, p, noise, n_firms):
    r"""Discounted share of firm-periods cooperating under grim reversion (collapse at the first detected mistake).

    .. math::

        C_{\mathrm{grim}} = \frac{(1-\delta)(1-\varepsilon)}{1 - \delta(1 - \varepsilon p)^{n}}

    Examples
    --------
    >>> round(grim_cooperation(0.9, 0.5, 0.05, 10), 4)
    0.3153
    """
    return (1 - delta) * (1 - noise) / (1 - delta * (1 - noise * p) ** n_firms)


@formula(requires=_LEVEL, symbol=r"C_{\mathrm{excl}}")
def exclusion_cooperation(delta, p, noise):
    r"""Discounted share of periods a firm cooperates under exclusion (expelled at its first detected mistake).

    .. math::

        C_{\mathrm{excl}} = \frac{(1-\delta)(1-\varepsilon)}{1 - \delta(1 - \varepsilon p)}

    Examples
    --------
    >>> round(exclusion_cooperation(0.9, 0.5, 0.05), 4)
    0.7755
    """
    return (1 - delta) * (1 - noise) / (1 - delta * (1 - noise * p))


@formula(requires=_LEVEL + [require("K >= 0", "K (the number of fines before exclusion) must be >= 0")],
         symbol=r"C_{\mathrm{grad}}")
def graduated_cooperation(delta, p, noise, K):
    r"""Discounted share of periods a firm cooperates under graduated sanctions (expelled at detection K + 1).

    With :math:`q = \varepsilon p` the probability that a period brings a detected mistake, the firm is still in
    after :math:`t` periods with probability :math:`P(\mathrm{Bin}(t, q) \le K)`, and
    :math:`\sum_t \delta^t \binom tj q^j (1-q)^{t-j} = (\delta q)^j / (1 - \delta(1-q))^{j+1}`, so

    .. math::

        C_{\mathrm{grad}} = (1-\delta)(1-\varepsilon)\sum_{j=0}^{K}\frac{(\delta q)^j}{(1-\delta(1-q))^{j+1}}
        = \frac{(1-\delta)(1-\varepsilon)}{1-\delta(1-q)}\cdot\frac{1 - r^{K+1}}{1 - r}, \quad
        r = \frac{\delta q}{1 - \delta(1-q)} .

    Examples
    --------
    >>> round(graduated_cooperation(0.9, 0.5, 0.05, 0), 4) == round(exclusion_cooperation(0.9, 0.5, 0.05), 4)
    True
    >>> round(graduated_cooperation(0.9, 0.5, 0.05, 2), 4)
    0.9441
    """
    q = noise * p
    x = 1 - delta * (1 - q)
    r = delta * q / x
    return (1 - delta) * (1 - noise) / x * (1 - r ** (K + 1)) / (1 - r)


def _fines(fines: Any) -> np.ndarray:
    if fines is None:
        return np.zeros(0)
    arr = check_array(fines, "fines", ndim=1, low=0)
    return np.asarray(arr, dtype=float)


def one_shot_gains(delta: Any, *, T: Any, R: Any, p: Any, outside: Any, fines: Any = (), noise: Any = 0.0):
    r"""Gain from one intended violation in each state :math:`j = 0..K` (negative: complying is optimal).

    Computed directly: the values :math:`V_j` of complying from the backward recursion in the module docstring
    (:math:`V_{K+1} = O/(1-\delta)`), then

    .. math::

        g_j(\delta) = T - pF_{j+1} - R - \delta p\,(V_j - V_{j+1}) .

    Cooperation is an equilibrium iff every :math:`g_j \le 0`. Grim reversion is ``fines=()`` with
    ``outside=P``; exclusion is ``fines=()``. ``delta`` may be an array (gains then have shape
    ``(K + 1,) + delta.shape``).

    Examples
    --------
    >>> one_shot_gains(0.5, T=3, R=2, p=0.5, outside=0).round(6).tolist()   # grim at its threshold: indifferent
    [0.0]
    >>> one_shot_gains(0.5, T=3, R=2, p=0.5, outside=0, fines=[1.0]).round(6).tolist()   # expected fine 1/2 < 1
    [0.5, 0.0]
    """
    d = np.asarray(check_array(delta, "delta", low=0, high=1), dtype=float)
    if (d >= 1).any():
        raise ValueError("delta must be a discount factor in [0, 1) (got delta=1)")
    args = _sanction_args(T, R, p, outside, fines, noise)
    return _gains(d, *args)


def _sanction_args(T, R, p, outside, fines, noise):
    T = check_real(T, "T")
    R = check_real(R, "R")
    O_ = check_real(outside, "outside")
    p = check_probability(p, "p")
    eps = check_real(noise, "noise", low=0, high=0.5, high_open=True)
    return T, R, p, O_, np.r_[_fines(fines), 0.0], eps


def _gains(d: np.ndarray, T: float, R: float, p: float, O_: float, Fn: np.ndarray, eps: float) -> np.ndarray:
    """One-shot gains g_j(delta), j = 0..K, by the backward recursion (no validation)."""
    V_next = O_ / (1 - d)
    gains = []
    for j in range(len(Fn) - 1, -1, -1):
        V_j = ((1 - eps) * R + eps * (T - p * Fn[j]) + d * eps * p * V_next) / (1 - d + d * eps * p)
        gains.append(T - p * Fn[j] - R - d * p * (V_j - V_next))
        V_next = V_j
    return np.array(gains[::-1])


def graduated_delta(*, T: Any, R: Any, p: Any, fines: Any, outside: Any = 0.0, noise: Any = 0.0,
                    grid: int = 4001) -> float:
    r"""Critical discount factor under graduated sanctions (fines ``F_1..F_K``, then exclusion), by direct search.

    The smallest :math:`\delta^*` such that every one-shot gain :math:`g_j(\delta) \le 0` (see
    :func:`one_shot_gains`) for all :math:`\delta \in [\delta^*, 1)`: a vectorised scan of ``grid`` points, then
    bisection to machine precision. Returns ``inf`` when no :math:`\delta < 1` works, ``0.0`` when every one does.
    With ``fines=()`` it reproduces :func:`exclusion_delta`. Without noise the fines deter on their own
    (:math:`pF_j \ge T - R`) or not at all, since complying firms never pay them; with noise, a state closer to
    exclusion is worth less, which lets smaller fines deter.

    .. math::

        \delta^* = \min\{\delta : g_j(\delta') \le 0 \ \forall j,\ \forall \delta' \in [\delta, 1)\}

    References
    ----------
    Ostrom, E. (1990). *Governing the Commons*. Cambridge University Press (design principle 5: graduated
    sanctions).

    Examples
    --------
    >>> round(graduated_delta(T=3, R=2, p=0.5, fines=[], outside=-1), 6) == round(exclusion_delta(3, 2, -1, 0.5), 6)
    True
    >>> graduated_delta(T=3, R=2, p=0.5, fines=[1.0], outside=-1)      # a fine of 1 at p = 1/2 cannot deter a gain of 1
    inf
    """
    grid = check_positive_int(grid, "grid", minimum=10, maximum=10**7)
    args = _sanction_args(T, R, p, outside, fines, noise)
    slack = 1e-12 * max(1.0, abs(args[0]), abs(args[1]))

    def ok(d):
        return (_gains(d, *args) <= slack).all(axis=0)

    ds = np.linspace(0.0, 1.0, grid)[:-1]
    good = ok(ds)
    if not good[-1] or not ok(np.array([1 - 1e-12]))[0]:
        return float("inf")
    bad = np.flatnonzero(~good)
    if bad.size == 0:
        return 0.0
    lo, hi = ds[bad[-1]], ds[bad[-1] + 1]
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if ok(np.array([mid]))[0]:
            hi = mid
        else:
            lo = mid
        if hi - lo < 4 * np.finfo(float).eps:
            break
    return float(hi)


@dataclass(repr=False)
class SanctionComparison(Result):
    """Critical discount factors and cooperation levels of the three regimes, one row per (p, regime)."""

    frame: Any
    params: dict
    title = "Sanction regimes: critical discount factor and cooperation"

    def to_frame(self):
        """A copy of the comparison table, one row per (monitoring probability, regime)."""
        return self.frame.copy()


def sanction_regimes(p: Any, *, delta: Any, T: Any, R: Any, P: Any, n_firms: Any, outside: Any = 0.0,
                     noise: Any = 0.0, fines: Any = (1.0,)) -> SanctionComparison:
    r"""Compare grim reversion, exclusion and graduated sanctions at each monitoring probability ``p``.

    For each :math:`p` and regime: the critical discount factor (:func:`grim_monitoring_delta`,
    :func:`exclusion_delta`, :func:`graduated_delta`) and the cooperation level (:func:`grim_cooperation`,
    :func:`exclusion_cooperation`, :func:`graduated_cooperation` when :math:`\delta \ge \delta^*`, else 0).

    .. math::

        \text{cooperation}(p) = C_{\mathrm{regime}}(\delta, p)\,\mathbb 1[\delta \ge \delta^*_{\mathrm{regime}}(p)]

    Parameters
    ----------
    p : float or array
        Detection probabilities.
    delta : float
        The firms' discount factor.
    T, R, P : float
        Temptation, reward of joint cooperation, stage-equilibrium payoff (e.g. ``**game.stage_payoffs()`` of a
        :class:`SymmetricGame`).
    n_firms : int
        Number of firms (grim reversion collapses at the first detected mistake of any of them: this raises its
        critical discount factor and lowers its cooperation level).
    outside : float
        Outside option of an expelled firm.
    noise : float in [0, 1/2)
        Probability that a firm violates by mistake.
    fines : sequence of float
        Graduated fines :math:`F_1, \dots, F_K` before exclusion.

    References
    ----------
    Ostrom, E. (1990). *Governing the Commons*. Cambridge University Press.

    Examples
    --------
    >>> res = sanction_regimes([0.2, 0.8], delta=0.9, T=2.7, R=2, P=0, n_firms=10, outside=-1, noise=0.05,
    ...                        fines=[0.5, 1.0])
    >>> res.to_frame().pivot(index="p", columns="regime", values="cooperation").round(3)
    regime  exclusion  graduated   grim
    p
    0.2         0.872      0.000  0.511
    0.8         0.699      0.932  0.237
    """
    import pandas as pd

    ps = np.atleast_1d(np.asarray(check_array(p, "p", low=0, high=1), dtype=float))
    if ps.size == 0:
        raise ValueError("p must hold at least one detection probability (got an empty sequence)")
    delta = check_delta(delta)
    n_firms = check_positive_int(n_firms, "n_firms", minimum=1)
    T, R, P = check_real(T, "T"), check_real(R, "R"), check_real(P, "P")
    outside = check_real(outside, "outside")
    noise = check_real(noise, "noise", low=0, high=0.5, high_open=True)
    F = _fines(fines)
    if not R > P:
        raise ValueError(f"R (cooperation) must pay more than P (the stage equilibrium) (got R={R:g}, P={P:g})")
    if not R > outside:
        raise ValueError(f"R (cooperation) must pay more than the outside option (got R={R:g}, outside={outside:g})")
    rows = []
    for pv in ps:
        th = {"grim": grim_monitoring_delta(T, R, P, pv, noise, n_firms),
              "exclusion": exclusion_delta(T, R, outside, pv, noise),
              "graduated": graduated_delta(T=T, R=R, p=pv, fines=F, outside=outside, noise=noise)}
        lev = {"grim": grim_cooperation(delta, pv, noise, n_firms),
               "exclusion": exclusion_cooperation(delta, pv, noise),
               "graduated": graduated_cooperation(delta, pv, noise, len(F))}
        for reg in REGIMES:
            rows.append({"p": float(pv), "regime": reg, "critical_delta": float(th[reg]),
                         "cooperation": float(lev[reg]) if delta >= th[reg] else 0.0})
    params = dict(delta=delta, T=T, R=R, P=P, n_firms=n_firms, outside=outside, noise=noise, fines=F.tolist())
    return SanctionComparison(pd.DataFrame(rows), params)
