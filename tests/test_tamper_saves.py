"""A row changed in the store file by someone who can write it but not read the installation's key, followed by an
ordinary save through Minga. The save reads the row it changes and logs the result as a new, validly signed version:
if it went through, the edit would be vouched for by the log and the verification would pass again. Each save over
an altered row is refused in Spanish, naming the record, and nothing is written."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record import overlay, web_sessions
from core.record.auth import Accounts, Action, PermissionDenied, Role, User, password_hasher
from core.record.signin import Attempt, SignInRefused, sign_in
from core.record.store import Store, StoreError

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

PASSWORD = "una-clave-larga-2026"
ADMIN = User(username="jefa", display_name="Jefa", role=Role.ADMIN)
PLANNER = User(username="tecnico", display_name="Técnico", role=Role.PLANNER)


def _sql(path: Path, statement: str, params: tuple = ()) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(statement, params)
        con.commit()


def _row_and_log(path: Path) -> tuple[list, int]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return (con.execute("SELECT * FROM records ORDER BY kind, record_id").fetchall(),
                con.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.fixture()
def store(tmp_path) -> Store:
    store = Store(tmp_path / "minga.sqlite")
    accounts = Accounts(store)
    admin = accounts.create_first_admin(ADMIN.username, ADMIN.display_name, PASSWORD)
    accounts.create(admin, PLANNER, PASSWORD)
    store.save("scenario", "ESC-1", {"name": "Escenario 1", "budget_usd": 40000}, actor="tecnico",
               parish_code="010170")
    return store


def _raise_role(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE record_id = 'tecnico'").fetchone()[0])
    _sql(path, "UPDATE records SET body = ? WHERE record_id = 'tecnico'", (json.dumps({**body, "role": "admin"}),))


# (what is done to the store file, the record then saved through Minga, what the refusal says)
TAMPERING = {
    "body edited": (lambda p: _sql(p, "UPDATE records SET body = '{\"name\": \"Otro\", \"budget_usd\": 1}' "
                                      "WHERE record_id = 'ESC-1'"), "ESC-1", "no coincide con su última versión"),
    "version set back": (lambda p: _sql(p, "UPDATE records SET version = 0 WHERE record_id = 'ESC-1'"), "ESC-1",
                         "no coincide con su última versión"),
    "deleted mark as text": (lambda p: _sql(p, "UPDATE records SET deleted = '' WHERE record_id = 'ESC-1'"), "ESC-1",
                             "no coincide con su última versión"),
    "row planted": (lambda p: _sql(p, "INSERT INTO records VALUES ('scenario', 'ESC-9', '010170', '{}', 1, 0, "
                                      "'2026-01-01T00:00:00+00:00', 'tecnico')"), "ESC-9",
                    "no tiene ninguna entrada en el registro"),
    "row deleted": (lambda p: _sql(p, "DELETE FROM records WHERE record_id = 'ESC-1'"), "ESC-1",
                    "se borró del almacén por fuera de Minga"),
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_a_save_over_a_row_altered_by_hand_is_refused_and_writes_nothing(store, how):
    tamper, record_id, said = TAMPERING[how]
    tamper(store.path)
    before = _row_and_log(store.path)
    with pytest.raises(StoreError) as refused:
        store.save("scenario", record_id, {"name": "Guardado en Minga", "budget_usd": 30000}, actor="tecnico",
                   parish_code="010170")
    assert f"«{record_id}»" in str(refused.value) and said in str(refused.value)
    assert "lo guardado no cambió" in str(refused.value)
    assert _row_and_log(store.path) == before
    assert not store.verify().ok  # the alteration is still named


def test_a_role_raised_by_hand_is_not_sealed_by_the_next_account_change(store):
    """The planner raises their own role in the file, then, as the administrator Minga now reads, changes an account:
    before, that save logged the raised role as a signed version and the verification passed again."""
    _raise_role(store.path)
    with pytest.raises(StoreError, match="«tecnico» no coincide con su última versión registrada"):
        Accounts(store).reset_password(ADMIN, "tecnico", "otra-clave-larga-2026")
    check = store.verify()
    assert not check.ok and "«tecnico»" in check.message


def test_a_funded_project_edited_by_hand_is_not_sealed_by_its_next_follow_up_step(tmp_path, con):
    """A funded proposal's title changed in the file, then the planner records the project's next step: the step
    is refused and the verification still names the proposal."""
    store = Store(tmp_path / "minga.sqlite")
    demo = overlay.current(store, records.PROPOSAL, "EV-P02")
    proposal = Proposal.model_validate(demo.body)
    for step in records.lifecycle_path(ProposalStatus(proposal.status), ProposalStatus.FUNDED):
        proposal = proposal.with_status(step)
    store.save(records.PROPOSAL, proposal.proposal_id, proposal.model_dump(mode="json"), actor="tecnico",
               parish_code=proposal.parish_code)
    edited = {**store.get(records.PROPOSAL, "EV-P02").body, "title": "Otro proyecto"}
    _sql(store.path, "UPDATE records SET body = ? WHERE record_id = 'EV-P02'", (json.dumps(edited),))
    moved = Proposal.model_validate(store.get(records.PROPOSAL, "EV-P02").body).with_status(ProposalStatus.IN_EXECUTION)
    with pytest.raises(StoreError, match="«EV-P02» no coincide"):
        store.save(records.PROPOSAL, "EV-P02", moved.model_dump(mode="json"), actor="tecnico",
                   parish_code=moved.parish_code)
    assert "«EV-P02»" in store.verify().message


def test_rows_as_minga_wrote_them_are_saved_over_as_before(store):
    """The guard refuses nothing Minga wrote: an update, a deletion and a removal of untouched rows go through."""
    saved = store.save("scenario", "ESC-1", {"name": "Escenario 1b", "budget_usd": 1}, actor="tecnico")
    store.delete("scenario", "ESC-1", actor="tecnico", expected_version=saved.version)
    store.save("scenario", "ESC-1", {"name": "Escenario 1c", "budget_usd": 2}, actor="tecnico")
    Accounts(store).reset_password(ADMIN, "tecnico", "otra-clave-larga-2026")
    assert store.verify().ok


# -- accounts: the rights and the sign-in read the account as Minga last wrote it ---------------------------------

def _replace_password(path: Path) -> None:
    """The administrator's password hash replaced with one of a password the planner knows."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE record_id = 'jefa'").fetchone()[0])
    body["password_hash"] = password_hasher().hash("clave-del-intruso-2026")
    _sql(path, "UPDATE records SET body = ? WHERE record_id = 'jefa'", (json.dumps(body),))


