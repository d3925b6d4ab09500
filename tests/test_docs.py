"""The Sphinx documentation builds with warnings treated as errors, works offline, and shows pictures.

One build for the module: MathJax is bundled (no CDN), the notebooks are rendered with their outputs (executed at
build time, cached by jupyter-cache in ``docs/_build/.jupyter_cache``) and the gallery shows every registered figure.
The same site in a real browser: ``tests/test_browser.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
NOTEBOOKS = sorted((DOCS.parent / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("docs") / "html"
    out = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(DOCS), str(out_dir)],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    return out_dir


def test_docs_build_without_warnings(html):
    assert (html / "index.html").exists()


def test_math_needs_no_network(html):
    assert (html / "_static" / "mathjax" / "tex-chtml.js").exists()
    for page in ("index.html", "reference/repeated.html", "explanation/repeated_games.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "mathjax@" not in text, page
        assert "_static/mathjax/tex-chtml.js" in text, page


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "teaching.ipynb"], ids=lambda p: p.name)
def test_notebooks_are_rendered_with_their_outputs(html, path):
    page = html / "tutorials" / "notebooks" / f"{path.stem}.html"
    assert page.exists(), f"{path.name} is not in the docs"
    text = page.read_text(encoding="utf-8")
    assert "cell_output" in text  # executed: outputs are shown
    import json

    plotting = re.compile(r"\.plot\(|\brender\(|\bplot_\w+\(|\bplt\.(subplots|figure)\(")
    cells = json.loads(path.read_text())["cells"]
    if any(c["cell_type"] == "code" and plotting.search("".join(c["source"])) for c in cells):
        assert re.search(r'<img[^>]+src="[^"]*_images/[^"]+\.png"', text), f"{path.name}: no figure in the docs"


def test_gallery_shows_every_registered_figure_with_its_caption(html):
    from clustergames import figures

    text = (html / "howto" / "gallery.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="([^"]+\.png)"', text)
    assert len(images) == len(figures.names())
    for src in images:
        assert (html / "howto" / src).resolve().exists(), src
    import html as html_module

    plain = html_module.unescape(re.sub(r"<[^>]+>", "", text))
    plain = " ".join(plain.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})).split())
    for name in figures.names():
        assert f"clustergames reproduce --only {name}" in plain
        caption = " ".join(figures.get(name).caption.split())
        assert caption[:60] in plain, name
