"""Figures of the reputation layer.

Good standing by norm, cooperation against record quality, the ALLC/ALLD/DISC simplex, the chain store, and
reputation together with expulsion.
"""

from __future__ import annotations

import numpy as np

from .. import reputation as rep
from ..plotting import reputation as plot_rep
from . import register

_E, _MU = 0.05, 0.02


@register(
    "reputation_good_standing",
    caption=(
        "Fraction of firms in good standing over time in a cluster of discriminators, with low (left: execution "
        "error e = 0.05, assessment error μ = 0.02) and high errors (right: e = 0.2, μ = 0.1); agent-based "
        "simulation, every firm starts in good standing. Solid: the association keeps one public record; dashed: "
        "the fixed points, g = (1−μ)/(2−ε−μ) for stern judging, g = μ/(1−ε+μ) for image scoring "
        "(ε = (1−e)(1−μ)+eμ) and the numerically solved fixed point of the second-order norm L7 (staying; "
        "Ohtsuki & Iwasa 2004). Dotted: stern judging when each firm keeps its own private record; opinions "
        "drift apart and standing collapses towards 1/2 (Uchida & Sasaki 2013)."
    ),
    figsize=(10.0, 4.8),
)
def reputation_good_standing(fig, *, quick: bool = False):
    import pandas as pd

    n_firms, n_private, rounds = (800, 120, 100) if quick else (5000, 400, 200)
    seeds = iter(np.random.SeedSequence(100).spawn(8))
    frames = []
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (e, mu) in zip(axes, ((_E, _MU), (0.2, 0.1))):
        part = []
        for norm, label in (("stern_judging", "stern judging"), ("L7", "L7 (staying)"),
                            ("image_scoring", "image scoring")):
            df = rep.simulate(norm, n_firms, rounds, rng=next(seeds), noise=e, assessment_error=mu)
            part.append(pd.DataFrame({"series": label, "norm": norm, "records": "public", "round": df["round"],
                                      "good": df["good"], "fixed_point": rep.good_fraction(norm, e, mu)}))
        df = rep.simulate("stern_judging", n_private, rounds, rng=next(seeds), noise=e,
                          assessment_error=mu, reputations="private")
        part.append(pd.DataFrame({"series": "stern judging, private records", "norm": "stern_judging",
                                  "records": "private", "round": df["round"], "good": df["good"],
                                  "fixed_point": 0.5}))
        data = pd.concat(part, ignore_index=True)
        plot_rep.plot_good_standing(data, ax=ax, legend=ax is axes[1],
                                    title=f"execution error $e = {e:g}$, assessment error $\\mu = {mu:g}$")
        frames.append(data.assign(execution_error=e, assessment_error=mu))
    axes[1].set_ylabel("")
    fig.suptitle("Good standing among discriminators: one public record holds it, private records lose it")
    fig.tight_layout()
    return pd.concat(frames, ignore_index=True)


