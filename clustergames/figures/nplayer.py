"""Figures of the many-firm games.

The gradient of selection of the threshold public good, cooperation under three sanction regimes against the
monitoring probability, and who builds the shared treatment plant.
"""

from __future__ import annotations

import numpy as np

from .. import nplayer as npl
from ..plotting import LINESTYLES, PALETTE
from ..plotting import nplayer as plot_np
from . import register

#: the shared-infrastructure example: benefit of the plant to each firm and each contributor's cost
PLANT_B, PLANT_C = 4.0, 1.0


@register(
    "nplayer_threshold_gradient",
    caption=(
        "Gradient of selection of the threshold public good (a treatment plant built only if at least k of n = 8 "
        "firms contribute; each firm gains b = 4 if it is built, a contributor pays c = 1). Left: infinite "
        "population, x' = x(1-x) f(x) with f the gain from contributing (Hauert et al. 2006); filled circles are "
        "stable rest points, open circles unstable ones; x = 0 and x = 1 are rest points for every k (not "
        "marked): x = 1 is unstable, x = 0 is unstable for k = 1 and stable for k >= 2 (near x = 0.18 the "
        "stable point of k = 1 sits inside the unstable ring of k = 3). The interior rest points are "
        "exactly the symmetric mixed equilibria (Palfrey & Rosenthal 1984). For k = 1 (the volunteer's dilemma) "
        "contributors and free riders "
        "coexist; for k >= 2 an unstable coordination threshold separates collapse (x = 0) from a stable mix. "
        "Right: finite population of Z = 40 firms with groups drawn without replacement and pairwise-comparison "
        "imitation (selection intensity beta = 2), G(j) = T+(j) - T-(j) (Pacheco et al. 2009)."
    ),
    figsize=(11.5, 4.4),
)
def nplayer_threshold_gradient(fig, *, quick: bool = False):
    import pandas as pd

    ax1, ax2 = fig.subplots(1, 2)
    n, Z, beta = 8, 40, 2.0
    frames = []
    for i, k in enumerate((1, 2, 3, 5)):
        game = npl.threshold_public_goods(n, k, PLANT_B, PLANT_C)
        rep = npl.replicator(game, grid=201 if quick else 801)
        plot_np.plot_gradient(rep, ax=ax1, label=f"k = {k}", color=PALETTE[i], linestyle=LINESTYLES[i],
                              endpoints=False)
        fin = npl.finite_population(game, Z, selection=beta)
        plot_np.plot_finite_gradient(fin, ax=ax2, label=f"k = {k}", color=PALETTE[i], linestyle=LINESTYLES[i])
        rp = rep.rest_points.assign(k=k, population="infinite", quantity="rest point")
        frames.append(rp[["k", "population", "quantity", "x", "type"]].rename(columns={"type": "value"}))
        frames.append(pd.DataFrame({"k": k, "population": f"Z={Z}", "quantity": "gradient", "x": fin.x,
                                    "value": fin.gradient}))
    ax1.set_title("(a) infinite population", fontsize=10)
    ax2.set_title(f"(b) finite population, Z = {Z}, β = {beta:g}", fontsize=10)
    ax1.legend(title="contributions needed", fontsize=8, title_fontsize=8, loc="upper right")
    from matplotlib.lines import Line2D

    marks = [Line2D([], [], marker="o", linestyle="", markerfacecolor=face, markeredgecolor="black", label=lab)
             for face, lab in (("black", "stable rest point"), ("white", "unstable rest point"))]
    ax2.legend(handles=marks, fontsize=8, loc="upper right")
    fig.tight_layout()
    return pd.concat(frames, ignore_index=True)


