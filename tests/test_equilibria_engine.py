"""Tests of the equilibrium engine (issue 14): reproducers, exact enumeration of degenerate games against a brute
force, invariance under positive affine maps of the payoffs, agreement with QuantEcon's stored answers, and
Lemke–Howson."""

from __future__ import annotations

import json
import warnings
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import clustergames as cg
from clustergames.games import DegenerateGameWarning

DATA = Path(__file__).parent / "data"


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return call()


def _fset(eqs, digits=7):
    return sorted(tuple(np.round(np.r_[np.asarray(e.row, float), np.asarray(e.col, float)], digits) + 0.0)
                  for e in eqs)


# ----------------------------------------------------------------------------------------------------------------
# an independent brute force: vertices from every square system of constraints, in Fractions
# ----------------------------------------------------------------------------------------------------------------
def _solve(M, rhs):
    """Unique solution of the square system M z = rhs in Fractions, or None if singular."""
    k = len(M)
    R = [list(row) + [b] for row, b in zip(M, rhs)]
    for c in range(k):
        p = next((r for r in range(c, k) if R[r][c] != 0), None)
        if p is None:
            return None
        R[c], R[p] = R[p], R[c]
        for r in range(k):
            if r != c and R[r][c] != 0:
                f = R[r][c] / R[c][c]
                R[r] = [a - f * b for a, b in zip(R[r], R[c])]
    return [R[i][-1] / R[i][i] for i in range(k)]


def _brute_vertices(M):
    """Vertices of {z >= 0 : M^T z <= 1} for a positive Fraction matrix M (k x l) with label sets."""
    k, l = len(M), len(M[0])
    rows = [[Fraction(int(i == r)) for i in range(k)] for r in range(k)] + [[M[i][j] for i in range(k)]
                                                                           for j in range(l)]
    rhs = [Fraction(0)] * k + [Fraction(1)] * l
    out = {}
    for chosen in combinations(range(k + l), k):
        z = _solve([rows[c] for c in chosen], [rhs[c] for c in chosen])
        if z is None or any(v < 0 for v in z):
            continue
        if any(sum(M[i][j] * z[i] for i in range(k)) > 1 for j in range(l)):
            continue
        labels = frozenset([i for i in range(k) if z[i] == 0]
                           + [k + j for j in range(l) if sum(M[i][j] * z[i] for i in range(k)) == 1])
        out[tuple(z)] = labels
    return out


def _brute_equilibria(A, B):
    """All extreme equilibria of (A, B) (lists of ints), as a set of (x, y) tuples of Fractions."""
    m, n = len(A), len(A[0])
    lo_a, lo_b = min(map(min, A)), min(map(min, B))
    P = [[Fraction(B[i][j] - lo_b + 1) for j in range(n)] for i in range(m)]
    Q = [[Fraction(A[i][j] - lo_a + 1) for i in range(m)] for j in range(n)]
    VP, VQ = _brute_vertices(P), _brute_vertices(Q)
    full = set(range(m + n))
    out = set()
    for x, lx in VP.items():
        for y, ly_own in VQ.items():
            ly = {m + j for j in ly_own if j < n} | {j - n for j in ly_own if j >= n}
            if set(lx) | ly == full and (any(x) or any(y)):
                sx, sy = sum(x), sum(y)
                out.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return out


def _degenerate_games():
    """300 small degenerate games (2x2 .. 4x4): ties, 0/1 payoffs, duplicated rows and columns; fixed seeds."""
    games = []
    for seed in range(300):
        rng = np.random.default_rng(seed)
        m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        kind = seed % 3
        if kind == 0:  # few payoff values: many ties
            A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        elif kind == 1:  # 0/1 payoffs
            A, B = rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n))
        else:  # duplicated row and column
            A, B = rng.integers(-3, 4, (m, n)), rng.integers(-3, 4, (m, n))
            A[-1], B[-1] = A[0], B[0]
            A[:, -1], B[:, -1] = A[:, 0], B[:, 0]
        games.append((seed, A.tolist(), B.tolist()))
    return games


DEGENERATE = _degenerate_games()


