r"""Memory-one strategies with exact payoffs, the prisoner's dilemma with an exit option, and the bridge to axelrod.

A *memory-one* strategy is a vector :math:`p = (p_{CC}, p_{CD}, p_{DC}, p_{DD})`: the probability of cooperating
after each outcome of the previous round, seen from the player's own side (own move first), plus the probability
:math:`p_0` of cooperating in the first round (by default :math:`p_{CC}`, so TFT opens with C and ALLD with D).
Two such strategies define a Markov chain on the four outcomes; its average, discounted or finite-horizon payoffs are
computed exactly, for every pair of a tournament in one batched computation (no simulation).

Execution noise :math:`\varepsilon` (each intended move is flipped with probability :math:`\varepsilon`, as in
axelrod) turns every probability :math:`p` into :math:`(1-\varepsilon)p + \varepsilon(1-p)`, the first move
included.

The module also holds the prisoner's dilemma with an *exit option* (conditional dissociation; Izquierdo, Izquierdo &
Vega-Redondo 2010, 2014): firms in pairs may leave their partner after each round, singles are re-matched at
random, and firms die and are replaced by newcomers who copy strategies in proportion to payoffs. It has a
vectorised agent-based simulation and a mean-field steady state.

Prisoner's dilemma payoffs are passed by keyword, ``T, R, P, S`` (defaults 5, 3, 1, 0); the tuple
``payoffs=(R, S, T, P)`` of earlier versions still works, with a ``DeprecationWarning``. The exit game lives in
:mod:`clustergames.exitgame` and is re-exported here.

axelrod is imported only inside the functions that need it (it takes seconds to import).

References
----------
Nowak, M. A. & Sigmund, K. (1990). The evolution of stochastic strategies in the prisoner's dilemma. *Acta
Applicandae Mathematicae* 20, 247–265.

Press, W. H. & Dyson, F. J. (2012). Iterated prisoner's dilemma contains strategies that dominate any evolutionary
opponent. *PNAS* 109(26), 10409–10413.

Izquierdo, S. S., Izquierdo, L. R. & Vega-Redondo, F. (2010). The option to leave: conditional dissociation in the
evolution of cooperation. *Journal of Theoretical Biology* 267(1), 76–84.

Izquierdo, L. R., Izquierdo, S. S. & Vega-Redondo, F. (2014). Leave and let leave: a sufficient condition to explain
the evolutionary emergence of cooperation. *Journal of Economic Dynamics and Control* 46, 91–113.

Examples
--------
>>> import clustergames as cg
>>> t = cg.tournaments
>>> sx, sy = t.memory_one_payoffs(t.TFT, t.WSLS, noise=0.0)
>>> float(sx), float(sy)
(3.0, 3.0)
>>> res = t.exact_tournament({"TFT": t.TFT, "ALLD": t.ALLD}, noise=0.05)
>>> res.ranking["name"].tolist()
['TFT', 'ALLD']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validation as _v
from ._payoffs import DEFAULT_PAYOFFS, _pd, _pd_payoffs  # noqa: F401  (DEFAULT_PAYOFFS is public here)
from .exitgame import (  # noqa: F401  (re-exported: cg.tournaments.simulate_exit_game keeps working)
    EXIT_STRATEGIES,
    ExitSimulation,
    ExitStrategy,
    exit_cooperation,
    exit_critical_survival,
    exit_mean_field,
    simulate_exit_game,
)
from .results import Result

__all__ = [
    "MemoryOne", "ALLC", "ALLD", "TFT", "GTFT", "WSLS", "GRIM", "gtft", "zd_extortion", "named_strategies",
    "memory_one_payoffs", "memory_one_distribution", "exact_tournament", "TournamentResult", "simulate_tournament",
    "to_axelrod", "from_axelrod", "axelrod_tournament", "axelrod_moran", "DEFAULT_PAYOFFS", "STATES",
]
# the exit game (ExitStrategy, EXIT_STRATEGIES, simulate_exit_game, ExitSimulation, exit_mean_field,
# exit_cooperation, exit_critical_survival) is documented in clustergames.exitgame and re-exported here


#: state order of the four-state chain, from the focal player's side
STATES = ("CC", "CD", "DC", "DD")


# ----------------------------------------------------------------------------------------------------------------
# memory-one strategies
# ----------------------------------------------------------------------------------------------------------------
def _check_prob_vector(vec: Any, name: str, lengths=(4, 5)) -> np.ndarray:
    if isinstance(vec, str | bytes):
        raise TypeError(f"{name} must be a memory-one vector of probabilities (got {vec!r})")
    try:
        arr = np.asarray(vec, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a memory-one vector of probabilities (got {vec!r})") from None
    if arr.ndim == 0 or arr.shape[-1] not in lengths:
        raise ValueError(f"{name} must have length {' or '.join(map(str, lengths))} "
                         f"(p_CC, p_CD, p_DC, p_DD[, first move]) (got shape {arr.shape})")
    if np.isnan(arr).any() or (arr < 0).any() or (arr > 1).any():
        raise ValueError(f"{name} must hold probabilities in [0, 1] (got {vec!r})")
    return arr


@dataclass(frozen=True)
class MemoryOne:
    r"""A memory-one strategy: cooperation probabilities after CC, CD, DC, DD (own move first) and the first move.

    Parameters
    ----------
    vector : sequence of 4 floats
        :math:`(p_{CC}, p_{CD}, p_{DC}, p_{DD})`.
    initial : float, optional
        Probability of cooperating in the first round; defaults to :math:`p_{CC}`.
    name : str, optional
        Display name.

    Notes
    -----
    As an array (``np.asarray(strategy)``) a strategy is the five-vector
    :math:`(p_{CC}, p_{CD}, p_{DC}, p_{DD}, p_0)`, which every function of this module accepts.

    .. math::

        \Pr(\text{C at } t+1 \mid \text{outcome } xy \text{ at } t) = p_{xy}, \qquad \Pr(\text{C at } 1) = p_0 .

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1990). The evolution of stochastic strategies in the prisoner's dilemma. *Acta
    Applicandae Mathematicae* 20, 247–265.

    Examples
    --------
    >>> MemoryOne((1, 0, 1, 0), name="TFT").as_array().tolist()
    [1.0, 0.0, 1.0, 0.0, 1.0]
    >>> MemoryOne((1, 0, 1, 0), initial=0).initial
    0.0
    """

    vector: tuple[float, float, float, float]
    initial: float | None = None
    name: str = "memory-one"

    def __post_init__(self):
        vec = _check_prob_vector(self.vector, "vector", lengths=(4,))
        if vec.ndim != 1:
            raise ValueError(f"vector must be one memory-one vector of length 4 (got shape {vec.shape})")
        init = vec[0] if self.initial is None else self.initial
        if not isinstance(init, int | float | np.floating | np.integer) or not 0.0 <= float(init) <= 1.0:
            raise ValueError(f"initial must be a probability in [0, 1] (got initial={self.initial!r})")
        object.__setattr__(self, "vector", tuple(float(v) for v in vec))
        object.__setattr__(self, "initial", float(init))

    def as_array(self) -> np.ndarray:
        """The five-vector ``(p_CC, p_CD, p_DC, p_DD, p_0)``."""
        return np.array([*self.vector, self.initial])

    def __array__(self, dtype=None, copy=None):
        return self.as_array().astype(dtype) if dtype is not None else self.as_array()

    def to_axelrod(self):
        """An equivalent axelrod player (see :func:`to_axelrod`)."""
        return to_axelrod(self)


ALLC = MemoryOne((1, 1, 1, 1), name="ALLC")
ALLD = MemoryOne((0, 0, 0, 0), name="ALLD")
TFT = MemoryOne((1, 0, 1, 0), name="TFT")
WSLS = MemoryOne((1, 0, 0, 1), name="WSLS")
#: memory-one grim trigger: cooperates only after mutual cooperation (so it never forgives, even its own errors)
GRIM = MemoryOne((1, 0, 0, 0), name="GRIM")


def gtft(payoffs=None, generosity: float | None = None, *, T=None, R=None, P=None, S=None) -> MemoryOne:
    r"""Generous tit-for-tat: cooperate after C, forgive a defection with probability :math:`g`.

    The default generosity is the largest that still keeps defectors from invading (Nowak & Sigmund 1992):

    .. math::

        g = \min\left(1 - \frac{T - R}{R - S}, \frac{R - P}{T - P}\right), \qquad p = (1, g, 1, g).

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1992). Tit for tat in heterogeneous populations. *Nature* 355, 250–253.

    Examples
    --------
    >>> gtft().vector
    (1.0, 0.3333333333333333, 1.0, 0.3333333333333333)
    """
    R, S, T, P = _pd(payoffs, T, R, P, S, where="gtft")
    if generosity is None:
        if not (T > R > P > S):
            raise ValueError(f"GTFT's default generosity needs a prisoner's dilemma T > R > P > S "
                             f"(got R={R:g}, S={S:g}, T={T:g}, P={P:g})")
        generosity = max(0.0, min(1 - (T - R) / (R - S), (R - P) / (T - P)))
    if not 0 <= generosity <= 1:
        raise ValueError(f"generosity must lie in [0, 1] (got generosity={generosity!r})")
    return MemoryOne((1.0, generosity, 1.0, generosity), initial=1.0, name="GTFT")


GTFT = gtft()


def zd_extortion(chi: float, phi: float | None = None, payoffs=None, *, T=None, R=None, P=None, S=None) -> MemoryOne:
    r"""The extortionate zero-determinant strategy of Press & Dyson (2012) with extortion factor :math:`\chi`.

    Against *any* opponent it enforces :math:`s_X - P = \chi (s_Y - P)`. With :math:`\tilde p = p - (1, 1, 0, 0)
    = \phi[(S_X - P) - \chi (S_Y - P)]`:

    .. math::

        p = \bigl(1 - \phi(\chi - 1)(R - P),\; 1 - \phi[\chi(T - P) + (P - S)],\;
        \phi[(T - P) + \chi(P - S)],\; 0\bigr),

    feasible for :math:`0 < \phi \le \phi_{\max} = \min\{1/[(\chi-1)(R-P)],\, 1/[\chi(T-P) + P - S],\,
    1/[(T-P) + \chi(P-S)]\}`. The default :math:`\phi = \phi_{\max}/2`. It opens with D (extortioners never start
    by cooperating; the relation holds for any first move).

    References
    ----------
    Press, W. H. & Dyson, F. J. (2012). Iterated prisoner's dilemma contains strategies that dominate any
    evolutionary opponent. *PNAS* 109(26), 10409–10413 (the example with :math:`\chi = 3`).

    Examples
    --------
    >>> from fractions import Fraction
    >>> [str(Fraction(v).limit_denominator(100)) for v in zd_extortion(3).vector]   # Press & Dyson (2012)
    ['11/13', '1/2', '7/26', '0']
    """
    R, S, T, P = _pd(payoffs, T, R, P, S, where="zd_extortion")
    if not (T > R > P > S):
        raise ValueError(f"zd_extortion needs a prisoner's dilemma T > R > P > S (got R={R:g}, S={S:g}, T={T:g}, "
                         f"P={P:g})")
    if not np.isfinite(chi) or chi < 1:
        raise ValueError(f"chi must be at least 1 (got chi={chi!r})")
    bounds = [1 / (chi * (T - P) + (P - S)), 1 / ((T - P) + chi * (P - S))]
    if chi > 1:
        bounds.append(1 / ((chi - 1) * (R - P)))
    phi_max = min(bounds)
    if phi is None:
        phi = phi_max / 2
    if not 0 < phi <= phi_max * (1 + 1e-12):
        raise ValueError(f"phi must lie in (0, {phi_max:.6g}] for chi={chi:g} (got phi={phi!r})")
    p = (1 - phi * (chi - 1) * (R - P), 1 - phi * (chi * (T - P) + (P - S)), phi * ((T - P) + chi * (P - S)), 0.0)
    p = tuple(float(np.clip(v, 0.0, 1.0)) for v in p)
    return MemoryOne(p, initial=0.0, name=f"ZD(chi={chi:g})")


def named_strategies(payoffs=None, *, T=None, R=None, P=None, S=None) -> dict[str, MemoryOne]:
    r"""The named memory-one strategies: ALLC, ALLD, TFT, GTFT, WSLS, GRIM and the extortioner ZD (chi = 3).

    .. math::

        \mathrm{TFT} = (1, 0, 1, 0),\quad \mathrm{WSLS} = (1, 0, 0, 1),\quad \mathrm{GRIM} = (1, 0, 0, 0).

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1993). A strategy of win-stay, lose-shift that outperforms tit-for-tat in the
    prisoner's dilemma game. *Nature* 364, 56–58.

    Examples
    --------
    >>> list(named_strategies())
    ['ALLC', 'ALLD', 'TFT', 'GTFT', 'WSLS', 'GRIM', 'ZD']
    """
    R, S, T, P = _pd(payoffs, T, R, P, S, where="named_strategies")
    zd = zd_extortion(3.0, T=T, R=R, P=P, S=S)
    return {"ALLC": ALLC, "ALLD": ALLD, "TFT": TFT, "GTFT": gtft(T=T, R=R, P=P, S=S), "WSLS": WSLS, "GRIM": GRIM,
            "ZD": MemoryOne(zd.vector, zd.initial, "ZD")}


# ----------------------------------------------------------------------------------------------------------------
# the four-state chain, batched
# ----------------------------------------------------------------------------------------------------------------
def _as_five(vec: Any, name: str) -> np.ndarray:
    """Array of shape (..., 5): (p_CC, p_CD, p_DC, p_DD, p_0); a 4-vector opens with p_CC."""
    if isinstance(vec, MemoryOne):
        return vec.as_array()
    if isinstance(vec, Sequence) and vec and all(isinstance(v, MemoryOne) for v in vec):
        return np.stack([v.as_array() for v in vec])
    arr = _check_prob_vector(vec, name)
    if arr.shape[-1] == 4:
        arr = np.concatenate([arr, arr[..., :1]], axis=-1)
    return arr


def _check_noise(noise) -> float:
    return _v.check_probability(noise, "noise")


def _chain(p5: np.ndarray, q5: np.ndarray, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Initial distribution v0 (..., 4) and transition matrices M (..., 4, 4) in X's state order.

    Defection probabilities are computed directly as (1-e)(1-p) + e p, not as 1 minus the cooperation
    probability, so tiny noise keeps full relative precision.
    """
    pc = (1 - noise) * p5 + noise * (1 - p5)
    pd = (1 - noise) * (1 - p5) + noise * p5
    qc = (1 - noise) * q5 + noise * (1 - q5)
    qd = (1 - noise) * (1 - q5) + noise * q5
    pc, pd, qc, qd = np.broadcast_arrays(pc, pd, qc, qd)
    perm = [0, 2, 1, 3]  # Y sees CD as DC
    px, pxd = pc[..., :4], pd[..., :4]
    qy, qyd = qc[..., perm], qd[..., perm]
    M = np.stack([px * qy, px * qyd, pxd * qy, pxd * qyd], axis=-1)
    p0, p0d, q0, q0d = pc[..., 4], pd[..., 4], qc[..., 4], qd[..., 4]
    v0 = np.stack([p0 * q0, p0 * q0d, p0d * q0, p0d * q0d], axis=-1)
    return v0, M


