"""Small drawing helpers every page uses: the synthetic-data mark, source captions, downloads, charts, tabs that
run only the open one, choice columns of editable tables."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import exports
from core.texts import t
from ui.chart_memo import spec_once
from ui.charts import vega_spec


def synthetic_mark() -> None:
    """A visible badge wherever generated records are shown."""
    st.badge(t("synthetic.badge"), icon=":material/science:", color="orange")


def source_caption(source: str, synthetic: bool = False) -> None:
    text = t("source.caption", source=source)
    if synthetic:
        text += " · " + t("synthetic.badge").lower()
    st.caption(text)


def downloads(frame: pl.DataFrame, headers: Mapping[str, str], name: str, key: str,
              code_labels: Mapping[str, Mapping[str, str]] | None = None) -> None:
    """CSV and Excel buttons for the data behind a chart or table, with Spanish headers. The files, and the table
    for people they are made of, are made only when a button is pressed, not on every draw of the page."""
    def people() -> pl.DataFrame:
        return exports.for_people(frame, headers, code_labels)

    left, right = st.columns(2)
    left.download_button(t("download.csv"), data=lambda: exports.csv_bytes(people()), file_name=f"{name}.csv",
                         mime="text/csv", key=f"{key}-csv", on_click="ignore", icon=":material/download:")
    right.download_button(t("download.xlsx"), data=lambda: exports.xlsx_bytes(people()), file_name=f"{name}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}-xlsx", on_click="ignore", icon=":material/download:")


def chart(figure: alt.TopLevelMixin, key: str | None = None, width: str = "stretch") -> None:
    """Draw an Altair chart from its spec (ui.charts.vega_spec: no schema validation on every draw), turned into a
    spec once for a chart kept between reruns (ui.chart_memo)."""
    st.vega_lite_chart(spec=spec_once(figure, vega_spec), width=width, key=key)


def lazy_tabs(labels: Mapping[str, str], key: str) -> tuple[str, DeltaGenerator]:
    """Tabs (code → Spanish label) of which only the open one runs: choosing another reruns the page, so hidden
    tabs' tables, charts and forms are neither computed nor sent to the browser. Returns the open tab's code and
    its container; the choice is kept in session state under `key`."""
    codes = list(labels)
    tabs = st.tabs([labels[c] for c in codes], key=key, on_change="rerun")
    shown = next((k for k, tab in enumerate(tabs) if tab.open), 0)
    return codes[shown], tabs[shown]


KEPT = "kept:"  # prefix of the session keys that hold a hidden widget's last choice


def kept(key: str) -> dict:
    """Arguments (`key`, `on_change`, `args`) for a widget inside a lazy tab or expander whose choice must
    survive the runs that do not draw it: Streamlit forgets a widget's value once a run leaves it out, so the
    choice is copied aside on every change and put back before the widget is drawn again."""
    aside = KEPT + key
    if key not in st.session_state and aside in st.session_state:
        st.session_state[key] = st.session_state[aside]
    return {"key": key, "on_change": _set_aside, "args": (key, aside)}


def _set_aside(key: str, aside: str) -> None:
    st.session_state[aside] = st.session_state[key]


NOT_CHOSEN = "-"  # what a choice cell of an editable table holds until something is chosen


def choice_column(label: str, labels: Mapping[str, str], none_label: str) -> dict:
    """A column of an editable table where people choose one of `labels` (value → what they read). Its cells, a
    new row's too, read `none_label` until a choice is made: an empty cell would read «None». `chosen` reads it."""
    return st.column_config.SelectboxColumn(label, options=[NOT_CHOSEN, *labels], default=NOT_CHOSEN,
                                            format_func=lambda value: labels.get(value, none_label))


def chosen(value: object, labels: Mapping[str, str]) -> str | None:
    """A choice cell of `choice_column` as the value chosen; None when nothing (or nothing offered) is."""
    return value if isinstance(value, str) and value in labels else None

