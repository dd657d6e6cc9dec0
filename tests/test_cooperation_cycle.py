"""From application to closing: the answer is recorded once, only an accepted application becomes a numbered
agreement signed by the board, reports raise and clear the flags, and the closing evaluation's PDF and Excel open and
carry the five criteria."""

import datetime as dt
import io
import re
import sqlite3
from contextlib import closing as closing_connection

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import (
    calls,
    closing,
    cooperants,
    final_report,
    monitoring,
    pdot_progress,
    stages,
)
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.iati import identifiers
from core.proposals import records
from core.record import backup
from core.record.auth import Accounts, PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import approve_proposal, store_accounts

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


@pytest.fixture()
def store(tmp_path, con):
    """The demo store with EV-P02 approved by the junta («Financiada»): the proposal the cycle signs for."""
    store = Store(tmp_path / "s.sqlite")
    approve_proposal(store, "EV-P02")
    return store


def _draft(**changes):
    base = dict(application_id="AP-1", signed_on=dt.date(2026, 12, 15), start_date=START, end_date=END,
                cooperant_usd=10_000, gad_usd=7_000, community_usd=2_500,
                obligations=[agr.Obligation(party="cooperant", text="Entregar 20 equipos de riego")],
                indicators=[agr.AnnexIndicator(name="Familias con riego", unit="familias", baseline=0, target=150,
                                               means_of_verification="Actas de entrega")])
    return agr.AgreementDraft(**{**base, **changes})


def _accepted(store):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    return agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 20), "Sin cambios")


def test_the_answer_is_recorded_once_and_only_an_accepted_application_is_signed(store):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    with pytest.raises(ValueError, match="no lo está"):
        agr.sign(store, BOARD, _draft())
    with pytest.raises(ValueError, match="anterior al envío"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 9, 1))
    agr.record_answer(store, PLANNER, "AP-1", "reformulate", dt.date(2026, 11, 1), "Enfoque de género")
    with pytest.raises(ValueError, match="ya tiene la respuesta"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 2))
    with pytest.raises(ValueError, match="no lo está"):
        agr.sign(store, BOARD, _draft())


def test_an_accepted_application_becomes_a_numbered_agreement_signed_by_the_board(store):
    _accepted(store)
    with pytest.raises(PermissionDenied):
        agr.sign(store, PLANNER, _draft())
    signed = agr.sign(store, BOARD, _draft())
    assert signed.number_es == "CONV-2026-001" and signed.proposal_id == "EV-P02"
    assert signed.total_usd == 19_500 and signed.by_source()["community"] == 2_500
    with pytest.raises(ValueError, match="ya tiene su convenio"):
        agr.sign(store, BOARD, _draft())
    assert store.log(agr.AGREEMENT)[0].action == "firmar convenio"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_pdf(
        signed, parish_name="El Valle", cooperant_name="Embajada de Israel", project_title="Riego"))).pages)
    for expected in ("CONVENIO DE COOPERACIÓN CONV-2026-001", "Contraparte del GAD", "$ 7.000",
                     "Familias con riego", "Entregar 20 equipos de riego"):
        assert expected in text
    flat = " ".join(text.split())  # who recorded it, by name, at the parish's time (never the stored UTC text)
    assert re.search(r"Registrado en Minga por Presidenta \(usuario «presidenta»\) el \d\d/\d\d/\d{4} \d\d:\d\d "
                     r"\(hora de Ecuador continental\)", flat), flat[-300:]


