"""The acta of a board decision, in Spanish, as PDF and as Excel.

Input: a stored `core.record.decisions.Decision`. The PDF carries the parish, date, attendees, what was
decided and why, the weights and rules, the funded list with amounts, the votes, dissenting remarks
and signature blocks; its footer and closing «constancia del registro» (core.record.constancia) carry
the log's signed head and the hash of the decision as shown, so a printed acta can be checked against
the store. The Excel workbook holds the same, one sheet per part.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from core import fmt
from core.record import constancia
from core.record.decisions import Decision
from core.record.signing import SignedHead
from core.record.hashing import body_hash
from core.exports import neutralise
from core.texts import label, t

# The PDF core fonts cover Latin-1: Spanish letters are there; a few typographic signs are not.
_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...",
                               "≥": ">=", "≤": "<=", "·": "-", "×": "x", "€": "EUR", "\u00a0": " "})


def _vote(attendee) -> str:
    """How an attendee voted, in Spanish (a voting member who has not voted: «Sin voto»)."""
    return t(f"dec.vote.{attendee.vote}") if attendee.vote else t("acta.no_vote")


def _vote_or_attends(attendee) -> str:
    return _vote(attendee) if attendee.votes else t("acta.attends")


def _latin1(text: object) -> str:
    return str(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class _ActaPDF(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("helvetica", size=7)
        self.set_text_color(110)
        self.cell(0, 4, _latin1(self.footer_text), align="L")
        self.cell(0, 4, t("acta.page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 7, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, headers: list[str], rows: list[list[str]], widths: list[int],
           align: list[str] | None = None) -> None:
    align = align or ["LEFT"] * len(headers)
    pdf.set_font("helvetica", size=9)
    with pdf.table(col_widths=widths, text_align=align, line_height=5,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(225, 235, 228))) as table:
        head = table.row()
        for header in headers:
            head.cell(_latin1(header))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(_latin1(value))
    pdf.set_font("helvetica", size=9.5)


def pdf_bytes(decision: Decision, head: SignedHead | None = None) -> bytes:
    footer = t("acta.footer", number=decision.number_es, parish=decision.parish_name)
    if head:
        footer += t("acta.footer_log", seq=head.seq, hash=head.hash[:16])
    pdf = _ActaPDF(footer)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.multi_cell(0, 7, _latin1(t("acta.gad", parish=decision.parish_name.upper())),
                   align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(t("acta.heading", number=decision.number_es)), align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)
    pdf.cell(0, 6, _latin1(t("acta.date_parish", date=fmt.date(decision.date), parish=decision.parish_name,
                             code=decision.parish_code)), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, t("acta.attendees"))
    _table(pdf, [t("acta.col.name"), t("acta.col.role"), t("acta.col.vote")],
           [[a.name, a.role_es, _vote_or_attends(a)] for a in decision.attendees], [70, 60, 44])

    _heading(pdf, t("acta.decided"))
    _paragraph(pdf, t("acta.resolution", scenario=decision.scenario_name,
                      outcome=t("acta.approved" if decision.approved else "acta.not_approved"),
                      votes_for=decision.votes_for, votes_against=decision.votes_against,
                      abstentions=decision.abstentions, budget=fmt.money(decision.budget_usd),
                      reserve=fmt.money(decision.reserve_usd), method=decision.method_es,
                      status=label("solver_status", decision.solver_status), cost=fmt.money(decision.total_cost_usd),
                      funded=len(decision.funded), score=fmt.number(decision.total_score, 1)))

    _heading(pdf, t("acta.funded"))
    rows = [[f.proposal_id, f.title, f.associations_es, fmt.money(f.amount_usd), fmt.number(f.score, 1)]
            for f in decision.funded]
    rows.append(["", t("acta.total"), "", fmt.money(sum(f.amount_usd for f in decision.funded)), ""])
    _table(pdf, [t("acta.col.code"), t("acta.col.project"), t("acta.col.associations"), t("acta.col.amount"),
                 t("acta.col.score")], rows, [20, 62, 48, 26, 18], ["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"])

    if decision.left_out:
        _heading(pdf, t("acta.left_out"))
        _table(pdf, [t("acta.col.code"), t("acta.col.project"), t("acta.col.reason")],
               [[x.proposal_id, x.title, x.reason_es] for x in decision.left_out], [20, 64, 90])

    _heading(pdf, t("acta.why"))
    if decision.justification_es:
        _paragraph(pdf, decision.justification_es)
    weights = decision.weights_es or decision.weights
    _table(pdf, [t("acta.col.criterion"), t("acta.col.weight")],
           [[name, fmt.percent(w)] for name, w in weights.items()], [120, 54], ["LEFT", "RIGHT"])
    pdf.ln(1)
    for rule in decision.rules_es:
        _paragraph(pdf, f"- {rule}")

    _heading(pdf, t("acta.voting"))
    _table(pdf, [t("acta.col.member"), t("acta.col.vote"), t("acta.col.remark")],
           [[a.name, _vote(a), a.remark or ""] for a in decision.attendees if a.votes], [54, 28, 92])
    dissent = [a for a in decision.attendees if a.votes and a.vote == "against" and a.remark]
    if dissent:
        pdf.ln(1)
        _paragraph(pdf, t("acta.dissent", remarks=" ".join(t("acta.remark", name=a.name, remark=a.remark)
                                                           for a in dissent)))

    if pdf.get_y() + 45 > pdf.h - 20:  # the heading goes with the first signatures
        pdf.add_page()
    _heading(pdf, t("acta.signatures"))
    signers = [a for a in decision.attendees if a.votes]
    pdf.ln(8)
    for start in range(0, len(signers), 2):
        pair = signers[start:start + 2]
        if pdf.get_y() + 30 > pdf.h - 20:  # keep each signature block whole on one page
            pdf.add_page()
            pdf.ln(8)
        y = pdf.get_y()
        for column, person in enumerate(pair):
            x = 18 + column * 92
            pdf.line(x, y + 10, x + 78, y + 10)
            pdf.set_xy(x, y + 11)
            pdf.cell(78, 5, _latin1(person.name), align="C")
            pdf.set_xy(x, y + 16)
            pdf.cell(78, 5, _latin1(person.role_es), align="C")
        pdf.set_y(y + 26)
    pdf.set_font("helvetica", size=8)
    pdf.ln(2)
    recorded = fmt.datetime(dt.datetime.fromisoformat(decision.recorded_at))
    _paragraph(pdf, t("acta.recorded", by=decision.recorded_by, at=recorded))
    if head:
        _constancia(pdf, decision, head)
    return bytes(pdf.output())


def _constancia(pdf: FPDF, decision: Decision, head: SignedHead) -> None:
    """The log's head and the hash of the decision as printed here, for `core.audit verify --acta`."""
    if pdf.get_y() + 40 > pdf.h - 20:
        pdf.add_page()
    _heading(pdf, t("constancia.title"))
    pdf.set_font("courier", size=7)
    for line in constancia.lines(decision.decision_id, body_hash(decision.model_dump(mode="json")), head):
        pdf.cell(0, 3.6, _latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=7)
    _paragraph(pdf, t("constancia.help"))


