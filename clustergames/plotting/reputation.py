"""Drawing reputation dynamics.

Good standing over time, cooperation against record quality, the ALLC/ALLD/DISC simplex, the chain-store belief path,
and the joint effect of reputation and expulsion.

Every function takes data produced by :mod:`clustergames.reputation` (DataFrames or results) and ``ax=None``, and
returns the Axes. Nothing here computes an equilibrium.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import LINESTYLES, PALETTE, draws, get_axes

__all__ = [
    "plot_good_standing",
    "plot_cooperation_vs_record",
    "simplex_xy",
    "plot_simplex",
    "plot_chain_store",
    "plot_entry_frequencies",
    "plot_exclusion_regions",
]

_SQ3 = np.sqrt(3.0) / 2.0


def plot_good_standing(data: Any, ax: Any = None, *, title: str | None = None, legend: bool = True):
    """Fraction in good standing over time, one colour per norm, with its fixed point dashed.

    ``data`` has columns ``series`` (label, e.g. the norm), ``round``, ``good`` and ``fixed_point`` (the
    closed-form or numeric level); an optional ``records`` column draws ``"private"`` series dotted.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"series": ["stern judging"] * 3, "round": [1, 2, 3], "good": [0.99, 0.97, 0.97],
    ...                    "fixed_point": [0.971] * 3})
    >>> plot_good_standing(df).get_ylabel()
    'fraction in good standing $g$'
    """
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D

    ax = get_axes(ax)
    # series of the same norm (public and private records) share a colour when a ``norm`` column says so
    key = "norm" if "norm" in data else "series"
    colours = {name: PALETTE[k % len(PALETTE)] for k, name in enumerate(dict.fromkeys(data[key]))}
    end = float(data["round"].max())
    levels = []
    for label, part in data.groupby("series", sort=False):
        colour = colours[part[key].iloc[0]]
        private = "records" in part and (part["records"] == "private").all()
        ax.plot(part["round"], part["good"], color=colour, lw=1.1, ls=":" if private else "-", label=label,
                alpha=0.85, zorder=2)
        level = float(part["fixed_point"].iloc[0])
        if np.isfinite(level) and (level, colour) not in levels:
            levels.append((level, colour))
            # drawn above the noisy traces, and marked at the right edge where no trace hides it
            ax.axhline(level, color=colour, lw=1.4, ls=(0, (4, 2.5)), zorder=3)
            ax.plot([end], [level], "<", color=colour, ms=6, clip_on=False, zorder=4)
    handles, labels = ax.get_legend_handles_labels()
    if levels:
        handles.append(tuple(Line2D([], [], color=c, lw=1.4, ls=(0, (4, 2.5))) for _, c in levels))
        labels.append("fixed point (same colour; ◀ at the edge)")
    ax.set_xlabel("round $t$")
    ax.set_ylabel("fraction in good standing $g$")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, end)
    if legend:
        ax.legend(handles, labels, loc="lower center", fontsize=7.5, ncol=2,
                  handler_map={tuple: HandlerTuple(ndivide=None, pad=0)})
    ax.set_title(title or "Good standing among discriminators, by norm")
    return ax


def plot_cooperation_vs_record(data: Any, c_over_b: float, ax: Any = None, *, thresholds: dict | None = None,
                               title: str | None = None, start: float | None = None):
    """Long-run cooperation against the association's record quality :math:`q`, with :math:`q = c/b` marked.

    ``data`` has columns ``q``, ``source`` (``"simulation"``, ``"replicator"`` or ``"basin"``), ``cooperation``
    and, for the simulation, ``low``/``high`` (a band across replications). Rows with source ``"basin"`` give the
    discriminators' share :math:`x^*(q)` at the unstable rest point of the ALLD–DISC edge (DISC takes over from
    above it), drawn as a grey dashed curve. ``thresholds`` maps labels to points ``(q, x)`` marked on that curve
    (e.g. risk dominance where :math:`x^* = 1/2`); ``start`` is the initial share of discriminators (a dotted
    level: the replicator line switches where :math:`x^*(q)` crosses it).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"q": [0.2, 0.6], "source": ["replicator"] * 2, "cooperation": [0.0, 0.9]})
    >>> plot_cooperation_vs_record(df, 1 / 3).get_xlabel().startswith("record quality")
    True
    """
    ax = get_axes(ax)
    rep_part = data[data["source"] == "replicator"]
    sim = data[data["source"] == "simulation"]
    basin = data[data["source"] == "basin"]
    if len(rep_part):
        ax.plot(rep_part["q"], rep_part["cooperation"], color=PALETTE[0], lw=1.8,
                label="donations made: replicator dynamics")
    if len(sim):
        ax.fill_between(sim["q"], sim["low"], sim["high"], color=PALETTE[1], alpha=0.25, lw=0)
        ax.plot(sim["q"], sim["cooperation"], "o", color=PALETTE[1], ms=4,
                label="donations made: agent-based simulation\n(mean, band: range over replications)")
    if len(basin):
        ax.plot(basin["q"], basin["cooperation"], color="0.35", lw=1.2, ls="--",
                label="$x^*(q)$: DISC share above which DISC\ntakes over (unstable point, ALLD–DISC edge)")
    if start is not None:
        ax.axhline(start, color="0.55", lw=0.8, ls=":", label=f"initial DISC share {start:g}")
    ax.axvline(c_over_b, color=PALETTE[3], lw=1.3, ls="--")
    ax.text(c_over_b, 0.5, "$q = c/b$ ", color=PALETTE[3], fontsize=9, va="center", ha="right", rotation=90,
            transform=ax.get_xaxis_transform())
    markers = ("s", "D", "^", "v")
    for k, (label, point) in enumerate((thresholds or {}).items()):
        if np.ndim(point) == 0:
            ax.axvline(float(point), color="0.4", lw=0.9, ls=LINESTYLES[(k + 2) % len(LINESTYLES)], label=label)
        else:
            ax.plot([point[0]], [point[1]], markers[k % len(markers)], color="0.2", mfc="white", ms=6, zorder=5,
                    label=label)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("record quality $q$ (probability a donor knows the recipient's standing)")
    ax.set_ylabel("share of donations made; DISC share $x^*$")
    ax.legend(loc="upper center", fontsize=7.5, bbox_to_anchor=(0.5, -0.13), ncol=2)
    ax.set_title(title or "Cooperation needs records: discriminators resist defectors iff $q > c/b$")
    return ax


def simplex_xy(shares: Any):
    """Cartesian coordinates of shares (ALLC, ALLD, DISC) in the simplex triangle.

    ALLC is bottom left, ALLD bottom right, DISC on top.

    Examples
    --------
    >>> simplex_xy([[0, 0, 1]]).round(3).tolist()
    [[0.5, 0.866]]
    """
    x = np.asarray(shares, dtype=float)
    return np.stack([x[..., 1] + 0.5 * x[..., 2], _SQ3 * x[..., 2]], axis=-1)


def plot_simplex(field: Any, trajectories: Any = None, rest_points: Any = None, ax: Any = None, *,
                 title: str | None = None, speed_range: tuple[float, float] | None = None, colorbar: Any = False):
    r"""Phase portrait of the replicator dynamics on the ALLC/ALLD/DISC simplex.

    ``field`` has columns ``ALLC, ALLD, DISC`` (points) and ``dALLC, dALLD, dDISC`` (velocities); arrows show the
    direction, their colour the speed :math:`\log_{10}\lVert\dot x\rVert` (``speed_range`` fixes the colour
    scale, so that several panels share it; ``colorbar=True`` draws its bar beside ``ax``, a list of Axes draws one
    horizontal bar under all of them). ``trajectories`` (``trajectory, ALLC,
    ALLD, DISC``) are drawn as lines from a dot at their start; ``rest_points`` (``ALLC, ALLD, DISC, stable``) as
    filled (stable) or open (unstable) circles.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"ALLC": [0.2], "ALLD": [0.2], "DISC": [0.6], "dALLC": [0.0], "dALLD": [-0.1],
    ...                   "dDISC": [0.1]})
    >>> len(plot_simplex(f).patches) >= 1
    True
    """
    from matplotlib.patches import Polygon

    ax = get_axes(ax)
    corners = simplex_xy(np.eye(3))
    ax.add_patch(Polygon(corners, closed=True, fill=False, ec="0.2", lw=1.0))
    pts = simplex_xy(field[["ALLC", "ALLD", "DISC"]].to_numpy())
    vel = field[["dALLC", "dALLD", "dDISC"]].to_numpy()
    dxy = np.stack([vel[:, 1] + 0.5 * vel[:, 2], _SQ3 * vel[:, 2]], axis=-1)
    speed = np.hypot(dxy[:, 0], dxy[:, 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = np.where(speed[:, None] > 0, dxy / np.where(speed[:, None] > 0, speed[:, None], 1), 0)
    q = ax.quiver(pts[:, 0], pts[:, 1], unit[:, 0], unit[:, 1], np.log10(speed + 1e-6), cmap="viridis",
                  angles="xy", scale_units="xy", scale=22, width=0.004, headwidth=4, pivot="mid")
    if speed_range is not None:
        q.set_clim(*speed_range)
    q.set_rasterized(True)
    if colorbar is True:
        bar = ax.figure.colorbar(q, ax=ax, shrink=0.7, pad=0.02)
    elif colorbar is not False:
        bar = ax.figure.colorbar(q, ax=list(colorbar), orientation="horizontal", shrink=0.45, pad=0.02,
                                 aspect=40)
    if colorbar is not False:
        bar.set_label(r"speed of selection, $\log_{10}\,|\dot x|$")
    if trajectories is not None:
        trajectories = trajectories.to_frame() if hasattr(trajectories, "to_frame") else trajectories
        for k, (_, part) in enumerate(trajectories.groupby("trajectory")):
            xy = simplex_xy(part[["ALLC", "ALLD", "DISC"]].to_numpy())
            ax.plot(xy[:, 0], xy[:, 1], color=PALETTE[3], lw=1.3,
                    label="trajectory (dot: start)" if k == 0 else None)
            ax.plot(xy[0, 0], xy[0, 1], "o", color=PALETTE[3], ms=3)
    if rest_points is not None and len(rest_points):
        xy = simplex_xy(rest_points[["ALLC", "ALLD", "DISC"]].to_numpy())
        stable = rest_points["stable"].to_numpy(dtype=bool)
        ax.plot(xy[stable, 0], xy[stable, 1], "o", ms=8, mfc="black", mec="black", label="stable rest point",
                clip_on=False, zorder=5)
        ax.plot(xy[~stable, 0], xy[~stable, 1], "o", ms=8, mfc="white", mec="black", label="unstable rest point",
                clip_on=False, zorder=5)
    for (x, y), name, va, dx in zip(corners, ("ALLC", "ALLD", "DISC"), ("top", "top", "bottom"), (-0.02, 0.02, 0)):
        ax.text(x + dx, y + (-0.04 if va == "top" else 0.03), name, ha="center", va=va, fontsize=10,
                fontweight="bold")
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.1, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_chain_store(play: Any, ax: Any = None, *, max_plays: int = 1, title: str | None = None):
    """Belief path of a chain-store play, the entrant's threshold :math:`b^k`, and the entry decisions.

    ``play`` is a :class:`clustergames.reputation.ChainStorePlay` or its frame (``play, market, belief,
    threshold, entered, fought``). Stayed out: grey dot; entered and fought: vermillion cross; entered and
    accommodated: blue square.

    Examples
    --------
    >>> from clustergames.reputation import ChainStore
    >>> ax = plot_chain_store(ChainStore(0.5, 2, 0.1, 8).simulate(rng=1, incumbent="weak"))
    >>> ax.get_xlabel()
    'market (entrant number)'
    """
    df = play.to_frame() if hasattr(play, "to_frame") else play
    ax = get_axes(ax)
    first = df[df["play"] == df["play"].min()]
    ax.plot(first["market"], first["threshold"], color="0.3", lw=1.2, ls="--", marker="",
            label="entrant's threshold $b^k$ ($b$: entrant's gain,\n$k$: markets left); enter iff $p < b^k$")
    strip = -0.09  # decisions are drawn in a strip under the belief path, so markers never overlap it
    for k, (_, part) in enumerate(df.groupby("play")):
        if k >= max_plays:
            break
        colour = PALETTE[(k * 2) % len(PALETTE)]
        m = np.concatenate([part["market"].to_numpy(), [part["market"].max() + 0.5]])
        p = np.concatenate([part["belief"].to_numpy(), [part["belief"].iloc[-1]]])
        ax.step(m, p, where="post", color=colour, lw=1.6, label="belief $p$ that the incumbent is tough"
                if k == 0 else None)
        out = ~part["entered"]
        fought = part["entered"] & part["fought"]
        acc = part["entered"] & ~part["fought"]
        y = np.full(len(part), strip)
        ax.plot(part["market"][out], y[out.to_numpy()], "o", color="0.55", ms=4,
                label="entrant stays out" if k == 0 else None)
        ax.plot(part["market"][fought], y[fought.to_numpy()], "X", color=PALETTE[3], ms=8,
                label="enters, incumbent fights" if k == 0 else None)
        ax.plot(part["market"][acc], y[acc.to_numpy()], "s", color=PALETTE[0], ms=6,
                label="enters, incumbent accommodates\n(revealed weak: $p$ = 0 afterwards)" if k == 0 else None)
    ax.axhline(strip + 0.045, color="0.85", lw=0.6)
    ax.set_ylim(strip - 0.05, 1.05)
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.set_xlim(0.3, float(df["market"].max()) + 0.7)
    ax.set_xlabel("market (entrant number)")
    ax.set_ylabel("belief / threshold")
    ax.legend(loc="upper left", fontsize=7.5)
    ax.set_title(title or "Chain store: the weak incumbent's reputation")
    return ax


def plot_entry_frequencies(data: Any, ax: Any = None, *, title: str | None = None):
    """Entry and fighting frequencies by market: simulation (markers) against the equilibrium (lines).

    ``data`` has columns ``market``, ``entry_sim``, ``fight_sim`` (fight given entry), ``entry_eq``, ``fight_eq``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"market": [1, 2], "entry_sim": [0, 1.0], "fight_sim": [np.nan, 0.3],
    ...                   "entry_eq": [0, 1.0], "fight_eq": [np.nan, 1 / 3]})
    >>> plot_entry_frequencies(d).get_ylabel()
    'probability'
    """
    ax = get_axes(ax)
    ax.plot(data["market"], data["entry_eq"], color=PALETTE[1], lw=1.5, label="P(entry), equilibrium")
    ax.plot(data["market"], data["entry_sim"], "o", color=PALETTE[1], mfc="white", ms=6,
            label="P(entry), simulation")
    ax.plot(data["market"], data["fight_eq"], color=PALETTE[3], lw=1.5, ls="--",
            label="P(fight | entry), equilibrium")
    ax.plot(data["market"], data["fight_sim"], "D", color=PALETTE[3], mfc="white", ms=5,
            label="P(fight | entry), simulation")
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel("market (entrant number)")
    ax.set_ylabel("probability")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(title or "Entry decisions against a weak incumbent")
    return ax


_REGION_COLOURS = {"neither": "#FFFFFF", "expulsion only": PALETTE[5], "reputation only": PALETTE[1],
                   "both": PALETTE[2]}


def plot_exclusion_regions(data: Any, c_over_b: float, ax: Any = None, *, title: str | None = None):
    """Where reputation, expulsion, both or neither sustain cooperation, in the (record quality, patience) plane.

    ``data`` is :func:`clustergames.reputation.exclusion_regions` output (``q, delta, region, delta_star``).

    Examples
    --------
    >>> from clustergames.reputation import exclusion_regions
    >>> plot_exclusion_regions(exclusion_regions(3, 1), 1 / 3).get_xlabel()
    'record quality = detection probability $q$'
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax = get_axes(ax)
    qs = np.sort(data["q"].unique())
    ds = np.sort(data["delta"].unique())
    names = list(_REGION_COLOURS)
    grid = data.pivot(index="delta", columns="q", values="region").reindex(index=ds, columns=qs).to_numpy()
    codes = np.vectorize(names.index)(grid)
    cmap = ListedColormap([_REGION_COLOURS[n] for n in names])
    ax.pcolormesh(qs, ds, codes, cmap=cmap, vmin=-0.5, vmax=len(names) - 0.5, alpha=0.55, shading="nearest",
                  rasterized=True)
    first = data[data["delta"] == ds[0]].sort_values("q")
    dstar = first["delta_star"].to_numpy()
    ok = np.isfinite(dstar)
    ax.plot(first["q"].to_numpy()[ok], dstar[ok], color="black", lw=1.5)
    ax.axvline(c_over_b, color=PALETTE[3], lw=1.5, ls="--")
    handles = [Patch(facecolor=_REGION_COLOURS[n], edgecolor="0.4", alpha=0.7, label=n) for n in names]
    handles += [ax.plot([], [], color="black", lw=1.5, label=r"$\delta^*(q)$: expulsion deters cheating")[0],
                ax.plot([], [], color=PALETTE[3], lw=1.5, ls="--",
                        label=r"$q = c/b$: discriminators resist defectors")[0]]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("record quality = detection probability $q$")
    ax.set_ylabel(r"discount factor $\delta$")
    ax.set_title(title or "The association's records: reputation and expulsion together")
    return ax


def _draw_chain_store_play(result, ax=None, **kwargs):
    return plot_chain_store(result, ax=ax, **kwargs)


def _register():
    from ..reputation import ChainStorePlay

    draws(ChainStorePlay)(_draw_chain_store_play)


_register()
