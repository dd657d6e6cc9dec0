"""Allocation by worked examples: the DESIGN §5 interface, each rule, tie-breaks, explanations and the Spanish
messages and reasons. Properties checked against a brute-force search are tests/test_allocation_optimum.py."""

from __future__ import annotations

import polars as pl
import pytest

from core.engine.allocation import AllocationRules, allocate, allocate_detailed, explain_proposal, gini
from tests.allocation_oracle import EPS, frame

# -- DESIGN §5 interface -------------------------------------------------------------------------

def test_allocate_returns_the_same_rows_with_a_boolean_funded_column():
    candidates = frame([("B", "a1", 60, 90), ("A", "a2", 50, 80), ("C", "a1", 40, 70)])
    out = allocate(candidates, 100)
    assert out.columns == [*candidates.columns, "funded"]
    assert out["proposal_id"].to_list() == ["B", "A", "C"]  # order kept, not sorted
    assert out["funded"].dtype == pl.Boolean
    assert out.filter(pl.col("funded"))["proposal_id"].to_list() == ["B", "C"]


@pytest.mark.parametrize("method", ["optimal", "greedy", "equal_split"])
def test_every_method_is_accepted_and_stays_within_budget(method):
    candidates = frame([("P1", "a1", 30, 50), ("P2", "a2", 45, 60), ("P3", "a2", 20, 40), ("P4", "a3", 70, 90)])
    out = allocate(candidates, 100, method=method, min_one_per_association=True, max_share_per_association=0.5)
    assert out.filter(pl.col("funded"))["cost_usd"].sum() <= 100


def test_greedy_is_consuls_rule_and_the_optimum_beats_it():
    # Greedy takes the best score first (A) and then nothing else fits; the optimum takes B and C.
    candidates = frame([("A", "a1", 100, 90), ("B", "a2", 50, 60), ("C", "a3", 50, 60)])
    greedy = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="greedy")
    optimal = allocate_detailed(candidates, AllocationRules(budget_usd=100))
    assert greedy.funded_ids == ["A"]
    assert optimal.funded_ids == ["B", "C"]
    assert optimal.total_score == pytest.approx(120)
    assert greedy.total_score == pytest.approx(90)


