r"""Interactive explorers for teaching (Jupyter, ``ipywidgets``; install with ``pip install clustergames[teach]``).

Each explorer is a small object with sliders and a picture that redraws as the sliders move:

* :func:`exit_explorer` -- sliders for :math:`T, R, P`, the outside option and the detection probability; the
  expulsion threshold :math:`\delta^*` (Fudenberg & Maskin 1986; the article's exit opportunity cost) and the
  cooperation region in the :math:`(\delta, L)` plane update live.
* :func:`replicator_explorer` -- sliders for the government–firm game's parameters; the replicator phase portrait
  and its rest points update live (Friedman 1991).
* :func:`symbiosis_explorer` -- a slider for :math:`\delta`; the links of the Guitang eco-industrial network that
  stay self-enforcing under bilateral or network punishment (needs :mod:`clustergames.symbiosis`).

The computation behind every picture is a plain method, :meth:`Explorer.update`, which takes the slider values by
keyword and returns the numbers shown (tests call it directly); the widgets only call it. Pictures are PNG images
in an ``ipywidgets.Image``, so they update the same way whatever matplotlib backend the kernel uses.

Without ipywidgets the explorers raise an ``ImportError`` that names the extra to install; nothing else in
clustergames needs it.

References
----------
Fudenberg, D. & Maskin, E. (1986). The folk theorem in repeated games with discounting or with incomplete
information. *Econometrica* 54(3), 533–554.

Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59(3), 637–666.

Examples
--------
>>> explorer = exit_explorer(T=5, R=3, P=1, outside=1, detection=0.5)  # doctest: +SKIP
>>> explorer                                 # in Jupyter: sliders and the region plot   # doctest: +SKIP
>>> round(exit_values(T=5, R=3, P=1, outside=1, detection=0.5)["delta_expulsion"], 4)
0.6667
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = ["Explorer", "exit_explorer", "exit_values", "replicator_explorer", "replicator_values",
           "symbiosis_explorer", "symbiosis_values"]

_EXTRA = "pip install 'clustergames[teach]'  (or: pip install ipywidgets)"


def _widgets():
    """The ipywidgets module, or an ImportError naming the extra."""
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - exercised by a test that hides ipywidgets
        raise ImportError(f"the teaching explorers need ipywidgets: {_EXTRA}") from None
    return ipywidgets


class Explorer:
    """Sliders, a picture and a read-out; :meth:`update` recomputes and redraws (the sliders call it).

    Attributes
    ----------
    sliders : dict
        Name -> ipywidgets slider.
    values : dict
        What the last :meth:`update` computed (the numbers shown in the read-out).
    widget : ipywidgets.VBox
        The whole explorer (displayed when the explorer is the last expression of a cell).
    """

    def __init__(self, title: str, sliders: dict[str, Any], compute: Callable[..., dict],
                 draw: Callable[[Any, dict, dict], None], describe: Callable[[dict], str],
                 figsize: tuple[float, float] = (6.4, 4.4)) -> None:
        w = _widgets()
        self.title = title
        self.sliders = sliders
        self._compute, self._draw, self._describe = compute, draw, describe
        self.figsize = figsize
        self.image = w.Image(format="png")
        self.readout = w.HTML()
        self.values: dict = {}
        self._setting = False
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        controls = w.VBox(list(sliders.values()))
        self.widget = w.VBox([w.HTML(f"<b>{title}</b>"), w.HBox([controls, self.readout]), self.image])
        self.update()

    def update(self, **values: Any) -> dict:
        """Set the given sliders (by name), recompute, redraw; return the computed values."""
        for name in values:
            if name not in self.sliders:
                raise ValueError(f"unknown slider {name!r}; sliders: {', '.join(self.sliders)}")
        self._setting = True  # one recomputation, not one per slider moved here
        try:
            for name, value in values.items():
                self.sliders[name].value = value
        finally:
            self._setting = False
        params = {name: s.value for name, s in self.sliders.items()}
        self.values = self._compute(**params)
        self.readout.value = self._describe(self.values)
        self.image.value = self._png(params)
        return self.values

    def _on_change(self, _change: Any) -> None:
        if not self._setting:
            self.update()

    def _png(self, params: dict) -> bytes:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from . import plotting
        from .plotting._display import PaperFigure, figure_png

        with matplotlib.rc_context(plotting.style()):
            fig = PaperFigure(figsize=self.figsize)
            FigureCanvasAgg(fig)
            self._draw(fig, params, self.values)
        return figure_png(fig)

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a front end
        from IPython.display import display

        display(self.widget)


def _slider(description: str, value: float, lo: float, hi: float, step: float):
    w = _widgets()
    return w.FloatSlider(value=value, min=lo, max=hi, step=step, description=description, continuous_update=False,
                         readout_format=".2f", style={"description_width": "initial"})


def _fmt(x: float) -> str:
    return "∞ (never)" if not math.isfinite(x) else f"{x:.3f}"


# --- exit and expulsion ------------------------------------------------------------------------------------------

def exit_values(*, T: float, R: float, P: float, outside: float, detection: float) -> dict:
    r"""The numbers the exit explorer shows: thresholds with and without expulsion, and the exit cost.

    .. math::

        \delta^*_{\text{expel}} = \frac{T-R}{T-R+p\,L},\quad L = R - \text{outside};\qquad
        \delta^*_{\text{bilateral}} = \frac{T-R}{T-P}.

    Both are ``inf`` when no :math:`\delta < 1` works. Computed by :func:`clustergames.trust.expulsion_delta` and
    :func:`clustergames.trust.grim_trigger_delta`.

    Examples
    --------
    >>> v = exit_values(T=5, R=3, P=1, outside=1, detection=0.5)
    >>> round(v["delta_expulsion"], 4), round(v["delta_bilateral"], 4), v["exit_cost"]
    (0.6667, 0.5, 2.0)
    """
    from . import trust

    return {"delta_expulsion": float(trust.expulsion_delta(T, R, outside, detection)),
            "delta_bilateral": float(trust.grim_trigger_delta(T, R, P)),
            "exit_cost": float(R - outside)}


def _draw_exit(fig, params: dict, values: dict) -> None:
    import numpy as np
    import pandas as pd

    from . import trust
    from .plotting import PALETTE
    from .plotting import trust as plot_trust

    T, R, p = params["T"], params["R"], params["detection"]
    delta = np.linspace(0.02, 0.99, 200)
    rates = sorted({1.0, p})
    D, Pm = np.meshgrid(delta, rates)
    data = pd.DataFrame({"delta": D.ravel(), "detection": Pm.ravel(),
                         "min_rent_loss": np.asarray(trust.min_rent_loss(T, R, D, detection=Pm), float).ravel()})
    ax = fig.add_subplot()
    top = max(8.0, 1.5 * values["exit_cost"])
    plot_trust.plot_exit_region(data, ax=ax, bilateral=values["delta_bilateral"], ymax=top)
    L = values["exit_cost"]
    ax.axhline(L, color=PALETTE[3], lw=1.2, ls="--")
    if math.isfinite(values["delta_expulsion"]):
        ax.plot([values["delta_expulsion"]], [L], "o", color=PALETTE[3], ms=7, zorder=5)
        ax.annotate(rf"$\delta^* = {values['delta_expulsion']:.3f}$ at $L = {L:g}$, $p = {p:g}$",
                    (values["delta_expulsion"], L), xytext=(8, 8), textcoords="offset points", fontsize=9,
                    color=PALETTE[3])
    fig.tight_layout()


def exit_explorer(*, T: float = 5.0, R: float = 3.0, P: float = 1.0, outside: float = 1.0,
                  detection: float = 0.5) -> Explorer:
    r"""Explorer: how the exit opportunity cost and detection sustain cooperation (sliders -> threshold, region).

    A cheating firm gains :math:`T - R` once; with probability :math:`p` it is caught and expelled, losing the
    cluster rent :math:`L = R - \text{outside}` per period. Cooperation holds iff
    :math:`(1-\delta)(T-R) \le \delta p L`; the plot shades where that holds and marks the current :math:`L`.

    Examples
    --------
    >>> ex = exit_explorer()                          # doctest: +SKIP
    >>> ex.update(detection=1.0)["delta_expulsion"]   # doctest: +SKIP
    0.5
    """
    sliders = {"T": _slider("temptation T", T, 0, 10, 0.1), "R": _slider("reward R", R, 0, 10, 0.1),
               "P": _slider("punishment P", P, 0, 10, 0.1),
               "outside": _slider("outside option", outside, -5, 10, 0.1),
               "detection": _slider("detection p", detection, 0.01, 1, 0.01)}

    def describe(v: dict) -> str:
        return (f"<p>exit cost <i>L</i> = R − outside = {v['exit_cost']:.2f}<br>"
                f"with expulsion: δ* = {_fmt(v['delta_expulsion'])}<br>"
                f"bilateral punishment only: δ* = {_fmt(v['delta_bilateral'])}</p>")

    def compute(**kw: float) -> dict:
        try:
            return exit_values(**kw)
        except ValueError as exc:  # e.g. T <= R while dragging: show why instead of failing
            return {"delta_expulsion": math.inf, "delta_bilateral": math.inf, "exit_cost": kw["R"] - kw["outside"],
                    "error": str(exc)}

    def draw(fig, params, values):
        if "error" in values:
            ax = fig.add_subplot()
            ax.axis("off")
            ax.text(0.5, 0.5, values["error"], ha="center", va="center", wrap=True)
            return
        _draw_exit(fig, params, values)

    return Explorer("Exit, expulsion and the discount factor", sliders, compute, draw,
                    lambda v: v.get("error") or describe(v))


# --- replicator dynamics -----------------------------------------------------------------------------------------

_GF_PARAMETERS = ("reward", "regulation_cost", "subsidy", "fine", "accountability", "extra_cost")


def replicator_values(**params: float) -> dict:
    r"""Rest points of the government–firm replicator system and their type (ESS, saddle, unstable, ...).

    :math:`\dot x = x(1-x)\,\partial_x u_G`, :math:`\dot y = y(1-y)\,\partial_y u_F`
    (:func:`clustergames.evolution.government_firm`).

    Examples
    --------
    >>> v = replicator_values(reward=3, regulation_cost=1, subsidy=1, fine=2, accountability=1, extra_cost=1)
    >>> v["ess"]
    [(1.0, 1.0)]
    """
    from . import evolution

    table = evolution.government_firm(**params).stability_table()
    points = [tuple(float(c) for c in coords) for coords in table["coords"]]
    kinds = list(table["type"])
    return {"points": points, "types": kinds, "ess": [p for p, k in zip(points, kinds) if k == "ESS"]}


def replicator_explorer(**params: float) -> Explorer:
    r"""Explorer: the government–firm replicator phase portrait as the game's parameters move.

    Parameters default to the "stable cooperation" scenario of
    :data:`clustergames.evolution.GOVERNMENT_FIRM_SCENARIOS`.

    Examples
    --------
    >>> ex = replicator_explorer()          # doctest: +SKIP
    >>> ex.update(fine=0.0)["ess"]          # doctest: +SKIP
    """
    from . import evolution

    start = dict(evolution.GOVERNMENT_FIRM_SCENARIOS["stable cooperation"])
    start.update(params)
    sliders = {name: _slider(name.replace("_", " "), float(start[name]), 0, 6, 0.1) for name in _GF_PARAMETERS}

    def draw(fig, params, values):
        from .plotting import evolution as plot_ev

        portrait = evolution.government_firm(**params).phase_portrait(grid=15, t_max=15)
        plot_ev.plot_phase_portrait(portrait, ax=fig.add_subplot(), density=0.8)
        fig.tight_layout()

    def describe(v: dict) -> str:
        rows = "".join(f"<tr><td>({x:.2f}, {y:.2f})</td><td>{k}</td></tr>" for (x, y), k in zip(v["points"],
                                                                                              v["types"]))
        return f"<table><tr><th>rest point (x, y)</th><th>type</th></tr>{rows}</table>"

    return Explorer("Government and firms: replicator dynamics", sliders, replicator_values, draw, describe,
                    figsize=(5.6, 4.8))


# --- symbiosis network -------------------------------------------------------------------------------------------

def _symbiosis():
    try:
        from . import symbiosis
    except ImportError as exc:  # pragma: no cover - depends on the symbiosis subpackage being present
        raise ImportError(f"the symbiosis explorer needs clustergames.symbiosis ({exc})") from None
    if not hasattr(symbiosis, "guitang") or not hasattr(symbiosis, "self_enforcing"):
        raise ImportError("the symbiosis explorer needs clustergames.symbiosis.guitang and self_enforcing")
    return symbiosis


def symbiosis_values(*, delta: float, punishment: str = "network", power: float = 0.5) -> dict:
    r"""Which links of the Guitang network are self-enforcing at discount factor ``delta``.

    A link is kept when cheating on it does not pay: its one-period gain is at most the discounted loss of the
    relationships that punishment ends (the link alone under ``"bilateral"``, all the cheat's links under
    ``"network"``; :func:`clustergames.symbiosis.self_enforcing`).

    Examples
    --------
    >>> v = symbiosis_values(delta=0.6, punishment="bilateral")
    >>> v["kept"], v["links"]
    (5, 6)
    >>> symbiosis_values(delta=0.6, punishment="network")["kept"]   # the association pools a firm's links
    6
    """
    sym = _symbiosis()
    links = sym.guitang().links(power=power)
    result = sym.self_enforcing(links, delta, punishment=punishment)
    kept = result.kept
    n_kept = int(kept.sum()) if hasattr(kept, "sum") else len(kept)
    return {"links": int(len(links)), "kept": n_kept, "surplus": float(result.surplus), "result": result}


def symbiosis_explorer(*, delta: float = 0.8, punishment: str = "network") -> Explorer:
    r"""Explorer: the self-enforcing links of the Guitang network as :math:`\delta` moves (needs symbiosis)."""
    sym = _symbiosis()
    w = _widgets()
    sliders = {"delta": _slider("discount factor δ", delta, 0.0, 0.99, 0.01)}
    choice = w.Dropdown(options=["bilateral", "network"], value=punishment, description="punishment")
    sliders["punishment"] = choice

    def draw(fig, params, values):
        plot = getattr(sym, "plot_self_enforcing", None)
        ax = fig.add_subplot()
        if plot is not None:
            plot(values["result"], ax=ax)
        elif hasattr(values["result"], "plot"):
            values["result"].plot(ax=ax)
        else:
            ax.axis("off")
            ax.text(0.5, 0.5, f"{values['kept']} of {values['links']} links self-enforcing", ha="center")
        fig.tight_layout()

    return Explorer("Guitang: which links are self-enforcing?", sliders,
                    lambda **kw: symbiosis_values(**kw), draw,
                    lambda v: f"<p>{v['kept']} of {v['links']} links self-enforcing<br>"
                              f"joint surplus kept: {v['surplus']:.1f} per period</p>", figsize=(7.0, 5.0))