@register(
    "reputation_record_quality",
    caption=(
        "Long-run share of donations made against the association's record quality q (the probability that a "
        "donor knows the recipient's standing; an uninformed donor helps), simple standing, b = 4, c = 1, "
        "execution error e = 0.02, assessment error μ = 0.01, starting from 95% discriminators (DISC) and 5% "
        "defectors (ALLD). Blue line: replicator dynamics over ALLC/ALLD/DISC; orange markers and band: "
        "agent-based simulation with imitation (500 firms, mean and range over 3 replications). Discriminators "
        "resist defectors only above q = c/b (dashed; Nowak & Sigmund 2005), but then only from above the unstable "
        "rest point x*(q) of the ALLD–DISC edge (grey dashed; without errors x* = c(2−q)/(bq + c(1−q))): "
        "cooperation switches on where x*(q) falls below the initial 95% (dotted), slightly above c/b. Markers "
        "on x*(q): risk dominance (DISC's basin is the larger, x* = 1/2) and the one-third rule of finite "
        "populations (x* = 1/3)."
    ),
    figsize=(6.8, 5.8),
    cost=5.0,
)
def reputation_record_quality(fig, *, quick: bool = False):
    import pandas as pd

    b, c = 4.0, 1.0
    # simulated record qualities: dense where cooperation switches on (just above c/b), sparse elsewhere
    qs = (np.round(np.linspace(0.05, 1.0, 8), 4) if quick else
          np.array([0.05, 0.15, 0.22, 0.26, 0.28, 0.3, 0.33, 0.4, 0.5, 0.65, 0.8, 1.0]))
    n_firms, rounds, reps = (250, 600, 1) if quick else (500, 1500, 3)
    x0 = [0.0, 0.05, 0.95]
    params = dict(b=b, c=c, noise=0.02, assessment_error=0.01)
    rows = []
    qline = np.linspace(0.05, 1.0, 40 if quick else 96)
    end = rep.replicator_trajectory("simple_standing", np.tile(x0, (len(qline), 1)), t_max=200.0, steps=150,
                                    record_quality=qline, **params)
    end = end[end["t"] == end["t"].max()].sort_values("trajectory")
    for q, coop in zip(qline, end["cooperation"]):
        rows.append({"q": q, "source": "replicator", "cooperation": float(coop), "low": np.nan, "high": np.nan})
    critical = rep.critical_record_quality(b, c)
    qbasin = np.linspace(critical, 1.0, 30 if quick else 50)[1:]
    basin = [rep.edge_rest_point("simple_standing", ("ALLD", "DISC"), record_quality=q, **params) for q in qbasin]
    for q, x in zip(qbasin, basin):
        if x is not None:
            rows.append({"q": q, "source": "basin", "cooperation": float(x), "low": np.nan, "high": np.nan})
    seeds = np.random.SeedSequence(2024).spawn(len(qs))
    for q, ss in zip(qs, seeds):
        vals = []
        for child in ss.spawn(reps):
            df = rep.simulate("simple_standing", n_firms, rounds, rng=child, record_quality=q, strategies=x0,
                              imitation=0.3, generation=5, selection=2.0, **params)
            vals.append(df["cooperation"].iloc[-50:].mean())
        rows.append({"q": q, "source": "simulation", "cooperation": float(np.mean(vals)),
                     "low": float(np.min(vals)), "high": float(np.max(vals))})
    data = pd.DataFrame(rows)
    curve = data[data["source"] == "basin"].sort_values("cooperation")
    thresholds = {}
    for label, level in (("risk dominance, $x^* = 1/2$", 0.5), ("one-third rule, $x^* = 1/3$", 1 / 3)):
        if len(curve) and curve["cooperation"].min() <= level <= curve["cooperation"].max():
            thresholds[label] = (float(np.interp(level, curve["cooperation"], curve["q"])), level)
    plot_rep.plot_cooperation_vs_record(data, critical, thresholds=thresholds, start=x0[2],
                                        ax=fig.add_subplot())
    fig.tight_layout()
    return data


def _simplex_grid(k: int) -> np.ndarray:
    pts = []
    for i in range(k + 1):
        for j in range(k + 1 - i):
            pts.append((i, j, k - i - j))
    x = np.asarray(pts, dtype=float) / k
    inner = (x > 0.02).sum(axis=1) >= 2
    return x[inner]


@register(
    "reputation_simplex",
    caption=(
        "Replicator dynamics of always-cooperate (ALLC), always-defect (ALLD) and discriminators (DISC) with public "
        "records, b = 3, c = 1, execution error e = 0.05, assessment error μ = 0.02, under image scoring (left) and "
        "stern judging (right). Arrows: direction of selection (colour: log10 of the speed, one scale for both "
        "panels, yellow fastest); red lines: trajectories from the dots; "
        "filled/open circles: stable/unstable "
        "rest points. Under image scoring a discriminator who refuses a bad recipient is marked down, so "
        "unconditional cooperators invade DISC and the population settles on an ALLC–DISC mixture (or on ALLD); "
        "stern judging makes DISC stable against both (Sigmund 2010, ch. 5; Ohtsuki & Iwasa 2004)."
    ),
    figsize=(9.0, 5.0),
)
def reputation_simplex(fig, *, quick: bool = False):
    import pandas as pd

    params = dict(b=3.0, c=1.0, noise=_E, assessment_error=_MU)
    grid = _simplex_grid(12 if quick else 18)
    starts = np.array([[0.05, 0.15, 0.8], [0.3, 0.1, 0.6], [0.6, 0.05, 0.35], [0.1, 0.5, 0.4], [0.45, 0.45, 0.1],
                       [0.15, 0.3, 0.55]])
    frames = []
    axes = fig.subplots(1, 2)
    norms = ("image_scoring", "stern_judging")
    fields = {norm: rep.replicator_field(norm, grid, **params) for norm in norms}
    speeds = [np.log10(np.linalg.norm(v, axis=1) + 1e-6) for v in fields.values()]
    speed_range = (min(s.min() for s in speeds), max(s.max() for s in speeds))
    for ax, norm in zip(axes, norms):
        v = fields[norm]
        field = pd.DataFrame({"ALLC": grid[:, 0], "ALLD": grid[:, 1], "DISC": grid[:, 2], "dALLC": v[:, 0],
                              "dALLD": v[:, 1], "dDISC": v[:, 2]})
        traj = rep.replicator_trajectory(norm, starts, t_max=60.0, steps=150 if quick else 400, **params)
        rp = rep.rest_points(norm, **params)
        plot_rep.plot_simplex(field, traj, rp, ax=ax, title=norm.replace("_", " "), speed_range=speed_range,
                              colorbar=list(axes) if ax is axes[1] else False)
        field["norm"] = norm
        field["kind"] = "field"
        rp = rp.assign(norm=norm)
        frames += [field, rp.assign(kind="rest point: " + rp["kind"])]
    axes[1].legend(loc="upper right", fontsize=8, bbox_to_anchor=(1.12, 1.02))
    fig.set_layout_engine("constrained")  # the shared colour bar spans both panels
    return pd.concat(frames, ignore_index=True)


