"""A proposal's status follows its cooperation agreement, as Seguimiento moves it: signed, the «Financiada» proposal
is «En ejecución»; its agreement closed by the closing evaluation, it is «Cerrada». Each move is written with the
act that causes it (one transaction), never skips a step and leaves a proposal further along as it is. The store,
users and drafts: test_cooperation_cycle.py."""

# ruff: noqa: F811

import datetime as dt

import pytest

from core.cooperation import agreements as agr
from core.cooperation import closing, proposal_catch_up, proposal_follow
from core.iati.export import activities_document
from core.proposals import records
from core.record import followup
from core.record.auth import PermissionDenied
from core.record.store import ChangedMeanwhileError
from tests.conftest import approve_proposal
from tests.test_cooperation_cycle import BOARD, END, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reports_and_closing import _evaluation

pytestmark = pytest.mark.usefixtures("today_after_the_demo")
SIGNED = dt.date(2026, 12, 15)  # _draft's signature


def _steps(store, proposal_id="EV-P02"):
    """The proposal's status history as (status, date, note)."""
    return [(c.status.value, c.date, c.note) for c in records.proposal(store, proposal_id).item.status_history]


def _status(store, proposal_id="EV-P02"):
    return records.proposal(store, proposal_id).item.status.value


def _iati_status(store, proposal_id="EV-P02"):
    """The activity-status code the IATI export gives the project (2 implementation, 4 closed)."""
    [project] = [a for a in activities_document(store, "010170").getroot().findall("iati-activity")
                 if a.findtext("iati-identifier") == f"EC-DPA-010170-{proposal_id}"]
    return project.find("activity-status").get("code")


def test_signing_puts_a_funded_proposal_in_execution_in_the_same_logged_transaction(store):
    _accepted(store)
    agr.sign(store, BOARD, _draft())
    assert _steps(store)[-2:] == [("funded", dt.date(2026, 3, 2), None),
                                  ("in_execution", SIGNED, "Convenio CONV-2026-001 firmado el 15/12/2026")]
    moved = store.log("proposal")[0]
    assert (moved.action, moved.actor) == ("poner en ejecución la propuesta del convenio firmado", "presidenta")
    signed = store.log(agr.AGREEMENT)[0]
    assert moved.seq == signed.seq + 1  # written right after the agreement, by the same signature
    assert _iati_status(store) == "2"
    assert followup.followed(records.proposal_models(store, "010170")).filter(
        followup.pl.col("proposal_id") == "EV-P02")["status"].to_list() == ["in_execution"]


def test_a_refused_signature_leaves_the_proposal_funded(store, monkeypatch):
    """The proposal changes between the checks and the write: neither the agreement nor the step is stored."""
    _accepted(store)
    real = proposal_follow.on_signing

    def changed_meanwhile(s, *args):
        change = real(s, *args)
        proposal = records.proposal(s, "EV-P02").item
        records.save_proposal(s, PLANNER, proposal.model_copy(update={"title": proposal.title + " (revisado)"}))
        return change
    monkeypatch.setattr(proposal_follow, "on_signing", changed_meanwhile)
    with pytest.raises(ChangedMeanwhileError):
        agr.sign(store, BOARD, _draft())
    assert agr.agreements(store, "010170") == [] and _status(store) == "funded"


def test_a_proposal_already_in_execution_is_left_as_it_is_when_signed(store):
    approve_proposal(store, "EV-P03", status="in_execution")
    before = records.proposal(store, "EV-P03")
    agr.submit(store, PLANNER, agr.Application(application_id="AP-3", parish_code="010170", proposal_id="EV-P03",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1)))
    agr.record_answer(store, PLANNER, "AP-3", "accepted", dt.date(2026, 11, 20))
    agr.sign(store, BOARD, _draft(application_id="AP-3"))
    assert records.proposal(store, "EV-P03").version == before.version


def test_the_closing_evaluation_closes_the_proposal_once(store):
    _accepted(store)
    agr.sign(store, BOARD, _draft())
    closing.save_evaluation(store, PLANNER, _evaluation())
    assert _steps(store)[-1] == ("closed", END, "Convenio CONV-2026-001 cerrado con su evaluación del 31/12/2027")
    assert _iati_status(store) == "4"
    moved = store.log("proposal")[0]
    assert (moved.action, moved.actor) == ("cerrar la propuesta del convenio evaluado al cierre", "tecnico")
    assert moved.seq == store.log(closing.EVALUATION)[0].seq + 1
    version = records.proposal(store, "EV-P02").version
    closing.save_evaluation(store, PLANNER, _evaluation("cooperant", evaluator_name="MASHAV"))  # already closed
    assert records.proposal(store, "EV-P02").version == version


