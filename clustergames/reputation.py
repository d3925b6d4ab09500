r"""Reputation in a cluster.

Indirect reciprocity with association records, the virtuous circle, and chain-store reputation.

Four models, each solved in closed form where one exists, numerically, and by simulation:

* **Indirect reciprocity** (Nowak & Sigmund 1998, 2005; Ohtsuki & Iwasa 2004, 2006). Firms meet as donor and
  recipient in the donation game (benefit :math:`b`, cost :math:`c`). A *norm* assigns the donor a new reputation,
  good or bad, from its action, the recipient's reputation and, for second-order norms, its own. A discriminator
  (``DISC``) helps recipients in good standing; ``ALLC`` always helps, ``ALLD`` never. Intended help fails with
  probability ``noise`` :math:`e` (execution error; the old name ``execution_error`` still works, with a
  ``DeprecationWarning``); an assigned reputation is flipped with probability
  ``assessment_error`` :math:`\mu`. The industry association keeps the record; a donor consults it with probability
  ``record_quality`` :math:`q` (an uninformed discriminator gives the benefit of the doubt and helps).
  :func:`good_fraction` (closed form for the first-order norms), :func:`strategy_payoffs`,
  :func:`replicator_trajectory` over {ALLC, ALLD, DISC}, and the vectorised agent-based :func:`simulate`.
* **Record thresholds** (Nowak 2006): discriminators resist defectors iff :math:`q > c/b`
  (:func:`critical_record_quality`); risk dominance and the one-third rule give :math:`2c/(b+c)` and
  :math:`3c/(b+2c)`.
* **Direct reciprocity and the virtuous circle**: tit-for-tat resists always-defect iff :math:`w > c/b`
  (:func:`reciprocity_threshold`); above the share :func:`critical_share` of reciprocators cooperation spreads.
* **Chain-store reputation** (Selten 1978; Kreps & Wilson 1982; Milgrom & Roberts 1982): :class:`ChainStore`
  (defined in :mod:`clustergames.chainstore`, re-exported here).

The record quality :math:`q` is also the detection probability of the expulsion model in :mod:`clustergames.trust`
(:func:`exclusion_regions` combines them).

Examples
--------
>>> from clustergames import reputation as rep
>>> round(rep.good_fraction("stern_judging", 0.02, 0.01), 4)
0.971
>>> rep.critical_record_quality(3, 1)
0.3333333333333333
>>> round(rep.critical_share(3, 1, 0.8), 4)
0.125
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from . import _validation as _v
from .chainstore import ChainStore, ChainStorePlay  # noqa: F401  (re-exported: cg.reputation.ChainStore)
from .symbolic import formula, is_symbolic, require

__all__ = [
    "Norm",
    "NORMS",
    "STRATEGIES",
    "get_norm",
    "good_fraction",
    "good_fraction_standing",
    "good_fraction_scoring",
    "critical_share",
    "reciprocity_threshold",
    "critical_record_quality",
    "risk_dominant_record_quality",
    "one_third_record_quality",
    "strategy_payoffs",
    "replicator_field",
    "replicator_trajectory",
    "edge_rest_point",
    "invasion_fitness",
    "rest_points",
    "simulate",
    "simulate_loop",
    "exclusion_regions",
    "DegenerateReputationWarning",
]

#: the three strategies of the indirect-reciprocity game, in the order used by every array
STRATEGIES = ("ALLC", "ALLD", "DISC")


class DegenerateReputationWarning(UserWarning):
    """Every fraction in good standing is a fixed point (no errors under a scoring-type norm)."""


# ---------------------------------------------------------------------------------------------------------------
# norms
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Norm:
    r"""A social norm: an assessment table and the discriminator's action rule.

    ``assessment[i, j, a]`` is 1 when a donor in standing ``i`` (0 bad, 1 good) who plays ``a`` (0 defect,
    1 cooperate) towards a recipient in standing ``j`` is assessed good. ``action[i, j]`` is 1 when a discriminator
    in standing ``i`` helps a recipient in standing ``j``. A norm is *first-order* when neither table depends on the
    donor's standing (image scoring, which ignores the recipient too, is zeroth-order).

    .. math::

        d(i, a, j) \in \{0, 1\}, \qquad p(i, j) \in \{0, 1\}.

    References
    ----------
    Ohtsuki, H. & Iwasa, Y. (2004). How should we define goodness? Reputation dynamics in indirect reciprocity.
    *Journal of Theoretical Biology* 231(1), 107–120.

    Examples
    --------
    >>> n = get_norm("stern_judging")
    >>> n.order, int(n.assessment[1, 0, 1])       # helping a bad recipient is bad under stern judging
    (1, 0)
    """

    name: str
    assessment: np.ndarray
    action: np.ndarray
    description: str = ""

    @property
    def order(self) -> int:
        """0 (action only), 1 (action and recipient) or 2 (the donor's standing too)."""
        A, P = self.assessment, self.action
        if not (np.array_equal(A[0], A[1]) and np.array_equal(P[0], P[1])):
            return 2
        return 0 if np.array_equal(A[:, 0], A[:, 1]) else 1

    def table(self):
        """The assessment table as a DataFrame (rows: donor and recipient standing; columns: action)."""
        import pandas as pd

        rows = []
        for i in (1, 0):
            for j in (1, 0):
                rows.append({"donor": "GB"[1 - i], "recipient": "GB"[1 - j],
                             "C": "GB"[1 - int(self.assessment[i, j, 1])],
                             "D": "GB"[1 - int(self.assessment[i, j, 0])],
                             "DISC plays": "CD"[1 - int(self.action[i, j])]})
        return pd.DataFrame(rows)


def _norm(name, bits, action=(0, 1, 0, 1), description=""):
    # bits in the order (BBD, BBC, BGD, BGC, GBD, GBC, GGD, GGC): donor, recipient, action
    A = np.asarray(bits, dtype=np.int8).reshape(2, 2, 2)
    P = np.asarray(action, dtype=np.int8).reshape(2, 2)
    return Norm(name, A, P, description)


#: the named norms; the leading eight L1-L8 in the numbering of Ohtsuki & Iwasa (2006)
NORMS: dict[str, Norm] = {n.name: n for n in (
    _norm("image_scoring", (0, 1, 0, 1, 0, 1, 0, 1), description="cooperation is good, defection bad"),
    _norm("simple_standing", (1, 1, 0, 1, 1, 1, 0, 1), description="only defecting against the good is bad"),
    _norm("stern_judging", (1, 0, 0, 1, 1, 0, 0, 1), description="help the good, refuse the bad"),
    _norm("shunning", (0, 0, 0, 1, 0, 0, 0, 1), description="only helping the good is good"),
    _norm("L1", (0, 1, 0, 1, 1, 1, 0, 1), (1, 1, 0, 1)),
    _norm("L2", (0, 1, 0, 1, 1, 0, 0, 1), (1, 1, 0, 1)),
    _norm("L3", (1, 1, 0, 1, 1, 1, 0, 1), description="simple standing"),
    _norm("L4", (1, 0, 0, 1, 1, 1, 0, 1)),
    _norm("L5", (1, 1, 0, 1, 1, 0, 0, 1)),
    _norm("L6", (1, 0, 0, 1, 1, 0, 0, 1), description="stern judging"),
    _norm("L7", (0, 0, 0, 1, 1, 1, 0, 1), description="staying"),
    _norm("L8", (0, 0, 0, 1, 1, 0, 0, 1), description="judging"),
)}
_ALIASES = {"standing": "simple_standing", "scoring": "image_scoring"}
_STANDING_TYPE = {"simple_standing", "stern_judging", "L3", "L6"}
_SCORING_TYPE = {"image_scoring", "shunning"}


def get_norm(norm: str | Norm) -> Norm:
    """Return the :class:`Norm` named ``norm`` (or ``norm`` itself).

    Unknown names raise a ``ValueError`` listing the known ones.

    Examples
    --------
    >>> get_norm("L3").description
    'simple standing'
    >>> get_norm("tit_for_tat")
    Traceback (most recent call last):
    ...
    ValueError: unknown norm 'tit_for_tat'; known norms: image_scoring, simple_standing, stern_judging, ..., L8
    """
    if isinstance(norm, Norm):
        return norm
    if not isinstance(norm, str):
        raise TypeError(f"norm must be a norm name or a Norm (got {norm!r})")
    key = _ALIASES.get(norm, norm)
    if key not in NORMS:
        raise ValueError(f"unknown norm {norm!r}; known norms: {', '.join(NORMS)}")
    return NORMS[key]


# ---------------------------------------------------------------------------------------------------------------
# closed forms
# ---------------------------------------------------------------------------------------------------------------
_ERRORS = [
    require("(noise >= 0) & (noise <= 1)", "noise must lie in [0, 1]"),
    require("(assessment_error >= 0) & (assessment_error <= 1)", "assessment_error must lie in [0, 1]"),
]
_BC = [require("c > 0", "c must be positive"), require("b > c", "b must exceed c (helping must create value)")]


@_v.renamed(execution_error="noise")
@formula(requires=_ERRORS, symbol="g", latex_names={"noise": "e", "assessment_error": r"\mu"})
def good_fraction_standing(noise, assessment_error):
    r"""Fraction in good standing among discriminators under simple standing or stern judging.

    A recipient is good with probability :math:`g`. A discriminator helps a good recipient (assessed good with
    probability :math:`\varepsilon`) and refuses a bad one, which both norms call justified (good with probability
    :math:`1-\mu`). Hence :math:`g = g\varepsilon + (1-g)(1-\mu)`:

    .. math::

        g = \frac{1-\mu}{2-\varepsilon-\mu}, \qquad \varepsilon = (1-e)(1-\mu) + e\mu .

    References
    ----------
    Sigmund, K. (2010). *The Calculus of Selfishness*, ch. 5. Princeton University Press.
    Ohtsuki, H. & Iwasa, Y. (2004). How should we define goodness? *Journal of Theoretical Biology* 231, 107–120.

    Examples
    --------
    >>> good_fraction_standing(0, 0)
    1.0
    >>> round(good_fraction_standing(0.1, 0.05), 6)
    0.87156
    """
    e, mu = noise, assessment_error
    eps = (1 - e) * (1 - mu) + e * mu
    return (1 - mu) / (2 - eps - mu)


@_v.renamed(execution_error="noise")
@formula(requires=_ERRORS, symbol="g", latex_names={"noise": "e", "assessment_error": r"\mu"})
def good_fraction_scoring(noise, assessment_error):
    r"""Fraction in good standing among discriminators under image scoring or shunning.

    Refusing a bad recipient is bad under both norms (good only by an assessment error), so
    :math:`g = g\varepsilon + (1-g)\mu`:

    .. math::

        g = \frac{\mu}{1-\varepsilon+\mu}, \qquad \varepsilon = (1-e)(1-\mu) + e\mu .

    Without errors (:math:`e = \mu = 0`) every :math:`g` is a fixed point and the formula is 0/0.

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1998). Evolution of indirect reciprocity by image scoring. *Nature* 393, 573–577.
    Sigmund, K. (2010). *The Calculus of Selfishness*, ch. 5. Princeton University Press.

    Examples
    --------
    >>> round(good_fraction_scoring(0.1, 0.05), 6)
    0.263158
    """
    e, mu = noise, assessment_error
    eps = (1 - e) * (1 - mu) + e * mu
    return mu / (1 - eps + mu)


@_v.renamed(w="continuation")
@formula(requires=_BC + [require("(continuation > 0) & (continuation < 1)", "continuation must lie in (0, 1)")],
         threshold=True, symbol="x^*", latex_names={"continuation": "w"})
def critical_share(b, c, continuation):
    r"""Critical share of reciprocators (tit-for-tat) above which cooperation spreads against always-defect.

    In the donation game repeated with continuation probability :math:`w` (``continuation``; the old name ``w``
    still works with a ``DeprecationWarning``), TFT earns :math:`(b-c)/(1-w)` against
    TFT and :math:`-c` against ALLD, which earns :math:`b` against TFT and 0 against itself. The payoffs are equal
    at the unstable rest point

    .. math::

        x^* = \frac{c(1-w)}{w(b-c)} ,

    above which reciprocators take over: trust begets trust. ``inf`` when :math:`w \le c/b` (TFT never spreads).

    References
    ----------
    Nowak, M. A. (2006). Five rules for the evolution of cooperation. *Science* 314, 1560–1563.
    Axelrod, R. & Hamilton, W. D. (1981). The evolution of cooperation. *Science* 211, 1390–1396.

    Examples
    --------
    >>> critical_share(3, 1, 0.5)
    0.5
    >>> critical_share(3, 1, 0.25)      # w < c/b: reciprocity cannot resist defection
    inf
    """
    w = continuation
    return c * (1 - w) / (w * (b - c))


@formula(requires=_BC, symbol="w^*")
def reciprocity_threshold(b, c):
    r"""Continuation probability above which tit-for-tat resists always-defect: :math:`w > c/b`.

    .. math::

        \frac{b-c}{1-w} > b \iff w > w^* = \frac{c}{b} .

    References
    ----------
    Nowak, M. A. (2006). Five rules for the evolution of cooperation. *Science* 314, 1560–1563.

    Examples
    --------
    >>> reciprocity_threshold(4, 1)
    0.25
    """
    return c / b


@formula(requires=_BC, symbol="q^*")
def critical_record_quality(b, c):
    r"""Record quality above which discriminators resist defectors (evolutionary stability): :math:`q > c/b`.

    With the payoff matrix of Nowak (2006, Table 1) -- DISC against DISC :math:`b-c`, against ALLD
    :math:`-c(1-q)`; ALLD against DISC :math:`b(1-q)`, against itself 0 --

    .. math::

        b - c > b(1-q) \iff q > q^* = \frac{c}{b} .

    References
    ----------
    Nowak, M. A. & Sigmund, K. (2005). Evolution of indirect reciprocity. *Nature* 437, 1291–1298.
    Nowak, M. A. (2006). Five rules for the evolution of cooperation. *Science* 314, 1560–1563.

    Examples
    --------
    >>> critical_record_quality(5, 1)
    0.2
    """
    return c / b


@formula(requires=_BC, symbol=r"q_{RD}")
def risk_dominant_record_quality(b, c):
    r"""Record quality above which discriminators are risk dominant over defectors.

    Risk dominance (:math:`a_{11} + a_{12} > a_{21} + a_{22}`) in Nowak's (2006) matrix gives
    :math:`b/c > (2-q)/q`, i.e.

    .. math::

        q > \frac{2c}{b + c} .

    References
    ----------
    Nowak, M. A. (2006). Five rules for the evolution of cooperation. *Science* 314, 1560–1563.

    Examples
    --------
    >>> risk_dominant_record_quality(3, 1)
    0.5
    """
    return 2 * c / (b + c)


@formula(requires=_BC, symbol=r"q_{1/3}")
def one_third_record_quality(b, c):
    r"""Record quality above which selection favours discriminators replacing defectors (one-third rule).

    The one-third rule (:math:`a_{11} + 2a_{12} > a_{21} + 2a_{22}`, Nowak et al. 2004) in Nowak's (2006) matrix
    gives :math:`b/c > (3-2q)/q`, i.e.

    .. math::

        q > \frac{3c}{b + 2c} .

    References
    ----------
    Nowak, M. A., Sasaki, A., Taylor, C. & Fudenberg, D. (2004). Emergence of cooperation and evolutionary
    stability in finite populations. *Nature* 428, 646–650.
    Nowak, M. A. (2006). Five rules for the evolution of cooperation. *Science* 314, 1560–1563.

    Examples
    --------
    >>> one_third_record_quality(4, 1)
    0.5
    """
    return 3 * c / (b + 2 * c)


# ---------------------------------------------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------------------------------------------
def _prob(value, name, *, open_low=False):
    """A probability, or an array of them (broadcast over rows), checked by :mod:`clustergames._validation`."""
    if np.ndim(value) == 0 and not isinstance(value, list | tuple):
        return np.asarray(_v.check_probability(value, name, open_low=open_low), dtype=float)
    arr = _v.check_array(value, name, low=0, high=1)
    if open_low and (arr <= 0).any():
        raise ValueError(f"{name} must be a probability in (0, 1] (got {name}={value!r})")
    return arr


def _bc(b, c):
    c = _v.check_real(c, "c", low=0, low_open=True)
    b = _v.check_real(b, "b")
    if not b > c:
        raise ValueError(f"b must exceed c (helping must create value) (got b={_v.fmt(b)}, c={_v.fmt(c)})")
    return float(b), float(c)


def _shares(shares) -> np.ndarray:
    if isinstance(shares, dict):
        unknown = set(shares) - set(STRATEGIES)
        if unknown:
            raise ValueError(f"unknown strategies {sorted(unknown)}; known strategies: {', '.join(STRATEGIES)}")
        shares = [shares.get(s, 0.0) for s in STRATEGIES]
    x = np.asarray(shares, dtype=float)
    if x.shape[-1:] != (3,):
        raise ValueError(f"shares must have 3 entries (ALLC, ALLD, DISC) in the last axis (got shape {x.shape})")
    if (x < -1e-12).any() or not np.allclose(x.sum(-1), 1.0, atol=1e-9):
        raise ValueError(f"shares must be non-negative and sum to 1 (got {shares!r})")
    return np.clip(x, 0.0, 1.0)


# ---------------------------------------------------------------------------------------------------------------
# mean-field reputation dynamics with public (association-kept) records
# ---------------------------------------------------------------------------------------------------------------
def _help_tables(norm: Norm, q):
    """Intended help ``c[s, i, j]`` of strategy s with own standing i towards standing j (q broadcast in front)."""
    q = np.asarray(q, dtype=float)[..., None, None, None]
    P = norm.action.astype(float)
    allc = np.ones((2, 2))
    alld = np.zeros((2, 2))
    disc = q * P + (1 - q)  # uninformed discriminators help
    return np.concatenate([np.broadcast_to(allc, disc.shape), np.broadcast_to(alld, disc.shape), disc], axis=-3)


def _affine(norm: Norm, e, mu, q):
    r"""Coefficients of :math:`p_i(g) = \alpha_{s,i} + \beta_{s,i} g`.

    This is the probability that a donor of strategy s in standing i is assessed good when a random recipient is good
    with probability g. Shapes (..., 3, 2).
    """
    e = np.asarray(e, dtype=float)[..., None, None, None]
    mu = np.asarray(mu, dtype=float)[..., None, None, None]
    C = _help_tables(norm, q)                                  # (..., 3, 2, 2) intended help
    helped = (1 - e) * C                                       # actual help probability
    A = norm.assessment.astype(float)                          # (2, 2, 2): donor, recipient, action
    Ae = (1 - mu[..., None]) * A + mu[..., None] * (1 - A)     # with assessment error, (..., 1, 2, 2, 2)
    F = helped * Ae[..., 1] + (1 - helped) * Ae[..., 0]        # (..., 3, 2, 2): s, i, j
    alpha = F[..., 0]
    beta = F[..., 1] - F[..., 0]
    return alpha, beta


def _stationary(alpha, beta, g):
    """Stationary probability of good standing of each strategy, given the population's good fraction g."""
    g = np.asarray(g)[..., None, None]
    p = alpha + beta * g                                       # (..., 3, 2): p_B, p_G
    pB, pG = p[..., 0], p[..., 1]
    denom = 1.0 - pG + pB
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(denom > 1e-14, pB / np.where(denom > 1e-14, denom, 1.0), 1.0)
    return out


def _solve_good(norm: Norm, x, e, mu, q):
    """Largest root g in [0, 1] of sum_s x_s g_s(g) = g (the fixed point reached from all-good), vectorised."""
    alpha, beta = _affine(norm, e, mu, q)
    x = np.asarray(x, dtype=float)
    shape = np.broadcast_shapes(x.shape[:-1], alpha.shape[:-2])
    x = np.broadcast_to(x, shape + (3,))
    alpha = np.broadcast_to(alpha, shape + (3, 2))
    beta = np.broadcast_to(beta, shape + (3, 2))

    def h(g):
        return (x * _stationary(alpha, beta, g)).sum(-1) - g

    if norm.order < 2:
        # p_G = p_B: g_s(g) is affine, so h is linear -> exact solve
        h0, h1 = h(np.zeros(shape)), h(np.ones(shape))
        slope = h1 - h0
        with np.errstate(invalid="ignore", divide="ignore"):
            g = np.where(np.abs(slope) > 1e-15, -h0 / np.where(np.abs(slope) > 1e-15, slope, 1.0), 1.0)
        g = np.clip(g, 0.0, 1.0)
    else:
        grid = np.linspace(1.0, 0.0, 65)
        vals = np.stack([h(np.full(shape, t)) for t in grid])   # h(1) <= 0 <= h(0)
        ok = vals >= 0
        first = np.argmax(ok, axis=0)                           # first grid point from the top with h >= 0
        hi = grid[np.maximum(first - 1, 0)]
        lo = grid[first]
        hi = np.where(first == 0, lo, hi)
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        for _ in range(50):
            mid = 0.5 * (lo + hi)
            pos = h(mid) >= 0
            lo = np.where(pos, mid, lo)
            hi = np.where(pos, hi, mid)
        g = np.where(np.abs(h(np.ones(shape))) < 1e-13, 1.0, 0.5 * (lo + hi))
    goods = _stationary(alpha, beta, g)
    return g, goods


@_v.renamed(execution_error="noise")
def good_fraction(norm, noise, assessment_error, *, record_quality=1.0, method="auto"):
    r"""Equilibrium fraction in good standing in a population of discriminators.

    First-order norms have closed forms, with :math:`\varepsilon = (1-e)(1-\mu) + e\mu` the probability that an
    intended donation to a good recipient is assessed good:

    .. math::

        g_{\text{standing}} = g_{\text{stern}} = \frac{1-\mu}{2-\varepsilon-\mu}, \qquad
        g_{\text{scoring}} = g_{\text{shunning}} = \frac{\mu}{1-\varepsilon+\mu} .

    For every norm (the leading eight included) the fixed point is also computed numerically: each firm's standing
    is a two-state Markov chain with :math:`P(\text{good} \mid \text{standing } i) = p_i(g)`, so its stationary
    probability is :math:`p_B/(1 - p_G + p_B)`; the population's :math:`g` is the largest root of
    :math:`g_{\text{DISC}}(g) = g` (the one reached when every firm starts in good standing).

    Parameters
    ----------
    norm : str or Norm
        ``"image_scoring"``, ``"simple_standing"``, ``"stern_judging"``, ``"shunning"`` or ``"L1"`` ... ``"L8"``.
    noise, assessment_error : float, array_like or sympy expression
        :math:`e` (intended help fails) and :math:`\mu` (an assigned reputation is flipped), in :math:`[0, 1]`.
    record_quality : float, default 1
        Probability :math:`q` that a donor knows the recipient's standing (otherwise it helps).
    method : {"auto", "closed", "numeric"}
        ``"auto"`` uses the closed form where one exists (first-order norms with :math:`q = 1`).

    Returns
    -------
    float, ndarray or sympy expression

    References
    ----------
    Ohtsuki, H. & Iwasa, Y. (2004). How should we define goodness? Reputation dynamics in indirect reciprocity.
    *Journal of Theoretical Biology* 231, 107–120.
    Sigmund, K. (2010). *The Calculus of Selfishness*, ch. 5. Princeton University Press.

    Examples
    --------
    >>> round(good_fraction("simple_standing", 0.1, 0.05), 6)
    0.87156
    >>> round(good_fraction("simple_standing", 0.1, 0.05, method="numeric"), 6)
    0.87156
    >>> round(good_fraction("L1", 0.02, 0.02), 4)
    0.9615
    >>> import sympy
    >>> e, mu = sympy.symbols("e mu")
    >>> good_fraction("image_scoring", e, mu)
    mu/(-2*e*mu + e + 2*mu)
    """
    n = get_norm(norm)
    if method not in ("auto", "closed", "numeric"):
        raise ValueError(f"method must be 'auto', 'closed' or 'numeric' (got {method!r})")
    symbolic = is_symbolic(noise) or is_symbolic(assessment_error)
    key = n.name
    closed = None
    if key in _STANDING_TYPE:
        closed = good_fraction_standing
    elif key in _SCORING_TYPE:
        closed = good_fraction_scoring
    if symbolic:
        if closed is None or record_quality != 1:
            raise TypeError(f"norm {n.name!r} has no closed form here; pass numbers to solve it numerically")
        return closed(noise, assessment_error)
    e = _prob(noise, "noise")
    mu = _prob(assessment_error, "assessment_error")
    q = _prob(record_quality, "record_quality")
    if method == "closed" and closed is None:
        raise ValueError(f"norm {n.name!r} has no closed form; use method='numeric'")
    use_closed = closed is not None and method != "numeric" and np.all(q == 1)
    if use_closed:
        out = np.asarray(closed(e, mu), dtype=float)
        bad = np.isnan(out)
        if bad.any():
            warnings.warn("at these error rates (e.g. no errors under a scoring-type norm) every fraction in good "
                          f"standing is a fixed point under {n.name}; returning 1 (all firms start in good standing)",
                          DegenerateReputationWarning, stacklevel=2)
            out = np.where(bad, 1.0, out)
    else:
        out, _ = _solve_good(n, np.array([0.0, 0.0, 1.0]), e, mu, q)
        out = np.asarray(out, dtype=float)
    return float(out) if out.ndim == 0 else out


@_v.renamed(execution_error="noise")
def strategy_payoffs(norm, shares, *, b=3.0, c=1.0, noise=0.0, assessment_error=0.0,
                     record_quality=1.0):
    r"""Per-round payoffs and stationary standing of ALLC, ALLD and DISC in a population with public records.

    Every firm is donor once and recipient once per round on average. With :math:`\pi_s` the probability that a
    firm of strategy :math:`s` is in good standing and :math:`h_s(i, j)` its help probability in standing
    :math:`i` towards standing :math:`j` (``(1-e)`` times the intended help; an uninformed discriminator helps):

    .. math::

        P_s = b \sum_{s'} x_{s'} \sum_{i,j} \pi_{s'}(i)\,\pi_s(j)\,h_{s'}(i,j)
              - c \sum_{i,j} \pi_s(i)\,\pi(j)\,h_s(i,j) .

    Parameters
    ----------
    norm : str or Norm
    shares : array_like, shape (..., 3), or dict
        Shares of ALLC, ALLD and DISC (broadcast over leading axes).
    b, c : float
        Benefit and cost of help, :math:`b > c > 0`.
    noise, assessment_error, record_quality : float
        As in :func:`good_fraction`.

    Returns
    -------
    payoffs, goods : ndarray, shape (..., 3)
        Per-round payoffs and stationary probabilities of good standing; ``goods @ shares`` is the population's
        good fraction.

    References
    ----------
    Sigmund, K. (2010). *The Calculus of Selfishness*, ch. 5. Princeton University Press.

    Examples
    --------
    >>> P, g = strategy_payoffs("stern_judging", [0, 0, 1])
    >>> P.round(6).tolist(), g.round(6).tolist()
    ([2.0, 0.0, 2.0], [1.0, 0.0, 1.0])
    """
    n = get_norm(norm)
    b, c = _bc(b, c)
    x = _shares(shares)
    e = _prob(noise, "noise")
    mu = _prob(assessment_error, "assessment_error")
    q = _prob(record_quality, "record_quality")
    return _payoffs(n, x, b, c, e, mu, q)


def _payoffs(n: Norm, x, b, c, e, mu, q):
    g, goods = _solve_good(n, x, e, mu, q)
    H = (1 - np.asarray(e, float)[..., None, None, None]) * _help_tables(n, q)   # (..., 3, 2, 2)
    pi = np.stack([1 - goods, goods], axis=-1)                                   # (..., 3, 2)
    gpop = np.asarray(g)[..., None]
    rec = np.concatenate([1 - gpop, gpop], axis=-1)                              # (..., 2)
    given = np.einsum("...si,...sij,...j->...s", pi, H, rec)
    # received by s from s': sum_{s'} x_{s'} sum_ij pi_{s'}(i) pi_s(j) H_{s'}(i, j)
    received = np.einsum("...t,...ti,...tij,...sj->...s", x, pi, H, pi)
    return b * received - c * given, goods


def replicator_field(norm, shares, **params):
    r"""Replicator velocity :math:`\dot x_s = x_s (P_s - \bar P)` at ``shares`` (vectorised).

    Keyword parameters as in :func:`strategy_payoffs`.

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics. *Mathematical
    Biosciences* 40, 145–156.

    Examples
    --------
    >>> v = replicator_field("stern_judging", [0.2, 0.3, 0.5], b=3, c=1)
    >>> abs(float(v.sum())) < 1e-12
    True
    """
    x = _shares(shares)
    P, _ = strategy_payoffs(norm, x, **params)
    return x * (P - (x * P).sum(-1, keepdims=True))


@_v.renamed(execution_error="noise")
def replicator_trajectory(norm, x0, *, t_max=100.0, steps=1000, b=3.0, c=1.0, noise=0.0,
                          assessment_error=0.0, record_quality=1.0):
    r"""Integrate the replicator dynamics over {ALLC, ALLD, DISC} from ``x0`` (fixed-step RK4, vectorised).

    .. math::

        \dot x_s = x_s \left(P_s(x) - \textstyle\sum_{s'} x_{s'} P_{s'}(x)\right)

    with the payoffs of :func:`strategy_payoffs` (reputations at their stationary values: they adjust faster than
    strategies).

    Parameters
    ----------
    x0 : array_like, shape (3,) or (k, 3)
        Initial shares of ALLC, ALLD, DISC; several rows are integrated together (the error rates and ``q`` may
        be arrays of shape (k,), one value per row).
    t_max, steps : float, int
        Time horizon and number of RK4 steps.

    Returns
    -------
    clustergames.evolution.Trajectories
        ``states`` over ALLC, ALLD, DISC, with ``extra`` ``good`` and ``cooperation``; ``to_frame()`` (and
        ``traj[column]``) gives the columns ``trajectory, t, ALLC, ALLD, DISC, good, cooperation``. Integrated by
        the RK4 engine of :mod:`clustergames.evolution` (the same one as every other replicator dynamics).

    References
    ----------
    Sigmund, K. (2010). *The Calculus of Selfishness*, ch. 5. Princeton University Press.

    Examples
    --------
    >>> df = replicator_trajectory("stern_judging", [0.1, 0.2, 0.7], t_max=50, steps=200)
    >>> round(float(df["DISC"].iloc[-1]), 3)
    1.0
    """
    n = get_norm(norm)
    b, c = _bc(b, c)
    e = _prob(noise, "noise")
    mu = _prob(assessment_error, "assessment_error")
    q = _prob(record_quality, "record_quality")
    x = np.atleast_2d(_shares(x0)).astype(float)
    steps = _v.check_positive_int(steps, "steps")
    t_max = _v.check_real(t_max, "t_max", low=0, low_open=True)
    _v.check_size(steps * x.size, "steps * trajectories", item_bytes=64)
    dt = float(t_max) / steps

    from .evolution import Trajectories, _project_simplex, _rk4

    def f(y):
        P, _ = _payoffs(n, np.clip(y, 0.0, 1.0), b, c, e, mu, q)
        return y * (P - (y * P).sum(-1, keepdims=True))

    t = np.arange(steps + 1) * dt
    X = _rk4(f, x, t, dt, _project_simplex)             # (steps+1, k, 3)
    g, goods = _solve_good(n, X, e, mu, q)
    H = (1 - e) * _help_tables(n, q)
    pi = np.stack([1 - goods, goods], axis=-1)
    rec = np.stack([1 - g, g], axis=-1)
    coop = (X * np.einsum("...si,...sij,...j->...s", pi, H, rec)).sum(-1)
    params = {"norm": n.name, "b": b, "c": c, "noise": e, "assessment_error": mu, "record_quality": q}
    return Trajectories(t, X, STRATEGIES, params, {"good": g, "cooperation": coop})


def edge_rest_point(norm, pair=("ALLD", "DISC"), **params):
    r"""Interior rest point of the replicator dynamics on the edge between two strategies, or None.

    On the edge :math:`x_{s_2} = x, x_{s_1} = 1 - x` the dynamics reduce to :math:`\dot x = x(1-x)(P_{s_2} -
    P_{s_1})`; the rest point solves :math:`P_{s_2}(x) = P_{s_1}(x)` (found by bracketing and Brent's method).

    Returns
    -------
    float or None
        The share of the second strategy at the rest point.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge University Press.

    Examples
    --------
    >>> round(edge_rest_point("simple_standing", b=3, c=1, record_quality=0.8), 6)   # c(2-q)/(bq + c(1-q))
    0.461538
    """
    from scipy.optimize import brentq

    try:
        i, j = (STRATEGIES.index(s) for s in pair)
    except ValueError:
        raise ValueError(f"pair must name two of {STRATEGIES} (got {pair!r})") from None
    if i == j:
        raise ValueError(f"pair must name two different strategies (got {pair!r})")

    def diff(x):
        y = np.zeros(3)
        y[i], y[j] = 1 - x, x
        P, _ = strategy_payoffs(norm, y, **params)
        return float(P[j] - P[i])

    grid = np.linspace(1e-9, 1 - 1e-9, 201)
    Y = np.zeros((len(grid), 3))
    Y[:, i], Y[:, j] = 1 - grid, grid
    P, _ = strategy_payoffs(norm, Y, **params)
    vals = P[:, j] - P[:, i]
    sign = np.sign(vals)
    idx = np.nonzero(sign[:-1] * sign[1:] < 0)[0]
    if len(idx) == 0:
        return None
    k = idx[0]
    return float(brentq(diff, grid[k], grid[k + 1], xtol=1e-13))


def rest_points(norm, **params):
    r"""Rest points of the replicator dynamics on the boundary of the ALLC/ALLD/DISC simplex, with stability.

    The vertices and the interior rest point of each edge (:func:`edge_rest_point`). A vertex is stable when both
    absent strategies have negative invasion fitness (:func:`invasion_fitness`); an edge point when the payoff
    difference along the edge decreases through it and the third strategy earns less than the two present.

    .. math::

        \dot x_s = x_s (P_s - \bar P) = 0

    Returns
    -------
    pandas.DataFrame
        Columns ``ALLC, ALLD, DISC, kind, stable``.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge University Press.

    Examples
    --------
    >>> rp = rest_points("stern_judging", b=3, c=1, noise=0.05, assessment_error=0.02)
    >>> rp.loc[rp["stable"], "kind"].tolist()
    ['vertex DISC', 'vertex ALLD']
    """
    import pandas as pd

    rows = []
    tol = 1e-12
    for r in ("DISC", "ALLD", "ALLC"):
        others = [m for m in STRATEGIES if m != r]
        fit = [invasion_fitness(norm, resident=r, mutant=m, **params) for m in others]
        y = np.zeros(3)
        y[STRATEGIES.index(r)] = 1
        rows.append((*y, f"vertex {r}", all(f < -tol for f in fit)))
    for a, b_ in (("ALLD", "DISC"), ("ALLC", "DISC"), ("ALLC", "ALLD")):
        x = edge_rest_point(norm, (a, b_), **params)
        if x is None:
            continue
        i, j = STRATEGIES.index(a), STRATEGIES.index(b_)
        k = 3 - i - j
        h = 1e-6
        Y = np.zeros((3, 3))
        Y[:, i] = 1 - np.array([x - h, x, x + h])
        Y[:, j] = np.array([x - h, x, x + h])
        P, _ = strategy_payoffs(norm, Y, **params)
        along = (P[2, j] - P[2, i]) - (P[0, j] - P[0, i])
        transversal = P[1, k] - P[1, i]
        rows.append((*Y[1], f"edge {a}-{b_}", bool(along < 0 and transversal < 0)))
    return pd.DataFrame(rows, columns=["ALLC", "ALLD", "DISC", "kind", "stable"])


def invasion_fitness(norm, resident="DISC", mutant="ALLD", **params):
    r"""Payoff advantage :math:`P_{\text{mutant}} - P_{\text{resident}}` of a rare mutant in a resident population.

    Negative means the resident vertex resists the mutant (its eigenvalue in the mutant's direction).

    .. math::

        \lambda = P_{m}(e_r) - P_{r}(e_r)

    References
    ----------
    Maynard Smith, J. & Price, G. R. (1973). The logic of animal conflict. *Nature* 246, 15–18.

    Examples
    --------
    >>> invasion_fitness("simple_standing", b=3, c=1, record_quality=0.2) > 0    # q < c/b: defectors invade
    True
    """
    if resident not in STRATEGIES or mutant not in STRATEGIES:
        raise ValueError(f"resident and mutant must be among {STRATEGIES} (got {resident!r}, {mutant!r})")
    y = np.zeros(3)
    y[STRATEGIES.index(resident)] = 1.0
    P, _ = strategy_payoffs(norm, y, **params)
    return float(P[STRATEGIES.index(mutant)] - P[STRATEGIES.index(resident)])


# ---------------------------------------------------------------------------------------------------------------
# agent-based simulation
# ---------------------------------------------------------------------------------------------------------------
def _generator(rng):
    """A Generator and the integer seed that replays it (``_validation.as_rng``)."""
    return _v.as_rng(rng)


def _initial_strategies(strategies, n_firms, gen):
    if isinstance(strategies, str):
        if strategies not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategies!r}; known strategies: {', '.join(STRATEGIES)}")
        return np.full(n_firms, STRATEGIES.index(strategies), dtype=np.int8)
    x = _shares(strategies)
    if x.ndim != 1:
        raise ValueError("strategies must be one share vector (ALLC, ALLD, DISC)")
    counts = np.floor(x * n_firms).astype(int)
    counts[np.argmax(x)] += n_firms - counts.sum()
    s = np.repeat(np.arange(3, dtype=np.int8), counts)
    gen.shuffle(s)
    return s


