"""Downloaded tables and files fed hostile text: no spreadsheet cell runs a formula, whatever the column's type or
its header; half a character (a lone surrogate) never stops a file with a traceback; an Excel cell's limit is said;
the IATI file stays valid against the 2.03 schema and reads back as typed."""

import csv
import io

import openpyxl
import polars as pl
import pytest
from lxml import etree
from openpyxl.utils.escape import unescape

from core import exports
from core.cooperation import agreements as agr
from core.cooperation import final_report, reviews
from core.iati import elements
from core.iati.export import activities_document, to_bytes
from core.iati.read import read_file
from core.iati.schema import IatiFileError, activities_schema, parse
from core.proposals import records
from core.proposals.offers import TEXT_LIMITS
from core.record import acta
from core.record.store import Store
from tests.decision_draft import _draft as _decision_draft
from tests.test_cooperation_cycle import BOARD, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reviews import _audit
from tests.test_hostile_pdfs import _decision

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _csv_cells(frame: pl.DataFrame) -> list[list[str]]:
    return list(csv.reader(io.StringIO(exports.csv_bytes(frame).decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_csv_cell_starts_a_formula_whatever_the_columns_type(formula):
    frame = pl.DataFrame({"list": [[formula, "b"]], "category": [formula], "enum": [formula]}).with_columns(
        pl.col("category").cast(pl.Categorical), pl.col("enum").cast(pl.Enum([formula])))
    people = exports.for_people(frame.with_columns(pl.lit("x").alias(formula)),
                                {"list": "Lista", "category": "Categoría", "enum": "Opción", formula: formula})
    header, row = _csv_cells(people)
    assert [cell.startswith("'") for cell in row] == [True, True, True, False]
    assert header[-1].startswith("'")  # a column named after data (a pivot)


@pytest.mark.parametrize("formula", FORMULAS)
def test_an_excel_cell_of_a_list_column_is_text_as_typed_never_a_formula(formula):
    people = exports.for_people(pl.DataFrame({"list": [[formula, "b"]]}), {"list": "Lista"})
    cell = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(people))).active["A2"]
    # a carriage return is stored escaped («_x000D_»), as Excel reads it; openpyxl leaves it escaped
    assert (unescape(cell.value), cell.data_type, cell.quotePrefix) == (f"{formula}, b", "s", True)


def test_half_a_character_never_stops_a_spreadsheet_or_an_iati_file():
    funded = _decision_draft().funded
    decision = _decision(funded=[funded[0].model_copy(update={"title": "Riego a\ud800 goteo"}), *funded[1:]])
    assert acta.xlsx_bytes(decision)  # UTF-8 cannot hold a lone surrogate: it becomes «�»
    assert exports.neutralise("a\udfffb") == "a\ufffdb"
    parent = etree.Element("title")
    elements.narrative(parent, "Riego\ud800 comunitario")
    assert etree.tostring(parent, encoding="unicode") == "<title><narrative>Riego  comunitario</narrative></title>"


@pytest.mark.parametrize("figure", [float("nan"), float("inf"), float("-inf")])
def test_a_figure_that_is_not_a_number_is_a_blank_cell_not_nan_nor_a_formula(figure):
    people = exports.for_people(pl.DataFrame({"name": ["Flor de Mayo", "Los Andes"], "share": [0.25, figure]}),
                                {"name": "Asociación", "share": "Proporción"})
    assert _csv_cells(people)[1:] == [["Flor de Mayo", "0,25"], ["Los Andes", ""]]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(people))).active
    assert (sheet["B2"].value, sheet["B3"].value, sheet["B3"].data_type) == (0.25, None, "n")


def test_a_text_longer_than_an_excel_cell_is_cut_with_a_note_and_whole_in_the_csv():
    summary = "Resumen del proyecto. " * 2000  # 44.000 characters: a summary has no limit
    people = exports.for_people(pl.DataFrame({"summary": [summary]}), {"summary": "Resumen"})
    cell = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(people))).active["A2"].value
    assert len(cell) == exports.EXCEL_CELL_MAX and summary.startswith(cell[:30_000])
    assert cell.endswith("[texto recortado: una celda de Excel admite hasta 32.767 caracteres]")
    assert _csv_cells(people)[1] == [summary]


@pytest.mark.usefixtures("today_after_the_demo")
def test_the_final_report_says_where_excel_cut_an_audits_observations(store):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    observations = [reviews.Observation(text=f"Observación {n}: " + "falta respaldo " * 130) for n in range(20)]
    reviews.save_audit(store, PLANNER, _audit(agreement.agreement_id, observations=observations))
    book = openpyxl.load_workbook(io.BytesIO(final_report.xlsx_bytes(
        agreement, [], [], audits=reviews.audits(store, agreement.agreement_id))))
    [row] = [r for r in book["Revisiones"].iter_rows(min_row=2, values_only=True)]
    assert row[4].startswith("Observación 0") and row[4].endswith("admite hasta 32.767 caracteres]")



@pytest.mark.usefixtures("today_after_the_demo")
def test_the_final_report_shows_a_remark_as_typed_in_a_text_cell_never_a_formula(store):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    reviews.save_audit(store, PLANNER, _audit(agreement.agreement_id,
                                               observations=[reviews.Observation(text="- Falta agua")]))
    book = openpyxl.load_workbook(io.BytesIO(final_report.xlsx_bytes(
        agreement, [], [], audits=reviews.audits(store, agreement.agreement_id))))
    [row] = [r for r in book["Revisiones"].iter_rows(min_row=2)]
    cell = row[4]  # the observations, each followed by whether it was resolved
    assert cell.value.startswith("- Falta agua (") and (cell.data_type, cell.quotePrefix) == ("s", True)


HOSTILE_TITLES = ["=HYPERLINK(\"http://x\") riego", "\tTabulado y «comillas»; punto y coma", "<b>negrita</b> & **md** ]]>",
                  "Riego 💧 Jose\u0301 \u202eztiuQ", "Q" * 10_000]


# What a title reads back as from the IATI file: as typed, but for what cannot be seen (the right-to-left override,
# stored before typed text was checked, is taken out when a file is read: core.iati.read) and the ends' spaces.
READ_BACK = {"\tTabulado y «comillas»; punto y coma": "Tabulado y «comillas»; punto y coma",
             "Riego 💧 Jose\u0301 \u202eztiuQ": "Riego 💧 Jose\u0301 ztiuQ"}


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=["formula", "tab-csv", "html-md", "emoji-rtl", "long"])
def test_an_offer_with_hostile_text_exports_valid_iati_and_reads_back_as_typed(tmp_path, con, title):
    kept = Store(tmp_path / "s.sqlite")
    offer = records.offers(kept)[0].item.model_copy(update={"title": title, "conditions": title})
    kept.save(records.OFFER, offer.offer_id, offer.model_dump(mode="json"), actor="tecnico",
              parish_code=offer.parish_code)
    exported = to_bytes(activities_document(kept, offer.parish_code or "010170"))
    assert activities_schema().validate(parse(exported)), activities_schema().error_log
    if len(title) > TEXT_LIMITS["title"]:  # stored before offers had limits: read from a file, it is refused by name
        with pytest.raises(IatiFileError, match=r"Título de la oferta: es demasiado largo \(máximo 300\)"):
            read_file(exported, "iati.xml")
        return
    assert READ_BACK.get(title, title) in [read.offer.title for read in read_file(exported, "iati.xml").offers]
