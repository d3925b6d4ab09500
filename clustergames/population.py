r"""Finite populations: fixation probabilities, rare-mutation stationary distributions and Monte-Carlo checks.

A population of :math:`N` firms plays a symmetric game with payoff matrix :math:`A` (row: the focal strategy).
With :math:`i` firms using strategy A and :math:`N - i` using B, and no self-interaction, the average payoffs are

.. math::

    \pi_A(i) = \frac{a(i-1) + b(N-i)}{N-1}, \qquad \pi_B(i) = \frac{c\,i + d(N-i-1)}{N-1}

for :math:`A = \begin{pmatrix} a & b\\ c & d\end{pmatrix}`. Strategies spread by a birth–death process: the Moran
process (birth proportional to fitness :math:`1 - w + w\pi`, death at random) or the pairwise-comparison (Fermi)
process (imitation with probability :math:`1/(1 + e^{-\beta(\pi_B - \pi_A)})`). The fixation probability of one A
mutant is

.. math::

    \rho_A = \Bigl(1 + \sum_{k=1}^{N-1}\prod_{i=1}^{k}\frac{T^-_i}{T^+_i}\Bigr)^{-1},

computed here in log space (``logsumexp`` of cumulative sums of log ratios), so it is stable for populations up
to :math:`10^5` and beyond; ``exact=True`` computes it in rational arithmetic (sympy) for small :math:`N`.

References
----------
Nowak, M. A., Sasaki, A., Taylor, C. & Fudenberg, D. (2004). Emergence of cooperation and evolutionary stability
in finite populations. *Nature* 428, 646–650.

Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and fixation. *Physical Review
E* 74, 011909.

Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations. *Journal of Economic Theory* 131,
251–262.

Examples
--------
>>> import clustergames as cg
>>> round(cg.population.constant_fitness_fixation(1.0, 10), 6)
0.1
>>> pd_matrix = [[3, 0], [5, 1]]
>>> cg.population.fixation_probability(pd_matrix, 10, selection=0.0)   # neutral drift
0.1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validation as _v
from ._estimates import MonteCarloResult
from .results import Result
from .symbolic import Formula, is_symbolic

__all__ = ["constant_fitness_fixation", "fixation_probability", "fixation_matrix", "stationary_distribution",
           "StationaryDistribution", "simulate_fixation", "FixationSimulation", "PROCESSES"]

PROCESSES = ("moran", "fermi")


# ----------------------------------------------------------------------------------------------------------------
# validation
# ----------------------------------------------------------------------------------------------------------------
def _check_N(N) -> int:
    return _v.check_positive_int(N, "N", minimum=2)


def _check_process(process: str) -> str:
    return _v.check_choice(process, "process", PROCESSES)


def _check_selection(selection, process: str) -> float:
    if is_symbolic(selection):
        return selection
    if process == "moran":
        return _v.check_real(selection, "selection", low=0, high=1,
                             rule="in [0, 1] for the Moran process, fitness 1 - w + w*payoff")
    return _v.check_real(selection, "selection", low=0)


def _check_matrix(matrix, *, square_k: int | None = None, name: str = "matrix"):
    names = None
    if hasattr(matrix, "index") and hasattr(matrix, "to_numpy"):
        names = [str(v) for v in matrix.index]
        matrix = matrix.to_numpy()
    arr = _v.check_payoff_matrix(matrix, name, symbolic=True)
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square payoff matrix (got shape {arr.shape})")
    if arr.shape[0] < 2:
        raise ValueError(f"{name} must have at least 2 strategies (got shape {arr.shape})")
    if square_k is not None and arr.shape[0] != square_k:
        raise ValueError(f"{name} must be {square_k}x{square_k} [[a, b], [c, d]] (got shape {arr.shape})")
    if arr.dtype == object and not is_symbolic(arr):
        arr = arr.astype(float)
    return arr, names


# ----------------------------------------------------------------------------------------------------------------
# constant fitness
# ----------------------------------------------------------------------------------------------------------------
def _cf_builder(r, N):
    sympy = _v.sympy()

    return sympy.Piecewise((1 / N, sympy.Eq(r, 1)), ((1 - 1 / r) / (1 - r ** (-N)), True))


_CONSTANT_FITNESS = Formula(_cf_builder, ["r", "N"], symbol=r"\rho", name="constant_fitness_fixation")


def constant_fitness_fixation(r, N):
    r"""Fixation probability of one mutant of constant relative fitness :math:`r` in a Moran process of size N.

    .. math::

        \rho = \frac{1 - 1/r}{1 - 1/r^{N}} \quad (r \ne 1), \qquad \rho = \frac1N \quad (r = 1).

    Numbers are evaluated as :math:`\operatorname{expm1}(-\ln r)/\operatorname{expm1}(-N\ln r)`, accurate near
    :math:`r = 1` and without overflow for large :math:`N`; sympy input returns the expression.

    Parameters
    ----------
    r : float > 0 or array, or sympy expression
    N : int >= 2 (or array, broadcast with r)

    References
    ----------
    Moran, P. A. P. (1958). Random processes in genetics. *Mathematical Proceedings of the Cambridge Philosophical
    Society* 54(1), 60–71.

    Nowak, M. A. (2006). *Evolutionary Dynamics*. Harvard University Press, eq. (6.6).

    Examples
    --------
    >>> round(constant_fitness_fixation(2.0, 10), 6)          # (1 - 1/2) / (1 - 2**-10)
    0.500489
    >>> import sympy
    >>> constant_fitness_fixation(sympy.Rational(2), 3)
    4/7
    """
    if is_symbolic(r) or is_symbolic(N):
        return _CONSTANT_FITNESS.symbolic(r=r, N=N)
    ra = _v.check_array(r, "r")
    if (ra <= 0).any():
        raise ValueError(f"r must be positive (got r={r!r})")
    if np.ndim(N) == 0 and not isinstance(N, list | tuple):
        Na = np.asarray(float(_check_N(N)))          # any integer, e.g. 10**30 (as a float: exact enough here)
    else:
        Na = _v.check_array(N, "N")
        if (Na != np.floor(Na)).any() or (Na < 2).any():
            raise ValueError(f"N must hold integers of at least 2 (got N={N!r})")
    lr = np.log(ra)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = np.where(lr == 0, 1.0 / Na, np.expm1(-lr) / np.expm1(-Na * lr))
    out = np.nan_to_num(out, nan=0.0)
    return float(out) if out.ndim == 0 else out


constant_fitness_fixation.formula = _CONSTANT_FITNESS  # LaTeX: constant_fitness_fixation.formula.latex()


# ----------------------------------------------------------------------------------------------------------------
# game-based fixation, batched over pairs, in log space
# ----------------------------------------------------------------------------------------------------------------
def _log_fixation(a, b, c, d, N: int, selection: float, process: str, chunk_cells: int = 2_000_000):
    """The logarithm log rho_A for arrays a, b, c, d (mutant A against resident B), shape (m,)."""
    a, b, c, d = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (a, b, c, d))
    m = a.shape[0]
    out = np.empty(m)
    step = max(1, chunk_cells // max(N - 1, 1))
    i = np.arange(1, N, dtype=float)
    for lo in range(0, m, step):
        sl = slice(lo, lo + step)
        pa = (a[sl, None] * (i - 1) + b[sl, None] * (N - i)) / (N - 1)
        pb = (c[sl, None] * i + d[sl, None] * (N - i - 1)) / (N - 1)
        if process == "moran":
            f = 1 - selection + selection * pa
            g = 1 - selection + selection * pb
            if (f <= 0).any() or (g <= 0).any():
                raise ValueError(f"fitness 1 - w + w*payoff must be positive for every composition; lower the "
                                 f"selection intensity or shift the payoffs (got selection={selection:g})")
            L = np.cumsum(np.log(g) - np.log(f), axis=1)
        else:
            # -beta * sum(pa - pb): multiply after summing, so that a huge beta (1e308) overflows to the right
            # infinity (the strong-selection limit) instead of adding +inf and -inf into NaN
            diff = pa - pb
            D = np.cumsum(diff, axis=1)
            # round-off of the partial sums, relative to the payoff scale: below it a sum is a tie (exactly 0)
            noise = 4 * np.finfo(float).eps * np.arange(1, N) * np.abs(diff).max(axis=1, keepdims=True)
            D = np.where(np.abs(D) <= noise, 0.0, D)
            with np.errstate(over="ignore", invalid="ignore"):
                L = -selection * D
            L = np.where(np.isnan(L), 0.0, L)          # 0 * inf: neutral step
        L = np.concatenate([np.zeros((L.shape[0], 1)), L], axis=1)
        top = L.max(axis=1, keepdims=True)
        with np.errstate(invalid="ignore"):
            lse = top[:, 0] + np.log(np.exp(L - top).sum(axis=1))
        # log rho below -1.8e308 is not representable: keep it at -max_float (rho = 0.0) rather than -inf, so the
        # stationary distribution's log-space reduction still sees a (vanishingly) possible transition
        lse = np.where(np.isposinf(top[:, 0]) | (lse > np.finfo(float).max), np.finfo(float).max, lse)
        out[sl] = -lse
    return out


def _exact_fixation(a, b, c, d, N: int, selection, process: str):
    sympy = _v.sympy()

    from .symbolic import to_sympy

    def exact(v):
        if isinstance(v, float | np.floating):
            return sympy.Rational(repr(float(v)))  # the decimal the user typed, exactly
        return to_sympy(v)

    a, b, c, d, w = (exact(v) for v in (a, b, c, d, selection))
    total = sympy.Integer(1)
    prod = sympy.Integer(1)
    if process == "moran":
        for i in range(1, N):
            pa = (a * (i - 1) + b * (N - i)) / (N - 1)
            pb = (c * i + d * (N - i - 1)) / (N - 1)
            prod = prod * (1 - w + w * pb) / (1 - w + w * pa)
            total += prod
    else:
        expo = sympy.Integer(0)
        for i in range(1, N):
            pa = (a * (i - 1) + b * (N - i)) / (N - 1)
            pb = (c * i + d * (N - i - 1)) / (N - 1)
            expo += pa - pb
            total += sympy.exp(-w * expo)
    out = 1 / total
    return out if out.is_Rational else sympy.simplify(out)


def fixation_probability(matrix, N, *, selection, process: str = "moran", exact: bool = False):
    r"""Probability that a single A mutant takes over a population of :math:`N - 1` B players.

    ``matrix`` is :math:`\begin{pmatrix} a & b\\ c & d\end{pmatrix}` (row: the mutant's strategy A against A and B;
    second row: B against A and B). With :math:`\pi_A(i), \pi_B(i)` the average payoffs without self-interaction:

    .. math::

        \rho_A = \Bigl(1 + \sum_{k=1}^{N-1}\prod_{i=1}^{k}\frac{g_i}{f_i}\Bigr)^{-1}, \qquad
        \frac{g_i}{f_i} = \begin{cases} \dfrac{1 - w + w\pi_B(i)}{1 - w + w\pi_A(i)} & \text{Moran} \\[1ex]
        e^{-\beta[\pi_A(i) - \pi_B(i)]} & \text{Fermi} \end{cases}

    Parameters
    ----------
    matrix : 2x2 array-like
    N : int >= 2
    selection : float
        Intensity of selection: :math:`w \in [0, 1]` (Moran) or :math:`\beta \ge 0` (Fermi).
    process : {"moran", "fermi"}
    exact : bool
        Rational arithmetic (sympy) for exact payoffs and selection; Fermi returns an expression in ``exp``.

    Returns
    -------
    float, or a sympy number when ``exact=True``.

    References
    ----------
    Nowak, M. A., Sasaki, A., Taylor, C. & Fudenberg, D. (2004). Emergence of cooperation and evolutionary
    stability in finite populations. *Nature* 428, 646–650.

    Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and fixation. *Physical
    Review E* 74, 011909.

    Examples
    --------
    >>> round(fixation_probability([[3, 0], [5, 1]], 10, selection=0.1), 6)   # a cooperator among defectors
    0.043152
    >>> fixation_probability([[3, 0], [5, 1]], 3, selection=0.5, exact=True)
    5/73
    """
    arr, _ = _check_matrix(matrix, square_k=2)
    N = _check_N(N)
    process = _check_process(process)
    w = _check_selection(selection, process)
    if exact or is_symbolic(arr) or is_symbolic(w):
        return _exact_fixation(arr[0, 0], arr[0, 1], arr[1, 0], arr[1, 1], N, w, process)
    return float(np.exp(_log_fixation(arr[0, 0], arr[0, 1], arr[1, 0], arr[1, 1], N, w, process)[0]))


def fixation_matrix(matrix, N, *, selection, process: str = "fermi", log: bool = False):
    r"""All pairwise fixation probabilities of a k-strategy game: entry :math:`(i, j)` is :math:`\rho_{ij}`.

    :math:`\rho_{ij}` is the probability that one :math:`j` mutant takes over a population of :math:`i`; it uses
    the 2x2 game :math:`\begin{pmatrix} A_{jj} & A_{ji}\\ A_{ij} & A_{ii}\end{pmatrix}` in
    :func:`fixation_probability`. All :math:`k(k-1)` pairs are computed in one batched pass. The diagonal is 0.

    .. math::

        \rho_{ij} = \rho_{j \to i}\bigl(A_{jj}, A_{ji}, A_{ij}, A_{ii}\bigr)

    Parameters
    ----------
    log : bool
        Return :math:`\log\rho_{ij}` (diagonal ``-inf``), which never underflows.

    References
    ----------
    Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations. *Journal of Economic Theory*
    131, 251–262.

    Examples
    --------
    >>> fixation_matrix([[3, 0], [5, 1]], 10, selection=0.0).round(3).tolist()
    [[0.0, 0.1], [0.1, 0.0]]
    """
    arr, _ = _check_matrix(matrix)
    N = _check_N(N)
    process = _check_process(process)
    w = _check_selection(selection, process)
    k = arr.shape[0]
    I, J = np.nonzero(~np.eye(k, dtype=bool))
    lr = _log_fixation(arr[J, J], arr[J, I], arr[I, J], arr[I, I], N, w, process)
    out = np.full((k, k), -np.inf)
    out[I, J] = lr
    return out if log else np.exp(out)


def _gth_log(logP: np.ndarray) -> np.ndarray:
    """Stationary distribution of a Markov chain from log transition probabilities (off-diagonal), log-space GTH.

    Grassmann, Taksar & Heyman (1985): state reduction with additions, multiplications and divisions of positive
    numbers only, done here with logs, so rates that differ by thousands of orders of magnitude are exact.
    """
    from numpy import logaddexp

    n = logP.shape[0]
    P = logP.copy()
    np.fill_diagonal(P, -np.inf)
    for m in range(n - 1, 0, -1):
        row = P[m, :m]
        top = row.max()
        S = top + np.log(np.exp(row - top).sum()) if np.isfinite(top) else -np.inf
        if not np.isfinite(S):
            raise ValueError("the embedded chain is reducible: a monomorphic state cannot be left")
        P[:m, m] -= S
        P[:m, :m] = logaddexp(P[:m, :m], P[:m, m][:, None] + P[m, :m][None, :])
    logx = np.full(n, -np.inf)
    logx[0] = 0.0
    for j in range(1, n):
        terms = logx[:j] + P[:j, j]
        top = terms.max()
        logx[j] = top + np.log(np.exp(terms - top).sum())
    top = logx.max()
    x = np.exp(logx - top)
    return x / x.sum()


@dataclass(repr=False)
class StationaryDistribution(Result):
    r"""Rare-mutation stationary distribution over monomorphic states, with the fixation probabilities behind it."""

    strategies: list
    distribution: Any
    fixation: Any
    N: int
    selection: Any
    process: str
    title: str | None = "Stationary distribution (rare mutations)"

    def to_frame(self):
        """The stationary distribution, one row per ``strategy`` with its ``probability``."""
        import pandas as pd

        dist = [float(v) for v in self.distribution]
        return pd.DataFrame({"strategy": self.strategies, "probability": dist})

    def fixation_frame(self):
        r"""The fixation probabilities :math:`\rho_{ij}` (row: resident, column: mutant) as a DataFrame."""
        import pandas as pd

        return pd.DataFrame(np.asarray(self.fixation, dtype=float) if not isinstance(self.fixation, list)
                            else self.fixation, index=self.strategies, columns=self.strategies)


def stationary_distribution(matrix, N, *, selection, process: str = "fermi", exact: bool = False,
                            strategies=None) -> StationaryDistribution:
    r"""Stationary distribution over k strategies in the limit of rare mutations (Fudenberg & Imhof 2006).

    Mutations are so rare that the population is monomorphic except while one mutant fixes or dies out. The
    embedded chain over the :math:`k` monomorphic states moves from :math:`i` to :math:`j` with probability
    :math:`\rho_{ij}/(k-1)`:

    .. math::

        T_{ij} = \frac{\rho_{ij}}{k-1}\ (j \ne i), \qquad T_{ii} = 1 - \sum_{j\ne i} T_{ij}, \qquad
        \sigma T = \sigma .

    :math:`\sigma` is computed from :math:`\log\rho_{ij}` by the Grassmann–Taksar–Heyman algorithm in log space
    (no subtraction, no underflow), stable for :math:`N` up to :math:`10^5`; ``exact=True`` solves it in rational
    arithmetic (sympy) for small :math:`N`.

    Parameters
    ----------
    matrix : k x k array-like or DataFrame
        Payoff of the row strategy against the column strategy.
    N : int >= 2
    selection : float
        :math:`\beta \ge 0` (Fermi) or :math:`w \in [0, 1]` (Moran).
    process : {"fermi", "moran"}
    strategies : list of str, optional
        Names (default: the DataFrame index, or ``s0, s1, ...``).

    References
    ----------
    Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations. *Journal of Economic Theory*
    131, 251–262.

    Imhof, L. A., Fudenberg, D. & Nowak, M. A. (2005). Evolutionary cycles of cooperation and defection. *PNAS*
    102(31), 10797–10800.

    Grassmann, W. K., Taksar, M. I. & Heyman, D. P. (1985). Regenerative analysis and steady state distributions
    for Markov chains. *Operations Research* 33(5), 1107–1116.

    Examples
    --------
    >>> res = stationary_distribution([[3, 0], [5, 1]], 20, selection=1.0)
    >>> res.to_frame().round(4)
      strategy  probability
    0       s0          0.0
    1       s1          1.0
    >>> stationary_distribution([[1, 0], [0, 1]], 4, selection=0, exact=True).distribution
    [1/2, 1/2]
    """
    arr, names = _check_matrix(matrix)
    N = _check_N(N)
    process = _check_process(process)
    w = _check_selection(selection, process)
    k = arr.shape[0]
    if strategies is not None:
        names = [str(s) for s in strategies]
        if len(names) != k:
            raise ValueError(f"strategies must name all {k} strategies (got {len(names)})")
    names = names or [f"s{i}" for i in range(k)]
    if exact or is_symbolic(arr) or is_symbolic(w):
        sympy = _v.sympy()

        rho = [[sympy.Integer(0) if i == j else
                _exact_fixation(arr[j, j], arr[j, i], arr[i, j], arr[i, i], N, w, process) for j in range(k)]
               for i in range(k)]
        T = sympy.Matrix(k, k, lambda i, j: rho[i][j] / (k - 1) if i != j else 0)
        for i in range(k):
            T[i, i] = 1 - sum(T[i, j] for j in range(k) if j != i)
        A = (T.T - sympy.eye(k))
        A[k - 1, :] = sympy.ones(1, k)  # k - 1 balance equations and the normalisation
        rhs = sympy.zeros(k, 1)
        rhs[k - 1, 0] = 1
        sol = A.LUsolve(rhs)
        dist = list(sol)  # rational for the Moran process; exp expressions (unsimplified) for Fermi
        return StationaryDistribution(names, dist, rho, N, w, process)
    logrho = fixation_matrix(arr, N, selection=w, process=process, log=True)
    dist = _gth_log(logrho)
    return StationaryDistribution(names, dist, np.exp(logrho), N, w, process)


# ----------------------------------------------------------------------------------------------------------------
# Monte-Carlo
# ----------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class FixationSimulation(MonteCarloResult):
    r"""Monte-Carlo estimate of a fixation probability: estimate, standard error, number of runs and seed.

    Unpacks as ``estimate, stderr = simulate_fixation(...)``. Runs still going after ``max_steps`` are counted
    with their exact absorption probability :math:`\phi(i)` from their current state (a conditional expectation, so
    the estimate stays unbiased) and reported in ``unfinished``: never silently as extinctions.
    """

    fixed: int
    runs: int
    N: int
    selection: float
    process: str
    seed: Any
    unfinished: int = 0
    partial: float = 0.0
    partial_sq: float = 0.0
    title: str | None = "Monte-Carlo fixation"

    @property
    def n_runs(self) -> int:
        """Number of runs (the same as ``runs``)."""
        return self.runs

    @property
    def estimate(self) -> float:
        r"""The estimated fixation probability.

        Fixed runs count 1, unfinished runs their exact absorption probability :math:`\phi(i)`; the sum is divided by
        the number of runs.
        """
        return (self.fixed + self.partial) / self.runs

    @property
    def stderr(self) -> float:
        r"""Standard error of :attr:`estimate`.

        The square root of the sample variance of the per-run outcomes over the number of runs; when every run finished
        it is the binomial :math:`\sqrt{p(1-p)/\text{runs}}`.
        """
        p = self.estimate
        var = (self.fixed + self.partial_sq) / self.runs - p * p
        return float(np.sqrt(max(var, p * (1 - p) if not self.unfinished else 0.0, 1e-300) / self.runs))

    def to_frame(self):
        """The estimate as a one-row DataFrame.

        Returns
        -------
        pandas.DataFrame
            Columns ``estimate``, ``stderr``, ``fixed``, ``runs``, ``unfinished``, the population size ``N``, the
            ``process`` and the ``seed``.
        """
        import pandas as pd

        return pd.DataFrame({"estimate": [self.estimate], "stderr": [self.stderr], "fixed": [self.fixed],
                             "runs": [self.runs], "unfinished": [self.unfinished], "N": [self.N],
                             "process": [self.process], "seed": [self.seed]})


def _absorption(up: np.ndarray) -> np.ndarray:
    r"""Probability :math:`\phi(i)` of reaching N before 0 from each state i = 0..N of a birth-death chain.

    The chain has up-probabilities ``up`` (index by state; ``up[0] = 0``, ``up[N] = 1``); computed in log space.
    """
    inner = np.clip(up[1:-1], np.finfo(float).tiny, np.nextafter(1.0, 0.0))
    with np.errstate(divide="ignore"):
        lr = np.log1p(-inner) - np.log(inner)           # log of down/up
    L = np.concatenate([[0.0], np.cumsum(lr)])           # log prod_{j<=k} ratio, k = 0..N-1
    top = L.max()
    w = np.exp(L - top)
    c = np.concatenate([[0.0], np.cumsum(w)])            # phi(i) = sum_{k<i} w_k / sum_k w_k
    return c / c[-1]


def simulate_fixation(matrix, N, *, selection, process: str = "moran", runs: int = 10000, rng=None,
                      max_steps: int = 10_000_000) -> FixationSimulation:
    r"""Monte-Carlo fixation of one A mutant, all runs advanced together (vectorised over runs).

    Self-loops do not change the outcome, so each step moves the mutant count up with the embedded-chain
    probability

    .. math::

        \Pr(i \to i+1 \mid i \to i\pm1) = \frac{T^+_i}{T^+_i + T^-_i} = \begin{cases}
        \dfrac{f_i}{f_i + g_i} & \text{Moran} \\[1ex]
        \dfrac{1}{1 + e^{-\beta(\pi_A(i) - \pi_B(i))}} & \text{Fermi} \end{cases}

    until every run has fixed or died out, or ``max_steps`` steps have been made; runs still going then are
    reported (``unfinished``) and counted with their exact absorption probability.

    Returns
    -------
    FixationSimulation
        ``estimate``, ``stderr``, ``runs``, ``seed`` (replays the run, also with ``rng=None``); unpacks as
        ``m, se``.

    References
    ----------
    Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and fixation. *Physical
    Review E* 74, 011909.

    Examples
    --------
    >>> sim = simulate_fixation([[1, 1], [1, 1]], 5, selection=0.5, runs=4000, rng=0)
    >>> abs(sim.estimate - 0.2) < 4 * sim.stderr
    True
    >>> m, se = sim
    """
    arr, _ = _check_matrix(matrix, square_k=2)
    N = _check_N(N)
    process = _check_process(process)
    w = _check_selection(selection, process)
    runs = _v.check_positive_int(runs, "runs")
    max_steps = _v.check_positive_int(max_steps, "max_steps")
    _v.check_size(runs, "runs", item_bytes=64)
    _v.check_size(N, "N", item_bytes=64)
    a, b, c, d = (float(v) for v in arr.ravel())
    i = np.arange(1, N, dtype=float)
    pa = (a * (i - 1) + b * (N - i)) / (N - 1)
    pb = (c * i + d * (N - i - 1)) / (N - 1)
    if process == "moran":
        f, g = 1 - w + w * pa, 1 - w + w * pb
        if (f <= 0).any() or (g <= 0).any():
            raise ValueError(f"fitness 1 - w + w*payoff must be positive (got selection={w:g})")
        up = f / (f + g)
    else:
        with np.errstate(over="ignore"):
            up = 1 / (1 + np.exp(-w * (pa - pb)))
    up = np.concatenate([[0.0], up, [1.0]])  # index by mutant count
    gen, seed = _v.as_rng(rng)
    state = np.ones(runs, dtype=np.int64)
    active = np.arange(runs)
    steps = 0
    while active.size and steps < max_steps:
        s = state[active]
        move = np.where(gen.random(active.size) < up[s], 1, -1)
        state[active] = s + move
        active = active[(state[active] > 0) & (state[active] < N)]
        steps += 1
    fixed = int((state == N).sum())
    partial = partial_sq = 0.0
    if active.size:
        phi = _absorption(up)[state[active]]
        partial, partial_sq = float(phi.sum()), float((phi * phi).sum())
    return FixationSimulation(fixed, runs, N, w, process, seed, int(active.size), partial, partial_sq)
