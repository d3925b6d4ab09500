r"""Evolutionary governance games: replicator dynamics for governments, firms and industry associations.

The article's "external organisation activates self-organisation" (subsidies, fines, rewards from a higher
government, association services) is studied with two- and three-population evolutionary games. Write the payoff
table once and :class:`ReplicatorSystem` gives the replicator equations, every rest point (corners, edges and
interior, solved symbolically), the Jacobian, the symbolic stability conditions of each corner, the numeric
stability table of any parameter scenario, and vectorised trajectories, basins and phase portraits.

**The theorem the tables respect.** In multi-population replicator dynamics of a normal-form game only strict Nash
equilibria, i.e. pure corners, can be asymptotically stable (Selten 1980; Ritzberger & Weibull 1995). A corner
whose eigenvalues all have negative real parts is labelled ``"ESS"``; an interior or edge rest point is never called
an ESS. For two populations with two strategies each the Jacobian at an interior rest point has zero trace, so it is
a saddle or a (linear) centre, never a sink.

Types in :meth:`ReplicatorSystem.stability_table` (real parts compared with a tolerance):

* ``"ESS"``: a pure corner where every eigenvalue has a negative real part (asymptotically stable);
* ``"stable"``: a non-corner point with all real parts negative (possible only when payoffs are non-linear in the
  population's own share, e.g. single-population games; never for multi-population normal-form games);
* ``"unstable"``: all real parts positive (a source);
* ``"saddle"``: real parts of both signs;
* ``"centre"``: all eigenvalues purely imaginary and non-zero;
* ``"undetermined"``: some real part is zero (the linearisation does not decide the type; if another real part
  is positive the point is unstable all the same).

Built-in games: :func:`government_firm`, :func:`government_firm_association`, and the eco-link stag hunt with a
subsidy (:func:`eco_link_game`, :func:`eco_link_critical_mass` and the subsidy thresholds). Single-population
dynamics for k strategies: :func:`replicator_dynamics` (with mutation) and :func:`asymmetric_replicator_dynamics`,
drop-in vectorised counterparts of nashpy's functions of the same names.

References
----------
Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics. *Mathematical
Biosciences* 40(1-2), 145-156.

Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal conflicts. *Journal of
Theoretical Biology* 84(1), 93-101.

Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59(3), 637-666.

Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games. *Econometrica* 63(6),
1371-1399.

Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge University Press.

Examples
--------
>>> from clustergames import evolution as ev
>>> gf = ev.government_firm(reward=3, regulation_cost=1, subsidy=1, fine=2, accountability=1, extra_cost=1)
>>> gf.stability_table()[["point", "type"]]
    point      type
0  (0, 0)    saddle
1  (0, 1)  unstable
2  (1, 0)    saddle
3  (1, 1)       ESS
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _validation as _v
from .results import Result
from .symbolic import as_float_array, formula, is_symbolic, require, to_sympy

__all__ = [
    "ReplicatorSystem",
    "RestPoint",
    "RestPointSet",
    "StabilityConditions",
    "Trajectories",
    "PhasePortrait",
    "Basins",
    "classify_eigenvalues",
    "replicator_dynamics",
    "asymmetric_replicator_dynamics",
    "government_firm",
    "government_firm_association",
    "GOVERNMENT_FIRM_SCENARIOS",
    "GOVERNMENT_FIRM_ASSOCIATION_SCENARIOS",
    "eco_link_game",
    "eco_link_critical_mass",
    "risk_dominance_subsidy",
    "one_third_subsidy",
    "dominance_subsidy",
    "TYPES",
    "MAX_RK4_STEPS",
]

#: stability types, from the most to the least stable
TYPES = ("ESS", "stable", "centre", "undetermined", "saddle", "unstable")

_FUNCTIONS = {"sqrt", "exp", "log", "Max", "Min", "Abs", "Piecewise", "sin", "cos", "tanh", "Rational"}


_sp = _v.sympy


def _symbol(name: str):
    return _sp().Symbol(name, real=True)


def _parse(expr: Any, what: str):
    """Turn a user expression (sympy, number or string) into sympy with real symbols, canonical by name."""
    sp = _sp()
    if isinstance(expr, str):
        local = {tok: _symbol(tok) for tok in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", expr) if tok not in _FUNCTIONS}
        try:
            out = sp.sympify(expr, locals=local)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            raise ValueError(f"{what} is not a valid expression (got {expr!r}): {exc}") from None
    else:
        try:
            out = to_sympy(expr)
        except (sp.SympifyError, TypeError):
            raise TypeError(f"{what} must be a sympy expression, a number or a string (got {expr!r})") from None
    if not isinstance(out, sp.Expr):
        raise TypeError(f"{what} must be an expression (got {expr!r})")
    # canonical real symbols, identified by name (Symbol("x") and Symbol("x", real=True) are the same share)
    return out.xreplace({s: _symbol(s.name) for s in out.free_symbols if s != _symbol(s.name)})


def _key_symbols(key: Any, what: str) -> tuple:
    sp = _sp()
    items = key if isinstance(key, tuple | list) else (key,)
    out = []
    for k in items:
        if isinstance(k, str) and k.isidentifier():
            out.append(_symbol(k))
        elif isinstance(k, sp.Symbol):
            out.append(_symbol(k.name))
        else:
            raise TypeError(f"{what}: a population's share must be a sympy Symbol or a name (got {k!r})")
    return tuple(out)


def _fmt_num(v: float) -> str:
    return _v.fmt(round(v) if abs(v - round(v)) < 1e-9 else v, 3)


def _point_label(coords: Sequence[float]) -> str:
    return "(" + ", ".join(_fmt_num(float(c)) for c in coords) + ")"


# --------------------------------------------------------------------------------------------------------------
# eigenvalue classification
# --------------------------------------------------------------------------------------------------------------
def classify_eigenvalues(eigenvalues: Sequence[complex], *, corner: bool, tol: float = 1e-9) -> str:
    r"""Classify a rest point from the eigenvalues of its Jacobian (real parts compared with a tolerance).

    Real parts within ``tol * max(1, max|lambda|)`` of zero count as zero.

    .. math:: \text{ESS} \iff \text{corner and } \operatorname{Re}\lambda_i < 0 \ \forall i

    Parameters
    ----------
    eigenvalues : sequence of complex
        Eigenvalues of the Jacobian at the rest point.
    corner : bool
        Whether the point is a pure corner; only corners can be called ``"ESS"`` (Selten 1980).
    tol : float
        Relative tolerance for a zero real (or imaginary) part.

    Returns
    -------
    str
        One of ``"ESS"``, ``"stable"``, ``"unstable"``, ``"saddle"``, ``"centre"``, ``"undetermined"``.

    References
    ----------
    Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal conflicts. *Journal of
    Theoretical Biology* 84(1), 93-101.

    Examples
    --------
    >>> classify_eigenvalues([-1, -2], corner=True), classify_eigenvalues([-1, -2], corner=False)
    ('ESS', 'stable')
    >>> classify_eigenvalues([1j, -1j], corner=False), classify_eigenvalues([0.0, -1.0], corner=True)
    ('centre', 'undetermined')
    """
    ev = np.asarray(eigenvalues, dtype=complex)
    if ev.size == 0:
        return "ESS" if corner else "stable"
    scale = tol * max(1.0, float(np.max(np.abs(ev))))
    re_, im_ = ev.real, ev.imag
    neg, pos, zero = re_ < -scale, re_ > scale, np.abs(re_) <= scale
    if neg.all():
        return "ESS" if corner else "stable"
    if pos.all():
        return "unstable"
    if zero.all() and (np.abs(im_) > scale).all():
        return "centre"
    if pos.any() and neg.any():
        return "saddle"
    return "undetermined"


# --------------------------------------------------------------------------------------------------------------
# populations and rest points
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Population:
    name: str
    strategies: tuple[str, ...]
    shares: tuple  # k - 1 sympy symbols (share of each strategy but the last)
    payoffs: tuple  # k sympy expressions

    @property
    def k(self) -> int:
        return len(self.strategies)

    def full_shares(self) -> list:
        return list(self.shares) + [1 - sum(self.shares)]


@dataclass(frozen=True)
class RestPoint:
    r"""A rest point of a :class:`ReplicatorSystem`: its coordinates (sympy), kind and feasibility condition.

    ``kind`` is ``"corner"`` (every population pure), ``"interior"`` (every population fully mixed), ``"edge"``
    (anything in between), ``"continuum"`` (a non-isolated set of rest points; ``coords`` then contain free
    shares) or ``"unsolved"`` (sympy found no closed form and parameters are symbolic; the numeric table solves the
    face numerically). ``feasible`` is the condition on the parameters under which the point lies in the state space.
    """

    coords: tuple
    kind: str
    support: tuple
    feasible: Any

    @property
    def is_corner(self) -> bool:
        """True if the rest point is a corner of the state space (every population pure)."""
        return self.kind == "corner"

    def label(self) -> str:
        """The coordinates as text, such as ``(0, 1/2)``.

        Returns
        -------
        str
            The coordinates separated by commas, in parentheses.
        """
        return "(" + ", ".join(str(c) for c in self.coords) + ")"


@dataclass(repr=False)
class RestPointSet(Result, Sequence):
    """The rest points of a system, with their feasibility conditions; displays as a table and as LaTeX."""

    points: list
    variables: tuple
    title = "Rest points"

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, k):
        return self.points[k]

    def to_frame(self):
        """The rest points, one row each with its ``point`` (coordinates), ``kind`` and ``feasible`` condition."""
        import pandas as pd

        return pd.DataFrame({"point": [p.label() for p in self.points], "kind": [p.kind for p in self.points],
                             "feasible": [p.feasible for p in self.points]})

    def _repr_latex_(self) -> str:
        sp = _sp()
        rows = [rf"{sp.latex(sp.Tuple(*p.coords))} & \text{{{p.kind}}} & {sp.latex(p.feasible)} \\"
                for p in self.points]
        return r"$\begin{array}{lll} \text{point} & \text{kind} & \text{feasible} \\ \hline " + " ".join(rows) + \
            r"\end{array}$"


@dataclass(repr=False)
class StabilityConditions(Result):
    r"""Symbolic eigenvalues of the Jacobian at each corner and the condition (all real parts negative) for an ESS."""

    points: list
    eigenvalues: list
    conditions: list
    title = "Stability conditions of the corners"

    def to_frame(self):
        """The stability of each rest point: its eigenvalues and the condition under which it is an ESS."""
        import pandas as pd

        return pd.DataFrame({"point": self.points, "eigenvalues": self.eigenvalues, "ESS if": self.conditions})

    def condition(self, point: Sequence[int] | str):
        """The ESS condition of a corner given as ``(1, 1, 0)`` or ``"(1, 1, 0)"``."""
        key = point if isinstance(point, str) else _point_label(point)
        if key not in self.points:
            raise ValueError(f"point must be one of the corners {self.points} (got point={key})")
        return self.conditions[self.points.index(key)]

    def _repr_latex_(self) -> str:
        sp = _sp()
        rows = []
        for p, ev, c in zip(self.points, self.eigenvalues, self.conditions):
            evs = r",\ ".join(sp.latex(e) for e in ev)
            rows.append(rf"{p} & {evs} & {sp.latex(c)} \\")
        return (r"$\begin{array}{lll} \text{corner} & \text{eigenvalues} & \text{ESS if} \\ \hline "
                + " ".join(rows) + r"\end{array}$")


@dataclass(repr=False)
class Trajectories(Result):
    r"""Trajectories of replicator dynamics: ``states[i, j, :]`` is trajectory ``j`` at time ``t[i]``.

    The one trajectory type of :mod:`clustergames.evolution` and :mod:`clustergames.reputation`. ``extra`` holds
    derived quantities of shape ``(len(t), n_trajectories)`` (e.g. the good fraction and the cooperation rate of
    the reputation dynamics). ``to_frame()`` is the long table (``trajectory, t``, one column per variable and per
    extra); ``traj[key]`` indexes that table, so code written for a DataFrame keeps working.

    Examples
    --------
    >>> tr = Trajectories(np.array([0.0, 1.0]), np.array([[[0.5, 0.5]], [[0.6, 0.4]]]), ("x", "y"))
    >>> tr["x"].tolist(), tr.final.tolist()
    ([0.5, 0.6], [[0.6, 0.4]])
    """

    t: np.ndarray
    states: np.ndarray
    variables: tuple
    parameters: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    title = "Trajectories"

    @property
    def final(self) -> np.ndarray:
        """The last state of each trajectory, shape ``(n_trajectories, n_variables)``."""
        return self.states[-1]

    def to_frame(self):
        """The trajectories in long form, one row per trajectory and time.

        Returns
        -------
        pandas.DataFrame
            Columns ``trajectory``, ``t``, one column per state variable and one per extra recorded quantity.
        """
        import pandas as pd

        n_t, n, d = self.states.shape
        data = {"trajectory": np.tile(np.arange(n), n_t), "t": np.repeat(self.t, n)}
        for i, v in enumerate(self.variables):
            data[v] = self.states[:, :, i].ravel()
        for k, v in self.extra.items():
            data[k] = np.asarray(v).ravel()
        return pd.DataFrame(data)

    def __getitem__(self, key):
        return self.to_frame()[key]


@dataclass(repr=False)
class PhasePortrait(Result):
    """Data of a two-variable phase portrait: vector field, trajectories and the stability table."""

    field: Any
    trajectories: Trajectories
    table: Any
    variables: tuple
    axis_labels: tuple
    title = "Phase portrait"

    def to_frame(self):
        """The stability table of the rest points (the ``table`` attribute)."""
        return self.table


@dataclass(repr=False)
class Basins(Result):
    """Basins of attraction on a grid: each grid point with the attractor its trajectory reaches (or ``"none"``)."""

    grid: Any
    variables: tuple
    attractors: list
    title = "Basins of attraction"

    def to_frame(self):
        """The grid with the attractor that each grid point's trajectory reaches (the ``grid`` attribute)."""
        return self.grid

    def shares(self):
        """Share of grid points in each basin (a pandas Series)."""
        return self.grid["attractor"].value_counts(normalize=True).sort_index()


