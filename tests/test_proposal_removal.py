"""Deleting a proposal entered by mistake: who may, in which status, never one the board decided or an open
meeting lists; checked against the stored proposal and account; the log keeps the deletion."""

import datetime as dt

import pytest

from core.proposals import records, removal
from core.proposals.models import ProposalStatus
from core.record.auth import PermissionDenied, Role, User
from core.record.meeting import save_meeting
from core.record.meeting_models import Meeting, Participant
from core.record.store import ConflictError, Store
from tests.conftest import store_accounts, store_funded

PARISH = "010170"
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
LEAD_REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A01")
JOINT_REP = User(username="rosa", display_name="Rosa", role=Role.ASSOCIATION, association_id="EV-A02")
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
ADVISER = User(username="mag", display_name="Técnico MAG", role=Role.ADVISER)
OBSERVER = User(username="visita", display_name="Visita", role=Role.OBSERVER)
# EV-P01 is led by EV-A01 and joined by EV-A02 (and others); EV-P03 is EV-A02's alone.
JOINT, OTHERS = "EV-P01", "EV-P03"


@pytest.fixture()
def store(tmp_path, con):
    return store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, LEAD_REP, JOINT_REP, BOARD, ADVISER, OBSERVER)


def _stored_as(store, proposal_id: str, status: ProposalStatus) -> int:
    """Store the demo proposal moved (or taken back) to `status`; returns its stored version."""
    demo = records.proposal(store, proposal_id).item
    if status == ProposalStatus.DRAFT:
        store.save(records.PROPOSAL, proposal_id, demo.with_status(status).model_dump(mode="json"), actor="prueba",
                   parish_code=PARISH)
    else:
        store_funded(store, demo, status=status)
    return records.proposal(store, proposal_id).version


def _gone(store, proposal_id: str) -> bool:
    return records.proposal(store, proposal_id) is None and proposal_id not in {
        v.item.proposal_id for v in records.proposals(store, PARISH)}


@pytest.mark.parametrize("status", [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE,
                                    ProposalStatus.NOT_ELIGIBLE, ProposalStatus.SCORED])
def test_a_planner_deletes_a_proposal_the_board_has_not_decided(store, status):
    version = (_stored_as(store, OTHERS, status) if status != ProposalStatus.SUBMITTED
               else records.proposal(store, OTHERS).version)
    removal.delete_proposal(store, PLANNER, OTHERS, expected_version=version)
    assert _gone(store, OTHERS)
    last = store.log()[0]
    assert (last.record_id, last.actor, last.action) == (OTHERS, "tecnico", "eliminar propuesta")


@pytest.mark.parametrize(("status", "shown"), [
    (ProposalStatus.FUNDED, "Financiada"), (ProposalStatus.NOT_FUNDED, "No financiada"),
    (ProposalStatus.IN_EXECUTION, "En ejecución"), (ProposalStatus.CLOSED, "Cerrada"),
])
def test_what_the_board_decided_is_never_deleted(store, status, shown):
    version = _stored_as(store, OTHERS, status)
    with pytest.raises(ValueError, match=f"La junta ya decidió esta propuesta \\(«{shown}»\\)"):
        removal.delete_proposal(store, PLANNER, OTHERS, expected_version=version)
    assert records.proposal(store, OTHERS).item.status == status
    assert not removal.may_delete(PLANNER, records.proposal(store, OTHERS).item)


def test_an_open_meeting_that_lists_it_keeps_it_until_the_meeting_closes(store):
    opened = save_meeting(store, PLANNER, Meeting(
        meeting_id="S1", parish_code=PARISH, title="Factibilidad de noviembre", date=dt.date(2026, 11, 20),
        subject="proposals", item_ids=[OTHERS, "EV-P04"], participants=[Participant(participant_id="p1", name="Ana")]))
    with pytest.raises(ValueError, match="sesión del grupo asesor que sigue abierta \\(«Factibilidad de noviembre»\\)"):
        removal.delete_proposal(store, PLANNER, OTHERS, expected_version=0)
    assert not _gone(store, OTHERS)
    removal.delete_proposal(store, PLANNER, "EV-P05", expected_version=0)  # one the meeting does not list
    save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    removal.delete_proposal(store, PLANNER, OTHERS, expected_version=0)
    assert _gone(store, OTHERS) and _gone(store, "EV-P05")


@pytest.mark.parametrize(("who", "proposal_id", "status", "refusal"), [
    (LEAD_REP, JOINT, ProposalStatus.SUBMITTED, (ValueError, "elimina solo sus borradores, y esta propuesta está «Presentada»")),
    (JOINT_REP, JOINT, ProposalStatus.DRAFT, (PermissionDenied, "Solo la asociación que encabeza la propuesta")),  # joins it, does not lead it
    (JOINT_REP, "EV-P05", ProposalStatus.DRAFT, (PermissionDenied, "Solo la asociación que encabeza la propuesta")),  # another association's
    (BOARD, OTHERS, ProposalStatus.DRAFT, (PermissionDenied, "Solo el técnico de planificación")),
    (ADVISER, OTHERS, ProposalStatus.DRAFT, (PermissionDenied, "Solo el técnico de planificación")),
    (OBSERVER, OTHERS, ProposalStatus.DRAFT, (PermissionDenied, "Solo el técnico de planificación")),
    (None, OTHERS, ProposalStatus.DRAFT, (PermissionDenied, "Solo el técnico de planificación")),
])
def test_who_may_not_delete_is_told_and_nothing_changes(store, who, proposal_id, status, refusal):
    version = _stored_as(store, proposal_id, status) if status == ProposalStatus.DRAFT else 0
    error, words = refusal
    with pytest.raises(error, match=words):
        removal.delete_proposal(store, who, proposal_id, expected_version=version)
    assert records.proposal(store, proposal_id).version == version
    assert not removal.may_delete(who, records.proposal(store, proposal_id).item)


def test_a_representative_deletes_the_draft_their_association_leads(store):
    version = _stored_as(store, JOINT, ProposalStatus.DRAFT)
    assert removal.may_delete(LEAD_REP, records.proposal(store, JOINT).item)
    removal.delete_proposal(store, LEAD_REP, JOINT, expected_version=version)
    assert _gone(store, JOINT) and store.log()[0].actor == "maria"


def test_the_stored_account_decides_not_the_copy_the_caller_holds(store):
    claimed = LEAD_REP.model_copy(update={"role": Role.PLANNER})  # María's account, claiming to be a planner
    with pytest.raises(PermissionDenied):
        removal.delete_proposal(store, claimed, OTHERS, expected_version=0)
    assert not _gone(store, OTHERS)


def test_a_stale_version_or_a_deleted_proposal_is_refused(store):
    version = _stored_as(store, OTHERS, ProposalStatus.DRAFT)
    with pytest.raises(ConflictError):
        removal.delete_proposal(store, PLANNER, OTHERS, expected_version=version - 1)
    removal.delete_proposal(store, PLANNER, OTHERS, expected_version=version)
    with pytest.raises(Exception, match=f"No existe «{OTHERS}»"):
        removal.delete_proposal(store, PLANNER, OTHERS, expected_version=version + 1)
