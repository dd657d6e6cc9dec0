"""The Propuestas page's core: the list and its filters, a proposal built from the form with Spanish errors,
status changes only along the lifecycle, and who is offered the form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import fmt
from core.lists import join_list
from core.proposals import entry
from core.proposals.import_cells import parse_number
from core.proposals.import_templates import demo_proposals
from core.proposals.models import ProposalStatus
from core.record.auth import Role, User

PLANNER = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)


@pytest.fixture(scope="module")
def demo():
    return demo_proposals()


@pytest.fixture(scope="module")
def frame(demo):
    names = {"EV-A01": "Asociación Agroecológica Flor del Valle", "EV-A03": "Mujeres Sembradoras"}
    return entry.list_frame(((p, 1) for p in demo), names)


def test_the_list_has_one_row_per_proposal_with_spanish_labels(frame, demo):
    assert frame.height == len(demo) and frame["proposal_id"].is_sorted()
    assert set(frame["status_label"]) == {"Presentada"}
    assert "Equipos" in set(frame["support_label"])
    assert frame.filter(frame["proposal_id"] == "EV-P01")["n_associations"][0] == 5


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, None),
    ({"statuses": ["draft"]}, []),
    ({"kinds": ["inputs"]}, ["EV-P09", "EV-P14"]),
    ({"associations": ["EV-A03"]}, ["EV-P01", "EV-P05", "EV-P06"]),  # also as a co-proponent of EV-P01
    ({"text": "COMERCIALIZACION integrada"}, ["EV-P01"]),
    ({"text": "flor del valle", "kinds": ["marketing"]}, ["EV-P01"]),
])
def test_filters_combine(frame, filters, expected):
    shown = entry.filter_frame(frame, **filters)["proposal_id"].to_list()
    assert shown == (frame["proposal_id"].to_list() if expected is None else expected)


@pytest.mark.parametrize("items", [["Uno", "Dos"], ["Primera línea\nsegunda línea", "Sembrar; y cosechar"],
                                   ['Variedad "INIAP 2"', "  con espacios  ", "n/a"]])
def test_objectives_and_risks_shown_one_per_line_are_saved_as_they_were(demo, items):
    """The form shows the lists one per line and reads back what it shows: an objective imported with a line break
    was saved as two, one with spaces at its ends lost them."""
    shown = join_list(items, lines=True)
    edited = entry.from_form({"specific_objectives": shown, "risks": shown}, demo[0], parish_code="010170")
    assert (edited.specific_objectives, edited.risks) == (items, items)


def test_a_proposal_from_the_form_keeps_what_the_form_does_not_show(demo):
    base = demo[0]
    edited = entry.from_form({"title": "  Título nuevo  ", "specific_objectives": "Uno\n\nDos\n"}, base,
                             parish_code="010170")
    assert edited.title == "Título nuevo" and edited.specific_objectives == ["Uno", "Dos"]
    assert edited.budget_lines == base.budget_lines and edited.status_history == base.status_history


def test_form_errors_are_spanish_and_name_the_field(demo):
    values = {"proposal_id": "P 1", "association_id": "EV-A01", "title": "Ri", "cost_usd": 1000.0,
              "requested_usd": 1500.0, "support_kind": "equipment",
              "budget_lines": [{"item": "Equipos", "amount_usd": -5.0, "source": "gad"}]}
    with pytest.raises(entry.FormError) as info:
        entry.from_form(values, None, parish_code="010170")
    problems = info.value.problems
    assert problems == [
        ("Código: formato no válido «P 1»: use letras, números, punto, guion o guion bajo, sin espacios (por ejemplo "
        "EV-P01)"),
        "Título: es demasiado corto (mínimo 3 caracteres)",
        ("Presupuesto por líneas (línea 1): el monto de la línea de presupuesto no puede ser negativo (se recibió "
        "-$ 5)")]


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.500,00", 1500.0), ("$ 1.500,50", 1500.5), ("1500", 1500.0), ("12,5", 12.5), ("2.000", 2000.0),
    (800.0, 800.0),
])
def test_budget_line_amounts_are_read_as_written_in_es_ec(typed, amount):
    """The form's cost lines hold amounts as people write them in Ecuador."""
    values = {"proposal_id": "EV-P99", "association_id": "EV-A01", "title": "Huertos familiares", "cost_usd": amount,
              "requested_usd": amount, "support_kind": "inputs",
              "budget_lines": [{"item": "Equipos", "amount_usd": typed, "source": "gad"}]}
    new = entry.from_form(values, None, parish_code="010170")
    assert [line.amount_usd for line in new.budget_lines] == [amount]


