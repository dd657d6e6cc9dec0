"""Meeting mode, who takes part and as whom: the chair runs a meeting and records for those without an account,
each listed person votes and scores only as themself (never for their own association's proposals), a meeting lists
only active accounts of its parish, and rights and state are read from the store, never from the caller's copy."""

import pytest

from core.record.auth import PermissionDenied, Role, User
from core.record.meeting import ballots, cast_ballot, load_meeting, private_scores, save_meeting, save_private_score
from core.record.meeting_models import Ballot, Participant, PrivateScore
from tests.conftest import store_accounts
from tests.test_meeting import ADVISER, ADVISER_UNLISTED, BOARD, OTHER_REP, PLANNER, REP, _meeting, _store


def test_who_may_vote_for_whom(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting())
    with pytest.raises(PermissionDenied):
        save_meeting(store, REP, _meeting(meeting_id="S2"))
    cast_ballot(store, REP, Ballot(meeting_id="S1", participant_id="maria", votes={"P01": 13}))
    with pytest.raises(PermissionDenied, match="por usted mismo"):
        cast_ballot(store, OTHER_REP, Ballot(meeting_id="S1", participant_id="maria", votes={"P02": 13}))
    cast_ballot(store, PLANNER, Ballot(meeting_id="S1", participant_id="mag", votes={"P02": 13}))
    with pytest.raises(PermissionDenied):
        cast_ballot(store, None, Ballot(meeting_id="S1", participant_id="mag", votes={"P03": 1}))
    stored = {b.participant_id: (b.votes, b.recorded_by) for b in ballots(store, "S1")}
    assert stored == {"maria": ({"P01": 13}, None), "mag": ({"P02": 13}, "tecnico")}


def test_the_chair_cannot_write_over_a_participant_who_signs_in_themself(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P03", "EV-P05"]))
    save_private_score(store, REP, PrivateScore(meeting_id="S1", participant_id="maria", proposal_id="EV-P05",
                                                scores={"feasibility": 80}))
    with pytest.raises(PermissionDenied, match="por usted mismo"):
        save_private_score(store, BOARD, PrivateScore(meeting_id="S1", participant_id="maria", proposal_id="EV-P05",
                                                      scores={"feasibility": 10}))
    assert [s.scores for s in private_scores(store, "S1")] == [{"feasibility": 80}]


@pytest.mark.parametrize(("who", "participant", "error"), [
    (ADVISER_UNLISTED, "mag", PermissionDenied),  # an adviser not on this meeting's list
    (ADVISER, "ghost", ValueError),  # a participant the stored meeting does not list
    (REP, "jose", PermissionDenied),  # someone else's name
])
def test_only_listed_people_take_part_as_themselves(tmp_path, who, participant, error):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(participants=[*_meeting().participants,
                                                        Participant(participant_id="uni", name="Universidad",
                                                                    username=ADVISER.username)]))
    with pytest.raises(error):
        cast_ballot(store, who, Ballot(meeting_id="S1", participant_id=participant, votes={"P01": 1}))
    assert ballots(store, "S1") == []


def test_an_adviser_listed_in_the_meeting_votes_but_cannot_run_one(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(participants=[Participant(participant_id="uni", name="Universidad",
                                                                    username=ADVISER.username),
                                                        Participant(participant_id="mag", name="MAG")]))
    cast_ballot(store, ADVISER, Ballot(meeting_id="S1", participant_id="uni", votes={"P04": 13}))
    with pytest.raises(PermissionDenied):
        cast_ballot(store, ADVISER, Ballot(meeting_id="S1", participant_id="mag", votes={"P04": 13}))
    with pytest.raises(PermissionDenied):
        save_meeting(store, ADVISER, _meeting(meeting_id="S9"))
    assert {b.participant_id for b in ballots(store, "S1")} == {"uni"}