def _plant_admin(path: Path) -> None:
    body = {**ADMIN.model_dump(mode="json"), "username": "intruso", "password_hash":
            password_hasher().hash("clave-del-intruso-2026")}
    _sql(path, "INSERT INTO records VALUES ('user', 'intruso', NULL, ?, 1, 0, '2026-01-01T00:00:00+00:00', 'intruso')",
         (json.dumps(body),))


# (what is done to the store file, who then signs in with which password)
ACCOUNT_TAMPERING = {
    "role raised": (_raise_role, "tecnico", PASSWORD),
    "password hash replaced": (_replace_password, "jefa", "clave-del-intruso-2026"),
    "administrator planted": (_plant_admin, "intruso", "clave-del-intruso-2026"),
}


@pytest.mark.parametrize("how", list(ACCOUNT_TAMPERING))
def test_an_account_altered_by_hand_neither_signs_in_nor_acts(store, how):
    tamper, username, password = ACCOUNT_TAMPERING[how]
    tamper(store.path)
    with pytest.raises(SignInRefused) as refused:
        sign_in(store, Attempt(username=username, password=password, client="prueba"))
    assert f"La cuenta «{username}» se cambió por fuera de Minga" in str(refused.value)
    accounts = Accounts(store)
    assert accounts.get(username) is None
    claimed = User(username=username, display_name="Quien sea", role=Role.ADMIN)  # what a page would hand over
    with pytest.raises(PermissionDenied):
        accounts.require(claimed, Action.MANAGE_USERS)


def test_a_live_session_stops_acting_once_its_account_is_altered(store):
    cookie = web_sessions.start(store, PLANNER)
    assert web_sessions.resume(store, cookie) == PLANNER
    _raise_role(store.path)
    assert web_sessions.resume(store, cookie) is None


def test_an_e_mail_written_onto_the_administrator_by_hand_is_not_honoured(store):
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE record_id = 'jefa'").fetchone()[0])
    _sql(store.path, "UPDATE records SET body = ? WHERE record_id = 'jefa'",
         (json.dumps({**body, "email": "intruso@example.org"}),))
    assert Accounts(store).by_email("intruso@example.org") is None


def test_untouched_accounts_sign_in_and_act_as_before(store):
    assert sign_in(store, Attempt(username="jefa", password=PASSWORD, client="prueba")).role == Role.ADMIN
    assert Accounts(store).require(ADMIN, Action.MANAGE_USERS).username == "jefa"
    assert Accounts(store).get("tecnico") == PLANNER


