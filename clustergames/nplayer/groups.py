r"""Evolution with groups: replicator dynamics of symmetric n-firm games, finite populations with group sampling.

Firms meet in groups of :math:`n`. In an **infinite population** with a share :math:`x` of cooperators the
groups are binomial samples, and the replicator dynamics is

.. math::

    \dot x = x(1-x)\, f(x), \qquad f(x) = \sum_{k=0}^{n-1}\binom{n-1}{k} x^k(1-x)^{n-1-k}\bigl[a(k) - b(k)\bigr],

(the *gradient of selection*; Hauert, Michor, Nowak & Doebeli 2006): its interior rest points are exactly the
symmetric mixed equilibria of the game. In a **finite population** of :math:`Z` firms with :math:`j` cooperators,
groups are drawn without replacement (hypergeometric sampling), so

.. math::

    f_C(j) = \sum_{k} \frac{\binom{j-1}{k}\binom{Z-j}{n-1-k}}{\binom{Z-1}{n-1}}\, a(k), \qquad
    f_D(j) = \sum_{k} \frac{\binom{j}{k}\binom{Z-j-1}{n-1-k}}{\binom{Z-1}{n-1}}\, b(k),

and strategies spread by pairwise comparison (Fermi imitation, intensity :math:`\beta`) or a Moran process
(intensity :math:`w`): the gradient :math:`G(j) = T^+(j) - T^-(j)`, the fixation probabilities (log space) and the
rare-mutation stationary distribution follow (Pacheco, Santos, Souza & Skyrms 2009; Traulsen, Nowak & Pacheco
2006). The rare-mutation result is a :class:`clustergames.population.StationaryDistribution`; for groups of two it
agrees with :func:`clustergames.population.fixation_probability`.

References
----------
Hauert, C., Michor, F., Nowak, M. A. & Doebeli, M. (2006). Synergy and discounting of cooperation in social
dilemmas. *Journal of Theoretical Biology* 239(2), 195–202.

Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009). Evolutionary dynamics of collective action in
N-person stag hunt dilemmas. *Proceedings of the Royal Society B* 276(1655), 315–321.

Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and fixation. *Physical Review
E* 74, 011909.

Examples
--------
>>> from clustergames import nplayer
>>> rep = nplayer.replicator(nplayer.threshold_public_goods(3, 2, 3, 1))
>>> rep.rest_points["type"].tolist()
['stable', 'unstable', 'stable', 'unstable']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import check_choice, check_positive_int, check_probability, check_real
from ..results import Result
from .symmetric import SymmetricGame, _bernstein_eval

__all__ = ["gradient_of_selection", "replicator", "GroupReplicator", "group_fitness", "finite_population",
           "FiniteGroupDynamics", "PROCESSES"]

PROCESSES = ("fermi", "moran")


def _check_game(game: Any) -> SymmetricGame:
    if not isinstance(game, SymmetricGame):
        raise TypeError(f"game must be a SymmetricGame (e.g. nplayer.public_goods(...)); got {type(game).__name__}")
    if game.is_symbolic:
        game._fractions()  # raises the helpful 'substitute numbers first' error
    return game


def gradient_of_selection(game: SymmetricGame, x: Any):
    r"""The infinite-population gradient of selection :math:`\dot x = x(1-x) f(x)` at cooperator share(s) ``x``.

    .. math::

        \dot x = x(1-x) \sum_{k=0}^{n-1}\binom{n-1}{k} x^k(1-x)^{n-1-k}\bigl[a(k)-b(k)\bigr]

    References
    ----------
    Hauert, C., Michor, F., Nowak, M. A. & Doebeli, M. (2006). Synergy and discounting of cooperation in social
    dilemmas. *Journal of Theoretical Biology* 239(2), 195–202.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> g = nplayer.volunteers_dilemma(3, 4, 1)
    >>> gradient_of_selection(g, [0.25, 0.5, 0.75]).round(4).tolist()
    [0.2344, 0.0, -0.1406]
    """
    from .._validation import check_array

    game = _check_game(game)
    xs = check_array(x, "x", low=0, high=1)
    d = np.array([float(v) for v in game.gains])
    out = xs * (1 - xs) * _bernstein_eval(d, xs)
    return float(out) if out.ndim == 0 else out


@dataclass(repr=False)
class GroupReplicator(Result):
    """Replicator dynamics of a symmetric n-firm game in an infinite population: rest points and the gradient."""

    game: SymmetricGame
    rest_points: Any  # DataFrame: x, exact, type
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    gradient: np.ndarray = field(default_factory=lambda: np.zeros(0))
    title = "Replicator dynamics with groups (infinite population)"

    def to_frame(self):
        """A copy of the rest points table (columns ``x``, ``exact``, ``type``)."""
        return self.rest_points.copy()


def replicator(game: SymmetricGame, *, grid: int = 201) -> GroupReplicator:
    r"""Rest points (with stability) and the gradient of selection of the replicator dynamics with groups.

    The rest points are :math:`x = 0`, :math:`x = 1` and every root of :math:`f` in :math:`(0, 1)`, i.e. every
    symmetric mixed equilibrium (exact where the game is exact). A rest point is ``stable`` when :math:`\dot x`
    points towards it from both sides, ``unstable`` when away, ``semi-stable`` otherwise (a double root).

    .. math::

        \dot x = x(1-x) f(x), \qquad x^* \text{ stable} \iff f > 0 \text{ on its left and } f < 0 \text{ on its
        right}

    Parameters
    ----------
    game : SymmetricGame
    grid : int
        Number of points of ``x`` in [0, 1] at which the gradient is tabulated (for plotting).

    References
    ----------
    Hauert, C., Michor, F., Nowak, M. A. & Doebeli, M. (2006). Synergy and discounting of cooperation in social
    dilemmas. *Journal of Theoretical Biology* 239(2), 195–202.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> replicator(nplayer.volunteers_dilemma(5, 2, 1)).rest_points[["exact", "type"]]
               exact      type
    0              0  unstable
    1  1 - 2**(3/4)/2    stable
    2              1  unstable
    """
    import pandas as pd

    game = _check_game(game)
    grid = check_positive_int(grid, "grid", minimum=2, maximum=10**7)
    eqs = game.symmetric_equilibria()
    mixed = [e for e in eqs if e.kind == "mixed"]
    first = mixed[0].interval[0] if mixed else Fraction(1)
    last = mixed[-1].interval[1] if mixed else Fraction(0)
    left = _sign(game.gain(first / 2 if mixed else Fraction(1, 2)))
    right = _sign(game.gain((1 + last) / 2 if mixed else Fraction(1, 2)))
    rows = [{"x": 0.0, "exact": "0", "type": "stable" if left < 0 else "unstable" if left > 0 else "neutral",
             "equilibrium": any(e.kind == "pure" and e.p_float == 0.0 for e in eqs)}]
    for e in mixed:
        rows.append({"x": e.p_float, "exact": str(e.p), "type": e.stability, "equilibrium": True})
    rows.append({"x": 1.0, "exact": "1", "type": "stable" if right > 0 else "unstable" if right < 0 else "neutral",
                 "equilibrium": any(e.kind == "pure" and e.p_float == 1.0 for e in eqs)})
    xs = np.linspace(0.0, 1.0, grid)
    return GroupReplicator(game, pd.DataFrame(rows), xs, gradient_of_selection(game, xs))


def _sign(v) -> int:
    return int(v > 0) - int(v < 0)


# ---------------------------------------------------------------------------------------------------------------
# finite populations
# ---------------------------------------------------------------------------------------------------------------
def group_fitness(game: SymmetricGame, Z: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""Average payoffs :math:`f_C(j), f_D(j)`, :math:`j = 1, \dots, Z-1`, under hypergeometric group sampling.

    .. math::

        f_C(j) = \sum_{k} \frac{\binom{j-1}{k}\binom{Z-j}{n-1-k}}{\binom{Z-1}{n-1}}\, a(k), \qquad
        f_D(j) = \sum_{k} \frac{\binom{j}{k}\binom{Z-j-1}{n-1-k}}{\binom{Z-1}{n-1}}\, b(k)

    References
    ----------
    Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009). Evolutionary dynamics of collective action in
    N-person stag hunt dilemmas. *Proceedings of the Royal Society B* 276(1655), 315–321.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> fc, fd = group_fitness(nplayer.public_goods(3, 2, 1), 4)
    >>> (fd - fc).round(6).tolist()   # c(1 - r/n) + (rc/n)(n-1)/(Z-1) = 1/3 + 4/9: a small population adds spite
    [0.777778, 0.777778, 0.777778]
    """
    game = _check_game(game)
    Z = check_positive_int(Z, "Z", minimum=2, maximum=10**7)
    n = game.n
    if Z < n:
        raise ValueError(f"Z (the population size) must be at least the group size n={n} (got Z={Z})")
    j = np.arange(1, Z, dtype=float)[:, None]
    k = np.arange(n, dtype=float)[None, :]
    a = np.array([float(v) for v in game.a])
    b = np.array([float(v) for v in game.b])
    hc = _hypergeom(k, Z - 1, j - 1, n - 1)
    hd = _hypergeom(k, Z - 1, j, n - 1)
    return hc @ a, hd @ b


