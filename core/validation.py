"""Row validation with Spanish messages that name the file, the row and the column.

Used by the data build (sources → parquet) and by every import a user makes, so a planner
reads the same kind of message whether a demo source or their own spreadsheet is wrong.
A row is a plain dict of column → raw value (strings from CSV, anything from JSON/Excel).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in a source: where it is and what it is, in Spanish."""

    file: str
    row: int | None  # 1-based line as a person counts it (the header is line 1); None = whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"fila {self.row}")
        if self.column:
            where.append(f"columna «{self.column}»")
        return f"{', '.join(where)}: {self.message}"


class SourceError(Exception):
    """A source could not be accepted; `problems` lists every reason found."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n… y {len(problems) - 50} problemas más" if len(problems) > 50 else ""
        super().__init__(f"Se encontraron {len(problems)} problemas:\n{shown}{more}")


_MESSAGES: dict[str, str] = {
    "missing": "falta el valor (es obligatorio)",
    "int_parsing": "debe ser un número entero",
    "int_from_float": "debe ser un número entero, sin decimales",
    "float_parsing": "debe ser un número",
    "decimal_parsing": "debe ser un número",
    "bool_parsing": "debe ser verdadero o falso (true/false, sí/no)",
    "date_from_datetime_parsing": "debe ser una fecha (AAAA-MM-DD)",
    "date_parsing": "debe ser una fecha (AAAA-MM-DD)",
    "string_type": "debe ser un texto",
    "list_type": "debe ser una lista",
    "extra_forbidden": "columna no reconocida",
    "finite_number": "debe ser un número finito",
}


def spanish_message(error: dict[str, Any]) -> str:
    """Turn one pydantic error into a sentence a planner understands."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", ""))).removeprefix("Value error, ")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "mayor o igual que",
            "greater_than": "mayor que",
            "less_than_equal": "menor o igual que",
            "less_than": "menor que",
        }[kind]
        return f"debe ser {words} {bound} (se recibió «{error.get('input')}»)"
    if kind == "literal_error":
        return f"valor no permitido «{error.get('input')}»; se admite: {ctx.get('expected', '')}"
    if kind == "enum":
        return f"valor no permitido «{error.get('input')}»; se admite: {ctx.get('expected', '')}"
    if kind in ("string_too_short", "too_short"):
        return "no puede estar vacío"
    if kind in ("string_too_long", "too_long"):
        return f"es demasiado largo (máximo {ctx.get('max_length', '')})"
    if kind == "string_pattern_mismatch":
        return f"formato no válido «{error.get('input')}»"
    base = _MESSAGES.get(kind)
    if base is None:
        return f"valor no válido ({error.get('msg', kind)})"
    if "input" in error and kind not in ("missing", "extra_forbidden"):
        return f"{base} (se recibió «{error['input']}»)"
    return base


def required_columns(model: type[BaseModel]) -> list[str]:
    """The column names a source must have for `model`, as the source spells them."""
    names = []
    for name, field in model.model_fields.items():
        if field.is_required():
            alias = field.validation_alias if isinstance(field.validation_alias, str) else None
            names.append(alias or field.alias or name)
    return names


def known_columns(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    for name, field in model.model_fields.items():
        names.add(name)
        if isinstance(field.validation_alias, str):
            names.add(field.validation_alias)
        if field.alias:
            names.add(field.alias)
    return names


def _blank_to_none(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, str) and v.strip() == "" else v) for k, v in row.items()}


def validate_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    model: type[BaseModel],
    file: str,
    key: tuple[str, ...] = (),
) -> tuple[list[BaseModel], list[RowProblem]]:
    """Validate numbered rows against `model`; also refuse repeated keys.

    Returns the valid rows (as models) and every problem found, so a caller can show all of
    them at once or keep only the valid rows when the user chooses so.
    """
    valid: list[BaseModel] = []
    problems: list[RowProblem] = []
    seen: dict[tuple, int] = {}
    for line, raw in rows:
        try:
            item = model.model_validate(_blank_to_none(raw))
        except ValidationError as exc:
            for err in exc.errors():
                column = ".".join(str(part) for part in err["loc"]) or None
                problems.append(RowProblem(file, line, column, spanish_message(err)))
            continue
        if key:
            ident = tuple(getattr(item, k) for k in key)
            if ident in seen:
                shown = ", ".join(str(v) for v in ident)
                problems.append(
                    RowProblem(file, line, "/".join(key),
                               f"código repetido «{shown}» (ya aparece en la fila {seen[ident]})")
                )
                continue
            seen[ident] = line
        valid.append(item)
    return valid, problems


def check_columns(header: Iterable[str], model: type[BaseModel], file: str) -> list[RowProblem]:
    """Problems with the header alone: required columns that are missing."""
    present = {h.strip() for h in header if h is not None}
    return [
        RowProblem(file, 1, column, "falta esta columna en el encabezado")
        for column in required_columns(model)
        if column not in present
    ]


def numbered(records: Iterable[dict[str, Any]], first_line: int = 2) -> Iterator[tuple[int, dict[str, Any]]]:
    """Number records as a person reads a spreadsheet: the header is line 1."""
    for offset, record in enumerate(records):
        yield first_line + offset, record