def test_greedy_skips_what_does_not_fit_and_keeps_going():
    candidates = frame([("A", "a1", 60, 90), ("B", "a2", 50, 80), ("C", "a3", 40, 70)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="greedy")
    assert result.funded_ids == ["A", "C"]
    skipped = {o.proposal_id: o for o in result.proposals}["B"]
    assert skipped.rule == "budget"
    assert "quedaban $ 40 y cuesta $ 50." in skipped.reason_es  # the money left when its turn came: whole dollars
    # It needed a score above the proposal after which the money ran out (A, 90).
    assert skipped.score_needed == pytest.approx(90)
    raised = candidates.with_columns(pl.when(pl.col("proposal_id") == "B").then(90.01).otherwise(pl.col("score"))
                                     .alias("score"))
    assert "B" in allocate_detailed(raised, AllocationRules(budget_usd=100), method="greedy").funded_ids


def test_equal_split_gives_each_association_the_same_share_and_keeps_what_it_cannot_use():
    # 100 for 2 associations: 50 each. a1 cannot afford its 60 but funds its 40; a2 funds its 30.
    candidates = frame([("A1", "a1", 60, 90), ("A2", "a1", 40, 50), ("B1", "a2", 30, 10)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="equal_split")
    assert result.funded_ids == ["A2", "B1"]
    assert result.unspent_usd == pytest.approx(30)
    assert {o.proposal_id: o.rule for o in result.proposals}["A1"] == "share"


# -- Rules -----------------------------------------------------------------------------------------

BASE = [("P1", "a1", 40, 90), ("P2", "a1", 30, 80), ("P3", "a2", 50, 70), ("P4", "a3", 20, 10)]


@pytest.mark.parametrize("rules, funded, not_funded", [
    (AllocationRules(budget_usd=100), {"P1", "P2", "P4"}, {"P3"}),
    (AllocationRules(budget_usd=100, reserve_usd=30), {"P1", "P2"}, {"P3", "P4"}),
    (AllocationRules(budget_usd=100, must_fund=["P3"]), {"P3", "P1"}, {"P2"}),
    (AllocationRules(budget_usd=100, must_not_fund=["P1"]), {"P2", "P3", "P4"}, {"P1"}),
    (AllocationRules(budget_usd=100, exclusive_pairs=[("P1", "P2")]), {"P1", "P3"}, {"P2"}),
    (AllocationRules(budget_usd=100, max_share_per_association=0.5), {"P1", "P3"}, {"P2"}),
    (AllocationRules(budget_usd=100, min_one_per_association=True), {"P2", "P3", "P4"}, {"P1"}),
])
def test_each_rule_changes_the_optimum_as_it_should(rules, funded, not_funded):
    result = allocate_detailed(frame(BASE), rules)
    assert result.feasible
    assert funded <= set(result.funded_ids)
    assert not (not_funded & set(result.funded_ids))
    assert result.total_cost_usd <= rules.available_usd + EPS


@pytest.mark.parametrize("rules, words", [
    (AllocationRules(budget_usd=100, reserve_usd=150), "reserva"),
    (AllocationRules(budget_usd=100, must_fund=["P1"], must_not_fund=["P1"]), "obligatoria y como excluida"),
    (AllocationRules(budget_usd=60, must_fund=["P1", "P3"]), "obligatorias cuestan $ 90 y solo hay $ 60 disponibles"),
    (AllocationRules(budget_usd=100, must_fund=["P1", "P2"], exclusive_pairs=[("P1", "P2")]), "excluyentes"),
    (AllocationRules(budget_usd=100, must_fund=["X9"]), "«X9»"),
    (AllocationRules(budget_usd=100, must_fund=["P1", "P2"], max_share_per_association=0.5), "tope"),
])
def test_impossible_rules_come_back_explained_not_raised(rules, words):
    result = allocate_detailed(frame(BASE), rules)
    assert not result.feasible
    assert result.funded_ids == []
    assert words in result.message_es
    assert all(o.rule == "infeasible" for o in result.proposals)


def test_min_one_when_impossible_says_why_and_covers_as_many_as_it_can():
    # Covering all three associations costs at least 20 + 50 + 40 = 110 > 100.
    candidates = frame([("A", "a1", 40, 10), ("B", "a2", 50, 10), ("C", "a3", 20, 10), ("D", "a3", 60, 95)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100, min_one_per_association=True))
    assert result.feasible
    assert len(result.associations_covered) == 2
    note = " ".join(result.notes_es)
    assert "$ 110 " in note and "$ 110,00" not in note and "2 de 3" in note


@pytest.mark.parametrize("rows, budget, blamed", [
    # the rule changes nothing (a1 and a2 are covered either way): C is out on its score alone
    ([("A", "a1", 3000.75, 70), ("B", "a1", 1200.10, 60), ("C", "a2", 800.33, 50), ("D", "a2", 4999.99, 80)],
     10001.16, set()),
    # the rule keeps B out (without it, A + B beat A + C); D is out either way
    ([("A", "a1", 60, 90), ("B", "a1", 40, 80), ("C", "a2", 40, 10), ("D", "a1", 50, 1)], 100, {"B"}),
])
def test_why_not_blames_at_least_one_per_association_only_where_it_keeps_the_proposal_out(rows, budget, blamed):
    result = allocate_detailed(frame(rows), AllocationRules(budget_usd=budget, min_one_per_association=True))
    out = [p for p in result.proposals if not p.funded]
    assert out and {p.proposal_id for p in out if "reserva dinero para las demás asociaciones" in p.reason_es} == blamed


def test_an_association_whose_every_proposal_is_too_expensive_is_named():
    candidates = frame([("A", "a1", 40, 10), ("B", "a2", 500, 90)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100, min_one_per_association=True))
    assert result.funded_ids == ["A"]
    assert any("«a2»" in n and "«B»" in n for n in result.notes_es)
    shares = {a.association_id: a for a in result.associations}
    assert not shares["a2"].covered and "B" in shares["a2"].reason_es


def test_a_joint_proposal_covers_each_of_its_associations_and_splits_its_cost():
    candidates = frame([("J", "a1", 60, 50), ("A", "a1", 30, 40), ("B", "a2", 30, 40), ("C", "a3", 30, 40)],
                       joint={"J": ["a1", "a2", "a3"]})
    result = allocate_detailed(candidates, AllocationRules(budget_usd=60, min_one_per_association=True))
    assert result.funded_ids == ["J"]  # the only way to cover all three with 60
    shares = {a.association_id: a.amount_usd for a in result.associations}
    assert shares == {"a1": 20.0, "a2": 20.0, "a3": 20.0}
    assert result.gini == pytest.approx(0.0)


# -- Ties ------------------------------------------------------------------------------------------

def test_ties_go_to_the_lower_cost_then_the_lower_code():
    same_cost = frame([("B", "a1", 10, 50), ("A", "a2", 10, 50)])
    assert allocate_detailed(same_cost, AllocationRules(budget_usd=10)).funded_ids == ["A"]
    cheaper = frame([("A", "a1", 10, 50), ("B", "a2", 8, 50)])
    for method in ("optimal", "greedy"):
        assert allocate_detailed(cheaper, AllocationRules(budget_usd=10), method=method).funded_ids == ["B"]
    tie_result = allocate_detailed(same_cost, AllocationRules(budget_usd=10))
    b = {o.proposal_id: o for o in tie_result.proposals}["B"]
    assert b.rule == "tie" and b.score_gap == 0


def test_the_last_tie_break_is_the_one_the_result_states():
    """{A, E} and {B, C} tie on score and cost. «The allocation with the lowest codes» reads as {A, E} (it has A),
    yet the allocation takes the least sum of positions in code order, {B, C} (2 + 3 < 1 + 5): the text said the
    former."""
    candidates = frame([("A", "a1", 100, 10), ("B", "a2", 150, 15), ("C", "a3", 150, 15), ("D", "a4", 1000, 1),
                        ("E", "a5", 200, 20)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=300))
    assert result.funded_ids == ["B", "C"]
    assert "la menor suma de sus posiciones en ese orden" in result.tie_break_es
    assert "código más bajo" not in result.tie_break_es


# -- Explanations ---------------------------------------------------------------------------------

def test_every_unfunded_proposal_of_the_optimum_has_a_rule_and_a_reason():
    candidates = frame([("A", "a1", 60, 90), ("B", "a2", 50, 80), ("C", "a3", 40, 70), ("D", "a3", 500, 99),
                        ("E", "a4", 10, 5)])
    rules = AllocationRules(budget_usd=100, must_not_fund=["E"])
    result = allocate_detailed(candidates, rules)
    out = {o.proposal_id: o for o in result.proposals if not o.funded}
    assert set(out) == {"B", "D", "E"}
    assert out["E"].rule == "must_not_fund"
    assert out["D"].rule == "too_expensive"
    # Explaining all skips the cost to shed (one more solve each); asked for one by one, it comes.
    assert out["D"].cost_to_shed_usd is None
    out.update({pid: explain_proposal(candidates, rules, pid) for pid in ("B", "D")})
    # D (99) must reach 160 with a partner: D + C (169) needs D ≤ 60, the cheapest way in: shed 440.
    assert out["D"].cost_to_shed_usd == pytest.approx(440)
    assert out["B"].rule == "budget"
    # A+C = 160; the best with B is B+C = 150, so B needs more than 80 + 10 = 90.
    assert out["B"].score_gap == pytest.approx(10)
    assert out["B"].score_needed == pytest.approx(90)
    # B at 40 would fit with A (A+B = 170 ≥ 160): it must shed 10.
    assert out["B"].cost_to_shed_usd == pytest.approx(10)
    assert all(o.reason_es for o in out.values())


def test_gini_of_known_spreads():
    assert gini([10, 10, 10]) == pytest.approx(0)
    assert gini([0, 0, 0, 12]) == pytest.approx(0.75)
    assert gini([]) == 0


def test_explaining_one_proposal_on_demand_gives_the_same_answer_as_explaining_all():
    candidates = frame([("A", "a1", 60, 90), ("B", "a2", 50, 80), ("C", "a3", 40, 70), ("D", "a4", 30, 20)])
    rules = AllocationRules(budget_usd=100, min_one_per_association=True)
    everything = {o.proposal_id: o for o in allocate_detailed(candidates, rules).proposals}
    for pid, outcome in everything.items():
        alone = explain_proposal(candidates, rules, pid)
        # The same answer, plus the cost to shed that only an explanation on demand computes.
        assert alone.model_copy(update={"cost_to_shed_usd": None, "max_cost_to_enter_usd": None,
                                        "reason_es": outcome.reason_es}) == outcome
        assert alone.reason_es.startswith(outcome.reason_es)
    with pytest.raises(ValueError, match="no está entre las candidatas"):
        explain_proposal(candidates, rules, "Z")


# -- Inputs, amounts and messages ----------------------------------------------------------------

def test_integer_codes_are_accepted_and_the_rows_come_back_as_given():
    frame = pl.DataFrame({"proposal_id": [3, 1, 2], "association_id": [2, 1, 1],
                          "cost_usd": [150, 100, 200], "score": [60, 50, 80]})
    out = allocate(frame, 300, min_one_per_association=True)
    assert out.columns == [*frame.columns, "funded"]
    assert out["proposal_id"].to_list() == [3, 1, 2]
    # covering both associations within 300: 1 (100) + 3 (150); 1 + 2 would leave association 2 out
    assert dict(zip(out["proposal_id"], out["funded"], strict=True)) == {3: True, 1: True, 2: False}


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"budget_usd": -1}, "mayor o igual que 0"),
    ({"budget_usd": 100, "max_share_per_association": 2}, "menor o igual que 1"),
])
def test_impossible_arguments_are_refused_in_spanish(kwargs, words):
    frame = pl.DataFrame({"proposal_id": ["a"], "association_id": ["x"], "cost_usd": [1.0], "score": [1.0]})
    budget = kwargs.pop("budget_usd")
    with pytest.raises(ValueError, match=words):
        allocate(frame, budget, **kwargs)


