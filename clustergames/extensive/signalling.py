r"""Two-type signalling games.

Every pure perfect Bayesian equilibrium with its belief ranges, the intuitive criterion (Cho & Kreps 1987), and the
named games beer–quiche, limit pricing and the green label.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import check_probability, check_real, fmt
from ..results import Result
from .tree import ExtensiveGame, _exact_out, _to_fraction

__all__ = ["SignallingGame", "PerfectBayesianEquilibrium", "PBESet", "beer_quiche", "limit_pricing", "green_label"]


# ---------------------------------------------------------------------------------------------------------------
# signalling games
# ---------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class PerfectBayesianEquilibrium:
    r"""A pure perfect Bayesian equilibrium of a two-type signalling game.

    ``sender`` maps type -> message, ``receiver`` message -> response, ``beliefs`` message -> ``(low, high)``: the
    range of beliefs :math:`\mu(m) = P(\text{first type} \mid m)` supporting the response (a point on the path,
    an interval off it). ``payoffs`` maps each type to its payoff and ``"receiver"`` to the receiver's expected
    payoff. ``intuitive`` says whether it survives the intuitive criterion.
    """

    sender: dict[str, str]
    receiver: dict[str, str]
    beliefs: dict[str, tuple[Any, Any]]
    payoffs: dict[str, Any]
    kind: str
    intuitive: bool = True
    broken_by: str | None = None

    def describe(self) -> str:
        """Short text: ``pooling on beer; receiver: beer→not, quiche→duel``."""
        s = ", ".join(f"{t}→{m}" for t, m in self.sender.items())
        r = ", ".join(f"{m}→{a}" for m, a in self.receiver.items())
        return f"{self.kind}: sender {s}; receiver {r}"

    def __repr__(self) -> str:
        return f"PBE({self.describe()}; intuitive={self.intuitive})"


@dataclass(repr=False)
class PBESet(Result, Sequence):
    """All pure perfect Bayesian equilibria of a signalling game; ``to_frame()`` one row each."""

    equilibria: list[PerfectBayesianEquilibrium]
    game: Any
    title = "Pure perfect Bayesian equilibria"

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self.equilibria)

    def plot(self, ax: Any = None, *, index: int = 0, **kwargs: Any):
        """Draw the game tree with equilibrium ``index`` highlighted (messages and responses); return the Axes."""
        from ..plotting import extensive as plot_extensive
        from .tree import SubgamePerfectEquilibrium

        tree = self.game.to_extensive()
        if not self.equilibria:
            return plot_extensive.plot_tree(tree, ax=ax, equilibrium=None, **kwargs)
        e = self.equilibria[index]
        sender = self.game.players[0]
        profile = {f"{t} {sender}": m for t, m in e.sender.items()}
        profile.update({f"after {m}": r for m, r in e.receiver.items()})
        index_of = {h["name"]: i for i, h in enumerate(tree._infosets)}
        path = tree._play_edges({index_of[name]: a for name, a in profile.items()})
        eq = SubgamePerfectEquilibrium(profile, (), True, path, tree)
        return plot_extensive.plot_tree(tree, ax=ax, equilibrium=eq, **kwargs)

    def intuitive(self) -> PBESet:
        """The equilibria that survive the intuitive criterion."""
        return PBESet([e for e in self.equilibria if e.intuitive], self.game)

    def to_frame(self):
        """Kind, each type's message, each response, belief ranges, payoffs and the intuitive criterion."""
        import pandas as pd

        g = self.game
        rows = []
        for e in self.equilibria:
            rec: dict[str, Any] = {"kind": e.kind}
            for t in g.types:
                rec[f"{t} sends"] = e.sender[t]
            for m in g.messages:
                rec[f"after {m}"] = e.receiver[m]
            for m in g.messages:
                lo, hi = e.beliefs[m]
                rec[f"P({g.types[0]} | {m})"] = fmt(lo) if lo == hi else f"[{fmt(lo)}, {fmt(hi)}]"
            for t in g.types:
                rec[f"payoff {t}"] = e.payoffs[t]
            rec["payoff receiver"] = e.payoffs["receiver"]
            rec["intuitive"] = e.intuitive
            rows.append(rec)
        return pd.DataFrame.from_records(rows)


