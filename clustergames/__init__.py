"""clustergames: game theory of trust and governance in industrial clusters.

Repeated cooperation among firms with exit opportunity costs, bargaining among local governments over industry
entry, reputation dynamics and evolutionary games between governments, firms and industry associations, each
solved exactly (symbolic thresholds), numerically and by simulation.

The top-level import is deliberately light (numpy only): submodules and the names below are loaded on first use
(PEP 562), so ``import clustergames`` never imports axelrod, matplotlib.pyplot or dask.

Examples
--------
>>> import clustergames as cg
>>> g = cg.prisoners_dilemma(T=5, R=3, P=1, S=0)
>>> [(e.row.tolist(), e.col.tolist()) for e in g.equilibria()]
[([0.0, 1.0], [0.0, 1.0])]
>>> cg.trust.grim_trigger_delta(5, 3, 1)
0.5
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"  # the one place the version is written (pyproject reads it: hatch dynamic version)

#: submodules reachable as ``cg.<name>`` (imported on first access)
_SUBMODULES = (
    "symbolic",
    "games",
    "results",
    "repeated",
    "trust",
    "coalitions",
    "nplayer",
    "extensive",
    "symbiosis",
    "bargaining",
    "entry",
    "reputation",
    "brand",
    "evolution",
    "population",
    "tournaments",
    "plotting",
    "figures",
    "cli",
    "teach",
)

#: public names re-exported at the top level, and the submodule that defines each
_EXPORTS = {
    "Formula": "symbolic",
    "formula": "symbolic",
    "StageGame": "games",
    "Equilibrium": "games",
    "EquilibriumSet": "games",
    "prisoners_dilemma": "games",
    "donation_game": "games",
    "stag_hunt": "games",
    "hawk_dove": "games",
    "trust_game": "games",
    "matching_pennies": "games",
    "battle_of_the_sexes": "games",
    "harmony_game": "games",
    "snowdrift": "games",
    "classify_symmetric_2x2": "games",
    "Result": "results",
    "critical_delta": "repeated",
    "ReplicatorSystem": "evolution",
    "NPlayerGame": "nplayer",
    "SymmetricGame": "nplayer",
    "Cluster": "symbiosis",
    "ExtensiveGame": "extensive",
    "SignallingGame": "extensive",
    "sweep": "sweep",
}

__all__ = sorted(set(_SUBMODULES) | set(_EXPORTS) | {"__version__", "sweep"})


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        # ``clustergames.sweep`` is both a module and a function: the function wins at the top level.
        globals()[name] = value
        return value
    if name in _SUBMODULES or name == "sweep":
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'clustergames' has no attribute {name!r}")


def __dir__():
    return __all__
