"""Lists in one cell of a proposals file (objectives, risks, partner associations): items separated by «;» or line
breaks, and an item that holds a «;», a quote or a line break written between double quotes (a quote inside
doubled), so the workbook Minga exports reads back as the same proposal and an association whose name has a «;»
can be named."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from core import exports
from core.proposals import entry, import_cells, import_preview, import_templates, imports
from core.record.store import Store

PARISH = "010170"
FLOR = ("EV-A77", "Asociación Flor; Mayo")  # a registered association whose name has a «;»
OBJECTIVES = ["Instalar riego; y capacitar a las familias", 'Sembrar la variedad "INIAP 2"',
              "Primera línea\nsegunda línea", '"Entre comillas"', "n/a", "Uno, dos y tres"]
RISKS = ["Sequía; heladas", 'Plagas "nuevas"', "Lluvias\nfuertes"]


@pytest.fixture(scope="module")
def ctx(tmp_path_factory, con):
    plain = import_preview.context_for(con, Store(tmp_path_factory.mktemp("lists") / "s.sqlite"), PARISH)
    return dataclasses.replace(plain, associations={**plain.associations, FLOR[0]: FLOR[1]})


@pytest.fixture()
def proposal(ctx):
    example = import_templates.example_proposal(ctx)
    return example.model_validate({**example.model_dump(), "proposal_id": "EV-P91", "specific_objectives": OBJECTIVES,
                                   "risks": RISKS, "association_ids": [example.association_id, FLOR[0]]})


def test_the_workbook_minga_exports_reads_back_as_the_same_proposal(ctx, proposal):
    data = import_templates.proposals_workbook([proposal], ctx.associations, ctx=ctx)
    result = imports.preview_import(data, "propuestas.xlsx", ctx)
    assert result.ok, result.problems
    [row] = result.rows
    assert row.proposal.model_dump() == proposal.model_dump()


def test_the_exported_workbook_saved_as_csv_keeps_every_item(ctx, proposal):
    """A spreadsheet saving the «Propuestas» sheet as CSV quotes the cell again: the items still read back."""
    data = import_templates.proposals_workbook([proposal], ctx.associations, ctx=ctx)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    result = imports.preview_import(out.getvalue().encode("utf-8"), "propuestas.csv", ctx)
    assert result.ok, result.problems
    [row] = result.rows
    read = row.proposal
    assert (read.specific_objectives, read.risks, read.association_ids) == (OBJECTIVES, RISKS, ["EV-A01", FLOR[0]])


@pytest.mark.parametrize(("write", "name"), [(exports.csv_bytes, "minga-propuestas.csv"),
                                             (exports.xlsx_bytes, "minga-propuestas.xlsx")])
def test_the_proposals_list_people_download_reads_back_with_the_same_proponents(ctx, proposal, write, name):
    """The list's «Asociaciones proponentes» joined the names with «, »: a name holding «;» or «,» read back as
    associations that do not exist."""
    named = dataclasses.replace(ctx, associations={**ctx.associations, "EV-A78": "Unión, Progreso"})
    plain = proposal.model_copy(update={"association_ids": [proposal.association_id, FLOR[0], "EV-A78"],
                                        "budget_lines": []})  # the list is one table: no budget lines
    people = exports.for_people(entry.list_frame([(plain, 1)], named.associations), entry.download_headers())
    result = imports.preview_import(write(people), name, named)
    assert result.ok, result.problems
    assert result.rows[0].proposal.association_ids == [proposal.association_id, FLOR[0], "EV-A78"]


@pytest.mark.parametrize(("cell", "ids"), [
    ('EV-A01; "Asociación Flor; Mayo"', ["EV-A01", "EV-A77"]),  # quoted: the name whole
    ('"Asociación Flor; Mayo"\nEV-A01', ["EV-A01", "EV-A77"]),  # the lead goes first
    ("EV-A01, EV-A77", ["EV-A01", "EV-A77"]),  # codes separated by commas, as before
])
def test_an_association_whose_name_has_a_semicolon_can_be_named(ctx, cell, ids):
    header = "Código;Asociación;Asociaciones proponentes;Título;Costo total (USD);Monto solicitado\n"
    escaped = cell.replace('"', '""')
    data = (header + f'EV-P92;EV-A01;"{escaped}";Riego en Ñamarín;1000;1000\n').encode("utf-8")
    result = imports.preview_import(data, "propuestas.csv", ctx)
    assert result.ok, result.problems
    assert result.rows[0].proposal.association_ids == ids


@pytest.mark.parametrize(("cell", "items"), [
    ("Riego; huertos", ["Riego", "huertos"]),  # plain items, as people type them
    ("Riego\nhuertos;;", ["Riego", "huertos"]),
    ('"Riego; huertos"; semillas', ["Riego; huertos", "semillas"]),
    ('"Dijo ""sí"""', ['Dijo "sí"']),
    ('"Sequía" prolongada; plagas', ['"Sequía" prolongada', "plagas"]),  # a quote that does not close the item
    ('"sin cerrar; plagas', ['"sin cerrar', "plagas"]),
    ('"n/a"', ["n/a"]),  # quoted: the words themselves, not an empty cell
    ("n/a", []),
])
def test_a_list_cell_is_read_as_written(cell, items):
    assert import_cells.split_list(cell, also_comma=False) == items


def test_the_templates_texts_are_quote_prefixed_text_cells_as_every_download(ctx):
    """The parish's codes sheet carries what people typed (an association's name): written as plain text cells, a
    name reading «=HYPERLINK(…)» became a formula once edited in Excel; every other download quote-prefixes text."""
    hostile = dataclasses.replace(ctx, associations={**ctx.associations, "EV-A78": '=HYPERLINK("http://x","clic")'})
    book = load_workbook(io.BytesIO(import_templates.template_xlsx(hostile)))
    [name] = [row[2] for row in book["Códigos"].iter_rows(min_row=2) if row[1].value == "EV-A78"]
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("http://x","clic")', "s", True)
    texts = [c for sheet in book.worksheets for row in sheet.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str)]
    assert texts and all(c.quotePrefix for c in texts)
    assert imports.preview_import(import_templates.template_xlsx(hostile), "plantilla.xlsx", hostile).ok


@pytest.mark.parametrize(("write", "name"), [(exports.csv_bytes, "minga-propuestas.csv"),
                                             (exports.xlsx_bytes, "minga-propuestas.xlsx")])
def test_the_proposals_list_download_keeps_every_contribution(ctx, proposal, write, name):
    """The list had the cost and the amount asked of the GAD but no contributions: a proposal that others co-fund
    read back with amounts that do not add up, and could not be imported again."""
    funded = proposal.model_copy(update={
        "cost_usd": 10_000.5, "requested_usd": 6_000.0, "counterpart_associations_usd": 2_500.25,
        "counterpart_cooperant_usd": 1_000.0, "counterpart_other_usd": 500.25, "cooperant_name": "Fundación Ñukanchik",
        "budget_lines": []})
    people = exports.for_people(entry.list_frame([(funded, 1)], ctx.associations), entry.download_headers())
    result = imports.preview_import(write(people), name, ctx)
    assert result.ok, result.problems
    read = result.rows[0].proposal
    assert (read.cost_usd, read.requested_usd, read.counterpart_associations_usd, read.counterpart_cooperant_usd,
            read.counterpart_other_usd, read.cooperant_name) == (10_000.5, 6_000.0, 2_500.25, 1_000.0, 500.25,
                                                                 "Fundación Ñukanchik")