class SignallingGame:
    r"""A two-type signalling game.

    Nature draws the sender's type, the sender sends a message, the receiver — seeing the message, not the type —
    responds.

    A pure *perfect Bayesian equilibrium* is a sender strategy :math:`m(t)`, a receiver strategy :math:`r(m)` and
    beliefs :math:`\mu(m) = P(t_1 \mid m)` such that each type's message is optimal given :math:`r`, each
    response is optimal given the belief,

    .. math::

        r(m) \in \arg\max_{r}\; \mu(m)\, u_R(t_1, m, r) + (1-\mu(m))\, u_R(t_2, m, r),

    and beliefs follow Bayes' rule on the path (:math:`\mu = p` after a pooling message, 1 or 0 after a separating
    one). Off the path any belief in the interval where :math:`r(m)` is optimal supports it; that interval is
    reported.

    The *intuitive criterion* (Cho & Kreps 1987): after an unsent message :math:`m`, drop the types for which even
    the best response to :math:`m` pays less than their equilibrium payoff; if for some remaining type every best
    response to beliefs on the remaining types pays more than its equilibrium payoff, the equilibrium fails.

    Parameters
    ----------
    types : pair of str
        The two types (prior probability ``prior`` on the first).
    prior : number in (0, 1)
    messages, responses : sequence of str
    sender_payoffs, receiver_payoffs : array_like, shape (2, n_messages, n_responses)
        :math:`u_S(t, m, r)` and :math:`u_R(t, m, r)`; numbers or Fractions (kept exact).
    players : pair of str, optional
        Names of the sender and the receiver.

    References
    ----------
    Spence, M. (1973). Job market signaling. *Quarterly Journal of Economics* 87(3), 355–374.

    Cho, I.-K. & Kreps, D. M. (1987). Signaling games and stable equilibria. *Quarterly Journal of Economics*
    102(2), 179–221.

    Examples
    --------
    >>> eqs = beer_quiche().equilibria()
    >>> [(e.kind, e.sender["strong"], e.intuitive) for e in eqs]
    [('pooling', 'beer', True), ('pooling', 'quiche', False)]
    """

    def __init__(self, types: Sequence[str], prior: Any, messages: Sequence[str], responses: Sequence[str],
                 sender_payoffs: Any, receiver_payoffs: Any, *, players: Sequence[str] = ("sender", "receiver")):
        self.types = _names(types, "types", exactly=2)
        self.messages = _names(messages, "messages")
        self.responses = _names(responses, "responses")
        self.players = _names(players, "players", exactly=2)
        self.prior = check_probability(prior, "prior", exact=True, open_low=True, open_high=True)
        shape = (2, len(self.messages), len(self.responses))
        from .._validation import check_array

        us = check_array(sender_payoffs, "sender_payoffs", shape=shape, exact=True)
        ur = check_array(receiver_payoffs, "receiver_payoffs", shape=shape, exact=True)
        self.is_exact = us.dtype == object and ur.dtype == object and not isinstance(self.prior, float)
        if self.is_exact:
            self._us = np.vectorize(_to_fraction, otypes=[object])(us)
            self._ur = np.vectorize(_to_fraction, otypes=[object])(ur)
        else:
            self._us, self._ur = np.asarray(us, dtype=float), np.asarray(ur, dtype=float)
            self.prior = float(self.prior)
        scale = max(float(np.max(np.abs(self._us.astype(float)))), float(np.max(np.abs(self._ur.astype(float)))),
                    1e-300)
        self._tol = 0 if self.is_exact else 1e-9 * scale

    # beliefs where response r is optimal after message m: an interval within [0, 1], or None
    def belief_range(self, message: str, response: str) -> tuple[Any, Any] | None:
        r"""The beliefs :math:`\mu = P(t_1 \mid m)` at which ``response`` is a best reply to ``message``.

        Returns ``(low, high)`` or ``None`` when no belief in [0, 1] makes it optimal.

        Examples
        --------
        >>> beer_quiche().belief_range("quiche", "duel")
        (0, Fraction(1, 2))
        """
        from .._validation import check_choice

        m = self.messages.index(check_choice(message, "message", self.messages))
        r = self.responses.index(check_choice(response, "response", self.responses))
        return self._range(m, r)

    def _range(self, m: int, r: int):
        zero, one = (Fraction(0), Fraction(1)) if self.is_exact else (0.0, 1.0)
        lo, hi = zero, one
        U = self._ur
        for r2 in range(len(self.responses)):
            if r2 == r:
                continue
            d1 = U[0, m, r] - U[0, m, r2]
            d2 = U[1, m, r] - U[1, m, r2]
            # mu*d1 + (1-mu)*d2 >= 0  <=>  d2 + mu (d1 - d2) >= 0
            slope = d1 - d2
            if abs(slope) <= self._tol:
                if d2 < -self._tol:
                    return None
                continue
            cut = -d2 / slope
            if slope > 0:
                lo = max(lo, cut)
            else:
                hi = min(hi, cut)
        if lo > hi + (1e-12 if not self.is_exact else 0):
            return None
        out = (lo, min(max(hi, lo), one)) if not self.is_exact else (lo, hi)
        return tuple(_exact_out(v) if isinstance(v, Fraction) else float(v) for v in out)

    def _best(self, m: int, mu) -> list[int]:
        vals = [mu * self._ur[0, m, r] + (1 - mu) * self._ur[1, m, r] for r in range(len(self.responses))]
        top = max(vals)
        return [r for r, v in enumerate(vals) if v >= top - self._tol]

    def equilibria(self) -> PBESet:
        """Every pure perfect Bayesian equilibrium (separating and pooling).

        Each is checked with the intuitive criterion.

        Examples
        --------
        >>> [e.kind for e in green_label().equilibria()]
        ['separating', 'pooling']
        """
        M, R = len(self.messages), len(self.responses)
        p = self.prior
        out = []
        ranges = {(m, r): self._range(m, r) for m in range(M) for r in range(R)}
        for sm in itertools.product(range(M), repeat=2):
            for rs in itertools.product(range(R), repeat=M):
                # sender optimality
                ok = True
                for t in range(2):
                    mine = self._us[t, sm[t], rs[sm[t]]]
                    if any(self._us[t, m, rs[m]] > mine + self._tol for m in range(M)):
                        ok = False
                        break
                if not ok:
                    continue
                beliefs = {}
                for m in range(M):
                    senders = [t for t in range(2) if sm[t] == m]
                    if senders:
                        mu = p if len(senders) == 2 else (1 if senders == [0] else 0)
                        mu = (Fraction(mu) if self.is_exact else float(mu)) if not isinstance(mu, Fraction) else mu
                        if rs[m] not in self._best(m, mu):
                            ok = False
                            break
                        v = _exact_out(mu) if isinstance(mu, Fraction) else mu
                        beliefs[self.messages[m]] = (v, v)
                    else:
                        rg = ranges[(m, rs[m])]
                        if rg is None:
                            ok = False
                            break
                        beliefs[self.messages[m]] = rg
                if not ok:
                    continue
                pay = {self.types[t]: _outnum(self._us[t, sm[t], rs[sm[t]]]) for t in range(2)}
                pay["receiver"] = _outnum(p * self._ur[0, sm[0], rs[sm[0]]] + (1 - p) * self._ur[1, sm[1], rs[sm[1]]])
                kind = "pooling" if sm[0] == sm[1] else "separating"
                intuitive, broken = self._intuitive(sm, rs)
                out.append(PerfectBayesianEquilibrium(
                    {self.types[t]: self.messages[sm[t]] for t in range(2)},
                    {self.messages[m]: self.responses[rs[m]] for m in range(M)}, beliefs, pay, kind, intuitive,
                    broken))
        return PBESet(out, self)

    def _br_set(self, m: int, types: list[int]) -> list[int]:
        """Pure responses to ``m`` that are best replies to some belief concentrated on ``types``."""
        if len(types) == 1:
            mu = 1 if types == [0] else 0
            return self._best(m, Fraction(mu) if self.is_exact else float(mu))
        return [r for r in range(len(self.responses)) if self._range(m, r) is not None]

    def _intuitive(self, sm, rs) -> tuple[bool, str | None]:
        eq = [self._us[t, sm[t], rs[sm[t]]] for t in range(2)]
        for m in range(len(self.messages)):
            if m in sm:
                continue
            allbr = self._br_set(m, [0, 1])
            keep = [t for t in range(2) if max(self._us[t, m, r] for r in allbr) >= eq[t] - self._tol]
            if not keep or len(keep) == 2:
                continue
            br = self._br_set(m, keep)
            for t in keep:
                if min(self._us[t, m, r] for r in br) > eq[t] + self._tol:
                    return False, self.messages[m]
        return True, None

    def to_extensive(self) -> ExtensiveGame:
        """The game as a tree: chance draws the type, the sender moves, the receiver's sets join the two types.

        Examples
        --------
        >>> beer_quiche().to_extensive().infosets[1]
        ('after beer', 'receiver', ('duel', 'not'))
        """
        p = self.prior
        branches = {}
        for t, tname in enumerate(self.types):
            moves = {}
            for m, mname in enumerate(self.messages):
                moves[mname] = (self.players[1], {rname: (_outnum(self._us[t, m, r]), _outnum(self._ur[t, m, r]))
                                                  for r, rname in enumerate(self.responses)}, f"after {mname}")
            branches[tname] = (p if t == 0 else 1 - p, (self.players[0], moves, f"{tname} {self.players[0]}"))
        return ExtensiveGame.from_tree(("chance", branches), players=self.players)

    def __repr__(self) -> str:
        return (f"SignallingGame(types={list(self.types)}, prior={fmt(self.prior)}, messages={list(self.messages)}, "
                f"responses={list(self.responses)})")

    def _repr_html_(self) -> str:
        return self.to_extensive()._repr_html_()

    def plot(self, ax: Any = None, **kwargs: Any):
        """Draw the game tree (see :meth:`ExtensiveGame.plot`)."""
        return self.to_extensive().plot(ax=ax, **kwargs)


