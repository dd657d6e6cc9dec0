"""A parish's records from a spreadsheet (xlsx or csv): associations, aid, problems, PDOT objectives.

Each part has a template with Spanish headers (`template_csv`); a file is read into validated
models and every problem is placed at its row and column, with the header the person wrote.
The same reading serves the page «Preparar la parroquia» and `python -m core.parish load`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from core.data.schemas.study import CODE
from core.data.validation import RowProblem, spanish_message
from core.fmt import listing, local_code, number
from core.lists import bare_na
from core.parish import association_names, cells
from core.parish.form import QUESTIONS
from core.parish.models import (
    ParishAid,
    ParishAssociation,
    ParishPdotObjective,
    ParishProblem,
    SurveyAnswer,
    global_id,
)
from core.parish.sheet import decimal_mark, header_only, read_rows, unused_columns
from core.proposals.import_cells import normalise
from core.record import facts
from core.texts import label, labels, t
from core.user_text import ENTERED

Reader = Callable[[Any, "Context"], Any]


class AssociationIndex:
    """The parish's associations as a planner names them: local code, full id or name → full id."""

    def __init__(self, associations: Sequence[ParishAssociation]):
        self.names = {a.association_id: a.name for a in associations}
        self._codes = {a.association_id: a.code for a in associations}
        self._index: dict[str, str] = {}
        for a in associations:
            for key in (a.code, a.association_id, a.name):
                self._index.setdefault(normalise(key), a.association_id)
        # a code of digits as a spreadsheet leaves it when it takes the cell for a number («008» → 8): the ids of
        # the codes with those digits; used only when just one has them
        self._by_number: dict[str, list[str]] = {}
        for a in associations:
            if a.code.isascii() and a.code.isdigit():
                self._by_number.setdefault(a.code.lstrip("0") or "0", []).append(a.association_id)

    def find(self, value: Any) -> str | None:
        shown = cells.text(value)
        if shown is None:
            return None
        found = self._index.get(normalise(shown))
        digits = shown.lstrip("0") or "0"
        if found is None and shown.isascii() and shown.isdigit() and len(self._by_number.get(digits, [])) == 1:
            [found] = self._by_number[digits]
        if found is None:
            close = self.closest(shown)
            if close is not None:
                raise cells.CellError(t("parish.cell.association_close", value=shown, name=self.names[close],
                                        code=self._codes[close]))
            raise cells.CellError(t("parish.cell.association", value=shown))
        return found

    def bare_na(self, value: Any) -> str | None:
        """The id of the association coded «NA» when `value` is a bare «NA» and the parish has one; else None."""
        return self._index.get("na") if bare_na(value) else None

    def closest(self, written: str) -> str | None:
        """The id of the registered association whose name is nearly `written` (a typo, a letter or its leading
        «Asociación» left out), if one is close enough: core.parish.association_names; None otherwise."""
        return association_names.closest(written, self.names)

    def hold(self, parish_code: str, refused: Iterable[dict[str, str | None]]) -> AssociationIndex:
        """Also know the associations whose rows of the same load were refused (their code and name as written):
        a record naming one is not told «not registered» on top of the association's own problem (a load with
        a problem stores nothing)."""
        for row in refused:
            if row.get("code"):
                for key in (row["code"], row.get("name")):
                    if key:
                        self._index.setdefault(normalise(key), global_id(parish_code, row["code"]))
        return self


@dataclass(frozen=True)
class Context:
    parish_code: str
    associations: AssociationIndex
    decimal: str = ","
    members: Mapping[str, str] | None = None  # surveyed member id → association id (None: not checked while reading)


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # catalogue key of the template's header
    read: Reader
    aliases: tuple[str, ...] = ()
    family: str | None = None  # the code list of a choice column (core/texts labels)


@dataclass(frozen=True)
class Part:
    name: str  # file stem in a folder and key of its Spanish name: parish.part.<name>
    model: type[BaseModel]
    columns: tuple[Column, ...]
    past_years: tuple[str, ...] = ()  # years of facts (an aid received): not after the current one


@dataclass
class PartPreview:
    """What a file would store: the valid rows, every problem, and notes about the file."""

    part: Part
    file: str
    items: list[Any] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    left_out: frozenset[str] = frozenset()  # fields whose column the file does not have: stored values stay
    notices: list[str] = field(default_factory=list)  # what the person should know, not a problem: columns unused
    refused: list[dict[str, str | None]] = field(default_factory=list)  # code and name of each row with a problem

    @property
    def ok(self) -> bool:
        return not self.problems

    def left_out_headers(self) -> list[str]:
        """The template's headers of the columns the file does not have (the survey's questions by name)."""
        headers = [t(c.header) for c in self.part.columns if c.field in self.left_out]
        return headers + [t(f"form.q.{q.name}") for q in QUESTIONS if not self.part.columns and q.field in self.left_out]


