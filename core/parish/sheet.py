"""A parish file as a header and its rows: the first sheet of a workbook that holds a table (a cover sheet with
only a title is passed over) or a CSV, read for one part. Title lines above the header (rows of a single filled
cell, as a report heading merged across the columns) are not the header.

A row with a value past the last header (in a CSV, most often a text with an unquoted `;` split in two) is
refused at its line, never cut; the columns a part does not use are named (`unused_columns`) so the person
knows what was left aside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.data.validation import RowProblem
from core.fmt import listing
from core.parish import cells
from core.proposals.import_cells import settled_mark
from core.proposals.import_files import HEADER_SCAN_ROWS, FileRefused, read_book
from core.texts import t


@dataclass(frozen=True)
class FileRows:
    """The header (its line and cells), the non-blank rows under it, the rows refused for having more cells than
    the header, and the file's decimal mark."""

    header_line: int
    header: list[Any]
    body: list[tuple[int, list[Any]]]
    decimal: str
    too_wide: tuple[tuple[int, list[Any]], ...] = ()
    sheet: str | None = None  # the sheet read (None for a CSV)
    repeat_sheets: tuple[str, ...] = ()  # a survey export's sheets of repeat groups, passed over
    notices: tuple[str, ...] = ()  # what reading the file itself told («a workbook named .csv»), with the file's name


# The columns KoBoToolbox writes on the sheet of a repeat group, tying each row to its submission
REPEAT_MARKS = frozenset({"_parent_index", "_parent_table_name"})


def _repeat_group(rows: list[tuple[int, list[Any]]]) -> bool:
    return any(REPEAT_MARKS & {str(v).strip() for v in values if v is not None} for _, values in rows[:HEADER_SCAN_ROWS])


def _width(values: list[Any]) -> int:
    """How many cells the row uses: up to its last non-blank one."""
    return next((i + 1 for i in range(len(values) - 1, -1, -1) if cells.text(values[i]) is not None), 0)


def _filled(values: list[Any]) -> int:
    """How many of the row's cells hold something."""
    return sum(cells.text(v) is not None for v in values)


def _extra_cells(filename: str, line: int, used: int, width: int, delimiter: str | None) -> RowProblem:
    if delimiter is None:
        message = t("parish.err.extra_cells", cells=used, header=width)
    else:
        mark = t("parish.delimiter.tab") if delimiter == "\t" else f"«{delimiter}»"
        message = t("parish.err.extra_cells_csv", cells=used, header=width, delimiter=mark)
    return RowProblem(filename, line, None, message)


def read_rows(data: bytes, filename: str, problems: list[RowProblem]) -> FileRows | None:
    """The first sheet's header and non-blank rows; None, and the reason in `problems`, when the file cannot be
    read or has no rows. A row with more cells than the header goes to `problems` and is left out of the body."""
    try:
        book = read_book(data, filename)
    except FileRefused as refused:
        problems.extend(refused.problems)
        return None
    tables = [s for s in book.sheets if any(_filled(v) > 1 for _, v in s.rows)]
    repeats = tuple(s.name or "" for s in tables if _repeat_group(s.rows))
    sheet = next((s for s in tables if (s.name or "") not in repeats), tables[0] if tables else book.sheets[0])
    rows = [(line, values) for line, values in sheet.rows if _width(values)]
    titles = next((i for i, (_, v) in enumerate(rows[:HEADER_SCAN_ROWS]) if _filled(v) > 1), 0)
    if all(_filled(v) == 1 for _, v in rows[:titles]):
        rows = rows[titles:]
    if not rows:
        problems.append(RowProblem(filename, None, None, t("parish.err.no_rows")))
        return None
    (header_line, header), body, too_wide = rows[0], [], []
    width = _width(header)
    for line, values in rows[1:]:
        used = _width(values)
        if used > width:
            problems.append(_extra_cells(filename, line, used, width, book.delimiter))
            too_wide.append((line, values))
        else:
            body.append((line, values))
    return FileRows(header_line, header, body, "." if book.delimiter == "," else ",", tuple(too_wide), sheet.name,
                    tuple(r for r in repeats if r != sheet.name), tuple(f"{filename}: {n}" for n in book.notices))



def header_only(rows: FileRows, filename: str) -> list[str]:
    """A note when the file has its header and no row of data (a template left as downloaded): nothing of it is
    stored, and a page must not say it can be saved."""
    return [] if rows.body or rows.too_wide else [t("parish.note.header_only", file=filename)]


def unused_columns(rows: FileRows, filename: str, read: Iterable[int]) -> list[str]:
    """Notes on the columns outside `read` (the positions the part reads or knows to carry nothing): their headers
    as the file writes them, and each column without a header that holds data."""
    read = set(read)
    named = [f"«{cells.text(h)}»" for i, h in enumerate(rows.header) if i not in read and cells.text(h) is not None]
    notes = []
    if named:
        key = "parish.note.unused_column" if len(named) == 1 else "parish.note.unused_columns"
        notes.append(t(key, file=filename, columns=listing(named)))
    for index in range(len(rows.header) if rows.body else 0):
        if index not in read and cells.text(rows.header[index]) is None and any(
                index < len(values) and cells.text(values[index]) is not None for _, values in rows.body):
            notes.append(t("parish.note.no_header", file=filename, number=index + 1))
    return notes


def decimal_mark(rows: FileRows, amounts: Iterable[int]) -> str:
    """The decimal mark of the file's amounts (the columns at `amounts`): the one its written amounts can only be read
    with, when more of them say so than say the other («820,50» in a comma-separated CSV saved by Google Sheets); else
    the file's (a comma-separated CSV writes a dot decimal). An amount that still reads two ways is refused then."""
    columns = set(amounts)
    return settled_mark(str(values[i]) for _, values in rows.body for i in columns
                        if i < len(values) and isinstance(values[i], str)) or rows.decimal
