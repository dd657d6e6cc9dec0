"""Registro de cambios: the append-only log with a verified / broken mark."""

import polars as pl
import streamlit as st

from core import fmt
from core.record import ledger, log_scope
from core.record.auth import Action, PermissionDenied
from core.texts import label, t
from ui import data, session, state, widgets
from ui.text import plain

st.title(t("log.title"))
st.write(t("log.intro"))
store = data.store()

check = ledger.verify_store_cached(store)  # checked again whenever the files changed on disk
if check.ok:
    st.success(t("log.ok", count=fmt.number(check.entries)), icon=":material/verified:")
else:
    broken = t("log.broken", seq=check.first_broken, message=check.message) if check.first_broken else \
        t("log.broken_unplaced", message=check.message)
    st.error(broken, icon=":material/gpp_bad:")
    if len(check.findings) > 1:
        st.write(t("log.problems"))
        for finding in check.findings[1:]:
            st.text(finding.message)
if check.not_run and session.allowed(Action.VIEW_LOG):  # they name the server's folders: not for every visitor
    st.warning(t("log.not_run", checks=plain(" ".join(check.not_run))), icon=":material/info:")
st.caption(t("log.cli"))

parish = state.current_parish()
user = session.current_user()
names = dict(data.view("parishes").select("parish_code", "name").iter_rows())
try:  # who sees which parish's entries is decided in core, from the account as stored
    rights = log_scope.account_rights(store, user)
    every = rights.every_parish and st.radio(
        t("log.scope"), [False, True], key="log-scope", horizontal=True,
        format_func=lambda all_of_them: t("log.scope.every") if all_of_them else
        t("log.scope.chosen", name=names.get(parish, parish)))
    shown = log_scope.shown_log(store, user, log_scope.EVERY_PARISH if every else parish)
except PermissionDenied as exc:
    st.info(plain(str(exc)), icon=":material/lock:")
    st.stop()

LIMITS = (50, 100, 200, 500, 1000, 2000, 5000)  # rows the table may show; a slider writes «1.000», not «1000»
left, right = st.columns(2)
kinds = sorted({*shown.kinds, *st.session_state.get("log-kinds", [])},  # a kind chosen before another parish
               key=lambda kind: label("log_kind", kind))                  # stays a valid choice
chosen = left.multiselect(t("log.filter_kind"), kinds, key="log-kinds", placeholder=t("log.filter_all"),
                          format_func=lambda kind: label("log_kind", kind))
limit = right.select_slider(t("log.limit"), LIMITS, value=200, key="log-limit", format_func=fmt.number)
ours, theirs = shown.groups(chosen, int(limit))


def parish_cell(code: str | None) -> str:
    return t("log.parish_cell", name=names.get(code, code), code=code) if code else t("log.installation_cell")


def log_table(rows: list[log_scope.ShownEntry], file_name: str, key: str) -> None:
    """The entries as a table, with CSV and Excel of exactly those rows (the same parish, the same filters)."""
    frame = pl.DataFrame(
        {"seq": [e.seq for e in rows], "at": [fmt.local_time(e.at) for e in rows],
         "parish": [parish_cell(e.parish_code) for e in rows],
         "actor": [e.actor for e in rows], "action": [e.action for e in rows],
         "kind": [label("log_kind", e.kind) for e in rows],
         "record_id": [label("system_record", e.record_id) for e in rows], "hash": [e.hash[:16] for e in rows]},
        schema={"seq": pl.Int64, "at": pl.Utf8, "parish": pl.Utf8, "actor": pl.Utf8, "action": pl.Utf8,
                "kind": pl.Utf8, "record_id": pl.Utf8, "hash": pl.Utf8},
    )
    headers = {c: t(f"log.col.{c}") for c in frame.columns}
    st.dataframe(frame.rename(headers), hide_index=True, width="stretch")
    widgets.downloads(frame, headers, file_name, key=key)


if every:
    st.subheader(t("log.every_parish_group"))
else:
    st.subheader(t("log.parish_group", name=plain(parish_cell(parish))))
st.caption(t("log.parish_group_help"))
if ours:
    log_table(ours, t("log.file.every_parish") if every else t("log.file.parish", code=parish), "log")
else:
    st.info(t("log.none_parish"))
if shown.shows_installation:
    st.subheader(t("log.installation_group"))
    st.caption(t("log.installation_help"))
    if theirs:
        log_table(theirs, t("log.file.installation"), "log-installation")
    else:
        st.info(t("log.none_installation"))