def _gth(M: np.ndarray) -> np.ndarray:
    """Stationary distributions of a batch of irreducible 4x4 stochastic matrices (GTH state reduction)."""
    P = M.copy()
    n = P.shape[-1]
    for m in range(n - 1, 0, -1):
        S = P[:, m, :m].sum(axis=-1)
        P[:, :m, m] /= S[:, None]
        P[:, :m, :m] += P[:, :m, m, None] * P[:, m, None, :m]
    x = np.zeros(P.shape[:2])
    x[:, 0] = 1.0
    for j in range(1, n):
        x[:, j] = (x[:, :j] * P[:, :j, j]).sum(axis=-1)
    return x / x.sum(axis=-1, keepdims=True)


def _cesaro(v0: np.ndarray, M: np.ndarray) -> np.ndarray:
    r"""Long-run (Cesàro) average distribution :math:`\lim_n \frac1n\sum_{t<n} v_0 M^t`, batched.

    Irreducible chains: the unique stationary distribution, by the Grassmann-Taksar-Heyman state reduction
    (no subtractions, so accurate even for noise of 1e-15, where a linear solve loses digits). Chains with
    transient states or several closed classes (deterministic strategies without noise): :math:`v_0 \Pi` with
    :math:`\Pi = \lim_k L^{2^k}`, :math:`L = (I + M)/2` (the lazy chain is aperiodic and has the same spectral
    projector for the eigenvalue 1 as M), by repeated squaring with rows renormalised.
    """
    shape = M.shape[:-2]
    Mf = M.reshape(-1, 4, 4)
    v0f = v0.reshape(-1, 4)
    out = np.empty_like(v0f)
    reach = (Mf > 0) | np.eye(4, dtype=bool)
    r = reach.astype(np.int64)
    for _ in range(2):
        r = np.minimum(r @ r, 1)
    irreducible = r.reshape(len(r), -1).all(axis=1)
    if irreducible.any():
        with np.errstate(all="ignore"):
            pi = _gth(Mf[irreducible])
        ok = np.isfinite(pi).all(axis=1)
        idx = np.nonzero(irreducible)[0]
        out[idx[ok]] = pi[ok]
        irreducible[idx[~ok]] = False  # subnormal rates (e.g. 1e-320): fall back to the Cesaro projector below
    red = ~irreducible
    if red.any():
        L = 0.5 * (np.eye(4) + Mf[red])
        for _ in range(80):
            L2 = L @ L
            L2 /= L2.sum(axis=-1, keepdims=True)
            if np.max(np.abs(L2 - L)) < 1e-15:
                L = L2
                break
            L = L2
        out[red] = np.einsum("bi,bij->bj", v0f[red], L)
    return out.reshape(*shape, 4)


