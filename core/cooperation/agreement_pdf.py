"""The agreement (convenio) as a PDF in the acta's style (core.record.pdf_layout: same page, fonts, tables, footer with the
hash of its entry in the log, signature blocks): parties, dates, amounts by source, obligations, annex of indicators."""

from __future__ import annotations

from core import fmt
from core.cooperation.agreements import Agreement
from core.record.pdf_layout import (
    DocumentPDF,
    heading,
    keep_space,
    paragraph,
    signatures,
    table,
    title,
    unprintable_note,
)
from core.texts import label, t, t_count


def pdf_bytes(agreement: Agreement, *, parish_name: str, cooperant_name: str, project_title: str,
              log_hash: str | None = None) -> bytes:
    footer = t("agr.pdf.footer", number=agreement.number_es, parish=parish_name)
    if log_hash:
        footer += t("acta.footer_log", hash=log_hash[:16])
    pdf = DocumentPDF(footer)
    title(pdf, t("acta.gad", parish=parish_name.upper()))
    title(pdf, t("agr.pdf.heading", number=agreement.number_es), size=12)

    heading(pdf, t("agr.pdf.parties"))
    paragraph(pdf, t("agr.pdf.parties_text", parish=parish_name, cooperant=cooperant_name, project=project_title,
                      proposal=agreement.proposal_id, signed=fmt.date(agreement.signed_on),
                      start=fmt.date(agreement.start_date), end=fmt.date(agreement.end_date)))
    if agreement.mremh_registration:
        paragraph(pdf, t("agr.pdf.mremh", registration=agreement.mremh_registration))

    heading(pdf, t("agr.pdf.money"))
    parts = agreement.by_source()
    money = fmt.amount_for([*parts.values(), agreement.total_usd])  # one column, one rule
    rows = [[label("agreement_party", party), money(amount), share]  # the shares add up to the total's 100 %
            for (party, amount), share in zip(parts.items(), fmt.shares(parts.values()), strict=True)]
    rows.append([t("acta.total"), money(agreement.total_usd), fmt.percent(1.0)])
    table(pdf, [t("agr.col.source"), t("agr.col.amount"), t("agr.col.share")], rows, [90, 50, 34],
           ["LEFT", "RIGHT", "RIGHT"])

    heading(pdf, t("agr.pdf.obligations"))
    if agreement.obligations:
        table(pdf, [t("agr.col.party"), t("agr.col.obligation")],
               [[label("agreement_party", o.party), o.text] for o in agreement.obligations], [40, 134])
    else:
        paragraph(pdf, t("agr.pdf.no_obligations"))

    heading(pdf, t("agr.pdf.annex"))
    table(pdf, [t("agr.col.indicator"), t("agr.col.unit"), t("agr.col.baseline"), t("agr.col.target"),
                 t("agr.col.verification")],
           [[i.name, i.unit, fmt.number(i.baseline, 2), fmt.number(i.target, 2), i.means_of_verification]
            for i in agreement.indicators], [52, 22, 24, 24, 52], ["LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT"])
    paragraph(pdf, t_count("agr.pdf.reports", agreement.report_every_months, months=agreement.report_every_months))

    keep_space(pdf, 40)
    heading(pdf, t("agr.pdf.signatures"))
    signatures(pdf, [[t("agr.pdf.sign_gad", parish=parish_name)], [cooperant_name]])
    pdf.set_font(pdf.family, size=8)  # the document's font: the name of who recorded it prints as typed
    paragraph(pdf, t("agr.pdf.recorded", by=fmt.person(agreement.recorded_by_name, agreement.recorded_by),
                      at=fmt.local_time(agreement.recorded_at)))
    unprintable_note(pdf)
    return bytes(pdf.output())
