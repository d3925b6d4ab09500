"""Benchmark: backward induction on a 10^5-node tree and the reduced normal form with 8 information sets per player.

Targets (issue 13): backward induction on a perfect-information tree with about 10^5 nodes under 1 s; the reduced
normal form of a two-player game with 8 information sets per player (256 x 256 strategies) under 1 s.

Anchors measured in the same run: a plain recursive backward induction over the same nested tuples (the textbook
method, one Python call per node, float payoffs, no tie handling); the normal form built by walking the tree once per
strategy profile (what a direct implementation does); and pygambit (Gambit 16) when it is installed: building the
same tree and solving it with ``gbt.nash.lcp_solve`` (the sequence-form LCP; one Nash equilibrium, which for a
generic perfect-information game is the SPE). pygambit has no wheel here and builds Gambit from source (more than
25 minutes on a busy 2-core machine), so it is an optional anchor, not a dependency.

Run: ``python benchmarks/bench_extensive.py [--quick]``
"""

from __future__ import annotations

import itertools

import numpy as np
from _common import best_time as _time
from _common import main


def _binary_tree(depth: int, seed: int = 0):
    """A complete binary tree of perfect information (players alternate), random float payoffs in [0, 1)."""
    rng = np.random.default_rng(seed)
    vals = iter(rng.random(2 * 2**depth).tolist())

    def build(d):
        if d == 0:
            return (next(vals), next(vals))
        return ("A" if d % 2 == 0 else "B", {"l": build(d - 1), "r": build(d - 1)})

    return build(depth)


def _naive_backward(tree, players=("A", "B")):
    """Textbook recursive backward induction (one pure SPE, float payoffs)."""
    if not isinstance(tree[0], str):
        return tree
    p = players.index(tree[0])
    return max((_naive_backward(c, players) for c in tree[1].values()), key=lambda v: v[p])


def _signal_tree(n_types: int = 8, seed: int = 1):
    """Chance draws a type pair (s, t), 8 x 8; player 1 sees s and moves, player 2 sees t (not 1's move) and moves.

    Each player has 8 information sets with 2 actions: 2^8 = 256 reduced strategies each.
    """
    rng = np.random.default_rng(seed)
    prob = 1.0 / (n_types * n_types)
    outcomes = {}
    for s, t in itertools.product(range(n_types), repeat=2):
        p2 = {}
        moves = {}
        for a in ("u", "d"):
            p2 = {b: tuple(rng.random(2).tolist()) for b in ("l", "r")}
            moves[a] = ("P2", p2, f"P2 sees {t}")
        outcomes[f"{s},{t}"] = (prob, ("P1", moves, f"P1 sees {s}"))
    return ("chance", outcomes)


def _naive_normal_form(game):
    """The normal form by one tree walk per strategy profile (no aggregation over sequences)."""
    s1, h1 = game._strategies(0, 0, set())
    s2, h2 = game._strategies(0, 1, set())
    A = np.zeros((len(s1), len(s2)))
    B = np.zeros_like(A)
    for i, a in enumerate(s1):
        for j, b in enumerate(s2):
            plan = dict(a)
            plan.update(b)
            v = game._play_value(0, plan)
            A[i, j], B[i, j] = v
    return A, B


def _gambit_rows(depth: int) -> list[dict]:
    try:
        import pygambit as gbt
    except ImportError:
        return [{"workload": "pygambit comparison", "ours_s": float("nan"), "anchor": "pygambit not installed",
                 "anchor_s": None, "ratio": None, "notes": "pip install pygambit (builds Gambit from source)"}]
    from clustergames.extensive import ExtensiveGame

    tree = _binary_tree(depth, seed=2)

    def build_gambit():
        g = gbt.Game.new_tree(players=["A", "B"])
        stack = [(g.root, tree)]
        k = 0
        while stack:
            node, sub = stack.pop()
            if not isinstance(sub[0], str):
                g.set_outcome(node, g.add_outcome(f"z{k}", [float(sub[0]), float(sub[1])]))
                k += 1
                continue
            g.append_move(node, sub[0], list(sub[1]))
            for child, s in zip(node.children, sub[1].values()):
                stack.append((child, s))
        return g

    def ours():
        return ExtensiveGame.from_tree(tree).subgame_perfect()

    gb_build_s, g = _time(build_gambit)
    gb_s, res = _time(lambda: gbt.nash.lcp_solve(g, rational=False))
    ours_s, eq = _time(ours)
    n = 2 ** (depth + 1) - 1
    return [{"workload": f"build + solve a {n}-node perfect-information tree", "ours_s": ours_s,
             "anchor": "pygambit lcp_solve (sequence-form LCP, one equilibrium) + tree building",
             "anchor_s": gb_build_s + gb_s,
             "ratio": None, "notes": f"gambit: build {gb_build_s:.3g} s, solve {gb_s:.3g} s"}]


def run(quick: bool = False) -> list[dict]:
    from clustergames.extensive import ExtensiveGame

    rows = []
    depth = 14 if quick else 16
    tree = _binary_tree(depth)
    n = 2 ** (depth + 1) - 1
    build_s, game = _time(lambda: ExtensiveGame.from_tree(tree), repeat=1)
    first_s, _ = _time(lambda: game.subgame_perfect(), repeat=1)
    bi_s, eqs = _time(lambda: game.subgame_perfect(), repeat=3)
    naive_s, naive = _time(lambda: _naive_backward(tree), repeat=1)
    agree = np.allclose(eqs[0].payoffs, naive)
    rows.append({"workload": f"backward induction, binary tree of {n} nodes (target < 1 s)", "ours_s": bi_s,
                 "anchor": "recursive Python backward induction", "anchor_s": naive_s, "ratio": naive_s / bi_s,
                 "notes": f"same payoffs: {agree}; first call (with its array set-up) {first_s:.3g} s; building "
                          f"the tree from nested tuples {build_s:.3g} s"})
    sig = ExtensiveGame.from_tree(_signal_tree())
    nf_s, (U, labels) = _time(lambda: sig.reduced_normal_form(), repeat=3)
    naive_nf_s, (A, B) = _time(lambda: _naive_normal_form(sig), repeat=1)
    same = np.allclose(U[0], A) and np.allclose(U[1], B)
    stage_s, _ = _time(lambda: sig.to_stage_game(), repeat=1)
    rows.append({"workload": f"reduced normal form, 8 information sets per player ({U.shape[1]}x"
                             f"{U.shape[2]}, {sig.n_nodes} nodes; target < 1 s)", "ours_s": nf_s,
                 "anchor": "one tree walk per strategy profile", "anchor_s": naive_nf_s, "ratio": naive_nf_s / nf_s,
                 "notes": f"same matrices: {same}; to_stage_game() incl. StageGame's per-entry validation: "
                          f"{stage_s:.3g} s"})
    try:
        rows += _gambit_rows(10 if quick else 13)
    except Exception as err:  # noqa: BLE001 - an anchor's API change must not hide our own rows
        rows.append({"workload": "pygambit comparison", "ours_s": float("nan"), "anchor": "pygambit failed",
                     "anchor_s": None, "ratio": None, "notes": f"{type(err).__name__}: {err}"})
    return rows


if __name__ == "__main__":
    main(run)