# --------------------------------------------------------------------------------------------------------------
# the system
# --------------------------------------------------------------------------------------------------------------
class ReplicatorSystem:
    r"""Multi-population replicator dynamics built from payoff tables written once in sympy.

    Population :math:`p` has strategies :math:`1, \dots, k_p`; its state is the vector of shares of the first
    :math:`k_p - 1` strategies (the last share is one minus their sum; with two strategies the state is the share
    :math:`x` playing the first). The payoff :math:`U_i` of each strategy is an expression in every population's
    shares and in parameters. The dynamics are

    .. math:: \dot x_i = x_i \Big( U_i - \sum_j x_j U_j \Big), \qquad
              \dot x = x (1 - x) (U_1 - U_2) \ \text{for two strategies.}

    Parameters
    ----------
    payoffs : mapping
        ``{share: (U_1, U_2)}`` for a two-strategy population (``share`` a sympy Symbol or a name), or
        ``{(x_1, ..., x_{k-1}): (U_1, ..., U_k)}`` for k strategies. Expressions may be sympy, numbers or strings.
    names : sequence of str, optional
        Population names (default: the share names).
    strategies : sequence of sequences of str, optional
        Strategy labels per population.
    parameters : sequence of symbols or names, optional
        The parameters the payoffs may mention. When given, a payoff mentioning any other symbol raises
        ``ValueError``; when omitted, every free symbol that is not a share is a parameter.

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics. *Mathematical
    Biosciences* 40(1-2), 145-156.

    Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59(3), 637-666.

    Examples
    --------
    >>> import sympy
    >>> x, y, a, b = sympy.symbols("x y a b")
    >>> rs = ReplicatorSystem.from_advantages({x: a - y, y: x - b})
    >>> rs.equations
    {x: x*(1 - x)*(a - y), y: y*(1 - y)*(-b + x)}
    >>> rs.stability_table(a=0.5, b=0.5)[["point", "type"]]
            point    type
    0      (0, 0)  saddle
    1      (0, 1)  saddle
    2      (1, 0)  saddle
    3      (1, 1)  saddle
    4  (0.5, 0.5)  centre
    """

    def __init__(self, payoffs: Mapping, *, names: Sequence[str] | None = None,
                 strategies: Sequence[Sequence[str]] | None = None, parameters: Sequence[Any] | None = None):
        if not isinstance(payoffs, Mapping) or not payoffs:
            raise TypeError(f"payoffs must be a non-empty mapping {{share: (U_1, U_2)}} (got {payoffs!r})")
        keys = list(payoffs)
        if names is not None and len(names) != len(keys):
            raise ValueError(f"names must give one name per population ({len(keys)}) (got names={list(names)})")
        if strategies is not None and len(strategies) != len(keys):
            raise ValueError(f"strategies must give one list per population ({len(keys)}) "
                             f"(got strategies={list(strategies)})")
        pops = []
        seen: set = set()
        for p, key in enumerate(keys):
            shares = _key_symbols(key, "payoffs")
            for s in shares:
                if s in seen:
                    raise ValueError(f"payoffs: the share {s} belongs to two populations")
                seen.add(s)
            values = payoffs[key]
            if isinstance(values, str) or not isinstance(values, Sequence):
                raise TypeError(f"payoffs[{key}] must be a sequence of {len(shares) + 1} payoffs (got {values!r})")
            if len(values) != len(shares) + 1:
                raise ValueError(f"payoffs[{key}] must give {len(shares) + 1} payoffs, one per strategy "
                                 f"(got {len(values)})")
            exprs = tuple(_parse(v, f"payoff {i + 1} of population {key}") for i, v in enumerate(values))
            name = names[p] if names is not None else ",".join(s.name for s in shares)
            strat = tuple(strategies[p]) if strategies is not None else tuple(
                [s.name for s in shares] + [f"not {shares[0].name}" if len(shares) == 1 else "other"])
            if len(strat) != len(shares) + 1:
                raise ValueError(f"strategies[{p}] must list {len(shares) + 1} strategies (got {list(strat)})")
            pops.append(_Population(str(name), strat, shares, exprs))
        self.populations = tuple(pops)
        self.variables = tuple(s for pop in pops for s in pop.shares)
        free = set().union(*(e.free_symbols for pop in pops for e in pop.payoffs)) - set(self.variables)
        if parameters is None:
            self.parameters = tuple(sorted(free, key=lambda s: s.name))
        else:
            declared = tuple(_key_symbols(tuple(parameters), "parameters")) if len(parameters) else ()
            unknown = free - set(declared)
            if unknown:
                names_ = ", ".join(sorted(s.name for s in unknown))
                raise ValueError(f"payoffs mention unknown symbols {names_}: every symbol must be a population "
                                 f"share {tuple(s.name for s in self.variables)} or a declared parameter "
                                 f"{tuple(s.name for s in declared)}")
            clash = set(declared) & set(self.variables)
            if clash:
                raise ValueError(f"parameters must not repeat a population share (got {sorted(s.name for s in clash)})")
            self.parameters = declared
        self._cache: dict[str, Any] = {}

    # -- constructors --------------------------------------------------------------------------------------
    @classmethod
    def from_advantages(cls, advantages: Mapping, *, names: Sequence[str] | None = None,
                        strategies: Sequence[Sequence[str]] | None = None,
                        parameters: Sequence[Any] | None = None) -> ReplicatorSystem:
        r"""Two-strategy populations from payoff advantages: :math:`\dot x = x(1 - x)\,\Delta U_x`.

        Parameters
        ----------
        advantages : mapping
            ``{x: dU_x, y: dU_y, ...}``: the advantage of the first strategy over the second in each population.
        names, strategies, parameters
            As in :class:`ReplicatorSystem`.

        References
        ----------
        Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59(3), 637-666.

        Examples
        --------
        >>> rs = ReplicatorSystem.from_advantages({"x": "1 - 2*y", "y": "x - 1/2"})
        >>> rs.equations
        {x: x*(1 - x)*(1 - 2*y), y: y*(1 - y)*(x - 1/2)}
        """
        if not isinstance(advantages, Mapping) or not advantages:
            raise TypeError(f"advantages must be a non-empty mapping {{share: advantage}} (got {advantages!r})")
        for key in advantages:
            if isinstance(key, tuple | list):
                raise TypeError(f"advantages keys must be single shares (two strategies per population); use "
                                f"ReplicatorSystem(payoffs) for k strategies (got {key!r})")
        return cls({k: (v, 0) for k, v in advantages.items()}, names=names, strategies=strategies,
                   parameters=parameters)

    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, *, names: Sequence[str] = ("row", "column"),
                      strategies: Sequence[Sequence[str]] | None = None) -> ReplicatorSystem:
        r"""Two-population replicator dynamics of a bimatrix game :math:`(A, B)` (row shares ``x``, column ``y``).

        .. math:: \dot x_i = x_i\big((A y)_i - x^\top A y\big), \qquad \dot y_j = y_j\big((x^\top B)_j - x^\top B y\big)

        References
        ----------
        Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*, ch. 10. Cambridge
        University Press.

        Examples
        --------
        >>> rs = ReplicatorSystem.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> rs.stability_table()["type"].tolist()
        ['saddle', 'saddle', 'saddle', 'saddle', 'centre']
        """
        sp = _sp()
        A_ = sp.Matrix(A) if not isinstance(A, np.ndarray) else sp.Matrix(A.tolist())
        B_ = sp.Matrix(B) if not isinstance(B, np.ndarray) else sp.Matrix(B.tolist())
        if A_.shape != B_.shape or min(A_.shape) < 2:
            raise ValueError(f"A and B must have the same shape, at least 2x2 (got {A_.shape} and {B_.shape})")
        m, n = A_.shape
        xs = [_symbol(f"x{i + 1}") for i in range(m - 1)] if m > 2 else [_symbol("x")]
        ys = [_symbol(f"y{j + 1}") for j in range(n - 1)] if n > 2 else [_symbol("y")]
        xf, yf = sp.Matrix(xs + [1 - sum(xs)]), sp.Matrix(ys + [1 - sum(ys)])
        U_row, U_col = A_ * yf, B_.T * xf
        if strategies is None:
            strategies = ([f"r{i + 1}" for i in range(m)], [f"c{j + 1}" for j in range(n)])
        return cls({tuple(xs): list(U_row), tuple(ys): list(U_col)}, names=names, strategies=strategies)

    @classmethod
    def from_matrix(cls, A: Any, *, strategies: Sequence[str] | None = None) -> ReplicatorSystem:
        r"""Single-population replicator dynamics of a symmetric game with payoff matrix :math:`A` (k strategies).

        .. math:: \dot x_i = x_i\big((A x)_i - x^\top A x\big)

        References
        ----------
        Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics. *Mathematical
        Biosciences* 40(1-2), 145-156.

        Examples
        --------
        >>> hawk_dove = ReplicatorSystem.from_matrix([[-1, 2], [0, 1]])
        >>> hawk_dove.stability_table()[["point", "type"]]
            point      type
        0     (0)  unstable
        1     (1)  unstable
        2   (0.5)    stable
        """
        sp = _sp()
        A_ = sp.Matrix(A.tolist() if isinstance(A, np.ndarray) else A)
        if A_.shape[0] != A_.shape[1] or A_.shape[0] < 2:
            raise ValueError(f"A must be a square matrix with at least 2 strategies (got shape {A_.shape})")
        k = A_.shape[0]
        xs = [_symbol(f"x{i + 1}") for i in range(k - 1)] if k > 2 else [_symbol("x")]
        xf = sp.Matrix(xs + [1 - sum(xs)])
        strat = [list(strategies)] if strategies is not None else [[f"s{i + 1}" for i in range(k)]]
        return cls({tuple(xs): list(A_ * xf)}, names=["population"], strategies=strat)

    # -- symbolic objects ------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        eqs = "; ".join(f"d{v}/dt = {e}" for v, e in self.equations.items())
        return f"ReplicatorSystem({eqs})"

    def _repr_latex_(self) -> str:
        sp = _sp()
        rows = [rf"\dot {sp.latex(v)} &= {sp.latex(e)}" for v, e in self.equations.items()]
        return r"$\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}$"

    @property
    def equations(self) -> dict:
        r"""The replicator equations ``{share: d share / dt}`` as sympy expressions."""
        if "equations" not in self._cache:
            sp = _sp()
            out = {}
            for pop in self.populations:
                if pop.k == 2:
                    x = pop.shares[0]
                    adv = pop.payoffs[0] - pop.payoffs[1]
                    out[x] = sp.Mul(x, 1 - x, adv, evaluate=False) if adv != 0 else sp.Integer(0)
                else:
                    full = pop.full_shares()
                    mean = sum(s * u for s, u in zip(full, pop.payoffs))
                    for s, u in zip(pop.shares, pop.payoffs):
                        out[s] = s * sp.expand(u - mean)
            self._cache["equations"] = out
        return self._cache["equations"]

    @property
    def advantages(self) -> dict:
        r"""Payoff advantages :math:`U_1 - U_2` of two-strategy populations, ``{share: advantage}``."""
        sp = _sp()
        return {pop.shares[0]: sp.simplify(pop.payoffs[0] - pop.payoffs[1]) for pop in self.populations
                if pop.k == 2}

    @property
    def dimension(self) -> int:
        """Number of state variables."""
        return len(self.variables)

    def jacobian(self, point: Any = None, **parameters: Any):
        r"""The Jacobian :math:`J_{ij} = \partial \dot x_i / \partial x_j` (sympy Matrix), optionally at a point.

        Parameters
        ----------
        point : sequence or mapping, optional
            Coordinates (in the order of :attr:`variables`) or ``{share: value}``.
        **parameters
            Parameter values to substitute.

        Examples
        --------
        >>> rs = ReplicatorSystem.from_advantages({"x": "a - y", "y": "x - b"})
        >>> rs.jacobian((1, 0), a=2)
        Matrix([
        [-2,     0],
        [ 0, 1 - b]])
        """
        sp = _sp()
        if "jacobian" not in self._cache:
            F = sp.Matrix([self.equations[v] for v in self.variables])
            self._cache["jacobian"] = F.jacobian(sp.Matrix(self.variables))
        J = self._cache["jacobian"]
        subs = self._param_subs(parameters, allow_partial=True)
        if point is not None:
            subs.update(self._point_subs(point))
        return J.xreplace(subs).applyfunc(sp.simplify) if subs else J

    def _point_subs(self, point: Any) -> dict:
        if isinstance(point, Mapping):
            out = {}
            for k, v in point.items():
                s = _key_symbols(k, "point")[0]
                if s not in self.variables:
                    raise ValueError(f"point mentions {s}, which is not a share of this system "
                                     f"{tuple(v.name for v in self.variables)}")
                out[s] = to_sympy(v)
            return out
        vals = list(point)
        if len(vals) != self.dimension:
            raise ValueError(f"point must have {self.dimension} coordinates (got {len(vals)})")
        return {s: to_sympy(v) for s, v in zip(self.variables, vals)}

    def _param_subs(self, parameters: Mapping[str, Any], *, allow_partial: bool) -> dict:
        names = {p.name: p for p in self.parameters}
        unknown = [k for k in parameters if k not in names]
        if unknown:
            raise ValueError(f"unknown parameter names {unknown}; this system's parameters are {sorted(names)}")
        if not allow_partial:
            missing = [n for n in names if n not in parameters]
            if missing:
                raise ValueError(f"missing values for parameters {missing}: a numeric table needs all of "
                                 f"{sorted(names)}")
        out = {}
        for k, v in parameters.items():
            if is_symbolic(v):
                out[names[k]] = _parse(v, k)
            else:
                arr = as_float_array(v, k)
                if arr.ndim:
                    raise TypeError(f"{k} must be a single number (got {v!r})")
                out[names[k]] = to_sympy(v) if isinstance(v, int | np.integer) else to_sympy(float(v))
        return out

    def subs(self, **parameters: Any) -> ReplicatorSystem:
        """A new system with some parameters replaced (by numbers or expressions).

        Examples
        --------
        >>> rs = ReplicatorSystem.from_advantages({"x": "a - y", "y": "x - b"}).subs(a=1)
        >>> [p.name for p in rs.parameters]
        ['b']
        """
        subs = self._param_subs(parameters, allow_partial=True)
        payoffs = {pop.shares if pop.k > 2 else pop.shares[0]: [u.xreplace(subs) for u in pop.payoffs]
                   for pop in self.populations}
        return ReplicatorSystem(payoffs, names=[p.name for p in self.populations],
                                strategies=[p.strategies for p in self.populations])

    # -- rest points -------------------------------------------------------------------------------------------
    def _faces(self):
        """Every face of the product of simplices: for each population a non-empty support."""
        # pure supports in reverse order, so that corners come out in ascending order of their coordinates
        per_pop = [[(i,) for i in reversed(range(pop.k))]
                   + [S for r in range(2, pop.k + 1) for S in itertools.combinations(range(pop.k), r)]
                   for pop in self.populations]
        # order: corners first (all supports of size 1), then by total support size
        faces = list(itertools.product(*per_pop))
        faces.sort(key=lambda f: sum(len(S) for S in f))
        return faces

    def _solve_face(self, face, payoffs_by_pop):
        """Solve the rest-point equations on a face; returns a list of (coords dict, continuum flag)."""
        sp = _sp()
        subs, unknowns, eqs, bounds = {}, [], [], []
        for pop, S, U in zip(self.populations, face, payoffs_by_pop):
            k = pop.k
            if len(S) == 1:
                i = S[0]
                for j, s in enumerate(pop.shares):
                    subs[s] = sp.Integer(1 if j == i else 0)
                continue
            for j, s in enumerate(pop.shares):
                if j not in S:
                    subs[s] = sp.Integer(0)
            free = [pop.shares[j] for j in S if j < k - 1]
            if (k - 1) not in S:
                dependent = free.pop()  # the last supported share is one minus the others
                subs[dependent] = 1 - sum(free)
            unknowns += free
            for a, b in zip(S, S[1:]):
                eqs.append(U[a] - U[b])
            bounds += [pop.shares[j] for j in S if j < k - 1]
        if not unknowns:
            coords = {s: subs[s] for s in self.variables}
            return [(coords, "point")]
        eqs = [sp.expand(e.xreplace(subs)) for e in eqs]
        eqs = [e for e in eqs if e != 0]
        if not eqs:
            sol = [{}]
        else:
            if any(e.atoms(sp.Float) for e in eqs):
                # exact arithmetic: Groebner bases over floating-point coefficients can run for ever in sympy
                eqs = [sp.nsimplify(e, rational=True) for e in eqs]
            try:
                sol = sp.solve(eqs, unknowns, dict=True, rational=False)
            except NotImplementedError:  # no closed form (e.g. y = cos y): numerically, when the numbers are known
                sol = _nsolve_face(eqs, unknowns)
                if sol is None:
                    coords = {v: subs.get(v, v) for v in self.variables}
                    return [(coords, "unsolved")]
        out = []
        for s in sol:
            full = {u: s.get(u, u) for u in unknowns}
            coords = {}
            for v in self.variables:
                val = subs[v] if v in subs else full[v]
                coords[v] = sp.cancel(sp.sympify(val).xreplace(full)) if v in subs else sp.cancel(val)
            continuum = any(coords[v].free_symbols & set(unknowns) for v in self.variables)
            out.append((coords, "continuum" if continuum else "point"))
        return out

    def rest_points(self, **parameters: Any) -> RestPointSet:
        r"""All rest points: the pure corners, and the edge and interior points solved symbolically.

        On each face of the state space (a support per population) the rest points solve
        :math:`U_i = U_j` for the supported strategies of every mixed population. Each point comes with its
        feasibility condition (the mixed shares lie strictly between 0 and 1).

        Parameters
        ----------
        **parameters
            Values for some or all parameters (the others stay symbolic).

        Examples
        --------
        >>> gf = government_firm()
        >>> rp = gf.rest_points()
        >>> [p.kind for p in rp]
        ['corner', 'corner', 'corner', 'corner', 'interior']
        >>> rp[4].coords
        (extra_cost/(fine + subsidy),
         (accountability + fine - regulation_cost + reward)/(accountability + fine + subsidy))
        """
        sp = _sp()
        subs = self._param_subs(parameters, allow_partial=True)
        payoffs = [[u.xreplace(subs) for u in pop.payoffs] for pop in self.populations]
        points = []
        for face in self._faces():
            for coords, status in self._solve_face(face, payoffs):
                mixed = [len(S) > 1 for S in face]
                continuum = status != "point"
                kind = status if continuum else (
                    "corner" if not any(mixed) else "interior" if all(mixed) else "edge")
                conds = []
                for pop, S in zip(self.populations, face):
                    if len(S) > 1:
                        full = [coords[s] for s in pop.shares] + [sp.cancel(1 - sum(coords[s] for s in pop.shares))]
                        conds += [sp.StrictGreaterThan(full[j], 0) for j in S]
                feasible = sp.And(*conds) if conds else sp.true
                if feasible is sp.false:
                    continue
                if any(c.has(sp.I) for c in coords.values()) and all(c.is_number for c in coords.values()):
                    continue
                points.append(RestPoint(tuple(coords[v] for v in self.variables), kind, face, feasible))
        return RestPointSet(points, self.variables)

    def _numeric_rest_points(self, values: dict) -> list[tuple[np.ndarray, str]]:
        """Isolated rest points in the state space for numeric parameters: [(coords, kind)]."""
        key = ("symbolic_points",)
        if key not in self._cache:
            try:
                self._cache[key] = self.rest_points()
            except NotImplementedError:  # pragma: no cover - sympy could not solve some face in general
                self._cache[key] = None
        generic = self._cache[key]
        sp = _sp()
        psyms = list(self.parameters)
        pvals = [values[p.name] for p in self.parameters]
        pts = []
        redo = generic is None
        redo = redo or any(rp.kind == "unsolved" for rp in generic.points)
        if not redo:
            if "point_funcs" not in self._cache:
                self._cache["point_funcs"] = [sp.lambdify(psyms, list(rp.coords), modules="numpy")
                                              for rp in generic.points]
            for rp, f in zip(generic.points, self._cache["point_funcs"]):
                if rp.kind == "continuum":
                    continue
                with np.errstate(all="ignore"):
                    try:
                        c = np.asarray(f(*pvals), dtype=complex)
                    except ZeroDivisionError:
                        redo = True
                        break
                if not np.isfinite(c).all():
                    redo = True
                    break
                pts.append((c, rp.kind, rp.support))
        if redo:  # special parameter values (a generic denominator vanishes): solve the substituted system
            pts = []
            for rp in self.rest_points(**values).points:
                if rp.kind in ("continuum", "unsolved"):
                    continue
                pts.append((np.asarray([complex(sp.N(c)) for c in rp.coords]), rp.kind, rp.support))
        out = []
        for c, kind, support in pts:
            if np.abs(c.imag).max(initial=0) > 1e-9:
                continue
            r = c.real
            if not self._in_state_space(r[None, :], tol=1e-9).all():
                continue
            # a point on a face boundary is counted once (with the smaller face)
            if kind != "corner" and any(np.allclose(r, q, atol=1e-9) for q, _ in out):
                continue
            if kind != "corner" and not self._inside_face(r, support):
                continue
            out.append((r, kind))
        return out

    def _inside_face(self, r: np.ndarray, support: tuple) -> bool:
        """Every supported share of a mixed population is strictly positive (else the point is on a smaller face)."""
        i = 0
        for pop, S in zip(self.populations, support):
            m = pop.k - 1
            full = np.append(r[i:i + m], 1.0 - r[i:i + m].sum())
            if len(S) > 1 and (full[list(S)] <= 1e-9).any():
                return False
            i += m
        return True

    def _in_state_space(self, X: np.ndarray, tol: float = 0.0) -> np.ndarray:
        ok = np.all((X >= -tol) & (X <= 1 + tol), axis=-1)
        i = 0
        for pop in self.populations:
            n = pop.k - 1
            if n > 1:
                ok &= X[..., i:i + n].sum(axis=-1) <= 1 + tol
            i += n
        return ok

    # -- stability -----------------------------------------------------------------------------------------------
    def stability_conditions(self) -> StabilityConditions:
        r"""Symbolic eigenvalues at every pure corner and the conditions on the parameters for it to be an ESS.

        At a corner the Jacobian is (up to the order of the variables) triangular: its eigenvalues are the payoff
        differences :math:`U_j - U_i` between each unused strategy :math:`j` and the strategy :math:`i` in use,
        so the corner is an ESS iff every unused strategy earns strictly less (a strict Nash equilibrium).

        Examples
        --------
        >>> gf = government_firm()
        >>> gf.stability_conditions().condition((1, 1))
        (extra_cost < fine + subsidy) & (regulation_cost + subsidy < reward)
        >>> gf.stability_conditions().condition((0, 0))
        (0 < extra_cost) & (accountability + fine + reward < regulation_cost)
        """
        sp = _sp()
        labels, eigs, conds = [], [], []
        for rp in self.rest_points().points:
            if rp.kind != "corner":
                continue
            J = self.jacobian(rp.coords)
            ev = _triangular_eigenvalues(J)
            if ev is None:  # pragma: no cover - corners of replicator systems are always triangular
                ev = [e for e, m in J.eigenvals().items() for _ in range(m)]
            ev = [sp.simplify(e) for e in ev]
            cond = sp.And(*[_negative(e) for e in ev])
            labels.append(_point_label([float(c) for c in rp.coords]))
            eigs.append(ev)
            conds.append(cond)
        return StabilityConditions(labels, eigs, conds)

    def _numeric_jacobian(self):
        if "jac_num" not in self._cache:
            sp = _sp()
            J = self.jacobian()
            self._cache["jac_num"] = sp.lambdify(list(self.variables) + list(self.parameters), J.tolist(),
                                                 modules="numpy")
        return self._cache["jac_num"]

    def _values(self, parameters: Mapping[str, Any]) -> dict:
        names = {p.name for p in self.parameters}
        unknown = [k for k in parameters if k not in names]
        if unknown:
            raise ValueError(f"unknown parameter names {unknown}; this system's parameters are {sorted(names)}")
        missing = sorted(names - set(parameters))
        if missing:
            raise ValueError(f"missing values for parameters {missing}: numeric work needs all of {sorted(names)}")
        out = {}
        for k, v in parameters.items():
            arr = as_float_array(v, k)
            if arr.ndim:
                raise TypeError(f"{k} must be a single number (got {v!r})")
            out[k] = float(arr)
        return out

    def stability_table(self, *, tol: float = 1e-9, **parameters: Any):
        r"""Numeric stability table of every rest point for one parameter scenario.

        Parameters
        ----------
        tol : float
            Relative tolerance for zero real parts (see :func:`classify_eigenvalues`).
        **parameters
            A number for every parameter of the system.

        Returns
        -------
        pandas.DataFrame
            Columns ``point`` (a label), ``eigenvalues``, ``det``, ``trace``, ``type``, ``kind`` and ``coords``
            (the coordinates as floats).

        Notes
        -----
        .. math:: \det J = \prod_i \lambda_i, \qquad \operatorname{tr} J = \sum_i \lambda_i

        An interior rest point of a two-population 2x2 game has :math:`\operatorname{tr} J = 0`: a saddle
        (:math:`\det J < 0`) or a centre (:math:`\det J > 0`), never asymptotically stable.

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["stable non-cooperation"])
        >>> gf.stability_table()[["point", "eigenvalues", "det", "trace", "type"]]
            point  eigenvalues  det  trace      type
        0  (0, 0)  [-1.0, -1.0]  1.0   -2.0       ESS
        1  (0, 1)   [-4.0, 1.0] -4.0   -3.0    saddle
        2  (1, 0)    [1.0, 1.0]  1.0    2.0  unstable
        3  (1, 1)   [4.0, -1.0] -4.0    3.0    saddle
        """
        import pandas as pd

        values = self._values(parameters)
        J = self._numeric_jacobian()
        pvals = [values[p.name] for p in self.parameters]
        rows = []
        for r, kind in self._numeric_rest_points(values):
            with np.errstate(all="ignore"):
                M = np.asarray(J(*r, *pvals), dtype=float).reshape(self.dimension, self.dimension)
            ev = np.linalg.eigvals(M)
            ev = np.where(np.abs(ev.imag) <= 1e-12 * max(1.0, np.abs(ev).max(initial=0)), ev.real + 0j, ev)
            ev_out = ev.real if np.all(ev.imag == 0) else ev
            rows.append({"point": _point_label(r), "eigenvalues": np.round(ev_out, 12) + 0.0,
                         "det": float(np.linalg.det(M)), "trace": float(np.trace(M)),
                         "type": classify_eigenvalues(ev, corner=kind == "corner", tol=tol),
                         "kind": kind, "coords": tuple(float(v) for v in r)})
        df = pd.DataFrame(rows, columns=["point", "eigenvalues", "det", "trace", "type", "kind", "coords"])
        for col in ("det", "trace"):
            df[col] = df[col].where(df[col].abs() > 1e-12, 0.0)
        return df

    def attractors(self, **parameters: Any) -> np.ndarray:
        """Coordinates of the asymptotically stable rest points (type ESS or stable), shape ``(n, dimension)``."""
        tab = self.stability_table(**parameters)
        stable = tab[tab["type"].isin(["ESS", "stable"])]
        return np.array(list(stable["coords"]), dtype=float).reshape(-1, self.dimension)

    # -- numerics ---------------------------------------------------------------------------------------------
    def _rhs_numeric(self, pvals: Sequence[float]):
        """The right-hand side with the parameters substituted, lambdified once per parameter scenario."""
        cache = self._cache.setdefault("rhs", {})
        key = tuple(pvals)
        if key not in cache:
            sp = _sp()
            if len(cache) > 64:
                cache.clear()
            subs = {p: sp.Float(v) for p, v in zip(self.parameters, pvals)}
            exprs = [self.equations[v].xreplace(subs) for v in self.variables]
            cache[key] = sp.lambdify(list(self.variables), exprs, modules="numpy", cse=True)
        return cache[key]

    def _vector_field(self, pvals: Sequence[float]):
        """``F(Z)`` for states stored as rows, ``Z`` of shape ``(d, n)`` (contiguous per variable)."""
        f = self._rhs_numeric(pvals)

        def F(Z):
            out = np.empty_like(Z)
            for i, o in enumerate(f(*Z)):
                out[i] = o
            return out

        return F

    def _check_x0(self, x0: Any) -> np.ndarray:
        X = as_float_array(x0, "x0")
        if X.ndim == 0 or X.shape[-1] != self.dimension or X.ndim > 2:
            raise ValueError(f"x0 must have shape ({self.dimension},) or (n, {self.dimension}) for the shares "
                             f"{tuple(v.name for v in self.variables)} (got shape {X.shape})")
        X2 = X.reshape(-1, self.dimension)
        bad = ~self._in_state_space(X2)
        if bad.any():
            raise ValueError(f"x0 shares must lie in [0, 1] (and sum to at most 1 within a population) "
                             f"(got x0={X2[np.argmax(bad)].tolist()})")
        return X2.copy()

    def _project(self, X: np.ndarray) -> np.ndarray:
        np.clip(X, 0.0, 1.0, out=X)
        i = 0
        for pop in self.populations:
            n = pop.k - 1
            if n > 1:
                s = X[:, i:i + n].sum(axis=1, keepdims=True)
                X[:, i:i + n] /= np.maximum(s, 1.0)
            i += n
        return X

    def _project_rows(self, Z: np.ndarray) -> np.ndarray:
        np.clip(Z, 0.0, 1.0, out=Z)
        i = 0
        for pop in self.populations:
            n = pop.k - 1
            if n > 1:
                s = Z[i:i + n].sum(axis=0)
                Z[i:i + n] /= np.maximum(s, 1.0)
            i += n
        return Z

    def simulate(self, x0: Any, t: Any, *, step: float = 0.02, **parameters: Any) -> Trajectories:
        r"""Integrate many trajectories at once (vectorised fixed-step Runge–Kutta 4).

        Parameters
        ----------
        x0 : array_like, shape (d,) or (n, d)
            Initial shares, one row per trajectory (in the order of :attr:`variables`).
        t : float or array_like
            Output times (increasing), or a horizon ``T`` (201 times from 0 to ``T``).
        step : float
            Largest integration step; each output interval is split into equal steps no longer than this.
        **parameters
            A number for every parameter.

        Returns
        -------
        Trajectories
            ``states`` of shape ``(len(t), n, d)``; the shares stay in the state space (each step is projected
            back onto it, which only removes round-off).

        Notes
        -----
        Classical RK4: :math:`x_{n+1} = x_n + \tfrac{h}{6}(k_1 + 2k_2 + 2k_3 + k_4)`, global error
        :math:`O(h^4)`.

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
        >>> tr = gf.simulate([[0.2, 0.3], [0.9, 0.1]], 60)
        >>> tr.final.round(3).tolist()
        [[1.0, 1.0], [1.0, 1.0]]
        """
        X = self._check_x0(x0)
        values = self._values(parameters)
        times = _times(t)
        step = _check_step(step)
        F = self._vector_field([values[p.name] for p in self.parameters])
        Z = _rk4(F, np.ascontiguousarray(X.T), times, step, self._project_rows)
        return Trajectories(times, Z.transpose(0, 2, 1), tuple(v.name for v in self.variables), values)

    def _payoff_funcs(self):
        if "payoffs" not in self._cache:
            sp = _sp()
            args = list(self.variables) + list(self.parameters)
            self._cache["payoffs"] = [sp.lambdify(args, list(pop.payoffs), modules="numpy")
                                      for pop in self.populations]
        return self._cache["payoffs"]

    def simulate_discrete(self, x0: Any, steps: int, *, background: float = 1.0,
                          **parameters: Any) -> Trajectories:
        r"""Discrete-time replicator dynamics (one generation per step), vectorised over initial conditions.

        .. math:: x_i' = x_i \, \frac{w + U_i}{w + \bar U}

        where :math:`w` is the background fitness (``background``); fitness :math:`w + U_i` must stay positive.
        For systems built from advantages the second strategy's payoff is 0, so :math:`U_1 = \Delta U`.

        References
        ----------
        Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*, sect. 16.1. Cambridge
        University Press.

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
        >>> gf.simulate_discrete([0.5, 0.5], 200, background=5).final.round(3).tolist()
        [[1.0, 1.0]]
        """
        X = self._check_x0(x0)
        values = self._values(parameters)
        steps = _v.check_positive_int(steps, "steps")
        background = _v.check_real(background, "background")
        pvals = [values[p.name] for p in self.parameters]
        funcs = self._payoff_funcs()
        out = np.empty((steps + 1, X.shape[0], self.dimension))
        out[0] = X
        d = self.dimension
        for n in range(1, steps + 1):
            cols = [X[:, i] for i in range(d)]
            new = np.empty_like(X)
            i = 0
            for pop, f in zip(self.populations, funcs):
                m = pop.k - 1
                U = np.stack(np.broadcast_arrays(*[np.asarray(u, dtype=float) for u in f(*cols, *pvals)],
                                                 X[:, 0])[:pop.k], axis=-1) + background
                if (U <= 0).any():
                    raise ValueError(f"background fitness too small: w + U must stay positive in population "
                                     f"{pop.name} (got min w + U = {U.min():.3g} with background={background})")
                full = np.concatenate([X[:, i:i + m], 1 - X[:, i:i + m].sum(axis=1, keepdims=True)], axis=1)
                mean = (full * U).sum(axis=1, keepdims=True)
                new[:, i:i + m] = X[:, i:i + m] * U[:, :m] / mean
                i += m
            X = self._project(new)
            out[n] = X
        return Trajectories(np.arange(steps + 1, dtype=float), out, tuple(v.name for v in self.variables), values)

    def time_to_convergence(self, x0: Any, *, tol: float = 1e-3, t_max: float = 200.0, step: float = 0.02,
                            **parameters: Any) -> np.ndarray:
        r"""Time each trajectory takes to come within ``tol`` (max norm) of an asymptotically stable rest point.

        ``inf`` for trajectories that do not converge by ``t_max`` (e.g. cycles around a centre).

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
        >>> t = gf.time_to_convergence([[0.5, 0.5], [0.9, 0.9]], t_max=100)
        >>> bool(t[0] > t[1] > 0)
        True
        """
        values = self._values(parameters)
        if not tol > 0:
            raise ValueError(f"tol must be positive (got tol={tol})")
        targets = self.attractors(**values)
        n_out = max(2, math.ceil(t_max / (10 * step)) + 1)
        tr = self.simulate(x0, np.linspace(0.0, t_max, n_out), step=step, **values)
        if len(targets) == 0:
            return np.full(tr.states.shape[1], np.inf)
        dist = np.abs(tr.states[:, :, None, :] - targets[None, None, :, :]).max(axis=-1).min(axis=-1)
        inside = dist < tol
        first = np.where(inside.any(axis=0), tr.t[np.argmax(inside, axis=0)], np.inf)
        return first

    def basins(self, *, grid: int = 41, t_max: float = 100.0, tol: float = 1e-2, step: float = 0.02,
               **parameters: Any) -> Basins:
        r"""Basins of attraction: integrate from every point of a grid and record the attractor reached.

        Grid points are cell centres :math:`(i + 1/2)/n` on each axis (inside the state space); a point whose
        trajectory is within ``tol`` of an asymptotically stable rest point at ``t_max`` is assigned to it,
        otherwise to ``"none"``.

        Examples
        --------
        >>> sh = ReplicatorSystem.from_matrix([[4, 0], [3, 1]])   # stag hunt: critical mass 1/2
        >>> b = sh.basins(grid=10, t_max=40)
        >>> b.shares().round(2).to_dict()
        {'(0)': 0.5, '(1)': 0.5}
        """
        values = self._values(parameters)
        if not (isinstance(grid, int | np.integer) and grid >= 2):
            raise ValueError(f"grid must be an integer >= 2 (got grid={grid!r})")
        axes = (np.arange(grid) + 0.5) / grid
        pts = np.array(list(itertools.product(axes, repeat=self.dimension)))
        pts = pts[self._in_state_space(pts)]
        targets = self.attractors(**values)
        tr = self.simulate(pts, np.array([0.0, t_max]), step=step, **values)
        labels = np.array(["none"] * len(pts), dtype=object)
        names = [_point_label(p) for p in targets]
        if len(targets):
            dist = np.abs(tr.final[:, None, :] - targets[None, :, :]).max(axis=-1)
            near = dist.min(axis=1) < tol
            labels[near] = np.array(names, dtype=object)[dist.argmin(axis=1)[near]]
        import pandas as pd

        df = pd.DataFrame(pts, columns=[v.name for v in self.variables])
        df["attractor"] = labels.astype(str)
        return Basins(df, tuple(v.name for v in self.variables), names)

    def vector_field(self, grid: int = 21, **parameters: Any):
        """The vector field on a regular grid of a two-variable system (DataFrame with the shares and their rates).

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
        >>> list(gf.vector_field(3).columns)
        ['x', 'y', 'dx', 'dy']
        """
        import pandas as pd

        values = self._values(parameters)
        if self.dimension != 2:
            raise ValueError(f"a vector field grid needs a two-variable system (got {self.dimension} variables)")
        axis = np.linspace(0.0, 1.0, grid)
        XX, YY = np.meshgrid(axis, axis)
        P = np.column_stack([XX.ravel(), YY.ravel()])
        V = self._vector_field([values[p.name] for p in self.parameters])(np.ascontiguousarray(P.T)).T
        a, b = (v.name for v in self.variables)
        return pd.DataFrame({a: P[:, 0], b: P[:, 1], f"d{a}": V[:, 0], f"d{b}": V[:, 1]})

    def phase_portrait(self, *, grid: int = 25, x0: Any = None, t_max: float = 30.0, step: float = 0.02,
                       **parameters: Any) -> PhasePortrait:
        """Data for a phase portrait of a two-variable system: field, trajectories and the stability table.

        Examples
        --------
        >>> gf = government_firm(**GOVERNMENT_FIRM_SCENARIOS["centre"])
        >>> pp = gf.phase_portrait(grid=5, t_max=5)
        >>> pp.table["type"].tolist()
        ['saddle', 'saddle', 'saddle', 'saddle', 'centre']
        """
        values = self._values(parameters)
        fld = self.vector_field(grid, **values)
        if x0 is None:
            x0 = [[0.1, 0.2], [0.2, 0.8], [0.8, 0.9], [0.9, 0.2], [0.5, 0.1], [0.3, 0.5], [0.6, 0.6], [0.5, 0.9]]
        tr = self.simulate(x0, t_max, step=step, **values)
        labels = tuple(f"{pop.name}: share {pop.strategies[0]}" for pop in self.populations)
        return PhasePortrait(fld, tr, self.stability_table(**values), tuple(v.name for v in self.variables), labels)


