"""Convocatorias: the calendar of the registered cooperants' calls (closing soon, open, upcoming, closed) for the
parish's themes, with a chart by closing month and a form to record a call."""

import datetime as dt

import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import calls as calls_mod
from core.cooperation import cooperants as coop
from core.proposals import records
from core.record import facts
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError
from core.texts import label, labels, t
from ui import data, session, state, widgets
from ui.cooperation import calls_by_month_chart
from ui.text import plain

session.work_page()
parish = state.current_parish()
store = data.store()
st.title(t("coop.calls.title"))
st.write(t("coop.calls.intro", days=calls_mod.SOON_DAYS))

registry = coop.by_id(coop.cooperants(store))
themes = calls_mod.parish_themes(records.proposal_models(store, parish))
left, right = st.columns(2)
today = left.date_input(t("coop.calls.today"), value=facts.today(), format="DD/MM/YYYY", key="calls-today")
only_fit = right.toggle(t("coop.calls.only_fit"), value=True, key="calls-fit")
frame = calls_mod.calendar(calls_mod.calls(store), registry, today, themes)
if only_fit:
    frame = frame.filter(pl.col("fits_parish"))
if frame.is_empty():
    st.info(t("coop.calls.none"))
else:
    counts = frame.group_by("state").len()
    by_state = dict(counts.iter_rows())
    for column, code in zip(st.columns(len(calls_mod.STATES)), calls_mod.STATES, strict=True):
        column.metric(label("call_state", code), fmt.number(by_state.get(code, 0)))
    shown = frame.with_columns(
        pl.col("state").replace_strict(labels("call_state")),
        pl.col("call_type").replace_strict(labels("call_type"), default=pl.col("call_type")),
        pl.col("open_date").map_elements(fmt.date, return_dtype=pl.Utf8),
        pl.col("close_date").map_elements(fmt.date, return_dtype=pl.Utf8),
        pl.col("fits_parish").replace_strict({True: label("yes_no", True), False: label("yes_no", False)},
                                             return_dtype=pl.Utf8),
    ).drop("month")
    st.dataframe(shown.rename({c: t(f"coop.calls.col.{c}") for c in shown.columns}), hide_index=True, width="stretch")
    widgets.chart(calls_by_month_chart(frame, labels("call_state")), width="stretch")

if not session.allowed(Action.EDIT_OFFER) or not registry:
    st.stop()
st.subheader(t("coop.calls.form"))
with st.form("call-form"):
    call_id = st.text_input(t("coop.calls.col.call_id"), max_chars=60)
    title = st.text_input(t("coop.calls.col.title"), max_chars=300)
    cooperant_id = st.selectbox(t("coop.calls.col.cooperant"), list(registry), format_func=lambda c: registry[c].name,
                                placeholder=t("select.placeholder"))
    call_type = st.selectbox(t("coop.calls.col.call_type"), ["open_call", "technical_assistance",
                                                              "financial_assistance", "contest"],
                             format_func=lambda c: label("call_type", c), placeholder=t("select.placeholder"))
    opens = st.date_input(t("coop.calls.col.open_date"), value=facts.today(), format="DD/MM/YYYY")
    closes = st.date_input(t("coop.calls.col.close_date"), value=facts.today() + dt.timedelta(days=30),
                           format="DD/MM/YYYY")
    call_themes = st.multiselect(t("coop.col.themes"), list(labels("theme")), format_func=lambda c: label("theme", c),
                                 placeholder=t("coop.page.choose"))
    source = st.text_input(t("coop.col.sources"), max_chars=500)
    if st.form_submit_button(t("coop.calls.save")):
        try:
            call = calls_mod.Call(call_id=call_id.strip(), cooperant_id=cooperant_id, title=title.strip(),
                                  call_type=call_type, open_date=opens, close_date=closes, themes=call_themes,
                                  source=source.strip(), is_illustrative=False)
            calls_mod.save_call(store, session.current_user(), call, expected_version=0, new=True)
        except PermissionDenied as exc:
            session.denied(exc)
        except (ValueError, ConflictError) as exc:
            session.refused(exc)
        else:
            st.success(t("coop.calls.saved", call_id=plain(call.call_id)))
