"""Sentences a decision stored with their amounts written by an earlier version («$ 40.000,00») print by today's money
rule, as the figures beside them do («$ 40.000»); the stored record keeps its text."""

import io

import openpyxl
import pytest
from pypdf import PdfReader

from core import fmt
from core.record import acta
from core.record.decision_models import FundedLine, LeftOutLine
from core.record.decisions import decisions, record
from tests.decision_draft import BOARD, _draft, _store

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)


@pytest.mark.parametrize(("stored", "shown"), [
    ("Presupuesto: $ 40.000,00", "Presupuesto: $ 40.000"),
    ("Reserva de $ 2.000,00: quedan $ 38.000,00 para repartir", "Reserva de $ 2.000: quedan $ 38.000 para repartir"),
    # a figure with cents keeps every figure of its sentence to the cent, and nothing is rounded
    ("Cuesta $ 12.499,50 y solo hay $ 3.000,00 disponibles.", "Cuesta $ 12.499,50 y solo hay $ 3.000,00 disponibles."),
    # each sentence by its own figures, as amounts_named writes them
    ("Cuesta $ 12.499,50 y hay $ 3.000,00. Si costara $ 500,00 menos, entraría.",
     "Cuesta $ 12.499,50 y hay $ 3.000,00. Si costara $ 500 menos, entraría."),
    ("Saldo -$ 1.200,00", "Saldo -$ 1.200"),
    # what today's rule already wrote reads the same
    ("Presupuesto: $ 40.000", "Presupuesto: $ 40.000"), ("Queda $ 850,50 de $ 13.000,00", "Queda $ 850,50 de $ 13.000,00"),
    # a title quoted as typed is never restated
    ("Desplazaría «Bono de $ 5,00» que cuesta $ 1.000,00", "Desplazaría «Bono de $ 5,00» que cuesta $ 1.000"),
    ("Tope de 40 % por asociación", "Tope de 40 % por asociación"),
])
def test_a_stored_sentence_reads_its_amounts_by_todays_rule(stored, shown):
    assert fmt.amounts_restated(stored) == shown


def test_an_acta_recorded_earlier_prints_its_stored_amounts_as_the_figures_beside_them(tmp_path):
    store = _store(tmp_path)
    stored_rules = ["Presupuesto: $ 40.000,00", "Reserva de $ 2.000,00: quedan $ 38.000,00 para repartir"]
    stored_reason = "Cuesta $ 9.000,00 y solo hay $ 5.250,00 disponibles."
    funded = [FundedLine(proposal_id="EV-P02", title="Riego por goteo comunitario", associations_es="Flor de Mayo",
                         amount_usd=18500, score=81.5)]
    decision = record(store, BOARD, _draft(rules_es=stored_rules, funded=funded, total_cost_usd=18500, left_out=[
        LeftOutLine(proposal_id="EV-P09", title="Entrega de semillas", reason_es=stored_reason)]))
    pages = PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages
    flat = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Presupuesto: $ 40.000; reserva: $ 2.000" in flat  # the figures of the resolution, by the rule
    assert "- Presupuesto: $ 40.000 " in flat and "Reserva de $ 2.000: quedan $ 38.000 para repartir" in flat
    assert "Cuesta $ 9.000 y solo hay $ 5.250 disponibles." in flat and ",00" not in flat
    book = openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))
    rules = [row[0] for row in book["Pesos y reglas"].iter_rows(values_only=True)]
    assert "Presupuesto: $ 40.000" in rules and "Reserva de $ 2.000: quedan $ 38.000 para repartir" in rules
    assert [row[2] for row in book["No financiadas"].iter_rows(min_row=2, values_only=True)] == [
        "Cuesta $ 9.000 y solo hay $ 5.250 disponibles."]
    [kept] = decisions(store, "010170")  # the record keeps what it stored
    assert (kept.rules_es, kept.left_out[0].reason_es) == (stored_rules, stored_reason)