def _outnum(v: Any) -> Any:
    return _exact_out(v) if isinstance(v, Fraction) else float(v)


def _names(values: Any, name: str, exactly: int | None = None) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence of names (got {values!r})")
    out = tuple(values)
    if any(not isinstance(v, str) or not v for v in out):
        raise TypeError(f"{name} must hold non-empty strings (got {values!r})")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} must be distinct (got {list(out)})")
    if exactly is not None and len(out) != exactly:
        raise ValueError(f"{name} must have exactly {exactly} entries (got {len(out)})")
    if len(out) < 1:
        raise ValueError(f"{name} must not be empty")
    return out


def beer_quiche(prior_strong: Any = Fraction(9, 10)) -> SignallingGame:
    r"""Cho & Kreps' beer–quiche game: a strong or weak sender chooses breakfast; the receiver duels or not.

    The sender gets 1 for its preferred breakfast (strong: beer, weak: quiche) plus 2 if there is no duel; the
    receiver gets 1 for dueling a weak sender or not dueling a strong one. With :math:`p = 0.9` there are two
    pooling equilibria; only pooling on beer survives the intuitive criterion.

    References
    ----------
    Cho, I.-K. & Kreps, D. M. (1987). *Quarterly Journal of Economics* 102(2), 179–221.

    Examples
    --------
    >>> [e.describe() for e in beer_quiche().equilibria().intuitive()]
    ['pooling: sender strong→beer, weak→beer; receiver beer→not, quiche→duel']
    """
    prior_strong = check_probability(prior_strong, "prior_strong", exact=True, open_low=True, open_high=True)
    us = [[[1, 3], [0, 2]],  # strong: beer (duel, not), quiche (duel, not)
          [[0, 2], [1, 3]]]  # weak
    ur = [[[0, 1], [0, 1]],  # strong: duel 0, not 1
          [[1, 0], [1, 0]]]  # weak: duel 1, not 0
    return SignallingGame(("strong", "weak"), prior_strong, ("beer", "quiche"), ("duel", "not"), us, ur)


