"""Registro de cambios: the append-only log with a verified / broken mark."""

import streamlit as st

from core import fmt
from core.record import ledger, log_scope
from core.record.auth import Action, PermissionDenied
from core.texts import label, t
from ui import data, log_table, session, state
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


if every:
    st.subheader(t("log.every_parish_group"))
else:
    st.subheader(t("log.parish_group", name=plain(log_table.parish_cell(parish, names))))
st.caption(t("log.parish_group_help"))
if ours:
    log_table.show(ours, names, t("log.file.every_parish") if every else t("log.file.parish", code=parish), "log")
else:
    st.info(t("log.none_parish"))
if shown.shows_installation:
    st.subheader(t("log.installation_group"))
    st.caption(t("log.installation_help"))
    if theirs:
        log_table.show(theirs, names, t("log.file.installation"), "log-installation")
    else:
        st.info(t("log.none_installation"))
