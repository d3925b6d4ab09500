"""Regenerate ``quantecon_equilibria.json``: QuantEcon's answers on random games, stored so tests need no QuantEcon.

Games: ``rng = np.random.default_rng(seed); A = rng.random((m, n)); B = rng.random((m, n))`` (row payoffs A, column
payoffs B). Stored: all equilibria from ``quantecon.game_theory.vertex_enumeration`` and, for every starting label,
the equilibrium of ``lemke_howson`` (full pivoting output, as QuantEcon returns it).

Run: ``python tests/data/make_quantecon_equilibria.py`` (needs ``pip install quantecon``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import quantecon
import quantecon.game_theory as gt

SIZES = [(2, 2), (3, 3), (3, 5), (4, 4), (5, 3), (5, 5), (6, 6), (7, 5), (8, 8), (9, 9), (10, 10)]


def main() -> None:
    games = []
    for m, n in SIZES:
        for seed in range(4):
            rng = np.random.default_rng(seed)
            A, B = rng.random((m, n)), rng.random((m, n))
            g = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
            eqs = gt.vertex_enumeration(g)
            lh = []
            for label in range(m + n):
                x, y = gt.lemke_howson(g, init_pivot=label)
                lh.append([x.tolist(), y.tolist()])
            games.append({"m": m, "n": n, "seed": seed,
                          "equilibria": sorted([x.tolist(), y.tolist()] for x, y in eqs),
                          "lemke_howson": lh})
    source = json.dumps(f"quantecon {quantecon.__version__}: game_theory.vertex_enumeration and lemke_howson")
    lines = ",\n".join(json.dumps(g) for g in games)  # one game per line: readable diffs
    text = f'{{"source": {source},\n"games": [\n{lines}\n]}}\n'
    Path(__file__).with_name("quantecon_equilibria.json").write_text(text)


if __name__ == "__main__":
    main()