def _times(t: Any) -> np.ndarray:
    arr = as_float_array(t, "t")
    if not np.isfinite(arr).all():
        raise ValueError(f"t must hold finite times (got t={t!r})")
    if arr.ndim == 0:
        if not arr > 0:
            raise ValueError(f"t must be a positive horizon or an increasing array of times (got t={t!r})")
        return np.linspace(0.0, float(arr), 201)
    if arr.ndim != 1 or arr.size < 2 or np.any(np.diff(arr) <= 0):
        raise ValueError(f"t must be an increasing 1-d array of at least two times (got t={t!r})")
    return arr


def _nsolve_face(eqs, unknowns) -> list[dict] | None:
    """Numeric roots in the unit box of equations without parameters (multi-start ``scipy.optimize.root``)."""
    sp = _sp()
    if set().union(*(e.free_symbols for e in eqs)) - set(unknowns):
        return None
    from scipy.optimize import root

    f = sp.lambdify(unknowns, eqs, modules="numpy")

    def fun(u):
        return np.asarray(f(*u), dtype=float)

    found: list[np.ndarray] = []
    grid = np.linspace(0.05, 0.95, 5)
    with np.errstate(all="ignore"):
        for start in itertools.product(grid, repeat=len(unknowns)):
            res = root(fun, np.array(start))
            u = res.x
            if not (res.success and np.all(np.abs(fun(u)) < 1e-10) and np.all((u > -1e-9) & (u < 1 + 1e-9))):
                continue
            if not any(np.allclose(u, q, atol=1e-7) for q in found):
                found.append(u)
    return [{x: sp.Float(float(v)) for x, v in zip(unknowns, u)} for u in found]


