"""Altair charts as the pages draw them: a left-aligned Spanish title, the es-EC Vega locale ('.' groups
thousands, ',' marks decimals) and Minga's colours.

Each builder takes a polars frame with the columns its arguments name (a category, a value, its text as people
read it) and `tooltip` as (column, Spanish title) pairs, and returns a chart that ui.widgets.chart draws. Used by
the Diagnóstico pages (on core.diagnosis' frames), Priorización and Presupuesto (ui.budget_tables,
ui.budget_charts) and Alineación (ui.alignment_chart). No Streamlit here.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

import altair as alt
import polars as pl

from core.texts import t
from ui.chart_memo import remembered

# Altair's debug mode validates every part of a chart against the Vega-Lite schema each time it is built or
# copied; the pages skip that walk (see `vega_spec`) and the tests validate every builder's whole spec.
alt.utils.schemapi.disable_debug_mode()

# Vega's formatting locale for Ecuador: '.' groups thousands, ',' marks decimals, '$ ' before amounts.
VEGA_LOCALE: dict[str, Any] = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["$ ", ""], "percent": "\u00a0%"},
    "time": {
        "dateTime": "%A, %e de %B de %Y, %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"],
        "shortMonths": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
    },
}
MAIN = "#1F6F4A"
INSTITUTION_COLOURS = ["#1F6F4A", "#C26A1E", "#3B6FA0", "#8C5A9E", "#B8A03A", "#A04B4B", "#4B8FA0", "#5E7D6B"]
ACCENT = "#C26A1E"
MUTED = "#9DB8A8"
LABEL_LIMIT = 380
# Vega lays a bottom legend out in a fixed number of columns and never wraps it to the chart's width: three columns
# of method names («Óptima por puntaje (Gini 0,54)») ran past a half-width chart on a 1024 px screen, and the methods
# in the third column were not shown at all.
LEGEND_COLUMNS = 2
CONFIG = alt.Config(
    locale=VEGA_LOCALE, view=alt.ViewConfig(stroke=None),
    axis=alt.AxisConfig(labelLimit=LABEL_LIMIT, labelFontSize=13, titleFontSize=13),
    legend=alt.LegendConfig(orient="bottom", labelLimit=LABEL_LIMIT, titleLimit=LABEL_LIMIT, columns=LEGEND_COLUMNS,
                            labelFontSize=13, titleFontSize=13))
WRAP_CHARACTERS = 44  # a category name longer than this is drawn on several lines (~7 px a character)
LINE_HEIGHT = 17


def finish(chart: alt.TopLevelMixin, title: str, subtitle: str | None = None) -> alt.TopLevelMixin:
    """Title (left-aligned), es-EC locale and readable axis labels for a chart about to be drawn.

    One `properties` call: each of Altair's `configure_*` copies the whole chart (its layers again)."""
    params = {"text": title, "anchor": "start", "fontSize": 16}
    if subtitle:
        params["subtitle"] = subtitle
    # Streamlit stretches the width; "fit-x" keeps the given height for the plot itself (plain "fit" would
    # squeeze the bars to leave room for titles and axes inside that height).
    return chart.properties(title=alt.TitleParams(**params), autosize=alt.AutoSizeParams(type="fit-x",
                                                                                       contains="padding"),
                            config=CONFIG)


def vega_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec for st.vega_lite_chart, without Altair's theme (Streamlit's applies, as with
    st.altair_chart) and without the schema validation st.altair_chart runs on every draw: that walk cost more
    than the rest of Asociaciones' script. The data goes inline with the spec."""
    with alt.theme.enable("none"), alt.data_transformers.enable("default", max_rows=None):
        return spoken_in_spanish(chart.to_dict(validate=False))


def spoken_in_spanish(spec: dict[str, Any]) -> dict[str, Any]:
    """What a screen reader hears of the chart, in Spanish: its title (and subtitle) as the chart's description.
    Vega would otherwise describe every axis, legend, title and mark in English from the spec's field names
    («X-axis titled 'Año' for a discrete scale…», «Title text '…'», «rect mark container», «association_name: …;
    jitter: 0,15»): its ARIA texts are turned off, for guides (config) and for each mark and title. Vega still
    names the chart's group and its title's («group mark container», «Title text '<the Spanish title>'»): no
    setting reaches them. The figures stay in the table or the downloads beside each chart."""
    title = spec.get("title")
    parts = [title.get("text"), title.get("subtitle")] if isinstance(title, dict) else [title]
    said = ". ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p)
    quiet = _without_aria(spec)
    return {**quiet, "config": {**spec.get("config", {}), "aria": False},
            **({"description": said} if said and "description" not in spec else {})}


