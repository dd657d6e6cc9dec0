"""Territorio: the parish's indicators against the canton's rural parishes, with sources and ranks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from core import fmt
from core.diagnosis.tables import formatted
from core.texts import t, t_count

TERRITORY_INDICATORS = ("population", "area_km2", "density_per_km2", "poverty_rate")
_SOURCES = {"population": "population_source", "area_km2": "area_source", "density_per_km2": "density_source",
            "poverty_rate": "poverty_source"}
_RANKS = {"population": "population_rank", "area_km2": "area_rank", "density_per_km2": "density_rank",
          "poverty_rate": "poverty_rank"}


def indicator_formatter(indicator: str) -> Callable[[Any], str]:
    return {
        "population": fmt.number,
        "area_km2": lambda v: fmt.number(v, 2),
        # population over area: INEC rounds it to whole inhabitants per km², so a parish under 1 would read «0»
        "density_per_km2": lambda v: fmt.number(v, 1),
        "poverty_rate": lambda v: fmt.percent(v, 1),
    }[indicator]


def territory_ranking(comparison: pl.DataFrame, indicator: str, selected: str) -> pl.DataFrame:
    """Rural parishes of the canton (and the selected parish) with a known value, highest first:
    parish_code, name, value, value_text, selected, source."""
    known = comparison.filter(pl.col(indicator).is_not_null() & ((pl.col("kind") == "rural")
                                                                 | (pl.col("parish_code") == selected)))
    ranked = known.sort([indicator, "name"], descending=[True, False]).select(
        "parish_code", "name", pl.col(indicator).cast(pl.Float64).alias("value"),
        (pl.col("parish_code") == selected).alias("selected"), pl.col(_SOURCES[indicator]).alias("source"))
    return formatted(ranked, "value", indicator_formatter(indicator))


def rank_text(row: Mapping[str, Any], indicator: str, known: int, tied: int = 0) -> str:
    """'Puesto 1 de 6 parroquias rurales con dato' (and with how many others it shares the place: `tied`), or why
    there is no rank."""
    if row.get("kind") != "rural":
        return t("diag.territorio.no_rank", reason=t("diag.territorio.reason_seat"))
    rank = row.get(_RANKS[indicator])
    if rank is None:
        return t("diag.territorio.no_rank", reason=t("diag.territorio.reason_unknown"))
    text = t_count("diag.territorio.rank", known, rank=fmt.number(rank), known=fmt.number(known))
    return text + (t_count("diag.territorio.tied", tied, n=fmt.number(tied)) if tied else "")


def tied_counts(comparison: pl.DataFrame, row: Mapping[str, Any]) -> dict[str, int]:
    """For each figure, how many other rural parishes of the canton have exactly the parish's value: they share
    its place (three parishes at 100 % poverty are all «Puesto 1»)."""
    rural = comparison.filter((pl.col("kind") == "rural") & (pl.col("parish_code") != row.get("parish_code")))
    return {i: 0 if row.get(i) is None else int((rural[i] == row[i]).sum()) for i in TERRITORY_INDICATORS}


def chart_caption(known: int, total: int) -> str:
    """How many of the canton's `total` rural parishes have the figure the chart shows, and that the others are
    not in it; when every one has it, just that."""
    if known >= total:
        return t_count("diag.territorio.chart_caption_all", total, total=fmt.number(total))
    missing = total - known
    return (t_count("diag.territorio.chart_caption", known, known=fmt.number(known), total=fmt.number(total))
            + t_count("diag.territorio.chart_left_out", missing, missing=fmt.number(missing)))


def known_counts(comparison: pl.DataFrame) -> dict[str, int]:
    """How many rural parishes of the canton have each figure."""
    rural = comparison.filter(pl.col("kind") == "rural")
    return {i: int(rural[i].is_not_null().sum()) for i in TERRITORY_INDICATORS}