def _negative(expr):
    """The condition ``expr < 0`` written readably as ``(positive terms) < (negative terms)``."""
    sp = _sp()
    terms = sp.Add.make_args(sp.expand(expr))
    pos = sum((t for t in terms if t.as_coeff_Mul()[0] > 0), sp.Integer(0))
    neg = sum((-t for t in terms if t.as_coeff_Mul()[0] < 0), sp.Integer(0))
    return sp.StrictLessThan(pos, neg)


def _triangular_eigenvalues(J) -> list | None:
    """Diagonal of J when its off-diagonal pattern is acyclic (J is triangular up to a permutation)."""
    n = J.shape[0]
    edges = {i: {j for j in range(n) if j != i and J[i, j] != 0} for i in range(n)}
    state = [0] * n

    def cyclic(i):
        state[i] = 1
        for j in edges[i]:
            if state[j] == 1 or (state[j] == 0 and cyclic(j)):
                return True
        state[i] = 2
        return False

    if any(state[i] == 0 and cyclic(i) for i in range(n)):
        return None
    return [J[i, i] for i in range(n)]


# --------------------------------------------------------------------------------------------------------------
# single-population and bimatrix dynamics on arrays (nashpy counterparts)
# --------------------------------------------------------------------------------------------------------------
#: the most RK4 steps one call may take before it must stop and say why (about a minute of work at worst)
MAX_RK4_STEPS = 2_000_000

