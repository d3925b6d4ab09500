"""Tests of StageGame, the named games and the equilibrium enumeration (issue 2)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import clustergames as cg
from clustergames.games import DegenerateGameWarning


def _keys(pairs, digits=6):
    return sorted(tuple(np.round(np.concatenate([np.asarray(x, float), np.asarray(y, float)]), digits) + 0.0)
                  for x, y in pairs)


def _same(pairs_a, pairs_b, tol):
    """The two lists of equilibria are the same set, up to ``tol`` in every probability."""
    a, b = np.array(_keys(pairs_a)), np.array(_keys(pairs_b))
    return a.shape == b.shape and bool(np.allclose(a, b, atol=tol, rtol=0))


# ----------------------------------------------------------------------------------------------------------------
# literature games with known equilibria
# ----------------------------------------------------------------------------------------------------------------
def test_matching_pennies_unique_mixed_equilibrium():
    # von Neumann & Morgenstern (1944): the unique equilibrium is (1/2, 1/2) for both, value 0.
    eqs = cg.matching_pennies().equilibria(exact=True)
    assert len(eqs) == 1
    assert eqs[0].row.tolist() == [sympy.Rational(1, 2)] * 2
    assert eqs[0].col.tolist() == [sympy.Rational(1, 2)] * 2
    assert eqs[0].payoffs == (0, 0)


def test_battle_of_the_sexes_three_equilibria_exact_fractions():
    # Luce & Raiffa (1957), ch. 5: two pure coordinations and a mixed equilibrium in which each player plays
    # their preferred option with probability a/(a+b) = 2/3 (payoffs 2 and 1).
    eqs = cg.battle_of_the_sexes(2, 1).equilibria(exact=True)
    assert len(eqs) == 3
    mixed = [e for e in eqs if not e.is_pure]
    assert len(mixed) == 1
    assert mixed[0].row.tolist() == [sympy.Rational(2, 3), sympy.Rational(1, 3)]
    assert mixed[0].col.tolist() == [sympy.Rational(1, 3), sympy.Rational(2, 3)]
    assert mixed[0].payoffs == (sympy.Rational(2, 3), sympy.Rational(2, 3))
    assert sorted(e.describe() for e in eqs if e.is_pure) == ["(F, F)", "(O, O)"]


def test_fraction_payoffs_are_exact():
    g = cg.StageGame([[Fraction(1, 2), 0], [0, Fraction(1, 4)]], [[Fraction(1, 4), 0], [0, Fraction(1, 2)]])
    assert g.is_exact
    mixed = [e for e in g.equilibria(exact=True) if not e.is_pure][0]
    assert mixed.row.tolist() == [sympy.Rational(2, 3), sympy.Rational(1, 3)]


def test_von_stengel_2002_example_equilibria():
    # von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, the 3x2 example of section 2.3 (eq. 2.6):
    # A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]] has exactly three equilibria:
    # ((1,0,0),(1,0)), ((0,1/3,2/3),(1/3,2/3)), ((4/5,1/5,0),(2/3,1/3)).
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    eqs = cg.StageGame(A, B).equilibria(exact=True)
    got = {(tuple(e.row.tolist()), tuple(e.col.tolist())) for e in eqs}
    R = sympy.Rational
    want = {((1, 0, 0), (1, 0)), ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3))),
            ((R(4, 5), R(1, 5), 0), (R(2, 3), R(1, 3)))}
    assert got == want


def test_von_stengel_degenerate_example_warns_and_returns_extreme_points():
    # von Stengel (2002), section 2.6 (eq. 2.7): replacing B's first row makes the game degenerate; the pure
    # strategy (1,0,0) of the row player then has two best responses and an equilibrium component.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    with pytest.warns(DegenerateGameWarning):
        eqs = cg.StageGame(A, B).equilibria(exact=True)
    assert eqs.degenerate
    R = sympy.Rational
    got = {(tuple(e.row.tolist()), tuple(e.col.tolist())) for e in eqs}
    # the component {(1,0,0)} x {y : y_1 >= 2/3} has the two extreme points y = (1,0) and y = (2/3,1/3)
    assert ((1, 0, 0), (1, 0)) in got
    assert ((1, 0, 0), (R(2, 3), R(1, 3))) in got
    for e in eqs:
        assert cg.StageGame(A, B).is_equilibrium(e.row, e.col)


def test_prisoners_dilemma_unique_defection_and_dominance():
    g = cg.prisoners_dilemma(5, 3, 1, 0)
    eqs = g.equilibria()
    assert len(eqs) == 1 and eqs[0].describe() == "(D, D)"
    assert eqs[0].payoffs == pytest.approx((1.0, 1.0))
    assert g.iterated_elimination().actions == (("D",), ("D",))
    assert (0, 0) in g.pareto_efficient() and (1, 1) not in g.pareto_efficient()


def test_hawk_dove_mixed_equilibrium_plays_hawk_with_v_over_c():
    # Maynard Smith & Price (1973): the mixed ESS plays hawk with probability v/c.
    for v, c in [(2, 4), (1, 3), (3, 5)]:
        mixed = [e for e in cg.hawk_dove(v, c).equilibria(exact=True) if not e.is_pure][0]
        assert mixed.row[0] == sympy.Rational(v, c)


def test_stag_hunt_and_snowdrift_mixed_equilibria_match_closed_form():
    for T, S in [(0.5, -0.3), (0.8, -0.7)]:
        g = cg.StageGame.symmetric([[1, S], [T, 0]], actions=["C", "D"])
        mixed = [e for e in g.equilibria() if not e.is_pure]
        assert len(mixed) == 1
        assert mixed[0].row[0] == pytest.approx(cg.games.mixed_cooperation(T, S))
    mixed = [e for e in cg.snowdrift(4, 2).equilibria(exact=True) if not e.is_pure][0]
    # Doebeli & Hauert (2005): cooperators' share in the snowdrift game is 1 - c/(2b - c) = 2/3 for b=4, c=2.
    assert mixed.row[0] == sympy.Rational(2, 3)


def test_trust_game_is_degenerate_with_no_trust_component():
    g = cg.trust_game(T=2, R=1, P=0, S=-1)
    with pytest.warns(DegenerateGameWarning):
        eqs = g.equilibria(exact=True)
    # all equilibria have the investor not trusting; the trustee honours with probability at most (P-S)/(R-S)=1/2
    assert all(e.row.tolist() == [0, 1] for e in eqs)
    assert max(e.col[0] for e in eqs) == sympy.Rational(1, 2)


# ----------------------------------------------------------------------------------------------------------------
# robustness: nashpy's documented misses, agreement with vertex enumeration
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.slow  # nashpy's support enumeration of an 8x8 game takes 10-30 s on a busy 2-core machine
def test_finds_all_five_equilibria_where_nashpy_support_enumeration_finds_four():
    rng = np.random.default_rng(0)
    A = rng.random((8, 8))
    B = rng.random((8, 8))
    ours = cg.StageGame(A, B).equilibria()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        support = list(nashpy.Game(A, B).support_enumeration())
    assert len(support) == 4  # the documented nashpy 0.0.43 miss (if this changes, nashpy was fixed)
    assert len(ours) == 5
    assert set(_keys([(x, y) for x, y in support])) < set(_keys([(e.row, e.col) for e in ours]))


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_nashpy_vertex_enumeration_on_random_games(seed):
    rng = np.random.default_rng(100 + seed)
    m, n = 5, 4 + seed % 2
    A, B = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    ours = cg.StageGame(A, B).equilibria()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
    assert _same([(e.row, e.col) for e in ours], theirs, 1e-6)


def test_random_10x10_has_odd_number_of_equilibria_all_verified():
    # Shapley (1974): a nondegenerate bimatrix game has an odd number of equilibria.
    rng = np.random.default_rng(0)
    g = cg.StageGame(rng.random((10, 10)), rng.random((10, 10)))
    eqs = g.equilibria()
    assert len(eqs) % 2 == 1 and not eqs.degenerate
    assert all(g.is_equilibrium(e.row, e.col, tol=1e-9) for e in eqs)


payoff_arrays = arrays(np.float64, (3, 3), elements=st.floats(-10, 10, allow_nan=False, width=32))
int_arrays = arrays(np.int64, (3, 3), elements=st.integers(-4, 4))


@settings(max_examples=40)
@given(payoff_arrays, payoff_arrays)
def test_property_every_equilibrium_is_a_mutual_best_response(A, B):
    g = cg.StageGame(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = g.equilibria()
    assert len(eqs) >= 1  # Nash (1951): every finite game has an equilibrium
    for e in eqs:
        assert np.isclose(e.row.sum(), 1) and np.isclose(e.col.sum(), 1)
        assert (e.row >= 0).all() and (e.col >= 0).all()
        scale = max(1.0, np.abs(A).max(), np.abs(B).max())
        assert (A @ e.col).max() <= e.row @ A @ e.col + 1e-7 * scale
        assert (e.row @ B).max() <= e.row @ B @ e.col + 1e-7 * scale


@settings(max_examples=40)
@given(int_arrays, int_arrays)
def test_property_exact_and_float_modes_agree(A, B):
    g = cg.StageGame(A.tolist(), B.tolist())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        exact = g.equilibria(exact=True)
        floats = g.equilibria()
    assert _same([(e.row, e.col) for e in exact], [(e.row, e.col) for e in floats], 1e-7)
    for e in exact:  # exact verification: no profitable deviation in rational arithmetic
        Ay = A @ e.col
        xB = e.row @ B
        assert max(Ay) <= e.row @ A @ e.col and max(xB) <= e.row @ B @ e.col


# ----------------------------------------------------------------------------------------------------------------
# API: symbolic games, labels, displays, conversions
# ----------------------------------------------------------------------------------------------------------------
def test_symbolic_game_substitution_and_validation_skipped():
    T, R, P, S = sympy.symbols("T R P S")
    g = cg.prisoners_dilemma(T, R, P, S)
    assert g.is_symbolic and g.free_symbols == {T, R, P, S}
    with pytest.raises(TypeError, match="substitute numbers first"):
        g.equilibria()
    h = g.subs(T=5, R=3, P=1, S=0)
    assert h.is_exact and h.pure_equilibria() == [(1, 1)]
    with pytest.raises(ValueError, match="unknown symbol"):
        g.subs(X=1)


def test_best_responses_and_is_equilibrium():
    g = cg.battle_of_the_sexes(2, 1)
    assert g.best_responses([1 / 3, 2 / 3], player="row") == [0, 1]
    assert g.best_responses([1, 0], player="column") == [0]
    assert g.is_equilibrium([2 / 3, 1 / 3], [1 / 3, 2 / 3])
    assert not g.is_equilibrium([1, 0], [0, 1])


def test_displays_and_frame():
    g = cg.prisoners_dilemma(5, 3, 1, 0)
    html = g._repr_html_()
    assert "<table" in html and "font-weight:bold" in html  # the (D, D) cell is marked
    assert html.count("font-weight:bold") == 1
    assert r"\begin{array}" in g._repr_latex_()
    frame = g.equilibria().to_frame()
    assert list(frame.columns) == ["row:C", "row:D", "column:C", "column:D", "payoff row", "payoff column", "pure"]
    assert frame.loc[0, "row:D"] == 1.0
    assert "<table" in g.equilibria()._repr_html_()
    assert "StageGame 2x2 (exact)" in repr(g)


def test_to_nashpy_round_trip():
    g = cg.battle_of_the_sexes(3, 1)
    ng = g.to_nashpy()
    assert np.allclose(ng.payoff_matrices[0], [[3, 0], [0, 1]])


def test_classify_map_regions():
    names = cg.classify_symmetric_2x2(np.array([0.5, 1.5, 0.5, 1.5]), np.array([0.5, 0.5, -0.5, -0.5]))
    assert names.tolist() == ["harmony", "snowdrift", "stag hunt", "prisoner's dilemma"]


# ----------------------------------------------------------------------------------------------------------------
# bad input
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "A, B, exc, match",
    [
        ([[1, 2], [3]], [[1, 2], [3, 4]], ValueError, "ragged"),
        ([], [], ValueError, "non-empty"),
        ([[1, 2]], [[1, 2], [3, 4]], ValueError, "same shape"),
        ([[1, float("nan")]], [[1, 2]], ValueError, "finite"),
        ([[1, float("inf")]], [[1, 2]], ValueError, "finite"),
        ([[1, "a"]], [[1, 2]], TypeError, "number or a sympy expression"),
        ("payoffs", [[1]], TypeError, "2-D array"),
    ],
)
def test_bad_payoffs(A, B, exc, match):
    with pytest.raises(exc, match=match):
        cg.StageGame(A, B)


def test_bad_named_games_and_strategies():
    with pytest.raises(ValueError, match="T must exceed R"):
        cg.prisoners_dilemma(T=2, R=3, P=1, S=0)
    with pytest.raises(ValueError, match="P must exceed S"):
        cg.prisoners_dilemma(T=5, R=3, P=0, S=0)
    with pytest.raises(ValueError, match="b > c > 0"):
        cg.donation_game(1, 2)
    with pytest.raises(ValueError, match="c > v > 0"):
        cg.hawk_dove(4, 2)
    with pytest.raises(ValueError, match="a > b > 0"):
        cg.battle_of_the_sexes(1, 2)
    with pytest.raises(ValueError, match="R > T >= P > S"):
        cg.stag_hunt(R=1, T=3, P=1, S=0)
    with pytest.raises(TypeError, match="T must be a number"):
        cg.prisoners_dilemma(T="5")
    g = cg.matching_pennies()
    with pytest.raises(ValueError, match="length 2"):
        g.is_equilibrium([1, 0, 0], [0.5, 0.5])
    with pytest.raises(ValueError, match="sum to 1"):
        g.is_equilibrium([0.6, 0.6], [0.5, 0.5])
    with pytest.raises(ValueError, match="non-negative"):
        g.is_equilibrium([1.5, -0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="exact payoffs"):
        cg.StageGame([[0.5, 1]], [[1, 0.5]]).equilibria(exact=True)
    with pytest.raises(ValueError, match="one label per action"):
        cg.StageGame([[1, 2]], [[1, 2]], actions=(["a"], ["x"]))


def test_elimination_by_mixed_strategies():
    # Osborne & Rubinstein (1994), A Course in Game Theory, section 4.2: an action dominated only by a mixture.
    g = cg.StageGame([[3, 0], [0, 3], [1, 1]], [[1, 2], [2, 1], [0, 1]], actions=(["U", "M", "D"], ["L", "R"]))
    assert g.iterated_elimination(mixed=False).actions[0] == ("U", "M", "D")
    reduced = g.iterated_elimination()
    assert reduced.actions == (("U", "M"), ("L", "R"))
    # eliminating a strictly dominated action never removes an equilibrium (nor adds one)
    assert len(reduced.equilibria()) == len(g.equilibria())


# ----------------------------------------------------------------------------------------------------------------
# issue 14/16: displays of exact equilibria, pure_only
# ----------------------------------------------------------------------------------------------------------------
def test_equilibrium_set_latex_and_html_show_exact_fractions():
    eqs = cg.battle_of_the_sexes(2, 1).equilibria(exact=True)
    tex = eqs._repr_latex_()
    assert tex.startswith("$\\begin{array}") and tex.endswith("\\end{array}$")
    assert tex.count("\\hline") == 1 and tex.count("\\frac{2}{3}") == 4  # x_1, y_2 and both payoffs are 2/3
    html = eqs._repr_html_()
    assert "2/3" in html and "1/3" in html and "0.6667" not in html
    assert "0.6667" in cg.battle_of_the_sexes(2, 1).equilibria()._repr_latex_()
    with pytest.warns(DegenerateGameWarning):
        deg = cg.trust_game().equilibria(exact=True)
    assert "Maximal Nash subsets" in deg._repr_html_() and "{0, 1}" in deg._repr_html_()


def test_pure_only_gives_equilibrium_objects_and_pure_equilibria_index_pairs():
    g = cg.stag_hunt(4, 3, 1, 0)
    assert g.pure_equilibria() == [(0, 0), (1, 1)]
    pure = g.equilibria(pure_only=True)
    assert [e.describe() for e in pure] == ["(C, C)", "(D, D)"]
    assert all(isinstance(e, cg.games.Equilibrium) and e.is_pure for e in pure)
    assert pure[0].payoffs == (4.0, 4.0)
    exact = g.equilibria(pure_only=True, exact=True)
    assert exact[1].row.tolist() == [0, 1] and exact[1].payoffs == (1, 1)
    # the pure ones are exactly the pure members of the full list
    assert [e.describe() for e in g.equilibria() if e.is_pure] == [e.describe() for e in pure]
    assert len(cg.matching_pennies().equilibria(pure_only=True)) == 0
