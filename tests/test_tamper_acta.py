"""Tampering with a printed acta, against `python -m core.audit verify --acta` run as a separate process: an acta
printed from an edited decision or carrying a true constancia over other content, one in another format, stamps and
annotations drawn over it, painted or cropped pages, crafted annotation lists, attachments and scripts a viewer would
run. Each is named; an honest acta (signed electronically with FirmaEC, printed before names were kept, or with
whole-dollar amounts) still verifies."""

from pathlib import Path

import pytest

from core.record import acta, constancia
from core.record.decision_models import Decision
from core.record.decisions import record
from core.record.store import Store
from tests.conftest import store_accounts
from tests.decision_draft import BOARD, _draft
from tests.tampering import _signed_electronically, copy, decision_body, pristine, verify

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

__all__ = ["copy", "pristine"]  # fixtures used by name


_PRINTED_LINES = constancia.lines  # the constancia's lines as today's Minga prints them (format line last)


def test_an_acta_asked_for_and_not_read_is_not_vouched_for(copy, tmp_path):
    (tmp_path / "roto.pdf").write_bytes(b"%PDF-1.4 roto")
    for acta_file in (tmp_path / "no-such-acta.pdf", tmp_path / "roto.pdf"):
        result = verify(copy, "--acta", str(acta_file))
        assert result.returncode == 1
        assert f"No se comprobó el acta «{acta_file.name}»" in result.stderr
        assert "invalid pdf header" not in result.stderr.lower() and "EOF marker" not in result.stderr


def test_an_acta_printed_from_an_edited_decision_is_named(copy, tmp_path):
    store = Store(copy)
    _, body = decision_body(copy, 1)
    body["funded"][0]["amount_usd"] = 1.0
    printed = tmp_path / "acta-editada.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**body), store.head()))
    honest = tmp_path / "acta-fiel.pdf"
    honest.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    assert verify(copy, "--acta", str(honest)).returncode == 0
    result = verify(copy, "--acta", str(printed))
    assert result.returncode == 1
    assert "El acta «acta-editada.pdf» muestra la decisión" in result.stderr


def test_an_acta_that_carries_a_true_constancia_over_other_content_is_named(copy, tmp_path, monkeypatch):
    """The forger prints the genuine decision's hash and the log's head on an acta that funds something else:
    the constancia alone passed, and the acta seemed to prove what it did not."""
    store = Store(copy)
    _, body = decision_body(copy, 1)
    genuine = acta.body_hash(body)
    body["funded"][0]["amount_usd"] = 32750.5
    monkeypatch.setattr(acta, "body_hash", lambda _: genuine)
    forged = tmp_path / "acta-falsa.pdf"
    forged.write_bytes(acta.pdf_bytes(Decision(**body), store.head()))
    result = verify(copy, "--acta", str(forged))
    assert result.returncode == 1
    assert "El texto del acta «acta-falsa.pdf» no es el que Minga imprime" in result.stderr


@pytest.mark.parametrize("claimed", [None, 1])
def test_an_acta_in_another_format_is_not_vouched_for_nor_called_forged(copy, tmp_path, monkeypatch, claimed):
    """An acta that says another format (or none) cannot be compared with a print made today: an honest one from
    an older Minga, or an edited one whose format line was changed so that its text would go uncompared. Its
    decision and constancia are checked; the command exits 1 and says why, without calling the register altered."""
    store = Store(copy)
    with monkeypatch.context() as other_format:
        if claimed is None:
            other_format.setattr(constancia, "lines", lambda *head: _PRINTED_LINES(*head)[:-1])
        else:
            other_format.setattr(constancia, "ACTA_FORMAT", claimed)
        other_format.setattr(acta, "status_es", lambda decision: "Aprobada por unanimidad")  # other wording
        other = tmp_path / "acta.pdf"
        other.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    result = verify(copy, "--acta", str(other))
    assert result.returncode == 1
    assert "se imprimió con otro formato de Minga" in result.stderr and "no la dé por buena" in result.stderr
    assert "ALTERADO" not in result.stderr