#: a state whose velocity is below this (in units of the normalised payoffs) is a rest point for the stiff mode
_REST_SPEED = 1e-15


def _rk4(F, X, times, step, project, *, scale: float = 1.0):
    r"""Classical fixed-step RK4 from ``X`` through the output ``times``; ``project`` maps back to the state space.

    ``F`` is the vector field in the time :math:`\tau = \text{scale}\cdot t` (payoffs normalised to a range of
    at most 10, so ``step`` in :math:`\tau` is always a stable RK4 step). When the output times would need more
    than :data:`MAX_RK4_STEPS` steps (payoffs of :math:`10^{300}` make the dynamics :math:`10^{299}` times faster)
    the trajectory is integrated until it comes to rest, which it does long before the first output time, and
    that rest point is reported from then on; a trajectory that never settles raises a ``ValueError``.
    """
    out = np.empty((len(times),) + X.shape)
    out[0] = X
    X = X.copy()
    spans = np.diff(times) * scale
    with np.errstate(over="ignore"):
        counts = np.maximum(1, np.ceil(spans / step - 1e-9))
    total = float(counts.sum())
    stiff = total > MAX_RK4_STEPS

    def advance(X, h):
        k1 = F(X)
        acc = k1.copy()
        k = F(X + (0.5 * h) * k1)
        acc += 2.0 * k
        k = F(X + (0.5 * h) * k)
        acc += 2.0 * k
        k = F(X + h * k)
        acc += k
        acc *= h / 6.0
        X += acc
        return project(X), k1

    if stiff:
        for _ in range(MAX_RK4_STEPS):
            X, k1 = advance(X, step)
            if np.max(np.abs(k1)) < _REST_SPEED:
                break
        else:
            raise ValueError(f"the payoffs make the dynamics {scale:.3g} times faster than the time t: reaching "
                             f"t={times[-1]:.6g} needs {total:.3g} RK4 steps (limit {MAX_RK4_STEPS}) and the "
                             f"trajectory does not come to rest; divide the payoffs by a positive constant (which "
                             f"slows time by the same factor)")
        out[1:] = X
        return out
    for i in range(1, len(times)):
        n = int(counts[i - 1])
        h = spans[i - 1] / n
        for _ in range(n):
            X, _ = advance(X, h)
        out[i] = X
    return out