def test_a_proposal_over_the_cap_is_explained_by_its_own_cost():
    frame = pl.DataFrame({"proposal_id": ["a", "b"], "association_id": ["x", "y"],
                          "cost_usd": [600.0, 700.0], "score": [50.0, 80.0]})
    result = allocate_detailed(frame, AllocationRules(budget_usd=1000, min_one_per_association=True,
                                                      max_share_per_association=0.3))
    assert result.funded_ids == []
    reasons = {o.proposal_id: o.reason_es for o in result.proposals}
    assert reasons["a"].startswith("Cuesta $ 600, más que el tope por asociación ($ 300).")
    assert any("«x»" in note and "cuesta $ 600" in note and "$ 600,00" not in note for note in result.notes_es)


@pytest.mark.parametrize("costs, scores, budget, optimal, greedy", [
    # 0–1 scores: 0,9851 alone loses to 0,4949 + 0,4949 = 0,9898, a difference past the hundredths
    ([1000, 500, 500], [0.9851, 0.4949, 0.4949], 1000, {"P1", "P2"}, {"P0"}),
    ([100, 100], [0.001, 0.004], 100, {"P1"}, {"P1"}),  # thousandths still tell the better one apart
    ([10, 10], [1e300, 2], 10, {"P0"}, {"P0"}),  # huge scores neither overflow nor lose their order
    ([10, 10], [1e18, 2e18], 10, {"P1"}, {"P1"}),
    ([333.334] * 3, [1, 1, 1], 1000, {"P0", "P1"}, {"P0", "P1"}),  # fractions of a cent never pass the budget
    ([0.005] * 4, [1] * 4, 0, set(), set()),
])
def test_any_score_scale_and_fractions_of_a_cent(costs, scores, budget, optimal, greedy):
    rows = [(f"P{i}", "A", cost, score) for i, (cost, score) in enumerate(zip(costs, scores, strict=True))]
    for method, funded in (("optimal", optimal), ("greedy", greedy)):
        result = allocate(frame(rows), budget, method=method).filter(pl.col("funded"))
        assert set(result["proposal_id"]) == funded, method
        assert result["cost_usd"].sum() <= budget


