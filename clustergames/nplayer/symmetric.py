r"""Symmetric many-firm games with two actions: gain functions, exact symmetric equilibria, named games.

Examples
--------
>>> g = volunteers_dilemma(5, 2, 1)
>>> g.symmetric_equilibria()[0].p
1 - 2**(3/4)/2
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from html import escape
from typing import Any

import numpy as np

from .. import _validation as _v
from .._validation import fmt, tolerance
from ..results import Result
from .normal_form import NPlayerGame, _as_fraction, _is_sympy, _names

__all__ = ["SymmetricGame", "SymmetricEquilibrium", "SymmetricEquilibria", "public_goods", "threshold_public_goods",
           "volunteers_dilemma", "n_stag_hunt", "discounted_public_goods", "n_snowdrift", "commons"]

# ---------------------------------------------------------------------------------------------------------------
# symmetric games with two actions
# ---------------------------------------------------------------------------------------------------------------
#: largest number of firms for which :meth:`SymmetricGame.symmetric_equilibria` isolates roots exactly (a few seconds)
MAX_EXACT_N = 500


def _gain_values(values: Any, n: int, name: str) -> tuple[list, str]:
    """Evaluate a gain function on k = 0..n-1 (callable, sequence or sympy expression in k); return (values, kind)."""
    if callable(values) and not _is_sympy(values):
        try:
            vals = [values(k) for k in range(n)]
        except Exception as exc:  # noqa: BLE001 - the user's function failed: say which argument it was
            raise TypeError(f"{name} must be a function of k = 0..{n - 1} returning numbers (calling {name}(k) "
                            f"raised {type(exc).__name__}: {exc})") from None
    elif _is_sympy(values):
        import sympy

        k = sympy.Symbol("k")
        hit = [s for s in values.free_symbols if s.name == "k"]
        vals = [values.subs(hit[0], j) if hit else values for j in range(n)]
        if not hit:
            k = None  # a constant expression
        del k
    elif isinstance(values, str | bytes):
        raise TypeError(f"{name} must be a function of k, a sequence of {n} payoffs or a sympy expression in k "
                        f"(got {values!r})")
    else:
        try:
            vals = list(values)
        except TypeError:
            raise TypeError(f"{name} must be a function of k, a sequence of {n} payoffs or a sympy expression in k "
                            f"(got {values!r})") from None
        if len(vals) != n:
            raise ValueError(f"{name} must give one payoff for each k = 0..{n - 1} ({n} values; got {len(vals)})")
    kinds = set()
    out = []
    for k, v in enumerate(vals):
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, Fraction) and v.denominator == 1:
            v = int(v.numerator)
        kinds.add(_v.number_kind(v, f"{name}({k})"))
        out.append(v)
    kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
    if kind == "float":
        out = [float(v) for v in out]
    elif kind == "symbolic":
        from ..symbolic import to_sympy

        out = [to_sympy(v) for v in out]
    return out, kind


def _bernstein_to_power(d: Sequence[Any]) -> list:
    r"""Power-basis coefficients (constant first) of :math:`\sum_k d_k \binom{m}{k} p^k (1-p)^{m-k}`."""
    m = len(d) - 1
    coef = [0] * (m + 1)
    for k, dk in enumerate(d):
        if dk == 0:
            continue
        base = dk * math.comb(m, k)
        for j in range(k, m + 1):
            term = base * math.comb(m - k, j - k)
            coef[j] = coef[j] + (term if (j - k) % 2 == 0 else -term)
    return coef


def _bernstein_eval(d: np.ndarray, x: np.ndarray) -> np.ndarray:
    r"""Evaluate :math:`\sum_k d_k \binom{m}{k} x^k (1-x)^{m-k}` by de Casteljau's algorithm (stable), vectorised."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:  # scalar fast path (Brent's method calls this many times)
        b = np.array(d, dtype=float)
        xf = float(x)
        for r in range(len(b) - 1, 0, -1):
            b[:r] = (1 - xf) * b[:r] + xf * b[1:r + 1]
        return np.float64(b[0])
    b = np.broadcast_to(np.asarray(d, dtype=float), x.shape + (len(d),)).copy()
    xe = x[..., None]
    for r in range(len(d) - 1, 0, -1):
        b = (1 - xe) * b[..., :r] + xe * b[..., 1:r + 1]
    return b[..., 0]


class SymmetricEquilibrium:
    r"""A symmetric Nash equilibrium of a symmetric two-action game: every firm cooperates with probability ``p``.

    ``p`` is exact for exact games (a sympy number: rational, radical or ``CRootOf``, computed on first access),
    a float for float games, a sympy expression for symbolic games. ``p_float`` is always a float (``nan``-free;
    ``None`` for symbolic games). ``kind`` is ``"pure"`` (p = 0 or 1) or ``"mixed"``; ``interval`` is an exact
    isolating interval of a mixed equilibrium (Fractions); ``multiplicity`` the root's multiplicity;
    ``stability`` under the replicator dynamics of groups (``"stable"``, ``"unstable"``, ``"semi-stable"``).
    """

    __slots__ = ("kind", "p_float", "interval", "multiplicity", "stability", "payoff", "_p", "_factor", "_index")

    def __init__(self, kind, p=None, p_float=None, interval=None, multiplicity=1, stability=None, payoff=None,
                 factor=None, index=None):
        self.kind, self.p_float, self.interval = kind, p_float, interval
        self.multiplicity, self.stability, self.payoff = multiplicity, stability, payoff
        self._p, self._factor, self._index = p, factor, index

    @property
    def p(self):
        """Probability of cooperating (exact where the game is exact; computed, and cached, on first access)."""
        if self._p is None and self._factor is not None:
            fac, idx = self._factor.locate(*self.interval)
            self._p = _exact_root(fac, idx, self.interval) if fac is not None else self.p_float
        return self._p

    def __repr__(self) -> str:
        p = fmt(self.p_float) if self.p_float is not None else str(self.p)
        return f"SymmetricEquilibrium({self.kind}, p={p}, {self.stability})"


