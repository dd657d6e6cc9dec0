"""`core.allocation.allocate` (DESIGN §5) with inputs a caller may really pass: values of the wrong kind are refused
with a Spanish ValueError naming the proposal, never another kind of exception or a silent result."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from core.allocation import AllocationRules, allocate, allocate_detailed

BASE = pl.DataFrame({"proposal_id": ["A", "B", "C"], "association_id": ["X", "Y", "Z"],
                     "cost_usd": [100.0, 200.0, 300.0], "score": [1.0, 2.0, 3.0]})


@pytest.mark.parametrize(("column", "value", "method", "words"), [
    ("cost_usd", "cien", "optimal", "el costo de «A»"),
    ("cost_usd", dt.date(2024, 1, 1), "greedy", "el costo de «A»"),
    ("score", "alto", "optimal", "el puntaje de «A»"),
    ("reach", "muchas", "scope", "personas alcanzadas o beneficiarias de «A»"),
    ("direct_beneficiaries", "x", "optimal", "personas alcanzadas o beneficiarias de «A»"),
    ("association_id", ["X"], "optimal", "un solo código de asociación"),
])
def test_values_of_the_wrong_kind_are_refused_in_spanish(column, value, method, words):
    candidates = BASE.with_columns(pl.lit(value).alias(column))
    with pytest.raises(ValueError, match=words):
        allocate(candidates, 300, method=method)


def test_one_bad_cost_among_good_ones_is_named():
    candidates = BASE.with_columns(pl.Series("cost_usd", ["100", "doscientos", "300,5"]))
    with pytest.raises(ValueError, match="«B»"):
        allocate(candidates, 300)


def test_costs_written_as_numbers_in_text_are_read_as_numbers():
    candidates = BASE.with_columns(pl.Series("cost_usd", ["100", "200", "300.5"]))
    assert allocate(candidates, 300)["funded"].to_list() == [True, True, False]
    assert allocate(candidates.with_columns(pl.Series("cost_usd", ["100", "200", "300"])), 299.99)[
        "funded"].to_list() == [False, True, False]


@pytest.mark.parametrize("budget", [float("nan"), float("inf")])
def test_a_budget_that_is_not_a_number_says_so(budget):
    with pytest.raises(ValueError, match="número finito"):
        allocate(BASE, budget)


@pytest.mark.parametrize("ballots", [None, {}])
def test_proportional_without_ballots_says_what_it_needs_instead_of_funding_nothing(ballots):
    with pytest.raises(ValueError, match="ballots"):
        allocate(BASE, 300, method="proportional", ballots=ballots)


def test_proportional_through_allocate_funds_what_the_ballots_support():
    # Two voters with 150 each: A (100) is paid by v1 alone, B (200) by v2 alone cannot be (150 < 200), and the
    # completion adds B with what is left (300 - 100); C is on nobody's ballot.
    ballots = {"v1": {"A": 5.0}, "v2": {"B": 3.0}}
    out = allocate(BASE, 300, method="proportional", ballots=ballots)
    assert out["funded"].to_list() == [True, True, False]


@pytest.mark.parametrize(("ballots", "words"), [
    ({"v1": {"A": 5.0}}, "el único participante del grupo asesor que calificó dispone de $ 300 "),
    ({"v1": {"A": 5.0}, "v2": {"B": 1.0}}, "cada uno de los 2 participantes del grupo asesor dispone de $ 150 "),
])
def test_the_proportional_message_counts_the_participants_in_good_spanish(ballots, words):
    result = allocate_detailed(BASE, AllocationRules(budget_usd=300), method="proportional", ballots=ballots)
    assert words in result.message_es


def test_a_proposal_exclusive_with_itself_is_refused_rather_than_printed_as_a_rule():
    with pytest.raises(ValueError, match="dos propuestas distintas, y «A» está en los dos lados"):
        AllocationRules(budget_usd=300, exclusive_pairs=[("A", "B"), ("A", "A")])


@pytest.mark.parametrize("candidates", [BASE.to_pandas(), BASE.to_dicts()])
def test_candidates_that_are_not_a_polars_table_are_refused_in_spanish(candidates):
    with pytest.raises(ValueError, match="tabla de polars"):
        allocate(candidates, 300)


@pytest.mark.parametrize("rules", [
    {"must_not_fund": ["Q"]}, {"exclusive_pairs": [("A", "Q")]}, {"must_not_fund": ["Q"], "exclusive_pairs": [("Q", "R")]},
])
def test_an_exclusion_naming_a_proposal_that_does_not_compete_changes_nothing(rules):
    """A proposal the screening left out (or an acta already decided) is not among the candidates: the board's
    «no financiar» or an exclusive pair naming it made every method «imposible» («no está entre las candidatas»),
    though it keeps out what is out anyway."""
    for method in ("optimal", "greedy"):
        result = allocate_detailed(BASE, AllocationRules(budget_usd=300, **rules), method=method)
        assert result.feasible, result.message_es
        assert sorted(result.funded_ids) == sorted(allocate_detailed(BASE, AllocationRules(budget_usd=300),
                                                                     method=method).funded_ids)


def test_a_proposal_the_board_requires_that_does_not_compete_is_still_refused_by_name():
    result = allocate_detailed(BASE, AllocationRules(budget_usd=300, must_fund=["Q"]))
    assert not result.feasible and "«Q»" in result.message_es


@pytest.mark.parametrize(("cap", "says"), [
    (None, "recibe una cuota igual de $ 200;"),
    # a cap below the equal share is the quota each association really gets
    (0.1, "recibe una cuota igual de $ 60, el tope por asociación (el presupuesto en partes iguales daría $ 200);"),
])
def test_the_equal_split_names_the_quota_it_applies(cap, says):
    """With a cap of 10 % of $ 600 the equal split funded at most $ 60 per association, and said «recibe una cuota
    igual de $ 200»."""
    candidates = pl.DataFrame({"proposal_id": ["A", "B", "C"], "association_id": ["X", "Y", "Z"],
                               "cost_usd": [50.0, 150.0, 60.0], "score": [1.0, 2.0, 3.0]})
    result = allocate_detailed(candidates, AllocationRules(budget_usd=600, max_share_per_association=cap),
                               method="equal_split")
    assert sorted(result.funded_ids) == (["A", "C"] if cap else ["A", "B", "C"])
    assert any(says in note for note in result.notes_es), result.notes_es
