r"""The one place for argument checks, rng normalisation, tolerances and size limits (private).

Every public function validates its arguments here, *before* any computation, so that bad input raises a
``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, breaks a rule) whose message names the argument
and the rule, e.g. ``"delta must lie in [0, 1) (got delta=1.5)"``. No NaN, no silent float conversion of an exact
input, no bare numpy or sympy traceback. In the spirit of statsmodels' ``tools/validation``.

Conventions
-----------
* Exact input stays exact: ``int``, :class:`fractions.Fraction` and sympy numbers pass through unchanged when the
  caller allows exact values (``exact=True``); floats stay floats. Booleans are never numbers.
* Symbols pass through when ``symbolic=True`` (the formula layer decides what they mean).
* Tolerances are relative to the scale of the data: :func:`tolerance` returns ``rtol * max(1, scale)`` style values
  computed from the data, never a bare constant.
* Randomness: :func:`as_rng` turns ``None``, an int, a :class:`numpy.random.SeedSequence` or a
  :class:`numpy.random.Generator` into a Generator *and* the integer seed that replays it (SPEC 7), so every result
  can record its seed, even when the caller passed ``rng=None``.

Examples
--------
>>> check_probability(0.25, "noise")
0.25
>>> check_probability(1.5, "noise")
Traceback (most recent call last):
...
ValueError: noise must be a probability in [0, 1] (got noise=1.5)
>>> from fractions import Fraction
>>> check_real(Fraction(1, 3), "T", exact=True)
Fraction(1, 3)
>>> check_positive_int(10**30, "N", minimum=2) == 10**30
True
>>> gen, seed = as_rng(42)
>>> seed, float(gen.random()) == float(as_rng(seed)[0].random())
(42, True)
"""

from __future__ import annotations

import difflib
import functools
import math
import numbers
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "sympy",
    "is_symbolic",
    "is_exact",
    "fmt",
    "check_real",
    "check_probability",
    "check_delta",
    "check_positive",
    "check_int",
    "check_positive_int",
    "check_bool",
    "check_choice",
    "check_array",
    "check_probability_vector",
    "check_payoff_matrix",
    "number_kind",
    "check_tolerance",
    "check_size",
    "as_rng",
    "tolerance",
    "renamed",
    "MAX_BYTES",
]

#: the largest array a single call may allocate before it must refuse (4 GiB): a clear error, not a MemoryError
MAX_BYTES = 4 * 2**30


def sympy():
    """Import sympy lazily (it costs ~0.3 s; ``import clustergames`` must stay fast) and return the module."""
    import sympy as sp

    return sp


def is_symbolic(value: Any) -> bool:
    """True when ``value`` is a sympy object that is not a plain number, or a container holding one.

    Examples
    --------
    >>> import sympy as sp
    >>> is_symbolic(sp.Symbol("x")), is_symbolic(sp.Rational(1, 2)), is_symbolic(2.0)
    (True, False, False)
    """
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        return not getattr(value, "is_number", False)
    if isinstance(value, list | tuple):
        return any(is_symbolic(v) for v in value)
    if isinstance(value, np.ndarray) and value.dtype == object:
        return any(is_symbolic(v) for v in value.flat)
    return False


def is_exact(value: Any) -> bool:
    """True for exact numbers: ``int`` (not bool), ``Fraction``, numpy integers and sympy rationals.

    Examples
    --------
    >>> from fractions import Fraction
    >>> is_exact(3), is_exact(Fraction(1, 2)), is_exact(0.5), is_exact(True)
    (True, True, False, False)
    """
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, numbers.Integral | Fraction):
        return True
    mod = type(value).__module__ or ""
    return mod.startswith("sympy") and bool(getattr(value, "is_Rational", False))


