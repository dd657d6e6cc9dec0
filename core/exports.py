"""Tables people download: Spanish headers, labels instead of codes, safe against formula injection.

A cell that starts with `=`, `+`, `-`, `@` (or a tab/CR) would run as a formula in a spreadsheet. A CSV has no
types, so there such text is prefixed with an apostrophe (`neutralise`). An Excel file writes every text as a
text cell, which never runs, in the «quote prefix» style (`TEXT_FORMAT`), so editing it in Excel keeps it text: the
reader sees it exactly as typed, without the apostrophe. Numbers are left as numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import polars as pl
import xlsxwriter

from core.fmt import number
from core.texts import t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_PATTERN = "^[" + "".join(re.escape(c) for c in FORMULA_START) + "]"


# Control characters a person may paste (NUL, escape, bell…): Excel writes them as «_x001B_», a PDF as raw bytes
CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL = re.compile(CONTROL)
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character: no file written in UTF-8 can hold it


def clean(text: str) -> str:
    """A cell's text without control characters (nor half characters), as any file can hold it."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def neutralise(text: str) -> str:
    """A CSV cell's text as a spreadsheet shows it safely: `clean`, and kept as text (a leading apostrophe) where it
    would read as a formula."""
    text = clean(text)
    return "'" + text if text.startswith(FORMULA_START) else text


# The style of every text cell Minga writes to Excel: shown as typed, and still text when edited there
TEXT_FORMAT = {"quote_prefix": True}


EXCEL_CELL_MAX = 32_767  # the most characters an Excel cell holds: the writer cuts the rest without a word


def _cut_note() -> str:
    return t("download.cell_cut", limit=number(EXCEL_CELL_MAX))


def excel_text(text: str) -> str:
    """`text` as one Excel cell holds it: a text past the cell's limit is cut with a note that says so."""
    if len(text) <= EXCEL_CELL_MAX:
        return text
    note = _cut_note()
    return text[:EXCEL_CELL_MAX - len(note)] + note


def _excel_cut(column: str) -> pl.Expr:
    """`excel_text` over a whole text column."""
    note = _cut_note()
    text = pl.col(column)
    return pl.when(text.str.len_chars() > EXCEL_CELL_MAX).then(
        text.str.slice(0, EXCEL_CELL_MAX - len(note)) + pl.lit(note)).otherwise(text).alias(column)


def _cleaned(column: str) -> pl.Expr:
    """`clean` over a whole text column, without a Python call per cell."""
    return pl.col(column).str.replace_all(CONTROL, "").alias(column)


def _neutralised(column: str) -> pl.Expr:
    """`neutralise` over a whole text column, without a Python call per cell."""
    text = _cleaned(column)
    return pl.when(text.str.contains(_FORMULA_PATTERN)).then(pl.lit("'") + text).otherwise(text).alias(column)


def _text_columns(frame: pl.DataFrame) -> list[str]:
    return [c for c, kind in frame.schema.items() if kind == pl.Utf8]


def for_people(frame: pl.DataFrame, headers: Mapping[str, str],
               code_labels: Mapping[str, Mapping[str, str]] | None = None) -> pl.DataFrame:
    """Keep the columns named in `headers` (in that order), label coded columns, rename to Spanish."""
    code_labels = code_labels or {}
    columns = [c for c in headers if c in frame.columns]
    out = frame.select(columns)
    for column, mapping in code_labels.items():
        if column in out.columns:
            out = out.with_columns(
                pl.col(column).cast(pl.Utf8).replace_strict(dict(mapping), default=pl.col(column).cast(pl.Utf8))
            )
    # text in a category column (pl.Categorical, pl.Enum) is text too
    string_columns = [c for c, t in out.schema.items() if t == pl.Utf8 or isinstance(t, (pl.Categorical, pl.Enum))]
    out = out.with_columns([pl.col(c).cast(pl.Utf8) for c in string_columns])
    out = out.with_columns([_cleaned(c) for c in string_columns])
    # a header is cleaned too, for a table whose columns are named after what it holds (a pivot); a file neutralises
    # it as it does its cells
    return out.rename({c: clean(headers[c]) for c in columns})


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns as one text per cell («a, b»), cleaned as every text is: its first item starts the cell. A
    figure that is not a number (0/0, 1/0) is a blank cell: not «NaN» or «inf» in a CSV, nor the formula «=#NUM!»
    or «=1/0» the Excel writer puts in its place."""
    lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    floats = [c for c, t in frame.schema.items() if t in (pl.Float32, pl.Float64)]
    joined = frame.with_columns([pl.col(c).cast(pl.List(pl.Utf8)).list.join(", ") for c in lists])
    return joined.with_columns([_cleaned(c) for c in lists]).with_columns(
        [pl.when(pl.col(c).is_finite()).then(pl.col(c)).alias(c) for c in floats])


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 with BOM and `;` separators, so Excel in a Spanish locale opens it as columns; dates dd/mm/aaaa. Text
    (headers too) that would read as a formula keeps a leading apostrophe: a CSV cell has no type."""
    flat = _flat(frame)
    flat = flat.with_columns([_neutralised(c) for c in _text_columns(flat)]).rename(
        {c: neutralise(c) for c in flat.columns})
    return b"\xef\xbb\xbf" + flat.write_csv(separator=";", decimal_comma=True, date_format="%d/%m/%Y",
                                                     datetime_format="%d/%m/%Y %H:%M").encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, sheet: str = "Datos") -> bytes:
    """An Excel sheet whose decimal numbers (money, shares) show two decimals with grouping (`#,##0.00`):
    Excel draws the separators of the reader's locale, so an Ecuadorian copy reads «40.000,50». Text is written as
    text cells (never a formula, whatever it starts with) in `TEXT_FORMAT`, as typed."""
    flat = _flat(frame)
    texts = _text_columns(flat)
    flat = flat.with_columns([_excel_cut(c) for c in texts])
    buffer = io.BytesIO()
    # every text a text cell: never a formula, nor a link (a text reading «mailto:a@b.c» would show «a@b.c»)
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "nan_inf_to_errors": True})
    flat.write_excel(book, worksheet=sheet[:31], autofit=True, float_precision=2,
                     dtype_formats={pl.Date: "dd/mm/yyyy", pl.Datetime: "dd/mm/yyyy hh:mm"},
                     column_formats={c: dict(TEXT_FORMAT) for c in texts})
    book.close()
    return buffer.getvalue()
