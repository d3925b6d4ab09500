"""Figures of the trust layer: exit costs, detection, community enforcement versus records, benefit sharing."""

from __future__ import annotations

import numpy as np

from .. import trust
from ..plotting import trust as plot_trust
from . import register

#: Axelrod's payoffs used throughout the trust figures
T, R, P = 5.0, 3.0, 1.0


@register(
    "trust_exit_region",
    caption=(
        "Cooperation region in the plane of the discount factor δ and the per-period exit opportunity cost "
        "L = R − outside (the cluster rents a firm loses when it is expelled), for T − R = 2. A cheat is detected and "
        "expelled with probability p; cooperation is a subgame-perfect equilibrium above each curve "
        "L*(δ) = (1 − δ)(T − R)/(δ p) (trust.min_rent_loss). Without expulsion (bilateral punishment, P = 1) the "
        "threshold δ* = (T − R)/(T − P) does not depend on L: rents discipline only when exclusion is credible."
    ),
    figsize=(6.6, 4.6),
)
def trust_exit_region(fig, *, quick: bool = False):
    import pandas as pd

    delta = np.linspace(0.05, 0.99, 120 if quick else 400)
    rates = np.array([1.0, 0.75, 0.5, 0.25])
    D, Pm = np.meshgrid(delta, rates)
    L = trust.min_rent_loss(T, R, D, detection=Pm)
    data = pd.DataFrame({"delta": D.ravel(), "detection": Pm.ravel(), "min_rent_loss": L.ravel()})
    plot_trust.plot_exit_region(data, ax=fig.add_subplot(), bilateral=trust.grim_trigger_delta(T, R, P),
                               ymax=8.0, gain=T - R)
    fig.tight_layout()
    return data


@register(
    "trust_contagion_vs_records",
    caption=(
        "Critical discount factor against the number of firms N under community enforcement by contagion with "
        "random matching (Kandori 1992; on-path condition, exact matching probabilities), beside the threshold "
        "with an industry association that keeps records (Milgrom, North & Weingast 1990; query cost 0.25, "
        "appeal cost 1), for two temptations (R = 3, P = 1). News of a cheat spreads slowly in a large cluster, so "
        "contagion needs ever more patience; records make the threshold independent of size."
    ),
    figsize=(6.6, 4.6),
)
def trust_contagion_vs_records(fig, *, quick: bool = False):
    import pandas as pd

    sizes = np.arange(2, 42 if quick else 82, 2)
    frames = []
    for Tc in (4.0, 5.0):
        con = trust.contagion_delta(Tc, R, P, sizes)
        rec = trust.law_merchant(Tc, R, P, 0.25, 1.0, 0.5).min_delta
        frames.append(pd.DataFrame({"n_firms": sizes, "delta": con, "mechanism": "contagion", "case": f"T = {Tc:g}"}))
        frames.append(pd.DataFrame({"n_firms": sizes, "delta": np.full(sizes.shape, rec), "mechanism": "records",
                                    "case": f"T = {Tc:g}"}))
    data = pd.concat(frames, ignore_index=True)
    plot_trust.plot_contagion(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data


@register(
    "trust_benefit_sharing",
    caption=(
        "Pooled versus individual critical discount factors of two cluster firms (R = 3, P = 1) as firm 1's "
        "temptation T1 grows while firm 2's stays at T2 = 4. Without transfers cooperation needs the larger "
        "individual threshold; with side payments that sum to zero (benefit sharing) the incentive constraints "
        "pool and the threshold is Σ(Ti − Ri)/Σ(Ti − Pi) (trust.pooled_delta)."
    ),
    figsize=(6.6, 4.6),
)
def trust_benefit_sharing(fig, *, quick: bool = False):
    import pandas as pd

    T1 = np.linspace(3.05, 12.0, 80 if quick else 300)
    T2 = 4.0
    d1 = trust.grim_trigger_delta(T1, R, P)
    d2 = trust.grim_trigger_delta(np.full_like(T1, T2), R, P)
    pooled = trust.pooled_delta([T1, np.full_like(T1, T2)], [R, R], [P, P])
    data = pd.DataFrame({"T1": T1, "firm_1": d1, "firm_2": d2, "no_sharing": np.maximum(d1, d2),
                         "pooled": pooled})
    plot_trust.plot_benefit_sharing(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data


@register(
    "trust_min_detection",
    caption=(
        "The detection rate an industry association's monitoring must reach to sustain cooperation, "
        "p* = (1 − δ)(T − R)/(δ L) (trust.min_detection; T − R = 2), against the discount factor for several exit "
        "opportunity costs L. Curves start where p* falls below 1: less patient firms cannot be deterred by "
        "any monitoring; larger cluster rents lower the monitoring needed."
    ),
    figsize=(6.6, 4.6),
)
def trust_min_detection(fig, *, quick: bool = False):
    import pandas as pd

    delta = np.linspace(0.05, 0.99, 120 if quick else 400)
    Ls = np.array([0.5, 1.0, 2.0, 4.0, 8.0])
    D, LL = np.meshgrid(delta, Ls)
    p = trust.min_detection(T, R, R - LL, D)
    data = pd.DataFrame({"delta": D.ravel(), "rent_loss": LL.ravel(), "min_detection": p.ravel()})
    plot_trust.plot_min_detection(data, ax=fig.add_subplot())
    fig.tight_layout()
    return data


@register(
    "trust_partial_insurance",
    caption=(
        "Risk sharing below the full-insurance threshold. Two firms with log utility earn 3 and 1 in turn "
        "(roles drawn each period); the firm with the high income pays t to the other, and reneging ends the "
        "arrangement. Solid: the best self-enforcing transfer, as a share 2t/(h − l) of the income risk "
        "(trust.partial_insurance; Coate & Ravallion 1993, and the two-state case of Ligon, Thomas & Worrall "
        "2002): none below δ = 2u'(h)/(u'(l) + u'(h)) = 1/2, partial in between, full from δ* = 0.738 "
        "(trust.risk_sharing_delta). Dashed: the same firms also trade (prisoner's dilemma T = 1.2, R = 1, "
        "P = 0.9, in utility units), and cheating on either relationship ends both (trust.linked_relationship): "
        "the pooled constraint makes trade credible from δ = 0.631 instead of 2/3, and once trade is credible "
        "on its own its surplus supports more insurance. Where trade fails even when linked, the firms keep the "
        "separate insurance."
    ),
    figsize=(7.0, 4.8),
)
def trust_partial_insurance(fig, *, quick: bool = False):
    import pandas as pd

    delta = np.linspace(0.4, 0.9, 41 if quick else 126)
    alone = trust.partial_insurance(delta, 3.0, 1.0)
    linked = [trust.linked_relationship(float(d), T=1.2, R=1.0, P=0.9, high=3.0, low=1.0) for d in delta]
    data = pd.DataFrame({"delta": delta, "alone": alone.share,
                         "linked": [r.insurance_linked / alone.full_transfer if r.trade_linked else np.nan
                                    for r in linked],
                         "trade_alone": [r.trade_alone for r in linked],
                         "trade_linked": [r.trade_linked for r in linked]})
    first = linked[0]
    plot_trust.plot_partial_insurance(data, ax=fig.add_subplot(), full_threshold=alone.threshold, start=0.5,
                                      trade_alone=first.trade_threshold_alone,
                                      trade_linked=first.trade_threshold_linked)
    fig.tight_layout()
    return data