def _normalise(*matrices: np.ndarray, shift: bool = True) -> tuple[list[np.ndarray], float]:
    r"""Payoffs divided by their common range (and shifted to a minimum of 0).

    Replicator dynamics are invariant to adding a constant, and a positive factor only rescales time,
    :math:`\tau = \text{range}\cdot t`. Returns the normalised matrices and the time scale.
    """
    lo = min(float(M.min()) for M in matrices)
    hi = max(float(M.max()) for M in matrices)
    half = hi / 2 - lo / 2                       # half the range: finite even for payoffs of +-1.7e308
    if not half > 0:
        return [M - lo if shift else M for M in matrices], 1.0
    with np.errstate(over="ignore"):
        scale = 2 * half
    if shift:
        return [(M / 2 - lo / 2) / half for M in matrices], scale
    return [(M / 2) / half for M in matrices], scale


def _check_step(step) -> float:
    return _v.check_real(step, "step", low=0, low_open=True)


def _simplex_rows(x: Any, k: int, name: str) -> tuple[np.ndarray, bool]:
    X = as_float_array(x, name)
    single = X.ndim == 1
    X = np.atleast_2d(X)
    if X.ndim != 2 or X.shape[1] != k:
        raise ValueError(f"{name} must have shape ({k},) or (n, {k}) (got shape {np.shape(x)})")
    if (X < 0).any() or (X > 1).any() or not np.allclose(X.sum(axis=1), 1.0, atol=1e-9):
        raise ValueError(f"{name} must be probability vectors: shares in [0, 1] summing to 1 (got {name}={x!r})")
    return X.copy(), single


def _project_simplex(X: np.ndarray) -> np.ndarray:
    np.clip(X, 0.0, None, out=X)
    X /= X.sum(axis=-1, keepdims=True)
    return X


