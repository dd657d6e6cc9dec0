"""A write that checks a stored state (a meeting open, a board's quorum, a proposal approved) is kept only if that
state is still the one checked when the write lock is taken: another request that commits in between (the chair
closing the voting, the board changing its quorum) refuses it with a Spanish reason, and nothing is stored or
logged. The store's precondition itself (`unchanged`): the first tests."""

import datetime as dt
import threading
import time

import pytest

from core.cooperation import agreements as agr
from core.cooperation import calls, stages
from core.record import decisions, junta, overlay
from core.record.meeting import (
    ballots,
    cast_ballot,
    load_meeting,
    pairwise_comparisons,
    private_scores,
    save_meeting,
    save_pairwise,
    save_private_score,
)
from core.record.meeting_models import MEETING, Ballot, Meeting, Pairwise, Participant, PrivateScore
from core.record.store import Change, ConflictError, Store
from tests import decision_draft, test_stages
from tests import test_cooperation_cycle as cycle
from tests.conftest import approve_proposal, live_count, store_accounts
from tests.test_meeting import ADVISER, PLANNER, REP

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

# -- the store's precondition ------------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path):
    return Store(tmp_path / "minga.sqlite")


@pytest.mark.parametrize(("depends_on", "kept"), [
    (("meeting", "M", 1), True),  # still at the version read
    (("meeting", "M", 2), False),  # read at a version it never had
    (("meeting", "OTRA", 0), True),  # read as absent, still absent
    (("meeting", "M", 0), False),  # read as absent, created since
])
def test_a_write_is_kept_only_while_what_it_depends_on_is_at_the_version_read(store, depends_on, kept):
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    head = store.head()
    changes = [Change("ballot", "M:ana", {"votes": 3}), Change("ballot", "M:luis", {"votes": 2})]
    if kept:
        store.apply(changes, actor="ana", unchanged=[depends_on])
        assert {r.record_id for r in store.records("ballot")} == {"M:ana", "M:luis"}
        return
    with pytest.raises(ConflictError, match="Otra persona cambió «M» mientras se guardaba lo suyo"):
        store.apply(changes, actor="ana", unchanged=[depends_on])
    assert store.records("ballot") == [] and store.head() == head  # nothing written, nothing logged


def test_a_write_says_the_callers_reason_when_what_it_depends_on_changed(store):
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    store.save("meeting", "M", {"status": "closed"}, actor="chair", expected_version=1)
    with pytest.raises(ConflictError, match="^La sesión cerró$"):
        store.save("ballot", "M:ana", {"votes": 3}, actor="ana", unchanged=[("meeting", "M", 1)],
                   changed="La sesión cerró")
    assert store.get("ballot", "M:ana") is None


def test_what_a_write_depends_on_is_compared_once_it_holds_the_write_lock(store):
    """The chair closes the meeting while holding the write lock; a ballot that read the meeting open before waits
    for the lock, then finds the meeting moved on and stores nothing."""
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    chair = Store(store.path)
    outcome: list[object] = []

    def vote() -> None:
        try:
            outcome.append(store.save("ballot", "M:ana", {"votes": 3}, actor="ana", unchanged=[("meeting", "M", 1)]))
        except ConflictError as exc:
            outcome.append(exc)

    with chair._transaction() as con:  # the chair's save, held open while the ballot arrives
        voter = threading.Thread(target=vote)
        voter.start()
        time.sleep(0.3)
        assert outcome == []  # the ballot waits for the lock
        chair._write(con, Change("meeting", "M", {"status": "closed"}, expected_version=1), "chair")
    voter.join(10)
    assert isinstance(outcome[0], ConflictError), outcome
    assert store.get("ballot", "M:ana") is None and store.get("meeting", "M").body == {"status": "closed"}


# -- every write that checks a stored state ----------------------------------------------------------------------


def _after_reading(monkeypatch, store: Store, kind: str, record_id: str, meanwhile) -> list:
    """Another request commits `meanwhile` right after this store first reads (kind, record_id): between the
    checks of a write and the write itself. Returns a list that then holds the log's head as `meanwhile` left it."""
    real = store.get
    after: list = []

    def get(read_kind, read_id, *, as_logged=False):
        found = real(read_kind, read_id, as_logged=as_logged)
        if (read_kind, read_id) == (kind, record_id) and not as_logged and not after:
            meanwhile()
            after.append(Store(store.path).head())
        return found

    monkeypatch.setattr(store, "get", get)
    return after


def _meeting(subject: str) -> Meeting:
    items = ["EV-P02", "EV-P05"] if subject == "proposals" else ["P01", "P02", "P03"]
    return Meeting(meeting_id="S1", parish_code="010170", title="Priorización", date=dt.date(2026, 11, 26),
                   subject=subject, item_ids=items, votes_per_participant=13,
                   participants=[Participant(participant_id="maria", name="María", username="maria"),
                                 Participant(participant_id="mag", name="Técnico MAG")])


_VOTE = ("problems", lambda s: cast_ballot(s, REP, Ballot(meeting_id="S1", participant_id="maria", votes={"P01": 5})),
         lambda s: ballots(s, "S1"), "cambió mientras se guardaba su voto")