def _text(value: Any, _ctx: Context) -> Any:
    return cells.text(value)


def _code(value: Any, ctx: Context) -> Any:
    """A record's own code; the parish's DPA code written before it («060156-L01») is told, with what to write."""
    shown = cells.text(value)
    own = shown.removeprefix(f"{ctx.parish_code}-") if shown is not None else None
    if own and own != shown:
        raise cells.CellError(t("parish.cell.code_with_parish", value=shown, code=own, parish=ctx.parish_code))
    return shown


def _int(value: Any, _ctx: Context) -> Any:
    return cells.integer(value)


def _year(value: Any, _ctx: Context) -> Any:
    return cells.year(value)


def _money(value: Any, ctx: Context) -> Any:
    return cells.money(value, ctx.decimal)


def _yes_no(value: Any, _ctx: Context) -> Any:
    return cells.yes_no(value)


def _association(value: Any, ctx: Context) -> Any:
    return ctx.associations.find(value)


def _member(value: Any, ctx: Context) -> Any:
    """A surveyed member as the export names them (the submission's uuid) or by their full id."""
    shown = cells.text(value)
    if shown is None:
        return None
    uuid = cells.submission_id(shown.removeprefix(f"{ctx.parish_code}-"))
    if not re.fullmatch(CODE, uuid):  # a name («Juan Pérez») where the submission's id goes
        raise cells.CellError(t("parish.cell.member", value=shown))
    if ctx.members is not None and f"{ctx.parish_code}-{uuid}" not in ctx.members:  # told with the file's problems
        raise cells.CellError(t("parish.cell.unknown_member", value=shown))
    return f"{ctx.parish_code}-{uuid}"


def _choice(field_name: str, header: str, family: str, aliases: tuple[str, ...] = ()) -> Column:
    return Column(field_name, header, lambda value, _ctx: cells.choice(value, labels(family)), aliases, family)


PARTS: dict[str, Part] = {p.name: p for p in (
    Part("asociaciones", ParishAssociation, (
        Column("code", "parish.col.code", _code, ("codigo asociacion", "id")),
        Column("name", "parish.col.name", _text, ("nombre de la asociacion", "asociacion")),
        Column("ruc", "parish.col.ruc", lambda value, _ctx: cells.ruc(value)),
        _choice("registered_with", "parish.col.registered_with", "registered_with",
                ("registro", "registrada en", "registro legal")),
        Column("communities", "parish.col.communities", _text, ("comunidad",)),
        Column("members_total", "parish.col.members_total", _int, ("socios", "numero de socios", "numero socios", "total de socios")),
        Column("main_products_es", "parish.col.products", _text, ("productos principales",)),
    )),
    Part("ayudas", ParishAid, (
        Column("code", "parish.col.code", _code, ("codigo ayuda", "id")),
        Column("association_id", "parish.col.association", _association, ("beneficiaria",)),
        Column("member_id", "parish.col.member", _member, ("socio beneficiario", "_uuid")),
        Column("institution", "parish.col.institution", _text),
        _choice("institution_type", "parish.col.institution_type", "institution_type"),
        Column("year", "parish.col.year", _year, ("ano",)),
        _choice("kind", "parish.col.kind", "aid_kind", ("tipo",)),
        Column("amount_usd", "parish.col.amount", _money, ("monto usd", "valor")),
        Column("non_reimbursable", "parish.col.non_reimbursable", _yes_no, ("a fondo perdido",)),
        Column("description_es", "parish.col.description", _text, ("detalle",)),
    ), past_years=("year",)),
    Part("problemas", ParishProblem, (
        Column("code", "parish.col.code", _code, ("codigo problema", "id")),
        Column("label_es", "parish.col.problem", _text, ("descripcion",)),
        Column("votes", "parish.col.votes", _int, ("votos ponderados", "puntaje")),
    )),
    Part("objetivos_pdot", ParishPdotObjective, (
        Column("code", "parish.col.code", _code, ("codigo objetivo", "id")),
        Column("component", "parish.col.component", lambda value, _ctx: cells.pdot_component(value)),
        Column("objective_es", "parish.col.objective", _text),
    )),
    Part("encuesta", SurveyAnswer, ()),  # a KoBoToolbox or ODK Central export: read by core.parish.survey
)}
TABLE_PARTS = ("asociaciones", "ayudas", "problemas", "objetivos_pdot")