@pytest.mark.parametrize("chunk", range(6))
def test_exact_mode_matches_brute_force_on_300_degenerate_games(chunk):
    # every extreme equilibrium, nothing else, in exact arithmetic (issue 14: exact mode used to drop some)
    for seed, A, B in DEGENERATE[chunk::6]:
        got = _quiet(lambda A=A, B=B: cg.StageGame(A, B).equilibria(exact=True))
        mine = {(tuple(Fraction(int(v.p), int(v.q)) for v in e.row), tuple(Fraction(int(v.p), int(v.q))
                                                                           for v in e.col)) for e in got}
        assert mine == _brute_equilibria(A, B), f"seed {seed}"
        assert len(got) == len(mine)  # no duplicates


@pytest.mark.parametrize("chunk", range(3))
def test_float_mode_on_degenerate_float_games_matches_exact(chunk):
    # the float path (qhull / batched systems, label matching with a tolerance) on the same degenerate games
    for seed, A, B in DEGENERATE[chunk::3]:
        exact = _quiet(lambda A=A, B=B: cg.StageGame(A, B).equilibria(exact=True))
        floats = _quiet(lambda A=A, B=B: cg.StageGame(np.array(A, float), np.array(B, float)).equilibria())
        assert _fset(floats) == _fset(exact), f"seed {seed}"
        assert floats.degenerate == exact.degenerate
        assert floats.nash_subsets == exact.nash_subsets and floats.components == exact.components, f"seed {seed}"


def test_maximal_nash_subsets_are_sets_of_equilibria():
    # every mixture of a subset's row strategies with every mixture of its column strategies is an equilibrium
    # (checked exactly at the barycentres), and every extreme equilibrium lies in some subset
    for seed, A, B in DEGENERATE[:60]:
        eqs = _quiet(lambda A=A, B=B: cg.StageGame(A, B).equilibria(exact=True))
        covered = set()
        for subset in eqs.nash_subsets:
            rows = {tuple(eqs[k].row) for k in subset}
            cols = {tuple(eqs[k].col) for k in subset}
            assert len(subset) == len(rows) * len(cols)  # complete: every row strategy with every column one
            x = sum((sympy.Matrix(r) for r in rows), sympy.zeros(len(A), 1)) / len(rows)
            y = sum((sympy.Matrix(c) for c in cols), sympy.zeros(len(A[0]), 1)) / len(cols)
            Am, Bm = sympy.Matrix(A), sympy.Matrix(B)
            assert max(Am * y) <= (x.T * Am * y)[0] and max(x.T * Bm) <= (x.T * Bm * y)[0], f"seed {seed}"
            covered |= set(subset)
        assert covered == set(range(len(eqs)))
        assert sorted(k for c in eqs.components for k in c) == list(range(len(eqs)))


