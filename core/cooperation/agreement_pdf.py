"""The agreement (convenio) as a PDF in the acta's style (core.record.acta: same page, fonts, tables, footer with the
hash of its entry in the log, signature blocks): parties, dates, amounts by source, obligations, annex of indicators."""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from core import fmt
from core.cooperation.agreements import Agreement
from core.record.acta import _ActaPDF, _heading, _latin1, _paragraph, _table
from core.texts import label, t


def _signatures(pdf: _ActaPDF, signers: list[str]) -> None:
    pdf.ln(10)
    y = pdf.get_y()
    for column, who in enumerate(signers):
        x = 18 + column * 92
        pdf.line(x, y + 10, x + 78, y + 10)
        pdf.set_xy(x, y + 11)
        pdf.cell(78, 5, _latin1(who), align="C")
    pdf.set_y(y + 20)


def pdf_bytes(agreement: Agreement, *, parish_name: str, cooperant_name: str, project_title: str,
              log_hash: str | None = None) -> bytes:
    footer = t("agr.pdf.footer", number=agreement.number_es, parish=parish_name)
    if log_hash:
        footer += t("acta.footer_log", hash=log_hash[:16])
    pdf = _ActaPDF(footer)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.multi_cell(0, 7, _latin1(t("acta.gad", parish=parish_name.upper())), align="C",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(t("agr.pdf.heading", number=agreement.number_es)), align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=9.5)

    _heading(pdf, t("agr.pdf.parties"))
    _paragraph(pdf, t("agr.pdf.parties_text", parish=parish_name, cooperant=cooperant_name, project=project_title,
                      proposal=agreement.proposal_id, signed=fmt.date(agreement.signed_on),
                      start=fmt.date(agreement.start_date), end=fmt.date(agreement.end_date)))
    if agreement.mremh_registration:
        _paragraph(pdf, t("agr.pdf.mremh", registration=agreement.mremh_registration))

    _heading(pdf, t("agr.pdf.money"))
    rows = [[label("agreement_party", party), fmt.money(amount), fmt.percent(amount / agreement.total_usd)]
            for party, amount in agreement.by_source().items()]
    rows.append([t("acta.total"), fmt.money(agreement.total_usd), fmt.percent(1.0)])
    _table(pdf, [t("agr.col.source"), t("agr.col.amount"), t("agr.col.share")], rows, [90, 50, 34],
           ["LEFT", "RIGHT", "RIGHT"])

    _heading(pdf, t("agr.pdf.obligations"))
    if agreement.obligations:
        _table(pdf, [t("agr.col.party"), t("agr.col.obligation")],
               [[label("agreement_party", o.party), o.text] for o in agreement.obligations], [40, 134])
    else:
        _paragraph(pdf, t("agr.pdf.no_obligations"))

    _heading(pdf, t("agr.pdf.annex"))
    _table(pdf, [t("agr.col.indicator"), t("agr.col.unit"), t("agr.col.baseline"), t("agr.col.target"),
                 t("agr.col.verification")],
           [[i.name, i.unit, fmt.number(i.baseline, 2), fmt.number(i.target, 2), i.means_of_verification]
            for i in agreement.indicators], [56, 22, 22, 22, 52], ["LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"])
    _paragraph(pdf, t("agr.pdf.reports", months=agreement.report_every_months))

    if pdf.get_y() + 40 > pdf.h - 20:
        pdf.add_page()
    _heading(pdf, t("agr.pdf.signatures"))
    _signatures(pdf, [t("agr.pdf.sign_gad", parish=parish_name), cooperant_name])
    pdf.set_font("helvetica", size=8)
    _paragraph(pdf, t("agr.pdf.recorded", by=agreement.recorded_by, at=agreement.recorded_at))
    return bytes(pdf.output())