def fmt(value: Any, digits: int = 6) -> str:
    """Format a number for messages and tables: integers as integers, exact fractions as ``p/q``, floats compactly.

    Examples
    --------
    >>> from fractions import Fraction
    >>> fmt(3.0), fmt(Fraction(1, 3)), fmt(0.123456789), fmt(float("inf")), fmt(1e-12)
    ('3', '1/3', '0.123457', 'inf', '1e-12')
    """
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else str(value.numerator)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        return str(value)
    try:
        x = float(value)
    except (TypeError, ValueError):
        return repr(value)
    if math.isinf(x) or math.isnan(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{digits}g}"


def _bounds_text(low, high, low_open, high_open) -> str:
    if low is not None and high is not None:
        return f"lie in {'(' if low_open else '['}{fmt(low)}, {fmt(high)}{')' if high_open else ']'}"
    if low is not None:
        return f"be {'>' if low_open else '>='} {fmt(low)}"
    if high is not None:
        return f"be {'<' if high_open else '<='} {fmt(high)}"
    return "be finite"


def check_real(value: Any, name: str, *, low=None, high=None, low_open: bool = False, high_open: bool = False,
               exact: bool = False, symbolic: bool = False, allow_inf: bool = False, rule: str | None = None):
    """Check that ``value`` is one real number within the given bounds and return it.

    Parameters
    ----------
    value : number
        The argument.
    name : str
        Its name, used in the message.
    low, high : number, optional
        Bounds; ``low_open``/``high_open`` make them strict.
    exact : bool
        Keep ``int``/``Fraction``/sympy rationals exact (otherwise they are returned as float).
    symbolic : bool
        Let sympy symbols and expressions through unchecked (their meaning is the formula's business).
    allow_inf : bool
        Accept ``±inf`` (NaN is never accepted).
    rule : str, optional
        A phrase replacing the bounds text in the message, e.g. ``"a probability in [0, 1]"``.

    Examples
    --------
    >>> check_real(2, "T", low=0, exact=True)
    2
    >>> check_real(float("nan"), "T")
    Traceback (most recent call last):
    ...
    ValueError: T must be a finite real number (got T=nan)
    >>> check_real(True, "T")
    Traceback (most recent call last):
    ...
    TypeError: T must be a real number, not a bool (got T=True)
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a real number, not a bool (got {name}={value!r})")
    if symbolic and is_symbolic(value):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, str | bytes) or isinstance(value, complex | np.complexfloating):
        raise TypeError(f"{name} must be a real number (got {name}={value!r})")
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        if is_symbolic(value):
            raise TypeError(f"{name} must be a number, not a symbolic expression (got {name}={value})")
        if not getattr(value, "is_real", False):
            raise TypeError(f"{name} must be a real number (got {name}={value})")
        out = value if (exact and value.is_Rational) else float(value)
    elif isinstance(value, numbers.Integral):
        out = int(value) if exact else float(value)
    elif isinstance(value, Fraction):
        out = value if exact else float(value)
    elif isinstance(value, numbers.Real):
        out = float(value)
    else:
        raise TypeError(f"{name} must be a real number (got {name}={value!r})")
    try:
        xf = float(out)
    except OverflowError:
        xf = math.inf if out > 0 else -math.inf
    if math.isnan(xf) or (math.isinf(xf) and not allow_inf and not isinstance(out, int | Fraction)):
        raise ValueError(f"{name} must be a finite real number (got {name}={fmt(value)})")
    bad = ((low is not None and (out < low or (low_open and out == low)))
           or (high is not None and (out > high or (high_open and out == high))))
    if bad:
        text = f"be {rule}" if rule else _bounds_text(low, high, low_open, high_open)
        raise ValueError(f"{name} must {text} (got {name}={fmt(value)})")
    return out


def check_probability(value: Any, name: str, *, exact: bool = False, symbolic: bool = False,
                      open_low: bool = False, open_high: bool = False):
    """Check a probability in [0, 1] (optionally open at either end).

    Examples
    --------
    >>> check_probability(-0.1, "p")
    Traceback (most recent call last):
    ...
    ValueError: p must be a probability in [0, 1] (got p=-0.1)
    """
    lo, hi = ("(" if open_low else "["), (")" if open_high else "]")
    return check_real(value, name, low=0, high=1, low_open=open_low, high_open=open_high, exact=exact,
                      symbolic=symbolic, rule=f"a probability in {lo}0, 1{hi}")


def check_delta(value: Any, name: str = "delta", *, exact: bool = False, symbolic: bool = False,
                allow_one: bool = False):
    """Check a discount factor in [0, 1) (``allow_one=True`` for [0, 1]).

    Examples
    --------
    >>> check_delta(1.0)
    Traceback (most recent call last):
    ...
    ValueError: delta must be a discount factor in [0, 1) (got delta=1)
    """
    hi = "]" if allow_one else ")"
    return check_real(value, name, low=0, high=1, high_open=not allow_one, exact=exact, symbolic=symbolic,
                      rule=f"a discount factor in [0, 1{hi}")


def check_positive(value: Any, name: str, *, strict: bool = True, exact: bool = False, symbolic: bool = False):
    """Check a positive (``strict``) or non-negative finite number.

    Examples
    --------
    >>> check_positive(0, "cost", strict=False)
    0.0
    """
    return check_real(value, name, low=0, low_open=strict, exact=exact, symbolic=symbolic)


def check_int(value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Check an integer (Python, numpy or sympy; an integral float such as ``3.0`` is accepted) within bounds.

    Examples
    --------
    >>> import numpy as np, sympy as sp
    >>> check_int(np.int64(3), "k"), check_int(sp.Integer(4), "k"), check_int(5.0, "k")
    (3, 4, 5)
    >>> check_int(1.5, "n_regions", minimum=1)
    Traceback (most recent call last):
    ...
    TypeError: n_regions must be an integer (got n_regions=1.5)
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be an integer, not a bool (got {name}={value!r})")
    mod = type(value).__module__ or ""
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif mod.startswith("sympy") and getattr(value, "is_Integer", False):
        out = int(value)
    elif isinstance(value, float | np.floating) and math.isfinite(value) and float(value).is_integer():
        out = int(value)
    else:
        raise TypeError(f"{name} must be an integer (got {name}={value!r})")
    if minimum is not None and out < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum} (got {name}={out})")
    if maximum is not None and out > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum} (got {name}={out})")
    return out


def check_positive_int(value: Any, name: str, *, minimum: int = 1, maximum: int | None = None) -> int:
    """Check a positive integer (at least ``minimum``), e.g. a number of firms, rounds or repetitions.

    Examples
    --------
    >>> check_positive_int(0, "rounds")
    Traceback (most recent call last):
    ...
    ValueError: rounds must be an integer >= 1 (got rounds=0)
    """
    return check_int(value, name, minimum=minimum, maximum=maximum)


def check_bool(value: Any, name: str) -> bool:
    """Check a flag (a Python or numpy bool).

    Examples
    --------
    >>> check_bool(np.True_, "exact")
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False (got {name}={value!r})")
    return bool(value)


