"""Drawing replicator dynamics.

Phase portraits with rest points by type, trajectories in the unit cube, basins, and the critical mass of the eco-link
stag hunt against the subsidy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..evolution import Basins, PhasePortrait, Trajectories
from . import LINESTYLES, PALETTE, draws, get_axes

#: marker style of each rest-point type: filled for asymptotically stable, open for unstable, half for saddles
TYPE_STYLE = {
    "ESS": dict(marker="o", facecolor="#000000", edgecolor="#000000", size=80),
    "stable": dict(marker="o", facecolor=PALETTE[2], edgecolor="#000000", size=80),
    "saddle": dict(marker="s", facecolor=PALETTE[1], edgecolor="#000000", size=55),
    "unstable": dict(marker="o", facecolor="white", edgecolor="#000000", size=70),
    "centre": dict(marker="D", facecolor=PALETTE[5], edgecolor="#000000", size=60),
    "undetermined": dict(marker="^", facecolor=PALETTE[6], edgecolor="#000000", size=60),
}


def plot_rest_points(table: Any, ax: Any = None, *, legend: bool = True, zorder: int = 5):
    """Mark rest points (a stability table with ``coords`` and ``type``) on a 2-d or 3-d Axes, styled by type.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_rest_points(pd.DataFrame({"coords": [(0.0, 1.0)], "type": ["ESS"]}))
    >>> ax.get_legend_handles_labels()[1]
    ['ESS']
    """
    ax = get_axes(ax)
    three_d = getattr(ax, "name", "") == "3d"
    for kind, style in TYPE_STYLE.items():
        rows = table[table["type"] == kind]
        if rows.empty:
            continue
        P = np.array(list(rows["coords"]), dtype=float)
        kw = dict(marker=style["marker"], s=style["size"], facecolors=style["facecolor"],
                  edgecolors=style["edgecolor"], linewidths=1.2, label=kind, zorder=zorder, clip_on=False)
        if three_d:
            ax.scatter(P[:, 0], P[:, 1], P[:, 2], depthshade=False, **kw)
        else:
            ax.scatter(P[:, 0], P[:, 1], **kw)
    if legend:
        ax.legend(loc="best", title="rest points", fontsize=8, title_fontsize=8)
    return ax


def label_rest_points(table: Any, ax: Any, *, merge: float = 0.05, fontsize: float = 7.0):
    r"""Write each rest point's coordinates next to it (2-d or 3-d Axes); points closer than ``merge`` share a label.

    In a 3-d cube a point's place is ambiguous in projection; its coordinates are not. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = label_rest_points(pd.DataFrame({"coords": [(0.0, 1.0), (0.01, 0.99)], "type": ["ESS", "saddle"]}),
    ...                        get_axes())
    >>> [t.get_text() for t in ax.texts]
    ['(0, 1)\n(0.01, 0.99)']
    """
    three_d = getattr(ax, "name", "") == "3d"
    points = [np.asarray(c, dtype=float) for c in table["coords"]]
    groups: list[list[np.ndarray]] = []
    for p in points:
        for g in groups:
            if np.max(np.abs(g[0] - p)) < merge:
                g.append(p)
                break
        else:
            groups.append([p])
    for g in groups:
        text = "\n".join("(" + ", ".join(f"{v:.2g}" if abs(v - round(v)) > 1e-9 else f"{v:.0f}" for v in p) + ")"
                         for p in g)
        anchor = g[0]
        if three_d:
            ax.text(*anchor, "  " + text.replace("\n", "\n  "), fontsize=fontsize, color="0.25", zorder=6,
                    ha="left", va="bottom")
        else:
            ax.annotate(text, anchor, xytext=(4, 4), textcoords="offset points", fontsize=fontsize, color="0.25")
    return ax


@draws(PhasePortrait)
def plot_phase_portrait(portrait: PhasePortrait, ax: Any = None, *, title: str | None = None,
                        legend: bool = True, density: float = 1.0):
    """Phase portrait of a two-variable replicator system: streamlines, sample trajectories, rest points by type.

    Examples
    --------
    >>> from clustergames import evolution as ev
    >>> gf = ev.government_firm(**ev.GOVERNMENT_FIRM_SCENARIOS["centre"])
    >>> ax = plot_phase_portrait(gf.phase_portrait(grid=9, t_max=5))
    >>> ax.get_xlabel()
    'government: share active $x$'
    """
    ax = get_axes(ax, figsize=(5.0, 4.6))
    a, b = portrait.variables
    fld = portrait.field
    xs, ys = np.sort(fld[a].unique()), np.sort(fld[b].unique())
    U = fld.pivot(index=b, columns=a, values=f"d{a}").reindex(index=ys, columns=xs).to_numpy()
    V = fld.pivot(index=b, columns=a, values=f"d{b}").reindex(index=ys, columns=xs).to_numpy()
    ax.streamplot(xs, ys, U, V, color="0.6", linewidth=0.6, density=density, arrowsize=0.8)
    tr = portrait.trajectories
    for j in range(tr.states.shape[1]):
        ax.plot(tr.states[:, j, 0], tr.states[:, j, 1], color=PALETTE[0], lw=1.3, alpha=0.9,
                label="trajectories" if j == 0 else None)
        ax.plot(*tr.states[0, j], marker=".", color=PALETTE[0], ms=5)
    plot_rest_points(portrait.table, ax=ax, legend=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(f"{portrait.axis_labels[0]} ${a}$")
    ax.set_ylabel(f"{portrait.axis_labels[1]} ${b}$")
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8)
    return ax


@draws(Trajectories)
def plot_trajectories(trajectories: Trajectories, ax: Any = None, *, table: Any = None, color: str | None = None,
                      labels: tuple[str, ...] | None = None, title: str | None = None):
    """Trajectories in the unit square (two variables) or the unit cube (three; needs a 3-d Axes or makes one).

    Examples
    --------
    >>> from clustergames import evolution as ev
    >>> gf = ev.government_firm(**ev.GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
    >>> ax = plot_trajectories(gf.simulate([[0.2, 0.2]], 10))
    >>> tuple(float(v) for v in ax.get_xlim())
    (0.0, 1.0)
    """
    d = trajectories.states.shape[2]
    if d not in (2, 3):
        raise ValueError(f"can draw trajectories of 2 or 3 variables (got {d})")
    if ax is None:
        if d == 3:
            import matplotlib.pyplot as plt

            ax = plt.figure(figsize=(5.5, 5.0)).add_subplot(projection="3d")
        else:
            ax = get_axes(ax, figsize=(5.0, 4.6))
    names = labels or tuple(f"${v}$" for v in trajectories.variables)
    colour = color or PALETTE[0]
    S = trajectories.states
    for j in range(S.shape[1]):
        ax.plot(*(S[:, j, i] for i in range(d)), color=colour, lw=1.1, alpha=0.85)
        ax.scatter(*(S[:1, j, i] for i in range(d)), color=colour, s=8)
    if table is not None:
        plot_rest_points(table, ax=ax, legend=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    if d == 3:
        ax.set_zlim(0, 1)
        ax.set_zlabel(names[2])
        _draw_cube(ax)
    if title:
        ax.set_title(title)
    return ax


def _draw_cube(ax: Any) -> None:
    for s in (0, 1):
        for t in (0, 1):
            ax.plot([0, 1], [s, s], [t, t], color="0.75", lw=0.6)
            ax.plot([s, s], [0, 1], [t, t], color="0.75", lw=0.6)
            ax.plot([s, s], [t, t], [0, 1], color="0.75", lw=0.6)


@draws(Basins)
def plot_basins(basins: Basins, ax: Any = None, *, title: str | None = None):
    """Basins of attraction on a grid (two variables: coloured cells; one variable: coloured strip).

    Examples
    --------
    >>> from clustergames import evolution as ev
    >>> ax = plot_basins(ev.ReplicatorSystem.from_matrix([[4, 0], [3, 1]]).basins(grid=10, t_max=30))
    >>> ax.get_xlabel()
    '$x$'
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax = get_axes(ax, figsize=(5.0, 4.6))
    df = basins.grid
    names = sorted(df["attractor"].unique(), key=lambda n: (n == "none", n))
    colours = [PALETTE[i % 6] if n != "none" else "0.85" for i, n in enumerate(names)]
    code = df["attractor"].map({n: i for i, n in enumerate(names)}).to_numpy()
    cmap = ListedColormap(colours)
    v = basins.variables
    if len(v) == 1:
        ax.scatter(df[v[0]], np.zeros(len(df)), c=code, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, marker="|",
                   s=400)
        ax.set_yticks([])
    elif len(v) == 2:
        xs, ys = np.sort(df[v[0]].unique()), np.sort(df[v[1]].unique())
        grid = df.assign(code=code).pivot(index=v[1], columns=v[0], values="code").reindex(index=ys, columns=xs)
        ax.pcolormesh(xs, ys, grid.to_numpy(), cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, shading="nearest",
                      rasterized=True)
        ax.set_ylabel(f"${v[1]}$")
        ax.set_ylim(0, 1)
    else:
        raise ValueError(f"can draw basins of 1 or 2 variables (got {len(v)})")
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"${v[0]}$")
    ax.legend(handles=[Patch(color=c, label=n) for n, c in zip(names, colours)], title="attractor", fontsize=8,
              loc="upper left", bbox_to_anchor=(1.02, 1.0))
    if title:
        ax.set_title(title)
    return ax