def _flip(mask: np.ndarray, p: float, gen: np.random.Generator) -> None:
    """XOR every entry of the boolean array ``mask`` in place with an independent Bernoulli(p) draw.

    For small p the positions of the successes are drawn directly as cumulated geometric gaps (exact, O(p * size)
    instead of one uniform per entry).
    """
    flat = mask.reshape(-1)
    size = flat.size
    if p >= 0.05:
        flat ^= gen.random(size, dtype=np.float32) < p
        return
    start = -1
    while True:
        gaps = gen.geometric(p, int(size * p * 1.2) + 32)
        pos = start + np.cumsum(gaps)
        flat[pos[pos < size]] ^= True
        if pos[-1] >= size:
            return
        start = int(pos[-1])


@_v.renamed(execution_error="noise")
def simulate(norm, n_firms, rounds, *, rng=None, b=3.0, c=1.0, noise=0.0, assessment_error=0.0,
             record_quality=1.0, reputations="public", observation=1.0, strategies="DISC", initial_good=1.0,
             imitation=0.0, generation=10, selection=1.0, mutation=0.0):
    r"""Agent-based simulation of indirect reciprocity in a cluster of ``n_firms`` firms (vectorised with numpy).

    Each round every firm is a donor once, towards a recipient drawn uniformly among the other firms. A
    discriminator consults the record with probability ``record_quality`` :math:`q` (otherwise it helps) and helps
    iff its action rule says so; intended help fails with probability :math:`e`. The donor's new standing follows
    the norm, flipped with probability :math:`\mu`:

    .. math::

        r_d' = d\bigl(r_d, a, r_{\text{rec}}\bigr) \oplus \text{Bernoulli}(\mu) .

    With ``reputations="public"`` the association keeps one record shared by all. With ``"private"`` each firm keeps
    its own view (an :math:`N \times N` image matrix), observes each interaction with probability ``observation``
    and judges it by its own view of donor and recipient. Every ``generation`` rounds a fraction ``imitation`` of
    firms picks a random model and copies its strategy with probability
    :math:`1/(1 + e^{-s(\bar P_{\text{model}} - \bar P_{\text{self}})})` (pairwise-comparison imitation,
    Traulsen et al. 2006), then mutates with probability ``mutation``. There is no Python loop over interactions.

    Parameters
    ----------
    norm : str or Norm
    n_firms, rounds : int
        Population size (at least 2) and number of rounds.
    rng : None, int, SeedSequence or Generator
        Random source; the seed is recorded in ``df.attrs["seed"]``.
    b, c : float
        Benefit and cost of help.
    noise, assessment_error, record_quality, observation : float
        :math:`e`, :math:`\mu`, :math:`q` and the observation probability (private records only).
    reputations : {"public", "private"}
    strategies : str, sequence of 3 shares, or dict
        Initial strategy of every firm (``"DISC"``) or shares of ALLC, ALLD, DISC.
    initial_good : float
        Probability that a firm starts in good standing.
    imitation, generation, selection, mutation : float, int, float, float
        Strategy updating (``imitation=0`` keeps strategies fixed).

    Returns
    -------
    pandas.DataFrame
        One row per round: ``round``, ``good`` (fraction in good standing; private: share of good images),
        ``good_ALLC``, ``good_ALLD``, ``good_DISC``, ``cooperation`` (share of donations made), ``payoff`` (mean per
        firm), ``ALLC``, ``ALLD``, ``DISC`` (strategy shares). ``attrs`` holds the parameters and the seed.

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1998). Evolution of indirect reciprocity by image scoring. *Nature* 393, 573–577.
    Ohtsuki, H. & Iwasa, Y. (2004). How should we define goodness? *Journal of Theoretical Biology* 231, 107–120.
    Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and fixation.
    *Physical Review E* 74, 011909.

    Examples
    --------
    >>> df = simulate("simple_standing", 2000, 200, rng=1, noise=0.1, assessment_error=0.05)
    >>> bool(abs(df["good"].iloc[50:].mean() - good_fraction("simple_standing", 0.1, 0.05)) < 0.01)
    True
    """
    import pandas as pd

    n = get_norm(norm)
    n_firms = _v.check_positive_int(n_firms, "n_firms", minimum=2)
    rounds = _v.check_positive_int(rounds, "rounds")
    b, c = _bc(b, c)
    e = _v.check_probability(noise, "noise")
    mu = _v.check_probability(assessment_error, "assessment_error")
    q = _v.check_probability(record_quality, "record_quality")
    obs = _v.check_probability(observation, "observation")
    g0 = _v.check_probability(initial_good, "initial_good")
    imitation = _v.check_probability(imitation, "imitation")
    mutation = _v.check_probability(mutation, "mutation")
    _v.check_choice(reputations, "reputations", ("public", "private"))
    generation = _v.check_positive_int(generation, "generation")
    selection = _v.check_real(selection, "selection", low=0)
    # private records: an N x N image matrix and about seven N x N temporaries of one byte each per round
    _v.check_size(n_firms * n_firms if reputations == "private" else n_firms, "n_firms**2 (private image matrix)"
                  if reputations == "private" else "n_firms", item_bytes=8)
    _v.check_size(rounds * 10, "rounds", item_bytes=8)
    gen, seed = _generator(rng)
    N = int(n_firms)
    strat = _initial_strategies(strategies, N, gen)
    assess = n.assessment.astype(bool)
    action = n.action.astype(bool)
    assess_flat = assess.ravel()
    action_flat = action.ravel()
    assess_bits = np.uint8(sum(1 << i for i, v in enumerate(assess_flat) if v))
    private = reputations == "private"
    if private:
        image = gen.random((N, N)) < g0
    else:
        rep = gen.random(N) < g0
    acc = np.zeros(N)
    donors = np.arange(N)
    rows = np.empty((rounds, 10))
    for t in range(rounds):
        recipients = (donors + gen.integers(1, N, N)) % N
        if private:
            own = image[donors, donors]
            seen = image[donors, recipients]
        else:
            own = rep
            seen = rep[recipients]
        code = (own.view(np.uint8) << 1) | seen.view(np.uint8)          # 2 * own + seen
        intent = action_flat[code]
        if q < 1:
            intent = intent | (gen.random(N) >= q)
        intent = np.where(strat == 2, intent, strat == 0)
        coop = intent & (gen.random(N) >= e) if e > 0 else intent
        if private:
            img_rec = image[:, recipients]                     # observer o's view of d's recipient
            code3 = (image.view(np.uint8) << 2) | (img_rec.view(np.uint8) << 1) | coop.view(np.uint8)[None, :]
            new = ((assess_bits >> code3) & 1).view(bool)                  # 8-entry lookup by bit shifts
            if mu > 0:
                _flip(new, mu, gen)
            if obs < 1:
                missed = np.zeros((N, N), dtype=bool)               # observer o misses d's interaction
                _flip(missed, 1.0 - obs, gen)
                np.fill_diagonal(missed, False)
                image = np.where(missed, image, new)
            else:
                image = new
            standing = image.mean(axis=0)
        else:
            new = assess_flat[(code << 1) | coop.view(np.uint8)]           # 4 * own + 2 * seen + action
            if mu > 0:
                new ^= gen.random(N) < mu
            rep = new
            standing = rep.astype(float)
        pay = b * np.bincount(recipients, weights=coop, minlength=N) - c * coop
        acc += pay
        counts = np.bincount(strat, minlength=3)
        goods = np.bincount(strat, weights=standing, minlength=3)
        with np.errstate(invalid="ignore", divide="ignore"):
            per = np.where(counts > 0, goods / np.maximum(counts, 1), np.nan)
        rows[t] = (t + 1, standing.mean(), per[0], per[1], per[2], coop.mean(), pay.mean(), *(counts / N))
        if imitation > 0 and (t + 1) % generation == 0:
            avg = acc / generation
            revise = gen.random(N) < imitation
            model = (donors + gen.integers(1, N, N)) % N
            with np.errstate(over="ignore"):
                p = 1.0 / (1.0 + np.exp(-selection * (avg[model] - avg)))
            adopt = revise & (gen.random(N) < p)
            strat = np.where(adopt, strat[model], strat)
            if mutation > 0:
                mut = gen.random(N) < mutation
                strat = np.where(mut, gen.integers(0, 3, N).astype(np.int8), strat)
            acc[:] = 0.0
    df = pd.DataFrame(rows, columns=["round", "good", "good_ALLC", "good_ALLD", "good_DISC", "cooperation",
                                     "payoff", "ALLC", "ALLD", "DISC"])
    df["round"] = df["round"].astype(int)
    df.attrs.update({"norm": n.name, "n_firms": N, "rounds": int(rounds), "seed": seed, "b": b, "c": c,
                     "noise": e, "assessment_error": mu, "record_quality": q,
                     "reputations": reputations})
    return df


