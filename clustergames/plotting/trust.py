"""Drawing the trust mechanisms: cooperation regions, thresholds against cluster size, benefit sharing, detection.

Every function takes a tidy DataFrame (or a result object) computed by :mod:`clustergames.trust` or
:mod:`clustergames.repeated` and an optional ``ax``; it returns the Axes and computes no equilibrium.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import fmt
from ..repeated import CriticalDelta
from ..trust import BenefitSharing, ContagionCheck, PartialInsurance
from . import LINESTYLES, PALETTE, draws, get_axes


def _finite(y):
    y = np.asarray(y, dtype=float)
    return np.where(np.isfinite(y), y, np.nan)


def plot_exit_region(data: Any, ax: Any = None, *, bilateral: float | None = None, ymax: float | None = None,
                     gain: float | None = None):
    r"""Cooperation region in the (discount factor, exit opportunity cost) plane, one boundary per detection rate.

    ``data`` has columns ``delta``, ``detection`` and ``min_rent_loss`` (:func:`clustergames.trust.min_rent_loss`):
    cooperation is sustainable above each curve. The region for the highest detection rate is shaded.
    ``bilateral`` draws the grim-trigger threshold without expulsion (a vertical line: the rent cancels);
    ``ymax`` sets the top of the vertical axis; ``gain`` (the one-period gain from cheating :math:`T - R`) is stated
    in the title when given.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"delta": [0.2, 0.5, 0.8] * 2, "detection": [1.0] * 3 + [0.5] * 3,
    ...                    "min_rent_loss": [8, 2, 0.5, 16, 4, 1]})
    >>> ax = plot_exit_region(df)
    >>> ax.get_xlabel()
    'discount factor $\\delta$'
    """
    ax = get_axes(ax)
    rates = sorted(data["detection"].unique(), reverse=True)
    if ymax is None:
        big = float(np.nanmax(_finite(data["min_rent_loss"])))
        top = min(big, 4 * float(np.nanmedian(_finite(data["min_rent_loss"])))) if big > 0 else 1.0
    else:
        top = float(ymax)
    for k, p in enumerate(rates):
        sub = data[data["detection"] == p].sort_values("delta")
        y = _finite(sub["min_rent_loss"])
        colour = PALETTE[k % len(PALETTE)]
        ax.plot(sub["delta"], y, color=colour, ls=LINESTYLES[k % len(LINESTYLES)], lw=1.8,
                label=f"detection $p$ = {p:g}")
        if k == 0:
            ax.fill_between(sub["delta"], np.minimum(y, top), top, color=colour, alpha=0.12, lw=0)
            x0 = float(data["delta"].max())
            ax.text(x0 - 0.02, 0.55 * top, f"cooperation sustainable\n(shaded for $p$ = {p:g})", ha="right",
                    va="center", fontsize=8.5, color="0.25")
    if bilateral is not None and np.isfinite(bilateral):
        ax.axvline(bilateral, color="0.3", lw=1.0, ls=":")
        # below every curve left of the line the plane is empty: the note goes there, clear of the curves
        ax.text(bilateral - 0.01, 0.03 * top, "bilateral punishment\n(no expulsion): the rent\ncancels, "
                "$\\delta^* = \\frac{T-R}{T-P}$", fontsize=8, color="0.3", va="bottom", ha="right")
    ax.set_xlim(float(data["delta"].min()), float(data["delta"].max()))
    ax.set_ylim(0, top)
    ax.set_xlabel(r"discount factor $\delta$")
    ax.set_ylabel(r"exit opportunity cost $L = R - \mathrm{outside}$ (per period)")
    title = "Exit costs sustain trust: cooperation needs $\\delta p L \\geq (1-\\delta)(T-R)$"
    if gain is not None:
        title += f", $T - R$ = {fmt(gain)}"
    ax.set_title(title)
    ax.legend(loc="upper right", title="expulsion with")
    return ax


def plot_contagion(data: Any, ax: Any = None):
    r"""Critical discount factor against cluster size: contagion (Kandori 1992) beside association records.

    ``data`` has columns ``n_firms``, ``delta``, ``mechanism`` (``"contagion"`` or ``"records"``) and ``case``
    (a label for the payoffs). Contagion thresholds are drawn with markers, record thresholds as flat lines.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"n_firms": [2, 4, 2, 4], "delta": [0.5, 0.69, 0.4, 0.4],
    ...                    "mechanism": ["contagion"] * 2 + ["records"] * 2, "case": ["T=5"] * 4})
    >>> plot_contagion(df).get_ylabel()
    'critical discount factor $\\delta^*$'
    """
    ax = get_axes(ax)
    for k, case in enumerate(dict.fromkeys(data["case"])):
        colour = PALETTE[k % len(PALETTE)]
        sub = data[data["case"] == case]
        con = sub[sub["mechanism"] == "contagion"].sort_values("n_firms")
        rec = sub[sub["mechanism"] == "records"].sort_values("n_firms")
        ax.plot(con["n_firms"], _finite(con["delta"]), color=colour, ls="-", marker="o", ms=3.5, lw=1.6,
                label=f"contagion, {case}")
        if len(rec):
            ax.plot(rec["n_firms"], _finite(rec["delta"]), color=colour, ls="--", lw=1.6,
                    label=f"association records, {case}")
    ax.set_ylim(0, 1)
    ax.set_xlim(float(data["n_firms"].min()), float(data["n_firms"].max()))
    ax.set_xlabel("number of firms in the cluster $N$")
    ax.set_ylabel(r"critical discount factor $\delta^*$")
    ax.set_title("Community enforcement weakens with size; records do not")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_benefit_sharing(data: Any, ax: Any = None):
    r"""Pooled versus individual thresholds of two firms as the first firm's temptation grows.

    ``data`` has columns ``T1`` (firm 1's temptation), ``firm_1``, ``firm_2``, ``no_sharing`` (the larger
    individual threshold) and ``pooled``. The gap between the no-sharing and the pooled threshold is shaded.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"T1": [4, 5], "firm_1": [0.33, 0.5], "firm_2": [0.4, 0.4], "no_sharing": [0.4, 0.5],
    ...                    "pooled": [0.37, 0.45]})
    >>> plot_benefit_sharing(df).get_xlabel()
    "firm 1's temptation $T_1$"
    """
    ax = get_axes(ax)
    x = data["T1"]
    ax.plot(x, _finite(data["firm_1"]), color=PALETTE[1], ls=LINESTYLES[1], lw=1.3, label="firm 1 alone")
    ax.plot(x, _finite(data["firm_2"]), color=PALETTE[2], ls=LINESTYLES[2], lw=1.3, label="firm 2 alone")
    ax.plot(x, _finite(data["no_sharing"]), color=PALETTE[3], ls="-", lw=2.0,
            label=r"no sharing: $\max_i\,(T_i-R_i)/(T_i-P_i)$")
    ax.plot(x, _finite(data["pooled"]), color=PALETTE[0], ls="-", lw=2.0,
            label=r"benefit sharing: $\sum_i (T_i-R_i)/\sum_i (T_i-P_i)$")
    ax.fill_between(x, _finite(data["pooled"]), _finite(data["no_sharing"]), color=PALETTE[0], alpha=0.15, lw=0,
                    label="discount factors gained by sharing")
    ax.set_ylim(0, 1)
    ax.set_xlim(float(x.min()), float(x.max()))
    ax.set_xlabel("firm 1's temptation $T_1$")
    ax.set_ylabel(r"critical discount factor $\delta^*$")
    ax.set_title("Benefit sharing pools the firms' incentive constraints")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_min_detection(data: Any, ax: Any = None):
    r"""Minimum detection probability against the discount factor, one curve per exit opportunity cost.

    ``data`` has columns ``delta``, ``rent_loss`` and ``min_detection`` (``inf`` where no rate suffices).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"delta": [0.3, 0.6, 0.9], "rent_loss": [2.0] * 3, "min_detection": [np.inf, 0.67, 0.1]})
    >>> [float(v) for v in plot_min_detection(df).get_ylim()]
    [0.0, 1.1]
    """
    ax = get_axes(ax)
    for k, L in enumerate(sorted(data["rent_loss"].unique())):
        sub = data[data["rent_loss"] == L].sort_values("delta")
        ax.plot(sub["delta"], _finite(sub["min_detection"]), color=PALETTE[k % len(PALETTE)],
                ls=LINESTYLES[k % len(LINESTYLES)], lw=1.8, label=f"$L$ = {L:g}")
    ax.axhline(1.0, color="0.5", lw=0.8)
    ax.text(float(data["delta"].min()) + 0.01, 1.015, "certain detection ($p = 1$)", va="bottom", fontsize=8,
            color="0.4")
    ax.set_ylim(0, 1.1)
    ax.set_xlim(float(data["delta"].min()), float(data["delta"].max()))
    ax.set_xlabel(r"discount factor $\delta$")
    ax.set_ylabel(r"minimum detection rate $p^*$")
    ax.set_title(r"Monitoring the association must reach: $p^* = (1-\delta)(T-R)/(\delta L)$")
    ax.legend(title="exit opportunity cost", loc="lower left")
    return ax


def plot_partial_insurance(data: Any, ax: Any = None, *, full_threshold: float | None = None,
                           start: float | None = None, trade_alone: float | None = None,
                           trade_linked: float | None = None):
    r"""The best self-enforcing insurance transfer against the discount factor, alone and linked with trade.

    ``data`` has columns ``delta`` and ``alone`` (the insured share :math:`2t/(h-l)` of
    :func:`clustergames.trust.partial_insurance`) and optionally ``linked`` (with trade,
    :func:`clustergames.trust.linked_relationship`; NaN where trade is not sustained). ``start`` and
    ``full_threshold`` mark where insurance begins and where it becomes full; ``trade_alone``/``trade_linked``
    mark the trade thresholds. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"delta": [0.4, 0.6, 0.8], "alone": [0.0, 0.4, 1.0]})
    >>> plot_partial_insurance(df).get_ylabel()
    'insured share of the income risk $2t/(h-l)$'
    """
    ax = get_axes(ax)
    ax.plot(data["delta"], data["alone"], color=PALETTE[0], lw=2.0, label="insurance alone")
    if "linked" in data.columns:
        ax.plot(data["delta"], data["linked"], color=PALETTE[3], lw=1.8, ls=LINESTYLES[1],
                label="insurance linked\nwith trade")
    marks = [(start, "insurance starts", PALETTE[0], ":"),
             (full_threshold, "full insurance $\\delta^*$", PALETTE[0], "--"),
             (trade_alone, "trade alone $(T-R)/(T-P)$", "0.35", ":"),
             (trade_linked, "trade when linked", PALETTE[3], ":")]
    for k, (x, text, colour, ls) in enumerate(marks):
        if x is None or not np.isfinite(x):
            continue
        ax.axvline(x, color=colour, lw=0.9, ls=ls)
        left = k == 0  # the first mark sits where the curve starts to rise: label it on the left of its line
        ax.text(x - 0.003 if left else x + 0.003, 0.03, text, rotation=90, ha="right" if left else "left",
                va="bottom", fontsize=7.5, color=colour, transform=ax.get_xaxis_transform())
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlim(float(data["delta"].min()), float(data["delta"].max()))
    ax.set_xlabel(r"discount factor $\delta$")
    ax.set_ylabel(r"insured share of the income risk $2t/(h-l)$")
    ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.45), fontsize=8)
    return ax


@draws(PartialInsurance)
def _plot_partial(result: PartialInsurance, ax: Any = None, **kwargs: Any):
    import pandas as pd

    d = np.atleast_1d(result.delta)
    data = pd.DataFrame({"delta": d, "alone": np.atleast_1d(result.share)})
    return plot_partial_insurance(data, ax=ax, full_threshold=result.threshold, **kwargs)


@draws(CriticalDelta)
def plot_critical_delta(result: CriticalDelta, ax: Any = None):
    """Draw the set of working discount factors as bars on the unit interval.

    Examples
    --------
    >>> from clustergames.games import prisoners_dilemma
    >>> from clustergames.repeated import critical_delta
    >>> ax = critical_delta(prisoners_dilemma(3, 2, 1, 0), "tit_for_tat").plot()
    >>> [float(v) for v in ax.get_xlim()]
    [0.0, 1.0]
    """
    ax = get_axes(ax, figsize=(6.4, 1.8))
    if result.intervals is None:
        raise TypeError("the game is symbolic: substitute numbers first to draw the set")
    for lo, hi in result.intervals:
        if hi - lo < 1e-9:
            ax.plot([lo], [0], "o", color=PALETTE[0], ms=7)
        else:
            ax.plot([lo, hi], [0, 0], color=PALETTE[0], lw=8, solid_capstyle="butt")
    ax.set_xlim(0.0, 1.0)
    ax.set_yticks([])
    ax.set_xlabel(r"discount factor $\delta$")
    ax.set_title(f"{result.profile}: {result.kind.upper()} for the marked discount factors")
    return ax


@draws(ContagionCheck)
def plot_contagion_check(result: ContagionCheck, ax: Any = None):
    """Draw the off-path margins (defect minus cooperate once) against the number of infected firms.

    Examples
    --------
    >>> from clustergames.trust import contagion_check
    >>> contagion_check(5, 3, 1, 0, 6, 0.8).plot().get_xlabel()
    'infected firms $k$'
    """
    ax = get_axes(ax)
    m = result.margins
    colours = [PALETTE[2] if v >= 0 else PALETTE[3] for v in m["margin"]]
    ax.bar(m["k"], m["margin"], color=colours)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xlabel("infected firms $k$")
    ax.set_ylabel("value of defecting minus cooperating once")
    ax.set_title(f"Kandori's off-path condition, N = {result.n_firms}, δ = {result.delta:g}")
    return ax


@draws(BenefitSharing)
def plot_transfers(result: BenefitSharing, ax: Any = None):
    """Draw each firm's interval of feasible per-period transfers.

    Examples
    --------
    >>> from clustergames.trust import benefit_sharing
    >>> benefit_sharing([5, 4], [3, 3], [1, 1], 0.45).plot().get_ylabel()
    'transfer received per period'
    """
    ax = get_axes(ax)
    firms = np.arange(len(result.individual))
    ax.vlines(firms, result.min_transfer, result.max_transfer, color=PALETTE[0], lw=6)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(firms)
    ax.set_xlabel("firm")
    ax.set_ylabel("transfer received per period")
    ax.set_title(f"Feasible side payments at δ = {result.delta:g} (pooled δ* = {result.pooled:.3g})")
    return ax
