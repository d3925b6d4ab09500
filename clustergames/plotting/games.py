"""Drawing stage games: the map of symmetric 2x2 social dilemmas in the (T, S) plane."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import PALETTE, get_axes

#: the four regions of the (T, S) plane with R = 1, P = 0, and their colours
GAME_COLOURS = {
    "harmony": PALETTE[2],
    "snowdrift": PALETTE[5],
    "stag hunt": PALETTE[1],
    "prisoner's dilemma": PALETTE[3],
}


def plot_game_map(data: Any, labels: dict[str, str] | None = None, ax: Any = None):
    """Draw the game map from a grid DataFrame with columns ``T``, ``S``, ``game`` and ``x_mixed``.

    Regions are coloured by game; contour lines show the cooperation probability :math:`x^*` of the mixed
    equilibrium where it exists (snowdrift and stag hunt); ``labels`` maps a game name to the text written in its
    region (e.g. its equilibria). Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"T": [0.5, 1.5, 0.5, 1.5], "S": [0.5, 0.5, -0.5, -0.5],
    ...                    "game": ["harmony", "snowdrift", "stag hunt", "prisoner's dilemma"],
    ...                    "x_mixed": [np.nan, 0.5, 0.5, np.nan]})
    >>> ax = plot_game_map(df)
    >>> ax.get_xlabel()
    'temptation $T$'
    """
    from matplotlib.colors import ListedColormap

    ax = get_axes(ax)
    Ts = np.sort(data["T"].unique())
    Ss = np.sort(data["S"].unique())
    grid = data.pivot(index="S", columns="T", values="game").reindex(index=Ss, columns=Ts)
    names = list(GAME_COLOURS)
    codes = np.vectorize(lambda g: names.index(g) if g in names else -1)(grid.to_numpy())
    cmap = ListedColormap([GAME_COLOURS[n] for n in names])
    masked = np.ma.masked_less(codes, 0)
    ax.pcolormesh(Ts, Ss, masked, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, alpha=0.35, shading="nearest",
                  rasterized=True)
    if len(Ts) > 2 and len(Ss) > 2:
        from matplotlib.lines import Line2D

        x = data.pivot(index="S", columns="T", values="x_mixed").reindex(index=Ss, columns=Ts).to_numpy()
        levels = [0.25, 0.5, 0.75]
        cs = ax.contour(Ts, Ss, x, levels=levels, colors="0.25", linewidths=0.7, linestyles=":")
        # labels placed away from the region boxes (R = 1, P = 0: the x* = v lines are rays from (1, 0))
        spots = [(1.88, 0.29), (1.9, 0.88), (1.12, 0.37), (0.14, -0.29), (0.12, -0.86), (0.88, -0.37)]
        inside = [(t, s) for t, s in spots if Ts.min() <= t <= Ts.max() and Ss.min() <= s <= Ss.max()]
        ax.clabel(cs, fmt=lambda v: f"$x^*$={v:g}", fontsize=7, inline=True, manual=inside or False)
        ax.legend(handles=[Line2D([], [], color="0.25", lw=0.9, ls=":",
                                  label="$x^*$: probability of C in the mixed\nequilibrium, $(P-S)/(R-S-T+P)$")],
                  loc="upper left", fontsize=7.5, frameon=True, framealpha=0.9, edgecolor="none")
    ax.axvline(1.0, color="0.2", lw=0.9)
    ax.axhline(0.0, color="0.2", lw=0.9)
    centres = {"harmony": (0.5, 0.42), "snowdrift": (1.5, 0.55), "stag hunt": (0.5, -0.55),
               "prisoner's dilemma": (1.5, -0.55)}
    for name, (tx, ty) in centres.items():
        text = name.capitalize() if labels is None or name not in labels else f"{name.capitalize()}\n{labels[name]}"
        ax.text(tx, ty, text, ha="center", va="center", fontsize=8.5,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": GAME_COLOURS[name],
                      "alpha": 0.9})
    lo_t, hi_t = np.floor(Ts.min()), np.ceil(Ts.max())
    lo_s, hi_s = np.floor(Ss.min()), np.ceil(Ss.max())
    ax.set_xlim(lo_t, hi_t)
    ax.set_ylim(lo_s, hi_s)
    ax.set_xticks(np.arange(lo_t, hi_t + 0.25, 0.5))
    ax.set_yticks(np.arange(lo_s, hi_s + 0.25, 0.5))
    ax.set_xlabel("temptation $T$")
    ax.set_ylabel("sucker's payoff $S$")
    ax.set_title("Symmetric 2×2 games ($R = 1$, $P = 0$): where cooperation is a dilemma")
    return ax