def test_an_acta_signed_electronically_still_verifies(copy, tmp_path):
    """A GAD may sign its actas with FirmaEC: an invisible signature field is not content drawn over the acta."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    result = verify(copy, "--acta", str(_signed_electronically(printed, tmp_path / "acta-firmada.pdf")))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("subtype", "rect"), [("/FreeText", (300, 500, 400, 520)),  # a stamp calling itself one
                                               ("/Widget", (300, 500, 400, 520))])   # a visible stamp
def test_a_stamp_that_draws_over_the_acta_is_named_even_as_a_signature(copy, tmp_path, subtype, rect):
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    stamped = _signed_electronically(printed, tmp_path / "acta-sellada.pdf", subtype, rect)
    result = verify(copy, "--acta", str(stamped))
    assert result.returncode == 1 and "sellos dibujados sobre la página 1" in result.stderr


def _where_the_president_signs(printed: Path) -> tuple[int, float, float]:
    """(page index, x, baseline y) in points of the office printed under the president's signature line."""
    from pypdf import PdfReader

    found: list[tuple[int, float, float]] = []
    for index, page in enumerate(PdfReader(printed).pages):
        page.extract_text(visitor_text=lambda text, cm, tm, *_, index=index: found.append((index, tm[4], tm[5]))
                          if "Presidente/a de la junta" in text else None)
    if found:
        return found[0]
    raise AssertionError("the acta names no president's signature line")


@pytest.mark.parametrize(("above_the_office", "named"), [
    ((30, 70), False),  # a 40-point stamp in the blank above the signature line
    ((-4, 41), True),   # the same stamp lowered over the name and office under the line
    ((30, 140), True),  # a stamp tall enough to reach the text above the signatures
])
def test_a_visible_electronic_signature_is_admitted_only_above_its_signature_line(copy, tmp_path, above_the_office,
                                                                                   named):
    """FirmaEC can draw a visible signature: on the signature line it is how a board signs, over the text it is a
    stamp that hides what the acta says."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    page, _, office = _where_the_president_signs(printed)
    bottom, top = above_the_office
    rect = (60, office + bottom, 200, office + top)
    result = verify(copy, "--acta", str(_signed_electronically(printed, tmp_path / "firmada.pdf", rect=rect,
                                                              page=page)))
    assert result.returncode == (1 if named else 0), result.stderr
    assert (f"sellos dibujados sobre la página {page + 1}" in result.stderr) is named


def test_an_acta_with_an_annotation_drawn_over_its_text_is_named(copy, tmp_path):
    """A stamp over an amount changes what a reader sees and not the text the check compares."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import FreeText

    store = Store(copy)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    assert verify(copy, "--acta", str(printed)).returncode == 0
    writer = PdfWriter(clone_from=PdfReader(printed))
    writer.add_annotation(page_number=0, annotation=FreeText(text="$ 48.500,00", rect=(300, 500, 400, 520)))
    stamped = tmp_path / "acta-sellada.pdf"
    with stamped.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(stamped))
    assert result.returncode == 1
    assert "anotaciones o sellos dibujados sobre la página 1" in result.stderr


def test_the_acta_of_a_decision_stored_before_names_were_kept_still_verifies(tmp_path):
    """Decisions stored by an earlier version have no `recorded_by_name`: their acta must print the hash the log
    holds, so an honest acta still verifies."""
    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    newer = record(store, BOARD, _draft()).model_dump(mode="json")
    older = {key: value for key, value in newer.items() if key != "recorded_by_name"}
    older.update(decision_id=newer["decision_id"].replace("-001", "-002"), number_es="2026-002")
    store.save("decision", older["decision_id"], older, actor=BOARD.username, parish_code=older["parish_code"],
               expected_version=0)
    printed = tmp_path / "acta-2026-002.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**store.get("decision", older["decision_id"]).body), store.head()))
    result = verify(store.path, "--acta", str(printed))
    assert result.returncode == 0, result.stderr


def test_an_acta_with_a_malformed_or_indirect_annotation_list_is_answered_without_a_traceback(copy, tmp_path):
    """A crafted acta: its page's annotations behind an indirect reference, one with a rectangle of words."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    writer = PdfWriter(clone_from=PdfReader(printed))
    odd = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"), NameObject("/Rect"): ArrayObject([TextStringObject("ancho")] * 4)}))
    writer.pages[0][NameObject("/Annots")] = writer._add_object(ArrayObject([odd]))
    crafted = tmp_path / "acta-rara.pdf"
    with crafted.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(crafted))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "acta-rara.pdf" in result.stderr


def test_a_widget_whose_parent_chain_loops_is_named_and_the_check_ends(copy, tmp_path):
    """A crafted acta: a visible widget in the president's slot whose /Parent chain loops and never says its type.
    The check must end (a verifier that hangs vouches for nothing) and name it as something drawn over the acta."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    page, _, office = _where_the_president_signs(printed)
    writer = PdfWriter(clone_from=PdfReader(printed))
    first = writer._add_object(DictionaryObject({}))
    second = writer._add_object(DictionaryObject({NameObject("/Parent"): first}))
    first.get_object()[NameObject("/Parent")] = second
    widget = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/Parent"): first, NameObject("/F"): NumberObject(4),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (60, office + 30, 200, office + 75)])}))
    writer.pages[page][NameObject("/Annots")] = ArrayObject([widget])
    crafted = tmp_path / "acta-bucle.pdf"
    with crafted.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(crafted))  # times out (120 s) when the loop is followed forever
    assert result.returncode == 1 and f"sellos dibujados sobre la página {page + 1}" in result.stderr