def limit_pricing(*, prior_low: Any = Fraction(1, 2), mimic_cost: Any = 1, monopoly_gain: Any = 2,
                  entrant_profit: Any = 1, entrant_loss: Any = 1, price_cost_low: Any = Fraction(1, 2)
                  ) -> SignallingGame:
    r"""Milgrom–Roberts limit pricing in two-price form.

    An incumbent of low or high cost sets a low or high price; an entrant who sees the price enters or stays out.

    Incumbent: :math:`-k` for a high-cost firm charging the low price (``mimic_cost``), :math:`-k_L` for a
    low-cost firm charging the high price (``price_cost_low``), plus :math:`V` (``monopoly_gain``) if the entrant
    stays out. Entrant: :math:`+e_H` entering against a high-cost, :math:`-e_L` against a low-cost incumbent, 0
    out. With :math:`p^* = e_H/(e_H + e_L)`:

    * separating (low cost → low price, entry after the high price) iff :math:`k \ge V` (and :math:`k_L \le V`);
    * pooling on the low price (limit pricing deters entry) iff :math:`k \le V` and :math:`p \ge p^*`;
    * pooling on the high price iff :math:`p \ge p^*` and :math:`k_L \le V` — it fails the intuitive criterion
      when :math:`k > 0` and :math:`k_L > 0`;
    * otherwise no pure equilibrium.

    References
    ----------
    Milgrom, P. & Roberts, J. (1982). Limit pricing and entry under incomplete information: an equilibrium
    analysis. *Econometrica* 50(2), 443–459.

    Examples
    --------
    >>> [(e.kind, e.sender["low cost"], e.intuitive) for e in limit_pricing(mimic_cost=3).equilibria()]
    [('separating', 'low price', True), ('pooling', 'high price', False)]
    """
    p = check_probability(prior_low, "prior_low", exact=True, open_low=True, open_high=True)
    k = check_real(mimic_cost, "mimic_cost", low=0, exact=True)
    V = check_real(monopoly_gain, "monopoly_gain", low=0, low_open=True, exact=True)
    eH = check_real(entrant_profit, "entrant_profit", low=0, low_open=True, exact=True)
    eL = check_real(entrant_loss, "entrant_loss", low=0, low_open=True, exact=True)
    kL = check_real(price_cost_low, "price_cost_low", low=0, exact=True)
    # sender[t][m][r], m: low price, high price; r: enter, stay out
    us = [[[0, V], [-kL, -kL + V]],
          [[-k, -k + V], [0, V]]]
    ur = [[[-eL, 0], [-eL, 0]],
          [[eH, 0], [eH, 0]]]
    return SignallingGame(("low cost", "high cost"), p, ("low price", "high price"), ("enter", "stay out"), us, ur,
                          players=("incumbent", "entrant"))