def _discounted(v0: np.ndarray, M: np.ndarray, w: float) -> np.ndarray:
    r"""Normalised discounted distribution :math:`(1-w)\, v_0 (I - wM)^{-1}`, batched.

    It is the stationary distribution of the *restart chain* :math:`K = wM + (1-w)\mathbf 1 v_0` (continue with
    probability :math:`w`, restart from :math:`v_0` otherwise), computed by GTH state reduction: no subtraction,
    so it stays accurate as :math:`w \to 1`, where :math:`I - wM` is nearly singular and a linear solve loses
    :math:`\log_{10}\kappa` digits. A state where :math:`v_0` has the most mass is put first, so every state
    reduced reaches it and the reduction never divides by zero.
    """
    shape = M.shape[:-2]
    Mf = M.reshape(-1, 4, 4)
    v0f = np.broadcast_to(v0, shape + (4,)).reshape(-1, 4)
    K = w * Mf + (1 - w) * v0f[:, None, :]
    first = np.argmax(v0f, axis=1)
    perm = np.array([[f] + [j for j in range(4) if j != f] for f in range(4)])[first]     # (b, 4)
    Kp = np.take_along_axis(np.take_along_axis(K, perm[:, :, None], axis=1), perm[:, None, :], axis=2)
    with np.errstate(all="ignore"):
        xp = _gth(Kp)
    x = np.empty_like(xp)
    np.put_along_axis(x, perm, xp, axis=1)
    return x.reshape(*shape, 4)


