"""The planner's own proposals file as it comes (issue 11, item 5), rule by rule: the amount requested of the GAD
derived from cost and counterparts (a contradiction named at its column), «Tipo de apoyo» optional (the proposal
stored incomplete, screening keeping it out), unregistered associations offered with a close-name suggestion and
created only when chosen (with the parish records' rights, in the same transaction), numbers read the same way
down a column, CR-only line endings, the warnings of what keeps a row out of the budget, and the bulk status
change (all or nothing, the form's lifecycle and rights)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.engine.criteria import CriteriaContext, aid_concentration
from core.parish.mirror import ASSOCIATION
from core.proposals import bulk_status, import_preview, imports, records
from core.proposals.import_amounts import settle
from core.proposals.import_associations import AssociationChoice, closeness, new_ids, suggest
from core.proposals.models import Proposal
from core.proposals.readiness import budget_warnings
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store

PARISH = "010170"
PLANNER = User(username="tecnica-archivo", display_name="Técnica", role=Role.PLANNER)
OBSERVER = User(username="vecino-archivo", display_name="Vecino", role=Role.OBSERVER)
BOARD = User(username="vocal-archivo", display_name="Vocal", role=Role.BOARD)
REP = User(username="rep-archivo", display_name="Rosa", role=Role.ASSOCIATION, association_id="EV-A01")
TODAY = dt.date(2027, 4, 6)
pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the files are handed in on 6 April 2027

ISSUE_HEADER = ("Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);"
                "Objetivo PDOT;ODS")


def issue_file(*rows: str, ending: str = "\n", header: str = ISSUE_HEADER) -> bytes:
    return ending.join([header, *rows, ""]).encode("cp1252")


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


@pytest.fixture()
def ctx(store, con):
    return import_preview.context_for(con, store, PARISH, today=TODAY)


# -- the amounts -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "requested_given", "in_file", "derived", "problem_field", "words"), [
    ({"cost_usd": 1500.0, "counterpart_associations_usd": 300.0}, False, True, 1200.0, None, None),
    ({"cost_usd": 1500.0, "counterpart_associations_usd": 300.0, "counterpart_other_usd": 200.0}, False, True,
     1000.0, None, None),
    ({"cost_usd": 1500.0, "counterpart_associations_usd": 1500.0}, False, True, 0.0, None, None),
    ({"cost_usd": 1500.0}, False, False, None, None, None),  # no counterpart column: nothing to derive from
    ({"cost_usd": 800.0, "counterpart_associations_usd": 900.0}, False, True, None, "counterpart_associations_usd",
     "los aportes ($ 900) suman más que el costo total ($ 800)"),
    ({"cost_usd": 1500.0, "requested_usd": 1200.0, "counterpart_associations_usd": 300.0}, True, True, None, None,
     None),
    ({"cost_usd": 1500.0, "requested_usd": 1200.004, "counterpart_associations_usd": 300.0}, True, True, None,
     None, None),  # within half a cent
    ({"cost_usd": 1500.0, "requested_usd": 1000.0, "counterpart_associations_usd": 300.0}, True, True, None,
     "requested_usd", "solicitado $ 1.000 + aportes $ 300 = $ 1.300, pero el costo total es $ 1.500"),
    ({"cost_usd": 1500.0, "requested_usd": 1000.0}, True, False, None, "requested_usd", "= $ 1.000, pero"),
    ({"cost_usd": "mil", "counterpart_associations_usd": 300.0}, False, True, None, None, None),
    ({"cost_usd": 1500.0, "counterpart_associations_usd": "NaN"}, False, True, None, None, None),
    # a negative amount is the model's to name at its own column: nothing derived from it, no other column blamed
    ({"cost_usd": -12000.0}, False, True, None, None, None),
    ({"cost_usd": -12000.0, "counterpart_associations_usd": 500.0}, False, True, None, None, None),
    ({"cost_usd": 1000.0, "counterpart_associations_usd": -500.0}, False, True, None, None, None),
])
def test_the_requested_amount_is_derived_or_its_contradiction_named(values, requested_given, in_file, derived,
                                                                     problem_field, words):
    amounts = settle(values, requested_given=requested_given, counterparts_in_file=in_file)
    assert amounts.derived == derived
    assert amounts.problem_field == problem_field
    assert (words is None and amounts.problem is None) or words in amounts.problem
    assert (amounts.note is not None) == (derived is not None)


@given(cost=st.integers(1, 10_000_000), shares=st.lists(st.integers(0, 100), min_size=3, max_size=3))
def test_a_derived_amount_and_the_counterparts_add_up_to_the_cost(cost, shares):
    cents = [cost * s // 300 for s in shares]  # three counterparts whose sum never passes the cost
    values = {"cost_usd": cost / 100, "counterpart_associations_usd": cents[0] / 100,
              "counterpart_cooperant_usd": cents[1] / 100, "counterpart_other_usd": cents[2] / 100}
    amounts = settle(values, requested_given=False, counterparts_in_file=True)
    assert amounts.problem is None
    assert abs(amounts.derived + sum(cents) / 100 - cost / 100) < 0.005


@pytest.mark.parametrize(("row", "column", "words"), [
    ("EV-T11;EV-A01;Motores fuera de borda;-12.000;;60;4;EV-OE5;14", "Costo total", "no puede ser negativo"),
    ("EV-T11;EV-A01;Motores fuera de borda;-12.000;500;60;4;EV-OE5;14", "Costo total", "no puede ser negativo"),
    ("EV-T11;EV-A01;Motores fuera de borda;12.000;-500;60;4;EV-OE5;14", "Aporte comunitario",
     "no puede ser negativo"),
    ("EV-T11;EV-A01;Motores fuera de borda;;500;60;4;EV-OE5;14", "Costo total", "falta el valor"),
])
def test_a_negative_or_missing_amount_is_named_once_at_its_column(ctx, row, column, words):
    """A planner's typo («-12.000», no requested amount, an empty contribution) once stopped the page with a
    traceback; now the preview names that cell alone, not «Monto solicitado al GAD» derived from it."""
    preview = imports.preview_import(issue_file(row), "propuestas.csv", ctx)
    assert [(p.row, p.column) for p in preview.problems] == [(2, column)], [str(p) for p in preview.problems]
    assert words in preview.problems[0].message
    assert preview.rows[0].notes == []  # nothing «calculado» from a wrong amount


def test_the_issue_file_is_read_with_derived_amounts_per_row(ctx):
    data = issue_file("EV-T11;EV-A01;Huertos con riego;1.500;300;25;6;EV-OE5;2",
                      "EV-T12;EV-A03;Secadora solar;2.400,50;400,50;40;12;EV-OE1;2, 5")
    preview = imports.preview_import(data, "propuestas.csv", ctx)
    assert preview.ok, [str(p) for p in preview.problems]
    first, second = (r.proposal for r in preview.rows)
    assert (first.cost_usd, first.requested_usd, first.counterpart_associations_usd) == (1500.0, 1200.0, 300.0)
    assert (second.cost_usd, second.requested_usd) == (2400.5, 2000.0)
    assert (first.direct_beneficiaries, first.duration_months, second.sdg_goals) == (25, 6, [2, 5])
    derived = "«Monto solicitado al GAD» calculado: costo total $ 1.500 − aportes $ 300 = $ 1.200"
    assert preview.rows[0].notes == [derived]


def test_a_contradiction_is_one_problem_at_its_row_and_column(ctx):
    data = issue_file("EV-T11;EV-A01;Huertos con riego;1.500;300;1.000",
                      header="Código;Asociación;Título;Costo total;Aporte comunitario;Monto solicitado al GAD")
    preview = imports.preview_import(data, "propuestas.csv", ctx)
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Monto solicitado al GAD")]
    assert preview.rows[0].action == "error"


# -- «Tipo de apoyo» may be missing ---------------------------------------------------------------------------

@pytest.mark.parametrize(("header_extra", "cell", "expected"), [
    ("", "", None),  # the column is absent
    (";Tipo de apoyo", ";", None),  # the cell is empty
    (";Tipo de apoyo", ";Capacitación", "training"),
])
def test_a_missing_kind_of_support_leaves_the_proposal_incomplete_not_the_file_refused(ctx, header_extra, cell,
                                                                                       expected):
    data = issue_file("EV-T11;EV-A01;Huertos con riego;1.500;300;25;6;EV-OE5;2" + cell,
                      header=ISSUE_HEADER + header_extra)
    preview = imports.preview_import(data, "p.csv", ctx)
    assert preview.ok and preview.rows[0].action == "new"
    proposal = preview.rows[0].proposal
    assert proposal.support_kind == expected
    assert (proposal.missing_parts() == ["el tipo de apoyo"]) == (expected is None)
    assert any("el tipo de apoyo" in w for w in preview.rows[0].warnings) == (expected is None)


def test_an_incomplete_proposal_is_kept_out_by_screening_and_scored_without_a_kind():
    proposal = Proposal(proposal_id="X-1", association_id="A1", parish_code=PARISH, title="Riego",
                        cost_usd=100, requested_usd=100, status="submitted")
    warnings = budget_warnings(proposal)
    assert warnings[0].startswith("Formulación completa: Falta el tipo de apoyo, 3. Situación actual")
    assert "Anexo 3" in warnings[0]  # the parts of the national format cite the thesis
    score = aid_concentration(proposal, CriteriaContext())
    assert score.score == 100.0 and "Sin tipo de apoyo" in score.explanation_es


COMPLETE = {
    "proposal_id": "T-01", "association_id": "A1", "parish_code": PARISH, "title": "Riego comunitario",
    "cost_usd": 10000, "requested_usd": 10000, "support_kind": "infrastructure", "direct_beneficiaries": 20,
    "problem": "Sin agua", "general_objective": "Regar", "specific_objectives": ["Reservorio"],
    "budget_lines": [{"item": "Obra", "amount_usd": 10000}], "duration_months": 6, "project_manager": "Presidente",
    "competence_code": "productive_environment", "pdot_objective_ids": ["OE6"],
    "indicators": [{"name": "ha regadas", "baseline": "0", "target": "8", "means_of_verification": "informe"}],
    "status": "submitted",
}


@pytest.mark.parametrize(("changes", "gates"), [
    ({}, []),
    ({"status": "draft"}, ["Presentada y sin decidir"]),  # imported without «Estado»: a draft until handed in
    ({"status": "funded"}, ["Presentada y sin decidir"]),
    ({"support_kind": None}, ["Formulación completa"]),
    ({"indicators": [], "duration_months": None}, ["Formulación completa"]),
    ({"competence_code": None}, ["Competencia del GAD parroquial"]),
    ({"competence_code": "health_services"}, ["Competencia del GAD parroquial"]),
    ({"pdot_objective_ids": []}, ["Alineación con el PDOT"]),
    ({"pdot_objective_ids": ["OE99"]}, ["Alineación con el PDOT"]),
    ({"support_kind": None, "pdot_objective_ids": [], "competence_code": None},
     ["Formulación completa", "Alineación con el PDOT", "Competencia del GAD parroquial"]),
])
def test_what_keeps_a_proposal_out_of_the_budget_is_said_gate_by_gate(changes, gates):
    proposal = Proposal.model_validate({**COMPLETE, **changes})
    warnings = budget_warnings(proposal, {"productive_environment": "Fomento productivo"}, {"OE6": "Agua"})
    assert [w.split(":")[0] for w in warnings] == gates


# -- associations the parish has not registered ----------------------------------------------------------------

EL_VALLE = {"EV-A01": "Asociación Agroecológica Flor del Valle",
            "EV-A02": "Asociación de Productores Agropecuarios Nueva Esperanza",
            "EV-A03": "Asociación Agroecológica Mujeres Sembradoras",
            "EV-A04": "Asociación de Pequeños Productores Sumak Tarpuy"}


@pytest.mark.parametrize(("written", "expected"), [
    ("Asociacion Sumak Tarpui", "EV-A04"),  # accents and a typo
    ("Flor del Vale", "EV-A01"),
    ("MUJERES SEMBRADORAS", "EV-A03"),
    ("Productores Nueva Esperanza", "EV-A02"),
    ("Cooperativa Lácteos del Cajas", None),
    ("Asociación de la", None),  # only words every name has
    ("Nueva Vida", None),  # one word of two is not enough
])
def test_a_close_registered_name_is_suggested(written, expected):
    assert suggest(written, EL_VALLE) == expected


def test_a_text_too_long_for_a_name_is_a_problem_not_an_association(ctx):
    data = issue_file(f"EV-T16;{'Asociación ' * 25};Huertos;1.500;300;25;6;EV-OE5;2")
    preview = imports.preview_import(data, "p.csv", ctx)
    assert not preview.unregistered and [(p.row, p.column) for p in preview.problems] == [(2, "Asociación")]


def test_closeness_counts_the_written_words_found():
    assert closeness("Flor del Valle", EL_VALLE["EV-A01"]) == 1.0
    assert closeness("Flor Andina", EL_VALLE["EV-A01"]) == 0.5


@pytest.mark.parametrize(("registered", "expected"), [
    ({}, ["010152-A01", "010152-A02"]),
    ({"010152-A01": "Una", "010152-A03": "Otra"}, ["010152-A02", "010152-A04"]),
    ({"EV-A01": "De demostración"}, ["010152-A01", "010152-A02"]),
])
def test_created_associations_take_the_next_free_codes(registered, expected):
    assert new_ids("010152", registered, 2) == expected


UNREGISTERED = issue_file("EV-T13;Asociacion Sumak Tarpui;Vivero;3.000;1.000;18;10;EV-OE5;15",
                          "EV-T14;Cooperativa Lácteos del Cajas;Tanque de leche;5.000;1.500;30;8;EV-OE1;8",
                          "EV-T15;EV-A01;Huertos;1.000;0;10;6;EV-OE5;2")
SUMAK, CAJAS = "asociacion sumak tarpui", "cooperativa lacteos del cajas"


@pytest.mark.parametrize(("choices", "actions", "leads"), [
    ({}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # nothing chosen: nothing created or guessed
    ({SUMAK: AssociationChoice("suggested")}, ["new", "skipped", "new"], ["EV-A04", None, "EV-A01"]),
    ({CAJAS: AssociationChoice("create")}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # no members
    ({CAJAS: AssociationChoice("create", 14), SUMAK: AssociationChoice("leave_out")}, ["skipped", "new", "new"],
     [None, "010170-A01", "EV-A01"]),
    ({CAJAS: AssociationChoice("suggested")}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # none to use
    ({CAJAS: AssociationChoice("create", 100_001)}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),
])
def test_an_unregistered_association_is_offered_never_created_silently(ctx, choices, actions, leads):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices=choices)
    assert preview.ok
    assert [r.action for r in preview.rows] == actions
    assert [r.proposal.association_id if r.proposal else None for r in preview.rows] == leads
    assert {k: (u.name, u.suggestion, u.lines) for k, u in preview.unregistered.items()} == {
        SUMAK: ("Asociacion Sumak Tarpui", "EV-A04", [2]), CAJAS: ("Cooperativa Lácteos del Cajas", None, [3])}
    skipped = [r for r in preview.rows if r.action == "skipped"]
    assert all("no está registrada en la parroquia" in r.warnings[0] for r in skipped)


def test_saving_creates_the_chosen_association_with_the_proposals_in_one_step(ctx, store):
    choices = {CAJAS: AssociationChoice("create", 14), SUMAK: AssociationChoice("suggested")}
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices=choices)
    log = len(store.log())
    assert imports.save_import(store, PLANNER, preview) == 3
    created = store.get(ASSOCIATION, "010170-A01")
    assert (created.body["name"], created.body["members_total"], created.body["is_synthetic"]) == (
        "Cooperativa Lácteos del Cajas", 14, False)
    assert store.get(records.PROPOSAL, "EV-T14").body["association_id"] == "010170-A01"
    assert len(store.log()) == log + 4, "one association and three proposals"


@pytest.mark.parametrize("user", [OBSERVER, BOARD, REP], ids=["observer", "board", "representative"])
def test_who_may_not_import_creates_no_association(ctx, store, user):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices={CAJAS: AssociationChoice("create", 14)})
    log = len(store.log())
    with pytest.raises(PermissionDenied):
        imports.save_import(store, user, preview)
    assert len(store.log()) == log and store.get(ASSOCIATION, "010170-A01") is None


def test_a_conflict_stores_neither_the_association_nor_the_proposals(ctx, store):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices={CAJAS: AssociationChoice("create", 14)})
    store.save(records.PROPOSAL, "EV-T15", preview.rows[2].proposal.model_dump(mode="json"), actor="otra",
               parish_code=PARISH, expected_version=0)  # someone saved EV-T15 meanwhile
    log = len(store.log())
    with pytest.raises(ConflictError):
        imports.save_import(store, PLANNER, preview, only_valid=True)
    assert len(store.log()) == log and store.get(ASSOCIATION, "010170-A01") is None


# -- numbers and line endings ---------------------------------------------------------------------------------

NUMBERS_HEADER = "Código;Asociación;Título;Costo total;Monto solicitado"


@pytest.mark.parametrize(("sep", "cells", "costs", "requested"), [
    (";", [("1.500", "1.500")], [1500.0], [1500.0]),  # nothing settles it: a `;` file is es-EC
    (";", [("1.500,50", "1.500,50")], [1500.5], [1500.5]),
    (";", [("1.500", "1.500"), ("1.500,50", "1.500,50")], [1500.0, 1500.5], [1500.0, 1500.5]),
    (";", [("$ 12.000", "12.000,00")], [12000.0], [12000.0]),
    (",", [('"1,500"', '"1,500"')], [1500.0], [1500.0]),  # a `,` file writes dot decimals: the comma groups
    (",", [('"1,500.50"', '"1,500.50"')], [1500.5], [1500.5]),
    (";", [("1.234.567", "1.234.567")], [1234567.0], [1234567.0]),
])
def test_numbers_read_as_people_write_them_in_their_file(ctx, sep, cells, costs, requested):
    rows = [sep.join([f"EV-T3{i}", "EV-A01", "Riego", cost, asked]) for i, (cost, asked) in enumerate(cells)]
    data = "\n".join([NUMBERS_HEADER.replace(";", sep), *rows, ""]).encode()
    preview = imports.preview_import(data, "p.csv", ctx)
    assert preview.ok, [str(p) for p in preview.problems]
    assert [r.proposal.cost_usd for r in preview.rows] == costs
    assert [r.proposal.requested_usd for r in preview.rows] == requested


@pytest.mark.parametrize(("sep", "cells", "refused"), [
    (";", ["12,500"], True),               # twelve and a half, or twelve thousand five hundred?
    (";", ["12,500", "1.234,56"], False),  # another amount writes the comma decimal: 12,5
    (",", ['"12.500"'], True),             # in a comma-separated file the doubt is the dot
    (";", ["12,50"], False),               # two decimals: only cents
])
def test_an_amount_that_reads_two_ways_is_refused_at_its_row_and_column(ctx, sep, cells, refused):
    rows = [sep.join([f"EV-T4{i}", "EV-A01", "Riego", cell, cell]) for i, cell in enumerate(cells)]
    data = "\n".join([NUMBERS_HEADER.replace(";", sep), *rows, ""]).encode()
    preview = imports.preview_import(data, "p.csv", ctx)
    doubts = [(p.row, p.column) for p in preview.problems if "puede leerse como" in p.message]
    assert doubts == ([(2, "Costo total"), (2, "Monto solicitado")] if refused else [])
    if not refused:
        assert preview.rows[0].proposal.requested_usd == 12.5, [str(p) for p in preview.problems]


def test_a_column_is_read_the_same_way_in_every_row(ctx):
    """«12.5» settles that the cost column writes dot decimals, so its «1.500» is 1,5 in that column; the
    requested column's own «12,5» keeps the file's comma: the same text reads differently across columns,
    never across the rows of one column, and the notice says which column was read how."""
    data = "\n".join([NUMBERS_HEADER, "EV-T31;EV-A01;Riego;1.500;1.500", "EV-T32;EV-A01;Vivero;12.5;12,5",
                      ""]).encode()
    preview = imports.preview_import(data, "p.csv", ctx)
    assert [r.cost_usd for r in preview.rows] == [1.5, 12.5]
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Monto solicitado")]
    assert "La columna «Costo total» se leyó con punto decimal (1,234.56), como lo dicen sus propios valores." \
        in preview.notices


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_the_issue_file_reads_the_same_with_any_line_endings(ctx, ending):
    data = issue_file("EV-T11;EV-A01;Huertos con riego;1.500;300;25;6;EV-OE5;2",
                      "EV-T12;EV-A03;Secadora solar;2.400,50;400,50;40;12;EV-OE1;2, 5", ending=ending)
    preview = imports.preview_import(data, "viejo mac.csv", ctx)
    assert preview.ok
    assert [(r.proposal_id, r.proposal.requested_usd) for r in preview.rows] == [("EV-T11", 1200.0),
                                                                               ("EV-T12", 2000.0)]


# -- bulk status change ---------------------------------------------------------------------------------------

def stored_drafts(store: Store, *leads: str) -> list[str]:
    codes = [f"EV-T4{i}" for i in range(len(leads))]
    records.import_proposals(store, PLANNER, [
        Proposal(proposal_id=c, association_id=a, parish_code=PARISH, title=f"Borrador {c}", cost_usd=1000,
                 requested_usd=1000) for c, a in zip(codes, leads, strict=True)])
    return codes


def status(store: Store, code: str) -> str:
    return store.get(records.PROPOSAL, code).body["status"]


def test_a_planner_hands_in_several_drafts_at_once(store):
    codes = stored_drafts(store, "EV-A01", "EV-A02", "EV-A03")
    assert bulk_status.change_statuses(store, PLANNER, codes, "submitted", today=TODAY, note="Junta del 6") == 3
    for code in codes:
        proposal = Proposal.model_validate(store.get(records.PROPOSAL, code).body)
        assert proposal.status == "submitted"
        assert (proposal.status_history[-1].date, proposal.status_history[-1].note) == (TODAY, "Junta del 6")


@pytest.mark.parametrize(("user", "target", "extra", "refused", "words"), [
    (PLANNER, "funded", [], 2, "no se puede pasar de «Borrador» a «Financiada»"),  # a step the lifecycle does not allow
    (PLANNER, "submitted", ["EV-P01"], 1, "ya está en «Presentada»"),
    (PLANNER, "submitted", ["EV-P99"], 1, "la propuesta ya no existe"),
    (REP, "submitted", [], 1, ""),  # the second draft is another association's
])
def test_a_bulk_change_moves_all_or_nothing_with_each_reason(store, user, target, extra, refused, words):
    codes = stored_drafts(store, "EV-A01", "EV-A02")
    log = len(store.log())
    with pytest.raises(bulk_status.BulkRefused) as caught:
        bulk_status.change_statuses(store, user, [*codes, *extra], target, today=TODAY)
    assert len(caught.value.refusals) == refused
    assert all(words in r.reason for r in caught.value.refusals)
    assert len(store.log()) == log and [status(store, c) for c in codes] == ["draft", "draft"]


def test_a_representative_hands_in_their_own_drafts(store):
    codes = stored_drafts(store, "EV-A01", "EV-A01")
    assert bulk_status.change_statuses(store, REP, codes, "submitted", today=TODAY) == 2


@pytest.mark.parametrize("user", [None, OBSERVER, BOARD], ids=["nobody", "observer", "board"])
def test_who_may_not_write_proposals_moves_none(store, user):
    codes = stored_drafts(store, "EV-A01")
    log = len(store.log())
    with pytest.raises(PermissionDenied):
        bulk_status.change_statuses(store, user, codes, "submitted", today=TODAY)
    assert len(store.log()) == log


def test_a_bulk_change_meets_a_concurrent_edit_as_a_conflict(store, monkeypatch):
    codes = stored_drafts(store, "EV-A01", "EV-A02")
    real_apply = store.apply

    def edited_meanwhile(changes, actor, **options):
        monkeypatch.setattr(store, "apply", real_apply)
        record = store.get(records.PROPOSAL, codes[1])
        store.save(records.PROPOSAL, codes[1], {**record.body, "title": "Editada por otra persona"}, actor="otra",
                   parish_code=PARISH, expected_version=record.version)
        return real_apply(changes, actor=actor, **options)

    monkeypatch.setattr(store, "apply", edited_meanwhile)
    with pytest.raises(ConflictError):
        bulk_status.change_statuses(store, PLANNER, codes, "submitted", today=TODAY)
    assert [status(store, c) for c in codes] == ["draft", "draft"]


def test_the_refusal_reads_as_one_spanish_line():
    refusal = bulk_status.Refusal("EV-P01", "Riego", "ya está en «Presentada»")
    assert str(refusal) == "EV-P01 («Riego»): ya está en «Presentada»"
