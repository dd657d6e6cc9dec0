"""The PDFs people print (acta, agreement, final report) fed hostile or unusual text: every word stays on the page and
readable as typed as far as the fonts allow, and nothing stops a document with a traceback."""

import datetime as dt
import io
import re

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import final_report, reviews
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.record import acta, constancia, pdf_fonts
from core.record.decision_models import Decision
from core.record.decisions import record
from core.record.hashing import body_hash
from core.record.pdf_layout import DocumentPDF, latin1, table
from core.record.signing import SignedHead
from core.record.store import Store
from tests.conftest import store_accounts
from tests.decision_draft import BOARD as BOARD_MEMBER
from tests.decision_draft import _draft as _decision_draft
from tests.tampering import verify
from tests.test_cooperation_cycle import BOARD, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reviews import _audit, _midterm

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

NO_SPACES = "Q" * 4000  # pasted from another program: one word longer than a page
PROSE = "palabra " * 500  # the longest findings an audit keeps (4.000 characters)
PAGE_RIGHT = 595.28 - 18 / 25.4 * 72  # A4 width less the documents' right margin, in points
UNIT = {NO_SPACES: ("Q", 4000), PROSE: ("palabra", 500)}  # what each is made of, and how many times


def _count(text: str, unit: str) -> int:
    """How many times `unit` is printed, a letter counted only where it repeats («Qué» in a heading is not one)."""
    return sum(len(run) for run in re.findall("Q{2,}", text)) if unit == "Q" else text.count(unit)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _bare(text: str) -> str:
    return "".join(text.split())


def _past_the_margin(pdf: bytes) -> list[str]:
    """Each piece of text whose end lies past the page's right margin (half a point of rounding), measured with the
    font it is printed in (DejaVu Sans, or the core Helvetica and Courier)."""
    measure = FPDF(unit="pt")
    for style, path in (pdf_fonts.font_files() or {}).items():
        measure.add_font("dejavu", style, str(path))
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        name = str(font.get("/BaseFont"))
        family = "dejavu" if "DejaVu" in name else "courier" if "Courier" in name else "helvetica"
        measure.set_font(family, "B" if "Bold" in name else "", size)
        # a justified line's spaces are stretched (with DejaVu Sans by offsets, read as more spaces): its words'
        # width with one space each is what must fit
        if tm[4] + measure.get_string_width(" ".join(text.split())) > PAGE_RIGHT + 0.5:
            found.append(text)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("text", [NO_SPACES, PROSE], ids=["no-spaces", "prose"])
def test_a_table_cell_taller_than_a_page_goes_on_below_and_is_printed_whole(text):
    pdf = DocumentPDF("Pie")
    table(pdf, ["Qué", "Hallazgos"], [["Auditoría", text], ["Cierre", "Sin observaciones"]], [40, 134])
    printed = bytes(pdf.output())
    unit, times = UNIT[text]
    assert _count(_text(printed), unit) == times  # every word, though a page's footer comes between
    assert "Cierre" in _text(printed) and not _past_the_margin(printed)


def test_a_row_with_fewer_cells_than_columns_still_prints():
    pdf = DocumentPDF("Pie")
    table(pdf, ["Qué", "Hallazgos"], [["Auditoría"], ["Cierre", NO_SPACES]], [40, 134])
    assert "Auditoría" in _text(bytes(pdf.output()))


@pytest.mark.usefixtures("today_after_the_demo")
@pytest.mark.parametrize("findings", [NO_SPACES, PROSE], ids=["no-spaces", "prose"])
def test_the_final_report_prints_the_longest_findings_an_audit_keeps(store, findings):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    reviews.save_midterm(store, PLANNER, _midterm(agreement.agreement_id, findings=findings))
    reviews.save_audit(store, PLANNER, _audit(agreement.agreement_id, findings=findings))
    pdf = final_report.pdf_bytes(agreement, [], [], parish_name="El Valle", project_title="Riego por goteo",
                                 midterm=reviews.midterm(store, agreement.agreement_id),
                                 audits=reviews.audits(store, agreement.agreement_id))
    unit, times = UNIT[findings]
    assert _count(_text(pdf), unit) == 2 * times  # the evaluation's and the audit's, every word
    assert not _past_the_margin(pdf)


def _decision(**changes) -> Decision:
    draft = _decision_draft(**changes)
    return Decision(**draft.model_dump(), decision_id="010170-2026-001", number_es="2026-001", votes_for=2,
                    votes_against=1, abstentions=1, approved=True, recorded_by="tecnico",
                    recorded_at="2026-11-26T15:00:00+00:00")


