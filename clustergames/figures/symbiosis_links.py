"""Figures of trust across the links of a symbiosis network: thresholds per firm and resilience to exits.

The network is a stylised eco-industrial park with the structure of Kalundborg (Chertow 2000; Jacobsen 2006): a
power station, an oil refinery, a plasterboard maker, a pharmaceutical plant, a fish farm and the municipality,
exchanging steam, cooling and surface water, gypsum, fuel gas, district heat and sludge. The rents and gains are
stylised numbers chosen for illustration, not data.
"""

from __future__ import annotations

from .. import symbiosis
from ..plotting import symbiosis_links as plot_links
from . import register

PS, RF, PB, PH, FF, MU = "power station", "refinery", "plasterboard", "pharma", "fish farm", "municipality"

#: stylised links (a, b, material, rent_a, rent_b, gain_a, gain_b): per-period rents of each side and one-shot gains
#: from cheating (a supplier skipping treatment or cutting supply, a user withholding payment); not data
STYLISED_PARK = (
    (PS, RF, "steam", 3, 4, 2, 3),
    (RF, PS, "cooling water", 1, 2, 1, 1),
    (PS, PB, "gypsum", 2, 3, 4, 1),
    (PS, PH, "steam", 3, 5, 2, 3),
    (PS, FF, "warm water", 1, 2, 1, 2),
    (PS, MU, "district heat", 2, 4, 1, 2),
    (RF, PB, "fuel gas", 1, 2, 2, 1),
    (PH, MU, "sludge", 1, 1, 2, 0),
    (MU, RF, "surface water", 2, 2, 1, 2),
    (FF, MU, "fish sludge", 1, 1, 1, 0),
)

#: the discount factor of the resilience figure: between the network threshold (1/2) and the bilateral one (2/3)
DELTA = 0.55


def stylised_park():
    """The stylised Kalundborg-like links table (a pandas DataFrame; ints, so results are exact)."""
    import pandas as pd

    return pd.DataFrame(list(STYLISED_PARK), columns=["a", "b", "material", "rent_a", "rent_b", "gain_a", "gain_b"])


@register(
    "symbiosis_critical_delta",
    caption=(
        "Critical discount factor δ* of each firm in a stylised eco-industrial park with the structure of "
        "Kalundborg (rents and gains are illustrative numbers). Each by-product link is a repeated game: side i "
        "earns the rent r per period and gains g once by cheating. Bilateral punishment (the cheated partner stops "
        "trading with the cheat) needs δ ≥ G/(G + R) for each pair of firms (G, R: the firm's gains and rents on its "
        "links with that partner); network punishment (an association's records: every partner stops) pools all "
        "of a firm's links, δ ≥ G_i/(G_i + R_i) (Bernheim & Whinston 1990). Bars: the firm's largest threshold; "
        "dotted lines: the threshold of the whole network (the largest bar). Firms with many links gain most from "
        "pooling: what they lose by cheating, or leaving, grows with their links."
    ),
    figsize=(7.2, 4.8),
)
def symbiosis_critical_delta(fig, *, quick: bool = False):
    links = stylised_park()
    res = symbiosis.critical_delta(links, "network")
    data = res.firms[["firm", "n_links", "rent", "gain", "delta_bilateral", "delta_network"]].copy()
    for c in ("rent", "gain", "delta_bilateral", "delta_network"):
        data[c] = data[c].astype(float)
    plot_links.plot_thresholds(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data


@register(
    "symbiosis_resilience",
    caption=(
        "Surplus per period that survives each firm's exit from the stylised Kalundborg-like park of "
        "symbiosis_critical_delta, at discount factor δ = 0.55, under bilateral and network punishment "
        "(symbiosis.resilience). Dashed lines: the self-enforcing surplus of the intact park (network punishment "
        "sustains every link; bilateral punishment loses the links whose own side is too tempted). Each column "
        "splits the intact surplus into the exiting firm's own links (light), the links lost in the trust cascade "
        "(hatched: links the firm was not part of, whose firms relied on its rents to stay honest and now cheat) "
        "and the rest; the solid bar is the best self-enforcing surplus after the exit, which can recover part of "
        "the cascade when the park re-organises. The power station is the keystone; under network punishment its "
        "exit also brings down links among other firms."
    ),
    figsize=(8.6, 4.6),
)
def symbiosis_resilience(fig, *, quick: bool = False):
    import pandas as pd

    links = stylised_park()
    frames = []
    for pun in ("bilateral", "network"):
        res = symbiosis.resilience(links, DELTA, pun)
        frames.append(res.table.assign(punishment=pun, surplus=float(res.surplus), delta=DELTA))
    data = pd.concat(frames, ignore_index=True)
    for c in ("firm_rent", "direct_loss", "cascade_loss", "surplus_unravelled", "surplus_after", "lost"):
        data[c] = data[c].astype(float)
    data = data[["punishment", "delta", "firm", "links", "firm_rent", "surplus", "direct_loss", "collapsed",
                 "cascade_loss", "surplus_unravelled", "surplus_after", "lost", "share_kept", "collapsed_links"]]
    plot_links.plot_resilience(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data