def memory_one_distribution(p, q, *, noise: float = 0.0, continuation: float | None = None,
                            turns: int | None = None) -> np.ndarray:
    r"""Distribution of the outcomes CC, CD, DC, DD (X's view) between memory-one strategies ``p`` and ``q``.

    Long-run average (``continuation=None``, ``turns=None``): the Cesàro limit
    :math:`v = \lim_{n\to\infty} \frac1n \sum_{t=0}^{n-1} v_0 M^t`, computed from the first move, so chains with
    several closed classes (TFT against TFT without noise) are right. Discounted with continuation probability
    :math:`w`:

    .. math::

        v = (1 - w)\, v_0 (I - wM)^{-1}.

    Over ``turns`` rounds: :math:`v = \frac1n\sum_{t=0}^{n-1} v_0 M^t`.

    Parameters
    ----------
    p, q : array-like, shape (..., 4) or (..., 5), or MemoryOne
        Each in its own perspective; a fifth entry is the first-move probability. Batched dimensions broadcast.
    noise : float
        Execution error: each move is flipped with this probability.
    continuation : float in [0, 1), optional
    turns : int, optional

    Returns
    -------
    ndarray, shape (..., 4)

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1990). The evolution of stochastic strategies in the prisoner's dilemma. *Acta
    Applicandae Mathematicae* 20, 247–265.

    Examples
    --------
    >>> memory_one_distribution(TFT, TFT, noise=0.1).round(6).tolist()
    [0.25, 0.25, 0.25, 0.25]
    >>> memory_one_distribution((1, 0, 1, 0, 1), (1, 0, 1, 0, 0)).round(6).tolist()  # TFT, TFT opening D
    [0.0, 0.5, 0.5, 0.0]
    """
    p5, q5 = _as_five(p, "p"), _as_five(q, "q")
    e = _check_noise(noise)
    if continuation is not None and turns is not None:
        raise ValueError("give at most one of continuation and turns (got both)")
    v0, M = _chain(p5, q5, e)
    if continuation is not None:
        w = _v.check_probability(continuation, "continuation", open_high=True)
        return _discounted(v0, M, w)
    if turns is not None:
        turns = _v.check_positive_int(turns, "turns")
        _v.check_size(turns * v0.size, "turns * pairs", item_bytes=8)
        v = v0.copy()
        acc = np.zeros_like(v0)
        for _ in range(int(turns)):
            acc += v
            v = np.einsum("...i,...ij->...j", v, M)
        return acc / turns
    return _cesaro(v0, M)


