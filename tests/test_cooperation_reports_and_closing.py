"""After the signature, to the closing: progress reports raise and clear the flags and are checked against the
annex and the earlier reports, the closing evaluation waits for the end, the full work or a reason, and the final
report's PDF and Excel open and carry the five criteria; the PDOT report and a backup of every record the cycle
stores. The application and the agreement these start from: test_cooperation_cycle.py."""

# The tests take the fixture `store` imported below, from the module that defines it.
# ruff: noqa: F811

import datetime as dt
import io
import re
import sqlite3
from contextlib import closing as closing_connection

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import calls, closing, cooperants, final_report, monitoring, pdot_progress, stages
from core.iati import identifiers
from core.proposals import records
from core.record import backup
from core.record.auth import Accounts
from tests.conftest import store_accounts
from tests.test_cooperation_cycle import BOARD, END, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028


def _report(report_id, period_end, progress, spent_gad=0.0, measure="none", note=None, value=None):
    return monitoring.Report(report_id=report_id, agreement_id=AGREEMENT_ID, period_end=period_end,
                             physical_progress_pct=progress, spent_gad_usd=spent_gad, measure=measure,
                             measure_note=note,
                             values=[monitoring.IndicatorValue(name="Familias con riego", value=value)]
                             if value else [])


AGREEMENT_ID = "010170-CONV-2026-001"


@pytest.mark.parametrize("reports, today, raised", [
    ([], dt.date(2027, 2, 1), set()),  # just started
    ([], dt.date(2027, 5, 1), {"late", "report_overdue"}),  # a third of the time gone, nothing reported
    ([("R1", dt.date(2027, 3, 31), 25, 1_000)], dt.date(2027, 4, 10), set()),
    ([("R1", dt.date(2027, 6, 30), 20, 1_000)], dt.date(2027, 7, 5), {"late"}),  # half the time, 20 % done
    ([("R1", dt.date(2027, 3, 31), 25, 8_000)], dt.date(2027, 4, 10), {"over_budget"}),  # GAD spent > 7.000
    ([("R1", dt.date(2027, 3, 31), 25, 1_000)], dt.date(2027, 8, 1), {"late", "report_overdue"}),
])
def test_reports_raise_and_clear_the_flags(store, reports, today, raised):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    for report_id, period_end, progress, spent in reports:
        monitoring.save_report(store, PLANNER, _report(report_id, period_end, progress, spent))
    found = monitoring.flags(agreement, monitoring.reports(store, agreement.agreement_id), today)
    assert {name for name, on in found.items() if on} == raised


def test_an_agreement_adding_up_to_more_than_its_project_costs_is_flagged_until_the_cost_is_updated(store):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())  # 19.500 for EV-P02, whose stored cost is 9.500
    today = dt.date(2026, 12, 3)
    flagged = monitoring.flags_frame(store, [agreement], today)
    assert flagged["over_cost"].item() and "suma más que el costo registrado" in flagged["reasons"].item()
    proposal = records.proposal(store, "EV-P02").item
    reformulated = proposal.model_copy(update={"cost_usd": 19_500, "requested_usd": 7_000,
                                               "counterpart_associations_usd": 2_500,
                                               "counterpart_cooperant_usd": 10_000, "budget_lines": []})
    records.save_proposal(store, PLANNER, reformulated)
    assert not monitoring.flags_frame(store, [agreement], today)["over_cost"].item()


def test_a_report_checks_the_annex_and_a_proposal_to_cancel_is_flagged(store):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    with pytest.raises(ValueError, match="Explique la medida"):
        _report("R1", dt.date(2027, 3, 31), 10, measure="cancellation")
    stray = _report("R1", dt.date(2027, 3, 31), 10).model_copy(
        update={"values": [monitoring.IndicatorValue(name="Otro", value=1)]})
    with pytest.raises(ValueError, match="no está en el anexo"):
        monitoring.save_report(store, PLANNER, stray)
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 3, 31), 10, measure="cancellation",
                                                   note="El cooperante retira los equipos", value=30))
    frame = monitoring.flags_frame(store, [agreement], dt.date(2027, 4, 5))
    assert frame["cancellation"].item() and "cancelación propuesta" in frame["reasons"].item()
    chart = monitoring.planned_vs_actual(agreement, monitoring.reports(store, agreement.agreement_id))
    assert chart["actual"].item() == 30 and 0 < chart["planned"].item() < 150


