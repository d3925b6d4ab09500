r"""The bridge between sympy and numpy: one formula, three kinds of input.

Every closed-form result in clustergames is written once, as a sympy expression. The :func:`formula` decorator turns
a function that *builds* that expression from symbols into a function that

* returns a ``float`` when called with numbers,
* broadcasts over numpy arrays through a cached :func:`sympy.lambdify` (one vectorised call, no Python loop),
* returns the (simplified) sympy expression when any argument is a sympy object,
* stays exact for exact input: when every argument is an ``int``/``Fraction`` and at least one is a
  :class:`~fractions.Fraction`, the result is a ``Fraction`` (an irrational result is returned as an exact sympy
  number), as with sympy numbers,

and that validates its arguments (``requires``) before computing, with an error that names the argument, the rule
and the values received. Its LaTeX is available as ``f.formula.latex()``.

Writing a new closed form takes five lines::

    @formula(requires=[require("T > R", "T must exceed R")], threshold=True, symbol=r"\delta^*")
    def grim_trigger_delta(T, R, P):
        '''numpydoc docstring with the formula, a reference and an example'''
        return (T - R) / (T - P)

Threshold semantics (``threshold=True``): the value is a critical discount factor. A condition that no discount
factor below 1 satisfies returns ``inf`` (never a number of 1 or more), and a condition that every discount factor
satisfies returns ``0.0``.

Examples
--------
>>> import sympy
>>> from clustergames.symbolic import formula, require
>>> @formula(requires=[require("T > R", "T must exceed R")], threshold=True)
... def delta_star(T, R, P):
...     return (T - R) / (T - P)
>>> delta_star(5, 3, 1)
0.5
>>> delta_star([5, 4], 3, 1).tolist()
[0.5, 0.3333333333333333]
>>> T = sympy.Symbol("T")
>>> delta_star(T, 3, 1)
(T - 3)/(T - 1)
>>> delta_star(sympy.Integer(5), 3, 1)
1/2
>>> from fractions import Fraction
>>> delta_star(Fraction(5), 3, 1)
Fraction(1, 2)
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from . import _validation as _v

__all__ = ["Formula", "Requirement", "formula", "require", "is_symbolic", "to_sympy", "as_float_array", "solution_set"]


_sympy = _v.sympy


def is_symbolic(value: Any) -> bool:
    """True when ``value`` is a sympy object (a number, symbol or expression) or a container holding one.

    Examples
    --------
    >>> import sympy
    >>> is_symbolic(sympy.Symbol("x")), is_symbolic(2.0), is_symbolic([1, sympy.Rational(1, 2)])
    (True, False, True)
    """
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        return True
    if isinstance(value, list | tuple):
        return any(is_symbolic(v) for v in value)
    if isinstance(value, np.ndarray) and value.dtype == object:
        return any(is_symbolic(v) for v in value.flat)
    return False


def to_sympy(value: Any):
    """Convert a number (int, float, Fraction) or sympy object to sympy, exactly where the input is exact.

    Examples
    --------
    >>> from fractions import Fraction
    >>> to_sympy(Fraction(2, 3)), to_sympy(3), to_sympy(0.5)
    (2/3, 3, 0.500000000000000)
    """
    sp = _sympy()
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, bool):
        return sp.Integer(int(value))
    if isinstance(value, numbers.Integral):
        return sp.Integer(int(value))
    return sp.sympify(value)


def as_float_array(value: Any, name: str) -> np.ndarray:
    """Convert a user argument to a float array, or raise a ``TypeError``/``ValueError`` naming it.

    Booleans, complex numbers, strings and ragged sequences are refused (a complex array is never silently
    truncated to its real part); NaN is refused; ``inf`` passes (threshold formulas give it a meaning).

    Examples
    --------
    >>> as_float_array([1, 2], "T")
    array([1., 2.])
    >>> as_float_array("high", "T")
    Traceback (most recent call last):
    ...
    TypeError: T must be a number or an array of numbers (got 'high')
    >>> as_float_array([1 + 2j], "T")
    Traceback (most recent call last):
    ...
    TypeError: T must hold real numbers (got complex entries)
    >>> as_float_array(True, "T")
    Traceback (most recent call last):
    ...
    TypeError: T must be a number, not a bool (got T=True)
    """
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a number or an array of numbers (got {value!r})")
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number, not a bool (got {name}={value!r})")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers (got {value!r})") from None
    kind = raw.dtype.kind
    if kind == "O":
        flat = list(raw.flat)
        if any(isinstance(v, bool | np.bool_) for v in flat):
            raise TypeError(f"{name} must hold numbers, not bools (got {value!r})")
        if any(isinstance(v, complex | np.complexfloating) for v in flat):
            raise TypeError(f"{name} must hold real numbers (got complex entries)")
    elif kind == "b":
        raise TypeError(f"{name} must hold numbers, not bools (got {value!r})")
    elif kind == "c":
        raise TypeError(f"{name} must hold real numbers (got complex entries)")
    elif kind not in "iuf":
        raise TypeError(f"{name} must be a number or an array of numbers (got {value!r})")
    try:
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"{name} must be a number or an array of numbers (got {value!r})") from None
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not be NaN (got {value!r})")
    return arr


@dataclass(frozen=True)
class Requirement:
    """A condition the arguments of a formula must satisfy, with the message shown when they do not.

    ``condition`` is a sympy-parsable relation between the formula's parameter names (``"T > R"``,
    ``"0 <= delta"``, ``"(detection > 0) & (detection <= 1)"``). The message is completed with the values received.
    """

    condition: str
    message: str


def require(condition: str, message: str) -> Requirement:
    """Declare a validity condition for :func:`formula` (see :class:`Requirement`).

    Examples
    --------
    >>> require("T > R", "T must exceed R").condition
    'T > R'
    """
    return Requirement(condition, message)


class Formula:
    r"""A closed-form result defined once as a sympy expression and evaluated three ways.

    Parameters
    ----------
    builder : callable
        Called once, lazily, with one real sympy ``Symbol`` per parameter; returns the expression.
    params : sequence of str
        Parameter names, in call order.
    defaults : dict, optional
        Default values of trailing parameters.
    requires : sequence of Requirement, optional
        Validity conditions checked before any computation.
    threshold : bool, default False
        The value is a critical discount factor: results of 1 or more become ``inf``, negative results ``0.0``.
    symbol : str, optional
        LaTeX for the left-hand side, e.g. ``r"\delta^*"``.
    name : str, optional
        Name used in messages.
    latex_names : dict, optional
        LaTeX for parameters whose argument name is a word, e.g. ``{"continuation": "w", "noise": "e"}``.

    Examples
    --------
    >>> f = Formula(lambda b, c: c / b, ["b", "c"], symbol="q^*")
    >>> f(4, 1), f.latex()
    (0.25, 'q^* = \\frac{c}{b}')
    """

    def __init__(
        self,
        builder: Callable[..., Any],
        params: Sequence[str],
        *,
        defaults: dict[str, Any] | None = None,
        requires: Sequence[Requirement] = (),
        threshold: bool = False,
        symbol: str | None = None,
        name: str | None = None,
        latex_names: dict[str, str] | None = None,
    ):
        self._builder = builder
        self.params = tuple(params)
        self.defaults = dict(defaults or {})
        self.requires = tuple(requires)
        self.threshold = threshold
        self.symbol = symbol
        self.name = name or getattr(builder, "__name__", "formula")
        self.latex_names = dict(latex_names or {})
        self._expr = None
        self._numeric = None
        self._checks = None

    # -- the expression --------------------------------------------------------------------------------------
    @property
    def symbols(self) -> tuple:
        """The internal sympy symbols, one per parameter (real)."""
        sp = _sympy()
        return tuple(sp.Symbol(p, real=True) for p in self.params)

    @property
    def expr(self):
        """The sympy expression, in the internal symbols."""
        if self._expr is None:
            self._expr = _sympy().sympify(self._builder(*self.symbols))
        return self._expr

    def latex(self) -> str:
        """LaTeX of the formula, ``symbol = expression`` when a symbol is set."""
        sp = _sympy()
        names = {sym: self.latex_names[p] for sym, p in zip(self.symbols, self.params) if p in self.latex_names}
        body = sp.latex(self.expr, symbol_names=names) if names else sp.latex(self.expr)
        return f"{self.symbol} = {body}" if self.symbol else body

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def __repr__(self) -> str:
        return f"Formula({self.name}: {self.expr})"

    # -- evaluation ------------------------------------------------------------------------------------------
    def _bind(self, args, kwargs) -> dict[str, Any]:
        if len(args) > len(self.params):
            raise TypeError(f"{self.name}() takes {len(self.params)} arguments ({len(args)} given)")
        values = dict(zip(self.params, args))
        for key, val in kwargs.items():
            if key not in self.params:
                raise TypeError(f"{self.name}() got an unexpected argument {key!r}; parameters: {self.params}")
            if key in values:
                raise TypeError(f"{self.name}() got multiple values for argument {key!r}")
            values[key] = val
        for p in self.params:
            if p not in values:
                if p in self.defaults:
                    values[p] = self.defaults[p]
                else:
                    raise TypeError(f"{self.name}() missing required argument {p!r}")
        return values

    def __call__(self, *args, **kwargs):
        """Evaluate the formula.

        Symbolically if any argument is a sympy expression, exactly (a Fraction) if every argument is exact and one is a
        Fraction, and numerically otherwise (floats; numpy arrays broadcast).

        Parameters
        ----------
        *args, **kwargs
            The formula's parameters, by position or by keyword.

        Returns
        -------
        float, numpy.ndarray, fractions.Fraction or sympy.Expr
            The value of the formula.

        Raises
        ------
        TypeError
            If an argument is a bool.
        """
        values = self._bind(args, kwargs)
        for p, v in values.items():
            if isinstance(v, bool | np.bool_):
                raise TypeError(f"{p} must be a number, not a bool (got {p}={v!r})")
        if any(is_symbolic(v) for v in values.values()):
            return self.symbolic(**values)
        if any(isinstance(v, Fraction) for v in values.values()) and all(_v.is_exact(v) for v in values.values()):
            return self.exact(**values)
        return self.numeric(**values)

    def exact(self, **values):
        """Evaluate with exact numbers (``int``/``Fraction``): a ``Fraction`` when the value is rational.

        Threshold formulas return ``inf`` (a float) when no discount factor below 1 works and ``Fraction(0)`` when
        every one does; an irrational value is returned as an exact sympy number.
        """
        out = self.symbolic(**values)
        if out.has(_sympy().nan, _sympy().zoo) or not out.is_real:
            raise ValueError(f"{self.name}() is undefined at "
                             + ", ".join(f"{p}={_v.fmt(values[p])}" for p in self.params))
        if self.threshold:
            if out >= 1:
                return float("inf")
            if out < 0:
                return Fraction(0)
        if out.is_Rational:
            return Fraction(int(out.p), int(out.q))
        return out

    def symbolic(self, **values):
        """Substitute (possibly symbolic) values and return the simplified expression."""
        sp = _sympy()
        subs = {s: to_sympy(values[p]) for s, p in zip(self.symbols, self.params)}
        for req in self.requires:
            cond = self._condition(req).subs(subs)
            if cond is sp.false:
                raise ValueError(self._message(req, values))
        out = self.expr.subs(subs)
        return sp.simplify(out)

    def _condition(self, req: Requirement):
        sp = _sympy()
        local = dict(zip(self.params, self.symbols))
        return sp.sympify(req.condition, locals=local)

    def _message(self, req: Requirement, values: dict[str, Any]) -> str:
        tokens = set(_tokens(req.condition))
        names = [p for p in self.params if p in tokens]
        got = ", ".join(f"{p}={_v.fmt(values[p])}" for p in names)
        return f"{req.message} (got {got})" if got else req.message

    def _numeric_funcs(self):
        if self._numeric is None:
            sp = _sympy()
            self._numeric = sp.lambdify(self.symbols, self.expr, modules="numpy")
            self._checks = [sp.lambdify(self.symbols, self._condition(r), modules="numpy") for r in self.requires]
        return self._numeric, self._checks

    def numeric(self, **values):
        """Evaluate with numbers or arrays (broadcast); returns a float when every input is a scalar."""
        arrays = [as_float_array(values[p], p) for p in self.params]
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            shapes = ", ".join(f"{p}{a.shape}" for p, a in zip(self.params, arrays))
            raise ValueError(f"{self.name}(): argument shapes do not broadcast together: {shapes}") from None
        func, checks = self._numeric_funcs()
        full = np.broadcast_arrays(*arrays)  # conditions combine arguments with & and |: give them one shape
        with np.errstate(all="ignore"):
            for req, check in zip(self.requires, checks):
                ok = np.broadcast_to(np.asarray(check(*full), dtype=bool), shape)
                if not ok.all():
                    idx = np.unravel_index(int(np.argmin(ok)), shape) if shape else ()
                    bad = {p: a[idx] for p, a in zip(self.params, full)}
                    raise ValueError(self._message(req, {p: float(v) for p, v in bad.items()}))
            out = np.asarray(func(*arrays), dtype=float)
        out = np.broadcast_to(out, shape).copy() if out.shape != shape else out
        if self.threshold:
            out = np.where(np.isnan(out) | (out >= 1.0), np.inf, np.where(out < 0.0, 0.0, out))
        return float(out) if out.ndim == 0 else out


def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text)


def formula(
    func: Callable | None = None,
    *,
    requires: Sequence[Requirement] = (),
    threshold: bool = False,
    symbol: str | None = None,
    latex_names: dict[str, str] | None = None,
):
    r"""Decorate a function that builds a sympy expression into a three-way formula (see module docs).

    The decorated function keeps its name, signature and docstring; the :class:`Formula` is ``f.formula``
    (``f.formula.expr``, ``f.formula.latex()``).

    Examples
    --------
    >>> @formula(symbol="x^*")
    ... def critical_share(b, c, w):
    ...     return c * (1 - w) / (w * (b - c))
    >>> round(critical_share(3, 1, 0.5), 6)
    0.5
    >>> critical_share.formula.latex()
    'x^* = \\frac{c \\left(1 - w\\right)}{w \\left(b - c\\right)}'
    """

    def decorate(f: Callable) -> Callable:
        sig = inspect.signature(f)
        params = list(sig.parameters)
        defaults = {k: p.default for k, p in sig.parameters.items() if p.default is not inspect.Parameter.empty}
        form = Formula(f, params, defaults=defaults, requires=requires, threshold=threshold, symbol=symbol,
                       name=f.__name__, latex_names=latex_names)

        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            return form(*args, **kwargs)

        wrapper.formula = form  # type: ignore[attr-defined]
        return wrapper

    return decorate(func) if func is not None else decorate


def _sign_at(poly, d, point) -> int:
    """Sign of the polynomial ``poly`` (a sympy Poly) at an exact point.

    A 60-digit value below 1e-45 times the size of its coefficients counts as 0 (a root).
    """
    sp = _sympy()
    val = poly.as_expr().subs(d, point)
    if not val.is_Rational:
        val = sp.N(val, 60)
        scale = max((abs(sp.N(c, 20)) for c in poly.all_coeffs()), default=sp.Integer(1))
        if abs(val) < sp.Float(10) ** -45 * max(scale, sp.Float(10) ** -300):
            return 0
    return int(sp.sign(val))


def solution_set(nums: list, d) -> tuple[list, list]:
    r"""Exact solution set of :math:`\{\delta \in [0, 1) : n_k(\delta) \le 0\ \forall k\}`.

    The :math:`n_k` are polynomials with exact (rational or algebraic) coefficients; the set is returned as (exact
    intervals, closed flags).

    The real roots in (0, 1) cut [0, 1) into points and open cells; each is tested by the sign of every
    polynomial at the point or at a rational point inside the cell (60-digit evaluation, with a zero test relative
    to the size of the polynomial's coefficients, so payoffs of :math:`10^{300}` are judged like payoffs of 1).

    Returns
    -------
    intervals : list of (lo, hi)
        Exact sympy endpoints; ``hi = 1`` means up to (not including) 1.
    closed : list of (bool, bool)
        Whether each end is included.

    References
    ----------
    Collins, G. E. & Akritas, A. G. (1976). Polynomial real root isolation using Descartes' rule of signs.
    *Proceedings of SYMSAC '76*, 272–275 (the root isolation behind ``sympy.Poly.real_roots``).

    Examples
    --------
    >>> import sympy
    >>> d = sympy.Symbol("delta", real=True)
    >>> solution_set([1 - 2 * d], d)            # delta >= 1/2
    ([(1/2, 1)], [(True, False)])
    >>> solution_set([d - sympy.Rational(1, 3), sympy.Rational(1, 4) - d], d)
    ([(1/4, 1/3)], [(True, True)])
    """
    sp = _sympy()
    polys = []
    for num in nums:
        if num == 0:
            continue
        polys.append(sp.Poly(num, d))
    points: list = [sp.Integer(0)]
    for p in polys:
        if p.degree() <= 0:
            continue
        for r in p.real_roots():
            if 0 < r < 1:
                points.append(r)
    # sort and dedupe algebraic numbers (coinciding roots from different polynomials)
    pts = sorted(points, key=lambda r: sp.N(r, 60))
    uniq: list = []
    for r in pts:
        if not uniq or abs(sp.N(r - uniq[-1], 60)) > sp.Float(10) ** -45:
            uniq.append(r)

    def ok(point) -> bool:
        return all(_sign_at(p, d, point) <= 0 for p in polys)

    cells = []  # (lo, hi, is_point, ok)
    for k, r in enumerate(uniq):
        cells.append((r, r, True, ok(r)))
        hi = uniq[k + 1] if k + 1 < len(uniq) else sp.Integer(1)
        mid = sp.Rational(sp.nsimplify((sp.N(r, 30) + sp.N(hi, 30)) / 2, rational=True))
        if not (r < mid < hi):
            mid = (sp.Rational(str(sp.N(r, 40))) + sp.Rational(str(sp.N(hi, 40)))) / 2
        cells.append((r, hi, False, ok(mid)))
    intervals, closed = [], []
    cur = None
    for lo, hi, is_point, good in cells:
        if good:
            if cur is None:
                cur = [lo, hi, is_point, is_point]  # lo, hi, lo_closed, hi_closed
            else:
                cur[1] = hi
                cur[3] = is_point
        elif cur is not None:
            intervals.append((cur[0], cur[1]))
            closed.append((cur[2], cur[3]))
            cur = None
    if cur is not None:
        intervals.append((cur[0], cur[1]))
        closed.append((cur[2], False if cur[1] == 1 else cur[3]))
    return intervals, closed
