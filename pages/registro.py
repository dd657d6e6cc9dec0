"""Registro de cambios: the append-only log with a verified / broken mark."""

import polars as pl
import streamlit as st

from core import fmt
from core.record import ledger
from core.record.auth import Action
from core.texts import label, t
from ui import data, session, widgets
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

if not session.allowed(Action.VIEW_LOG):
    st.info(t("log.need_role"))
    st.stop()

LIMITS = (50, 100, 200, 500, 1000, 2000, 5000)  # rows the table may show; a slider writes «1.000», not «1000»
entries = store.log(limit=LIMITS[-1])
kinds = sorted({e.kind for e in entries})
left, right = st.columns(2)
chosen = left.multiselect(t("log.filter_kind"), kinds, key="log-kinds", placeholder=t("log.filter_all"),
                          format_func=lambda kind: label("log_kind", kind))
limit = right.select_slider(t("log.limit"), LIMITS, value=200, key="log-limit", format_func=fmt.number)
rows = [e for e in entries if not chosen or e.kind in chosen][: int(limit)]
frame = pl.DataFrame(
    {"seq": [e.seq for e in rows], "at": [fmt.local_time(e.at) for e in rows],
     "actor": [e.actor for e in rows], "action": [e.action for e in rows],
     "kind": [label("log_kind", e.kind) for e in rows],
     "record_id": [label("system_record", e.record_id) for e in rows], "hash": [e.hash[:16] for e in rows]},
    schema={"seq": pl.Int64, "at": pl.Utf8, "actor": pl.Utf8, "action": pl.Utf8, "kind": pl.Utf8,
            "record_id": pl.Utf8, "hash": pl.Utf8},
)
headers = {c: t(f"log.col.{c}") for c in frame.columns}
st.dataframe(frame.rename(headers), hide_index=True, width="stretch")
widgets.downloads(frame, headers, "minga-registro", key="log")
