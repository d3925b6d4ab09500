"""Adversarial calls on the economics functions of issue 17 (and the reproducers of issue 16 in these modules).

Each call either raises a clear error naming the argument, or returns a finite, valid result.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from clustergames import bargaining, brand, entry, trust
from clustergames.coalitions import CoalitionalGame
from clustergames.entry import RegionalEntryGame

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("call, exc, match", [
    # Myerson-Satterthwaite
    (lambda: bargaining.myerson_satterthwaite((1, 0)), ValueError, "cost must be an interval"),
    (lambda: bargaining.myerson_satterthwaite((0, 1), (1, 1)), ValueError, "value must be an interval"),
    (lambda: bargaining.myerson_satterthwaite((0, NAN)), ValueError, "cost"),
    (lambda: bargaining.myerson_satterthwaite((0, 1), (-3, -2)), ValueError, "trade must be possible"),
    (lambda: bargaining.myerson_satterthwaite("cheap"), (TypeError, ValueError), "cost"),
    # partial insurance and linked relationships
    (lambda: trust.partial_insurance(1.0, 3, 1), ValueError, "delta"),
    (lambda: trust.partial_insurance(-0.1, 3, 1), ValueError, "delta"),
    (lambda: trust.partial_insurance([0.5, NAN], 3, 1), ValueError, "delta"),
    (lambda: trust.partial_insurance(0.5, 1, 3), ValueError, "high must exceed low"),
    (lambda: trust.partial_insurance(0.5, 3, 0), ValueError, "low must be positive"),
    (lambda: trust.partial_insurance(0.5, 3, 1, utility="cubic"), ValueError, "utility must be one of"),
    (lambda: trust.partial_insurance(0.5, 3, 1, utility=3), TypeError, "utility"),
    (lambda: trust.partial_insurance(0.5, True, 1), TypeError, "high"),
    (lambda: trust.linked_relationship(0.5, T=3, R=3, P=1, high=3, low=1), ValueError, "T must exceed R"),
    (lambda: trust.linked_relationship(0.5, T=5, R=1, P=3, high=3, low=1), ValueError, "R must exceed P"),
    (lambda: trust.linked_relationship(1.5, T=5, R=3, P=1, high=3, low=1), ValueError, "delta"),
    (lambda: trust.linked_relationship(0.5, 5, 3, 1, 3, 1), TypeError, "positional"),
    (lambda: trust.pooled_delta(T=[2, 4], R=[6, 4], P=[2, 1]), ValueError, "T must be at least R"),
    (lambda: trust.pooled_delta(T=[12, 4], R=[6, 4], P=[6, 1]), ValueError, "R must exceed P"),
    # the regional brand
    (lambda: brand.brand_threshold(1, 2, 0, 0.8), ValueError, "detection"),
    (lambda: brand.brand_threshold(1, 0, 0.5, 0.8), ValueError, "premium"),
    (lambda: brand.brand_threshold(-1, 2, 0.5, 0.8), ValueError, "cost"),
    (lambda: brand.RegionalBrand(0.2, 0.1, 1, 2, 0.5, 0.8).path(1.2), ValueError, "initial"),
    (lambda: brand.RegionalBrand(0.2, 0.1, 1, 2, 0.5, 0.8).path(0.5, periods=0), ValueError, "periods"),
    (lambda: brand.RegionalBrand(0.2, 0.1, 1, 2, 0.5, 0.8).path(0.5, periods=2.5), TypeError, "periods"),
    # entry: welfare accounting, agglomeration tax, damage threshold
    (lambda: entry.compare_governance(RegionalEntryGame(2), welfare="world"), ValueError, "welfare must be one"),
    (lambda: entry.compare_governance(RegionalEntryGame(2), power=[1, NAN]), ValueError, "power"),
    (lambda: entry.compare_governance(RegionalEntryGame(2), power=[1, 0]), ValueError, "power"),
    (lambda: entry.compare_governance(RegionalEntryGame(2), rule=[1, -1]), ValueError, "rule"),
    (lambda: entry.compare_governance(RegionalEntryGame(2), rule="strong"), ValueError, "rule must be one of"),
    (lambda: RegionalEntryGame(2).consumer_surplus([1, INF]), ValueError, "entry"),
    (lambda: RegionalEntryGame(2).total_welfare([1]), ValueError, "entry must have shape"),
    (lambda: RegionalEntryGame(2).optimum("consumers"), ValueError, "welfare must be one"),
    (lambda: RegionalEntryGame(2.5), TypeError, "n_regions"),
    (lambda: RegionalEntryGame(True), TypeError, "n_regions"),
    (lambda: RegionalEntryGame(3, b=0), ValueError, "b must be positive"),
    (lambda: RegionalEntryGame(3, a=NAN), ValueError, "a must be a finite"),
    (lambda: RegionalEntryGame(3, cost=[1, 1j, 0]), TypeError, "cost"),
    (lambda: RegionalEntryGame(3).payoffs([NAN, 1, 1]), ValueError, "entry must not contain NaN"),
    (lambda: entry.regional_equilibrium_entry(1.5, a=10, b=1), ValueError, "whole number of regions"),
    (lambda: entry.regional_optimal_entry(2.5, a=10, b=1), ValueError, "whole number of regions"),
    (lambda: entry.bargaining_welfare_damage(1, 10, 2, 0.5), ValueError, "n_regions"),
    (lambda: entry.bargaining_welfare_damage(3, 2, 10, 0.5), ValueError, "a .*must exceed"),
    (lambda: entry.bargaining_welfare_damage(3, 10, 2, 1.5), ValueError, "local_share"),
    (lambda: entry.agglomeration_tax(-1), ValueError, "rent"),
    (lambda: entry.agglomeration_tax("big"), TypeError, "rent"),
    # coalitional games
    (lambda: CoalitionalGame({(0, 1): NAN}), ValueError, "worth of coalition"),
    (lambda: CoalitionalGame({(0, 1): True}), TypeError, "worth of coalition"),
    (lambda: CoalitionalGame({(0, 1): 1}, n_players=0), ValueError, "n_players"),
    # two-player bargaining
    (lambda: bargaining.nash_solution(frontier=[[0, NAN], [1, 0]]), ValueError, "finite"),
    (lambda: bargaining.nash_solution(frontier=[[0, 2], [1, 0]], power=1), ValueError, "power"),
])
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize("call, check", [
    # issue 16 reproducers that must succeed
    (lambda: bargaining.nash_solution(frontier=[[0, 2], [1, 0]], power=0.3).payoffs[0],
     lambda x: abs(x - 0.3) < 1e-12),
    (lambda: CoalitionalGame({(0, 1, 2): 2e300, (1, 2): 1e300}).nucleolus(),
     lambda x: np.allclose(x / 1e300, [0.5, 0.75, 0.75], rtol=1e-9)),
    (lambda: RegionalEntryGame(sympy.Integer(3)).equilibrium().total_entry, lambda x: math.isfinite(x)),
    (lambda: RegionalEntryGame(np.int64(2)).welfare_optimum().total_entry, lambda x: x == pytest.approx(10.0)),
    (lambda: trust.pooled_delta(T=[12, 4], R=[6, 4], P=[2, 1]), lambda x: x == pytest.approx(6 / 13)),
    (lambda: trust.pooled_delta(T=[4, 4], R=[4, 4], P=[2, 1]), lambda x: x == 0.0),  # nobody is tempted
    # extremes that must give finite, valid numbers
    (lambda: trust.partial_insurance(0.0, 3, 1).transfer, lambda x: x == 0.0),
    (lambda: trust.partial_insurance(0.999999, 1e6, 1e-6).share, lambda x: 0 <= x <= 1),
    (lambda: trust.partial_insurance(0.8, 3, 1, utility="linear").transfer, lambda x: x == 0.0),  # no risk aversion
    (lambda: trust.partial_insurance(np.array([]), 3, 1).transfer, lambda x: x.size == 0),
    (lambda: trust.partial_insurance(Fraction(7, 10), 3, 1).transfer, lambda x: 0 < x < 1),
    (lambda: bargaining.myerson_satterthwaite((0, 1e-9), (0, 1e-9)).efficiency,
     lambda x: x == pytest.approx(27 / 32, rel=1e-9)),
    (lambda: bargaining.myerson_satterthwaite((0, 1e12), (0, 1e12)).efficiency,
     lambda x: x == pytest.approx(27 / 32, rel=1e-9)),
    (lambda: brand.brand_threshold(1, 2, 1, 1e-12), lambda x: math.isfinite(x) and x > 1),
    (lambda: brand.RegionalBrand(0, 0, 0, 1, 1, 0.5).steady_states().index.tolist(), lambda x: x == ["good"]),
    (lambda: brand.RegionalBrand(1, 0, 1, 1, 1, 0.5).path(0.0, periods=3).reputation[-1], lambda x: 0 <= x <= 1),
    (lambda: entry.compare_governance(RegionalEntryGame(1), welfare="total").totals()["total welfare"].to_numpy(),
     lambda x: np.isfinite(x).all()),
    (lambda: entry.agglomeration_tax(np.array([0, 1, 2]), -1), lambda x: x.tolist() == [-1, 0, 1]),
])
def test_valid_results(call, check):
    assert check(call())
