"""Comparar: the parishes of a canton, or the cantons of a province, side by side on the 2022 census and on
the aid their associations received (views `parish_comparison` and `canton_summary`), as people read them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import polars as pl

from core import fmt
from core.diagnosis.tables import for_display
from core.texts import t

Level = Literal["canton", "province"]
LEVELS: tuple[Level, ...] = ("canton", "province")
INDICATORS = ("population_2022", "density_per_km2", "poverty_rate_nbi", "aid_total_usd", "aid_usd_per_inhabitant")
FORMATS: dict[str, Callable[[Any], str]] = {
    "population_2022": fmt.number,
    "area_km2": lambda v: fmt.number(v, 2),  # as INEC publishes it, and as Territorio writes it
    "density_per_km2": lambda v: fmt.number(v, 1),
    "poverty_rate_nbi": fmt.percent,
    "associations": fmt.number,
    "rural_parishes": fmt.number,
    "aid_records": fmt.number,
    "aid_total_usd": fmt.amount,  # one figure alone: whole dollars unless it has cents (a column: `formats`)
    "aid_usd_per_inhabitant": fmt.amount,
}
MONEY_COLUMNS = ("aid_total_usd", "aid_usd_per_inhabitant")
PARISH_COLUMNS = ("name", "kind", "population_2022", "area_km2", "density_per_km2", "poverty_rate_nbi",
                  "associations", "aid_records", "aid_total_usd", "aid_usd_per_inhabitant")
CANTON_COLUMNS = ("canton", "rural_parishes", "population_2022", "area_km2", "poverty_rate_nbi", "associations",
                  "aid_records", "aid_total_usd", "aid_usd_per_inhabitant")


def headers(columns: tuple[str, ...]) -> dict[str, str]:
    """Spanish headers of the comparison columns."""
    return {c: t(f"comparar.col.{c}") for c in columns}


def formats(frame: pl.DataFrame) -> dict[str, Callable[[Any], str]]:
    """Each column's formatter for the rows of `frame`: a money column to the cent when any of its figures has
    cents, else in whole dollars (fmt.amount_for), as every page writes money."""
    return {**FORMATS, **{c: fmt.amount_for(frame[c]) for c in MONEY_COLUMNS if c in frame.columns}}


def parish_table(parishes: pl.DataFrame, indicator: str) -> pl.DataFrame:
    """The parishes, largest `indicator` first (unknown last), as people read them."""
    ordered = parishes.sort(indicator, descending=True, nulls_last=True)
    return for_display(ordered, headers(PARISH_COLUMNS), code_labels={"kind": "parish_kind"}, formats=formats(ordered))


def canton_table(cantons: pl.DataFrame, indicator: str) -> pl.DataFrame:
    """The cantons of a province, largest `indicator` first, as people read them."""
    ordered = cantons.sort(indicator, descending=True, nulls_last=True)
    return for_display(ordered, headers(CANTON_COLUMNS), formats=formats(ordered))