def green_label(*, prior_circular: Any = Fraction(1, 2), premium: Any = 2, cost_circular: Any = 1,
                cost_conventional: Any = 3, gain: Any = 1, loss: Any = 2) -> SignallingGame:
    r"""Certification of circular production as a Spence signal.

    A firm whose production is circular (or not) buys a green label (the regional brand) or not; a partner offers a
    premium contract or a standard one.

    Firm: premium :math:`w` if offered, minus the label's cost :math:`c_C` (circular) or :math:`c_N`
    (conventional). Partner: premium contract :math:`+g` with a circular, :math:`-l` with a conventional firm; 0
    standard. The label separates iff :math:`c_C \le w \le c_N`: it is cheap for the firm that really closes
    its material loops and too dear for the one that does not.

    References
    ----------
    Spence, M. (1973). Job market signaling. *Quarterly Journal of Economics* 87(3), 355–374.

    Examples
    --------
    >>> green_label().equilibria()[0].describe()
    'separating: sender circular→label, conventional→no label; receiver label→premium, no label→standard'
    """
    p = check_probability(prior_circular, "prior_circular", exact=True, open_low=True, open_high=True)
    w = check_real(premium, "premium", low=0, exact=True)
    cC = check_real(cost_circular, "cost_circular", low=0, exact=True)
    cN = check_real(cost_conventional, "cost_conventional", low=0, exact=True)
    g = check_real(gain, "gain", low=0, low_open=True, exact=True)
    loss_ = check_real(loss, "loss", low=0, low_open=True, exact=True)
    us = [[[-cC + w, -cC], [w, 0]],
          [[-cN + w, -cN], [w, 0]]]
    ur = [[[g, 0], [g, 0]],
          [[-loss_, 0], [-loss_, 0]]]
    return SignallingGame(("circular", "conventional"), p, ("label", "no label"), ("premium", "standard"), us, ur,
                          players=("firm", "partner"))