@register(
    "nplayer_sanctions",
    caption=(
        "Repeated cooperation of n = 10 firms in a public good (r = 3, c = 1: T = 2.7, R = 2, P = 0) when the "
        "association detects a violation with probability p and each firm violates by mistake with probability "
        "0.05. Left: the smallest discount factor delta* that sustains cooperation under grim reversion (everyone "
        "returns to the stage equilibrium, also after another firm's detected mistake), exclusion of the detected "
        "violator (outside option O = -1: it loses the "
        "cluster's rents) and graduated sanctions (fines 2 and 4, then exclusion; Ostrom 1990); missing values: no "
        "delta < 1 works. Right: the discounted share of firm-periods spent cooperating at delta = 0.9 (0 where the "
        "regime cannot sustain cooperation). Better monitoring deters violations but also punishes honest mistakes: "
        "grim reversion loses the most cooperation as p rises; graduated sanctions, once monitoring makes the fines "
        "bite, keep the most."
    ),
    figsize=(11.5, 4.4),
)
def nplayer_sanctions(fig, *, quick: bool = False):
    ax1, ax2 = fig.subplots(1, 2)
    ps = np.linspace(0.01, 1.0, 34 if quick else 100)
    g = npl.public_goods(10, 3, 1)
    pay = {k: float(v) for k, v in g.stage_payoffs().items()}
    res = npl.sanction_regimes(ps, delta=0.9, **pay, n_firms=10, outside=-1.0, noise=0.05, fines=[2.0, 4.0])
    plot_np.plot_sanctions(res, ax=ax1, value="critical_delta", legend=False)
    ax1.text(0.98, 0.91, "δ = 0.9", transform=ax1.transAxes, ha="right", fontsize=8, color="0.4")
    plot_np.plot_sanctions(res, ax=ax2, value="cooperation")
    ax1.set_title("(a) critical discount factor", fontsize=10)
    ax2.set_title("(b) cooperation at δ = 0.9", fontsize=10)
    fig.tight_layout()
    return res.to_frame()


def _plant_probability(n: int, k: int, cost: float) -> tuple[float, float]:
    """Stable symmetric equilibrium contribution probability and the probability the plant gets built."""
    import math

    game = npl.threshold_public_goods(n, k, PLANT_B, cost)
    mixed = [e for e in game.symmetric_equilibria() if e.kind == "mixed" and e.stability == "stable"]
    p = mixed[-1].p_float if mixed else 0.0
    return p, float(sum(math.comb(n, j) * p ** j * (1 - p) ** (n - j) for j in range(k, n + 1)))


@register(
    "nplayer_treatment_plant",
    caption=(
        "Who builds the shared treatment plant? n firms each gain b = 4 if at least k of them contribute, at a cost "
        "c each. Left: in a pure equilibrium exactly k firms build it (probability 1, dotted), but which k is a "
        "coordination problem; without coordination, in the stable symmetric mixed equilibrium each firm "
        "contributes with probability p*, and the probability that the plant gets built (at least k contributors) "
        "falls as the cluster grows, more steeply the more contributors it needs (Diekmann 1985; Palfrey & "
        "Rosenthal 1984). Right: a subsidy that pays a share s of each contributor's cost (c = 1 - s) raises the "
        "chance the plant gets built in a cluster of n = 10 firms with k = 3: external support activating "
        "self-organisation."
    ),
    figsize=(11.5, 4.4),
)
def nplayer_treatment_plant(fig, *, quick: bool = False):
    import pandas as pd

    ax1, ax2 = fig.subplots(1, 2)
    rows = []
    top = 14 if quick else 30
    for i, k in enumerate((1, 2, 3)):
        ns = np.arange(k + 1, top + 1)
        built = []
        for n in ns:
            p, q = _plant_probability(int(n), k, PLANT_C)
            built.append(q)
            rows.append({"panel": "group size", "k": k, "n": int(n), "subsidy": 0.0, "p_star": p, "built": q})
        ax1.plot(ns, built, color=PALETTE[i], linestyle=LINESTYLES[i], marker="o", ms=3, lw=1.6, label=f"k = {k}")
    ax1.axhline(1.0, color="0.4", linestyle=":", lw=1.0, label="pure equilibrium (exactly k build)")
    ax1.set_ylim(0, 1.05)
    ax1.set_xlabel("number of firms n")
    ax1.set_ylabel("probability the plant is built")
    ax1.set_title("(a) without coordination, by cluster size", fontsize=10)
    ax1.legend(fontsize=8, loc="lower left")
    subs = np.linspace(0.0, 0.9, 10 if quick else 31)
    built, pstar = [], []
    for s in subs:
        p, q = _plant_probability(10, 3, PLANT_C * (1 - s))
        built.append(q)
        pstar.append(p)
        rows.append({"panel": "subsidy", "k": 3, "n": 10, "subsidy": float(s), "p_star": p, "built": q})
    ax2.plot(subs, built, color=PALETTE[2], lw=1.8, label="plant built (at least k = 3 contribute)")
    ax2.plot(subs, pstar, color=PALETTE[3], lw=1.8, linestyle="--", label="each firm contributes, p*")
    ax2.set_ylim(0, 1.05)
    ax2.set_xlim(0, 0.9)
    ax2.set_xlabel("subsidy: share s of the contribution cost paid by the government")
    ax2.set_ylabel("probability")
    ax2.set_title("(b) n = 10 firms, k = 3", fontsize=10)
    ax2.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return pd.DataFrame(rows)
