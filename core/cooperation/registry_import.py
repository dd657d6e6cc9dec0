"""Import the registry of cooperants from the planner's spreadsheet (.xlsx or .csv), with a preview before saving.

The file is read by the proposals' reader (core.proposals.imports.read_book: size limits, encodings, separators,
formulas kept as text), so a file refused there is refused here with the same Spanish reasons. Headers are Spanish,
in any order, matched without regard to case or accents (`COLUMNS`); codes may be written as codes or as their
Spanish labels; lists go in one cell separated by «;» or line breaks, an item holding a «;» quoted (core.lists).
Every problem names the file, the row as Excel shows it, the column as the person wrote it, and what is wrong. An
empty optional yes/no cell («No reembolsable» blank, «n/a») takes the model's default («Sí», as the registration
form), said in a notice naming the rows; for an update it keeps the stored answer. A code that exists is replaced
only when the person asks for it (`update_existing`), with the version read at preview time sent back on saving
(ConflictError otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl
from pydantic import ValidationError

from core.cooperation.cooperants import Contact, Cooperant, plain_name, twin
from core.data.validation import RowProblem, spanish_message
from core.fmt import listing
from core.lists import not_given, split_items
from core.proposals.import_cells import choice_index, is_blank, normalise
from core.proposals.import_files import FileRefused, Formula, read_book
from core.texts import label, labels, t
from core.user_text import ENTERED

RowAction = Literal["new", "update", "unchanged", "existing"]
# field → (how the cell is read, label family of its codes, accepted header spellings)
COLUMNS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "cooperant_id": ("text", None, ("codigo", "codigo cooperante", "id")),
    "name": ("text", None, ("nombre", "cooperante", "nombre del cooperante")),
    "kind": ("choice", "cooperant_kind", ("tipo", "tipo de cooperante", "tipo de organizacion")),
    "country": ("text", None, ("pais", "pais de origen")),
    "themes": ("choices", "theme", ("temas", "areas tematicas", "areas de interes")),
    "modalities": ("choices", "modality", ("modalidades", "modalidad")),
    "cooperation_types": ("choices", "cooperation_type", ("tipos de cooperacion", "tipo de cooperacion")),
    "non_reimbursable": ("bool", None, ("no reembolsable",)),
    "counterpart_rules": ("text", None, ("reglas de contraparte", "contraparte")),
    "target_population": ("choices", "target_population", ("poblacion objetivo", "poblacion")),
    "director": ("text", None, ("director", "contacto", "director en ecuador")),
    "email": ("text", None, ("correo", "correo electronico", "email")),
    "phone": ("text", None, ("telefono",)),
    "website": ("text", None, ("pagina web", "web", "sitio web")),
    "sources": ("text", None, ("fuentes", "fuente")),
    "iati_org_id": ("text", None, ("identificador iati", "iati")),
}
REQUIRED = ("cooperant_id", "name", "kind", "sources")
CONTACT_FIELDS = ("director", "email", "phone", "website")
_YES, _NO = {"si", "s", "x", "1", "verdadero", "true"}, {"no", "n", "0", "falso", "false"}


@dataclass(frozen=True)
class PreviewRow:
    line: int
    cooperant: Cooperant | None
    action: RowAction


@dataclass
class RegistryPreview:
    file: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    expected_versions: dict[str, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # what the person should know, not a problem: defaults taken

    @property
    def ok(self) -> bool:
        return not self.problems and any(r.action in ("new", "update") for r in self.rows)

    def to_save(self) -> list[Cooperant]:
        return [r.cooperant for r in self.rows if r.cooperant is not None and r.action in ("new", "update")]

    def table(self) -> pl.DataFrame:
        return pl.DataFrame([{"line": r.line, "cooperant_id": r.cooperant.cooperant_id if r.cooperant else None,
                              "name": r.cooperant.name if r.cooperant else None,
                              "action": t(f"coop.import.action.{r.action}")} for r in self.rows],
                            schema={"line": pl.Int64, "cooperant_id": pl.Utf8, "name": pl.Utf8, "action": pl.Utf8})

    def problems_table(self) -> pl.DataFrame:
        return pl.DataFrame([{"file": p.file, "row": p.row, "column": p.column, "message": p.message}
                             for p in self.problems],
                            schema={"file": pl.Utf8, "row": pl.Int64, "column": pl.Utf8, "message": pl.Utf8})


def _aliases() -> dict[str, str]:
    table = {}
    for name, (_, _, spellings) in COLUMNS.items():
        for spelling in (name, t(f"coop.col.{name}"), *spellings):
            table.setdefault(normalise(spelling), name)
    return table


def _cell(kind: str, family: str | None, value: Any) -> Any:
    """The cell as the model wants it; ValueError (Spanish) for a code or yes/no not understood."""
    if isinstance(value, Formula):  # a formula's value as the workbook last computed it, else its own text
        value = value.cached if value.cached is not None else value.text
    if kind == "bool":  # blank or «n/a»: no answer (None); the caller says which default it takes
        if is_blank(value):
            return None
        plain = normalise(str(value))
        if plain in _YES or value is True:
            return True
        if plain in _NO or value is False:
            return False
        raise ValueError(t("coop.import.bool", value="" if value is None else str(value).strip()))
    text = "" if is_blank(value) else str(value).strip()  # «n/a», «-», «s/d» say the cell is empty, as in every file
    if kind == "text":
        return text or None
    codes = choice_index(family or "")
    chosen = []
    for part in (split_items(text, also_comma=True) if kind == "choices" else ([text] if text else [])):
        code = codes.get(normalise(part))
        if code is None:
            raise ValueError(t("coop.import.code", value=part, allowed="; ".join(labels(family or "").values())))
        chosen.append(code)
    return chosen if kind == "choices" else (chosen[0] if chosen else None)


def preview_registry(data: bytes, filename: str, existing: Mapping[str, tuple[int, Cooperant]], *,
                     update_existing: bool = False) -> RegistryPreview:
    """What importing the file would do, row by row; nothing is stored (core.cooperation.cooperants.import_cooperants).

    `existing` maps each registered cooperant's code to (version, record)."""
    try:
        book = read_book(data, filename)
    except FileRefused as refused:
        return RegistryPreview(filename, problems=list(refused.problems))
    preview = RegistryPreview(book.file)
    sheet = book.sheets[0] if book.sheets else None
    if sheet is None or not sheet.rows:
        preview.problems.append(RowProblem(book.file, None, None, t("coop.import.empty")))
        return preview
    aliases = _aliases()
    header_line, header_cells = sheet.rows[0]
    columns = {i: (aliases.get(normalise(h)), str(h)) for i, h in enumerate(header_cells) if h is not None}
    present = {name for name, _ in columns.values() if name}
    for missing in (f for f in REQUIRED if f not in present):
        preview.problems.append(RowProblem(book.file, header_line, None,
                                           t("coop.import.missing_column", column=t(f"coop.col.{missing}"))))
    if preview.problems:
        return preview
    written = {name: text for name, text in columns.values() if name}
    seen: set[str] = set()
    named: dict[str, tuple[int, str]] = {}  # a name as compared (plain_name) → the first row and code with it
    # a registered cooperant the file updates is compared by its name in the file (its row), as on saving
    others = _not_updated(existing, sheet.rows[1:], columns) if update_existing else existing
    defaults: dict[str, list[int]] = {}  # yes/no field → the rows whose empty cell took the model's default
    for line, cells in sheet.rows[1:]:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        values: dict[str, Any] = {}
        row_ok = True
        for index, (name, header) in columns.items():
            if name is None:
                continue
            kind, family, _ = COLUMNS[name]
            cell = cells[index] if index < len(cells) else None
            if name in REQUIRED and not_given(cell):  # «n/a» where a value is needed: said so, not «falta el valor»
                preview.problems.append(RowProblem(book.file, line, header, t("val.not_given", value=cell.strip())))
                row_ok = False
                continue
            try:
                values[name] = _cell(kind, family, cells[index] if index < len(cells) else None)
            except ValueError as exc:
                preview.problems.append(RowProblem(book.file, line, header, str(exc)))
                row_ok = False
        if not row_ok:
            preview.rows.append(PreviewRow(line, None, "new"))
            continue
        contact = {k: values.pop(k) for k in CONTACT_FIELDS if k in values}
        if any(contact.values()):
            values["contacts"] = [Contact(office="ecuador", **contact)]
        values["sources"] = values.get("sources") or []
        unanswered = [k for k, v in values.items() if v is None and COLUMNS[k][0] == "bool"]
        values = {k: v for k, v in values.items() if v is not None}
        kept = existing.get(str(values.get("cooperant_id", "")))
        if kept is None or not update_existing:
            for name in unanswered:
                defaults.setdefault(name, []).append(line)
        if kept is not None and update_existing:  # what the file has no column (or no value) for stays as stored
            values = {**kept[1].model_dump(), **values}
        try:
            cooperant = Cooperant.model_validate({"is_illustrative": False, **values}, context={ENTERED: True})
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else None
                preview.problems.append(RowProblem(book.file, line, written.get(name, name), spanish_message(error)))
            preview.rows.append(PreviewRow(line, None, "new"))
            for lines in defaults.values():
                if line in lines:
                    lines.remove(line)
            continue
        code = cooperant.cooperant_id
        if code in seen:
            preview.problems.append(RowProblem(book.file, line, written["cooperant_id"],
                                               t("coop.import.repeated", code=code)))
        seen.add(code)
        _twins(preview, cooperant, line, written["name"], named, others)
        preview.rows.append(PreviewRow(line, cooperant, _action(cooperant, existing, update_existing, preview, line,
                                                                 written["cooperant_id"])))
    for name, lines in defaults.items():
        if lines:
            default = Cooperant.model_fields[name].default
            key = "coop.import.default_one" if len(lines) == 1 else "coop.import.default"
            preview.notices.append(t(key, file=book.file, column=written[name], rows=listing(str(r) for r in lines),
                                     value=label("bool", str(default))))
    return preview