# ----------------------------------------------------------------------------------------------------------------
# the three reproducers of issue 14
# ----------------------------------------------------------------------------------------------------------------
def test_issue14_zero_row_payoffs_all_seven_extreme_equilibria():
    # A = 0: the row player is indifferent; column 1 is the column player's strict best reply iff x_1 > 0, and all
    # columns tie when x_1 = 0. Equilibria: (any x, e_1) and ({x_1 = 0}, any y). Hand-derived extreme points:
    # (e1,e1), (e2,e1), (e3,e1) and (e2|e3, e1|e2|e3): 3 + 6 - 2 = 7; two maximal Nash subsets, one component.
    g = cg.StageGame([[0] * 3] * 3, [[4, -2, 1], [-1, -1, -1], [0, 0, 0]])
    for exact in (True, False):
        with pytest.warns(DegenerateGameWarning):
            eqs = g.equilibria(exact=exact)
        assert len(eqs) == 7
        pairs = {(tuple(int(v) for v in e.row), tuple(int(v) for v in e.col)) for e in eqs}
        e = [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
        assert pairs == {(x, e[0]) for x in e} | {(x, y) for x in e[1:] for y in e}
        subsets = [{(tuple(int(v) for v in eqs[k].row), tuple(int(v) for v in eqs[k].col)) for k in s}
                   for s in eqs.nash_subsets]
        assert sorted(map(len, subsets)) == [3, 6]
        assert len(eqs.components) == 1
    # scaled by 1e9 the answer is the same (exact mode used to lose equilibria there)
    g9 = cg.StageGame([[0] * 3] * 3, [[4 * 10**9, -2 * 10**9, 10**9], [-(10**9)] * 3, [0, 0, 0]])
    assert len(_quiet(lambda: g9.equilibria(exact=True))) == 7


@pytest.mark.parametrize("scale", [10**10, 1e10])
def test_issue14_huge_payoff_scale_three_equilibria(scale):
    # A = [[s,0],[0,1]], B = [[1,0],[0,s]]: (1,1), (2,2) and the mixed x = (s, 1)/(s+1), y = (1, s)/(s+1).
    # ([1,0],[0,1]) is *not* an equilibrium (each player gains 1 by deviating).
    g = cg.StageGame([[scale, 0], [0, 1]], [[1, 0], [0, scale]])
    modes = (False, True) if g.is_exact else (False,)
    for exact in modes:
        eqs = g.equilibria(exact=exact)
        assert len(eqs) == 3
        s = 10**10
        want = [([1, 0], [1, 0]), ([s / (s + 1), 1 / (s + 1)], [1 / (s + 1), s / (s + 1)]), ([0, 1], [0, 1])]
        for e, (x, y) in zip(eqs, want):
            assert np.allclose(np.asarray(e.row, float), x, rtol=1e-12, atol=1e-15)
            assert np.allclose(np.asarray(e.col, float), y, rtol=1e-12, atol=1e-15)
        if exact:
            assert eqs[1].row[1] == sympy.Rational(1, s + 1)
        assert not g.is_equilibrium([1, 0], [0, 1], tol=1e-12)


@pytest.mark.parametrize("as_float", [False, True])
def test_issue14_multiscale_game_finds_half_half_and_only_equilibria(as_float):
    A = [[0, 1, 1], [1, 0, 2000000000001], [0, 1, 1]]
    B = [[2, 1, 1], [0, 0, 1], [0, 1, 1]]
    g = cg.StageGame(np.array(A, float), np.array(B, float)) if as_float else cg.StageGame(A, B)
    eqs = _quiet(g.equilibria)
    rows = [(np.asarray(e.row, float), np.asarray(e.col, float)) for e in eqs]
    assert any(np.allclose(x, [0.5, 0, 0.5]) and np.allclose(y, [0.5, 0.5, 0]) for x, y in rows)
    exact = _quiet(lambda: cg.StageGame(A, B).equilibria(exact=True))
    Af = [[Fraction(v) for v in r] for r in A]
    Bf = [[Fraction(v) for v in r] for r in B]
    for e in exact:  # every returned profile is an equilibrium in exact arithmetic
        x = [Fraction(int(v.p), int(v.q)) for v in e.row]
        y = [Fraction(int(v.p), int(v.q)) for v in e.col]
        Ay = [sum(Af[i][j] * y[j] for j in range(3)) for i in range(3)]
        xB = [sum(x[i] * Bf[i][j] for i in range(3)) for j in range(3)]
        assert max(Ay) == sum(x[i] * Ay[i] for i in range(3))
        assert max(xB) == sum(xB[j] * y[j] for j in range(3))
    assert _fset(eqs) == _fset(exact)
    assert eqs.method.startswith("exact")


# ----------------------------------------------------------------------------------------------------------------
# scale-free numerics: invariance under positive affine maps of either player's payoffs
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=40)
@given(seed=st.integers(0, 10**6), log_scale=st.floats(-9, 12), shift=st.floats(-10, 10),
       player=st.sampled_from([0, 1]), size=st.sampled_from([(2, 3), (3, 3), (4, 3), (4, 4), (5, 5)]))
def test_property_equilibria_invariant_under_positive_affine_maps(seed, log_scale, shift, player, size):
    rng = np.random.default_rng(seed)
    A, B = rng.random(size), rng.random(size)
    base = cg.StageGame(A, B).equilibria()
    a = 10.0 ** log_scale
    A2, B2 = (a * A + a * shift, B) if player == 0 else (A, a * B + a * shift)
    moved = cg.StageGame(A2, B2).equilibria()
    assert len(moved) == len(base)
    assert np.allclose(np.array(_fset(moved)), np.array(_fset(base)), atol=1e-6)
    for e in moved:
        assert cg.StageGame(A2, B2).is_equilibrium(e.row, e.col, tol=1e-9)


