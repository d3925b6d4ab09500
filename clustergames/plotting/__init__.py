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
* Pictures show inline in Jupyter with no magic: :func:`clustergames.figures.render` returns a
  :class:`~clustergames.plotting._display.PaperFigure` (it has ``_repr_png_``), and under IPython an Axes returned by
  ``result.plot()`` displays as a PNG whenever pyplot's backend would not show it by itself (no double display
  under the inline backend).

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
    """Create a figure with one Axes through pyplot (for interactive use) and return the Axes.

    Through pyplot so that ``plt.show()`` works in scripts; in Jupyter the Axes displays as a picture (see
    :func:`enable_inline_display`).
    """
    import matplotlib.pyplot as plt

    enable_inline_display()
    _, ax = plt.subplots(figsize=figsize)
    return ax


def enable_inline_display() -> bool:
    """Under IPython, let an Axes display as a PNG when pyplot's backend would not show it; True under IPython.

    Called by every plotting entry point, so users never need it. Under the inline backend (Jupyter's default) or an
    interactive one, pyplot shows its figures itself and the formatter stays silent: a figure is never shown twice.
    """
    import sys

    if "IPython" not in sys.modules:
        return False
    from ._display import enable_ipython_display

    return enable_ipython_display()


def get_axes(ax: Any = None, figsize: tuple[float, float] = (6.4, 4.4)):
    """Return ``ax`` unchanged, or a new Axes (:func:`new_axes`) when it is None."""
    return new_axes(figsize) if ax is None else ax


def draws(result_type: type) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the drawing function used by ``result.plot()`` for ``result_type``."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        _DRAWERS[result_type] = func
        return func

    return decorate


_topics_loaded = False


def _load_topics() -> None:
    global _topics_loaded
    if not _topics_loaded:
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _topics_loaded = True


def drawer_for(result_type: type) -> Callable[..., Any] | None:
    """The drawing function registered for ``result_type`` or one of its bases, or None if it has no picture."""
    _load_topics()
    for klass in result_type.__mro__:
        if klass in _DRAWERS:
            return _DRAWERS[klass]
    return None


def plot_result(result: Any, ax: Any = None, **kwargs: Any):
    """Draw a result object with the function registered for its type (or a base type); return the Axes."""
    draw = drawer_for(type(result))
    if draw is None:
        raise TypeError(f"no plot is defined for {type(result).__name__}; use result.to_frame() to get its data")
    enable_inline_display()
    return draw(result, ax=ax, **kwargs)
