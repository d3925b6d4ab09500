"""Benchmark: the vectorised agent-based simulation of indirect reciprocity beside a plain Python loop (same run).

Target (issue 5): 10,000 firms for 1,000 rounds (10^7 donor-recipient interactions) in under 5 s on one core.
Anchor: :func:`clustergames.reputation.simulate_loop`, the same public-record model written as a Python loop over
interactions, measured in the same run on a smaller case; its rate (interactions per second) is extrapolated to
the full workload for the ratio.

Run: ``python benchmarks/bench_reputation.py [--quick]``
"""

from __future__ import annotations

from _common import best_time as _time
from _common import main


def run(quick: bool = False) -> list[dict]:
    from clustergames import reputation as rep

    rows = []
    errors = dict(noise=0.02, assessment_error=0.01)
    n, rounds = 10_000, (200 if quick else 1_000)
    loop_n, loop_rounds = (1_000, 10) if quick else (2_000, 50)
    loop_s, _ = _time(lambda: rep.simulate_loop("stern_judging", loop_n, loop_rounds, rng=0, **errors))
    loop_rate = loop_n * loop_rounds / loop_s

    ours_s, df = _time(lambda: rep.simulate("stern_judging", n, rounds, rng=0, **errors), repeat=2)
    anchor_s = n * rounds / loop_rate
    g = df["good"].iloc[100:].mean()
    rows.append({
        "workload": f"indirect reciprocity, public records, {n:,} firms x {rounds:,} rounds",
        "ours_s": ours_s,
        "anchor": f"plain Python loop ({loop_n:,} x {loop_rounds} measured, extrapolated)",
        "anchor_s": anchor_s,
        "ratio": anchor_s / ours_s,
        "notes": (f"ours {n * rounds / ours_s:,.0f} interactions/s, loop {loop_rate:,.0f} interactions/s; "
                  f"mean g = {g:.4f} vs closed form {rep.good_fraction('stern_judging', **errors):.4f}"),
    })

    full_s, df = _time(lambda: rep.simulate("simple_standing", n, rounds, rng=1, record_quality=0.8,
                                            strategies=[0.1, 0.1, 0.8], imitation=0.1, mutation=0.001, **errors))
    rows.append({
        "workload": f"same with ALLC/ALLD/DISC, q = 0.8, imitation every 10 rounds ({n:,} x {rounds:,})",
        "ours_s": full_s,
        "anchor": "plain Python loop (rate above, extrapolated)",
        "anchor_s": anchor_s,
        "ratio": anchor_s / full_s,
        "notes": f"{n * rounds / full_s:,.0f} interactions/s; final DISC share {df['DISC'].iloc[-1]:.3f}",
    })

    m, r = (300, 100) if quick else (1_000, 200)
    priv_s, _ = _time(lambda: rep.simulate("stern_judging", m, r, rng=2, reputations="private", **errors))
    rows.append({
        "workload": f"private records (image matrix {m:,} x {m:,}), {r} rounds",
        "ours_s": priv_s,
        "anchor": "none",
        "anchor_s": None,
        "ratio": None,
        "notes": f"{m * m * r / priv_s:,.0f} private assessments/s",
    })

    cs = rep.ChainStore(0.5, 2.0, 0.05, 1_000)
    cs_s, e = _time(lambda: rep.ChainStore(0.5, 2.0, 0.05, 1_000).expected_entries(), repeat=3)
    plays = 2_000 if quick else 10_000
    sim_s, play = _time(lambda: rep.ChainStore(0.5, 2.0, 0.05, 50).simulate(rng=0, incumbent="weak", plays=plays))
    rows.append({
        "workload": f"chain store: exact expected entries (1,000 markets); {plays:,} simulated plays of 50 markets",
        "ours_s": cs_s + sim_s,
        "anchor": "none",
        "anchor_s": None,
        "ratio": None,
        "notes": (f"expected entries {e:.4f} ({cs_s * 1e3:.1f} ms); simulation mean "
                  f"{play.to_frame().groupby('play')['entered'].sum().mean():.4f} ({sim_s:.2f} s)"),
    })
    del cs
    return rows




if __name__ == "__main__":
    main(run)
