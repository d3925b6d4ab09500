"""Figures of timing and information.

Credible and empty threats, hold-up with one or several auxiliaries, and limit pricing as a signalling game.
"""

from __future__ import annotations

import numpy as np

from .. import extensive
from ..plotting import extensive as plot_extensive
from . import register


def _profile_text(game, profile_index) -> str:
    sg = game.to_stage_game()
    i, j = profile_index
    return f"({sg.actions[0][i]}, {sg.actions[1][j]})"


@register(
    "extensive_entry_deterrence",
    caption=(
        "Entry deterrence (Selten 1978). The entrant stays out (0 to the entrant, 2 to the incumbent) or enters; the "
        "incumbent then fights (entrant −1, incumbent f) or accommodates (1, 1). Thick vermillion: the path of the "
        "subgame-perfect equilibrium (SPE); thin vermillion: the choice at the node off the path. Left, f = −1: "
        "fighting is an empty threat, the only SPE is (in, accommodate), although (out, fight) is a Nash "
        "equilibrium of the normal form. Right, f = 2: fighting is credible and the entrant stays out. The threat "
        "is credible iff f ≥ 1 (found symbolically by backward induction)."
    ),
    figsize=(9.0, 3.8),
)
def extensive_entry_deterrence(fig, *, quick: bool = False):
    """Two trees (empty and credible threat) with the SPE path; data: every Nash and SPE profile of both."""
    import pandas as pd

    rows = []
    axes = fig.subplots(1, 2)
    for ax, fight, title in zip(axes, (-1, 2), ("empty threat: f = −1", "credible threat: f = 2")):
        game = extensive.entry_deterrence(fight=fight)
        spe = game.subgame_perfect()
        spe_profiles = {(e.action("root"), e.action("in")) for e in spe}
        sg = game.to_stage_game()
        for i, j in sg.pure_equilibria():
            prof = (sg.actions[0][i], sg.actions[1][j])
            rows.append({"fight": fight, "entrant": prof[0], "incumbent": prof[1],
                         "payoff entrant": sg.payoff(i, j)[0], "payoff incumbent": sg.payoff(i, j)[1],
                         "subgame perfect": prof in spe_profiles})
        plot_extensive.plot_tree(game, ax=ax, equilibrium=spe[0], title=title, fontsize=9)
    fig.tight_layout()
    data = pd.DataFrame(rows)
    data["payoff entrant"] = data["payoff entrant"].astype(float)
    data["payoff incumbent"] = data["payoff incumbent"].astype(float)
    return data


#: parameters of the hold-up figure: surplus a x, each supplier capable with probability 0.7
HOLD_UP = {"value": 1.0, "capable": 0.7}


@register(
    "extensive_hold_up",
    caption=(
        "Hold-up and the core firm's choice of auxiliaries. The core firm invests x (cost x²/2) in a "
        "relation-specific asset worth a·x (a = 1); each of k suppliers is capable with probability q = 0.7. One "
        "capable supplier holds up and leaves the firm the share β of the surplus (Nash bargaining ex post); two or "
        "more compete the price down to cost (second sourcing, Farrell & Gallini 1988). Left: the investment "
        "x* = s_k·a with s_k = 1 − (1−q)^k − kq(1−q)^(k−1)(1−β); dotted lines the first best (1 − (1−q)^k)·a; "
        "circles: backward induction on the game tree with investment levels 0, 0.01, …, 1. Right: the welfare "
        "lost to hold-up, a²(kq(1−q)^(k−1)(1−β))²/2. Competition among auxiliaries removes most of the "
        "under-investment (the article: selecting auxiliaries 减少了企业之间的要挟行为)."
    ),
    figsize=(10.0, 4.2),
)
def extensive_hold_up(fig, *, quick: bool = False):
    """Closed-form investment and loss against beta for k = 1, 2, 3, 5, with tree points."""
    import pandas as pd

    a, q = HOLD_UP["value"], HOLD_UP["capable"]
    beta = np.linspace(0, 1, 51 if quick else 201)
    rows = []
    for k in (1, 2, 3, 5):
        inv = extensive.competitive_investment(beta, q, k, a)
        loss = extensive.competitive_loss(beta, q, k, a)
        fb = (1 - (1 - q) ** k) * a
        rows.append(pd.DataFrame({"source": "closed form", "n_suppliers": k, "beta": beta, "investment": inv,
                                  "loss": loss, "first_best": fb}))
    levels = [round(v, 2) for v in np.linspace(0, 1, 101)]
    pts = (0.25, 0.75) if quick else (0.1, 0.3, 0.5, 0.7, 0.9)
    tree_rows = []
    for k in (1, 2, 3, 5):
        for b in pts:
            game = extensive.hold_up(beta=b, value=a, levels=levels, n_suppliers=k, capable=q)
            eq = game.subgame_perfect()[0]
            x = float(eq.action("root").removeprefix("invest "))
            tree_rows.append({"source": "tree", "n_suppliers": k, "beta": b, "investment": x,
                              "loss": float("nan"), "first_best": (1 - (1 - q) ** k) * a})
    data = pd.concat(rows + [pd.DataFrame(tree_rows)], ignore_index=True)
    ax1, ax2 = fig.subplots(1, 2)
    plot_extensive.plot_hold_up(data, ax=ax1, quantity="investment")
    plot_extensive.plot_hold_up(data[data.source == "closed form"], ax=ax2, quantity="loss")
    ax1.legend(loc="lower right", fontsize=8)
    ax2.legend(loc="upper right", fontsize=8)
    ax1.set_title("investment")
    ax2.set_title("welfare lost to hold-up")
    fig.tight_layout()
    return data


