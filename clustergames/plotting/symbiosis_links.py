r"""Drawing trust across the links of a symbiosis network.

Critical discount factors per firm, the self-enforcing links, and the surplus that survives each firm's exit.

Every function takes a tidy DataFrame (or a result object) computed by :mod:`clustergames.symbiosis.links` and an
optional ``ax``; it returns the Axes and computes no equilibrium.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..symbiosis.links import LinkThresholds, Resilience, SelfEnforcing
from . import PALETTE, draws, get_axes

#: colour of each punishment regime
PUNISHMENT_COLOURS = {"link": PALETTE[1], "bilateral": PALETTE[1], "network": PALETTE[0]}
PUNISHMENT_LABELS = {"link": "link by link", "bilateral": "bilateral (the cheated partner stops trading)",
                     "network": "network (association records: every partner stops)"}


def _num(x) -> float:
    return float(x)


def plot_thresholds(data: Any, ax: Any = None, *, punishments=("bilateral", "network")):
    r"""Each firm's critical discount factor under two punishment regimes, as paired horizontal bars.

    ``data`` has a column ``firm`` (optionally ``n_links``, shown under the name) and one column
    ``delta_<punishment>`` per regime (:attr:`clustergames.symbiosis.LinkThresholds.firms`). An infinite
    threshold (the firm has a tempting side without rent) is drawn as a hatched bar to 1 marked "never". Dotted
    lines mark each regime's network-wide threshold (the largest bar).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"firm": ["A", "B"], "delta_bilateral": [0.75, 0.5], "delta_network": [0.5, 0.5]})
    >>> plot_thresholds(df).get_xlabel()
    'critical discount factor $\\delta^*$'
    """
    ax = get_axes(ax, figsize=(6.4, 0.5 * len(data) + 1.6))
    firms = [str(f) for f in data["firm"]]
    if "n_links" in data:
        firms = [f"{f}\n({n} link{'s' if n != 1 else ''})" for f, n in zip(firms, data["n_links"])]
    y = np.arange(len(firms))
    h = 0.8 / len(punishments)
    for j, pun in enumerate(punishments):
        vals = [_num(v) for v in data[f"delta_{pun}"]]
        colour = PUNISHMENT_COLOURS[pun]
        pos = y - 0.4 + h * (j + 0.5)
        finite = [v if math.isfinite(v) else 0.0 for v in vals]
        ax.barh(pos, finite, height=h * 0.92, color=colour, label=PUNISHMENT_LABELS[pun])
        for p, v in zip(pos, vals):
            if not math.isfinite(v):
                ax.barh([p], [1.0], height=h * 0.92, color="white", edgecolor=colour, hatch="///", lw=0.8)
                ax.text(0.5, p, "never (rent 0)", va="center", ha="center", fontsize=8, color="0.2",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            else:
                ax.text(v + 0.012, p, f"{v:.2f}", va="center", fontsize=7.5, color="0.2", zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5})
        top = max(vals)
        if math.isfinite(top):
            ax.axvline(top, color=colour, ls=":", lw=1.2, zorder=0)
    ax.set_yticks(y, firms)
    ax.set_xlim(0, 1.08)
    ax.set_xlabel(r"critical discount factor $\delta^*$")
    ax.set_title("Pooling links under network punishment never raises a firm's threshold")
    ax.set_ylim(len(firms) - 0.5 + 0.9, -0.5)
    ax.legend(loc="lower right", fontsize=8, ncol=1, title="punishment (dotted line: the whole network's δ*)",
              title_fontsize=8)
    return ax


@draws(LinkThresholds)
def _draw_thresholds(result: LinkThresholds, ax: Any = None, **kwargs: Any):
    punishments = kwargs.pop("punishments", ("bilateral", "network"))
    return plot_thresholds(result.firms, ax, punishments=punishments, **kwargs)


def _circle(firms: list) -> dict:
    n = len(firms)
    return {f: (math.cos(math.pi / 2 - 2 * math.pi * k / n), math.sin(math.pi / 2 - 2 * math.pi * k / n))
            for k, f in enumerate(firms)}


def plot_network(links: Any, ax: Any = None, *, title: str | None = None):
    r"""The network of links on a circle: kept links solid (width proportional to surplus), dropped links dashed.

    ``links`` is a DataFrame with columns ``a``, ``b``, ``surplus`` and ``kept`` (bool), e.g.
    :attr:`clustergames.symbiosis.SelfEnforcing.links`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": ["A", "B"], "b": ["B", "C"], "surplus": [2.0, 1.0], "kept": [True, False]})
    >>> len(plot_network(df).texts)
    3
    """
    ax = get_axes(ax, figsize=(5.2, 5.2))
    firms = list(dict.fromkeys([*links["a"], *links["b"]]))
    xy = _circle(firms)
    s = np.array([_num(v) for v in links["surplus"]])
    smax = float(s.max()) if s.size and s.max() > 0 else 1.0
    pair_count: dict = {}
    for (_, row), sv in zip(links.iterrows(), s):
        (x0, y0), (x1, y1) = xy[row["a"]], xy[row["b"]]
        key = frozenset((row["a"], row["b"]))
        k = pair_count.get(key, 0)
        pair_count[key] = k + 1
        off = 0.04 * k  # parallel links between the same pair, slightly apart
        dx, dy = y1 - y0, x0 - x1
        norm = math.hypot(dx, dy) or 1.0
        ox, oy = off * dx / norm, off * dy / norm
        if bool(row["kept"]):
            ax.plot([x0 + ox, x1 + ox], [y0 + oy, y1 + oy], color=PALETTE[0], lw=1.0 + 5.0 * sv / smax,
                    solid_capstyle="round", zorder=2)
        else:
            ax.plot([x0 + ox, x1 + ox], [y0 + oy, y1 + oy], color="0.55", lw=1.0, ls="--", zorder=1)
    for f, (x, y) in xy.items():
        ax.plot([x], [y], "o", ms=10, color="white", mec="0.15", zorder=3)
        ha = "left" if x > 0.1 else ("right" if x < -0.1 else "center")
        va = "bottom" if y > 0.9 else ("top" if y < -0.9 else "center")
        ax.text(x + 0.1 * np.sign(round(x, 6)), y + 0.1 * np.sign(round(y, 6)) * (abs(y) > 0.9), str(f), ha=ha,
                va=va, fontsize=9)
    ax.plot([], [], color=PALETTE[0], lw=3, label="self-enforcing (width ∝ surplus)")
    ax.plot([], [], color="0.55", lw=1, ls="--", label="not self-enforcing")
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.55, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(loc="lower center", fontsize=8, ncol=2)
    if title:
        ax.set_title(title)
    return ax


@draws(SelfEnforcing)
def _draw_self_enforcing(result: SelfEnforcing, ax: Any = None, **kwargs: Any):
    kwargs.setdefault("title", f"Self-enforcing links, {result.punishment} punishment, δ = {float(result.delta):g}")
    return plot_network(result.links, ax, **kwargs)


def plot_resilience(data: Any, ax: Any = None):
    r"""Surplus that survives each firm's exit, one bar per firm and punishment regime.

    ``data`` has columns ``firm``, ``punishment``, ``surplus`` (the intact network's self-enforcing surplus under
    that regime), ``surplus_after`` (re-solved without the firm), ``cascade_loss`` and ``direct_loss``
    (:func:`clustergames.symbiosis.resilience`). Each bar is the surplus after the exit; above it, a hatched segment
    shows the links lost in the trust cascade (links the firm was not part of) and a light segment its own links;
    dashed lines mark the intact surplus under each regime.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"firm": ["A", "B"], "punishment": ["network"] * 2, "surplus": [10.0] * 2,
    ...                    "surplus_after": [4.0, 8.0], "cascade_loss": [3.0, 0.0], "direct_loss": [3.0, 2.0]})
    >>> plot_resilience(df).get_ylabel()
    'surplus per period'
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax = get_axes(ax, figsize=(7.2, 4.4))
    regimes = list(dict.fromkeys(data["punishment"]))
    firms = list(dict.fromkeys(data["firm"]))
    x = np.arange(len(firms))
    w = 0.8 / len(regimes)
    top = 0.0
    any_cascade = False
    for j, pun in enumerate(regimes):
        sub = data[data["punishment"] == pun].set_index("firm").loc[firms]
        colour = PUNISHMENT_COLOURS[pun]
        pos = x - 0.4 + w * (j + 0.5)
        after = np.array([_num(v) for v in sub["surplus_after"]])
        cascade = np.array([_num(v) for v in sub["cascade_loss"]])
        direct = np.array([_num(v) for v in sub["direct_loss"]])
        total = _num(sub["surplus"].iloc[0])
        top = max(top, total)
        # the column is the intact surplus: the firm's own links (light, on top), the links lost in the trust
        # cascade (hatched) and what is left; the solid bar is the re-solved surplus after the exit, which can
        # recover part of the cascade when the cluster re-organises
        # drawn only above the re-solved bar (what re-organising does not recover), so segments never overlap
        low = np.maximum(total - direct - cascade, after)
        net = np.clip(total - direct - low, 0.0, None)
        if (net > 0).any():
            any_cascade = True
            ax.bar(pos, net, bottom=low, width=w * 0.92, color="white", edgecolor=colour, hatch="////", lw=0.0,
                   zorder=1)
        ax.bar(pos, direct, bottom=total - direct, width=w * 0.92, color=colour, alpha=0.25, lw=0, zorder=1)
        ax.bar(pos, after, width=w * 0.92, color=colour, zorder=2)
        ax.axhline(total, color=colour, ls="--", lw=1.0, zorder=0)
    handles = [Patch(color=PUNISHMENT_COLOURS[p], label=f"{p} punishment") for p in regimes]
    handles += [Patch(color="0.35", label="surplus kept after the exit (re-solved)"),
                Patch(color="0.35", alpha=0.25, lw=0, label="the exiting firm's own links")]
    if any_cascade:
        handles.append(Patch(facecolor="white", edgecolor="0.35", hatch="////",
                             label="lost in the trust cascade (links the firm was not in; net of re-organising)"))
    handles.append(Line2D([], [], color="0.35", ls="--", lw=1.0, label="intact self-enforcing surplus"))
    ax.set_ylim(0, 1.45 * top if top > 0 else 1.0)
    ax.set_xticks(x, [str(f) for f in firms])
    ax.set_ylabel("surplus per period")
    ax.set_xlabel("firm that exits")
    ax.set_title("What survives each firm's exit")
    ax.legend(handles=handles, loc="upper center", ncol=2, fontsize=8)
    return ax


@draws(Resilience)
def _draw_resilience(result: Resilience, ax: Any = None, **kwargs: Any):
    data = result.table.assign(punishment=result.punishment, surplus=result.surplus)
    return plot_resilience(data, ax, **kwargs)
