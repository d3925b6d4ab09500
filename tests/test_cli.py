"""The `clustergames reproduce` command: every registered figure, byte-identical from run to run and whatever the
number of worker processes (issues 2 and 15), with clear one-line errors."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from clustergames import cli, figures

FEW = ["game_map", "trust_min_detection", "evolution_critical_mass"]


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_reproduce_quick_twice_gives_identical_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli.main(["reproduce", "--quick", "--quiet", "--out", str(a)]) == 0
    assert cli.main(["reproduce", "--quick", "--quiet", "--out", str(b)]) == 0
    da, db = _digest(a), _digest(b)
    names = figures.names()
    assert "game_map" in names
    for name in names:  # every registered figure is written in all three formats
        for ext in ("png", "pdf", "csv"):
            assert f"{name}.{ext}" in da
    assert da == db  # byte-for-byte: PNG, PDF, CSV and the index
    index = (a / "index.md").read_text()
    assert all(f"## {name}" in index for name in names)


@pytest.mark.slow
def test_output_does_not_depend_on_the_number_of_workers(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli.main(["reproduce", "--quick", "--quiet", "--jobs", "1", "--out", str(one), "--only", *FEW]) == 0
    assert cli.main(["reproduce", "--quick", "--quiet", "--jobs", "2", "--out", str(two), "--only", *FEW]) == 0
    assert _digest(one) == _digest(two)
    assert len(_digest(one)) == 3 * len(FEW) + 1


def test_reproduce_only_one_figure_and_csv_content(tmp_path):
    assert cli.main(["reproduce", "--quick", "--quiet", "--only", "game_map", "--out", str(tmp_path)]) == 0
    import pandas as pd

    data = pd.read_csv(tmp_path / "game_map.csv")
    assert set(data["game"]) == {"harmony", "snowdrift", "stag hunt", "prisoner's dilemma"}
    # the mixed-equilibrium share is a probability wherever it is reported
    assert data["x_mixed"].dropna().between(0, 1).all()


def test_png_is_150_dpi_and_pdf_is_vector(tmp_path):
    from PIL import Image

    assert cli.main(["reproduce", "--quick", "--quiet", "--only", "trust_min_detection", "--out",
                     str(tmp_path)]) == 0
    spec = figures.get("trust_min_detection")
    with Image.open(tmp_path / "trust_min_detection.png") as im:
        assert round(im.info["dpi"][0]) == 150
        assert abs(im.size[0] - 150 * spec.figsize[0]) <= 1  # the saved size is the registered size at 150 dpi
    pdf = (tmp_path / "trust_min_detection.pdf").read_bytes()
    assert b"/Type /Page" in pdf and b"/Subtype /Image" not in pdf  # lines and text, not a bitmap


def test_only_merges_into_the_existing_index(tmp_path):
    assert cli.main(["reproduce", "--quick", "--quiet", "--only", "game_map", "--out", str(tmp_path)]) == 0
    assert cli.main(["reproduce", "--quick", "--quiet", "--only", "trust_min_detection", "--out",
                     str(tmp_path)]) == 0
    index = (tmp_path / "index.md").read_text()
    assert "## game_map" in index and "## trust_min_detection" in index
    # registry order, whatever order the figures were built in
    assert (index.index("## game_map") < index.index("## trust_min_detection")) == (
        figures.names().index("game_map") < figures.names().index("trust_min_detection"))


def test_unknown_figure_is_an_error_with_a_suggestion(tmp_path, capsys):
    assert cli.main(["reproduce", "--only", "no_such_figure", "--out", str(tmp_path)]) == 2
    assert "unknown figure 'no_such_figure'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
    assert cli.main(["reproduce", "--only", "gamemap", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'game_map'?" in err and len(err.strip().splitlines()) == 1


def test_unwritable_out_is_a_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    for out in (blocker, blocker / "sub"):
        assert cli.main(["reproduce", "--quick", "--only", "game_map", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("clustergames: error:") and len(err.strip().splitlines()) == 1
        assert "Traceback" not in err


def test_bad_jobs_is_a_usage_error(capsys):
    assert cli.main(["reproduce", "--jobs", "0", "--list"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_list_is_one_short_line_per_figure(capsys):
    assert cli.main(["reproduce", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == figures.names()
    assert all(len(line) <= 120 for line in lines)


def test_version_and_help_are_plain_text(capsys):
    from clustergames import __version__

    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"clustergames {__version__}"
    assert cli.main(["reproduce", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--jobs" in text and "``" not in text and ":func:" not in text


def test_python_dash_m_clustergames_lists_figures():
    out = subprocess.run([sys.executable, "-m", "clustergames", "reproduce", "--list"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.split()[0] == figures.names()[0]


def test_progress_reports_figure_k_of_n(tmp_path, capsys):
    assert cli.main(["reproduce", "--quick", "--jobs", "1", "--only", "game_map", "trust_min_detection",
                     "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "figure 1/2" in err and "figure 2/2" in err and "elapsed" in err


def test_import_is_light():
    code = ("import sys, clustergames; "
            "print(','.join(m for m in ('axelrod', 'matplotlib.pyplot', 'dask', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
