"""Names and text in any script DejaVu Sans holds print as typed in every PDF Minga writes (the acta, the agreement,
the final report), the layout measures that font, what it lacks prints as «�», and where the font is missing the
documents print as before with the core Latin-1 font, saying so."""

import io
import json
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import final_report
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.cooperation.closing import CRITERIA, CriterionScore
from core.record import acta, constancia, pdf_fonts
from core.record.decisions import record
from core.record.pdf_layout import DocumentPDF, table
from core.record.signing import SignedHead
from core.record.store import Store
from tests.conftest import store_accounts
from tests.decision_draft import BOARD as BOARD_MEMBER
from tests.decision_draft import _draft as _decision_draft
from tests.tampering import verify, verify_process
from tests.test_cooperation_cycle import BOARD, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reports_and_closing import _evaluation
from tests.test_hostile_pdfs import _bare, _decision, _past_the_margin, _text

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

NAMES = [
    "Ŋgozi Āmaru Ñaupa",  # letters Latin-1 lacks: «ŋ», «ā»
    "Αλέξανδρος Παπαδόπουλος",  # Greek
    "Иван Петрович Сидоров",  # Cyrillic
    "Nguyễn Thị Ánh Tuyết",  # Vietnamese: letters with two signs
    "Łukasz Đorđević Ğül Œuvre",
    "Fondo Común 2 500 €",  # the euro sign (WinAnsi has it, Latin-1 does not)
]
HEAD = SignedHead(7, "ab" * 32, "cd" * 64)


@pytest.fixture()
def no_dejavu(tmp_path, monkeypatch):
    """A machine without DejaVu Sans: MINGA_FONTS names an empty folder."""
    monkeypatch.setenv("MINGA_FONTS", str(tmp_path / "sin-fuentes"))
    pdf_fonts.font_files.cache_clear()
    yield
    monkeypatch.delenv("MINGA_FONTS", raising=False)
    pdf_fonts.font_files.cache_clear()


def _flat_text(pdf: bytes) -> str:
    """The PDF's text with each run of whitespace as one space (a justified line's stretched spaces read as more)."""
    return " ".join(_text(pdf).split())


def _with_names(names: list[str]):
    """The demo decision's attendees renamed, in order (the last one signs as secretary)."""
    return [a.model_copy(update={"name": name}) for a, name in zip(_decision_draft().attendees, names, strict=False)]


def test_names_in_any_script_print_as_typed_in_the_acta():
    attendees = _with_names(NAMES)
    printed = _flat_text(acta.pdf_bytes(_decision(attendees=attendees), HEAD))
    for name in NAMES:
        assert name in printed
    signatures = printed.split("Firmas")[-1]
    assert NAMES[0] in signatures and NAMES[-1] in signatures  # the president and the secretary sign


@pytest.mark.usefixtures("today_after_the_demo")
def test_the_agreement_and_the_final_report_print_names_as_typed(store):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft(obligations=[agr.Obligation(party="cooperant", text=NAMES[2])]))
    printed = _flat_text(agreement_pdf(agreement, parish_name="El Valle", cooperant_name=NAMES[1],
                                  project_title=NAMES[0]))
    assert [name for name in NAMES[:3] if name not in printed] == []
    evaluation = _evaluation("cooperant", agreement_id=agreement.agreement_id, evaluator_name=NAMES[3],
                             scores=[CriterionScore(criterion=c, score=4, evidence=NAMES[4]) for c in CRITERIA],
                             lessons_positive=NAMES[5])
    printed = _flat_text(final_report.pdf_bytes(agreement, [], [evaluation], parish_name="El Valle",
                                           project_title=NAMES[0]))
    assert [name for name in (NAMES[0], NAMES[3], NAMES[5]) if name not in printed] == []
    assert _bare(NAMES[4]) in _bare(printed)


