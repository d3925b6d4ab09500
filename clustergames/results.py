"""Typed result objects shared by every model.

A result is a small dataclass that knows how to show itself: as a table (:meth:`Result.to_frame`, and
``_repr_html_`` in Jupyter), optionally as LaTeX (``_repr_latex_``), and as a picture (:meth:`Result.plot`, drawn by
:mod:`clustergames.plotting`, never by the model). Models return results; they never draw and never write files.

To add a result type, subclass :class:`Result` (as a dataclass), implement :meth:`to_frame`, and, if it has a
picture, register a drawing function for it in :mod:`clustergames.plotting` with
``@clustergames.plotting.draws(MyResult)``.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(repr=False)
... class Threshold(Result):
...     delta: float
...     def to_frame(self):
...         import pandas as pd
...         return pd.DataFrame({"delta": [self.delta]})
>>> Threshold(0.5).to_frame()
   delta
0    0.5
>>> "<table" in Threshold(0.5)._repr_html_()
True
"""

from __future__ import annotations

import sys
from html import escape
from typing import Any

__all__ = ["Result", "NoPlotError"]


def _latex_cell(value: Any) -> Any:
    """A sympy expression as ``$LaTeX$`` in a ``class="math"`` span.

    Typeset by Jupyter, and by the docs' MathJax; other text escaped; numbers unchanged (pandas formats them).
    """
    sympy = sys.modules.get("sympy")
    if sympy is not None and isinstance(value, sympy.Basic) and not isinstance(value, sympy.Number):
        return _math_html(f"${sympy.latex(value)}$")
    if isinstance(value, str):
        return escape(value)
    return value


def _math_html(latex: str, tag: str = "span") -> str:
    return f'<{tag} class="math clustergames-formula">{escape(latex, quote=False)}</{tag}>'


class NoPlotError(AttributeError, TypeError):
    """Raised by ``result.plot`` on a result that has no picture.

    It is an ``AttributeError``, so ``hasattr`` is False, and a ``TypeError``, as calling an undefined plot was before.
    """


class _PlotMethod:
    """``Result.plot``: a bound method on results that have a picture, an ``AttributeError`` on the others."""

    def __get__(self, obj: Any, owner: type):
        if obj is None:
            return owner._plot
        if not owner._has_plot():
            raise NoPlotError(f"no plot is defined for {owner.__name__} (it is a table, not a picture); "
                              "use .to_frame() to get its data")
        return obj._plot


class Result:
    """Base class of result objects: ``to_frame()``, ``_repr_html_``, optional ``_repr_latex_``, ``plot(ax=None)``."""

    #: a human-readable title shown above the table in notebooks
    title: str | None = None

    def to_frame(self):
        """Return the result as a :class:`pandas.DataFrame` (subclasses implement it)."""
        raise NotImplementedError(f"{type(self).__name__} does not define to_frame()")

    def _display_frame(self):
        """The table shown in notebooks.

        It is :meth:`to_frame` unless a subclass keeps sympy objects (not strings) here, which the HTML display then
        typesets.
        """
        return self.to_frame()

    def _title(self) -> str:
        return self.title or type(self).__name__

    def _repr_html_(self) -> str:
        """Title, the formula typeset (when the result has ``_repr_latex_``) and the table, nothing truncated.

        Jupyter typesets ``$...$`` inside HTML output, so formulas show as mathematics rather than as sympy code:
        the result's LaTeX is shown above the table, and sympy expressions inside the table are written as LaTeX.
        """
        import pandas as pd

        frame = self._display_frame()
        if isinstance(frame, pd.DataFrame):
            frame = frame.map(_latex_cell) if hasattr(frame, "map") else frame.applymap(_latex_cell)  # pandas < 2.1
        with pd.option_context("display.max_colwidth", None, "display.max_rows", 500, "display.max_columns", 100):
            table = frame.to_html(escape=False)  # text cells were escaped by _latex_cell
        latex = ""
        if callable(getattr(self, "_repr_latex_", None)):
            try:
                text = self._repr_latex_()
            except Exception:  # a display must not raise; the table still shows the data
                text = None
            if isinstance(text, str) and text.strip():
                latex = _math_html(text, "p")
        return f"<div><p><strong>{escape(self._title())}</strong></p>{latex}{table}</div>"

    def __repr__(self) -> str:
        import pandas as pd

        try:
            frame = self.to_frame()
        except NotImplementedError:
            return f"{type(self).__name__}()"
        with pd.option_context("display.max_colwidth", None, "display.width", 120):
            body = frame.to_string()
        return f"{self._title()}\n{body}"

    def _plot(self, ax: Any = None, **kwargs: Any):
        """Draw the result on ``ax`` (a new Axes when None) and return the Axes.

        The drawing function lives in :mod:`clustergames.plotting` (registered with ``plotting.draws``). Only results
        that have a picture offer ``plot``: on the others the attribute does not exist (``hasattr(r, "plot")`` is
        False) and using it raises :class:`NoPlotError` (an ``AttributeError`` and a ``TypeError``) that says to use
        ``to_frame()``. In Jupyter the returned
        Axes displays as a picture with no ``%matplotlib`` magic.
        """
        from . import plotting

        return plotting.plot_result(self, ax=ax, **kwargs)

    @classmethod
    def _has_plot(cls) -> bool:
        from . import plotting

        return plotting.drawer_for(cls) is not None

    def __dir__(self):
        names = super().__dir__()
        return names if type(self)._has_plot() else [n for n in names if n != "plot"]

    plot = _PlotMethod()
