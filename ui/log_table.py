"""The change log's entries as the Registro page draws them: one table per group (the parish's, the installation's),
with CSV and Excel of exactly the rows shown."""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from core.record.log_scope import ShownEntry
from core.texts import label, t
from ui import widgets


def parish_cell(code: str | None, names: dict[str, str]) -> str:
    """«El Valle (010170)» for an entry of a parish (`names`: code → name); «Toda la instalación» for none."""
    return t("log.parish_cell", name=names.get(code, code), code=code) if code else t("log.installation_cell")


def show(rows: list[ShownEntry], names: dict[str, str], file_name: str, key: str) -> None:
    """The entries as a table, with CSV and Excel of exactly those rows (the same parish, the same filters)."""
    frame = pl.DataFrame(
        {"seq": [e.seq for e in rows], "at": [fmt.local_time(e.at) for e in rows],
         "parish": [parish_cell(e.parish_code, names) for e in rows],
         "actor": [e.actor for e in rows], "action": [e.action for e in rows],
         "kind": [label("log_kind", e.kind) for e in rows],
         "record_id": [label("system_record", e.record_id) for e in rows], "hash": [e.hash[:16] for e in rows]},
        schema={"seq": pl.Int64, "at": pl.Utf8, "parish": pl.Utf8, "actor": pl.Utf8, "action": pl.Utf8,
                "kind": pl.Utf8, "record_id": pl.Utf8, "hash": pl.Utf8},
    )
    headers = {c: t(f"log.col.{c}") for c in frame.columns}
    st.dataframe(frame.rename(headers), hide_index=True, width="stretch")
    widgets.downloads(frame, headers, file_name, key=key)