def _hypergeom(k: np.ndarray, total: int, good: np.ndarray, draws: int) -> np.ndarray:
    r"""Hypergeometric probabilities :math:`\binom{G}{k}\binom{M-G}{d-k}/\binom Md` via log-gamma (vectorised)."""
    from scipy.special import gammaln

    def logc(a, b):
        return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)

    bad = total - good
    valid = (k <= good) & (draws - k <= bad)
    with np.errstate(invalid="ignore"):
        logp = (logc(good, np.minimum(k, good)) + logc(bad, np.clip(draws - k, 0, bad)) - logc(total, draws))
    return np.where(valid, np.exp(logp), 0.0)


def _log_ratios(fc: np.ndarray, fd: np.ndarray, selection: float, process: str) -> np.ndarray:
    """The logarithm log T^-(j)/T^+(j), j = 1..Z-1 (the ratio that enters the fixation probability)."""
    if process == "fermi":
        return -selection * (fc - fd)
    FC, FD = 1 - selection + selection * fc, 1 - selection + selection * fd
    if (FC <= 0).any() or (FD <= 0).any():
        raise ValueError(f"fitness 1 - w + w*payoff must be positive at every composition; lower the selection "
                         f"intensity or shift the payoffs (got selection={selection:g})")
    return np.log(FD) - np.log(FC)


