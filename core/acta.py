"""The acta of a board decision, in Spanish, as PDF and as Excel.

Input: a stored `core.decisions.Decision`. The PDF carries the parish, date, attendees, what was
decided and why, the weights and rules, the funded list with amounts, the votes, dissenting remarks
and signature blocks; its footer carries the hash of the decision's entry in the audit log, so a
printed acta can be checked against the store. The Excel workbook holds the same, one sheet per part.
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from core import fmt
from core.decisions import Decision
from core.exports import neutralise

VOTE_ES = {"for": "A favor", "against": "En contra", "abstain": "Abstención", None: "Sin voto"}

# The PDF core fonts cover Latin-1: Spanish letters are there; a few typographic signs are not.
_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...",
                               "≥": ">=", "≤": "<=", "·": "-", "×": "x", "€": "EUR", "\u00a0": " "})


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
        self.cell(0, 4, f"Página {self.page_no()}/{{nb}}", align="R")
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


def pdf_bytes(decision: Decision, log_hash: str | None = None) -> bytes:
    footer = f"Minga - acta {decision.number_es} - {decision.parish_name}"
    if log_hash:
        footer += f" - registro {log_hash[:16]}"
    pdf = _ActaPDF(footer)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.multi_cell(0, 7, _latin1(f"GOBIERNO AUTÓNOMO DESCENTRALIZADO PARROQUIAL DE {decision.parish_name.upper()}"),
                   align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(f"ACTA DE DECISIÓN PRESUPUESTARIA N.º {decision.number_es}"), align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)
    pdf.cell(0, 6, _latin1(f"Fecha: {fmt.date(decision.date)}   ·   Parroquia: {decision.parish_name} "
                           f"({decision.parish_code})"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, "1. Asistentes")
    _table(pdf, ["Nombre", "Función", "Voto"],
           [[a.name, a.role_es, VOTE_ES[a.vote] if a.votes else "Asiste sin voto"] for a in decision.attendees],
           [70, 60, 44])

    _heading(pdf, "2. Lo que se decidió")
    outcome = "APROBADO" if decision.approved else "NO APROBADO"
    _paragraph(pdf, (
        f"La junta parroquial conoció el escenario «{decision.scenario_name}» y resolvió: {outcome}, con "
        f"{decision.votes_for} votos a favor, {decision.votes_against} en contra y {decision.abstentions} "
        f"abstenciones. Presupuesto: {fmt.money(decision.budget_usd)}; reserva: {fmt.money(decision.reserve_usd)}; "
        f"método: {decision.method_es} (estado del cálculo: {decision.solver_status}). Se asignan "
        f"{fmt.money(decision.total_cost_usd)} a {len(decision.funded)} proyectos, con un puntaje total de "
        f"{fmt.number(decision.total_score, 1)}."))

    _heading(pdf, "3. Proyectos financiados")
    rows = [[f.proposal_id, f.title, f.associations_es, fmt.money(f.amount_usd), fmt.number(f.score, 1)]
            for f in decision.funded]
    rows.append(["", "Total", "", fmt.money(sum(f.amount_usd for f in decision.funded)), ""])
    _table(pdf, ["Código", "Proyecto", "Asociación(es)", "Monto", "Puntaje"], rows, [20, 62, 48, 26, 18],
           ["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"])

    if decision.left_out:
        _heading(pdf, "4. Propuestas no financiadas y por qué")
        _table(pdf, ["Código", "Proyecto", "Motivo"],
               [[x.proposal_id, x.title, x.reason_es] for x in decision.left_out], [20, 64, 90])

    _heading(pdf, "5. Por qué: criterios, pesos y reglas")
    if decision.justification_es:
        _paragraph(pdf, decision.justification_es)
    weights = decision.weights_es or decision.weights
    _table(pdf, ["Criterio", "Peso"], [[name, fmt.percent(w)] for name, w in weights.items()], [120, 54],
           ["LEFT", "RIGHT"])
    pdf.ln(1)
    for rule in decision.rules_es:
        _paragraph(pdf, f"- {rule}")

    _heading(pdf, "6. Votación y observaciones")
    _table(pdf, ["Miembro", "Voto", "Observación"],
           [[a.name, VOTE_ES[a.vote], a.remark or ""] for a in decision.attendees if a.votes], [54, 28, 92])
    dissent = [a for a in decision.attendees if a.votes and a.vote == "against" and a.remark]
    if dissent:
        pdf.ln(1)
        _paragraph(pdf, "Votos salvados: " + " ".join(f"{a.name}: «{a.remark}»" for a in dissent))

    if pdf.get_y() + 45 > pdf.h - 20:  # the heading goes with the first signatures
        pdf.add_page()
    _heading(pdf, "7. Firmas")
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
    _paragraph(pdf, f"Registrada por {decision.recorded_by} el {recorded} (UTC). "
                    "Puede verificarse con «python -m core.audit verify».")
    return bytes(pdf.output())


def xlsx_bytes(decision: Decision) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    money_format = book.add_format({"num_format": "#,##0.00"})

    def sheet(name: str, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:
        ws = book.add_worksheet(name)
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, bold)
            ws.set_column(c, c, widths[c])
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, money_format if "Monto" in headers[c] else None)
                else:
                    ws.write_string(r, c, neutralise("" if value is None else str(value)))

    sheet("Decisión", ["Campo", "Valor"], [
        ["Acta N.º", decision.number_es], ["Parroquia", f"{decision.parish_name} ({decision.parish_code})"],
        ["Fecha", fmt.date(decision.date)], ["Escenario", decision.scenario_name],
        ["Resultado", "Aprobado" if decision.approved else "No aprobado"],
        ["Votos a favor", decision.votes_for], ["Votos en contra", decision.votes_against],
        ["Abstenciones", decision.abstentions], ["Monto presupuesto (USD)", decision.budget_usd],
        ["Monto reserva (USD)", decision.reserve_usd], ["Método", decision.method_es],
        ["Estado del cálculo", decision.solver_status], ["Monto asignado (USD)", decision.total_cost_usd],
        ["Puntaje total", decision.total_score], ["Justificación", decision.justification_es],
        ["Registrada por", decision.recorded_by], ["Registrada el (UTC)", decision.recorded_at],
    ], [26, 80])
    sheet("Financiadas", ["Código", "Proyecto", "Asociación(es)", "Monto (USD)", "Puntaje"],
          [[f.proposal_id, f.title, f.associations_es, f.amount_usd, f.score] for f in decision.funded],
          [12, 50, 40, 16, 10])
    sheet("No financiadas", ["Código", "Proyecto", "Motivo"],
          [[x.proposal_id, x.title, x.reason_es] for x in decision.left_out], [12, 50, 80])
    sheet("Asistentes y votos", ["Nombre", "Función", "Voto", "Observación"],
          [[a.name, a.role_es, VOTE_ES[a.vote] if a.votes else "Asiste sin voto", a.remark]
           for a in decision.attendees], [30, 26, 16, 60])
    sheet("Pesos y reglas", ["Criterio o regla", "Peso"],
          [[k, v] for k, v in (decision.weights_es or decision.weights).items()]
          + [[rule, None] for rule in decision.rules_es], [70, 10])
    book.close()
    return buffer.getvalue()