# -- a meeting set back to open by hand after its results were shown -----------------------------------------------

@pytest.mark.parametrize("shown", ["revealed", "closed"])
def test_a_meeting_reopened_by_hand_after_its_results_were_shown_takes_no_vote_nor_score(tmp_path, shown):
    """A participant who saw the tally sets the meeting's status back to open in the file, then votes and scores:
    the ballot is a new record (its own row is untouched), so only the meeting's row as logged can refuse it."""
    from core.record.meeting import cast_ballot, save_meeting, save_private_score
    from core.record.meeting_models import Ballot, Meeting, Participant, PrivateScore
    from tests.conftest import live_count, store_accounts

    rep = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A01")
    store = store_accounts(Store(tmp_path / "minga.sqlite"), PLANNER, rep)
    opened = save_meeting(store, PLANNER, Meeting(
        meeting_id="S1", parish_code="010170", title="Priorización", date="2026-11-26", subject="proposals",
        item_ids=["EV-P02", "EV-P05"], votes_per_participant=5,
        participants=[Participant(participant_id="maria", name="María", username="maria")]))
    save_meeting(store, PLANNER, opened.model_copy(update={"status": shown}), expected_version=1)
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE kind = 'meeting'").fetchone()[0])
    _sql(store.path, "UPDATE records SET body = ? WHERE kind = 'meeting'", (json.dumps({**body, "status": "open"}),))
    with pytest.raises(StoreError, match="La sesión «Priorización» se cambió por fuera de Minga"):
        cast_ballot(store, rep, Ballot(meeting_id="S1", participant_id="maria", votes={"EV-P05": 5}))
    with pytest.raises(StoreError, match="se cambió por fuera de Minga"):
        save_private_score(store, rep, PrivateScore(meeting_id="S1", participant_id="maria", proposal_id="EV-P05",
                                                    scores={"feasibility": 90}))
    assert live_count(store, "ballot") == live_count(store, "private_score") == 0


def test_a_decision_is_not_recorded_under_a_quorum_cut_by_hand(tmp_path, con):
    """The junta of nine (quorum five) set to four in the file: the draft's four attendees would then make quorum."""
    from core.record.decisions import record
    from core.record.junta import Board, set_board
    from tests.conftest import live_count, store_accounts
    from tests.decision_draft import BOARD, _draft

    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    set_board(store, BOARD, "010170", Board(members=9))
    _sql(store.path, "UPDATE records SET body = '{\"members\": 4, \"quorum\": null}' WHERE kind = 'board'")
    with pytest.raises(StoreError, match="El tamaño y el quórum de la junta de El Valle .* se cambiaron por fuera"):
        record(store, BOARD, _draft())
    assert live_count(store, "decision") == 0


# -- browser sessions ----------------------------------------------------------------------------------------------

def _planted_session(store: Store) -> str:
    """Whoever can write the store's folder (not its keys folder) puts a session secret of their own in place of the
    installation's and a session of the administrator in the store file; returns the cookie they sign with it."""
    import datetime as dt
    import hashlib

    from itsdangerous import URLSafeTimedSerializer

    from core.record import web_sessions

    web_sessions.key_path(store).unlink(missing_ok=True)
    web_sessions.key_path(store).write_bytes(b"secreto-del-intruso")
    session_id = "sesion-del-intruso"
    body = {"username": "jefa", "expires_at": (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()}
    _sql(store.path, "INSERT INTO records VALUES ('web_session', ?, NULL, ?, 1, 0, '2026-01-01T00:00:00+00:00', "
                     "'jefa')", (hashlib.sha256(session_id.encode()).hexdigest(), json.dumps(body)))
    return URLSafeTimedSerializer(b"secreto-del-intruso", salt=web_sessions.SALT).dumps(session_id)


def test_a_session_planted_in_the_store_file_signs_no_one_in(store):
    cookie = _planted_session(store)
    assert web_sessions.resume(store, cookie) is None
    web_sessions.end(store, cookie, actor="jefa")  # signing out of it is no error either


def test_a_session_whose_expiry_was_pushed_back_by_hand_is_not_resumed(store):
    import datetime as dt

    cookie = web_sessions.start(store, PLANNER, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=6, hours=23))
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        body = json.loads(con.execute("SELECT body FROM records WHERE kind = 'web_session'").fetchone()[0])
    _sql(store.path, "UPDATE records SET body = ? WHERE kind = 'web_session'",
         (json.dumps({**body, "expires_at": "2099-01-01T00:00:00+00:00"}),))
    assert web_sessions.resume(store, cookie, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)) is None