@dataclass(repr=False)
class FiniteGroupDynamics(Result):
    r"""Finite-population dynamics of a symmetric n-firm game: gradient, fixation probabilities, stationary law."""

    game: SymmetricGame
    Z: int
    selection: float
    process: str
    mutation: float
    j: np.ndarray
    gradient: np.ndarray
    t_plus: np.ndarray
    t_minus: np.ndarray
    rho_C: float
    rho_D: float
    stationary: Any  # clustergames.population.StationaryDistribution
    title = "Finite population with group interactions"

    @property
    def x(self) -> np.ndarray:
        """Cooperator shares :math:`j / Z`."""
        return self.j / self.Z

    def to_frame(self):
        """The finite-population gradient of selection, one row per number ``j`` of cooperators.

        Returns
        -------
        pandas.DataFrame
            Columns ``j``, the share ``x``, the ``gradient`` of selection and the transition probabilities
            ``T+`` and ``T-``.
        """
        import pandas as pd

        return pd.DataFrame({"j": self.j, "x": self.x, "gradient": self.gradient, "T+": self.t_plus,
                             "T-": self.t_minus})

    def _repr_html_(self) -> str:
        from html import escape

        head = (f"<p><strong>{escape(self.title)}</strong>: Z={self.Z}, n={self.game.n}, {self.process} "
                f"(selection {self.selection:g}); fixation of one cooperator rho_C={self.rho_C:.6g}, of one "
                f"defector rho_D={self.rho_D:.6g}; neutral 1/Z={1 / self.Z:.6g}</p>")
        return f"<div>{head}{self.stationary.to_frame().to_html()}</div>"


