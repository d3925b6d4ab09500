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

The float path is as fast as numpy's per-call overhead allows (about a dozen numpy calls per pivot, no Python loop
over rows): each tableau is one Fortran-ordered array updated in place by a single rank-one update per pivot
(BLAS ``dger`` from 32 x 32 up), the ratio test is vectorised and falls back to the careful, lexicographic test
only when a tie or a degenerate row is possible, and the equilibrium is read off the final bases.

References
----------
Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *Journal of the Society for Industrial
and Applied Mathematics* 12(2), 413–423.

von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game Theory* vol. 3, ch. 45.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

#: tableaux with at least this many entries are updated in place by BLAS ``dger`` (one pass, no temporary: about
#: 4x faster than numpy's outer product and subtraction at 50 x 50 and 200 x 200); smaller ones by numpy, which
#: spares a small game the one-off import of scipy.linalg
_BLAS_MIN_ENTRIES = 1024
#: ``dger`` is called on column blocks of at most this many entries: OpenBLAS runs a larger ``ger`` on several
#: threads, which on a busy machine took 11 ms instead of 60 us per 200 x 200 update (threads waiting for a core)
_BLAS_BLOCK_ENTRIES = 8192


class _FloatTableau:
    """Condensed (dictionary) tableau of one polytope: basic = rhs - T[:, :-1] @ nonbasic, floats.

    ``T`` (Fortran order, so a column is contiguous) has one row per basic and one column per nonbasic variable,
    and the right-hand side last; variables are named by their labels. A pivot is one rank-one update (see
    :meth:`pivot`), the ratio test a few vectorised operations; ties are resolved lexicographically only when
    there is one.
    """

    __slots__ = ("T", "rhs", "row_label", "col_label", "basic", "index", "lex", "ratio", "mask", "dger", "w", "blocks")

    def __init__(self, coef: np.ndarray, basic_first: bool):
        """Initial tableau ``s = 1 - coef @ z``; the basic slacks have the first labels when ``basic_first``."""
        rows, cols = coef.shape
        self.T = T = np.empty((rows, cols + 1), order="F")
        T[:, :cols] = coef
        T[:, cols] = 1.0
        self.rhs = T[:, cols]  # a view: stays current through the in-place pivots
        if basic_first:
            self.row_label, self.col_label = list(range(rows)), list(range(rows, rows + cols))
            self.basic = [True] * rows + [False] * cols
            self.index = self.row_label + list(range(cols))
        else:
            self.row_label, self.col_label = list(range(cols, cols + rows)), list(range(cols))
            self.basic = [False] * cols + [True] * rows
            self.index = list(range(cols)) + list(range(rows))
        self.lex = self.row_label[:]  # the initial basis: its columns of B^-1 break ties lexicographically
        self.ratio = np.empty(rows)
        self.mask = np.empty(rows, bool)
        self.w = np.empty(cols + 1)  # the scaled pivot row
        self.dger, self.blocks = None, ()
        if rows * (cols + 1) >= _BLAS_MIN_ENTRIES:
            from scipy.linalg.blas import dger

            self.dger = dger
            k = max(1, _BLAS_BLOCK_ENTRIES // rows)  # F-order column blocks are contiguous views: updated in place
            self.blocks = tuple((T[:, j:j + k], self.w[j:j + k]) for j in range(0, cols + 1, k))

    def leaving_row(self, c: int) -> int:
        """Minimum-ratio row for entering column c; ties broken lexicographically by the initial basis.

        Entries up to ``eps = 1e-12 * max(1, max(column))`` do not count as positive; ratios within
        ``1e-12 * max(1, minimum)`` of the minimum tie. The fast path divides by the column clipped at ``eps``
        (two operations, no mask): a row it should not have used can only win or tie when its right-hand side is
        about zero, and then the careful test below decides.
        """
        col = self.T[:, c]
        cmax = col.item(col.argmax())
        eps = 1e-12 * cmax if cmax > 1.0 else 1e-12
        ratio = self.ratio
        np.maximum(col, eps, out=ratio)
        np.divide(self.rhs, ratio, out=ratio)
        r = int(ratio.argmin())
        best = ratio.item(r)
        if col.item(r) > eps and best >= 0.0:
            np.less_equal(ratio, best + 1e-12 * (best if best > 1.0 else 1.0), out=self.mask)
            if np.count_nonzero(self.mask) == 1:
                return r
        if not cmax > 0:
            raise RuntimeError("Lemke-Howson: unbounded ray (the payoffs were not made positive)")
        pos = col > eps
        ratio.fill(np.inf)
        np.divide(self.rhs, col, out=ratio, where=pos)
        best = ratio.min()
        cand = np.flatnonzero(ratio <= best + 1e-12 * max(1.0, best))
        if len(cand) == 1:
            return int(cand[0])
        return self._lex_row(cand, col)

    def _lex_row(self, cand: np.ndarray, col: np.ndarray) -> int:
        T, basic, index = self.T, self.basic, self.index
        colc = col[cand]
        for k in self.lex:  # column k of B^-1: a nonbasic column of T, or a unit vector for a basic variable
            if basic[k]:
                v = (cand == index[k]) / colc
            else:
                v = T[cand, index[k]] / colc
            vmin = float(v.min())
            keep = v <= vmin + 1e-12 * max(1.0, abs(vmin))
            cand, colc = cand[keep], colc[keep]
            if len(cand) == 1:
                break
        return int(cand[0])

    def pivot(self, r: int, c: int) -> int:
        r"""Exchange the basic variable of row r with the nonbasic variable of column c; return the leaving label.

        With pivot :math:`p = T_{rc}`, column :math:`u = T_{\cdot c}` and row :math:`w = T_{r \cdot} / p`, the new
        tableau is :math:`T - u' w'^\top` where :math:`u'` is :math:`u` with :math:`u'_r = p - 1` and
        :math:`w'` is :math:`w` with :math:`w'_c = 1 + 1/p`: row r becomes :math:`w`, column c becomes
        :math:`-u / p`, the pivot entry :math:`1/p`, every other entry :math:`T_{ij} - u_i w_j`. For a pivot
        above 2 the cancellation in row r and column c would cost digits, so they are then written directly.
        """
        T = self.T
        u = T[:, c].copy()
        p = u.item(r)
        w = np.divide(T[r], p, out=self.w)
        big = p > 2.0
        if big:
            w_c = w.item(c)
        u[r] = p - 1.0
        w[c] = 1.0 + 1.0 / p
        if self.dger is None:
            np.subtract(T, np.multiply.outer(u, w), out=T)
        else:
            dger = self.dger
            for Tb, wb in self.blocks:
                dger(-1.0, u, wb, a=Tb, overwrite_a=1)
        if big:
            w[c] = w_c
            T[r] = w
            u[r] = p
            np.divide(u, -p, out=T[:, c])
            T[r, c] = 1.0 / p
        entering, leaving = self.col_label[c], self.row_label[r]
        self.row_label[r], self.col_label[c] = entering, leaving
        self.basic[entering], self.basic[leaving] = True, False
        self.index[entering], self.index[leaving] = r, c
        return leaving

    def values(self, first: int, count: int) -> np.ndarray:
        """Probabilities of the variables with labels first .. first + count - 1, normalised.

        They are read off the basis: a nonbasic variable is zero; a basic one's value is its right-hand side,
        clipped at zero.
        """
        out = [0.0] * count
        for lab, v in zip(self.row_label, self.rhs.tolist()):
            if first <= lab < first + count and v > 0.0:
                out[lab - first] = v
        vec = np.array(out)
        return vec / vec.sum()


def _tableaux(Ap: np.ndarray, Bp: np.ndarray) -> tuple[_FloatTableau, _FloatTableau]:
    # P: s = 1 - B^T x (rows: slacks, labels m..m+n-1; columns: x, labels 0..m-1)
    # Q: r = 1 - A y   (rows: r, labels 0..m-1; columns: y, labels m..m+n-1)
    return _FloatTableau(Bp.T, False), _FloatTableau(Ap, True)


def lemke_howson_steps(Ap: np.ndarray, Bp: np.ndarray, label: int):
    """Generate the Lemke–Howson path on positive float matrices.

    Yields None after each pivot, and finally the tuple ``(x, y, pivots)`` with x, y normalised.
    """
    m, n = Ap.shape
    tabs = _tableaux(Ap, Bp)
    side = 0 if label < m else 1
    enter = label
    pivots = 0
    while True:
        tab = tabs[side]
        c = tab.index[enter]
        leaving = tab.pivot(tab.leaving_row(c), c)
        pivots += 1
        if leaving == label:
            yield tabs[0].values(0, m), tabs[1].values(m, n), pivots
            return
        enter = leaving
        side = 1 - side
        yield None


def lemke_howson_float(Ap: np.ndarray, Bp: np.ndarray, label: int, max_pivots: int = 10_000_000):
    """Lemke–Howson on positive float matrices from one label; returns (x, y, pivots) with x, y normalised."""
    m, n = Ap.shape
    tabs = _tableaux(Ap, Bp)
    side = 0 if label < m else 1
    enter = label
    for pivots in range(1, max_pivots + 1):
        tab = tabs[side]
        c = tab.index[enter]
        enter = tab.pivot(tab.leaving_row(c), c)
        if enter == label:
            return tabs[0].values(0, m), tabs[1].values(m, n), pivots
        side = 1 - side
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
