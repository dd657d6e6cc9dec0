"""The evaluation of an agreement while it runs: the mid-term evaluation (continue / adjust / cancel) and the audits
with their observations; who may record them, against which stored agreement and dates; the flags they raise on
Seguimiento; the final report's PDF and Excel carry them; a backup accepts them."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import closing, final_report, monitoring, reviews
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError
from tests import test_cooperation_cycle as cycle
from tests.test_cooperation_cycle import BOARD, PLANNER, _accepted, _draft

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cycle runs through 2027 and 2028

store = cycle.store  # the cycle's fixture: a store with the demo records, cooperants and calls

REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")


@pytest.fixture()
def agreement(store):
    """The demo store with one signed agreement: EV-P02 with the Israeli embassy, all of 2027."""
    _accepted(store)
    return store, agr.sign(store, BOARD, _draft())


def _midterm(agreement_id, **changes):
    base = dict(agreement_id=agreement_id, evaluated_on=dt.date(2027, 6, 30), evaluator="Universidad de Cuenca",
                findings="La mitad de los equipos instalados", recommendation="continue")
    return reviews.MidtermEvaluation(**{**base, **changes})


def _audit(agreement_id, audit_id="AUD-1", **changes):
    base = dict(audit_id=audit_id, agreement_id=agreement_id, audited_on=dt.date(2027, 7, 15),
                auditor="Contraloría General del Estado", kind="financial", findings="Facturas completas",
                observations=[reviews.Observation(text="Falta el acta de entrega de 3 equipos"),
                              reviews.Observation(text="Retención del IVA tardía")])
    return reviews.Audit(**{**base, **changes})


@pytest.mark.parametrize("changes, words", [
    ({"recommendation": "adjust"}, "Diga por qué"),
    ({"recommendation": "cancel", "reason": "  "}, "Diga por qué"),
    ({"findings": ""}, "findings"),
    ({"report_url": "no es una dirección"}, "report_url"),
])
def test_a_midterm_evaluation_that_changes_course_says_why(changes, words):
    with pytest.raises(ValidationError, match=words):
        _midterm("X-1", **changes)


def test_only_planners_record_reviews_of_a_stored_agreement_within_its_dates(agreement):
    store, signed = agreement
    for user in (BOARD, REP, None):
        with pytest.raises(PermissionDenied):
            reviews.save_midterm(store, user, _midterm(signed.agreement_id))
        with pytest.raises(PermissionDenied):
            reviews.save_audit(store, user, _audit(signed.agreement_id))
    with pytest.raises(ValueError, match="No existe el convenio 010170-CONV-2099-009"):
        reviews.save_midterm(store, PLANNER, _midterm("010170-CONV-2099-009"))
    with pytest.raises(ValueError, match="dentro del período del convenio"):
        reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, evaluated_on=dt.date(2028, 1, 5)))
    with pytest.raises(ValueError, match="anterior al inicio del convenio"):
        reviews.save_audit(store, PLANNER, _audit(signed.agreement_id, audited_on=dt.date(2026, 12, 31)))
    assert reviews.midterm(store, signed.agreement_id) is None and reviews.audits(store, signed.agreement_id) == []
    # a final audit after the agreement ended is fine
    reviews.save_audit(store, PLANNER, _audit(signed.agreement_id, "AUD-FINAL", audited_on=dt.date(2028, 2, 1)))
    assert [a.audit_id for a in reviews.audits(store, signed.agreement_id)] == ["AUD-FINAL"]


def test_a_new_midterm_evaluation_replaces_the_last_and_the_log_keeps_both(agreement):
    store, signed = agreement
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id))
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, recommendation="adjust",
                                                  reason="Cambiar el proveedor de los goteros"))
    assert reviews.midterm(store, signed.agreement_id).recommendation == "adjust"
    actions = [e.action for e in store.log(reviews.MIDTERM)]
    assert actions == ["registrar evaluación intermedia"] * 2


def test_observations_are_resolved_never_dropped_and_an_audit_id_is_not_reused(agreement):
    store, signed = agreement
    reviews.save_audit(store, PLANNER, _audit(signed.agreement_id))
    with pytest.raises(ConflictError):
        reviews.save_audit(store, PLANNER, _audit(signed.agreement_id))
    resolved = reviews.resolve(store, PLANNER, "AUD-1", ["Retención del IVA tardía"])
    assert [o.resolved for o in resolved.observations] == [False, True]
    assert [o.text for o in resolved.open_observations()] == ["Falta el acta de entrega de 3 equipos"]
    version = store.get(reviews.AUDIT, "AUD-1").version
    dropped = resolved.model_copy(update={"observations": resolved.observations[:1]})
    with pytest.raises(ValueError, match="no borrar ni cambiar"):
        reviews.save_audit(store, PLANNER, dropped, expected_version=version)
    reopened = resolved.model_copy(update={"observations": [o.model_copy(update={"resolved": False})
                                                            for o in resolved.observations]})
    with pytest.raises(ValueError, match="no borrar ni cambiar"):
        reviews.save_audit(store, PLANNER, reopened, expected_version=version)
    with pytest.raises(PermissionDenied):
        reviews.resolve(store, BOARD, "AUD-1", ["Falta el acta de entrega de 3 equipos"])
    with pytest.raises(ValueError, match="No hay ninguna auditoría"):
        reviews.resolve(store, PLANNER, "AUD-9", [])


@pytest.mark.parametrize("recommendation, observations_resolved, raised", [
    ("continue", True, set()),
    ("adjust", True, {"midterm_change"}),
    ("cancel", True, {"midterm_change"}),
    ("continue", False, {"audit_open"}),
])
def test_seguimiento_flags_a_change_of_course_and_open_observations(agreement, recommendation, observations_resolved,
                                                                    raised):
    store, signed = agreement
    reason = None if recommendation == "continue" else "Motivo"
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, recommendation=recommendation, reason=reason))
    audit = _audit(signed.agreement_id)
    reviews.save_audit(store, PLANNER, audit)
    if observations_resolved:
        reviews.resolve(store, PLANNER, "AUD-1", [o.text for o in audit.observations])
    frame = monitoring.flags_frame(store, [signed], dt.date(2027, 2, 1))
    assert {f for f in reviews.REVIEW_FLAGS if frame[f].item()} == raised
    reasons = frame["reasons"].item()
    assert ("pide ajustar o cancelar" in reasons) is ("midterm_change" in raised)
    assert ("observaciones de auditoría sin resolver" in reasons) is ("audit_open" in raised)


def test_the_final_report_carries_the_midterm_evaluation_and_the_audits(agreement):
    store, signed = agreement
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, recommendation="adjust",
                                                  reason="Cambiar el proveedor"))
    reviews.save_audit(store, PLANNER, _audit(signed.agreement_id))
    reviews.resolve(store, PLANNER, "AUD-1", ["Retención del IVA tardía"])
    evaluation, audits = reviews.midterm(store, signed.agreement_id), reviews.audits(store, signed.agreement_id)
    pdf = PdfReader(io.BytesIO(final_report.pdf_bytes(signed, [], [], parish_name="El Valle", project_title="Riego",
                                                      midterm=evaluation, audits=audits)))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for expected in ("Evaluación intermedia y auditorías", "Ajustar: Cambiar el proveedor", "Auditoría financiera",
                     "Contraloría General del Estado", "(sin resolver)", "(resuelta)", "30/06/2027"):
        assert expected in text, expected
    book = load_workbook(io.BytesIO(final_report.xlsx_bytes(signed, [], [], midterm=evaluation, audits=audits)))
    rows = list(book["Revisiones"].iter_rows(values_only=True))
    assert rows[0] == ("Revisión", "Fecha", "Quién la hizo", "Hallazgos", "Recomendación u observaciones")
    assert [row[0] for row in rows[1:]] == ["Evaluación intermedia", "Auditoría financiera"]
    assert rows[2][4] == "Falta el acta de entrega de 3 equipos (sin resolver); Retención del IVA tardía (resuelta)"
    empty = PdfReader(io.BytesIO(final_report.pdf_bytes(signed, [], [], parish_name="El Valle", project_title="Riego")))
    assert "no tiene evaluación intermedia ni auditorías" in " ".join(empty.pages[0].extract_text().split())


def test_a_backup_with_reviews_is_accepted(agreement, tmp_path):
    from core.record import backup

    store, signed = agreement
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, report_url="https://elvalle.gob.ec/eval.pdf"))
    reviews.save_audit(store, PLANNER, _audit(signed.agreement_id))
    report = backup.inspect_backup(store, backup.backup_to(store, tmp_path / "respaldo.sqlite"))
    assert report.problems == ()
    assert str(reviews.midterm(store, signed.agreement_id).report_url) == "https://elvalle.gob.ec/eval.pdf"


def _closed_early(store, signed, on=dt.date(2027, 3, 1)):
    """Closed for a cancellation on `on`, two months in, with nothing done."""
    monitoring.save_report(store, PLANNER, monitoring.Report(report_id="R1", agreement_id=signed.agreement_id,
                                                             period_end=dt.date(2027, 1, 31), physical_progress_pct=0))
    closing.save_evaluation(store, PLANNER, closing.ClosingEvaluation(
        agreement_id=signed.agreement_id, evaluator="planner", evaluator_name="Técnica", evaluated_on=on,
        early_reason="El cooperante canceló el convenio",
        scores=[closing.CriterionScore(criterion=c, score=2, evidence="Actas") for c in closing.CRITERIA]))


@pytest.mark.parametrize("evaluated_on, refused", [
    (dt.date(2027, 2, 15), None),  # before the closing, entered late
    (dt.date(2027, 6, 30), ("El convenio CONV-2026-001 se cerró con su evaluación de cierre del 01/03/2027: no se "
                            "registra una evaluación intermedia posterior (30/06/2027)")),
])
def test_an_agreement_closed_early_takes_no_later_midterm_evaluation(agreement, evaluated_on, refused):
    store, signed = agreement
    _closed_early(store, signed)
    evaluation = _midterm(signed.agreement_id, evaluated_on=evaluated_on, recommendation="cancel", reason="Sin fondos")
    if refused is None:
        assert reviews.save_midterm(store, PLANNER, evaluation) == reviews.midterm(store, signed.agreement_id)
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            reviews.save_midterm(store, PLANNER, evaluation)
        assert reviews.midterm(store, signed.agreement_id) is None


@pytest.mark.parametrize("today, raised", [
    (dt.date(2027, 2, 20), {"midterm_change", "audit_open", "cancellation"}),  # still running
    (dt.date(2027, 8, 1), {"audit_open"}),  # closed: the course is settled, the observations still wait
])
def test_a_closed_agreement_is_no_longer_flagged_for_a_change_of_course(agreement, today, raised):
    store, signed = agreement
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R0", agreement_id=signed.agreement_id, period_end=dt.date(2027, 2, 10), physical_progress_pct=0,
        measure="cancellation", measure_note="El cooperante retira los fondos"))
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, evaluated_on=dt.date(2027, 2, 15),
                                                  recommendation="cancel", reason="Sin fondos"))
    reviews.save_audit(store, PLANNER, _audit(signed.agreement_id, audited_on=dt.date(2027, 2, 16)))
    _closed_early(store, signed)
    frame = monitoring.flags_frame(store, [signed], today)
    assert {f for f in (*monitoring.FLAGS, *reviews.REVIEW_FLAGS) if frame[f].item()} == raised


def test_a_closing_dated_before_the_midterm_evaluation_is_refused(agreement):
    """A closing evaluation backdated before the stored mid-term evaluation was saved: the agreement then held a
    mid-term evaluation after its closing, which a closed agreement never takes (save_midterm refuses it)."""
    store, signed = agreement
    reviews.save_midterm(store, PLANNER, _midterm(signed.agreement_id, evaluated_on=dt.date(2027, 6, 30)))
    with pytest.raises(ValueError, match=re.escape(
            "La evaluación intermedia del convenio CONV-2026-001 es del 30/06/2027, después de esta evaluación de "
            "cierre (01/03/2027)")):
        _closed_early(store, signed)
    assert closing.evaluations(store, signed.agreement_id) == []
    closing.save_evaluation(store, PLANNER, closing.ClosingEvaluation(  # the same day: the closing saw it
        agreement_id=signed.agreement_id, evaluator="planner", evaluator_name="Técnica", evaluated_on=dt.date(2027, 6, 30),
        early_reason="El cooperante canceló el convenio",
        scores=[closing.CriterionScore(criterion=c, score=2, evidence="Actas") for c in closing.CRITERIA]))
    assert agr.closed_on(store, signed.agreement_id) == dt.date(2027, 6, 30)
