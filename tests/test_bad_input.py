"""Fuzz suite (issue 16): adversarial calls across the public functions of reputation, chainstore, population,
evolution, tournaments, repeated, symbolic and sweep.

Every call must either raise a ``TypeError``/``ValueError`` whose message names the offending argument, or return a
finite, valid result (probabilities in [0, 1] summing to 1, thresholds in [0, 1] or ``inf``, no NaN). Every
reproducer of issue 16 for these modules is here (marked "issue 16").
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import chainstore, evolution, population, repeated, reputation, symbolic, tournaments
from clustergames.games import prisoners_dilemma
from clustergames.sweep import sweep as run_sweep

rep, pop, ev, tn = reputation, population, evolution, tournaments

BAD_PROBABILITIES = [-0.1, 1.5, float("nan"), float("inf"), "half", True, 0.5 + 1j, None, [0.1, 0.2]]
BAD_COUNTS = [0, -3, 2.5, "ten", True, float("nan"), None]
BAD_REALS = [float("nan"), float("inf"), "x", True, 1 + 2j, None]
BAD_RNG = ["abc", 1.5, -1, True, [1, 2]]
BAD_MATRICES = [[[1, 0], [0]], [[1, float("nan")], [0, 1]], [[1, float("inf")], [0, 1]], [[1j, 0], [0, 1]],
                [[True, False], [False, True]], "matrix", [[1, 2, 3], [4, 5, 6]], [1, 2], [[1]]]

PD = (3.0, 0.0, 5.0, 1.0)


def _cases():
    """(id, call, argument name that the error must mention)."""
    out = []

    def add(label, call, name):
        out.append(pytest.param(call, name, id=label))

    for i, v in enumerate(BAD_PROBABILITIES):
        if isinstance(v, list):               # good_fraction is vectorised over error rates
            continue
        add(f"good_fraction-e-{i}", lambda v=v: rep.good_fraction("stern_judging", v, 0.01), "noise")
        add(f"good_fraction-mu-{i}", lambda v=v: rep.good_fraction("stern_judging", 0.01, v), "assessment_error")
        add(f"good_fraction-q-{i}", lambda v=v: rep.good_fraction("L1", 0.01, 0.01, record_quality=v),
            "record_quality")
        add(f"simulate-initial_good-{i}", lambda v=v: rep.simulate("L1", 10, 2, rng=0, initial_good=v),
            "initial_good")
        add(f"simulate-observation-{i}", lambda v=v: rep.simulate("L1", 10, 2, rng=0, reputations="private",
                                                                   observation=v), "observation")
        add(f"memory_one-noise-{i}", lambda v=v: tn.memory_one_payoffs(tn.TFT, tn.WSLS, noise=v), "noise")
        if v is not None:                     # continuation=None is the long-run average
            add(f"memory_one-continuation-{i}", lambda v=v: tn.memory_one_payoffs(tn.TFT, tn.WSLS, continuation=v),
                "continuation")
        add(f"exit_mean_field-survival-{i}", lambda v=v: tn.exit_mean_field([0.5, 0.5], survival=v), "survival")
        add(f"chainstore-belief-{i}", lambda v=v: chainstore.ChainStore(0.5, 2, 0.1, 5).entry_probability(3, v),
            "belief")
        add(f"simulate_exit-mutation-{i}", lambda v=v: tn.simulate_exit_game(n_agents=10, rounds=2, mutation=v,
                                                                            rng=0), "mutation")
    for i, v in enumerate(BAD_COUNTS):
        add(f"simulate-n_firms-{i}", lambda v=v: rep.simulate("L1", v, 3, rng=0), "n_firms")
        add(f"simulate-rounds-{i}", lambda v=v: rep.simulate("L1", 10, v, rng=0), "rounds")
        add(f"simulate_loop-rounds-{i}", lambda v=v: rep.simulate_loop("L1", 10, v, rng=0), "rounds")
        add(f"fixation-N-{i}", lambda v=v: pop.fixation_probability([[3, 0], [5, 1]], v, selection=0.1), "N")
        add(f"simulate_fixation-runs-{i}", lambda v=v: pop.simulate_fixation([[3, 0], [5, 1]], 5, selection=0.1,
                                                                            runs=v, rng=0), "runs")
        add(f"simulate_tournament-turns-{i}", lambda v=v: tn.simulate_tournament({"TFT": tn.TFT}, turns=v, rng=0),
            "turns")
        add(f"chainstore-n_markets-{i}", lambda v=v: chainstore.ChainStore(0.5, 2, 0.1, v), "n_markets")
        add(f"replicator_trajectory-steps-{i}", lambda v=v: rep.replicator_trajectory("L1", [0.2, 0.3, 0.5],
                                                                                     steps=v), "steps")
        add(f"exit_cooperation-grid-{i}", lambda v=v: tn.exit_cooperation(0.95, grid=v), "grid")
        add(f"sweep-repetitions-{i}", lambda v=v: run_sweep(rep.critical_record_quality, {"b": [3], "c": [1]},
                                                              repetitions=v), "repetitions")
    for i, v in enumerate(BAD_REALS):
        add(f"replicator_trajectory-t_max-{i}", lambda v=v: rep.replicator_trajectory("L1", [0.2, 0.3, 0.5],
                                                                                     t_max=v), "t_max")
        add(f"strategy_payoffs-b-{i}", lambda v=v: rep.strategy_payoffs("L1", [0, 0, 1], b=v), "b")
        add(f"fixation-selection-{i}", lambda v=v: pop.fixation_probability([[3, 0], [5, 1]], 10, selection=v,
                                                                           process="fermi"), "selection")
        add(f"replicator_dynamics-step-{i}", lambda v=v: ev.replicator_dynamics([[1, 0], [0, 1]], [0.3, 0.7],
                                                                               step=v), "step")
        add(f"simulate_discrete-background-{i}",
            lambda v=v: ev.government_firm(**ev.GOVERNMENT_FIRM_SCENARIOS["centre"]).simulate_discrete(
                [0.5, 0.5], 3, background=v), "background")
        add(f"chainstore-prior-{i}", lambda v=v: chainstore.ChainStore(0.5, 2, v, 5), "prior")
        add(f"values-delta-{i}", lambda v=v: repeated.values(prisoners_dilemma(5, 3, 1, 0), "grim", v), "delta")
        add(f"exit_critical_survival-tol-{i}", lambda v=v: tn.exit_critical_survival(tol=v, grid=20), "tol")
        if v is not None:                     # None means the default payoff
            add(f"payoffs-T-{i}", lambda v=v: tn.memory_one_payoffs(tn.TFT, tn.TFT, T=v), "T")
            add(f"payoffs-S-{i}", lambda v=v: tn.exact_tournament({"TFT": tn.TFT}, S=v), "S")
    for i, v in enumerate(BAD_RNG):
        add(f"simulate-rng-{i}", lambda v=v: rep.simulate("L1", 10, 2, rng=v), "rng")
        add(f"simulate_loop-rng-{i}", lambda v=v: rep.simulate_loop("L1", 10, 2, rng=v), "rng")
        add(f"simulate_fixation-rng-{i}", lambda v=v: pop.simulate_fixation([[1, 0], [0, 1]], 5, selection=0.1,
                                                                           runs=5, rng=v), "rng")
        add(f"simulate_tournament-rng-{i}", lambda v=v: tn.simulate_tournament({"TFT": tn.TFT}, turns=2, rng=v),
            "rng")
        add(f"exit_game-rng-{i}", lambda v=v: tn.simulate_exit_game(n_agents=10, rounds=2, rng=v), "rng")
        add(f"chainstore-simulate-rng-{i}", lambda v=v: chainstore.ChainStore(0.5, 2, 0.1, 5).simulate(rng=v), "rng")
    for i, m in enumerate(BAD_MATRICES):
        add(f"replicator_dynamics-A-{i}", lambda m=m: ev.replicator_dynamics(m), "A")
        add(f"fixation_matrix-{i}", lambda m=m: pop.fixation_matrix(m, 10, selection=0.1), "matrix")
        add(f"stationary-{i}", lambda m=m: pop.stationary_distribution(m, 10, selection=0.1), "matrix")
    # one-off reproducers and degenerate sizes
    add("issue16-simulate-74GiB", lambda: rep.simulate("stern_judging", 10**5, 1, reputations="private"), "n_firms")
    add("issue16-replicator_trajectory-inf", lambda: rep.replicator_trajectory("stern_judging", [0.3, 0.3, 0.4],
                                                                              t_max=np.inf), "t_max")
    add("issue16-simulate_loop-abc", lambda: rep.simulate_loop("stern_judging", 20, 5, rng="abc"), "rng")
    add("issue16-simulate_loop-0-rounds", lambda: rep.simulate_loop("stern_judging", 20, 0, rng=1), "rounds")
    add("issue16-replicator-inf", lambda: ev.replicator_dynamics([[np.inf, 0], [0, 1]], x0=[.3, .7]), "A")
    add("issue16-replicator-complex", lambda: ev.replicator_dynamics([[1j, 0], [0, 1]], x0=[.3, .7]), "A")
    add("issue16-replicator-step-neg", lambda: ev.replicator_dynamics([[1, 0], [0, 1]], x0=[.3, .7], step=-1),
        "step")
    add("issue16-replicator-step-0", lambda: ev.replicator_dynamics([[1, 0], [0, 1]], x0=[.3, .7], step=0), "step")
    add("issue16-exit_critical_survival-tol0", lambda: tn.exit_critical_survival(tol=0), "tol")
    add("issue16-exit_cooperation-grid1", lambda: tn.exit_cooperation(0.95, grid=1), "grid")
    add("issue16-axelrod_moran-noise", lambda: tn.axelrod_moran({"TFT": tn.TFT, "ALLD": tn.ALLD},
                                                                {"TFT": 2, "ALLD": 2}, noise=1.5), "noise")
    add("issue16-formula-complex", lambda: rep.critical_share(np.array([3 + 1j]), 1, 0.5), "b")
    add("issue16-formula-bool", lambda: rep.critical_share(True, 1, 0.5), "b")
    add("replicator-x0-sum", lambda: ev.replicator_dynamics([[1, 0], [0, 1]], x0=[0.5, 0.6]), "x0")
    add("replicator-t-inf", lambda: ev.replicator_dynamics([[1, 0], [0, 1]], t=[0, np.inf]), "t")
    add("replicator-mutation", lambda: ev.replicator_dynamics([[1, 0], [0, 1]], mutation=[[0.5, 0.6], [0, 1]]),
        "mutation")
    add("asymmetric-B-nan", lambda: ev.asymmetric_replicator_dynamics([[1, 0], [0, 1]], [[1, np.nan], [0, 1]]), "B")
    add("asymmetric-step", lambda: ev.asymmetric_replicator_dynamics([[1, 0], [0, 1]], [[1, 0], [0, 1]], step=0),
        "step")
    add("exit_mean_field-x", lambda: tn.exit_mean_field([0.5, 0.6]), "x")
    add("exit_mean_field-x-nan", lambda: tn.exit_mean_field([np.nan, 1]), "x")
    add("exit_game-initial", lambda: tn.simulate_exit_game(n_agents=10, rounds=2, initial=[-1, 2], rng=0), "initial")
    add("exit_game-n_agents", lambda: tn.simulate_exit_game(n_agents=1, rounds=2, rng=0), "n_agents")
    add("exit_game-flag", lambda: tn.simulate_exit_game(n_agents=10, rounds=2, exit_option="yes", rng=0),
        "exit_option")
    add("memory_one-turns", lambda: tn.memory_one_payoffs(tn.TFT, tn.TFT, turns=0), "turns")
    add("memory_one-turns-float", lambda: tn.memory_one_payoffs(tn.TFT, tn.TFT, turns=2.5), "turns")
    add("memory_one-vector", lambda: tn.memory_one_payoffs((1.2, 0, 1, 0), tn.TFT), "p")
    add("memory_one-vector-nan", lambda: tn.memory_one_payoffs(tn.TFT, (np.nan, 0, 1, 0)), "q")
    add("simulate_tournament-repetitions", lambda: tn.simulate_tournament({"TFT": tn.TFT}, repetitions=0, rng=0),
        "repetitions")
    add("critical_delta-kind", lambda: repeated.critical_delta(prisoners_dilemma(5, 3, 1, 0), "grim", kind="x"),
        "kind")
    add("is_equilibrium-delta", lambda: repeated.is_equilibrium(prisoners_dilemma(5, 3, 1, 0), "grim", 1.0), "delta")
    add("is_equilibrium-tol", lambda: repeated.is_equilibrium(prisoners_dilemma(5, 3, 1, 0), "grim", 0.6, tol=-1),
        "tol")
    add("chainstore-remaining", lambda: chainstore.ChainStore(0.5, 2, 0.1, 5).fight_probability(6, 0.1),
        "remaining")
    add("chainstore-remaining-float", lambda: chainstore.ChainStore(0.5, 2, 0.1, 5).threshold(2.5), "remaining")
    add("chainstore-entrant_gain", lambda: chainstore.ChainStore(1.0, 2, 0.1, 5), "entrant_gain")
    add("chainstore-incumbent_gain", lambda: chainstore.ChainStore(0.5, 1, 0.1, 5), "incumbent_gain")
    add("chainstore-incumbent", lambda: chainstore.ChainStore(0.5, 2, 0.1, 5).simulate(incumbent="strong"),
        "incumbent")
    add("chainstore-plays", lambda: chainstore.ChainStore(0.5, 2, 0.1, 5).simulate(plays=0), "plays")
    add("simulate-reputations", lambda: rep.simulate("L1", 10, 2, reputations="secret"), "reputations")
    add("simulate-generation", lambda: rep.simulate("L1", 10, 2, generation=0), "generation")
    add("simulate-selection", lambda: rep.simulate("L1", 10, 2, selection=-1), "selection")
    add("constant_fitness-N", lambda: pop.constant_fitness_fixation(2, 1), "N")
    add("constant_fitness-r", lambda: pop.constant_fitness_fixation(-1, 10), "r")
    add("constant_fitness-r-nan", lambda: pop.constant_fitness_fixation(np.nan, 10), "r")
    add("fixation-process", lambda: pop.fixation_probability([[3, 0], [5, 1]], 10, selection=0.1, process="wf"),
        "process")
    add("fixation-moran-selection", lambda: pop.fixation_probability([[3, 0], [5, 1]], 10, selection=2), "selection")
    add("simulate_fixation-max_steps", lambda: pop.simulate_fixation([[3, 0], [5, 1]], 10, selection=0.1,
                                                                     max_steps=0), "max_steps")
    add("zd-chi", lambda: tn.zd_extortion(0.5), "chi")
    add("gtft-generosity", lambda: tn.gtft(generosity=2), "generosity")
    add("sweep-rng", lambda: run_sweep(rep.critical_record_quality, {"b": [3], "c": [1]}, rng="x"), "rng")
    return out


CASES = _cases()


@pytest.mark.parametrize(("call", "name"), CASES)
def test_bad_input_raises_a_clear_error(call, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises((TypeError, ValueError)) as info:
            call()
    assert name in str(info.value), f"the message must name {name!r}: {info.value}"


def test_at_least_two_hundred_adversarial_calls():
    assert len(CASES) + len(VALID) >= 200


# ---------------------------------------------------------------------------------------------------------------
# adversarial calls that must give a finite, valid result (issue 16 reproducers among them)
# ---------------------------------------------------------------------------------------------------------------
def _probability(x):
    x = float(x)
    return math.isfinite(x) and 0.0 <= x <= 1.0


def _distribution(v, axis=-1):
    v = np.asarray(v, dtype=float)
    return bool(np.isfinite(v).all() and (v >= 0).all() and (v <= 1).all()
                and np.allclose(v.sum(axis=axis), 1.0, rtol=0, atol=1e-12))


def _threshold(x):
    x = float(x)
    return x == math.inf or 0.0 <= x < 1.0


def _valid(label, call, check):
    return pytest.param(call, check, id=label)


VALID = [
    # chain store (issue 16)
    _valid("chainstore-prior0-entry", lambda: chainstore.ChainStore(0.5, 2, 0.0, 60).entry_probability(60, 0.0),
           lambda r: r == 1.0),
    _valid("chainstore-prior0-entries", lambda: chainstore.ChainStore(0.5, 2, 0.0, 60).expected_entries(),
           lambda r: r == 60.0),
    _valid("chainstore-prior0-simulation",
           lambda: chainstore.ChainStore(0.5, 2, 0.0, 60).simulate(incumbent="weak", plays=400, rng=1).frame,
           lambda f: f.groupby("play")["entered"].sum().eq(60).all()),
    # log2(1e16) = 53.15: no entry before the last 53 markets, and fewer than 53 entries on average
    _valid("chainstore-prior1e-16", lambda: chainstore.ChainStore(0.5, 2, 1e-16, 60).expected_entries(),
           lambda r: 50 < r < 53.2),
    _valid("chainstore-prior1e-16-entry-early", lambda: chainstore.ChainStore(0.5, 2, 1e-16, 60).entry_probability(
        60, 1e-16), lambda r: r == 0.0),
    _valid("chainstore-value-2000", lambda: chainstore.ChainStore(0.5, 2, 0.0, 2000).incumbent_value(2000, 0.0),
           lambda r: r == 0.0),
    _valid("chainstore-long-chain", lambda: chainstore.ChainStore(0.5, 2, 0.1, 5000).incumbent_value(5000, 0.1),
           lambda r: math.isfinite(r) and r > 2 * 4990),
    _valid("chainstore-threshold-underflow", lambda: chainstore.ChainStore(0.5, 2, 0.1, 2000).entry_probability(
        2000, 1e-300), lambda r: r == 0.0),
    # reputation
    _valid("good_fraction-extremes", lambda: rep.good_fraction("L3", 1.0, 0.5), _probability),
    _valid("good_fraction-zero-errors", lambda: rep.good_fraction("L3", 0.0, 0.0), _probability),
    _valid("strategy_payoffs-vertex", lambda: rep.strategy_payoffs("L8", [1, 0, 0], noise=1.0)[1],
           lambda g: ((g >= 0) & (g <= 1)).all()),
    _valid("simulate-2-firms", lambda: rep.simulate("L1", 2, 1, rng=0), lambda df: df["good"].between(0, 1).all()),
    # population (issue 16)
    _valid("fermi-1e308-coordination", lambda: pop.fixation_probability([[1, 0], [0, 1]], 10, selection=1e308,
                                                                       process="fermi"), lambda r: r == 0.0),
    _valid("fermi-1e308-anticoordination", lambda: pop.fixation_probability([[0, 1], [1, 0]], 10, selection=1e308,
                                                                           process="fermi"),
           lambda r: r == pytest.approx(0.5)),
    _valid("fermi-1e308-matrix", lambda: pop.fixation_matrix(np.random.default_rng(1).random((4, 4)), 50,
                                                            selection=1e308),
           lambda m: np.isfinite(m).all() and ((m >= 0) & (m <= 1)).all()),
    _valid("stationary-1e308", lambda: pop.stationary_distribution([[3, 0], [5, 1]], 20, selection=1e308).distribution,
           _distribution),
    _valid("constant_fitness-huge-N", lambda: pop.constant_fitness_fixation(2, 10**30), lambda r: r == 0.5),
    _valid("constant_fitness-tiny-r", lambda: pop.constant_fitness_fixation(1e-300, 10**6), lambda r: r == 0.0),
    _valid("simulate_fixation-max_steps-1",
           lambda: pop.simulate_fixation([[1, 0], [0, 1]], 10, selection=0.5, max_steps=1, rng=1),
           lambda s: s.unfinished > 0 and 0 < s.estimate < 1 and s.to_frame()["unfinished"].item() == s.unfinished),
    _valid("fixation-N-2", lambda: pop.fixation_probability([[3, 0], [5, 1]], 2, selection=0.5), _probability),
    # evolution (issue 16)
    _valid("replicator-1e300", lambda: ev.replicator_dynamics([[1e300, 0], [0, 1e300]], x0=[.3, .7]),
           lambda X: np.isfinite(X).all() and X[-1, 1] > 1 - 1e-12),
    _valid("replicator-1e-300", lambda: ev.replicator_dynamics([[1e-300, 0], [0, 1e-300]], x0=[.3, .7], t=[0, 1]),
           lambda X: np.allclose(X[-1], [.3, .7])),
    _valid("replicator-max-float", lambda: ev.replicator_dynamics([[-1.7e308, 0], [0, 1.7e308]], x0=[.3, .7],
                                                                 t=[0, 1]),
           lambda X: _distribution(X) and X[-1, 1] > 1 - 1e-12),
    _valid("replicator-hawk-dove-1e300", lambda: ev.replicator_dynamics([[0, 3e300], [1e300, 2e300]], x0=[.3, .7],
                                                                       t=[0, 1]),
           lambda X: np.allclose(X[-1], [0.5, 0.5])),
    _valid("asymmetric-1e300", lambda: ev.asymmetric_replicator_dynamics(
        [[1e300, 0], [0, 1e300]], [[1e300, 0], [0, 1e300]], [0.6, 0.4], [0.6, 0.4], [0, 1])[0],
           lambda X: _distribution(X) and X[-1, 0] > 1 - 1e-12),
    # tournaments (issue 16)
    _valid("exit_mean_field-absent", lambda: tn.exit_mean_field([1, 0]),
           lambda df: np.isfinite(df[["payoff", "partner_cooperates"]].to_numpy()).all()),
    _valid("memory_one-continuation-near-1", lambda: tn.memory_one_distribution(tn.TFT, tn.WSLS, noise=0.01,
                                                                               continuation=1 - 1e-12),
           _distribution),
    _valid("memory_one-noise-1", lambda: tn.memory_one_distribution(tn.TFT, tn.WSLS, noise=1.0), _distribution),
    _valid("memory_one-noise-tiny", lambda: tn.memory_one_distribution(tn.TFT, tn.GRIM, noise=1e-300),
           _distribution),
    _valid("exit_critical_survival-eps", lambda: tn.exit_critical_survival(grid=20, tol=2.3e-16), _threshold),
    # repeated and formulas (issue 16)
    _valid("critical_delta-1e300", lambda: repeated.critical_delta(prisoners_dilemma(1e300, 3, 1, 0), "grim").min,
           lambda r: r == math.inf),
    _valid("critical_delta-scaled", lambda: repeated.critical_delta(prisoners_dilemma(5e300, 3e300, 1e300, 0),
                                                                    "grim").min, lambda r: r == pytest.approx(0.5)),
    _valid("critical_delta-tiny", lambda: repeated.critical_delta(prisoners_dilemma(5e-300, 3e-300, 1e-300, 0),
                                                                  "grim").min, lambda r: r == pytest.approx(0.5)),
    _valid("is_equilibrium-scaled", lambda: repeated.is_equilibrium(prisoners_dilemma(5e12, 3e12, 1e12, 0), "grim",
                                                                    0.6), lambda r: r is True),
    _valid("formula-fraction", lambda: rep.critical_record_quality(Fraction(3), 1),
           lambda r: isinstance(r, Fraction) and r == Fraction(1, 3)),
    _valid("formula-fraction-share", lambda: rep.critical_share(Fraction(3), Fraction(1), Fraction(1, 2)),
           lambda r: isinstance(r, Fraction) and r == Fraction(1, 2)),
    _valid("formula-sympy", lambda: rep.critical_record_quality(sympy.Integer(3), 1),
           lambda r: r == sympy.Rational(1, 3)),
]


@pytest.mark.parametrize(("call", "check"), VALID)
def test_adversarial_call_gives_a_valid_result(call, check):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = call()
    assert check(out), out


# ---------------------------------------------------------------------------------------------------------------
# seeds replay runs, also with rng=None (issue 16)
# ---------------------------------------------------------------------------------------------------------------
def test_generator_is_honoured_by_simulate_loop():
    a = rep.simulate_loop("stern_judging", 50, 20, rng=np.random.default_rng(123), noise=0.1)
    b = rep.simulate_loop("stern_judging", 50, 20, rng=np.random.default_rng(123), noise=0.1)
    c = rep.simulate_loop("stern_judging", 50, 20, rng=np.random.default_rng(124), noise=0.1)
    assert a == b and a != c


def test_runs_with_rng_none_record_a_seed_that_replays_them():
    sim = pop.simulate_fixation([[2, 1], [1, 1]], 8, selection=0.3, runs=300, rng=None)
    assert isinstance(sim.seed, int)
    again = pop.simulate_fixation([[2, 1], [1, 1]], 8, selection=0.3, runs=300, rng=sim.seed)
    assert (again.fixed, again.unfinished) == (sim.fixed, sim.unfinished)
    df = tn.simulate_tournament({"TFT": tn.TFT, "ALLD": tn.ALLD}, turns=5, repetitions=3, noise=0.1, rng=None)
    replay = tn.simulate_tournament({"TFT": tn.TFT, "ALLD": tn.ALLD}, turns=5, repetitions=3, noise=0.1,
                                    rng=df.attrs["seed"])
    assert df.equals(replay)
    ex = tn.simulate_exit_game(n_agents=20, rounds=5, rng=None)
    assert ex.history.equals(tn.simulate_exit_game(n_agents=20, rounds=5, rng=ex.seed).history)
    play = chainstore.ChainStore(0.5, 2, 0.3, 8).simulate(rng=None, plays=5)
    assert play.frame.equals(chainstore.ChainStore(0.5, 2, 0.3, 8).simulate(rng=play.seed, plays=5).frame)
    df = rep.simulate("L1", 20, 5, rng=None, noise=0.1)
    assert df.equals(rep.simulate("L1", 20, 5, rng=df.attrs["seed"], noise=0.1))


def test_monte_carlo_results_unpack_as_estimate_and_stderr():
    sim = pop.simulate_fixation([[1, 1], [1, 1]], 5, selection=0.5, runs=2000, rng=3)
    m, se = sim
    assert (m, se) == (sim.estimate, sim.stderr) and sim.n_runs == 2000
    lo, hi = sim.confidence_interval(0.99)
    assert lo < 0.2 < hi                      # neutral drift: 1/N


def test_unfinished_runs_keep_the_estimate_unbiased():
    # issue 16: runs cut at max_steps were counted as extinctions (estimate 0.0); they are counted with their exact
    # absorption probability, so the estimate agrees with the exact fixation probability whatever max_steps is
    exact = pop.fixation_probability([[2, 1], [1, 1]], 12, selection=0.5)
    for max_steps in (1, 5, 10_000_000):
        sim = pop.simulate_fixation([[2, 1], [1, 1]], 12, selection=0.5, runs=20000, max_steps=max_steps, rng=7)
        assert abs(sim.estimate - exact) < 4 * sim.stderr
    one_step = pop.simulate_fixation([[2, 1], [1, 1]], 12, selection=0.5, runs=10, max_steps=1, rng=1)
    assert one_step.fixed == 0 and 0 < one_step.unfinished < 10        # the others died out in their first step


def test_chain_store_simulation_agrees_with_expected_entries_at_prior_zero():
    cs = chainstore.ChainStore(0.5, 2, 0.0, 60)
    frame = cs.simulate(incumbent="weak", plays=400, rng=1).frame
    assert frame.groupby("play")["entered"].sum().mean() == cs.expected_entries() == 60


def test_chain_store_is_re_exported_by_reputation():
    assert rep.ChainStore is chainstore.ChainStore and rep.ChainStorePlay is chainstore.ChainStorePlay


def test_deprecated_seed_keyword_of_the_axelrod_bridge_names_rng():
    with pytest.warns(DeprecationWarning, match="'seed' is deprecated; use 'rng'"):
        with pytest.raises(ValueError, match="noise"):       # checked before axelrod is imported
            tn.axelrod_tournament({"TFT": tn.TFT}, noise=2, seed=1)
    with pytest.raises(TypeError, match="both 'seed'"):
        tn.axelrod_moran({"TFT": tn.TFT}, {"TFT": 2}, seed=1, rng=1)


def test_repeated_keeps_the_old_private_solver_name():
    d = sympy.Symbol("delta", real=True)
    assert repeated._solution_set is symbolic.solution_set
    assert repeated._solution_set([1 - 2 * d], d) == ([(sympy.Rational(1, 2), 1)], [(True, False)])


# ---------------------------------------------------------------------------------------------------------------
# hypothesis: thresholds and probabilities stay valid over the whole parameter space
# ---------------------------------------------------------------------------------------------------------------
finite = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)
probability = st.floats(min_value=0.0, max_value=1.0)


@settings(max_examples=40, deadline=None)
@given(a=finite, b=finite, c=finite, d=finite, beta=st.floats(min_value=0, max_value=1e308),
       n=st.integers(min_value=2, max_value=300))
def test_fermi_fixation_is_a_probability(a, b, c, d, beta, n):
    assert _probability(pop.fixation_probability([[a, b], [c, d]], n, selection=beta, process="fermi"))


@settings(max_examples=40, deadline=None)
@given(p=st.lists(probability, min_size=5, max_size=5), q=st.lists(probability, min_size=5, max_size=5),
       noise=probability, w=st.one_of(st.none(), st.floats(min_value=0, max_value=1 - 1e-15)))
def test_memory_one_distribution_is_a_distribution(p, q, noise, w):
    assert _distribution(tn.memory_one_distribution(p, q, noise=noise, continuation=w))


@settings(max_examples=25, deadline=None)
@given(b=st.floats(min_value=0.01, max_value=0.99), a=st.floats(min_value=1.01, max_value=100),
       prior=st.floats(min_value=0, max_value=0.99), n=st.integers(min_value=1, max_value=300))
def test_chain_store_probabilities_and_entries_are_valid(b, a, prior, n):
    cs = chainstore.ChainStore(b, a, prior, n)
    assert 0 <= cs.expected_entries() <= n
    for k in (1, n):
        assert _probability(cs.entry_probability(k, prior)) and _probability(cs.fight_probability(k, prior))
        assert _probability(cs.belief_after_fight(k, prior))
    assert math.isfinite(cs.incumbent_value(n, prior))


@settings(max_examples=25, deadline=None)
@given(T=st.floats(min_value=1.0, max_value=1e100), scale=st.floats(min_value=1e-200, max_value=1e200))
def test_grim_threshold_is_in_unit_interval_or_inf(T, scale):
    R, P = 0.5, 0.25
    res = repeated.critical_delta(prisoners_dilemma(T * scale, R * scale, P * scale, 0), "grim")
    assert _threshold(res.min)
    if res.min != math.inf:
        assert res.min == pytest.approx((T - R) / (T - P), rel=1e-9)


def test_deprecated_execution_error_keyword_still_works_and_names_noise():
    with pytest.warns(DeprecationWarning, match="'execution_error' is deprecated; use 'noise'"):
        old = rep.good_fraction("stern_judging", execution_error=0.02, assessment_error=0.01)
    assert old == rep.good_fraction("stern_judging", noise=0.02, assessment_error=0.01)
    with pytest.warns(DeprecationWarning, match="use 'noise'"):
        assert rep.good_fraction_standing(execution_error=0.1, assessment_error=0.05) == \
            rep.good_fraction_standing(0.1, 0.05)
    with pytest.warns(DeprecationWarning, match="use 'noise'"):
        df = rep.simulate("L1", 10, 3, rng=0, execution_error=0.1)
    assert df.equals(rep.simulate("L1", 10, 3, rng=0, noise=0.1))


@pytest.mark.slow
def test_contagion_threshold_of_a_large_cluster_is_fast_and_agrees_with_exact_fractions():
    # issue 16: contagion_delta(5, 3, 1, 2000) took 116 s (exact Fractions with thousands of digits); log-gamma
    # probabilities agree with the exact ones to round-off, and the threshold rises with the cluster size
    from clustergames import trust

    Q, _ = trust._contagion_chain(100)
    exact = np.array([[float(x) for x in row] for row in Q])
    fast, _ = trust._contagion_chain_float.__wrapped__(100)
    assert np.abs(fast - exact).max() < 1e-13
    big = trust.contagion_delta(5, 3, 1, 2000)       # about 3 s (the timing goal lives in the benchmarks)
    assert trust.contagion_delta(5, 3, 1, 500) < big < 1


def test_continuation_probability_is_called_continuation():
    # delta is a discount factor, continuation the probability of another round (docs/explanation/conventions.md)
    assert rep.critical_share(3, 1, continuation=0.5) == 0.5
    with pytest.warns(DeprecationWarning, match="'w' is deprecated; use 'continuation'"):
        assert rep.critical_share(3, 1, w=0.5) == 0.5
    assert rep.critical_share.formula.latex() == r"x^* = \frac{c \left(1 - w\right)}{w \left(b - c\right)}"
