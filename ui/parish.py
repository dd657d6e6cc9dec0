"""Drawing a parish's path (the checklist), its records as Spanish tables, and refreshing the views after its
records change, here or in another process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from core import fmt
from core.data.db import files_stamp
from core.parish import records, tables
from core.parish.progress import checklist
from core.record.store import Store
from core.texts import label, t
from ui import data


def draw_checklist(parish_code: str) -> None:
    """Each step of the path: done with its count, or missing."""
    lines = []
    for step in checklist(data.store(), parish_code):
        name = t(f"parish.step.{step.key}")
        lines.append(t("parish.step.done", step=name, count=step.count) if step.done
                     else t("parish.step.missing", step=name))
    st.markdown("\n".join(f"- {line}" for line in lines))


def association_choices(associations: pl.DataFrame) -> dict[str, str]:
    """The associations of the `associations` view (in its order) as a picker offers them: «name (parish)»; the
    association's code (its full id if needed) only where two would otherwise read the same."""
    base = {a: t("admin.association_option", name=name, parish=parish or t("admin.no_parish"))
            for a, name, parish in associations.select("association_id", "name", "parish_name").iter_rows()}
    shown = dict(base)
    for code in (fmt.local_code, str):
        texts = list(shown.values())
        shown = {a: t("admin.association_option_code", option=base[a], code=code(a)) if texts.count(text) > 1
                 else text for a, text in shown.items()}
    return shown


def records_frame(store: Store, parish_code: str, part: str, bodies: list[dict[str, Any]]) -> pl.DataFrame:
    """A part's records (stored bodies, or a file's rows before they are stored) as the page shows them: the
    template's Spanish headers, labels for codes, association names, es-EC figures, blanks for what is missing."""
    names = records.association_index(store, parish_code).names
    if part == "encuesta":
        rows = [{t("parish.col.association"): names.get(b["association_id"], b["association_id"]),
                 t("form.q.rol"): _label("family_role", b.get("member_role")),
                 t("form.q.edad"): "" if b.get("age") is None else str(b["age"]),
                 t("form.q.pobreza"): _label("perceived_poverty", b.get("perceived_poverty"))} for b in bodies]
    else:
        columns = tables.PARTS[part].columns
        money = fmt.amount_for(v for b in bodies if isinstance(v := b.get("amount_usd"), (int, float)))  # one rule
        rows = [{t(c.header): _cell(c, b, parish_code, names, money) for c in columns} for b in bodies]
    return pl.DataFrame(rows, infer_schema_length=None)


def _label(family: str, value: Any) -> str:
    """A code's label; a blank answer stays blank, as every other missing value of the tables (not «Sin respuesta»)."""
    return "" if value is None else label(family, value)


def _cell(column: tables.Column, body: dict[str, Any], parish_code: str, names: dict[str, str],
          money: Callable[[float], str]) -> str:
    value = body.get(column.field)
    if column.field == "code" and value is None:  # a PDOT objective keeps its full id
        return fmt.local_code(body.get("pdot_objective_id", ""))
    if column.family and value is not None:
        return label(column.family, value)
    if column.field == "association_id":
        return names.get(value, value)
    if column.field == "member_id" and value is not None:  # the survey's _uuid, as the file names the member
        return fmt.local_code(value)
    if isinstance(value, bool):
        return t("form.choice.yes") if value else t("form.choice.no")
    if column.field == "amount_usd" and value is not None:
        return money(value)
    if isinstance(value, float):
        return fmt.number(value, 2)
    return "" if value is None else str(value)


def refresh_views() -> None:
    """Saved records reach the views: a new connection (it finds the parish's mirrored files) and no
    cached query results."""
    data.connection.clear()
    data.view.clear()
    data.parish.clear()
    data.parish_labels.clear()


_seen_stamp: list[tuple[int, ...]] = []  # the files' stamp at the last run of any session in this process


def follow_outside_changes() -> None:
    """Refresh the views when the files under them changed since the last run: a new build, or records saved
    anywhere (a page, `python -m core.parish load`, another process), which the mirror has now caught up with."""
    stamp = files_stamp(store=data.store())
    if _seen_stamp and _seen_stamp[0] != stamp:
        refresh_views()
    _seen_stamp[:] = [stamp]
