"""The acta of a board decision, in Spanish, as PDF and as Excel.

Input: a stored `core.record.decision_models.Decision`. The PDF carries the parish, date, attendees, what was
decided and why (the objective of the allocation and the advisory group's meeting that scored the
proposals), the weights and rules, the funded list with amounts, the votes, dissenting remarks and the
signature lines of the president and the secretary; its footer and closing «constancia del registro»
(core.record.constancia) carry the log's signed head and the hash of the decision as shown, and a
paragraph says in words how a citizen can have a printed acta checked (the command is for the technician). Times are local (America/Guayaquil). The Excel workbook holds
the same, one sheet per part. It reads as a public document: Spanish only, names instead of codes.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import xlsxwriter
from fpdf.enums import XPos, YPos

from core import fmt
from core.exports import TEXT_FORMAT, clean, excel_text
from core.record import constancia, pdf_fonts
from core.record.decision_models import Decision, presiding
from core.record.hashing import body_hash
from core.record.pdf_layout import (
    DocumentPDF,
    heading,
    keep_space,
    latin1,
    paragraph,
    signatures,
    table,
    title,
    unprintable_note,
)
from core.record.signing import SignedHead
from core.texts import STRINGS, t, t_count


def status_es(decision: Decision) -> str:
    """How the allocation was computed, in Spanish (the solver's own word, e.g. «Optimal», never shown)."""
    return t(f"acta.status.{decision.solver_status}") if f"acta.status.{decision.solver_status}" in STRINGS \
        else t("acta.status.other")


def _count(n: int, key: str) -> str:
    return t_count(f"acta.count.{key}", n, n=n)


def _vote(attendee) -> str:
    """How an attendee voted, in Spanish (a voting member who has not voted: «Sin voto»)."""
    return t(f"dec.vote.{attendee.vote}") if attendee.vote else t("acta.no_vote")


def _vote_or_attends(attendee) -> str:
    return _vote(attendee) if attendee.votes else t("acta.attends")


def pdf_bytes(decision: Decision, head: SignedHead | None = None) -> bytes:
    return bytes(document(decision, head).output())


def document(decision: Decision, head: SignedHead | None = None, *, acta_format: int | None = None) -> DocumentPDF:
    """The acta laid out, not yet written: `verify --acta` also reads where it left room for signatures.
    `acta_format`: print in that format (constancia.LATIN1_FORMAT: with the core Latin-1 font, as actas printed
    before DejaVu Sans was used; FileNotFoundError when the format needs a font that is not installed); None: in
    today's format, or in the Latin-1 one where DejaVu Sans is not installed (the constancia says which). A character
    the font lacks prints as its code point («[U+1F4A7]»), and a paragraph says what those are (in format 4: «�»)."""
    footer = t("acta.footer", number=decision.number_es, parish=decision.parish_name)
    if head:
        footer += t("acta.footer_log", seq=head.seq, hash=head.hash[:16])
    named = acta_format != constancia.REPLACEMENT_FORMAT  # what the font lacks prints as «[U+1F4A7]», not «�»
    pdf = DocumentPDF(footer, unicode=None if acta_format is None else acta_format != constancia.LATIN1_FORMAT,
                      missing=pdf_fonts.code_point if named else pdf_fonts.replacement)
    printed_format = acta_format or (constancia.ACTA_FORMAT if pdf.unicode else constancia.LATIN1_FORMAT)
    stored = _as_printed(pdf)
    title(pdf, t("acta.gad", parish=decision.parish_name.upper()))
    title(pdf, t("acta.heading", number=decision.number_es), size=12)
    pdf.cell(0, 6, pdf.printable(t("acta.date_parish", date=fmt.date(decision.date), parish=decision.parish_name,
                                   code=decision.parish_code)), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    heading(pdf, t("acta.attendees"))
    table(pdf, [t("acta.col.name"), t("acta.col.role"), t("acta.col.vote")],
           [[a.name, a.role_es, _vote_or_attends(a)] for a in decision.attendees], [70, 60, 44])

    heading(pdf, t("acta.decided"))
    chair = _presided(decision)
    if chair is not None:  # a decision recorded before who presided was asked prints as it did then
        paragraph(pdf, t("acta.presided", name=chair.name, role=chair.role_es))
    quorum = {"present": sum(a.votes for a in decision.attendees), "members": decision.board_members,
              "quorum": decision.quorum}
    paragraph(pdf, t_count("acta.quorum", decision.board_members, **quorum) if pdf.unicode
              else t("acta.quorum", **quorum))  # format 3 said «miembros» of any board
    paragraph(pdf, t("acta.resolution", scenario=decision.scenario_name,
                      outcome=t("acta.approved" if decision.approved else "acta.not_approved"),
                      votes_for=_count(decision.votes_for, "for"), votes_against=_count(decision.votes_against,
                                                                                       "against"),
                      abstentions=_count(decision.abstentions, "abstain"), method=decision.method_es,
                      status=status_es(decision), funded=_count(len(decision.funded), "project"),
                      score=fmt.number(decision.total_score, 1),
                      **fmt.amounts_named(budget=decision.budget_usd, reserve=decision.reserve_usd,
                                          cost=decision.total_cost_usd)))
    if decision.casting_vote:
        paragraph(pdf, t("acta.casting_vote"))

    heading(pdf, t("acta.funded"))
    total = sum(f.amount_usd for f in decision.funded)
    amount = fmt.amount_for([*(f.amount_usd for f in decision.funded), total])  # one column, one rule
    rows = [[f.proposal_id, f.title, f.associations_es, amount(f.amount_usd), fmt.number(f.score, 1)]
            for f in decision.funded]
    rows.append(["", t("acta.total"), "", amount(total), ""])
    table(pdf, [t("acta.col.code"), t("acta.col.project"), t("acta.col.associations"), t("acta.col.amount"),
                 t("acta.col.score")], rows, [20, 62, 46, 28, 18] if pdf.unicode else [20, 62, 48, 26, 18],
          ["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"])  # DejaVu Sans is wider: «$ 1.234.567,89» on one line

    if decision.left_out:
        heading(pdf, t("acta.left_out"))
        table(pdf, [t("acta.col.code"), t("acta.col.project"), t("acta.col.reason")],
               [[x.proposal_id, x.title, stored(x.reason_es)] for x in decision.left_out], [20, 64, 90])
    if decision.uncovered_es:  # absent from decisions recorded before it was kept: they print as then
        paragraph(pdf, t("acta.uncovered", associations="; ".join(map(stored, decision.uncovered_es))))

    heading(pdf, t("acta.why"))
    if decision.justification_es:
        paragraph(pdf, decision.justification_es)
    paragraph(pdf, t("acta.objective", method=decision.method_es))
    paragraph(pdf, meetings_es(decision))
    weights = decision.weights_es or decision.weights  # in name order, as the logged decision keeps them: printed
    # again from the log for `verify --acta`, the acta reads the same
    table(pdf, [t("acta.col.criterion"), t("acta.col.weight")],
           [[name, fmt.percent(w)] for name, w in sorted(weights.items())], [120, 54], ["LEFT", "RIGHT"])
    pdf.ln(1)
    for rule in decision.rules_es:
        paragraph(pdf, f"- {stored(rule)}")

    heading(pdf, t("acta.voting"))
    table(pdf, [t("acta.col.member"), t("acta.col.vote"), t("acta.col.remark")],
           [[a.name, _vote(a), a.remark or ""] for a in decision.attendees if a.votes], [54, 28, 92])
    dissent = [a for a in decision.attendees if a.votes and a.vote == "against" and a.remark]
    if dissent:
        pdf.ln(1)
        paragraph(pdf, t("acta.dissent", remarks=" ".join(t("acta.remark", name=a.name, remark=a.remark)
                                                           for a in dissent)))

    keep_space(pdf, 45)  # the heading goes with the signatures
    heading(pdf, t("acta.signatures"))
    signers = []
    for office in ("president", "secretary"):
        person = next((a for a in decision.attendees if a.signs_as == office), None)
        signers.append([person.name if person else "",
                        t("acta.sign.presided", role=chair.role_es) if office == "president" and chair
                        else t(f"acta.sign.{office}")])
    signatures(pdf, signers)
    heading(pdf, t("acta.verify_title"))
    paragraph(pdf, t("acta.recorded", by=fmt.person(decision.recorded_by_name, decision.recorded_by),
                      at=fmt.local_time(decision.recorded_at)))
    paragraph(pdf, t("acta.verify_words", number=decision.number_es,
                      hash=head.hash[:16] if head else t("acta.no_hash")))
    unprintable_note(pdf, "acta.unprintable")  # format 4 printed «�», and no note
    if head:
        _constancia(pdf, decision, head, printed_format)
    return pdf


def _as_printed(pdf: DocumentPDF) -> Callable[[str], str]:
    """How a sentence stored inside a decision (a rule line, a reason) prints: its amounts by today's money rule in
    formats 4 and 5 (fmt.amounts_restated), as stored in format 3, so that `verify --acta` prints an acta of either format
    again exactly."""
    return fmt.amounts_restated if pdf.unicode else str


def _presided(decision: Decision):
    """The attendee the decision names as presiding the session (None in decisions recorded before it was asked)."""
    return presiding(decision) if decision.presided_by else None


def _constancia(pdf: DocumentPDF, decision: Decision, head: SignedHead, printed_format: int) -> None:
    """The constancia section, for `core.audit verify --acta`: its heading, the log's head and the hash of the
    decision as printed here (`constancia.lines`, naming `printed_format`) in a fixed-width font, and how to check
    it."""
    keep_space(pdf, 40)
    heading(pdf, t("constancia.title"))
    pdf.set_font("courier", size=7)
    for line in constancia.lines(decision.decision_id, body_hash(decision.model_dump(mode="json")), head,
                                 printed_format):
        pdf.cell(0, 3.6, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # ids, hashes and catalogue words
    pdf.set_font(pdf.family, size=7)
    paragraph(pdf, t("constancia.help"))


def meetings_es(decision: Decision) -> str:
    """Which meeting of the advisory group scored the proposals (or that none did), which funded proposals it left
    unscored, and which gave the vote on problems and the ballots, each named for what it gave (a decision recorded before these were told apart
    names every meeting in its first sentence, as its acta did)."""
    judged = (t("acta.meetings", meetings=fmt.listing(decision.meetings_es)) if decision.meetings_es
              else t("acta.no_meeting"))
    need = [t("acta.need_meetings", meetings=fmt.listing(decision.need_meetings_es))] \
        if decision.need_meetings_es else []
    unscored = [t("acta.unscored", titles=fmt.listing([f"«{title}»" for title in decision.unscored_es]))] \
        if decision.unscored_es else []
    ballots = [t("acta.ballot_meetings", meetings=fmt.listing(decision.ballot_meetings_es))] \
        if decision.ballot_meetings_es else []
    return " ".join([judged, *unscored, *need, *ballots])


def xlsx_bytes(decision: Decision) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    text_format = book.add_format(TEXT_FORMAT)  # a text cell, shown as typed: never a formula
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
                    ws.write_string(r, c, excel_text(clean("" if value is None else str(value))), text_format)

    fields = [
        ("number", decision.number_es),
        ("parish", t("acta.field.parish_value", parish=decision.parish_name, code=decision.parish_code)),
        ("date", fmt.date(decision.date)), ("scenario", decision.scenario_name),
        ("outcome", t("acta.field.approved" if decision.approved else "acta.field.not_approved")),
        ("votes_for", decision.votes_for), ("votes_against", decision.votes_against),
        ("abstentions", decision.abstentions), ("budget", decision.budget_usd), ("reserve", decision.reserve_usd),
        ("method", decision.method_es), ("status", status_es(decision)), ("cost", decision.total_cost_usd),
        ("score", decision.total_score), ("meetings", meetings_es(decision)),
        ("quorum", t_count("acta.field.quorum_value", decision.board_members, quorum=decision.quorum,
                           members=decision.board_members)),
        *([("presided", t("acta.field.presided_value", name=chair.name, role=chair.role_es))]
          if (chair := _presided(decision)) else []),
        *([("uncovered", "; ".join(map(fmt.amounts_restated, decision.uncovered_es)))]
          if decision.uncovered_es else []),
        ("justification", decision.justification_es),
        ("recorded_by", fmt.person(decision.recorded_by_name, decision.recorded_by)),
        ("recorded_at", fmt.local_time(decision.recorded_at)),
    ]
    sheet(t("acta.sheet.decision"), [t("acta.col.field"), t("acta.col.value")],
          [[t(f"acta.field.{field}"), value] for field, value in fields], [26, 80])
    sheet(t("acta.sheet.funded"), [t("acta.col.code"), t("acta.col.project"), t("acta.col.associations"),
                                   t("acta.col.amount_usd"), t("acta.col.score")],
          [[f.proposal_id, f.title, f.associations_es, f.amount_usd, f.score] for f in decision.funded],
          [12, 50, 40, 16, 10])
    sheet(t("acta.sheet.left_out"), [t("acta.col.code"), t("acta.col.project"), t("acta.col.reason")],
          [[x.proposal_id, x.title, fmt.amounts_restated(x.reason_es)] for x in decision.left_out], [12, 50, 80])
    sheet(t("acta.sheet.attendees"), [t("acta.col.name"), t("acta.col.role"), t("acta.col.vote"),
                                      t("acta.col.remark")],
          [[a.name, a.role_es, _vote_or_attends(a), a.remark or ""] for a in decision.attendees], [30, 26, 16, 60])
    sheet(t("acta.sheet.weights"), [t("acta.col.criterion_or_rule"), t("acta.col.weight")],
          [[k, v] for k, v in (decision.weights_es or decision.weights).items()]
          + [[fmt.amounts_restated(rule), None] for rule in decision.rules_es], [70, 10])
    book.close()
    return buffer.getvalue()