def memory_one_payoffs(p, q, *, T=None, R=None, P=None, S=None, noise: float = 0.0,
                       continuation: float | None = None, payoffs=None,
                       turns: int | None = None):
    r"""Expected per-round payoffs :math:`(s_X, s_Y)` of memory-one strategies ``p`` against ``q``.

    With :math:`v` from :func:`memory_one_distribution` (long-run average, normalised discounted, or over
    ``turns`` rounds) and :math:`S_X = (R, S, T, P)`, :math:`S_Y = (R, T, S, P)`:

    .. math::

        s_X = v \cdot S_X, \qquad s_Y = v \cdot S_Y .

    Parameters
    ----------
    p, q : array-like (..., 4) or (..., 5), or MemoryOne
        The two strategies, each in its own perspective; batched dimensions broadcast (a whole tournament is one
        call).
    T, R, P, S : float, keyword-only
        Prisoner's dilemma payoffs: temptation, reward, punishment, sucker (defaults 5, 3, 1, 0, Axelrod 1984).
        The tuple ``payoffs=(R, S, T, P)`` still works, with a ``DeprecationWarning``.
    noise : float in [0, 1]
    continuation : float in [0, 1), optional
        Continuation probability :math:`w`; payoffs are then :math:`(1-w)\sum_t w^t\,\mathrm{E}[\text{payoff}_t]`.
    turns : int, optional
        Expected average payoff over a match of this many rounds.

    Returns
    -------
    (s_X, s_Y) : floats or arrays

    References
    ----------
    Press, W. H. & Dyson, F. J. (2012). Iterated prisoner's dilemma contains strategies that dominate any
    evolutionary opponent. *PNAS* 109(26), 10409–10413.

    Examples
    --------
    >>> [round(float(s), 4) for s in memory_one_payoffs(TFT, TFT, noise=0.01)]   # (R + S + T + P) / 4
    [2.25, 2.25]
    >>> [round(float(s), 4) for s in memory_one_payoffs(TFT, ALLD, turns=10)]
    [0.9, 1.4]
    """
    R, S, T, P = _pd(payoffs, T, R, P, S, where="memory_one_payoffs")
    v = memory_one_distribution(p, q, noise=noise, continuation=continuation, turns=turns)
    sx = v @ np.array([R, S, T, P])
    sy = v @ np.array([R, T, S, P])
    if np.ndim(sx) == 0:
        return float(sx), float(sy)
    return sx, sy


# ----------------------------------------------------------------------------------------------------------------
# tournaments
# ----------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class TournamentResult(Result):
    r"""Exact round-robin tournament: expected per-round payoff of every row strategy against every column.

    ``payoff_matrix`` (DataFrame, row against column), ``ranking`` (DataFrame sorted by mean payoff over all
    opponents, self-play included as in axelrod), and the settings.
    """

    payoff_matrix: Any
    ranking: Any
    noise: float = 0.0
    payoffs: tuple = DEFAULT_PAYOFFS
    continuation: float | None = None
    turns: int | None = None
    title: str | None = "Exact memory-one tournament"

    def to_frame(self):
        """The ranking of the strategies by mean payoff (the ``ranking`` attribute)."""
        return self.ranking

    def tidy(self):
        """Long format: one row per (player, opponent) pair with the expected payoff."""
        df = self.payoff_matrix.stack().rename("payoff").reset_index()
        df.columns = ["player", "opponent", "payoff"]
        return df


