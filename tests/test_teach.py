"""Teaching explorers (clustergames.teach): the update callbacks compute the right numbers, and a missing ipywidgets
gives an ImportError naming the extra."""

from __future__ import annotations

import sys

import pytest

from clustergames import teach

pytest.importorskip("ipywidgets")


def test_exit_values_by_hand():
    # T - R = 2, L = R - outside = 2, p = 1/2: delta* = 2 / (2 + 1/2 * 2) = 2/3; bilateral (T-R)/(T-P) = 1/2
    v = teach.exit_values(T=5, R=3, P=1, outside=1, detection=0.5)
    assert v["delta_expulsion"] == pytest.approx(2 / 3)
    assert v["delta_bilateral"] == pytest.approx(0.5)
    assert v["exit_cost"] == 2


def test_exit_explorer_updates_the_threshold_and_the_picture():
    ex = teach.exit_explorer(T=5, R=3, P=1, outside=1, detection=0.5)
    assert ex.values["delta_expulsion"] == pytest.approx(2 / 3)
    first = ex.image.value
    assert first[:4] == b"\x89PNG"
    # perfect detection and outside option 0: L = 3, delta* = 2 / (2 + 3) = 0.4
    v = ex.update(detection=1.0, outside=0.0)
    assert v["delta_expulsion"] == pytest.approx(0.4)
    assert ex.sliders["detection"].value == 1.0
    assert ex.image.value != first
    assert "0.400" in ex.readout.value
    # moving a slider by hand (as a user does) recomputes through the observer
    ex.sliders["outside"].value = 3.0  # no exit cost: expulsion cannot deter
    assert ex.values["delta_expulsion"] == float("inf")
    assert "never" in ex.readout.value


def test_exit_explorer_shows_an_error_instead_of_failing():
    ex = teach.exit_explorer()
    v = ex.update(T=2.0)  # T < R: not a prisoner's dilemma
    assert "error" in v and "T" in v["error"]


def test_unknown_slider_is_an_error():
    ex = teach.exit_explorer()
    with pytest.raises(ValueError, match="unknown slider 'delta'"):
        ex.update(delta=0.5)


def test_replicator_explorer_finds_the_ess_of_each_scenario():
    ex = teach.replicator_explorer()
    assert ex.values["ess"] == [(1.0, 1.0)]  # "stable cooperation"
    # no fine and no subsidy: firms stop producing circularly, governments stay active (reward > regulation cost)
    assert ex.update(fine=0.0, subsidy=0.0)["ess"] == [(1.0, 0.0)]
    assert ex.image.value[:4] == b"\x89PNG"


def test_missing_ipywidgets_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ImportError, match=r"clustergames\[teach\]"):
        teach.exit_explorer()


def test_symbiosis_explorer_keeps_more_links_under_network_punishment():
    pytest.importorskip("clustergames.symbiosis")
    from clustergames import symbiosis

    if not hasattr(symbiosis, "guitang"):
        pytest.skip("clustergames.symbiosis.guitang is not merged yet")
    ex = teach.symbiosis_explorer(delta=0.6, punishment="bilateral")
    bilateral = ex.values
    network = ex.update(punishment="network")
    # the same numbers as the model called directly (the explorer only wires it)
    links = symbiosis.guitang().links(power=0.5)
    direct = symbiosis.self_enforcing(links, 0.6, punishment="network")
    assert network["kept"] == len(direct.kept) and network["surplus"] == pytest.approx(direct.surplus)
    assert network["kept"] >= bilateral["kept"] and network["surplus"] >= bilateral["surplus"]
    # patience never destroys a self-enforcing link (the kept surplus is monotone in delta)
    surpluses = [ex.update(delta=d)["surplus"] for d in (0.3, 0.6, 0.9)]
    assert surpluses == sorted(surpluses)
    assert ex.update(delta=0.0)["kept"] <= ex.update(delta=0.95)["kept"] == ex.values["links"]