def _evaluation(evaluator="planner", **changes):
    scores = [closing.CriterionScore(criterion=c, score=s, evidence=f"Evidencia de {c}")
              for c, s in zip(closing.CRITERIA, (5, 4, 4, 3, 2), strict=True)]
    base = dict(agreement_id=AGREEMENT_ID, evaluator=evaluator, evaluator_name="Técnica", evaluated_on=END,
                scores=scores, lessons_positive="Diseño en el territorio", lessons_negative="Contraparte tardía")
    return closing.ClosingEvaluation(**{**base, **changes})


def test_the_closing_evaluation_needs_the_five_criteria():
    with pytest.raises(ValueError, match="falta: Sostenibilidad"):
        _evaluation(scores=_evaluation().scores[:4])


def test_the_final_report_pdf_and_excel_open_and_carry_the_five_criteria(store):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 12, 31), 100, 6_500, value=152))
    closing.save_evaluation(store, PLANNER, _evaluation())
    closing.save_evaluation(store, PLANNER, _evaluation("cooperant", evaluator_name="MASHAV"))
    items = closing.evaluations(store, agreement.agreement_id)
    reports = monitoring.reports(store, agreement.agreement_id)
    pdf = PdfReader(io.BytesIO(final_report.pdf_bytes(agreement, reports, items, parish_name="El Valle",
                                                      project_title="Riego por goteo")))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)  # wherever the lines break
    for criterion in ("Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"):
        assert criterion in text
    assert "5 muy satisfactorio" in text and "Contraparte tardía" in text and "$ 6.500" in text
    book = load_workbook(io.BytesIO(final_report.xlsx_bytes(agreement, reports, items)))
    evaluation = [row for row in book["Evaluación"].iter_rows(values_only=True)]
    assert [row[0] for row in evaluation[1:6]] == ["Pertinencia", "Eficiencia", "Eficacia", "Impacto",
                                                  "Sostenibilidad"]
    assert evaluation[1][1:3] == (5, 5) and evaluation[5][1:3] == (2, 2)
    assert [row[1:3] for row in book["Recursos"].iter_rows(min_row=2, values_only=True)][1] == (7000, 6500)
    money_formats = {cell.number_format for row in book["Recursos"].iter_rows(min_row=2, min_col=2, max_col=3)
                     for cell in row if cell.value is not None}
    assert money_formats == {"#,##0.00"}  # money with two decimals, not Excel's General
    kept = closing.lessons(store, [agreement])
    assert [(k["evaluator"], k["negative"]) for k in kept] == [("planner", "Contraparte tardía"),
                                                               ("cooperant", "Contraparte tardía")]


def test_the_pdot_report_puts_each_followed_project_under_its_objectives(store):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 6, 30), 40, 3_000, value=60))
    objectives = [v.item for v in records.pdot_objectives(store, "010170")]
    proposals = records.proposal_models(store, "010170")
    frame = pdot_progress.progress(objectives, proposals, [agreement],
                                   {agreement.agreement_id: monitoring.reports(store, agreement.agreement_id)})
    p02 = next(p for p in proposals if p.proposal_id == "EV-P02")
    assert sorted(frame["pdot_objective_id"]) == sorted(p02.pdot_objective_ids)  # only EV-P02 is followed
    row = frame.row(0, named=True)
    assert (row["agreement"], row["committed_usd"], row["spent_usd"], row["progress_pct"]) == (
        "CONV-2026-001", 19_500, 3_000, 40)
    assert row["indicators"] == "Familias con riego: 60 de 150 familias"


