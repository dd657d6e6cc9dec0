"""The final report's PDF as people read it: no word of a table is cut across two lines, and each indicator's
result is its newest reported value, from whichever report gave it. The rest of the final report (criteria, money,
lessons, the Excel book): test_cooperation_reports_and_closing.py."""

# The tests take the fixture `store` imported below, from the module that defines it.
# ruff: noqa: F811

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import closing, final_report, monitoring, pdot_progress, reviews
from core.proposals import records
from tests.test_cooperation_cycle import BOARD, END, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reports_and_closing import _evaluation

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028


def _pdf_words(agreement, reports, items, **reviewed) -> list[str]:
    pdf = PdfReader(io.BytesIO(final_report.pdf_bytes(agreement, reports, items, parish_name="El Valle",
                                                      project_title="Riego por goteo", **reviewed)))
    return [word.strip("()") for page in pdf.pages for word in page.extract_text().split()]


@pytest.mark.parametrize("evaluators", [
    [("planner", "Técnica")],
    [("planner", "Técnica"), ("cooperant", "MASHAV")],
    [("planner", "Planificadora"), ("cooperant", "Embajada"), ("association", "Asociación Agroecológica")],
])
def test_no_word_of_the_evaluation_table_is_cut_across_lines(store, evaluators):
    """The evaluator's column was 20 mm wide: its heading printed «planificac» on one line and «ión» on the next."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=END, physical_progress_pct=100))
    for evaluator, name in evaluators:
        closing.save_evaluation(store, PLANNER, _evaluation(evaluator, evaluator_name=name))
    items = closing.evaluations(store, agreement.agreement_id)
    words = _pdf_words(agreement, monitoring.reports(store, agreement.agreement_id), items)
    expected = {"planner": ["Técnico", "planificación"], "cooperant": ["Cooperante"], "association": ["Asociación"]}
    for evaluator, name in evaluators:
        for word in [*expected[evaluator], *name.split()]:
            assert word in words, word
    for word in ("Sostenibilidad", "Pertinencia", "Evidencia", "Criterio"):
        assert word in words, word
    assert "planificac" not in words and "ión" not in words


def _report(report_id, period_end, progress, values):
    return monitoring.Report(report_id=report_id, agreement_id="010170-CONV-2026-001", period_end=period_end,
                             physical_progress_pct=progress,
                             values=[monitoring.IndicatorValue(name=n, value=v) for n, v in values.items()])


def test_each_result_is_the_newest_value_reported_of_its_indicator(store):
    """A report saved through core without an indicator left it «sin dato», though an earlier report had one."""
    _accepted(store)
    two = [agr.AnnexIndicator(name="Familias con riego", unit="familias", baseline=0, target=150,
                              means_of_verification="Actas de entrega"),
           agr.AnnexIndicator(name="Hectáreas regadas", unit="ha", baseline=0, target=40,
                              means_of_verification="Informe técnico")]
    agreement = agr.sign(store, BOARD, _draft(indicators=two))
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 6, 30), 40,
                                                   {"Familias con riego": 60, "Hectáreas regadas": 12}))
    monitoring.save_report(store, PLANNER, _report("R2", END, 100, {"Familias con riego": 148}))
    reports = monitoring.reports(store, agreement.agreement_id)
    closing.save_evaluation(store, PLANNER, _evaluation())
    items = closing.evaluations(store, agreement.agreement_id)
    text = " ".join(_pdf_words(agreement, reports, items))  # words without their brackets
    assert "sin dato" not in text
    assert "Hectáreas regadas ha 0,00 40,00 12,00 R1 período hasta el 30/06/2027" in text
    assert "Familias con riego familias 0,00 150,00 148,00 R2 período hasta el 31/12/2027" in text
    book = load_workbook(io.BytesIO(final_report.xlsx_bytes(agreement, reports, items)))
    results = list(book["Resultados"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[5]) for r in results] == [
        ("Familias con riego", 148, "R2 (período hasta el 31/12/2027)"),
        ("Hectáreas regadas", 12, "R1 (período hasta el 30/06/2027)")]
    frame = pdot_progress.progress([v.item for v in records.pdot_objectives(store, "010170")],
                                   records.proposal_models(store, "010170"), [agreement],
                                   {agreement.agreement_id: reports})
    assert frame.row(0, named=True)["indicators"] == ("Familias con riego: 148 de 150 familias; "
                                                      "Hectáreas regadas: 12 de 40 ha")


def test_no_word_of_the_reviews_table_is_cut_across_lines(store):
    """The reviewer's column kept 30 mm whatever was typed: a long name printed cut in two."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    reviews.save_midterm(store, PLANNER, reviews.MidtermEvaluation(
        agreement_id=agreement.agreement_id, evaluated_on=dt.date(2027, 6, 30),
        evaluator="Interdisciplinaria-Cooperativa", findings="Avance según lo planificado", recommendation="continue"))
    words = _pdf_words(agreement, [], [], midterm=reviews.midterm(store, agreement.agreement_id))
    assert "Interdisciplinaria-Cooperativa" in words


def test_an_evidence_with_no_space_to_wrap_at_leaves_the_columns_as_they_were(store):
    """A word wider than the page cannot stay whole: widening the evidence column to it squeezed the others to
    nothing and the PDF was not written."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=END, physical_progress_pct=100))
    scores = [closing.CriterionScore(criterion=c, score=4, evidence="Acta" * 500) for c in closing.CRITERIA]
    closing.save_evaluation(store, PLANNER, _evaluation(scores=scores))
    words = _pdf_words(agreement, monitoring.reports(store, agreement.agreement_id),
                       closing.evaluations(store, agreement.agreement_id))
    assert "Sostenibilidad" in words and "planificación" in words
