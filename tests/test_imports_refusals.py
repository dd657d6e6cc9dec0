"""Importing proposals from the planner's own files: every bad file gets a Spanish message naming row and column
and stores nothing; existing codes are unchanged, refused or updated on request; a conflict loses nothing; only the
valid rows are saved when asked. The files are written here, in tmp_path, the way Excel or LibreOffice would write
them (tests.planner_files)."""

from __future__ import annotations

import dataclasses
import io
import os
import time
import zipfile

import pytest
from openpyxl import load_workbook

from core.proposals import import_files, import_preview, import_templates, imports, records
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store
from tests import planner_files
from tests.planner_files import HEADER, PARISH, PLANNER, TITLE, csv_file, messages, preview, row, xlsx_file

OBSERVER = User(username="vecino", display_name="Vecino", role=Role.OBSERVER)


# The module's store and the planner's import context on it (tests.planner_files).
store, ctx = planner_files.store, planner_files.ctx


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
    "«nan» as a cost": (lambda: (csv_file([row(cost="nan")]), "p.csv"),  # a program's empty value (core.lists)
                        [(2, "Costo total (USD)", "falta el valor (es obligatorio): «nan» dice que no hay dato")]),
    "«inf» as amounts": (lambda: (csv_file([row(cost="inf", requested="inf")]), "p.csv"),
                         [(2, "Costo total (USD)", "debe ser un número finito"),
                          (2, "Monto solicitado", "debe ser un número finito")]),
    "«NaN» as a counterpart": (lambda: (csv_file([row(cost="1500", requested="1000", associations="NaN")]), "p.csv"),
                               [(2, "Monto solicitado", "aportes $ 0 = $ 1.000, pero el costo total es $ 1.500")]),
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
