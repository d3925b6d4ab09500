r"""Named extensive-form games of the cluster.

Entry deterrence, the centipede, the trust game, the location game, hold-up and the core firm's choice of auxiliaries
(with their closed forms).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .._validation import check_positive_int, check_probability, check_real, fmt
from ..symbolic import formula, require
from .tree import ExtensiveGame, _is_node

__all__ = ["entry_deterrence", "centipede", "trust_game", "location_game", "hold_up", "auxiliary_choice",
           "hold_up_investment", "hold_up_loss", "core_firm_share", "competitive_investment", "competitive_loss"]


# ---------------------------------------------------------------------------------------------------------------
# named extensive games
# ---------------------------------------------------------------------------------------------------------------
def _num(v: Any, name: str) -> Any:
    return check_real(v, name, exact=True, symbolic=True)


def entry_deterrence(*, fight: Any = -1, accommodate: Any = 1, monopoly: Any = 2, entrant_fight: Any = -1,
                     entrant_accommodate: Any = 1) -> ExtensiveGame:
    r"""Selten's entry-deterrence game: an entrant chooses out or in; the incumbent then fights or accommodates.

    Payoffs (entrant, incumbent): out :math:`(0, m)`; in–fight :math:`(e_F, f)`; in–accommodate :math:`(e_A, a)`.
    The threat to fight is credible iff :math:`f \ge a`; with :math:`f < a \le m` and :math:`e_A > 0` the unique
    SPE is (in, accommodate) while (out, fight) is a Nash equilibrium resting on an empty threat.

    Parameters
    ----------
    fight, accommodate, monopoly : number or sympy expression
        The incumbent's payoffs :math:`f`, :math:`a`, :math:`m`.
    entrant_fight, entrant_accommodate : number or sympy expression
        The entrant's payoffs :math:`e_F`, :math:`e_A` after entry.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2), 127–159.

    Examples
    --------
    >>> import sympy as sp
    >>> f = sp.Symbol("f", real=True)
    >>> entry_deterrence(fight=f).subgame_perfect().condition("in", "fight")
    f >= 1
    """
    vals = {k: _num(v, k) for k, v in dict(fight=fight, accommodate=accommodate, monopoly=monopoly,
                                          entrant_fight=entrant_fight,
                                          entrant_accommodate=entrant_accommodate).items()}
    return ExtensiveGame.from_tree(
        ("entrant", {"out": (0, vals["monopoly"]),
                     "in": ("incumbent", {"fight": (vals["entrant_fight"], vals["fight"]),
                                          "accommodate": (vals["entrant_accommodate"], vals["accommodate"])})}),
        players=("entrant", "incumbent"))


def centipede(n_moves: int = 4) -> ExtensiveGame:
    r"""Rosenthal's centipede: players alternate ``n_moves`` times between stop and pass.

    Stopping at move :math:`k = 0, 1, \dots` gives the mover :math:`k + 2` and the other :math:`k`; if everyone
    passes both get :math:`n`. Backward induction stops at once although passing to the end pays both more
    (for :math:`n \ge 3`).

    References
    ----------
    Rosenthal, R. W. (1981). Games of perfect information, predatory pricing and the chain-store paradox.
    *Journal of Economic Theory* 25(1), 92–100.

    Examples
    --------
    >>> [e.payoffs for e in centipede(6).subgame_perfect()]
    [(2, 0)]
    """
    n_moves = check_positive_int(n_moves, "n_moves", maximum=10_000)
    players = ("player 1", "player 2")

    def pay(mover: int, k: int) -> tuple[int, int]:
        return (k + 2, k) if mover == 0 else (k, k + 2)

    node: Any = (n_moves, n_moves)
    for k in range(n_moves - 1, -1, -1):
        node = (players[k % 2], {"stop": pay(k % 2, k), "pass": node})
    return ExtensiveGame.from_tree(node, players=players)


def trust_game(*, endowment: Any = 1, multiplier: Any = 3, returned: Any = Fraction(1, 2)) -> ExtensiveGame:
    r"""The trust (investment) game in binary form: invest the endowment or keep it; the trustee honours or betrays.

    Keep: :math:`(E, 0)`; trust then betray: :math:`(0, mE)`; trust then honour: :math:`(r m E, (1 - r) m E)`.
    The unique SPE is (keep, betray) whenever :math:`r < 1`, although honouring pays both more when
    :math:`r m > 1`: trust needs something beyond the one-shot game (reputation, the cluster's exit cost).

    References
    ----------
    Berg, J., Dickhaut, J. & McCabe, K. (1995). Trust, reciprocity, and social history. *Games and Economic
    Behavior* 10(1), 122–142.

    Examples
    --------
    >>> trust_game().subgame_perfect()[0].describe()
    'investor: keep; trustee: betray'
    """
    E = _num(endowment, "endowment")
    m = _num(multiplier, "multiplier")
    r = check_probability(returned, "returned", exact=True, symbolic=True)
    return ExtensiveGame.from_tree(
        ("investor", {"keep": (E, 0),
                      "trust": ("trustee", {"honour": (r * m * E, (1 - r) * m * E), "betray": (0, m * E)})}),
        players=("investor", "trustee"))


def location_game(*, offers: Mapping[str, Any] | None = None, profit: Any = 2, outside: Any = 3,
                  benefit: Any = 4) -> ExtensiveGame:
    r"""A local government offers terms (a subsidy :math:`s`); the firm then locates in the region or elsewhere.

    Locate: firm :math:`\pi + s`, region :math:`b - s`; elsewhere: firm :math:`o`, region 0. The firm locates iff
    :math:`\pi + s \ge o`, so the region offers the smallest subsidy that does it when :math:`b \ge o - \pi`.
    At :math:`\pi + s = o` the firm is indifferent and both replies are subgame perfect (two equilibria).

    References
    ----------
    Black, D. A. & Hoyt, W. H. (1989). Bidding for firms. *American Economic Review* 79(5), 1249–1256.

    Examples
    --------
    >>> [e.describe() for e in location_game(offers={"none": 0, "small": 1, "large": 2}).subgame_perfect()][:1]
    ['region: small; firm: elsewhere at none, locate at small, locate at large']
    """
    offers = {"none": 0, "small": 1, "large": 2} if offers is None else offers
    if not isinstance(offers, Mapping) or not offers:
        raise TypeError(f"offers must map offer names to subsidies (got {offers!r})")
    pi, o, b = _num(profit, "profit"), _num(outside, "outside"), _num(benefit, "benefit")
    tree = ("region", {name: ("firm", {"locate": (b - _num(s, f"offers[{name!r}]"), pi + s), "elsewhere": (0, o)})
                       for name, s in offers.items()})
    return ExtensiveGame.from_tree(tree, players=("region", "firm"))


# -- hold-up and the core firm's choice of auxiliaries ----------------------------------------------------------
_SHARE = [require("(beta >= 0) & (beta <= 1)", "beta must lie in [0, 1]")]
_Q = [require("(capable > 0) & (capable <= 1)", "capable must lie in (0, 1]")]
_K = [require("n_suppliers >= 1", "n_suppliers must be at least 1")]
_A = [require("value > 0", "value must be positive")]


@formula(requires=_SHARE + _A, symbol="x^*")
def hold_up_investment(beta, value):
    r"""The core firm's investment when it keeps a share :math:`\beta` of the quasi-rent (Nash bargaining ex post).

    Investment :math:`x` costs :math:`x^2/2` and creates a surplus :math:`a x` that only the relationship can
    use; ex post the supplier takes :math:`(1-\beta) a x`, so the firm maximises :math:`\beta a x - x^2/2`:

    .. math::

        x^* = \beta a \quad < \quad x^{FB} = a .

    References
    ----------
    Williamson, O. E. (1985). *The Economic Institutions of Capitalism*. Free Press.
    Grossman, S. J. & Hart, O. D. (1986). The costs and benefits of ownership: a theory of vertical and lateral
    integration. *Journal of Political Economy* 94(4), 691–719.

    Examples
    --------
    >>> hold_up_investment(0.5, 4)
    2.0
    """
    return beta * value


@formula(requires=_SHARE + _A, symbol="L")
def hold_up_loss(beta, value):
    r"""Welfare lost to hold-up: :math:`W(x^{FB}) - W(x^*) = a^2 (1-\beta)^2 / 2` with :math:`W(x) = a x - x^2/2`.

    References
    ----------
    Klein, B., Crawford, R. G. & Alchian, A. A. (1978). Vertical integration, appropriable rents, and the
    competitive contracting process. *Journal of Law and Economics* 21(2), 297–326.

    Examples
    --------
    >>> hold_up_loss(0.5, 4)
    2.0
    """
    return value**2 * (1 - beta) ** 2 / 2


@formula(requires=_SHARE + _Q + _K)
def core_firm_share(beta, capable, n_suppliers):
    r"""The core firm's expected share of the surplus with :math:`k` competing suppliers.

    Each supplier is capable with probability :math:`q`; they compete for the order after the core firm has invested.

    Two or more capable suppliers bid the price down to cost (Bertrand; second sourcing); one capable supplier
    holds up and leaves :math:`\beta`; none leaves nothing:

    .. math::

        s_k = 1 - (1-q)^k - k q (1-q)^{k-1} (1 - \beta).

    References
    ----------
    Farrell, J. & Gallini, N. T. (1988). Second-sourcing as a commitment: monopoly incentives to attract
    competition. *Quarterly Journal of Economics* 103(4), 673–694.

    Examples
    --------
    >>> core_firm_share(0.5, 0.5, 3)
    0.6875
    """
    q, k = capable, n_suppliers
    return 1 - (1 - q) ** k - k * q * (1 - q) ** (k - 1) * (1 - beta)


@formula(requires=_SHARE + _Q + _K + _A, symbol="x_k^*")
def competitive_investment(beta, capable, n_suppliers, value):
    r"""The core firm's investment with :math:`k` competing suppliers.

    It is :math:`x_k^* = s_k a` (see :func:`core_firm_share`); the first best given that some supplier is capable is
    :math:`x^{FB}_k = (1 - (1-q)^k)\,a`.

    References
    ----------
    Farrell, J. & Gallini, N. T. (1988). *Quarterly Journal of Economics* 103(4), 673–694.

    Examples
    --------
    >>> competitive_investment(0.5, 0.5, 3, 4)
    2.75
    """
    q, k = capable, n_suppliers
    return (1 - (1 - q) ** k - k * q * (1 - q) ** (k - 1) * (1 - beta)) * value


@formula(requires=_SHARE + _Q + _K + _A, symbol="L_k")
def competitive_loss(beta, capable, n_suppliers, value):
    r"""Welfare lost to hold-up with :math:`k` competing suppliers.

    The loss is :math:`L_k = a^2 (P_k - s_k)^2 / 2`, where :math:`P_k = 1 - (1-q)^k` is the probability that some
    supplier is capable and :math:`s_k` the core firm's share (:func:`core_firm_share`). It equals
    :math:`a^2\,[k q (1-q)^{k-1} (1-\beta)]^2/2` and falls to zero as competition makes a lone capable supplier rare.

    References
    ----------
    Farrell, J. & Gallini, N. T. (1988). *Quarterly Journal of Economics* 103(4), 673–694.

    Examples
    --------
    >>> competitive_loss(0.5, 1, 1, 4)
    2.0
    """
    q, k = capable, n_suppliers
    return value**2 * (k * q * (1 - q) ** (k - 1) * (1 - beta)) ** 2 / 2


def _hold_up_subtree(beta, value, levels, n_suppliers, capable, fee, future_rent=0):
    k = n_suppliers
    q = capable
    p_none = (1 - q) ** k
    p_one = k * q * (1 - q) ** (k - 1)
    p_many = 1 - p_none - p_one
    moves = {}
    for x in levels:
        cost = x * x * Fraction(1, 2)
        if x == 0:
            moves[fmt(x)] = (-cost, 0)
            continue
        single = ("supplier", {"hold up": (beta * value * x - cost, (1 - beta) * value * x),
                               "honour": (value * x - fee - cost, fee + future_rent)})
        if k == 1 and q == 1:
            moves[f"invest {fmt(x)}"] = single
            continue
        outcomes = {}
        if p_none != 0:
            outcomes["0 capable"] = (p_none, (-cost, 0))
        if p_one != 0:
            outcomes["1 capable"] = (p_one, single)
        if p_many != 0:
            outcomes["2+ capable"] = (p_many, (value * x - cost, 0))
        moves[f"invest {fmt(x)}"] = ("chance", outcomes)
    return moves


def _levels(levels: Any, name: str = "levels") -> list:
    if isinstance(levels, str | bytes) or not isinstance(levels, Sequence) or not levels:
        raise TypeError(f"{name} must be a non-empty sequence of investment levels (got {levels!r})")
    out = [check_real(v, f"{name}[{i}]", low=0, exact=True) for i, v in enumerate(levels)]
    if len({fmt(v) for v in out}) != len(out):
        raise ValueError(f"{name} must be distinct (got {[fmt(v) for v in out]})")
    return out


def hold_up(*, beta: Any = Fraction(1, 2), value: Any = 4, levels: Sequence[Any] = (0, 1, 2, 3, 4),
            n_suppliers: int = 1, capable: Any = 1, fee: Any = 0, future_rent: Any = 0) -> ExtensiveGame:
    r"""The hold-up game: the core firm invests :math:`x` in a relation-specific asset, then the price is set.

    Investment :math:`x \in` ``levels`` costs :math:`x^2/2` and creates surplus :math:`a x`. Each of the
    ``n_suppliers`` auxiliaries is capable with probability :math:`q` (chance). With one capable supplier, it
    chooses to *hold up* (Nash bargaining leaves the firm :math:`\beta a x`, the supplier :math:`(1-\beta) a x`)
    or to *honour* the contract price ``fee``; with several, competition drives the price to cost and the firm keeps
    :math:`a x`; with none, the investment is lost. Payoffs (core firm, supplier).

    Backward induction: the supplier holds up whenever :math:`(1-\beta) a x > \text{fee} + R`; the firm then picks
    the level nearest :math:`x_k^* = s_k a` (:func:`competitive_investment`), below the first best.

    A *relational contract* protects the investment: ``future_rent`` :math:`R` is the discounted value of the
    continued relationship (future orders, the cluster's rents) that a supplier who holds up forfeits (Baker,
    Gibbons & Murphy 2002). Investments with :math:`(1-\beta) a x \le \text{fee} + R` are safe, so a large enough
    :math:`R` restores the first best :math:`x = a`. Ownership of the asset by the core firm (Grossman & Hart 1986)
    is :math:`\beta = 1`.

    References
    ----------
    Williamson, O. E. (1985). *The Economic Institutions of Capitalism*. Free Press.
    Grossman, S. J. & Hart, O. D. (1986). *Journal of Political Economy* 94(4), 691–719.
    Farrell, J. & Gallini, N. T. (1988). *Quarterly Journal of Economics* 103(4), 673–694.
    Baker, G., Gibbons, R. & Murphy, K. J. (2002). Relational contracts and the theory of the firm. *Quarterly
    Journal of Economics* 117(1), 39–84.

    Examples
    --------
    >>> e = hold_up().subgame_perfect()[0]
    >>> e.action("root"), e.payoffs
    ('invest 2', (2, 4))
    >>> hold_up(future_rent=9).subgame_perfect()[0].action("root")  # a relational contract: first best
    'invest 4'
    """
    beta = check_probability(beta, "beta", exact=True)
    value = check_real(value, "value", low=0, low_open=True, exact=True)
    n_suppliers = check_positive_int(n_suppliers, "n_suppliers", maximum=1000)
    capable = check_probability(capable, "capable", exact=True, open_low=True)
    fee = check_real(fee, "fee", low=0, exact=True)
    future_rent = check_real(future_rent, "future_rent", low=0, exact=True)
    lv = _levels(levels)
    moves = _hold_up_subtree(beta, value, lv, n_suppliers, capable, fee, future_rent)
    return ExtensiveGame.from_tree(("core firm", moves), players=("core firm", "supplier"))


def auxiliary_choice(*, n_suppliers: int = 3, tender_cost: Any = Fraction(1, 2), beta: Any = Fraction(1, 2),
                     value: Any = 4, levels: Sequence[Any] = (0, 1, 2, 3, 4), capable: Any = Fraction(7, 10),
                     fee: Any = 0) -> ExtensiveGame:
    r"""The core firm's choice of auxiliaries: a single supplier, or a tender among ``n_suppliers`` capable ones.

    First the core firm chooses *single* (one supplier, capable with probability :math:`q`) or *tender*
    (``n_suppliers`` suppliers qualified by capability at cost ``tender_cost``); then it invests and the price is
    set as in :func:`hold_up`. The tender pays iff the core firm's value rises by more than its cost:

    .. math::

        \tfrac12 a^2 s_k^2 - c_T \;\ge\; \tfrac12 a^2 s_1^2

    (continuous investment; :func:`core_firm_share`). Competition among auxiliaries disciplines hold-up — the
    article's "核心企业依据标准和性能选择最优的辅助企业 ... 减少了企业之间的要挟行为".

    References
    ----------
    Farrell, J. & Gallini, N. T. (1988). *Quarterly Journal of Economics* 103(4), 673–694.

    Examples
    --------
    >>> e = auxiliary_choice().subgame_perfect()[0]
    >>> e.action("root"), e.action("tender")
    ('tender', 'invest 4')
    """
    n_suppliers = check_positive_int(n_suppliers, "n_suppliers", minimum=2, maximum=1000)
    tender_cost = check_real(tender_cost, "tender_cost", low=0, exact=True)
    beta = check_probability(beta, "beta", exact=True)
    value = check_real(value, "value", low=0, low_open=True, exact=True)
    capable = check_probability(capable, "capable", exact=True, open_low=True)
    fee = check_real(fee, "fee", low=0, exact=True)
    lv = _levels(levels)

    def shift(tree, c):
        if _is_node(tree):
            if tree[0] == "chance":
                return ("chance", {a: (p, shift(t, c)) for a, (p, t) in tree[1].items()})
            return (tree[0], {a: shift(t, c) for a, t in tree[1].items()}) + tuple(tree[2:])
        return (tree[0] - c, tree[1])

    single = ("core firm", _hold_up_subtree(beta, value, lv, 1, capable, fee))
    tender = ("core firm", shift(("x", _hold_up_subtree(beta, value, lv, n_suppliers, capable, fee)),
                                 tender_cost)[1])
    return ExtensiveGame.from_tree(("core firm", {"single": single, "tender": tender}),
                                   players=("core firm", "supplier"))
