"""Files to download that the import reads back: the Excel template and the demo proposals.

The template has Spanish headers and one example row valid against the parish, the columns explained on
«Instrucciones» and the parish's codes on «Códigos». Cells are written by type, text always as text, so a
value starting with «=» never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb

from core.data.db import query
from core.exports import TEXT_FORMAT
from core.fmt import local_code
from core.lists import join_list
from core.proposals.built import PROPOSALS
from core.proposals.import_columns import COLUMNS, INDICATOR_COLUMNS, LINE_COLUMNS, NEW_STATUSES, Column
from core.proposals.import_preview import ImportContext
from core.proposals.models import BudgetLine, Indicator, Proposal, ProposalStatus
from core.texts import STRINGS, label, labels, t


def _value_for_cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind in ("choice",):
        return label(column.family or "", value)
    if column.kind == "choice_list":  # lists: «; » between items, an item with «;», «"» or a line break quoted
        return join_list((label(column.family or "", v) for v in value), also_comma=True)
    if column.kind in ("code_list", "association_list"):  # a loaded parish's records as its files name them
        return join_list(map(local_code, value), also_comma=True)
    if column.kind in ("text_list", "target_list", "int_list"):
        return join_list(value, also_comma=column.kind != "text_list")
    if column.kind == "bool":
        return t("value.yes") if value else t("value.no")
    if isinstance(value, (dt.date, ProposalStatus)):
        return value if isinstance(value, dt.date) else value.value
    return value


def proposal_cells(p: Proposal, associations: Mapping[str, str], columns: Sequence[Column] = COLUMNS,
                   competences: Mapping[str, str] | None = None) -> list[Any]:
    """One proposal as the cells of a proposals sheet row (the lead association and the competence by their
    names; `competences`: the parish GAD's, code → title)."""
    data = p.model_dump()
    cells = []
    for column in columns:
        if column.field == "association_id":
            cells.append(associations.get(p.association_id, p.association_id))
        elif column.field == "competence_code" and p.competence_code:
            cells.append((competences or {}).get(p.competence_code) or label("competence_outside", p.competence_code))
        elif column.field == "parish_code":
            cells.append(p.parish_code)
        elif column.field == "status":
            cells.append(label("proposal_status", p.status.value))
        else:
            cells.append(_value_for_cell(column, data.get(column.field)))
    return cells


def _write_sheet(workbook, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 widths: Sequence[int] | None = None, money_columns: Sequence[int] = (),
                 wrap: bool = False) -> None:
    """Cells are written by type; text always as text (write_string), so '=…' never becomes a formula."""
    sheet = workbook.add_worksheet(name[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E4EFE8", "border": 1, "text_wrap": True,
                                "valign": "top"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    # a text cell shown as typed that stays text when edited in Excel (an association named «=…» never runs)
    text_format = workbook.add_format({**TEXT_FORMAT, **({"text_wrap": True, "valign": "top"} if wrap else {})})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, (widths[col] if widths and col < len(widths) else 18))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_string(r, c, t("value.yes") if value else t("value.no"), text_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value, money if c in money_columns else None)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
            else:
                sheet.write_string(r, c, str(value), text_format)
    sheet.freeze_panes(1, 0)


def proposals_workbook(proposals: Sequence[Proposal], associations: Mapping[str, str], *,
                       ctx: ImportContext | None = None, with_help: bool = True,
                       competences: Mapping[str, str] | None = None) -> bytes:
    """`proposals` as a workbook the import reads back: «Propuestas», «Presupuesto», «Indicadores», and with
    `with_help` the «Instrucciones» sheet (plus «Códigos» when a context is given)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    money_idx = [i for i, c in enumerate(COLUMNS) if c.kind == "money"]
    widths = [14 if c.kind in ("money", "int", "code", "choice", "date", "bool", "int_list") else 28 for c in COLUMNS]
    _write_sheet(workbook, t("imp.sheet.proposals"), [c.header for c in COLUMNS],
                 (proposal_cells(p, associations, competences=competences or (ctx.competences if ctx else None))
                  for p in proposals), widths=widths, money_columns=money_idx)
    _write_sheet(workbook, t("imp.sheet.budget"), [t(f"imp.col.{c.field}") for c in LINE_COLUMNS],
                 ([p.proposal_id, line.item, line.amount_usd, label("funding_source", line.source)]
                  for p in proposals for line in p.budget_lines), widths=[18, 50, 14, 18], money_columns=[2])
    _write_sheet(workbook, t("imp.sheet.indicators"), [t(f"imp.col.{c.field}") for c in INDICATOR_COLUMNS],
                 ([p.proposal_id, i.name, i.baseline, i.target, i.means_of_verification]
                  for p in proposals for i in p.indicators), widths=[18, 40, 18, 18, 34])
    if with_help:
        _write_sheet(workbook, t("imp.sheet.help"), [t("imp.help.head.sheet"), t("imp.help.head.column"),
                                                     t("imp.help.head.required"), t("imp.help.head.what"),
                                                     t("imp.help.head.values")],
                     _help_rows(), widths=[14, 30, 12, 70, 70], wrap=True)
        if ctx is not None:
            _write_sheet(workbook, t("imp.sheet.codes"), [t("imp.codes.head.kind"), t("imp.codes.head.code"),
                                                          t("imp.codes.head.label")],
                         _code_rows(ctx), widths=[26, 24, 90], wrap=True)
    workbook.close()
    return buffer.getvalue()


def _help_rows() -> list[list[Any]]:
    required = ", ".join(f"«{c.header}»" for c in COLUMNS if c.required)
    rows: list[list[Any]] = [["", "", "", t("imp.help.rules", required=required), ""]]
    sheet = t("imp.sheet.proposals")
    for c in COLUMNS:
        what = {"int": "imp.help.int", "money": "imp.help.money", "date": "imp.help.date",
                "text_list": "imp.help.text_list", "choice": "imp.help.choice", "choice_list": "imp.help.choice_list",
                "bool": "imp.help.bool", "text": "imp.help.text"}.get(c.kind, "imp.help.text")
        specific = f"imp.help.{c.field}"
        text = t(specific) if specific in STRINGS else t(what)
        values = "; ".join(labels(c.family).values()) if c.family else ""
        if c.field == "status":
            values = "; ".join(label("proposal_status", s.value) for s in NEW_STATUSES)
        rows.append([sheet, c.header, t("value.yes") if c.required else t("value.no"), text, values])
    for key, columns in (("imp.sheet.budget", LINE_COLUMNS), ("imp.sheet.indicators", INDICATOR_COLUMNS)):
        for c in columns:
            text = t("imp.help.line_proposal") if c.field == "line_proposal" else t(
                "imp.help.money") if c.kind == "money" else t("imp.help.line_source") if c.kind == "choice" else t(
                "imp.help.text")
            values = "; ".join(labels(c.family).values()) if c.family else ""
            rows.append([t(key), t(f"imp.col.{c.field}"), t("value.yes") if c.required else t("value.no"), text,
                         values])
    return rows


def _code_rows(ctx: ImportContext) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for key, catalogue in (("imp.codes.associations", ctx.associations), ("imp.codes.pdot", ctx.pdot_objectives),
                           ("imp.codes.pnd", ctx.pnd_objectives), ("imp.codes.problems", ctx.problems),
                           ("imp.codes.competences", ctx.competences), ("imp.codes.offers", ctx.offers)):
        for code, text in (catalogue or {}).items():
            rows.append([t(key), local_code(code), text])
    return rows


def example_proposal(ctx: ImportContext | None = None) -> Proposal:
    """The template's example row: valid against `ctx` when given (its first association and PDOT objective)."""
    association = next(iter(ctx.associations), "A01") if ctx and ctx.associations else "A01"
    pdot = next(iter(ctx.pdot_objectives or {}), None) if ctx else None
    competence = "productive_environment" if not ctx or not ctx.competences or \
        "productive_environment" in ctx.competences else next(iter(ctx.competences))
    code = "P-EJEMPLO-01"
    return Proposal(
        proposal_id=code, association_id=association, parish_code=ctx.parish_code if ctx else "010170",
        title=t("imp.example.title"), summary=t("imp.example.summary"),
        problem="Las familias riegan a mano y pierden la cosecha en el verano.",
        general_objective="Asegurar agua para los huertos familiares todo el año.",
        specific_objectives=["Instalar riego por goteo en 20 huertos", "Capacitar a las familias en su uso"],
        direct_beneficiaries=20, women_beneficiaries=12, youth_beneficiaries=3, families=20,
        location="Comunidad de ejemplo", duration_months=6, cost_usd=5000, requested_usd=4000,
        counterpart_associations_usd=1000,
        budget_lines=[BudgetLine(item=t("imp.example.line1"), amount_usd=4000, source="gad"),
                      BudgetLine(item=t("imp.example.line2"), amount_usd=1000, source="associations")],
        indicators=[Indicator(name=t("imp.example.indicator"), baseline="0", target="20",
                              means_of_verification=t("imp.example.verification"))],
        project_manager="Presidenta de la asociación",
        pdot_objective_ids=[pdot] if pdot else [], sdg_goals=[2, 6], sdg_targets=["2.3"],
        needs=["water_systems"], themes=["agriculture"], support_kind="equipment", competence_code=competence,
        status=ProposalStatus.DRAFT, source="Ejemplo de la plantilla de Minga",
    )


def template_xlsx(ctx: ImportContext | None = None) -> bytes:
    """The Excel template: Spanish headers and one example row on «Propuestas», example lines on «Presupuesto»
    and «Indicadores», every column explained on «Instrucciones» and, with a context, the parish's codes
    (associations, PDOT, PND, problems, competences, offers) on «Códigos»."""
    associations = dict(ctx.associations) if ctx else {}
    return proposals_workbook([example_proposal(ctx)], associations, ctx=ctx)


def demo_proposals(parish_code: str = "010170") -> list[Proposal]:
    """The parish's demo proposals as the build wrote them, in code order: what people saved over them (the
    `proposals` view shows that) is not the demo."""
    return [Proposal.model_validate(row.body) for row in PROPOSALS.rows(parish_code).values()]


def demo_import_file(con: duckdb.DuckDBPyConnection, parish_code: str = "010170") -> bytes:
    """The demo proposals of the parish as a file a planner would import (made now from the built data)."""
    associations = dict(query(con, "SELECT association_id, name FROM associations WHERE parish_code = ?",
                              [parish_code]).iter_rows())
    competences = dict(query(con, "SELECT competence_code, title_es FROM gad_competences").iter_rows())
    return proposals_workbook(demo_proposals(parish_code), associations, competences=competences)
