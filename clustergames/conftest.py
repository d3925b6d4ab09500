"""Doctest configuration: the Agg backend, so docstring examples that plot never open a window."""

import matplotlib

matplotlib.use("Agg")