_VIEW_KEYS = ("mark", "layer", "hconcat", "vconcat", "concat", "spec")


def _without_aria(view: Any) -> Any:
    """A copy of a (layered, concatenated) view whose marks and titles carry `aria: false`."""
    if isinstance(view, list):
        return [_without_aria(v) for v in view]
    if not isinstance(view, dict) or not any(key in view for key in _VIEW_KEYS):
        return view
    quiet = {key: _without_aria(value) if key in _VIEW_KEYS else value for key, value in view.items()}
    mark = view.get("mark")
    if mark is not None:
        quiet["mark"] = {**(mark if isinstance(mark, dict) else {"type": mark}), "aria": False}
    title = view.get("title")
    if title is not None:
        quiet["title"] = {**(title if isinstance(title, dict) else {"text": title}), "aria": False}
    return quiet


def _tooltips(fields: Sequence[tuple[str, str]]) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{field}:N", title=title) for field, title in fields]


def _height(frame: pl.DataFrame, column: str, per_row: int = 30, minimum: int = 90) -> int:
    return max(minimum, per_row * max(1, frame[column].n_unique()))


def wrapped_names(names: Sequence[str], width: int = WRAP_CHARACTERS) -> tuple[str | None, int]:
    """A Vega labelExpr drawing each name on lines of at most `width` characters (None when all fit on one),
    and the most lines a name takes. The data keeps the whole names, so tooltips and sorting are unchanged."""
    lines = [textwrap.wrap(name, width) or [name] for name in names]
    most = max((len(x) for x in lines), default=1)
    if most <= 1:
        return None, 1
    known, shown = json.dumps(list(names), ensure_ascii=False), json.dumps(lines, ensure_ascii=False)
    return (f"indexof({known}, datum.label) >= 0 ? {shown}[indexof({known}, datum.label)] : datum.label", most)


def axis_end(top: float | None, factor: float) -> float:
    """The value axis' end: the largest value and room (`factor`) for the text written after its bar."""
    return float(top) * factor if top and top > 0 else 1.0


def _value_axis(top: float, percent: bool, value_format: str) -> alt.Axis:
    """The value axis; a percentage axis stops at 100 % even when the scale goes past it for the labels."""
    if not percent:
        return alt.Axis(format=value_format, tickCount=5)
    step = 0.05 if top <= 0.25 else 0.1 if top <= 0.5 else 0.2
    ticks = [round(step * k, 2) for k in range(int(min(1.0, top * 1.3) / step) + 1)]
    return alt.Axis(format=".0%", values=ticks)


@remembered
def bar_chart(frame: pl.DataFrame, *, category: str, value: str, text: str, title: str, value_title: str,
              tooltip: Sequence[tuple[str, str]], category_title: str | None = None, percent: bool = False,
              value_format: str = ",.0f", highlight: str | None = None, sort: Sequence[str] | None = None,
              rule: float | None = None, rule_text: str | None = None, subtitle: str | None = None,
              room: float = 1.3) -> alt.TopLevelMixin:
    """Horizontal bars (one per category, in `sort` order or the frame's), the value written at each bar's end.

    `highlight` names a boolean column drawn in the accent colour (e.g. the selected parish);
    `rule` draws a vertical reference line (e.g. the whole selection's share) labelled `rule_text`.
    """
    order = list(sort) if sort is not None else frame[category].to_list()
    top = max([v for v in frame[value].to_list() if v is not None] + [rule or 0, 0])
    x = alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(domain=[0, axis_end(top, room)], nice=False),
              axis=_value_axis(top, percent, value_format))
    wrap, lines = wrapped_names([str(name) for name in order])
    y = alt.Y(f"{category}:N", sort=order, title=category_title,
              axis=alt.Axis(labelExpr=wrap, labelOverlap=False) if wrap else alt.Axis(labelOverlap=False))
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=_tooltips(tooltip))
    colour = (alt.condition(alt.datum[highlight], alt.value(ACCENT), alt.value(MAIN)) if highlight
              else alt.value(MAIN))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(color=colour)
    labels_ = base.mark_text(align="left", dx=4, fontSize=13).encode(text=alt.Text(f"{text}:N"))
    layers = [bars, labels_]
    if rule is not None:
        rule_frame = pl.DataFrame({"rule": [rule], "rule_text": [rule_text or ""]})
        line = alt.Chart(rule_frame).mark_rule(color=ACCENT, strokeDash=[5, 3], size=2).encode(x="rule:Q")
        note = alt.Chart(rule_frame).mark_text(align="left", dx=4, dy=-6, color=ACCENT, fontSize=12).encode(
            x="rule:Q", y=alt.value(0), text="rule_text:N")
        layers += [line, note]
    chart = alt.layer(*layers).properties(height=_height(frame, category, per_row=max(30, LINE_HEIGHT * lines + 8)),
                                          width="container")
    return finish(chart, title, subtitle)


