"""Trust across the links of a symbiosis network (issue 11, item 5): thresholds by hand, the MILP against brute
force, resilience and its cascade by hand."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clustergames import symbiosis
from clustergames.symbiosis import critical_delta, resilience, self_enforcing

# ----------------------------------------------------------------------------------------------------------------
# a 3-firm network worked by hand
#   A-B: r_A = 3, r_B = 1, g_A = 1, g_B = 1   -> own thresholds 1/4 (A), 1/2 (B)
#   B-C: r_B = 2, r_C = 2, g_B = 2, g_C = 6   -> own thresholds 1/2 (B), 3/4 (C)
#   A-C: r_A = 1, r_C = 4, g_A = 3, g_C = 0   -> own thresholds 3/4 (A), 0 (C)
# bilateral (one link per pair): max of the side thresholds = 3/4 (C on B-C and A on A-C; A comes first)
# network: A pools 1+3 over 3+1 -> 4/8 = 1/2; B pools 1+2 over 1+2 -> 3/6 = 1/2; C pools 6+0 over 2+4 -> 6/12 = 1/2
# ----------------------------------------------------------------------------------------------------------------
THREE = [
    {"a": "A", "b": "B", "rent_a": 3, "rent_b": 1, "gain_a": 1, "gain_b": 1, "material": "steam"},
    {"a": "B", "b": "C", "rent_a": 2, "rent_b": 2, "gain_a": 2, "gain_b": 6, "material": "gypsum"},
    {"a": "A", "b": "C", "rent_a": 1, "rent_b": 4, "gain_a": 3, "gain_b": 0, "material": "water"},
]


def test_three_firm_thresholds_by_hand():
    bil = critical_delta(THREE, "bilateral")
    assert bil.min == F(3, 4) and isinstance(bil.min, F)
    assert bil.binding_firm == "A" and bil.binding_link == ("A", "C")  # A is first in firm order
    links = bil.to_frame("links")
    assert list(links["delta_a"]) == [F(1, 4), F(1, 2), F(3, 4)]
    assert list(links["delta_b"]) == [F(1, 2), F(3, 4), F(0)]
    assert list(links["delta"]) == [F(1, 2), F(3, 4), F(3, 4)]
    assert list(links["material"]) == ["steam", "gypsum", "water"]  # carried through
    net = critical_delta(THREE, "network")
    firms = net.to_frame()
    assert list(firms["firm"]) == ["A", "B", "C"]
    assert list(firms["rent"]) == [4, 3, 6] and list(firms["gain"]) == [4, 3, 6]
    assert list(firms["delta_network"]) == [F(1, 2)] * 3
    assert list(firms["delta_bilateral"]) == [F(3, 4), F(1, 2), F(3, 4)]
    assert net.min == F(1, 2) and net.binding_link is None
    assert firms["binding"].tolist() == [True, False, False]


def test_three_firm_self_enforcing_by_hand():
    # delta = 1/2: bilateral keeps A-B only (B-C fails for C, A-C fails for A); network keeps all three (every pooled
    # constraint binds with equality: exact arithmetic must accept it)
    assert self_enforcing(THREE, F(1, 2)).kept == (0,)
    res = self_enforcing(THREE, F(1, 2), "network")
    assert res.kept == (0, 1, 2) and res.surplus == 4 + 4 + 5
    assert list(res.firms["slack"]) == [0, 0, 0]
    # just below, every pooled constraint fails on the full network; the best subset is found by brute force below
    assert self_enforcing(THREE, F(49, 100), "network").surplus == _brute(THREE, F(49, 100), "network")[0]
    assert self_enforcing(THREE, F(3, 4), "bilateral").kept == (0, 1, 2)


def test_float_input_gives_floats_and_fractions_stay_fractions():
    fl = [{**r, "rent_a": float(r["rent_a"])} for r in THREE]
    res = critical_delta(fl, "network")
    assert isinstance(res.min, float) and res.min == pytest.approx(0.5)
    fr = [{**r, "gain_b": F(r["gain_b"], 3)} for r in THREE]
    assert isinstance(critical_delta(fr, "network").min, F)
    assert critical_delta(fr, "network").min == max(F(4, 8), F(3, 6), F(2, 2 + 6))


def test_zero_rent_gives_inf_and_zero_gain_gives_zero():
    links = [{"a": 1, "b": 2, "rent_a": 0, "rent_b": 5, "gain_a": 1, "gain_b": 0}]
    res = critical_delta(links)
    assert res.min == math.inf and res.binding_firm == 1
    assert res.to_frame()["delta_network"].tolist() == [math.inf, 0]
    assert critical_delta([{**links[0], "gain_a": 0}]).min == 0
    # a partner link gives firm 1 rents: pooled, the threshold becomes finite
    both = links + [{"a": 1, "b": 3, "rent_a": 3, "rent_b": 1, "gain_a": 0, "gain_b": 0}]
    assert critical_delta(both, "network").min == F(1, 4)
    assert self_enforcing(links, F(99, 100), "network").kept == ()
    assert self_enforcing(both, F(1, 4), "network").kept == (0, 1)


def test_bilateral_pools_links_of_the_same_pair():
    # two materials between the same firms: the cheated partner ends both
    links = [{"a": "P", "b": "R", "rent_a": 1, "rent_b": 1, "gain_a": 3, "gain_b": 0},
             {"a": "R", "b": "P", "rent_a": 1, "rent_b": 3, "gain_a": 0, "gain_b": 1}]
    assert critical_delta(links, "link").min == F(3, 4)
    assert critical_delta(links, "bilateral").min == F(4, 8)
    assert self_enforcing(links, F(1, 2), "link").kept == (1,)
    assert self_enforcing(links, F(1, 2), "bilateral").kept == (0, 1)


# ----------------------------------------------------------------------------------------------------------------
# brute force: an independent implementation over all subsets of links
# ----------------------------------------------------------------------------------------------------------------
def _group_keys(row, k, side, punishment):
    me, other = (row["a"], row["b"]) if side == 0 else (row["b"], row["a"])
    return {"network": me, "bilateral": (me, other), "link": (me, k)}[punishment]


def _feasible(links, subset, delta, punishment):
    sums = {}
    for k in subset:
        row = links[k]
        for side, tag in ((0, "a"), (1, "b")):
            key = _group_keys(row, k, side, punishment)
            sums[key] = sums.get(key, 0) + (1 - delta) * row[f"gain_{tag}"] - delta * row[f"rent_{tag}"]
    return all(v <= 0 for v in sums.values())


def _surplus(row):
    return row.get("surplus", row["rent_a"] + row["rent_b"])


def _brute(links, delta, punishment):
    best, best_sets = -1, []
    for m in range(len(links) + 1):
        for subset in itertools.combinations(range(len(links)), m):
            if _feasible(links, subset, delta, punishment):
                v = sum((_surplus(links[k]) for k in subset), 0)
                if v > best:
                    best, best_sets = v, [subset]
                elif v == best:
                    best_sets.append(subset)
    return best, best_sets


def _random_links(seed, n_links, n_firms, exact=True):
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n_links):
        a, b = rng.choice(n_firms, 2, replace=False)
        vals = rng.integers(0, 7, 5)
        row = {"a": f"f{a}", "b": f"f{b}", "rent_a": int(vals[0]), "rent_b": int(vals[1]),
               "gain_a": int(vals[2]), "gain_b": int(vals[3])}
        if rng.random() < 0.5:
            row["surplus"] = int(row["rent_a"] + row["rent_b"] + vals[4])
        rows.append(row)
    if any("surplus" in r for r in rows):
        for r in rows:
            r.setdefault("surplus", r["rent_a"] + r["rent_b"])
    if not exact:
        rows = [{k: (float(v) / 3 if not isinstance(v, str) else v) for k, v in r.items()} for r in rows]
    return rows


@pytest.mark.parametrize("punishment", ["network", "bilateral", "link"])
@pytest.mark.parametrize("seed", range(25))
def test_milp_matches_brute_force_exact(seed, punishment):
    rng = np.random.default_rng(1000 + seed)
    n_links = int(rng.integers(1, 9))
    links = _random_links(seed, n_links, int(rng.integers(3, 6)))
    delta = F(int(rng.integers(1, 20)), 20)
    best, sets = _brute(links, delta, punishment)
    res = self_enforcing(links, delta, punishment)
    assert res.surplus == best
    assert _feasible(links, res.kept, delta, punishment)
    # the kept set is maximal: no further link can be added
    for k in set(range(n_links)) - set(res.kept):
        assert not _feasible(links, tuple(sorted(set(res.kept) | {k})), delta, punishment)
    # the pooled (network) surplus is never below the bilateral one, which is never below the link one
    if punishment == "network":
        assert res.surplus >= self_enforcing(links, delta, "bilateral").surplus >= \
            self_enforcing(links, delta, "link").surplus


@pytest.mark.parametrize("seed", range(15))
def test_milp_matches_brute_force_float(seed):
    links = _random_links(500 + seed, 8, 4, exact=False)
    delta = 0.05 + 0.9 * np.random.default_rng(seed).random()
    best, _ = _brute(links, delta, "network")
    res = self_enforcing(links, delta, "network")
    assert isinstance(res.surplus, float)
    assert res.surplus == pytest.approx(best, rel=1e-9, abs=1e-12)


def test_bilateral_self_enforcing_is_the_link_by_link_rule():
    links = _random_links(7, 30, 8)  # pairs may repeat: use the "link" regime for the stand-alone rule
    for delta in (F(1, 5), F(1, 2), F(4, 5)):
        res = self_enforcing(links, delta, "link")
        rule = tuple(k for k, r in enumerate(links)
                     if all((1 - delta) * r[f"gain_{t}"] <= delta * r[f"rent_{t}"] for t in "ab"))
        assert res.kept == rule


@pytest.mark.parametrize("punishment", ["network", "bilateral", "link"])
def test_everything_kept_exactly_from_the_critical_delta(punishment):
    for seed in range(8):
        links = _random_links(40 + seed, 7, 4)
        for r in links:  # strictly positive rents: finite thresholds
            r["rent_a"] += 1
            r["rent_b"] += 1
            r.pop("surplus", None)
        d = critical_delta(links, punishment).min
        assert self_enforcing(links, d, punishment).kept == tuple(range(len(links)))
        if d > 0:
            below = self_enforcing(links, d - F(1, 10**6), punishment)
            assert len(below.kept) < len(links)


# ----------------------------------------------------------------------------------------------------------------
# thresholds: properties
# ----------------------------------------------------------------------------------------------------------------
side = st.integers(0, 20)


@pytest.mark.slow
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), side, side, side, side), min_size=1, max_size=10))
def test_network_threshold_never_exceeds_bilateral(rows):
    links = [{"a": a, "b": (b if b != a else a + 5), "rent_a": ra, "rent_b": rb, "gain_a": ga, "gain_b": gb}
             for a, b, ra, rb, ga, gb in rows]
    t = {p: critical_delta(links, p).min for p in ("link", "bilateral", "network")}
    assert t["network"] <= t["bilateral"] <= t["link"]
    for v in t.values():
        assert v == math.inf or 0 <= v < 1


# ----------------------------------------------------------------------------------------------------------------
# resilience and the cascade, by hand
# ----------------------------------------------------------------------------------------------------------------
# H (hub) - P: rents 4 / 3, no temptation; P - Q: P tempted (gain 4, rent 1), Q honest (rent 2);
# Q - Z: rents 1 / 1, Q tempted (gain 2), Z honest.  At delta = 1/2 (coefficient (g - r)/2):
#   P: H-P -3/2, P-Q +3/2 -> 0 (holds); Q: P-Q -1, Q-Z +1/2 -> -1/2 (holds)
# H leaves: P's constraint is +3/2 -> P cheats, P-Q collapses; then Q has only Q-Z: +1/2 -> Q cheats, Q-Z
# collapses. The cascade runs two links deep although H is part of neither.
CASCADE = [
    {"a": "H", "b": "P", "rent_a": 4, "rent_b": 3, "gain_a": 0, "gain_b": 0},
    {"a": "P", "b": "Q", "rent_a": 1, "rent_b": 2, "gain_a": 4, "gain_b": 0},
    {"a": "Q", "b": "Z", "rent_a": 1, "rent_b": 1, "gain_a": 2, "gain_b": 0},
]


def test_resilience_cascade_by_hand():
    res = resilience(CASCADE, F(1, 2), "network")
    assert res.surplus == 7 + 3 + 2
    t = res.to_frame().set_index("firm")
    assert t.loc["H", "direct_loss"] == 7 and t.loc["H", "collapsed"] == 2
    assert t.loc["H", "cascade_loss"] == 5 and t.loc["H", "surplus_after"] == 0
    assert t.loc["H", "collapsed_links"] == "P–Q; Q–Z"
    # Z's exit: Q keeps P-Q (-1 alone): no cascade; P-Q and H-P survive
    assert t.loc["Z", "surplus_after"] == 10 and t.loc["Z", "collapsed"] == 0
    # Q's exit: P only has H-P (-3/2): fine
    assert t.loc["Q", "surplus_after"] == 7
    # P's exit: Q-Z alone fails for Q -> nothing left
    assert t.loc["P", "direct_loss"] == 10 and t.loc["P", "surplus_after"] == 0 and t.loc["P", "cascade_loss"] == 2
    assert res.keystone == "H"  # H and P both lose everything; H comes first
    assert t.loc["H", "firm_rent"] == 4 and t.loc["P", "firm_rent"] == 4
    assert t.loc["P", "links"] == 2
    # bilateral punishment: P-Q and Q-Z are not self-enforcing on their own, and there is no cascade
    bil = resilience(CASCADE, F(1, 2), "bilateral")
    assert bil.surplus == 7 and (bil.to_frame()["collapsed"] == 0).all()


def test_reorganisation_can_beat_unravelling():
    # delta = 1/2, P's coefficients (g - r)/2: X-P -1, P-Y +3/2, P-W -1 -> -1/2: everything is kept (17)
    links = [{"a": "X", "b": "P", "rent_a": 1, "rent_b": 2, "gain_a": 0, "gain_b": 0},
             {"a": "P", "b": "Y", "rent_a": 1, "rent_b": 1, "gain_a": 4, "gain_b": 0, "surplus": 10},
             {"a": "P", "b": "W", "rent_a": 3, "rent_b": 1, "gain_a": 1, "gain_b": 0}]
    res = resilience(links, F(1, 2), "network")
    t = res.to_frame().set_index("firm")
    assert res.surplus == 17
    # X leaves: P is at +1/2 -> P cheats and loses P-Y and P-W (cascade 14, nothing left) ...
    assert t.loc["X", "collapsed"] == 2 and t.loc["X", "cascade_loss"] == 14
    assert t.loc["X", "surplus_unravelled"] == 0
    # ... but the cluster can re-organise: without P-Y, P-W holds on its own (P at -1)
    assert t.loc["X", "surplus_after"] == 4 and t.loc["X", "lost"] == 13
    # W leaves: the cascade takes X-P and P-Y; re-organised, X-P alone survives
    assert t.loc["W", "collapsed_links"] == "X–P; P–Y" and t.loc["W", "surplus_after"] == 3
    assert t.loc["Y", "surplus_after"] == 7 and t.loc["Y", "collapsed"] == 0
    assert t.loc["P", "surplus_after"] == 0
    assert res.keystone == "P"


@pytest.mark.parametrize("seed", range(10))
def test_resilience_bounds(seed):
    links = _random_links(900 + seed, 8, 5)
    for pun in ("network", "bilateral"):
        res = resilience(links, F(3, 5), pun)
        t = res.to_frame()
        assert (t["surplus_unravelled"] <= t["surplus_after"]).all()
        assert (t["surplus_after"] <= res.surplus).all()
        for _, row in t.iterrows():
            rest = [r for r in links if row["firm"] not in (r["a"], r["b"])]
            assert row["surplus_after"] == (_brute(rest, F(3, 5), pun)[0] if rest else 0)
        if pun == "bilateral":
            assert (t["collapsed"] == 0).all()


# ----------------------------------------------------------------------------------------------------------------
# input forms, display, plots
# ----------------------------------------------------------------------------------------------------------------
def test_dataframe_and_list_of_dicts_agree_and_columns_carry_through():
    df = pd.DataFrame(THREE)
    a = critical_delta(df, "network").to_frame("links")
    b = critical_delta(THREE, "network").to_frame("links")
    pd.testing.assert_frame_equal(a, b)
    kept = self_enforcing(df.iloc[::-1], F(1, 2), "network").to_frame()
    assert list(kept["material"]) == ["water", "gypsum", "steam"]
    assert list(kept.columns[:3]) == ["link", "a", "b"]


def test_display_and_plots():
    import matplotlib

    matplotlib.use("Agg")
    res = critical_delta(THREE, "network")
    assert "<table" in res._repr_html_() and "binding firm" in res._repr_html_()
    assert res._repr_latex_().startswith("$") and r"\frac{1}{2}" in res._repr_latex_()
    assert r"\infty" in critical_delta([{"a": 1, "b": 2, "rent_a": 0, "rent_b": 1, "gain_a": 1,
                                         "gain_b": 0}])._repr_latex_()
    ax = res.plot()
    assert ax.get_xlabel().startswith("critical discount factor")
    se = self_enforcing(THREE, F(1, 2), "bilateral")
    assert "1 of 3 kept" in repr(se)
    se.plot()
    rs = resilience(CASCADE, F(1, 2), "network")
    assert "keystone 'H'" in repr(rs) and "keystone" in rs._repr_html_()
    assert rs.plot().get_ylabel().startswith("surplus")
    import matplotlib.pyplot as plt

    plt.close("all")


def test_public_names():
    assert {"critical_delta", "self_enforcing", "resilience", "LinkThresholds", "SelfEnforcing",
            "Resilience"} <= set(symbiosis.links.__all__)
    for name in symbiosis.links.__all__:
        assert getattr(symbiosis, name) is getattr(symbiosis.links, name)


# ----------------------------------------------------------------------------------------------------------------
# the registered figures
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_figures_data_by_hand_and_byte_identical(tmp_path):
    from clustergames import figures

    names = ["symbiosis_critical_delta", "symbiosis_resilience"]
    first = figures.reproduce(tmp_path / "a", only=names, quick=True)
    second = figures.reproduce(tmp_path / "b", only=names, quick=True)
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes(), p.name
    th = pd.read_csv(tmp_path / "a" / "symbiosis_critical_delta.csv").set_index("firm")
    # power station: six links, R = 3+2+2+3+1+2 = 13, G = 2+1+4+2+1+1 = 11 -> 11/24 pooled; its worst partner is the
    # plasterboard maker (gypsum: g = 4, r = 2 -> 2/3)
    assert th.loc["power station", "delta_network"] == pytest.approx(11 / 24)
    assert th.loc["power station", "delta_bilateral"] == pytest.approx(2 / 3)
    assert (th["delta_network"] <= th["delta_bilateral"]).all()
    rs = pd.read_csv(tmp_path / "a" / "symbiosis_resilience.csv")
    net = rs[rs["punishment"] == "network"].set_index("firm")
    assert net["lost"].idxmax() == "power station" and net.loc["power station", "collapsed"] == 3
    assert (rs[rs["punishment"] == "bilateral"]["collapsed"] == 0).all()


@pytest.mark.parametrize("seed", range(6))
def test_self_enforcing_surplus_rises_with_patience(seed):
    # (1 - delta) g - delta r falls with delta, so a set that is self-enforcing stays so: the surplus never falls
    links = _random_links(300 + seed, 12, 5)
    for pun in ("network", "bilateral"):
        values = [self_enforcing(links, F(k, 10), pun).surplus for k in range(10)]
        assert values == sorted(values)
        assert values[0] == sum(_surplus(r) for r in links if r["gain_a"] == 0 and r["gain_b"] == 0)
