"""Reading the «Presupuesto» and «Indicadores» sheets of a proposals workbook: their lines by proposal code.

Each sheet has its own header (`LINE_ALIASES`, `INDICATOR_ALIASES`); its rows are validated with the model
(`BudgetLine`, `Indicator`). Every problem names the file and sheet, the row and the column as the person wrote it,
the same words as on the proposals sheet: a required cell saying «n/a», «-», «s/d» gets `val.not_given`, quoting it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.data.validation import RowProblem, spanish_message, validate_rows
from core.lists import not_given
from core.proposals.import_cells import cell_text, is_blank, parse_number, zero_dash
from core.proposals.import_columns import (
    INDICATOR_ALIASES,
    INDICATOR_COLUMNS,
    LINE_ALIASES,
    LINE_COLUMNS,
    NESTED_FIELDS,
    Column,
    find_header,
    find_sheet,
    row_cells,
)
from core.proposals.import_files import Book, Formula, Sheet
from core.proposals.import_values import RowConverter
from core.proposals.models import BudgetLine, Indicator
from core.texts import t
from core.user_text import ENTERED


class NestedSheets(RowConverter):
    """The budget and indicator sheets of `book`, read with the proposals reader's decimal mark and problems."""

    book: Book
    main: Sheet

    def _nested(self) -> tuple[dict[str, list[BudgetLine]] | None, dict[str, list[Indicator]] | None,
                               dict[str, set[str]]]:
        """The lines of the «Presupuesto» and «Indicadores» sheets by proposal code (None: no such sheet),
        and the codes whose lines have problems, with the sheets they are on."""
        bad: dict[str, set[str]] = {}
        out: list[dict[str, list] | None] = []
        for key, columns, aliases, model in (("imp.sheet.budget", LINE_COLUMNS, LINE_ALIASES, BudgetLine),
                                             ("imp.sheet.indicators", INDICATOR_COLUMNS, INDICATOR_ALIASES, Indicator)):
            sheet = find_sheet(self.book, key)
            if sheet is None or sheet is self.main:
                out.append(None)
                continue
            out.append(self._nested_sheet(sheet, columns, aliases, model, bad))
        return out[0], out[1], bad

    def _nested_sheet(self, sheet: Sheet, columns: Sequence[Column], aliases: Mapping[str, str], model: type,
                      bad: dict[str, set[str]]) -> dict[str, list]:
        file = f"{self.preview.file} › {sheet.name}"
        by_field = {c.field: c for c in columns}
        required = [c.field for c in columns if c.required]
        header = find_header(sheet, aliases, required, file, self.problems)
        items: dict[str, list] = {}
        if header is None:
            return items
        missing = [RowProblem(file, header.line, t(f"imp.col.{f}"), t("imp.header.missing"))
                   for f in required if f not in header.fields]
        if missing:
            self.problems.extend(missing)
            return items
        written = {f: header.written[f] for f in header.fields}
        rows = []
        said: set[tuple[int, str]] = set()  # (row, field) whose «n/a» or formula was named: not «falta el valor» on top
        for line, cells in sheet.rows:
            if line <= header.line or not any(not is_blank(c) for c in cells):
                continue
            raw = row_cells(cells, header)
            code = cell_text(raw.get("line_proposal"))
            values: dict[str, Any] = {}
            for name, value in raw.items():
                column = by_field[name]
                if column.kind == "money" and zero_dash(value):  # Excel's accounting zero: an amount of 0
                    values[NESTED_FIELDS[name]] = 0.0
                    continue
                if column.required and not_given(value):  # as on the proposals sheet: quote what was written
                    self._problem(line, written[name], t("val.not_given", value=value.strip()), file)
                    said.add((line, name))
                    bad.setdefault(code or "", set()).add(sheet.name or "")
                    continue
                if name == "line_proposal":
                    continue
                if isinstance(value, Formula):
                    if column.kind != "money":
                        value = value.text
                    elif value.cached is None or isinstance(value.cached, str):
                        self._problem(line, written[name], t("imp.cell.formula_number", formula=value.text), file)
                        said.add((line, name))  # not «falta el valor» on top: the cell has a formula
                        bad.setdefault(code or "", set()).add(sheet.name or "")
                        continue
                    else:
                        value = value.cached
                if column.kind == "money":
                    values[NESTED_FIELDS[name]] = parse_number(value, self.decimal)
                elif column.kind == "choice":
                    choice = self._choice(line, column, value, written[name], file)
                    if choice is not None:
                        values[NESTED_FIELDS[name]] = choice
                    elif cell_text(value) is not None:
                        bad.setdefault(code or "", set()).add(sheet.name or "")
                else:
                    values[NESTED_FIELDS[name]] = cell_text(value)
            rows.append((line, code, values))
        valid, problems = validate_rows(((line, values) for line, _, values in rows), model, file,
                                        context={ENTERED: True})  # no hidden characters (core.user_text)
        nested_names = {v: k for k, v in NESTED_FIELDS.items()}
        failed = {p.row for p in problems} | {line for line, _ in said}
        for p in problems:
            name = nested_names.get((p.column or "").split(".")[0], "")
            if (p.row, name) in said:
                continue
            self.problems.append(RowProblem(p.file, p.row, written.get(name, p.column), p.message))
        valid_iter = iter(valid)
        for line, code, _ in rows:
            item = next(valid_iter) if line not in {p.row for p in problems} else None
            if line in failed:
                bad.setdefault(code or "", set()).add(sheet.name or "")
                continue
            if code is None:
                self._problem(line, written["line_proposal"], spanish_message({"type": "missing"}), file)
                continue
            items.setdefault(code, []).append(item)
        return items