def test_exact_and_float_scaled_games_agree_on_integer_games():
    # the same integer game multiplied by 10^k, k = -9..12, in float mode and in exact mode
    rng = np.random.default_rng(7)
    A, B = rng.integers(-5, 6, (4, 4)), rng.integers(-5, 6, (4, 4))
    ref = _fset(_quiet(lambda: cg.StageGame(A.tolist(), B.tolist()).equilibria(exact=True)))
    for k in (-9, -3, 0, 6, 12):
        s = 10.0 ** k
        got = _quiet(lambda s=s: cg.StageGame(A * s, B * s).equilibria())
        assert _fset(got) == ref, k


# ----------------------------------------------------------------------------------------------------------------
# agreement with QuantEcon's stored answers (tests/data/make_quantecon_equilibria.py regenerates them)
# ----------------------------------------------------------------------------------------------------------------
QUANTECON = json.loads((DATA / "quantecon_equilibria.json").read_text())


def _qe_game(rec):
    rng = np.random.default_rng(rec["seed"])
    return rng.random((rec["m"], rec["n"])), rng.random((rec["m"], rec["n"]))


@pytest.mark.parametrize("rec", QUANTECON["games"], ids=lambda r: f"{r['m']}x{r['n']}-seed{r['seed']}")
def test_all_equilibria_agree_with_quantecon_vertex_enumeration(rec):
    A, B = _qe_game(rec)
    ours = cg.StageGame(A, B).equilibria()
    theirs = sorted(tuple(np.round(np.r_[x, y], 7) + 0.0) for x, y in rec["equilibria"])
    assert len(ours) == len(rec["equilibria"])
    assert np.allclose(np.array(_fset(ours)), np.array(theirs), atol=1e-7)


# ----------------------------------------------------------------------------------------------------------------
# Lemke–Howson
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rec", QUANTECON["games"][::2], ids=lambda r: f"{r['m']}x{r['n']}-seed{r['seed']}")
def test_lemke_howson_agrees_with_quantecon_from_every_label(rec):
    # the Lemke-Howson path from a given label is unique, so the endpoint must be QuantEcon's, label by label
    A, B = _qe_game(rec)
    g = cg.StageGame(A, B)
    for label, (x, y) in enumerate(rec["lemke_howson"]):
        e = g.lemke_howson(label)
        assert np.allclose(e.row, x, atol=1e-9) and np.allclose(e.col, y, atol=1e-9), label


def test_lemke_howson_von_stengel_example_every_label_exact():
    # von Stengel (2002), eq. (2.6): the three equilibria; every path ends at one of them, in exact arithmetic
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    g = cg.StageGame(A, B)
    R = sympy.Rational
    want = {((1, 0, 0), (1, 0)), ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3))),
            ((R(4, 5), R(1, 5), 0), (R(2, 3), R(1, 3)))}
    ends = set()
    for label in range(5):
        e = g.lemke_howson(label, exact=True)
        ends.add((tuple(e.row.tolist()), tuple(e.col.tolist())))
        f = g.lemke_howson(label)
        assert np.allclose(f.row, np.array(e.row, float)) and np.allclose(f.col, np.array(e.col, float))
    assert ends <= want and len(ends) >= 2


@pytest.mark.parametrize("chunk", range(3))
def test_lemke_howson_lexicographic_rule_on_degenerate_games(chunk):
    # without a degeneracy rule the path can cycle or stop at a non-equilibrium; with it, every label of every
    # degenerate game ends at an extreme equilibrium found by the exact enumeration
    for seed, A, B in DEGENERATE[chunk::6]:
        g = cg.StageGame(A, B)
        extreme = {(tuple(e.row.tolist()), tuple(e.col.tolist()))
                   for e in _quiet(lambda g=g: g.equilibria(exact=True))}
        for label in range(sum(g.shape)):
            e = g.lemke_howson(label, exact=True)
            assert (tuple(e.row.tolist()), tuple(e.col.tolist())) in extreme, (seed, label)
            f = cg.StageGame(np.array(A, float), np.array(B, float)).lemke_howson(label)
            assert np.allclose(f.row, np.array(e.row, float)) and np.allclose(f.col, np.array(e.col, float))


