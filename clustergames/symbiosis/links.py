r"""Trust across the links of a symbiosis network: each by-product exchange is a repeated game.

A *link* is a by-product exchange between two firms ``a`` and ``b``, repeated every period. On it, side
:math:`i \in \{a, b\}` earns a per-period rent :math:`r_i \ge 0` (its share of the link's surplus) and can cheat once
for a one-shot gain :math:`g_i \ge 0` (a supplier that skips treatment, a user that withholds payment). A cheat is
punished by ending trade forever (grim trigger); no trade is a stage-game equilibrium, so the punishment is
credible. Who stops trading with the cheat is the *punishment* regime:

``"link"``
    only the cheated link ends; every link is a separate relationship.
``"bilateral"``
    the cheated partner stops trading with the cheat: every link between the two firms ends (when each pair of firms
    shares one link, this is ``"link"``).
``"network"``
    an industry association keeps records (Milgrom, North & Weingast 1990): every firm stops trading with the cheat,
    which loses *all* its links.

Under each regime the sides of the links fall into *groups* that are punished together: the single side
(``"link"``), a firm's links with one partner (``"bilateral"``), all of a firm's links (``"network"``). Once any link
of a group is cheated on, the whole group is lost, so the best deviation cheats on every link of the group at once
(a partial cheat gives up the same rents for a smaller gain). With :math:`G` and :math:`R` the group's total gain
and rent, honesty is a best response iff

.. math::

    \frac{R}{1-\delta} \ge R + G \iff (1-\delta)\, G - \delta R \le 0 \iff \delta \ge \frac{G}{G + R},

with :math:`G/(G+R) = 0` when :math:`G = 0` and :math:`\infty` (never) when :math:`G > 0 = R`. Pooling
constraints can only help (Bernheim & Whinston 1990): :math:`G/(G+R)` of a union of groups is a weighted mean of the
groups' thresholds, so the network threshold of a firm never exceeds its worst bilateral one. The more links a firm
has, the more it loses by cheating (or leaving): the article's exit opportunity cost, on a network.

Three questions, three functions:

* :func:`critical_delta` — the smallest :math:`\delta` at which every link is self-enforcing;
* :func:`self_enforcing` — at a given :math:`\delta`, the surplus-maximising set of links in which every group's
  constraint holds (a mixed-integer programme under network punishment, solved with HiGHS);
* :func:`resilience` — what survives each firm's exit, and how the exit cascades through trust.

The links table (one row per link; pandas DataFrame or list of dicts) has the columns ``a, b, rent_a, rent_b,
gain_a, gain_b``, optionally ``surplus`` (the link's total per-period surplus, default ``rent_a + rent_b``) and any
other columns (material, quantity, price), carried through to the results. Ints and Fractions give exact results
(Fractions); floats give floats.

References
----------
Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of Economics*
21(1), 1–26.

Fraccascia, L., Giannoccaro, I. & Albino, V. (2017). Rethinking resilience in industrial symbiosis: conceptualization
and measurements. *Ecological Economics* 137, 148–162.

Examples
--------
>>> from clustergames import symbiosis
>>> links = [{"a": "plant", "b": "farm", "rent_a": 1, "rent_b": 3, "gain_a": 2, "gain_b": 1},
...          {"a": "plant", "b": "mill", "rent_a": 4, "rent_b": 2, "gain_a": 1, "gain_b": 1}]
>>> symbiosis.critical_delta(links, punishment="bilateral").min      # the plant's temptation on the farm link
Fraction(2, 3)
>>> symbiosis.critical_delta(links, punishment="network").min        # pooled: (2 + 1)/(2 + 1 + 1 + 4)
Fraction(3, 8)
>>> symbiosis.self_enforcing(links, 0.5, punishment="network").surplus
Fraction(10, 1)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import check_choice, check_delta, check_real, fmt, is_exact
from ..results import Result

__all__ = [
    "PUNISHMENTS",
    "LinkThresholds",
    "SelfEnforcing",
    "Resilience",
    "critical_delta",
    "self_enforcing",
    "resilience",
]

#: the punishment regimes: who stops trading with a firm that cheats on a link
PUNISHMENTS = ("link", "bilateral", "network")

_REQUIRED = ("a", "b", "rent_a", "rent_b", "gain_a", "gain_b")
_NUMERIC = ("rent_a", "rent_b", "gain_a", "gain_b")
_INF = math.inf


# ----------------------------------------------------------------------------------------------------------------
# the links table
# ----------------------------------------------------------------------------------------------------------------
@dataclass
class _Links:
    """A validated links table: the frame (carried-through columns), firms, and numbers (exact or float)."""

    frame: Any  # pandas DataFrame, index 0..n-1
    a: list
    b: list
    rent: list  # [(rent_a, rent_b)] per link
    gain: list  # [(gain_a, gain_b)] per link
    surplus: list
    exact: bool  # rents and gains exact
    exact_surplus: bool
    firms: list  # in order of first appearance

    @property
    def n(self) -> int:
        return len(self.a)


def _missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return isinstance(v, float | np.floating) and math.isnan(v)


def _firm_name(v: Any, col: str, row: int):
    if _missing(v):
        raise ValueError(f"links row {row}: firm name {col} is missing (got {col}={v!r})")
    if isinstance(v, bool | np.bool_):
        raise TypeError(f"links row {row}: firm name {col} must be a string or an integer, not a bool "
                        f"(got {col}={v!r})")
    if isinstance(v, str):
        if not v.strip():
            raise ValueError(f"links row {row}: firm name {col} must not be empty (got {col}={v!r})")
        return str(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    raise TypeError(f"links row {row}: firm name {col} must be a string or an integer (got {col}={v!r} of type "
                    f"{type(v).__name__})")


def _scale(columns: list) -> float:
    """Largest finite magnitude among the numeric entries (for the rounding-noise allowance on float input)."""
    out = 0.0
    for col in columns:
        for v in col:
            try:
                x = abs(float(v))
            except (TypeError, ValueError, OverflowError):
                continue
            if math.isfinite(x) and not isinstance(v, bool | np.bool_):
                out = max(out, x)
    return out


def _number(v: Any, col: str, row: int, a: Any, b: Any, noise: float = 0.0):
    """One rent, gain or surplus: a finite real >= 0 (a float within ``noise`` below 0 is rounding: set to 0)."""
    where = f"links row {row} (link {a!r}–{b!r})"
    if _missing(v):
        raise ValueError(f"{where}: {col} is missing or NaN (got {col}={v!r})")
    try:
        x = check_real(v, col, exact=True)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where}: {exc}") from None
    if x < 0:
        if isinstance(x, float) and -x <= noise:
            x = 0.0
        else:
            raise ValueError(f"{where}: {col} must be >= 0 (got {col}={fmt(v)})")
    if not isinstance(x, float) and not isinstance(x, int | Fraction):  # a sympy rational
        x = Fraction(int(x.p), int(x.q))
    return x


def _as_links(links: Any) -> _Links:
    """Validate a links table (DataFrame or list of dicts) and return its numbers (exact when all inputs are)."""
    import pandas as pd

    if isinstance(links, _Links):
        return links
    default_surplus: set = set()
    if isinstance(links, pd.DataFrame):
        frame = links.copy()
    elif isinstance(links, Sequence) and not isinstance(links, str | bytes):
        rows = list(links)
        bad = [k for k, r in enumerate(rows) if not isinstance(r, Mapping)]
        if bad:
            raise TypeError(f"links must be a DataFrame or a list of dicts (row {bad[0]} is a "
                            f"{type(rows[bad[0]]).__name__})")
        if any("surplus" in r for r in rows):  # a dict without the key takes the default surplus
            default_surplus = {k for k, r in enumerate(rows) if "surplus" not in r}
        frame = pd.DataFrame(rows, dtype=object)  # no dtype coercion across rows: each value is checked as given
        extra = [c for c in frame.columns if c not in (*_REQUIRED, "surplus")]
        frame[extra] = frame[extra].infer_objects()
    else:
        raise TypeError(f"links must be a pandas DataFrame or a list of dicts, one per link (got "
                        f"{type(links).__name__})")
    if len(frame) == 0:
        raise ValueError("links must hold at least one link (got an empty table)")
    if frame.columns.duplicated().any():
        dup = list(frame.columns[frame.columns.duplicated()])
        raise ValueError(f"links has duplicated columns {dup}")
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"links is missing the column(s) {missing}; required: {list(_REQUIRED)} "
                         f"(optional: surplus)")
    frame = frame.reset_index(drop=True)
    a_list, b_list, rents, gains, surplus = [], [], [], [], []
    cols = {c: frame[c].tolist() for c in (*_REQUIRED, *(["surplus"] if "surplus" in frame.columns else []))}
    # float input computed upstream (e.g. rents at bargained prices) may carry rounding noise below zero
    noise = 1e-12 * _scale([cols[c] for c in cols if c not in ("a", "b")])
    for k in range(len(frame)):
        a = _firm_name(cols["a"][k], "a", k)
        b = _firm_name(cols["b"][k], "b", k)
        if a == b:
            raise ValueError(f"links row {k}: a firm cannot exchange with itself (a = b = {a!r})")
        ra, rb, ga, gb = (_number(cols[c][k], c, k, a, b, noise) for c in _NUMERIC)
        a_list.append(a)
        b_list.append(b)
        rents.append((ra, rb))
        gains.append((ga, gb))
        if "surplus" in cols and k not in default_surplus:
            surplus.append(_number(cols["surplus"][k], "surplus", k, a, b, noise))
        else:
            surplus.append(None)
    values = [x for pair in rents + gains for x in pair]
    exact = all(is_exact(x) for x in values)
    if exact:
        rents = [(Fraction(x), Fraction(y)) for x, y in rents]
        gains = [(Fraction(x), Fraction(y)) for x, y in gains]
    else:
        rents = [(float(x), float(y)) for x, y in rents]
        gains = [(float(x), float(y)) for x, y in gains]
    surplus = [ra + rb if s is None else s for s, (ra, rb) in zip(surplus, rents)]
    exact_surplus = all(is_exact(s) for s in surplus)
    surplus = [Fraction(s) for s in surplus] if exact_surplus else [float(s) for s in surplus]
    firms = list(dict.fromkeys(x for pair in zip(a_list, b_list) for x in pair))
    frame["a"], frame["b"] = a_list, b_list
    for j, c in enumerate(("rent_a", "rent_b")):
        frame[c] = pd.Series([r[j] for r in rents], dtype=object if exact else float)
    for j, c in enumerate(("gain_a", "gain_b")):
        frame[c] = pd.Series([g[j] for g in gains], dtype=object if exact else float)
    frame["surplus"] = pd.Series(surplus, dtype=object if exact_surplus else float)
    return _Links(frame, a_list, b_list, rents, gains, surplus, exact, exact_surplus, firms)


def _subset(L: _Links, keep: Sequence[int]) -> _Links:
    """The links table restricted to the rows ``keep`` (positions), renumbered, without re-validation."""
    keep = list(keep)
    frame = L.frame.iloc[keep].reset_index(drop=True)
    a = [L.a[k] for k in keep]
    b = [L.b[k] for k in keep]
    firms = list(dict.fromkeys(x for pair in zip(a, b) for x in pair))
    return _Links(frame, a, b, [L.rent[k] for k in keep], [L.gain[k] for k in keep], [L.surplus[k] for k in keep],
                  L.exact, L.exact_surplus, firms)


def _groups(L: _Links, punishment: str) -> dict:
    """Group key -> list of (link, side) punished together; key is (firm, partner or None or link)."""
    groups: dict = {}
    for k in range(L.n):
        for side, (me, other) in enumerate(((L.a[k], L.b[k]), (L.b[k], L.a[k]))):
            if punishment == "network":
                key = (me, None)
            elif punishment == "bilateral":
                key = (me, other)
            else:
                key = (me, k)
            groups.setdefault(key, []).append((k, side))
    return groups


def _ratio(G, R, exact: bool):
    """G/(G+R): 0 when G = 0, inf when G > 0 = R; exact Fractions when ``exact``."""
    if G == 0:
        return Fraction(0) if exact else 0.0
    if R == 0:
        return _INF
    return Fraction(G) / (G + R) if exact else float(G) / float(G + R)


def _pun(punishment: Any) -> str:
    if not isinstance(punishment, str):
        raise TypeError(f"punishment must be one of {', '.join(repr(p) for p in PUNISHMENTS)} "
                        f"(got {type(punishment).__name__})")
    return check_choice(punishment, "punishment", PUNISHMENTS)


def _latex_number(x) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else rf"\frac{{{x.numerator}}}{{{x.denominator}}}"
    if x == _INF:
        return r"\infty"
    return fmt(x)


def _latex_name(x) -> str:
    return r"\text{" + str(x).replace("_", r"\_").replace("&", r"\&").replace("%", r"\%") + "}"


# ----------------------------------------------------------------------------------------------------------------
# critical discount factors
# ----------------------------------------------------------------------------------------------------------------
_FORMULA = {
    "link": r"\delta^*_{\text{link}} = \max_{\ell,\, i \in \ell} \frac{g_{i\ell}}{g_{i\ell} + r_{i\ell}}",
    "bilateral": r"\delta^*_{\text{bilateral}} = \max_{i,\, j} \frac{G_{ij}}{G_{ij} + R_{ij}}",
    "network": r"\delta^*_{\text{network}} = \max_{i} \frac{G_i}{G_i + R_i}",
}


@dataclass(repr=False)
class LinkThresholds(Result):
    r"""Critical discount factors of a symbiosis network under one punishment regime.

    Attributes
    ----------
    punishment : str
        ``"link"``, ``"bilateral"`` or ``"network"``.
    min : Fraction, float or inf
        The smallest :math:`\delta` at which every link is self-enforcing (``inf``: no :math:`\delta < 1` works).
    binding_firm : str or int
        The firm whose constraint sets ``min`` (the first in table order on ties).
    binding_link : tuple or None
        ``(a, b)`` of the link whose side sets ``min`` (link and bilateral punishment); None under network
        punishment, where the binding firm's links bind together.
    links : pandas.DataFrame
        The links table with ``delta_a``, ``delta_b`` (each side's own threshold :math:`g/(g+r)`) and ``delta`` (the
        link's threshold under ``punishment``: the larger threshold of the groups its two sides belong to).
    firms : pandas.DataFrame
        Per firm: ``n_links``, total ``rent`` :math:`R_i` and ``gain`` :math:`G_i`, the thresholds under each
        regime (``delta_link``, ``delta_bilateral``, ``delta_network``), ``delta`` under ``punishment`` and
        ``binding``.
    exact : bool
        True when the table held ints/Fractions only (thresholds are then Fractions).
    """

    punishment: str
    min: Any
    binding_firm: Any
    binding_link: tuple | None
    links: Any
    firms: Any
    exact: bool

    def _title(self) -> str:
        return (f"Critical discount factors ({self.punishment} punishment): delta* = {fmt(self.min)}, binding firm "
                f"{self.binding_firm!r}")

    def to_frame(self, level: str = "firms"):
        """The per-firm table (``level="firms"``) or the per-link table (``level="links"``)."""
        check_choice(level, "level", ("firms", "links"))
        return (self.firms if level == "firms" else self.links).copy()

    def _repr_latex_(self) -> str:
        return (f"${_FORMULA[self.punishment]} = {_latex_number(self.min)}"
                rf"\quad (\text{{binding firm: }} {_latex_name(self.binding_firm)})$")


def critical_delta(links: Any, punishment: str = "bilateral") -> LinkThresholds:
    r"""The smallest discount factor at which every link of a symbiosis network is self-enforcing.

    Each link is a repeated game punished by grim trigger; the regime says who stops trading with a cheat (see the
    module docs). A group of link sides punished together (one side; a firm's links with one partner; all of a
    firm's links) is honest iff :math:`\delta \ge G/(G+R)`, so

    .. math::

        \delta^*_{\text{bilateral}} = \max_{\ell,\, i \in \ell} \frac{g_{i\ell}}{g_{i\ell} + r_{i\ell}}
        \quad\text{(one link per pair)}, \qquad
        \delta^*_{\text{network}} = \max_i \frac{G_i}{G_i + R_i}, \quad
        G_i = \sum_{\ell \ni i} g_{i\ell},\ R_i = \sum_{\ell \ni i} r_{i\ell} .

    Under network punishment a cheat loses every link, so its best deviation cheats on all of them at once; the
    pooled ratio is a weighted mean of the firm's own link ratios and never exceeds the bilateral threshold
    (multimarket contact, Bernheim & Whinston 1990).

    Parameters
    ----------
    links : DataFrame or list of dict
        One row per link: ``a, b, rent_a, rent_b, gain_a, gain_b`` (non-negative), optional ``surplus`` and other
        columns (carried through).
    punishment : {"bilateral", "network", "link"}
        ``"bilateral"`` (default): the cheated partner stops trading with the cheat; ``"network"``: every firm does
        (an association's records); ``"link"``: only the cheated link ends.

    Returns
    -------
    LinkThresholds
        ``.min`` (``inf`` when some side has :math:`g > 0 = r` in its group), ``.binding_firm``, ``.binding_link``,
        per-firm and per-link tables (``to_frame()``, ``to_frame("links")``).

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.

    Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic Studies* 38(1), 1–12.

    Examples
    --------
    >>> links = [{"a": "A", "b": "B", "rent_a": 3, "rent_b": 1, "gain_a": 1, "gain_b": 1},
    ...          {"a": "B", "b": "C", "rent_a": 2, "rent_b": 2, "gain_a": 2, "gain_b": 6}]
    >>> res = critical_delta(links)
    >>> res.min, res.binding_firm, res.binding_link        # C's side of B-C: 6/(6+2)
    (Fraction(3, 4), 'C', ('B', 'C'))
    >>> critical_delta(links, "network").to_frame()[["firm", "rent", "gain", "delta_network"]]
      firm rent gain delta_network
    0    A    3    1           1/4
    1    B    3    3           1/2
    2    C    2    6           3/4
    >>> critical_delta([{"a": "A", "b": "B", "rent_a": 0.0, "rent_b": 1.0, "gain_a": 0.5, "gain_b": 0.0}]).min
    inf
    """
    import pandas as pd

    punishment = _pun(punishment)
    L = _as_links(links)
    exact = L.exact
    thresholds = {}
    for pun in PUNISHMENTS:
        th = {}
        for key, sides in _groups(L, pun).items():
            G = sum((L.gain[k][s] for k, s in sides), Fraction(0) if exact else 0.0)
            R = sum((L.rent[k][s] for k, s in sides), Fraction(0) if exact else 0.0)
            th[key] = _ratio(G, R, exact)
        thresholds[pun] = th

    def key_of(pun, k, side):
        me, other = (L.a[k], L.b[k]) if side == 0 else (L.b[k], L.a[k])
        return (me, None) if pun == "network" else ((me, other) if pun == "bilateral" else (me, k))

    th = thresholds[punishment]
    side_delta = [[thresholds["link"][key_of("link", k, s)] for s in (0, 1)] for k in range(L.n)]
    link_delta = [max(th[key_of(punishment, k, 0)], th[key_of(punishment, k, 1)]) for k in range(L.n)]
    frame = L.frame.copy()
    kind = object if exact else float
    frame["delta_a"] = pd.Series([d[0] for d in side_delta], dtype=kind)
    frame["delta_b"] = pd.Series([d[1] for d in side_delta], dtype=kind)
    frame["delta"] = pd.Series(link_delta, dtype=kind)

    rows = []
    for f in L.firms:
        sides = [(k, 0) for k in range(L.n) if L.a[k] == f] + [(k, 1) for k in range(L.n) if L.b[k] == f]
        zero = Fraction(0) if exact else 0.0
        row = {"firm": f, "n_links": len(sides),
               "rent": sum((L.rent[k][s] for k, s in sides), zero),
               "gain": sum((L.gain[k][s] for k, s in sides), zero)}
        for pun in PUNISHMENTS:
            row[f"delta_{pun}"] = max(thresholds[pun][key_of(pun, k, s)] for k, s in sides)
        row["delta"] = row[f"delta_{punishment}"]
        rows.append(row)
    firms = pd.DataFrame(rows)
    if exact:
        for c in ("rent", "gain", "delta_link", "delta_bilateral", "delta_network", "delta"):
            firms[c] = firms[c].astype(object)
    mn = max(r["delta"] for r in rows)
    pos = next(i for i, r in enumerate(rows) if r["delta"] == mn)
    firms["binding"] = [i == pos for i in range(len(rows))]
    binding_firm = rows[pos]["firm"]
    binding_link = None
    if punishment != "network":
        for k in range(L.n):
            if link_delta[k] == mn and binding_firm in (L.a[k], L.b[k]):
                binding_link = (L.a[k], L.b[k])
                break
    return LinkThresholds(punishment, mn, binding_firm, binding_link, frame, firms, exact)


# ----------------------------------------------------------------------------------------------------------------
# the largest self-enforcing set of links
# ----------------------------------------------------------------------------------------------------------------
def _as_delta(delta: Any):
    d = check_delta(delta, exact=True)
    if not isinstance(d, float | int | Fraction):
        d = Fraction(int(d.p), int(d.q))
    return d


def _coefficients(L: _Links, delta):
    """Per link and side, (1 - delta) g - delta r: exact when the data and delta are exact, else float."""
    exact = L.exact and not isinstance(delta, float)
    if exact:
        d = Fraction(delta)
        return [[(1 - d) * L.gain[k][s] - d * L.rent[k][s] for s in (0, 1)] for k in range(L.n)], True
    d = float(delta)
    return [[(1 - d) * float(L.gain[k][s]) - d * float(L.rent[k][s]) for s in (0, 1)] for k in range(L.n)], False


def _tol(L: _Links, exact: bool) -> float:
    if exact:
        return 0.0
    scale = max((float(x) for pair in L.rent + L.gain for x in pair), default=0.0)
    return 1e-9 * max(scale, 1e-300)


def _violations(groups: dict, coef, kept: set, tol: float) -> dict:
    """Groups whose constraint fails on the kept links: key -> sum of coefficients (> tol)."""
    out = {}
    for key, sides in groups.items():
        total = sum(coef[k][s] for k, s in sides if k in kept)
        if total > tol:
            out[key] = total
    return out


def _best_set(L: _Links, punishment: str, delta) -> tuple[set, dict]:
    """A surplus-maximising set of link positions with every group's constraint satisfied (maximal by inclusion)."""
    if L.n == 0:
        return set(), {}
    coef, exact = _coefficients(L, delta)
    tol = _tol(L, exact)
    groups = _groups(L, punishment)
    side_group = {}
    for key, sides in groups.items():
        for k, s in sides:
            side_group[(k, s)] = key
    slack = {key: sum(min(coef[k][s], 0) for k, s in sides) for key, sides in groups.items()}
    always, never = set(), set()
    for k in range(L.n):
        if coef[k][0] <= tol and coef[k][1] <= tol:
            always.add(k)  # adds slack to both groups and surplus >= 0: some optimum keeps it
        elif any(coef[k][s] > tol and coef[k][s] + slack[side_group[(k, s)]] > tol for s in (0, 1)):
            never.add(k)  # fails even with every slack link of its group kept
    free = [k for k in range(L.n) if k not in always and k not in never]
    kept = set(always)
    if free:
        kept = _milp(L, groups, coef, always, never, free, tol, exact)
    # maximal by inclusion: add any link (surplus >= 0) that keeps every constraint
    for k in range(L.n):
        if k not in kept and k not in never and not _violations(
                {side_group[(k, s)]: groups[side_group[(k, s)]] for s in (0, 1)}, coef, kept | {k}, tol):
            kept.add(k)
    return kept, groups


def _milp(L: _Links, groups: dict, coef, always: set, never: set, free: list, tol: float, exact: bool) -> set:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    n = L.n
    s = np.array([float(x) for x in L.surplus])
    scale = float(s.max()) if s.size and s.max() > 0 else 1.0
    c = -s / scale
    lb = np.array([1.0 if k in always else 0.0 for k in range(n)])
    ub = np.array([0.0 if k in never else 1.0 for k in range(n)])
    free_set = set(free)
    keys = [key for key, sides in groups.items() if any(k in free_set for k, _ in sides)]
    rows, cols, vals, norms = [], [], [], []
    for r, key in enumerate(keys):
        sides = groups[key]
        norm = max(abs(float(coef[k][sd])) for k, sd in sides) or 1.0
        norms.append(norm)
        for k, sd in sides:
            rows.append(r)
            cols.append(k)
            vals.append(float(coef[k][sd]) / norm)
    A = coo_matrix((vals, (rows, cols)), shape=(len(keys), n)).tocsr()
    upper = np.zeros(len(keys))
    for _attempt in range(6):
        res = milp(c, integrality=np.ones(n), bounds=Bounds(lb, ub),
                   constraints=LinearConstraint(A, -np.inf, upper), options={"mip_rel_gap": 0.0})
        if res.status != 0 or res.x is None:  # pragma: no cover - the empty set plus fixed links is feasible
            raise RuntimeError(f"the self-enforcing MILP failed: {res.message}")
        kept = {k for k in range(n) if res.x[k] > 0.5}
        bad = _violations({key: groups[key] for key in keys}, coef, kept, tol)
        if not bad:
            return kept
        for r, key in enumerate(keys):  # HiGHS accepted a violation within its tolerance: tighten and re-solve
            if key in bad:
                upper[r] -= 2.0 * float(bad[key]) / norms[r] + 1e-9
    raise RuntimeError("the self-enforcing MILP kept violating an incentive constraint beyond the data's "
                       "tolerance; rescale the links table")  # pragma: no cover


@dataclass(repr=False)
class SelfEnforcing(Result):
    r"""The surplus-maximising set of self-enforcing links at a discount factor.

    Attributes
    ----------
    punishment : str
    delta : number
    surplus : Fraction or float
        Per-period surplus of the kept links.
    total : Fraction or float
        Per-period surplus of all links (the first best, if trust were not an issue).
    kept : tuple of int
        Positions (rows of the input table) of the kept links.
    links : pandas.DataFrame
        The input table with ``kept`` (bool) and, per side, ``slack_a``, ``slack_b``: :math:`\delta r - (1-\delta) g`
        of that side alone.
    firms : pandas.DataFrame
        Per firm, over its kept links: ``n_kept``, ``rent``, ``gain`` and ``slack`` :math:`\delta R - (1-\delta) G`
        (network pooling), ``n_links`` in the whole table.
    """

    punishment: str
    delta: Any
    surplus: Any
    total: Any
    kept: tuple
    links: Any
    firms: Any

    def _title(self) -> str:
        return (f"Self-enforcing links ({self.punishment} punishment, delta = {fmt(self.delta)}): "
                f"{len(self.kept)} of {len(self.links)} kept, surplus {fmt(self.surplus)} of {fmt(self.total)}")

    @property
    def share(self) -> float:
        """Share of the total surplus that trust sustains (1 when the total is 0)."""
        return float(self.surplus) / float(self.total) if self.total else 1.0

    def to_frame(self):
        """The kept links (all input columns, plus ``link``: the row of the input table)."""
        out = self.links[self.links["kept"]].drop(columns=["kept"])
        out.insert(0, "link", out.index)
        return out.reset_index(drop=True)


def self_enforcing(links: Any, delta: Any, punishment: str = "bilateral") -> SelfEnforcing:
    r"""The surplus-maximising set of links in which every incentive constraint holds at ``delta``.

    With :math:`x_\ell \in \{0, 1\}` (link :math:`\ell` kept), surplus :math:`s_\ell` and the groups :math:`\gamma`
    of link sides punished together (see the module docs),

    .. math::

        \max_{x \in \{0,1\}^L} \sum_\ell s_\ell x_\ell \quad\text{s.t.}\quad
        \sum_{(\ell, i) \in \gamma} \bigl[(1-\delta)\, g_{i\ell} - \delta\, r_{i\ell}\bigr] x_\ell \le 0
        \quad \forall \gamma .

    A group's constraint counts only the links kept (a firm with no kept link has none). Under ``"link"`` punishment
    (and ``"bilateral"`` with one link per pair) each link stands alone: it is kept iff both sides' constraints hold.
    Under ``"network"`` punishment a firm's links pool: a link it is tempted on can be carried by the rents of its
    other links, so the kept set is a mixed-integer programme, solved by HiGHS (``scipy.optimize.milp``, relative gap
    0). Links whose two sides both satisfy their own constraint are always kept; links that fail even with all their
    group's slack are dropped before the solve. The answer is re-checked exactly (ints/Fractions) or with a tolerance
    relative to the data, and completed to a maximal set (no further link can be added).

    Parameters
    ----------
    links : DataFrame or list of dict
        The links table (see :func:`critical_delta`); ``surplus`` defaults to ``rent_a + rent_b``.
    delta : float or Fraction
        Discount factor in [0, 1).
    punishment : {"bilateral", "network", "link"}

    Returns
    -------
    SelfEnforcing
        ``.surplus``, ``.kept`` (row positions), ``to_frame()`` (the kept links), ``.links``, ``.firms``.

    References
    ----------
    Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
    Economics* 21(1), 1–26.

    Jackson, M. O., Rodriguez-Barraquer, T. & Tan, X. (2012). Social capital and social quilts: network patterns of
    favor exchange. *American Economic Review* 102(5), 1857–1897.

    Examples
    --------
    >>> links = [{"a": "A", "b": "B", "rent_a": 3, "rent_b": 1, "gain_a": 1, "gain_b": 1},
    ...          {"a": "B", "b": "C", "rent_a": 2, "rent_b": 2, "gain_a": 2, "gain_b": 6}]
    >>> self_enforcing(links, 0.6).to_frame()[["link", "a", "b"]]     # C is too tempted on its only link
       link  a  b
    0     0  A  B
    >>> res = self_enforcing(links, 0.75, punishment="network")
    >>> res.kept, res.surplus
    ((0, 1), Fraction(8, 1))
    """
    import pandas as pd

    punishment = _pun(punishment)
    L = _as_links(links)
    d = _as_delta(delta)
    return _self_enforcing(L, d, punishment, pd)


def _self_enforcing(L: _Links, d, punishment: str, pd) -> SelfEnforcing:
    kept, _ = _best_set(L, punishment, d)
    coef, exact = _coefficients(L, d)
    zero = Fraction(0) if L.exact_surplus else 0.0
    surplus = sum((L.surplus[k] for k in sorted(kept)), zero)
    total = sum(L.surplus, zero)
    frame = L.frame.copy()
    frame["kept"] = [k in kept for k in range(L.n)]
    kind = object if exact else float
    frame["slack_a"] = pd.Series([-coef[k][0] for k in range(L.n)], dtype=kind)
    frame["slack_b"] = pd.Series([-coef[k][1] for k in range(L.n)], dtype=kind)
    rows = []
    zr = Fraction(0) if exact else 0.0
    for f in L.firms:
        sides = [(k, 0) for k in range(L.n) if L.a[k] == f] + [(k, 1) for k in range(L.n) if L.b[k] == f]
        mine = [(k, s) for k, s in sides if k in kept]
        rows.append({"firm": f, "n_links": len(sides), "n_kept": len(mine),
                     "rent": sum((L.rent[k][s] for k, s in mine), zr),
                     "gain": sum((L.gain[k][s] for k, s in mine), zr),
                     "slack": -sum((coef[k][s] for k, s in mine), zr)})
    firms = pd.DataFrame(rows)
    if exact:
        for c in ("rent", "gain", "slack"):
            firms[c] = firms[c].astype(object)
    return SelfEnforcing(punishment, d, surplus, total, tuple(sorted(kept)), frame, firms)


# ----------------------------------------------------------------------------------------------------------------
# resilience to a firm's exit
# ----------------------------------------------------------------------------------------------------------------
def _unravel(L: _Links, groups: dict, coef, start: set, tol: float) -> set:
    """Drop, round by round, every group whose constraint fails (its firm cheats on the group and loses it)."""
    current = set(start)
    while True:
        bad = _violations(groups, coef, current, tol)
        if not bad:
            return current
        for key in bad:
            current -= {k for k, _ in groups[key]}


@dataclass(repr=False)
class Resilience(Result):
    r"""What survives each firm's exit from a symbiosis network.

    Attributes
    ----------
    punishment : str
    delta : number
    surplus : Fraction or float
        Self-enforcing surplus of the intact network.
    keystone : str, int or None
        The firm whose exit loses the most surplus (None when no exit loses any).
    table : pandas.DataFrame
        One row per firm (see :func:`resilience`).
    """

    punishment: str
    delta: Any
    surplus: Any
    keystone: Any
    table: Any

    def _title(self) -> str:
        return (f"Resilience to a firm's exit ({self.punishment} punishment, delta = {fmt(self.delta)}): intact "
                f"surplus {fmt(self.surplus)}, keystone {self.keystone!r}")

    def to_frame(self):
        """The per-firm table."""
        return self.table.copy()


def resilience(links: Any, delta: Any, punishment: str = "bilateral") -> Resilience:
    r"""For each firm, the self-enforcing surplus that survives its exit, and the cascade its exit sets off.

    Let :math:`S^*` be the self-enforcing set of the intact network (:func:`self_enforcing`) and :math:`V^*` its
    surplus. When firm :math:`f` leaves, its links go (``direct_loss``: their surplus in :math:`S^*`). Its partners
    lose those rents; under network punishment a partner whose pooled constraint relied on them would now cheat,
    and lose all its links, which can break its own partners' constraints in turn. The *cascade* drops, round by
    round, every group whose constraint fails, starting from :math:`S^* \setminus \{\ell \ni f\}`: the links lost
    that way (``collapsed``, ``cascade_loss``) are links :math:`f` was not part of. The cluster can then re-organise
    into the best self-enforcing set without :math:`f` (``surplus_after``, re-solved):

    .. math::

        V^* - \text{direct} - \text{cascade} \;\le\; V_{-f} = \max\{\textstyle\sum_{\ell \in S} s_\ell :
        S \text{ self-enforcing}, f \notin \ell\ \forall \ell \in S\} \;\le\; V^* .

    Under link or bilateral punishment there is no cascade (each relationship stands alone). The ``keystone`` is the
    firm whose exit loses the most (``lost`` :math:`= V^* - V_{-f}`); ``firm_rent`` is what the firm itself gives up
    per period by leaving (its rents on the kept links): its exit opportunity cost, which grows with its links.

    Parameters
    ----------
    links : DataFrame or list of dict
        The links table (see :func:`critical_delta`).
    delta : float or Fraction
        Discount factor in [0, 1).
    punishment : {"bilateral", "network", "link"}

    Returns
    -------
    Resilience
        ``.surplus``, ``.keystone`` and a table with one row per firm: ``firm``, ``links`` (kept links of the firm),
        ``firm_rent``, ``direct_loss``, ``collapsed`` (number of links lost in the cascade), ``cascade_loss``,
        ``surplus_unravelled`` (:math:`V^*` − direct − cascade), ``surplus_after`` (re-solved), ``lost``,
        ``share_kept`` (surplus_after / :math:`V^*`, 1 when :math:`V^* = 0`), ``collapsed_links``.

    References
    ----------
    Fraccascia, L., Giannoccaro, I. & Albino, V. (2017). Rethinking resilience in industrial symbiosis:
    conceptualization and measurements. *Ecological Economics* 137, 148–162.

    Chertow, M. R. (2000). Industrial symbiosis: literature and taxonomy. *Annual Review of Energy and the
    Environment* 25, 313–337.

    Examples
    --------
    A hub H carries its partner P's tempting link to Q: when H leaves, P would cheat on Q.

    >>> links = [{"a": "H", "b": "P", "rent_a": 2, "rent_b": 3, "gain_a": 0, "gain_b": 0},
    ...          {"a": "P", "b": "Q", "rent_a": 1, "rent_b": 2, "gain_a": 2, "gain_b": 0}]
    >>> res = resilience(links, Fraction(1, 2), punishment="network")
    >>> res.keystone
    'H'
    >>> res.to_frame()[["firm", "direct_loss", "cascade_loss", "surplus_after", "collapsed_links"]]
      firm direct_loss cascade_loss surplus_after collapsed_links
    0    H           5            3             0            P–Q
    1    P           8            0             0
    2    Q           3            0             5
    """
    import pandas as pd

    punishment = _pun(punishment)
    L = _as_links(links)
    d = _as_delta(delta)
    kept, groups = _best_set(L, punishment, d)
    coef, exact = _coefficients(L, d)
    tol = _tol(L, exact)
    zero = Fraction(0) if L.exact_surplus else 0.0

    def value(ks):
        return sum((L.surplus[k] for k in sorted(ks)), zero)

    before = value(kept)
    rows = []
    for f in L.firms:
        own = {k for k in range(L.n) if f in (L.a[k], L.b[k])}
        own_kept = own & kept
        start = kept - own
        survive = _unravel(L, groups, coef, start, tol)
        collapsed = sorted(start - survive)
        rest = [k for k in range(L.n) if k not in own]
        after_kept, _ = _best_set(_subset(L, rest), punishment, d)
        after = value({rest[j] for j in after_kept})
        rent = sum((L.rent[k][0 if L.a[k] == f else 1] for k in sorted(own_kept)),
                   Fraction(0) if L.exact else 0.0)
        direct = value(own_kept)
        cascade = value(collapsed)
        rows.append({"firm": f, "links": len(own_kept), "firm_rent": rent, "direct_loss": direct,
                     "collapsed": len(collapsed), "cascade_loss": cascade,
                     "surplus_unravelled": before - direct - cascade, "surplus_after": after,
                     "lost": before - after, "share_kept": float(after) / float(before) if before else 1.0,
                     "collapsed_links": "; ".join(f"{L.a[k]}–{L.b[k]}" for k in collapsed)})
    table = pd.DataFrame(rows)
    if L.exact_surplus:
        for c in ("direct_loss", "cascade_loss", "surplus_unravelled", "surplus_after", "lost"):
            table[c] = table[c].astype(object)
    if L.exact:
        table["firm_rent"] = table["firm_rent"].astype(object)
    losses = [r["lost"] for r in rows]
    top = max(losses)
    keystone = rows[losses.index(top)]["firm"] if top > 0 else None
    return Resilience(punishment, d, before, keystone, table)