@_v.renamed(execution_error="noise")
def simulate_loop(norm, n_firms, rounds, *, rng=None, b=3.0, c=1.0, noise=0.0, assessment_error=0.0,
                  record_quality=1.0):
    r"""The public-record model of :func:`simulate` (all discriminators) as a plain Python loop.

    One iteration per interaction: the reference implementation and the benchmark's anchor.

    .. math::

        r_d' = d\bigl(r_d, a, r_{\text{rec}}\bigr) \oplus \text{Bernoulli}(\mu)

    Returns the per-round fraction in good standing as a list.

    References
    ----------
    Nowak, M. A. & Sigmund, K. (1998). Evolution of indirect reciprocity by image scoring. *Nature* 393, 573–577.

    Examples
    --------
    >>> g = simulate_loop("stern_judging", 100, 5, rng=0)
    >>> g
    [1.0, 1.0, 1.0, 1.0, 1.0]
    """
    import random

    n = get_norm(norm)
    n_firms = _v.check_positive_int(n_firms, "n_firms", minimum=2)
    rounds = _v.check_positive_int(rounds, "rounds")
    b, c = _bc(b, c)
    e = _v.check_probability(noise, "noise")
    mu = _v.check_probability(assessment_error, "assessment_error")
    q = _v.check_probability(record_quality, "record_quality")
    _, seed = _v.as_rng(rng)
    r = random.Random(seed)
    A = n.assessment.tolist()
    P = n.action.tolist()
    rep = [1] * n_firms
    out = []
    for _ in range(rounds):
        new = rep[:]
        for d in range(n_firms):
            k = r.randrange(1, n_firms)
            rec = (d + k) % n_firms
            intent = P[rep[d]][rep[rec]] if r.random() < q else 1
            act = 1 if (intent and r.random() >= e) else 0
            g = A[rep[d]][rep[rec]][act]
            if r.random() < mu:
                g = 1 - g
            new[d] = g
        rep = new
        out.append(sum(rep) / n_firms)
    return out


