"""Plotting: the only part of clustergames that imports matplotlib.

A subpackage because it outgrew one file: one module per topic (``games``, ``trust``, ``bargaining``,
``reputation``, ``evolution``, ``tournaments``), all sharing the style defined here. Plotting never computes an
equilibrium: it draws data (DataFrames, result objects) that the models produced.

Conventions
-----------
* Every function takes ``ax=None`` and returns the Axes. Given an ``ax``, it never touches global pyplot state;
  without one it creates a figure with :func:`new_axes`.
* Colours come from :data:`PALETTE` (Okabe & Ito 2008, colour-blind safe), in order.
* ``@draws(ResultClass)`` registers the function that :meth:`clustergames.results.Result.plot` dispatches to.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and presentations that are friendly
to colorblind people. https://jfly.uni-koeln.de/color/

Examples
--------
>>> from clustergames import plotting
>>> ax = plotting.new_axes()
>>> ax.plot([0, 1], [0, 1], color=plotting.PALETTE[0])[0].get_color()
'#0072B2'
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

#: Okabe–Ito colour-blind-safe palette (blue, orange, bluish green, vermillion, reddish purple, sky blue,
#: yellow, black)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

#: line styles to pair with colours so that curves also differ in grey-scale print
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)))

#: matplotlib rc settings used by every paper figure (see :mod:`clustergames.figures`)
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": None,  # filled in by style()
    "svg.hashsalt": "clustergames",
    "pdf.compression": 6,
}

_DRAWERS: dict[type, Callable[..., Any]] = {}


def style() -> dict[str, Any]:
    """The rc settings for paper figures (use with ``matplotlib.rc_context(style())``)."""
    from cycler import cycler

    rc = dict(STYLE)
    rc["axes.prop_cycle"] = cycler(color=list(PALETTE))
    return rc


def new_axes(figsize: tuple[float, float] = (6.4, 4.4)):
    """Create a figure with one Axes through pyplot (for interactive use) and return the Axes."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def get_axes(ax: Any = None, figsize: tuple[float, float] = (6.4, 4.4)):
    """Return ``ax`` unchanged, or a new Axes (:func:`new_axes`) when it is None."""
    return new_axes(figsize) if ax is None else ax


def draws(result_type: type) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the drawing function used by ``result.plot()`` for ``result_type``."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        _DRAWERS[result_type] = func
        return func

    return decorate


def _load_topics() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def plot_result(result: Any, ax: Any = None, **kwargs: Any):
    """Draw a result object with the function registered for its type (or a base type); return the Axes."""
    _load_topics()
    for klass in type(result).__mro__:
        if klass in _DRAWERS:
            return _DRAWERS[klass](result, ax=ax, **kwargs)
    raise TypeError(f"no plot is defined for {type(result).__name__}; use result.to_frame() to get its data")