# How planners shorten a header's words: «Nº de socios», «N° de socios», «Nro. de socios», «# de socios», «Cód.»
SHORT_FORMS = {"numero": ("no", "n", "nro", "num", ""), "codigo": ("cod",)}


def _short_forms(name: str) -> list[str]:
    """A normalised header and its usual abbreviations: «numero de socios» → «no de socios», «de socios»…"""
    words = name.split()
    return [name, *(" ".join(w for w in (*words[:i], short, *words[i + 1:]) if w)
                    for i, word in enumerate(words) for short in SHORT_FORMS.get(word, ()))]


def _aliases(part: Part) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in part.columns:
        for name in (t(column.header), column.field, *column.aliases):
            for form in _short_forms(normalise(name)):
                table.setdefault(form, column)
    return table


def _required(part: Part) -> list[Column]:
    return [c for c in part.columns if part.model.model_fields[c.field].is_required()]


def read_part(data: bytes, filename: str, part: Part, ctx: Context) -> PartPreview:
    """Read one file of `part` for the parish; never raises for what is in the file."""
    preview = PartPreview(part, filename)
    rows = read_rows(data, filename, preview.problems)
    if rows is None:
        return preview
    header_line, header, body = rows.header_line, rows.header, rows.body
    aliases = _aliases(part)
    positions = {i: aliases[normalise(h)] for i, h in enumerate(header) if h is not None and normalise(h) in aliases}
    ctx = replace(ctx, decimal=decimal_mark(rows, (i for i, c in positions.items() if c.read is _money)))
    preview.notices.extend([*rows.notices, *header_only(rows, filename), *unused_columns(rows, filename, positions)])
    present = {c.field for c in positions.values()}
    preview.left_out = frozenset(c.field for c in part.columns if c.field not in present)
    missing = [c for c in _required(part) if c.field not in present]
    for column in missing:
        preview.problems.append(RowProblem(filename, header_line, t(column.header), t("val.missing_column")))
    twice = [c for c in dict.fromkeys(positions.values()) if list(positions.values()).count(c) > 1]
    for column in twice:  # which of the two would count? the file says
        preview.problems.append(RowProblem(filename, header_line, t(column.header), t("val.repeated_column")))
    if missing or twice:  # no row is read: each is refused, and its code and names held (AssociationIndex.hold)
        preview.refused += _all_keys(positions, [*body, *rows.too_wide])
        return preview
    shown = {column.field: str(header[index]) for index, column in positions.items()}
    keys = {column.field: index for index, column in positions.items() if column.field in ("code", "name")}
    preview.refused += [_keys(values, keys) for _, values in rows.too_wide]
    seen: dict[str, int] = {}
    kept: list[tuple[int, list[Any]]] = []  # the rows the preview takes: the notices below speak of them only
    for line, values in body:  # every problem of every row: a row's own, and a code an earlier row has
        cells_by_column = {index: (values[index] if index < len(values) else None) for index in positions}
        item = read_row(part, {positions[i]: v for i, v in cells_by_column.items()}, ctx, filename, line,
                        preview.problems, shown)
        code = _keys(values, keys)["code"]
        if code is not None and code.casefold() in seen:  # «AY1» and «ay1» are one code (core.parish.records)
            preview.problems.append(RowProblem(filename, line, shown["code"],
                                               t("val.repeated_key", code=code, row=seen[code.casefold()])))
            continue
        if code is not None:
            seen[code.casefold()] = line
        if item is not None:
            preview.items.append(item)
            kept.append((line, values))
        else:
            preview.refused.append(_keys(values, keys))
    preview.notices.extend(_defaults_taken(part, positions, kept, filename, shown))
    preview.notices.extend(_dates_as_years(positions, kept, filename, shown))
    return preview


def _dates_as_years(positions: dict[int, Column], body: Sequence[tuple[int, list[Any]]], filename: str,
                    shown: dict[str, str]) -> list[str]:
    """A note for each year column where a date was written: the rows whose year was taken from a date."""
    notes = []
    for index, column in positions.items():
        if column.read is not _year:
            continue
        rows = [str(line) for line, values in body if index < len(values) and cells.date_in(values[index])]
        if rows:
            key = "parish.note.date_as_year_one" if len(rows) == 1 else "parish.note.date_as_year"
            notes.append(t(key, file=filename, column=shown[column.field], rows=listing(rows)))
    return notes


