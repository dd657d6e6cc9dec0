"""The acta of a decision (PDF, Excel) carries what was decided: the funded list, the votes and the quorum, who
recorded it and who presided, how the allocation was computed, the associations left without a project, and its
amounts by one rule per sentence and column; formula-like text stays text."""

import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from core import fmt
from core.record import acta, constancia
from core.record.decision_models import Decision, with_presiding
from core.record.decisions import decisions, record
from tests.decision_draft import BOARD, _by_vocal, _draft, _store, _whole

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)


def test_the_acta_pdf_reads_back_with_the_funded_list_and_the_votes(tmp_path):
    store = _store(tmp_path)
    decision = record(store, BOARD, _draft())
    head = store.head()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision, head))).pages)
    flat = " ".join(text.split())
    assert "ACTA DE DECISIÓN PRESUPUESTARIA N.º 2026-001" in flat
    assert "EL VALLE" in flat and "26/11/2026" in flat
    for funded in ("EV-P02", "Riego por goteo comunitario", "$ 18.500,00", "EV-P05", "$ 14.250,50", "$ 32.750,50"):
        assert funded in flat
    assert "APROBADO, con 2 votos a favor, 1 en contra y 1 abstención" in flat
    assert "Quórum: asisten 4 de los 5 miembros de la junta con voto; el quórum es de 3." in flat
    for name, vote in (("Rosa Quito", "A favor"), ("Marta Sinchi", "En contra"), ("Pedro Loja", "Abstención")):
        assert name in flat and vote in flat
    assert "Falta apoyo a jóvenes" in flat
    assert "Asiste sin voto" in flat
    assert "Tope de 40 % por asociación" in flat
    assert "Factibilidad" in flat and "40,0 %" in flat
    assert f"registro N.º {head.seq} {head.hash[:16]}" in flat
    assert constancia.parse(text, "acta.pdf").head == head  # the full signed head, read back from the page
    for word in ("Optimal", "nan", "None", "UTC"):
        assert not re.search(rf"\b{word}\b", flat), word
    assert "cálculo exacto" in flat and "hora de Ecuador continental" in flat
    assert "Presidente/a de la junta parroquial" in flat and "Secretario/a de la junta parroquial" in flat
    assert "Carmen Ávila" in flat.split("7. Firmas")[1]  # the secretary's name on her signature line
    assert "rompe la cadena" in flat and f"huella empieza por {head.hash[:16]}" in flat


def test_the_acta_shows_local_time():
    assert fmt.local_time("2026-12-02T03:30:00+00:00") == "01/12/2026 22:30"  # Ecuador continental is UTC−5


def test_the_acta_names_who_recorded_it_by_name_as_they_were_called_then(tmp_path):
    store = _store(tmp_path)
    decision = record(store, BOARD, _draft())
    assert (decision.recorded_by, decision.recorded_by_name) == ("presidenta", "Rosa Quito")
    flat = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages)
                    .split())
    assert "Registrada en Minga por Rosa Quito (usuario «presidenta») el " in flat
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"].iter_rows(
        min_row=2, values_only=True))
    assert fields["Registrada por"] == "Rosa Quito (usuario «presidenta»)"
    # a decision stored before names were kept still loads, and names the account
    older = decision.model_validate({k: v for k, v in decision.model_dump().items() if k != "recorded_by_name"})
    assert fmt.person(older.recorded_by_name, older.recorded_by) == "el usuario «presidenta»"


def test_the_acta_excel_holds_the_same_and_shows_formula_like_text_as_typed_never_run(tmp_path):
    typed = "=HYPERLINK(\"http://x\")"
    draft = _draft(justification_es=typed)
    decision = record(_store(tmp_path), BOARD, draft)
    book = openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))
    assert book.sheetnames == ["Decisión", "Financiadas", "No financiadas", "Asistentes y votos", "Pesos y reglas"]
    funded = list(book["Financiadas"].iter_rows(values_only=True))
    assert funded[1][:4] == ("EV-P02", "Riego por goteo comunitario", "Asociación Flor de Mayo", 18500)
    fields = dict(book["Decisión"].iter_rows(min_row=2, values_only=True))
    assert fields["Resultado"] == "Aprobado"
    cell = next(row[1] for row in book["Decisión"].iter_rows(min_row=2) if row[0].value == "Justificación")
    assert (cell.value, cell.data_type, cell.quotePrefix) == (typed, "s", True)  # text, never a formula
    votes = {row[0]: row[2] for row in book["Asistentes y votos"].iter_rows(min_row=2, values_only=True)}
    assert votes["Marta Sinchi"] == "En contra"


