r"""Vertex enumeration of the best-response polytopes of a bimatrix game, in floats and in exact arithmetic (private).

The engine behind :meth:`clustergames.games.StageGame.equilibria`. With positive payoff matrices :math:`A, B`
(after a positive affine normalisation, which leaves the equilibria unchanged) the best-response polytopes are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point of :math:`P` carries the *label* :math:`i` when :math:`x_i = 0` and :math:`m + j` when
:math:`(B^\top x)_j = 1` (column :math:`j` is a best response); a point of :math:`Q` carries :math:`i` when
:math:`(A y)_i = 1` and :math:`m + j` when :math:`y_j = 0`. A vertex pair :math:`(x, y) \ne (0, 0)` whose labels
cover :math:`\{0, \dots, m + n - 1\}` is, normalised, an extreme Nash equilibrium, and every extreme equilibrium
arises this way (von Stengel 2002, Theorem 3.4).

Three ways to find the vertices:

* :func:`hull_vertices` (floats): the vertices of :math:`P` are the facets of its *polar* polytope, the convex hull
  of the constraint normals scaled by their offsets after a translation that puts an interior point at the origin;
  scipy's qhull computes it. Labels are recomputed from the slacks with a tolerance, and slacks in the grey zone
  between "tight" and "clearly slack" are reported as *marginal* (the caller then recomputes exactly).
* :func:`batched_vertices` (floats): every square system of tight constraints, solved in batches (fast for tiny
  games, and the fallback when qhull refuses an input).
* :func:`exact_vertices` (integers): a breadth-first search over *all feasible bases* of the integer tableau with
  fraction-free (Bareiss) pivoting. The graph of feasible bases of a polytope is connected, also through degenerate
  vertices (degeneracy graphs are connected: Kruse 1986), so the search reaches every vertex; no float decision is
  ever made.

Matching uses bit masks: for a nondegenerate game each vertex of :math:`P` has exactly :math:`m` labels and its
partner's labelling is the complement (a hash lookup); otherwise every pair is tested with vectorised masks.
Extreme equilibria form a bipartite graph whose maximal complete bipartite subgraphs are the maximal Nash subsets
(their convex hulls are convex sets of equilibria) and whose connected components are the components of the
equilibrium set (Avis, Rosenberg, Savani & von Stengel 2010).

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3, ch. 45.

Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash equilibria for two-player
games. *Economic Theory* 42(1), 9–37.

Kruse, H.-J. (1986). *Degeneracy Graphs and the Neighbourhood Problem*. Lecture Notes in Economics and
Mathematical Systems 260. Springer.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction
from itertools import combinations
from math import gcd, lcm

import numpy as np

#: a slack at most this large (relative, on normalised payoffs) is a tight constraint
TIGHT = 1e-9
#: a slack at least this large is clearly slack; in between the float enumeration is marginal
CLEAR = 1e-6


# ---------------------------------------------------------------------------------------------------------------
# normalisation and conditioning
# ---------------------------------------------------------------------------------------------------------------
def normalise(M: np.ndarray) -> np.ndarray:
    """Positive affine map of a payoff matrix into [1, 2] (a constant matrix becomes all ones)."""
    lo, hi = float(M.min()), float(M.max())
    if hi - lo == 0:
        return np.ones_like(M, dtype=float)
    return 1.0 + (M - lo) / (hi - lo)


def resolution(A: np.ndarray, B: np.ndarray) -> float:
    """Smallest nonzero payoff difference that matters to a best response, relative to the player's payoff range.

    Best responses of the row player compare entries within a column of ``A``; of the column player, within a row
    of ``B``. A game whose resolution is below about 1e-8 cannot be solved reliably in double precision.
    """
    out = 1.0
    for M in (A, B.T):
        rng = float(M.max() - M.min())
        if rng == 0:
            continue
        S = np.sort(M, axis=0)
        d = np.diff(S, axis=0).ravel()
        d = d[d > 0]
        if d.size:
            out = min(out, float(d.min()) / rng)
    return out


# ---------------------------------------------------------------------------------------------------------------
# float vertex enumeration
# ---------------------------------------------------------------------------------------------------------------
def _labels_from(M: np.ndarray, Z: np.ndarray) -> tuple[np.ndarray, bool]:
    """Label matrix (V x (k + l)) of points Z of {z >= 0 : M^T z <= 1}, and whether some slack is marginal."""
    scale = max(1.0, float(np.abs(Z).max(initial=0.0)))
    zero = np.abs(Z) / scale
    slack = np.abs(1.0 - Z @ M)
    both = np.concatenate([zero, slack], axis=1)
    lab = both <= TIGHT
    marginal = bool(((both > TIGHT) & (both < CLEAR)).any())
    return lab, marginal


def hull_vertices(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Vertices of {z >= 0 : M^T z <= 1} (M positive, k x l, k >= 2) from the convex hull of the polar polytope.

    Returns ``(Z, labels, marginal)``: vertices as rows, their label matrix (zero coordinates, then tight
    constraints) and whether a slack fell in the grey zone.
    """
    from scipy.spatial import ConvexHull

    k, l = M.shape
    colsum = M.sum(axis=0)
    c = 1.0 / (2.0 * float(colsum.max()))  # c * 1 is interior: M^T (c 1) <= 1/2
    D = np.empty((k + l, k))
    D[:k] = -np.eye(k) / c
    D[k:] = M.T / (1.0 - c * colsum)[:, None]
    hull = ConvexHull(D)
    eq = hull.equations
    Z = -eq[:, :-1] / eq[:, -1:] + c
    Z[np.abs(Z) <= TIGHT * max(1.0, float(np.abs(Z).max()))] = 0.0
    lab, marginal = _labels_from(M, Z)
    if (lab.sum(axis=1) > k).any():  # degenerate vertices appear once per simplex of a triangulated facet
        Z = _unique_rows(Z)
        lab, marginal = _labels_from(M, Z)
    return Z, lab, marginal


