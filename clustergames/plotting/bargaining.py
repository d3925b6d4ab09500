"""Drawing bargaining and entry.

Frontiers with solution points, welfare against entry, the governance comparison, the welfare totals and the core of
three regions on a ternary plot.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validation import fmt
from . import LINESTYLES, PALETTE, draws, get_axes

#: colour and marker of each bargaining solution
SOLUTION_STYLE = {
    "Nash": (PALETTE[0], "o"),
    "asymmetric Nash": (PALETTE[5], "P"),
    "Kalai–Smorodinsky": (PALETTE[1], "s"),
    "egalitarian": (PALETTE[2], "^"),
    "Rubinstein": (PALETTE[3], "D"),
}

#: colour of each allocation in the governance comparison
ALLOCATION_COLOURS = (PALETTE[7], PALETTE[3], PALETTE[0], PALETTE[2], PALETTE[4])


def plot_frontier(data: Any, ax: Any = None, *, zoom: bool = False):
    """Draw a bargaining frontier with its disagreement point, ideal point and solution points.

    ``data`` is a tidy DataFrame with columns ``series``, ``u1``, ``u2``: rows of series "frontier" (the Pareto
    boundary, in order), "disagreement", optionally "ideal", and one row per solution (series = its name, e.g.
    "Nash", "Kalai–Smorodinsky", "Rubinstein"). ``zoom=True`` adds an inset (right of the axes, below the legend)
    that enlarges crowded solution points. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"series": ["frontier", "frontier", "disagreement", "Nash"],
    ...                    "u1": [0, 1, 0, 0.5], "u2": [1, 0, 0, 0.5]})
    >>> plot_frontier(df).get_xlabel()
    'payoff of region 1, $u_1$'
    """
    ax = get_axes(ax)
    fr = data[data["series"] == "frontier"]
    d = data[data["series"] == "disagreement"].iloc[0]
    ax.fill_between(fr["u1"], d["u2"], fr["u2"], where=(fr["u2"] >= d["u2"]) & (fr["u1"] >= d["u1"]),
                    interpolate=True, color=PALETTE[5], alpha=0.12, lw=0,
                    label="gains over disagreement")
    ax.plot(fr["u1"], fr["u2"], color="0.15", lw=1.8, label="Pareto frontier")
    ax.plot([d["u1"]], [d["u2"]], "o", color="0.15", mfc="white", ms=7, zorder=5, label="disagreement $d$")
    ideal = data[data["series"] == "ideal"]
    if len(ideal):
        I = ideal.iloc[0]
        ax.plot([I["u1"]], [I["u2"]], "*", color="0.45", ms=10, label="ideal point $I$")
        ax.plot([d["u1"], I["u1"]], [d["u2"], I["u2"]], color="0.45", lw=0.8, ls=":")
    known = set(SOLUTION_STYLE)
    others = [s for s in data["series"].unique() if s not in {"frontier", "disagreement", "ideal"}]
    for k, name in enumerate(others):
        row = data[data["series"] == name].iloc[0]
        colour, marker = SOLUTION_STYLE.get(name.split(" (")[0], (PALETTE[(k + 4) % 8], "v"))
        if name.split(" (")[0] not in known:
            colour = PALETTE[(k + 4) % 8]
        ax.plot([row["u1"]], [row["u2"]], marker, color=colour, ms=8, zorder=6, mec="white", mew=0.8, label=name)
    ax.set_xlabel("payoff of region 1, $u_1$")
    ax.set_ylabel("payoff of region 2, $u_2$")
    lo1 = min(float(fr["u1"].min()), float(d["u1"]))
    lo2 = min(float(fr["u2"].min()), float(d["u2"]))
    ax.set_xlim(left=lo1 - 0.02 * (fr["u1"].max() - lo1))
    ax.set_ylim(bottom=lo2 - 0.02 * (fr["u2"].max() - lo2))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Bargaining over a convex set (concave Pareto frontier)")
    if zoom and len(others) > 1:
        _zoom_solutions(ax, data, fr, others)
    return ax


def _zoom_solutions(ax: Any, data: Any, fr: Any, names: list) -> None:
    """Inset below the legend enlarging the stretch of frontier where solution points crowd together."""
    pts = data[data["series"].isin(names)]
    span1 = float(fr["u1"].max() - fr["u1"].min())
    span2 = float(fr["u2"].max() - fr["u2"].min())
    gaps = [np.hypot(*((a - b) / [span1, span2])) for i, a in enumerate(pts[["u1", "u2"]].to_numpy())
            for b in pts[["u1", "u2"]].to_numpy()[i + 1:]]
    if not gaps or min(gaps) > 0.06:
        return
    x0, x1 = float(pts["u1"].min()), float(pts["u1"].max())
    y0, y1 = float(pts["u2"].min()), float(pts["u2"].max())
    pad1, pad2 = 0.25 * max(x1 - x0, 0.05 * span1), 0.25 * max(y1 - y0, 0.05 * span2)
    ins = ax.inset_axes([1.06, 0.0, 0.5, 0.48])
    sub = fr[(fr["u1"] >= x0 - 2 * pad1) & (fr["u1"] <= x1 + 2 * pad1)]
    ins.plot(sub["u1"], sub["u2"], color="0.15", lw=1.4)
    for k, name in enumerate(names):
        row = data[data["series"] == name].iloc[0]
        colour, marker = SOLUTION_STYLE.get(name.split(" (")[0], (PALETTE[(k + 4) % 8], "v"))
        ins.plot([row["u1"]], [row["u2"]], marker, color=colour, ms=8, mec="white", mew=0.8, zorder=5)
    ins.set_xlim(x0 - pad1, x1 + pad1)
    ins.set_ylim(y0 - pad2, y1 + pad2)
    ins.tick_params(labelsize=7)
    ins.set_title("enlarged", fontsize=8)
    ax.indicate_inset_zoom(ins, edgecolor="0.5", alpha=0.6)


def plot_entry_welfare(data: Any, *, free: float, optimal: float, free_integer: int | None = None,
                       optimal_integer: int | None = None, ax: Any = None):
    """Draw welfare against the number of entrants with free entry and the optimum marked.

    ``data`` has columns ``n`` and ``welfare`` (a fine grid, drawn as a curve) and a boolean column ``integer``
    marking integer numbers of firms (drawn as dots). Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> n = np.linspace(0, 8, 9)
    >>> df = pd.DataFrame({"n": n, "welfare": -(n - 3) ** 2, "integer": True})
    >>> plot_entry_welfare(df, free=7, optimal=3).get_ylabel()
    'total surplus $W(n)$'
    """
    ax = get_axes(ax)
    curve = data[~data["integer"]] if (~data["integer"]).any() else data
    ax.plot(curve["n"], curve["welfare"], color=PALETTE[0], lw=1.8, label="welfare $W(n)$")
    ints = data[data["integer"]]
    ax.plot(ints["n"], ints["welfare"], "o", color=PALETTE[0], ms=4)
    ymin, ymax = float(data["welfare"].min()), float(data["welfare"].max())
    ax.axvline(optimal, color=PALETTE[2], ls=LINESTYLES[1], lw=1.3, label=f"optimum $n^*$ = {fmt(optimal, 3)}")
    ax.axvline(free, color=PALETTE[3], ls=LINESTYLES[2], lw=1.3, label=f"free entry $n^e$ = {fmt(free, 3)}")
    if free_integer is not None and optimal_integer is not None:
        w = dict(zip(ints["n"].round().astype(int), ints["welfare"]))
        if free_integer in w and optimal_integer in w:
            ax.annotate("", xy=(free_integer, w[free_integer]), xytext=(free_integer, w[optimal_integer]),
                        arrowprops={"arrowstyle": "<->", "color": PALETTE[3], "lw": 1})
            ax.hlines(w[optimal_integer], optimal_integer, free_integer, color="0.6", lw=0.8, ls=":")
            ax.text(free_integer + 0.3, (w[free_integer] + w[optimal_integer]) / 2,
                    f"gain of a cap\nat {optimal_integer}: {w[optimal_integer] - w[free_integer]:.2f}",
                    va="center", ha="left", fontsize=8, color=PALETTE[3],
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
    ax.set_ylim(ymin - 0.05 * (ymax - ymin), ymax + 0.12 * (ymax - ymin))
    ax.set_xlabel("number of firms $n$")
    ax.set_ylabel("total surplus $W(n)$")
    ax.legend(loc="lower right")
    return ax


def plot_regional_welfare(data: Any, ax: Any = None):
    """Draw the regions' total payoff against total entry in the symmetric regional game.

    ``data`` has columns ``N`` and ``total`` (the curve), and rows with ``kind`` equal to "equilibrium" (one per
    local share, labelled by ``label``) or "optimum" giving the marked points. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"kind": ["curve", "curve", "optimum"], "label": ["", "", "joint optimum"],
    ...                    "N": [0, 2, 1], "total": [0, 0, 1]})
    >>> plot_regional_welfare(df).get_xlabel()
    'total firms admitted $N$'
    """
    ax = get_axes(ax)
    curve = data[data["kind"] == "curve"]
    ax.plot(curve["N"], curve["total"], color="0.2", lw=1.8, label=r"regions' payoff $\Sigma_i\, u_i$")
    has_welfare = "welfare" in data.columns and data["welfare"].notna().any()
    if has_welfare:
        ax.plot(curve["N"], curve["welfare"], color=PALETTE[0], lw=1.6, ls=LINESTYLES[1],
                label=r"total welfare $\Sigma_i\, u_i + bN^2/2$")
        for _, row in data[data["kind"] == "welfare optimum"].iterrows():
            ax.plot([row["N"]], [row["welfare"]], "*", color=PALETTE[0], ms=13, zorder=6, label=row["label"])
    opt = data[data["kind"] == "optimum"]
    for _, row in opt.iterrows():
        ax.plot([row["N"]], [row["total"]], "*", color=PALETTE[2], ms=13, zorder=6, label=row["label"])
        if has_welfare:
            ax.plot([row["N"]], [row["welfare"]], "*", color=PALETTE[2], ms=12, zorder=6, mfc="white", mew=1.4)
            ax.vlines(row["N"], row["total"], row["welfare"], color=PALETTE[2], lw=0.8, ls=":")
    eqs = data[data["kind"] == "equilibrium"]
    for k, (_, row) in enumerate(eqs.iterrows()):
        ax.plot([row["N"]], [row["total"]], "o", color=PALETTE[(3, 1, 4, 5)[k % 4]], ms=8, zorder=6, mec="white",
                label=row["label"])
        if "welfare" in data.columns and np.isfinite(row.get("welfare", np.nan)):
            ax.plot([row["N"]], [row["welfare"]], "o", color=PALETTE[(3, 1, 4, 5)[k % 4]], ms=6, zorder=6,
                    mfc="white", mew=1.5)
    ax.set_xlabel("total firms admitted $N$")
    ax.set_ylabel("payoff or welfare")
    ax.legend(loc="lower center", bbox_to_anchor=(0.42, 0.0), fontsize=8)
    return ax


def plot_governance(data: Any, ax: Any = None, total_ax: Any = None):
    """Draw the governance comparison: grouped bars of each region's payoff, one bar per allocation.

    ``data`` is the tidy frame of :meth:`clustergames.bargaining.GovernanceComparison.long` (columns
    ``allocation``, ``region``, ``payoff``, ``disagreement``, ``participation``, ``total``). Each region's
    disagreement (equilibrium) payoff is a dashed line across its group; hatched bars mark regions whose
    participation constraint fails. Totals are drawn as horizontal bars on ``total_ax`` when given, otherwise
    written in the legend. Returns the Axes.

    Examples
    --------
    >>> from clustergames.entry import RegionalEntryGame
    >>> from clustergames.bargaining import compare_governance
    >>> comp = compare_governance(RegionalEntryGame(2, a=10, b=1, cost=[1, 3], damage=1, local_share=0.5))
    >>> plot_governance(comp.long()).get_ylabel()
    'payoff of the region'
    """
    ax = get_axes(ax, figsize=(7.2, 4.4))
    allocations = list(dict.fromkeys(data["allocation"]))
    regions = list(dict.fromkeys(data["region"]))
    k = len(allocations)
    width = 0.8 / k
    xs = np.arange(len(regions))
    totals = {}
    for j, name in enumerate(allocations):
        sub = data[data["allocation"] == name].set_index("region").loc[regions]
        totals[name] = float(sub["total"].iloc[0])
        colour = ALLOCATION_COLOURS[j % len(ALLOCATION_COLOURS)]
        label = name if total_ax is not None else f"{name} (total {totals[name]:.2f})"
        bars = ax.bar(xs - 0.4 + width * (j + 0.5), sub["payoff"], width * 0.92, color=colour, label=label,
                      edgecolor="white", lw=0.5)
        for bar, ok in zip(bars, sub["participation"]):
            if not ok:
                bar.set_hatch("///")
                bar.set_edgecolor("white")
    dis = data.drop_duplicates("region").set_index("region").loc[regions, "disagreement"]
    for x, dval in zip(xs, dis):
        ax.hlines(dval, x - 0.42, x + 0.42, colors="0.1", linestyles="--", lw=1.0)
    ax.plot([], [], ls="--", color="0.1", lw=1.0, label="disagreement payoff (walk-away point)")
    ax.bar([0], [0], color="white", edgecolor="0.3", hatch="///", label="below disagreement: walks away")
    ax.axhline(0, color="0.3", lw=0.7)
    ax.set_xticks(xs, regions)
    ax.set_ylabel("payoff of the region")
    ax.legend(loc="upper right", fontsize=8, ncols=1)
    if total_ax is not None:
        names = allocations[::-1]
        total_ax.barh(np.arange(k), [totals[n] for n in names],
                      color=[ALLOCATION_COLOURS[allocations.index(n) % len(ALLOCATION_COLOURS)] for n in names],
                      height=0.7)
        for y, n in enumerate(names):
            total_ax.text(totals[n], y, f" {totals[n]:.2f}", va="center", fontsize=8)
        total_ax.set_yticks(np.arange(k), names)
        total_ax.set_xlabel("total payoff of all regions")
        hi = max(totals.values())
        total_ax.set_xlim(min(0.0, min(totals.values())), hi * 1.18 if hi > 0 else 1)
    return ax


def plot_welfare_totals(data: Any, ax: Any = None, *, title: str | None = None):
    """Stacked horizontal bars: the regions' total payoff and the consumers' surplus of each allocation.

    ``data`` is :meth:`clustergames.entry.GovernanceComparison.totals` (index: allocations; columns ``regions``,
    ``consumers``, ``total welfare``). The total welfare is written at the end of each bar. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"regions": [3.0, 9.0], "consumers": [10.9, 4.5], "total welfare": [13.9, 13.5]},
    ...                   index=["non-cooperative", "Nash bargaining"])
    >>> plot_welfare_totals(df).get_xlabel()
    'welfare'
    """
    ax = get_axes(ax, figsize=(6.4, 3.4))
    names = list(data.index)[::-1]
    y = np.arange(len(names))
    reg = data.loc[names, "regions"].to_numpy(float)
    con = data.loc[names, "consumers"].to_numpy(float)
    ax.barh(y, reg, height=0.65, color="0.35", label="regions' payoff (profits or taxes − damage)")
    ax.barh(y, con, left=np.maximum(reg, 0), height=0.65, color=PALETTE[5], label="consumers' surplus $bN^2/2$")
    tot = data.loc[names, "total welfare"].to_numpy(float)
    for yy, t, r, c in zip(y, tot, reg, con):
        ax.text(max(r, 0) + c, yy, f" {t:.2f}", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.axvline(0, color="0.3", lw=0.7)
    hi = float(np.max(np.maximum(reg, 0) + con))
    ax.set_xlim(min(0.0, float(reg.min()) * 1.1), hi * 1.2 if hi > 0 else 1.0)
    ax.set_xlabel("welfare")
    if title:
        ax.set_title(title)
    return ax


def plot_welfare_damage(data: Any, ax: Any = None, *, threshold: float | None = None):
    r"""Total welfare of the equilibrium and of the regions' joint optimum against the damage per firm.

    ``data`` has columns ``damage``, ``equilibrium`` and ``joint_optimum`` (total welfare); ``threshold`` marks
    :func:`clustergames.entry.bargaining_welfare_damage`. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"damage": [0, 4, 8], "equilibrium": [20, 10, 0], "joint_optimum": [12, 8, 4]})
    >>> plot_welfare_damage(df, threshold=5).get_xlabel()
    'damage per firm $d$'
    """
    ax = get_axes(ax)
    ax.plot(data["damage"], data["equilibrium"], color=PALETTE[3], lw=1.8, label="non-cooperative equilibrium")
    ax.plot(data["damage"], data["joint_optimum"], color=PALETTE[2], lw=1.8, ls=LINESTYLES[1],
            label="regions' bargain (joint optimum)")
    if threshold is not None and np.isfinite(threshold):
        ax.axvline(threshold, color="0.3", lw=1.0, ls=":")
        ax.text(threshold, 0.96, f"$d^\\dagger$ = {threshold:.2f}: beyond it the\nbargain raises total welfare ",
                transform=ax.get_xaxis_transform(), fontsize=8, va="top", ha="right", color="0.25")
    ax.set_xlabel("damage per firm $d$")
    ax.set_ylabel(r"total welfare $\Sigma_i\, u_i + bN^2/2$")
    ax.legend(loc="lower left")
    return ax


#: player i's share is read along the edge from corner i to corner i+1 (bottom, right, left edge)
_EDGE_ROTATION = (0, -60, 60)


def _edge_normal(i: int) -> np.ndarray:
    """Outward unit normal of the triangle's edge from corner ``i`` to corner ``i + 1``."""
    corners = _ternary_xy(np.eye(3))
    mid = corners[[i, (i + 1) % 3]].mean(axis=0)
    out = mid - corners.mean(axis=0)
    return out / np.hypot(*out)


