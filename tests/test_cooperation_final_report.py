"""The final report's PDF as people read it: no word of a table is cut across two lines, and each indicator's
result is its newest reported value, from whichever report gave it. The rest of the final report (criteria, money,
lessons, the Excel book): test_cooperation_reports_and_closing.py."""

# The tests take the fixture `store` imported below, from the module that defines it.
# ruff: noqa: F811

import io

import pytest
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import closing, final_report, monitoring
from tests.test_cooperation_cycle import BOARD, END, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reports_and_closing import _evaluation

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028


def _pdf_words(agreement, reports, items) -> list[str]:
    pdf = PdfReader(io.BytesIO(final_report.pdf_bytes(agreement, reports, items, parish_name="El Valle",
                                                      project_title="Riego por goteo")))
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