def check_choice(value: Any, name: str, options) -> Any:
    """Check that ``value`` is one of ``options``; the message suggests the closest option.

    Examples
    --------
    >>> check_choice("grim", "strategy", ("grim", "tft"))
    'grim'
    >>> check_choice("gim", "strategy", ("grim", "tft"))
    Traceback (most recent call last):
    ...
    ValueError: strategy must be one of 'grim', 'tft' (got strategy='gim'; did you mean 'grim'?)
    """
    options = tuple(options)
    try:
        if value in options:
            return value
    except TypeError:
        pass
    allowed = ", ".join(repr(o) for o in options)
    hint = ""
    if isinstance(value, str):
        close = difflib.get_close_matches(value, [str(o) for o in options], n=1)
        if close:
            hint = f"; did you mean {close[0]!r}?"
    raise ValueError(f"{name} must be one of {allowed} (got {name}={value!r}{hint})")


def check_array(value: Any, name: str, *, ndim: int | None = None, shape: tuple | None = None,
                finite: bool = True, low=None, high=None, min_size: int = 0, exact: bool = False,
                symbolic: bool = False) -> np.ndarray:
    """Check a real array: no bools, no complex numbers, no ragged rows, no NaN (and no inf when ``finite``).

    Returns a float array, or an object array when ``exact`` (Fractions/ints/sympy rationals kept) or ``symbolic``
    input is allowed and present. ``shape`` may hold ``None`` for a free axis.

    Examples
    --------
    >>> check_array([[1, 2], [3, 4]], "A", ndim=2)
    array([[1., 2.],
           [3., 4.]])
    >>> check_array([[1, 2], [3]], "A")
    Traceback (most recent call last):
    ...
    ValueError: A must be a rectangular array of numbers (got ragged rows)
    >>> check_array([1j, 2], "A")
    Traceback (most recent call last):
    ...
    TypeError: A must hold real numbers (got complex entries)
    """
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be an array of numbers (got {name}={value!r})")
    if hasattr(value, "to_numpy") and not isinstance(value, np.ndarray):
        value = value.to_numpy()
    try:
        obj = np.array(value, dtype=object)
    except ValueError:
        raise ValueError(f"{name} must be a rectangular array of numbers (got ragged rows)") from None
    if obj.dtype == object and obj.size and any(isinstance(v, list | tuple | np.ndarray) for v in obj.flat):
        raise ValueError(f"{name} must be a rectangular array of numbers (got ragged rows)")
    if ndim is not None and obj.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-dimensional array (got shape {obj.shape})")
    if shape is not None:
        if obj.ndim != len(shape) or any(s is not None and s != o for s, o in zip(shape, obj.shape)):
            want = "x".join("?" if s is None else str(s) for s in shape)
            raise ValueError(f"{name} must have shape {want} (got shape {obj.shape})")
    if obj.size < min_size:
        raise ValueError(f"{name} must have at least {min_size} entries (got {obj.size})")
    flat = list(obj.flat)
    if any(isinstance(v, bool | np.bool_) for v in flat):
        raise TypeError(f"{name} must hold numbers, not bools")
    if any(isinstance(v, complex | np.complexfloating) for v in flat):
        raise TypeError(f"{name} must hold real numbers (got complex entries)")
    if symbolic and any(is_symbolic(v) for v in flat):
        return obj
    for v in flat:
        if isinstance(v, str | bytes) or not (isinstance(v, numbers.Real) or is_exact(v)
                                              or (type(v).__module__ or "").startswith("sympy")):
            raise TypeError(f"{name} must hold real numbers (got {v!r})")
        if (type(v).__module__ or "").startswith("sympy") and not (v.is_number and v.is_real):
            raise TypeError(f"{name} must hold real numbers (got {v})")
    keep_exact = exact and flat and all(is_exact(v) for v in flat)
    arr = obj if keep_exact else np.array([float(v) for v in flat], dtype=float).reshape(obj.shape)
    as_float = arr.astype(float) if keep_exact else arr
    if np.isnan(as_float).any():
        raise ValueError(f"{name} must not contain NaN")
    if finite and np.isinf(as_float).any():
        raise ValueError(f"{name} must hold finite numbers (got inf)")
    if low is not None and (as_float < float(low)).any():
        raise ValueError(f"{name} must hold numbers >= {fmt(low)} (got {fmt(as_float.min())})")
    if high is not None and (as_float > float(high)).any():
        raise ValueError(f"{name} must hold numbers <= {fmt(high)} (got {fmt(as_float.max())})")
    return arr