def _not_updated(existing: Mapping[str, tuple[int, Cooperant]], rows: Sequence[tuple[int, Sequence[Any]]],
                 columns: Mapping[int, tuple[str | None, str]]) -> dict[str, tuple[int, Cooperant]]:
    """The registered cooperants whose code no row of the file has."""
    index = next(i for i, (name, _) in columns.items() if name == "cooperant_id")
    codes = {str(cells[index]).strip() for _, cells in rows if index < len(cells) and cells[index] is not None}
    return {code: item for code, item in existing.items() if code not in codes}


def _twins(preview: RegistryPreview, cooperant: Cooperant, line: int, column: str,
           named: dict[str, tuple[int, str]], existing: Mapping[str, tuple[int, Cooperant]]) -> None:
    """A problem on the row when its cooperant has the name of an earlier row's, or of a registered one, under
    another code: the same cooperant typed two ways (core.cooperation.cooperants.require_no_twin)."""
    first = named.setdefault(plain_name(cooperant.name), (line, cooperant.cooperant_id))
    registered = twin(cooperant, (c for _, c in existing.values()))
    if first[1] != cooperant.cooperant_id:
        preview.problems.append(RowProblem(preview.file, line, column, t("coop.import.twin_row", name=cooperant.name,
                                                                         row=first[0], code=first[1])))
    elif registered is not None:
        preview.problems.append(RowProblem(preview.file, line, column, t("coop.err.twin", name=cooperant.name,
                                                                         code=registered.cooperant_id,
                                                                         registered=registered.name)))


def _action(cooperant: Cooperant, existing: Mapping[str, tuple[int, Cooperant]], update_existing: bool,
            preview: RegistryPreview, line: int, column: str) -> RowAction:
    code = cooperant.cooperant_id
    if code not in existing:
        preview.expected_versions[code] = 0
        return "new"
    version, stored = existing[code]
    if stored.model_dump() == cooperant.model_dump():
        return "unchanged"
    if not update_existing:
        preview.problems.append(RowProblem(preview.file, line, column, t("coop.import.exists", code=code)))
        return "existing"
    preview.expected_versions[code] = version
    return "update"