def _ternary_xy(b: np.ndarray) -> np.ndarray:
    """Barycentric coordinates (rows summing to 1) to the plane: player 1 bottom left, 2 bottom right, 3 top."""
    b = np.atleast_2d(b)
    return np.column_stack([b[:, 1] + 0.5 * b[:, 2], b[:, 2] * math.sqrt(3) / 2])


def plot_core_ternary(data: Any, ax: Any = None, names: tuple[str, str, str] | None = None):
    """Draw the imputation triangle of three players, the core polygon and solution points.

    ``data`` is the frame of :meth:`clustergames.bargaining.CoalitionalGame.core_frame` (``kind`` "imputation",
    "core", "point"; payoffs ``x1``, ``x2``, ``x3``). Points outside the imputation triangle (a player gets less
    than it could alone) are drawn where they fall, outside. Returns the Axes.

    Examples
    --------
    >>> from clustergames.bargaining import CoalitionalGame
    >>> g = CoalitionalGame({(0, 1): 1, (0, 2): 1, (1, 2): 0.5, (0, 1, 2): 1.5})
    >>> ax = plot_core_ternary(g.core_frame())
    >>> ax.get_aspect()
    1.0
    """
    from matplotlib.patches import Polygon

    ax = get_axes(ax, figsize=(5.6, 5.2))
    cols = ["x1", "x2", "x3"]
    imp = data[data["kind"] == "imputation"][cols].to_numpy(float)
    singles = imp.min(axis=0)
    surplus = float(imp[0].sum() - singles.sum())

    def bary(x):
        return (np.atleast_2d(x) - singles) / surplus

    tri = _ternary_xy(np.eye(3))
    ax.add_patch(Polygon(tri, closed=True, facecolor="0.97", edgecolor="0.3", lw=1.0, zorder=1,
                         label="imputations ($x_i \\geq v(i)$)"))
    short = names or ("1", "2", "3")
    for level in (0.2, 0.4, 0.6, 0.8):  # barycentric grid: lines of constant share of the surplus
        for i in range(3):
            a = np.zeros(3)
            a[i] = level
            j, k = (i + 1) % 3, (i + 2) % 3
            p, q = a.copy(), a.copy()
            p[j], q[k] = 1 - level, 1 - level
            seg = _ternary_xy(np.vstack([p, q]))
            ax.plot(seg[:, 0], seg[:, 1], color="0.55", lw=0.5, ls=(0, (2, 2)), zorder=3)
            # tick label where the line meets the edge from player i's corner to player j's (k gets nothing)
            tip = _ternary_xy(p)[0]
            ax.text(*(tip + 0.05 * _edge_normal(i)), f"{level:.1f}", fontsize=6.5, color="0.3",
                    ha="center", va="center", zorder=4)
    for i in range(3):
        mid = _ternary_xy(np.eye(3)[[i, (i + 1) % 3]]).mean(axis=0) + (0.1 if i == 0 else 0.13) * _edge_normal(i)
        ax.text(*mid, f"share of {short[i]}", fontsize=7.5, color="0.3", ha="center", va="center",
                rotation=_EDGE_ROTATION[i])
    core = data[data["kind"] == "core"][cols].to_numpy(float)
    if len(core) >= 3:
        ax.add_patch(Polygon(_ternary_xy(bary(core)), closed=True, facecolor=PALETTE[5], alpha=0.35,
                             edgecolor=PALETTE[0], lw=1.4, label="core"))
    elif len(core):
        xy = _ternary_xy(bary(core))
        ax.plot(xy[:, 0], xy[:, 1], "-o", color=PALETTE[0], lw=2, ms=4, label="core")
    markers = ("o", "s", "D", "^", "P", "X")
    points = data[data["kind"] == "point"]
    drawn: list[np.ndarray] = []
    for k, (_, row) in enumerate(points.iterrows()):
        xy = _ternary_xy(bary(row[cols].to_numpy(float)))[0]
        colour = PALETTE[(3, 1, 2, 4, 7, 6)[k % 6]]
        near = sum(np.hypot(*(xy - other)) < 0.045 for other in drawn)
        if near:  # a point on top of another: a larger open marker around it, so both stay visible
            ax.plot(xy[0], xy[1], markers[k % len(markers)], color=colour, ms=8 + 4 * near, mfc="none", mew=1.8,
                    zorder=6, label=row["label"])
        else:
            ax.plot(xy[0], xy[1], markers[k % len(markers)], color=colour, ms=7, mec="white", zorder=7,
                    label=row["label"])
        drawn.append(xy)
        below = [i for i, b in enumerate(bary(row[cols].to_numpy(float))[0]) if b < -1e-9]
        if below:
            who = ", ".join((names or ("1", "2", "3"))[i] for i in below)
            ax.annotate(f"{who} gets less\nthan on its own", xy=xy, xytext=(0, -14), textcoords="offset points",
                        ha="center", va="top", fontsize=7.5, color="0.3")
    names = names or ("1", "2", "3")
    offsets = [(-0.04, -0.05, "right"), (1.04, -0.05, "left"), (0.5, math.sqrt(3) / 2 + 0.05, "center")]
    for (x, y, ha), name in zip(offsets, names):
        ax.text(x, y, f"{name} gets all\nsurplus", ha=ha, va="center", fontsize=8.5)
    allxy = [tri]
    if len(points):
        allxy.append(_ternary_xy(bary(points[cols].to_numpy(float))))
    allxy = np.vstack(allxy)
    ax.set_xlim(min(-0.22, allxy[:, 0].min() - 0.05), max(1.22, allxy[:, 0].max() + 0.05))
    ax.set_ylim(min(-0.16, allxy[:, 1].min() - 0.05), max(math.sqrt(3) / 2 + 0.1, allxy[:, 1].max() + 0.05))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(loc="upper center", fontsize=8.5, bbox_to_anchor=(0.5, 0.0), ncols=2)
    return ax