def finite_population(game: SymmetricGame, Z: Any, *, selection: Any, process: str = "fermi",
                      mutation: Any = 0.0) -> FiniteGroupDynamics:
    r"""Gradient of selection, fixation probabilities and the rare-mutation stationary distribution (population Z).

    With :math:`\Delta(j) = f_C(j) - f_D(j)` (see :func:`group_fitness`) and no mutation:

    .. math::

        T^\pm(j) = \frac jZ\,\frac{Z-j}{Z}\,\bigl[1 + e^{\mp\beta\Delta(j)}\bigr]^{-1} \;\text{(Fermi)}, \qquad
        \rho_C = \Bigl(1 + \sum_{i=1}^{Z-1}\prod_{j=1}^{i}\frac{T^-(j)}{T^+(j)}\Bigr)^{-1}, \qquad
        \frac{\rho_D}{\rho_C} = \prod_{j=1}^{Z-1}\frac{T^-(j)}{T^+(j)} ;

    the Moran process uses fitness :math:`1 - w + w f` and :math:`T^+(j) = \frac{jF_C}{jF_C + (Z-j)F_D}\frac{Z-j}{Z}`.
    With ``mutation`` :math:`\mu` the gradient includes :math:`\mu\,(Z - 2j)/Z`. The rare-mutation stationary
    distribution over all-C and all-D is :math:`(\rho_C, \rho_D)/(\rho_C + \rho_D)` (Fudenberg & Imhof 2006),
    returned as a :class:`clustergames.population.StationaryDistribution`.

    Parameters
    ----------
    game : SymmetricGame
    Z : int >= n
        Population size.
    selection : float
        :math:`\beta \ge 0` (Fermi) or :math:`w \in [0, 1]` (Moran).
    process : {"fermi", "moran"}
    mutation : float in [0, 1]
        Exploration rate used in the gradient (not in the fixation probabilities).

    References
    ----------
    Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009). Evolutionary dynamics of collective action in
    N-person stag hunt dilemmas. *Proceedings of the Royal Society B* 276(1655), 315–321.

    Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations. *Journal of Economic Theory*
    131, 251–262.

    Examples
    --------
    >>> from clustergames import nplayer
    >>> res = finite_population(nplayer.public_goods(5, 3, 1), 50, selection=1.0)
    >>> res.rho_C < 1 / 50 < res.rho_D
    True
    >>> res.stationary.to_frame().round(4)
         strategy  probability
    0  contribute          0.0
    1   free-ride          1.0
    """
    from ..population import StationaryDistribution

    game = _check_game(game)
    process = check_choice(process, "process", PROCESSES)
    if process == "fermi":
        w = check_real(selection, "selection", low=0)
    else:
        w = check_real(selection, "selection", low=0, high=1)
    mu = check_probability(mutation, "mutation")
    fc, fd = group_fitness(game, Z)
    Z = int(Z)
    j = np.arange(1, Z, dtype=float)
    base = (j / Z) * ((Z - j) / Z)
    if process == "fermi":
        with np.errstate(over="ignore"):
            up = base / (1 + np.exp(-w * (fc - fd)))
            down = base / (1 + np.exp(w * (fc - fd)))
    else:
        FC, FD = 1 - w + w * fc, 1 - w + w * fd
        if (FC <= 0).any() or (FD <= 0).any():
            raise ValueError(f"fitness 1 - w + w*payoff must be positive at every composition; lower the selection "
                             f"intensity or shift the payoffs (got selection={w:g})")
        tot = j * FC + (Z - j) * FD
        up = (j * FC / tot) * (Z - j) / Z
        down = ((Z - j) * FD / tot) * j / Z
    t_plus = (1 - mu) * up + mu * (Z - j) / Z
    t_minus = (1 - mu) * down + mu * j / Z
    jj = np.arange(0, Z + 1, dtype=float)
    tp = np.concatenate([[mu], t_plus, [0.0]])
    tm = np.concatenate([[0.0], t_minus, [mu]])
    lr = _log_ratios(fc, fd, w, process)
    L = np.concatenate([[0.0], np.cumsum(lr)])  # log prod_{j<=i} T-/T+, i = 0..Z-1
    top = L.max()
    log_rho_c = -(top + np.log(np.exp(L - top).sum()))
    log_rho_d = log_rho_c + L[-1]
    rho_c, rho_d = float(np.exp(log_rho_c)), float(np.exp(log_rho_d))
    from scipy.special import expit

    diff = float(log_rho_d - log_rho_c)
    dist = np.array([expit(-diff), expit(diff)])  # rho_C / (rho_C + rho_D), rho_D / (rho_C + rho_D), no overflow
    fix = np.array([[0.0, rho_d], [rho_c, 0.0]])  # row: resident, column: mutant (population's convention)
    stat = StationaryDistribution(list(game.actions), dist, fix, Z, w, process)
    return FiniteGroupDynamics(game, Z, w, process, mu, jj, tp - tm, tp, tm, rho_c, rho_d, stat)