def test_equilibrium_of_large_random_games_is_verified():
    for n, seed in [(60, 1), (200, 0)]:
        rng = np.random.default_rng(seed)
        g = cg.StageGame(rng.random((n, n)), rng.random((n, n)))
        e = g.equilibrium()
        assert g.is_equilibrium(e.row, e.col, tol=1e-12)
        assert abs(e.row.sum() - 1) < 1e-12 and (e.row >= 0).all()


@pytest.mark.slow
def test_lemke_howson_500x500():
    # seed 0: the race of labels (0, 500, 1, 501) ends after 688 pivots of label 1 (2,752 pivots in all)
    rng = np.random.default_rng(0)
    g = cg.StageGame(rng.random((500, 500)), rng.random((500, 500)))
    e = g.equilibrium()
    assert g.is_equilibrium(e.row, e.col, tol=1e-12)


def _textbook_pivot(T, r, c):
    """Exchange of basic row r and nonbasic column c in the condensed tableau basic = rhs - T[:, :-1] @ nonbasic."""
    p = T[r, c]
    out = T - np.outer(T[:, c], T[r]) / p
    out[r] = T[r] / p
    out[:, c] = -T[:, c] / p
    out[r, c] = 1 / p
    return out


@pytest.mark.parametrize("size", [6, 40])  # 6 x 7: numpy's outer product; 40 x 41: BLAS dger on column blocks
@pytest.mark.parametrize("pivot_value", [0.3, 1.0, 1.9, 7.5, 1e4])  # the fused update, and the rewrite above 2
def test_float_pivot_is_the_textbook_pivot(size, pivot_value, monkeypatch):
    from clustergames import _lemke as L

    monkeypatch.setattr(L, "_BLAS_BLOCK_ENTRIES", 200)  # several column blocks even at 40 x 41
    rng = np.random.default_rng(size)
    tab = L._FloatTableau(1 + rng.random((size, size)), basic_first=True)
    r, c = 2, 3
    tab.T[r, c] = pivot_value
    before = tab.T.copy()
    T = tab.T
    assert tab.pivot(r, c) == r  # row r's basic variable (label r) leaves
    assert tab.T is T and tab.T.flags.f_contiguous  # updated in place (dger writes into the blocks, no copy)
    assert np.allclose(tab.T, _textbook_pivot(before, r, c), rtol=1e-13, atol=1e-14)  # entrywise: no lost digits
    assert tab.row_label[r] == size + c and tab.col_label[c] == r
    assert tab.basic[size + c] and not tab.basic[r] and tab.index[size + c] == r and tab.index[r] == c


def _careful_leaving_row(T, col, lex_unit):
    """Reference ratio test (the pre-optimisation rule): mask, ratios, ties within 1e-12, then lexicographic."""
    cmax = col.max()
    pos = col > 1e-12 * max(1.0, cmax)
    ratios = np.full(len(col), np.inf)
    ratios[pos] = T[pos, -1] / col[pos]
    best = ratios.min()
    cand = np.flatnonzero(ratios <= best + 1e-12 * max(1.0, best))
    for k in lex_unit:  # the initial slacks, all still basic in row k: unit vectors
        if len(cand) == 1:
            break
        v = (cand == k) / col[cand]
        cand = cand[v <= v.min() + 1e-12 * max(1.0, abs(v.min()))]
    return int(cand[0])


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=200, deadline=None)
def test_fast_ratio_test_matches_the_careful_one(seed):
    # degenerate right-hand sides (zeros, ties), zero and roundoff-sized column entries, slightly negative rhs
    from clustergames import _lemke as L

    rng = np.random.default_rng(seed)
    rows = int(rng.integers(2, 9))
    tab = L._FloatTableau(np.ones((rows, 3)), basic_first=True)
    scale = 10.0 ** rng.integers(-3, 4)
    col = rng.choice([0.0, 1e-14, -1.0, 0.5, 1.0, 2.0], rows) * scale
    col[rng.integers(rows)] = scale  # at least one positive entry
    rhs = rng.choice([0.0, -1e-17, 0.5, 1.0, 1.0 + 1e-13, 2.0], rows)
    tab.T[:, 0], tab.T[:, -1] = col, rhs
    assert tab.leaving_row(0) == _careful_leaving_row(tab.T.copy(), col, range(rows))


