"""A proposals row's cells as the values the `Proposal` model validates, with the problems found on the way.

Cells that cannot be read are passed as written, so the model's message («debe ser un número (se recibió …)»)
names them; what the model cannot word well is said here, in the person's words: an association by a name not
of this parish, a code not in its catalogue (PDOT, PND, ODS targets, problems, offers), a choice not in the list,
a formula without a cached number. Every problem names the file, the row and the column as the person wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from core.data.validation import RowProblem
from core.fmt import ambiguous_reading, local_code, visible
from core.lists import bare_na, list_items, not_given
from core.proposals.import_associations import LEFT_OUT, MAX_NAME, Unregistered, new_ids, suggest
from core.proposals.import_cells import (
    FALSE_WORDS,
    TRUE_WORDS,
    cell_text,
    choice_index,
    day_range_problem,
    normalise,
    parse_date,
    parse_int,
    parse_ints,
    parse_number,
    parse_targets,
    serial_problem,
    split_list,
    zero_dash,
)
from core.proposals.import_columns import BY_FIELD, Column, Header
from core.proposals.import_files import Formula
from core.proposals.import_preview import ImportContext, ImportPreview
from core.proposals.models import ID_PATTERN
from core.texts import labels, t
from core.user_text import first_hidden, one_line

_CODE_KINDS = ("association", "association_list", "code", "code_list")  # columns where «NA» may be a code


class RowConverter:
    """Turns the cells of one file's rows into model values against `ctx`; problems go to `preview.problems`.

    `header` (the proposals sheet's) names columns as written; `decimal` is the file's decimal mark.
    """

    def __init__(self, preview: ImportPreview, file: str, ctx: ImportContext):
        self.preview, self.file, self.ctx = preview, file, ctx
        self.problems = preview.problems
        self.decimal = ","
        self.header: Header | None = None
        self.column_decimals: dict[str, str] = {}  # field → its own decimal mark, when not the file's
        self.unsettled: set[str] = set()  # amount fields whose decimal mark no value of the file settles
        self.left_out: dict[int, str] = {}  # line → the unregistered association that keeps it out for now
        self.zero_dashes: dict[tuple[int, str], str] = {}  # (line, field) → «$ -» as written, read as 0
        self._stored_codes: dict[str, str] | None = None  # `_by_code` of the stored proposals, built once per file
        self._associations: tuple[dict[str, str], dict[str, str]] | None = None  # `_association_index`

    def _problem(self, line: int, column: str, message: str, file: str | None = None) -> None:
        self.problems.append(RowProblem(file or self.file, line, column, message))

    def _column(self, field_name: str) -> str:
        return self.header.written.get(field_name) or BY_FIELD[field_name].header

    def _choice(self, line: int, column: Column, value: Any, written: str, file: str | None = None) -> Any:
        text = cell_text(value)
        if text is None:
            return None
        code = choice_index(column.family or "").get(normalise(text))
        if code is None:
            options = ", ".join(labels(column.family or "").values())
            self._problem(line, written, t("imp.cell.choice", value=text, options=options), file)
        return code

    def _by_code(self, codes: Iterable[str]) -> dict[str, str]:
        """Lower-cased code → stored id, also under the code as the parish's own files write it («A01», «P1»)
        for a loaded parish's records (010152-A01, 190256-P1)."""
        found = {str(c).lower(): str(c) for c in codes}
        prefix = f"{self.ctx.parish_code}-"
        for code in list(found.values()):
            if code.startswith(prefix):
                found.setdefault(code.removeprefix(prefix).lower(), code)
        return found

    def _stored_proposal_codes(self) -> dict[str, str]:
        """`_by_code` of the parish's stored proposals, built on the first row that asks (not once per row)."""
        if self._stored_codes is None:
            self._stored_codes = self._by_code(self.ctx.existing)
        return self._stored_codes

    def _association_index(self) -> tuple[dict[str, str], dict[str, str]]:
        """The parish's associations by code (`_by_code`) and by normalised name, built once per file (not per row:
        2.000 rows in a parish of 300 associations took seconds)."""
        if self._associations is None:
            self._associations = (self._by_code(self.ctx.associations),
                                  {normalise(name): code for code, name in self.ctx.associations.items()})
        return self._associations

    def _association(self, line: int, value: str, written: str) -> str | None:
        by_code, by_name = self._association_index()
        found = by_code.get(value.strip().lower()) or by_name.get(normalise(value))
        hidden = first_hidden(one_line(value), multiline=True)  # as ParishAssociation.name (OneLine) reads it
        if found is None and hidden is not None:  # a name to create holds what the parish's records refuse
            position, char = hidden
            self._problem(line, written, t("text.err.hidden", code=f"U+{ord(char):04X}", position=position))
            return None
        if found is None and not re.fullmatch(ID_PATTERN, value.strip()) and len(value.strip()) <= MAX_NAME:
            return self._unregistered(line, value)  # a name, not a code: offered for creation
        if found is None:
            if not self.ctx.associations:
                self._problem(line, written, t("imp.cell.no_associations", parish=self.ctx.parish_name))
            else:
                options = "; ".join(f"{c} ({n})" for c, n in self.ctx.associations.items())
                self._problem(line, written, t("imp.cell.association", value=value, parish=self.ctx.parish_name,
                                               options=options))
        return found

    def _unregistered(self, line: int, value: str) -> str:
        """The id a row naming an unregistered association takes: the planner's answer, or LEFT_OUT."""
        unregistered = self.preview.unregistered
        key = normalise(value)
        offer = unregistered.get(key)
        if offer is None:
            offer = Unregistered(one_line(value), key, suggest(value, self.ctx.associations),
                                 choice=self.preview.choices.get(key))
            if offer.choice is not None and offer.choice.action == "create":
                taken = {**self.ctx.associations, **{u.new_id: u.name for u in unregistered.values() if u.new_id}}
                offer.new_id = new_ids(self.ctx.parish_code, taken, 1)[0]
            unregistered[key] = offer
        if line not in offer.lines:
            offer.lines.append(line)
        resolved = offer.resolved_id
        if resolved is None:
            self.left_out.setdefault(line, offer.name)
            return LEFT_OUT
        return resolved

    def _known(self, line: int, written: str, codes: list[str], catalogue: Mapping[str, str] | frozenset[str] | None,
               what: str) -> list[str]:
        if catalogue is None:
            return codes
        canonical = self._by_code(catalogue)
        unknown = [c for c in codes if c.lower() not in canonical]
        if unknown:
            known = list(dict.fromkeys(map(local_code, canonical.values())))  # as the parish's files name them
            options = ", ".join(known[:40]) + (" …" if len(known) > 40 else "")
            key = "imp.cell.unknown_codes" if canonical else "imp.cell.unknown_codes_none"
            self._problem(line, written, t(key, what=t(f"imp.what.{what}"), codes=", ".join(unknown), options=options))
        return [canonical.get(c.lower(), c) for c in codes]

    def _convert(self, line: int, cells: dict[str, Any]) -> dict[str, Any]:
        """The row's cells as model values. Cells that cannot be read are passed as written, so the model's
        message («debe ser un número (se recibió …)») names them; coded values are checked here."""
        out: dict[str, Any] = {}
        for name, value in cells.items():
            column, written = BY_FIELD[name], self._column(name)
            kind = column.kind
            if kind == "money" and zero_dash(value):  # Excel's accounting zero: 0, quoted if 0 is refused
                self.zero_dashes[(line, name)] = value.strip()
                out[name] = 0.0
                continue
            if bare_na(value) and kind in _CODE_KINDS:  # «NA»: a code of the parish, or said how it was read
                if self._na_code(line, name, value.strip(), out):
                    continue
                if column.required:
                    self._problem(line, written, t("val.not_given_code", value=value.strip()))
                    continue
            if column.required and not_given(value):  # «n/a» reads as empty: where a value is needed, say so
                self._problem(line, written, t("val.not_given", value=value.strip()))
                continue
            if isinstance(value, Formula) and kind in ("money", "int", "int_list", "date", "bool"):
                if value.cached is None or isinstance(value.cached, str):
                    self._problem(line, written, t("imp.cell.formula_number", formula=value.text))
                    continue
                value = value.cached
            if kind == "text":
                out[name] = cell_text(value)
            elif kind == "text_list":
                out[name] = split_list(value, also_comma=False)
            elif kind == "money":
                mark = self.column_decimals.get(name, self.decimal)
                if name in self.unsettled and isinstance(value, str) \
                        and (doubt := ambiguous_reading(value, mark, decimals=2)):  # «12,500»: 12,50 or 12.500?
                    self._problem(line, written, doubt)
                    continue
                out[name] = parse_number(value, mark)
            elif kind == "int":
                out[name] = parse_int(value, self.column_decimals.get(name, self.decimal))
            elif kind == "date":
                if (serial := serial_problem(value)) is not None:  # 46402: a date cell that lost its format
                    self._problem(line, written, serial)
                    continue
                day = parse_date(value)
                if isinstance(day, str):  # the model would name only aaaa-mm-dd: this names what a file takes
                    self._problem(line, written, t("val.day", value=day))
                    continue
                if (slip := day_range_problem(day)) is not None:  # year 9999: no end can be counted from it
                    self._problem(line, written, slip)
                    continue
                out[name] = day
            elif kind == "code":
                text = cell_text(value)
                if text is not None and not re.fullmatch(ID_PATTERN, text):
                    self._problem(line, written, t("imp.cell.bad_code", value=visible(text)))
                    continue
                if name == "cooperation_offer_id" and text is not None:
                    text = self._known(line, written, [text], self.ctx.offers, "offer")[0]
                if name == "proposal_id" and text is not None:  # «can-01» is the stored «CAN-01», not a new one
                    text = self._stored_proposal_codes().get(text.lower(), text)
                out[name] = text
            elif kind == "code_list":
                codes = split_list(value, also_comma=True)
                catalogue, what = {"pdot_objective_ids": (self.ctx.pdot_objectives, "pdot"),
                                   "pnd_objective_ids": (self.ctx.pnd_objectives, "pnd"),
                                   "problem_ids": (self.ctx.problems, "problem")}[name]
                out[name] = self._known(line, written, codes, catalogue, what)
            elif kind == "int_list":
                out[name] = parse_ints(value)
            elif kind == "target_list":
                out[name] = self._known(line, written, parse_targets(value), self.ctx.sdg_targets, "sdg_target")
            elif kind == "choice":
                out[name] = self._choice(line, column, value, written)
            elif kind == "choice_list":
                out[name] = [c for part in split_list(value, also_comma=True)
                             if (c := self._choice(line, column, part, written)) is not None]
            elif kind == "association":
                text = cell_text(value)
                out[name] = self._association(line, text, written) if text is not None else None
            elif kind == "association_list":
                found = []
                # a quoted name is taken whole, commas and «;» included
                for part, quoted in list_items(cell_text(value)):
                    pieces = [part] if quoted or self._resolves(part) or "," not in part else [
                        p.strip() for p in part.split(",") if p.strip()]
                    found.extend(self._association(line, piece, written) for piece in pieces)
                out[name] = [f for f in found if f is not None]
            elif kind == "parish":
                text = cell_text(value)
                if text is not None and text.zfill(6) != self.ctx.parish_code and \
                        normalise(text) != normalise(self.ctx.parish_name):
                    self._problem(line, written, t("imp.cell.parish", value=text, parish=self.ctx.parish_name,
                                                   code=self.ctx.parish_code))
            elif kind == "competence":
                text = cell_text(value)
                if text is None:
                    out[name] = None
                elif self.ctx.competences is None:
                    out[name] = text
                else:
                    # A competence the parish GAD does not have is not a file error: screening says so
                    # (gate «Competencia del GAD parroquial»); here it is only a notice.
                    outside = labels("competence_outside")
                    by_title = {normalise(title): code for code, title in [*self.ctx.competences.items(),
                                                                            *outside.items()]}
                    code = text if text in self.ctx.competences else by_title.get(normalise(text))
                    if code is None and re.fullmatch(r"[a-z][a-z0-9_]*", text):
                        code = text
                    if code is not None and code not in self.ctx.competences:
                        self.preview.notices.append(t("imp.notice.at", file=self.file, row=line, message=t(
                            "imp.cell.competence_outside", value=outside.get(code, code))))
                    elif code is None:
                        self._known(line, written, [text], self.ctx.competences, "competence")
                    out[name] = code
            elif kind == "bool":
                text = normalise(cell_text(value) or "")
                if text in TRUE_WORDS or value is True:
                    out[name] = True
                elif text in FALSE_WORDS or value is False:
                    out[name] = False
                else:
                    self._problem(line, written, t("imp.cell.bool", value=cell_text(value)))
        return out

    def _na_code(self, line: int, name: str, code: str, out: dict[str, Any]) -> bool:
        """A bare «NA» in a code column read as the parish's code «NA» into `out`; False when it has none."""
        ctx = self.ctx
        catalogue = {"association_id": ctx.associations, "association_ids": ctx.associations,
                     "proposal_id": ctx.existing, "cooperation_offer_id": ctx.offers,
                     "pdot_objective_ids": ctx.pdot_objectives, "pnd_objective_ids": ctx.pnd_objectives,
                     "problem_ids": ctx.problems}.get(name)
        found = self._by_code(catalogue or {}).get(code.lower())
        if found is None:
            return False
        kind = BY_FIELD[name].kind
        if kind == "association":
            out[name] = found
        elif kind in ("association_list", "code_list"):
            out[name] = [found]
        else:
            out[name] = code if name == "proposal_id" else found
        return True

    def _resolves(self, value: str) -> bool:
        by_code, by_name = self._association_index()
        return value.strip().lower() in by_code or normalise(value) in by_name
