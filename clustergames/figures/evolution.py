"""Figures of the evolutionary governance games.

Government–firm phase portraits, government–firm–association trajectories in the unit cube, and the critical mass
of the eco-link stag hunt against the subsidy.
"""

from __future__ import annotations

import numpy as np

from .. import evolution as ev
from ..plotting import evolution as plot_ev
from . import register


def _eigen_text(ev_: np.ndarray) -> str:
    return "; ".join(f"{complex(v).real:.4g}{complex(v).imag:+.4g}j" if complex(v).imag else f"{complex(v).real:.4g}"
                     for v in np.atleast_1d(ev_))


def _tidy(table, **columns):
    out = table.drop(columns=["coords"]).copy()
    out["eigenvalues"] = out["eigenvalues"].map(_eigen_text)
    for k, v in reversed(columns.items()):
        out.insert(0, k, v)
    return out


@register(
    "evolution_government_firm_portraits",
    caption=(
        "Replicator dynamics of the government–firm game (x: share of governments regulating actively, y: share "
        "of firms producing circularly) in three scenarios. Left: the higher government's reward covers regulation "
        "and subsidy and subsidy plus fine exceed the extra cost of circular production, so (1, 1) is the only ESS. "
        "Centre: regulation pays only while firms pollute; the interior rest point is a centre and play cycles. "
        "Right: regulation costs more than it ever returns, so (0, 0) is the ESS. Rest points are marked by the type "
        "of their Jacobian's eigenvalues; an interior point is never an ESS (Selten 1980)."
    ),
    figsize=(13.0, 4.6),
)
def evolution_government_firm_portraits(fig, *, quick: bool = False):
    import pandas as pd

    grid = 15 if quick else 31
    axes = fig.subplots(1, 3)
    starts = {
        "stable cooperation": [[0.05, 0.1], [0.1, 0.6], [0.5, 0.05], [0.9, 0.1], [0.3, 0.95], [0.02, 0.9]],
        "centre": [[0.5, 0.2], [0.5, 0.35], [0.5, 0.08]],
        "stable non-cooperation": [[0.9, 0.9], [0.95, 0.5], [0.6, 0.95], [0.98, 0.2], [0.3, 0.9]],
    }
    titles = {"stable cooperation": "(a) stable cooperation", "centre": "(b) cycling around a centre",
              "stable non-cooperation": "(c) stable non-cooperation"}
    frames = []
    for i, (ax, (name, params)) in enumerate(zip(axes, ev.GOVERNMENT_FIRM_SCENARIOS.items())):
        system = ev.government_firm(**params)
        pp = system.phase_portrait(grid=grid, x0=starts[name], t_max=12 if name == "centre" else 25,
                                   step=0.05 if quick else 0.02)
        plot_ev.plot_phase_portrait(pp, ax=ax, title=titles[name], legend=False, density=0.7)
        if i:
            ax.set_ylabel("")
        frames.append(_tidy(pp.table, scenario=name, **{k: params[k] for k in params}))
    handles, labels = [], []
    for ax in axes:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return pd.concat(frames, ignore_index=True)


@register(
    "evolution_association_cube",
    caption=(
        "Trajectories of the government–firm–association game in the unit cube (x: active governments, y: circular "
        "firms, z: active associations). Left: a government-activated cluster, where the higher government's reward "
        "covers regulation, subsidy and the payment to the association, so every trajectory reaches (1, 1, 1). "
        "Right: a self-organised cluster without a strong government, where certification and blacklisting by the "
        "association make circular production pay and service income covers its cost, so (0, 1, 1) attracts. "
        "Rest points are labelled with their coordinates (x, y, z); dots mark where trajectories start."
    ),
    figsize=(11.0, 5.2),
)
def evolution_association_cube(fig, *, quick: bool = False):
    import pandas as pd

    rng = np.random.default_rng(20100101)
    n = 12 if quick else 30
    x0 = rng.uniform(0.05, 0.95, size=(n, 3))
    frames = []
    for i, (name, params) in enumerate(ev.GOVERNMENT_FIRM_ASSOCIATION_SCENARIOS.items()):
        ax = fig.add_subplot(1, 2, i + 1, projection="3d")
        system = ev.government_firm_association(**params)
        tr = system.simulate(x0, np.linspace(0, 30, 151), step=0.05)
        table = system.stability_table()
        plot_ev.plot_trajectories(tr, ax=ax, table=table, color=_colour(i), title=f"({'ab'[i]}) {name}",
                                  labels=("government active $x$", "firm circular $y$", "association active $z$"))
        plot_ev.label_rest_points(table, ax)  # coordinates: a point's place in a projected cube is ambiguous
        # short tick labels, and none at y = 0 where the x axis ends: no colliding labels at the corners
        for axis, ticks in ((ax.xaxis, (0, 0.5, 1)), (ax.yaxis, (0.5, 1)), (ax.zaxis, (0, 0.5, 1))):
            axis.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
        ax.view_init(elev=22, azim=-58)
        frames.append(_tidy(table, scenario=name))
    handles, labels = [], []
    for ax in fig.axes:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9, frameon=False,
               title="rest points")
    fig.subplots_adjust(left=0.02, right=0.97, top=0.93, bottom=0.14, wspace=0.12)
    return pd.concat(frames, ignore_index=True)


def _colour(i: int) -> str:
    from ..plotting import PALETTE

    return PALETTE[(0, 2)[i % 2]]


@register(
    "evolution_critical_mass",
    caption=(
        "The eco-link stag hunt (benefit b = 4 to each firm when both invest, cost c = 2, spillover 1 to a firm "
        "that waits while its partner invests): the critical mass x* = (c − s)/(b − spillover) of investors above "
        "which investing spreads under the replicator dynamics, against the subsidy s per investor. Vertical lines: "
        "the subsidies that make investing risk-dominant (x* < 1/2), pass the one-third rule of finite populations "
        "(x* < 1/3, Nowak et al. 2004) and make it dominant (s = c)."
    ),
    figsize=(6.8, 4.6),
)
def evolution_critical_mass(fig, *, quick: bool = False):
    import pandas as pd

    b, c, sig = 4.0, 2.0, 1.0
    s = np.linspace(0.0, 2.5, 126 if quick else 501)
    data = pd.DataFrame({"subsidy": s, "critical_mass": ev.eco_link_critical_mass(b, c, sig, s),
                         "benefit": b, "cost": c, "spillover": sig})
    thresholds = {"risk dominance": ev.risk_dominance_subsidy(b, c, sig),
                  "one-third rule": ev.one_third_subsidy(b, c, sig),
                  "dominance": ev.dominance_subsidy(b, c, sig)}
    plot_ev.plot_critical_mass(data, thresholds, ax=fig.add_subplot(),
                               title="Eco-link investment: how large a subsidy tips the cluster")
    fig.tight_layout()
    return data