def test_the_acta_says_who_presided_and_their_vote_breaks_a_tie(tmp_path):
    """The president is absent: Luis, a vocal, presides; on a tie his vote decides and he signs as who presided."""
    attendees = [a.model_copy(update={"vote": "for"}) if a.name == "Luis Guamán"
                 else a.model_copy(update={"vote": "against"}) if a.name == "Marta Sinchi" else a
                 for a in _by_vocal().attendees]  # Pedro abstains: 1 for, 1 against
    decision = record(_store(tmp_path), BOARD, with_presiding(_by_vocal(attendees=attendees), "Luis Guamán"))
    assert (decision.votes_for, decision.votes_against, decision.approved, decision.casting_vote) == (1, 1, True, True)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Presidió la sesión Luis Guamán (Vocal)." in flat
    assert "Presidió la sesión (Vocal)" in flat and "Presidente/a de la junta parroquial" not in flat
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"]
                  .iter_rows(min_row=2, values_only=True))
    assert fields["Presidió la sesión"] == "Luis Guamán (Vocal)"
    assert decisions(_store(tmp_path), "010170")[0].presided_by == "Luis Guamán"


def test_a_decision_recorded_before_presiding_was_asked_reads_and_prints_as_then(tmp_path):
    """A stored decision without `presided_by` dumps as stored (the acta's hash stays) and prints no new line."""
    decision = record(_store(tmp_path), BOARD, _draft())
    body = decision.model_dump(mode="json")
    assert "presided_by" not in body
    again = Decision(**body)
    assert again.model_dump(mode="json") == body
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(again))).pages))
    assert "Presidió la sesión" not in text and "Presidente/a de la junta parroquial" in text


@pytest.mark.parametrize(("solver_status", "says"), [
    ("Optimal", "(cálculo exacto: ninguna otra asignación dentro de las reglas logra un puntaje mayor)"),
    ("NoCandidates", "(ninguna propuesta llegó a la asignación: no había nada que elegir)"),
    ("no aplica", "(cálculo sin confirmar que sea el mejor posible)"),  # as recorded before: printed as then
    ("no aplica (sin solver)", "(cálculo sin confirmar que sea el mejor posible)"),
    ("ByRule", ("(cálculo por la regla del método, que se sigue paso a paso y no busca el mayor puntaje total "
                "posible)")),
])
def test_the_acta_says_how_the_allocation_was_computed(tmp_path, solver_status, says):
    decision = record(_store(tmp_path), BOARD, _draft(solver_status=solver_status, funded=[], total_cost_usd=0,
                                                      total_score=0))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert says in text


def test_the_acta_names_each_association_left_without_a_project_and_why(tmp_path):
    store = _store(tmp_path)
    line = "Asociación Los Andes: ninguna de sus propuestas fue elegida"
    decision = record(store, BOARD, _draft(uncovered_es=[line]))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert f"Asociaciones sin ningún proyecto financiado, y por qué: {line}." in text
    fields = {row[0].value: row[1].value for row in openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))
              ["Decisión"].iter_rows(min_row=2)}
    assert fields["Asociaciones sin proyecto"] == line
    # a decision that leaves none out stores and prints nothing of it: those recorded before keep their hash
    plain = record(store, BOARD, _draft())
    assert "uncovered_es" not in plain.model_dump()
    assert "sin ningún proyecto" not in " ".join(p.extract_text() for p in
                                                 PdfReader(io.BytesIO(acta.pdf_bytes(plain))).pages)


@pytest.mark.parametrize(("whole", "sentence", "column"), [
    # the resolution compares budget, reserve and cost: cents on all three only because the cost has cents
    (False, ("Presupuesto: $ 40.000,00; reserva: $ 2.000,00;", "Se asignan $ 32.750,50 a 2 proyectos"),
     ["$ 18.500,00", "$ 14.250,50", "$ 32.750,50"]),
    (True, ("Presupuesto: $ 40.000; reserva: $ 2.000;", "Se asignan $ 32.750 a 2 proyectos"),
     ["$ 18.500", "$ 14.250", "$ 32.750"]),
])
def test_the_acta_prints_its_amounts_by_one_rule_per_sentence_and_column(tmp_path, whole, sentence, column):
    draft = _whole(_draft()) if whole else _draft()
    decision = record(_store(tmp_path), BOARD, draft)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages))
    assert all(part in text for part in sentence), text[:1200]
    funded = text[text.index("Proyectos financiados"):text.index("Total") + 20]
    assert re.findall(r"\$ [\d.]+(?:,\d\d)?", funded) == column
