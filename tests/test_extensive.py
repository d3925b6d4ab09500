"""Tests of game trees, subgame perfection, the reduced normal form and signalling games (issue 13)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergames import extensive as ex
from clustergames._validation import fmt
from clustergames.extensive import ExtensiveGame


def _spe_set(result):
    return sorted(tuple(sorted(e.profile.items())) for e in result)


# ----------------------------------------------------------------------------------------------------------------
# entry deterrence (Selten 1978)
# ----------------------------------------------------------------------------------------------------------------
def test_entry_deterrence_unique_spe_and_two_nash():
    # Selten (1978): the only SPE is (in, accommodate) with payoffs (1, 1); (out, fight) is Nash, not perfect.
    g = ExtensiveGame.from_tree(
        ("entrant", {"out": (0, 2), "in": ("incumbent", {"fight": (-1, -1), "accommodate": (1, 1)})}),
        players=("entrant", "incumbent"))
    spe = g.subgame_perfect()
    assert len(spe) == 1
    assert spe[0].profile == {"root": "in", "in": "accommodate"}
    assert spe[0].payoffs == (1, 1)
    sg = g.to_stage_game()
    nash = {(sg.actions[0][i], sg.actions[1][j]) for i, j in sg.pure_equilibria()}
    assert nash == {("out", "fight"), ("in", "accommodate")}
    # every SPE is a Nash equilibrium of the normal form
    assert {(e.action("root"), e.action("in")) for e in spe} <= nash


def test_entry_deterrence_credible_fight():
    spe = ex.entry_deterrence(fight=2).subgame_perfect()
    assert [e.profile for e in spe] == [{"root": "out", "in": "fight"}]
    assert spe[0].payoffs == (0, 2)


def test_symbolic_credibility_condition():
    # fight is credible iff the incumbent's fighting payoff f is at least its accommodation payoff 1
    f = sympy.Symbol("f", real=True)
    spe = ex.entry_deterrence(fight=f).subgame_perfect()
    cond = spe.condition("in", "fight")
    assert cond == sympy.Ge(f, 1)
    assert spe.condition("in", "accommodate") == sympy.Le(f, 1)
    # a fully symbolic threat: fight f against accommodate a
    a = sympy.Symbol("a", real=True)
    spe2 = ex.entry_deterrence(fight=f, accommodate=a).subgame_perfect()
    assert spe2.condition("in", "fight") in (sympy.Ge(f, a), sympy.Le(a, f))
    # substituting values agrees with the numeric solution on both sides of the threshold
    g = ex.entry_deterrence(fight=f)
    for value, expected in ((Fraction(1, 2), "accommodate"), (3, "fight")):
        assert g.subs(f=value).subgame_perfect()[0].action("in") == expected
        assert bool(cond.subs(f, value)) == (expected == "fight")


def test_symbolic_chance_probability():
    p = sympy.Symbol("p", positive=True)
    g = ExtensiveGame.from_tree(("chance", {"h": (p, ("A", {"x": (1,), "y": (0,)})), "l": (1 - p, (2,))}))
    eq = g.subgame_perfect()[0]
    assert sympy.simplify(eq.payoffs[0] - (2 - p)) == 0


# ----------------------------------------------------------------------------------------------------------------
# centipede and ties
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10])
def test_centipede_stops_at_once(n):
    # Rosenthal (1981): backward induction stops at the first move, payoffs (2, 0)
    spe = ex.centipede(n).subgame_perfect()
    assert len(spe) == 1
    assert all(a == "stop" for a in spe[0].profile.values())
    assert spe[0].payoffs == (2, 0)


def test_centipede_normal_form_equilibria_all_stop_at_once():
    # every Nash equilibrium of the centipede ends at the first node (a classic result); the reduced normal form
    # of player 1 has n/2 + 1 strategies
    g = ex.centipede(6)
    sg = g.to_stage_game()
    assert sg.shape == (4, 4)
    for i, j in sg.pure_equilibria():
        assert sg.actions[0][i].startswith("stop")
        assert sg.payoff(i, j) == (2, 0)


def test_ties_return_every_spe():
    # B is indifferent between x and y after l; A strictly prefers r to (l, y) and is indifferent to (l, x)
    g = ExtensiveGame.from_tree(("A", {"l": ("B", {"x": (1, 1), "y": (0, 1)}), "r": (1, 0)}))
    assert _spe_set(g.subgame_perfect()) == sorted([
        (("l", "x"), ("root", "l")), (("l", "x"), ("root", "r")), (("l", "y"), ("root", "r"))])


def test_location_game_ties_at_indifference():
    # the firm is indifferent at the 'small' offer (2 + 1 = outside 3): both replies are subgame perfect
    spe = ex.location_game(offers={"none": 0, "small": 1, "large": 2}).subgame_perfect()
    replies = {e.action("small") for e in spe}
    assert replies == {"locate", "elsewhere"}
    assert {e.action("root") for e in spe if e.action("small") == "locate"} == {"small"}
    assert {e.action("root") for e in spe if e.action("small") == "elsewhere"} == {"large"}


def _random_tree(draw_payoff, depth, branching, players, rng_seq):
    """A complete perfect-information tree with small integer payoffs (ties are frequent)."""
    it = iter(rng_seq)

    def build(d, k):
        if d == 0:
            return tuple(next(it) for _ in players)
        return (players[k % len(players)], {f"a{i}": build(d - 1, k + 1) for i in range(branching)})

    return build(depth, 0)


def _brute_force_spe(g):
    """Every pure profile that passes the one-shot-deviation test at every decision node (finite perfect info)."""
    dec = [x for x in range(g.n_nodes) if g._kind[x] == 1]
    names = [g._infosets[g._infoset[x]]["name"] for x in dec]
    out = []
    for choice in itertools.product(*[range(len(g._children[x])) for x in dec]):
        plan = {g._infoset[x]: c for x, c in zip(dec, choice)}
        ok = True
        for x, c in zip(dec, choice):
            p = g._player[x]
            vals = [g._play_value(child, plan)[p] for child in g._children[x]]
            if vals[c] < max(vals):
                ok = False
                break
        if ok:
            out.append(tuple(sorted((n, g._actions[x][c]) for n, x, c in zip(names, dec, choice))))
    return sorted(out)


@settings(max_examples=40)
@given(st.lists(st.integers(0, 2), min_size=27, max_size=27), st.sampled_from([(2, 2), (3, 2)]))
def test_backward_induction_equals_brute_force(payoffs, shape):
    # property: backward induction lists exactly the profiles that pass the one-shot-deviation test
    depth, branching = shape
    n_leaves = branching**depth
    tree = _random_tree(None, depth, branching, ("A", "B"), payoffs[: 2 * n_leaves] + payoffs * 2)
    g = ExtensiveGame.from_tree(tree, players=("A", "B"))
    assert _spe_set(g.subgame_perfect()) == _brute_force_spe(g)


@settings(max_examples=15)
@given(st.lists(st.integers(0, 2), min_size=16, max_size=16))
def test_subgame_method_equals_backward_induction_on_perfect_information(payoffs):
    # property: solving every (one-mover) subgame with the normal-form solver reproduces backward induction
    tree = _random_tree(None, 3, 2, ("A", "B"), payoffs)
    g = ExtensiveGame.from_tree(tree, players=("A", "B"))
    assert _spe_set(g.subgame_perfect(method="subgames")) == _spe_set(g.subgame_perfect(method="backward"))


def test_float_fast_path_agrees_with_exact_path():
    # random float payoffs (no ties): the vectorised pass equals the general (exact) backward induction
    rng = np.random.default_rng(7)
    vals = rng.integers(0, 10**6, size=2 * 3**5).tolist()
    tree_int = _random_tree(None, 5, 3, ("A", "B"), vals)
    tree_float = _random_tree(None, 5, 3, ("A", "B"), [v + 0.5 for v in vals])
    gi = ExtensiveGame.from_tree(tree_int)
    gf = ExtensiveGame.from_tree(tree_float)
    assert gi.is_exact and not gf.is_exact
    ei, ef = gi.subgame_perfect(), gf.subgame_perfect()
    assert len(ei) == len(ef) == 1
    assert ei[0].profile == ef[0].profile
    assert ef[0].payoffs == tuple(float(v) + 0.5 for v in ei[0].payoffs)
    assert ei[0].path == ef[0].path


def test_chance_node_exact_expectation():
    g = ExtensiveGame.from_tree(("chance", {"high": (Fraction(3, 10), ("firm", {"a": (1,), "b": (2,)})),
                                            "low": (Fraction(7, 10), (0,))}))
    e = g.subgame_perfect()[0]
    assert e.payoffs == (Fraction(3, 5),)
    assert isinstance(e.payoffs[0], Fraction)


# ----------------------------------------------------------------------------------------------------------------
# hold-up and the choice of auxiliaries
# ----------------------------------------------------------------------------------------------------------------
def test_hold_up_by_hand():
    # beta = 1/2, a = 4, cost x^2/2: the firm maximises 2x - x^2/2 -> x* = 2 (first best 4); payoffs (2, 4);
    # welfare 6 against the first best 8: loss 2 = a^2 (1 - beta)^2 / 2
    spe = ex.hold_up(beta=Fraction(1, 2), value=4, levels=(0, 1, 2, 3, 4)).subgame_perfect()
    assert len(spe) == 1
    e = spe[0]
    assert e.action("root") == "invest 2"
    assert all(e.action(f"invest {x}") == "hold up" for x in (1, 2, 3, 4))
    assert e.payoffs == (2, 4)
    assert ex.hold_up_investment(0.5, 4) == 2.0
    first_best = 4 * 4 - Fraction(16, 2)
    assert first_best - sum(e.payoffs) == 2 == ex.hold_up_loss(0.5, 4)


def test_hold_up_honoured_when_fee_beats_hold_up():
    # the supplier honours the contract price only where (1 - beta) a x <= fee
    e = ex.hold_up(beta=Fraction(1, 2), value=4, levels=(0, 1, 2), fee=3).subgame_perfect()[0]
    assert e.action("invest 1") == "honour"  # (1/2)(4)(1) = 2 < 3
    assert e.action("invest 2") == "hold up"  # 4 > 3


def test_relational_contract_protects_investment():
    # supplier honours iff (1 - beta) a x <= fee + R. R = 9: every level is safe, first best x = 4 (payoff 16 - 8).
    e = ex.hold_up(beta=Fraction(1, 2), value=4, future_rent=9).subgame_perfect()[0]
    assert e.action("root") == "invest 4" and e.payoffs == (8, 9)
    # R = 3: only x = 1 is safe (2 <= 3): honoured x = 1 gives 4 - 1/2 = 7/2 > best hold-up value 2 (x = 2)
    e = ex.hold_up(beta=Fraction(1, 2), value=4, future_rent=3).subgame_perfect()[0]
    assert e.action("invest 1") == "honour" and e.action("invest 2") == "hold up"
    assert e.action("root") == "invest 1" and e.payoffs == (Fraction(7, 2), 3)


@pytest.mark.parametrize("k, share", [(1, Fraction(1, 4)), (2, Fraction(1, 2)), (3, Fraction(11, 16))])
def test_competing_suppliers_against_closed_form(k, share):
    # q = 1/2, beta = 1/2: s_k = 1 - (1-q)^k - k q (1-q)^(k-1) (1 - beta); x* = s_k a; value a^2 s_k^2 / 2
    a, q, beta = 4, Fraction(1, 2), Fraction(1, 2)
    assert ex.core_firm_share(0.5, 0.5, k) == pytest.approx(float(share))
    x_star = share * a
    levels = sorted({Fraction(0), Fraction(1), Fraction(2), Fraction(4), x_star})
    e = ex.hold_up(beta=beta, value=a, levels=levels, n_suppliers=k, capable=q).subgame_perfect()[0]
    assert e.action("root") == f"invest {fmt(x_star)}"
    assert e.payoffs[0] == a**2 * share**2 / 2
    assert ex.competitive_investment(0.5, 0.5, k, a) == pytest.approx(float(x_star))
    p_any = 1 - (1 - q) ** k
    assert ex.competitive_loss(0.5, 0.5, k, a) == pytest.approx(float(a**2 * (p_any - share) ** 2 / 2))


def test_competition_reduces_hold_up_monotonically():
    beta = np.linspace(0, 0.99, 50)
    losses = np.array([ex.competitive_loss(beta, 0.7, k, 1.0) for k in (1, 2, 3, 5, 8)])
    assert (np.diff(losses, axis=0) <= 1e-15).all()
    shares = np.array([ex.core_firm_share(beta, 0.7, k) for k in (1, 2, 3, 5, 8)])
    assert ((shares >= 0) & (shares <= 1)).all()
    assert (np.diff(shares, axis=0) >= -1e-15).all()


def test_symbolic_closed_form():
    b, q, a = sympy.symbols("beta q a", positive=True)
    assert sympy.simplify(ex.competitive_investment(b, q, 1, a) - q * b * a) == 0


@pytest.mark.parametrize("cost, choice", [(3, "tender"), (4, "single")])
def test_auxiliary_choice_tender_pays_iff_gain_exceeds_cost(cost, choice):
    # q = 1/2, beta = 1/2, a = 4: single supplier s_1 = 1/4, x = 1, value 1/2; tender of 3: s = 11/16, x = 11/4,
    # value 121/32. The tender pays iff its cost is below 121/32 - 1/2 = 105/32 (about 3.28).
    g = ex.auxiliary_choice(n_suppliers=3, tender_cost=cost, beta=Fraction(1, 2), value=4, capable=Fraction(1, 2),
                            levels=(0, 1, Fraction(11, 4), 4))
    e = g.subgame_perfect()[0]
    assert e.action("root") == choice
    assert e.action("single") == "invest 1"
    assert e.action("tender") == "invest 11/4"
    expected = Fraction(121, 32) - cost if choice == "tender" else Fraction(1, 2)
    assert e.payoffs[0] == expected


def test_trust_game_spe():
    # Berg, Dickhaut & McCabe (1995): the one-shot SPE is no trust
    e = ex.trust_game().subgame_perfect()
    assert len(e) == 1 and e[0].profile == {"root": "keep", "trust": "betray"} and e[0].payoffs == (1, 0)


# ----------------------------------------------------------------------------------------------------------------
# imperfect information: subgame perfection over proper subgames
# ----------------------------------------------------------------------------------------------------------------
def _entry_then_battle():
    # firm 1 stays out (2, 2) or enters a simultaneous coordination game with two pure and one mixed equilibrium
    sub = ("F2", {"a": (3, 1), "b": (0, 0)}, "F2 after in")
    sub2 = ("F2", {"a": (0, 0), "b": (1, 3)}, "F2 after in")
    return ExtensiveGame.from_tree(("F1", {"out": (2, 2), "in": ("F1", {"A": sub, "B": sub2})}))


def test_subgames_use_subgame_equilibria():
    g = _entry_then_battle()
    assert g.subgame_roots() == [(), ("in",)]
    spe = g.subgame_perfect()
    assert spe.method == "subgames"
    outcomes = sorted((e.action("root"), str(e.action("in")), str(e.action("F2 after in")), e.payoffs)
                      for e in spe)
    # subgame equilibria: (A, a) 3,1; (B, b) 1,3; mixed 3/4 A, 1/4 B and 1/4 a, 3/4 b with payoffs 3/4, 3/4
    assert len(spe) == 3
    assert ("in", "A", "a", (3, 1)) in outcomes
    assert ("out", "B", "b", (2, 2)) in outcomes
    mixed = [e for e in spe if isinstance(e.action("in"), dict)][0]
    assert mixed.action("root") == "out"
    assert mixed.action("in") == {"A": Fraction(3, 4), "B": Fraction(1, 4)}
    assert mixed.action("F2 after in") == {"a": Fraction(1, 4), "b": Fraction(3, 4)}


def test_subgame_perfect_refines_nash():
    g = _entry_then_battle()
    sg = g.to_stage_game()
    nash = {(sg.actions[0][i], sg.actions[1][j]) for i, j in sg.pure_equilibria()}
    # (out, b) is Nash but rests on F1 playing B then (out/* reduces A and B away): SPE keep only subgame equilibria
    pure_spe = {(("out" if e.action("root") == "out" else f"in/{e.action('in')}"), e.action("F2 after in"))
                for e in g.subgame_perfect() if isinstance(e.action("in"), str)}
    assert ("in/A", "a") in nash and ("in/A", "a") in pure_spe
    assert ("out/*", "b") in nash


def test_three_player_normal_form_and_subgames():
    g = ExtensiveGame.from_tree(("A", {"x": ("B", {"y": ("C", {"z": (1, 2, 3), "w": (0, 0, 0)}),
                                                  "v": (2, 2, 2)})}))
    ng = g.to_nplayer()
    assert ng.pure_equilibria() == [(0, 0, 0), (0, 1, 0), (0, 1, 1)]
    by_bi = _spe_set(g.subgame_perfect())
    by_sub = _spe_set(g.subgame_perfect(method="subgames"))
    assert by_bi == by_sub and len(by_bi) == 2


def test_one_player_imperfect_information():
    # the firm does not observe the state (1/2 each): x pays 1/2, y pays 1 -> y; exact and float agree
    for half in (Fraction(1, 2), 0.5):
        g = ExtensiveGame.from_tree(("chance", {"a": (half, ("F", {"x": (1,), "y": (0,)}, "h")),
                                                "b": (half, ("F", {"x": (0,), "y": (2,)}, "h"))}))
        spe = g.subgame_perfect()
        assert [e.profile for e in spe] == [{"h": "y"}] and spe[0].payoffs == (1,)


def test_reduced_normal_form_chance_expectation():
    # player 1 learns the state and chooses; player 2 does not: normal form entries are expectations
    g = ExtensiveGame.from_tree(("chance", {
        "good": (Fraction(1, 3), ("P1", {"u": ("P2", {"l": (3, 0), "r": (0, 1)}, "h2"),
                                         "d": ("P2", {"l": (1, 1), "r": (1, 0)}, "h2d")})),
        "bad": (Fraction(2, 3), ("P1", {"u": ("P2", {"l": (0, 0), "r": (3, 1)}, "h2"),
                                        "d": ("P2", {"l": (1, 0), "r": (1, 1)}, "h2d")}))}))
    sg = g.to_stage_game()
    assert sg.shape == (4, 4)
    i = sg.actions[0].index("u/u")
    j = sg.actions[1].index("l/l")
    assert sg.payoff(i, j)[0] == 1  # 1/3 * 3 + 2/3 * 0


# ----------------------------------------------------------------------------------------------------------------
# signalling games
# ----------------------------------------------------------------------------------------------------------------
def test_beer_quiche_two_pooling_one_intuitive():
    # Cho & Kreps (1987), p(strong) = 0.9: pooling on beer and pooling on quiche; only beer survives
    eqs = ex.beer_quiche().equilibria()
    assert len(eqs) == 2
    assert all(e.kind == "pooling" for e in eqs)
    beer = [e for e in eqs if e.sender["strong"] == "beer"][0]
    quiche = [e for e in eqs if e.sender["strong"] == "quiche"][0]
    assert beer.intuitive and not quiche.intuitive
    assert quiche.broken_by == "beer"
    assert beer.receiver == {"beer": "not", "quiche": "duel"}
    assert beer.beliefs["quiche"] == (0, Fraction(1, 2))  # off path: duel iff P(strong | quiche) <= 1/2
    assert beer.beliefs["beer"] == (Fraction(9, 10),) * 2
    assert beer.payoffs == {"strong": 3, "weak": 2, "receiver": Fraction(9, 10)}
    assert len(eqs.intuitive()) == 1


def test_beer_quiche_pbe_are_nash_of_the_tree():
    # every PBE is a Nash equilibrium of the tree's reduced normal form
    game = ex.beer_quiche()
    sg = game.to_extensive().to_stage_game()
    nash = {(sg.actions[0][i], sg.actions[1][j]) for i, j in sg.pure_equilibria()}
    for e in game.equilibria():
        s = f"{e.sender['strong']}/{e.sender['weak']}"
        r = f"{e.receiver['beer']}/{e.receiver['quiche']}"
        assert (s, r) in nash


def test_beer_quiche_low_prior_no_pooling():
    # with p(strong) = 0.3 < 1/2 pooling fails (the receiver duels a pooled sender): no pure PBE
    assert len(ex.beer_quiche(Fraction(3, 10)).equilibria()) == 0


def _kinds(eqs):
    return {(e.kind, e.sender["high cost"], e.intuitive) for e in eqs}


@pytest.mark.parametrize("p", [Fraction(1, 5), Fraction(1, 2), Fraction(4, 5)])
@pytest.mark.parametrize("k", [Fraction(1, 2), Fraction(3, 2), 2, Fraction(5, 2), 4])
def test_limit_pricing_regions_by_hand(p, k):
    # V = 2, e_H = e_L = 1 (p* = 1/2), k_L = 1/2. By hand: separating iff k >= V; pooling on the low price iff
    # k <= V and p >= p*; pooling on the high price iff p >= p* (k_L <= V), failing the intuitive criterion.
    eqs = ex.limit_pricing(prior_low=p, mimic_cost=k)
    kinds = _kinds(eqs.equilibria())
    V, pstar = 2, Fraction(1, 2)
    assert (("separating", "high price", True) in kinds) == (k >= V)
    assert (("pooling", "low price", True) in kinds) == (k <= V and p >= pstar)
    assert (("pooling", "high price", False) in kinds) == (p >= pstar)
    assert len(kinds) == (k >= V) + (k <= V and p >= pstar) + (p >= pstar)


@pytest.mark.parametrize("w, separates", [(0, False), (1, True), (2, True), (3, True), (4, False)])
def test_green_label_separates_iff_cost_gap(w, separates):
    # Spence (1973): the label separates iff c_C <= w <= c_N (here 1 and 3)
    eqs = ex.green_label(premium=w).equilibria()
    assert any(e.kind == "separating" and e.sender["circular"] == "label" for e in eqs) == separates


def test_signalling_float_and_exact_agree():
    exact = ex.beer_quiche(Fraction(9, 10)).equilibria()
    flt = ex.beer_quiche(0.9).equilibria()
    assert [e.describe() for e in exact] == [e.describe() for e in flt]
    assert flt[0].beliefs["quiche"][1] == pytest.approx(0.5)


# ----------------------------------------------------------------------------------------------------------------
# display
# ----------------------------------------------------------------------------------------------------------------
def test_to_frame_and_html():
    spe = ex.entry_deterrence().subgame_perfect()
    df = spe.to_frame()
    assert list(df.columns) == ["entrant @ root", "incumbent @ in", "payoff entrant", "payoff incumbent"]
    assert df.iloc[0].tolist() == ["in", "accommodate", 1, 1]
    html = ex.entry_deterrence()._repr_html_()
    assert "<svg" in html and "accommodate" in html and "#D55E00" in html
    assert "<svg" in spe._repr_html_()
    f = sympy.Symbol("f", real=True)
    assert "condition" in ex.entry_deterrence(fight=f).subgame_perfect().to_frame().columns
    assert "intuitive" in ex.beer_quiche().equilibria().to_frame().columns


def test_plot_tree_returns_axes_with_highlight():
    from clustergames.plotting import extensive as pe

    g = ex.beer_quiche().to_extensive()
    ax = g.plot(equilibrium=g.subgame_perfect()[0])
    widths = [line.get_linewidth() for line in ax.lines]
    assert max(widths) == 3.0
    assert len(ax.patches) == 2  # one dashed arc per receiver information set (two nodes each)
    ax2 = ex.centipede(3).subgame_perfect().plot()
    assert ax2 is not None and pe.HIGHLIGHT in [line.get_color() for line in ax2.lines]


def test_pbe_plot_highlights_messages():
    ax = ex.beer_quiche().equilibria().intuitive().plot()
    thick = [line for line in ax.lines if line.get_linewidth() == 3.0]
    assert len(thick) == 6  # two chance branches, two 'beer' edges, two 'not' (no duel) edges


def test_plot_default_highlights_first_spe():
    ax = ex.entry_deterrence().plot()
    assert max(line.get_linewidth() for line in ax.lines) == 3.0
    ax = ex.entry_deterrence().plot(equilibrium=None)
    assert 3.0 not in [line.get_linewidth() for line in ax.lines]
    with pytest.raises(ValueError, match=r"equilibrium must be a SubgamePerfectEquilibrium, None or 'first'"):
        ex.entry_deterrence().plot(equilibrium="last")
    big = ExtensiveGame.from_tree(_random_tree(None, 9, 2, ("A", "B"), list(range(2 * 2**9))))
    assert "too large to draw inline" in big._repr_html_()


def test_layout_positions():
    lay = ex.centipede(3).layout()
    assert lay.loc[0, "depth"] == 0 and (lay[lay.kind == "leaf"].x.sort_values().diff().dropna() == 1).all()


def test_large_tree_backward_induction_is_linear():
    # a complete binary tree of depth 12 (8191 nodes) with random payoffs: one SPE, payoff equals a direct recursion
    rng = np.random.default_rng(3)
    vals = rng.random(2 * 2**12).tolist()
    tree = _random_tree(None, 12, 2, ("A", "B"), vals)
    g = ExtensiveGame.from_tree(tree)
    e = g.subgame_perfect()[0]

    def solve(node, k):
        if not isinstance(node[0], str):
            return node
        kids = [solve(c, k + 1) for c in node[1].values()]
        p = k % 2
        return max(kids, key=lambda v: v[p])

    assert e.payoffs == pytest.approx(solve(tree, 0))


def test_figures_registered_and_consistent():
    from clustergames import figures

    names = figures.names()
    for n in ("extensive_entry_deterrence", "extensive_hold_up", "extensive_limit_pricing"):
        assert n in names
    _, data = figures.render("extensive_hold_up", quick=True)
    tree = data[data.source == "tree"]
    for r in tree.itertuples():
        closed = ex.competitive_investment(r.beta, 0.7, r.n_suppliers, 1.0)
        assert abs(r.investment - closed) <= 0.005 + 1e-12
    _, entry = figures.render("extensive_entry_deterrence", quick=True)
    assert entry[entry.fight == -1]["subgame perfect"].tolist().count(True) == 1