@pytest.mark.parametrize("name", ["Александр Константинович " * 5, "Ἀλέξανδρος" * 11], ids=["words", "one-word"])
def test_a_long_name_in_another_script_wraps_under_its_signature_line(name):
    name = name.strip()[:120]  # the most an attendee's name holds
    attendees = [a.model_copy(update={"name": name}) if a.signs_as == "secretary" else a
                 for a in _decision_draft().attendees]
    pdf = acta.pdf_bytes(_decision(attendees=attendees))
    assert not _past_the_margin(pdf)  # measured with DejaVu Sans, wider than Helvetica
    assert _bare(name) in _bare(_text(pdf).split("Firmas")[-1])


def test_a_table_cell_in_another_script_taller_than_a_page_is_printed_whole():
    greek = "λόγος " * 900
    pdf = DocumentPDF("Pie")
    table(pdf, ["Qué", "Hallazgos"], [["Auditoría", greek], ["Cierre", "Ωραία"]], [40, 134])
    printed = bytes(pdf.output())
    assert _text(printed).count("λόγος") == 900 and "Ωραία" in _text(printed)
    assert not _past_the_margin(printed)


@pytest.mark.parametrize(("typed", "printed"), [
    ("Riego 💧", "Riego [U+1F4A7]"),  # an emoji: DejaVu Sans has no glyph, its code point says which it was
    ("李明", "[U+674E][U+660E]"),  # Chinese: neither
    ("a\ud800b", "a[U+D800]b"),  # half a character
    ("👍🏽 👨\u200d👩\u200d👧", "[U+1F44D][U+1F3FD] [U+1F468][U+1F469][U+1F467]"),  # a skin tone; joined by a joiner
    ("Ŝimón Ā ŋ", "Ŝimón Ā ŋ"),  # what Helvetica printed as «S», «A» and «?»
    ("Jose\u0301 Ñan\u0303o", "José Ñaño"),  # accents typed as a letter and a combining sign
    ("n\u0308a", "n\u0308a"),  # a letter and sign with no single character keep both
    ("Ana \u202eztiuQ", "Ana ztiuQ"),  # a right-to-left override prints as nothing
    ("cero\u200bancho\ufeff", "ceroancho"),  # zero-width marks
    ("línea\u2028otra\u2003fin", "línea\notra fin"),  # a line separator, an em space
    ("Riego\tpor\tgoteo", "Riego por goteo"),  # a tab
    ("precio\x80 final\x93", "precio final"),  # C1 controls
    ("«Flor» — $ 40 ≥ 1…", "«Flor» — $\u00a040 ≥ 1…"),  # typographic signs as typed; "$" stays with its amount
])
def test_text_prints_as_typed_where_dejavu_has_the_glyph_and_as_its_code_point_where_not(typed, printed):
    assert DocumentPDF("Pie").printable(typed) == printed


def test_the_acta_format_4_printed_a_replacement_for_what_the_font_lacks():
    assert DocumentPDF("Pie", missing=pdf_fonts.replacement).printable("Riego 💧 李") == "Riego \ufffd \ufffd"


NOTE = ("Los textos entre corchetes como {example} son caracteres que la fuente del acta no puede dibujar (un emoji, "
        "una letra de otra escritura): se imprime en su lugar su código Unicode.")


def _with_emoji(decision):
    """The decision with an emoji in a funded project's title, in the board's justification and in a remark."""
    funded = [decision.funded[0].model_copy(update={"title": "Riego 💧 por goteo"}), *decision.funded[1:]]
    attendees = [a.model_copy(update={"remark": "De acuerdo 👍🏽 李"}) if a.remark else a for a in decision.attendees]
    return decision.model_copy(update={"funded": funded, "attendees": attendees,
                                       "justification_es": "Agua para todos 🌱"})


def test_an_acta_with_emoji_prints_each_as_its_code_point_and_says_what_those_are():
    """An emoji in a project's title or the justification printed as «�», which no reader can tell from another."""
    printed = _flat_text(acta.pdf_bytes(_with_emoji(_decision(attendees=_with_names(NAMES))), HEAD))
    assert "Riego [U+1F4A7] por goteo" in printed and "Agua para todos [U+1F331]" in printed
    assert "De acuerdo [U+1F44D][U+1F3FD] [U+674E]" in printed and NAMES[1] in printed
    assert "\ufffd" not in printed
    assert NOTE.format(example="[U+674E]") in printed  # the lowest code point printed is the example
    assert printed.index("Los textos entre corchetes") < printed.index("Constancia del registro")


