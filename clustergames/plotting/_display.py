"""Inline display in Jupyter without ``%matplotlib`` magic (private; imports matplotlib).

Two pieces:

* :class:`PaperFigure`, the :class:`~matplotlib.figure.Figure` that :func:`clustergames.figures.render` returns. It
  carries ``_repr_png_``, so a cell that ends with the figure shows the picture in any Jupyter kernel, whatever the
  backend, and whether or not pyplot was ever imported.
* :func:`enable_ipython_display`, which (only when running under IPython) registers a PNG formatter for
  :class:`~matplotlib.axes.Axes`, so a cell that ends with ``result.plot()`` shows the picture even when pyplot's
  backend cannot (``Agg``, for instance after ``matplotlib.use("Agg")``). When pyplot's backend already displays
  its figures (the inline backend, the default in a Jupyter kernel; ipympl; a GUI window), the formatter returns
  nothing, so a figure never appears twice.
"""

from __future__ import annotations

import io
import sys
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: pyplot backends that never show a figure by themselves (a figure drawn on them is shown by our formatter)
_SILENT_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def figure_png(fig: Figure) -> bytes:
    """The PNG bytes of ``fig`` as shown in a notebook (the figure's dpi, tight bounding box)."""
    from . import style

    buffer = io.BytesIO()
    with matplotlib.rc_context(style()):
        fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


class PaperFigure(Figure):
    r"""A matplotlib Figure that shows itself in Jupyter (``_repr_png_``); otherwise an ordinary Figure.

    Examples
    --------
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> fig = PaperFigure(figsize=(2, 1))
    >>> _ = FigureCanvasAgg(fig)
    >>> fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    True
    """

    def _repr_png_(self) -> bytes:
        return figure_png(self)


def _root_figure(ax: Axes) -> Figure:
    fig = ax.figure
    while getattr(fig, "figure", fig) is not fig:  # sub-figures point to their parent
        fig = fig.figure
    return fig


def _shown_by_pyplot(fig: Figure) -> bool:
    """True when pyplot manages ``fig`` and its backend displays figures by itself."""
    manager = getattr(fig.canvas, "manager", None)
    if manager is None or "matplotlib.pyplot" not in sys.modules:
        return False
    import matplotlib.pyplot as plt

    if not plt.fignum_exists(manager.num):
        return False
    backend = matplotlib.get_backend().lower()
    return backend not in _SILENT_BACKENDS


def axes_png(ax: Axes) -> bytes | None:
    """PNG of the figure holding ``ax``, or None when pyplot's backend will display that figure anyway."""
    fig = _root_figure(ax)
    if isinstance(fig, PaperFigure) or not _shown_by_pyplot(fig):
        return figure_png(fig)
    return None


_registered: set[int] = set()


def enable_ipython_display() -> bool:
    """Register the Axes PNG formatter with the running IPython shell (once); return whether IPython runs."""
    ipython = sys.modules.get("IPython")
    shell: Any = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    if id(shell) not in _registered:
        shell.display_formatter.formatters["image/png"].for_type(Axes, axes_png)
        _registered.add(id(shell))
    return True