#: limit-pricing parameters: monopoly gain V = 2, entrant +1 against a high-cost, −1 against a low-cost incumbent
LIMIT = {"monopoly_gain": 2.0, "entrant_profit": 1.0, "entrant_loss": 1.0, "price_cost_low": 0.5}


def _region(eqs) -> str:
    kinds = {(e.kind, e.sender["high cost"]) for e in eqs if e.intuitive}
    sep = ("separating", "high price") in kinds
    pool = ("pooling", "low price") in kinds
    if sep and pool:
        return "separating and pooling"
    if sep:
        return "separating"
    if pool:
        return "pooling on the low price"
    return "no pure equilibrium"


@register(
    "extensive_limit_pricing",
    caption=(
        "Limit pricing as a signalling game (Milgrom & Roberts 1982), two-price version. An incumbent of low cost "
        "(prior probability p) or high cost sets a low or a high price; the entrant sees the price and enters (+1 "
        "against a high-cost, −1 against a low-cost incumbent) or stays out (0). Keeping the market is worth V = 2 "
        "to the incumbent; the low price costs a high-cost incumbent k, the high price costs a low-cost one 0.5. "
        "Colours: the pure perfect Bayesian equilibria that survive the intuitive criterion (Cho & Kreps 1987), "
        "found by enumeration at the centre of every grid cell. Separating (prices reveal cost, entry after the "
        "high price) iff "
        "k ≥ V; pooling on the low price (limit pricing deters entry) iff k ≤ V and p ≥ p* = 1/2; otherwise no "
        "pure equilibrium (on the knife edges k = V and p = p* both kinds coexist). Pooling on the high price "
        "also exists for p ≥ 1/2 but fails the intuitive criterion."
    ),
    figsize=(6.4, 4.6),
)
def extensive_limit_pricing(fig, *, quick: bool = False):
    """Region of each kind of (intuitive) pure PBE over mimic cost k/V and prior p."""
    import pandas as pd

    n = 20 if quick else 40
    # cell centres: the knife edges k = V and p = p* (where both kinds of equilibrium exist) fall on cell
    # boundaries, so every drawn cell is a generic game and the regions meet exactly at the dashed lines
    ks = (np.arange(n) + 0.5) * 2 / n
    ps = (np.arange(n) + 0.5) / n
    V = LIMIT["monopoly_gain"]
    rows = []
    for p in ps:
        for r in ks:
            game = extensive.limit_pricing(prior_low=float(p), mimic_cost=float(r * V), **LIMIT)
            eqs = game.equilibria()
            rows.append({"mimic_ratio": float(r), "prior_low": float(p), "region": _region(eqs),
                         "n_equilibria": len(eqs), "n_intuitive": sum(e.intuitive for e in eqs)})
    data = pd.DataFrame(rows)
    ax = fig.add_subplot()
    plot_extensive.plot_regions(data, ax=ax, xlabel=r"mimicking cost of the high-cost incumbent $k / V$",
                                ylabel=r"prior probability of low cost $p$")
    ax.set_title("pure perfect Bayesian equilibria that pass the intuitive criterion", fontsize=10)
    pstar = LIMIT["entrant_profit"] / (LIMIT["entrant_profit"] + LIMIT["entrant_loss"])
    ax.axvline(1.0, color="0.2", lw=0.9, ls="--")
    ax.axhline(pstar, color="0.2", lw=0.9, ls="--")
    ax.text(1.02, 0.03, "$k = V$", fontsize=8.5, transform=ax.get_xaxis_transform())
    ax.text(0.02, pstar + 0.015, r"$p^* = e_H/(e_H+e_L)$", fontsize=8.5, transform=ax.get_yaxis_transform())
    fig.tight_layout()
    return data