def _exact_root(factor, index, interval=None):
    """The ``index``-th real root of the irreducible sympy Poly ``factor`` in closed form where sympy finds one.

    Radicals for degree <= 4 (``sympy.roots``) and for binomials in p or 1 - p of any degree (the volunteer's
    dilemma: :math:`b(1-p)^{n-1} = c`); otherwise a ``CRootOf``.
    """
    import sympy

    def pick(candidates):
        real = sorted((r for r in candidates if r.is_real), key=lambda r: float(r))
        if interval is not None:
            lo, hi = float(interval[0]), float(interval[1])
            inside = [r for r in real if lo - 1e-12 <= float(r) <= hi + 1e-12]
            if len(inside) == 1:
                return inside[0]
            return None
        return real[index] if index < len(real) else None

    if factor.degree() <= 2:
        found = sympy.roots(factor, multiple=True)
        r = pick(found)
        if r is not None:
            return sympy.radsimp(r)
    # a shifted binomial lead * (x - x0)**d + const (the volunteer's dilemma, discounting): x0 = -a_{d-1} / (d a_d)
    coeffs = factor.all_coeffs()
    d = factor.degree()
    x0 = -coeffs[1] / (d * coeffs[0])
    g = factor.shift(x0)
    terms = g.terms()
    if len(terms) == 2 and terms[1][0] == (0,):
        rhs = -terms[1][1] / terms[0][1]  # (x - x0)**d = rhs
        cands = []
        if rhs > 0:
            base = sympy.root(rhs, d)
            cands = [base] + ([-base] if d % 2 == 0 else [])
        elif d % 2 == 1:
            cands = [-sympy.root(-rhs, d)]
        r = pick([x0 + cq for cq in cands])
        if r is not None:
            return r
    if factor.degree() <= 4:
        found = sympy.roots(factor, multiple=True)
        if len(found) == factor.degree():
            r = pick(found)
            if r is not None:
                return sympy.radsimp(r)
    return sympy.CRootOf(factor, index)


class SymmetricEquilibria(Result, Sequence):
    """All symmetric equilibria of a :class:`SymmetricGame` (a sequence of :class:`SymmetricEquilibrium`).

    ``to_frame()`` tabulates them; ``plot()`` draws the gain from cooperating :math:`f(p)` with the equilibria.
    """

    title = "Symmetric equilibria"

    def __init__(self, equilibria: list, game: SymmetricGame):
        self.equilibria = equilibria
        self.game = game

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k):
        return self.equilibria[k]

    def to_frame(self):
        """One row per equilibrium: kind, p (exact text and float), stability, expected payoff."""
        import pandas as pd

        rows = []
        for e in self.equilibria:
            rows.append({"kind": e.kind, "p": str(e.p) if e.p_float is None or self.game.is_exact else e.p_float,
                         "p (float)": e.p_float, "multiplicity": e.multiplicity, "replicator": e.stability,
                         "payoff": e.payoff})
        return pd.DataFrame(rows, columns=["kind", "p", "p (float)", "multiplicity", "replicator", "payoff"])



