"""Rights live in core, read from the stored account and the stored records: each write below is tried as an attacker
would (a forged or retired account, a body that claims what the store says otherwise, another parish's code reused),
and is refused with nothing stored, not even a log entry."""

from __future__ import annotations

import datetime as dt

import pytest

from core.cooperation import stages
from core.proposals import demo_reset, records
from core.proposals.models import ProposalStatus
from core.record import meeting, meeting_models
from core.record.auth import PermissionDenied, Role, User
from core.record.decision_models import FundedLine
from core.record.decisions import record
from core.record.store import ConflictError, Store, StoreError
from tests.conftest import hand_made_runs, live_count, store_accounts
from tests.decision_draft import _draft

EL_VALLE, RIO_BLANCO = "010170", "140164"  # the demo's parish and another rural one
PLANNER = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
ADMIN = User(username="jefa", display_name="Jefa", role=Role.ADMIN)
BOARD_RB = User(username="vocal-rio", display_name="Vocal Río Blanco", role=Role.BOARD, parish_code=RIO_BLANCO)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")
RETIRED = User(username="antes", display_name="Técnico retirado", role=Role.PLANNER, active=False)
FORGED = PLANNER.model_copy(update={"role": Role.ADMIN})  # the planner's account, with a role the store never gave
GHOST = User(username="fantasma", display_name="Nadie", role=Role.ADMIN)  # an account the store does not hold


@pytest.fixture()
def store(tmp_path, con):
    return store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, ADMIN, BOARD_RB, REP, RETIRED)


def _proposal(store, owned: bool, status=ProposalStatus.SUBMITTED):
    """An El Valle demo proposal of the representative's association (or of none of theirs) in `status`."""
    return next(v for v in records.proposals(store, EL_VALLE)
                if ("EV-A03" in [v.item.association_id, *v.item.association_ids]) == owned and v.item.status == status)


def _offer(store):
    """A demo offer: each is held by El Valle."""
    return next(v for v in records.offers(store) if v.item.parish_code == EL_VALLE)


def _el_valle_meeting(store):
    body = meeting_models.Meeting(meeting_id="EV-S1", parish_code=EL_VALLE, title="Sesión de El Valle", date=dt.date(2026, 1, 5),
                           subject="problems", item_ids=["EV-PR1", "EV-PR2"],
                           participants=[meeting_models.Participant(participant_id="p01", name="Rosa")])
    store.save(meeting_models.MEETING, body.meeting_id, body.model_dump(mode="json"), actor="prueba", parish_code=EL_VALLE)
    return body


def _fund_elsewhere(store):
    """Río Blanco's board records an acta for Río Blanco that names one of El Valle's proposals as funded."""
    target = _proposal(store, owned=False).item
    draft = _draft(parish_code=RIO_BLANCO, parish_name="Río Blanco", left_out=[], funded=[FundedLine(
        proposal_id=target.proposal_id, title=target.title, associations_es="", amount_usd=100, score=1)])
    with hand_made_runs():  # the proposals' guard, past the run's check (which a stored scenario would pass)
        record(store, BOARD_RB, draft, consequences=lambda d: records.decision_status_changes(store, d))


def _stale(store):
    first = records.proposals(store, EL_VALLE)[0]
    edited = first.item.model_copy(update={"title": "Título de la técnica"})
    records.save_proposal(store, PLANNER, edited, expected_version=first.version)
    records.save_proposal(store, PLANNER, edited.model_copy(update={"title": "Otro título"}),
                          expected_version=first.version)