@pytest.mark.parametrize("rows, budget, sentence", [
    ([("P1", "A1", 50, 9), ("P2", "A2", 60, 8), ("P3", "A3", 70, 7)], 130, "Se financian 2 de 3 propuestas."),
    ([("P1", "A1", 50, 9), ("P2", "A2", 60, 8), ("P3", "A3", 70, 7)], 55, "Se financia 1 de 3 propuestas."),
    ([("P1", "A1", 50, 9)], 55, "Se financia la única propuesta."),
    ([("P1", "A1", 50, 9)], 40, "No se financia la única propuesta."),
])
def test_the_message_counts_what_is_funded_in_good_spanish(rows, budget, sentence):
    assert allocate_detailed(frame(rows), AllocationRules(budget_usd=budget)).message_es.endswith(sentence)


@pytest.mark.parametrize(("rows", "out", "reason"), [
    # one project each for a1 and a2 fits; E alone would leave a2 without one
    ([("A", "a1", 60, 50), ("C", "a2", 40, 10), ("E", "a1", 70, 99)], "E",
     "Forzarla dejaría a alguna asociación sin proyecto, y la regla de al menos una por asociación lo impide."),
    # one each for all four costs 180 of 100: three is the most; A would leave room for none of the others, and its
    # own association is among those without a project, so «it would leave an association without one» misleads
    ([("A", "a1", 90, 90), ("B", "a2", 30, 10), ("C", "a3", 30, 10), ("D", "a4", 30, 10)], "A",
     ("Con ella el dinero alcanzaría para dar proyecto a menos asociaciones: hoy lo tienen 3 de las 4, el mayor número "
     "posible, y la regla de al menos una por asociación pide cubrir tantas como se pueda.")),
])
def test_a_proposal_kept_out_by_at_least_one_per_association_says_how_many_it_would_leave_without(rows, out, reason):
    result = allocate_detailed(frame(rows), AllocationRules(budget_usd=100, min_one_per_association=True))
    outcome = next(p for p in result.proposals if p.proposal_id == out)
    assert not outcome.funded and outcome.reason_es == reason


@pytest.mark.parametrize(("cost", "reason"), [
    (50, "quedaban $ 40 y cuesta $ 50."),
    (50.25, "quedaban $ 40,00 y cuesta $ 50,25."),  # one figure with cents: both to the cent
])
def test_a_reason_names_its_amounts_by_one_rule(cost, reason):
    candidates = frame([("A", "a1", 60, 90), ("B", "a2", cost, 80), ("C", "a3", 40, 70)])
    result = allocate_detailed(candidates, AllocationRules(budget_usd=100), method="greedy")
    assert reason in {o.proposal_id: o for o in result.proposals}["B"].reason_es
