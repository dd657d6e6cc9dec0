"""Reading an uploaded file into sheets of raw cells: a workbook (.xlsx) or a CSV.

A CSV may be `;`, `,` or tab separated (sniffed from the header line, or said by Excel's `sep=` line), UTF-8
with or without BOM, UTF-16 with BOM (Excel's «Texto Unicode») or Windows-1252. A workbook is read twice
with openpyxl: once for what is written (formulas as text) and once for the values Excel cached, so a formula
cell becomes a `Formula` carrying both and is never evaluated here.

Files over `MAX_BYTES`, with more than `MAX_ROWS` rows, binary content renamed .csv, or workbooks that unzip to
more than `MAX_UNZIPPED_BYTES` are refused (`FileRefused`, a Spanish reason) before any row is read.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Literal

from core.data.validation import RowProblem
from core.fmt import number
from core.proposals.upload_limits import UploadRefused, check_xlsx, uniform_lines
from core.texts import t

MAX_MB = 5  # the uploaders that feed this reader say and apply it (st.file_uploader's max_upload_size)
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_ROWS = 2000
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
HEADER_SCAN_ROWS = 10
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How a workbook's XML writes what XML cannot hold: a control character as «_x000D_» (Excel writes a pasted Windows
# line break so), and an underscore that would read as one as «_x005F_»
_XLSX_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|005[Ff])_")


def _xlsx_text(value: str) -> str:
    """A workbook cell's text as it was typed: escapes read back, line breaks as a CSV's read («\n»)."""
    text = _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size(n: int) -> str:
    return f"{number(n / (1024 * 1024), 1)} MB"


@dataclass(frozen=True)
class Formula:
    """A workbook cell holding a formula: its text and the value Excel cached (None when not computed)."""

    text: str
    cached: Any


@dataclass
class Sheet:
    name: str | None  # None for a CSV
    rows: list[tuple[int, list[Any]]]  # (row number as the person sees it, cells)


@dataclass
class Book:
    file: str
    sheets: list[Sheet]
    kind: Literal["csv", "xlsx"]
    notices: list[str] = field(default_factory=list)
    delimiter: str | None = None  # of a CSV


class FileRefused(Exception):
    """The file cannot be read at all; `problems` says why (row None: the whole file)."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _refuse(file: str, key: str, **values: Any) -> FileRefused:
    return FileRefused([RowProblem(file, None, None, t(key, **values))])


def _too_many_rows(file: str) -> FileRefused:
    return _refuse(file, "imp.file.too_many_rows", rows=t("imp.file.more_than", count=number(MAX_ROWS)),
                   limit=number(MAX_ROWS))


def read_book(data: bytes, filename: str) -> Book:
    """The sheets of a .xlsx or .csv as rows of raw cells; FileRefused with a Spanish reason otherwise."""
    name = filename or t("imp.file.default_name")
    if not data:
        raise _refuse(name, "imp.file.empty")
    if len(data) > MAX_BYTES:
        key = "imp.file.too_big_book" if data[:4] == b"PK\x03\x04" else "imp.file.too_big"  # a workbook has sheets
        raise _refuse(name, key, size=_size(len(data)), limit=_size(MAX_BYTES))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_zip = data[:4] == b"PK\x03\x04"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: .xls or a password-protected workbook
        raise _refuse(name, "imp.file.xls")
    if extension in ("xlsx", "xlsm"):
        if not is_zip:
            raise _refuse(name, "imp.file.not_xlsx")
        return _read_xlsx(data, name)
    if extension in ("csv", "txt", "tsv"):
        if is_zip:
            book = _read_xlsx(data, name)
            book.notices.append(t("imp.file.xlsx_as_csv"))
            return book
        return _read_csv(data, name)
    if extension == "xls":
        raise _refuse(name, "imp.file.xls")
    raise _refuse(name, "imp.file.extension", name=name)


