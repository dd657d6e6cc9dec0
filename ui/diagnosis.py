"""Streamlit pieces the five Diagnóstico pages share: their opening (title, cached data, the parish), the
association filter, and a chart drawn with its source line and the downloads of the data behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.answers import answer_table
from core.diagnosis.queries import PAGE_QUERIES, ViewQuery, parish_keys
from core.record.auth import Action
from core.record.meeting_results import MeetingRef, problem_votes
from core.texts import t, t_count
from ui import charts, data, session, state, widgets
from ui.decidir_registro import parish_name


def frames_of(queries: Mapping[str, ViewQuery], parish_code: str) -> dict[str, pl.DataFrame]:
    """Each query's rows for the parish (each cached by ui.data.view, so a rerun does not query)."""
    keys = parish_keys(parish_code)
    return {name: data.view(*query.bind(keys)) for name, query in queries.items()}


def page_frames(page: str, parish_code: str) -> dict[str, pl.DataFrame]:
    """Every view the diagnosis page reads for the parish."""
    return frames_of(PAGE_QUERIES[page], parish_code)


def open_page(page: str) -> tuple[dict[str, pl.DataFrame], dict[str, Any]]:
    """The page's title, its views for the parish chosen, and that parish's row (from `parishes`); a parish
    code not in the DPA list is said and stops the page."""
    frames = page_frames(page, state.current_parish())
    st.title(t(f"diag.{page}.title"))
    if frames["parish"].is_empty():
        st.warning(t("diag.unknown_parish"))
        st.stop()
    return frames, frames["parish"].row(0, named=True)


def source(kind: str, synthetic: bool) -> str:
    """The source line of the survey («survey») or of the advisory group's vote («focus_group») on the parish
    chosen: the El Valle study only under its demo records, the parish's own records everywhere else."""
    parish_code = state.current_parish()
    if state.shows_the_study(parish_code, synthetic):
        return t(f"diag.source.{kind}_study")
    return t(f"diag.source.{kind}", name=parish_name(parish_code))


def closed_problem_vote(parish_code: str) -> tuple[MeetingRef, dict[str, tuple[int, int]]] | None:
    """The advisory group's latest closed vote on the parish's problems (what Priorización ranks needs by), for
    those who may see work in preparation; None without one, or for the public view."""
    if not session.allowed(Action.VIEW_WORK):
        return None
    return problem_votes(data.store(), parish_code)


def stop_without_associations(associations: pl.DataFrame, parish: Mapping[str, Any]) -> None:
    """Say that the parish has no associations on record, and stop the page."""
    if associations.is_empty():
        st.info(t("diag.empty.associations", name=parish["name"]))
        st.stop()


def marked_filter(associations: pl.DataFrame, key: str) -> tuple[bool, list[str]]:
    """The synthetic-data mark (when the records are generated) and the association filter: (synthetic, the
    chosen ids)."""
    synthetic = any_synthetic(associations)
    if synthetic:
        widgets.synthetic_mark()
    return synthetic, association_filter(associations, key)


def open_survey_page(page: str) -> tuple[dict[str, pl.DataFrame], bool, list[str]]:
    """A page on the survey of the associations: its title, a stop when the parish has none, its intro, and the
    synthetic mark with the association filter. Returns (frames, synthetic, the chosen ids)."""
    frames, parish = open_page(page)
    stop_without_associations(frames["associations"], parish)
    st.write(t(f"diag.{page}.intro"))
    synthetic, chosen = marked_filter(frames["associations"], key=f"{page}-filter")
    return frames, synthetic, chosen


def association_filter(associations: pl.DataFrame, key: str) -> list[str]:
    """A multiselect of the parish's associations; returns the chosen ids (all of them when none is chosen)."""
    names = dict(associations.select("association_id", "name").iter_rows())
    chosen = st.multiselect(t("diag.filter.associations"), list(names), format_func=names.__getitem__, key=key,
                            placeholder=t("diag.filter.placeholder"), help=t("diag.filter.help"))
    if chosen:
        st.caption(t_count("diag.filter.showing", len(chosen), count=fmt.number(len(chosen)),
                           total=t_count("diag.count.associations", len(names), n=fmt.number(len(names)))))
    return list(chosen) or list(names)


def chart(figure: alt.TopLevelMixin, *, source: str, synthetic: bool, frame: pl.DataFrame,
          headers: Mapping[str, str], name: str, key: str,
          code_labels: Mapping[str, Mapping[str, str]] | None = None) -> None:
    """An Altair chart, a one-line source caption (with the synthetic mark) and CSV/Excel of its data; a sentence
    naming the chart when it has no data (drawn, it is a title over empty axes, as if the figures did not load)."""
    if frame.is_empty():
        title = getattr(figure.title, "text", figure.title)
        st.info(t("diag.empty.chart", title=title if isinstance(title, str) else name))
        return
    widgets.chart(figure, width="stretch", key=f"{key}-chart")
    widgets.source_caption(source, synthetic)
    widgets.downloads(frame, headers, name, key=key, code_labels=code_labels)


def table(shown: pl.DataFrame, *, download: pl.DataFrame, headers: Mapping[str, str], name: str, key: str,
          source: str, synthetic: bool, code_labels: Mapping[str, Mapping[str, str]] | None = None,
          wide: tuple[str, ...] = ()) -> None:
    """A table as people read it (`shown`, from core.diagnosis.for_display), its source line, and the
    downloads of `download` with Spanish headers and labels. `wide` names (Spanish) columns of long text."""
    config = {column: st.column_config.TextColumn(width="large") for column in wide}
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}-table", column_config=config or None)
    widgets.source_caption(source, synthetic)
    widgets.downloads(download, headers, name, key=key, code_labels=code_labels)


def answer_chart(answers: pl.DataFrame, question: str, title: str, key: str, *, source: str, synthetic: bool,
                 by_count: bool = False, subtitle: str | None = None, category_title: str | None = None) -> None:
    """Shares of the answers to one survey question (of those who answered), as bars with their data; a sentence
    when no one answered it (an empty chart reads as figures that did not load)."""
    table = answer_table(answers, question, by_count=by_count)
    if table.is_empty():
        st.info(t("diag.empty.question", title=title))
        return
    figure = charts.bar_chart(table, category="label", value="share", text="share_text", title=title,
                              value_title=t("diag.col.share"), percent=True, category_title=category_title,
                              tooltip=[("label", t("diag.col.answer")), ("share_text", t("diag.col.share"))],
                              subtitle=subtitle)
    chart(figure, source=source, synthetic=synthetic, frame=table,
          headers={"label": t("diag.col.answer"), "members": t("diag.col.members"), "share": t("diag.col.share")},
          name=f"minga-{fmt.slug(title)[:60].rstrip('-')}", key=key)


def any_synthetic(*frames: pl.DataFrame) -> bool:
    return any("is_synthetic" in f.columns and bool(f["is_synthetic"].any()) for f in frames if not f.is_empty())
