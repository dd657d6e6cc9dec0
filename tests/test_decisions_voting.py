"""Decisions: numbered, stored once, only by the board; a simple majority of the votes cast with the quorum of the
junta, the president's vote deciding a tie; the board's roll and who presides the session."""

import datetime as dt
import re
import sqlite3
import threading

import pytest

from core.record.auth import PermissionDenied, Position, Role, User
from core.record.decision_models import Attendee, count_board_votes, with_presiding
from core.record.decisions import decisions, record
from core.record.junta import Board, board, board_roll, proposed_presiding, set_board
from tests.conftest import live_count
from tests.decision_draft import BOARD, PLANNER, _by_vocal, _draft, _store

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)


@pytest.mark.parametrize(("votes", "expected"), [
    (["for", "for", "against"], (2, 1, 0, True)),
    (["for", "against"], (1, 1, 0, False)),
    (["abstain", "abstain", "for"], (1, 0, 2, True)),
    (["against", "abstain"], (0, 1, 1, False)),
])
def test_the_board_vote_is_a_simple_majority_of_votes_cast(votes, expected):
    attendees = [Attendee(name=f"M{i}", role_es="Vocal", vote=v) for i, v in enumerate(votes)]
    assert count_board_votes(attendees) == expected


def _board(votes, president=None):
    return [Attendee(name=f"M{i}", role_es="Vocal", vote=v, signs_as="president" if i == president else None)
            for i, v in enumerate(votes)]


@pytest.mark.parametrize(("votes", "president", "approved"), [
    (["for", "against"], 0, True),  # a tie: the president voted for
    (["for", "against"], 1, False),  # a tie: the president voted against
    (["for", "against", "abstain"], 2, False),  # a tie: the president abstained, so no majority
    (["for", "for", "against", "against"], None, False),  # a tie without a president present
])
def test_on_a_tie_the_presidents_vote_decides(votes, president, approved):
    assert count_board_votes(_board(votes, president))[3] is approved


@pytest.mark.parametrize(("members", "quorum", "present", "refused"), [
    (5, None, 3, None),  # absolute majority of five is three
    (5, None, 2, "presentes con voto, 2 de 5; se necesitan 3"),
    (7, None, 3, "presentes con voto, 3 de 7; se necesitan 4"),
    (7, 5, 4, "presentes con voto, 4 de 7; se necesitan 5"),  # a parish that set a quorum above the majority
    (7, 5, 5, None),
    (5, None, 6, "la junta tiene 5 miembros"),
])
def test_a_decision_needs_the_quorum_and_without_it_nothing_is_stored(tmp_path, members, quorum, present, refused):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members, quorum=quorum))
    before = live_count(store)
    draft = _draft(attendees=_board(["for"] * present, president=0))
    if refused is None:
        decision = record(store, BOARD, draft)
        assert (decision.quorum, decision.board_members, decision.approved) == (
            quorum or members // 2 + 1, members, True)
    else:
        with pytest.raises(ValueError, match=refused):
            record(store, BOARD, draft)
        assert live_count(store) == before and decisions(store, "010170") == []


def test_only_the_board_sets_its_size_and_the_quorum_fits_it(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(PermissionDenied):
        set_board(store, PLANNER, "010170", Board(members=7))
    with pytest.raises(ValueError, match="no puede ser mayor"):
        Board(members=5, quorum=6)
    # never below the absolute majority (COOTAD art. 320): one member alone could otherwise decide
    with pytest.raises(ValueError, match=r"no puede ser menor que la mayoría absoluta de la junta \(3 de 5"):
        Board(members=5, quorum=1)
    with pytest.raises(ValueError, match="solo una persona firma como presidente"):
        _draft(attendees=_board(["for", "for", "for"], president=0)[:1] + [
            Attendee(name="Otra", role_es="Vocal", vote="for", signs_as="president"),
            Attendee(name="Más", role_es="Vocal", vote="for")])
    assert board(store, "010170") == Board()


@pytest.mark.parametrize(("votes", "president", "approved", "casting"), [
    (["for", "against"], 0, True, True),
    (["for", "against"], 1, False, True),
    (["for", "against", "abstain"], 2, False, False),  # the president abstained: no casting vote to name
    (["for", "for", "against", "against"], None, False, False),  # no president present
])
def test_the_acta_names_a_casting_vote_only_when_the_president_broke_the_tie(tmp_path, votes, president, approved,
                                                                              casting):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=len(votes)))
    decision = record(store, BOARD, _draft(attendees=_board(votes, president)))
    assert (decision.approved, decision.casting_vote) == (approved, casting)


def test_attendees_repeated_with_other_spaces_or_case_are_refused():
    with pytest.raises(ValueError, match="asistentes repetidos"):
        _draft(attendees=[Attendee(name="Rosa  Quito", role_es="Vocal", vote="for"),
                          Attendee(name="rosa quito", role_es="Vocal", vote="for")])


def test_attendees_must_be_consistent():
    with pytest.raises(ValueError, match="falta el voto"):
        Attendee(name="A", role_es="Vocal")
    with pytest.raises(ValueError, match="sin voto"):
        Attendee(name="A", role_es="Técnico", votes=False, vote="for")
    with pytest.raises(ValueError, match="al menos un miembro"):
        _draft(attendees=[Attendee(name="A", role_es="Técnico", votes=False)])


def test_only_the_board_records_a_decision(tmp_path):
    store = _store(tmp_path)
    with pytest.raises(PermissionDenied):
        record(store, PLANNER, _draft())
    with pytest.raises(PermissionDenied):
        record(store, None, _draft())
    with pytest.raises(PermissionDenied):  # a copy that claims the board's role for a planner's account
        record(store, PLANNER.model_copy(update={"role": Role.BOARD}), _draft())
    assert live_count(store, "decision") == 0


