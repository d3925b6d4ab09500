r"""The regional brand (区域品牌) as a collective reputation.

The article counts "the regional brand" among the cluster rents a firm loses when it leaves or is expelled. A brand
is a *collective* reputation: buyers cannot tell one firm's product from another's, so every firm in the region
sells at a price that reflects what the region's firms delivered in the past, and a firm that enters inherits that
reputation, good or bad (Tirole 1996). This module is a stylised model in that spirit (not Tirole's own model,
which has individual track records observed with noise; the mechanism is the same):

* a share :math:`\alpha_H` of firms always delivers quality (honest), a share :math:`\alpha_D` never does
  (dishonest), the rest are opportunists who deliver quality at cost :math:`c` per period when it pays;
* buyers pay a premium :math:`\Delta r_t` for the brand, where the reputation :math:`r_t` is the exponentially
  weighted share of quality among the region's past sales, :math:`r_{t+1} = (1 - w) r_t + w\,\bar q_t`;
* a cheat is identified with probability :math:`p` (traceability, association records) and loses the brand for
  good; firms leave at rate :math:`\mu` and are replaced by entrants who sell under the brand at once.

An opportunist who expects the reputation to stay at :math:`r` delivers quality iff the premium it risks covers the
cost, :math:`c \le p \frac{\beta}{1-\beta} \Delta r` with :math:`\beta = \delta(1-\mu)`, i.e. iff
:math:`r \ge r^\dagger` (:func:`brand_threshold`). The good steady state :math:`r_G = 1 - \alpha_D` exists iff
:math:`r_G \ge r^\dagger`, the bad one :math:`r_B = \alpha_H` iff :math:`r_B < r^\dagger`. Between the two, history
decides: a brand pushed below :math:`r^\dagger` by a scandal collapses to :math:`r_B` even though the good steady
state exists, and entrants inherit the bad name (hysteresis). Traceability (higher :math:`p`), patience and low
turnover lower :math:`r^\dagger` and widen the basin of the good brand.

References
----------
Tirole, J. (1996). A theory of collective reputations (with applications to the persistence of corruption and to
firm quality). *Review of Economic Studies* 63(1), 1–22.

Examples
--------
>>> from clustergames import brand
>>> b = brand.RegionalBrand(honest=0.2, dishonest=0.1, cost=1, premium=2, detection=0.5, delta=0.8)
>>> round(b.threshold, 6), b.steady_states().index.tolist()
(0.25, ['good', 'bad'])
>>> round(float(b.path(0.6, periods=80).reputation[-1]), 4), round(float(b.path(0.22, periods=80).reputation[-1]), 4)
(0.9, 0.2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validation import check_positive_int, check_probability, check_real, fmt
from .results import Result
from .symbolic import formula, require

__all__ = ["brand_threshold", "RegionalBrand", "BrandPath"]


@formula(requires=[require("cost >= 0", "cost (of delivering quality) must be non-negative"),
                   require("premium > 0", "premium (the brand's price premium at full reputation) must be positive"),
                   require("(detection > 0) & (detection <= 1)", "detection must lie in (0, 1]"),
                   require("(delta > 0) & (delta < 1)", "delta must lie in (0, 1)"),
                   require("(turnover >= 0) & (turnover < 1)", "turnover must lie in [0, 1)")],
         symbol=r"r^\dagger")
def brand_threshold(cost, premium, detection, delta, turnover=0):
    r"""The brand reputation above which opportunistic firms deliver quality.

    A firm identified as a cheat (probability :math:`p`) loses the premium :math:`\Delta r` in every later period
    it stays in business (survival :math:`1-\mu`, discount :math:`\delta`, so :math:`\beta = \delta(1-\mu)`):

    .. math::

        c \le p \frac{\beta}{1 - \beta} \Delta r \iff r \ge r^\dagger = \frac{c (1 - \beta)}{p \beta \Delta} .

    A value above 1 means no reputation is good enough: the brand cannot discipline opportunists.

    References
    ----------
    Tirole, J. (1996). A theory of collective reputations (with applications to the persistence of corruption and
    to firm quality). *Review of Economic Studies* 63(1), 1–22.

    Examples
    --------
    >>> brand_threshold(1, 2, 0.5, 0.8)
    0.25
    >>> brand_threshold(1, 2, 0.5, 0.8, turnover=0.5)   # beta = 0.4: 1 * 0.6 / (0.5 * 0.4 * 2)
    1.5
    """
    beta = delta * (1 - turnover)
    return cost * (1 - beta) / (detection * beta * premium)


@dataclass(repr=False)
class BrandPath(Result):
    """A path of the brand's reputation (``.reputation``) and the share of quality delivered (``.quality``)."""

    reputation: np.ndarray
    quality: np.ndarray
    threshold: float
    good: float
    bad: float
    title = "Regional brand: reputation over time"

    def to_frame(self):
        """The reputation path, one row per period.

        Returns
        -------
        pandas.DataFrame
            Columns ``period``, ``reputation`` and ``quality`` (the share of quality delivered in that period; NaN in
            the last period, which has no choice yet).
        """
        import pandas as pd

        return pd.DataFrame({"period": np.arange(len(self.reputation)), "reputation": self.reputation,
                             "quality": np.append(self.quality, np.nan)})