def _strategy_table(strategies) -> tuple[list[str], np.ndarray]:
    if not isinstance(strategies, Mapping):
        raise TypeError(f"strategies must be a mapping from names to memory-one vectors "
                        f"(got {type(strategies).__name__})")
    if len(strategies) < 1:
        raise ValueError("strategies must name at least one strategy (got an empty mapping)")
    names = [str(k) for k in strategies]
    rows = []
    for name, vec in strategies.items():
        arr = _as_five(vec, f"strategies[{name!r}]")
        if arr.ndim != 1:
            raise ValueError(f"strategies[{name!r}] must be one vector (got shape {arr.shape})")
        rows.append(arr)
    return names, np.stack(rows)


def exact_tournament(strategies: Mapping[str, Any], *, noise: float = 0.0, payoffs=None, T=None, R=None, P=None, S=None,
                     continuation: float | None = None, turns: int | None = None) -> TournamentResult:
    r"""Round-robin tournament of memory-one strategies, computed exactly (one batched computation for all pairs).

    Entry :math:`(i, j)` of the payoff matrix is :math:`s_X` of :func:`memory_one_payoffs` for
    :math:`p = p^{(i)}, q = p^{(j)}`; the score of strategy :math:`i` is the mean over all :math:`j` (self-play
    included, as in axelrod's tournaments):

    .. math::

        \bar s_i = \frac1n \sum_{j=1}^n s_X(p^{(i)}, p^{(j)}).

    Parameters
    ----------
    strategies : mapping name -> memory-one vector (4 or 5 entries) or MemoryOne
    noise, T, R, P, S, continuation, turns
        As in :func:`memory_one_payoffs`. ``turns=200`` gives the expected value of an axelrod match of 200 turns.

    Returns
    -------
    TournamentResult

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Knight, V., Campbell, O., Harper, M. et al. (2016). An open framework for the reproducible study of the iterated
    prisoner's dilemma. *Journal of Open Research Software* 4(1), e35.

    Examples
    --------
    >>> res = exact_tournament(named_strategies(), noise=0.05)
    >>> res.payoff_matrix.loc["TFT", "TFT"].round(4)
    np.float64(2.25)
    >>> res.ranking.columns.tolist()
    ['rank', 'name', 'mean_payoff']
    """
    import pandas as pd

    names, table = _strategy_table(strategies)
    n = len(names)
    p = np.repeat(table[:, None, :], n, axis=1)
    q = np.repeat(table[None, :, :], n, axis=0)
    R, S, T, P = _pd(payoffs, T, R, P, S, where="exact_tournament")
    sx, _ = memory_one_payoffs(p, q, T=T, R=R, P=P, S=S, noise=noise, continuation=continuation, turns=turns)
    matrix = pd.DataFrame(np.asarray(sx), index=pd.Index(names, name="player"),
                          columns=pd.Index(names, name="opponent"))
    mean = matrix.mean(axis=1)
    order = np.argsort(-mean.to_numpy(), kind="stable")
    ranking = pd.DataFrame({"rank": np.arange(1, n + 1), "name": [names[i] for i in order],
                            "mean_payoff": mean.to_numpy()[order]})
    return TournamentResult(matrix, ranking, noise=float(noise), payoffs=(R, S, T, P),
                            continuation=continuation, turns=turns)


def _positive_ints(**values: Any) -> None:
    """Raise a ValueError/TypeError naming the first argument that is not a positive integer."""
    for k, v in values.items():
        _v.check_positive_int(v, k)


def simulate_tournament(strategies: Mapping[str, Any], *, noise: float = 0.0, T=None, R=None, P=None, S=None,
                        payoffs=None,
                        turns: int = 200, repetitions: int = 20, rng=None):
    r"""Monte-Carlo round robin of memory-one strategies, all matches and repetitions advanced together.

    Each match of ``turns`` rounds is played move by move (moves drawn with the noisy probabilities
    :math:`(1-\varepsilon)p + \varepsilon(1-p)`), vectorised over all ordered pairs and repetitions. Returns the
    same tidy DataFrame as :func:`axelrod_tournament` (``mean``, ``std`` over repetitions and the 99% interval
    :math:`\bar x \pm 2.576\, s/\sqrt{n}`), a cross-check of :func:`exact_tournament` that needs no axelrod.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> df = simulate_tournament({"TFT": TFT, "ALLD": ALLD}, turns=10, repetitions=3, rng=0)
    >>> df.loc[(df.player == "TFT") & (df.opponent == "ALLD"), "mean"].item()
    0.9
    """
    import pandas as pd

    names, table = _strategy_table(strategies)
    e = _check_noise(noise)
    R, S, T, P = _pd(payoffs, T, R, P, S, where="simulate_tournament")
    _positive_ints(turns=turns, repetitions=repetitions)
    _v.check_size(len(names) ** 2 * repetitions, "strategies**2 * repetitions", item_bytes=80)
    gen, seed = _v.as_rng(rng)
    n = len(names)
    eff = (1 - e) * table + e * (1 - table)
    I, J = np.divmod(np.arange(n * n), n)
    px, py = eff[I][:, None, :], eff[J][:, None, :]  # (pairs, 1, 5)
    shape = (n * n, repetitions)
    x = gen.random(shape) < px[..., 4]
    y = gen.random(shape) < py[..., 4]
    pay = np.array([[P, T], [S, R]])  # [x cooperates][y cooperates]
    total = np.zeros(shape)
    for _ in range(turns):
        total += pay[x.astype(int), y.astype(int)]
        sx = np.where(x, np.where(y, 0, 1), np.where(y, 2, 3))  # X's state index
        sy = np.where(y, np.where(x, 0, 1), np.where(x, 2, 3))
        x, y = (gen.random(shape) < np.take_along_axis(np.broadcast_to(px[..., :4], (*shape, 4)), sx[..., None],
                                                       axis=-1)[..., 0],
                gen.random(shape) < np.take_along_axis(np.broadcast_to(py[..., :4], (*shape, 4)), sy[..., None],
                                                       axis=-1)[..., 0])
    per_turn = total / turns
    mean = per_turn.mean(axis=1)
    std = per_turn.std(axis=1, ddof=1) if repetitions > 1 else np.zeros(n * n)
    half = 2.576 * std / np.sqrt(repetitions)
    out = pd.DataFrame({"player": [names[i] for i in I], "opponent": [names[j] for j in J], "mean": mean,
                        "std": std, "repetitions": repetitions, "ci_low": mean - half, "ci_high": mean + half})
    out.attrs["seed"] = seed
    return out