@pytest.mark.usefixtures("today_after_the_demo")
def test_numbers_are_consecutive_per_parish_and_year_even_when_saved_at_once(tmp_path):
    store = _store(tmp_path)
    results = []
    threads = [threading.Thread(target=lambda: results.append(record(store, BOARD, _draft()))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(d.number_es for d in results) == [f"2026-{n:03d}" for n in range(1, 7)]
    next_year = record(store, BOARD, _draft(date=dt.date(2027, 1, 5)))
    assert next_year.number_es == "2027-001"
    assert [d.decision_id for d in decisions(store, "010170")][0] == "010170-2027-001"
    assert store.verify().ok


@pytest.mark.usefixtures("today_after_the_demo")
@pytest.mark.parametrize("planted", ["010170-2026-copia", "010170-2026-", "010170-2026-００２"])
def test_a_decision_row_planted_with_a_number_of_another_shape_does_not_stop_the_numbering(tmp_path, planted):
    """A row copied into the store file by hand under a code whose number is not digits: the next acta is numbered
    after the true ones (it was refused with «invalid literal for int()», in English, until the row was removed)."""
    store = _store(tmp_path)
    first = record(store, BOARD, _draft())
    con = sqlite3.connect(store.path)
    con.execute("INSERT INTO records SELECT kind, ?, parish_code, body, version, deleted, updated_at, updated_by "
                "FROM records WHERE kind = 'decision' AND record_id = ?", (planted, first.decision_id))
    con.commit()
    con.close()
    assert record(store, BOARD, _draft()).number_es == "2026-002"
    assert [d.number_es for d in decisions(store, "010170")] == ["2026-002", "2026-001"]  # the planted one left out


P, V, M = Position.PRESIDENT, Position.VICE_PRESIDENT, Position.MEMBER


@pytest.mark.parametrize("accounts, expected", [
    ([("ana", "Ana Mora", Role.BOARD, True, M), ("luis", "Luis Paz", Role.BOARD, True, M)],
     [("Ana Mora", M), ("Luis Paz", M)]),
    # two accounts with one display name: each is named with its user name, so the roll is not refused
    ([("vocal-a", "Vocal", Role.BOARD, True, M), ("vocal-b", " vocal ", Role.BOARD, True, M)],
     [("Vocal (vocal-a)", M), ("vocal (vocal-b)", M)]),
    # planners, advisers and deactivated board accounts are not on the roll
    ([("ana", "Ana Mora", Role.BOARD, True, M), ("pla", "Pedro", Role.PLANNER, True, M),
      ("old", "Rosa", Role.BOARD, False, P)], [("Ana Mora", M)]),
    # each member with the seat the administrator set: the president first, then the vice-president, the vocales
    ([("luis", "Luis Paz", Role.BOARD, True, M), ("eva", "Eva Sarmiento", Role.BOARD, True, V),
      ("rosa", "Rosa Quito", Role.BOARD, True, P), ("ana", "Ana Mora", Role.BOARD, True, M)],
     [("Rosa Quito", P), ("Eva Sarmiento", V), ("Luis Paz", M), ("Ana Mora", M)]),
    ([], []),
])
def test_the_board_roll_lists_each_active_member_once_with_their_seat(accounts, expected):
    users = [User(username=u, display_name=d, role=r, active=a, position=p) for u, d, r, a, p in accounts]
    roll = board_roll(users)
    assert [(e.name, e.position) for e in roll] == expected
    assert len({e.name.strip().lower() for e in roll}) == len(roll)


@pytest.mark.parametrize("seats, proposed", [
    ([P, V, M], "A0"),  # the president, when the board has one
    ([M, V, M], "A1"),  # else the vice-president
    ([M, M], None),  # else nobody: the person recording chooses
    ([], None),
])
def test_the_form_proposes_the_president_to_preside(seats, proposed):
    users = [User(username=f"acc{i}", display_name=f"A{i}", role=Role.BOARD, position=seat)
             for i, seat in enumerate(seats)]
    assert proposed_presiding(board_roll(users)) == proposed


@pytest.mark.parametrize("presided_by, refused", [
    ("Luis Guamán", None),  # a vocal present presides
    ("  luis GUAMÁN ", None),  # the same person, written with other spaces or case
    ("Rosa Quito", "«Rosa Quito» no está entre los asistentes"),  # the president, absent
    ("Nadie Más", "«Nadie Más» no está entre los asistentes"),
    ("Ana Ortiz", "quien preside la junta es miembro con voto"),  # attends without a vote
    ("Carmen Ávila", "Carmen Ávila presidió la sesión: no firma también como secretario/a"),
    ("", "Elija quién presidió la sesión."),
])
def test_who_presided_is_one_of_the_attendees(presided_by, refused):
    if refused:
        with pytest.raises(ValueError, match=re.escape(refused)):
            with_presiding(_by_vocal(), presided_by)
        return
    draft = with_presiding(_by_vocal(), presided_by)
    assert draft.presided_by == "Luis Guamán"
    assert [a.name for a in draft.attendees if a.signs_as == "president"] == ["Luis Guamán"]


def test_another_row_signing_as_president_is_refused_when_someone_else_presided():
    with pytest.raises(ValueError, match="quite «Presidente/a» de la fila de Rosa Quito"):
        with_presiding(_draft(), "Luis Guamán")


def test_a_quorum_stored_below_the_majority_gives_way_to_the_majority(tmp_path):
    store = _store(tmp_path)
    store.save("board", "010170", {"members": 7, "quorum": 3}, actor="antes")  # stored by an earlier version
    assert (board(store, "010170").members, board(store, "010170").required) == (7, 4)
