"""Sphinx configuration for clustergames (MyST-NB, furo; built with -W in the test suite).

* Math is typeset by a MathJax copy shipped with the docs (``sphinx-mathjax-offline``): no network needed.
* ``notebooks/*.ipynb`` are copied to ``tutorials/notebooks/`` (git-ignored), executed at build time and rendered
  with their outputs; results are cached by jupyter-cache in ``docs/_build/.jupyter_cache/<hash of the package
  sources>`` (a notebook runs again when its code cells or the library change).
* The figure gallery (``howto/gallery.md``) renders every registered figure at build time (``_ext/figure_gallery.py``).
"""

import filecmp
import os
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

# Notebook kernels started by the build should behave like a user's fresh Jupyter kernel (inline figures), even
# when the build runs under a test suite that exports MPLBACKEND=Agg.
os.environ.pop("MPLBACKEND", None)


def _copy_notebooks() -> None:
    """Copy ``notebooks/*.ipynb`` into ``tutorials/notebooks/`` (only changed files, so incremental builds work)."""
    target = DOCS / "tutorials" / "notebooks"
    target.mkdir(exist_ok=True)
    sources = {p.name: p for p in sorted((DOCS.parent / "notebooks").glob("*.ipynb"))}
    for stale in target.glob("*.ipynb"):
        if stale.name not in sources:
            stale.unlink()
    for name, path in sources.items():
        if not (target / name).exists() or not filecmp.cmp(path, target / name, shallow=False):
            shutil.copyfile(path, target / name)


_copy_notebooks()

project = "clustergames"
author = "clustergames developers"
copyright = "2026, clustergames developers"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # bundles MathJax 3 into _static/mathjax (module name has hyphens)
    "sphinx.ext.viewcode",
    "figure_gallery",
]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
# Result tables in notebook outputs write formulas as $...$ inside class="math" elements (as Jupyter typesets them);
# MyST marks the pages' own text "mathjax_ignore" (its math is already \\(...\\)), but class "math" is processed.
mathjax3_config = {"tex": {"inlineMath": [["$", "$"], ["\\(", "\\)"]], "processEscapes": True}}
nb_execution_mode = "cache"
# one cache per version of the package sources: outputs are never stale after a change to the library
from figure_gallery import _source_key  # noqa: E402

nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache" / _source_key(DOCS.parent / "clustergames"))
nb_execution_in_temp = True  # notebooks that write files write them in a temporary folder
nb_execution_timeout = 600
nb_execution_raise_on_error = True  # a failing notebook fails the build (and the docs test)
nb_execution_excludepatterns = ["teaching.ipynb"]  # interactive widgets: nothing to show without a kernel
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
autosummary_generate = False
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]
nitpicky = False
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints", "_ext"]
html_theme = "furo"
html_title = "clustergames"
html_static_path = ["_static"]
html_css_files = ["clustergames.css"]