def test_lemke_howson_blas_path_agrees_with_numpy_path_and_quantecon(monkeypatch):
    # 40 x 40 (seed 1): tableaux of 40 x 41 entries take the BLAS path; every label's endpoint is the same with the
    # numpy update, verified, and has QuantEcon 0.11's supports (their digest below; compared in full if installed)
    import hashlib

    from clustergames import _enumeration as E
    from clustergames import _lemke as L

    rng = np.random.default_rng(1)
    A, B = rng.random((40, 40)), rng.random((40, 40))
    g = cg.StageGame(A, B)
    An, Bn = E.normalise(A), E.normalise(B)
    ends = [L.lemke_howson_float(An, Bn, label)[:2] for label in range(80)]
    monkeypatch.setattr(L, "_BLAS_MIN_ENTRIES", 10**9)
    for label, (x, y) in enumerate(ends):
        xn, yn, _ = L.lemke_howson_float(An, Bn, label)
        assert np.allclose(x, xn, atol=1e-12) and np.allclose(y, yn, atol=1e-12), label
        assert g.is_equilibrium(x, y, tol=1e-12), label
    supports = [(tuple(np.flatnonzero(x > 1e-12).tolist()), tuple(np.flatnonzero(y > 1e-12).tolist()))
                for x, y in ends]
    assert hashlib.sha256(repr(supports).encode()).hexdigest()[:16] == "fe1ab12e98fe4b0a"
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return
    qg = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
    for label, (x, y) in enumerate(ends):
        qx, qy = gt.lemke_howson(qg, init_pivot=label)
        assert np.allclose(x, qx, atol=1e-9) and np.allclose(y, qy, atol=1e-9), label


def test_lemke_howson_scale_free():
    g = cg.StageGame([[10**10, 0], [0, 1]], [[1, 0], [0, 10**10]])
    e = g.lemke_howson(0)
    assert e.is_pure and g.is_equilibrium(e.row, e.col, tol=1e-14)
    ex = g.lemke_howson(0, exact=True)
    assert ex.row.tolist() == [1, 0] and ex.col.tolist() == [1, 0]


@pytest.mark.parametrize("seed", range(8))
def test_qhull_and_batched_vertex_enumerations_agree(seed):
    # the two float vertex enumerations (polar hull and square systems) find the same vertices and labels,
    # nondegenerate and degenerate (0/1 payoffs) polytopes alike
    from clustergames import _enumeration as E

    rng = np.random.default_rng(seed)
    k, l = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    M = rng.random((k, l)) if seed % 2 else rng.integers(0, 2, (k, l)).astype(float)
    M = E.normalise(M)
    Zh, Lh, _ = E.hull_vertices(M)
    Zb, Lb, _ = E.batched_vertices(M)
    key = lambda Z, L: sorted(zip(map(tuple, np.round(Z, 9) + 0.0), map(tuple, L)))  # noqa: E731
    assert key(Zh, Lh) == key(Zb, Lb)


def test_probabilities_are_never_negative_zero_rounding():
    # found by hypothesis: the batched partner solve left y_1 = -4.9e-17 on an unused action
    A = np.array([[1.0, 0, 0], [0, -1, 0], [0, -2, 0]])
    B = np.array([[-1.0, 0, -1], [0, -1, -1], [0, -1, -1]])
    eqs = _quiet(lambda: cg.StageGame(A, B).equilibria())
    assert len(eqs) >= 1
    for e in eqs:
        assert (e.row >= 0).all() and (e.col >= 0).all()
        assert e.row.sum() == pytest.approx(1, abs=1e-15) and e.col.sum() == pytest.approx(1, abs=1e-15)
