"""Figures of the circular cluster.

The Guitang by-product network, who earns what, and landfill tax versus exchange subsidy. All numbers come from the
stylised :func:`clustergames.symbiosis.guitang` cluster.
"""

from __future__ import annotations

import numpy as np

from .. import symbiosis
from ..plotting import symbiosis as plot_symbiosis
from . import register


@register(
    "symbiosis_network",
    caption=(
        "The Guitang sugar complex (Guigang, Guangxi) as a by-product exchange network, structure after Zhu, Lowe, "
        "Wei & Barnes (2007, J. Industrial Ecology), STYLISED quantities and prices. Arrows are the surplus-maximising "
        "flows (the linear programme of symbiosis.Cluster, solved with HiGHS); arrow width is proportional to the "
        "quantity shipped per season, colour gives the material. Molasses become ethanol (sold outside) whose "
        "residue becomes fertiliser for the cane farms; bagasse feeds the paper mill and the power plant; filter "
        "mud goes to the cement mill."
    ),
    figsize=(8.4, 5.2),
)
def symbiosis_network(fig, *, quick: bool = False):
    """The optimal flows of the Guitang cluster (one row per flow)."""
    ex = symbiosis.guitang().exchanges()
    plot_symbiosis.plot_exchange(ex, ax=fig.add_subplot(), title="Guitang (stylised): optimal by-product flows")
    fig.tight_layout()
    return ex.flows.copy()


@register(
    "symbiosis_who_earns",
    caption=(
        "Who earns what in the Guitang cluster (stylised numbers), per season. Shapley value: each firm's average "
        "marginal contribution to the coalitions' exchange surplus (exact, 2^7 linear programmes). Dual prices: "
        "Owen's (1975) allocation, each firm paid the shadow prices of the streams it owns; it lies in the core "
        "but gives processors nothing when their capacity is not scarce. Nash link rents: each firm's share of "
        "every link's surplus at equal bargaining power (power 0.5). All three sum to the cluster's surplus v(N)."
    ),
    figsize=(8.4, 4.6),
)
def symbiosis_who_earns(fig, *, quick: bool = False):
    """Shapley value, dual allocation and Nash link rents of each Guitang firm."""
    import pandas as pd

    cl = symbiosis.guitang()
    shapley = cl.shapley().values
    dual = cl.dual_allocation()
    links = cl.links(power=0.5)
    rents = pd.Series(0.0, index=list(cl.firms))
    for row in links.itertuples(index=False):
        rents[row.a] += row.rent_a
        rents[row.b] += row.rent_b
    frame = pd.DataFrame({"Shapley value": shapley, "dual prices (core)": dual, "Nash link rents": rents})
    ax = fig.add_subplot()
    plot_symbiosis.plot_allocations(frame, ax=ax, ylabel="share of the surplus per season")
    ax.set_title(f"Guitang (stylised): three ways to share v(N) = {cl.value(cl.firms):.0f}")
    fig.tight_layout()
    return frame.rename_axis("firm").reset_index()


