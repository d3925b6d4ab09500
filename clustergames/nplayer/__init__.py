r"""Many-firm games: n-player normal forms, symmetric two-action games, sanctions and evolution in groups.

A cluster is many firms. Its shared infrastructure (a waste-treatment plant, a testing centre, the regional brand),
its eco-chain commons and its association's monitoring are n-player problems: each firm's incentive depends on how
many others cooperate.

* :mod:`~clustergames.nplayer.normal_form`: :class:`NPlayerGame`, payoffs of shape :math:`(n, a_1, \dots, a_n)`
  (numbers, Fractions or sympy), all pure Nash equilibria, best responses, strict dominance and iterated
  elimination, and :class:`~clustergames.games.StageGame` as the two-player case (both ways). Mixed equilibria of
  *general* n-player games are out of scope (they solve systems of polynomial equations; Gambit's
  ``gambit-enumpoly`` does that); for symmetric two-action games they are exact (:class:`SymmetricGame`).
* :mod:`~clustergames.nplayer.symmetric`: :class:`SymmetricGame` from gain functions :math:`a(k), b(k)`, every
  symmetric equilibrium exactly, the asymmetric pure equilibria, and the named games (public goods, threshold
  public goods, volunteer's dilemma, n-person stag hunt and snowdrift, synergy/discounting, the commons).
* :mod:`~clustergames.nplayer.sanctions`: repeated n-firm cooperation with monitoring probability :math:`p`:
  grim reversion, exclusion of the violator and graduated sanctions (Ostrom 1990).
* :mod:`~clustergames.nplayer.groups`: evolution with groups: the gradient of selection in infinite populations
  (Hauert et al. 2006) and in finite populations with hypergeometric sampling, fixation probabilities and the
  rare-mutation stationary distribution.

Examples
--------
>>> from clustergames import nplayer
>>> g = nplayer.threshold_public_goods(3, 2, 3, 1)
>>> [str(e.p) for e in g.symmetric_equilibria()]
['0', '1/2 - sqrt(3)/6', 'sqrt(3)/6 + 1/2']
>>> g.to_nplayer().pure_equilibria()[:3]
[(0, 0, 1), (0, 1, 0), (1, 0, 0)]
"""

from __future__ import annotations

from .normal_form import MAX_PROFILES, NPlayerGame
from .symmetric import (
    SymmetricEquilibria,
    SymmetricEquilibrium,
    SymmetricGame,
    commons,
    discounted_public_goods,
    n_snowdrift,
    n_stag_hunt,
    public_goods,
    threshold_public_goods,
    volunteers_dilemma,
)

__all__ = ["NPlayerGame", "MAX_PROFILES", "SymmetricGame", "SymmetricEquilibrium", "SymmetricEquilibria",
           "public_goods", "threshold_public_goods", "volunteers_dilemma", "n_stag_hunt", "discounted_public_goods",
           "n_snowdrift", "commons"]