def test_a_backup_with_every_cooperation_record_is_accepted(store, tmp_path):
    """Every kind the cooperation cycle stores has its model in the backup's list, so a backup is not refused."""
    _accepted(store)
    agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 3, 31), 25, 1_000))
    closing.save_evaluation(store, PLANNER, _evaluation())
    stages.record_stage(store, PLANNER, "010170", stages.StageEvidence(
        proposal_id="EV-P02", stage="comunidad", reached_on=dt.date(2026, 1, 10), evidence="Acta de la asamblea"))
    stages.save_rule(store, BOARD, stages.StageRule(parish_code="010170", required_stage="comunidad",
                                                    reason="Toda propuesta nace de la asamblea comunitaria."))
    identifiers.save_publisher(store, PLANNER, "010170", "0160000000001")
    Accounts(store).create_first_admin("admin", "Administración", "clave-de-prueba-2026")
    store_accounts(store, PLANNER)  # with accounts in the store, rights are read from them
    cooperant, call = cooperants.cooperants(store)[0], calls.calls(store)[0]  # the demo's, edited
    cooperants.save_cooperant(store, PLANNER, cooperant.model_copy(update={"name": f"{cooperant.name} (Ecuador)"}), 0)
    calls.save_call(store, PLANNER, call.model_copy(update={"title": f"{call.title} (segunda)"}), 0)
    with closing_connection(sqlite3.connect(store.path)) as con:
        kinds = {row[0] for row in con.execute("SELECT DISTINCT kind FROM records")}
    assert {"cooperant", "call", "application", "agreement", "agreement_report", "closing_evaluation",
            "proposal_stage", "stage_rule", "iati_publisher"} <= kinds
    report = backup.inspect_backup(store, backup.backup_to(store, tmp_path / "respaldo.sqlite"))
    assert report.problems == ()


def test_a_report_code_already_in_use_is_named_and_the_first_report_kept(store):
    """Report codes are unique in the store: «R1» of another agreement is a code in use, not someone's edit."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 3, 31), 25, 1_000))
    with pytest.raises(ValueError, match="El código de informe «R1» ya está en uso"):
        monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 6, 30), 50, 2_000))
    assert [r.physical_progress_pct for r in monitoring.reports(store, agreement.agreement_id)] == [25]


# (period end, physical progress, GAD's spending to date) of the first report, then of the second
@pytest.mark.parametrize("earlier, later, problems, refused", [
    ((dt.date(2027, 3, 31), 40, 0), (dt.date(2027, 6, 30), 10, 0), None,
     "El avance físico de este informe (10 %) no sigue al del informe R1 (40 % al 31/03/2027)"),
    ((dt.date(2027, 3, 31), 40, 0), (dt.date(2027, 6, 30), 10, 0), "La crecida se llevó 300 m de tubería", None),
    ((dt.date(2027, 3, 31), 40, 0), (dt.date(2027, 6, 30), 40, 0), None, None),  # no progress: late, not backwards
    ((dt.date(2027, 6, 30), 30, 0), (dt.date(2027, 3, 31), 50, 0), None,  # a report filed late, for an earlier period
     "El avance físico de este informe (50 %) no sigue al del informe R1 (30 % al 30/06/2027)"),
    ((dt.date(2027, 3, 31), 20, 6_000), (dt.date(2027, 6, 30), 20, 0), None,  # the spending box left at its 0
     ("«Gastado a la fecha: Contraparte del GAD (USD)» es $ 0 en este informe, menos que en el informe R1 ($ 6.000 "
      "al 31/03/2027)")),
    ((dt.date(2027, 3, 31), 20, 6_000), (dt.date(2027, 6, 30), 20, 5_500), "Se anuló una factura de $ 500", None),
    ((dt.date(2027, 3, 31), 20, 6_000), (dt.date(2027, 6, 30), 20, 6_000), None, None),  # nothing spent meanwhile
    ((dt.date(2027, 6, 30), 20, 3_000), (dt.date(2027, 3, 31), 20, 4_000), None,  # filed late, for an earlier period
     "es $ 4.000 en este informe, más que en el informe R1 ($ 3.000 al 30/06/2027), de un período posterior"),
])
def test_progress_or_spending_that_goes_back_is_refused_until_the_report_says_why(store, earlier, later, problems,
                                                                                   refused):
    """A report at 10 % after one at 40 % was accepted without a word, and one whose spending box was left at 0
    after one with $ 6.000 was stored (the final report then said the GAD spent nothing, and Seguimiento cleared
    its «sobre el presupuesto»): physical progress and spending to date are cumulative."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", *earlier))
    second = _report("R2", *later).model_copy(update={"problems": problems})
    if refused is None:
        monitoring.save_report(store, PLANNER, second)
        assert len(monitoring.reports(store, agreement.agreement_id)) == 2
    else:
        with pytest.raises(ValueError, match=re.escape(refused)) as caught:
            monitoring.save_report(store, PLANNER, second)
        assert "explíquelo en «Problemas encontrados»" in str(caught.value)
        assert [r.report_id for r in monitoring.reports(store, agreement.agreement_id)] == ["R1"]