def _defaults_taken(part: Part, positions: dict[int, Column], body: Sequence[tuple[int, list[Any]]], filename: str,
                    shown: dict[str, str]) -> list[str]:
    """A note for each column the file has whose empty cells take a value that counts (0 votes, «Sí» a fondo
    perdido): the rows, and the value taken, so an empty cell is not read as a figure without saying so."""
    notes = []
    for index, column in positions.items():
        default = part.model.model_fields[column.field].default
        if part.model.model_fields[column.field].is_required() or default is None:
            continue
        rows = [str(line) for line, values in body if cells.text(values[index] if index < len(values) else None) is None]
        if rows:
            value = (label(column.family, default) if column.family else label("bool", str(default))
                     if isinstance(default, bool) else number(default))
            key = "parish.note.empty_default_one" if len(rows) == 1 else "parish.note.empty_default"
            notes.append(t(key, file=filename, column=shown[column.field], rows=listing(rows), value=value))
    return notes


def _all_keys(positions: dict[int, Column], rows: Sequence[tuple[int, list[Any]]]) -> list[dict[str, str | None]]:
    """The code and name of each row of a file refused at its header, one entry per name column (a column twice)."""
    codes = [i for i, c in positions.items() if c.field == "code"][:1]
    names = [i for i, c in positions.items() if c.field == "name"] or [None]
    return [{**_keys(values, {"code": code}), "name": None if name is None else _keys(values, {"name": name})["name"]}
            for _, values in rows for code in codes for name in names]


def _keys(values: list[Any], keys: dict[str, int]) -> dict[str, str | None]:
    """The code (and name) of a row as written."""
    return {name: cells.text(values[index]) if index < len(values) else None for name, index in keys.items()}


def read_row(part: Part, values: dict[Column, Any], ctx: Context, file: str, line: int | None,
             problems: list[RowProblem], shown: dict[str, str] | None = None) -> Any:
    """One row (a file's line or a form) as a model of the part; None, and its problems, when not valid.
    `shown` names each field's column as the person sees it (default: the template's header)."""
    shown = shown or {c.field: t(c.header) for c in part.columns}
    raw: dict[str, Any] = {"parish_code": ctx.parish_code}
    unread: set[str] = set()
    for column, value in values.items():
        if column.read is _association and (found := ctx.associations.bare_na(value)):  # «NA»: the code «NA»
            raw[column.field] = found
            continue
        if cells.not_given(value) and part.model.model_fields[column.field].is_required() \
                and not (column.read is _money and cells.zero_dash(value)):  # «-» in money: 0, read below
            key = "val.not_given_code" if bare_na(value) and column.field in ("code", "association_id") else \
                "val.not_given"  # a bare «NA» may have meant a code: said how it was read
            problems.append(RowProblem(file, line, shown[column.field], t(key, value=value.strip())))
            unread.add(column.field)
            continue
        try:
            raw[column.field] = column.read(value, ctx)
        except cells.CellError as exc:
            optional = column.family is not None and not part.model.model_fields[column.field].is_required()
            message = t("parish.cell.choice_or_blank", message=exc) if optional else str(exc)  # «Ninguno»: blank
            problems.append(RowProblem(file, line, shown[column.field], message))
            unread.add(column.field)
    told: set[str] = set()
    try:
        item = part.model.model_validate({k: v for k, v in raw.items() if v is not None}, context={ENTERED: True})
    except ValidationError as exc:  # every other problem of the row too, not only its cells': one reading each
        item = None
        for err in exc.errors():
            if err["loc"] and str(err["loc"][0]) in unread:
                continue
            name = str(err["loc"][0]) if err["loc"] else ""
            told.add(name)
            where = shown.get(name) if name else None
            if isinstance(err.get("input"), int | float) and not name.endswith("year"):  # a year keeps «1985»
                cell = next((v for c, v in values.items() if c.field == name), None)
                err = {**err, "input": cells.as_written(err["input"], cell, ctx.decimal)}
            problems.append(RowProblem(file, line, where, spanish_message(err)))
    # a year after this one is named with the row's other problems, as read from its cell (not left for a retry)
    future = [(f, problem) for f in part.past_years if f not in unread | told and isinstance(raw.get(f), int)
              and (problem := facts.year_problem(raw[f]))]
    problems += [RowProblem(file, line, shown[f], problem) for f, problem in future]
    elsewhere = item is not None and ctx.members is not None and getattr(item, "member_id", None) is not None \
        and ctx.members.get(item.member_id, item.association_id) != item.association_id  # surveyed in another
    if elsewhere:
        problems.append(RowProblem(file, line, shown["member_id"], t("parish.cell.member_elsewhere",
                                                                     value=local_code(item.member_id))))
    return None if item is None or unread or future or elsewhere else item


def template_csv(part: Part) -> bytes:
    """The empty template of a part: the header row, `;`-separated, UTF-8 with a BOM for Excel."""
    return ("\ufeff" + ";".join(t(c.header) for c in part.columns) + "\r\n").encode("utf-8")