def test_a_budget_line_amount_that_is_no_number_is_refused_on_its_line():
    values = {"proposal_id": "EV-P99", "association_id": "EV-A01", "title": "Huertos familiares", "cost_usd": 1000.0,
              "requested_usd": 1000.0, "support_kind": "inputs",
              "budget_lines": [{"item": "Equipos", "amount_usd": "1.000,00", "source": "gad"},
                               {"item": "Obra", "amount_usd": "mil dólares", "source": "gad"}]}
    with pytest.raises(entry.FormError) as info:
        entry.from_form(values, None, parish_code="010170")
    assert len(info.value.problems) == 1
    assert "(línea 2)" in info.value.problems[0] and "mil dólares" in info.value.problems[0]


def test_a_new_proposal_is_a_draft_and_moves_only_along_the_lifecycle(demo):
    values = {"proposal_id": "EV-P99", "association_id": "EV-A01", "title": "Huertos familiares", "cost_usd": 1000.0,
              "requested_usd": 1000.0, "support_kind": "inputs"}
    new = entry.from_form(values, None, parish_code="010170", source="prueba")
    assert new.status == ProposalStatus.DRAFT and new.association_ids == ["EV-A01"] and new.source == "prueba"
    submitted = entry.from_form(values, None, parish_code="010170", new_status="submitted", note="entregada")
    assert submitted.status == ProposalStatus.SUBMITTED
    assert [c.status for c in submitted.status_history] == ["draft", "submitted"]
    with pytest.raises(entry.FormError, match="no se puede pasar de «Borrador» a «Financiada»"):
        entry.from_form(values, None, parish_code="010170", new_status="funded")


def test_who_is_offered_the_form_and_which_steps(demo):
    own = next(p for p in demo if "EV-A03" in p.association_ids)
    other = next(p for p in demo if "EV-A03" not in p.association_ids)
    assert entry.may_edit(PLANNER, other) and not entry.may_edit(REP, other)
    screened = own.model_copy(update={"status": ProposalStatus.ELIGIBLE})
    assert own.status == ProposalStatus.SUBMITTED and entry.may_edit(REP, own)  # to take it back to a draft
    assert not entry.may_edit(REP, screened) and entry.may_edit(REP, None)  # screened: the planner's
    assert not entry.may_edit(BOARD) and not entry.may_edit(None)
    assert entry.next_statuses("submitted", PLANNER) == ["draft", "eligible", "not_eligible"]
    assert entry.next_statuses("submitted", REP) == ["draft"]
    assert entry.next_statuses("eligible", REP) == []
    assert entry.next_statuses("draft", None) == []


@given(st.decimals(min_value=0, max_value=10_000_000, places=2))
def test_an_amount_the_form_shows_reads_back_the_same(amount):
    """The cost lines show «1.500,00» (core.fmt) and read it back (core.proposals.import_cells): nothing drifts
    when a proposal is saved again unchanged."""
    value = float(amount)
    assert parse_number(fmt.number(value, 2)) == value


@pytest.mark.parametrize(("user", "status", "proponents", "seen"), [
    (REP, "draft",
     ["EV-A01"], False),
    (REP, "draft",
     ["EV-A01", "EV-A03"], True),
    (REP, "submitted",
     ["EV-A01"], True),
    (PLANNER, "draft", ["EV-A01"], True),
    (BOARD, "draft", ["EV-A01"], True),
])
def test_a_representative_sees_another_association_s_proposal_once_handed_in(demo, user, status, proponents, seen):
    proposal = demo[0].model_copy(update={"association_id": proponents[0], "association_ids": proponents,
                                          "status": status, "status_history": []})
    assert entry.seen_by(user, [proposal]) == ([proposal] if seen else [])