# ----------------------------------------------------------------------------------------------------------------
# the bridge to axelrod (imported inside the functions)
# ----------------------------------------------------------------------------------------------------------------
def to_axelrod(strategy):
    r"""Convert a memory-one strategy to an ``axelrod.MemoryOnePlayer`` with the same four-vector and first move.

    axelrod's first move is deterministic, so :math:`p_0` must be 0 or 1.

    .. math::

        (p_{CC}, p_{CD}, p_{DC}, p_{DD}) \mapsto \texttt{MemoryOnePlayer(four\_vector, initial)}

    References
    ----------
    Knight, V. et al. (2016). An open framework for the reproducible study of the iterated prisoner's dilemma.
    *Journal of Open Research Software* 4(1), e35.

    Examples
    --------
    >>> player = to_axelrod(TFT)       # doctest: +SKIP
    >>> from_axelrod(player) == TFT    # doctest: +SKIP
    True
    """
    import axelrod as axl

    vec = _as_five(strategy, "strategy")
    if vec.ndim != 1:
        raise ValueError(f"strategy must be one memory-one vector (got shape {vec.shape})")
    if vec[4] not in (0.0, 1.0):
        raise ValueError(f"axelrod players open deterministically: the first-move probability must be 0 or 1 "
                         f"(got {vec[4]:g})")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # axelrod warns that deterministic vectors are not 'stochastic'
        player = axl.MemoryOnePlayer(tuple(float(v) for v in vec[:4]), initial=axl.Action.C if vec[4] == 1.0
                                     else axl.Action.D)
    return player


def from_axelrod(player) -> MemoryOne:
    r"""Read a memory-one axelrod player (``MemoryOnePlayer`` and subclasses, Cooperator, Defector, TitForTat).

    .. math::

        \texttt{player} \mapsto (p_{CC}, p_{CD}, p_{DC}, p_{DD}, p_0)

    Raises ``TypeError`` for players that are not memory-one.

    References
    ----------
    Knight, V. et al. (2016). An open framework for the reproducible study of the iterated prisoner's dilemma.
    *Journal of Open Research Software* 4(1), e35.

    Examples
    --------
    >>> import axelrod as axl                       # doctest: +SKIP
    >>> from_axelrod(axl.WinStayLoseShift()).vector  # doctest: +SKIP
    (1.0, 0.0, 0.0, 1.0)
    """
    import axelrod as axl

    C = axl.Action.C
    name = getattr(player, "name", type(player).__name__)
    if isinstance(player, axl.MemoryOnePlayer):
        fv = player._four_vector
        vec = tuple(float(fv[(a, b)]) for a, b in ((C, C), (C, axl.Action.D), (axl.Action.D, C),
                                                   (axl.Action.D, axl.Action.D)))
        return MemoryOne(vec, initial=1.0 if player._initial == C else 0.0, name=name)
    known = {axl.Cooperator: ((1, 1, 1, 1), 1.0), axl.Defector: ((0, 0, 0, 0), 0.0),
             axl.TitForTat: ((1, 0, 1, 0), 1.0)}
    for klass, (vec, init) in known.items():
        if type(player) is klass:
            return MemoryOne(vec, initial=init, name=name)
    raise TypeError(f"player must be a memory-one axelrod player (MemoryOnePlayer, Cooperator, Defector or "
                    f"TitForTat) (got {name!r})")


