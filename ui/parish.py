"""Drawing a parish's path (the checklist) and refreshing the views after its records change, here or in
another process."""

from __future__ import annotations

import streamlit as st

from core.data.db import files_stamp
from core.parish.progress import checklist
from core.texts import t
from ui import data


def draw_checklist(parish_code: str) -> None:
    """Each step of the path: done with its count, or missing."""
    lines = []
    for step in checklist(data.store(), parish_code):
        name = t(f"parish.step.{step.key}")
        lines.append(t("parish.step.done", step=name, count=step.count) if step.done
                     else t("parish.step.missing", step=name))
    st.markdown("\n".join(f"- {line}" for line in lines))


def refresh_views() -> None:
    """Saved records reach the views: a new connection (it finds the parish's mirrored files) and no
    cached query results."""
    data.connection.clear()
    data.view.clear()
    data.parish.clear()


_seen_stamp: list[tuple[int, ...]] = []  # the files' stamp at the last run of any session in this process


def follow_outside_changes() -> None:
    """Refresh the views when the files under them changed since the last run: a new build, or a parish's
    records loaded by another process (`python -m core.parish load`). Saves made in the app refresh at once."""
    stamp = files_stamp()
    if _seen_stamp and _seen_stamp[0] != stamp:
        refresh_views()
    _seen_stamp[:] = [stamp]