@pytest.mark.parametrize("status, refused", [
    ("submitted", ("La propuesta «EV-P03» está «Presentada»: solo se firma el convenio de una propuesta que la "
                   "junta parroquial aprobó")),
    ("scored", "La propuesta «EV-P03» está «Calificada»"),
    ("funded", None),
    ("in_execution", None),
    ("closed", "La propuesta «EV-P03» está «Cerrada»"),
])
def test_an_agreement_is_signed_only_for_a_proposal_the_junta_approved(store, status, refused):
    """COPFP Art. 69 and the thesis's ordinance Art. 13 (brief R11): the GAD's highest authority approves a
    cooperation project; a proposal only presented had an agreement signed, and Seguimiento then showed nothing."""
    if status != "submitted":
        approve_proposal(store, "EV-P03", status=status)
    agr.submit(store, PLANNER, agr.Application(application_id="AP-3", parish_code="010170", proposal_id="EV-P03",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-3", "accepted", dt.date(2026, 11, 20))
    if refused is None:
        assert agr.sign(store, BOARD, _draft(application_id="AP-3")).proposal_id == "EV-P03"
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.sign(store, BOARD, _draft(application_id="AP-3"))
        assert agr.agreements(store, "010170") == []


def test_agreement_dates_and_amounts_are_checked_in_spanish():
    with pytest.raises(ValueError, match="antes de empezar"):
        _draft(end_date=START)
    with pytest.raises(ValueError, match="no tiene montos"):
        _draft(cooperant_usd=0, gad_usd=0, community_usd=0)


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


@pytest.mark.parametrize(("changes", "message"), [
    ({"proposal_id": "EV-P99"}, "La propuesta EV-P99 no existe en la parroquia"),
    ({"parish_code": "010152"}, "La propuesta EV-P02 no existe en la parroquia"),
    ({"call_id": "CONV-NO-EXISTE"}, "La convocatoria CONV-NO-EXISTE no existe o es de otro cooperante"),
])
def test_an_application_names_a_proposal_of_its_parish_and_a_call_of_its_cooperant(store, changes, message):
    base = dict(application_id="AP-9", parish_code="010170", proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
                submitted_on=dt.date(2026, 10, 1))
    with pytest.raises(ValueError, match=message):
        agr.submit(store, PLANNER, agr.Application(**{**base, **changes}))
    assert store.get(agr.APPLICATION, "AP-9") is None


def test_an_application_code_in_use_is_said_to_be_in_use(store):
    _accepted(store)
    with pytest.raises(ValueError, match="El código «AP-1» ya está en uso"):
        agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P03",
                                                   cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 2)))
    assert store.get(agr.APPLICATION, "AP-1").body["proposal_id"] == "EV-P02"