# ---------------------------------------------------------------------------------------------------------------
# reputation with exclusion: the record quality q as the detection probability of the expulsion model
# ---------------------------------------------------------------------------------------------------------------
def exclusion_regions(b, c, outside=0.0, *, q=None, delta=None):
    r"""Where reputation (indirect reciprocity) and expulsion (``trust.expulsion_delta``) sustain cooperation.

    The association's record quality :math:`q` plays two roles. Imitating firms keep discriminating iff
    :math:`q > c/b` (:func:`critical_record_quality`), whatever their patience. Forward-looking firms do not cheat
    iff the expulsion condition holds with detection probability :math:`p = q`, the one-period gain
    :math:`T - R = c` (the saved cost of help), the member's payoff :math:`R = b - c` and the outside option:

    .. math::

        \delta \ge \delta^*(q) = \frac{c}{c + q\,(b - c - \text{outside})} .

    Parameters
    ----------
    b, c, outside : float
        Donation-game benefit and cost, per-period payoff outside the cluster (below :math:`b - c`).
    q, delta : array_like, optional
        Grid values (defaults: 201 values of :math:`q` in [0.005, 1] and of :math:`\delta` in [0, 0.995]).

    Returns
    -------
    pandas.DataFrame
        One row per grid point: ``q, delta, reputation, expulsion, region`` (``"both"``, ``"reputation only"``,
        ``"expulsion only"``, ``"neither"``) and ``delta_star``.

    References
    ----------
    Milgrom, P. R., North, D. C. & Weingast, B. R. (1990). The role of institutions in the revival of trade.
    *Economics and Politics* 2, 1–23.
    Nowak, M. A. & Sigmund, K. (2005). Evolution of indirect reciprocity. *Nature* 437, 1291–1298.

    Examples
    --------
    >>> df = exclusion_regions(3, 1, q=[0.2, 0.5], delta=[0.3, 0.9])
    >>> df["region"].tolist()
    ['neither', 'expulsion only', 'reputation only', 'both']
    """
    import pandas as pd

    from . import trust

    b, c = _bc(b, c)
    if not outside < b - c:
        raise ValueError(f"outside must be below the member's payoff b - c (got outside={outside}, b - c={b - c})")
    qs = np.linspace(0.005, 1.0, 201) if q is None else _prob(q, "q", open_low=True).ravel()
    ds = np.linspace(0.0, 0.995, 201) if delta is None else np.asarray(delta, dtype=float).ravel()
    if ((ds < 0) | (ds >= 1)).any():
        raise ValueError(f"delta must lie in [0, 1) (got delta={delta!r})")
    Q, D = np.meshgrid(qs, ds, indexing="ij")
    dstar = np.asarray(trust.expulsion_delta(b, b - c, outside, detection=Q), dtype=float)
    rep_ok = Q > critical_record_quality(b, c)
    exp_ok = D >= dstar
    region = np.where(rep_ok & exp_ok, "both", np.where(rep_ok, "reputation only",
                                                         np.where(exp_ok, "expulsion only", "neither")))
    return pd.DataFrame({"q": Q.ravel(), "delta": D.ravel(), "reputation": rep_ok.ravel(),
                         "expulsion": exp_ok.ravel(), "region": region.ravel(), "delta_star": dstar.ravel()})