@pytest.mark.parametrize("evaluated_on, progress, early_reason, refused", [
    (dt.date(2027, 3, 1), 10, None, ("El convenio CONV-2026-001 termina el 31/12/2027 y su último informe dice "
                                     "10 % de avance físico")),
    (dt.date(2027, 3, 1), None, None, "su último informe dice 0 % de avance físico"),  # no report yet
    (dt.date(2027, 3, 1), 10, "cancelado", ("qué pasó. El motivo escrito, «cancelado», es demasiado corto: diga "
                                            "qué pasó en al menos 10 caracteres")),  # it was told to write one
    (dt.date(2027, 3, 1), 10, "El cooperante canceló el convenio por falta de fondos", None),
    (dt.date(2027, 3, 1), 100, None, None),  # the work done ahead of time
    (END, 60, None, None),  # the agreement's end reached: evaluated as it stands
    # a reason for closing early given for a closing that is not early: the final report would print it as one
    (dt.date(2027, 3, 1), 100, "El cooperante canceló el convenio por falta de fondos",
     ("último informe dice 100 % de avance físico: este cierre no es anticipado. Deje vacío «Motivo del cierre "
      "anticipado»")),
    (END, 60, "El cooperante canceló el convenio por falta de fondos", "dice 60 % de avance físico: este cierre no es"),
])
def test_the_closing_evaluation_waits_for_the_end_the_full_work_or_a_reason(store, evaluated_on, progress,
                                                                            early_reason, refused):
    """A closing evaluation was saved two months into a twelve-month agreement at 10 % (brief R14)."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    if progress is not None:
        monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 2, 28), progress))
    evaluation = _evaluation(evaluated_on=evaluated_on, early_reason=early_reason)
    if refused is None:
        closing.save_evaluation(store, PLANNER, evaluation)
        assert [e.early_reason for e in closing.evaluations(store, agreement.agreement_id)] == [early_reason]
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            closing.save_evaluation(store, PLANNER, evaluation)
        assert closing.evaluations(store, agreement.agreement_id) == []


def test_the_final_report_says_why_a_project_closed_early(store):
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 2, 28), 10))
    reason = "El cooperante canceló el convenio por falta de fondos"
    closing.save_evaluation(store, PLANNER, _evaluation(evaluated_on=dt.date(2027, 3, 1), early_reason=reason))
    items = closing.evaluations(store, agreement.agreement_id)
    reports = monitoring.reports(store, agreement.agreement_id)
    pdf = PdfReader(io.BytesIO(final_report.pdf_bytes(agreement, reports, items, parish_name="El Valle",
                                                      project_title="Riego por goteo")))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert f"Cierre anticipado, evaluado por Técnico de planificación el 01/03/2027: {reason}" in text
    book = load_workbook(io.BytesIO(final_report.xlsx_bytes(agreement, reports, items)))
    lessons = list(book["Lecciones"].iter_rows(values_only=True))
    assert lessons[0][3] == "Motivo del cierre anticipado" and lessons[1][3] == reason


@pytest.mark.parametrize("period_end, refused", [
    (dt.date(2028, 3, 31), ("El convenio CONV-2026-001 se cerró con su evaluación de cierre del 15/01/2028: no se "
                            "registra un informe de un período que termina después (31/03/2028)")),
    (dt.date(2028, 1, 15), None),  # the closing day itself: the period the evaluation saw
    (dt.date(2027, 9, 30), None),  # a report of a period before the closing, entered late
])
def test_a_closed_agreement_takes_no_report_of_a_later_period(store, period_end, refused):
    """A report dated after the closing evaluation was stored: the final report then showed its spending (over what
    was committed) and dropped the values the closing was based on, and IATI published it as new expenditure."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 12, 31), 100, spent_gad=7_000, value=150))
    closing.save_evaluation(store, PLANNER, _evaluation(evaluated_on=dt.date(2028, 1, 15)))
    late = _report("R2", period_end, 100, spent_gad=6_500, value=150).model_copy(
        update={"problems": "Gasto corregido tras la auditoría"})
    if refused is None:
        monitoring.save_report(store, PLANNER, late)
        assert "R2" in [r.report_id for r in monitoring.reports(store, agreement.agreement_id)]
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            monitoring.save_report(store, PLANNER, late)
        assert [r.report_id for r in monitoring.reports(store, agreement.agreement_id)] == ["R1"]