def _decode(data: bytes, file: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse(file, "imp.file.binary") from None
    if b"\x00" in data:
        raise _refuse(file, "imp.file.binary")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined: not a spreadsheet's text
            raise _refuse(file, "imp.file.binary") from None
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ord(ch) == 127)
    if controls > max(2, len(text) // 200):
        raise _refuse(file, "imp.file.binary")
    return text


def _sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of `;`, tab and `,` outside quotes."""
    for line in text.splitlines():
        if not line.strip() or line.lower().startswith("sep="):
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        counts = {d: outside.count(d) for d in (";", "\t", ",")}
        best = max(counts, key=lambda d: (counts[d], d == ";", d == "\t"))
        return best if counts[best] else ";"
    return ";"


def _read_csv(data: bytes, file: str) -> Book:
    text = uniform_lines(_decode(data, file))
    if not text.strip():
        raise _refuse(file, "imp.file.empty")
    lines = text.splitlines(keepends=True)
    hint = None
    if lines and lines[0].strip().lower().startswith("sep="):
        hint = lines[0].strip()[4:5] or None
        lines = lines[1:]
    delimiter = hint or _sniff_delimiter("".join(lines))
    left_open, body = _read_quotes("".join(lines), delimiter)
    reader = csv.reader(io.StringIO(body, newline=None), delimiter=delimiter)  # also CR-only (old Mac)
    offset = 2 if hint else 1
    rows = []
    try:
        for index, cells in enumerate(reader):
            if index >= MAX_ROWS + HEADER_SCAN_ROWS + 1:
                raise _too_many_rows(file)
            rows.append((index + offset, cells))
    except csv.Error:  # a cell past the csv module's limit, or a quote never closed
        raise _refuse(file, "imp.limit.csv_cell", line=number(reader.line_num + offset - 1)) from None
    if left_open is not None:  # later lines went into one cell
        record, begins, after = left_open
        message = t("imp.file.open_quote", begins=begins) if after is None else \
            t("imp.file.text_after_quote", begins=begins, after=after)
        raise FileRefused([RowProblem(file, record + offset, None, message)])
    return Book(file, [Sheet(None, rows)], "csv", delimiter=delimiter)


QUOTED = 40  # characters of the cell an unclosed quote opens, quoted to find it


def _read_quotes(text: str, delimiter: str) -> tuple[tuple[int, str, str | None] | None, str]:
    """The cell that opens quotes and takes the lines after it, and the text with the spaces and tabs between a
    closing quote and the separator or the line's end dropped, as spreadsheet programs read «"Riego\ny caminos" ;30»
    (the csv module would keep them in the cell, and a cell of several lines closed so looked left open).

    The cell left open is given as its record (from 0), its first words and None: quotes never closed, or closed only
    by the quote a later cell opens with, text after it (where a cell of several lines ends at a separator or a line
    break); or, for quotes a later line closes inside its text with more text after them («"Riego\ny caminos" otra
    vez;30»), that text instead of None.
    Quotes are read as the csv module reads them when not strict: a quote opens a cell only at its start, «""»
    inside is one quote. Such a cell swallows the rows after it without an error, unless it passes the csv module's
    limit. None when every cell closes its quotes."""
    quoted, skip, record, opened, spans = False, -1, 0, (0, 0), False
    blank = re.compile("[" + " \t".replace(delimiter, "") + "]*")  # a tab is no blank in a tab-separated file
    kept, start = [], 0
    for found in re.finditer(r'["\n]', text):
        index = found.start()
        if index == skip:  # the second quote of a «""» inside a quoted cell
            continue
        if text[index] == "\n":
            spans = spans or quoted
            record += 0 if quoted else 1
        elif quoted and text[index + 1:index + 2] == '"':
            skip = index + 1
        elif quoted:
            quoted = False
            after = blank.match(text, index + 1).end()
            if text[after:after + 1] in ("", delimiter, "\n"):
                kept.append(text[start:index + 1])
                start = after
            elif spans:
                opens_a_cell = text[index - 1] in (delimiter, "\n")  # the quote a later cell opens with, most likely
                after_it = None if opens_a_cell else text[index + 1:].split("\n", 1)[0].split(delimiter, 1)[0].strip()
                return (*_opened(text, *opened), None if after_it is None else after_it[:QUOTED]), text
        elif index == 0 or text[index - 1] in (delimiter, "\n"):
            quoted, spans, opened = True, False, (record, index + 1)
    return ((*_opened(text, *opened), None) if quoted else None), "".join(kept) + text[start:]


def _opened(text: str, record: int, start: int) -> tuple[int, str]:
    """The record and the first words, as written, of the cell whose text starts at `start`."""
    return record, text[start:].split("\n", 1)[0].strip()[:QUOTED]


class _MergedDown:
    """A sheet's cells merged over several rows, which show their value on every row they span: the reader gives
    each lower row the value of the range's first cell (an association written once beside its proposals), as the
    person sees it. Only the range's first column is filled: a title merged across columns stays in its own."""

    def __init__(self, ranges: list[tuple[int, int, int]]):
        self.pending = sorted(ranges, key=lambda r: r[1], reverse=True)  # by first row, the next one last
        self.active: dict[int, tuple[int, object]] = {}  # column → (last row, value): ranges never overlap

    def fill(self, line: int, cells: list) -> None:
        """Give the row `line` the values of the ranges it lies under; take note of the ranges it begins."""
        for column, (last, value) in list(self.active.items()):
            if line > last:
                del self.active[column]
                continue
            cells.extend([None] * (column - len(cells)))
            if cells[column - 1] is None:
                cells[column - 1] = value
        while self.pending and self.pending[-1][1] <= line:
            column, first, last = self.pending.pop()
            if first == line and column <= len(cells):
                self.active[column] = (last, cells[column - 1])


def _read_xlsx(data: bytes, file: str) -> Book:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(file, "imp.file.not_xlsx") from None
    if "xl/workbook.xml" not in names:
        raise _refuse(file, "imp.file.zip_not_xlsx")
    if unzipped > MAX_UNZIPPED_BYTES:
        raise _refuse(file, "imp.file.unzipped_too_big", size=_size(unzipped), limit=_size(MAX_UNZIPPED_BYTES))
    try:
        merged_down = check_xlsx(archive)
    except UploadRefused as exc:
        raise FileRefused([RowProblem(file, None, None, str(exc))]) from None
    from openpyxl import load_workbook

    try:
        written = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        cached = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any failure of a damaged workbook is the same message
        raise _refuse(file, "imp.file.xlsx_unreadable") from None
    sheets = []
    try:
        for title in written.sheetnames:
            if not hasattr(written[title], "iter_rows"):
                continue  # a chart sheet holds no cells
            rows = []
            merges = _MergedDown(merged_down.get(getattr(written[title], "_worksheet_path", ""), []))
            for row_w, row_c in zip(written[title].iter_rows(), cached[title].iter_rows(), strict=False):
                cells = []
                line = None
                for cell_w, cell_c in zip(row_w, row_c, strict=False):
                    line = line or getattr(cell_w, "row", None)
                    value = cell_w.value
                    if isinstance(value, str) and value.startswith("=") and getattr(cell_w, "data_type", "") == "f":
                        value = Formula(value, cell_c.value)
                    elif isinstance(value, str):
                        value = _xlsx_text(value)
                    cells.append(value)
                if line is None:
                    continue
                merges.fill(line, cells)
                if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS and any(v not in (None, "") for v in cells):
                    raise _too_many_rows(f"{file} › {title}")  # which sheet: a workbook may hold several
                rows.append((line, cells))
            sheets.append(Sheet(title, rows))
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged cell (a text in a number, a missing shared string) reads as one
        raise _refuse(file, "imp.file.xlsx_unreadable") from None
    finally:
        written.close()
        cached.close()
    return Book(file, sheets, "xlsx")
