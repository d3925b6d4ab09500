"""Figures of tournaments and finite populations.

Exact against simulated tournaments, fixation against population size, the stationary distribution over
strategies against noise, and cooperation with and without the exit option.
"""

from __future__ import annotations

import numpy as np

from .. import population, tournaments
from ..plotting import tournaments as plot_tournaments
from . import register


def _ten_strategies() -> dict:
    """The seven named strategies plus three fixed stochastic memory-one strategies (a ten-strategy tournament)."""
    strategies = dict(tournaments.named_strategies())
    strategies["M1"] = (0.9, 0.2, 0.6, 0.3, 1.0)
    strategies["M2"] = (0.7, 0.5, 0.4, 0.1, 0.0)
    strategies["M3"] = (0.95, 0.05, 0.8, 0.5, 1.0)
    return strategies


@register(
    "tournaments_exact_vs_simulated",
    caption=(
        "A ten-strategy memory-one tournament (ALLC, ALLD, TFT, GTFT, WSLS, GRIM, the extortioner ZD with chi = 3 "
        "and three stochastic strategies) with execution noise 0.05 and matches of 200 rounds: the exact expected "
        "payoff of every ordered pair (finite-horizon Markov chain, one batched computation) against the mean of "
        "20 simulated repetitions with its 99% confidence interval (left; the two lowest and highest pairs are "
        "named, row player first). Right: the gap between simulation and exact value in units of the interval's "
        "half width; inside ±1 the exact value lies in the interval. The same comparison with axelrod's Tournament "
        "(an independent implementation) is in the test suite and the benchmarks, not in this figure: importing "
        "axelrod alone takes longer than the rest of the figures."
    ),
    figsize=(10.5, 5.0),
)
def tournaments_exact_vs_simulated(fig, *, quick: bool = False):

    strategies = _ten_strategies()
    exact = tournaments.exact_tournament(strategies, noise=0.05, turns=200).payoff_matrix
    data = tournaments.simulate_tournament(strategies, noise=0.05, turns=200, repetitions=20, rng=2024)
    data["source"] = "clustergames Monte-Carlo"
    data["exact"] = [exact.loc[a, b] for a, b in zip(data["player"], data["opponent"])]
    left, right = fig.subplots(1, 2)
    plot_tournaments.plot_exact_vs_simulated(data, ax=left, residual_ax=right)
    fig.tight_layout()
    return data


@register(
    "tournaments_fixation_vs_n",
    caption=(
        "Fixation probability of one TFT firm in a cluster of ALLD firms (repeated PD of 10 rounds, R, S, T, P = "
        "3, 0, 5, 1) under the Moran process, against the population size N for several intensities of selection "
        "w; the dotted line is neutral drift 1/N. TFT against ALLD is a coordination game with x* = 1/17 < 1/3, so "
        "weak selection favours TFT (one-third rule), while strong selection in large clusters blocks the lone "
        "reciprocator. Circles: Monte-Carlo estimates for w = 0.1."
    ),
    figsize=(6.4, 4.6),
)
def tournaments_fixation_vs_n(fig, *, quick: bool = False):
    import pandas as pd

    tft, alld = tournaments.TFT, tournaments.ALLD
    a = tournaments.memory_one_payoffs(tft, tft, turns=10)[0]
    b = tournaments.memory_one_payoffs(tft, alld, turns=10)[0]
    c = tournaments.memory_one_payoffs(alld, tft, turns=10)[0]
    d = tournaments.memory_one_payoffs(alld, alld, turns=10)[0]
    matrix = [[a, b], [c, d]]
    Ns = np.unique(np.round(np.logspace(np.log10(2), 4, 25 if quick else 60)).astype(int))
    rows = []
    for w in (0.001, 0.01, 0.1, 0.5):
        for N in Ns:
            rows.append({"N": int(N), "selection": w, "rho": population.fixation_probability(matrix, int(N),
                                                                                              selection=w)})
    data = pd.DataFrame(rows)
    data["method"] = "exact"
    mc = []
    for k, N in enumerate((4, 8, 16, 32)):
        sim = population.simulate_fixation(matrix, N, selection=0.1, runs=2000 if quick else 20000, rng=100 + k)
        mc.append({"N": N, "selection": 0.1, "rho": sim.estimate, "method": "Monte-Carlo"})
    ax = fig.add_subplot()
    plot_tournaments.plot_fixation_vs_n(data, ax=ax)
    mcdf = pd.DataFrame(mc)
    ax.plot(mcdf["N"], mcdf["rho"], "o", mfc="none", color="0.2", ms=6, label="Monte-Carlo, $w = 0.1$")
    ax.legend(title="Moran process", fontsize=8)
    ax.set_title("A TFT firm invading ALLD: fixation against cluster size")
    fig.tight_layout()
    return pd.concat([data, mcdf], ignore_index=True)