def replicator_dynamics(A: Any, x0: Any = None, t: Any = None, *, mutation: Any = None,
                        step: float = 0.01) -> np.ndarray:
    r"""Replicator (or replicator–mutator) dynamics of one population with k strategies, many trajectories at once.

    .. math:: \dot x_j = \sum_i x_i f_i Q_{ij} - x_j \phi, \qquad f = A x,\ \phi = x^\top f

    With :math:`Q = I` (no mutation) this is the replicator equation :math:`\dot x_i = x_i(f_i - \phi)`.
    Same model and arguments as nashpy's ``replicator_dynamics(A, y0, timepoints, mutation_matrix)``, integrated
    with vectorised RK4 over any number of initial conditions.

    Parameters
    ----------
    A : array_like, shape (k, k)
        Payoff matrix.
    x0 : array_like, shape (k,) or (n, k), optional
        Initial distributions (default: uniform).
    t : array_like, optional
        Output times (default ``linspace(0, 10, 1000)``, as nashpy).
    mutation : array_like, shape (k, k), optional
        Row-stochastic mutation matrix :math:`Q_{ij}` (probability that offspring of i is of type j). Needs
        non-negative payoffs (fitness); adding a constant to :math:`A` does not change the replicator without
        mutation, but does change the replicator–mutator.
    step : float
        Largest integration step.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(t), k)`` for one initial condition, ``(len(t), n, k)`` for several.

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics. *Mathematical
    Biosciences* 40(1-2), 145-156.

    Page, K. M. & Nowak, M. A. (2002). Unifying evolutionary dynamics. *Journal of Theoretical Biology* 219(1),
    93-98.

    Examples
    --------
    >>> rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> xs = replicator_dynamics(rps, [0.5, 0.3, 0.2], [0, 1, 2])
    >>> xs.shape, bool(abs(xs.sum(axis=1) - 1).max() < 1e-12)
    ((3, 3), True)
    """
    A_ = _v.check_payoff_matrix(A, "A")
    if A_.shape[0] != A_.shape[1] or A_.shape[0] < 2:
        raise ValueError(f"A must be a square payoff matrix with at least 2 strategies (got shape {A_.shape})")
    step = _check_step(step)
    k = A_.shape[0]
    X, single = _simplex_rows(np.full(k, 1.0 / k) if x0 is None else x0, k, "x0")
    times = np.linspace(0, 10, 1000) if t is None else _times(t)
    raw = A_
    (A_,), scale = _normalise(raw, shift=mutation is None)
    # steps no longer than ``step`` in the user's time, and never longer than 10 * step in normalised time
    step = step * min(scale, 10.0)
    if mutation is None:
        def F(X):
            f = X @ A_.T
            return X * (f - (X * f).sum(axis=1, keepdims=True))
    else:
        Q = _v.check_array(mutation, "mutation", shape=(k, k), low=0, high=1)
        if not np.allclose(Q.sum(axis=1), 1.0, rtol=0, atol=8 * k * np.finfo(float).eps):
            raise ValueError(f"mutation must be a row-stochastic {k}x{k} matrix (got mutation={mutation!r})")
        if (raw < 0).any():
            raise ValueError(f"the replicator-mutator needs non-negative payoffs (fitness), else shares leave the "
                             f"simplex; add a constant to A (got min A={raw.min():.3g})")

        def F(X):
            f = X @ A_.T
            return (X * f) @ Q - X * (X * f).sum(axis=1, keepdims=True)
    out = _rk4(F, X, times, step, _project_simplex, scale=scale)
    return out[:, 0, :] if single else out