class SymmetricGame:
    r"""A symmetric n-firm game with two actions, cooperate (C) and defect (D), given by gain functions.

    When :math:`k` of the other :math:`n - 1` firms cooperate, a cooperator earns :math:`a(k)` and a defector
    :math:`b(k)`. If every other firm cooperates independently with probability :math:`p`, cooperating gains

    .. math::

        f(p) = \sum_{k=0}^{n-1} \binom{n-1}{k} p^k (1-p)^{n-1-k}\, \bigl[a(k) - b(k)\bigr]

    over defecting: a polynomial in Bernstein form with coefficients :math:`d_k = a(k) - b(k)`. The symmetric
    equilibria are all-C when :math:`d_{n-1} \ge 0`, all-D when :math:`d_0 \le 0`, and every root of :math:`f` in
    :math:`(0, 1)`. The roots are isolated *exactly* (sympy's real-root isolation on the rational polynomial; a
    float game is the rational game of its binary floats), refined to double precision (Brent's method on the
    Bernstein form evaluated by de Casteljau's algorithm, or exact bisection) and verified. In the replicator
    dynamics of groups of :math:`n` drawn from an infinite population, :math:`\dot x = x(1-x) f(x)`: the interior rest
    points are exactly these mixed equilibria (Hauert, Michor, Nowak & Doebeli 2006).

    Parameters
    ----------
    n : int >= 2
        Group size (number of firms).
    a, b : callable, sequence or sympy expression
        Gain functions: a function of ``k``, a sequence of ``n`` payoffs for ``k = 0..n-1``, or a sympy expression in
        a symbol named ``k``. Numbers, Fractions or sympy; exact input stays exact.
    actions : pair of str
        Names of the two actions (default ``("C", "D")``).
    name : str, optional

    References
    ----------
    Hauert, C., Michor, F., Nowak, M. A. & Doebeli, M. (2006). Synergy and discounting of cooperation in social
    dilemmas. *Journal of Theoretical Biology* 239(2), 195–202.

    Palfrey, T. R. & Rosenthal, H. (1984). Participation and the provision of discrete public goods: a strategic
    analysis. *Journal of Public Economics* 24(2), 171–193.

    Examples
    --------
    >>> g = SymmetricGame(3, a=[-1, 2, 2], b=[0, 0, 3])     # the threshold game n=3, k=2, b=3, c=1
    >>> [str(e.p) for e in g.symmetric_equilibria()]
    ['0', '1/2 - sqrt(3)/6', 'sqrt(3)/6 + 1/2']
    >>> g.pure_equilibria()       # numbers of cooperators m at which nobody wants to switch
    [0, 2]
    """

    def __init__(self, n: Any, a: Any, b: Any, *, actions: Sequence[str] = ("C", "D"), name: str | None = None):
        from .._validation import check_positive_int

        self.n = check_positive_int(n, "n", minimum=2, maximum=100_000)
        self.a, kind_a = _gain_values(a, self.n, "a")
        self.b, kind_b = _gain_values(b, self.n, "b")
        kinds = {kind_a, kind_b}
        self._kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        if self._kind == "float":
            self.a, self.b = [float(v) for v in self.a], [float(v) for v in self.b]
        elif self._kind == "symbolic":
            from ..symbolic import to_sympy

            self.a, self.b = [to_sympy(v) for v in self.a], [to_sympy(v) for v in self.b]
        self.actions = _names(actions, 2, (), "actions")
        self.name = str(name) if name is not None else "symmetric game"

    # -- basics ----------------------------------------------------------------------------------------------------
    @property
    def is_exact(self) -> bool:
        """True if every payoff is an exact rational."""
        return self._kind == "exact"

    @property
    def is_symbolic(self) -> bool:
        """True if some payoff contains a free symbol."""
        return self._kind == "symbolic"

    @property
    def gains(self) -> list:
        r"""The Bernstein coefficients :math:`d_k = a(k) - b(k)`, :math:`k = 0, \dots, n-1`."""
        return [x - y for x, y in zip(self.a, self.b)]

    def _fractions(self) -> list[Fraction]:
        if self.is_symbolic:
            names = sorted({str(s) for v in self.a + self.b for s in getattr(v, "free_symbols", ())})
            raise TypeError(f"the payoffs contain the symbols {', '.join(names)}: substitute numbers first with "
                            f"game.subs({names[0]}=...), or use gain_polynomial() for the symbolic condition")
        if self.is_exact:
            return [_as_fraction(x) - _as_fraction(y) for x, y in zip(self.a, self.b)]
        return [Fraction(x) - Fraction(y) for x, y in zip(self.a, self.b)]  # the exact value of each float

    def __repr__(self) -> str:
        kind = {"float": "", "exact": " (exact)", "symbolic": " (symbolic)"}[self._kind]
        return f"SymmetricGame({self.name}, n={self.n}{kind})"

    def to_frame(self):
        """The gain functions as a table: k, a(k), b(k), a(k) - b(k).

        Examples
        --------
        >>> volunteers_dilemma(3, 2, 1).to_frame()["a(k) - b(k)"].tolist()
        [1, -1, -1]
        """
        import pandas as pd

        return pd.DataFrame({"k": range(self.n), "a(k)": self.a, "b(k)": self.b, "a(k) - b(k)": self.gains})

    def _repr_html_(self) -> str:
        return (f"<div><p><strong>{escape(repr(self))}</strong>: payoff of {escape(self.actions[0])} / "
                f"{escape(self.actions[1])} when k of the other {self.n - 1} firms play {escape(self.actions[0])}"
                f"</p>{self.to_frame().to_html(index=False)}</div>")

    def subs(self, **values: Any) -> SymmetricGame:
        """Substitute values for the symbols by name; returns a new game.

        Examples
        --------
        >>> import sympy
        >>> b, c = sympy.symbols("b c", positive=True)
        >>> g = volunteers_dilemma(4, b, c)
        >>> g.subs(b=2, c=1).symmetric_equilibria()[0].p
        1 - 2**(2/3)/2
        """
        import sympy

        from ..symbolic import to_sympy

        names = {str(s): s for v in self.a + self.b for s in getattr(v, "free_symbols", ())}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ValueError(f"unknown symbol(s) {unknown}: the game's symbols are {sorted(names)}")
        mapping = {names[k]: to_sympy(v) for k, v in values.items()}
        floats = any(isinstance(v, float) for v in values.values())

        def sub(v):
            out = sympy.sympify(v).subs(mapping)
            return float(out) if floats and not out.free_symbols else out

        return SymmetricGame(self.n, [sub(v) for v in self.a], [sub(v) for v in self.b], actions=self.actions,
                             name=self.name)

    def to_nplayer(self) -> NPlayerGame:
        """The full normal form: n players, two actions each, :math:`2^n` profiles (n <= 16).

        Examples
        --------
        >>> g = threshold_public_goods(3, 2, 3, 1).to_nplayer()
        >>> g.shape, g.pure_equilibria()
        ((2, 2, 2), [(0, 0, 1), (0, 1, 0), (1, 0, 0), (1, 1, 1)])
        """
        if self.n > 16:
            raise ValueError(f"to_nplayer builds all 2**n profiles; n must be <= 16 (got n={self.n})")
        n = self.n
        u = np.empty((n,) + (2,) * n, dtype=float if self._kind == "float" else object)
        for prof in itertools.product((0, 1), repeat=n):
            coop = sum(1 for s in prof if s == 0)
            for i, s in enumerate(prof):
                u[(i,) + prof] = self.a[coop - 1] if s == 0 else self.b[coop]
        return NPlayerGame(u, players=[f"firm {i + 1}" for i in range(n)], actions=[self.actions] * n)

    def stage_payoffs(self) -> dict:
        r"""The repeated-game payoffs ``{"T": b(n-1), "R": a(n-1), "P": b(0)}``.

        Defecting alone, all cooperating, all defecting (the stage equilibrium punishment; requires all-D to be an
        equilibrium, :math:`a(0) \le b(0)`).

        Examples
        --------
        >>> public_goods(10, 3, 1).stage_payoffs()
        {'T': Fraction(27, 10), 'R': 2, 'P': 0}
        """
        if self.is_symbolic:
            self._fractions()
        d0 = self._fractions()[0]
        if d0 > 0:
            raise ValueError("all-defect is not an equilibrium of this game (a(0) > b(0)), so it cannot serve as the "
                             "punishment P of grim reversion")
        return {"T": self.b[-1], "R": self.a[-1], "P": self.b[0]}

    # -- the gain polynomial ------------------------------------------------------------------------------------------
    def gain(self, p: Any):
        r"""The gain from cooperating :math:`f(p)` when each other firm cooperates with probability ``p``.

        Floats and arrays are evaluated by de Casteljau's algorithm; exact or symbolic ``p`` gives an exact value.

        Examples
        --------
        >>> g = volunteers_dilemma(3, 4, 1)
        >>> g.gain(0.5)
        0.0
        >>> from fractions import Fraction
        >>> g.gain(Fraction(1, 3))
        Fraction(7, 9)
        """
        if _is_sympy(p) or self.is_symbolic:
            return self.gain_polynomial(p)
        if isinstance(p, Fraction | numbers.Integral) and not isinstance(p, bool) and self._kind != "symbolic":
            from .._validation import check_probability

            check_probability(p, "p", exact=True)
            m = self.n - 1
            d = self._fractions() if self.is_exact else [Fraction(x) for x in self.gains]
            val = sum(d[k] * math.comb(m, k) * Fraction(p) ** k * (1 - Fraction(p)) ** (m - k) for k in range(m + 1))
            return val if self.is_exact else float(val)
        from .._validation import check_array

        x = check_array(p, "p", low=0, high=1)
        out = _bernstein_eval(np.asarray([float(v) for v in self.gains]), x)
        return float(out) if out.ndim == 0 else out

    def gain_polynomial(self, p: Any = None):
        r"""The gain :math:`f(p)` as a sympy expression in Bernstein form (``p`` a symbol by default).

        Examples
        --------
        >>> volunteers_dilemma(3, 4, 1).gain_polynomial()
        -p**2 - 2*p*(1 - p) + 3*(1 - p)**2
        """
        import sympy

        from ..symbolic import to_sympy

        p = sympy.Symbol("p") if p is None else to_sympy(p)
        m = self.n - 1
        d = [to_sympy(v) for v in self.gains]
        return sympy.Add(*[d[k] * math.comb(m, k) * p ** k * (1 - p) ** (m - k) for k in range(m + 1) if d[k] != 0])

    # -- equilibria -------------------------------------------------------------------------------------------------
    def pure_equilibria(self) -> list[int]:
        r"""Pure equilibria as numbers of cooperators :math:`m` (which firms cooperate does not matter).

        With :math:`m` cooperators nobody wants to switch iff a cooperator would not gain by defecting and a defector
        would not gain by cooperating:

        .. math::

            a(m-1) \ge b(m-1) \;\; (m \ge 1), \qquad b(m) \ge a(m) \;\; (m \le n-1).

        Examples
        --------
        >>> threshold_public_goods(5, 3, 3, 1).pure_equilibria()
        [0, 3]
        """
        if self.is_symbolic:
            self._fractions()  # raises the helpful error
        d = self._fractions()
        tol = 0 if self.is_exact else tolerance(self.a, self.b)
        out = []
        for m in range(self.n + 1):
            coop_ok = m == 0 or d[m - 1] >= -tol
            def_ok = m == self.n or d[m] <= tol
            if coop_ok and def_ok:
                out.append(m)
        return out

    def _isolate(self):
        """Exact isolation of the roots of f in (0, 1): list of (lo, hi, multiplicity, factor, index) with Fractions."""
        import sympy

        d = self._fractions()
        scale = math.lcm(*(v.denominator for v in d))  # integer arithmetic: same roots, much faster than Fractions
        coef = _bernstein_to_power([v.numerator * (scale // v.denominator) for v in d])
        p = sympy.Symbol("p")
        if all(c == 0 for c in coef):
            return None  # f vanishes identically: every p is an equilibrium
        poly = sympy.Poly([int(c) for c in reversed(coef)], p, domain="QQ")
        out = []
        for (lo, hi), mult in poly.intervals(inf=0, sup=1):
            lo, hi = Fraction(int(lo.p), int(lo.q)), Fraction(int(hi.p), int(hi.q))
            if hi <= 0 or lo >= 1 or (lo == hi and lo in (0, 1)):
                continue
            out.append([lo, hi, int(mult)])
        return poly, d, out

    def symmetric_equilibria(self) -> SymmetricEquilibria:
        r"""Every symmetric Nash equilibrium: all-D (p = 0), all-C (p = 1) and each mixed p in (0, 1).

        Mixed equilibria are the roots of :math:`f(p) = \sum_k \binom{n-1}{k}p^k(1-p)^{n-1-k}[a(k)-b(k)]` in
        :math:`(0, 1)`, isolated exactly and verified; exact games give exact ``p``, float games floats with
        :math:`|f(p)|` below a tolerance relative to the payoffs. For a symbolic game, sympy's ``solve`` gives the
        candidate roots (which of them lie in (0, 1) depends on the parameters). Each equilibrium carries its
        stability as a rest point of :math:`\dot x = x(1-x)f(x)`.

        Raises ``ValueError`` when :math:`f \equiv 0` (every p is an equilibrium), and for more than
        ``MAX_EXACT_N`` = 500 firms: exact isolation of the roots of a degree-:math:`(n-1)` polynomial grows like
        :math:`n^3` (2.5 s at n = 500, about 4 minutes at n = 2000).

        Examples
        --------
        >>> e = volunteers_dilemma(5, 2, 1).symmetric_equilibria()
        >>> [x.kind for x in e], e[0].p
        (['mixed'], 1 - 2**(3/4)/2)
        """
        if self.is_symbolic:
            return self._symbolic_equilibria()
        if self.n > MAX_EXACT_N:
            raise ValueError(f"symmetric_equilibria isolates the roots of a degree-{self.n - 1} polynomial exactly, "
                             f"which takes minutes beyond n = {MAX_EXACT_N} firms (got n={self.n}); use "
                             f"gradient_of_selection on a grid, or finite_population, for larger clusters")
        iso = self._isolate()
        if iso is None:
            raise ValueError("a(k) = b(k) for every k: every firm is indifferent, so every p in [0, 1] is a "
                             "symmetric equilibrium")
        poly, d, roots = iso
        dfl = np.array([float(v) for v in d])
        scale = tolerance(self.a, self.b, rtol=1.0)
        eqs: list[SymmetricEquilibrium] = []
        # signs of f on the intervals between consecutive roots (exact, at rational points)
        refined = [self._refine(poly, dfl, lo, hi, mult) for lo, hi, mult in roots]
        points = [Fraction(0)] + [r[1] for r in refined] + [Fraction(1)]
        signs = []
        for left, right in zip(points[:-1], points[1:]):
            mid = (left + right) / 2
            signs.append(_sign(poly.eval(_rat(mid))))

        def payoff(x: float) -> float:
            return float(_bernstein_eval(np.array([float(v) for v in self.a]), np.array(x)))

        if d[0] <= 0:
            eqs.append(SymmetricEquilibrium("pure", p=self._zero(), p_float=0.0,
                                            stability="stable" if signs[0] < 0 else "unstable",
                                            payoff=self.b[0]))
        factors = None
        for i, ((lo, hi, mult), (pf, _inner)) in enumerate(zip(roots, refined)):
            left, right = signs[i], signs[i + 1]
            stab = ("stable" if left > 0 > right else "unstable" if left < 0 < right else "semi-stable")
            value = float(_bernstein_eval(dfl, np.array(pf)))
            bound = 1e-9 * scale * max(1, self.n)
            if abs(value) > bound and mult % 2 == 1:
                raise RuntimeError(f"could not verify the root near p={pf!r} (|f(p)|={abs(value):.3g}); please report")
            if self.is_exact:
                if factors is None:
                    factors = _Factors(poly)  # factorised lazily, once, when an exact p is first asked for
                eq = SymmetricEquilibrium("mixed", p=None, p_float=pf, interval=(lo, hi), multiplicity=mult,
                                          stability=stab, payoff=payoff(pf), factor=factors)
            else:
                eq = SymmetricEquilibrium("mixed", p=pf, p_float=pf, interval=(lo, hi), multiplicity=mult,
                                          stability=stab, payoff=payoff(pf))
            eqs.append(eq)
        if d[-1] >= 0:
            eqs.append(SymmetricEquilibrium("pure", p=self._one(), p_float=1.0,
                                            stability="stable" if signs[-1] > 0 else "unstable",
                                            payoff=self.a[-1]))
        return SymmetricEquilibria(eqs, self)

    def _zero(self):
        return 0 if self.is_exact else 0.0

    def _one(self):
        return 1 if self.is_exact else 1.0

    @staticmethod
    def _refine(poly, dfl, lo: Fraction, hi: Fraction, mult: int) -> tuple[float, Fraction]:
        """Refine an isolating interval to double precision; returns (float root, exact rational inside)."""
        from scipy.optimize import brentq

        if lo == hi:
            return float(lo), lo
        flo, fhi = _bernstein_eval(dfl, np.array([float(lo), float(hi)]))
        if mult % 2 == 1 and flo * fhi < 0:
            x = brentq(lambda t: float(_bernstein_eval(dfl, np.array(t))), float(lo), float(hi), xtol=1e-300,
                       rtol=4 * np.finfo(float).eps, maxiter=500)
            inner = Fraction(x)
            return x, inner if lo < inner < hi else (lo + hi) / 2
        # even multiplicity or a sign change invisible in floats: exact bisection on the square-free part
        sqf = poly.sqf_part()
        slo = _sign(sqf.eval(_rat(lo)))
        a, b = lo, hi
        for _ in range(200):
            if float(b) - float(a) <= 2 * np.finfo(float).eps * max(float(a), 1e-300):
                break
            mid = (a + b) / 2
            s = _sign(sqf.eval(_rat(mid)))
            if s == 0:
                a = b = mid
                break
            if s == slo:
                a = mid
            else:
                b = mid
        mid = (a + b) / 2
        return float(mid), mid

    def _symbolic_equilibria(self) -> SymmetricEquilibria:
        import sympy

        p = sympy.Symbol("p")
        f = self.gain_polynomial(p)
        eqs = [SymmetricEquilibrium("pure", p=sympy.Integer(0), payoff=self.b[0], stability="depends on parameters"),
               ]
        try:
            sols = sympy.solve(sympy.Eq(f, 0), p)
        except NotImplementedError:
            sols = []
        for s in sols:
            if s.has(sympy.I) or sympy.expand(s - 1).is_positive or sympy.expand(s).is_negative:
                continue  # complex, or provably outside [0, 1] given the symbols' assumptions
            eqs.append(SymmetricEquilibrium("mixed", p=sympy.simplify(s), stability="depends on parameters"))
        eqs.append(SymmetricEquilibrium("pure", p=sympy.Integer(1), payoff=self.a[-1],
                                        stability="depends on parameters"))
        return SymmetricEquilibria(eqs, self)


def _rat(x: Fraction):
    import sympy

    return sympy.Rational(x.numerator, x.denominator)


def _sign(v) -> int:
    return int(bool(v > 0)) - int(bool(v < 0))


class _Factors:
    """The irreducible factors of the gain polynomial, computed on first use and shared by its equilibria."""

    def __init__(self, poly):
        self.poly = poly
        self._factors = None

    def locate(self, lo: Fraction, hi: Fraction):
        if self._factors is None:
            self._factors = list(self.poly.factor_list()[1])
        return _locate(self._factors, lo, hi)


def _locate(factors, lo: Fraction, hi: Fraction):
    """The irreducible factor with a root in [lo, hi] and that root's index among the factor's real roots."""
    import sympy

    for fac, _ in factors:
        if fac.degree() < 1:
            continue
        if fac.count_roots(_rat(lo), _rat(hi)) >= 1:
            below = fac.count_roots(-sympy.oo, _rat(lo)) - (1 if fac.eval(_rat(lo)) == 0 and lo != hi else 0)
            return fac, int(below)
    return None, None


# ---------------------------------------------------------------------------------------------------------------
# named many-firm games
# ---------------------------------------------------------------------------------------------------------------
def _param(value: Any, name: str, *, low=None, low_open=False, high=None, high_open=False):
    """A game parameter: a number (exact kept) or a sympy symbol/expression (passed through)."""
    from .._validation import check_real

    return check_real(value, name, low=low, low_open=low_open, high=high, high_open=high_open, exact=True,
                      symbolic=True)


def _to_exact(value: Any):
    """Keep ints/Fractions/sympy as they are (exact arithmetic); floats stay floats."""
    return value


def public_goods(n: Any, r: Any, c: Any = 1) -> SymmetricGame:
    r"""The linear public goods game: each contribution :math:`c` is multiplied by :math:`r` and shared by all n.

    .. math::

        a(k) = \frac{r c (k + 1)}{n} - c, \qquad b(k) = \frac{r c k}{n}, \qquad a(k) - b(k) = c\Bigl(\frac rn - 1
        \Bigr),

    so contributing is strictly dominated when :math:`r < n` (all-D is the unique equilibrium, though all-C pays
    everyone :math:`(r - 1)c` more) and dominant when :math:`r > n`.

    References
    ----------
    Isaac, R. M. & Walker, J. M. (1988). Group size effects in public goods provision: the voluntary contributions
    mechanism. *Quarterly Journal of Economics* 103(1), 179–199.

    Examples
    --------
    >>> g = public_goods(4, 3, 1)
    >>> [e.p for e in g.symmetric_equilibria()], g.pure_equilibria()
    ([0], [0])
    """
    from .._validation import check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    r = _param(r, "r", low=0)
    c = _param(c, "c", low=0, low_open=True)
    share = _div(r * c, n)
    return SymmetricGame(n, lambda k: share * (k + 1) - c, lambda k: share * k, actions=("contribute", "free-ride"),
                         name=f"public goods (n={n}, r={fmt(r)}, c={fmt(c)})")


def _div(x: Any, y: Any):
    """The quotient x / y, exactly for ints/Fractions (a Fraction), as floats otherwise, symbolically for sympy."""
    if isinstance(x, numbers.Integral | Fraction) and isinstance(y, numbers.Integral | Fraction):
        out = Fraction(x) / Fraction(y)
        return int(out) if out.denominator == 1 else out
    if _is_sympy(x) or _is_sympy(y):
        from ..symbolic import to_sympy

        return to_sympy(x) / to_sympy(y)
    return float(x) / float(y)


def threshold_public_goods(n: Any, k: Any, b: Any, c: Any) -> SymmetricGame:
    r"""Shared infrastructure built only if at least ``k`` of the ``n`` firms contribute (a discrete public good).

    Every firm receives :math:`b` if the plant is built; contributors pay :math:`c` whether or not it is built.
    With :math:`j` other contributors:

    .. math::

        a(j) = b\,[j + 1 \ge k] - c, \qquad b(j) = b\,[j \ge k], \qquad a(j) - b(j) = b\,[j = k - 1] - c .

    A firm's contribution matters only when it is pivotal, so the symmetric mixed equilibria solve
    :math:`\binom{n-1}{k-1} p^{k-1}(1-p)^{n-k}\, b = c` (Palfrey & Rosenthal 1984); in the pure equilibria nobody
    contributes (for :math:`k \ge 2`) or exactly :math:`k` firms do (when :math:`b \ge c`).

    References
    ----------
    Palfrey, T. R. & Rosenthal, H. (1984). Participation and the provision of discrete public goods: a strategic
    analysis. *Journal of Public Economics* 24(2), 171–193.

    Examples
    --------
    >>> g = threshold_public_goods(3, 2, 3, 1)
    >>> g.pure_equilibria(), [str(e.p) for e in g.symmetric_equilibria() if e.kind == "mixed"]
    ([0, 2], ['1/2 - sqrt(3)/6', 'sqrt(3)/6 + 1/2'])
    """
    from .._validation import check_int, check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    k = check_int(k, "k")
    if not 1 <= k <= n:
        raise ValueError(f"k (the number of contributions needed) must lie in [1, n] = [1, {n}] (got k={k})")
    b = _param(b, "b", low=0, low_open=True)
    c = _param(c, "c", low=0, low_open=True)
    return SymmetricGame(n, lambda j: (b if j + 1 >= k else 0) - c, lambda j: b if j >= k else 0,
                         actions=("contribute", "free-ride"),
                         name=f"threshold public good (n={n}, k={k}, b={fmt(b)}, c={fmt(c)})")


def volunteers_dilemma(n: Any, b: Any, c: Any) -> SymmetricGame:
    r"""The volunteer's dilemma: everyone gets :math:`b` if at least one firm volunteers at cost :math:`c < b`.

    The threshold public good with :math:`k = 1`. Its unique symmetric mixed equilibrium is

    .. math::

        p^* = 1 - (c/b)^{1/(n-1)},

    and the probability that nobody volunteers, :math:`(1 - p^*)^n = (c/b)^{n/(n-1)}`, *rises* with the number of
    firms (Diekmann 1985): the bigger the cluster, the less likely the shared plant gets built spontaneously.

    References
    ----------
    Diekmann, A. (1985). Volunteer's dilemma. *Journal of Conflict Resolution* 29(4), 605–610.

    Examples
    --------
    >>> volunteers_dilemma(2, 4, 1).symmetric_equilibria()[0].p
    3/4
    """
    return threshold_public_goods(n, 1, b, c)


def n_stag_hunt(n: Any, m: Any, r: Any, c: Any = 1) -> SymmetricGame:
    r"""The n-person stag hunt: a collective project pays only if at least ``m`` of the ``n`` firms join.

    Cooperators pay :math:`c`; when the number :math:`k_t` of cooperators in the group reaches :math:`m`, the
    project returns :math:`k_t r c / n` to every member (Pacheco, Santos, Souza & Skyrms 2009). With :math:`k`
    cooperators among the others:

    .. math::

        b(k) = \frac{k r c}{n}\,[k \ge m], \qquad a(k) = \frac{(k + 1) r c}{n}\,[k + 1 \ge m] - c .

    References
    ----------
    Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009). Evolutionary dynamics of collective action in
    N-person stag hunt dilemmas. *Proceedings of the Royal Society B* 276(1655), 315–321.

    Examples
    --------
    >>> g = n_stag_hunt(4, 3, 3, 1)
    >>> g.pure_equilibria()     # nobody, or exactly three (a fourth would rather free-ride)
    [0, 3]
    """
    from .._validation import check_int, check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    m = check_int(m, "m")
    if not 1 <= m <= n:
        raise ValueError(f"m (the number of cooperators the project needs) must lie in [1, n] = [1, {n}] (got m={m})")
    r = _param(r, "r", low=0, low_open=True)
    c = _param(c, "c", low=0, low_open=True)
    unit = _div(r * c, n)
    return SymmetricGame(n, lambda k: (unit * (k + 1) if k + 1 >= m else 0) - c,
                         lambda k: unit * k if k >= m else 0, actions=("cooperate", "defect"),
                         name=f"n-person stag hunt (n={n}, m={m}, r={fmt(r)}, c={fmt(c)})")


def discounted_public_goods(n: Any, b: Any, c: Any, w: Any) -> SymmetricGame:
    r"""Public goods with synergy (:math:`w > 1`) or discounting (:math:`w < 1`) of successive contributions.

    The first cooperator's contribution is worth :math:`b`, the second :math:`bw`, the :math:`j`-th
    :math:`b w^{j-1}`; the total is shared by all :math:`n`; cooperators pay :math:`c` (Hauert, Michor, Nowak &
    Doebeli 2006). With :math:`k` cooperators among the others,

    .. math::

        b(k) = \frac bn \sum_{j=0}^{k-1} w^j, \qquad a(k) = \frac bn \sum_{j=0}^{k} w^j - c, \qquad
        f(x) = \frac bn \bigl(1 + (w - 1)x\bigr)^{n-1} - c .

    For :math:`w < 1` an interior (stable) rest point exists iff :math:`w^{n-1} < nc/b < 1`, at
    :math:`x^* = \bigl(1 - (nc/b)^{1/(n-1)}\bigr)/(1 - w)`; for :math:`w > 1` an (unstable) one iff
    :math:`1 < nc/b < w^{n-1}`; :math:`w = 1` is the linear public goods game.

    References
    ----------
    Hauert, C., Michor, F., Nowak, M. A. & Doebeli, M. (2006). Synergy and discounting of cooperation in social
    dilemmas. *Journal of Theoretical Biology* 239(2), 195–202.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = discounted_public_goods(3, 6, 1, Fraction(1, 2))
    >>> [e.p for e in g.symmetric_equilibria()]
    [2 - sqrt(2)]
    """
    from .._validation import check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    b = _param(b, "b", low=0, low_open=True)
    c = _param(c, "c", low=0, low_open=True)
    w = _param(w, "w", low=0)
    share = _div(b, n)

    def total(k):  # 1 + w + ... + w^(k-1)
        return sum((w ** j for j in range(k)), 0 * w)

    return SymmetricGame(n, lambda k: share * total(k + 1) - c, lambda k: share * total(k),
                         actions=("cooperate", "defect"),
                         name=f"discounted public goods (n={n}, b={fmt(b)}, c={fmt(c)}, w={fmt(w)})")


def n_snowdrift(n: Any, b: Any, c: Any, m: Any = 1) -> SymmetricGame:
    r"""The n-person snowdrift game: a task worth :math:`b` to everyone is done if at least ``m`` firms work on it.

    The cost :math:`c` is shared by the cooperators once the task gets done; below the threshold each cooperator
    loses its share :math:`c/m` (Souza, Pacheco & Santos 2009). With :math:`k` cooperators among the others:

    .. math::

        a(k) = \begin{cases} b - \dfrac{c}{k+1} & k + 1 \ge m \\[1ex] -\dfrac cm & k + 1 < m \end{cases},
        \qquad b(k) = b\,[k \ge m] .

    For :math:`m = 1` there is one stable interior rest point; for :math:`m > 1` a second, unstable one appears
    (a coordination threshold), and both vanish together when :math:`c/b` grows past a critical value.

    References
    ----------
    Souza, M. O., Pacheco, J. M. & Santos, F. C. (2009). Evolution of cooperation under N-person snowdrift games.
    *Journal of Theoretical Biology* 260(4), 581–588.

    Examples
    --------
    >>> len([e for e in n_snowdrift(6, 1, 1, 3).symmetric_equilibria() if e.kind == "mixed"])
    2
    """
    from .._validation import check_int, check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    m = check_int(m, "m")
    if not 1 <= m <= n:
        raise ValueError(f"m (the number of workers the task needs) must lie in [1, n] = [1, {n}] (got m={m})")
    b = _param(b, "b", low=0, low_open=True)
    c = _param(c, "c", low=0, low_open=True)
    return SymmetricGame(n, lambda k: b - _div(c, k + 1) if k + 1 >= m else -_div(c, m),
                         lambda k: b if k >= m else 0 * b, actions=("cooperate", "defect"),
                         name=f"n-person snowdrift (n={n}, b={fmt(b)}, c={fmt(c)}, m={m})")


def commons(n: Any, alpha: Any, beta: Any, c: Any) -> SymmetricGame:
    r"""Appropriation from a shared eco-chain (a common-pool resource): each firm restrains or appropriates.

    With :math:`N` appropriators the resource returns :math:`\alpha N - \beta N^2` in total, so each appropriator
    earns the average return minus its cost, :math:`\alpha - \beta N - c`; a restrained firm earns 0 (Gordon 1954;
    the binary version of Ostrom, Gardner & Walker's CPR game). With :math:`k` restrained firms among the others
    (so :math:`N = n - k` if the firm appropriates):

    .. math::

        a(k) = 0, \qquad b(k) = \alpha - \beta (n - k) - c .

    In a pure equilibrium the number of appropriators :math:`N` satisfies :math:`\alpha - \beta N - c \ge 0 \ge
    \alpha - \beta (N + 1) - c`: free access, :math:`N \approx N^e = (\alpha - c)/\beta` of
    :func:`clustergames.entry.commons_free_entry`, twice the optimum :math:`N^* = (\alpha - c)/(2\beta)`
    (:func:`clustergames.entry.commons_entry`).

    References
    ----------
    Gordon, H. S. (1954). The economic theory of a common-property resource: the fishery. *Journal of Political
    Economy* 62(2), 124–142.

    Ostrom, E., Gardner, R. & Walker, J. (1994). *Rules, Games, and Common-Pool Resources*. Ann Arbor: University
    of Michigan Press.

    Examples
    --------
    >>> g = commons(12, alpha=10, beta=1, c=2)
    >>> [12 - m for m in g.pure_equilibria()]     # numbers of appropriators
    [8, 7]
    """
    from .._validation import check_positive_int

    n = check_positive_int(n, "n", minimum=2, maximum=100_000)
    beta = _param(beta, "beta", low=0, low_open=True)
    c = _param(c, "c", low=0)
    alpha = _param(alpha, "alpha")
    if not _is_sympy(alpha) and not _is_sympy(c) and alpha <= c:
        raise ValueError(f"alpha (the return of the first firm) must exceed the entry cost c (got alpha={fmt(alpha)}, "
                         f"c={fmt(c)})")
    return SymmetricGame(n, lambda k: 0 * beta, lambda k: alpha - beta * (n - k) - c,
                         actions=("restrain", "appropriate"),
                         name=f"commons (n={n}, alpha={fmt(alpha)}, beta={fmt(beta)}, c={fmt(c)})")
