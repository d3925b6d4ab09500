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


class _Tableau:
    """Condensed (dictionary) tableau of one polytope: basic = rhs - T[:, :-1] @ nonbasic.

    ``T`` has one row per basic and one column per nonbasic variable (and the right-hand side last): half the size
    of the full tableau, so each pivot's rank-one update costs half as much. Variables are named by their labels.
    """

    __slots__ = ("T", "row_label", "col_label", "basic", "index", "lex")

    def __init__(self, coef: np.ndarray, row_labels: np.ndarray, col_labels: np.ndarray, total: int):
        rows, cols = coef.shape
        self.T = np.empty((rows, cols + 1))
        self.T[:, :cols] = coef
        self.T[:, cols] = 1.0
        self.row_label = row_labels.copy()
        self.col_label = col_labels.copy()
        self.basic = np.zeros(total, bool)
        self.index = np.zeros(total, np.intp)
        self.basic[row_labels] = True
        self.index[row_labels] = np.arange(rows)
        self.index[col_labels] = np.arange(cols)
        self.lex = row_labels.copy()  # the initial basis: its columns of B^-1 break ties lexicographically

    def leaving_row(self, c: int) -> int:
        """Minimum-ratio row for entering column c; ties broken lexicographically by the initial basis."""
        T = self.T
        col = T[:, c]
        cmax = col.max()
        if not cmax > 0:
            raise RuntimeError("Lemke-Howson: unbounded ray (the payoffs were not made positive)")
        pos = col > 1e-12 * max(1.0, float(cmax))
        ratios = np.divide(T[:, -1], col, out=np.full(len(col), np.inf), where=pos)
        r = int(ratios.argmin())
        best = float(ratios[r])
        cand = np.flatnonzero(ratios <= best + 1e-12 * max(1.0, best))
        if len(cand) == 1:
            return r
        for k in self.lex:  # column k of B^-1: a nonbasic column of T, or a unit vector for a basic variable
            if self.basic[k]:
                v = (cand == self.index[k]).astype(float) / col[cand]
            else:
                v = T[cand, self.index[k]] / col[cand]
            cand = cand[v <= v.min() + 1e-12 * max(1.0, abs(float(v.min())))]
            if len(cand) == 1:
                break
        return int(cand[0])

    def pivot(self, r: int, c: int) -> int:
        """Exchange the basic variable of row r with the nonbasic variable of column c; return the leaving label."""
        T = self.T
        p = T[r, c]
        prow = T[r] / p
        colc = T[:, c].copy()
        T -= np.multiply.outer(colc, prow)
        T[r] = prow
        T[:, c] = -colc / p
        T[r, c] = 1.0 / p
        entering, leaving = int(self.col_label[c]), int(self.row_label[r])
        self.row_label[r], self.col_label[c] = entering, leaving
        self.basic[entering], self.basic[leaving] = True, False
        self.index[entering], self.index[leaving] = r, c
        return leaving

    def values(self, labels: range) -> np.ndarray:
        """Values of the variables with the given labels (zero when nonbasic)."""
        out = np.zeros(len(labels))
        for k, lab in enumerate(labels):
            if self.basic[lab]:
                out[k] = self.T[self.index[lab], -1]
        return out


def lemke_howson_steps(Ap: np.ndarray, Bp: np.ndarray, label: int):
    """Generator of the Lemke–Howson path on positive float matrices: yields None after each pivot, and finally
    the tuple ``(x, y, pivots)`` with x, y normalised."""
    m, n = Ap.shape
    total = m + n
    # P: s = 1 - B^T x (rows: slacks, labels m..m+n-1; columns: x, labels 0..m-1)
    # Q: r = 1 - A y   (rows: r, labels 0..m-1; columns: y, labels m..m+n-1)
    tabs = [_Tableau(Bp.T, np.arange(m, total), np.arange(m), total),
            _Tableau(Ap, np.arange(m), np.arange(m, total), total)]
    side = 0 if label < m else 1
    enter = label
    pivots = 0
    while True:
        tab = tabs[side]
        c = int(tab.index[enter])
        leaving = tab.pivot(tab.leaving_row(c), c)
        pivots += 1
        if leaving == label:
            x = np.clip(tabs[0].values(range(m)), 0.0, None)
            y = np.clip(tabs[1].values(range(m, total)), 0.0, None)
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