@register(
    "tournaments_stationary_vs_noise",
    caption=(
        "Share of time a population of N = 100 firms spends as each monomorphic strategy (rare mutations, "
        "pairwise-comparison process with beta = 1; Fudenberg & Imhof 2006), against the execution noise of the "
        "repeated PD (R, S, T, P = 3, 0, 5, 1). Payoffs are exact long-run averages of memory-one strategies. "
        "Strategies that never reach 2% of the time share one grey band."
    ),
    figsize=(7.0, 4.4),
)
def tournaments_stationary_vs_noise(fig, *, quick: bool = False):
    import pandas as pd

    strategies = tournaments.named_strategies()
    rows = []
    for e in np.linspace(0.0, 0.2, 11 if quick else 41):
        m = tournaments.exact_tournament(strategies, noise=float(e)).payoff_matrix
        res = population.stationary_distribution(m, 100, selection=1.0, process="fermi")
        for name, prob in zip(res.strategies, res.distribution):
            rows.append({"noise": float(e), "strategy": name, "probability": float(prob)})
    data = pd.DataFrame(rows)
    ax = fig.add_subplot()
    plot_tournaments.plot_stationary_vs_noise(data, ax=ax)
    ax.set_title(r"Which strategy a cluster settles on ($N = 100$, $\beta = 1$)")
    fig.tight_layout()
    return data


@register(
    "tournaments_exit_cooperation",
    caption=(
        "The prisoner's dilemma with an exit option (conditional dissociation; Izquierdo, Izquierdo & Vega-Redondo "
        "2010, 2014): share of cooperative actions against the per-round survival probability s of a firm. Lines: "
        "stable mean-field steady state of out-for-tat (cooperate, leave a partner who defected) against "
        "defect-and-leave (defect, then leave); without the exit option (always-C against always-D, partners "
        "stay until one dies) cooperators are stuck in random lasting pairs and vanish. Markers: "
        "agent-based simulations (500 firms, 2000 rounds, mutation 1%). Cooperation survives only above the "
        "critical s*, i.e. when firms expect to stay in the cluster long enough for a partnership to pay."
    ),
    figsize=(6.4, 4.6),
    cost=5.0,
)
def tournaments_exit_cooperation(fig, *, quick: bool = False):
    import pandas as pd

    s_grid = np.linspace(0.8, 0.995, 10 if quick else 27)
    s_star = tournaments.exit_critical_survival(grid=40 if quick else 200, tol=2e-3 if quick else 2e-4)
    rows = []
    for s in s_grid:
        rows.append({"survival": s, "exit_option": True, "method": "mean field",
                     "cooperation": tournaments.exit_cooperation(s, grid=50 if quick else 200)})
        rows.append({"survival": s, "exit_option": False, "method": "mean field",
                     "cooperation": tournaments.exit_cooperation(s, exit_option=False, grid=20)})
    sim_s = (0.85, 0.95, 0.99) if quick else (0.82, 0.88, 0.93, 0.95, 0.97, 0.99)
    seeds = np.random.SeedSequence(7).spawn(2 * len(sim_s))
    for k, s in enumerate(sim_s):
        for j, flag in enumerate((True, False)):
            if not flag and not quick and s not in (0.82, 0.93, 0.99):
                continue  # without exit cooperation is 0 everywhere: three simulations show it
            sim = tournaments.simulate_exit_game(("OFT", "DL") if flag else ("CS", "DS"), n_agents=500,
                                                 survival=s, rounds=1000 if quick else 2000, exit_option=flag,
                                                 rng=seeds[2 * k + j])
            rows.append({"survival": s, "exit_option": flag, "method": "simulation",
                         "cooperation": sim.cooperation})
    data = pd.DataFrame(rows)
    data["critical"] = s_star
    ax = fig.add_subplot()
    plot_tournaments.plot_exit_cooperation(data, ax=ax)
    ax.set_title("Cooperation needs the option to leave and long enough lives")
    fig.tight_layout()
    return data