_CHAIR_VOTE = ("proposals", lambda s: cast_ballot(s, PLANNER, Ballot(meeting_id="S1", participant_id="mag",
                                                                     votes={"EV-P02": 5})),
               lambda s: ballots(s, "S1"), "cambió mientras se guardaba su voto")
_SCORE = ("proposals", lambda s: save_private_score(s, REP, PrivateScore(
    meeting_id="S1", participant_id="maria", proposal_id="EV-P05", scores={"feasibility": 80})),
          lambda s: private_scores(s, "S1"), "cambió mientras se guardaba su puntuación")
_PAIRWISE = ("proposals", lambda s: save_pairwise(s, REP, Pairwise(meeting_id="S1", participant_id="maria",
                                                                   judgments={"need|pdot": 3})),
             lambda s: pairwise_comparisons(s, "S1"), "cambió mientras se guardaban sus comparaciones")


@pytest.mark.parametrize("status", ["closed", "revealed"])
@pytest.mark.parametrize(("subject", "write", "stored", "refused"), [_VOTE, _CHAIR_VOTE, _SCORE, _PAIRWISE],
                         ids=["voto", "voto-registrado-por-quien-conduce", "puntaje", "comparaciones"])
def test_a_ballot_or_score_is_refused_when_the_chair_moves_the_meeting_on_meanwhile(
        tmp_path, monkeypatch, status, subject, write, stored, refused):
    store = store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, REP, ADVISER)
    opened = save_meeting(store, PLANNER, _meeting(subject))
    chair = Store(store.path)  # another request, with its own connection
    heads = _after_reading(monkeypatch, store, MEETING, "S1", lambda: save_meeting(
        chair, PLANNER, opened.model_copy(update={"status": status}), expected_version=1))
    with pytest.raises(ConflictError, match=f"^La sesión «Priorización» {refused}"):
        write(store)
    assert heads and stored(store) == [] and store.head() == heads[0]  # nothing stored, the log as the chair left it
    assert load_meeting(store, "S1").status == status


def test_a_meeting_saved_from_an_old_read_does_not_reopen_one_closed_meanwhile(tmp_path, monkeypatch):
    """Two chairs: one closes the meeting while the other saves a new title over the open meeting it read; saved,
    the title would reopen the closed meeting to votes after its results were shown."""
    store = store_accounts(Store(tmp_path / "s.sqlite"), PLANNER, REP, ADVISER)
    opened = save_meeting(store, PLANNER, _meeting("problems"))
    other = Store(store.path)
    heads = _after_reading(monkeypatch, store, MEETING, "S1", lambda: save_meeting(
        other, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1))
    with pytest.raises(ConflictError, match="^Otra persona guardó la sesión «Priorización» mientras usted guardaba"):
        save_meeting(store, PLANNER, opened.model_copy(update={"title": "Priorización de problemas"}))
    assert load_meeting(store, "S1").status == "closed" and load_meeting(store, "S1").title == "Priorización"
    assert store.head() == heads[0]


def test_a_decision_is_refused_when_the_board_changes_its_quorum_meanwhile(tmp_path, monkeypatch):
    """Four members vote, the quorum of five: a board that grows to nine members (quorum five) meanwhile has no
    quorum any more, and the decision would be stored counted against the old board."""
    store = decision_draft._store(tmp_path)
    board = Store(store.path)
    heads = _after_reading(monkeypatch, store, junta.BOARD_KIND, "010170", lambda: junta.set_board(
        board, decision_draft.BOARD, "010170", junta.Board(members=9)))
    with pytest.raises(ConflictError, match="^Otra persona cambió el tamaño o el quórum de la junta de El Valle"):
        decisions.record(store, decision_draft.BOARD, decision_draft._draft())
    assert decisions.decisions(store, "010170") == [] and store.head() == heads[0]
    with pytest.raises(ValueError, match="quórum"):  # read again, the board as it is now refuses it
        decisions.record(store, decision_draft.BOARD, decision_draft._draft())


def _status_moved_back(store: Store) -> None:
    record = overlay.current(store, "proposal", "EV-P02")
    store.save("proposal", "EV-P02", {**record.body, "status": "scored"}, actor="otra", expected_version=record.version)


def _deleted(kind: str, record_id: str):
    def delete(store: Store) -> None:
        store.apply([overlay.delete(kind, overlay.current(store, kind, record_id), "eliminar")], actor="otra")
    return delete


def _call_changed(**changes):
    def change(store: Store) -> None:
        calls.save_call(store, cycle.PLANNER, calls.Call(**{**_CALL, **changes}), expected_version=1)
    return change


_CALL = {"call_id": "CV-PRUEBA", "cooperant_id": "CO-JAPON", "title": "Convocatoria de prueba",
         "call_type": "open_call", "open_date": dt.date(2026, 6, 1), "close_date": dt.date(2026, 8, 31), "counterpart_required_pct": 20,
         "max_amount_usd": 15_000, "source": "Sitio del cooperante"}