@remembered
def grouped_bar_chart(frame: pl.DataFrame, *, category: str, group: str, value: str, text: str, title: str,
                      value_title: str, group_title: str, tooltip: Sequence[tuple[str, str]],
                      category_title: str | None = None, sort: Sequence[str] | None = None,
                      group_sort: Sequence[str] | None = None, percent: bool = True,
                      subtitle: str | None = None) -> alt.TopLevelMixin:
    """Horizontal bars per category, one per group side by side (e.g. father and mother), values written."""
    order = list(sort) if sort is not None else list(dict.fromkeys(frame[category].to_list()))
    groups = list(group_sort) if group_sort is not None else list(dict.fromkeys(frame[group].to_list()))
    top = max([v for v in frame[value].to_list() if v is not None] + [0])
    x = alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(domain=[0, axis_end(top, 1.35)], nice=False),
              axis=_value_axis(top, percent, ",.0f"))
    base = alt.Chart(frame).encode(
        x=x,
        y=alt.Y(f"{category}:N", sort=order, title=category_title),
        yOffset=alt.YOffset(f"{group}:N", sort=groups),
        tooltip=_tooltips(tooltip),
    )
    palette = [MAIN, ACCENT, "#3B6FA0", "#8C5A9E"][: len(groups)]
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        color=alt.Color(f"{group}:N", sort=groups, title=group_title,
                        scale=alt.Scale(domain=groups, range=palette)))
    labels_ = base.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text(f"{text}:N"))
    height = max(120, len(order) * (18 * len(groups) + 10))
    return finish(alt.layer(bars, labels_).properties(height=height, width="container"), title, subtitle)


@remembered
def distribution_chart(points: pl.DataFrame, boxes: pl.DataFrame, *, category: str, value: str, title: str,
                       value_title: str, tooltip: Sequence[tuple[str, str]], box_tooltip: Sequence[tuple[str, str]],
                       sort: Sequence[str], subtitle: str | None = None) -> alt.TopLevelMixin:
    """A box per category (min–max line, q1–q3 box, median tick, from `boxes`: min_usd, q1_usd, median_usd,
    q3_usd, max_usd) with every household as a point (`points`, with a `jitter` column) on top."""
    y = alt.Y(f"{category}:N", sort=list(sort), title=None)
    x_axis = alt.Axis(format="$,.0f", tickCount=6)
    box_base = alt.Chart(boxes).encode(y=y, tooltip=_tooltips(box_tooltip))
    whisker = box_base.mark_rule(color="#5E7D6B").encode(
        x=alt.X("min_usd:Q", title=value_title, axis=x_axis), x2="max_usd:Q")
    box = box_base.mark_bar(size=22, color=MUTED, opacity=0.7).encode(x="q1_usd:Q", x2="q3_usd:Q")
    median = box_base.mark_tick(color="#1B2421", size=22, thickness=3).encode(x="median_usd:Q")
    dots = alt.Chart(points).mark_circle(size=55, opacity=0.85, color=ACCENT).encode(
        x=alt.X(f"{value}:Q", title=value_title, axis=x_axis), y=y,
        yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[-0.6, 0.6])),
        tooltip=_tooltips(tooltip))
    zero = alt.Chart(pl.DataFrame({"zero": [0.0]})).mark_rule(color="#A04B4B", strokeDash=[4, 3]).encode(x="zero:Q")
    height = max(160, 46 * len(sort))
    return finish(alt.layer(whisker, box, median, dots, zero).properties(height=height, width="container"),
                  title, subtitle)


