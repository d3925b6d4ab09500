"""Drawing tournaments and finite populations.

Exact against simulated payoffs, fixation probabilities, stationary distributions over strategies, and cooperation in
the prisoner's dilemma with an exit option.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import population as _population
from .. import tournaments as _tournaments
from . import LINESTYLES, PALETTE, draws, get_axes


def plot_exact_vs_simulated(data: Any, ax: Any = None, *, residual_ax: Any = None, label_extremes: int = 2):
    """Scatter simulated mean payoffs (with their confidence intervals) against exact expected payoffs.

    ``data`` has columns ``exact``, ``mean``, ``ci_low``, ``ci_high`` and optionally ``source`` (one colour per
    simulator) and ``player``/``opponent`` (the ``label_extremes`` lowest and highest pairs are named). Points on
    the diagonal agree. With ``residual_ax``, the gap (simulated − exact) divided by the confidence interval's
    half width is drawn there against the exact payoff: inside ±1 the exact value lies in the interval, and the
    legend counts how often. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"exact": [1.0, 3.0], "mean": [1.02, 2.97], "ci_low": [0.95, 2.9],
    ...                    "ci_high": [1.09, 3.04]})
    >>> plot_exact_vs_simulated(df).get_xlabel()
    'exact expected payoff per round'
    """
    ax = get_axes(ax)
    groups = list(data.groupby("source", sort=False)) if "source" in data else [("simulation", data)]
    lo = float(min(data["exact"].min(), data["ci_low"].min()))
    hi = float(max(data["exact"].max(), data["ci_high"].max()))
    pad = 0.05 * (hi - lo or 1.0)
    ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], color="0.5", lw=0.8, ls="--", label="exact = simulated")
    markers = ("o", "s", "^", "D")
    for k, (name, df) in enumerate(groups):
        err = np.vstack([df["mean"] - df["ci_low"], df["ci_high"] - df["mean"]])
        ax.errorbar(df["exact"], df["mean"], yerr=err, fmt=markers[k % len(markers)], ms=4, capsize=2, lw=0.8,
                    color=PALETTE[k % len(PALETTE)], mfc="none" if k else PALETTE[k], label=str(name),
                    alpha=0.8)
    if label_extremes and {"player", "opponent"} <= set(data.columns):
        pairs = data.drop_duplicates(["player", "opponent"]).sort_values("exact")
        picked = pd_concat_rows(pairs.head(label_extremes), pairs.tail(label_extremes))
        for j, (_, row) in enumerate(picked.iterrows()):
            low_end = j < label_extremes
            ax.annotate(f"{row['player']} vs {row['opponent']}", (row["exact"], row["exact"]),
                        xytext=(10, -4 - 9 * j) if low_end else (-10, 4 + 9 * (j - label_extremes)),
                        textcoords="offset points", ha="left" if low_end else "right", va="center", fontsize=7,
                        color="0.3", arrowprops={"arrowstyle": "-", "lw": 0.5, "color": "0.6"})
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("exact expected payoff per round")
    ax.set_ylabel("simulated mean payoff (99% CI)")
    ax.set_title("Memory-one tournament: exact against simulated")
    ax.legend(loc="upper left", fontsize=8)
    if residual_ax is not None:
        for k, (name, df) in enumerate(groups):
            half = (df["ci_high"] - df["ci_low"]) / 2
            with np.errstate(divide="ignore", invalid="ignore"):
                z = np.where(half > 0, (df["mean"] - df["exact"]) / half, 0.0)
            inside = int(np.sum(np.abs(z) <= 1))
            residual_ax.plot(df["exact"], z, markers[k % len(markers)], ms=4, color=PALETTE[k % len(PALETTE)],
                             mfc="none" if k else PALETTE[k], alpha=0.8,
                             label=f"{name}: {inside} of {len(df)} inside")
        residual_ax.axhspan(-1, 1, color="0.92", zorder=0, label="exact value inside the 99% CI")
        residual_ax.axhline(0, color="0.5", lw=0.8, ls="--")
        residual_ax.set_xlabel("exact expected payoff per round")
        residual_ax.set_ylabel("(simulated − exact) / CI half width")
        residual_ax.set_title("Gap in units of the confidence interval")
        bound = max(1.5, float(np.nanmax(np.abs(residual_ax.get_ylim()))))
        residual_ax.set_ylim(-bound, bound)
        residual_ax.legend(loc="lower right", fontsize=8)
    return ax


def pd_concat_rows(*frames: Any):
    """Concatenate DataFrames row-wise (a small helper that keeps pandas out of module import)."""
    import pandas as pd

    return pd.concat(frames)


def plot_fixation_vs_n(data: Any, ax: Any = None):
    """Fixation probability of one mutant against population size N, one curve per selection intensity.

    ``data`` has columns ``N``, ``selection``, ``rho``; the neutral value 1/N is drawn in black. Log-log axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"N": [2, 10, 100] * 2, "selection": [0.1] * 3 + [0.5] * 3,
    ...                    "rho": [0.5, 0.2, 0.05, 0.6, 0.3, 0.1]})
    >>> plot_fixation_vs_n(df).get_xscale()
    'log'
    """
    ax = get_axes(ax)
    for k, (w, df) in enumerate(data.groupby("selection", sort=True)):
        ax.plot(df["N"], df["rho"], color=PALETTE[k % len(PALETTE)], ls=LINESTYLES[k % len(LINESTYLES)],
                lw=1.6, label=f"$w = {w:g}$")
    Ns = np.unique(data["N"])
    ax.plot(Ns, 1.0 / Ns, color="black", lw=1.0, ls=":", label="neutral $1/N$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("population size $N$")
    ax.set_ylabel(r"fixation probability $\rho$")
    ax.legend(title="selection")
    return ax


#: fixed colours for the named strategies (bands that touch in a stack get clearly different hues)
STRATEGY_COLOURS = {"ALLD": PALETTE[3], "TFT": PALETTE[6], "GTFT": PALETTE[2], "WSLS": PALETTE[4],
                    "GRIM": PALETTE[0], "ALLC": PALETTE[5], "ZD": PALETTE[1]}


def plot_stationary_vs_noise(data: Any, ax: Any = None, *, minimum: float = 0.02):
    """Stacked areas: the rare-mutation stationary distribution over strategies against execution noise.

    ``data`` has columns ``noise``, ``strategy``, ``probability``. Strategies whose share never reaches ``minimum``
    are pooled into one grey band (named in the legend), so no band is a sliver; the legend lists the bands top
    to bottom, as they are stacked.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"noise": [0, 0, 0.1, 0.1], "strategy": ["A", "B"] * 2, "probability": [0.3, 0.7, 0.6, 0.4]})
    >>> plot_stationary_vs_noise(df).get_ylabel()
    'share of time as the monomorphic strategy'
    """
    ax = get_axes(ax)
    wide = data.pivot(index="noise", columns="strategy", values="probability")
    order = list(dict.fromkeys(data["strategy"]))
    wide = wide[order]
    small = [name for name in order if wide[name].max() < minimum]
    if small:
        wide = wide.drop(columns=small).assign(**{"other": wide[small].sum(axis=1)})
    names = list(wide.columns)
    spare = iter(c for c in PALETTE if c not in STRATEGY_COLOURS.values())
    colours = [("0.75" if n == "other" else STRATEGY_COLOURS.get(n) or next(spare, "0.5")) for n in names]
    labels = [f"others, each < {minimum:.0%}: {', '.join(small)}" if n == "other" else n for n in names]
    hatches = ("", "//", "..", "\\\\", "xx", "--", "++", "oo")
    polys = ax.stackplot(wide.index.to_numpy(), wide.to_numpy().T, labels=labels, colors=colours, alpha=0.9)
    for k, poly in enumerate(polys):
        poly.set_hatch(hatches[k % len(hatches)])
        poly.set_edgecolor("white")
        poly.set_linewidth(0.6)
    ax.set_xlim(wide.index.min(), wide.index.max())
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel(r"execution noise $\varepsilon$")
    ax.set_ylabel("share of time as the monomorphic strategy")
    handles, text = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], text[::-1], loc="center left", bbox_to_anchor=(1.01, 0.5), title="strategy",
              fontsize=8)
    return ax


def plot_exit_cooperation(data: Any, ax: Any = None):
    """Cooperation against survival probability, with and without the exit option.

    ``data`` has columns ``survival``, ``exit_option`` (bool), ``method`` (``"mean field"`` lines, ``"simulation"``
    points) and ``cooperation``; an optional ``critical`` column (the critical survival probability) is marked.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"survival": [0.9, 0.95] * 2, "exit_option": [True, True, False, False],
    ...                    "method": "mean field", "cooperation": [0.0, 0.7, 0.0, 0.0]})
    >>> plot_exit_cooperation(df).get_xlabel()
    'survival probability per round $s$'
    """
    ax = get_axes(ax)
    names = {True: "with exit: out-for-tat vs defect-and-leave",
             False: "no exit: always-C vs always-D, pairs stay"}
    for flag in (True, False):
        label = names[flag]
        colour = PALETTE[0] if flag else PALETTE[3]
        mf = data[(data["exit_option"] == flag) & (data["method"] == "mean field")].sort_values("survival")
        if len(mf):
            # the cooperative branch appears by a saddle-node (a jump): do not join it to the zero branch
            x, y = mf["survival"].to_numpy(float), mf["cooperation"].to_numpy(float)
            jump = np.nonzero((y[:-1] == 0) & (y[1:] > 0))[0]
            x, y = np.insert(x, jump + 1, np.nan), np.insert(y, jump + 1, np.nan)
            # where both are 0 the lines coincide: the dashed one goes on top, with gaps the solid one shows through
            style = dict(ls="-", lw=2.4, zorder=2) if flag else dict(ls=(0, (3, 3)), lw=1.6, zorder=3)
            ax.plot(x, y, color=colour, label=label, **style)
        sim = data[(data["exit_option"] == flag) & (data["method"] == "simulation")]
        if len(sim):
            ax.plot(sim["survival"], sim["cooperation"], "o" if flag else "s", color=colour, ms=5, mfc="none",
                    label=label, zorder=4)
    if "critical" in data and np.isfinite(data["critical"]).any():
        s_star = float(data["critical"].dropna().iloc[0])
        ax.axvline(s_star, color="0.3", lw=0.8, ls=":")
        ax.annotate(f"$s^* \\approx {s_star:.3f}$", (s_star, 0.3), xytext=(-6, 0), textcoords="offset points",
                    ha="right", fontsize=9)
        ax.annotate("both 0 below $s^*$", (s_star, 0.0), xytext=(-6, 8), textcoords="offset points", ha="right",
                    fontsize=8, color="0.3")
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("survival probability per round $s$")
    ax.set_ylabel("share of cooperative actions")
    from matplotlib.legend_handler import HandlerTuple

    handles, labels = ax.get_legend_handles_labels()
    merged: dict[str, list] = {}
    for h, lab in zip(handles, labels):
        merged.setdefault(lab, []).append(h)
    ax.legend([tuple(h) for h in merged.values()], list(merged), loc="upper left", fontsize=8,
              title="lines: mean field; markers: simulation", title_fontsize=8,
              handler_map={tuple: HandlerTuple(ndivide=None)})
    return ax


@draws(_tournaments.TournamentResult)
def plot_tournament(result: Any, ax: Any = None):
    """Heat map of a tournament's payoff matrix (row strategy's payoff against the column strategy)."""
    ax = get_axes(ax)
    m = result.payoff_matrix
    im = ax.imshow(m.to_numpy(), cmap="viridis")
    ax.set_xticks(range(m.shape[1]), m.columns, rotation=45, ha="right")
    ax.set_yticks(range(m.shape[0]), m.index)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            v = m.iat[i, j]
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if v < m.to_numpy().mean() else "black")
    ax.figure.colorbar(im, ax=ax, label="payoff per round")
    ax.set_xlabel("opponent")
    ax.set_ylabel("player")
    ax.set_title(f"Exact tournament (noise {result.noise:g})")
    return ax


@draws(_population.StationaryDistribution)
def plot_stationary(result: Any, ax: Any = None):
    """Bar chart of a rare-mutation stationary distribution."""
    ax = get_axes(ax)
    df = result.to_frame()
    ax.bar(df["strategy"], df["probability"], color=[PALETTE[k % len(PALETTE)] for k in range(len(df))])
    ax.set_ylim(0, 1)
    ax.set_ylabel("stationary probability")
    ax.set_title(f"Rare mutations, N = {result.N}, {result.process} process")
    return ax


@draws(_tournaments.ExitSimulation)
def plot_exit_simulation(result: Any, ax: Any = None):
    """Time series of cooperation and strategy shares in an exit-option simulation."""
    ax = get_axes(ax)
    h = result.history
    names = [c for c in h.columns if c not in ("round", "cooperation") and not c.startswith("payoff_")]
    for k, name in enumerate(names):
        ax.plot(h["round"], h[name], color=PALETTE[(k + 1) % len(PALETTE)], lw=1.0, label=f"share {name}")
    ax.plot(h["round"], h["cooperation"], color=PALETTE[0], lw=1.6, label="cooperation")
    ax.set_ylim(0, 1)
    ax.set_xlabel("round")
    ax.set_ylabel("share")
    ax.set_title(f"PD with exit option, survival s = {result.survival:g}")
    ax.legend()
    return ax
