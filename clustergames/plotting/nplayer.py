"""Drawing many-firm games.

The gradient of selection with its rest points (infinite and finite populations) and cooperation under the three
sanction regimes against the monitoring probability.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..nplayer.groups import FiniteGroupDynamics, GroupReplicator
from ..nplayer.sanctions import REGIMES, SanctionComparison
from ..nplayer.symmetric import SymmetricEquilibria
from . import LINESTYLES, PALETTE, draws, get_axes

#: marker face of each rest-point type: filled = stable, open = unstable, grey = semi-stable or neutral
REST_STYLE = {"stable": "black", "unstable": "white", "semi-stable": "0.6", "neutral": "0.6"}
REGIME_LABEL = {"grim": "grim reversion", "exclusion": "exclusion of the violator",
                "graduated": "graduated sanctions"}


@draws(GroupReplicator)
def plot_gradient(rep: GroupReplicator, ax: Any = None, *, label: str | None = None, color: Any = None,
                  linestyle: Any = "-", markers: bool = True, endpoints: bool = True):
    r"""The gradient of selection :math:`\dot x = x(1-x)f(x)` against the share of cooperators, with rest points.

    Filled circles are stable rest points, open circles unstable ones (grey: semi-stable). ``endpoints=False`` leaves
    out the markers at :math:`x = 0` and :math:`x = 1` (rest points of every game), which overlap when several games
    share the axes.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> ax = plot_gradient(nplayer.replicator(nplayer.volunteers_dilemma(4, 3, 1)))
    >>> ax.get_xlabel()
    'share of cooperating firms x'
    """
    ax = get_axes(ax)
    color = PALETTE[0] if color is None else color
    ax.plot(rep.x, rep.gradient, color=color, linestyle=linestyle, lw=1.8, label=label)
    ax.axhline(0.0, color="0.5", lw=0.8, zorder=0)
    if markers:
        for x, kind in zip(rep.rest_points["x"], rep.rest_points["type"]):
            if not endpoints and x in (0.0, 1.0):
                continue
            # stable points smaller and on top: a stable point of one game inside an unstable ring of another stays
            # visible when two games share a rest point
            stable = kind == "stable"
            ax.scatter([x], [0.0], s=34 if stable else 60, facecolors=REST_STYLE.get(kind, "0.6"), edgecolors=color,
                       linewidths=1.4, zorder=6 if stable else 5, clip_on=False)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of cooperating firms x")
    ax.set_ylabel(r"gradient of selection $\dot x$")
    return ax


@draws(FiniteGroupDynamics)
def plot_finite_gradient(res: FiniteGroupDynamics, ax: Any = None, *, label: str | None = None, color: Any = None,
                         linestyle: Any = "-"):
    r"""The finite-population gradient :math:`G(j) = T^+(j) - T^-(j)` against :math:`j/Z`; sign changes marked.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> res = nplayer.finite_population(nplayer.threshold_public_goods(6, 3, 4, 1), 60, selection=2.0)
    >>> plot_finite_gradient(res).get_ylabel()
    'gradient G(j) = T⁺ − T⁻'
    """
    ax = get_axes(ax)
    color = PALETTE[0] if color is None else color
    ax.plot(res.x, res.gradient, color=color, linestyle=linestyle, lw=1.8, label=label)
    ax.axhline(0.0, color="0.5", lw=0.8, zorder=0)
    sign = np.sign(res.gradient[1:-1])
    idx = np.flatnonzero(sign[:-1] * sign[1:] < 0)
    for i in idx:
        x = 0.5 * (res.x[i + 1] + res.x[i + 2])
        stable = sign[i] > 0
        ax.scatter([x], [0.0], s=36, facecolors="black" if stable else "white", edgecolors=color, linewidths=1.3,
                   zorder=5)
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of cooperating firms j / Z (Z = {res.Z})")
    ax.set_ylabel("gradient G(j) = T⁺ − T⁻")
    return ax


@draws(SanctionComparison)
def plot_sanctions(res: SanctionComparison, ax: Any = None, *, value: str = "cooperation", legend: bool = True):
    """Cooperation level (or critical discount factor) of each sanction regime against the monitoring probability.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> r = nplayer.sanction_regimes([0.2, 0.6, 1.0], delta=0.9, T=2.7, R=2, P=0, n_firms=10, outside=-1,
    ...                              noise=0.05, fines=[2, 4])
    >>> len(plot_sanctions(r).get_lines())
    3
    """
    if value not in ("cooperation", "critical_delta"):
        raise ValueError(f"value must be 'cooperation' or 'critical_delta' (got {value!r})")
    ax = get_axes(ax)
    frame = res.to_frame()
    for i, reg in enumerate(REGIMES):
        rows = frame[frame["regime"] == reg]
        y = rows[value].to_numpy(dtype=float)
        if value == "critical_delta":
            y = np.where(np.isfinite(y), y, np.nan)  # inf (never sustainable) is left blank
        ax.plot(rows["p"], y, color=PALETTE[i], linestyle=LINESTYLES[i], lw=1.9, label=REGIME_LABEL[reg])
    ax.set_xlim(0, 1)
    ax.set_xlabel("monitoring probability p")
    if value == "cooperation":
        ax.set_ylim(0, 1.02)
        ax.set_ylabel("cooperation level (discounted share of firm-periods)")
    else:
        ax.set_ylim(0, 1)
        ax.axhline(res.params["delta"], color="0.5", lw=0.8, linestyle=":")
        ax.set_ylabel(r"critical discount factor $\delta^*$")
    if legend:
        ax.legend(fontsize=8, loc="best")
    return ax


@draws(SymmetricEquilibria)
def plot_symmetric_equilibria(eqs: SymmetricEquilibria, ax: Any = None, *, color: Any = None):
    r"""The gain from cooperating :math:`f(p)` against the others' cooperation probability, equilibria marked.

    Filled circles: equilibria that are stable rest points of the replicator dynamics; open circles: unstable.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> ax = plot_symmetric_equilibria(nplayer.threshold_public_goods(5, 3, 4, 1).symmetric_equilibria())
    >>> ax.get_ylabel()
    'gain from cooperating f(p)'
    """
    ax = get_axes(ax)
    color = PALETTE[0] if color is None else color
    p = np.linspace(0.0, 1.0, 401)
    ax.plot(p, eqs.game.gain(p), color=color, lw=1.8)
    ax.axhline(0.0, color="0.5", lw=0.8, zorder=0)
    for e in eqs:
        y = 0.0 if e.kind == "mixed" else float(eqs.game.gain(e.p_float))
        ax.scatter([e.p_float], [y], s=46, facecolors=REST_STYLE.get(e.stability, "0.6"), edgecolors=color,
                   linewidths=1.4, zorder=5, clip_on=False)
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability p that each other firm cooperates")
    ax.set_ylabel("gain from cooperating f(p)")
    ax.set_title(eqs.game.name, fontsize=9)
    return ax
