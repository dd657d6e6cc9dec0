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


def entries(rows: list[ShownEntry], names: dict[str, str]) -> pl.DataFrame:
    """The entries as their files hold them: «record_id» as the parish knows the record (its own code, «A01»), and
    «record_key» the full id the store and `python -m core.audit verify` name («060156-A01»), for an auditor."""
    return pl.DataFrame(
        {"seq": [e.seq for e in rows], "at": [fmt.local_time(e.at) for e in rows],
         "parish": [parish_cell(e.parish_code, names) for e in rows],
         "actor": [e.actor for e in rows], "action": [e.action for e in rows],
         "kind": [label("log_kind", e.kind) for e in rows],
         "record_id": [fmt.local_code(e.record_id) if e.parish_code else label("system_record", e.record_id)
                       for e in rows],
         "record_key": [e.record_id for e in rows], "hash": [e.hash[:16] for e in rows]},
        schema={"seq": pl.Int64, "at": pl.Utf8, "parish": pl.Utf8, "actor": pl.Utf8, "action": pl.Utf8,
                "kind": pl.Utf8, "record_id": pl.Utf8, "record_key": pl.Utf8, "hash": pl.Utf8},
    )


def show(rows: list[ShownEntry], names: dict[str, str], file_name: str, key: str) -> None:
    """The entries as a table, with CSV and Excel of exactly those rows (the same parish, the same filters); the full
    record ids are in the files, the header's help says so."""
    frame = entries(rows, names)
    headers = {c: t(f"log.col.{c}") for c in frame.columns}
    st.dataframe(frame.drop("record_key").rename(headers, strict=False), hide_index=True, width="stretch",
                 column_config={headers["record_id"]: st.column_config.TextColumn(help=t("log.col.record_id.help"))})
    widgets.downloads(frame, headers, file_name, key=key)
