"""The version is written once (clustergames/__init__.py); the installed metadata and CITATION.cff agree with it."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import clustergames

ROOT = Path(__file__).resolve().parent.parent


def test_installed_version_is_the_package_version():
    assert importlib.metadata.version("clustergames") == clustergames.__version__


def test_citation_version_matches():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version:\s*(\S+)", text, re.M).group(1) == clustergames.__version__


def test_changelog_has_an_entry_for_this_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {clustergames.__version__}" in text
