"""Notebooks execute, are committed without outputs, and every plotting cell shows a picture in a fresh kernel.

Also the display mechanism itself (issue 15): ``figures.render(name)[0]`` and ``result.plot()`` show an image in
Jupyter with no ``%matplotlib`` magic, exactly once, whatever pyplot's backend.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))

#: a code cell that draws: a result's ``.plot(``, ``figures.render(``, a ``plot_*(`` function or a pyplot figure
PLOTTING = re.compile(r"\.plot\(|\brender\(|\bplot_\w+\(|\bplt\.(subplots|figure)\(")
IMAGES = ("image/png", "image/svg+xml")


def _images(cell) -> int:
    return sum(1 for o in cell.get("outputs", []) for mime in IMAGES if mime in o.get("data", {}))


def _execute(nb, tmp_path, monkeypatch, backend=None):
    from nbclient import NotebookClient

    if backend is None:
        monkeypatch.delenv("MPLBACKEND", raising=False)  # what a user's fresh kernel sees
    else:
        monkeypatch.setenv("MPLBACKEND", backend)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    return nb


def test_plotting_cells_are_recognised():
    assert PLOTTING.search('fig, data = figures.render("game_map", quick=True)\nfig')
    assert PLOTTING.search("r.plot();")
    assert PLOTTING.search("plot_ev.plot_critical_mass(data, thresholds);")
    assert PLOTTING.search("fig, ax = plt.subplots(figsize=(6, 4))")
    assert not PLOTTING.search("rep.get_norm('stern_judging').table()")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stripped(path):
    cells = json.loads(path.read_text())["cells"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells if c["cell_type"] == "code")


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_and_shows_its_figures(path, tmp_path, monkeypatch):
    import nbformat

    nb = _execute(nbformat.read(path, as_version=4), tmp_path, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[0]["evalue"] if errors else ""
    missing = [c.source.splitlines()[0] for c in code if PLOTTING.search(c.source) and not _images(c)]
    assert not missing, f"plotting cells without a picture: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("backend", [None, "Agg"], ids=["fresh-kernel", "MPLBACKEND=Agg"])
def test_figures_and_plots_display_once(backend, tmp_path, monkeypatch):
    """No magic needed, and never two copies of the same picture (inline backend + our formatter)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        "import clustergames as cg",
        'cg.figures.render("game_map", quick=True)[0]',
        "game = cg.prisoners_dilemma(T=5, R=3, P=1, S=0)\ncg.repeated.critical_delta(game, 'grim').plot()",
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\ncg.repeated.critical_delta(game, 'grim')"
        ".plot(ax=ax)",
        'fig, data = cg.figures.render("game_map", quick=True)\nfig',
    )]
    _execute(nb, tmp_path, monkeypatch, backend)
    counts = [_images(c) for c in nb.cells]
    assert counts[0] == 0
    assert counts[1] == 1 and counts[2] == 1 and counts[4] == 1
    # an Axes on a pyplot figure: shown by the inline backend, or by our formatter under Agg -- once either way
    assert counts[3] == 1


def test_paper_figure_has_a_png_repr():
    from clustergames import figures

    fig, _ = figures.render("game_map", quick=True)
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") > 300  # width in pixels


def test_axes_formatter_shows_figures_pyplot_would_not():
    import matplotlib.pyplot as plt

    from clustergames import figures
    from clustergames.plotting import _display

    _, ax = plt.subplots()  # the test suite runs pyplot on Agg, which never shows a figure
    assert _display.axes_png(ax)[:4] == b"\x89PNG"
    fig, _ = figures.render("game_map", quick=True)
    assert _display.axes_png(fig.axes[0])[:4] == b"\x89PNG"


def test_only_drawable_results_offer_plot():
    import clustergames as cg

    game = cg.prisoners_dilemma(T=5, R=3, P=1, S=0)
    table = game.equilibria()
    assert not hasattr(table, "plot") and "plot" not in dir(table)
    with pytest.raises(AttributeError, match="no plot is defined for EquilibriumSet.*to_frame"):
        table.plot()
    with pytest.raises(TypeError):
        table.plot()
    drawable = cg.repeated.critical_delta(game, "grim")
    assert hasattr(drawable, "plot") and "plot" in dir(drawable)
    ax = drawable.plot()
    assert ax.figure is not None


def test_html_display_typesets_formulas_and_truncates_nothing():
    import sympy

    import clustergames as cg

    T, R, P, S = sympy.symbols("T R P S", positive=True)
    result = cg.repeated.critical_delta(cg.prisoners_dilemma(T, R, P, S), "grim")
    html = result._repr_html_()
    latex = result._repr_latex_()
    assert latex.strip("$") in html.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    assert "..." not in html  # pandas cuts long cells at 50 characters by default

    from dataclasses import dataclass

    import pandas as pd

    from clustergames.results import Result

    @dataclass(repr=False)
    class Long(Result):
        def to_frame(self):
            return pd.DataFrame({"condition": ["x" * 300], "formula": [sympy.Symbol("delta") ** 2]})

    html = Long()._repr_html_()
    assert "x" * 300 in html and "$\\delta^{2}$" in html
