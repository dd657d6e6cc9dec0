"""Row validation with Spanish messages that name the file, the row and the column.

Used by the data build (sources → parquet) and by every import a user makes, so a planner
reads the same kind of message whether a demo source or their own spreadsheet is wrong.
A row is a plain dict of column → raw value (strings from CSV, anything from JSON/Excel).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from core import fmt
from core.texts import t


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in a source: where it is and what it is, in Spanish."""

    file: str
    row: int | None  # 1-based line as a person counts it (the header is line 1); None = whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        """The problem as a person reads it; a character that cannot be seen in what it quotes of the file (a cell,
        a header, the file's name) is named where it is (core.fmt.visible): a right-to-left override would turn the
        rest of the line around."""
        where = [self.file]
        if self.row is not None:
            where.append(t("val.where.row", row=self.row))
        if self.column:
            where.append(t("val.where.column", column=self.column))
        return fmt.visible(f"{', '.join(where)}: {self.message}")


def problem_lines(problems: list[RowProblem], limit: int) -> list[str]:
    """Each problem as a line, up to `limit`; past it, one line counts the rest («… y 12 problemas más»)."""
    rest = len(problems) - limit
    more = [] if rest <= 0 else [(t("val.problems_more_one") if rest == 1 else t("val.problems_more", count=rest))]
    return [str(p) for p in problems[:limit]] + [line.strip() for line in more]


class SourceError(Exception):
    """A source could not be accepted; `problems` lists every reason found."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = ("" if len(problems) <= 50 else t("val.problems_more_one") if len(problems) == 51
                else t("val.problems_more", count=len(problems) - 50))
        if len(problems) == 1:
            super().__init__(t("val.problems_one", shown=shown))
        else:
            super().__init__(t("val.problems", count=len(problems), shown=shown, more=more))


# pydantic error types with a sentence of their own in the catalogue (key `val.<type>`).
_SIMPLE_ERRORS = frozenset({
    "missing", "int_parsing", "int_from_float", "float_parsing", "decimal_parsing", "bool_parsing",
    "date_from_datetime_parsing", "date_parsing", "string_type", "list_type", "extra_forbidden", "finite_number",
    "datetime_parsing", "datetime_from_date_parsing", "datetime_type", "date_type", "int_type", "float_type",
    "bool_type",
})


# what a code must look like, for the patterns the models use (a planner sees the rule, not the regex)
_PATTERN_SHAPES = {
    r"^\d{6}$": "val.shape.digits6", r"^\d{13}$": "val.shape.ruc", r"^\d{4}$": "val.shape.digits4",
    r"^[A-Za-z0-9_.]+$": "val.shape.local_code", r"^[A-Za-z0-9_.-]+$": "val.shape.code",
    r"^[A-Za-z0-9_.-]{1,60}$": "val.shape.code",
}


def _figure(value: Any, year: bool = False) -> Any:
    """A number as people read it in Ecuador (1000000000000.0 → «1.000.000.000.000»), a year as people write it
    (1985, not «1.985»); anything else as given."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
        return value
    if year and float(value).is_integer():
        return str(int(value))
    return fmt.number(value, 0 if float(value).is_integer() else 2)


def _as_given(value: Any) -> Any:
    """A received number es-EC with the decimals it came with (1.5 → «1,5», 1234.25 → «1.234,25»)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
        return value
    decimals = len(repr(float(value)).partition(".")[2]) if "e" not in repr(float(value)) else 2
    return fmt.number(value, 0 if float(value).is_integer() else min(decimals, 6))


def _is_year(error: dict[str, Any]) -> bool:
    """Whether the error is about a year: the models name every year field `year` or `…_year`."""
    names = [part for part in error.get("loc", ()) if isinstance(part, str)]
    return bool(names) and (names[-1] == "year" or names[-1].endswith("_year"))


def spanish_message(error: dict[str, Any]) -> str:
    """Turn one pydantic error into a sentence a planner understands."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if "input" in error and error["input"] is None and kind.endswith("_type"):
        return t("val.missing")  # a cell left empty (or a row cut short) where a value is required
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", ""))).removeprefix("Value error, ")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        year = _is_year(error)
        return t("val.bound", words=t(f"val.bound.{kind}"), bound=_figure(bound, year),
                 value=_figure(error.get("input"), year))
    if kind in ("literal_error", "enum"):
        # pydantic writes the choices as "'a', 'b' or 'c'"
        expected = re.sub(r"'([^']*)'", r"«\1»", str(ctx.get("expected", ""))).replace("» or «", "» o «")
        return t("val.not_allowed", value=error.get("input"), expected=expected)
    if kind == "string_too_short" and ctx.get("min_length", 0) > 1 and str(error.get("input", "")).strip():
        return t("val.too_short", minimum=ctx["min_length"])  # «no puede estar vacío» would mislead
    if kind == "too_short" and ctx.get("actual_length"):  # a list with one item where two are needed is not empty
        return t("val.too_few", count=ctx["actual_length"], minimum=ctx.get("min_length", ""))
    if kind in ("string_too_short", "too_short"):
        return t("val.empty")
    if kind in ("string_too_long", "too_long"):
        return t("val.too_long", max=ctx.get("max_length", ""))
    if kind == "string_pattern_mismatch" and not str(error.get("input", "")).strip():
        return t("val.empty")  # a code left blank: no shape to explain
    if kind == "string_pattern_mismatch":
        shape = _PATTERN_SHAPES.get(str(ctx.get("pattern", "")))
        return t("val.pattern_shape", value=error.get("input"), shape=t(shape)) if shape else \
            t("val.pattern", value=error.get("input"))
    if kind not in _SIMPLE_ERRORS:  # pydantic's own sentence is English: the value is named instead
        return t("val.invalid", value=str(error.get("input", ""))[:60])
    base = t(f"val.{kind}")
    if "input" in error and kind not in ("missing", "extra_forbidden"):
        return t("val.received", message=base, value=_as_given(error["input"]))
    return base


def required_columns(model: type[BaseModel]) -> list[str]:
    """The column names a source must have for `model`, as the source spells them."""
    names = []
    for name, field in model.model_fields.items():
        if field.is_required():
            alias = field.validation_alias if isinstance(field.validation_alias, str) else None
            names.append(alias or field.alias or name)
    return names


def _blank_to_none(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, str) and v.strip() == "" else v) for k, v in row.items()}


def validate_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    model: type[BaseModel],
    file: str,
    key: tuple[str, ...] = (),
    context: dict[str, Any] | None = None,
) -> tuple[list[BaseModel], list[RowProblem]]:
    """Validate numbered rows against `model` (with the validation `context`, as core.user_text.ENTERED); also
    refuse repeated keys.

    Returns the valid rows (as models) and every problem found, so a caller can show all of
    them at once or keep only the valid rows when the user chooses so.
    """
    valid: list[BaseModel] = []
    problems: list[RowProblem] = []
    seen: dict[tuple, int] = {}
    for line, raw in rows:
        try:
            item = model.model_validate(_blank_to_none(raw), context=context)
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
                    RowProblem(file, line, "/".join(key), t("val.repeated_key", code=shown, row=seen[ident]))
                )
                continue
            seen[ident] = line
        valid.append(item)
    return valid, problems


def check_columns(header: Iterable[str], model: type[BaseModel], file: str) -> list[RowProblem]:
    """Problems with the header alone: required columns that are missing."""
    present = {h.strip() for h in header if h is not None}
    return [
        RowProblem(file, 1, column, t("val.missing_column"))
        for column in required_columns(model)
        if column not in present
    ]