@pytest.mark.parametrize("today, raised", [
    (dt.date(2027, 2, 27), {"late"}),  # before the closing: eight weeks gone, nothing done
    (dt.date(2027, 8, 1), set()),  # closed early on 01/03/2027: nothing late, no report due
])
def test_an_agreement_closed_early_asks_for_no_more_reports(store, today, raised):
    """Closed early for a cancellation, Seguimiento kept flagging it «atrasado; informe pendiente» for a report
    that a closed agreement no longer takes (monitoring.require_open)."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 1, 31), 0))
    closing.save_evaluation(store, PLANNER, _evaluation(evaluated_on=dt.date(2027, 3, 1),
                                                        early_reason="El cooperante canceló el convenio"))
    frame = monitoring.flags_frame(store, [agreement], today)
    assert {f for f in monitoring.FLAGS if frame[f].item()} == raised


@pytest.mark.parametrize("evaluator", ["planner", "cooperant"])
def test_a_closing_dated_before_a_stored_report_is_refused(store, evaluator):
    """A closing evaluation backdated before a stored report (R2, 50 % on 30/06/2027) was saved «early at 10 %»: the
    agreement then held a report after its closing, which a closed agreement never takes, and the evaluation judged
    a progress the project had passed."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 2, 28), 10))
    monitoring.save_report(store, PLANNER, _report("R2", dt.date(2027, 6, 30), 50, spent_gad=3_000))
    backdated = _evaluation(evaluator, evaluated_on=dt.date(2027, 3, 1),
                            early_reason="El cooperante canceló el convenio por falta de fondos")
    with pytest.raises(ValueError, match=re.escape(
            "El informe R2 del convenio CONV-2026-001 cubre un período que termina el 30/06/2027, después de esta "
            "evaluación de cierre (01/03/2027)")):
        closing.save_evaluation(store, PLANNER, backdated)
    assert closing.evaluations(store, agreement.agreement_id) == []
    assert agr.closed_on(store, agreement.agreement_id) is None
    closing.save_evaluation(store, PLANNER, backdated.model_copy(update={"evaluated_on": dt.date(2027, 6, 30)}))
    assert agr.closed_on(store, agreement.agreement_id) == dt.date(2027, 6, 30)


def test_a_report_giving_two_values_of_one_indicator_is_refused(store):
    """A report with «Familias con riego» at 10 and at 90 was stored: the chart, the final report and IATI took the
    last one, whichever the planner meant."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    twice = _report("R1", dt.date(2027, 3, 31), 10, value=10).model_copy(update={"values": [
        monitoring.IndicatorValue(name="Familias con riego", value=10),
        monitoring.IndicatorValue(name="Familias con riego", value=90)]})
    with pytest.raises(ValueError, match=re.escape("El informe da dos valores del indicador «Familias con riego»")):
        monitoring.save_report(store, PLANNER, twice)
    assert monitoring.reports(store, agreement.agreement_id) == []