# name → (the attack, what is raised, words of the Spanish refusal); each must store nothing
ATTACKS = {
    # the account is read from the store, never from the caller's copy
    "forged administrator": (lambda s: demo_reset.reset_demo(s, FORGED), PermissionDenied, "no permite"),
    # … and one that is not stored, or no longer active, is told so (not that its role is «Observador»)
    "account not stored": (lambda s: demo_reset.reset_demo(s, GHOST), PermissionDenied, "«fantasma» no está activa"),
    "retired account": (lambda s: records.save_offer(s, RETIRED, _offer(s).item), PermissionDenied,
                        "no está activa"),
    "observer": (lambda s: records.save_proposal(s, None, _proposal(s, owned=True).item), PermissionDenied,
                 "no permite"),
    # the stored proposal's owners decide, not the body's
    "representative claims another association's proposal": (
        lambda s: records.save_proposal(s, REP, _proposal(s, owned=False).item.model_copy(update={
            "association_id": "EV-A03", "association_ids": ["EV-A03"], "summary": "Tomada"})),
        PermissionDenied, "de otra asociación"),
    "stale version": (_stale, ConflictError, "mientras usted lo editaba"),
    # a board member's junta is the stored record's parish
    "board reuses another parish's meeting": (
        lambda s: meeting.save_meeting(s, BOARD_RB, _el_valle_meeting(s).model_copy(update={
            "parish_code": RIO_BLANCO}), expected_version=1),
        PermissionDenied, "El Valle"),
    "board funds another parish's proposal": (_fund_elsewhere, ValueError, "que es de El Valle (010170)"),
    # a planner's write names the parish the stored record is of
    "stage of another parish's proposal": (
        lambda s: stages.record_stage(s, PLANNER, RIO_BLANCO, stages.StageEvidence(
            proposal_id=_proposal(s, owned=False).item.proposal_id, stage="comunidad", reached_on=dt.date(2026, 1, 10),
            evidence="Acta de la asamblea")), ValueError, "no existe en Río Blanco (140164)"),
    "stage of a proposal that does not exist": (
        lambda s: stages.record_stage(s, PLANNER, EL_VALLE, stages.StageEvidence(
            proposal_id="EV-P99", stage="comunidad", reached_on=dt.date(2026, 1, 10), evidence="Acta")),
        ValueError, "La propuesta EV-P99 no existe en El Valle"),
    "PDOT objective of the demo taken by another parish": (
        lambda s: records.save_pdot_objective(s, PLANNER, records.pdot_objectives(s, EL_VALLE)[0].item.model_copy(
            update={"parish_code": RIO_BLANCO}), expected_version=0),
        StoreError, "ya es un registro de la parroquia 010170"),
    "held offer moved to another parish by its body": (
        lambda s: records.save_offer(s, PLANNER, (held := _offer(s)).item.model_copy(update={
            "parish_code": RIO_BLANCO}), expected_version=held.version),
        ValueError, "es de El Valle (010170): solo se edita desde esa parroquia. Desde Río Blanco (140164)"),
    "held offer moved while saved from its own parish": (
        lambda s: records.save_offer(s, PLANNER, (held := _offer(s)).item.model_copy(update={
            "parish_code": RIO_BLANCO}), expected_version=held.version, parish_code=EL_VALLE),
        ValueError, "es de El Valle (010170)"),
    "new offer for another parish than the one in view": (
        lambda s: records.save_offer(s, PLANNER, _offer(s).item.model_copy(update={
            "offer_id": "OF-NUEVA", "parish_code": RIO_BLANCO}), expected_version=0, parish_code=EL_VALLE),
        ValueError, "es de Río Blanco (140164): solo se edita desde esa parroquia. Desde El Valle (010170)"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_attack_on_a_write_is_refused_and_stores_nothing(store, attack):
    action, refusal, words = ATTACKS[attack]
    if attack == "stale version":  # its first save is a fair one; the second, from the old version, is refused
        before = None
    else:
        before = (live_count(store), len(store.log(limit=100_000)))
    with pytest.raises(refusal) as refused:
        action(store)
    assert words in str(refused.value)
    if attack == "board reuses another parish's meeting":
        before = (before[0] + 1, before[1] + 1)  # the meeting El Valle stored before the attack
    if before is not None:
        assert (live_count(store), len(store.log(limit=100_000))) == before


@pytest.mark.usefixtures("hand_made_drafts")  # a hand-made draft (tests/decision_draft.py)
def test_a_board_acta_still_moves_its_own_parish_proposals(store):
    """The refusal above is about another parish's proposal: an acta of El Valle funds El Valle's."""
    target = _proposal(store, owned=False).item
    board = User(username="presidenta", display_name="Presidenta", role=Role.BOARD, parish_code=EL_VALLE)
    store_accounts(store, board)
    record(store, board, _draft(left_out=[], funded=[FundedLine(proposal_id=target.proposal_id, title=target.title,
                                                                associations_es="", amount_usd=100, score=1)]),
           consequences=lambda d: records.decision_status_changes(store, d))
    assert records.proposal(store, target.proposal_id).item.status == ProposalStatus.FUNDED


@pytest.mark.parametrize(("holder_body", "in_view", "kept"), [
    (None, EL_VALLE, EL_VALLE),  # a body without a parish keeps the holder's
    (EL_VALLE, None, EL_VALLE),  # saved with no parish in view, by its holder's body
    (EL_VALLE, EL_VALLE, EL_VALLE),
])
def test_a_held_offer_is_saved_by_its_own_parish(store, holder_body, in_view, kept):
    held = _offer(store)
    records.save_offer(store, PLANNER, held.item.model_copy(update={"parish_code": holder_body, "title": "Editada"}),
                       expected_version=held.version, parish_code=in_view)
    saved = next(v.item for v in records.offers(store) if v.item.offer_id == held.item.offer_id)
    assert (saved.parish_code, saved.title) == (kept, "Editada")
