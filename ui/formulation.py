"""The parts of the national planning format on the Propuestas form: the fields the rest of the form does not have,
and the check of every part (core.proposals.formulation) as a table with where the thesis asks for them."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from core.fmt import listing
from core.lists import join_list
from core.proposals import entry, formulation
from core.proposals.models import Proposal
from core.texts import t

TEXTS = ("background", "justification", "execution_strategy", "benefits", "financial_evaluation", "monitoring_plan",
         "environmental_considerations", "gender_considerations")
HELP = {"financial_evaluation": "formato.financial_help", "monitoring_plan": "formato.monitoring_help"}


def _text(base: Proposal | None, name: str) -> str:
    return (getattr(base, name) or "") if base is not None else ""


def _components(base: Proposal | None) -> pl.DataFrame:
    rows = [{"name": c.name, "activities": join_list(c.activities) or ""} for c in (base.components if base else [])]
    return pl.DataFrame(rows, schema={"name": pl.Utf8, "activities": pl.Utf8})


def _timetable(base: Proposal | None) -> pl.DataFrame:
    """Months as text: a number column's empty cell reads «None» in a row people add; the model reads the text
    (and says in Spanish, by line, when it is not a whole month)."""
    rows = [{"activity": r.activity, "start_month": str(r.start_month), "end_month": str(r.end_month)}
            for r in (base.timetable if base else [])]
    return pl.DataFrame(rows, schema={"activity": pl.Utf8, "start_month": pl.Utf8, "end_month": pl.Utf8})


def _rows(edited: Any) -> list[dict]:
    frame = edited if isinstance(edited, pl.DataFrame) else pl.DataFrame(edited)
    return frame.to_dicts()


def fields(base: Proposal | None, key: str) -> dict[str, Any]:
    """Draw the format's own fields inside the open form; the values as `entry.from_form` takes them."""
    st.markdown(f"**{t('formato.section')}**")
    st.caption(t("formato.section_help"))
    values: dict[str, Any] = {}
    columns = st.columns(2)
    for n, name in enumerate(TEXTS):
        values[name] = columns[n % 2].text_area(entry.field_label(name), value=_text(base, name), height=80,
                                                key=f"{key}-{name}", help=t(HELP[name]) if name in HELP else None)
    st.caption(t("formato.components_help"))
    components = st.data_editor(
        _components(base), num_rows="dynamic", key=f"{key}-components", width="stretch",
        column_config={"name": st.column_config.TextColumn(t("formato.col.component"), width="medium", default=""),
                       "activities": st.column_config.TextColumn(t("formato.col.activities"), width="large",
                                                                 default="")})
    st.caption(t("formato.timetable_help"))
    timetable = st.data_editor(
        _timetable(base), num_rows="dynamic", key=f"{key}-timetable", width="stretch",
        column_config={"activity": st.column_config.TextColumn(t("formato.col.activity"), width="large", default=""),
                       "start_month": st.column_config.TextColumn(t("formato.col.start_month"), default=""),
                       "end_month": st.column_config.TextColumn(t("formato.col.end_month"), default="")})
    values["components"] = _rows(components)
    values["timetable"] = _rows(timetable)
    return values


def checklist(proposal: Proposal) -> None:
    """Every part of the format with whether the proposal has it, and a sentence naming what is missing."""
    items = formulation.format_items(proposal)
    absent = [item for item in items if not item.present]
    with st.expander(t("formato.title"), expanded=bool(absent)):
        st.dataframe(pl.DataFrame({
            t("formato.col.part"): [item.label_es for item in items],
            t("formato.col.state"): [t("formato.state.present" if item.present else "formato.state.missing")
                                     for item in items],
            t("formato.col.needed"): [t("value.yes" if item.needed_to_judge else "value.no") for item in items],
        }), hide_index=True, width="stretch")
        needed = [item for item in absent if item.needed_to_judge]
        if needed:
            st.warning(t("formato.missing_needed", missing=listing(i.label_es for i in needed),
                         cite=t("formato.cited", cite=formulation.citations(needed))), icon=":material/error:")
        elif absent:
            st.info(t("formato.incomplete", missing=listing(i.label_es for i in absent),
                      cite=formulation.citations(absent)), icon=":material/info:")
        else:
            st.success(t("formato.complete", cite=t("formato.cite.appendix3")), icon=":material/check_circle:")
