"""A proposal's texts may not hold a character that cannot be seen (core.user_text), as the parish's own files and
the cooperation records already refuse: a right-to-left override pasted into a title shows «Riego geir» as
«Riego rieg» on the page while the acta's PDF and the IATI file drop it, and an escape or a NUL in a summary is
lost the same way. The proposals file, the form and core's save all let them through; each now names the field
(the file its row and column) and stores nothing. The parish is Cumbe, not El Valle."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.parish.models import ParishAssociation, global_id
from core.parish.records import ParishBatch, save_as
from core.proposals import bulk_status, entry, imports, records
from core.proposals.import_preview import ImportContext
from core.proposals.models import Proposal
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import store_accounts

PARISH = "010152"
PLANNER = User(username="tecnica-cumbe", display_name="Técnica", role=Role.PLANNER)
CTX = ImportContext(parish_code=PARISH, parish_name="Cumbe", associations={"A01": "Flor de Mayo"},
                    today=dt.date(2026, 12, 5))
HEADER = "Código;Asociación;Título;Resumen;Costo total (USD);Monto solicitado;Riesgos"
HIDDEN = [("\u202e", "U+202E"), ("\u200b", "U+200B"), ("\x1b", "U+001B"), ("\x00", "U+0000")]


def _file(title: str = "Riego por goteo", summary: str = "Tanques", risks: str = "Sequía") -> bytes:
    return "\n".join([HEADER, f"P01;A01;{title};{summary};1.000;1.000;{risks}", ""]).encode("utf-8")


@pytest.mark.parametrize(("char", "code"), HIDDEN[:3])  # a NUL makes the whole CSV binary: refused as such
@pytest.mark.parametrize(("column", "field"), [("Título", "title"), ("Resumen", "summary"), ("Riesgos", "risks")])
def test_a_file_cell_with_a_hidden_character_is_refused_at_its_cell(char, code, column, field):
    preview = imports.preview_import(_file(**{field: f"Riego{char} por goteo"}), "p.csv", CTX)
    [row] = preview.rows
    assert row.action == "error" and row.proposal is None
    assert [(p.row, p.column) for p in preview.problems] == [(2, column)], preview.problems
    assert code in preview.problems[0].message


def test_a_file_without_hidden_characters_is_still_offered():
    preview = imports.preview_import(_file(summary="Tanques\tde agua 🌱"), "p.csv", CTX)
    assert preview.problems == [] and [r.action for r in preview.rows] == ["new"]


@pytest.mark.parametrize(("char", "code"), HIDDEN)
def test_the_form_names_the_field_with_a_hidden_character(char, code):
    values = {"proposal_id": "P01", "association_id": "A01", "title": "Riego por goteo",
              "summary": f"Tanques{char} de agua", "cost_usd": 1000.0, "requested_usd": 1000.0}
    with pytest.raises(entry.FormError) as refused:
        entry.from_form(values, None, parish_code=PARISH)
    assert any(code in problem for problem in refused.value.problems), refused.value.problems


def _store(tmp_path) -> Store:
    store = store_accounts(Store(tmp_path / "s.sqlite"), PLANNER)
    save_as(store, "consola", ParishBatch(PARISH).add("asociaciones", [
        ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)]))
    return store


def _proposal(title: str) -> Proposal:
    lead = global_id(PARISH, "A01")
    return Proposal(proposal_id="P01", association_id=lead, association_ids=[lead], parish_code=PARISH, title=title,
                    cost_usd=1000.0, requested_usd=1000.0)


def test_core_refuses_to_store_a_proposal_with_a_hidden_character(tmp_path):
    store = _store(tmp_path)
    clean = _proposal("Riego por goteo")
    assert records.save_proposal(store, PLANNER, clean) == 1  # the same proposal without the mark is stored
    spoofed = clean.model_copy(update={"proposal_id": "P02", "title": "Riego\u202e por goteo"})
    with pytest.raises(ValueError, match="U\\+202E"):
        records.save_proposal(store, PLANNER, spoofed)
    with pytest.raises(ValueError, match="U\\+202E"):
        records.import_proposals(store, PLANNER, [spoofed])
    assert [v.item.proposal_id for v in records.proposals(store, PARISH)] == ["P01"]


@pytest.mark.parametrize(("sheet", "header", "cells", "column"), [
    ("Presupuesto", ["Código de la propuesta", "Rubro o actividad", "Monto (USD)", "A cargo de"],
     ["P01", "Mangueras\u202e", 1000, "GAD"], "Rubro o actividad"),
    ("Indicadores", ["Código de la propuesta", "Indicador", "Línea base", "Meta", "Medio de verificación"],
     ["P01", "Familias\u200b con riego", "0", "30", "Actas"], "Indicador"),
])
def test_a_nested_sheet_cell_with_a_hidden_character_is_refused_at_its_cell(sheet, header, cells, column):
    """A budget line or an indicator with such a mark was offered as new and only refused by core on saving."""
    book = Workbook()
    book.active.title = "Propuestas"
    book.active.append(["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado"])
    book.active.append(["P01", "A01", "Riego por goteo", 1000, 1000])
    nested = book.create_sheet(sheet)
    nested.append(header)
    nested.append(cells)
    out = io.BytesIO()
    book.save(out)
    preview = imports.preview_import(out.getvalue(), "p.xlsx", CTX)
    assert [r.action for r in preview.rows] == ["error"]
    assert any(p.file == f"p.xlsx › {sheet}" and p.row == 2 and p.column == column and "U+" in p.message
               for p in preview.problems), preview.problems


def test_a_status_note_with_a_hidden_character_moves_no_proposal(tmp_path):
    """Moving several proposals at once stored the note as given: a right-to-left override in it went into the
    status history, which no save may change afterwards, so every later save of the proposal was refused."""
    store = _store(tmp_path)
    records.save_proposal(store, PLANNER, _proposal("Riego por goteo"))
    with pytest.raises(bulk_status.BulkRefused, match="U\\+202E"):
        bulk_status.change_statuses(store, PLANNER, ["P01"], "submitted", today=dt.date(2026, 12, 5),
                                    note="Revisado\u202e por la técnica")
    stored = records.proposal(store, "P01")
    assert (stored.version, stored.item.status_history) == (1, [])
    bulk_status.change_statuses(store, PLANNER, ["P01"], "submitted", today=dt.date(2026, 12, 5), note="Revisado")
    records.save_proposal(store, PLANNER, records.proposal(store, "P01").item.model_copy(update={"summary": "Tanques"}))


@pytest.mark.parametrize(("field", "named"), [("summary", "Resumen"), ("background", "Antecedentes"),
                                              ("risks", "Riesgos")])
def test_core_names_the_field_in_spanish(tmp_path, field, named):
    """core's refusal reaches the page when the form does not hold the text (a status note, a text stored before):
    it named the field as the code does («summary: tiene un carácter…»)."""
    text = "Sequía\u200b"
    spoofed = _proposal("Riego por goteo").model_copy(update={field: [text] if field == "risks" else text})
    with pytest.raises(ValueError, match=f"^{named}: .*U\\+200B"):
        records.save_proposal(_store(tmp_path), PLANNER, spoofed)


def test_a_status_note_refusal_names_the_history_in_spanish(tmp_path):
    store = _store(tmp_path)
    records.save_proposal(store, PLANNER, _proposal("Riego por goteo"))
    with pytest.raises(bulk_status.BulkRefused, match="Historial de estados: .*U\\+202E"):
        bulk_status.change_statuses(store, PLANNER, ["P01"], "submitted", today=dt.date(2026, 12, 5), note="Ya\u202e")