def test_an_answer_from_the_future_or_a_signature_before_the_answer_is_refused(store, today_after_the_demo):
    agr.submit(store, PLANNER, agr.Application(application_id="AP-1", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    with pytest.raises(ValueError, match="posterior a hoy"):
        agr.record_answer(store, PLANNER, "AP-1", "accepted", today_after_the_demo + dt.timedelta(days=1))
    agr.record_answer(store, PLANNER, "AP-1", "accepted", dt.date(2026, 11, 20))
    with pytest.raises(ValueError, match="antes de la respuesta del cooperante"):
        agr.sign(store, BOARD, _draft().model_copy(update={"signed_on": dt.date(2026, 11, 1)}))


def test_an_agreement_under_a_call_puts_in_the_counterpart_the_call_asks_for(store):
    """Japan's 2027 call asks the parish for 40 %: an agreement with everything from the cooperant was signed."""
    agr.submit(store, PLANNER, agr.Application(application_id="AP-J", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", call_id="CV-JAPON-2027",
                                               submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-J", "accepted", dt.date(2026, 11, 20))
    draft = _draft().model_copy(update={"application_id": "AP-J", "cooperant_usd": 24_000.0, "gad_usd": 0.0,
                                        "community_usd": 0.0})
    with pytest.raises(ValueError, match="exige una contraparte local del 40 %"):
        agr.sign(store, BOARD, draft)
    signed = agr.sign(store, BOARD, draft.model_copy(update={"cooperant_usd": 14_400.0, "gad_usd": 9_600.0}))
    assert signed.total_usd == 24_000


def _call(store, **changes):
    """A call of the Japanese embassy, open in the second half of 2026, up to USD 15.000 and 20 % counterpart."""
    call = calls.Call(**{"call_id": "CV-PRUEBA", "cooperant_id": "CO-JAPON", "title": "Convocatoria de prueba",
                         "call_type": "open_call", "open_date": dt.date(2026, 6, 1), "close_date": dt.date(2026, 8, 31),
                         "counterpart_required_pct": 20, "max_amount_usd": 15_000, "source": "Sitio del cooperante",
                         **changes})
    calls.save_call(store, PLANNER, call, new=True)
    return call


@pytest.mark.parametrize("submitted_on, refused", [
    (dt.date(2026, 8, 31), None),  # the closing day itself
    (dt.date(2026, 9, 1), ("La convocatoria CV-PRUEBA cerró el 31/08/2026 y la postulación tiene fecha de envío "
                           "01/09/2026")),
])
def test_an_application_to_a_call_is_sent_by_its_closing_date(store, submitted_on, refused):
    store_accounts(store, PLANNER)
    _call(store)
    application = agr.Application(application_id="AP-C", parish_code="010170", proposal_id="EV-P02",
                                  cooperant_id="CO-JAPON", call_id="CV-PRUEBA", submitted_on=submitted_on)
    if refused is None:
        assert agr.submit(store, PLANNER, application).call_id == "CV-PRUEBA"
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.submit(store, PLANNER, application)
        assert agr.applications(store, "010170") == []


@pytest.mark.parametrize("cooperant_usd, refused", [
    (15_000.0, None),
    (150_000.0, "La convocatoria CV-PRUEBA financia hasta $ 15.000 y el convenio pone $ 150.000 del cooperante"),
])
def test_an_agreement_under_a_call_stays_within_the_amount_the_call_funds(store, cooperant_usd, refused):
    store_accounts(store, PLANNER, BOARD)
    _call(store)
    agr.submit(store, PLANNER, agr.Application(application_id="AP-C", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-JAPON", call_id="CV-PRUEBA",
                                               submitted_on=dt.date(2026, 8, 1)))
    agr.record_answer(store, PLANNER, "AP-C", "accepted", dt.date(2026, 9, 15))
    draft = _draft(application_id="AP-C", cooperant_usd=cooperant_usd, gad_usd=cooperant_usd / 3, community_usd=0)
    if refused is None:
        assert agr.sign(store, BOARD, draft).cooperant_usd == cooperant_usd
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            agr.sign(store, BOARD, draft)
        assert agr.agreements(store, "010170") == []


def test_a_report_code_already_in_use_is_named_and_the_first_report_kept(store):
    """Report codes are unique in the store: «R1» of another agreement is a code in use, not someone's edit."""
    _accepted(store)
    agreement = agr.sign(store, BOARD, _draft())
    monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 3, 31), 25, 1_000))
    with pytest.raises(ValueError, match="El código de informe «R1» ya está en uso"):
        monitoring.save_report(store, PLANNER, _report("R1", dt.date(2027, 6, 30), 50, 2_000))
    assert [r.physical_progress_pct for r in monitoring.reports(store, agreement.agreement_id)] == [25]


@pytest.mark.parametrize("earlier, later, problems, refused", [
    ((dt.date(2027, 3, 31), 40), (dt.date(2027, 6, 30), 10), None,
     "El avance físico de este informe (10 %) no sigue al del informe R1 (40 % al 31/03/2027)"),
    ((dt.date(2027, 3, 31), 40), (dt.date(2027, 6, 30), 10), "La crecida se llevó 300 m de tubería", None),
    ((dt.date(2027, 3, 31), 40), (dt.date(2027, 6, 30), 40), None, None),  # no progress: late, not backwards
    ((dt.date(2027, 6, 30), 30), (dt.date(2027, 3, 31), 50), None,  # a report filed late, for an earlier period
     "El avance físico de este informe (50 %) no sigue al del informe R1 (30 % al 30/06/2027)"),
])
def test_progress_that_goes_back_is_refused_until_the_report_says_why(store, earlier, later, problems, refused):
    """A report at 10 % after one at 40 % was accepted without a word: physical progress is cumulative."""
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