@_v.renamed(seed="rng")
def axelrod_tournament(strategies: Mapping[str, Any], *, noise: float = 0.0, T=None, R=None, P=None, S=None,
                       payoffs=None,
                       turns: int = 200, repetitions: int = 10, rng=0, processes: int | None = None):
    r"""Run the same tournament through axelrod's ``Tournament`` (serial by default) and return a tidy DataFrame.

    Columns: ``player``, ``opponent``, ``mean`` (per-turn payoff averaged over repetitions), ``std`` (standard
    deviation over repetitions), ``repetitions`` and the normal 99% confidence interval of the mean,

    .. math::

        \bar x \pm 2.576\, s / \sqrt{n}.

    ``processes=None`` runs serially (axelrod's ``processes=1`` uses every core).

    References
    ----------
    Knight, V. et al. (2016). An open framework for the reproducible study of the iterated prisoner's dilemma.
    *Journal of Open Research Software* 4(1), e35.

    Examples
    --------
    >>> df = axelrod_tournament({"TFT": TFT, "ALLD": ALLD}, turns=10, repetitions=2)  # doctest: +SKIP
    >>> df.loc[(df.player == "TFT") & (df.opponent == "ALLD"), "mean"].item()        # doctest: +SKIP
    0.9
    """
    import pandas as pd

    names, table = _strategy_table(strategies)
    e = _check_noise(noise)
    R, S, T, P = _pd(payoffs, T, R, P, S, where="axelrod_tournament")
    _positive_ints(turns=turns, repetitions=repetitions)
    if processes is not None:
        processes = _v.check_int(processes, "processes", minimum=0)
    for name, row in zip(names, table):
        if row[4] not in (0.0, 1.0):
            raise ValueError(f"strategies[{name!r}]: axelrod players open deterministically, the first-move "
                             f"probability must be 0 or 1 (got {row[4]:g})")
    _, seed = _v.as_rng(rng)
    import axelrod as axl

    players = [to_axelrod(row) for row in table]
    tournament = axl.Tournament(players, game=axl.Game(r=R, s=S, t=T, p=P), turns=turns, repetitions=repetitions,
                                noise=e, seed=seed % 2**32)
    results = tournament.play(processes=processes, progress_bar=False, build_results=True)
    mean = np.asarray(results.payoff_matrix, dtype=float)
    std = np.asarray(results.payoff_stddevs, dtype=float)
    rows = []
    half = 2.576 * std / np.sqrt(repetitions)
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            rows.append({"player": a, "opponent": b, "mean": mean[i, j], "std": std[i, j],
                         "repetitions": repetitions, "ci_low": mean[i, j] - half[i, j],
                         "ci_high": mean[i, j] + half[i, j]})
    out = pd.DataFrame(rows)
    out.attrs["seed"] = seed
    return out


@_v.renamed(seed="rng")
def axelrod_moran(strategies: Mapping[str, Any], counts: Mapping[str, int], *, turns: int = 10, noise: float = 0.0,
                  payoffs=None, T=None, R=None, P=None, S=None, runs: int = 100, rng=0):
    r"""Run axelrod's ``MoranProcess`` ``runs`` times to fixation; one row per run (winner, generations).

    Birth proportional to fitness (the sum over opponents of per-turn match payoffs), death uniform: the Moran
    process whose fixation probability is :func:`clustergames.population.fixation_probability` with selection 1,

    .. math::

        T^+_i = \frac{i f_i}{i f_i + (N-i) g_i}\,\frac{N-i}{N}.

    References
    ----------
    Moran, P. A. P. (1958). Random processes in genetics. *Mathematical Proceedings of the Cambridge Philosophical
    Society* 54(1), 60–71.

    Examples
    --------
    >>> df = axelrod_moran({"TFT": TFT, "ALLD": ALLD}, {"TFT": 3, "ALLD": 1}, runs=5)  # doctest: +SKIP
    >>> sorted(df.columns)                                                           # doctest: +SKIP
    ['generations', 'run', 'winner']
    """
    import pandas as pd

    names, table = _strategy_table(strategies)
    if not isinstance(counts, Mapping) or set(counts) - set(names):
        raise ValueError(f"counts must map strategy names to numbers of players (got {counts!r})")
    counts = {k: _v.check_int(c, f"counts[{k!r}]", minimum=0) for k, c in counts.items()}
    if sum(counts.values()) < 2:
        raise ValueError(f"counts must give at least 2 players (got {sum(counts.values())})")
    e = _check_noise(noise)
    R, S, T, P = _pd(payoffs, T, R, P, S, where="axelrod_moran")
    _positive_ints(turns=turns, runs=runs)
    for name, row in zip(names, table):
        if counts.get(name, 0) and row[4] not in (0.0, 1.0):
            raise ValueError(f"strategies[{name!r}]: axelrod players open deterministically, the first-move "
                             f"probability must be 0 or 1 (got {row[4]:g})")
    _, seed = _v.as_rng(rng)
    import axelrod as axl

    protos = {name: row for name, row in zip(names, table)}
    seeds = np.random.SeedSequence(seed).generate_state(runs)
    rows = []
    for run in range(runs):
        players, labels = [], []
        for name, c in counts.items():
            for _ in range(int(c)):
                players.append(to_axelrod(protos[name]))
                labels.append(name)
        if len(players) < 2:
            raise ValueError(f"counts must give at least 2 players (got {sum(counts.values())})")
        key = {str(pl): lab for pl, lab in zip(players, labels)}
        mp = axl.MoranProcess(players, turns=turns, noise=e, game=axl.Game(r=R, s=S, t=T, p=P),
                              seed=int(seeds[run]))
        mp.play()
        winner = mp.winning_strategy_name
        rows.append({"run": run, "winner": key.get(winner, winner), "generations": len(mp.populations) - 1})
    return pd.DataFrame(rows)
