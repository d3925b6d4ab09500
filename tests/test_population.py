"""Tests of clustergames.population: fixation probabilities, rare-mutation stationary distributions, Monte-Carlo."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import population as pop

payoff = st.floats(0.0, 5.0, allow_nan=False)
matrix2 = st.lists(payoff, min_size=4, max_size=4).map(lambda v: [[v[0], v[1]], [v[2], v[3]]])


def _direct_fixation(a, b, c, d, N, w, process):
    """The textbook product formula (Nowak et al. 2004, eq. 1), in exact rational arithmetic for the Moran process."""
    total, prod = Fraction(1), Fraction(1)
    for i in range(1, N):
        pa = Fraction(a * (i - 1) + b * (N - i), N - 1)
        pb = Fraction(c * i + d * (N - i - 1), N - 1)
        if process == "moran":
            prod *= (1 - w + w * pb) / (1 - w + w * pa)
        else:
            prod *= Fraction(float(np.exp(-float(w) * float(pa - pb))))
        total += prod
    return 1 / total


# ---------------------------------------------------------------------------------------------------------------
# published values
# ---------------------------------------------------------------------------------------------------------------
@settings(max_examples=30)
@given(matrix2, st.integers(2, 200), st.sampled_from(["moran", "fermi"]))
def test_neutral_drift_gives_one_over_n(m, N, process):
    # Without selection every individual is equally likely to be the ancestor of all: rho = 1/N (Moran 1958)
    assert pop.fixation_probability(m, N, selection=0.0, process=process) == pytest.approx(1 / N)


@pytest.mark.parametrize("r", [0.5, 0.9, 1.0, 1.1, 2.0])
@pytest.mark.parametrize("N", [2, 10, 100])
def test_constant_fitness_formula(r, N):
    # Moran (1958); Nowak (2006, Evolutionary Dynamics, eq. 6.6): rho = (1 - 1/r) / (1 - 1/r^N), 1/N at r = 1
    expected = 1 / N if r == 1 else (1 - 1 / r) / (1 - r ** (-N))
    assert pop.constant_fitness_fixation(r, N) == pytest.approx(expected, rel=1e-12)
    # the same process written as a game in which A always earns r and B always earns 1, with w = 1
    assert pop.fixation_probability([[r, r], [1, 1]], N, selection=1.0) == pytest.approx(expected, rel=1e-10)


def test_constant_fitness_symbolic_and_stable():
    r, N = sympy.symbols("r N", positive=True)
    expr = pop.constant_fitness_fixation(sympy.Rational(3, 2), 4)
    assert expr == sympy.Rational(27, 65)  # (1 - 2/3)/(1 - 16/81) = (1/3)/(65/81)
    assert pop.constant_fitness_fixation(r, 5).subs(r, 2) == sympy.Rational(16, 31)
    # near r = 1 and for huge N the log-space evaluation stays accurate (1/N + O(r - 1)) and finite
    assert pop.constant_fitness_fixation(1 + 1e-12, 100) == pytest.approx(0.01, rel=1e-9)
    assert pop.constant_fitness_fixation(1.01, 100_000) == pytest.approx(1 - 1 / 1.01, rel=1e-12)
    assert pop.constant_fitness_fixation(0.99, 100_000) == 0.0
    np.testing.assert_allclose(pop.constant_fitness_fixation(np.array([1.0, 2.0]), 10), [0.1, 0.5 / (1 - 2**-10)])


@pytest.mark.parametrize("process, selection", [("moran", 2e-6), ("fermi", 2e-6)])
def test_one_third_rule(process, selection):
    # Nowak, Sasaki, Taylor & Fudenberg (2004) Nature 428, 646-650: in a coordination game (a > c, b < d) under weak
    # selection and large N, rho_A > 1/N iff the unstable mixed point x* = (d - b)/(a - b - c + d) lies below 1/3;
    # Traulsen, Nowak & Pacheco (2006) PRE 74, 011909 show the same rule for the pairwise-comparison process.
    N = 500
    for a, below in ((2.3, True), (1.7, False)):  # b = c = 0, d = 1: x* = 1/(a + 1) vs 1/3 at a = 2
        rho = pop.fixation_probability([[a, 0], [0, 1]], N, selection=selection, process=process)
        assert (rho * N > 1) is below


def test_exact_rational_matches_float_and_direct_product():
    m = [[3, 0], [5, 1]]
    for N in (2, 3, 7, 12):
        exact = pop.fixation_probability(m, N, selection=Fraction(1, 10), exact=True)
        assert isinstance(exact, sympy.Rational)
        assert Fraction(int(exact.p), int(exact.q)) == _direct_fixation(3, 0, 5, 1, N, Fraction(1, 10), "moran")
        assert float(exact) == pytest.approx(pop.fixation_probability(m, N, selection=0.1), rel=1e-12)
    expr = pop.fixation_probability(m, 4, selection=sympy.Rational(1, 2), process="fermi")
    assert float(expr) == pytest.approx(pop.fixation_probability(m, 4, selection=0.5, process="fermi"), rel=1e-12)


def test_large_population_is_stable_and_matches_fermi_ratio_identity():
    # Fermi process: rho_A / rho_B = exp(beta * sum_{i=1}^{N-1} (pi_A(i) - pi_B(i))) (Traulsen et al. 2006) -- a
    # closed form that holds at any N; at N = 1e5 both rho underflow in floats but not their logs.
    a, b, c, d = 3.0, 0.5, 2.0, 1.0
    N, beta = 100_000, 1.0
    logrho = pop.fixation_matrix([[a, b], [c, d]], N, selection=beta, log=True)  # [0, 1]: a 1-mutant among 0s
    i = np.arange(1, N, dtype=float)
    pa = (a * (i - 1) + b * (N - i)) / (N - 1)
    pb = (c * i + d * (N - i - 1)) / (N - 1)
    assert logrho[1, 0] - logrho[0, 1] == pytest.approx(beta * np.sum(pa - pb), rel=1e-9)
    assert np.isfinite(logrho[~np.eye(2, dtype=bool)]).all()
    res = pop.stationary_distribution([[a, b], [c, d]], N, selection=1e-5)
    sigma = np.asarray(res.distribution)
    assert sigma.sum() == pytest.approx(1.0) and np.isfinite(sigma).all()
    # two strategies: sigma_0 / sigma_1 = rho_{1->0} / rho_{0->1}
    weak = pop.fixation_matrix([[a, b], [c, d]], N, selection=1e-5, log=True)
    assert np.log(sigma[0] / sigma[1]) == pytest.approx(weak[1, 0] - weak[0, 1], rel=1e-6)


def test_stationary_distribution_exact_small_n_matches_log_space_gth():
    rng = np.random.default_rng(5)
    A = rng.integers(0, 6, (3, 3))
    for process, w in (("moran", Fraction(1, 3)), ("fermi", 0.7)):
        ex = pop.stationary_distribution(A, 5, selection=w, process=process, exact=True)
        num = pop.stationary_distribution(A, 5, selection=float(w), process=process)
        np.testing.assert_allclose([float(v) for v in ex.distribution], num.distribution, rtol=1e-10)


@settings(max_examples=20)
@given(st.integers(2, 6), st.integers(2, 60), st.floats(0.0, 3.0), st.integers(0, 10_000))
def test_stationary_distribution_is_a_probability_vector_and_stationary(k, N, beta, seed):
    A = np.random.default_rng(seed).random((k, k)) * 4
    res = pop.stationary_distribution(A, N, selection=beta)
    sigma = np.asarray(res.distribution)
    assert sigma.sum() == pytest.approx(1.0) and (sigma >= 0).all()
    rho = res.fixation
    Tm = rho / (k - 1)
    np.fill_diagonal(Tm, 1 - Tm.sum(axis=1))
    np.testing.assert_allclose(sigma @ Tm, sigma, atol=1e-12)
    assert list(res.to_frame().columns) == ["strategy", "probability"]


@settings(max_examples=30)
@given(st.floats(0.0, 3.0), st.floats(0.0, 3.0), st.integers(3, 80), st.sampled_from(["moran", "fermi"]))
def test_fixation_increases_with_selection_for_a_dominant_strategy(gap1, gap2, N, process):
    # A earns more than B against everyone (min(a, b) > max(c, d)), so pi_A(i) > pi_B(i) at every composition even
    # without self-interaction; every ratio g_i/f_i then falls with selection, so rho_A rises. (a > c, b > d alone
    # is not enough in small populations: with N = 3, i = 1 the lone mutant meets only B players.)
    m = [[1 + gap1 + 0.1, 1 + gap2 + 0.1], [1.0, 0.5]]
    ws = [0.0, 0.1, 0.3, 0.6, 0.9]
    rhos = [pop.fixation_probability(m, N, selection=w, process=process) for w in ws]
    assert all(r2 >= r1 - 1e-15 for r1, r2 in zip(rhos, rhos[1:]))
    assert rhos[0] == pytest.approx(1 / N)


# ---------------------------------------------------------------------------------------------------------------
# Monte-Carlo cross-checks
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("process, selection", [("moran", 0.5), ("fermi", 1.0)])
def test_monte_carlo_agrees_with_exact(process, selection):
    m = [[3, 0.5], [2, 1]]  # a stag-hunt-like game
    N = 12
    exact = pop.fixation_probability(m, N, selection=selection, process=process)
    sim = pop.simulate_fixation(m, N, selection=selection, process=process, runs=20000, rng=42)
    assert abs(sim.estimate - exact) <= 4 * np.sqrt(exact * (1 - exact) / sim.runs)
    assert sim.to_frame()["runs"].item() == 20000


def test_monte_carlo_is_reproducible():
    a = pop.simulate_fixation([[2, 1], [1, 1]], 8, selection=0.3, runs=500, rng=1).fixed
    b = pop.simulate_fixation([[2, 1], [1, 1]], 8, selection=0.3, runs=500, rng=1).fixed
    assert a == b


# ---------------------------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------------------------
def test_bad_input():
    m = [[3, 0], [5, 1]]
    with pytest.raises(ValueError, match="N must be an integer >= 2"):
        pop.fixation_probability(m, 1, selection=0.1)
    with pytest.raises(TypeError, match="N must be an integer"):
        pop.fixation_probability(m, 2.5, selection=0.1)
    with pytest.raises(ValueError, match="square payoff matrix"):
        pop.stationary_distribution([[1, 2, 3], [4, 5, 6]], 10, selection=0.1)
    with pytest.raises(ValueError, match="must be 2x2"):
        pop.fixation_probability(np.eye(3), 10, selection=0.1)
    with pytest.raises(ValueError, match=r"selection must be in \[0, 1\]"):
        pop.fixation_probability(m, 10, selection=-1)
    with pytest.raises(ValueError, match="selection must be >= 0"):
        pop.fixation_probability(m, 10, selection=-1, process="fermi")
    with pytest.raises(ValueError, match=r"\[0, 1\] for the Moran"):
        pop.fixation_probability(m, 10, selection=2)
    with pytest.raises(ValueError, match="process must be"):
        pop.fixation_probability(m, 10, selection=0.1, process="wright-fisher")
    with pytest.raises(ValueError, match="fitness 1 - w"):
        pop.fixation_probability([[-3, 0], [5, 1]], 10, selection=1.0)
    with pytest.raises(ValueError, match="r must be positive"):
        pop.constant_fitness_fixation(0, 10)
    with pytest.raises(ValueError, match="N must be an integer"):
        pop.constant_fitness_fixation(2, 1)
    with pytest.raises(ValueError, match="runs must be"):
        pop.simulate_fixation(m, 10, selection=0.1, runs=0)
    with pytest.raises(TypeError, match="must hold real numbers"):
        pop.fixation_probability([["a", 0], [5, 1]], 10, selection=0.1)


def test_fermi_process_agrees_with_egttools():
    # EGTtools (Fernandez Domingos et al. 2023, iScience 26(4), 106419) is an independent implementation of the
    # pairwise-comparison process (Traulsen, Nowak & Pacheco 2006) and of the rare-mutation stationary distribution
    # (Fudenberg & Imhof 2006); both must agree with our log-space computation.
    from egttools.analytical import StochDynamics

    rng = np.random.default_rng(0)
    A = rng.random((5, 5))
    # Under strong selection EGTtools' float computation drifts by ~1e-7 (ours is checked against exact sympy
    # arithmetic elsewhere in this file); under weak selection the two agree to rounding.
    for N, beta, tol in ((30, 1.0, 1e-6), (200, 0.01, 1e-11)):
        ours = pop.stationary_distribution(A, N, selection=beta, process="fermi").distribution
        theirs = np.asarray(StochDynamics(5, A, N).calculate_stationary_distribution(beta))
        assert np.abs(ours - theirs).max() < tol
    two = np.array([[3.0, 0.0], [5.0, 1.0]])
    rho = pop.fixation_probability(two, 50, selection=0.5, process="fermi")
    assert rho == pytest.approx(StochDynamics(2, two, 50).fixation_probability(0, 1, 0.5), rel=1e-9)