# -- an entry or a row edited into something that is not JSON -------------------------------------------------------

def test_a_log_entry_edited_into_no_json_is_named_and_the_pages_still_read_the_log(store):
    """Before, SQLite's JSON functions failed on it: the verification called the file «not a SQLite store» (exit 2),
    and reading the log (the sign-in's wait, the Registro page) raised."""
    from tests.tampering import verify

    sign_in(store, Attempt(username="jefa", password=PASSWORD, client="prueba"))
    seq = store.log(limit=1)[0].seq
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET payload = '{\"ok\": tru' WHERE seq = ?", (seq,))
        con.commit()
    result = verify(store.path)
    assert result.returncode == 1
    assert f"La entrada {seq} (" in result.stderr and "fue modificada después de escrita" in result.stderr
    assert "no es una base SQLite" not in result.stderr
    assert store.log(limit=1)[0].payload == {}
    assert sign_in(store, Attempt(username="jefa", password=PASSWORD, client="prueba")).username == "jefa"


def test_a_record_body_edited_into_no_json_is_left_out_and_named(store):
    _sql(store.path, "UPDATE records SET body = '{\"name\": ' WHERE record_id = 'ESC-1'")
    assert store.get("scenario", "ESC-1") is None
    assert [r.record_id for r in store.records("scenario")] == []
    assert "«ESC-1» no coincide con su última versión registrada" in store.verify().message


def test_a_decision_edited_by_hand_is_neither_listed_nor_printable(tmp_path, con):
    """The funded amount of an approved decision raised in the file: the page listed it as recorded and printed an acta
    of it carrying the installation's true signed head; now it is left out and named."""
    from core.record import decisions as recorded
    from core.record.decisions import decisions, record
    from tests.conftest import store_accounts
    from tests.decision_draft import BOARD, _draft

    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    first, second = record(store, BOARD, _draft()).decision_id, record(store, BOARD, _draft()).decision_id
    body = store.get("decision", second).body
    body["funded"][0]["amount_usd"] = 99999
    _sql(store.path, "UPDATE records SET body = ? WHERE record_id = ?", (json.dumps(body), second))
    assert [d.decision_id for d in decisions(store, "010170")] == [first]
    shown, left_out = recorded.vouched(store, "010170")
    assert ([d.decision_id for d in shown], left_out) == ([first], [second])


@pytest.mark.parametrize(("edit", "says"), [
    ("UPDATE records SET version = 0 WHERE record_id = 'P-1'", "La propuesta «P-1» no coincide"),
    ("INSERT INTO records VALUES ('proposal', 'P-9', '010170', '{}', 1, 0, '2026-01-01T00:00:00+00:00', 'x')",
     "La propuesta «P-9» no tiene ninguna entrada"),
])
def test_the_refusal_over_an_altered_proposal_reads_in_the_feminine(store, edit, says):
    """«La propuesta … No se guarda nada sobre él» paired a feminine record with a masculine pronoun."""
    store.save("proposal", "P-1", {"title": "Riego"}, actor="tecnico", parish_code="010170")
    _sql(store.path, edit)
    with pytest.raises(StoreError) as refused:
        store.save("proposal", says.split("«")[1].split("»")[0], {"title": "Otro"}, actor="tecnico")
    assert says in str(refused.value) and " él" not in str(refused.value)



def _signed_in(store: Store, _tmp_path: Path) -> Store:
    sign_in(store, Attempt(username="jefa", password=PASSWORD, client="prueba"))
    return store


def _restored(_store: Store, tmp_path: Path) -> Store:
    from core.record import backup

    store = Store(tmp_path / "otra" / "minga.sqlite")
    Accounts(store).create_first_admin(ADMIN.username, ADMIN.display_name, PASSWORD)
    backup.restore(store, backup.backup_to(store, tmp_path / "respaldo.sqlite"), admin=ADMIN, password=PASSWORD)
    return store


@pytest.mark.parametrize(("event", "code"), [(_signed_in, "signin"), (_restored, "store")])
def test_an_edited_event_entry_is_named_in_spanish_not_by_its_code(store, tmp_path, event, code):
    """A sign-in or a restore is logged with no record behind it: its edited entry was named «…, signin «jefa»)»."""
    store = event(store, tmp_path)
    seq = store.log(limit=1)[0].seq
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET actor = 'otra' WHERE seq = ?", (seq,))
        con.commit()
    message = store.verify().message
    assert f"La entrada {seq} («" in message and "fue modificada después de escrita" in message
    assert f"», {code} «" not in message