def asymmetric_replicator_dynamics(A: Any, B: Any, x0: Any = None, y0: Any = None, t: Any = None, *,
                                   step: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    r"""Two-population (bimatrix) replicator dynamics, many trajectories at once.

    .. math:: \dot x_i = x_i\big((A y)_i - x^\top A y\big), \qquad \dot y_j = y_j\big((x^\top B)_j - x^\top B y\big)

    Same model and arguments as nashpy's ``asymmetric_replicator_dynamics(A, B, x0, y0, timepoints)``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(xs, ys)`` of shapes ``(len(t), m)`` and ``(len(t), n)`` (with a trajectory axis when ``x0`` is 2-d).

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*, ch. 10. Cambridge
    University Press.

    Examples
    --------
    >>> xs, ys = asymmetric_replicator_dynamics([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [0.6, 0.4], [0.5, 0.5],
    ...                                         [0, 1])
    >>> xs.shape, ys.shape
    ((2, 2), (2, 2))
    """
    A_, B_ = _v.check_payoff_matrix(A, "A"), _v.check_payoff_matrix(B, "B")
    if A_.shape != B_.shape:
        raise ValueError(f"A and B must be matrices of the same shape (got {A_.shape} and {B_.shape})")
    step = _check_step(step)
    (A_, B_), scale = _normalise(A_, B_)
    step = step * min(scale, 10.0)
    m, n = A_.shape
    X, single = _simplex_rows(np.full(m, 1.0 / m) if x0 is None else x0, m, "x0")
    Y, single_y = _simplex_rows(np.full(n, 1.0 / n) if y0 is None else y0, n, "y0")
    if X.shape[0] != Y.shape[0]:
        if X.shape[0] == 1:
            X = np.repeat(X, Y.shape[0], axis=0)
        elif Y.shape[0] == 1:
            Y = np.repeat(Y, X.shape[0], axis=0)
        else:
            raise ValueError(f"x0 and y0 must hold the same number of trajectories (got {X.shape[0]} and "
                             f"{Y.shape[0]})")
    times = np.linspace(0, 10, 1000) if t is None else _times(t)

    def F(Z):
        x, y = Z[:, :m], Z[:, m:]
        f1 = y @ A_.T
        f2 = x @ B_
        return np.concatenate([x * (f1 - (x * f1).sum(axis=1, keepdims=True)),
                               y * (f2 - (y * f2).sum(axis=1, keepdims=True))], axis=1)

    def project(Z):
        np.clip(Z, 0.0, None, out=Z)
        Z[:, :m] /= Z[:, :m].sum(axis=1, keepdims=True)
        Z[:, m:] /= Z[:, m:].sum(axis=1, keepdims=True)
        return Z

    out = _rk4(F, np.concatenate([X, Y], axis=1), times, step, project, scale=scale)
    xs, ys = out[:, :, :m], out[:, :, m:]
    if single and single_y:
        return xs[:, 0, :], ys[:, 0, :]
    return xs, ys


# --------------------------------------------------------------------------------------------------------------
# cluster governance games
# --------------------------------------------------------------------------------------------------------------
_GF_PARAMS = ("reward", "regulation_cost", "subsidy", "fine", "accountability", "extra_cost")
_GFA_PARAMS = _GF_PARAMS + ("association_payment", "certification_benefit", "blacklist_penalty",
                            "association_cost", "service_income", "credibility_loss")

#: parameter scenarios of the government–firm game used in the tests, figures and notebook
GOVERNMENT_FIRM_SCENARIOS = {
    # reward > regulation_cost + subsidy and subsidy + fine > extra_cost: (1, 1) is an ESS
    "stable cooperation": dict(reward=3, regulation_cost=1, subsidy=1, fine=2, accountability=1, extra_cost=1),
    # regulation pays only while firms pollute: interior centre, closed orbits
    "centre": dict(reward=1, regulation_cost=1.5, subsidy=1.5, fine=1.5, accountability=1, extra_cost=1.5),
    # regulation too costly even with firms polluting: (0, 0) is an ESS
    "stable non-cooperation": dict(reward=1, regulation_cost=4, subsidy=1, fine=1, accountability=1, extra_cost=1),
}


#: parameter scenarios of the government–firm–association game (figures and notebook)
GOVERNMENT_FIRM_ASSOCIATION_SCENARIOS = {
    # r - c_g - s - p = 2, s + f + b + k - e = 1.5, p + m - c_a = 0.5 > 0: (1, 1, 1) is an ESS; s + f > e
    # rules out (1, 0, 0) and b + k < e rules out (0, 1, 1): it is the only one
    "government-activated cluster": dict(reward=5, regulation_cost=1, subsidy=1, fine=1.5, accountability=1,
                                         extra_cost=2, association_payment=1, certification_benefit=0.5,
                                         blacklist_penalty=0.5, association_cost=1.5, service_income=1,
                                         credibility_loss=0.2),
    # r < c_g + s + p, b + k = 2.5 > e = 2, m = 1.5 > c_a = 1: (0, 1, 1) is an ESS
    "self-organised cluster": dict(reward=1, regulation_cost=1, subsidy=1, fine=1.5, accountability=1, extra_cost=2,
                                   association_payment=1, certification_benefit=1.5, blacklist_penalty=1,
                                   association_cost=1, service_income=1.5, credibility_loss=0.5),
}


def _game_params(parameters: Mapping[str, Any], allowed: Sequence[str], game: str) -> dict:
    unknown = [k for k in parameters if k not in allowed]
    if unknown:
        raise ValueError(f"unknown parameter names {unknown} for {game}; parameters are {list(allowed)}")
    out = {}
    for name in allowed:
        if name in parameters and parameters[name] is not None:
            v = parameters[name]
            if not is_symbolic(v):
                arr = as_float_array(v, name)
                if arr.ndim:
                    raise TypeError(f"{name} must be a single number or a sympy expression (got {v!r})")
            out[name] = _parse(v, name)
        else:
            out[name] = _symbol(name)
    return out


def government_firm(**parameters: Any) -> ReplicatorSystem:
    r"""The government–firm game of circular production: ``x`` governments regulate actively, ``y`` firms go circular.

    Payoffs (government, firm), with :math:`E` the government's environmental benefit, :math:`D` the damage,
    :math:`\pi_c` and :math:`\pi_t` the firm's profits from circular and traditional production:

    ======================  ===========================================  =====================================
    profile                 government                                   firm
    ======================  ===========================================  =====================================
    active, circular        reward + E - regulation_cost - subsidy       :math:`\pi_c` + subsidy
    active, traditional     reward + fine - regulation_cost - D          :math:`\pi_t` - fine
    passive, circular       E                                            :math:`\pi_c`
    passive, traditional    -D - accountability                          :math:`\pi_t`
    ======================  ===========================================  =====================================

    With extra_cost :math:`= \pi_t - \pi_c`, :math:`E` and :math:`D` cancel and the advantages are

    .. math::

        \Delta U_x &= r - c_g - s\,y + (f + a)(1 - y), \\
        \Delta U_y &= (s + f)\,x - e.

    Corner (1, 1) is an ESS iff :math:`r > c_g + s` and :math:`s + f > e`; the interior point
    :math:`x^* = e/(s + f)`, :math:`y^* = (r - c_g + f + a)/(s + f + a)` is always a centre or a saddle.

    Parameters
    ----------
    **parameters
        ``reward``, ``regulation_cost``, ``subsidy``, ``fine``, ``accountability``, ``extra_cost``: numbers or
        sympy expressions; those left out stay symbolic.

    References
    ----------
    Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59(3), 637-666.

    Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal conflicts. *Journal of
    Theoretical Biology* 84(1), 93-101.

    Examples
    --------
    >>> gf = government_firm(subsidy=1)
    >>> gf.equations[gf.variables[1]]
    y*(1 - y)*(-extra_cost + x*(fine + 1))
    """
    p = _game_params(parameters, _GF_PARAMS, "government_firm")
    x, y = _symbol("x"), _symbol("y")
    r, cg, s, f, a, e = (p[k] for k in _GF_PARAMS)
    dUx = r - cg - s * y + (f + a) * (1 - y)
    dUy = (s + f) * x - e
    declared = [v for v in set().union(*(q.free_symbols for q in p.values()))]
    return ReplicatorSystem.from_advantages({x: dUx, y: dUy}, names=["government", "firm"],
                                            strategies=[("active", "passive"), ("circular", "traditional")],
                                            parameters=declared)


def government_firm_association(**parameters: Any) -> ReplicatorSystem:
    r"""Government–firm–industry-association game.

    Shares ``x`` active governments, ``y`` circular firms, ``z`` active associations.

    An active association sets norms, certifies circular firms (certification or brand benefit :math:`b` to a
    circular firm) and blacklists polluters (penalty :math:`k` to a traditional firm); it bears the cost
    :math:`c_a`, earns service income :math:`m` from circular members, and an active government pays it
    :math:`p` (purchase of monitoring services). A passive association earns nothing and loses credibility
    :math:`l` when the firm pollutes. Government and firm terms are those of :func:`government_firm`.

    Payoffs (government, firm, association) for (government, firm, association) strategies; :math:`E, D, \pi_c,
    \pi_t` as in :func:`government_firm`, :math:`\pi_t - \pi_c = e`:

    ===============================  ==================================  ===================  =================
    profile                          government                          firm                 association
    ===============================  ==================================  ===================  =================
    active, circular, active         r + E - c_g - s - p                 π_c + s + b          p + m - c_a
    active, circular, passive        r + E - c_g - s                     π_c + s              0
    active, traditional, active      r + f - c_g - D - p                 π_t - f - k          p - c_a
    active, traditional, passive     r + f - c_g - D                     π_t - f              -l
    passive, circular, active        E                                   π_c + b              m - c_a
    passive, circular, passive       E                                   π_c                  0
    passive, traditional, active     -D - a                              π_t - k              -c_a
    passive, traditional, passive    -D - a                              π_t                  -l
    ===============================  ==================================  ===================  =================

    Advantages (first strategy over second):

    .. math::

        \Delta U_x &= r - c_g - s\,y + (f + a)(1 - y) - p\,z, \\
        \Delta U_y &= (s + f)\,x + (b + k)\,z - e, \\
        \Delta U_z &= p\,x + m\,y - c_a + l\,(1 - y).

    Corner (1, 1, 1), the *government-activated cluster*, is an ESS iff :math:`r > c_g + s + p`,
    :math:`s + f + b + k > e` and :math:`p + m > c_a`. Corner (0, 1, 1), the *self-organised cluster without a
    strong government*, is an ESS iff :math:`r < c_g + s + p`, :math:`b + k > e` and :math:`m > c_a`: the
    association's certification and blacklist alone make circular production pay, and its service income covers
    its cost.

    Parameters
    ----------
    **parameters
        Those of :func:`government_firm` plus ``association_payment`` (p), ``certification_benefit`` (b),
        ``blacklist_penalty`` (k), ``association_cost`` (c_a), ``service_income`` (m), ``credibility_loss`` (l).
        Parameters left out stay symbolic.

    References
    ----------
    Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games. *Econometrica* 63(6),
    1371-1399.

    Examples
    --------
    >>> gfa = government_firm_association()
    >>> gfa.stability_conditions().condition((0, 1, 1))
    (association_cost < service_income) & (extra_cost < blacklist_penalty + certification_benefit)
    & (reward < association_payment + regulation_cost + subsidy)
    """
    p = _game_params(parameters, _GFA_PARAMS, "government_firm_association")
    x, y, z = _symbol("x"), _symbol("y"), _symbol("z")
    r, cg, s, f, a, e = (p[k] for k in _GF_PARAMS)
    pay, b, k, ca, m, loss = (p[q] for q in _GFA_PARAMS[6:])
    dUx = r - cg - s * y + (f + a) * (1 - y) - pay * z
    dUy = (s + f) * x + (b + k) * z - e
    dUz = pay * x + m * y - ca + loss * (1 - y)
    declared = [v for v in set().union(*(q.free_symbols for q in p.values()))]
    return ReplicatorSystem.from_advantages({x: dUx, y: dUy, z: dUz}, names=["government", "firm", "association"],
                                            strategies=[("active", "passive"), ("circular", "traditional"),
                                                        ("active", "passive")], parameters=declared)


# --------------------------------------------------------------------------------------------------------------
# eco-link stag hunt with a subsidy
# --------------------------------------------------------------------------------------------------------------
_ECO_REQUIRES = [
    require("benefit - cost > spillover", "the eco-link is a coordination game only if benefit - cost exceeds the "
            "spillover a non-investor gets from an investing partner"),
    require("cost > 0", "cost must be positive"),
    require("spillover >= 0", "spillover must be non-negative"),
]


def eco_link_game(benefit: Any = 4, cost: Any = 2, spillover: Any = 1, subsidy: Any = 0):
    r"""The eco-link stag hunt: two firms decide whether to invest in a shared by-product link.

    Each investor pays ``cost`` and receives ``subsidy``; the link yields ``benefit`` to each firm only when both
    invest; a firm that waits while its partner invests gets ``spillover``; if neither invests both get 0.

    .. math:: A = \begin{pmatrix} b - c + s & s - c \\ \sigma & 0 \end{pmatrix}

    A stag hunt when :math:`b - c > \sigma` and :math:`s < c`.

    References
    ----------
    Skyrms, B. (2004). *The Stag Hunt and the Evolution of Social Structure*. Cambridge University Press.

    Examples
    --------
    >>> eco_link_game(4, 2, 1, 0.5).A.tolist()
    [[2.5, -1.5], [1.0, 0.0]]
    """
    from .games import StageGame

    if not any(is_symbolic(v) for v in (benefit, cost, spillover, subsidy)):
        vals = {n: float(as_float_array(v, n)) for n, v in
                dict(benefit=benefit, cost=cost, spillover=spillover, subsidy=subsidy).items()}
        if not vals["benefit"] - vals["cost"] > vals["spillover"]:
            raise ValueError(f"the eco-link is a coordination game only if benefit - cost exceeds the spillover "
                             f"(got benefit={benefit}, cost={cost}, spillover={spillover})")
        if vals["subsidy"] < 0:
            raise ValueError(f"subsidy must be non-negative (got subsidy={subsidy})")
    return StageGame.symmetric([[benefit - cost + subsidy, subsidy - cost], [spillover, 0]],
                               actions=["invest", "wait"])


@formula(requires=_ECO_REQUIRES + [require("subsidy >= 0", "subsidy must be non-negative")], symbol="x^*")
def eco_link_critical_mass(benefit, cost, spillover, subsidy=0):
    r"""Critical mass of investors in the eco-link stag hunt: above it investing pays, below it waiting does.

    .. math:: x^* = \max\Big(0, \frac{c - s}{b - c - \sigma + c}\Big) = \max\Big(0, \frac{c - s}{b - \sigma}\Big)

    It is the unstable interior rest point of the replicator dynamics and the mixed equilibrium; it falls linearly
    in the subsidy and reaches 0 at :math:`s = c` (investing becomes dominant).

    References
    ----------
    Skyrms, B. (2004). *The Stag Hunt and the Evolution of Social Structure*. Cambridge University Press.

    Examples
    --------
    >>> eco_link_critical_mass(4, 2, 1), eco_link_critical_mass(4, 2, 1, subsidy=0.5)
    (0.6666666666666666, 0.5)
    """
    sp = _sp()
    return sp.Max(0, (cost - subsidy) / (benefit - spillover))


@formula(requires=_ECO_REQUIRES, symbol="s_{RD}")
def risk_dominance_subsidy(benefit, cost, spillover):
    r"""Smallest subsidy that makes investing risk-dominant (Harsanyi & Selten 1988): critical mass below 1/2.

    .. math:: s_{RD} = \max\Big(0,\ c - \frac{b - \sigma}{2}\Big)

    References
    ----------
    Harsanyi, J. C. & Selten, R. (1988). *A General Theory of Equilibrium Selection in Games*. MIT Press.

    Kandori, M., Mailath, G. J. & Rob, R. (1993). Learning, mutation, and long run equilibria in games.
    *Econometrica* 61(1), 29-56.

    Examples
    --------
    >>> risk_dominance_subsidy(4, 2, 1)
    0.5
    """
    return _sp().Max(0, cost - (benefit - spillover) / 2)


@formula(requires=_ECO_REQUIRES, symbol="s_{1/3}")
def one_third_subsidy(benefit, cost, spillover):
    r"""Smallest subsidy that passes the one-third rule: critical mass below 1/3.

    In a large finite population under weak selection a single investor's fixation probability exceeds the
    neutral :math:`1/N` iff :math:`x^* < 1/3` (Nowak, Sasaki, Taylor & Fudenberg 2004).

    .. math:: s_{1/3} = \max\Big(0,\ c - \frac{b - \sigma}{3}\Big)

    References
    ----------
    Nowak, M. A., Sasaki, A., Taylor, C. & Fudenberg, D. (2004). Emergence of cooperation and evolutionary
    stability in finite populations. *Nature* 428, 646-650.

    Examples
    --------
    >>> round(one_third_subsidy(4, 2, 1), 6)
    1.0
    """
    return _sp().Max(0, cost - (benefit - spillover) / 3)


@formula(requires=_ECO_REQUIRES, symbol="s_{D}")
def dominance_subsidy(benefit, cost, spillover):
    r"""Subsidy from which investing is (weakly) dominant: the subsidy covers the investment cost.

    .. math:: s_D = c \quad (\text{then } s - c \ge 0 \text{ and } b - c + s > \sigma)

    References
    ----------
    Skyrms, B. (2004). *The Stag Hunt and the Evolution of Social Structure*. Cambridge University Press.

    Examples
    --------
    >>> dominance_subsidy(4, 2, 1)
    2.0
    """
    return cost + 0 * (benefit + spillover)