@register(
    "reputation_chain_store",
    caption=(
        "Chain-store reputation (Kreps & Wilson 1982): a weak incumbent facing 12 entrants, entrant gain b = 0.5, "
        "incumbent gain a = 2, prior 0.05 that it is tough. Left: one equilibrium play, the belief that the "
        "incumbent is tough (solid) against the entrant's threshold b^k with k markets left (dashed; entry iff the "
        "belief is below it), and each entrant's decision (bottom strip). Right: entry and fighting frequencies "
        "over simulated plays (open markers) against the sequential equilibrium "
        "(lines): entrants stay out until the last few markets, where the weak incumbent fights with the "
        "probability that lifts the belief exactly to the next threshold."
    ),
    figsize=(10.0, 4.4),
)
def reputation_chain_store(fig, *, quick: bool = False):
    import pandas as pd

    cs = rep.ChainStore(entrant_gain=0.5, incumbent_gain=2.0, prior=0.05, n_markets=12)
    # the first seed whose play shows the weak incumbent fighting twice (a reputation being built)
    one = next(play for seed in range(200)
               if (play := cs.simulate(rng=seed, incumbent="weak")).to_frame()["fought"].sum() >= 2)
    many = cs.simulate(rng=9, incumbent="weak", plays=500 if quick else 5000).to_frame()
    freq = many.groupby("market").agg(entry_sim=("entered", "mean"))
    freq["fight_sim"] = many[many["entered"]].groupby("market")["fought"].mean()
    # equilibrium probabilities by market, propagated exactly over the belief distribution
    dist = {cs.prior: 1.0}
    entry_eq, fight_eq = [], []
    for k in range(cs.n_markets, 0, -1):
        pe = sum(w * cs.entry_probability(k, p) for p, w in dist.items())
        pf = sum(w * cs.entry_probability(k, p) * cs.fight_probability(k, p) for p, w in dist.items())
        entry_eq.append(pe)
        fight_eq.append(pf / pe if pe > 0 else np.nan)
        new: dict[float, float] = {}
        for p, w in dist.items():
            e = cs.entry_probability(k, p)
            f = cs.fight_probability(k, p)
            for q, pr in ((p, 1 - e), (cs.belief_after_fight(k, p), e * f), (0.0, e * (1 - f))):
                if pr > 0:
                    new[q] = new.get(q, 0.0) + w * pr
        dist = new
    freq = freq.reset_index()
    freq["entry_eq"] = entry_eq
    freq["fight_eq"] = fight_eq
    ax1, ax2 = fig.subplots(1, 2)
    plot_rep.plot_chain_store(one, ax=ax1)
    plot_rep.plot_entry_frequencies(freq, ax=ax2)
    fig.tight_layout()
    path = one.to_frame().assign(kind="play")
    return pd.concat([path, freq.assign(kind="frequencies")], ignore_index=True)


@register(
    "reputation_exclusion",
    caption=(
        "Reputation and expulsion together. The association's record quality q is both the probability that a "
        "donor knows a partner's standing and the probability that a cheat is detected and expelled "
        "(trust.expulsion_delta with T − R = c, R = b − c, outside option 1; b = 3, c = 1). Imitating firms keep "
        "discriminating iff q > c/b (dashed); forward-looking firms do not cheat iff δ ≥ δ*(q) (solid). Good "
        "records do double duty: above c/b reputation alone suffices, below it only patient firms are held by the "
        "threat of expulsion."
    ),
    figsize=(6.4, 5.8),
)
def reputation_exclusion(fig, *, quick: bool = False):
    b, c = 3.0, 1.0
    k = 121 if quick else 241
    data = rep.exclusion_regions(b, c, outside=1.0, q=np.linspace(0.005, 1.0, k), delta=np.linspace(0, 0.995, k))
    plot_rep.plot_exclusion_regions(data, rep.critical_record_quality(b, c), ax=fig.add_subplot())
    fig.tight_layout()
    return data
