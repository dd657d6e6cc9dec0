"""Bounds an uploaded spreadsheet must respect before it is parsed, checked cheaply from its bytes.

Why: openpyxl sizes a read-only sheet by the `<dimension ref=...>` the file declares, so a 5 KB workbook that
declares a million rows, or one with 16,000 columns, keeps a server thread busy for minutes. Here the zip's
directory and each `xl/worksheets/sheet*.xml` (and the shared strings) are streamed with expat: the declared
dimension, the columns actually used, the number of cells and every cell's length are counted, and the scan
stops at the first bound passed, or after `SCAN_SECONDS`. Only then does the reader load the workbook.

A CSV is bounded by the byte limit alone; here its line endings are made uniform (a file saved with CR only
reads like any other), and a cell longer than the csv module accepts is refused in Spanish by the reader.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from core.fmt import number
from core.texts import t

MAX_COLUMNS = 256  # the template has far fewer; every column past this is noise or an attack
MAX_DECLARED_ROWS = 20_000  # a sheet may declare formatted empty rows past its data, not a million
MAX_CELLS = 1_000_000  # cells written in one workbook, across its sheets
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
SCAN_SECONDS = 3.0
CHUNK = 64 * 1024

_SHARED = "xl/sharedStrings.xml"
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class UploadRefused(Exception):
    """The file passes a bound; the message says which, in Spanish."""


def column_number(letters: str) -> int:
    """A1-style column letters to their number (A → 1, Z → 26, AA → 27)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _reference(ref: str) -> tuple[int, int] | None:
    """(column, row) of a cell reference such as «XFD1048576»; None when it is not one."""
    found = _REF.match(ref.strip().upper().replace("$", ""))
    return (column_number(found.group(1)), int(found.group(2))) if found else None


class _Scan:
    """Counts what a workbook's parts hold as expat reads them, and stops at the first bound passed."""

    def __init__(self, deadline: float):
        self.part = ""
        self.path = ""
        self.merged_down: dict[str, list[tuple[int, int, int]]] = {}
        self.deadline = deadline
        self.cells = 0
        self.text_length = 0
        self.in_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit("}", 1)[-1]
        if tag == "dimension":
            self._dimension(attrs.get("ref", ""))
        elif tag == "c":
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise UploadRefused(t("imp.limit.cells", limit=number(MAX_CELLS)))
            where = _reference(attrs.get("r", ""))
            if where is not None and where[0] > MAX_COLUMNS:
                raise UploadRefused(t("imp.limit.columns", part=self.part, columns=number(where[0]),
                                      limit=MAX_COLUMNS))
        elif tag in ("v", "t", "f"):
            self.in_text, self.text_length = True, 0
        elif tag == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def end(self, name: str) -> None:
        if name.rsplit("}", 1)[-1] in ("v", "t", "f"):
            self.in_text = False

    def text(self, data: str) -> None:
        if self.in_text:
            self.text_length += len(data)
            if self.text_length > MAX_CELL_CHARS:
                raise UploadRefused(t("imp.limit.cell_length", part=self.part,
                                      limit=number(MAX_CELL_CHARS)))

    def _merge(self, ref: str) -> None:
        """Keep a merged range that spans rows as (column, first row, last row) of its first column."""
        self.cells += 1  # counted like a cell: a sheet cannot hide a million ranges
        if self.cells > MAX_CELLS:
            raise UploadRefused(t("imp.limit.cells", limit=number(MAX_CELLS)))
        corners = [_reference(corner) for corner in ref.split(":")]
        if len(corners) == 2 and None not in corners and corners[1][1] > corners[0][1]:
            self.merged_down.setdefault(self.path, []).append((corners[0][0], corners[0][1], corners[1][1]))

    def _dimension(self, ref: str) -> None:
        corners = [_reference(corner) for corner in ref.split(":")]
        if not corners or any(c is None for c in corners):
            return
        columns, rows = max(c[0] for c in corners), max(c[1] for c in corners)
        if columns > MAX_COLUMNS:
            raise UploadRefused(t("imp.limit.columns", part=self.part, columns=number(columns),
                                  limit=MAX_COLUMNS))
        if rows > MAX_DECLARED_ROWS:
            raise UploadRefused(t("imp.limit.rows", part=self.part, rows=number(rows),
                                  limit=number(MAX_DECLARED_ROWS)))


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def _scan_part(archive: zipfile.ZipFile, part: str, scan: _Scan) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _no_doctype  # no entities, so no entity expansion
    try:
        for chunk in _chunks(archive, part):
            if time.monotonic() > scan.deadline:
                raise UploadRefused(t("imp.limit.too_slow", seconds=int(SCAN_SECONDS)))
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise UploadRefused(t("imp.limit.damaged", part=part)) from None


def _no_doctype(*_: object) -> None:
    raise UploadRefused(t("imp.limit.doctype"))


def check_xlsx(archive: zipfile.ZipFile) -> dict[str, list[tuple[int, int, int]]]:
    """Refuse (UploadRefused, Spanish) a workbook past a bound, reading only its zip parts as a stream.
    Returns the ranges merged over several rows, by part: (column, first row, last row)."""
    scan = _Scan(time.monotonic() + SCAN_SECONDS)
    # every XML part, not only those named like sheets: the workbook's relationships may name any part a sheet
    parts = [n for n in archive.namelist() if n == _SHARED] + sorted(
        n for n in archive.namelist() if n.lower().endswith(".xml") and n != _SHARED)
    for part in parts:
        scan.part, scan.path = part.rsplit("/", 1)[-1], part
        _scan_part(archive, part, scan)
    return scan.merged_down


def uniform_lines(text: str) -> str:
    """The text of a CSV with every line ending (CRLF, or CR alone as old Mac programs save) made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
