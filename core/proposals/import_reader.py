"""Reading a proposals file into an `ImportPreview`: the proposals sheet, its budget and indicator sheets.

The steps: find the header, settle the decimal mark from the values that are not ambiguous (per column when
a column's own values settle it, else once for the file), read the «Presupuesto» and «Indicadores» sheets by
proposal code (`import_nested`), convert each proposals row (`RowConverter`), complete it (parish, nested lines, status,
provenance; for an update the stored fields the file lacks), derive or check the amount requested of the GAD
(`import_amounts`), validate it with the model through `core.data.validation`, then decide each row's action
(new, update, unchanged, error, or skipped while its association awaits the planner) and its budget warnings.
Stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from core.data.validation import RowProblem, validate_rows
from core.fmt import date as fmt_date
from core.fmt import listing, number, number_text, visible
from core.proposals.import_amounts import settle
from core.proposals.import_associations import LEFT_OUT
from core.proposals.import_cells import cell_text, decimal_votes, is_blank, normalise, settled_mark, zero_dash
from core.proposals.import_columns import (
    BY_FIELD,
    COLUMNS,
    COUNTERPARTS,
    HEADER_ALIASES,
    NEW_STATUSES,
    Header,
    blank_cells,
    find_header,
    find_sheet,
    missing_columns,
    row_cells,
)
from core.proposals.import_files import MAX_ROWS, Book, Sheet
from core.proposals.import_nested import NestedSheets
from core.proposals.import_preview import ImportContext, ImportPreview, PreviewRow
from core.proposals.models import BudgetLine, Indicator, Proposal, ProposalStatus, StatusChange
from core.proposals.readiness import budget_warnings
from core.texts import label, t
from core.user_text import ENTERED

# Technical field names that appear inside some model messages, shown as the person's header instead.
FIELD_WORDS = ("association_ids", "cooperant_name", "cooperation_offer_id")


class ProposalsReader(NestedSheets):
    """One import preview being built (the steps of `preview_import`)."""

    def __init__(self, preview: ImportPreview, book: Book, main: Sheet, file: str, ctx: ImportContext):
        super().__init__(preview, file, ctx)
        self.book, self.main = book, main
        self.amounts_said: set[int] = set()  # lines whose amounts contradict each other (said at their column)

    # -- steps

    def run(self) -> None:
        required = [c.field for c in COLUMNS if c.required]
        header = find_header(self.main, HEADER_ALIASES, required, self.file, self.problems)
        if header is None:
            return
        missing = missing_columns(header, self.file)
        self.problems.extend(missing)
        if header.ignored:
            self.preview.notices.append(t("imp.header.ignored", columns=", ".join(f"«{c}»" for c in header.ignored)))
        wide = self._too_wide(header)
        body = [(line, row_cells(cells, header)) for line, cells in self.main.rows
                if line > header.line and line not in wide and any(not is_blank(c) for c in cells)]
        if not body and not wide:
            self.problems.append(RowProblem(self.file, None, None, t("imp.file.no_rows")))
            return
        if len(body) > MAX_ROWS:
            self.problems[:] = [RowProblem(self.file, None, None, t("imp.file.too_many_rows", rows=number(len(body)),
                                                                     limit=number(MAX_ROWS)))]
            return
        if missing or any(p.row == header.line for p in self.problems):
            return  # without the required columns every row would repeat the same problem
        self.header = header
        self.decimal = self._decimal_mark(body, header)
        lines, indicators, nested_bad = self._nested()
        self._rows(body, lines, indicators, nested_bad)
        ignored = [s.name for s in self.book.sheets if s is not self.main and s.name is not None
                   and normalise(s.name) not in {normalise(t(k)) for k in ("imp.sheet.budget", "imp.sheet.indicators",
                                                                           "imp.sheet.help", "imp.sheet.codes")}]
        if ignored and self.book.kind == "xlsx":
            self.preview.notices.append(t("imp.header.sheets_ignored", sheets=", ".join(f"«{s}»" for s in ignored)))

    def _too_wide(self, header: Header) -> set[int]:
        """The lines of a CSV with more cells than its header (a text holding the separator without quotes): each
        is told and left out, never read cut short."""
        if self.book.kind != "csv":
            return set()
        width = _used(next(cells for line, cells in self.main.rows if line == header.line))
        mark = t("imp.file.tab") if self.book.delimiter == "\t" else f"«{self.book.delimiter}»"
        wide = {line: used for line, cells in self.main.rows if line > header.line and (used := _used(cells)) > width}
        self.problems.extend(RowProblem(self.file, line, None, t("imp.file.extra_cells", cells=used, header=width,
                                                                  delimiter=mark)) for line, used in wide.items())
        return set(wide)

    def _decimal_mark(self, body: list[tuple[int, dict[str, Any]]], header: Header) -> str:
        money = [f for f in header.fields if BY_FIELD[f].kind in ("money", "int")]
        values = [str(row[f]) for _, row in body for f in money if isinstance(row.get(f), str)]
        # when nothing settles it: a comma-separated CSV writes dot decimals, everything else is es-EC
        found = settled_mark(values)
        mark, settled = found or ("." if self.book.delimiter == "," else ","), found is not None
        if any(re.search(r"[.,]\d", number_text(v)) for v in values):
            self.preview.notices.append(t("imp.number.comma" if mark == "," else "imp.number.dot"))
        self._column_marks(body, money, mark, settled)
        return mark

    def _column_marks(self, body: list[tuple[int, dict[str, Any]]], fields: list[str], mark: str,
                      settled: bool) -> None:
        """A column whose own unambiguous values settle the other mark reads all its cells with that mark
        («1.500» then means the same in every row of the column); the other columns follow the file. When no value
        of the file settles it, an amount that reads two ways («12,500») is refused (`unsettled`)."""
        for name in fields:
            votes = decimal_votes(str(row[name]) for _, row in body if isinstance(row.get(name), str))
            if not settled and votes[","] == votes["."]:
                self.unsettled.add(name)
            own = mark if votes[","] == votes["."] else ("," if votes[","] > votes["."] else ".")
            if own != mark:
                self.column_decimals[name] = own
                self.preview.notices.append(t("imp.number.column", column=self._column(name), mark=t(
                    "imp.number.mark_comma" if own == "," else "imp.number.mark_dot")))

    # -- the proposals

    def _rows(self, body: list[tuple[int, dict[str, Any]]], lines: dict[str, list[BudgetLine]] | None,
              indicators: dict[str, list[Indicator]] | None, nested_bad: dict[str, set[str]]) -> None:
        ctx, preview = self.ctx, self.preview
        written = {"imp.sheet.budget": lines or {}, "imp.sheet.indicators": indicators or {}}  # codes as written
        lines, indicators = _by_lower_code(lines), _by_lower_code(indicators)  # a sheet's «can-01» is «CAN-01»
        nested_bad = {code.lower(): sheets for code, sheets in nested_bad.items()}
        codes: dict[str, list[int]] = {}
        for line, cells in body:
            code = cell_text(cells.get("proposal_id"))
            if code:
                codes.setdefault(code.lower(), []).append(line)
        seen_codes = set()
        prepared: list[tuple[int, dict[str, Any], PreviewRow]] = []
        for line, cells in body:
            before = len(self.problems)
            values = self._convert(line, cells)
            code = values.get("proposal_id")
            lead = values.get("association_id")
            row = PreviewRow(line, code or cell_text(cells.get("proposal_id")), cell_text(cells.get("title")),
                             lead if lead and lead != LEFT_OUT else cell_text(cells.get("association_id")),
                             values.get("cost_usd"))
            preview.rows.append(row)
            seen_codes.add(code or cell_text(cells.get("proposal_id")))  # a refused code is on the sheet all the same
            if code:
                repeated = codes.get(code.lower(), [])
                if len(repeated) > 1:
                    self._problem(line, self._column("proposal_id"),
                                  t("imp.cell.duplicate", code=code, rows=listing(str(r) for r in repeated)))
                if code in ctx.elsewhere:
                    self._problem(line, self._column("proposal_id"),
                                  t("imp.cell.other_parish", code=code, parish=ctx.elsewhere[code]))
            values = self._complete(line, values, code, lines, indicators)
            self._amounts(line, cells, values, row)
            for sheet in sorted(nested_bad.get((code or "").lower(), ())):
                self._problem(line, self._column("proposal_id"), t("imp.cell.lines_invalid", sheet=sheet))
            prepared.append((line, values, row))
            row.action = "error" if len(self.problems) > before else "new"
        seen_codes = {c.lower() for c in seen_codes if c}
        for key, nested in written.items():
            for code in (c for c in nested if c.lower() not in seen_codes):
                self._orphans(key, code)
        self._validate(prepared)

    def _amounts(self, line: int, cells: dict[str, Any], values: dict[str, Any], row: PreviewRow) -> None:
        """Derive the amount requested of the GAD when the file leaves it out; name a contradiction."""
        requested_given = not is_blank(cells.get("requested_usd")) or zero_dash(cells.get("requested_usd"))
        counterparts_in_file = any(c in self.header.fields for c in COUNTERPARTS)
        amounts = settle(values, requested_given=requested_given, counterparts_in_file=counterparts_in_file)
        if amounts.derived is None and amounts.problem is None and not requested_given and counterparts_in_file:
            # the cost or a counterpart is wrong and its own message says so: not «falta el valor» on top of it
            values.setdefault("requested_usd", 0.0)
        if amounts.derived is not None:
            values["requested_usd"] = amounts.derived
            row.notes.append(amounts.note)
        if amounts.problem is not None:
            self._problem(line, self._column(amounts.problem_field), amounts.problem)
            values.setdefault("requested_usd", 0.0)  # not «falta el valor» on top of the problem just said
            self.amounts_said.add(line)  # the model's «no suman» for the whole row would repeat it

    def _orphans(self, key: str, code: str) -> None:
        sheet = find_sheet(self.book, key)
        file = f"{self.preview.file} › {sheet.name}" if sheet else self.preview.file
        self.problems.append(RowProblem(file, None if sheet is None else self._first_line(sheet, code),
                                        t("imp.col.line_proposal"), t("imp.cell.line_orphan", code=visible(code))))

    @staticmethod
    def _first_line(sheet: Sheet, code: str) -> int | None:
        for line, cells in sheet.rows:
            if any(cell_text(c) == code for c in cells):
                return line
        return None

    def _complete(self, line: int, values: dict[str, Any], code: str | None,
                  lines: dict[str, list[BudgetLine]] | None,
                  indicators: dict[str, list[Indicator]] | None) -> dict[str, Any]:
        """Fill what the file does not say: the parish, the nested sheets, status, provenance; and for an
        update, the fields of the stored proposal the file has no column for."""
        ctx = self.ctx
        values = dict(blank_cells(values))
        values["parish_code"] = ctx.parish_code
        if lines is not None:
            values["budget_lines"] = lines.get((code or "").lower(), [])
        if indicators is not None:
            values["indicators"] = indicators.get((code or "").lower(), [])
        lead = values.get("association_id")
        if "association_ids" in values:
            ids = [a for a in dict.fromkeys(values["association_ids"])]
            if lead and lead not in ids:
                ids.insert(0, lead)
            elif lead:
                ids.remove(lead)
                ids.insert(0, lead)
            values["association_ids"] = ids or ([lead] if lead else [])
        existing = ctx.existing.get(code or "")
        status = values.pop("status", None)
        if existing is not None:
            stored = existing.item.model_dump()
            if "association_id" in values and "association_ids" not in values:
                stored["association_ids"] = [values["association_id"]] + [
                    a for a in stored["association_ids"] if a != values["association_id"]]
            merged = {**stored, **values, "status": existing.item.status,
                      "status_history": existing.item.status_history}
            if status is not None and status != existing.item.status:
                self.preview.notices.append(t("imp.notice.at", file=self.file, row=line, message=t(
                    "imp.cell.status_kept", current=label("proposal_status", existing.item.status.value))))
            return merged
        if status is not None and ProposalStatus(status) not in NEW_STATUSES:
            self._problem(line, self._column("status"),
                          t("imp.cell.status_new", value=label("proposal_status", status)))
            status = None
        values.setdefault("is_synthetic", False)
        if not values.get("source"):
            values["source"] = t("imp.source.imported", file=self.preview.file, date=fmt_date(ctx.today))
        if status == ProposalStatus.SUBMITTED:
            values["status"] = ProposalStatus.SUBMITTED
            values["status_history"] = [StatusChange(status=ProposalStatus.DRAFT),
                                        StatusChange(status=ProposalStatus.SUBMITTED, date=ctx.today)]
        return values

    def _validate(self, prepared: list[tuple[int, dict[str, Any], PreviewRow]]) -> None:
        ctx = self.ctx
        marked = {p.row for p in self.problems if p.file == self.file and p.row is not None}
        # checked as entered: a text may not hold a character that cannot be seen (core.user_text)
        valid, problems = validate_rows(((line, values) for line, values, _ in prepared), Proposal, self.file,
                                        context={ENTERED: True})
        # An existing code the person did not ask to update is said once, as such: what the model finds
        # in the row merged with the stored proposal would only confuse.
        refused_update = {line for line, values, _ in prepared
                          if values.get("proposal_id") in ctx.existing and not self.preview.update_existing}
        failed = set()
        for p in problems:
            failed.add(p.row)
            if p.row in refused_update or (p.row in self.amounts_said and p.column is None):
                continue
            top = (p.column or "").split(".")[0]
            column = self._column(top) if top in BY_FIELD else None
            if p.row in marked and column is not None and any(
                    q.row == p.row and q.column == column for q in self.problems):
                continue  # already said, in the person's words
            message = self._words(p.message)
            if (written := self.zero_dashes.get((p.row, top))) is not None:  # «$ -» read as 0, and 0 refused
                message = t("val.received", message=message, value=written)
            self.problems.append(RowProblem(p.file, p.row, column, message))
        models = iter(valid)
        for line, values, row in prepared:
            proposal = None if line in failed else next(models)
            existing = ctx.existing.get(values.get("proposal_id") or "")
            same = (proposal is not None and existing is not None
                    and existing.item.model_dump(mode="json") == proposal.model_dump(mode="json"))
            if existing is not None and not same and not self.preview.update_existing:
                row.action = "error"
                self._problem(line, self._column("proposal_id"),
                              t("imp.cell.exists", code=existing.item.proposal_id, title=existing.item.title))
                continue
            if proposal is None or row.action == "error":
                row.action = "error"
                continue
            row.warnings = budget_warnings(proposal, ctx.competences, ctx.pdot_objectives)
            if line in self.left_out:
                row.action = "skipped"
                row.warnings.insert(0, t("imp.warn.association", name=self.left_out[line]))
                continue
            row.proposal = proposal
            if existing is None:
                row.action, row.expected_version = "new", ctx.deleted.get(proposal.proposal_id, 0)
            elif same:
                row.action, row.expected_version = "unchanged", existing.version
            else:
                row.action, row.expected_version = "update", existing.version
        self.problems.sort(key=lambda p: (p.file != self.file, p.file, p.row or 0))

    def _words(self, message: str) -> str:
        for name in FIELD_WORDS:
            message = message.replace(name, f"«{self._column(name)}»")
        return message


def _used(cells: Sequence[Any]) -> int:
    """How many cells a row uses: up to its last non-blank one."""
    return next((i + 1 for i in range(len(cells) - 1, -1, -1) if not is_blank(cells[i])), 0)


def _by_lower_code(items: dict[str, list[Any]] | None) -> dict[str, list[Any]] | None:
    """A nested sheet's lines by the lower case of their proposal code, the lines of one code in two cases kept
    together in the sheet's order."""
    if items is None:
        return None
    merged: dict[str, list[Any]] = {}
    for code, found in items.items():
        merged.setdefault(code.lower(), []).extend(found)
    return merged