def check_probability_vector(value: Any, name: str, *, size: int | None = None) -> np.ndarray:
    """Check a probability vector: entries in [0, 1] summing to 1 (within a tolerance relative to its length).

    Examples
    --------
    >>> check_probability_vector([0.5, 0.6], "x0")
    Traceback (most recent call last):
    ...
    ValueError: x0 must sum to 1 (got sum 1.1)
    """
    arr = check_array(value, name, ndim=1, shape=None if size is None else (size,), low=0, high=1, min_size=1)
    total = float(arr.sum())
    if abs(total - 1.0) > 8 * np.finfo(float).eps * arr.size:
        raise ValueError(f"{name} must sum to 1 (got sum {fmt(total)})")
    return arr


def check_payoff_matrix(value: Any, name: str, *, square: bool = False, min_actions: int = 1,
                        exact: bool = False, symbolic: bool = False) -> np.ndarray:
    """Check a 2-D payoff matrix of real numbers (finite; exact/symbolic kept when allowed).

    Examples
    --------
    >>> check_payoff_matrix([[1, 0], [0, 1]], "A", square=True).shape
    (2, 2)
    >>> check_payoff_matrix([[1, float("inf")]], "A")
    Traceback (most recent call last):
    ...
    ValueError: A must hold finite numbers (got inf)
    """
    arr = check_array(value, name, ndim=2, exact=exact, symbolic=symbolic)
    if square and arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square payoff matrix (got shape {arr.shape})")
    if min(arr.shape) < min_actions:
        raise ValueError(f"{name} must have at least {min_actions} action(s) per player (got shape {arr.shape})")
    return arr


