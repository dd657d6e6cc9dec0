"""Cached access to the DuckDB views for the pages.

One in-memory connection per process (`st.cache_resource`); each query runs on its own cursor
(core.data.db.query) and its result is cached with a bounded size, so a rerun does not query again.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from core.cooperation import offer_links
from core.data import db
from core.record.store import Store
from core.texts import t


@st.cache_resource(show_spinner=False)
def connection():
    return db.connect()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store of what people enter (one per process; each call opens its own connection).

    The demo proposals, offers, PDOT, cooperants and calls are read where they are built (core.record.overlay),
    with the store's rows over them, and never written into it. Offers stored without a link to the cooperant
    registry get one (core.cooperation.offer_links); a store with none such is not written to.
    """
    opened = Store()
    offer_links.link_stored_offers(opened)
    return opened


@st.cache_data(max_entries=512, show_spinner=False)
def view(name: str, where: str = "", params: tuple[Any, ...] = (), order_by: str = "") -> pl.DataFrame:
    """All rows of view `name` matching a parameterised WHERE (params as a tuple, for the cache key)."""
    return db.view(connection(), name, where, list(params), order_by)


@st.cache_data(max_entries=1, show_spinner=False)
def parish_labels() -> dict[str, str]:
    """Every DPA parish's label in the sidebar selector, code → «name (canton, province)», in the order people look
    a name up (province, canton, name; accents aside: «Ávila» among the A). Made once, not on every run of every
    page (about 3 ms for the 1.047 parishes)."""
    parishes = view("parishes", order_by="province COLLATE noaccent, canton COLLATE noaccent, name COLLATE noaccent")
    return {row["parish_code"]: t("parish.option", name=row["name"], canton=row["canton"], province=row["province"])
            for row in parishes.iter_rows(named=True)}


def association_names(parish_code: str) -> dict[str, str]:
    """The parish's associations: id → name, in id order."""
    frame = view("associations", "parish_code = ?", (parish_code,), order_by="association_id")
    return dict(frame.select("association_id", "name").iter_rows())


@st.cache_data(max_entries=256, show_spinner=False)
def parish(parish_code: str) -> dict[str, Any] | None:
    """The `parish_overview` row of one parish, as a dict (None if the code is unknown)."""
    rows = db.view(connection(), "parish_overview", "parish_code = ?", [parish_code]).to_dicts()
    return rows[0] if rows else None
