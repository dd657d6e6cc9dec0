"""Migración: family abroad by association, the farm profile of households, and the reference figures
(remittances, emigration) for the province and the nation."""

from __future__ import annotations

from typing import Any

import polars as pl

from core import fmt
from core.diagnosis.answers import Share, combine
from core.diagnosis.tables import compact_number
from core.texts import t

FARM_MEASURES = ("women", "headed_by_mother", "mother_farms", "father_farms", "father_not_indicated", "aged_50_plus")


def abroad_by_association(answers: pl.DataFrame) -> pl.DataFrame:
    """Per association: surveyed families, families with someone abroad, share and its text."""
    rows = answers.filter(pl.col("question") == "family_abroad")
    out = rows.group_by("association_id", "association_name", maintain_order=True).agg(
        pl.col("members").sum().cast(pl.Int64).alias("surveyed"),
        pl.col("members").filter(pl.col("answer") == "true").sum().cast(pl.Int64).alias("abroad"))
    out = out.with_columns((pl.col("abroad") / pl.col("surveyed")).alias("share"))
    texts = [Share(a, s).text() for a, s in out.select("abroad", "surveyed").iter_rows()]
    return out.with_columns(pl.Series("share_text", texts, dtype=pl.Utf8)).sort("association_id")


def farm_profile(households: pl.DataFrame) -> pl.DataFrame:
    """Who is left to farm: for families with and without relatives abroad, the share of each trait.
    Columns: group (true | false), group_label, measure, measure_label, count, base, share, share_text."""
    counts = ["members", "ages_known", *FARM_MEASURES]
    summed = combine(households, ["family_abroad"], counts)
    rows: dict[str, list] = {k: [] for k in ("group", "group_label", "measure", "measure_label", "count", "base",
                                             "share", "share_text")}
    for group in (True, False):
        found = summed.filter(pl.col("family_abroad") == group)
        if found.is_empty():
            continue
        record = found.row(0, named=True)
        for measure in FARM_MEASURES:
            base = record["ages_known"] if measure == "aged_50_plus" else record["members"]
            share = Share(int(record[measure]), int(base))
            rows["group"].append(str(group).lower())
            rows["group_label"].append(t(f"diag.migracion.group.{str(group).lower()}"))
            rows["measure"].append(measure)
            rows["measure_label"].append(t(f"diag.migracion.measure.{measure}"))
            rows["count"].append(share.count)
            rows["base"].append(share.base)
            rows["share"].append(share.value)
            rows["share_text"].append(share.text())
    return pl.DataFrame(rows, schema={"group": pl.Utf8, "group_label": pl.Utf8, "measure": pl.Utf8,
                                      "measure_label": pl.Utf8, "count": pl.Int64, "base": pl.Int64,
                                      "share": pl.Float64, "share_text": pl.Utf8})


def reference_value_text(value: float | None, unit: str) -> str:
    """A reference figure with its unit, es-EC: '1.179 millones USD (redondeado)', '28,13 por 1000 hab.'."""
    if value is None:
        return fmt.UNKNOWN
    return f"{compact_number(value)} {unit}".strip()


def province_indicators(reference: pl.DataFrame) -> dict[str, str]:
    """Reference indicators given for two or more provinces in one period: indicator → period (latest)."""
    provinces = reference.filter((pl.col("level") == "provincia") & pl.col("period").is_not_null())
    counted = (provinces.group_by("theme", "indicator", "period").agg(pl.len().alias("n"))
               .filter(pl.col("n") >= 2))
    latest = counted.sort(["indicator", "period"]).group_by("indicator", maintain_order=True).last()
    # Emigration first (the page's subject), then the indicators given for more provinces.
    latest = latest.with_columns((pl.col("theme") != "emigración").alias("later"))
    return dict(latest.sort(["later", "n", "indicator"], descending=[False, True, False])
                .select("indicator", "period").iter_rows())


def province_comparison(reference: pl.DataFrame, indicator: str, province_code: str) -> pl.DataFrame:
    """Provinces with `indicator` in its latest period, highest first: area, value, value_text, unit, period,
    source, selected (the parish's province)."""
    period = province_indicators(reference).get(indicator)
    rows = reference.filter((pl.col("level") == "provincia") & (pl.col("indicator") == indicator)
                            & (pl.col("period") == period)).sort(["value", "area"], descending=[True, False])
    rows = rows.with_columns((pl.col("dpa_code") == province_code).alias("selected"))
    texts = [compact_number(v) for v in rows["value"].to_list()]
    return rows.with_columns(pl.Series("value_text", texts, dtype=pl.Utf8)).select(
        "area", "value", "value_text", "unit", "period", "source", "selected")


def national_value(reference: pl.DataFrame, indicator: str, period: str) -> dict[str, Any] | None:
    """The country's figure for a provincial indicator (same name, or its national average), if any."""
    rows = reference.filter((pl.col("level") == "país") & (pl.col("period") == period)
                            & pl.col("indicator").str.starts_with(indicator))
    if rows.is_empty():
        return None
    value = rows["value"][0]
    return {"value": value, "value_text": reference_value_text(value, rows["unit"][0])}
