"""Importing proposals from the planner's own files: every separator, decimal mark, encoding and header
order reads the same proposal; every bad file gets a Spanish message naming row and column and stores
nothing. The files are written here, in tmp_path, the way Excel or LibreOffice would write them."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from core.data.validation import required_columns
from core.proposals import (
    import_cells,
    import_columns,
    import_files,
    import_preview,
    import_templates,
    imports,
    records,
    removal,
)
from core.proposals.models import Proposal
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store

PARISH = "010170"
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
OBSERVER = User(username="vecino", display_name="Vecino", role=Role.OBSERVER)

HEADER = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado",
          "Aporte de las asociaciones (USD)", "Beneficiarios directos", "Mujeres", "Jóvenes", "Objetivos PDOT", "ODS",
          "Tipo de apoyo"]
TITLE = "Riego por goteo en Ñamarín: huertos de mujeres"


def row(cost="1.234,56", requested="1.000,00", associations="234,56", code="EV-P90", association="EV-A01",
        title=TITLE, direct="30", support="Equipamiento") -> list[str]:
    return [code, association, title, cost, requested, associations, direct, "12", "4", "EV-OE1; EV-OE5", "2; 8",
            support]


def csv_file(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8", header: list[str] | None = None,
             bom: bool = False) -> bytes:
    lines = []
    for cells in [header or HEADER, *rows]:
        lines.append(sep.join(f'"{c}"' if (sep in c or '"' in c) else c for c in
                              [c.replace('"', '""') if '"' in c else c for c in cells]))
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_file(rows: list[list], header: list[str] | None = None, title_rows: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Propuestas"
    for _ in range(title_rows):
        sheet.append(["Propuestas recibidas en 2027 (hoja del técnico)"])
    sheet.append(header or HEADER)
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory, con):
    return Store(tmp_path_factory.mktemp("imports") / "s.sqlite")


@pytest.fixture(scope="module")
def ctx(store, con):
    return import_preview.context_for(con, store, PARISH)


def preview(data: bytes, name: str, ctx, **options) -> import_preview.ImportPreview:
    return imports.preview_import(data, name, ctx, **options)


def messages(result: import_preview.ImportPreview) -> list[str]:
    return [str(p) for p in result.problems]


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


# -- Bad files: a clear Spanish message each, naming row and column; nothing stored ---------------------------

def big_csv() -> bytes:
    one = ";".join(row()).encode() + b"\r\n"
    return csv_file([]) + one * (20 * 1024 * 1024 // len(one) + 1)


def binary_png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4000)


def zip_not_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("fotos/leeme.txt", "no es Excel")
    return buffer.getvalue()


# (file bytes, name) → (row, column as the person wrote it, words in the message); row None = whole file
BAD_FILES = {
    "empty file": (lambda: (b"", "p.csv"), [(None, None, "vacío")]),
    "only blanks": (lambda: (b" \r\n\r\n ", "p.csv"), [(None, None, "vacío")]),
    "20 MB file": (lambda: (big_csv(), "p.csv"), [(None, None, "máximo para importar es 5,0 MB")]),
    "binary renamed .csv": (lambda: (binary_png(), "propuestas.csv"), [(None, None, "datos binarios")]),
    "text renamed .xlsx": (lambda: (csv_file([row()]), "p.xlsx"), [(None, None, "no es un libro de Excel válido")]),
    "a zip renamed .xlsx": (lambda: (zip_not_xlsx(), "p.xlsx"), [(None, None, "es un ZIP")]),
    "old .xls": (lambda: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "p.xls"), [(None, None, ".xls")]),
    "a PDF": (lambda: (b"%PDF-1.4", "p.pdf"), [(None, None, "Solo se importan")]),
    "header only": (lambda: (csv_file([]), "p.csv"), [(None, None, "no tiene filas")]),
    "no header at all": (lambda: (b"1;2;3\r\n4;5;6\r\n", "p.csv"), [(None, None, "encabezado")]),
    "wrong columns": (
        lambda: (csv_file([["EV-P90", "EV-A01", "Riego"]], header=["Código", "Asociación", "Nombre del proyecto"]),
                 "p.csv"),
        [(1, "Costo total (USD)", "falta esta columna"), (1, "Monto solicitado al GAD (USD)", "falta esta columna")]),
    "the same column twice": (
        lambda: (csv_file([row() + ["EV-P99"]], header=HEADER + ["Código propuesta"]), "p.csv"),
        [(1, "Código propuesta", "dicen lo mismo")]),
    "negative cost": (lambda: (csv_file([row(cost="-500", requested="-500", associations="0")]), "p.csv"),
                      [(2, "Costo total (USD)", "no puede ser negativo")]),
    "text in a money column": (lambda: (csv_file([row(cost="mil dólares")]), "p.csv"),
                               [(2, "Costo total (USD)", "debe ser un número (se recibió «mil dólares»)")]),
    "«nan» as a cost": (lambda: (csv_file([row(cost="nan")]), "p.csv"),
                        [(2, "Costo total (USD)", "debe ser un número finito")]),
    "«inf» as amounts": (lambda: (csv_file([row(cost="inf", requested="inf")]), "p.csv"),
                         [(2, "Costo total (USD)", "debe ser un número finito"),
                          (2, "Monto solicitado", "debe ser un número finito")]),
    "«NaN» as a counterpart": (lambda: (csv_file([row(cost="1500", requested="1000", associations="NaN")]), "p.csv"),
                               [(2, "Aporte de las asociaciones (USD)", "debe ser un número finito")]),
    "text in a count column": (lambda: (csv_file([row(direct="treinta")]), "p.csv"),
                               [(2, "Beneficiarios directos", "número entero")]),
    "duplicated codes in the file": (lambda: (csv_file([row(), row()]), "p.csv"),
                                     [(2, "Código", "repetido en el archivo (filas 2 y 3)"),
                                      (3, "Código", "repetido en el archivo (filas 2 y 3)")]),
    "a code that already exists": (lambda: (csv_file([row(code="EV-P01")]), "p.csv"),
                                   [(2, "Código", "ya existe la propuesta «EV-P01»")]),
    "an association not in the parish": (lambda: (csv_file([row(association="EV-A99")]), "p.csv"),
                                         [(2, "Asociación", "«EV-A99» no existe en la parroquia El Valle")]),
    "an unknown kind of support": (lambda: (csv_file([row(support="Semillas mágicas")]), "p.csv"),
                                   [(2, "Tipo de apoyo", "valor no permitido «Semillas mágicas»")]),
    "a blank required cell": (lambda: (csv_file([row(title="")]), "p.csv"), [(2, "Título", "falta el valor")]),
    "a code with spaces": (lambda: (csv_file([row(code="EV P90")]), "p.csv"), [(2, "Código", "solo puede tener")]),
    "amounts that do not add up": (lambda: (csv_file([row(cost="2000")]), "p.csv"),
                                   [(2, "Monto solicitado", "= $ 1.234,56, pero el costo total es $ 2.000,00")]),
    "too many rows": (lambda: (csv_file([row(code=f"EV-X{i}") for i in range(import_files.MAX_ROWS + 1)]), "p.csv"),
                      [(None, None, "el máximo por archivo es 2.000")]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_every_bad_file_gets_a_spanish_message_and_stores_nothing(case, ctx, store):
    make, expected = BAD_FILES[case]
    data, name = make()
    before = len(store.log())
    started = time.monotonic()
    result = preview(data, name, ctx)
    assert time.monotonic() - started < 5, "a bad file is answered at once"
    assert not result.ok
    found = [(p.row, p.column, p.message) for p in result.problems]
    for line, column, words in expected:
        assert any(r == line and c == column and words in m for r, c, m in found), (words, found)
    assert all(p.file.startswith(name) for p in result.problems)
    assert all(p.message and p.message[0].islower() or p.row is None for p in result.problems)
    with pytest.raises(imports.ImportRefused):
        imports.save_import(store, PLANNER, result)
    assert len(store.log()) == before


def test_a_code_used_in_another_parish_is_refused(ctx):
    other = dataclasses.replace(ctx, elsewhere={"EV-P90": "010150"})
    result = preview(csv_file([row()]), "p.csv", other)
    assert any("otra parroquia (010150)" in p.message and p.column == "Código" for p in result.problems)


def test_unknown_alignment_codes_are_named(ctx):
    bad = row()
    bad[9] = "EV-OE1; EV-OE77"
    result = preview(csv_file([bad]), "p.csv", ctx)
    [problem] = result.problems
    assert (problem.row, problem.column) == (2, "Objetivos PDOT")
    assert "EV-OE77" in problem.message and "EV-OE1" in problem.message  # the unknown one, and what is allowed


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


# -- Existing codes: unchanged, refused, or updated on request; conflicts lose nothing -----------------------------

def test_existing_codes_are_unchanged_refused_or_updated(store, con, ctx):
    demo = import_templates.demo_import_file(con)
    same = preview(demo, "demo.xlsx", ctx)
    assert same.ok and {r.action for r in same.rows} == {"unchanged"} and len(same.rows) == 16
    assert imports.save_import(store, PLANNER, same) == 0

    existing = ctx.existing["EV-P02"].item
    changed = csv_file([[existing.proposal_id, existing.association_id, "Título corregido por la técnica"]],
                       header=["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado",
                               "Tipo de apoyo"][:3])
    refused = preview(changed, "p.csv", ctx)
    assert any("falta esta columna" in p.message for p in refused.problems)  # required columns, even to update

    edit = row(code="EV-P02", association="EV-A01", title="Título corregido por la técnica")
    edit[3:6] = [str(existing.cost_usd).replace(".", ","), str(existing.requested_usd).replace(".", ","),
                 str(existing.counterpart_associations_usd).replace(".", ",")]
    edit[9:11] = ["; ".join(existing.pdot_objective_ids), "; ".join(str(g) for g in existing.sdg_goals)]
    edit[6:9] = [str(existing.direct_beneficiaries), str(existing.women_beneficiaries),
                 str(existing.youth_beneficiaries)]
    edit[-1] = "Infraestructura"
    refused = preview(csv_file([edit]), "p.csv", ctx)
    assert [p.message[:31] for p in refused.problems] == ["ya existe la propuesta «EV-P02»"]
    update = preview(csv_file([edit]), "p.csv", ctx, update_existing=True)
    assert update.ok, messages(update)
    [r] = update.rows
    assert r.action == "update" and r.expected_version == ctx.existing["EV-P02"].version
    p = r.proposal
    # columns the file has replace; those it lacks keep what Minga has; status and history are kept
    assert p.title == "Título corregido por la técnica" and p.support_kind == "infrastructure"
    assert p.budget_lines == existing.budget_lines and p.summary == existing.summary
    assert p.status == existing.status and p.status_history == existing.status_history


def test_an_update_fails_whole_when_someone_saved_meanwhile(tmp_path, con):
    s = Store(tmp_path / "s.sqlite")
    context = import_preview.context_for(con, s, PARISH)
    demo = import_templates.demo_proposals()
    data = import_templates.proposals_workbook([p.model_copy(update={"summary": "Resumen nuevo"}) for p in demo],
                             dict(context.associations))
    result = preview(data, "demo.xlsx", context, update_existing=True)
    assert result.ok and result.count("update") == 16
    meanwhile = records.proposals(s, PARISH)[3]
    records.save_proposal(s, PLANNER, meanwhile.item.model_copy(update={"title": "Editado por otra persona"}),
                          expected_version=meanwhile.version)
    before = len(s.log())
    with pytest.raises(ConflictError):
        imports.save_import(s, PLANNER, result)
    assert len(s.log()) == before
    assert s.get("proposal", meanwhile.item.proposal_id).body["title"] == "Editado por otra persona"
    assert all(v.item.summary != "Resumen nuevo" for v in records.proposals(s, PARISH))


def test_only_the_valid_rows_are_saved_when_asked_and_roles_are_checked(tmp_path, con):
    s = Store(tmp_path / "s.sqlite")
    context = import_preview.context_for(con, s, PARISH)
    result = preview(csv_file([row(), row(code="EV-P91", cost="-1")]), "p.csv", context)
    assert [r.action for r in result.rows] == ["new", "error"]
    before = len(s.log())
    with pytest.raises(imports.ImportRefused):
        imports.save_import(s, PLANNER, result)
    with pytest.raises(PermissionDenied):
        imports.save_import(s, OBSERVER, result, only_valid=True)
    assert len(s.log()) == before
    assert imports.save_import(s, PLANNER, result, only_valid=True) == 1
    assert s.get("proposal", "EV-P90").body["title"] == TITLE and s.get("proposal", "EV-P91") is None


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


@pytest.mark.parametrize(("sep", "last"), [
    (",", "Huertos familiares, riego por goteo y semillas"),  # a comma file, a text with a comma left unquoted
    (";", "Riego; huertos"),
    ("\t", "Riego\thuertos"),
])
def test_a_csv_row_with_more_cells_than_the_header_is_refused_not_cut(sep, last, ctx, store):
    """A text holding the separator without quotes splits the row: its tail is not dropped in silence."""
    header = ["Código", "Asociación", "Título", "Costo total (USD)", "Monto solicitado al GAD (USD)", "Resumen"]
    good = ["EV-P91", "EV-A01", "Bodega", "2000", "2000", "Bodega comunal"]
    data = "\r\n".join(sep.join(cells) for cells in (header, good)).encode() + (
        "\r\n" + sep.join(["EV-P92", "EV-A01", "Riego", "3000", "3000", last]) + "\r\n").encode()
    result = preview(data, "propuestas.csv", ctx)
    problems = [(p.row, p.column, p.message) for p in result.problems]
    assert len(problems) == 1 and problems[0][:2] == (3, None), problems
    assert "la fila tiene más celdas que el encabezado (7 en lugar de 6)" in problems[0][2]
    assert "comillas" in problems[0][2]
    assert [r.proposal_id for r in result.rows] == ["EV-P91"]  # the cut row is never among those to save
    with pytest.raises(imports.ImportRefused):
        imports.save_import(store, PLANNER, result)


def test_a_workbook_refused_for_its_rows_names_the_sheet_that_has_them(ctx):
    """A careless planner kept a long «Datos» sheet beside one proposal: the refusal said «La hoja tiene más de 2.000
    filas» without saying which sheet, and the proposals sheet has one row."""
    book = load_workbook(io.BytesIO(xlsx_file([row()])))
    extra = book.create_sheet("Datos")
    for i in range(import_files.MAX_ROWS + import_files.HEADER_SCAN_ROWS + 5):
        extra.append([f"dato {i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = preview(buffer.getvalue(), "p.xlsx", ctx)
    assert [(p.file, p.row, p.column) for p in result.problems] == [("p.xlsx › Datos", None, None)]
    assert "el máximo por archivo es 2.000" in result.problems[0].message


def _with_budget(main_code: str, line_code: str) -> bytes:
    book = load_workbook(io.BytesIO(xlsx_file([row(code=main_code)])))
    lines = book.create_sheet("Presupuesto")
    lines.append(["Código de la propuesta", "Rubro", "Monto", "A cargo de"])
    lines.append([line_code, "Mangueras", 1234.56, "GAD"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# a code refused on the proposals sheet, and its budget line → what each sheet is told (an invisible mark named
# where it is: «EV-P90» quoted and refused otherwise reads as a valid code)
REFUSED_CODES = {
    "a space": ("EV P90", "EV P90", [("Propuestas", "«EV P90»")]),
    "a right-to-left mark": ("EV-P90\u200f", "EV-P90\u200f", [("Propuestas", "«EV-P90[carácter invisible]»")]),
    "a zero-width space on the budget sheet only": (
        "EV-P90", "EV-P90\u200b", [("Presupuesto", "la propuesta «EV-P90[carácter invisible]» no está en la hoja")]),
}


@pytest.mark.parametrize("case", list(REFUSED_CODES))
def test_a_refused_code_is_quoted_visibly_and_its_lines_are_not_called_orphans(case, ctx):
    """The budget line of a proposal whose code was refused was also told «la propuesta … no está en la hoja de
    propuestas», though it is there."""
    main_code, line_code, expected = REFUSED_CODES[case]
    result = preview(_with_budget(main_code, line_code), "p.xlsx", ctx)
    found = [(p.file.removeprefix("p.xlsx › "), p.message) for p in result.problems]
    assert len(found) == len(expected), found
    for (sheet, words), (file, message) in zip(expected, found, strict=True):
        assert file == sheet and words in message, found


def _budget_lines(*lines: list) -> bytes:
    book = load_workbook(io.BytesIO(xlsx_file([row()])))
    sheet = book.create_sheet("Presupuesto")
    sheet.append(["Código de la propuesta", "Rubro", "Monto", "A cargo de"])
    for line in lines:
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_budget_amount_written_as_a_formula_without_its_value_is_told_once(ctx):
    """«=500*2» never computed: the cell was told it is a formula and, on top of that, «falta el valor», though it has
    one."""
    result = preview(_budget_lines(["EV-P90", "Mangueras", "=1000+234.56", "GAD"]), "p.xlsx", ctx)
    found = [(p.file, p.row, p.column, p.message) for p in result.problems if p.file == "p.xlsx › Presupuesto"]
    assert [(file, line, column) for file, line, column, _ in found] == [("p.xlsx › Presupuesto", 2, "Monto")], found
    assert "es una fórmula («=1000+234.56») sin valor calculado" in found[0][3]
