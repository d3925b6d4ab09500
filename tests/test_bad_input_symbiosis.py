"""Adversarial input to the by-product exchange cluster: each call raises a clear error naming the table, the firm
and the material (or the argument and the rule), before any computation."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy as sp

from clustergames import symbiosis
from clustergames.symbiosis import Cluster

V = {"ash": 5.0, "mud": 1.0}
D = {"ash": 2.0, "mud": 1.0}
S = {("mill", "ash"): 10.0}
R = {("kiln", "ash"): 6.0}


def ok(**kw):
    args = {"supply": S, "demand": R, "virgin_price": V, "disposal_cost": D}
    args.update(kw)
    return Cluster(**args)


BAD_CLUSTERS = [
    # (constructor keywords, error type, fragments the message must contain)
    ({"supply": {("mill", "ash"): -1}}, ValueError, ["supply['mill', 'ash']", ">= 0"]),
    ({"supply": {("mill", "ash"): math.nan}}, ValueError, ["supply['mill', 'ash']", "finite"]),
    ({"demand": {("kiln", "ash"): math.inf}}, ValueError, ["demand['kiln', 'ash']", "finite"]),
    ({"supply": {("mill", "slag"): 3}}, ValueError, ["supply['mill', 'slag']", "unknown material 'slag'"]),
    ({"demand": {("kiln", "slag"): 3}}, ValueError, ["demand['kiln', 'slag']", "unknown material"]),
    ({"supply": {("mill", "ash"): 5}, "demand": {("mill", "ash"): 5}}, ValueError, ["'mill'", "'ash'", "itself"]),
    ({"supply": {"mill": 5}}, TypeError, ["supply keys", "(firm, material)"]),
    ({"supply": {("mill", "ash"): "ten"}}, TypeError, ["supply['mill', 'ash']"]),
    ({"supply": {("mill", "ash"): True}}, TypeError, ["supply['mill', 'ash']", "bool"]),
    ({"supply": [("mill", "ash", 10)]}, TypeError, ["supply must be a mapping"]),
    ({"supply": {(3, "ash"): 1}}, TypeError, ["supply", "firm"]),
    ({"virgin_price": {"ash": -1, "mud": 1}}, ValueError, ["virgin_price['ash']", ">= 0"]),
    ({"virgin_price": {"ash": math.nan, "mud": 1}}, ValueError, ["virgin_price['ash']"]),
    ({"virgin_price": {}}, TypeError, ["virgin_price", "non-empty"]),
    ({"disposal_cost": {"ash": 2.0}}, ValueError, ["disposal_cost", "'mud'"]),
    ({"disposal_cost": {"ash": 2.0, "mud": 1.0, "slag": 3.0}}, ValueError, ["disposal_cost['slag']", "unknown"]),
    ({"disposal_cost": {"ash": math.nan, "mud": 1.0}}, ValueError, ["disposal_cost['ash']"]),
    ({"treatment_cost": {"slag": 1.0}}, ValueError, ["treatment_cost['slag']", "unknown material"]),
    ({"treatment_cost": -1}, ValueError, ["treatment_cost", ">= 0"]),
    ({"transport_cost": -1}, ValueError, ["transport_cost", ">= 0"]),
    ({"transport_cost": {("mill", "ghost"): 1}}, ValueError,
     ["transport_cost['mill', 'ghost']", "unknown firm 'ghost'"]),
    ({"transport_cost": {("mill", "kiln"): math.nan}}, ValueError, ["transport_cost['mill', 'kiln']"]),
    ({"transport_cost": {"mill": 1}}, TypeError, ["transport_cost keys"]),
    ({"transport_cost": np.ones((3, 3))}, ValueError, ["transport_cost", "shape"]),
    ({"transport_cost": np.array([[0, np.nan], [1, 0]])}, ValueError, ["transport_cost", "NaN"]),
    ({"conversions": {"mixer": [("ash", "mud", 0.0, 1.0)]}}, ValueError, ["conversions['mixer']", "yield", "'mud'",
                                                                          "'ash'"]),
    ({"conversions": {"mixer": [("ash", "mud", -2, 1.0)]}}, ValueError, ["conversions['mixer']", "yield"]),
    ({"conversions": {"mixer": [("slag", "mud", 0.5, 1.0)]}}, ValueError, ["conversions['mixer']", "'slag'"]),
    ({"conversions": {"mixer": [("ash", "slag", 0.5, 1.0)]}}, ValueError, ["conversions['mixer']", "'slag'"]),
    ({"conversions": {"mixer": [("ash", "ash", 0.5, 1.0)]}}, ValueError, ["conversions['mixer']", "differ"]),
    ({"conversions": {"mixer": [("ash", "mud", 0.5, math.nan)]}}, ValueError, ["conversions['mixer']", "unit_cost"]),
    ({"conversions": {"mixer": [("ash", "mud", 0.5, 1.0, -3)]}}, ValueError, ["conversions['mixer']", "capacity"]),
    ({"conversions": {"mixer": [("ash", "mud")]}}, TypeError, ["conversions['mixer']", "tuples"]),
    ({"conversions": {"mixer": [("ash", ("mud", "ash2"), (0.5,), 1.0)]}}, ValueError, ["one yield per output"]),
    ({"conversions": {"mill": [("ash", "mud", 0.5, 1.0)]}}, ValueError, ["'mill'", "'ash'", "itself"]),
    ({"landfill_tax": -1}, ValueError, ["landfill_tax", ">= 0"]),
    ({"subsidy": math.nan}, ValueError, ["subsidy"]),
    ({"firms": ["kiln"]}, ValueError, ["firms", "'mill'"]),
]


@pytest.mark.parametrize("kw, exc, fragments", BAD_CLUSTERS)
def test_bad_cluster_tables(kw, exc, fragments):
    with pytest.raises(exc) as info:
        ok(**kw)
    for frag in fragments:
        assert frag in str(info.value), (frag, str(info.value))


def test_bad_method_arguments():
    cl = ok()
    with pytest.raises(ValueError, match="unknown firm 'ghost'"):
        cl.value(["mill", "ghost"])
    with pytest.raises(TypeError, match="collection of firm names"):
        cl.value(3)
    with pytest.raises(ValueError, match="power must be a probability"):
        cl.link_price("mill", "kiln", "ash", power=1.5)
    with pytest.raises(ValueError, match="supplier 'ghost'"):
        cl.link_price("ghost", "kiln", "ash")
    with pytest.raises(ValueError, match="material 'slag' is unknown"):
        cl.link_price("mill", "kiln", "slag")
    with pytest.raises(ValueError, match="no stream of 'ash'"):
        cl.link_price("kiln", "mill", "ash")
    with pytest.raises(ValueError, match="must differ"):
        cl.link_price("mill", "mill", "ash")
    with pytest.raises(ValueError, match="investor must be one of"):
        cl.link_price("mill", "kiln", "ash", investment_return=1, investor="bank")
    with pytest.raises(ValueError, match="investment_return"):
        cl.link_price("mill", "kiln", "ash", investment_return=-1)
    with pytest.raises(ValueError, match="power"):
        cl.links(power=-0.1)
    with pytest.raises(ValueError, match="method must be one of"):
        cl.shapley(method="guess")
    with pytest.raises(ValueError, match="n_permutations"):
        cl.shapley(method="sample", n_permutations=1)
    with pytest.raises(TypeError, match="rng"):
        cl.shapley(method="sample", rng="seed")
    with pytest.raises(ValueError, match="already a firm"):
        cl.gap_filling("mill", demand={"mud": 1})
    with pytest.raises(ValueError, match="entry_cost"):
        cl.gap_filling("new", demand={"ash": 1}, entry_cost=-5)
    with pytest.raises(ValueError, match="share must be one of"):
        cl.gap_filling("new", demand={"ash": 1}, share="equal")
    with pytest.raises(ValueError, match="needs a positive supply"):
        cl.gap_filling("new", demand={"ash": 0})
    with pytest.raises(ValueError, match="unknown material"):
        cl.gap_filling("new", demand={"slag": 1})
    with pytest.raises(ValueError, match="landfill_tax"):
        cl.policy_grid([0, -1], [0])
    with pytest.raises(ValueError, match="subsidy must contain"):
        cl.policy_grid([0], [])
    with pytest.raises(TypeError, match="landfill_tax must be a sequence"):
        cl.policy_grid(3, [0])
    with pytest.raises(ValueError, match="exchanged"):
        cl.policy_grid([0], [0]).cheapest(-1)


def test_unbounded_cycle_is_reported():
    # a -> b and b -> a at yield 1 with a subsidy above the costs: round-tripping pays forever
    cl = Cluster({("s", "a"): 1}, {}, {"a": 0, "b": 0}, {"a": 0, "b": 0}, subsidy=1,
                 conversions={"p": [("a", "b", 1.0, 0.0)], "q": [("b", "a", 1.0, 0.0)]})
    with pytest.raises(ValueError, match="unbounded"):
        cl.exchanges()


def test_random_cluster_and_frames_bad_input():
    with pytest.raises(ValueError, match="n_firms"):
        symbiosis.random_cluster(1, 3)
    with pytest.raises(TypeError, match="n_materials"):
        symbiosis.random_cluster(5, 2.5)
    with pytest.raises(ValueError, match="lacks column"):
        Cluster.from_frames(pd.DataFrame({"firm": ["a"]}), pd.DataFrame({"material": ["x"]}))
    streams = pd.DataFrame({"firm": ["a"], "material": ["x"], "role": ["sell"], "quantity": [1.0]})
    mats = pd.DataFrame({"material": ["x"], "virgin_price": [1.0], "disposal_cost": [0.0]})
    with pytest.raises(ValueError, match="did you mean 'supply'|must be one of"):
        Cluster.from_frames(streams, mats)
    with pytest.raises(TypeError, match="DataFrame"):
        Cluster.from_frames({"firm": ["a"]}, mats)


def test_edge_cases_give_finite_valid_results():
    # a firm with nothing to trade is a null player; zero quantities are ignored
    cl = Cluster({("a", "x"): 5, ("c", "x"): 0}, {("b", "x"): 5, ("idle", "y"): 2}, {"x": 1, "y": 1}, {"x": 1, "y": 0})
    sh = cl.shapley()
    assert sh.values["idle"] == 0.0 and np.isfinite(sh.values).all()
    lp = cl.link_price("a", "b", "x", power=1.0)
    assert lp.tipping_tax == math.inf and lp.price == lp.high
    # a link nobody wants: empty range, no price (never NaN)
    cl2 = Cluster({("a", "x"): 5}, {("b", "x"): 5}, {"x": 1}, {"x": 0}, transport_cost=3)
    lp2 = cl2.link_price("a", "b", "x")
    assert lp2.price is None and lp2.low > lp2.high and lp2.quantity == 0.0
    assert cl2.links().empty and list(cl2.links().columns[:6]) == ["a", "b", "rent_a", "rent_b", "gain_a", "gain_b"]


def test_review_bad_and_edge_input():
    # found in review: a mapping of firms was read by its keys (a 0 "membership" counted the firm in)
    cl = symbiosis.guitang()
    with pytest.raises(TypeError, match="not a mapping"):
        cl.value({"sugar refinery": 1, "power plant": 0})
    with pytest.raises(ValueError, match="unknown firm 'xyz'"):
        cl.value("xyz")
    with pytest.raises(ValueError, match="unknown firm 3"):
        cl.value(["sugar refinery", 3])
    with pytest.raises(TypeError, match="not a symbolic expression"):
        Cluster({("a", "heat"): sp.Symbol("q")}, {("b", "heat"): 8}, {"heat": 3}, {"heat": 0})
    with pytest.raises(ValueError, match="finite"):
        Cluster({("a", "heat"): float("inf")}, {("b", "heat"): 8}, {"heat": 3}, {"heat": 0})
    with pytest.raises(ValueError, match="NaN"):
        Cluster({("a", "heat"): 5}, {("b", "heat"): 8}, {"heat": 3}, {"heat": 0},
                transport_cost=np.array([[0, np.nan], [0, 0]]))
    with pytest.raises(ValueError, match="already a firm"):
        cl.gap_filling("power plant", conversions=[("boiler ash", None, None, -0.3)])
    # exact and huge inputs: Fractions and sympy rationals are numbers; a huge supply is bounded by the demand
    two = dict(demand={("b", "heat"): 8}, virgin_price={"heat": 3}, disposal_cost={"heat": 0})
    assert Cluster({("a", "heat"): Fraction(5, 2)}, **two).value(["a", "b"]) == pytest.approx(7.5)
    assert Cluster({("a", "heat"): sp.Rational(5, 2)}, **two).value(["a", "b"]) == pytest.approx(7.5)
    assert Cluster({("a", "heat"): 1e300}, **two).value(["a", "b"]) == pytest.approx(24.0)
    assert cl.value([]) == 0.0 and cl.value("power plant") == 0.0