def test_the_stored_state_decides_not_the_object_the_caller_holds(tmp_path):
    store = _store(tmp_path)
    opened = save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P01", "EV-P02"]))
    save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    with pytest.raises(ValueError, match="cerrada"):  # the caller's copy still says "open"
        save_private_score(store, PLANNER, PrivateScore(meeting_id="S1", participant_id="mag", proposal_id="EV-P01",
                                                        scores={"feasibility": 50}))
    with pytest.raises(ValueError, match="no existe"):
        cast_ballot(store, PLANNER, Ballot(meeting_id="S-NONE", participant_id="mag", votes={"P01": 1}))
    assert private_scores(store, "S1") == []


def test_a_closed_meeting_takes_no_more_votes_or_scores(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(status="closed", subject="proposals", item_ids=["EV-P01", "EV-P02"]))
    with pytest.raises(ValueError, match="cerrada"):
        cast_ballot(store, PLANNER, Ballot(meeting_id="S1", participant_id="mag", votes={"EV-P01": 1}))
    with pytest.raises(ValueError, match="cerrada"):
        save_private_score(store, PLANNER, PrivateScore(meeting_id="S1", participant_id="mag",
                                                        proposal_id="EV-P01", scores={"feasibility": 50}))
    assert private_scores(store, "S1") == []


# EV-P01 is put forward jointly by EV-A01, EV-A02, EV-A03, EV-A06 and EV-A07; EV-P02 by EV-A01, EV-P03 by EV-A02
# and EV-P05 by EV-A03 (the demo's proposals). María represents EV-A01, José EV-A02.
@pytest.mark.parametrize(("who", "participant", "proposal", "refused"), [
    (REP, "maria", "EV-P02", True),  # her association's own
    (REP, "maria", "EV-P01", True),  # a joint proposal her association is part of
    (REP, "maria", "EV-P05", False),  # another association's
    (OTHER_REP, "jose", "EV-P03", True),
    (OTHER_REP, "jose", "EV-P02", False),
    (PLANNER, "mag", "EV-P02", False),  # recorded for someone without an account: no association to check
])
def test_an_association_neither_scores_nor_votes_for_its_own_proposals(tmp_path, who, participant, proposal, refused):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P01", "EV-P02", "EV-P03", "EV-P05"]))
    score = PrivateScore(meeting_id="S1", participant_id=participant, proposal_id=proposal, scores={"feasibility": 90})
    ballot = Ballot(meeting_id="S1", participant_id=participant, votes={proposal: 13})
    for write in (lambda: save_private_score(store, who, score), lambda: cast_ballot(store, who, ballot)):
        if refused:
            with pytest.raises(ValueError, match=f"no vota ni puntúa las propuestas de su propia asociación .*{proposal}"):
                write()
        else:
            write()
    assert len(private_scores(store, "S1")) == len(ballots(store, "S1")) == (0 if refused else 1)


def test_a_representative_votes_on_problems_as_anyone(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting())  # on problems: no association puts a problem forward
    cast_ballot(store, REP, Ballot(meeting_id="S1", participant_id="maria", votes={"P01": 13}))
    assert [b.votes for b in ballots(store, "S1")] == [{"P01": 13}]


@pytest.mark.parametrize(("account", "listed_as"), [
    (None, "nadie-con-esta-cuenta"),  # a mistyped name, or one nobody has yet
    (User(username="observadora", display_name="Observadora", role=Role.OBSERVER), "observadora"),  # cannot take part
    (User(username="retirada", display_name="Retirada", role=Role.ADVISER, active=False), "retirada"),
])
def test_a_meeting_lists_only_active_accounts_that_take_part(tmp_path, account, listed_as):
    store = _store(tmp_path)
    if account is not None:
        store_accounts(store, account)
    people = [Participant(participant_id="p01", name="Rosa"), Participant(participant_id="p02", name="Ana",
                                                                          username=listed_as)]
    with pytest.raises(ValueError, match=rf"el usuario «{listed_as}» de Ana no es una cuenta activa"):
        save_meeting(store, PLANNER, _meeting(participants=people))
    assert store.get("meeting", "S1") is None
    save_meeting(store, PLANNER, _meeting(participants=[*people[:1], Participant(participant_id="p02", name="Ana",
                                                                                 username=REP.username)]))


