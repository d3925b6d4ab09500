"""Sphinx configuration for clustergames (MyST-NB, furo; built with -W in the test suite)."""

project = "clustergames"
author = "clustergames developers"
copyright = "2026, clustergames developers"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
nb_execution_mode = "off"  # notebooks are executed by the test suite (tests/test_notebooks.py)
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
autosummary_generate = False
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]
nitpicky = False
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints"]
html_theme = "furo"
html_title = "clustergames"
