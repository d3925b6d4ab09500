r"""The Lemke–Howson algorithm with lexicographic degeneracy resolution, in floats and in exact integers (private).

Both best-response polytopes are kept as tableaux whose columns are indexed by *label*:

.. math::

    P:\ B^\top x + s = 1 \quad (x_i \leftrightarrow i,\ s_j \leftrightarrow m + j), \qquad
    Q:\ r + A y = 1 \quad (r_i \leftrightarrow i,\ y_j \leftrightarrow m + j),

with positive payoffs (a positive affine normalisation leaves the equilibria unchanged). Starting from the
artificial equilibrium :math:`(0, 0)`, the variable with the dropped label ``k`` enters its tableau; the variable
leaving by the minimum-ratio test has some label :math:`l`; if :math:`l = k` the pair is completely labelled
again, an equilibrium; otherwise the variable with label :math:`l` in the *other* tableau enters next
(complementary pivoting). Ties in the ratio test are broken lexicographically by the columns of the initial basis
(the slacks), which simulates a generic perturbation :math:`1 + (\varepsilon, \varepsilon^2, \dots)` of the
right-hand side, so the path never cycles in a degenerate game (von Stengel 2002, section 3.6).

References
----------
Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *Journal of the Society for Industrial
and Applied Mathematics* 12(2), 413–423.

von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3, ch. 45.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np


def _float_ratio_row(T: np.ndarray, e: int, basis_cols: np.ndarray) -> int:
    """Leaving row for entering column e: minimum ratio, ties broken lexicographically over ``basis_cols``."""
    col = T[:, e]
    rhs = T[:, -1]
    scale = max(1.0, float(np.abs(col).max()))
    pos = col > 1e-12 * scale
    ratios = np.divide(rhs, col, out=np.full(len(col), np.inf), where=pos)
    r = int(ratios.argmin())
    best = ratios[r]
    if not np.isfinite(best):
        raise RuntimeError("Lemke-Howson: unbounded ray (the payoffs were not made positive)")
    cand = np.flatnonzero(ratios <= best + 1e-12 * max(1.0, abs(best)))
    if len(cand) == 1:
        return r
    for c in basis_cols:  # lexicographic minimum ratio: simulates the perturbation 1 + (eps, eps^2, ...)
        q = T[cand, c] / col[cand]
        cand = cand[q <= q.min() + 1e-12 * max(1.0, abs(float(q.min())))]
        if len(cand) == 1:
            break
    return int(cand[0])


def lemke_howson_steps(Ap: np.ndarray, Bp: np.ndarray, label: int):
    """Generator of the Lemke–Howson path on positive float matrices: yields None after each pivot, and finally
    the tuple ``(x, y, pivots)`` with x, y normalised."""
    m, n = Ap.shape
    # tableau of P: rows j = 0..n-1, columns labels 0..m+n-1, then the right-hand side
    TP = np.zeros((n, m + n + 1))
    TP[:, :m] = Bp.T
    TP[:, m:m + n] = np.eye(n)
    TP[:, -1] = 1.0
    TQ = np.zeros((m, m + n + 1))
    TQ[:, :m] = np.eye(m)
    TQ[:, m:m + n] = Ap
    TQ[:, -1] = 1.0
    basis = [np.arange(m, m + n), np.arange(m)]  # labels of the basic variables, by row
    tabs = [TP, TQ]
    lex = [np.arange(m, m + n), np.arange(m)]
    side = 0 if label < m else 1
    enter = label
    pivots = 0
    while True:
        T = tabs[side]
        r = _float_ratio_row(T, enter, lex[side])
        leaving = int(basis[side][r])
        piv = T[r] / T[r, enter]
        c = T[:, enter].copy()
        c[r] -= 1.0  # the rank-one update then turns row r into the pivot row
        # numpy's broadcasting, not BLAS dger: a multithreaded BLAS is 10-100x slower on a busy 2-core machine
        T -= c[:, None] * piv[None, :]
        basis[side][r] = enter
        pivots += 1
        if leaving == label:
            x = np.zeros(m)
            y = np.zeros(n)
            bx, by = basis[0], basis[1]
            x[bx[bx < m]] = tabs[0][bx < m, -1]
            y[by[by >= m] - m] = tabs[1][by >= m, -1]
            x, y = np.clip(x, 0.0, None), np.clip(y, 0.0, None)
            yield x / x.sum(), y / y.sum(), pivots
            return
        enter = leaving
        side = 1 - side
        yield None


def lemke_howson_float(Ap: np.ndarray, Bp: np.ndarray, label: int, max_pivots: int = 10_000_000):
    """Lemke–Howson on positive float matrices from one label; returns (x, y, pivots) with x, y normalised."""
    for k, out in enumerate(lemke_howson_steps(Ap, Bp, label)):
        if out is not None:
            return out
        if k >= max_pivots:
            break
    raise RuntimeError(f"Lemke-Howson did not finish in {max_pivots} pivots")


def lemke_howson_race(Ap: np.ndarray, Bp: np.ndarray, labels, max_pivots: int = 10_000_000):
    """Run the paths of several labels in lock step and return ``(x, y, pivots, label)`` of the first to finish.

    Path lengths vary by orders of magnitude between labels (21,534 against 32 pivots on one random 200 x 200
    game), so stepping a few paths together bounds the work by (number of paths) x (shortest path).
    """
    paths = {lab: lemke_howson_steps(Ap, Bp, lab) for lab in labels}
    for _ in range(max_pivots):
        for lab, path in paths.items():
            out = next(path)
            if out is not None:
                return (*out, lab)
    raise RuntimeError(f"Lemke-Howson did not finish in {max_pivots} pivots")


def _int_ratio_row(T: list[list[int]], e: int, basis_cols, rhs: int) -> int:
    rows = [r for r in range(len(T)) if T[r][e] > 0]
    if not rows:
        raise RuntimeError("Lemke-Howson: unbounded ray (the payoffs were not made positive)")
    # compare T[r][rhs] / T[r][e] exactly (denominators positive)
    best = [rows[0]]
    for r in rows[1:]:
        b = best[0]
        lhs, rhs_ = T[r][rhs] * T[b][e], T[b][rhs] * T[r][e]
        if lhs < rhs_:
            best = [r]
        elif lhs == rhs_:
            best.append(r)
    for c in basis_cols:
        if len(best) == 1:
            break
        keep = [best[0]]
        for r in best[1:]:
            b = keep[0]
            lhs, rhs_ = T[r][c] * T[b][e], T[b][c] * T[r][e]
            if lhs < rhs_:
                keep = [r]
            elif lhs == rhs_:
                keep.append(r)
        best = keep
    return best[0]


def lemke_howson_exact(MA: list[list[int]], MB: list[list[int]], label: int, max_pivots: int = 1_000_000):
    """Lemke–Howson on positive integer matrices with fraction-free pivoting; returns Fraction vectors and pivots."""
    from ._enumeration import _pivot

    m, n = len(MA), len(MA[0])
    w = m + n
    TP = [[MB[i][j] for i in range(m)] + [int(jj == j) for jj in range(n)] + [1] for j in range(n)]
    TQ = [[int(ii == i) for ii in range(m)] + MA[i][:] + [1] for i in range(m)]
    tabs = [TP, TQ]
    dets = [1, 1]
    basis = [list(range(m, w)), list(range(m))]
    lex = [list(range(m, w)), list(range(m))]
    side = 0 if label < m else 1
    enter = label
    for pivots in range(1, max_pivots + 1):
        T = tabs[side]
        r = _int_ratio_row(T, enter, lex[side], w)
        leaving = basis[side][r]
        tabs[side], dets[side] = _pivot(T, r, enter, dets[side])
        basis[side][r] = enter
        if leaving == label:
            x = [Fraction(0)] * m
            y = [Fraction(0)] * n
            for row, lab in enumerate(basis[0]):
                if lab < m:
                    x[lab] = Fraction(tabs[0][row][w], dets[0])
            for row, lab in enumerate(basis[1]):
                if lab >= m:
                    y[lab - m] = Fraction(tabs[1][row][w], dets[1])
            sx, sy = sum(x), sum(y)
            return [v / sx for v in x], [v / sy for v in y], pivots
        enter = leaving
        side = 1 - side
    raise RuntimeError(f"Lemke-Howson did not finish in {max_pivots} pivots")
