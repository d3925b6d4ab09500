"""Figures of bargaining among local governments and of entry regulation."""

from __future__ import annotations

import numpy as np

from .. import bargaining, entry
from ..plotting import bargaining as plot_bargaining
from . import register

#: the three heterogeneous regions used in the governance figures: entry costs differ, half of the damage spills
#: over to the neighbours
REGIONS = {"n_regions": 3, "a": 10.0, "b": 1.0, "cost": [0.0, 2.0, 4.0], "damage": 4.0, "local_share": 0.5,
           "names": ["region A", "region B", "region C"]}


def _frontier(u1):
    return 4.0 * (1.0 - (u1 / 6.0) ** 2)


@register(
    "bargaining_frontier",
    caption=(
        "Two regions bargain over a convex set of payoff pairs with Pareto frontier u2 = 4(1 − (u1/6)²) and "
        "disagreement point d = (1, 0.5) (the payoffs without agreement). The Nash solution maximises "
        "(u1 − d1)(u2 − d2); the Kalai–Smorodinsky solution lies on the segment from d to the ideal point I; the "
        "egalitarian solution gives equal gains; the Rubinstein point is the subgame-perfect outcome of "
        "alternating offers with discount factors 0.9 (region 1, proposing first) and 0.8."
    ),
    figsize=(8.6, 5.0),
)
def bargaining_frontier(fig, *, quick: bool = False):
    """Frontier, disagreement and ideal points and four solutions, as a tidy frame (series, u1, u2)."""
    import pandas as pd

    kw = {"frontier": _frontier, "domain": (0.0, 6.0), "disagreement": (1.0, 0.5)}
    problem = bargaining.BargainingProblem(**kw)
    rows = [("frontier", u1, u2) for u1, u2 in problem.sample(121 if quick else 401)]
    rows.append(("disagreement", *kw["disagreement"]))
    rows.append(("ideal", *problem.ideal))
    for sol in (bargaining.nash_solution(**kw), bargaining.kalai_smorodinsky(**kw), bargaining.egalitarian(**kw)):
        rows.append((sol.solution, *sol.payoffs))
    rub = bargaining.rubinstein_payoffs(0.9, 0.8, **kw)
    rows.append((r"Rubinstein ($\delta_1 = 0.9$, $\delta_2 = 0.8$)", *rub.payoffs))
    data = pd.DataFrame(rows, columns=["series", "u1", "u2"])
    plot_bargaining.plot_frontier(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data


@register(
    "bargaining_entry_welfare",
    caption=(
        "Excess entry. Left: Cournot competition with inverse demand P = 10 − Q, marginal cost 2 and entry cost 1 "
        "(Mankiw & Whinston 1986): free entry admits 7 firms, welfare peaks at 3, and capping entry at 3 raises "
        "total surplus. Right: four symmetric regions admitting firms to a common market (profit per firm "
        "10 − 2 − N, damage 2 per firm): the regions' total payoff against total entry, with the joint optimum "
        "and the non-cooperative equilibria when all, half or none of the damage stays local."
    ),
    figsize=(10.0, 4.2),
)
def bargaining_entry_welfare(fig, *, quick: bool = False):
    """Cournot welfare against n, and the symmetric regional game's total payoff against total entry."""
    import pandas as pd

    k = 121 if quick else 401
    cournot = entry.cournot_entry(a=10, b=1, c=2, F=1)
    n = np.linspace(0, 10, k)
    ints = np.arange(0, 11, dtype=float)
    left = pd.concat([pd.DataFrame({"n": n, "welfare": cournot.welfare(n), "integer": False}),
                      pd.DataFrame({"n": ints, "welfare": cournot.welfare(ints), "integer": True})],
                     ignore_index=True)
    left.insert(0, "panel", "cournot")
    params = {"n_regions": 4, "a": 10.0, "b": 1.0, "cost": 2.0, "damage": 2.0}
    game = entry.RegionalEntryGame(**params)
    N = np.linspace(0, 7, k)
    rows = [{"kind": "curve", "label": "", "N": v, "total": float(game.payoffs(np.full(4, v / 4)).sum())}
            for v in N]
    opt = game.joint_optimum()
    rows.append({"kind": "optimum", "label": f"joint optimum (N = {opt.total_entry:.1f})", "N": opt.total_entry,
                 "total": opt.total})
    for lam in (1.0, 0.5, 0.0):
        eq = entry.RegionalEntryGame(**params, local_share=lam).equilibrium()
        # spill-overs only move damage between regions, so the total payoff is the same curve
        rows.append({"kind": "equilibrium", "label": f"equilibrium, local share {lam:g} (N = {eq.total_entry:.1f})",
                     "N": eq.total_entry, "total": eq.total})
    right = pd.DataFrame(rows)
    right.insert(0, "panel", "regions")
    ax1, ax2 = fig.subplots(1, 2)
    plot_bargaining.plot_entry_welfare(left, free=cournot.free, optimal=cournot.optimal,
                                       free_integer=cournot.free_integer, optimal_integer=cournot.optimal_integer,
                                       ax=ax1)
    ax1.set_title("Cournot free entry (Mankiw & Whinston 1986)")
    plot_bargaining.plot_regional_welfare(right, ax=ax2)
    ax2.set_title("Four regions, common market, spill-over damage")
    fig.tight_layout()
    return pd.concat([left, right], ignore_index=True)


@register(
    "bargaining_governance",
    caption=(
        "Bargaining versus administrative order for three regions with entry costs 0, 2, 4 per firm sharing a "
        "common market (profit per firm 10 − cost − N; damage 4 per firm, half of it spilling over to the "
        "neighbours). Bars: each region's payoff in the non-cooperative "
        "equilibrium, under an administrative order imposing the jointly optimal entry without transfers, under "
        "Nash bargaining with transfers (disagreement = equilibrium) and under the Shapley value; dashed lines mark "
        "the equilibrium payoff below which a region walks away (hatched). Top: the total payoff of each "
        "arrangement."
    ),
    figsize=(7.4, 6.2),
)
def bargaining_governance(fig, *, quick: bool = False):
    """The four-way comparison as a tidy frame (allocation, region, payoff, disagreement, participation, total)."""
    game = entry.RegionalEntryGame(**REGIONS)
    comp = entry.compare_governance(game, rule="optimum")
    data = comp.long()
    top, bottom = fig.subplots(2, 1, height_ratios=[1, 2.6])
    plot_bargaining.plot_governance(data, ax=bottom, total_ax=top)
    top.set_title("Total payoff of the three regions")
    bottom.set_title("Payoff per region")
    fig.tight_layout()
    return data


@register(
    "bargaining_core_ternary",
    caption=(
        "The coalitional game of the three regions of the governance figure: v(S) is a coalition's total payoff "
        "when it coordinates its entry and the other regions best-respond. The triangle holds the imputations "
        "(each region gets at least its stand-alone worth), the shaded polygon the core; Nash bargaining with "
        "transfers, the Shapley value and the nucleolus lie in the core, while the administrative order imposing "
        "the joint optimum without transfers falls outside the triangle."
    ),
    figsize=(6.4, 5.6),
)
def bargaining_core_ternary(fig, *, quick: bool = False):
    """Imputation triangle, core vertices and solution points as a tidy frame (kind, label, x1, x2, x3)."""
    game = entry.RegionalEntryGame(**REGIONS)
    comp = entry.compare_governance(game, rule="optimum")
    cg = comp.coalitional
    data = cg.core_frame({"Nash bargaining": comp.allocations["Nash bargaining"],
                          "administrative order (optimum)": comp.allocations["administrative (optimum)"]})
    ax = plot_bargaining.plot_core_ternary(data, ax=fig.add_subplot(), names=tuple(game.names))
    ax.set_title("Core and values of the three regions' coalitional game")
    fig.tight_layout()
    return data
