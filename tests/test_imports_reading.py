"""Importing proposals from the planner's own files: every separator, decimal mark, encoding and header order reads
the same proposal; numbers are read as people write them; formula-like and HTML text is kept as plain text; the
template and the demo proposals file import cleanly. The files are written here, in tmp_path, the way Excel or
LibreOffice would write them (tests.planner_files)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from core.data.validation import required_columns
from core.proposals import import_cells, import_columns, import_preview, import_templates, imports, records, removal
from core.proposals.models import Proposal
from core.record.store import Store
from tests import planner_files
from tests.planner_files import HEADER, PARISH, PLANNER, TITLE, csv_file, messages, preview, row, xlsx_file

# The module's store and the planner's import context on it (tests.planner_files).
store, ctx = planner_files.store, planner_files.ctx


# -- Every way a good file can be written reads the same proposal --------------------------------------------

def reordered(cells: list[str], header: list[str]) -> tuple[list[str], list[str]]:
    order = list(reversed(range(len(header))))
    return [header[i] for i in order], [cells[i] for i in order]


_rev_header, _rev_row = reordered(row(), HEADER)
_plain_header = ["codigo", "ASOCIACION", "titulo", "costo total", "MONTO SOLICITADO AL GAD", "aporte asociaciones",
                 "beneficiarios directos", "mujeres", "jovenes", "pdot", "ods", "tipo de apoyo"]

GOOD_FILES = {
    "semicolon, comma decimals with thousands": lambda: (csv_file([row()]), "p.csv"),
    "comma, dot decimals with thousands": lambda: (
        csv_file([row("1,234.56", "1,000.00", "234.56")], sep=","), "p.csv"),
    "semicolon, comma decimals without thousands": lambda: (csv_file([row("1234,56", "1000", "234,56")]), "p.csv"),
    "comma, dot decimals without thousands": lambda: (
        csv_file([row("1234.56", "1000", "234.56")], sep=","), "p.csv"),
    "money with dollar signs": lambda: (csv_file([row("$ 1.234,56", "USD 1.000", "$234,56")]), "p.csv"),
    "UTF-8 with BOM": lambda: (csv_file([row()], bom=True), "p.csv"),
    "Windows-1252": lambda: (csv_file([row()], encoding="cp1252"), "p.csv"),
    "UTF-16 tab separated (Excel «Texto Unicode»)": lambda: (
        b"\xff\xfe" + csv_file([row()], sep="\t").decode().encode("utf-16-le"), "p.txt"),
    "Excel's sep= first line": lambda: (b"sep=;\r\n" + csv_file([row()]), "p.csv"),
    "headers in another order": lambda: (csv_file([_rev_row], header=_rev_header), "p.csv"),
    "headers without accents, any case, other names": lambda: (csv_file([row()], header=_plain_header), "p.csv"),
    "association by its exact name": lambda: (
        csv_file([row(association="asociacion agroecologica FLOR DEL VALLE")]), "p.csv"),
    "xlsx with numbers as numbers": lambda: (
        xlsx_file([[*row()[:3], 1234.56, 1000, 234.56, 30, 12, 4, "EV-OE1; EV-OE5", "2; 8", "Equipamiento"]]),
        "p.xlsx"),
    "xlsx with numbers typed as text": lambda: (xlsx_file([row()]), "p.xlsx"),
    "xlsx with a title row above the header": lambda: (xlsx_file([row()], title_rows=2), "p.xlsx"),
    "xlsx saved with a .csv name": lambda: (xlsx_file([row()]), "p.csv"),
}


@pytest.mark.parametrize("variant", list(GOOD_FILES))
def test_every_variant_of_a_good_file_reads_the_same_proposal(variant, ctx):
    data, name = GOOD_FILES[variant]()
    result = preview(data, name, ctx)
    assert result.ok, messages(result)
    [only] = result.rows
    assert only.action == "new"
    p = only.proposal
    assert (p.proposal_id, p.association_id, p.title) == ("EV-P90", "EV-A01", TITLE)
    assert (p.cost_usd, p.requested_usd, p.counterpart_associations_usd) == (1234.56, 1000.0, 234.56)
    assert (p.direct_beneficiaries, p.women_beneficiaries, p.youth_beneficiaries) == (30, 12, 4)
    assert p.pdot_objective_ids == ["EV-OE1", "EV-OE5"] and p.sdg_goals == [2, 8]
    assert p.support_kind == "equipment" and p.parish_code == PARISH and p.status == "draft"
    assert not p.is_synthetic and "Importada del archivo" in (p.source or "")


def test_an_association_merged_down_beside_its_proposals_is_read_on_every_row(ctx):
    """A planner writes the association once and merges its cell down over its three proposals: each row reads
    it, as the person sees it. A title merged across two columns stays in its own column."""
    book = load_workbook(io.BytesIO(xlsx_file([row(code=f"EV-P9{i}", association="EV-A01" if i == 1 else "")
                                               for i in (1, 2, 3)])))
    sheet = book.active
    sheet.merge_cells("B2:B4")
    sheet["M2"] = "nota"
    sheet.merge_cells("L2:M2")
    out = io.BytesIO()
    book.save(out)
    result = preview(out.getvalue(), "p.xlsx", ctx)
    assert result.ok, messages(result)
    assert [(r.proposal.proposal_id, r.proposal.association_id) for r in result.rows] == [
        ("EV-P91", "EV-A01"), ("EV-P92", "EV-A01"), ("EV-P93", "EV-A01")]


def test_the_national_format_columns_are_read_and_the_check_sees_them(ctx):
    from core.proposals import formulation

    header = [*HEADER, "Justificación", "Antecedentes", "Consideraciones de género", "Plan de seguimiento y evaluación"]
    cells = [*row(), "Sin riego se pierde la cosecha", "Sequía de 2024", "Cupos para socias", "Informe trimestral"]
    result = preview(csv_file([cells], header=header), "p.csv", ctx)
    assert result.ok, messages(result)
    p = result.rows[0].proposal
    assert (p.justification, p.background) == ("Sin riego se pierde la cosecha", "Sequía de 2024")
    assert (p.gender_considerations, p.monitoring_plan) == ("Cupos para socias", "Informe trimestral")
    named = [item.label_es for item in formulation.missing(p)]
    assert not any(n.startswith(("2.", "4.", "16.")) for n in named)
    assert any(n.startswith("9.") for n in named)  # strategies were not in the file


@pytest.mark.parametrize(("text", "decimal", "expected"), [
    ("1.234,56", ",", 1234.56), ("1,234.56", ",", 1234.56), ("1234,5", ".", 1234.5), ("1234.5", ",", 1234.5),
    ("1.234", ",", 1234.0), ("1.234", ".", 1.234), ("1,234", ".", 1234.0), ("1.234.567", ".", 1234567.0),
    ("$ 12.000", ",", 12000.0), ("-500", ",", -500.0), ("  7 ", ",", 7.0), ("mil", ",", "mil"),
    ("=A1*2", ",", "=A1*2"), ("", ",", None), (1500, ",", 1500.0),
])
def test_numbers_are_read_as_people_write_them(text, decimal, expected):
    assert import_cells.parse_number(text, decimal) == expected


def test_the_decimal_mark_is_decided_once_per_file(ctx):
    # '2.500' alone is ambiguous; '1.234,56' in the same file settles that '.' groups thousands
    data = csv_file([row("1.234,56", "1.000", "234,56"), row("2.500", "2.500", "0", code="EV-P91")])
    result = preview(data, "p.csv", ctx)
    assert result.ok, messages(result)
    assert [r.proposal.cost_usd for r in result.rows] == [1234.56, 2500.0]
    assert any("coma decimal" in n for n in result.notices)


def test_header_aliases_are_accent_and_case_insensitive():
    for written in ("Código", "codigo", "CÓDIGO PROPUESTA", "Código de la propuesta"):
        assert import_columns.HEADER_ALIASES[import_cells.normalise(written)] == "proposal_id"
    assert import_columns.HEADER_ALIASES[import_cells.normalise("Costo total (USD)")] == "cost_usd"
    assert import_columns.HEADER_ALIASES[import_cells.normalise("Jóvenes")] == "youth_beneficiaries"
    required = [c.field for c in import_columns.COLUMNS if c.required]
    # the parish is the one chosen in Minga; the amount requested may be derived from cost and counterparts
    assert set(required_columns(Proposal)) == {*required, "parish_code", "requested_usd"}


# -- Formula-like and HTML text is kept as plain text, never evaluated -----------------------------------------

@pytest.mark.parametrize("text", ['=HYPERLINK("http://malo.example","clic")', "+1+2 riego", "-3 canales", "@SUM(A1:A9)",
                                  "<script>alert('x')</script><b>Riego</b>", "<img src=x onerror=alert(1)>"])
def test_formula_like_and_html_text_is_kept_as_plain_text(text, ctx):
    for data, name in ((csv_file([row(title=text)]), "p.csv"), (xlsx_file([row(title=text)]), "p.xlsx")):
        result = preview(data, name, ctx)
        assert result.ok, messages(result)
        assert result.rows[0].proposal.title == text


def test_workbook_formulas_are_never_evaluated(ctx):
    # openpyxl writes formulas without a cached value, as a file never opened in Excel
    data = xlsx_file([[*row()[:2], '=CONCAT("Rie","go")', "=1000+234.56", 1000, 234.56, 30, 12, 4, "EV-OE1", "2",
                       "Equipamiento"]])
    result = preview(data, "p.xlsx", ctx)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Costo total (USD)")]
    assert "Minga no calcula fórmulas" in result.problems[0].message
    assert "Costo total (USD): es una fórmula" in result.table()["problems"][0]  # the row carries its problem


# -- The template and the demo proposals file -----------------------------------------------------------------------

def test_the_template_explains_every_column_and_imports_cleanly(ctx):
    data = import_templates.template_xlsx(ctx)
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Propuestas", "Presupuesto", "Indicadores", "Instrucciones", "Códigos"]
    headers = [c.value for c in next(book["Propuestas"].iter_rows(max_row=1))]
    assert headers[:3] == ["Código", "Asociación", "Asociaciones proponentes"] and "Costo total (USD)" in headers
    explained = {r[1] for r in book["Instrucciones"].iter_rows(min_row=2, values_only=True)}
    assert set(headers) <= explained
    codes = {r[1] for r in book["Códigos"].iter_rows(min_row=2, values_only=True)}
    assert {"EV-A01", "EV-OE1", "PND_2024_2025-5"} <= codes
    result = preview(data, "plantilla.xlsx", ctx)
    assert result.ok, messages(result)
    assert [r.action for r in result.rows] == ["new"]
    assert len(result.rows[0].proposal.budget_lines) == 2


def test_the_demo_proposals_file_round_trips(tmp_path, con):
    s = Store(tmp_path / "s.sqlite")
    for v in records.proposals(s, PARISH):  # an El Valle with its PDOT and offers but no proposal yet
        removal.delete_proposal(s, PLANNER, v.item.proposal_id, v.version)
    context = import_preview.context_for(con, s, PARISH)
    demo_file = import_templates.demo_import_file(con)
    result = preview(demo_file, "propuestas_demo.xlsx", context)
    assert result.ok, messages(result)
    assert result.count("new") == 16
    # competences written and read by their Spanish names, never as code names
    sheet = load_workbook(io.BytesIO(demo_file)).worksheets[0]
    header = [c.value for c in sheet[1]]
    written = {row[header.index("Competencia del GAD")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Actividades productivas comunitarias, biodiversidad y ambiente" in written
    assert not [w for w in written if w and re.fullmatch(r"[a-z_]+", w)]
    assert any("«Servicios de salud (competencia del Gobierno central)» no es una competencia" in n
               for n in result.notices)
    assert imports.save_import(s, PLANNER, result) == 16
    demo = {p.proposal_id: p for p in import_templates.demo_proposals()}
    stored = records.proposal_models(s, PARISH)
    assert len(stored) == 16
    for p in stored:
        assert p.model_dump(exclude={"status_history"}) == demo[p.proposal_id].model_dump(exclude={"status_history"})
        assert [c.status for c in p.status_history] == ["draft", "submitted"]
