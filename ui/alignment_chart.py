"""The Alineación heatmap: PDOT objectives × ODS goals and × PND objectives, drawn from
`core.proposals.alignment.matrix` frames (Spanish titles, es-EC locale); PDOT objectives no proposal serves have
their label in red."""

from __future__ import annotations

import altair as alt
import polars as pl

from core.proposals.alignment import NO_PDOT
from core.texts import t
from ui.chart_memo import remembered
from ui.charts import VEGA_LOCALE

UNSERVED_COLOUR = "#A04B4B"
CELL_SCHEME = "greens"

CELL = 30  # px per heatmap cell
ROW_LABEL = 230  # px for the PDOT labels
PANEL_SPACING = 10
SLANTED_OVERHANG = 60  # px the last column's slanted name runs past its cell
# Streamlit's main column at 1280 px with the sidebar open (a projector's common resolution).
PROJECTOR_WIDTH = 880
# More columns than this and the two panels are stacked, so the PND block is never cut on a projector.
MAX_SIDE_BY_SIDE = (PROJECTOR_WIDTH - ROW_LABEL - PANEL_SPACING - SLANTED_OVERHANG) // CELL


def _cells(frame: pl.DataFrame, *, x_title: str, y_title: str, sort_y: list[str], unserved_labels: list[str],
           show_y: bool) -> alt.LayerChart:
    order = (frame.select("code_label", "sort_key").unique().sort("sort_key")["code_label"].to_list())
    label_colour = {"condition": {"test": f"indexof({unserved_labels!r}, datum.value) >= 0",
                                  "value": UNSERVED_COLOUR}, "value": "#222222"}
    y_axis = (alt.Axis(labelColor=label_colour, labelLimit=ROW_LABEL, labelOverlap=False, title=y_title,
                       titleAngle=0, titleAnchor="start", titleAlign="left", titleBaseline="bottom", titleY=-6,
                       titleX=-ROW_LABEL - 6)
              if show_y else alt.Axis(labels=False, ticks=False, title=None, domain=False))
    y = alt.Y("pdot_label:N", sort=sort_y, axis=y_axis)
    x = alt.X("code_label:N", sort=order, title=x_title,
              axis=alt.Axis(labelAngle=-50, labelLimit=150, labelOverlap=False, labelFontSize=11))
    tooltip = [alt.Tooltip("pdot_text:N", title=t("alin.tip.pdot")), alt.Tooltip("code_title:N", title=x_title),
               alt.Tooltip("proposals:Q", title=t("alin.tip.count")),
               alt.Tooltip("proposal_ids:N", title=t("alin.tip.ids"))]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    rect = base.mark_rect(stroke="#FFFFFF", strokeWidth=1).encode(
        color=alt.Color("proposals:Q", title=t("alin.legend"), scale=alt.Scale(scheme=CELL_SCHEME, domainMin=0),
                        legend=alt.Legend(format="d", tickMinStep=1)))
    text = base.mark_text(fontSize=12).encode(
        text=alt.condition("datum.proposals > 0", alt.Text("proposals:Q", format="d"), alt.value("")),
        color=alt.condition("datum.proposals >= 3", alt.value("#FFFFFF"), alt.value("#1B3A2A")))
    rows = frame["pdot_label"].n_unique()
    return alt.layer(rect, text).properties(width=CELL * frame["code"].n_unique(), height=CELL * rows)


@remembered
def heatmap(ods: pl.DataFrame, pnd: pl.DataFrame, *, title: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """PDOT × ODS and PDOT × PND heatmaps sharing the PDOT rows: side by side, or one above the other when
    they would not fit the page. Objectives no proposal serves have their label in red (the page lists them)."""
    frames = [f for f in (ods, pnd) if not f.is_empty()]
    rows = frames[0] if frames else ods
    sort_y = (rows.select("pdot_objective_id", "pdot_label").unique()
              .sort(pl.col("pdot_objective_id") == NO_PDOT, "pdot_objective_id")["pdot_label"].to_list())
    unserved_labels = (rows.filter(~pl.col("served") & (pl.col("pdot_objective_id") != NO_PDOT))["pdot_label"]
                       .unique().to_list())
    stacked = sum(f["code"].n_unique() for f in frames) > MAX_SIDE_BY_SIDE
    panels = []
    for frame, key in ((ods, "alin.axis.ods"), (pnd, "alin.axis.pnd")):
        if frame.is_empty():
            continue
        panels.append(_cells(frame, x_title=t(key), y_title=t("alin.axis.pdot"), sort_y=sort_y,
                             unserved_labels=unserved_labels, show_y=stacked or not panels))
    if not panels:
        chart = alt.Chart(pl.DataFrame({"x": []})).mark_rect()
    elif stacked:
        chart = alt.vconcat(*panels, spacing=24)
    else:
        chart = alt.hconcat(*panels, spacing=PANEL_SPACING)
    params = {"text": title, "anchor": "start", "fontSize": 16}
    if subtitle:
        params["subtitle"] = subtitle
    return (chart.properties(title=alt.TitleParams(**params), padding={"left": 8, "top": 8, "right": 8, "bottom": 8})
            .resolve_scale(color="shared")
            .configure(locale=VEGA_LOCALE)
            .configure_axis(labelFontSize=12, titleFontSize=13, titleColor="#333333")
            .configure_legend(orient="bottom", labelFontSize=12, titleFontSize=13)
            .configure_view(stroke=None))
