"""Drawing the regional brand: reputation paths, the threshold and the two steady states."""

from __future__ import annotations

from typing import Any

from ..brand import BrandPath
from . import PALETTE, draws, get_axes


def plot_brand_paths(data: Any, ax: Any = None, *, threshold: float, good: float, bad: float):
    r"""Reputation paths of a regional brand from several starting points.

    ``data`` has columns ``start``, ``period`` and ``reputation``; ``threshold`` is :math:`r^\dagger`
    (:func:`clustergames.brand.brand_threshold`), ``good``/``bad`` the steady states. Paths starting above the
    threshold are drawn in one colour, those below in another. Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"start": [0.5] * 3, "period": [0, 1, 2], "reputation": [0.5, 0.7, 0.8]})
    >>> plot_brand_paths(df, threshold=0.25, good=0.9, bad=0.2).get_xlabel()
    'period'
    """
    ax = get_axes(ax)
    up, down = PALETTE[2], PALETTE[3]
    seen = set()
    for start, sub in data.groupby("start", sort=True):
        above = start >= threshold
        label = ("starts above $r^\\dagger$: ends as the good brand" if above
                 else "starts below $r^\\dagger$: ends as the bad brand")
        ax.plot(sub["period"], sub["reputation"], color=up if above else down, lw=1.5,
                label=None if above in seen else label)
        seen.add(above)
    ax.axhline(threshold, color="0.3", lw=1.0, ls="--")
    ax.axhline(good, color=up, lw=0.8, ls=":")
    ax.axhline(bad, color=down, lw=0.8, ls=":")
    right = float(data["period"].max())
    ax.text(right, threshold, f"threshold $r^\\dagger$ = {threshold:.2f} ", ha="right", va="bottom", fontsize=8,
            color="0.3")
    ax.text(right, good, f"good brand $1-\\alpha_D$ = {good:.2f} ", ha="right", va="bottom", fontsize=8, color=up)
    ax.text(right, bad - 0.025, f"bad brand $\\alpha_H$ = {bad:.2f} ", ha="right", va="top", fontsize=8, color=down)
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, right)
    ax.set_xlabel("period")
    ax.set_ylabel("reputation of the regional brand $r_t$")
    ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.62), fontsize=8)
    return ax


@draws(BrandPath)
def _plot_path(result: BrandPath, ax: Any = None, **kwargs: Any):
    import pandas as pd

    data = pd.DataFrame({"start": float(result.reputation[0]), "period": range(len(result.reputation)),
                         "reputation": result.reputation})
    return plot_brand_paths(data, ax=ax, threshold=result.threshold, good=result.good, bad=result.bad, **kwargs)
