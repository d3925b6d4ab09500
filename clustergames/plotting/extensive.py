"""Drawing game trees, hold-up investment curves and signalling-equilibrium regions.

The tree is drawn from :meth:`clustergames.extensive.ExtensiveGame.layout` (leaves spaced evenly, the root on
top): decision nodes are filled dots labelled with the player, chance nodes open circles, information sets dashed
links between their nodes, payoffs written under the leaves, and the play of an equilibrium drawn thick in
vermillion. Nothing here computes an equilibrium: the equilibrium to highlight is passed in.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.patches import FancyArrowPatch

from . import LINESTYLES, PALETTE, draws, get_axes

HIGHLIGHT = PALETTE[3]


def plot_tree(game: Any, ax: Any = None, *, equilibrium: Any = None, title: str | None = None,
              fontsize: float = 8.5, horizontal: bool = False):
    """Draw an :class:`~clustergames.extensive.ExtensiveGame` and return the Axes.

    Parameters
    ----------
    game : ExtensiveGame
    ax : matplotlib Axes, optional
    equilibrium : SubgamePerfectEquilibrium, optional
        Its path of play (``equilibrium.path``) is drawn thick; the action chosen at every information set,
        on or off the path, is drawn in the same colour but thin.
    title : str, optional
    fontsize : float
    horizontal : bool
        Draw the root on the left instead of on top.

    Examples
    --------
    >>> from clustergames import extensive
    >>> g = extensive.entry_deterrence()
    >>> ax = plot_tree(g, equilibrium=g.subgame_perfect()[0])
    >>> len(ax.lines) >= 4
    True
    """
    lay = game.layout()
    if len(lay) > 2000:
        raise ValueError(f"the tree has {len(lay)} nodes; plot_tree draws at most 2000")
    ax = get_axes(ax, figsize=(max(4.0, 0.9 * (lay.x.max() + 1)), max(3.0, 1.1 * (lay.depth.max() + 1))))
    path = equilibrium.path if equilibrium is not None else frozenset()
    chosen = set()
    if equilibrium is not None:
        for r in lay.itertuples():
            if r.parent >= 0:
                par = lay.iloc[int(r.parent)]
                if par.kind == "decision":
                    b = equilibrium.profile.get(par.infoset)
                    if b == r.action or (isinstance(b, dict) and b.get(r.action, 0) != 0):
                        chosen.add((int(r.parent), int(r.node)))

    longest = max([len(a) for a in lay.action] + [len(p) + 2 for p in lay.payoffs] + [1])
    spread = max(1.0, 0.11 * longest)

    def xy(x, d):
        return (d, -x * spread) if horizontal else (x * spread, -d)

    pos = {int(r.node): xy(r.x, r.depth) for r in lay.itertuples()}
    for r in lay.itertuples():
        if r.parent < 0:
            continue
        e = (int(r.parent), int(r.node))
        (x0, y0), (x1, y1) = pos[e[0]], pos[e[1]]
        on, pick = e in path, e in chosen
        ax.plot([x0, x1], [y0, y1], color=HIGHLIGHT if (on or pick) else "0.45", lw=3.0 if on else 1.0,
                zorder=2 if on else 1, solid_capstyle="round")
        text = r.action + (f"\n({r.probability})" if r.probability else "")
        ax.text(0.33 * x0 + 0.67 * x1, 0.33 * y0 + 0.67 * y1, text, fontsize=fontsize - 0.5, ha="center", va="center",
                color=PALETTE[0],
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}, zorder=4)
    multi = [(name, size) for name, size in lay.groupby("infoset", sort=False)["infoset_size"].first().items()
             if name and size > 1]
    for k, (name, _size) in enumerate(multi):
        pts = sorted(pos[int(n)] for n in lay.node[lay.infoset == name])
        sign = 1 if k % 2 == 0 else -1
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-", linestyle=(0, (4, 3)), color="0.3",
                                         lw=1.0, connectionstyle=f"arc3,rad={-0.35 * sign}", zorder=1))
        xm = (pts[0][0] + pts[-1][0]) / 2
        span = abs(pts[-1][0] - pts[0][0]) + abs(pts[-1][1] - pts[0][1])
        bulge = 0.35 * sign * span / max(len(pts) - 1, 1) / 2
        ax.text(xm, pts[0][1] + bulge + 0.05 * sign, f"{lay.player[lay.infoset == name].iloc[0]}: {name}",
                fontsize=fontsize - 1, ha="center", va="bottom" if sign > 0 else "top", color="0.25",
                style="italic", zorder=4)
    for r in lay.itertuples():
        x, y = pos[int(r.node)]
        if r.kind == "leaf":
            dy = -0.12
            ax.text(x + (0.08 if horizontal else 0), y + (0 if horizontal else dy), f"({r.payoffs})",
                    fontsize=fontsize, ha="left" if horizontal else "center",
                    va="center" if horizontal else "top")
        else:
            ax.plot([x], [y], marker="o", ms=7, mfc="white" if r.kind == "chance" else "black", mec="black",
                    zorder=5, ls="none")
            if r.infoset_size <= 1 or r.kind == "chance":
                if r.parent < 0:
                    ax.text(x, y + 0.12, r.player, fontsize=fontsize, ha="center", va="bottom", fontweight="bold")
                else:
                    ax.text(x + 0.1 * spread, y + 0.04, r.player, fontsize=fontsize, ha="left", va="bottom",
                            fontweight="bold", zorder=6)
    ax.set_axis_off()
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + (1.2 if horizontal else 0.6))
    ax.set_ylim(min(ys) - (0.6 if not horizontal else 0.6), max(ys) + 0.45)
    if title:
        ax.set_title(title)
    return ax


def _draw_spe_set(result: Any, ax: Any = None, *, index: int = 0, **kwargs: Any):
    eq = result.equilibria[index] if len(result.equilibria) else None
    return plot_tree(result.game, ax=ax, equilibrium=eq, **kwargs)


def _register() -> None:
    from ..extensive import SubgamePerfectSet

    draws(SubgamePerfectSet)(_draw_spe_set)


_register()


def plot_hold_up(data: Any, ax: Any = None, *, quantity: str = "investment"):
    r"""Draw hold-up curves from a frame; returns the Axes.

    The frame has columns ``beta``, ``n_suppliers``, ``investment``, ``loss``, ``first_best`` and optionally tree points
    (``source == "tree"``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"beta": [0, 1, 0, 1], "n_suppliers": [1, 1, 2, 2], "investment": [0, 1, 0.5, 1],
    ...                    "loss": [0.5, 0, 0.1, 0], "first_best": [1, 1, 1, 1], "source": "closed form"})
    >>> plot_hold_up(df).get_xlabel()
    "core firm's bargaining share $\\beta$"
    """
    ax = get_axes(ax)
    curves = data[data.get("source", "closed form") == "closed form"] if "source" in data else data
    for i, (k, grp) in enumerate(curves.groupby("n_suppliers")):
        grp = grp.sort_values("beta")
        label = "single supplier" if k == 1 else f"{k} competing suppliers"
        ax.plot(grp.beta, grp[quantity], color=PALETTE[i % len(PALETTE)], ls=LINESTYLES[i % len(LINESTYLES)],
                lw=1.8, label=label)
        if quantity == "investment":
            fb = grp.first_best.iloc[0]
            ax.axhline(fb, color=PALETTE[i % len(PALETTE)], lw=0.7, ls=":", alpha=0.8)
    if "source" in data:
        pts = data[data.source == "tree"]
        for i, k in enumerate(sorted(curves.n_suppliers.unique())):
            sel = pts[pts.n_suppliers == k]
            if len(sel):
                ax.plot(sel.beta, sel[quantity], ls="none", marker="o", ms=4.5, mfc="white",
                        mec=PALETTE[i % len(PALETTE)],
                        label="backward induction on the tree" if i == 0 else None)
    ax.set_xlabel(r"core firm's bargaining share $\beta$")
    ax.set_ylabel({"investment": "relation-specific investment $x^*$",
                   "loss": "welfare lost to hold-up"}.get(quantity, quantity))
    ax.set_xlim(0, 1)
    return ax


#: colours of the equilibrium regions of the limit-pricing map
REGION_COLOURS = {
    "separating": PALETTE[2],
    "pooling on the low price": PALETTE[1],
    "separating and pooling": PALETTE[4],
    "no pure equilibrium": "0.85",
}


def plot_regions(data: Any, ax: Any = None, *, x: str = "mimic_ratio", y: str = "prior_low",
                 xlabel: str | None = None, ylabel: str | None = None):
    """Draw a categorical region map from a grid frame with columns ``x``, ``y`` and ``region``; the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"mimic_ratio": [0.5, 1.5, 0.5, 1.5], "prior_low": [0.2, 0.2, 0.8, 0.8],
    ...                    "region": ["no pure equilibrium", "separating", "pooling on the low price",
    ...                               "separating"]})
    >>> plot_regions(df).get_ylabel()
    'prior_low'
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax = get_axes(ax)
    xs = np.sort(data[x].unique())
    ys = np.sort(data[y].unique())
    grid = data.pivot(index=y, columns=x, values="region").reindex(index=ys, columns=xs).to_numpy()
    names = list(REGION_COLOURS)
    codes = np.vectorize(lambda g: names.index(g) if g in names else -1)(grid)
    cmap = ListedColormap([REGION_COLOURS[n] for n in names])
    ax.pcolormesh(xs, ys, np.ma.masked_less(codes, 0), cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5,
                  shading="nearest", alpha=0.75, rasterized=True)
    present = [n for n in names if (codes == names.index(n)).any()]
    ax.legend(handles=[Patch(facecolor=REGION_COLOURS[n], alpha=0.75, label=n) for n in present],
              loc="upper right", fontsize=8, frameon=True, framealpha=0.9)
    ax.set_xlabel(xlabel or x)
    ax.set_ylabel(ylabel or y)
    return ax