@remembered
def strip_chart(frame: pl.DataFrame, *, category: str, value: str, title: str, value_title: str,
                sort: Sequence[str], tooltip: Sequence[tuple[str, str]], subtitle: str | None = None
                ) -> alt.TopLevelMixin:
    """Every person as a point per category (spread by a `jitter` column), with each category's median as a tick."""
    y = alt.Y(f"{category}:N", sort=list(sort), title=None)
    dots = alt.Chart(frame).mark_circle(size=55, opacity=0.8, color=MAIN).encode(
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=",.0f"), scale=alt.Scale(zero=False)), y=y,
        yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[-0.6, 0.6])), tooltip=_tooltips(tooltip))
    median = alt.Chart(frame).mark_tick(color=ACCENT, size=26, thickness=3).encode(
        x=alt.X(f"median({value}):Q"), y=y)
    height = max(160, 46 * len(sort))
    return finish(alt.layer(dots, median).properties(height=height, width="container"), title, subtitle)


@remembered
def heatmap_chart(frame: pl.DataFrame, *, x: str, y: str, value: str, text: str, title: str, x_title: str,
                  y_title: str | None, value_title: str, tooltip: Sequence[tuple[str, str]],
                  x_sort: Sequence[str] | None = None, y_sort: Sequence[str] | None = None,
                  subtitle: str | None = None) -> alt.TopLevelMixin:
    """Cells coloured by `value` with `text` written in them (e.g. institutions per association and kind).

    Every column keeps its whole name on a projector: names are slanted up and to the left, over the empty
    corner above the row names, so none overlaps its neighbour or runs past the chart's right edge."""
    x_axis = alt.Axis(labelAngle=35, orient="top", labelLimit=260, labelAlign="right", labelBaseline="middle",
                      labelOverlap=False)
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:N", sort=list(x_sort) if x_sort else None, title=x_title, axis=x_axis),
        y=alt.Y(f"{y}:N", sort=list(y_sort) if y_sort else None, title=y_title),
        tooltip=_tooltips(tooltip),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="greens"),
                        legend=alt.Legend(format=",.0f", tickMinStep=1)))
    top = max([v for v in frame[value].to_list() if v is not None] + [0])
    words = base.mark_text(fontSize=13).encode(
        text=alt.Text(f"{text}:N"),
        color=alt.condition(alt.datum[value] > top * 0.6, alt.value("white"), alt.value("#1B2421")))
    height = max(120, 34 * max(1, frame[y].n_unique()))
    return finish(alt.layer(cells, words).properties(height=height, width="container"), title, subtitle)


@remembered
def timeline_chart(flows: pl.DataFrame, *, title: str, sort: Sequence[str], tooltip: Sequence[tuple[str, str]],
                   subtitle: str | None = None) -> alt.TopLevelMixin:
    """Who gave what to whom and when: a point per (association, institution, kind, year); colour = institution,
    shape = kind of aid, size = amount (no legend: the amount is in the tooltip and the caption says so). `flows` needs association_name, year, institution, kind_label, amount_usd."""
    years = sorted(set(flows["year"].to_list()))
    chart = alt.Chart(flows).mark_point(filled=True, opacity=0.85).encode(
        x=alt.X("year:O", title=t("diag.ayudas.year"), sort=years, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("institution:N"),
        y=alt.Y("association_name:N", sort=list(sort), title=None),
        color=alt.Color("institution:N", title=t("diag.ayudas.institution"),
                        scale=alt.Scale(range=INSTITUTION_COLOURS), legend=alt.Legend(columns=2)),
        shape=alt.Shape("kind_label:N", title=t("diag.ayudas.kind"), legend=alt.Legend(columns=1)),
        size=alt.Size("amount_usd:Q", scale=alt.Scale(range=[40, 400]), legend=None),
        tooltip=_tooltips(tooltip),
    ).properties(height=max(160, 46 * len(sort)), width="container")
    return finish(chart, title, subtitle)