@pytest.mark.parametrize("drawn", ["white_box", "cropped"])
def test_an_acta_painted_over_or_cropped_in_its_page_is_named(copy, tmp_path, drawn):
    """A white box added to the page's own content hides the funded proposals, a crop box cuts them off: the text
    the check reads is the same, what a reader sees is not."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, RectangleObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    writer = PdfWriter(clone_from=PdfReader(printed))
    page = writer.pages[0]
    if drawn == "white_box":
        box = DecodedStreamObject()
        box.set_data(b"q 1 1 1 rg 40 300 520 200 re f Q")
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(box)])
    else:
        page[NameObject("/CropBox")] = RectangleObject([0, 400, 595.28, 841.89])
    changed = tmp_path / "acta-pintada.pdf"
    with changed.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(changed))
    assert result.returncode == 1 and "que Minga no imprime en la página 1" in result.stderr, result.stderr


def _with_viewer_additions(printed: Path, changed: Path, how: str) -> Path:
    """The acta with what a PDF viewer acts on besides the page: a portfolio that opens a forged acta embedded in
    it, an attachment, or JavaScript run when the document or a page opens (Acrobat can stamp the page with it)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, create_string_object

    writer = PdfWriter(clone_from=PdfReader(printed))
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): create_string_object('this.addAnnot({page: 0, type: "FreeText", rect: [300, 500, 420, '
                                                '520], contents: "$ 28.500,00"});')}))
    root = writer._root_object
    if how in ("portfolio", "attachment"):
        writer.add_attachment("acta-2026-001.pdf", b"%PDF-1.4 otra acta")
        if how == "portfolio":  # Acrobat opens the embedded file instead of the pages the check reads
            root[NameObject("/Collection")] = DictionaryObject({
                NameObject("/Type"): NameObject("/Collection"), NameObject("/View"): NameObject("/H"),
                NameObject("/D"): create_string_object("acta-2026-001.pdf")})
    elif how == "document_script":
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
            NameObject("/Names"): ArrayObject([create_string_object("sello"), script])})})
    elif how == "open_script":
        root[NameObject("/OpenAction")] = script
    else:
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})
    with changed.open("wb") as out:
        writer.write(out)
    return changed


@pytest.mark.parametrize(("how", "named"), [
    ("portfolio", "archivos adjuntos"), ("attachment", "archivos adjuntos"),
    ("document_script", "acciones o programas (JavaScript)"), ("open_script", "acciones o programas (JavaScript)"),
    ("page_script", "acciones o programas (JavaScript)"),
])
def test_an_acta_that_makes_the_viewer_show_or_run_something_else_is_named(copy, tmp_path, how, named):
    """The page is untouched, so its text and drawing compare equal; what a reader sees is not the acta: Acrobat
    opens the forged acta a portfolio embeds, or runs a script that stamps another amount over the page."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    result = verify(copy, "--acta", str(_with_viewer_additions(printed, tmp_path / "acta-cambiada.pdf", how)))
    assert result.returncode == 1, result.stdout
    assert "El acta «acta-cambiada.pdf» tiene" in result.stderr and named in result.stderr, result.stderr


def test_an_acta_whose_amounts_print_in_whole_dollars_verifies(tmp_path):
    """Amounts print by the money rule (whole dollars when no figure of a sentence or column has cents): the acta
    printed again from the logged decision reads the same, so `verify --acta` accepts it."""
    from tests.decision_draft import _whole
    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    decision = record(store, BOARD, _whole(_draft()))
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, store.head()))
    assert "Se asignan $ 32.750 a" in constancia.read_pdf(printed).text
    result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 0, result.stderr
