"""The `clustergames reproduce` command: every registered figure, byte-identical from run to run (issue 2)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from clustergames import cli, figures


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_reproduce_quick_twice_gives_identical_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli.main(["reproduce", "--quick", "--out", str(a)]) == 0
    assert cli.main(["reproduce", "--quick", "--out", str(b)]) == 0
    da, db = _digest(a), _digest(b)
    names = figures.names()
    assert "game_map" in names
    for name in names:  # every registered figure is written in all three formats
        for ext in ("png", "pdf", "csv"):
            assert f"{name}.{ext}" in da
    assert da == db  # byte-for-byte: PNG, PDF, CSV and the index
    index = (a / "index.md").read_text()
    assert all(f"## {name}" in index for name in names)


def test_reproduce_only_one_figure_and_csv_content(tmp_path):
    assert cli.main(["reproduce", "--quick", "--only", "game_map", "--out", str(tmp_path)]) == 0
    import pandas as pd

    data = pd.read_csv(tmp_path / "game_map.csv")
    assert set(data["game"]) == {"harmony", "snowdrift", "stag hunt", "prisoner's dilemma"}
    # the mixed-equilibrium share is a probability wherever it is reported
    assert data["x_mixed"].dropna().between(0, 1).all()


def test_unknown_figure_is_an_error(tmp_path, capsys):
    assert cli.main(["reproduce", "--only", "no_such_figure", "--out", str(tmp_path)]) == 2
    assert "unknown figure 'no_such_figure'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_console_script_lists_figures():
    out = subprocess.run([sys.executable, "-m", "clustergames.cli", "reproduce", "--list"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("game_map") or "game_map\t" in out.stdout


def test_import_is_light():
    code = ("import sys, clustergames; "
            "print(','.join(m for m in ('axelrod', 'matplotlib.pyplot', 'dask', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