def xlsx_bytes(decision: Decision) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    money_format = book.add_format({"num_format": "#,##0.00"})
    money_header = t("acta.col.amount_usd")  # the one column of amounts written with thousands and cents

    def sheet(name: str, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:
        ws = book.add_worksheet(name)
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, bold)
            ws.set_column(c, c, widths[c])
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, money_format if headers[c] == money_header else None)
                else:
                    ws.write_string(r, c, neutralise("" if value is None else str(value)))

    fields = [
        ("number", decision.number_es),
        ("parish", t("acta.field.parish_value", parish=decision.parish_name, code=decision.parish_code)),
        ("date", fmt.date(decision.date)), ("scenario", decision.scenario_name),
        ("outcome", t("acta.field.approved" if decision.approved else "acta.field.not_approved")),
        ("votes_for", decision.votes_for), ("votes_against", decision.votes_against),
        ("abstentions", decision.abstentions), ("budget", decision.budget_usd), ("reserve", decision.reserve_usd),
        ("method", decision.method_es), ("status", label("solver_status", decision.solver_status)), ("cost", decision.total_cost_usd),
        ("score", decision.total_score), ("justification", decision.justification_es),
        ("recorded_by", decision.recorded_by), ("recorded_at", decision.recorded_at),
    ]
    sheet(t("acta.sheet.decision"), [t("acta.col.field"), t("acta.col.value")],
          [[t(f"acta.field.{field}"), value] for field, value in fields], [26, 80])
    sheet(t("acta.sheet.funded"), [t("acta.col.code"), t("acta.col.project"), t("acta.col.associations"),
                                   t("acta.col.amount_usd"), t("acta.col.score")],
          [[f.proposal_id, f.title, f.associations_es, f.amount_usd, f.score] for f in decision.funded],
          [12, 50, 40, 16, 10])
    sheet(t("acta.sheet.left_out"), [t("acta.col.code"), t("acta.col.project"), t("acta.col.reason")],
          [[x.proposal_id, x.title, x.reason_es] for x in decision.left_out], [12, 50, 80])
    sheet(t("acta.sheet.attendees"), [t("acta.col.name"), t("acta.col.role"), t("acta.col.vote"),
                                      t("acta.col.remark")],
          [[a.name, a.role_es, _vote_or_attends(a), a.remark] for a in decision.attendees], [30, 26, 16, 60])
    sheet(t("acta.sheet.weights"), [t("acta.col.criterion_or_rule"), t("acta.col.weight")],
          [[k, v] for k, v in (decision.weights_es or decision.weights).items()]
          + [[rule, None] for rule in decision.rules_es], [70, 10])
    book.close()
    return buffer.getvalue()
