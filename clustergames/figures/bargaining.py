"""Figures of bargaining among local governments and of entry regulation."""

from __future__ import annotations

import numpy as np

from .. import bargaining, entry
from .._validation import fmt
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
        "Two regions bargain over a convex set of payoff pairs whose Pareto frontier u2 = 4(1 − (u1/6)²) is "
        "concave, from the disagreement point d = (1, 0.5) (the payoffs without agreement). The Nash solution "
        "maximises (u1 − d1)(u2 − d2); the Kalai–Smorodinsky solution lies on the segment from d to the ideal point "
        "I (each region's best payoff given the other's disagreement payoff); the egalitarian solution gives equal "
        "gains; the Rubinstein point is the subgame-perfect outcome of alternating offers with discount factors "
        "0.9 (region 1, proposing first) and 0.8. The inset enlarges the three nearby solutions."
    ),
    figsize=(9.0, 5.2),
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
    ax = fig.add_subplot()
    plot_bargaining.plot_frontier(data, ax=ax, zoom=True)
    fig.subplots_adjust(left=0.08, right=0.62, bottom=0.1, top=0.93)
    return data


@register(
    "bargaining_entry_welfare",
    caption=(
        "Excess entry. Left: Cournot competition with inverse demand P = 10 − Q, marginal cost 2 and entry cost 1 "
        "(Mankiw & Whinston 1986): free entry admits 7 firms, welfare peaks at 3, and capping entry at 3 raises "
        "total surplus. Right: four symmetric regions admitting firms to a common market (price 10 − N, cost 2, "
        "damage 2 per firm): the regions' total payoff Σ u_i (profits or taxes minus damage) and total welfare, "
        "which adds the consumers' surplus N²/2, against total entry N; filled dots: the non-cooperative "
        "equilibria when all, half or none of the damage stays local (open markers: total welfare). The "
        "regions' joint optimum (N = 3) maximises Σ u_i but, with local consumers, is a cartel: total welfare "
        "peaks at N = 6, and every equilibrium beats the joint optimum on total welfare."
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
    rows = [{"kind": "curve", "label": "", "N": v, "total": float(game.payoffs(np.full(4, v / 4)).sum()),
             "welfare": game.total_welfare(np.full(4, v / 4))} for v in N]
    opt = game.joint_optimum()
    wopt = game.welfare_optimum()
    rows.append({"kind": "optimum", "label": f"regions' joint optimum (N = {fmt(opt.total_entry, 3)})",
                 "N": opt.total_entry, "total": opt.total, "welfare": opt.welfare})
    rows.append({"kind": "welfare optimum", "label": f"welfare optimum (N = {fmt(wopt.total_entry, 3)})",
                 "N": wopt.total_entry, "total": wopt.total, "welfare": wopt.welfare})
    for lam in (1.0, 0.5, 0.0):
        eq = entry.RegionalEntryGame(**params, local_share=lam).equilibrium()
        # spill-overs only move damage between regions, so the total payoff is the same curve
        rows.append({"kind": "equilibrium", "label": f"equilibrium, local share {lam:g} (N = {eq.total_entry:.1f})",
                     "N": eq.total_entry, "total": eq.total, "welfare": eq.welfare})
    right = pd.DataFrame(rows)
    right.insert(0, "panel", "regions")
    ax1, ax2 = fig.subplots(1, 2)
    plot_bargaining.plot_entry_welfare(left, free=cournot.free, optimal=cournot.optimal,
                                       free_integer=cournot.free_integer, optimal_integer=cournot.optimal_integer,
                                       ax=ax1)
    ax1.set_title("Cournot free entry (Mankiw & Whinston 1986)")
    plot_bargaining.plot_regional_welfare(right, ax=ax2)
    ax2.set_title("Four regions: the regions' payoff and total welfare")
    fig.tight_layout()
    return pd.concat([left, right], ignore_index=True)


@register(
    "bargaining_governance",
    caption=(
        "Bargaining versus administrative order for three regions with entry costs 0, 2, 4 per firm sharing a "
        "common market (profit per firm 10 − cost − N; damage 4 per firm, half of it spilling over to the "
        "neighbours). Bars: each region's payoff in the non-cooperative equilibrium, under an administrative order "
        "imposing the jointly optimal entry without transfers, under a strong government that imposes it with "
        "fiscal transfers, under Nash bargaining with transfers (disagreement = equilibrium) and under the Shapley "
        "value; dashed lines mark the equilibrium payoff below which a region walks away (hatched). Top: the "
        "regions' total payoff of each arrangement. The strong government with transfers and Nash bargaining give "
        "the same allocation: with complete information only the order without transfers is worse. Consumers are "
        "not counted here; see bargaining_welfare."
    ),
    figsize=(7.4, 6.2),
)
def bargaining_governance(fig, *, quick: bool = False):
    """The five-way comparison as a tidy frame (allocation, region, payoff, disagreement, participation, total)."""
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
        "(each region gets at least its stand-alone worth v(i)); a point's barycentric coordinates are the regions' "
        "shares of the surplus v(N) − Σ v(i) (dotted grid, read along the labelled edges); the shaded polygon is "
        "the core. Nash bargaining with transfers (equal split of the gain: 11.59, 0.26, −2.85; open marker), the "
        "nucleolus (11.69, 0.36, −3.06), which lies next to it, and the Shapley value lie in the core, while the "
        "administrative order "
        "imposing the joint optimum without transfers falls outside the triangle."
    ),
    figsize=(6.4, 6.0),
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


@register(
    "bargaining_welfare",
    caption=(
        "Whose welfare? Top: the three regions of the governance figure (price 10 − N, entry costs 0, 2, 4, "
        "damage 4 per firm, half spilling over), each allocation's regions' payoff (grey) and consumers' surplus "
        "N²/2 (blue); the number is total welfare. Left, the planner maximises the regions' payoff "
        "(welfare = \"regions\"): a strong government with fiscal transfers reaches exactly the Nash-bargaining "
        "allocation. Right, the planner maximises total welfare (welfare = \"total\"): the regions' bargain "
        "(13.50) is worse than no bargain at all (14.44) because with local consumers it is a cartel; the "
        "welfare optimum admits 6 firms (18.00). Bottom: three symmetric regions (a − c = 8, b = 1, local share "
        "1/2): total welfare of the equilibrium and of the regions' joint optimum against the damage per firm d. "
        "The bargain raises total welfare only when damage exceeds d† = (a − c)(n + 3)/(3(n + 1) − 2nλ) = 16/3 "
        "(entry.bargaining_welfare_damage)."
    ),
    figsize=(10.5, 8.0),
)
def bargaining_welfare(fig, *, quick: bool = False):
    """Totals under both criteria and the damage threshold, as one tidy frame (panel, allocation/damage, values)."""
    import pandas as pd

    game = entry.RegionalEntryGame(**REGIONS)
    frames = []
    grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.1], hspace=0.45, wspace=0.75)
    for k, crit in enumerate(("regions", "total")):
        totals = entry.compare_governance(game, welfare=crit).totals()
        ax = fig.add_subplot(grid[0, k])
        title = "planner maximises the regions' payoff" if crit == "regions" else "planner maximises total welfare"
        plot_bargaining.plot_welfare_totals(totals, ax=ax, title=title)
        if k == 0:
            ax.legend(loc="upper center", bbox_to_anchor=(1.1, -0.25), ncols=2, fontsize=8.5)
        frame = totals.reset_index(names="allocation")
        frame.insert(0, "panel", f"welfare={crit}")
        frames.append(frame)
    damage = np.linspace(0, 8, 41 if quick else 161)
    # symmetric closed forms (tested against the LCP solution): W(N) = N (a - c - d) - b N^2 / 2 with e = 0
    n_eq = 3 * entry.regional_equilibrium_entry(3, 10.0, 1.0, 2.0, damage, 0.0, 0.5)
    n_opt = 3 * entry.regional_optimal_entry(3, 10.0, 1.0, 2.0, damage, 0.0)
    sweep = pd.DataFrame({"damage": damage, "equilibrium": n_eq * (8.0 - damage) - n_eq**2 / 2,
                          "joint_optimum": n_opt * (8.0 - damage) - n_opt**2 / 2})
    threshold = entry.bargaining_welfare_damage(3, 10.0, 2.0, 0.5)
    ax = fig.add_subplot(grid[1, :])
    plot_bargaining.plot_welfare_damage(sweep, ax=ax, threshold=threshold)
    ax.set_title("When does the regions' bargain raise total welfare? (three symmetric regions)")
    sweep.insert(0, "panel", "damage")
    frames.append(sweep)
    fig.subplots_adjust(left=0.23, right=0.97, top=0.95, bottom=0.07)
    return pd.concat(frames, ignore_index=True)