def number_kind(value: Any, name: str) -> str:
    """Classify one payoff entry as ``"float"``, ``"exact"`` or ``"symbolic"``, or raise naming it.

    The one rule every game (two-player, n-player, symmetric, tree) uses for its entries: ints, numpy integers,
    Fractions and sympy rationals are exact; sympy expressions with free symbols are symbolic; other real numbers are
    floats. Bools, complex numbers, containers, NaN and infinities are refused.

    Examples
    --------
    >>> from fractions import Fraction
    >>> number_kind(3, "A[0][0]"), number_kind(Fraction(1, 2), "A[0][1]"), number_kind(0.5, "A[1][0]")
    ('exact', 'exact', 'float')
    >>> number_kind(float("nan"), "A[1][1]")
    Traceback (most recent call last):
    ...
    ValueError: A[1][1] must be finite, not NaN or infinite (got nan)
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number, not a bool (got {value!r})")
    if isinstance(value, str | bytes | dict | set | list | tuple | np.ndarray):
        raise TypeError(f"{name} must be a number or a sympy expression (got {value!r})")
    if isinstance(value, complex | np.complexfloating):
        raise TypeError(f"{name} must be a real number (got {value!r})")
    if (type(value).__module__ or "").startswith("sympy"):
        sp = sympy()
        value = sp.sympify(value)
        if value.free_symbols:
            return "symbolic"
        if not value.is_number:
            raise TypeError(f"{name} must be a number or a sympy expression (got {value!r})")
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or value.is_real is False:
            raise ValueError(f"{name} must be a finite real number (got {value})")
        return "exact" if value.is_Rational else "float"
    if isinstance(value, numbers.Integral | Fraction):
        return "exact"
    if isinstance(value, numbers.Real):
        if not math.isfinite(float(value)):
            raise ValueError(f"{name} must be finite, not NaN or infinite (got {value!r})")
        return "float"
    raise TypeError(f"{name} must be a number or a sympy expression (got {value!r})")


def check_tolerance(value: Any, name: str = "tol") -> float:
    """Check a convergence tolerance: a positive finite number not below machine precision.

    Examples
    --------
    >>> check_tolerance(0)
    Traceback (most recent call last):
    ...
    ValueError: tol must lie in [2.22045e-16, 1] (got tol=0)
    """
    return check_real(value, name, low=float(np.finfo(float).eps), high=1.0)


def check_size(n_items: int, name: str, *, item_bytes: int = 8, limit: int = MAX_BYTES) -> int:
    """Refuse a computation whose arrays would need more than ``limit`` bytes, saying how much it would take.

    Examples
    --------
    >>> check_size(10**10, "population * rounds")
    Traceback (most recent call last):
    ...
    ValueError: population * rounds too large: 10000000000 items would need 74.5 GiB (limit 4.0 GiB)
    """
    need = int(n_items) * int(item_bytes)
    if need > limit:
        raise ValueError(f"{name} too large: {int(n_items)} items would need {need / 2**30:.1f} GiB "
                         f"(limit {limit / 2**30:.1f} GiB)")
    return int(n_items)


def as_rng(rng: Any = None, name: str = "rng") -> tuple[np.random.Generator, int]:
    """Normalise ``rng`` (None, int, SeedSequence or Generator) to a Generator and the integer seed that replays it.

    ``None`` draws fresh OS entropy *and records it*; an int is its own seed; a SeedSequence gives its entropy (for a
    spawned child, a fresh integer drawn from it); a Generator is advanced once to draw the seed of a new Generator,
    so passing the same Generator state twice gives the same results (SPEC 7).

    Examples
    --------
    >>> g1, s1 = as_rng(np.random.default_rng(123)); g2, s2 = as_rng(np.random.default_rng(123))
    >>> s1 == s2 and g1.random() == g2.random()
    True
    >>> as_rng("abc")
    Traceback (most recent call last):
    ...
    TypeError: rng must be None, an int seed, a numpy SeedSequence or Generator (got str)
    """
    if rng is None:
        seed = int(np.random.SeedSequence().entropy) % 2**63
    elif isinstance(rng, bool | np.bool_):
        raise TypeError(f"{name} must be None, an int seed, a numpy SeedSequence or Generator (got bool)")
    elif isinstance(rng, numbers.Integral):
        if int(rng) < 0:
            raise ValueError(f"{name} must be a non-negative int seed (got {name}={int(rng)})")
        seed = int(rng)
    elif isinstance(rng, np.random.SeedSequence):
        if not rng.spawn_key and isinstance(rng.entropy, int):
            seed = int(rng.entropy)
        else:
            seed = int(rng.generate_state(2, np.uint64).astype(object).dot([1, 2**64])) % 2**63
    elif isinstance(rng, np.random.Generator | np.random.BitGenerator):
        gen = rng if isinstance(rng, np.random.Generator) else np.random.Generator(rng)
        seed = int(gen.integers(0, 2**63 - 1))
    else:
        raise TypeError(f"{name} must be None, an int seed, a numpy SeedSequence or Generator "
                        f"(got {type(rng).__name__})")
    return np.random.default_rng(seed), seed


def tolerance(*arrays: Any, rtol: float = 1e-9) -> float:
    """A tolerance relative to the scale of the data: ``rtol * max(1e-300, max |x|)`` over the given arrays.

    Use it wherever two computed quantities are compared; never a bare absolute constant. For payoffs, pass the
    payoff range so that a game scaled by :math:`10^{12}` or :math:`10^{-9}` is judged the same way.

    Examples
    --------
    >>> round(tolerance([1e12, -3.0]), 6)
    1000.0
    >>> tolerance([0.0]) > 0
    True
    """
    scale = 0.0
    for a in arrays:
        arr = np.asarray(a, dtype=float)
        if arr.size:
            scale = max(scale, float(np.max(np.abs(arr[np.isfinite(arr)]), initial=0.0)))
    return rtol * max(scale, 1e-300)


def renamed(**old_to_new: str):
    """Decorator: accept deprecated keyword names, warning with a ``DeprecationWarning`` that names the new one.

    Examples
    --------
    >>> @renamed(execution_error="noise")
    ... def f(*, noise=0.0):
    ...     return noise
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     f(execution_error=0.1), str(w[0].message)
    (0.1, "f(): the argument 'execution_error' is deprecated; use 'noise'")
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both '{old}' (deprecated) and '{new}'; use '{new}'")
                    warnings.warn(f"{func.__name__}(): the argument '{old}' is deprecated; use '{new}'",
                                  DeprecationWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        wrapper.__renamed__ = dict(old_to_new)  # type: ignore[attr-defined]
        return wrapper

    return decorate