def _unique_rows(Z: np.ndarray, digits: int = 10) -> np.ndarray:
    if len(Z) < 2:
        return Z
    _, first = np.unique(np.round(Z, digits), axis=0, return_index=True)
    return Z[np.sort(first)]


def batched_vertices(M: np.ndarray, chunk: int = 200_000) -> tuple[np.ndarray, np.ndarray, bool]:
    """Vertices of {z >= 0 : M^T z <= 1} by solving every square system of tight constraints in batches."""
    k, l = M.shape
    found: list[np.ndarray] = [np.zeros((1, k))]
    for s in range(1, min(k, l) + 1):
        rows = np.array(list(combinations(range(k), s)), dtype=np.intp)
        cols = np.array(list(combinations(range(l), s)), dtype=np.intp)
        step = max(1, chunk // max(1, len(cols)))
        for start in range(0, len(rows), step):
            r = rows[start:start + step]
            sub = M[r[:, None, :, None], cols[None, :, None, :]]
            sub = np.swapaxes(sub, -1, -2).reshape(-1, s, s)
            det = np.abs(np.linalg.det(sub))
            ok = det > 1e-12 * np.abs(sub).max(axis=(1, 2)) ** s
            if not ok.any():
                continue
            sol = np.linalg.solve(sub[ok], np.ones((int(ok.sum()), s, 1)))[..., 0]
            rr = r[np.flatnonzero(ok) // len(cols)]
            good = (sol > -TIGHT).all(axis=1)
            if not good.any():
                continue
            sol, rr = np.clip(sol[good], 0.0, None), rr[good]
            Z = np.zeros((len(sol), k))
            np.put_along_axis(Z, rr, sol, axis=1)
            found.append(Z[(Z @ M <= 1.0 + TIGHT).all(axis=1)])
    Z = _unique_rows(np.concatenate(found))
    lab, marginal = _labels_from(M, Z)
    return Z, lab, marginal


#: seconds spent in batched enumeration instead of importing scipy.spatial (see :func:`float_vertices`)
_batched_spent = 0.0


def float_vertices(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Vertices by qhull, or by batched systems for small polytopes (and when qhull refuses the input).

    qhull is faster from 3 x 3 on (0.13 ms against 0.5 ms at 3 x 3, 1 ms against 33 ms at 8 x 8), but importing
    ``scipy.spatial`` costs 0.3-1.4 s: until it is imported, polytopes with at most 16 constraints use the batched
    systems, as long as their total time stays below a quarter of a second (then qhull pays for its import). Either
    way the returned strategies are recomputed from the labels, so the choice does not change the result.
    """
    import sys
    import time

    global _batched_spent
    k, l = M.shape
    if k < 2 or (k + l <= 16 and _batched_spent < 0.25 and "scipy.spatial" not in sys.modules):
        t0 = time.perf_counter()
        out = batched_vertices(M)
        _batched_spent += time.perf_counter() - t0
        return out
    from scipy.spatial import QhullError

    try:
        return hull_vertices(M)
    except QhullError:  # pragma: no cover - qhull accepts every full-dimensional input we build
        return batched_vertices(M)


def refine(M: np.ndarray, z: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """Recompute a vertex from its tight constraints by least squares (accurate to rounding)."""
    k = M.shape[0]
    support = ~lab[:k]
    tight = lab[k:]
    if not support.any():
        return z
    S, J = np.flatnonzero(support), np.flatnonzero(tight)
    sol, *_ = np.linalg.lstsq(M[np.ix_(S, J)].T, np.ones(len(J)), rcond=None)
    out = np.zeros(k)
    out[S] = sol
    return out


# ---------------------------------------------------------------------------------------------------------------
# exact vertex enumeration: breadth-first search over the feasible bases of an integer tableau
# ---------------------------------------------------------------------------------------------------------------
def to_integer_matrix(F: list[list[Fraction]]) -> list[list[int]]:
    """Positive integer matrix with the same equilibria: shift to minimum 1, clear denominators, divide by the gcd."""
    lo = min(min(r) for r in F)
    G = [[v - lo + 1 for v in r] for r in F]
    den = 1
    for r in G:
        for v in r:
            den = lcm(den, v.denominator)
    ints = [[int(v * den) for v in r] for r in G]
    g = 0
    for r in ints:
        for v in r:
            g = gcd(g, v)
    return [[v // g for v in r] for r in ints]


def exact_vertices(M: list[list[int]], limit: int = 2_000_000) -> list[tuple[tuple[Fraction, ...], int]]:
    """All vertices of {z >= 0 : M^T z <= 1} (M a positive integer k x l matrix) with their label bit masks.

    Variables are z_0..z_{k-1} (labels 0..k-1 when zero) and slacks s_0..s_{l-1} (labels k..k+l-1 when zero).
    The tableau has one row per constraint; pivoting is fraction-free (every entry stays an integer; ``d`` is the
    current basis determinant, kept positive). Every feasible basis is visited once; ``limit`` bounds their number.
    """
    k, l = len(M), len(M[0])
    width = k + l + 1
    # rows: sum_i M[i][j] z_i + s_j = 1
    T0 = [[M[i][j] for i in range(k)] + [1 if jj == j else 0 for jj in range(l)] + [1] for j in range(l)]
    basis0 = tuple(k + j for j in range(l))
    seen = {frozenset(basis0)}
    queue = deque([(basis0, T0, 1)])
    vertices: dict[tuple[Fraction, ...], int] = {}
    rhs = width - 1
    while queue:
        basis, T, d = queue.popleft()
        # the vertex of this basis
        z = [Fraction(0)] * k
        mask = 0
        basic = set(basis)
        for r, v in enumerate(basis):
            val = T[r][rhs]
            if v < k:
                z[v] = Fraction(val, d)
            if val == 0:
                mask |= 1 << v
        for v in range(k + l):
            if v not in basic:
                mask |= 1 << v
        key = tuple(z)
        vertices.setdefault(key, mask)
        # neighbours: every nonbasic entering column, and every leaving row of a tie in the ratio test
        for c in range(k + l):
            if c in basic:
                continue
            best: list[int] = []
            bn, bd = 0, 1
            for r in range(l):
                a = T[r][c]
                if a > 0:
                    num = T[r][rhs]
                    if not best or num * bd < bn * a:
                        best, bn, bd = [r], num, a
                    elif num * bd == bn * a:
                        best.append(r)
            for r in best:
                nb = basis[:r] + (c,) + basis[r + 1:]
                key_b = frozenset(nb)
                if key_b in seen:
                    continue
                seen.add(key_b)
                if len(seen) > limit:
                    raise RuntimeError(f"exact enumeration visited more than {limit} bases")
                queue.append((nb, *_pivot(T, r, c, d)))
    return list(vertices.items())


def _pivot(T: list[list[int]], r: int, c: int, d: int) -> tuple[list[list[int]], int]:
    """Fraction-free pivot on (r, c): entries stay integers; returns the new tableau and determinant (> 0)."""
    p = T[r][c]
    row_r = T[r]
    out = []
    for i, row in enumerate(T):
        if i == r:
            out.append(list(row_r))
            continue
        f = row[c]
        if f == 0:
            out.append([v * p // d for v in row])
        else:
            out.append([(v * p - f * w) // d for v, w in zip(row, row_r)])
    # p > 0 always (the ratio test picks positive pivots), so the new determinant stays positive
    return out, p


def exact_labels(vertices: list[tuple[tuple[Fraction, ...], int]], width: int) -> tuple[list, np.ndarray]:
    """Split exact vertices into their coordinates and a boolean label matrix of ``width`` columns."""
    coords = [v for v, _ in vertices]
    lab = np.array([[(mask >> b) & 1 for b in range(width)] for _, mask in vertices], dtype=bool).reshape(-1, width)
    return coords, lab


# ---------------------------------------------------------------------------------------------------------------
# matching labels, and the maximal Nash subsets
# ---------------------------------------------------------------------------------------------------------------
def match(xl: np.ndarray, yl: np.ndarray, m: int, n: int) -> tuple[list[tuple[int, int]], bool]:
    """Completely labelled pairs (a, b) of vertex a of P and b of Q, the pair of origins excluded.

    ``xl``, ``yl`` are boolean label matrices over the m + n labels (P: x_i = 0 -> i, column j best -> m + j;
    Q: row i best -> i, y_j = 0 -> m + j). Returns the pairs and whether the game is degenerate (some vertex has
    more labels than its dimension).
    """
    xz = ~xl[:, :m].all(axis=1) if len(xl) else np.zeros(0, bool)  # not the origin of P
    yz = ~yl[:, m:].all(axis=1) if len(yl) else np.zeros(0, bool)
    degenerate = bool((xl.sum(axis=1) > m).any() or (yl.sum(axis=1) > n).any())
    ia, ib = np.flatnonzero(xz), np.flatnonzero(yz)
    if len(ia) == 0 or len(ib) == 0:
        return [], degenerate
    if not degenerate:
        keys = {np.packbits(row).tobytes(): b for b, row in zip(ib, yl[ib])}
        out = []
        for a in ia:
            b = keys.get(np.packbits(~xl[a]).tobytes())
            if b is not None:
                out.append((int(a), int(b)))
        return out, False
    missing = ~xl[ia]  # labels x lacks must all be carried by y
    out = []
    step = max(1, 2_000_000 // max(1, len(ib) * (m + n)))
    for s in range(0, len(ia), step):
        ok = ~(missing[s:s + step, None, :] & ~yl[ib][None, :, :]).any(axis=2)
        for a, b in zip(*np.nonzero(ok)):
            out.append((int(ia[s + a]), int(ib[b])))
    return out, True


def nash_subsets(pairs: list[tuple[int, int]]) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], list[list[int]]]:
    """Maximal Nash subsets and components of the bipartite graph of extreme equilibria.

    ``pairs`` lists extreme equilibria as (row vertex, column vertex). A maximal Nash subset is a maximal complete
    bipartite subgraph (X, Y): every x in X with every y in Y is an equilibrium, so conv(X) x conv(Y) is a convex set
    of equilibria (Avis et al. 2010, section 4; Gambit's enummixed). They are the Galois-closed sets
    Y = N(X), X = N(Y) of the graph, found as the intersection closure of the neighbourhoods. Components are the
    connected components (lists of indices into ``pairs``).
    """
    nbr: dict[int, set[int]] = {}
    for a, b in pairs:
        nbr.setdefault(a, set()).add(b)
    closed = {frozenset(s) for s in nbr.values()}
    frontier = set(closed)
    while frontier:
        new = set()
        for s in frontier:
            for t in list(closed):
                u = s & t
                if u and u not in closed:
                    new.add(u)
        closed |= new
        frontier = new
    subsets = []
    for Y in closed:
        X = frozenset(a for a, s in nbr.items() if Y <= s)
        subsets.append((tuple(sorted(X)), tuple(sorted(Y))))
    subsets.sort()
    # connected components (union-find over the pairs)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(u):
        while parent.setdefault(u, u) != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for a, b in pairs:
        parent[find(("x", a))] = find(("y", b))
    groups: dict[tuple[str, int], list[int]] = {}
    for k, (a, _) in enumerate(pairs):
        groups.setdefault(find(("x", a)), []).append(k)
    return subsets, sorted(groups.values())


def partners(Ap: np.ndarray, Bp: np.ndarray, X: np.ndarray, xl: np.ndarray):
    """For a nondegenerate game: the only possible partner y in Q of every vertex x of P, solved in one batch.

    Complete labelling forces supp(y) = the columns tight at x (J) and makes every row of supp(x) (S) tight at y:
    y solves the n x n system (A y)_i = 1 for i in S, y_j = 0 for j not in J (a square system because |S| = |J|).
    x is recomputed the same way from (B^T x)_j = 1 for j in J, x_i = 0 for i not in S (accurate to rounding,
    whatever qhull's precision). All vertices go into one batched solve. Returns ``(xs, ys, marginal)`` (matched
    strategies as rows, not normalised), or None when the game turns out degenerate (|S| != |J|, a singular system,
    or a partner with extra labels): the caller then enumerates Q as well.
    """
    m, n = Ap.shape
    support = ~xl[:, :m]
    tight = xl[:, m:]
    live = support.any(axis=1)
    support, tight = support[live], tight[live]
    if (support.sum(axis=1) != tight.sum(axis=1)).any():
        return None
    V = len(support)
    if V == 0:
        return np.zeros((0, m)), np.zeros((0, n)), False
    # y: rows of [A; I_n] selected by [S, not J]
    rows_y = np.nonzero(np.concatenate([support, ~tight], axis=1))[1].reshape(V, n)
    Ey = np.concatenate([Ap, np.eye(n)])
    try:
        Y = np.linalg.solve(Ey[rows_y], (rows_y < m).astype(float)[..., None])[..., 0]
    except np.linalg.LinAlgError:
        return None
    Y[~tight] = 0.0  # exactly, not -5e-17 from the elimination
    slack = 1.0 - Y @ Ap.T
    worst = np.minimum(np.where(tight, Y, np.inf).min(axis=1), np.where(support, np.inf, slack).min(axis=1))
    marginal = bool(((np.abs(worst) < CLEAR) & (np.abs(worst) > TIGHT)).any())
    if (np.abs(worst) <= TIGHT).any():
        return None  # a partner with an extra label: degenerate
    keep = worst > TIGHT
    if not keep.any():
        return np.zeros((0, m)), np.zeros((0, n)), marginal
    support, tight = support[keep], tight[keep]
    rows_x = np.nonzero(np.concatenate([tight, ~support], axis=1))[1].reshape(len(support), m)
    Ex = np.concatenate([Bp.T, np.eye(m)])
    try:
        Xs = np.linalg.solve(Ex[rows_x], (rows_x < n).astype(float)[..., None])[..., 0]
    except np.linalg.LinAlgError:  # pragma: no cover - x is a vertex, so its system is regular
        return None
    Xs[~support] = 0.0
    return Xs, Y[keep], marginal
