"""A parish file as a header and its rows: the first sheet of a workbook or a CSV, read for one part.

A row with a value past the last header (in a CSV, most often a text with an unquoted `;` split in two) is
refused at its line, never cut; the columns a part does not use are named (`unused_columns`) so the person
knows what was left aside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.data.validation import RowProblem
from core.parish import cells
from core.proposals.import_files import FileRefused, read_book
from core.texts import t


@dataclass(frozen=True)
class FileRows:
    """The header (its line and cells), the non-blank rows under it and the file's decimal mark."""

    header_line: int
    header: list[Any]
    body: list[tuple[int, list[Any]]]
    decimal: str


def _width(values: list[Any]) -> int:
    """How many cells the row uses: up to its last non-blank one."""
    return next((i + 1 for i in range(len(values) - 1, -1, -1) if cells.text(values[i]) is not None), 0)


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
    rows = [(line, values) for line, values in book.sheets[0].rows if _width(values)]
    if not rows:
        problems.append(RowProblem(filename, None, None, t("parish.err.no_rows")))
        return None
    (header_line, header), body = rows[0], []
    width = _width(header)
    for line, values in rows[1:]:
        used = _width(values)
        if used > width:
            problems.append(_extra_cells(filename, line, used, width, book.delimiter))
        else:
            body.append((line, values))
    return FileRows(header_line, header, body, "." if book.delimiter == "," else ",")

