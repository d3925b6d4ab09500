"""Drawing the circular cluster: the by-product network with its flows, who earns what, and the policy map.

The network layout comes from :mod:`networkx` (layers of the flow graph when it has no cycle, Kamada–Kawai
otherwise); everything is drawn with matplotlib.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..symbiosis.cluster import ExchangeResult, PolicyMap
from . import PALETTE, draws, get_axes

#: label of each policy-map quantity
POLICY_LABELS = {
    "exchanged": "quantity exchanged",
    "landfilled": "quantity landfilled",
    "virgin": "virgin input bought",
    "firms_surplus": "firms' surplus",
    "government_revenue": "government net revenue",
    "welfare": "welfare (firms + government)",
    "n_links": "active links",
}


def network_layout(flows: Any, firms: Any = None) -> dict[str, tuple[float, float]]:
    """Node positions for a flow network: left-to-right layers when the flows form no cycle, else Kamada–Kawai.

    ``flows`` has columns ``supplier`` and ``user``; ``firms`` (optional) lists nodes to place even without flows.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = network_layout(pd.DataFrame({"supplier": ["a", "b"], "user": ["b", "c"]}))
    >>> pos["a"][0] < pos["b"][0] < pos["c"][0]
    True
    """
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(list(firms) if firms is not None else [])
    g.add_edges_from(zip(flows["supplier"], flows["user"]))
    if g.number_of_edges() and nx.is_directed_acyclic_graph(g):
        # layers placed by hand, each in the order the firms were given: networkx's multipartite layout orders a
        # layer through a set, which changes with Python's string hashing from one process to the next
        rank = {n: i for i, n in enumerate(g.nodes)}
        pos = {}
        for layer, nodes in enumerate(nx.topological_generations(g)):
            nodes = sorted(nodes, key=rank.__getitem__)
            for i, node in enumerate(nodes):
                pos[node] = np.array([float(layer), (len(nodes) - 1) / 2 - i])
        xy = np.array(list(pos.values()))
        xy -= xy.mean(axis=0)
        xy /= max(float(np.abs(xy).max()), 1e-12)
        pos = dict(zip(pos, xy))
    elif g.number_of_nodes() > 1:
        pos = nx.kamada_kawai_layout(g.to_undirected())
    else:
        pos = {n: np.zeros(2) for n in g.nodes}
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def plot_network(flows: Any, ax: Any = None, *, firms: Any = None, kept: Any = None, pos: Any = None,
                 title: str | None = None, max_width: float = 7.0, legend: bool = True):
    """Draw a by-product network: one arrow per flow, width proportional to quantity, colour by material.

    ``flows`` has columns ``supplier, user, material, quantity``. ``kept``, when given, is a set of unordered firm
    pairs (frozensets) whose links are drawn solid; the other links are drawn dashed and faded (for self-enforcing
    links). Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"supplier": ["a"], "user": ["b"], "material": ["ash"], "quantity": [3.0]})
    >>> ax = plot_network(f)
    >>> len(ax.patches) >= 1
    True
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    ax = get_axes(ax, figsize=(7.5, 5.0))
    pos = pos or network_layout(flows, firms)
    materials = list(dict.fromkeys(flows["material"])) if len(flows) else []
    colour = {m: PALETTE[k % (len(PALETTE) - 1)] for k, m in enumerate(materials)}
    qmax = float(flows["quantity"].max()) if len(flows) else 1.0
    pairs = {}
    for row in flows.itertuples(index=False):
        key = (row.supplier, row.user)
        pairs[key] = pairs.get(key, 0) + 1
    seen: dict[tuple, int] = {}
    for row in flows.itertuples(index=False):
        i, j = row.supplier, row.user
        k = seen.get((i, j), 0)
        seen[(i, j)] = k + 1
        back = (j, i) in pairs
        rad = 0.12 * (k + 1) if (back or pairs[(i, j)] > 1) else 0.0
        solid = kept is None or frozenset((i, j)) in kept
        width = 0.8 + max_width * float(row.quantity) / qmax
        arrow = FancyArrowPatch(pos[i], pos[j], arrowstyle="-|>", mutation_scale=12 + width,
                                connectionstyle=f"arc3,rad={rad}", lw=width, color=colour[row.material],
                                alpha=0.9 if solid else 0.35, linestyle="-" if solid else (0, (3, 2)),
                                shrinkA=12 + width, shrinkB=11 + 0.6 * width, zorder=2)
        ax.add_patch(arrow)
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes])
    ax.scatter(xy[:, 0], xy[:, 1], s=260, color="white", edgecolor="0.2", lw=1.2, zorder=3)
    ymid = float(xy[:, 1].mean()) if len(xy) else 0.0
    xmin = float(xy[:, 0].min()) if len(xy) else 0.0
    # a lone node in the leftmost column (a source: all its arrows leave to the right) is labelled on its left,
    # where no arrow runs; the others above or below, away from the centre
    lone_left = len(nodes) > 1 and int(np.sum(np.isclose(xy[:, 0], xmin))) == 1
    for n, (x, y) in zip(nodes, xy):
        if lone_left and np.isclose(x, xmin):
            ax.annotate(n, (x, y), xytext=(-12, 0), textcoords="offset points", ha="right", va="center",
                        fontsize=8.5, zorder=1,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
            continue
        below = y < ymid - 1e-9  # labels away from the centre, where the arrows run
        ax.annotate(n, (x, y), xytext=(0, -13 if below else 13), textcoords="offset points", ha="center",
                    va="top" if below else "bottom", fontsize=8.5, zorder=1,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    span = np.ptp(xy, axis=0) if len(xy) > 1 else np.ones(2)
    span = np.where(span > 0, span, 1.0)
    ax.set_xlim(xy[:, 0].min() - (0.3 if lone_left else 0.18) * span[0], xy[:, 0].max() + 0.18 * span[0])
    ax.set_ylim(xy[:, 1].min() - 0.2 * span[1], xy[:, 1].max() + 0.2 * span[1])
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    if legend and materials:
        handles = [Line2D([], [], color=colour[m], lw=3, label=m) for m in materials]
        if kept is not None:
            handles += [Line2D([], [], color="0.3", lw=2, label="self-enforcing"),
                        Line2D([], [], color="0.3", lw=2, ls=(0, (3, 2)), alpha=0.5, label="not self-enforcing")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(4, len(handles)),
                  fontsize=8, title="material (arrow width = quantity)", title_fontsize=8)
    if title:
        ax.set_title(title)
    return ax


@draws(ExchangeResult)
def plot_exchange(result: ExchangeResult, ax: Any = None, **kwargs: Any):
    """Draw an :class:`~clustergames.symbiosis.ExchangeResult` as its flow network (see :func:`plot_network`).

    Examples
    --------
    >>> from clustergames import symbiosis
    >>> ax = symbiosis.guitang().exchanges().plot()
    >>> ax.get_legend() is not None
    True
    """
    firms = result.streams["firm"].unique() if len(result.streams) else None
    return plot_network(result.flows, ax=ax, firms=firms, **kwargs)


def plot_allocations(frame: Any, ax: Any = None, *, ylabel: str = "payoff per period"):
    """Grouped bars: one group per firm (the index), one bar per allocation (the columns). Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_allocations(pd.DataFrame({"Shapley": [1, 2], "dual prices": [3, 0]}, index=["a", "b"]))
    >>> len(ax.patches)
    4
    """
    ax = get_axes(ax, figsize=(7.5, 4.2))
    n_f, n_a = frame.shape
    width = 0.8 / max(n_a, 1)
    x = np.arange(n_f)
    hatches = ("", "//", "..", "xx", "\\\\")
    for k, col in enumerate(frame.columns):
        ax.bar(x + (k - (n_a - 1) / 2) * width, frame[col].to_numpy(dtype=float), width, label=col,
               color=PALETTE[k % len(PALETTE)], hatch=hatches[k % len(hatches)], edgecolor="white", lw=0.5)
    ax.set_xticks(x)
    ax.set_xticklabels([str(i) for i in frame.index], rotation=25, ha="right")
    ax.set_ylabel(ylabel)
    ax.axhline(0, color="0.3", lw=0.6)
    ax.legend()
    return ax


def plot_policy_map(frame: Any, ax: Any = None, *, value: str = "exchanged", marks: Any = None,
                    cmap: str = "viridis"):
    """A heat map of one outcome over the (landfill tax, subsidy) grid, with its colour bar.

    ``frame`` is :attr:`PolicyMap.frame` (columns ``landfill_tax``, ``subsidy`` and the outcomes). ``marks``, when
    given, maps labels to rows of the frame (e.g. the cheapest tax and the cheapest subsidy that reach a target);
    each is drawn as a marker in the legend. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"landfill_tax": [0, 0, 1, 1], "subsidy": [0, 1, 0, 1], "exchanged": [0, 1, 1, 2]})
    >>> plot_policy_map(f).get_xlabel()
    'landfill tax per unit landfilled'
    """
    ax = get_axes(ax)
    taxes = np.sort(frame["landfill_tax"].unique())
    subs = np.sort(frame["subsidy"].unique())
    grid = frame.pivot_table(index="subsidy", columns="landfill_tax", values=value).reindex(index=subs,
                                                                                              columns=taxes)

    def edges(v):
        if len(v) == 1:
            return np.array([v[0] - 0.5, v[0] + 0.5])
        mid = (v[1:] + v[:-1]) / 2
        return np.concatenate([[v[0] - (mid[0] - v[0])], mid, [v[-1] + (v[-1] - mid[-1])]])

    mesh = ax.pcolormesh(edges(taxes), edges(subs), grid.to_numpy(dtype=float), cmap=cmap, shading="flat")
    cb = ax.figure.colorbar(mesh, ax=ax)
    cb.set_label(POLICY_LABELS.get(value, value))
    markers = ("*", "D", "o", "s")
    for k, (label, row) in enumerate((marks or {}).items()):
        ax.plot([row["landfill_tax"]], [row["subsidy"]], markers[k % 4], ms=14 if k == 0 else 9,
                color=PALETTE[(6 + k) % len(PALETTE)] if k == 0 else PALETTE[3], mec="black", label=label)
    if marks:
        ax.legend(loc="upper right", fontsize=8, frameon=True)
    ax.set_xlabel("landfill tax per unit landfilled")
    ax.set_ylabel("exchange subsidy per unit shipped")
    return ax


@draws(PolicyMap)
def plot_policy(result: PolicyMap, ax: Any = None, **kwargs: Any):
    """Draw a :class:`~clustergames.symbiosis.PolicyMap` as a heat map (see :func:`plot_policy_map`).

    Examples
    --------
    >>> from clustergames import symbiosis
    >>> ax = symbiosis.guitang().policy_grid([0, 1], [0, 1]).plot(value="landfilled")
    >>> ax.get_ylabel()
    'exchange subsidy per unit shipped'
    """
    return plot_policy_map(result.frame, ax=ax, **kwargs)
