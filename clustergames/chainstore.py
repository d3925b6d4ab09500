r"""The chain-store game with incomplete information (Selten 1978; Kreps & Wilson 1982; Milgrom & Roberts 1982).

Split out of :mod:`clustergames.reputation` (which re-exports :class:`ChainStore` and :class:`ChainStorePlay`, so
``cg.reputation.ChainStore`` keeps working).

Beliefs are compared with the entrants' thresholds :math:`b^k` in log space, :math:`\ln p` against
:math:`k \ln b`, with a tolerance relative to :math:`|k \ln b|`: thresholds below :math:`10^{-308}` do not
underflow, and a belief of 0 (or :math:`10^{-16}`) is never mistaken for a threshold. The equilibrium value and the
expected number of entries are computed by backward induction over the (few) beliefs reachable at each market,
without recursion, so a chain of any length works.

Examples
--------
>>> from clustergames.chainstore import ChainStore
>>> ChainStore(0.5, 2, 0.0, 60).entry_probability(60, 0.0)     # a weak incumbent everyone knows is weak
1.0
>>> ChainStore(0.5, 2, 0.0, 60).expected_entries()
60.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _validation as _v
from .results import Result

__all__ = ["ChainStore", "ChainStorePlay"]

#: relative tolerance, on the log scale, of "belief equals threshold" (exact equality arises after a fight)
_LOG_RTOL = 1e-9


@dataclass(repr=False)
class ChainStorePlay(Result):
    """One or several plays of the chain-store game: one row per market and play; ``seed`` replays it."""

    frame: Any
    incumbent: str
    seed: Any = None
    title: str = field(default="Chain-store play", init=False)

    def to_frame(self):
        """The plays, one row per market and play (the ``frame`` attribute)."""
        return self.frame


def _side(p, k, log_b):
    """-1, 0 or +1 (arrays allowed) as the belief ``p`` is below, at or above the threshold b**k (log space)."""
    p = np.asarray(p, dtype=float)
    lt = k * log_b
    with np.errstate(divide="ignore"):
        lp = np.log(p)
    at = (p > 0) & (np.abs(lp - lt) <= _LOG_RTOL * max(1.0, abs(lt)))
    out = np.where(at, 0, np.where(lp < lt, -1, 1))
    return out


@dataclass(repr=False)
class ChainStore(Result):
    r"""The finite chain-store game with incomplete information and its sequential equilibrium.

    An incumbent meets ``n_markets`` entrants in turn. The entrant gains :math:`b \in (0, 1)` (``entrant_gain``)
    if the incumbent accommodates, :math:`b - 1` if it fights, 0 if it stays out. A weak incumbent gains
    :math:`a > 1` (``incumbent_gain``) when the entrant stays out, 0 when it accommodates and :math:`-1` when it
    fights; a tough incumbent (prior probability :math:`\delta_0`, ``prior``) always fights. With :math:`k` markets
    left (the current one included) and belief :math:`p` that the incumbent is tough, the sequential equilibrium of
    Kreps & Wilson (1982) is

    * the entrant stays out if :math:`p > b^k`, enters if :math:`p < b^k` and stays out with probability
      :math:`1/a` if :math:`p = b^k`;
    * the weak incumbent accommodates in the last market; with :math:`k > 1` it fights if :math:`p \ge b^{k-1}`
      and otherwise fights with probability

      .. math::

          \beta_k(p) = \frac{(1 - b^{k-1})\,p}{(1-p)\,b^{k-1}} ,

      which makes the posterior after a fight exactly :math:`b^{k-1}`;
    * beliefs: unchanged after staying out, :math:`\max(b^{k-1}, p)` after a fight, 0 after accommodation.

    Entry can only occur in the last :math:`\lfloor \ln \delta_0 / \ln b \rfloor` markets, however many there are.

    References
    ----------
    Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of Economic Theory* 27,
    253–279.
    Milgrom, P. & Roberts, J. (1982). Predation, reputation, and entry deterrence. *Journal of Economic Theory*
    27, 280–312.
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9, 127–159.

    Examples
    --------
    >>> cs = ChainStore(entrant_gain=0.5, incumbent_gain=2, prior=0.1, n_markets=10)
    >>> cs.threshold(3), cs.fight_probability(3, 0.1), cs.belief_after_fight(3, 0.1)
    (0.125, 0.33333333333333337, 0.25)
    >>> round(cs.expected_entries(), 4)
    2.8056
    """

    entrant_gain: float
    incumbent_gain: float
    prior: float
    n_markets: int
    title: str = field(default="Chain-store sequential equilibrium", init=False)

    def __post_init__(self):
        self.entrant_gain = _v.check_real(self.entrant_gain, "entrant_gain", low=0, high=1, low_open=True,
                                          high_open=True)
        self.incumbent_gain = _v.check_real(self.incumbent_gain, "incumbent_gain", low=1, low_open=True)
        self.prior = _v.check_real(self.prior, "prior", low=0, high=1, high_open=True)
        self.n_markets = _v.check_positive_int(self.n_markets, "n_markets")
        self._log_b = math.log(self.entrant_gain)
        self._memo: dict = {}

    # -- equilibrium strategies ------------------------------------------------------------------------------
    def _k(self, remaining):
        return _v.check_int(remaining, "remaining", minimum=1, maximum=self.n_markets)

    @staticmethod
    def _p(belief):
        return _v.check_probability(belief, "belief")

    def threshold(self, remaining) -> float:
        r"""The entrant's belief threshold :math:`b^k` with ``remaining`` :math:`= k` markets left."""
        return self.entrant_gain ** self._k(remaining)

    def _cmp(self, p, k):
        """-1, 0 or +1 as p is below, at or above b**k (log space, relative tolerance)."""
        return int(_side(p, k, self._log_b))

    def entry_probability(self, remaining, belief) -> float:
        r"""Probability that the entrant with ``remaining`` markets left enters, given ``belief``.

        .. math::

            \Pr(\text{enter}) = \begin{cases} 0 & p > b^k \\ 1 - 1/a & p = b^k \\ 1 & p < b^k \end{cases}

        Examples
        --------
        >>> ChainStore(0.5, 2, 0.1, 5).entry_probability(2, 0.25)
        0.5
        >>> ChainStore(0.5, 2, 0.0, 60).entry_probability(60, 0.0)
        1.0
        """
        k, p = self._k(remaining), self._p(belief)
        return self._enter(k, p)

    def _enter(self, k, p):
        return {1: 0.0, 0: 1.0 - 1.0 / self.incumbent_gain, -1: 1.0}[self._cmp(p, k)]

    def fight_probability(self, remaining, belief) -> float:
        r"""The weak incumbent's probability of fighting an entrant with ``remaining`` markets left.

        .. math::

            \beta_k(p) = \begin{cases} 0 & k = 1 \text{ or } p = 0 \\ 1 & p \ge b^{k-1} \\
            \dfrac{(1-b^{k-1})\,p}{(1-p)\,b^{k-1}} & \text{otherwise} \end{cases}

        Examples
        --------
        >>> ChainStore(0.5, 2, 0.1, 5).fight_probability(1, 0.3)
        0.0
        """
        k, p = self._k(remaining), self._p(belief)
        return self._fight(k, p)

    def _fight(self, k, p):
        if k == 1 or p == 0:
            return 0.0
        if self._cmp(p, k - 1) >= 0:
            return 1.0
        t = self.entrant_gain ** (k - 1)      # p < t here, so t > p > 0 is representable
        return min(1.0, (1 - t) * p / ((1 - p) * t))

    def belief_after_fight(self, remaining, belief) -> float:
        r"""Posterior that the incumbent is tough after it fights with ``remaining`` markets left.

        .. math::

            p' = \frac{p}{p + (1-p)\beta_k(p)} = \max(b^{k-1}, p) \quad (k > 1), \qquad p' = 1 \quad (k = 1).

        A belief of 0 stays 0.

        Examples
        --------
        >>> ChainStore(0.5, 2, 0.1, 5).belief_after_fight(4, 0.05)
        0.125
        """
        k, p = self._k(remaining), self._p(belief)
        return self._after(k, p)

    def _after(self, k, p):
        if p == 0:
            return 0.0
        if k == 1:
            return 1.0
        return self.entrant_gain ** (k - 1) if self._cmp(p, k - 1) <= 0 else p

    # -- backward induction over the reachable beliefs (no recursion) ------------------------------------------
    def _children(self, k, p):
        """Beliefs reached with k - 1 markets left.

        Each comes with its probability and whether the market was entered and fought: (belief, probability, entered,
        fought).
        """
        enter = self._enter(k, p)
        out = []
        if enter < 1:
            out.append((p, 1 - enter, False, False))
        if enter > 0:
            beta = self._fight(k, p)
            if beta > 0:
                out.append((self._after(k, p), enter * beta, True, True))
            if beta < 1:
                out.append((0.0, enter * (1 - beta), True, False))
        return out

    def _backward(self, k, p, what):
        """Evaluate ``what`` ("value" or "entries") at (k, p) level by level from the last market."""
        memo = self._memo.setdefault(what, {})
        if (k, p) in memo:
            return memo[(k, p)]
        levels = [{p}]
        for kk in range(k, 0, -1):
            nxt = set()
            for q in levels[-1]:
                if q > 0 and (kk, q) not in memo:
                    nxt.update(c[0] for c in self._children(kk, q))
            levels.append(nxt)
        a = self.incumbent_gain
        for depth in range(len(levels) - 1, -1, -1):
            kk = k - depth
            for q in levels[depth]:
                if (kk, q) in memo:
                    continue
                if kk == 0:
                    memo[(kk, q)] = 0.0
                elif q == 0:
                    # a weak incumbent known to be weak: every entrant enters, it accommodates
                    memo[(kk, q)] = 0.0 if what == "value" else float(kk)
                else:
                    total = 0.0
                    for q2, pr, entered, fought in self._children(kk, q):
                        if what == "value":
                            stage = (-1.0 if fought else 0.0) if entered else a
                        else:
                            stage = 1.0 if entered else 0.0
                        total += pr * (stage + memo[(kk - 1, q2)])
                    memo[(kk, q)] = total
        return memo[(k, p)]

    def incumbent_value(self, remaining, belief) -> float:
        r"""Equilibrium continuation payoff of the weak incumbent with ``remaining`` markets left.

        Computed by backward induction over the equilibrium strategies (used to verify sequential rationality).

        .. math::

            v_k(p) = s_k(p)\,[a + v_{k-1}(p)] + (1 - s_k(p))\,\beta_k(p)\,[-1 + v_{k-1}(p')], \quad v_0 = 0 .

        Examples
        --------
        >>> cs = ChainStore(0.5, 2, 0.1, 5)
        >>> cs.incumbent_value(2, cs.threshold(2))     # = 1: exactly offsets the cost of fighting one market earlier
        1.0
        >>> ChainStore(0.5, 2, 0.0, 2000).incumbent_value(2000, 0.0)    # known to be weak: entry everywhere
        0.0
        """
        k, p = self._k(remaining), self._p(belief)
        return self._backward(k, p, "value")

    def expected_entries(self) -> float:
        r"""Expected number of markets entered against the weak incumbent, starting from the prior.

        Computed exactly by recursion over the equilibrium path: with :math:`E_k(p)` the expected entries in the
        last :math:`k` markets, :math:`E_k(0) = k` and

        .. math::

            E_k(p) = (1 - s_k)E_{k-1}(p)\,[p > b^k] + \ldots = \Pr(\text{in})\,[1 + \beta E_{k-1}(p')
            + (1-\beta)(k-1)] + \Pr(\text{out})\,E_{k-1}(p) .

        Examples
        --------
        >>> round(ChainStore(0.5, 2, 0.1, 1000).expected_entries(), 4)    # bounded in the number of markets
        2.8056
        """
        return self._backward(self.n_markets, self.prior, "entries")

    def path(self, rng=None):
        r"""Alias of :meth:`simulate` for one play against the weak incumbent."""
        return self.simulate(rng=rng, incumbent="weak")

    def simulate(self, *, rng=None, incumbent=None, plays=1):
        r"""Simulate the equilibrium play: entrants' decisions, the incumbent's responses and the belief path.

        Parameters
        ----------
        rng : None, int, SeedSequence or Generator
        incumbent : {None, "weak", "tough"}
            The incumbent's type; None draws it from the prior (separately for each play).
        plays : int
            Number of independent plays.

        Returns
        -------
        ChainStorePlay
            ``to_frame()``: ``play, market, remaining, belief, threshold, entered, fought, belief_after, type``.

        References
        ----------
        Kreps, D. M. & Wilson, R. (1982). Reputation and imperfect information. *Journal of Economic Theory* 27,
        253–279.

        Examples
        --------
        >>> cs = ChainStore(0.5, 2, 0.1, 8)
        >>> df = cs.simulate(rng=3, incumbent="weak").to_frame()
        >>> int(df["entered"].iloc[:5].sum())        # far from the end, entrants stay out
        0
        """
        import pandas as pd

        _v.check_choice(incumbent, "incumbent", (None, "weak", "tough"))
        plays = _v.check_positive_int(plays, "plays")
        _v.check_size(plays * self.n_markets, "plays * n_markets", item_bytes=80)
        gen, seed = _v.as_rng(rng)
        tough = gen.random(plays) < self.prior if incumbent is None else np.full(plays, incumbent == "tough")
        p = np.full(plays, self.prior)
        cols = {name: [] for name in ("play", "market", "remaining", "belief", "threshold", "entered", "fought",
                                      "belief_after")}
        a, bb, lb = self.incumbent_gain, self.entrant_gain, self._log_b
        for m, k in enumerate(range(self.n_markets, 0, -1), start=1):
            side = _side(p, k, lb)
            enter_p = np.where(side == 0, 1 - 1 / a, np.where(side < 0, 1.0, 0.0))
            if k == 1:
                beta = np.zeros(plays)
                post = np.where(p == 0, 0.0, 1.0)
            else:
                t_prev = bb ** (k - 1)
                side_prev = _side(p, k - 1, lb)
                with np.errstate(divide="ignore", invalid="ignore"):
                    mixed = np.minimum(1.0, (1 - t_prev) * p / ((1 - p) * t_prev))
                beta = np.where(p == 0, 0.0, np.where(side_prev >= 0, 1.0, mixed))
                post = np.where(p == 0, 0.0, np.where(side_prev <= 0, t_prev, p))
            enters = gen.random(plays) < enter_p
            fought = enters & (tough | (gen.random(plays) < beta))
            after = np.where(enters, np.where(fought, post, 0.0), p)
            for name, val in (("play", np.arange(plays)), ("market", np.full(plays, m)),
                              ("remaining", np.full(plays, k)), ("belief", p), ("threshold", np.full(plays, bb ** k)),
                              ("entered", enters), ("fought", fought), ("belief_after", after)):
                cols[name].append(val)
            p = after
        frame = pd.DataFrame({name: np.concatenate(v) for name, v in cols.items()})
        frame["type"] = np.where(np.tile(tough, self.n_markets), "tough", "weak")
        frame = frame.sort_values(["play", "market"], kind="stable").reset_index(drop=True)
        return ChainStorePlay(frame, incumbent or "prior", seed)

    def _repr_latex_(self) -> str:
        return (r"$\Pr(\text{enter}) = [p < b^k],\quad \beta_k(p) = \frac{(1-b^{k-1})\,p}{(1-p)\,b^{k-1}},"
                r"\quad p' = \max(b^{k-1}, p)$" + f" with $b = {self.entrant_gain:g}$, $a = {self.incumbent_gain:g}$, "
                f"$\\delta_0 = {self.prior:g}$, $N = {self.n_markets}$")

    def to_frame(self):
        """The equilibrium along the path with no entry before the first contested market.

        Thresholds, the entrant's entry probability and the weak incumbent's fighting probability at the prior.
        """
        import pandas as pd

        ks = np.arange(self.n_markets, 0, -1)
        return pd.DataFrame({
            "remaining": ks,
            "threshold": [self.threshold(int(k)) for k in ks],
            "entry_at_prior": [self.entry_probability(int(k), self.prior) for k in ks],
            "fight_at_prior": [self.fight_probability(int(k), self.prior) for k in ks],
            "belief_after_fight": [self.belief_after_fight(int(k), self.prior) for k in ks],
        })
