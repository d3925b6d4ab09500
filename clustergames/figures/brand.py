"""Figures of the regional brand (区域品牌) as a collective reputation."""

from __future__ import annotations

from .. import brand
from ..plotting import brand as plot_brand
from . import register

#: the brand of the figure: 20% honest firms, 10% dishonest, quality costs 1, full premium 2, a cheat is caught with
#: probability 1/2, delta = 0.8, buyers weight the latest period by 1/4
BRAND = {"honest": 0.2, "dishonest": 0.1, "cost": 1.0, "premium": 2.0, "detection": 0.5, "delta": 0.8,
         "memory": 0.25}


@register(
    "brand_reputation",
    caption=(
        "The regional brand as a collective reputation (in the spirit of Tirole 1996). Buyers pay a premium "
        "Δ·r_t for the region's products, where the reputation r_t is the exponentially weighted share of quality "
        "in the region's past sales (weight 1/4 on the latest period); entrants inherit it. 20% of firms always "
        "deliver quality (α_H), 10% never (α_D), the rest deliver it (cost c = 1) when the premium they would lose "
        "if caught (probability p = 1/2, premium Δ = 2, δ = 0.8) is worth it, i.e. when r_t ≥ r† = "
        "c(1 − δ)/(p δ Δ) = 0.25 (brand.brand_threshold). Paths from different starting reputations: the same "
        "firms, costs and rules end at the good brand (0.9) or the bad one (0.2) depending only on history; a "
        "scandal that pushes the reputation below r† is not undone by the honest firms alone."
    ),
    figsize=(7.0, 4.6),
)
def brand_reputation(fig, *, quick: bool = False):
    import pandas as pd

    b = brand.RegionalBrand(**BRAND)
    periods = 20 if quick else 30
    frames = []
    for start in (0.05, 0.15, 0.23, 0.27, 0.4, 0.6, 0.98):
        path = b.path(start, periods=periods)
        frames.append(pd.DataFrame({"start": start, "period": range(periods + 1), "reputation": path.reputation}))
    data = pd.concat(frames, ignore_index=True)
    ax = plot_brand.plot_brand_paths(data, ax=fig.add_subplot(), threshold=b.threshold, good=b.good, bad=b.bad)
    ax.set_title("A regional brand: good or bad depending on history")
    fig.tight_layout()
    return data