def test_an_acta_the_font_prints_whole_has_no_note_on_code_points():
    printed = _flat_text(acta.pdf_bytes(_decision(attendees=_with_names(NAMES)), HEAD))
    assert "Los textos entre corchetes" not in printed and "[U+" not in printed


def test_verify_vouches_for_an_acta_with_emoji_in_this_format_and_in_format_4(tmp_path):
    """An acta printed with «�» (format 4) is printed again in its format, and is not called altered."""
    kept = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD_MEMBER)
    decision = record(kept, BOARD_MEMBER, _with_emoji(_decision_draft(attendees=_with_names(NAMES))))
    for acta_format in (constancia.ACTA_FORMAT, constancia.REPLACEMENT_FORMAT):
        printed = tmp_path / f"acta-{acta_format}.pdf"
        printed.write_bytes(bytes(acta.document(decision, kept.head(), acta_format=acta_format).output()))
        assert constancia.read_pdf(printed).format == acta_format
        result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
        assert result.returncode == 0, result.stderr
    assert "\ufffd" in _flat_text((tmp_path / "acta-4.pdf").read_bytes())


@pytest.mark.usefixtures("no_dejavu")
def test_without_dejavu_the_acta_prints_in_latin1_says_so_and_names_its_format(caplog):
    with caplog.at_level(logging.WARNING, logger="core.record.pdf_fonts"):
        printed = acta.pdf_bytes(_decision(attendees=_with_names(NAMES)), HEAD)
    text = _text(printed)
    assert "?gozi Amaru Ñaupa" in text and "?????????? ????????????" in text  # as before: Latin-1 only
    assert "fonts-dejavu-core" in caplog.text
    read = constancia.parse(text, "acta.pdf")
    assert read.format == constancia.LATIN1_FORMAT != constancia.ACTA_FORMAT
    fonts = {str(font["/BaseFont"]) for page in PdfReader(io.BytesIO(printed)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert not any("DejaVu" in font for font in fonts)


def _recorded_acta(tmp_path, names: list[str]):
    kept = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD_MEMBER)
    decision = record(kept, BOARD_MEMBER, _decision_draft(attendees=_with_names(names)))
    return decision, kept


def test_verify_vouches_for_an_acta_with_names_in_other_scripts(tmp_path):
    decision, kept = _recorded_acta(tmp_path, NAMES)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, kept.head()))
    result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 0, result.stderr


def test_verify_still_vouches_for_an_acta_printed_in_latin1(tmp_path, no_dejavu, monkeypatch):
    decision, kept = _recorded_acta(tmp_path, NAMES)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, kept.head()))  # format 3: a machine without the font
    monkeypatch.delenv("MINGA_FONTS")  # verified where DejaVu Sans is installed: printed again in format 3
    result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 0, result.stderr


