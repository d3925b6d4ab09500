"""Figures of the stage-game layer: the map of symmetric 2x2 games."""

from __future__ import annotations

import numpy as np

from .. import games
from ..plotting import games as plot_games
from . import register


def _equilibrium_label(game: games.StageGame) -> str:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", games.DegenerateGameWarning)
        eqs = game.equilibria()
    parts = []
    for e in eqs:
        parts.append(e.describe() if e.is_pure else "mixed: C w.p. $x^*$")
    return "Nash equilibria:\n" + "\n".join(parts)


@register(
    "game_map",
    caption=(
        "The map of symmetric 2×2 games in the (T, S) plane with R = 1 and P = 0: harmony (no dilemma), snowdrift "
        "(chicken), stag hunt (coordination) and the prisoner's dilemma. Each region is labelled with the Nash "
        "equilibria of its central game, computed by StageGame.equilibria(); in snowdrift and stag hunt the mixed "
        "equilibrium plays C with probability x* = (P − S)/(R − S − T + P), which varies across the region "
        "(dotted contours). A cluster faces a cooperation dilemma "
        "only below S = 0 or right of T = 1."
    ),
    figsize=(7.0, 5.4),
)
def game_map(fig, *, quick: bool = False):
    """Grid of (T, S) with the game class and the mixed-equilibrium cooperation probability."""
    import pandas as pd

    k = 80 if quick else 160
    Ts = (np.arange(k) + 0.5) * (2.0 / k)
    Ss = -1.0 + (np.arange(k) + 0.5) * (2.0 / k)
    TT, SS = np.meshgrid(Ts, Ss)
    game = games.classify_symmetric_2x2(TT.ravel(), SS.ravel())
    x = games.mixed_cooperation(TT.ravel(), SS.ravel())
    has_mixed = np.isin(game, ["snowdrift", "stag hunt"])
    data = pd.DataFrame({"T": TT.ravel(), "S": SS.ravel(), "game": game.astype(str),
                         "x_mixed": np.where(has_mixed, x, np.nan)})
    centres = {"harmony": (0.5, 0.5), "snowdrift": (1.5, 0.5), "stag hunt": (0.5, -0.5),
               "prisoner's dilemma": (1.5, -0.5)}
    labels = {name: _equilibrium_label(games.StageGame.symmetric([[1.0, S], [T, 0.0]], actions=["C", "D"]))
              for name, (T, S) in centres.items()}
    plot_games.plot_game_map(data, labels, ax=fig.add_subplot())
    fig.tight_layout()
    return data