@pytest.mark.parametrize(("board_parish", "refused"), [("140164", True), ("010170", False), (None, False)])
def test_a_board_member_of_another_junta_is_not_listed_in_a_parish_s_meeting(tmp_path, board_parish, refused):
    """A vocal of Río Blanco's junta listed in El Valle's meeting is refused when listed, not later when voting; a
    member of El Valle's own junta, or an account from before boards had a parish, is listed."""
    store = _store(tmp_path)
    store.save("user", "vocal-rb", {**User(username="vocal-rb", display_name="Vocal", role=Role.BOARD,
                                           parish_code=board_parish).model_dump(mode="json"), "password_hash": "x"},
               actor="pruebas", expected_version=0)
    people = [Participant(participant_id="p01", name="Rosa"),
              Participant(participant_id="p02", name="Luis", username="vocal-rb")]
    if refused:
        with pytest.raises(ValueError, match="«vocal-rb» de Luis es de la junta de Río Blanco \\(140164\\): no "
                                             "participa en las sesiones de El Valle \\(010170\\)"):
            save_meeting(store, PLANNER, _meeting(participants=people))
        assert store.get("meeting", "S1") is None
    else:
        assert save_meeting(store, PLANNER, _meeting(participants=people)).participants == people


def test_a_meeting_whose_participant_retired_since_can_still_be_closed(tmp_path):
    from core.record.auth import Accounts

    store = _store(tmp_path)
    opened = save_meeting(store, PLANNER, _meeting())
    admin = User(username="admin", display_name="Admin", role=Role.ADMIN)
    Accounts(store_accounts(store, admin)).set_active(admin, "jose", False)
    save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    with pytest.raises(ValueError, match="«jose» de José no es una cuenta activa"):  # listing him anew is refused
        save_meeting(store, PLANNER, _meeting(meeting_id="S2"))


def test_an_adviser_reads_the_work_and_takes_part_but_decides_nothing():
    from core.record.auth import Action, can

    assert can(ADVISER, Action.VIEW_WORK) and can(ADVISER, Action.TAKE_PART)
    assert not any(can(ADVISER, action) for action in (Action.RUN_MEETING, Action.SAVE_SCENARIO,
                                                       Action.APPROVE_DECISION, Action.EDIT_PROPOSAL))


def test_the_chair_cannot_record_for_a_representative_on_their_associations_proposals(tmp_path):
    store = _store(tmp_path)
    save_meeting(store, PLANNER, _meeting(subject="proposals", item_ids=["EV-P02", "EV-P05"], participants=[
        Participant(participant_id="rosa", name="Rosa", association_id="EV-A01")]))  # no device: the chair records
    with pytest.raises(ValueError, match="no vota ni puntúa las propuestas de su propia asociación .*EV-P02"):
        save_private_score(store, PLANNER, PrivateScore(meeting_id="S1", participant_id="rosa", proposal_id="EV-P02",
                                                        scores={"feasibility": 90}))
    save_private_score(store, PLANNER, PrivateScore(meeting_id="S1", participant_id="rosa", proposal_id="EV-P05",
                                                    scores={"feasibility": 40}))
    assert [(s.proposal_id, s.recorded_by) for s in private_scores(store, "S1")] == [("EV-P05", "tecnico")]


def test_rights_are_read_from_the_stored_account_not_from_the_callers_copy(tmp_path):
    """A copy of a participant's account that claims the planner's role, or an account retired since, was taken
    at its word: it closed the meeting, or its ballot was kept."""
    from core.record.auth import Accounts

    store = _store(tmp_path)
    opened = save_meeting(store, PLANNER, _meeting())
    with pytest.raises(PermissionDenied):
        save_meeting(store, REP.model_copy(update={"role": Role.PLANNER}),
                     opened.model_copy(update={"status": "closed"}), expected_version=1)
    admin = User(username="admin", display_name="Admin", role=Role.ADMIN)
    Accounts(store_accounts(store, admin)).set_active(admin, REP.username, False)
    with pytest.raises(PermissionDenied):
        cast_ballot(store, REP, Ballot(meeting_id="S1", participant_id="maria", votes={"P01": 3}))
    assert ballots(store, "S1") == [] and load_meeting(store, "S1").status == "open"