def _register() -> None:
    from ..bargaining import BargainingSolution
    from ..coalitions import CoalitionalGame
    from ..entry import CournotEntry, GovernanceComparison

    @draws(BargainingSolution)
    def _plot_solution(result, ax=None, **kwargs):
        import pandas as pd

        if result.problem is None:
            raise TypeError("a symbolic bargaining solution has no picture; substitute numbers first")
        fr = result.problem.sample()
        rows = [("frontier", u1, u2) for u1, u2 in fr]
        rows.append(("disagreement", *result.disagreement))
        rows.append((result.solution, *result.payoffs))
        return plot_frontier(pd.DataFrame(rows, columns=["series", "u1", "u2"]), ax=ax, **kwargs)

    @draws(CournotEntry)
    def _plot_cournot(result, ax=None, **kwargs):
        import pandas as pd

        top = max(2.0, float(result.free) * 1.4 + 1)
        n = np.linspace(0, top, 301)
        ints = np.arange(0, int(top) + 1, dtype=float)
        data = pd.concat([pd.DataFrame({"n": n, "welfare": result.welfare(n), "integer": False}),
                          pd.DataFrame({"n": ints, "welfare": result.welfare(ints), "integer": True})])
        return plot_entry_welfare(data, free=result.free, optimal=result.optimal, free_integer=result.free_integer,
                                  optimal_integer=result.optimal_integer, ax=ax, **kwargs)

    @draws(GovernanceComparison)
    def _plot_governance(result, ax=None, **kwargs):
        return plot_governance(result.long(), ax=ax, **kwargs)

    @draws(CoalitionalGame)
    def _plot_game(result, ax=None, **kwargs):
        return plot_core_ternary(result.core_frame(), ax=ax, names=result.names, **kwargs)


_register()