LONG_NAME = "Wilmer Fernando " + "Guamán" * 17  # 118 characters: the most an attendee's name holds is 120


def test_a_long_name_under_a_signature_line_stays_on_the_page():
    attendees = [a.model_copy(update={"name": LONG_NAME}) if a.signs_as == "secretary" else a
                 for a in _decision_draft().attendees]
    pdf = acta.pdf_bytes(_decision(attendees=attendees))
    assert not _past_the_margin(pdf)
    assert _bare(LONG_NAME) in _bare(_text(pdf).split("Firmas")[-1])


@pytest.mark.usefixtures("today_after_the_demo")
def test_a_cooperant_named_at_length_signs_the_agreement_on_the_page(store):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    name = "Agencia " + "Internacional" * 14  # 190 characters: a cooperant's name holds 200
    pdf = agreement_pdf(agreement, parish_name="El Valle", cooperant_name=name, project_title="Riego")
    assert not _past_the_margin(pdf)
    assert _bare(name) in _bare(_text(pdf).split("Firmas")[-1])


@pytest.mark.parametrize(("typed", "printed"), [
    ("Jose\u0301 Ñan\u0303o", "José Ñaño"),  # accents typed as a letter and a combining sign
    ("Ana \u202eztiuQ", "Ana ztiuQ"),  # a right-to-left override prints as nothing, not «?»
    ("cero\u200bancho\ufeff", "ceroancho"),  # zero-width marks
    ("Ŝimón Ā", "Simón A"),  # a letter whose sign Latin-1 lacks keeps its letter
    ("Riego 💧", "Riego ?"),  # what has no letter at all is marked
    ("a\ud800b", "a?b"),  # half a character
    ("Riego\tpor\tgoteo", "Riego por goteo"),  # pasted from a spreadsheet: a tab has no glyph
    ("precio\x80 final\x93", "precio final"),  # C1 controls: the fonts' encoding would print «€» and «“»
    ("línea\u2028otra\u2003fin", "línea\notra fin"),  # a line separator, an em space
    ("«Flor» — $ 40", "«Flor» - $\u00a040"),
])
def test_what_the_pdf_fonts_lack_prints_as_near_as_they_can(typed, printed):
    assert latin1(typed) == printed


def test_an_acta_prints_a_name_typed_with_combining_accents_as_written():
    attendees = [a.model_copy(update={"remark": "Jose\u0301 no esta\u0301 de acuerdo"}) if a.remark else a
                 for a in _decision_draft().attendees]
    assert "José no está de acuerdo" in _text(acta.pdf_bytes(_decision(attendees=attendees)))



def test_the_acta_of_a_day_still_reads_with_every_hostile_text_at_once():
    hostile = "=cmd|' /C calc'!A0 <b>x</b> **y** \u202eabc 💧 Jose\u0301 a;\"b\" \x00\x0b\x1f"
    attendees = [a.model_copy(update={"remark": hostile}) if a.remark else a for a in _decision_draft().attendees]
    decision = _decision(attendees=attendees, justification_es=hostile, scenario_name=hostile[:200],
                         date=dt.date(2026, 11, 26))
    text = _text(acta.pdf_bytes(decision))
    assert "=cmd|' /C calc'!A0 <b>x</b> **y** abc [U+1F4A7] José a;\"b\"" in text
    assert acta.xlsx_bytes(decision)


@pytest.mark.parametrize("remark", ["Decisión: aplazar el riego", "Huella de la decisión: 00ff, dijo la vocal",
                                    "Registro hasta la entrada N.º 1 de la sesión", "Formato del acta: 1"])
def test_a_remark_that_reads_like_a_line_of_the_constancia_is_not_taken_for_it(remark, tmp_path):
    head = SignedHead(7, "ab" * 32, "cd" * 64)
    attendees = [a.model_copy(update={"remark": remark}) if a.remark else a for a in _decision_draft().attendees]
    decision = _decision(attendees=attendees)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, head))
    read = constancia.read_pdf(printed)  # as `verify --acta` reads a printed acta
    assert (read.decision_id, read.head, read.format) == (decision.decision_id, head, constancia.ACTA_FORMAT)
    assert read.decision_hash == body_hash(decision.model_dump(mode="json"))


def test_verify_vouches_for_an_acta_whose_remark_reads_like_the_constancia(tmp_path):
    kept = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD_MEMBER)
    attendees = [a.model_copy(update={"remark": "Decisión: aplazar el riego"}) if a.remark else a
                 for a in _decision_draft().attendees]
    decision = record(kept, BOARD_MEMBER, _decision_draft(attendees=attendees))
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, kept.head()))
    result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 0, result.stderr