@dataclass(repr=False)
class RegionalBrand(Result):
    r"""A regional brand as a collective reputation (see the module text for the model).

    Parameters
    ----------
    honest, dishonest : float
        Shares :math:`\alpha_H`, :math:`\alpha_D` of firms that always / never deliver quality
        (:math:`\alpha_H + \alpha_D \le 1`; the rest are opportunists).
    cost : float
        Per-period cost :math:`c \ge 0` of delivering quality.
    premium : float
        The brand's price premium :math:`\Delta > 0` at full reputation (the premium is :math:`\Delta r`).
    detection : float
        Probability :math:`p \in (0, 1]` that a cheat is identified and loses the brand.
    delta : float
        Discount factor in (0, 1).
    turnover : float
        Share :math:`\mu \in [0, 1)` of firms replaced by entrants each period (entrants inherit the reputation).
    memory : float
        Weight :math:`w \in (0, 1]` of the current period in the reputation (1: buyers remember one period).

    References
    ----------
    Tirole, J. (1996). A theory of collective reputations (with applications to the persistence of corruption and
    to firm quality). *Review of Economic Studies* 63(1), 1–22.

    Examples
    --------
    >>> b = RegionalBrand(honest=0.2, dishonest=0.1, cost=1, premium=2, detection=0.5, delta=0.8)
    >>> b.multiple, round(b.brand_rent, 6)
    (True, 1.8)
    """

    honest: Any
    dishonest: Any
    cost: Any
    premium: Any
    detection: Any
    delta: Any
    turnover: Any = 0.0
    memory: Any = 0.25
    title = "Regional brand (collective reputation)"

    def __post_init__(self):
        self.honest = check_probability(self.honest, "honest")
        self.dishonest = check_probability(self.dishonest, "dishonest")
        if self.honest + self.dishonest > 1:
            raise ValueError(f"honest + dishonest must not exceed 1 (got honest={fmt(self.honest)}, "
                             f"dishonest={fmt(self.dishonest)})")
        self.cost = check_real(self.cost, "cost", low=0)
        self.premium = check_real(self.premium, "premium", low=0, low_open=True)
        self.detection = check_real(self.detection, "detection", low=0, high=1, low_open=True,
                                    rule="a probability in (0, 1]")
        self.delta = check_real(self.delta, "delta", low=0, high=1, low_open=True, high_open=True,
                                rule="a discount factor in (0, 1)")
        self.turnover = check_real(self.turnover, "turnover", low=0, high=1, high_open=True)
        self.memory = check_real(self.memory, "memory", low=0, high=1, low_open=True)

    @property
    def threshold(self) -> float:
        r""":math:`r^\dagger` (:func:`brand_threshold`)."""
        return float(brand_threshold(self.cost, self.premium, self.detection, self.delta, self.turnover))

    @property
    def good(self) -> float:
        r"""Reputation when opportunists deliver quality: :math:`r_G = 1 - \alpha_D`."""
        return 1.0 - self.dishonest

    @property
    def bad(self) -> float:
        r"""Reputation when opportunists cheat: :math:`r_B = \alpha_H`."""
        return self.honest

    @property
    def multiple(self) -> bool:
        r"""Both steady states exist (:math:`r_B < r^\dagger \le r_G`): history decides which one the brand reaches."""
        return self.bad < self.threshold <= self.good

    @property
    def brand_rent(self) -> float:
        r"""Per-period brand premium :math:`\Delta r_G` at the good steady state.

        The part of the exit opportunity cost that the regional brand contributes (0 when the good steady state does not
        exist).
        """
        return self.premium * self.good if self.threshold <= self.good else 0.0

    def quality_share(self, reputation) -> np.ndarray:
        """Share of quality delivered when the reputation is ``reputation`` (opportunists expect it to persist)."""
        r = np.asarray(reputation, dtype=float)
        opportunists = 1.0 - self.honest - self.dishonest
        return self.honest + opportunists * (r >= self.threshold)

    def steady_states(self):
        """The steady states that exist: reputation, whether opportunists deliver quality, the brand rent."""
        import pandas as pd

        rows = {}
        if self.threshold <= self.good:
            rows["good"] = {"reputation": self.good, "opportunists deliver quality": True,
                            "brand premium": self.premium * self.good}
        if self.bad < self.threshold:
            rows["bad"] = {"reputation": self.bad, "opportunists deliver quality": False,
                           "brand premium": self.premium * self.bad}
        return pd.DataFrame.from_dict(rows, orient="index")

    def path(self, initial, periods: int = 40) -> BrandPath:
        r"""The reputation path :math:`r_{t+1} = (1 - w) r_t + w\,\bar q(r_t)` from ``initial``.

        Examples
        --------
        >>> b = RegionalBrand(honest=0.2, dishonest=0.1, cost=1, premium=2, detection=0.5, delta=0.8, memory=0.5)
        >>> b.path(0.5, periods=2).reputation.tolist()
        [0.5, 0.7, 0.8]
        """
        r0 = check_probability(initial, "initial")
        n = check_positive_int(periods, "periods")
        rep = np.empty(n + 1)
        qual = np.empty(n)
        rep[0] = r0
        w = self.memory
        for t in range(n):
            qual[t] = float(self.quality_share(rep[t]))
            rep[t + 1] = (1 - w) * rep[t] + w * qual[t]
        return BrandPath(rep, qual, self.threshold, self.good, self.bad)

    def to_frame(self):
        """The steady states of :meth:`steady_states` with the reputation threshold.

        Returns
        -------
        pandas.DataFrame
            One row per steady state, with the column ``threshold r†`` added.
        """
        import pandas as pd

        frame = self.steady_states()
        if frame.empty:  # pragma: no cover - one of the two conditions always holds
            return pd.DataFrame()
        frame["threshold r†"] = self.threshold
        return frame