_APPLICATION = agr.Application(application_id="AP-C", parish_code="010170", proposal_id="EV-P02",
                               cooperant_id="CO-JAPON", call_id="CV-PRUEBA", submitted_on=dt.date(2026, 8, 1))
_SENDING = "^Otra persona cambió la propuesta «EV-P02», el cooperante o la convocatoria mientras se registraba la post"
_SIGNING = "^Otra persona cambió la propuesta «EV-P02», su postulación o su convocatoria mientras se registraba el conv"


@pytest.fixture()
def cycle_store(tmp_path, con, today_after_the_demo):
    """EV-P02 approved by the junta and a call of the Japanese embassy, as test_cooperation_cycle signs them."""
    store = store_accounts(Store(tmp_path / "s.sqlite"), cycle.PLANNER, cycle.BOARD)
    approve_proposal(store, "EV-P02")
    calls.save_call(store, cycle.PLANNER, calls.Call(**_CALL), new=True)
    return store


@pytest.mark.parametrize(("kind", "record_id", "meanwhile"), [
    ("proposal", "EV-P02", _deleted("proposal", "EV-P02")),
    ("cooperant", "CO-JAPON", _deleted("cooperant", "CO-JAPON")),
    ("call", "CV-PRUEBA", _call_changed(close_date=dt.date(2026, 7, 15))),  # closed before it was sent
], ids=["propuesta-eliminada", "cooperante-eliminado", "convocatoria-cerrada-antes"])
def test_an_application_is_refused_when_what_it_was_checked_against_changes_meanwhile(
        cycle_store, monkeypatch, kind, record_id, meanwhile):
    heads = _after_reading(monkeypatch, cycle_store, kind, record_id, lambda: meanwhile(Store(cycle_store.path)))
    with pytest.raises(ConflictError, match=_SENDING):
        agr.submit(cycle_store, cycle.PLANNER, _APPLICATION)
    assert agr.applications(cycle_store, "010170") == [] and cycle_store.head() == heads[0]


@pytest.mark.parametrize(("kind", "record_id", "meanwhile"), [
    ("proposal", "EV-P02", _status_moved_back),  # no longer approved by the junta
    ("call", "CV-PRUEBA", _call_changed(max_amount_usd=5_000)),  # funds less than the agreement puts in
], ids=["propuesta-ya-no-aprobada", "convocatoria-financia-menos"])
def test_an_agreement_is_refused_when_what_it_was_checked_against_changes_meanwhile(
        cycle_store, monkeypatch, kind, record_id, meanwhile):
    agr.submit(cycle_store, cycle.PLANNER, _APPLICATION)
    agr.record_answer(cycle_store, cycle.PLANNER, "AP-C", "accepted", dt.date(2026, 9, 15))
    heads = _after_reading(monkeypatch, cycle_store, kind, record_id, lambda: meanwhile(Store(cycle_store.path)))
    with pytest.raises(ConflictError, match=_SIGNING):
        agr.sign(cycle_store, cycle.BOARD, cycle._draft(application_id="AP-C", cooperant_usd=10_000, gad_usd=3_000,
                                                        community_usd=0))
    assert agr.agreements(cycle_store, "010170") == [] and cycle_store.head() == heads[0]


@pytest.mark.usefixtures("con")
def test_a_stage_is_refused_when_its_proposal_is_deleted_meanwhile(tmp_path, monkeypatch):
    store = store_accounts(Store(tmp_path / "s.sqlite"), test_stages.PLANNER)
    heads = _after_reading(monkeypatch, store, "proposal", "EV-P02",
                           lambda: _deleted("proposal", "EV-P02")(Store(store.path)))
    with pytest.raises(ConflictError, match="^Otra persona cambió la propuesta EV-P02 mientras se registraba"):
        stages.record_stage(store, test_stages.PLANNER, "010170",
                            test_stages._stage("EV-P02", "comunidad", dt.date(2026, 1, 10)))
    assert live_count(store, stages.STAGE) == 0 and store.head() == heads[0]


def test_two_board_members_signing_one_application_at_once_make_one_agreement(cycle_store, monkeypatch):
    """The second signature reads the agreements before the first is stored: it takes the same number, loses it,
    and reading again finds the application signed (it stored a second agreement for it, with the next number)."""
    agr.submit(cycle_store, cycle.PLANNER, _APPLICATION)
    agr.record_answer(cycle_store, cycle.PLANNER, "AP-C", "accepted", dt.date(2026, 9, 15))
    draft = cycle._draft(application_id="AP-C", cooperant_usd=10_000, gad_usd=3_000, community_usd=0)
    real, done = cycle_store.records, []

    def records(kind, *args, **kwargs):
        found = real(kind, *args, **kwargs)
        if kind == agr.AGREEMENT and not done:  # the numbering's read: the other board member signs meanwhile
            done.append(agr.sign(Store(cycle_store.path), cycle.BOARD, draft))
        return found

    monkeypatch.setattr(cycle_store, "records", records)
    with pytest.raises(ValueError, match="^La postulación AP-C ya tiene su convenio"):
        agr.sign(cycle_store, cycle.BOARD, draft)
    assert [a.application_id for a in agr.agreements(cycle_store, "010170")] == ["AP-C"]
