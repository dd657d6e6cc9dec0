"""A parish's census figures as people read them, for Inicio and Territorio.

Input: one row of the `parish_census` view. Output: a `CensusPanel` with the 2022 census block (INEC, CPV 2022)
for every parish and, where a study or the reference file publishes earlier figures (El Valle: the study's 2010
census), a block beside it. A figure a census lacks reads «sin dato en el censo 2022», never 0, and the block says
why (a parish created or recoded after the census, or a figure the census does not publish for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict

from core import fmt
from core.diagnosis.territory import TERRITORY_INDICATORS, indicator_formatter
from core.texts import label, t

Indicator = Literal["population", "area_km2", "density_per_km2", "poverty_rate"]
_COLUMNS_2022: dict[str, str] = {"population": "population_2022", "area_km2": "area_km2_2022",
                                 "density_per_km2": "density_2022", "poverty_rate": "poverty_rate_nbi_2022"}
_COLUMNS_EARLIER: dict[str, str] = {"population": "earlier_population", "area_km2": "earlier_area_km2",
                                    "density_per_km2": "earlier_density", "poverty_rate": "earlier_poverty_rate"}


class CensusFigure(BaseModel):
    """One figure of one census: its value (None when the census lacks it) and the text shown for it."""

    model_config = ConfigDict(frozen=True)

    indicator: Indicator
    label: str
    value: float | None
    text: str
    source: str | None  # None when the value is missing


class CensusBlock(BaseModel):
    """The figures of one census for the parish, what is missing and why, and where they come from."""

    model_config = ConfigDict(frozen=True)

    census: Literal["2022", "earlier"]
    title: str  # «Censo 2022», «Censo 2010 (estudio)»
    short: str  # what the metric labels add to the figure's name: «2022», «2010»
    figures: list[CensusFigure]
    notes: list[str]
    sources: list[str]


class CensusPanel(BaseModel):
    """Everything Inicio and Territorio say about a parish's census figures and its polygon."""

    model_config = ConfigDict(frozen=True)

    parish_code: str
    name: str
    blocks: list[CensusBlock]
    has_shape: bool
    shape_note: str | None


def _figure(indicator: Indicator, figure_label: str, value: Any, missing: str, source: str | None) -> CensusFigure:
    known = value is not None
    return CensusFigure(indicator=indicator, label=figure_label, value=float(value) if known else None,
                        text=indicator_formatter(indicator)(value) if known else missing,
                        source=source if known else None)


def census_2022(row: Mapping[str, Any]) -> CensusBlock:
    """The 2022 census block: every parish has one, with «sin dato en el censo 2022» where a figure is missing."""
    missing = t("census.missing_2022")
    figures = [_figure(i, label("territory_indicator", i), row.get(_COLUMNS_2022[i]), missing,
                       row.get("nbi_2022_source" if i == "poverty_rate" else "census_2022_source"))
               for i in TERRITORY_INDICATORS]
    notes, sources = [], []
    if not row.get("in_census_2022"):
        notes.append(t("census.not_in_2022", name=row["name"]))
        sources.append(t("census.source_absent"))
    else:
        sources.append(row["census_2022_source"])
        if row.get("nbi_2022_source"):
            sources.append(row["nbi_2022_source"])
        absent = [f"«{f.label}»" for f in figures if f.value is None]
        if absent:
            notes.append(t("census.some_missing_2022", name=row["name"], figures=fmt.listing(absent)))
    return CensusBlock(census="2022", title=t("census.title_2022"), short="2022", figures=figures, notes=notes,
                       sources=sources)


def census_earlier(row: Mapping[str, Any]) -> CensusBlock | None:
    """The earlier census block (a study's, or the reference file's), or None when the parish has none."""
    if not row.get("earlier_source"):
        return None
    year = row.get("earlier_year")
    if row.get("earlier_from_study"):
        title = t("census.title_study", year=year) if year else t("census.title_study_undated")
    else:
        title = t("census.title_earlier", year=year) if year else t("census.title_earlier_undated")
    figures = [_figure(i, t("census.poverty") if i == "poverty_rate" else label("territory_indicator", i),
                       row.get(_COLUMNS_EARLIER[i]), fmt.UNKNOWN, row["earlier_source"]) for i in TERRITORY_INDICATORS]
    notes = []
    if row.get("earlier_population_men") is not None and row.get("earlier_population_women") is not None:
        notes.append(t("census.men_women", men=fmt.number(row["earlier_population_men"]),
                       women=fmt.number(row["earlier_population_women"])))
    if row.get("earlier_density") is not None:
        notes.append(t("census.density_computed"))
    return CensusBlock(census="earlier", title=title, short=str(year) if year else title, figures=figures,
                       notes=notes, sources=[row["earlier_source"]])


def census_panel(row: Mapping[str, Any]) -> CensusPanel:
    """The parish's census blocks (2022 first) and whether its polygon can be drawn."""
    earlier = census_earlier(row)
    blocks = [census_2022(row)] + ([earlier] if earlier else [])
    has_shape = bool(row.get("has_shape"))
    return CensusPanel(parish_code=row["parish_code"], name=row["name"], blocks=blocks, has_shape=has_shape,
                       shape_note=None if has_shape else t("census.no_shape", name=row["name"]))


def figures_table(panel: CensusPanel, ranks: Mapping[str, str]) -> pl.DataFrame:
    """Every figure of every census block as a table people read: census, figure, value, the parish's place in
    the canton (2022 figures only; `ranks` by indicator) and the source."""
    rows: dict[str, list[str]] = {t("census.col.census"): [], t("diag.territorio.figure"): [],
                                  t("diag.territorio.value"): [], t("diag.territorio.rank_col"): [],
                                  t("diag.territorio.source"): []}
    for block in panel.blocks:
        for figure in block.figures:
            rank = ranks.get(figure.indicator, "—") if block.census == "2022" else "—"
            for column, value in zip(rows, (block.title, figure.label, figure.text, rank, figure.source or "—"),
                                     strict=True):
                rows[column].append(value)
    return pl.DataFrame(rows)