def plot_critical_mass(data: Any, thresholds: dict[str, float], ax: Any = None, *, title: str | None = None):
    """Critical mass of investors against the subsidy, with the subsidy thresholds as vertical lines.

    ``data`` has columns ``subsidy`` and ``critical_mass``; ``thresholds`` maps a label (e.g. ``"risk dominance"``)
    to a subsidy. Above the curve investment spreads, below it dies out.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"subsidy": [0.0, 2.0], "critical_mass": [2 / 3, 0.0]})
    >>> ax = plot_critical_mass(df, {"dominance": 2.0})
    >>> ax.get_ylabel()
    'critical mass of investors $x^*$'
    """
    ax = get_axes(ax)
    s, x = data["subsidy"].to_numpy(), data["critical_mass"].to_numpy()
    ax.fill_between(s, x, 1, color=PALETTE[2], alpha=0.18, lw=0, label="investment spreads ($x > x^*$)")
    ax.fill_between(s, 0, x, color=PALETTE[3], alpha=0.12, lw=0, label="investment dies out ($x < x^*$)")
    ax.plot(s, x, color="#000000", lw=2, label="critical mass $x^*(s)$")
    levels = {"risk dominance": 0.5, "one-third rule": 1 / 3, "dominance": 0.0}
    for i, (name, value) in enumerate(thresholds.items()):
        colour = (PALETTE[4], PALETTE[0], PALETTE[3], PALETTE[7])[i % 4]
        ax.axvline(value, color=colour, ls=LINESTYLES[(i + 1) % len(LINESTYLES)], lw=1.3,
                   label=f"{name}: $s$ = {value:.3g}")
        if name in levels:
            ax.axhline(levels[name], color=colour, ls=":", lw=0.7)
    ax.set_xlim(s.min(), s.max())
    ax.set_ylim(0, 1)
    ax.set_xlabel("subsidy per investor $s$")
    ax.set_ylabel("critical mass of investors $x^*$")
    if title:
        ax.set_title(title)
    ax.legend(loc="upper right", fontsize=8)
    return ax
