r"""By-product exchange networks.

The :class:`Cluster`, its optimal exchange, who earns what, link prices, gap-filling entry and policy.

A circular cluster is a set of firms whose by-products are other firms' inputs (the article's "各企业之间实行物质和
能量的交换和循环", firms exchange materials and energy). Firm :math:`i` has by-product streams
:math:`a_{ik}` (supply of material :math:`k` per period) and input needs :math:`r_{jk}` (demand). A stream that is
not exchanged is landfilled at ``disposal_cost`` (plus a ``landfill_tax``); a need that is not met by exchange is
bought as virgin input at ``virgin_price``. Shipping one unit of :math:`k` from :math:`i` to :math:`j` creates the
per-unit surplus

.. math::

    s_{ijk} = d_k + \tau_L + \sigma + p_k - t_k - c_{ij},

with disposal cost :math:`d_k`, landfill tax :math:`\tau_L`, exchange subsidy :math:`\sigma` (paid to the
supplier), virgin price :math:`p_k`, treatment cost :math:`t_k` (the supplier's) and transport cost :math:`c_{ij}`
(the user's). Processing firms turn an input by-product into outputs (``conversions``; Guitang: molasses into
ethanol, whose residue becomes fertiliser).

The surplus-maximising flows solve a linear programme (a generalised network flow) with HiGHS
(:meth:`Cluster.exchanges`). Restricting it to a coalition gives a *linear production game* (Owen 1975): its core is
never empty, and the LP's dual prices give a core allocation (:meth:`Cluster.dual_allocation`). The Shapley value is
exact for up to 12 firms and estimated by permutation sampling beyond, through :func:`clustergames.sweep` so that
the Dask backend gives the same numbers.

The trust side (each link a repeated game) lives in :mod:`clustergames.symbiosis.links`; :meth:`Cluster.links`
builds its links table.

References
----------
Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.
Sánchez-Soriano, J., López, M. A. & García-Jurado, I. (2001). On the core of transportation games. *Mathematical
Social Sciences* 41(2), 215–225.
Chertow, M. R. (2000). Industrial symbiosis: literature and taxonomy. *Annual Review of Energy and the Environment*
25, 313–337.
Zhu, Q., Lowe, E. A., Wei, Y. & Barnes, D. (2007). Industrial symbiosis in China: a case study of the Guitang
Group. *Journal of Industrial Ecology* 11(1), 31–42.

Examples
--------
>>> from clustergames import symbiosis
>>> cl = symbiosis.Cluster({("mill", "ash"): 10}, {("kiln", "ash"): 6},
...                        virgin_price={"ash": 5}, disposal_cost={"ash": 2}, transport_cost=1)
>>> ex = cl.exchanges()
>>> ex.surplus, ex.landfilled, ex.virgin
(36.0, 4.0, 0.0)
>>> cl.link_price("mill", "kiln", "ash").range
(-2.0, 4.0)
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import as_rng, check_choice, check_int, check_positive_int, check_probability, check_real
from ..results import Result
from ..symbolic import formula, require

__all__ = [
    "Cluster",
    "ExchangeResult",
    "ShapleyEstimate",
    "LinkPrice",
    "GapFilling",
    "PolicyMap",
    "byproduct_price",
    "tipping_tax",
    "random_cluster",
    "guitang",
    "kalundborg",
]

_POWER = [require("(power >= 0) & (power <= 1)", "power must be a bargaining power in [0, 1]")]


# ----------------------------------------------------------------------------------------------------------------
# closed forms
# ----------------------------------------------------------------------------------------------------------------
@formula(requires=_POWER, symbol="p^N")
def byproduct_price(virgin_price, disposal_cost, treatment_cost=0, transport_cost=0, landfill_tax=0, subsidy=0,
                    power=0.5):
    r"""Generalised Nash price of a by-product on one link (per unit; negative: a tipping fee paid to the user).

    The supplier accepts any price above its reservation :math:`\underline p = t - d - \tau_L - \sigma` (it saves the
    disposal cost and the tax, receives the subsidy and pays for treatment); the user accepts any price below
    :math:`\bar p = p_v - c` (the virgin price less the transport it bears). The generalised Nash solution with
    supplier power :math:`\beta` splits the link surplus :math:`s = \bar p - \underline p`:

    .. math::

        p^N = \underline p + \beta s = (1-\beta)(t - d - \tau_L - \sigma) + \beta (p_v - c).

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.
    Chertow, M. R. (2000). Industrial symbiosis: literature and taxonomy. *Annual Review of Energy and the
    Environment* 25, 313–337.

    Examples
    --------
    >>> byproduct_price(virgin_price=5, disposal_cost=2, transport_cost=1)
    1.0
    >>> byproduct_price(virgin_price=5, disposal_cost=2, transport_cost=1, landfill_tax=6)
    -2.0
    """
    low = treatment_cost - disposal_cost - landfill_tax - subsidy
    return low + power * (virgin_price - transport_cost - low)


@formula(requires=[require("(power >= 0) & (power < 1)", "power must lie in [0, 1) (at power 1 the price never "
                           "turns negative)")], symbol=r"\tau_L^*")
def tipping_tax(virgin_price, disposal_cost, treatment_cost=0, transport_cost=0, subsidy=0, power=0.5):
    r"""The landfill tax above which the Nash by-product price turns negative (a tipping fee).

    Setting :func:`byproduct_price` to zero and solving for the tax:

    .. math::

        \tau_L^* = t - d - \sigma + \frac{\beta}{1-\beta}\,(p_v - c).

    A tax above :math:`\tau_L^*` makes the supplier pay the user to take the by-product; below it the user pays.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155–162.

    Examples
    --------
    >>> tipping_tax(virgin_price=5, disposal_cost=2, transport_cost=1)
    2.0
    """
    return treatment_cost - disposal_cost - subsidy + power / (1 - power) * (virgin_price - transport_cost)


# ----------------------------------------------------------------------------------------------------------------
# validation helpers
# ----------------------------------------------------------------------------------------------------------------
def _name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"{what} must be a non-empty string (got {value!r})")
    return value


def _pair_table(table: Any, tname: str, materials: Sequence[str] | None) -> dict[tuple[str, str], float]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise TypeError(f"{tname} must be a mapping {{(firm, material): quantity}} (got {type(table).__name__}); "
                        f"use Cluster.from_frames for DataFrames")
    out: dict[tuple[str, str], float] = {}
    for key, qty in table.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise TypeError(f"{tname} keys must be (firm, material) pairs (got {key!r})")
        firm = _name(key[0], f"{tname}: the firm in key {key!r}")
        mat = _name(key[1], f"{tname}: the material in key {key!r}")
        if materials is not None and mat not in materials:
            raise ValueError(f"{tname}[{firm!r}, {mat!r}] names unknown material {mat!r}: it has no virgin_price "
                             f"(known materials: {', '.join(materials)})")
        q = check_real(qty, f"{tname}[{firm!r}, {mat!r}]", low=0)
        if q > 0:
            out[(firm, mat)] = q
    return out


def _material_table(table: Any, tname: str, materials: Sequence[str] | None, *, low=None, default=None,
                    allow_scalar: bool = False) -> dict[str, float]:
    if allow_scalar and (isinstance(table, numbers.Real) or table is None):
        value = check_real(0 if table is None else table, tname, low=low)
        return {m: value for m in (materials or [])}
    if not isinstance(table, Mapping):
        raise TypeError(f"{tname} must be a mapping {{material: value}} (got {type(table).__name__})")
    out = {}
    for mat, value in table.items():
        mat = _name(mat, f"{tname}: a material")
        if materials is not None and mat not in materials:
            raise ValueError(f"{tname}[{mat!r}] names unknown material {mat!r}; known materials: "
                             f"{', '.join(materials)}")
        out[mat] = check_real(value, f"{tname}[{mat!r}]", low=low)
    if materials is not None:
        for mat in materials:
            if mat not in out:
                if default is None:
                    raise ValueError(f"{tname} has no entry for material {mat!r} (every material in virgin_price "
                                     f"needs one)")
                out[mat] = default
    return out


@dataclass(frozen=True)
class _Conversion:
    firm: str
    input: str
    outputs: tuple[tuple[str, float], ...]
    unit_cost: float
    capacity: float  # inf when unbounded


def _conversions(table: Any, materials: Sequence[str]) -> list[_Conversion]:
    if table is None:
        return []
    if not isinstance(table, Mapping):
        raise TypeError(f"conversions must be a mapping {{firm: [(input, output, yield, unit_cost), ...]}} "
                        f"(got {type(table).__name__})")
    out = []
    for firm, entries in table.items():
        firm = _name(firm, "conversions: a firm")
        if isinstance(entries, tuple) and entries and isinstance(entries[0], str):
            entries = [entries]
        if isinstance(entries, str | bytes) or not isinstance(entries, Sequence):
            raise TypeError(f"conversions[{firm!r}] must be a list of (input, output, yield, unit_cost[, capacity]) "
                            f"tuples (got {entries!r})")
        for entry in entries:
            where = f"conversions[{firm!r}]"
            if not isinstance(entry, tuple | list) or len(entry) not in (4, 5):
                raise TypeError(f"{where} entries must be (input, output, yield, unit_cost[, capacity]) tuples "
                                f"(got {entry!r})")
            inp, outp, yld, cost = entry[:4]
            inp = _name(inp, f"{where}: the input")
            if inp not in materials:
                raise ValueError(f"{where} names unknown input material {inp!r}; known materials: "
                                 f"{', '.join(materials)}")
            outs: list[tuple[str, float]] = []
            if outp is not None:
                names = (outp,) if isinstance(outp, str) else tuple(outp)
                ylds = (yld,) if isinstance(outp, str) else tuple(yld) if isinstance(yld, Sequence) else None
                if ylds is None or len(ylds) != len(names):
                    raise ValueError(f"{where}: give one yield per output (got outputs {outp!r}, yield {yld!r})")
                for o, y in zip(names, ylds):
                    o = _name(o, f"{where}: an output")
                    if o not in materials:
                        raise ValueError(f"{where} names unknown output material {o!r}; known materials: "
                                         f"{', '.join(materials)}")
                    if o == inp:
                        raise ValueError(f"{where}: the output {o!r} must differ from the input")
                    y = check_real(y, f"{where} yield of {o!r} from {inp!r}", low=0, low_open=True)
                    outs.append((o, y))
            elif yld is not None:
                check_real(yld, f"{where} yield from {inp!r}", low=0, low_open=True)
            c = check_real(cost, f"{where} unit_cost of processing {inp!r}")
            cap = math.inf
            if len(entry) == 5 and entry[4] is not None:
                cap = check_real(entry[4], f"{where} capacity for {inp!r}", low=0, allow_inf=True)
            out.append(_Conversion(firm, inp, tuple(outs), c, cap))
    return out


# ----------------------------------------------------------------------------------------------------------------
# results
# ----------------------------------------------------------------------------------------------------------------
@dataclass(repr=False)
class ExchangeResult(Result):
    r"""The surplus-maximising by-product exchange of a cluster (or of a coalition of its firms).

    Attributes
    ----------
    flows : pandas.DataFrame
        One row per active link: ``supplier, user, material, quantity, unit_surplus`` (``unit_surplus`` is the
        link's :math:`s = \bar p - \underline p`, see :meth:`Cluster.link_price`).
    streams : pandas.DataFrame
        One row per (firm, material) stream: ``supplied, demanded, shipped, received, landfilled, virgin`` and the
        dual prices ``supply_price`` (value of one more unit of the firm's by-product) and ``use_price`` (value of
        one more unit delivered to the firm).
    processing : pandas.DataFrame
        Input processed by each conversion (``firm, input, outputs, processed``).
    surplus : float
        The firms' total gain over no exchange, under the cluster's policy (tax saved and subsidy received count).
    social_surplus : float
        The same flows valued without tax and subsidy (transfers cancel).
    government_revenue : float
        Landfill tax collected minus exchange subsidy paid.
    """

    flows: Any
    streams: Any
    processing: Any
    surplus: float
    social_surplus: float
    government_revenue: float
    title = "Optimal by-product exchange"

    @property
    def exchanged(self) -> float:
        """Total quantity shipped between firms."""
        return float(self.flows["quantity"].sum()) if len(self.flows) else 0.0

    @property
    def landfilled(self) -> float:
        """Total quantity landfilled (by-products and processing outputs not exchanged)."""
        return float(self.streams["landfilled"].sum())

    @property
    def virgin(self) -> float:
        """Total virgin input bought."""
        return float(self.streams["virgin"].sum())

    def to_frame(self):
        """The active links (``flows``)."""
        return self.flows.copy()


@dataclass(repr=False)
class ShapleyEstimate(Result):
    """Shapley values of a cluster's firms: exact, or a permutation-sampling estimate with standard errors.

    Attributes
    ----------
    values : pandas.Series
        Shapley value of each firm (indexed by firm).
    se : pandas.Series
        Standard error of each estimate (zeros when exact).
    method : str
        ``"exact"`` or ``"sample"``.
    n_permutations : int
        Permutations drawn (0 when exact).
    seed : int or None
        Seed that replays the sample.
    """

    values: Any
    se: Any
    method: str
    n_permutations: int = 0
    seed: int | None = None
    title = "Shapley value"

    def to_frame(self):
        """The sampled Shapley values, one row per ``firm`` with its ``shapley`` value and standard error ``se``."""
        import pandas as pd

        return pd.DataFrame({"firm": self.values.index, "shapley": self.values.to_numpy(),
                             "se": self.se.to_numpy()})


@dataclass(repr=False)
class LinkPrice(Result):
    r"""The bargaining range and Nash price of a by-product on one link (per unit).

    Attributes
    ----------
    low, high : float
        Supplier's and user's reservation prices; ``range`` is ``(low, high)``.
    price : float or None
        Generalised Nash price :math:`\underline p + \beta s`; None when no price suits both (``high < low``).
    unit_surplus : float
        :math:`s = \bar p - \underline p`.
    quantity : float
        The flow on this link in the optimal exchange.
    tipping_tax : float
        Landfill tax at which the Nash price turns negative (``inf`` when it never does).
    holdup_loss : float or None
        Welfare lost to hold-up when the investor in a relation-specific asset keeps only its bargaining share.
    """

    supplier: str
    user: str
    material: str
    low: float
    high: float
    power: float
    price: float | None
    unit_surplus: float
    quantity: float
    tipping_tax: float
    holdup_loss: float | None = None
    title = "By-product price on a link"

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``: the prices both sides accept (empty when ``low > high``)."""
        return (self.low, self.high)

    @property
    def tipping_fee(self) -> bool:
        """Whether the price is negative (the supplier pays the user to take the material)."""
        return self.price is not None and self.price < 0

    def to_frame(self):
        """The link price as a one-row DataFrame.

        Returns
        -------
        pandas.DataFrame
            The supplier, user and material, the bargaining range ``low``, ``high``, the ``power``, ``price``,
            ``unit_surplus``, ``quantity``, the tipping-fee flags and, when computed, the ``holdup_loss``.
        """
        import pandas as pd

        row = {"supplier": self.supplier, "user": self.user, "material": self.material, "low": self.low,
               "high": self.high, "power": self.power, "price": self.price, "unit_surplus": self.unit_surplus,
               "quantity": self.quantity, "tipping_fee": self.tipping_fee, "tipping_tax": self.tipping_tax}
        if self.holdup_loss is not None:
            row["holdup_loss"] = self.holdup_loss
        return pd.DataFrame([row])


@dataclass(repr=False)
class GapFilling(Result):
    r"""Whether a gap-filling entrant (补链) enters, and whether it should.

    Attributes
    ----------
    marginal_value : float
        :math:`v(N \cup \{e\}) - v(N)`.
    captured : float
        The entrant's share of the enlarged cluster's surplus (Shapley value or nucleolus).
    entry_cost : float
        Its entry cost (per period).
    """

    entrant: str
    marginal_value: float
    captured: float
    entry_cost: float
    share: str
    value_before: float
    value_after: float
    se: float = 0.0
    title = "Gap-filling entry (补链)"

    @property
    def enters(self) -> bool:
        """Whether the entrant enters: its captured share covers its entry cost (``captured >= entry_cost``)."""
        return bool(self.captured >= self.entry_cost)

    @property
    def efficient(self) -> bool:
        """Whether entry is efficient: its marginal value covers its cost (``marginal_value >= entry_cost``)."""
        return bool(self.marginal_value >= self.entry_cost)

    @property
    def excess(self) -> bool:
        """Whether entry happens but is inefficient (excess entry)."""
        return self.enters and not self.efficient

    @property
    def subsidy_needed(self) -> float:
        """Smallest subsidy that makes efficient entry happen.

        It is ``entry_cost - captured`` when entry is efficient but does not happen, and 0 otherwise.
        """
        if self.efficient and not self.enters:
            return float(self.entry_cost - self.captured)
        return 0.0

    def to_frame(self):
        """The gap-filling analysis as a one-row DataFrame.

        Returns
        -------
        pandas.DataFrame
            The entrant, the cluster's value before and after entry, the marginal value, the captured share and how
            it is computed, the entry cost, and the flags ``enters``, ``efficient``, ``excess`` with ``subsidy_needed``.
        """
        import pandas as pd

        return pd.DataFrame([{"entrant": self.entrant, "value_before": self.value_before,
                              "value_after": self.value_after, "marginal_value": self.marginal_value,
                              "captured": self.captured, "share": self.share, "entry_cost": self.entry_cost,
                              "enters": self.enters, "efficient": self.efficient, "excess": self.excess,
                              "subsidy_needed": self.subsidy_needed}])


@dataclass(repr=False)
class PolicyMap(Result):
    """Outcomes of the optimal exchange over a grid of landfill taxes and exchange subsidies.

    ``frame`` has one row per (``landfill_tax``, ``subsidy``) with ``exchanged``, ``landfilled``, ``virgin``,
    ``n_links``, ``firms_surplus`` (firms' gain over no exchange and no policy), ``government_revenue`` (tax
    collected minus subsidy paid; its negative is the public cost) and ``welfare`` (their sum less the external
    damage of what is landfilled).
    """

    frame: Any
    title = "Landfill tax versus exchange subsidy"

    def to_frame(self):
        """A copy of the policy grid, one row per (``landfill_tax``, ``subsidy``)."""
        return self.frame.copy()

    def cheapest(self, exchanged: float):
        r"""The grid point that exchanges at least ``exchanged`` units at the least public cost.

        Public cost is :math:`-\text{government revenue}`; ties go to the higher welfare. Returns the row as a
        :class:`pandas.Series`, or None when no grid point reaches the target.

        Examples
        --------
        >>> cl = guitang()
        >>> pm = cl.policy_grid([0, 20], [0, 20])
        >>> float(pm.cheapest(0)["landfill_tax"])
        20.0
        """
        target = check_real(exchanged, "exchanged", low=0)
        frame = self.frame
        tol = 1e-9 * max(1.0, float(frame["exchanged"].abs().max()))
        ok = frame[frame["exchanged"] >= target - tol]
        if ok.empty:
            return None
        ok = ok.sort_values(["government_revenue", "welfare"], ascending=[False, False], kind="mergesort")
        return ok.iloc[0]


# ----------------------------------------------------------------------------------------------------------------
# the cluster
# ----------------------------------------------------------------------------------------------------------------
class Cluster(Result):
    r"""A cluster of firms exchanging by-products: supplies, demands, prices, costs and processors.

    Parameters
    ----------
    supply, demand : mapping
        ``{(firm, material): quantity}`` per period (non-negative); a firm may not supply and demand (or supply and
        process) the same material.
    virgin_price : mapping
        ``{material: price}`` per unit of virgin input; its keys declare the cluster's materials.
    disposal_cost : mapping
        ``{material: cost}`` per unit landfilled (one entry per material; negative for a salvage value).
    transport_cost : float, mapping or array, default 0
        Per unit, borne by the user: a scalar; ``{(supplier, user): cost}`` where the key ``"default"`` sets the
        missing pairs (0 otherwise); or an ``n_firms x n_firms`` matrix in firm order (a DataFrame indexed by firm).
    treatment_cost : float or mapping, default 0
        Per unit shipped, borne by the supplier (missing materials: 0).
    conversions : mapping, optional
        Processing firms: ``{firm: [(input, output, yield, unit_cost[, capacity]), ...]}``; ``yield`` units of
        ``output`` per unit of ``input``; ``output`` may be a tuple of materials with a tuple of yields, or None
        when the product is sold outside the cluster. ``unit_cost`` is the net cost per unit of input (negative
        when the product sells for more than processing costs). Inputs come only from other firms.
    landfill_tax : float, default 0
        Added to the disposal cost of every unit landfilled.
    subsidy : float, default 0
        Paid per unit exchanged, to the supplier.
    name : str, optional
        A label.

    Notes
    -----
    The optimal exchange solves (variables: flows :math:`x_{ijk}`, met demand :math:`q_{jk}`, processed input
    :math:`z_c`)

    .. math::

        \max\ \sum_{ijk} (d_k + \tau_L + \sigma - t_k - c_{ij})\,x_{ijk} + \sum_{jk} p_k q_{jk}
            - \sum_c \Bigl(u_c + \sum_{o} (d_o + \tau_L)\, y_{co}\Bigr) z_c

    subject to :math:`\sum_j x_{ijk} - \sum_{c \in C_i} y_{ck} z_c \le a_{ik}` (by-products and processing outputs
    shipped), :math:`\sum_i x_{ijk} = q_{jk} + \sum_{c \in C_j: \mathrm{in}(c)=k} z_c` (what arrives is used),
    :math:`0 \le q_{jk} \le r_{jk}`, :math:`0 \le z_c \le \kappa_c`. Every right-hand side belongs to one firm, so
    the value of a coalition is the same programme with the other firms' resources set to zero: a linear
    production game (Owen 1975).

    References
    ----------
    Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.
    Chertow, M. R. (2000). Industrial symbiosis: literature and taxonomy. *Annual Review of Energy and the
    Environment* 25, 313–337.

    Examples
    --------
    >>> cl = Cluster({("a", "heat"): 5}, {("b", "heat"): 8}, virgin_price={"heat": 3}, disposal_cost={"heat": 0})
    >>> cl.firms, cl.materials
    (('a', 'b'), ('heat',))
    >>> cl.value(["a", "b"]), cl.value(["a"])
    (15.0, 0.0)
    """

    title = "Cluster"

    def __init__(self, supply: Mapping, demand: Mapping, virgin_price: Mapping, disposal_cost: Mapping, *,
                 transport_cost: Any = 0, treatment_cost: Any = 0, conversions: Mapping | None = None,
                 landfill_tax: float = 0, subsidy: float = 0, name: str | None = None, firms: Sequence | None = None):
        if not isinstance(virgin_price, Mapping) or not virgin_price:
            raise TypeError("virgin_price must be a non-empty mapping {material: price} (it declares the materials)"
                            f" (got {virgin_price!r})")
        materials = tuple(_name(m, "virgin_price: a material") for m in virgin_price)
        self.materials = materials
        self.virgin_price = _material_table(virgin_price, "virgin_price", materials, low=0)
        self.disposal_cost = _material_table(disposal_cost, "disposal_cost", materials)
        self.treatment_cost = _material_table(treatment_cost, "treatment_cost", materials, low=0, default=0.0,
                                              allow_scalar=True)
        self.supply = _pair_table(supply, "supply", materials)
        self.demand = _pair_table(demand, "demand", materials)
        self.conversions = _conversions(conversions, materials)
        self.landfill_tax = check_real(landfill_tax, "landfill_tax", low=0)
        self.subsidy = check_real(subsidy, "subsidy", low=0)
        self.name = name
        found: dict[str, None] = {}
        for f, _ in list(self.supply) + list(self.demand):
            found.setdefault(f)
        for conv in self.conversions:
            found.setdefault(conv.firm)
        if not found:
            raise ValueError("a cluster needs at least one firm with a positive supply, demand or a conversion")
        if firms is not None:
            order = tuple(_name(f, "firms: a firm") for f in firms)
            if len(set(order)) != len(order):
                raise ValueError(f"firms lists a firm twice (got {order!r})")
            extra = [f for f in found if f not in order]
            if extra:
                raise ValueError(f"firms must list every firm of the cluster in the order wanted; it lacks "
                                 f"{extra[0]!r}")
            self.firms = tuple(f for f in order if f in found)
        else:
            self.firms = tuple(found)
        uses = set(self.demand) | {(c.firm, c.input) for c in self.conversions}
        makes = set(self.supply) | {(c.firm, o) for c in self.conversions for o, _ in c.outputs}
        both = sorted(uses & makes)
        if both:
            f, m = both[0]
            raise ValueError(f"firm {f!r} both supplies and uses material {m!r} (supply/demand/conversions): a firm "
                             f"cannot exchange a material with itself; net the two streams out")
        self._transport_spec = transport_cost
        self._transport_default, self._transport = self._parse_transport(transport_cost)
        self._lp = None
        self._cache: dict[int, float] = {}

    # -- construction ----------------------------------------------------------------------------------------
    def _parse_transport(self, spec: Any) -> tuple[float, dict[tuple[str, str], float]]:
        firms = self.firms
        if isinstance(spec, numbers.Real) and not isinstance(spec, bool):
            return check_real(spec, "transport_cost", low=0), {}
        if isinstance(spec, Mapping):
            default = 0.0
            keys, values = [], []
            known = set(firms)
            for key, cost in spec.items():
                if key == "default":
                    default = check_real(cost, "transport_cost['default']", low=0)
                    continue
                if not (isinstance(key, tuple) and len(key) == 2):
                    raise TypeError(f"transport_cost keys must be (supplier, user) pairs or 'default' (got {key!r})")
                for f in key:
                    if f not in known:
                        raise ValueError(f"transport_cost[{key[0]!r}, {key[1]!r}] names unknown firm {f!r}; firms: "
                                         f"{', '.join(firms)}")
                keys.append(key)
                values.append(cost)
            arr = None
            if values and all(type(v) is float or type(v) is int for v in values):
                arr = np.asarray(values, dtype=float)
                if not (np.isfinite(arr).all() and (arr >= 0).all()):
                    arr = None
            if arr is None:  # the slow path names the offending pair
                arr = np.array([check_real(v, f"transport_cost[{k[0]!r}, {k[1]!r}]", low=0)
                                for k, v in zip(keys, values)], dtype=float)
            return default, dict(zip(keys, arr.tolist()))
        if hasattr(spec, "index") and hasattr(spec, "columns"):
            for f in list(spec.index) + list(spec.columns):
                if f not in firms:
                    raise ValueError(f"transport_cost names unknown firm {f!r}; firms: {', '.join(firms)}")
            from .._validation import check_array

            arr = check_array(spec.to_numpy(), "transport_cost", ndim=2, low=0)
            rows, cols = list(spec.index), list(spec.columns)
            return 0.0, {(i, j): float(arr[a, b]) for a, i in enumerate(rows) for b, j in enumerate(cols) if i != j}
        from .._validation import check_array

        arr = check_array(spec, "transport_cost", ndim=2, shape=(len(firms), len(firms)), low=0)
        return 0.0, {(fi, fj): float(arr[a, b]) for a, fi in enumerate(firms) for b, fj in enumerate(firms)
                     if a != b}

    @property
    def transport_costs(self) -> dict:
        """The transport costs as ``{(supplier, user): cost, "default": cost}`` (accepted by the constructor)."""
        out: dict = dict(self._transport)
        out["default"] = self._transport_default
        return out

    def transport(self, supplier: str, user: str) -> float:
        """Per-unit transport cost from ``supplier`` to ``user``."""
        return self._transport.get((supplier, user), self._transport_default)

    def _kwargs(self) -> dict:
        conv: dict[str, list] = {}
        for c in self.conversions:
            outs = tuple(o for o, _ in c.outputs) or None
            ylds = tuple(y for _, y in c.outputs) or None
            conv.setdefault(c.firm, []).append((c.input, outs, ylds, c.unit_cost, c.capacity))
        transport = dict(self._transport)
        transport["default"] = self._transport_default
        return {"supply": dict(self.supply), "demand": dict(self.demand), "virgin_price": dict(self.virgin_price),
                "disposal_cost": dict(self.disposal_cost), "transport_cost": transport,
                "treatment_cost": dict(self.treatment_cost), "conversions": conv,
                "landfill_tax": self.landfill_tax, "subsidy": self.subsidy, "name": self.name, "firms": self.firms}

    def with_policy(self, landfill_tax: float | None = None, subsidy: float | None = None) -> Cluster:
        """The same cluster under another landfill tax and/or exchange subsidy.

        Examples
        --------
        >>> guitang().with_policy(landfill_tax=10).landfill_tax
        10.0
        """
        kw = self._kwargs()
        if landfill_tax is not None:
            kw["landfill_tax"] = landfill_tax
        if subsidy is not None:
            kw["subsidy"] = subsidy
        return Cluster(**kw)

    def with_firm(self, name: str, *, supply: Mapping | None = None, demand: Mapping | None = None,
                  conversions: Sequence | None = None, transport_cost: float | None = None) -> Cluster:
        """The cluster with one more firm (``supply``/``demand`` as ``{material: quantity}``).

        ``transport_cost`` sets the entrant's transport cost to and from every firm (default: the cluster's
        default).

        Examples
        --------
        >>> cl = guitang().with_firm("biogas plant", demand={"filter mud": 10})
        >>> cl.firms[-1]
        'biogas plant'
        """
        _name(name, "name")
        if name in self.firms:
            raise ValueError(f"name {name!r} is already a firm of the cluster")
        kw = self._kwargs()
        for tname, table in (("supply", supply), ("demand", demand)):
            if table is None:
                continue
            if not isinstance(table, Mapping):
                raise TypeError(f"{tname} of the entrant must be a mapping {{material: quantity}} (got {table!r})")
            for mat, q in table.items():
                kw[tname][(name, mat)] = q
        if conversions is not None:
            kw["conversions"][name] = list(conversions) if not isinstance(conversions, tuple) else [conversions]
        kw["firms"] = (*self.firms, name)
        if transport_cost is not None:
            cost = check_real(transport_cost, "transport_cost", low=0)
            for f in self.firms:
                kw["transport_cost"][(f, name)] = cost
                kw["transport_cost"][(name, f)] = cost
        cl = Cluster(**kw)
        if name not in cl.firms:
            raise ValueError(f"the entrant {name!r} needs a positive supply, demand or a conversion")
        return cl

    @classmethod
    def from_frames(cls, streams: Any, materials: Any, *, transport: Any = None, conversions: Any = None,
                    landfill_tax: float = 0, subsidy: float = 0, name: str | None = None) -> Cluster:
        """Build a cluster from DataFrames (one row per stream).

        Parameters
        ----------
        streams : DataFrame
            Columns ``firm, material, role, quantity`` with ``role`` "supply" or "demand".
        materials : DataFrame
            Columns ``material, virgin_price, disposal_cost`` and optionally ``treatment_cost``.
        transport : DataFrame, optional
            Columns ``supplier, user, cost``; or anything the constructor's ``transport_cost`` accepts.
        conversions : DataFrame, optional
            Columns ``firm, input, output, yield, unit_cost`` and optionally ``capacity``.

        Examples
        --------
        >>> cl = guitang()
        >>> again = Cluster.from_frames(cl.to_frame(), cl.materials_frame(), transport=cl.transport_costs,
        ...                             conversions=cl.conversions_frame())
        >>> again.value(again.firms) == cl.value(cl.firms)
        True
        """
        import pandas as pd

        def need(df, tname, cols):
            if not isinstance(df, pd.DataFrame):
                raise TypeError(f"{tname} must be a pandas DataFrame (got {type(df).__name__})")
            missing = [c for c in cols if c not in df.columns]
            if missing:
                raise ValueError(f"{tname} lacks column(s) {', '.join(missing)} "
                                 f"(has {', '.join(map(str, df.columns))})")

        need(streams, "streams", ["firm", "material", "role", "quantity"])
        need(materials, "materials", ["material", "virgin_price", "disposal_cost"])
        supply, demand = {}, {}
        for row in streams.itertuples(index=False):
            role = check_choice(row.role, f"streams role of ({row.firm!r}, {row.material!r})", ("supply", "demand"))
            table = supply if role == "supply" else demand
            key = (row.firm, row.material)
            if key in table:
                raise ValueError(f"streams lists {role} ({row.firm!r}, {row.material!r}) twice")
            table[key] = row.quantity
        if materials["material"].duplicated().any():
            dup = materials["material"][materials["material"].duplicated()].iloc[0]
            raise ValueError(f"materials lists {dup!r} twice")
        virgin = dict(zip(materials["material"], materials["virgin_price"]))
        disposal = dict(zip(materials["material"], materials["disposal_cost"]))
        treatment = (dict(zip(materials["material"], materials["treatment_cost"]))
                     if "treatment_cost" in materials.columns else 0)
        transport_cost: Any = 0
        if transport is not None and not isinstance(transport, pd.DataFrame):
            transport_cost = transport
        elif transport is not None:
            need(transport, "transport", ["supplier", "user", "cost"])
            transport_cost = {(r.supplier, r.user): r.cost for r in transport.itertuples(index=False)}
        conv = None
        if conversions is not None:
            need(conversions, "conversions", ["firm", "input", "output", "yield", "unit_cost"])
            conv = {}
            has_cap = "capacity" in conversions.columns
            for r in conversions.to_dict("records"):
                out = None if r["output"] is None or (isinstance(r["output"], float) and math.isnan(r["output"])) \
                    else r["output"]
                yld = None if out is None else r["yield"]
                cap = r["capacity"] if has_cap else None
                if cap is not None and isinstance(cap, float) and math.isnan(cap):
                    cap = None
                conv.setdefault(r["firm"], []).append((r["input"], out, yld, r["unit_cost"], cap))
        return cls(supply, demand, virgin, disposal, transport_cost=transport_cost, treatment_cost=treatment,
                   conversions=conv, landfill_tax=landfill_tax, subsidy=subsidy, name=name)

    def to_frame(self):
        """The streams, one row per (firm, material, role): ``firm, material, role, quantity``."""
        import pandas as pd

        rows = [(f, m, "supply", q) for (f, m), q in self.supply.items()]
        rows += [(f, m, "demand", q) for (f, m), q in self.demand.items()]
        return pd.DataFrame(rows, columns=["firm", "material", "role", "quantity"])

    def materials_frame(self):
        """Prices and costs per material: ``material, virgin_price, disposal_cost, treatment_cost``."""
        import pandas as pd

        return pd.DataFrame({"material": list(self.materials),
                             "virgin_price": [self.virgin_price[m] for m in self.materials],
                             "disposal_cost": [self.disposal_cost[m] for m in self.materials],
                             "treatment_cost": [self.treatment_cost[m] for m in self.materials]})

    def conversions_frame(self):
        """The conversions, one row per (firm, input, output): ``firm, input, output, yield, unit_cost, capacity``."""
        import pandas as pd

        rows = []
        for c in self.conversions:
            for o, y in c.outputs or ((None, None),):
                rows.append((c.firm, c.input, o, y, c.unit_cost, c.capacity))
        frame = pd.DataFrame(rows, columns=["firm", "input", "output", "yield", "unit_cost", "capacity"])
        if any(len(c.outputs) > 1 for c in self.conversions):
            raise ValueError("conversions_frame lists single-output conversions only")
        return frame

    # -- the linear programme ----------------------------------------------------------------------------------
    def _build(self):
        """Variables, objective, constraint matrices and owners of every row and column (built once)."""
        if self._lp is not None:
            return self._lp
        from scipy import sparse

        firms, idx = self.firms, {f: k for k, f in enumerate(self.firms)}
        tax, sub = self.landfill_tax, self.subsidy
        d, v, t = self.disposal_cost, self.virgin_price, self.treatment_cost
        sup_rows: dict[tuple[str, str], int] = {}
        for key in self.supply:
            sup_rows.setdefault(key, len(sup_rows))
        for c in self.conversions:
            for o, _ in c.outputs:
                sup_rows.setdefault((c.firm, o), len(sup_rows))
        use_rows: dict[tuple[str, str], int] = {}
        for key in self.demand:
            use_rows.setdefault(key, len(use_rows))
        for c in self.conversions:
            use_rows.setdefault((c.firm, c.input), len(use_rows))
        users_of: dict[str, list[str]] = {}
        for f, m in use_rows:
            users_of.setdefault(m, []).append(f)
        arcs = [(i, j, m) for (i, m) in sup_rows for j in users_of.get(m, []) if j != i]
        n_x, n_q, n_z = len(arcs), len(self.demand), len(self.conversions)
        n_var = n_x + n_q + n_z
        obj = np.empty(n_var)
        owner1 = np.empty(n_var, dtype=np.intp)
        owner2 = np.empty(n_var, dtype=np.intp)
        ub = np.full(n_var, np.inf)
        rows_ub, cols_ub, vals_ub = [], [], []
        rows_eq, cols_eq, vals_eq = [], [], []
        for a, (i, j, m) in enumerate(arcs):
            obj[a] = d[m] + tax + sub - t[m] - self.transport(i, j)
            owner1[a], owner2[a] = idx[i], idx[j]
            rows_ub.append(sup_rows[(i, m)]), cols_ub.append(a), vals_ub.append(1.0)
            rows_eq.append(use_rows[(j, m)]), cols_eq.append(a), vals_eq.append(1.0)
        q_keys = list(self.demand)
        for b, (j, m) in enumerate(q_keys):
            col = n_x + b
            obj[col] = v[m]
            owner1[col] = owner2[col] = idx[j]
            ub[col] = self.demand[(j, m)]
            rows_eq.append(use_rows[(j, m)]), cols_eq.append(col), vals_eq.append(-1.0)
        for c_i, c in enumerate(self.conversions):
            col = n_x + n_q + c_i
            obj[col] = -(c.unit_cost + sum((d[o] + tax) * y for o, y in c.outputs))
            owner1[col] = owner2[col] = idx[c.firm]
            ub[col] = c.capacity
            rows_eq.append(use_rows[(c.firm, c.input)]), cols_eq.append(col), vals_eq.append(-1.0)
            for o, y in c.outputs:
                rows_ub.append(sup_rows[(c.firm, o)]), cols_ub.append(col), vals_ub.append(-y)
        A_ub = sparse.csr_array((vals_ub, (rows_ub, cols_ub)), shape=(len(sup_rows), n_var))
        A_eq = sparse.csr_array((vals_eq, (rows_eq, cols_eq)), shape=(len(use_rows), n_var))
        b_ub = np.array([self.supply.get(key, 0.0) for key in sup_rows])
        sup_owner = np.array([idx[f] for f, _ in sup_rows], dtype=np.intp)
        use_owner = np.array([idx[f] for f, _ in use_rows], dtype=np.intp)
        arc_mask = np.array([(1 << idx[i]) | (1 << idx[j]) for i, j, _ in arcs], dtype=object) if len(firms) > 62 \
            else np.array([(1 << idx[i]) | (1 << idx[j]) for i, j, _ in arcs], dtype=np.int64)
        # the objective is linear in the landfill tax and the subsidy: d obj / d tax and d obj / d subsidy
        d_tax = np.zeros(n_var)
        d_tax[:n_x] = 1.0
        for c_i, c in enumerate(self.conversions):
            d_tax[n_x + n_q + c_i] = -sum(y for _, y in c.outputs)
        d_sub = np.zeros(n_var)
        d_sub[:n_x] = 1.0
        social = obj - tax * d_tax - sub * d_sub
        coo_ub = (np.asarray(rows_ub, dtype=np.intp), np.asarray(cols_ub, dtype=np.intp), np.asarray(vals_ub, float))
        coo_eq = (np.asarray(rows_eq, dtype=np.intp), np.asarray(cols_eq, dtype=np.intp), np.asarray(vals_eq, float))
        self._lp = {"d_tax": d_tax, "d_sub": d_sub, "coo_ub": coo_ub, "coo_eq": coo_eq, "arcs": arcs,
                    "q_keys": q_keys, "sup_rows": list(sup_rows),
                    "use_rows": list(use_rows),
                    "n_x": n_x, "n_q": n_q, "n_z": n_z, "obj": obj, "social": social, "ub": ub, "A_ub": A_ub,
                    "A_eq": A_eq, "b_ub": b_ub, "owner1": owner1, "owner2": owner2, "sup_owner": sup_owner,
                    "use_owner": use_owner, "arc_mask": arc_mask,
                    "arc_i": np.array([idx[i] for i, _, _ in arcs], dtype=np.intp),
                    "arc_j": np.array([idx[j] for _, j, _ in arcs], dtype=np.intp)}
        return self._lp

    def _members(self, firms: Any, what: str = "firms") -> np.ndarray:
        if isinstance(firms, str):
            firms = [firms]
        if isinstance(firms, Mapping):  # a dict would be read by its keys, whatever its values say
            raise TypeError(f"{what} must be a collection of firm names, not a mapping (got {firms!r})")
        try:
            names = list(firms)
        except TypeError:
            raise TypeError(f"{what} must be a collection of firm names (got {firms!r})") from None
        member = np.zeros(len(self.firms), dtype=bool)
        pos = {f: k for k, f in enumerate(self.firms)}
        for f in names:
            if f not in pos:
                raise ValueError(f"{what} names unknown firm {f!r}; firms: {', '.join(self.firms)}")
            member[pos[f]] = True
        return member

    def _solve_blocks(self, members: list[np.ndarray] | np.ndarray, obj: np.ndarray | None = None):
        """Solve the LP of each coalition (rows of a boolean membership matrix) in one block-diagonal HiGHS call.

        Returns the values, the HiGHS result and, per block, its columns and its rows (for dual prices). The block of
        a coalition keeps the columns whose owners all belong to it; every constraint entry of a kept column lies in
        a row its owner owns, so the blocks are assembled from the full programme's COO triplets in one pass.
        """
        from scipy import sparse
        from scipy.optimize import linprog

        lp = self._build()
        obj = lp["obj"] if obj is None else obj
        M = np.atleast_2d(np.asarray(members, dtype=bool))
        B = M.shape[0]
        colok = M[:, lp["owner1"]] & M[:, lp["owner2"]]
        newcol = np.cumsum(colok.ravel()).reshape(colok.shape) - 1
        n_cols = int(colok.sum())
        bcol, vcol = np.nonzero(colok)
        cols = np.split(vcol, np.cumsum(colok.sum(axis=1))[:-1])
        n_u, n_e = lp["A_ub"].shape[0], lp["A_eq"].shape[0]
        if n_cols == 0:
            return [0.0] * B, None, cols
        mats = []
        for key, n_rows in (("ub", n_u), ("eq", n_e)):
            r, c, v = lp["coo_" + key]
            b_idx, e_idx = np.nonzero(colok[:, c])
            mats.append(sparse.csr_array((v[e_idx], (b_idx * n_rows + r[e_idx], newcol[b_idx, c[e_idx]])),
                                         shape=(B * n_rows, n_cols)))
        b_ub = np.tile(lp["b_ub"], B) * M[:, lp["sup_owner"]].ravel() if n_u else None
        res = linprog(-obj[vcol], A_ub=mats[0] if n_u else None, b_ub=b_ub,
                      A_eq=mats[1] if n_e else None, b_eq=np.zeros(B * n_e) if n_e else None,
                      bounds=np.column_stack([np.zeros(n_cols), lp["ub"][vcol]]), method="highs")
        if res.status == 3:
            raise ValueError("the exchange programme is unbounded: the conversions form a cycle that creates value "
                             "from nothing (yields around a loop multiply to 1 or more, or the subsidy pays for "
                             "shipping material round the loop); give the conversions a capacity or lower the yields")
        if res.status != 0:  # pragma: no cover - the programme is feasible (all zeros) and bounded here
            raise RuntimeError(f"HiGHS failed on the exchange programme: {res.message}")
        contrib = obj[vcol] * res.x
        values = np.maximum(np.bincount(bcol, weights=contrib, minlength=B), 0.0)
        return values.tolist(), res, cols

    def _value_masks(self, masks: Sequence[int], budget: int = 40_000) -> np.ndarray:
        """Values of coalitions given as bit masks over firms (cached; coalitions without an arc are worth 0)."""
        lp = self._build()
        n = len(self.firms)
        out = np.zeros(len(masks))
        todo: list[tuple[int, int]] = []
        arc_mask = lp["arc_mask"]
        for k, mask in enumerate(masks):
            if mask in self._cache:
                out[k] = self._cache[mask]
            elif len(arc_mask) == 0 or not np.any((arc_mask & mask) == arc_mask):
                out[k] = 0.0
            else:
                todo.append((k, mask))
        # group into block-diagonal batches of bounded size
        batch: list[tuple[int, int]] = []
        size = 0
        n_var = len(lp["obj"])
        bits = np.array([1 << i for i in range(n)], dtype=object if n > 62 else np.int64)

        def flush():
            members = [(mask & bits) != 0 for _, mask in batch]
            vals = self._solve_blocks(members)[0]
            for (k, mask), val in zip(batch, vals):
                out[k] = val
                self._cache[mask] = val

        for item in todo:
            est = max(1, int(n_var * (bin(item[1]).count("1") / max(n, 1)) ** 2))
            if batch and size + est > budget:
                flush()
                batch, size = [], 0
            batch.append(item)
            size += est
        if batch:
            flush()
        return out

    def _mask(self, firms: Any, what: str = "firms") -> int:
        member = self._members(firms, what)
        return sum(1 << i for i in np.flatnonzero(member))

    def value(self, firms: Any) -> float:
        r"""Worth :math:`v(S)` of a coalition: the surplus its members create by exchanging among themselves.

        .. math::

            v(S) = \max\{\, s \cdot x : A x \le b(S) \,\},\qquad b(S) = \sum_{i \in S} b_i

        (the programme of :class:`Cluster` with the other firms' streams and capacities set to zero).

        References
        ----------
        Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.

        Examples
        --------
        >>> cl = guitang()
        >>> cl.value([]) == 0.0 and cl.value(cl.firms) > cl.value(["sugar refinery", "cement mill"]) > 0
        True
        """
        return float(self._value_masks([self._mask(firms)])[0])

    def exchanges(self) -> ExchangeResult:
        r"""The surplus-maximising by-product exchange (HiGHS), with its flows, landfill, virgin input and dual prices.

        Solves the linear programme in :class:`Cluster`. The dual price of a supply row is the value of one more unit
        of that firm's by-product; that of a use row is the value of one more unit delivered to that firm. Together
        they price every stream (Owen 1975).

        References
        ----------
        Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.
        Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex method. *Mathematical
        Programming Computation* 10(1), 119–142.

        Examples
        --------
        >>> ex = guitang().exchanges()
        >>> ex.flows[["supplier", "user", "material"]].head(2).values.tolist()
        [['sugar refinery', 'power plant', 'bagasse'], ['sugar refinery', 'pulp & paper mill', 'bagasse']]
        """
        import pandas as pd

        lp = self._build()
        n = len(self.firms)
        member = np.ones(n, dtype=bool)
        values, res, cols = self._solve_blocks([member])
        n_var = len(lp["obj"])
        x = np.zeros(n_var)
        y_sup = np.zeros(len(lp["sup_rows"]))
        y_use = np.zeros(len(lp["use_rows"]))
        y_up = np.zeros(n_var)
        if res is not None:
            x[cols[0]] = res.x
            if len(y_sup):
                y_sup[:] = -np.asarray(res.ineqlin.marginals)
            if len(y_use):
                y_use[:] = np.asarray(res.eqlin.marginals)
            y_up[cols[0]] = -np.asarray(res.upper.marginals)
        self._duals = (x, y_sup, y_use, y_up)
        tol = 1e-9 * max(1.0, float(np.abs(lp["b_ub"]).max(initial=0)),
                         float(max(self.demand.values(), default=0)))
        x[np.abs(x) < tol] = 0.0
        n_x, n_q = lp["n_x"], lp["n_q"]
        flows = []
        for a, (i, j, m) in enumerate(lp["arcs"]):
            if x[a] > 0:
                flows.append((i, j, m, float(x[a]), self._unit_surplus(i, j, m)))
        flows_df = pd.DataFrame(flows, columns=["supplier", "user", "material", "quantity", "unit_surplus"])
        # streams
        keys: dict[tuple[str, str], dict] = {}
        for k, key in enumerate(lp["sup_rows"]):
            keys.setdefault(key, {})["supply_price"] = float(y_sup[k])
        for k, key in enumerate(lp["use_rows"]):
            keys.setdefault(key, {})["use_price"] = float(y_use[k])
        shipped = {}
        received = {}
        for a, (i, j, m) in enumerate(lp["arcs"]):
            shipped[(i, m)] = shipped.get((i, m), 0.0) + x[a]
            received[(j, m)] = received.get((j, m), 0.0) + x[a]
        produced: dict[tuple[str, str], float] = {}
        for c_i, c in enumerate(self.conversions):
            z = x[n_x + n_q + c_i]
            for o, y in c.outputs:
                produced[(c.firm, o)] = produced.get((c.firm, o), 0.0) + y * z
        rows = []
        for key, info in keys.items():
            f, m = key
            sup = self.supply.get(key, 0.0)
            dem = self.demand.get(key, 0.0)
            q = x[n_x + lp["q_keys"].index(key)] if key in self.demand else 0.0
            land = max(0.0, sup + produced.get(key, 0.0) - shipped.get(key, 0.0))
            rows.append({"firm": f, "material": m, "supplied": sup, "produced": produced.get(key, 0.0),
                         "demanded": dem, "shipped": float(shipped.get(key, 0.0)),
                         "received": float(received.get(key, 0.0)), "landfilled": float(land if land > tol else 0.0),
                         "virgin": float(max(0.0, dem - q)) if dem - q > tol else 0.0,
                         "supply_price": info.get("supply_price", 0.0),
                         "use_price": info.get("use_price", 0.0)})
        streams = pd.DataFrame(rows)
        proc = pd.DataFrame([(c.firm, c.input, ", ".join(o for o, _ in c.outputs) or "(sold outside)",
                              float(x[n_x + n_q + c_i])) for c_i, c in enumerate(self.conversions)],
                            columns=["firm", "input", "outputs", "processed"])
        surplus = float(lp["obj"] @ x)
        social = float(lp["social"] @ x)
        land_total = float(streams["landfilled"].sum()) if len(streams) else 0.0
        revenue = self.landfill_tax * land_total - self.subsidy * float(x[:n_x].sum())
        return ExchangeResult(flows_df, streams, proc, max(surplus, 0.0), social, revenue)

    def _user_value(self, user: str, material: str) -> float:
        """What one unit of ``material`` is worth to ``user`` on its own.

        The virgin price it saves, or, for a processor, the net value of processing it with its outputs landfilled
        (their onward sale is the next link's surplus, so that the links' surpluses add up to the cluster's).
        """
        if (user, material) in self.demand:
            return self.virgin_price[material]
        values = [-(c.unit_cost + sum((self.disposal_cost[o] + self.landfill_tax) * y for o, y in c.outputs))
                  for c in self.conversions if c.firm == user and c.input == material]
        return max(values) if values else 0.0

    def _low(self, material: str) -> float:
        return self.treatment_cost[material] - self.disposal_cost[material] - self.landfill_tax - self.subsidy

    def _unit_surplus(self, supplier, user, material) -> float:
        high = self._user_value(user, material) - self.transport(supplier, user)
        return float(high - self._low(material))

    # -- who earns what --------------------------------------------------------------------------------------
    def coalitional_game(self):
        r"""The cluster as a coalitional game :math:`(N, v)` with the firms as players (``names``).

        All :math:`2^n` coalition values are computed in block-diagonal batches of linear programmes (one HiGHS
        call per batch); coalitions without a possible link are worth 0 without a solve. At most 16 firms.

        References
        ----------
        Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.

        Examples
        --------
        >>> g = guitang().coalitional_game()
        >>> g.names[0], g.is_core_empty()
        ('sugar refinery', False)
        """
        from ..coalitions import CoalitionalGame

        n = len(self.firms)
        if n > 16:
            raise ValueError(f"coalitional_game enumerates 2^n coalitions and supports at most 16 firms (got {n}); "
                             f"use shapley(method='sample') for larger clusters")
        values = self._value_masks(list(range(1 << n)))
        game = CoalitionalGame({}, n_players=n, names=self.firms)
        game.v = values
        return game

    def dual_allocation(self):
        r"""Owen's dual allocation: each firm is paid the dual prices of the resources it owns.

        .. math::

            u_i = \sum_k \sigma_{ik}\, a_{ik} + \sum_k \mu_{ik}\, r_{ik} + \sum_{c \in C_i} \kappa_c\, \mathrm{cap}_c,

        with the dual prices :math:`\sigma` of the supply rows, :math:`\mu` of the demand bounds and :math:`\kappa`
        of the processing capacities. By strong duality the payments sum to :math:`v(N)`; by Owen's theorem no
        coalition can do better on its own: the allocation lies in the core.

        References
        ----------
        Owen, G. (1975). On the core of linear production games. *Mathematical Programming* 9(1), 358–370.

        Examples
        --------
        >>> cl = guitang()
        >>> cl.coalitional_game().in_core(cl.dual_allocation().to_numpy())
        True
        """
        import pandas as pd

        ex = self.exchanges()
        lp = self._lp
        x, y_sup, _, y_up = self._duals
        pay = np.zeros(len(self.firms))
        np.add.at(pay, lp["sup_owner"], y_sup * lp["b_ub"])
        n_x, n_q = lp["n_x"], lp["n_q"]
        for b, (j, m) in enumerate(lp["q_keys"]):
            pay[self.firms.index(j)] += y_up[n_x + b] * self.demand[(j, m)]
        for c_i, c in enumerate(self.conversions):
            if math.isfinite(c.capacity):
                pay[self.firms.index(c.firm)] += y_up[n_x + n_q + c_i] * c.capacity
        gap = abs(pay.sum() - ex.surplus)
        if gap > 1e-7 * max(1.0, abs(ex.surplus)):  # pragma: no cover - strong duality
            raise RuntimeError(f"dual prices pay {pay.sum():g} but v(N) = {ex.surplus:g}: inconsistent LP duals")
        return pd.Series(pay, index=list(self.firms), name="dual allocation")

    def shapley(self, *, method: str = "auto", n_permutations: int = 200, rng: Any = None, backend: Any = "serial",
                batch: int = 20) -> ShapleyEstimate:
        r"""Shapley values of the firms: exact for up to 12 firms, else a permutation-sampling estimate.

        Exact: :math:`\varphi_i = \sum_{S \not\ni i} \frac{|S|!(n-|S|-1)!}{n!}(v(S \cup i) - v(S))` over all
        coalitions. Sampling: for :math:`m` uniform random orders :math:`\pi`, the marginal contribution
        :math:`v(P_i^\pi \cup i) - v(P_i^\pi)` of each firm to its predecessors; the estimate is the mean and its
        standard error :math:`\hat\sigma_i/\sqrt m` (Castro, Gómez & Tejada 2009). The permutations run in batches
        through :func:`clustergames.sweep` (each batch with its own stream), so ``backend="dask"`` gives the same
        numbers as ``"serial"``.

        Parameters
        ----------
        method : {"auto", "exact", "sample"}
        n_permutations : int
            Permutations for the sampling estimate (rounded up to a multiple of ``batch``).
        rng : None, int, SeedSequence or Generator
            Random source of the sample.
        backend : see :func:`clustergames.sweep`
        batch : int
            Permutations per task.

        References
        ----------
        Shapley, L. S. (1953). A value for n-person games. *Annals of Mathematics Studies* 28, 307–317.
        Castro, J., Gómez, D. & Tejada, J. (2009). Polynomial calculation of the Shapley value based on sampling.
        *Computers & Operations Research* 36(5), 1726–1730.

        Examples
        --------
        >>> cl = guitang()
        >>> exact = cl.shapley()
        >>> round(float(exact.values.sum()), 6) == round(cl.value(cl.firms), 6)
        True
        >>> est = cl.shapley(method="sample", n_permutations=40, rng=1)
        >>> bool((abs(est.values - exact.values) <= 4 * est.se + 1e-9).all())
        True
        """
        import pandas as pd

        method = check_choice(method, "method", ("auto", "exact", "sample"))
        n = len(self.firms)
        if method == "auto":
            method = "exact" if n <= 12 else "sample"
        if method == "exact":
            if n > 16:
                raise ValueError(f"exact Shapley values enumerate 2^n coalitions: at most 16 firms (got {n}); use "
                                 f"method='sample'")
            phi = self.coalitional_game().shapley()
            return ShapleyEstimate(pd.Series(phi, index=list(self.firms), name="shapley"),
                                   pd.Series(np.zeros(n), index=list(self.firms), name="se"), "exact")
        n_perm = check_positive_int(n_permutations, "n_permutations", minimum=2)
        batch = check_positive_int(batch, "batch")
        n_batches = math.ceil(n_perm / batch)
        _, seed = as_rng(rng)
        from ..sweep import sweep

        frame = sweep(functools.partial(_permutation_batch, self, size=batch), {"batch": list(range(n_batches))},
                      rng=seed, backend=backend)
        total = frame.groupby("firm", sort=True)[["total", "total_sq"]].sum()
        m = n_batches * batch
        mean = total["total"].to_numpy() / m
        var = np.maximum(total["total_sq"].to_numpy() / m - mean ** 2, 0.0) * m / (m - 1)
        order = total.index.to_numpy()
        values = np.zeros(n)
        se = np.zeros(n)
        values[order] = mean
        se[order] = np.sqrt(var / m)
        return ShapleyEstimate(pd.Series(values, index=list(self.firms), name="shapley"),
                               pd.Series(se, index=list(self.firms), name="se"), "sample", m, seed)

    # -- prices on links -------------------------------------------------------------------------------------
    def link_price(self, supplier: str, user: str, material: str, power: float = 0.5, *,
                   investment_return: float | None = None, investor: str = "user") -> LinkPrice:
        r"""The range of prices both sides of a link accept, and the generalised Nash price (per unit).

        .. math::

            \underline p = t_k - d_k - \tau_L - \sigma, \qquad \bar p = p_k - c_{ij}, \qquad
            p^N = \underline p + \beta (\bar p - \underline p)

        (:func:`byproduct_price`), where :math:`\beta` = ``power`` is the supplier's bargaining power. For a
        processing user, :math:`p_k` is replaced by the net value of processing one unit with its outputs landfilled,
        :math:`-u_c - \sum_o (d_o + \tau_L) y_o` (the outputs' onward sale is the surplus of the next link, so the
        links' surpluses add up to :math:`v(N)`). A negative price is a tipping fee; ``tipping_tax`` is the landfill
        tax above which it is one (:func:`tipping_tax` for a user that demands the material).

        A relation-specific investment with return :math:`\theta` (``investment_return``) by the ``investor``, who
        keeps only its bargaining share :math:`\beta_I` of the return, is under-provided; the welfare lost is
        :func:`clustergames.trust.holdup_loss`, :math:`\theta^2 (1-\beta_I)^2 / 2` (Williamson 1985; Klein,
        Crawford & Alchian 1978).

        References
        ----------
        Williamson, O. E. (1985). *The Economic Institutions of Capitalism*. Free Press.
        Klein, B., Crawford, R. G. & Alchian, A. A. (1978). Vertical integration, appropriable rents, and the
        competitive contracting process. *Journal of Law and Economics* 21(2), 297–326.

        Examples
        --------
        >>> cl = Cluster({("mill", "ash"): 10}, {("kiln", "ash"): 6},
        ...              virgin_price={"ash": 5}, disposal_cost={"ash": 2}, transport_cost=1)
        >>> lp = cl.link_price("mill", "kiln", "ash")
        >>> lp.range, lp.price, lp.unit_surplus
        ((-2.0, 4.0), 1.0, 6.0)
        >>> cl.with_policy(landfill_tax=3).link_price("mill", "kiln", "ash").price
        -0.5
        """
        power = check_probability(power, "power")
        for f, role in ((supplier, "supplier"), (user, "user")):
            if f not in self.firms:
                raise ValueError(f"{role} {f!r} is not a firm of the cluster; firms: {', '.join(self.firms)}")
        if supplier == user:
            raise ValueError(f"supplier and user must differ (got {supplier!r} twice)")
        if material not in self.materials:
            raise ValueError(f"material {material!r} is unknown; materials: {', '.join(self.materials)}")
        makes = (supplier, material) in self.supply or any(
            c.firm == supplier and material in dict(c.outputs) for c in self.conversions)
        if not makes:
            raise ValueError(f"supplier {supplier!r} has no stream of {material!r} to supply")
        uses = (user, material) in self.demand or any(c.firm == user and c.input == material
                                                       for c in self.conversions)
        if not uses:
            raise ValueError(f"user {user!r} neither demands nor processes {material!r}")
        investor = check_choice(investor, "investor", ("user", "supplier"))
        ex = self.exchanges()
        low = self._low(material)
        high = self._user_value(user, material) - self.transport(supplier, user)
        s = high - low
        price = low + power * s if s >= 0 else None
        f = ex.flows
        sel = f[(f["supplier"] == supplier) & (f["user"] == user) & (f["material"] == material)]
        qty = float(sel["quantity"].sum())
        # the Nash price falls linearly in the landfill tax: by (1 - power) through the supplier's reservation, and by
        # power * (sum of yields) through a processing user's landfilled outputs
        yields = 0.0 if (user, material) in self.demand else max(
            (sum(y for _, y in c.outputs) for c in self.conversions if c.firm == user and c.input == material),
            default=0.0)
        slope = (1 - power) + power * yields
        p_now = low + power * s
        if slope <= 0:
            ttax = math.inf if p_now >= 0 else 0.0
        else:
            ttax = max(0.0, self.landfill_tax + p_now / slope)
        hold = None
        if investment_return is not None:
            from ..trust import holdup_loss

            theta = check_real(investment_return, "investment_return", low=0)
            share = power if investor == "supplier" else 1 - power
            hold = float(holdup_loss(theta, share))
        return LinkPrice(supplier, user, material, float(low), float(high), power,
                         None if price is None else float(price), float(s), qty, float(ttax), hold)

    def links(self, power: float = 0.5):
        r"""The links table for trust across links: one row per pair of trading firms.

        Each active flow of :meth:`exchanges` is priced at its Nash price :math:`p^N` (:meth:`link_price`); the
        supplier's per-period rent is :math:`\beta s q`, the user's :math:`(1-\beta) s q`. One-shot gains from
        cheating: the supplier skips treatment, :math:`t_k q`, and withholds a tipping fee it owes,
        :math:`\max(-p^N, 0) q`; the user withholds payment, :math:`\max(p^N, 0) q`. Flows between the same two
        firms (in either direction) form one link; ``a`` is the first supplier met. A processor values an input at
        what processing it is worth with the outputs landfilled (the outputs' onward value is the surplus of its
        outbound links), so the links' surpluses add up to :math:`v(N)`; a link into a processor can then have a
        negative surplus (it pays only through the chain downstream), which is reported with a warning. The rows
        are independent: the table does not record that a processor's outbound link needs its inbound one, so
        :func:`~clustergames.symbiosis.self_enforcing` and :func:`~clustergames.symbiosis.resilience` can keep an
        outbound link whose input is gone; re-solve with :meth:`value` for what such a network is physically worth.

        Returns
        -------
        pandas.DataFrame
            Columns ``a, b, rent_a, rent_b, gain_a, gain_b, surplus, quantity, material, payment`` (``payment``:
        what ``b`` pays ``a`` per period, net). Feeds :func:`clustergames.symbiosis.critical_delta` and friends.

        References
        ----------
        Bernheim, B. D. & Whinston, M. D. (1990). Multimarket contact and collusive behavior. *RAND Journal of
        Economics* 21(1), 1–26.

        Examples
        --------
        >>> cl = Cluster({("mill", "ash"): 10}, {("kiln", "ash"): 6},
        ...              virgin_price={"ash": 5}, disposal_cost={"ash": 2}, transport_cost=1, treatment_cost=1)
        >>> cl.links()[["a", "b", "rent_a", "rent_b", "gain_a", "gain_b"]].values.tolist()[0]
        ['mill', 'kiln', 15.0, 15.0, 6.0, 9.0]
        """
        import pandas as pd

        power = check_probability(power, "power")
        ex = self.exchanges()
        pairs: dict[frozenset, dict] = {}
        for row in ex.flows.itertuples(index=False):
            i, j, m, q = row.supplier, row.user, row.material, row.quantity
            low = self._low(m)
            high = self._user_value(j, m) - self.transport(i, j)
            s = high - low
            p = low + power * s
            key = frozenset((i, j))
            rec = pairs.setdefault(key, {"a": i, "b": j, "rent": {i: 0.0, j: 0.0}, "gain": {i: 0.0, j: 0.0},
                                         "quantity": 0.0, "materials": [], "payment": 0.0})
            rec["rent"][i] += power * s * q
            rec["rent"][j] += (1 - power) * s * q
            rec["gain"][i] += (self.treatment_cost[m] + max(-p, 0.0)) * q
            rec["gain"][j] += max(p, 0.0) * q
            rec["quantity"] += q
            rec["materials"].append(m)
            rec["payment"] += p * q if i == rec["a"] else -p * q
        rows = []
        tol = 1e-9 * max(1.0, ex.surplus)

        def clean(x):
            return 0.0 if abs(x) < tol else float(x)

        for rec in pairs.values():
            a, b = rec["a"], rec["b"]
            rows.append({"a": a, "b": b, "rent_a": clean(rec["rent"][a]), "rent_b": clean(rec["rent"][b]),
                         "gain_a": clean(rec["gain"][a]), "gain_b": clean(rec["gain"][b]),
                         "surplus": clean(rec["rent"][a] + rec["rent"][b]), "quantity": rec["quantity"],
                         "material": ", ".join(dict.fromkeys(rec["materials"])), "payment": clean(rec["payment"])})
        frame = pd.DataFrame(rows, columns=["a", "b", "rent_a", "rent_b", "gain_a", "gain_b", "surplus", "quantity",
                                            "material", "payment"])
        losing = frame[frame["surplus"] < 0]
        if len(losing):
            import warnings

            row = losing.iloc[0]
            warnings.warn(f"the link {row['a']} - {row['b']} ({row['material']}) has a negative surplus "
                          f"({row['surplus']:g} per period): a processor values its input below what the supplier "
                          f"needs, and the link is worth running only for the value its outputs create downstream. "
                          f"Its rents are negative; merge it with the processor's downstream links before asking "
                          f"whether it is self-enforcing", stacklevel=2)
        return frame

    # -- entry -----------------------------------------------------------------------------------------------
    def gap_filling(self, name: str, *, supply: Mapping | None = None, demand: Mapping | None = None,
                    conversions: Sequence | None = None, entry_cost: float = 0, share: str = "shapley",
                    transport_cost: float | None = None, n_permutations: int = 400, rng: Any = None) -> GapFilling:
        r"""A gap-filling entrant (补链): its marginal value, the share it captures, and the subsidy it needs.

        .. math::

            MV = v(N \cup \{e\}) - v(N), \qquad \text{enters iff } \phi_e \ge F, \qquad
            \text{efficient iff } MV \ge F,

        with :math:`\phi_e` its Shapley value (or nucleolus share) in the enlarged cluster and :math:`F` the entry
        cost. A complementary entrant, which completes a chain, has :math:`\phi_e < MV`: efficient entry can fail,
        and the smallest subsidy that restores it is :math:`F - \phi_e`. A substitute for an incumbent has
        :math:`\phi_e > MV`: it can enter when it should not (excess entry, as in :mod:`clustergames.entry`).

        References
        ----------
        Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal of Economics*
        17(1), 48–58.
        Shapley, L. S. (1953). A value for n-person games. *Annals of Mathematics Studies* 28, 307–317.

        Examples
        --------
        >>> chain = Cluster({("farm", "straw"): 10}, {("dairy", "feed"): 10},
        ...                 virgin_price={"straw": 0, "feed": 3}, disposal_cost={"straw": 1, "feed": 0})
        >>> g = chain.gap_filling("feed mill", conversions=[("straw", "feed", 1.0, 1.0)], entry_cost=20)
        >>> g.marginal_value, round(g.captured, 6), g.efficient, g.enters, round(g.subsidy_needed, 6)
        (30.0, 10.0, True, False, 10.0)
        """
        share = check_choice(share, "share", ("shapley", "nucleolus"))
        cost = check_real(entry_cost, "entry_cost", low=0)
        bigger = self.with_firm(name, supply=supply, demand=demand, conversions=conversions,
                                transport_cost=transport_cost)
        before = self.value(self.firms)
        after = bigger.value(bigger.firms)
        se = 0.0
        n = len(bigger.firms)
        if share == "shapley":
            est = bigger.shapley(n_permutations=n_permutations, rng=rng)
            captured = float(est.values[name])
            se = float(est.se[name])
        else:
            if n > 12:
                raise ValueError(f"the nucleolus needs all 2^n coalitions: at most 12 firms with the entrant (got {n})")
            captured = float(bigger.coalitional_game().nucleolus()[bigger.firms.index(name)])
        return GapFilling(name, after - before, captured, cost, share, before, after, se)

    # -- policy ----------------------------------------------------------------------------------------------
    def policy_outcome(self, damage: float = 0) -> dict[str, float]:
        """Volumes and money of the optimal exchange under the cluster's own tax and subsidy (one grid point).

        ``damage`` is the external damage per unit landfilled, subtracted from welfare (see :meth:`policy_grid`).

        Examples
        --------
        >>> sorted(guitang().policy_outcome())[:3]
        ['exchanged', 'firms_surplus', 'government_revenue']
        """
        damage = check_real(damage, "damage", low=0)
        ex = self.exchanges()
        total_supply = float(sum(self.supply.values()))
        firms = ex.surplus - self.landfill_tax * total_supply
        return {"exchanged": ex.exchanged, "landfilled": ex.landfilled, "virgin": ex.virgin,
                "n_links": int(len(ex.flows)), "firms_surplus": firms, "government_revenue": ex.government_revenue,
                "welfare": firms + ex.government_revenue - damage * ex.landfilled}

    def policy_grid(self, landfill_tax: Sequence[float], subsidy: Sequence[float], *, damage: float = 0,
                    backend: Any = "serial") -> PolicyMap:
        r"""Landfill tax versus exchange subsidy over a grid (through :func:`clustergames.sweep`).

        At each point :math:`(\tau_L, \sigma)` the optimal exchange is re-solved. Firms' surplus is measured against
        no exchange *and no policy*, :math:`W_F = v_{\tau,\sigma}(N) - \tau_L \sum a_{ik}`; the government collects
        :math:`R = \tau_L\,\text{landfilled} - \sigma\,\text{exchanged}`; welfare
        :math:`W = W_F + R - D\,\text{landfilled}` counts resources (transfers cancel) and the external damage
        :math:`D` (``damage``) per unit landfilled, which the disposal cost does not include; a tax
        :math:`\tau_L = D` is Pigouvian. A tax raises the exchange at a public *gain*; a subsidy at a public cost
        (Pigou 1920; Baumol & Oates 1988).

        References
        ----------
        Baumol, W. J. & Oates, W. E. (1988). *The Theory of Environmental Policy*, 2nd ed. Cambridge University
        Press.

        Examples
        --------
        >>> pm = guitang().policy_grid([0, 10], [0, 5])
        >>> pm.frame[["landfill_tax", "subsidy"]].values.tolist()
        [[0.0, 0.0], [0.0, 5.0], [10.0, 0.0], [10.0, 5.0]]
        """
        from ..sweep import sweep

        taxes = [check_real(t, "landfill_tax", low=0) for t in _seq(landfill_tax, "landfill_tax")]
        subs = [check_real(s, "subsidy", low=0) for s in _seq(subsidy, "subsidy")]
        damage = check_real(damage, "damage", low=0)
        frame = sweep(functools.partial(_policy_point, self, damage=damage), {"landfill_tax": taxes, "subsidy": subs},
                      backend=backend)
        frame.attrs.clear()
        return PolicyMap(frame)


def _seq(values: Any, name: str) -> list:
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a sequence of numbers (got {values!r})")
    out = list(values)
    if not out:
        raise ValueError(f"{name} must contain at least one value")
    return out


def _policy_point(cluster: Cluster, landfill_tax: float, subsidy: float, damage: float = 0.0) -> dict:
    """:meth:`Cluster.policy_outcome` under another tax and subsidy.

    Re-uses the cluster's programme (the objective is linear in both; the constraints do not depend on them).
    """
    lp = cluster._build()
    obj = lp["obj"] + (landfill_tax - cluster.landfill_tax) * lp["d_tax"] + (subsidy - cluster.subsidy) * lp["d_sub"]
    n = len(cluster.firms)
    _, res, cols = cluster._solve_blocks(np.ones((1, n), dtype=bool), obj=obj)
    x = np.zeros(len(obj))
    if res is not None:
        x[cols[0]] = res.x
    n_x, n_q = lp["n_x"], lp["n_q"]
    flows = x[:n_x]
    tol = 1e-9 * max(1.0, float(np.abs(lp["b_ub"]).max(initial=0.0)), float(np.abs(lp["ub"][n_x:n_x + n_q]).max(
        initial=0.0)))
    exchanged = float(flows[flows > tol].sum())
    slack = lp["b_ub"] - lp["A_ub"] @ x if len(lp["b_ub"]) else np.zeros(0)
    landfilled = float(np.clip(slack, 0.0, None)[slack > tol].sum())
    unmet = lp["ub"][n_x:n_x + n_q] - x[n_x:n_x + n_q]
    virgin = float(unmet[unmet > tol].sum())
    surplus = max(float(obj @ x), 0.0)
    firms = surplus - landfill_tax * float(sum(cluster.supply.values()))
    revenue = landfill_tax * landfilled - subsidy * exchanged
    return {"exchanged": exchanged, "landfilled": landfilled, "virgin": virgin, "n_links": int((flows > tol).sum()),
            "firms_surplus": firms, "government_revenue": revenue, "welfare": firms + revenue - damage * landfilled}


def _permutation_batch(cluster: Cluster, batch: int, size: int, rng, budget: int = 40_000) -> Any:
    """Marginal contributions of every firm along ``size`` random orders: per-firm sums and sums of squares."""
    import pandas as pd

    n = len(cluster.firms)
    lp = cluster._build()
    arc_i, arc_j = lp["arc_i"], lp["arc_j"]
    total = np.zeros(n)
    total_sq = np.zeros(n)
    for _ in range(size):
        order = rng.permutation(n)
        member = np.zeros(n, dtype=bool)
        prefixes = []
        needs = []
        for f in order:
            # the newcomer adds value only if it has an arc to an earlier firm
            links_in = np.any((arc_i == f) & member[arc_j]) or np.any((arc_j == f) & member[arc_i])
            member = member.copy()
            member[f] = True
            prefixes.append(member)
            needs.append(bool(links_in))
        masks_needed = [k for k in range(n) if needs[k]]
        vals = np.zeros(n)
        if masks_needed:
            M = np.array([prefixes[k] for k in masks_needed])
            sizes = (M[:, lp["owner1"]] & M[:, lp["owner2"]]).sum(axis=1)
            start = 0
            while start < len(masks_needed):  # block-diagonal batches of at most ~budget columns
                stop = start + 1
                while stop < len(masks_needed) and sizes[start:stop + 1].sum() <= budget:
                    stop += 1
                vals[masks_needed[start:stop]] = cluster._solve_blocks(M[start:stop])[0]
                start = stop
        # carry forward values of prefixes that needed no solve
        for k in range(n):
            if not needs[k]:
                vals[k] = vals[k - 1] if k else 0.0
        marg = np.diff(np.concatenate([[0.0], vals]))
        total[order] += marg
        total_sq[order] += marg ** 2
    return pd.DataFrame({"firm": np.arange(n), "total": total, "total_sq": total_sq})


# ----------------------------------------------------------------------------------------------------------------
# random and worked clusters
# ----------------------------------------------------------------------------------------------------------------
def random_cluster(n_firms: int, n_materials: int, *, streams: int = 2, processors: int = 0, rng: Any = None,
                   transport: float = 1.0) -> Cluster:
    r"""A random cluster for tests and benchmarks: each firm supplies and demands ``streams`` random materials.

    Quantities are uniform on [1, 10]; virgin prices on [2, 10], disposal costs on [0, 4], treatment costs on
    [0, 2]; transport costs uniform on [0, ``transport``] per pair (stored as a matrix). ``processors`` firms get
    one conversion each, from a lower-numbered to a higher-numbered material with yield in (0.3, 1), so the
    conversions never form a cycle.

    Examples
    --------
    >>> cl = random_cluster(6, 4, rng=0)
    >>> len(cl.firms) <= 6 and cl.exchanges().surplus >= 0
    True
    """
    n = check_positive_int(n_firms, "n_firms", minimum=2)
    k = check_positive_int(n_materials, "n_materials", minimum=1)
    streams = check_int(streams, "streams", minimum=1, maximum=max(1, k))
    processors = check_int(processors, "processors", minimum=0, maximum=n)
    transport = check_real(transport, "transport", low=0)
    gen, _ = as_rng(rng)
    mats = [f"m{j}" for j in range(k)]
    firms = [f"f{i}" for i in range(n)]
    supply, demand = {}, {}
    for f in firms:
        chosen = gen.choice(k, size=min(k, 2 * streams), replace=False)
        half = len(chosen) // 2 if len(chosen) > 1 else 1
        for j in chosen[:half]:
            supply[(f, mats[j])] = float(gen.uniform(1, 10))
        for j in chosen[half:2 * streams]:
            demand[(f, mats[j])] = float(gen.uniform(1, 10))
    conv = {}
    if k >= 2:
        for f in gen.choice(n, size=processors, replace=False):
            a = int(gen.integers(0, k - 1))
            b = int(gen.integers(a + 1, k))
            name = firms[f]
            if (name, mats[a]) in supply or (name, mats[a]) in demand or (name, mats[b]) in demand \
                    or (name, mats[b]) in supply:
                continue
            conv[name] = [(mats[a], mats[b], float(gen.uniform(0.3, 1.0)), float(gen.uniform(0, 2)))]
    virgin = {m: float(gen.uniform(2, 10)) for m in mats}
    disposal = {m: float(gen.uniform(0, 4)) for m in mats}
    treatment = {m: float(gen.uniform(0, 2)) for m in mats}
    present = list(dict.fromkeys([f for f, _ in list(supply) + list(demand)] + list(conv)))
    tmat = gen.uniform(0, transport, size=(len(present), len(present)))
    import pandas as pd

    return Cluster(supply, demand, virgin, disposal, treatment_cost=treatment, conversions=conv,
                   transport_cost=pd.DataFrame(tmat, index=present, columns=present), name="random")


def guitang() -> Cluster:
    r"""The Guitang sugar complex (Guigang, Guangxi) as a by-product exchange network — STYLISED NUMBERS.

    Structure from Zhu, Lowe, Wei & Barnes (2007): the sugar refinery's by-products feed the group's other plants —
    molasses to the alcohol plant (ethanol), whose residue goes to the compound-fertiliser plant, whose fertiliser
    returns to the cane farms; bagasse to the pulp & paper mill (and, competing, to the power plant as fuel); filter
    mud to the cement mill. The power plant's boiler ash could replace clay at the cement mill, but at the stylised
    transport cost that link pays only under a landfill tax or an exchange subsidy. The article is from Guangxi:
    this is its own province's flagship circular cluster.

    **The numbers are stylised, not data**: quantities in kt per season, prices and costs in million yuan per kt,
    chosen only to be of plausible relative size (bagasse is plentiful and cheap to landfill; alcohol residue is
    costly to discharge; paper and ethanol earn more than they cost to make, so their ``unit_cost`` is negative).

    References
    ----------
    Zhu, Q., Lowe, E. A., Wei, Y. & Barnes, D. (2007). Industrial symbiosis in China: a case study of the Guitang
    Group. *Journal of Industrial Ecology* 11(1), 31–42.

    Examples
    --------
    >>> cl = guitang()
    >>> cl.firms[:4]
    ('sugar refinery', 'alcohol plant', 'fertiliser plant', 'cane farms')
    """
    supply = {("sugar refinery", "bagasse"): 300.0, ("sugar refinery", "molasses"): 80.0,
              ("sugar refinery", "filter mud"): 60.0, ("power plant", "boiler ash"): 30.0}
    demand = {("cane farms", "fertiliser"): 40.0, ("cement mill", "filter mud"): 50.0,
              ("power plant", "bagasse"): 120.0, ("cement mill", "boiler ash"): 30.0}
    virgin = {"bagasse": 1.5, "molasses": 2.0, "filter mud": 1.6, "alcohol residue": 0.0, "fertiliser": 6.0,
              "boiler ash": 0.3}
    disposal = {"bagasse": 0.5, "molasses": 1.0, "filter mud": 0.8, "alcohol residue": 3.0, "fertiliser": 0.5,
                "boiler ash": 0.2}
    treatment = {"filter mud": 0.2, "alcohol residue": 0.5}
    conversions = {
        "alcohol plant": [("molasses", "alcohol residue", 0.6, -4.0)],   # ethanol sold outside
        "fertiliser plant": [("alcohol residue", "fertiliser", 0.8, 1.0)],
        "pulp & paper mill": [("bagasse", None, None, -1.0, 200.0)],    # paper sold outside; mill capacity
    }
    # the power plant's boiler ash is worth shipping to the cement mill only with a policy (0.2 + 0.3 - 0.8 < 0)
    transport = {"default": 0.2, ("sugar refinery", "cement mill"): 0.4, ("fertiliser plant", "cane farms"): 0.5,
                 ("power plant", "cement mill"): 0.8}
    order = ("sugar refinery", "alcohol plant", "fertiliser plant", "cane farms", "pulp & paper mill", "power plant",
             "cement mill")
    return Cluster(supply, demand, virgin, disposal, treatment_cost=treatment, conversions=conversions,
                   transport_cost=transport, name="Guitang (stylised)", firms=order)


def kalundborg() -> Cluster:
    r"""The Kalundborg symbiosis (Denmark) as a by-product exchange network — STYLISED NUMBERS.

    Structure from Chertow (2000) and Jacobsen (2006): the Asnæs power station sends steam to the refinery and the
    pharmaceutical plant, district heat to the municipality, warm cooling water to the fish farm, FGD gypsum to the
    plasterboard plant and fly ash to the cement plant; the refinery sends cooling and waste water back to the power
    station and sulphur to the fertiliser (sulphuric acid) plant; the pharmaceutical plant's biomass sludge goes to
    farms as fertiliser.

    **The numbers are stylised, not data**: quantities in thousand units per year, prices and costs in million DKK
    per thousand units, chosen only to be of plausible relative size (steam and heat are valuable and costly to
    transport; gypsum and fly ash are cheap substitutes for mined inputs).

    References
    ----------
    Chertow, M. R. (2000). Industrial symbiosis: literature and taxonomy. *Annual Review of Energy and the
    Environment* 25, 313–337.
    Jacobsen, N. B. (2006). Industrial symbiosis in Kalundborg, Denmark: a quantitative assessment of economic and
    environmental aspects. *Journal of Industrial Ecology* 10(1–2), 239–255.

    Examples
    --------
    >>> cl = kalundborg()
    >>> len(cl.firms), len(cl.materials)
    (9, 8)
    """
    supply = {("power station", "steam"): 200.0, ("power station", "district heat"): 150.0,
              ("power station", "warm water"): 80.0, ("power station", "gypsum"): 170.0,
              ("power station", "fly ash"): 60.0, ("refinery", "cooling water"): 700.0,
              ("refinery", "sulphur"): 20.0, ("pharmaceuticals", "sludge"): 100.0}
    demand = {("refinery", "steam"): 120.0, ("pharmaceuticals", "steam"): 100.0,
              ("municipality", "district heat"): 150.0, ("fish farm", "warm water"): 60.0,
              ("plasterboard", "gypsum"): 150.0, ("cement plant", "fly ash"): 60.0,
              ("power station", "cooling water"): 500.0, ("sulphuric acid plant", "sulphur"): 20.0,
              ("farms", "sludge"): 80.0}
    virgin = {"steam": 3.0, "district heat": 1.5, "warm water": 0.3, "gypsum": 0.5, "fly ash": 0.3,
              "cooling water": 0.1, "sulphur": 1.0, "sludge": 0.4}
    disposal = {"steam": 0.2, "district heat": 0.1, "warm water": 0.05, "gypsum": 0.3, "fly ash": 0.4,
                "cooling water": 0.05, "sulphur": 0.5, "sludge": 0.3}
    treatment = {"gypsum": 0.05, "sludge": 0.1, "cooling water": 0.02}
    transport = {"default": 0.1, ("power station", "municipality"): 0.4, ("power station", "fish farm"): 0.05,
                 ("pharmaceuticals", "farms"): 0.2, ("power station", "pharmaceuticals"): 0.6,
                 ("power station", "refinery"): 0.3}
    return Cluster(supply, demand, virgin, disposal, treatment_cost=treatment, transport_cost=transport,
                   name="Kalundborg (stylised)")