def test_an_agreement_signed_before_the_rule_closes_its_proposal_through_in_execution(store, monkeypatch):
    """A store where the signature left the proposal «Financiada»: the closing never skips «En ejecución»."""
    _accepted(store)
    with monkeypatch.context() as patched:
        patched.setattr(proposal_follow, "on_signing", lambda *args: None)  # as signed before this rule
        agr.sign(store, BOARD, _draft())
    assert _status(store) == "funded"
    closing.save_evaluation(store, PLANNER, _evaluation())
    assert [s[:2] for s in _steps(store)[-3:]] == [("funded", dt.date(2026, 3, 2)), ("in_execution", SIGNED),
                                                   ("closed", END)]


def _two_agreements(store):
    """EV-P02 funded through two signed agreements (Japan's and a second one, AP-2); returns the second."""
    _accepted(store)
    agr.sign(store, BOARD, _draft())
    agr.submit(store, PLANNER, agr.Application(application_id="AP-2", parish_code="010170", proposal_id="EV-P02",
                                               cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 2)))
    agr.record_answer(store, PLANNER, "AP-2", "accepted", dt.date(2026, 11, 20))
    return agr.sign(store, BOARD, _draft(application_id="AP-2"))


def test_a_proposal_with_another_agreement_still_open_stays_in_execution(store):
    second = _two_agreements(store)
    closing.save_evaluation(store, PLANNER, _evaluation())
    assert _status(store) == "in_execution"
    closing.save_evaluation(store, PLANNER, _evaluation(agreement_id=second.agreement_id))
    assert _status(store) == "closed"


def _as_before_the_rule(monkeypatch):
    """Signatures and closings that leave the proposal as it was, as in a store written before this rule."""
    monkeypatch.setattr(proposal_follow, "on_signing", lambda *args: None)
    monkeypatch.setattr(closing, "_proposal_closed", lambda *args: None)


@pytest.mark.parametrize("closed, steps", [
    (False, [("funded", dt.date(2026, 3, 2)), ("in_execution", SIGNED)]),
    (True, [("funded", dt.date(2026, 3, 2)), ("in_execution", SIGNED), ("closed", END)]),
])
def test_a_store_written_before_the_rule_catches_up_once_by_a_planner(store, monkeypatch, closed, steps):
    _accepted(store)
    with monkeypatch.context() as patched:
        _as_before_the_rule(patched)
        agr.sign(store, BOARD, _draft())
        if closed:
            closing.save_evaluation(store, PLANNER, _evaluation())
    assert _status(store) == "funded"
    assert [c.record_id for c in proposal_catch_up.behind(store, "010170")] == ["EV-P02"]
    with pytest.raises(PermissionDenied):  # the board signs, the planner moves projects on Seguimiento
        proposal_catch_up.catch_up(store, BOARD, "010170")
    assert proposal_catch_up.catch_up(store, PLANNER, "010170") == 1
    assert [s[:2] for s in _steps(store)[-len(steps):]] == steps
    assert store.log("proposal")[0].action == "poner al día el estado de la propuesta según sus convenios"
    assert proposal_catch_up.behind(store, "010170") == [] and proposal_catch_up.catch_up(store, PLANNER, "010170") == 0


def test_closing_two_agreements_of_one_proposal_at_once_leaves_neither_unaware_of_the_other(store, monkeypatch):
    """Each closing found the other agreement still open, so neither would close the proposal: the one that
    writes second is refused and, saved again, closes it."""
    second = _two_agreements(store)
    real = closing._proposal_closed
    other = _evaluation(agreement_id=second.agreement_id)

    def the_other_lands_meanwhile(s, agreement, evaluation):
        found = real(s, agreement, evaluation)
        if evaluation is not other:
            monkeypatch.setattr(closing, "_proposal_closed", real)
            closing.save_evaluation(s, PLANNER, other)
        return found
    monkeypatch.setattr(closing, "_proposal_closed", the_other_lands_meanwhile)
    with pytest.raises(ChangedMeanwhileError, match="Otra persona guardó un informe, un convenio o una evaluación"):
        closing.save_evaluation(store, PLANNER, _evaluation())
    assert _status(store) == "in_execution"
    closing.save_evaluation(store, PLANNER, _evaluation())
    assert _status(store) == "closed"
