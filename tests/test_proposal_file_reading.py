"""The planner's own proposals file as it comes (issue 11, item 5), read row by row: the amount requested of the GAD
derived from cost and counterparts (a contradiction named at its column), «Tipo de apoyo» optional (the proposal
stored incomplete, screening keeping it out, the warnings of what keeps a row out of the budget), numbers read the
same way down a column, and CR-only line endings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.engine.criteria import CriteriaContext, aid_concentration
from core.proposals import imports
from core.proposals.import_amounts import settle
from core.proposals.models import Proposal
from core.proposals.readiness import budget_warnings
from tests import proposals_issue_file
from tests.proposals_issue_file import ISSUE_HEADER, PARISH, issue_file

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the files are handed in on 6 April 2027


# A new store for each test, and the import context on the day the files are handed in (tests.proposals_issue_file).
store, ctx = proposals_issue_file.store, proposals_issue_file.ctx


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
