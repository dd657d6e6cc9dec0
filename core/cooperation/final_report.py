"""The final report of an agreement, as PDF (the acta's style) and Excel: results against targets, the use of each
source's money against what it committed, the mid-term evaluation and the audits (core.cooperation.reviews), the
closing evaluation on the five criteria with the scale and the evidence, and the lessons kept for the next call."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

from core import fmt
from core.cooperation.agreements import Agreement
from core.cooperation.closing import SCALE, ClosingEvaluation, scores_table
from core.cooperation.monitoring import Report, newest_values
from core.cooperation.reviews import Audit, MidtermEvaluation, review_rows
from core.exports import TEXT_FORMAT, clean, excel_text
from core.record.pdf_layout import DocumentPDF, fitted_widths, heading, paragraph, table, title
from core.texts import label, t


def _results(agreement: Agreement, reports: Sequence[Report]) -> list[list[object]]:
    """Per indicator: name, unit, baseline, target, its newest reported value and which report gave it."""
    reached = newest_values(reports)
    return [[i.name, i.unit, i.baseline, i.target, *_reached(reached.get(i.name))] for i in agreement.indicators]


def _reached(found: tuple[float, Report] | None) -> list[object]:
    if found is None:
        return [None, None]
    value, report = found
    return [value, t("close.reached_from", report=report.report_id, date=fmt.date(report.period_end))]


def _money(agreement: Agreement, latest: Report | None) -> list[list[object]]:
    spent = latest.spent_by_source() if latest else {}
    return [[label("agreement_party", source), committed, spent.get(source, 0.0)]
            for source, committed in agreement.by_source().items()]


def _evaluators(items: Sequence[ClosingEvaluation]) -> list[str]:
    return [f"{label('closing_evaluator', e.evaluator)} ({e.evaluator_name})" for e in items]


def _review_headers() -> list[str]:
    return [t("rev.col.what"), t("rev.col.date"), t("rev.col.who"), t("rev.col.findings"), t("rev.col.result")]


def _scale() -> str:
    return t("close.scale", scale="; ".join(f"{n} {label('closing_scale', n)}" for n in SCALE))


def pdf_bytes(agreement: Agreement, reports: Sequence[Report], items: Sequence[ClosingEvaluation], *,
              parish_name: str, project_title: str, midterm: MidtermEvaluation | None = None,
              audits: Sequence[Audit] = ()) -> bytes:
    latest = reports[-1] if reports else None
    pdf = DocumentPDF(t("close.pdf.footer", number=agreement.number_es, parish=parish_name))
    title(pdf, t("close.pdf.heading", number=agreement.number_es), size=12)
    paragraph(pdf, t("close.pdf.project", project=project_title, parish=parish_name,
                      start=fmt.date(agreement.start_date), end=fmt.date(agreement.end_date)))

    heading(pdf, t("close.pdf.results"))
    headers = [t("agr.col.indicator"), t("agr.col.unit"), t("agr.col.baseline"), t("agr.col.target"),
               t("close.col.reached"), t("close.col.reached_from")]
    rows = [[n, u, fmt.number(b, 2), fmt.number(g, 2), fmt.number(r, 2), s or ""]
            for n, u, b, g, r, s in _results(agreement, reports)]
    table(pdf, headers, rows, fitted_widths(pdf, headers, rows, [50, 20, 24, 24, 26, 30], give=0),
          ["LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"])

    heading(pdf, t("close.pdf.money"))
    sources = _money(agreement, latest)
    money = fmt.amount_for([v for _, c, x in sources for v in (c, x)])  # committed beside spent: one rule
    table(pdf, [t("agr.col.source"), t("close.col.committed"), t("close.col.spent")],
           [[s, money(c), money(x)] for s, c, x in sources], [74, 50, 50],
           ["LEFT", "RIGHT", "RIGHT"])

    heading(pdf, t("rev.pdf.heading"))
    reviewed = review_rows(midterm, audits)
    if reviewed:
        cells = [[str(x) for x in row] for row in reviewed]
        table(pdf, _review_headers(), cells, fitted_widths(pdf, _review_headers(), cells, [30, 22, 30, 48, 44], give=3))
    else:
        paragraph(pdf, t("rev.pdf.none"))

    heading(pdf, t("close.pdf.evaluation"))
    for item in items:  # closed before the agreement's end with the project short of 100 %: why, in the report
        if item.early_reason:
            paragraph(pdf, t("close.pdf.early", who=label("closing_evaluator", item.evaluator),
                              date=fmt.date(item.evaluated_on), reason=item.early_reason))
    paragraph(pdf, _scale())
    if items:
        headers = [t("close.col.criterion"), *_evaluators(items), t("close.col.evidence")]
        rows = [[row[0], *[str(x) for x in row[1:-1]], row[-1]] for row in scores_table(items)]
        # an evaluator's column as wide as its longest word («planificación»), the evidence giving the room
        table(pdf, headers, rows, fitted_widths(pdf, headers, rows, [30, *[20] * len(items), 144 - 20 * len(items)],
                                                give=len(headers) - 1))
    else:
        paragraph(pdf, t("close.pdf.no_evaluation"))

    heading(pdf, t("close.pdf.lessons"))
    for item in items:
        who = label("closing_evaluator", item.evaluator)
        if item.lessons_positive:
            paragraph(pdf, t("close.lesson.positive", who=who, text=item.lessons_positive))
        if item.lessons_negative:
            paragraph(pdf, t("close.lesson.negative", who=who, text=item.lessons_negative))
    return bytes(pdf.output())


def xlsx_bytes(agreement: Agreement, reports: Sequence[Report], items: Sequence[ClosingEvaluation], *,
               midterm: MidtermEvaluation | None = None, audits: Sequence[Audit] = ()) -> bytes:
    latest = reports[-1] if reports else None
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    text_format = book.add_format(TEXT_FORMAT)  # a text cell, shown as typed: never a formula
    money = book.add_format({"num_format": "#,##0.00"})  # two decimals, grouped in the reader's locale

    def sheet(name: str, headers: list[str], rows: list[list[object]], money_columns: tuple[int, ...] = ()) -> None:
        ws = book.add_worksheet(name)
        ws.set_column(0, len(headers) - 1, 22)
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, bold)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, money if c in money_columns else None)
                elif value is not None:
                    ws.write_string(r, c, excel_text(clean(str(value))), text_format)

    sheet(t("close.sheet.results"), [t("agr.col.indicator"), t("agr.col.unit"), t("agr.col.baseline"),
                                     t("agr.col.target"), t("close.col.reached"), t("close.col.reached_from")],
          _results(agreement, reports))
    sheet(t("close.sheet.money"), [t("agr.col.source"), t("close.col.committed_usd"), t("close.col.spent_usd")],
          _money(agreement, latest), money_columns=(1, 2))
    sheet(t("rev.sheet"), _review_headers(), review_rows(midterm, audits))
    sheet(t("close.sheet.evaluation"), [t("close.col.criterion"), *_evaluators(items), t("close.col.evidence")],
          [*scores_table(items), [], [_scale()]])
    sheet(t("close.sheet.lessons"), [t("close.col.evaluator"), t("close.col.positive"), t("close.col.negative"),
                                     t("close.col.early")],
          [[label("closing_evaluator", e.evaluator), e.lessons_positive, e.lessons_negative, e.early_reason]
           for e in items])
    book.close()
    return buffer.getvalue()
