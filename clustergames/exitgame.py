r"""The prisoner's dilemma with an exit option (conditional dissociation).

Following Izquierdo, Izquierdo & Vega-Redondo (2010, 2014), firms in pairs may leave their partner after each round,
singles are re-matched at random, and firms die and are replaced by newcomers who copy strategies in proportion to
payoffs. A vectorised agent-based simulation and a mean-field steady state.

Split out of :mod:`clustergames.tournaments`, which re-exports every public name (``cg.tournaments.simulate_exit_game``
keeps working). Payoffs by keyword ``T, R, P, S`` (defaults 5, 3, 1, 0).

References
----------
Izquierdo, S. S., Izquierdo, L. R. & Vega-Redondo, F. (2010). The option to leave: conditional dissociation in the
evolution of cooperation. *Journal of Theoretical Biology* 267(1), 76–84.

Izquierdo, L. R., Izquierdo, S. S. & Vega-Redondo, F. (2014). Leave and let leave: a sufficient condition to explain
the evolutionary emergence of cooperation. *Journal of Economic Dynamics and Control* 46, 91–113.

Examples
--------
>>> from clustergames import exitgame
>>> exitgame.exit_mean_field([0.5, 0.5], survival=0.0)["payoff"].round(3).tolist()
[1.5, 3.0]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validation as _v
from ._payoffs import _pd
from .results import Result

__all__ = ["ExitStrategy", "EXIT_STRATEGIES", "simulate_exit_game", "ExitSimulation", "exit_mean_field",
           "exit_cooperation", "exit_critical_survival"]


# ----------------------------------------------------------------------------------------------------------------
# the prisoner's dilemma with an exit option (conditional dissociation)
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExitStrategy:
    r"""A strategy of the PD with an exit option: an action and whether to leave after the partner's C or D.

    .. math::

        \sigma = (a, \ell_C, \ell_D) \in \{C, D\} \times \{0, 1\}^2 .

    References
    ----------
    Izquierdo, S. S., Izquierdo, L. R. & Vega-Redondo, F. (2010). The option to leave: conditional dissociation in
    the evolution of cooperation. *Journal of Theoretical Biology* 267(1), 76–84.

    Examples
    --------
    >>> EXIT_STRATEGIES["OFT"]
    ExitStrategy(action='C', leave_if_c=False, leave_if_d=True)
    """

    action: str
    leave_if_c: bool = False
    leave_if_d: bool = False

    def __post_init__(self):
        if self.action not in ("C", "D"):
            raise ValueError(f"action must be 'C' or 'D' (got action={self.action!r})")


#: out-for-tat (cooperate, leave a defector), cooperate-and-stay, always-defect-and-leave, always-defect-and-stay
EXIT_STRATEGIES = {
    "OFT": ExitStrategy("C", False, True),
    "CS": ExitStrategy("C", False, False),
    "DL": ExitStrategy("D", True, True),
    "DS": ExitStrategy("D", False, False),
}


def _exit_table(strategies) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    if isinstance(strategies, Mapping):
        items = list(strategies.items())
    else:
        items = []
        for s in strategies:
            if isinstance(s, str):
                if s not in EXIT_STRATEGIES:
                    raise ValueError(f"unknown exit strategy {s!r}; named ones: {', '.join(EXIT_STRATEGIES)}")
                items.append((s, EXIT_STRATEGIES[s]))
            else:
                items.append((str(s), s))
    if len(items) < 1:
        raise ValueError("strategies must name at least one exit strategy")
    names = []
    coop, lc, ld = [], [], []
    for name, s in items:
        if not isinstance(s, ExitStrategy):
            s = ExitStrategy(*s)
        names.append(name)
        coop.append(s.action == "C")
        lc.append(bool(s.leave_if_c))
        ld.append(bool(s.leave_if_d))
    return names, np.array(coop), np.array(lc), np.array(ld)


def _check_survival(survival):
    return _v.check_probability(survival, "survival", open_high=True)


@dataclass(repr=False)
class ExitSimulation(Result):
    """Agent-based run of the PD with an exit option: per-round cooperation and strategy shares."""

    history: Any
    survival: float
    seed: Any
    title: str | None = "PD with exit option: agent-based simulation"

    def to_frame(self):
        """The per-round history of cooperation and strategy shares (the ``history`` attribute)."""
        return self.history

    @property
    def cooperation(self) -> float:
        """Mean share of cooperative actions over the second half of the run."""
        h = self.history
        return float(h["cooperation"].iloc[len(h) // 2:].mean())


def simulate_exit_game(strategies=("OFT", "DL"), *, n_agents: int = 500, survival: float = 0.95,
                       rounds: int = 2000, exit_option: bool = True, mutation: float = 0.01,
                       T=None, R=None, P=None, S=None, initial=None, evolve: bool = True, rng=None,
                       payoffs=None) -> ExitSimulation:
    r"""Agent-based simulation (vectorised over agents, seeded) of the prisoner's dilemma with an exit option.

    Each round: (1) singles are paired at random; (2) every pair plays the PD once; (3) each partner may leave
    (strategy :math:`(a, \ell_C, \ell_D)`), which breaks the pair; (4) each agent survives with probability
    :math:`s`; the partner of a dead agent becomes single, and each dead agent is replaced by a single newcomer who
    copies the strategy of an agent drawn with probability proportional to this round's payoffs (or, with
    probability ``mutation``, a strategy drawn uniformly). Expected lifetime :math:`1/(1-s)` rounds. Without the
    exit option nobody leaves: pairs last until a partner dies (LeLeLe model of Izquierdo et al. 2014). With
    ``evolve=False`` a newcomer takes the strategy of the agent it replaces (fixed shares: the ecological process
    that :func:`exit_mean_field` describes).

    .. math::

        \Pr(\text{newcomer adopts } \sigma) = (1-\mu)\frac{\sum_{k:\sigma_k=\sigma}\pi_k}{\sum_k \pi_k}
        + \frac{\mu}{|\Sigma|}.

    Payoffs must be non-negative (they are used as reproduction weights).

    Returns
    -------
    ExitSimulation
        ``history``: one row per round with ``cooperation`` (share of C actions), the share of each strategy and
        its mean payoff (``payoff_<name>``).

    References
    ----------
    Izquierdo, L. R., Izquierdo, S. S. & Vega-Redondo, F. (2014). Leave and let leave: a sufficient condition to
    explain the evolutionary emergence of cooperation. *Journal of Economic Dynamics and Control* 46, 91–113.

    Examples
    --------
    >>> sim = simulate_exit_game(n_agents=100, rounds=50, rng=1)
    >>> list(sim.history.columns)
    ['round', 'cooperation', 'OFT', 'DL', 'payoff_OFT', 'payoff_DL']
    """
    import pandas as pd

    names, coop, lc, ld = _exit_table(strategies)
    k = len(names)
    s = float(_check_survival(survival))
    n_agents = _v.check_positive_int(n_agents, "n_agents", minimum=2)
    rounds = _v.check_positive_int(rounds, "rounds")
    mutation = _v.check_probability(mutation, "mutation")
    exit_option = _v.check_bool(exit_option, "exit_option")
    evolve = _v.check_bool(evolve, "evolve")
    _v.check_size(n_agents, "n_agents", item_bytes=80)
    _v.check_size(rounds * (2 * k + 1), "rounds * strategies", item_bytes=8)
    R, S, T, P = _pd(payoffs, T, R, P, S, where="simulate_exit_game")
    if min(R, S, T, P) < 0:
        raise ValueError(f"payoffs T, R, P, S must be non-negative in the exit game: they are reproduction weights "
                         f"(got T={T:g}, R={R:g}, P={P:g}, S={S:g})")
    pay = np.array([[R, S], [T, P]])  # [own defects?][partner defects?]
    gen, rng_seed = _v.as_rng(rng)
    N = int(n_agents)
    if initial is None:
        strat = gen.integers(0, k, N)
    else:
        w = _v.check_array(initial, "initial", low=0)
        if w.shape != (k,) or w.sum() <= 0:
            raise ValueError(f"initial must give one non-negative weight per strategy (got initial={initial!r})")
        strat = gen.choice(k, size=N, p=w / w.sum())
    if not exit_option:
        lc = np.zeros_like(lc)
        ld = np.zeros_like(ld)
    partner = np.full(N, -1)
    idx = np.arange(N)
    rec_coop = np.empty(rounds)
    rec_share = np.empty((rounds, k))
    rec_pay = np.full((rounds, k), np.nan)
    for t in range(rounds):
        singles = idx[partner < 0]
        singles = gen.permutation(singles)
        m = len(singles) // 2 * 2
        a, b = singles[:m:2], singles[1:m:2]
        partner[a], partner[b] = b, a
        paired = partner >= 0
        defect = ~coop[strat]
        payoff = np.zeros(N)
        pidx = idx[paired]
        payoff[pidx] = pay[defect[pidx].astype(int), defect[partner[pidx]].astype(int)]
        rec_coop[t] = (~defect[pidx]).mean() if len(pidx) else np.nan
        counts = np.bincount(strat, minlength=k)
        rec_share[t] = counts / N
        with np.errstate(invalid="ignore", divide="ignore"):
            rec_pay[t] = np.bincount(strat, weights=payoff, minlength=k) / counts
        # leaving decisions
        leaves = np.zeros(N, dtype=bool)
        partner_defects = defect[partner[pidx]]
        leaves[pidx] = np.where(partner_defects, ld[strat[pidx]], lc[strat[pidx]])
        breaks = leaves | (paired & leaves[np.where(paired, partner, 0)])
        # deaths
        dead = gen.random(N) >= s
        pd_idx = idx[paired]
        breaks[pd_idx] |= dead[partner[pd_idx]]
        partner[breaks] = -1
        partner[dead] = -1
        nd = int(dead.sum())
        if nd and not evolve:
            pass  # newcomers keep the strategy of the agent they replace
        elif nd:
            total = payoff.sum()
            if total > 0:
                parents = gen.choice(N, size=nd, p=payoff / total)
            else:
                parents = gen.integers(0, N, nd)
            new = strat[parents]
            mut = gen.random(nd) < mutation
            new[mut] = gen.integers(0, k, int(mut.sum()))
            strat[dead] = new
    hist = pd.DataFrame({"round": np.arange(rounds), "cooperation": rec_coop})
    for j, name in enumerate(names):
        hist[name] = rec_share[:, j]
    for j, name in enumerate(names):
        hist[f"payoff_{name}"] = rec_pay[:, j]
    return ExitSimulation(hist, s, rng_seed)


def _exit_pairs_steady(x, coop, lc, ld, s, tol=1e-13, max_iter=200000):
    """Steady state of the mean-field pair dynamics for fixed strategy shares ``x`` (shape (k,) or (G, k)).

    State: ``n[i, j]`` = share of the population that is of type i and paired with a type-j partner at the start
    of a round (before matching). Returns the matrices ``m[..., i, j]`` of shares playing i against j in a round.
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    k = x.shape[-1]
    stay_i = np.where(coop[None, :], ~lc[:, None], ~ld[:, None])  # i stays after partner j's action
    keep = s * s * (stay_i & stay_i.T).astype(float)

    def matched(n):
        u = np.clip(x - n.sum(axis=-1), 0.0, None)
        U = u.sum(axis=-1)[:, None, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            new = np.where(U > 0, u[:, :, None] * u[:, None, :] / np.where(U > 0, U, 1.0), 0.0)
        return n + new

    n = np.zeros((x.shape[0], k, k))
    for _ in range(max_iter):
        n_new = keep * matched(n)
        if np.max(np.abs(n_new - n)) < tol:
            n = n_new
            break
        n = n_new
    return matched(n)


def _exit_gap(xs, s, exit_option, pay):
    """Payoff difference pi_C - pi_D for two-strategy populations with cooperator shares xs.

    The populations are OFT/DL, or CS/DS without exit; ``pay`` = (R, S, T, P).
    """
    names, coop, lc, ld = _exit_table(("OFT", "DL") if exit_option else ("CS", "DS"))
    R, S, T, P = pay
    xs = np.asarray(xs, dtype=float)
    X = np.stack([xs, 1 - xs], axis=-1)
    m = _exit_pairs_steady(X, coop, lc, ld, s)
    u = np.array([[R, S], [T, P]])
    pay = (m * u).sum(axis=-1) / X
    return pay[:, 0] - pay[:, 1]


def exit_mean_field(x, *, strategies=("OFT", "DL"), survival: float = 0.95, exit_option: bool = True,
                    payoffs=None, T=None, R=None, P=None, S=None):
    r"""Mean-field steady state of the PD with an exit option for given strategy shares: pairs and payoffs.

    With :math:`n_{ij}` the share of the population of type :math:`i` carried over in a pair with type :math:`j`,
    :math:`u_i = x_i - \sum_j n_{ij}` the singles and :math:`U = \sum_i u_i`, singles meet at random and pairs
    survive if nobody leaves (:math:`\kappa_{ij} = 1`) and both partners live:

    .. math::

        m_{ij} = n_{ij} + \frac{u_i u_j}{U}, \qquad n_{ij} = s^2 \kappa_{ij} m_{ij}, \qquad
        \pi_i = \frac{1}{x_i}\sum_j m_{ij}\, u(a_i, a_j).

    The evolutionary steady state of payoff-proportional replacement has equal payoffs of the strategies present.

    Returns
    -------
    DataFrame with one row per strategy: ``share``, ``payoff``, ``partner_cooperates`` (probability that its
    partner cooperates in a round).

    References
    ----------
    Izquierdo, L. R., Izquierdo, S. S. & Vega-Redondo, F. (2014). Leave and let leave: a sufficient condition to
    explain the evolutionary emergence of cooperation. *Journal of Economic Dynamics and Control* 46, 91–113.

    Examples
    --------
    >>> df = exit_mean_field([0.5, 0.5], survival=0.0)   # no lasting pairs: random matching
    >>> df["payoff"].round(3).tolist()                    # OFT: (R + S)/2, DL: (T + P)/2
    [1.5, 3.0]
    """
    import pandas as pd

    names, coop, lc, ld = _exit_table(strategies)
    xs = _v.check_probability_vector(x, "x", size=len(names))
    s = float(_check_survival(survival))
    exit_option = _v.check_bool(exit_option, "exit_option")
    R, S, T, P = _pd(payoffs, T, R, P, S, where="exit_mean_field")
    if not exit_option:
        lc = np.zeros_like(lc)
        ld = np.zeros_like(ld)
    u = np.where(coop[:, None], np.where(coop[None, :], R, S), np.where(coop[None, :], T, P))
    m = _exit_pairs_steady(xs, coop, lc, ld, s)[0]
    present = xs > 0
    payoff = np.empty(len(names))
    pc = np.empty(len(names))
    payoff[present] = (m[present] * u[present]).sum(axis=1) / xs[present]
    pc[present] = (m[present] * coop[None, :]).sum(axis=1) / xs[present]
    if not present.all():
        # an absent strategy earns what a rare entrant would: the limit of its payoff as its share goes to 0
        eps = 1e-9
        xe = np.where(present, xs * (1 - eps), eps / (~present).sum())
        me = _exit_pairs_steady(xe, coop, lc, ld, s)[0]
        payoff[~present] = (me[~present] * u[~present]).sum(axis=1) / xe[~present]
        pc[~present] = (me[~present] * coop[None, :]).sum(axis=1) / xe[~present]
    return pd.DataFrame({"strategy": names, "share": xs, "payoff": payoff, "partner_cooperates": pc})


def exit_cooperation(survival, *, exit_option: bool = True, T=None, R=None, P=None, S=None, grid: int = 400,
                     payoffs=None):
    r"""Share of cooperators at the stable mixed steady state of OFT against DL (0 when defection takes over).

    The payoff gap :math:`\Delta(x) = \pi_{OFT}(x) - \pi_{DL}(x)` of :func:`exit_mean_field` is evaluated on a grid
    of cooperator shares :math:`x`; the stable rest point is the largest root where :math:`\Delta` changes sign from
    positive to negative (refined by bisection):

    .. math::

        \Delta(x^*) = 0, \qquad \Delta'(x^*) < 0 .

    References
    ----------
    Izquierdo, S. S., Izquierdo, L. R. & Vega-Redondo, F. (2010). The option to leave: conditional dissociation in
    the evolution of cooperation. *Journal of Theoretical Biology* 267(1), 76–84.

    Examples
    --------
    >>> exit_cooperation(0.5), exit_cooperation(0.99, exit_option=False)
    (0.0, 0.0)
    >>> 0.3 < exit_cooperation(0.99) < 1
    True
    """
    from scipy.optimize import brentq

    s = float(_check_survival(survival))
    exit_option = _v.check_bool(exit_option, "exit_option")
    grid = _v.check_positive_int(grid, "grid", minimum=10)
    _v.check_size(grid, "grid", item_bytes=256)
    pay = _pd(payoffs, T, R, P, S, where="exit_cooperation")
    xs = np.linspace(1e-4, 1 - 1e-4, grid)
    g = _exit_gap(xs, s, exit_option, pay)
    down = np.nonzero((g[:-1] > 0) & (g[1:] <= 0))[0]
    if len(down) == 0:
        return 0.0
    i = down[-1]
    return float(brentq(lambda x: _exit_gap([x], s, exit_option, pay)[0], xs[i], xs[i + 1], xtol=1e-10))


def exit_critical_survival(*, T=None, R=None, P=None, S=None, grid: int = 200, tol: float = 1e-4,
                           payoffs=None) -> float:
    r"""Critical survival probability :math:`s^*` above which out-for-tat cooperators survive against DL defectors.

    The smallest :math:`s` at which the mean-field payoff gap :math:`\max_x [\pi_{OFT}(x) - \pi_{DL}(x)]`
    reaches zero (a saddle-node: below it defection takes over from any start), found by bisection:

    .. math::

        s^* = \min\{s : \max_{x\in(0,1)} \Delta_s(x) \ge 0\}.

    Without the exit option no :math:`s < 1` lets cooperation survive (random, lasting pairs give
    :math:`\pi_C - \pi_D = (R - T)x + (S - P)(1-x) < 0`).

    References
    ----------
    Izquierdo, L. R., Izquierdo, S. S. & Vega-Redondo, F. (2014). Leave and let leave: a sufficient condition to
    explain the evolutionary emergence of cooperation. *Journal of Economic Dynamics and Control* 46, 91–113.

    Examples
    --------
    >>> 0.5 < exit_critical_survival(grid=60, tol=1e-3) < 0.99
    True
    """
    grid = _v.check_positive_int(grid, "grid", minimum=10)
    _v.check_size(grid, "grid", item_bytes=256)
    tol = _v.check_tolerance(tol, "tol")
    pay = _pd(payoffs, T, R, P, S, where="exit_critical_survival")

    def best_gap(s):
        return float(_exit_gap(np.linspace(1e-3, 1 - 1e-3, grid), s, True, pay).max())

    lo, hi = 0.0, 0.999
    if best_gap(hi) < 0:
        return float("inf")
    if best_gap(lo) >= 0:
        return 0.0
    for _ in range(64):                     # bisection: at most 64 halvings, whatever tol is
        if hi - lo <= tol:
            break
        mid = 0.5 * (lo + hi)
        if best_gap(mid) >= 0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)
