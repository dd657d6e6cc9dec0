"""Validated models → polars DataFrames with a schema taken from the model's annotations.

Typing the columns from the model (not by inference) keeps a column's type stable even when
every value in it happens to be blank. Nested models are kept as JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from enum import Enum

import polars as pl
from pydantic import BaseModel

_SCALARS: dict[type, pl.DataType] = {
    int: pl.Int64(),
    float: pl.Float64(),
    str: pl.Utf8(),
    bool: pl.Boolean(),
    dt.date: pl.Date(),
    dt.datetime: pl.Datetime("us"),
}


def _strip_optional(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def polars_type(annotation) -> pl.DataType:
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        return pl.Boolean() if all(isinstance(v, bool) for v in values) else pl.Utf8()
    if origin is typing.Annotated:
        return polars_type(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, frozenset):
        (inner, *_) = typing.get_args(annotation) or (str,)
        inner_type = polars_type(inner)
        return pl.List(inner_type)
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return pl.Utf8()
        if issubclass(annotation, BaseModel):
            return pl.Utf8()
        for python_type, polars_dtype in _SCALARS.items():
            if issubclass(annotation, python_type) and not (python_type is int and annotation is bool):
                return polars_dtype
    return pl.Utf8()


def polars_schema(model: type[BaseModel]) -> dict[str, pl.DataType]:
    return {name: polars_type(f.annotation) for name, f in model.model_fields.items()}


def _cell(value, dtype: pl.DataType):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    if isinstance(value, (list, tuple, set, frozenset)):
        if isinstance(dtype, pl.List) and dtype.inner == pl.Utf8():
            return [_cell(v, pl.Utf8()) for v in value]
        return [_cell(v, dtype.inner) for v in value] if isinstance(dtype, pl.List) else json.dumps(list(value))
    if isinstance(value, dict) and dtype == pl.Utf8():
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def to_frame(items: list[BaseModel], model: type[BaseModel]) -> pl.DataFrame:
    """Rows of `model` as a typed polars DataFrame (same columns even when `items` is empty)."""
    schema = polars_schema(model)
    data = {name: [_cell(getattr(item, name), dtype) for item in items] for name, dtype in schema.items()}
    return pl.DataFrame(data, schema=schema)
