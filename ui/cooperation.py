"""Shared pieces of the cooperation pages: a guarded write, and the alerts of the parish's agreements
(core.cooperation.monitoring) drawn where projects are followed."""

import datetime as dt
from collections.abc import Callable

import polars as pl
import streamlit as st

from core import fmt
from core.cooperation import agreements, monitoring
from core.record.auth import PermissionDenied
from core.record.store import ConflictError, Store, StoreError
from core.texts import t
from ui import session


def attempt(action: Callable[[], object], success: str) -> bool:
    """Run a write; show the Spanish reason when it is refused, else `success`. True when it was stored."""
    try:
        action()
    except PermissionDenied as exc:
        session.denied(exc)
    except (ValueError, ConflictError, StoreError) as exc:
        st.error(session.reason(exc))
    else:
        st.success(success)
        return True
    return False


def agreement_flags(store: Store, parish_code: str, today: dt.date | None = None) -> None:
    """A table of the agreements with their progress, spending and alerts; nothing when the parish has none."""
    signed = agreements.agreements(store, parish_code)
    if not signed:
        return
    st.subheader(t("mon.flags.title"))
    frame = monitoring.flags_frame(store, signed, today or dt.date.today())
    percent = {c: pl.col(c).map_elements(lambda v: fmt.percent(v / 100), return_dtype=pl.Utf8)
               for c in ("elapsed_pct", "progress_pct", "spent_pct")}
    shown = frame.with_columns(**percent, reasons=pl.when(pl.col("reasons") == "").then(pl.lit(t("mon.flags.ok")))
                               .otherwise(pl.col("reasons")))
    columns = ["number", "proposal_id", "elapsed_pct", "progress_pct", "spent_pct", "reasons"]
    st.dataframe(shown.select(columns).rename({c: t(f"mon.col.{c}") for c in columns}), hide_index=True,
                 width="stretch")
    st.caption(t("mon.flags.caption", points=fmt.number(monitoring.LATE_POINTS)))
