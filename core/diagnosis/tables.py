"""Frames as people read them: es-EC texts beside the numbers (`formatted`, `labelled`), Spanish headers
(`for_display`), a stable jitter for strip plots and figures with the decimals they have (`compact_number`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import polars as pl

from core import fmt
from core.texts import label


def formatted(frame: pl.DataFrame, column: str, formatter: Callable[[Any], str], name: str | None = None
              ) -> pl.DataFrame:
    """Add `<column>_text` (or `name`): the column as people read it (es-EC), for tooltips and labels."""
    return frame.with_columns(
        pl.Series(name or f"{column}_text", [formatter(v) for v in frame[column].to_list()], dtype=pl.Utf8))


def labelled(frame: pl.DataFrame, column: str, family: str, name: str | None = None) -> pl.DataFrame:
    """Add `<column>_label`: the Spanish label of a coded column."""
    return frame.with_columns(
        pl.Series(name or f"{column}_label", [label(family, v) for v in frame[column].to_list()], dtype=pl.Utf8))


def for_display(frame: pl.DataFrame, headers: Mapping[str, str], *,
                code_labels: Mapping[str, str] | None = None,
                formats: Mapping[str, Callable[[Any], str]] | None = None) -> pl.DataFrame:
    """A table as people read it: the `headers` columns in order, coded columns labelled (column → label
    family), numbers formatted es-EC as text (column → formatter), Spanish headers."""
    code_labels = code_labels or {}
    formats = formats or {}
    columns = {}
    for column, header in headers.items():
        values = frame[column].to_list()
        if column in code_labels:
            values = [label(code_labels[column], v) for v in values]
        elif column in formats:
            values = [formats[column](v) for v in values]
        elif frame.schema[column] == pl.Boolean:
            values = [label("yes_no", v) for v in values]
        columns[header] = values
    if not columns:
        return pl.DataFrame()
    return pl.DataFrame(columns, strict=False)


def jitter(keys: Iterable[Any], spread: float = 0.7) -> list[float]:
    """A stable offset per key in (-spread/2, spread/2), to spread points of a strip plot (same run, same plot)."""
    out = []
    for key in keys:
        digest = hashlib.md5(str(key).encode(), usedforsecurity=False).digest()
        out.append((int.from_bytes(digest[:4], "big") / 2**32 - 0.5) * spread)
    return out


def compact_number(value: float | None) -> str:
    """A figure with the decimals it has (up to three), es-EC: 94.7 → '94,7', 246867 → '246.867'."""
    if value is None:
        return fmt.UNKNOWN
    for decimals in range(4):
        if abs(round(value, decimals) - value) < 1e-9:
            return fmt.number(value, decimals)
    return fmt.number(value, 3)