def test_verify_without_dejavu_says_it_could_not_compare_an_acta_printed_with_it(tmp_path, monkeypatch):
    decision, kept = _recorded_acta(tmp_path, NAMES)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, kept.head()))
    monkeypatch.setenv("MINGA_FONTS", str(tmp_path / "sin-fuentes"))  # another machine: a process of its own
    result = verify_process(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 1
    assert "fuente DejaVu Sans, que no está instalada" in result.stderr and "ALTERADO" not in result.stderr


def _one_line(pdf: bytes) -> list[str]:
    return [line.replace("\xa0", " ") for page in PdfReader(io.BytesIO(pdf)).pages
            for line in page.extract_text().splitlines()]


def test_a_project_of_a_million_keeps_its_amount_on_one_line_in_the_acta():
    draft = _decision_draft()
    funded = [draft.funded[0].model_copy(update={"amount_usd": 1_234_567.89}), draft.funded[1]]
    lines = _one_line(acta.pdf_bytes(_decision(funded=funded), HEAD))
    assert any("$ 1.234.567,89" in line for line in lines)  # DejaVu Sans is wider than Helvetica: not «…,8» «9»


@pytest.mark.usefixtures("today_after_the_demo")
def test_an_indicator_of_a_million_keeps_its_figures_on_one_line_in_the_agreement(store):  # noqa: F811
    _accepted(store)
    indicator = agr.AnnexIndicator(name="Litros de leche", unit="litros", baseline=1_234_567.89, target=2_345_678.91,
                                   means_of_verification="Registros de acopio")
    agreement = agr.sign(store, BOARD, _draft(indicators=[indicator]))
    lines = _one_line(agreement_pdf(agreement, parish_name="El Valle", cooperant_name="MASHAV", project_title="Leche"))
    assert any("1.234.567,89" in line and "2.345.678,91" in line for line in lines)


FORMAT3 = Path(__file__).parent / "data" / "acta_format3"


def test_an_acta_the_last_release_printed_is_printed_again_exactly_in_its_format():
    """acta.pdf was printed by stop 32's release (commit 93b4193, format 3: core Latin-1 font, stored rule lines and
    reasons as stored) for decision.json, whose stored sentences carry cents. `verify --acta` prints it again in
    format 3 and must find the same text and drawing; format 4 prints those sentences by the money rule."""
    printed = constancia.read_pdf(FORMAT3 / "acta.pdf")
    body = json.loads((FORMAT3 / "decision.json").read_text(encoding="utf-8"))
    assert printed.format == constancia.LATIN1_FORMAT == 3
    again = constancia.printed_again(body, printed.head, printed.format)
    assert again.text == printed.text and again.drawn == printed.drawn
    assert "Tope de $ 16.000,00 por asociación" in printed.text and "pide $ 9.500,00" in printed.text
    today = constancia.printed_again(body, printed.head, constancia.ACTA_FORMAT).text
    assert "Tope de $ 16.000 por asociación" in today
    assert "pide $ 9.500,00 y quedan $ 5.249,50" in today  # one of the sentence's figures has cents


@pytest.mark.usefixtures("today_after_the_demo")
@pytest.mark.parametrize("name", [NAMES[0], NAMES[1], "Ana 💧"])
def test_the_agreement_prints_the_name_of_who_recorded_it_as_typed(store, name):  # noqa: F811
    """Its closing line was printed with Helvetica: a board member named «Ŋgozi» or «Αλέξανδρος» stopped the PDF."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft()).model_copy(update={"recorded_by_name": name})
    printed = _flat_text(agreement_pdf(agreement, parish_name="El Valle", cooperant_name="MASHAV",
                                       project_title="Riego"))
    assert f"{name.replace('💧', '[U+1F4A7]')} (" in printed


@pytest.mark.usefixtures("today_after_the_demo")
def test_the_agreement_and_the_final_report_say_what_a_bracketed_code_point_is(store):  # noqa: F811
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft(obligations=[agr.Obligation(party="cooperant", text="Agua 💧 y 🌱")]))
    note = ("Los textos entre corchetes como [U+1F331] son caracteres que la fuente del documento no puede dibujar "
            "(un emoji, una letra de otra escritura): se imprime en su lugar su código Unicode.")
    printed = _flat_text(agreement_pdf(agreement, parish_name="El Valle", cooperant_name="MASHAV",
                                       project_title="Riego"))
    assert "Agua [U+1F4A7] y [U+1F331]" in printed and note in printed
    evaluation = _evaluation("cooperant", agreement_id=agreement.agreement_id, lessons_positive="Riego 🌱")
    printed = _flat_text(final_report.pdf_bytes(agreement, [], [evaluation], parish_name="El Valle",
                                                project_title="Riego"))
    assert "Riego [U+1F331]" in printed and note in printed
    plain_report = _flat_text(final_report.pdf_bytes(agreement, [], [], parish_name="El Valle", project_title="Riego"))
    assert "Los textos entre corchetes" not in plain_report