@register(
    "symbiosis_policy_map",
    caption=(
        "Landfill tax versus exchange subsidy in the Guitang cluster (stylised numbers). Left: the quantity "
        "exchanged in the surplus-maximising network at each (tax, subsidy) pair; right: the government's net "
        "revenue (tax collected on what is still landfilled minus subsidy paid on everything shipped). Only the "
        "boiler-ash link from the power plant to the cement mill depends on policy: its unit surplus without "
        "policy is 0.2 + 0.3 - 0.8 < 0. The markers are the smallest tax alone and the smallest subsidy alone that "
        "make the whole network emerge: the tax collects revenue, the subsidy is paid on every unit already "
        "exchanged (inframarginal flows) and costs far more than the link is worth."
    ),
    figsize=(10.4, 4.2),
)
def symbiosis_policy_map(fig, *, quick: bool = False):
    """The policy grid (one row per tax and subsidy pair)."""
    cl = symbiosis.guitang()
    step = 0.2 if quick else 0.1
    grid = np.round(np.arange(0.0, 0.8 + 1e-9, step), 6).tolist()
    frame = cl.policy_grid(grid, grid).to_frame()
    full = frame[frame["exchanged"] >= frame["exchanged"].max() - 1e-9]
    tax = full[full["subsidy"] == 0].sort_values("landfill_tax").iloc[0]
    sub = full[full["landfill_tax"] == 0].sort_values("subsidy").iloc[0]
    marks = {f"tax {tax['landfill_tax']:g} alone: revenue {tax['government_revenue']:+.0f}": tax,
             f"subsidy {sub['subsidy']:g} alone: revenue {sub['government_revenue']:+.0f}": sub}
    left, right = fig.subplots(1, 2)
    plot_symbiosis.plot_policy_map(frame, ax=left, value="exchanged", marks=marks)
    plot_symbiosis.plot_policy_map(frame, ax=right, value="government_revenue", marks=marks, cmap="cividis")
    lo, hi = frame["exchanged"].min(), frame["exchanged"].max()
    left.set_title(f"quantity exchanged (colour scale {lo:.0f} to {hi:.0f}, not from 0)", fontsize=10)
    right.set_title("government net revenue", fontsize=10)
    fig.tight_layout()
    return frame


#: the discount factor of the trust-network figure: between the network threshold (0.53) and the bilateral one (0.85)
TRUST_DELTA = 0.8


@register(
    "symbiosis_trust_network",
    caption=(
        "Which by-product links of the Guitang cluster (stylised numbers) are self-enforcing at discount factor "
        "δ = 0.8, when each link is a repeated game priced at its Nash price (power 0.5). A side's rent is its "
        "share of the link's surplus; its one-shot gain from cheating is the treatment it skips, the payment it "
        "withholds or the tipping fee it does not pay. Left, bilateral punishment (only the cheated partner stops "
        "trading): the alcohol plant would keep the fee it owes the fertiliser plant for taking its residue "
        "(critical δ = 0.85), so that link is dropped (dashed). Right, network punishment (an association's records: "
        "a cheat loses every link; Bernheim & Whinston 1990): the alcohol plant's molasses rent backs its promise "
        "(critical δ = 0.53) and every link holds. The links are valued one by one: the fertiliser link drawn solid "
        "on the left would in fact lose its input with the residue link."
    ),
    figsize=(11.0, 4.8),
)
def symbiosis_trust_network(fig, *, quick: bool = False):
    """Links kept under bilateral and network punishment at delta = 0.8 (one row per link and regime)."""
    import pandas as pd

    cl = symbiosis.guitang()
    ex = cl.exchanges()
    links = cl.links(power=0.5)
    rows = []
    axes = fig.subplots(1, 2)
    for ax, punishment in zip(axes, ("bilateral", "network")):
        kept_frame = symbiosis.self_enforcing(links, TRUST_DELTA, punishment=punishment).to_frame()
        kept = {frozenset((a, b)) for a, b in zip(kept_frame["a"], kept_frame["b"])}
        threshold = symbiosis.critical_delta(links, punishment=punishment).min
        # the same layout as the symbiosis_network figure (firms in the order of the streams table)
        plot_symbiosis.plot_network(ex.flows, ax=ax, firms=ex.streams["firm"].unique(), kept=kept,
                                    legend=punishment == "network",
                                    title=f"{punishment} punishment (all links need δ ≥ {float(threshold):.2f})")
        for row in links.itertuples(index=False):
            rows.append({"punishment": punishment, "delta": TRUST_DELTA, "a": row.a, "b": row.b,
                         "material": row.material, "surplus": row.surplus,
                         "self_enforcing": frozenset((row.a, row.b)) in kept})
    leg = axes[1].get_legend()
    handles, labels = leg.legend_handles, [t.get_text() for t in leg.get_texts()]
    leg.remove()
    fig.legend(handles, labels, loc="lower center", ncol=len(handles), fontsize=8,
               title="material (arrow width = quantity)", title_fontsize=8)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return pd.DataFrame(rows)
