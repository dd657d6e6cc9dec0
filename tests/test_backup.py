"""Backup and restore: a restore checks everything before it replaces anything; each refusal leaves the store as
it was; the first administrator is created once, even by two processes at the same moment."""

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from core.record import backup, signing
from core.record.auth import Accounts, PermissionDenied, Role, User
from core.record.backup import RestoreRefused
from core.record.hashing import canonical, entry_hash, record_hash
from core.record.store import AlreadyExistsError, Store

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "una-clave-larga-2026"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An installation (store + key) with an administrator, a planner and two proposals."""
    folder = tmp_path_factory.mktemp("instalacion")
    store = Store(folder / "minga.sqlite")
    accounts = Accounts(store)
    admin = accounts.create_first_admin("admin", "Administración", PASSWORD)
    accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), PASSWORD)
    store.save("budget", "010170", budget(40000), actor="tecnica", parish_code="010170")
    return folder


@pytest.fixture()
def store(template, tmp_path) -> Store:
    shutil.copytree(template, tmp_path / "app")
    return Store(tmp_path / "app" / "minga.sqlite")


def budget(amount: float) -> dict:
    return {"parish_code": "010170", "rules": {"budget_usd": amount}}


ADMIN = User(username="admin", display_name="Administración", role=Role.ADMIN)


def snapshot(store: Store) -> tuple:
    """Everything a refused restore must leave as it was."""
    return store.head(), [(r.kind, r.record_id, r.body, r.version) for r in store.records("budget")], \
        [u.username for u in Accounts(store).users()]


def a_backup(store: Store, tmp_path: Path, name: str = "respaldo.sqlite") -> Path:
    return backup.backup_to(store, tmp_path / name)


def altered(path: Path, *statements: str) -> Path:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def refused(store: Store, candidate: Path, match: str, **options) -> None:
    before = snapshot(store)
    with pytest.raises((RestoreRefused, PermissionDenied), match=match):
        backup.restore(store, candidate, admin=ADMIN, password=options.pop("password", PASSWORD), **options)
    assert snapshot(store) == before
    assert store.verify().ok


def test_a_backup_restores_with_its_users_shown_and_the_restore_logged(store, tmp_path):
    saved = a_backup(store, tmp_path)
    store.save("budget", "010171", budget(9000), actor="tecnica", parish_code="010171")
    report = backup.inspect_backup(store, saved)
    assert report.acceptable and report.foreign_key is None
    assert {(u.username, u.role_es) for u in report.users} == {("admin", "Administrador"),
                                                               ("tecnica", "Técnico de planificación")}
    backup.restore(store, saved, admin=ADMIN, password=PASSWORD)
    assert store.get("budget", "010171") is None and store.get("budget", "010170").body == budget(40000)
    last = store.log(limit=1)[0]
    assert last.action == "restaurar respaldo" and last.actor == "admin"
    assert last.payload["restored_head"][0] == report.head.seq
    assert store.verify().ok and not store.verify().not_run


def test_a_file_that_is_not_sqlite_is_refused(store, tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("hola")
    refused(store, bogus, "no es una base SQLite válida")


def test_a_database_without_the_tables_is_refused(store, tmp_path):
    empty = altered(tmp_path / "vacio.sqlite", "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "INSERT INTO meta VALUES ('application', 'minga')")
    refused(store, empty, "le falta")


@pytest.mark.parametrize("statements", [(), ("CREATE TABLE clientes (nombre TEXT)",)])
def test_a_database_of_something_else_is_said_to_be_no_minga_backup(store, tmp_path, statements):
    """An empty file, or another program's database, is told apart in one sentence, not as a list of the store's
    internal objects it lacks («sqlite_autoindex_meta_1»)."""
    other = altered(tmp_path / "otra.sqlite", *statements)
    problems = backup.inspect_backup(store, other).problems
    assert len(problems) == 1 and "no es un respaldo de Minga" in problems[0]
    assert "sqlite_" not in problems[0] and "audit_log" not in problems[0]
    refused(store, other, "no es un respaldo de Minga")


@pytest.mark.parametrize("statements", [
    # a do-nothing trigger named like the append-only one
    ("DROP TRIGGER audit_log_no_delete",
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END"),
    # a trigger that changes what a stored record says
    ("CREATE TRIGGER rewrite AFTER UPDATE ON records BEGIN UPDATE records SET body = '{}' WHERE 0; END",),
    ("CREATE TABLE extra (x INTEGER)",),
    ("CREATE VIEW vista AS SELECT * FROM records",),
    ("CREATE INDEX idx_body ON records (body)",),
], ids=["look-alike-trigger", "extra-trigger", "extra-table", "extra-view", "extra-index"])
def test_any_schema_difference_is_refused(store, tmp_path, statements):
    refused(store, altered(a_backup(store, tmp_path), *statements), "respaldo")


def test_a_record_that_does_not_validate_against_its_model_is_refused(store, tmp_path):
    candidate = altered(a_backup(store, tmp_path),
                        "UPDATE records SET body = '{\"username\": \"Mal Nombre\", \"role\": \"admin\", "
                        "\"display_name\": \"x\", \"password_hash\": \"h\"}' "
                        "WHERE kind = 'user' AND record_id = 'admin'")
    refused(store, candidate, "registro no válido")


def test_a_record_of_an_unknown_kind_is_refused(store, tmp_path):
    candidate = altered(a_backup(store, tmp_path), "INSERT INTO records VALUES ('trampa', 'x', NULL, '{}', 1, 0, "
                                                  "'2026-01-01', 'intruso')")
    refused(store, candidate, "tipo desconocido")


def test_a_planted_administrator_breaks_the_log_and_is_refused(store, tmp_path):
    """The attack from the issue: an administrator added to a backup whose log still chains."""
    body = json.dumps({"username": "intruso", "display_name": "Intruso", "role": "admin", "association_id": None,
                       "email": None, "active": True, "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$x$y"})
    candidate = altered(a_backup(store, tmp_path), "INSERT INTO records VALUES ('user', 'intruso', NULL, "
                                                  f"'{body}', 1, 0, '2026-01-01', 'intruso')")
    refused(store, candidate, "no tiene ninguna entrada en el registro")


def test_a_backup_of_another_installation_is_refused_unless_adopted(store, tmp_path):
    elsewhere = Store(tmp_path / "otra" / "minga.sqlite")  # its own key, in tmp_path/otra/keys
    Accounts(elsewhere).create_first_admin("admin", "Administración", PASSWORD)
    elsewhere.save("budget", "020150", budget(5000), actor="admin", parish_code="020150")
    candidate = a_backup(elsewhere, tmp_path, "ajeno.sqlite")
    assert backup.inspect_backup(store, candidate).foreign_key is not None
    refused(store, candidate, "otra instalación")
    backup.restore(store, candidate, admin=ADMIN, password=PASSWORD, adopt=True)
    assert store.get("budget", "020150").body == budget(5000)
    assert store.verify().ok  # the adopted entries check with the key the signed restore entry names
    store.save("budget", "020150", budget(6000), actor="admin", parish_code="020150")
    assert store.verify().ok
    # an auditor handed the file alone: the store names the adopted key, not the one signing since, so the
    # signatures are said not to be checked, and nothing is called broken
    handed = tmp_path / "auditor" / "minga.sqlite"
    handed.parent.mkdir()
    shutil.copy(store.path, handed)
    audit = subprocess.run([sys.executable, "-m", "core.audit", "verify", str(handed)], capture_output=True,
                           text=True, cwd=Path(__file__).resolve().parents[1], timeout=120,
                           env={"PATH": "/usr/bin:/bin"})
    assert audit.returncode == 0, audit.stderr
    assert "No se comprobaron las firmas" in audit.stderr


def test_this_installations_backup_with_an_entry_signed_elsewhere_cannot_be_adopted(store, tmp_path):
    """A backup of this installation with one more entry (a planner made administrator) signed with another key,
    the file naming that key: only the head was checked under the named key, so it passed as another
    installation's backup. Every entry must be signed with the key the file names."""
    attacker = Ed25519PrivateKey.generate()
    candidate = a_backup(store, tmp_path)
    con = sqlite3.connect(candidate)
    seq, previous = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    row = list(con.execute("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by "
                           "FROM records WHERE record_id = 'tecnica'").fetchone())
    body = {**json.loads(row[3]), "role": "admin"}
    row[3], row[4] = canonical(body), row[4] + 1
    con.execute("UPDATE records SET body = ?, version = ? WHERE record_id = 'tecnica'", (row[3], row[4]))
    payload = canonical({"version": row[4], "deleted": False, "body": body, "record_hash": record_hash(*row)})
    at = "2026-02-01T00:00:00.000001+00:00"
    digest = entry_hash(seq + 1, at, "admin", "guardar", "user", "tecnica", payload, previous)
    con.execute("INSERT INTO audit_log VALUES (?, ?, 'admin', 'guardar', 'user', 'tecnica', ?, ?, ?, ?)",
                (seq + 1, at, payload, previous, digest, signing.sign_entry(attacker, digest)))
    con.execute("UPDATE meta SET value = ? WHERE key = 'public_key'", (signing.public_pem(attacker.public_key()),))
    con.commit()
    con.close()
    assert not backup.inspect_backup(store, candidate).acceptable
    refused(store, candidate, "repite el registro de esta instalación", adopt=True)
    assert Accounts(store).get("tecnica").role == Role.PLANNER


def test_another_installations_backup_with_unsigned_entries_cannot_be_adopted(store, tmp_path):
    """Entries without a signature were allowed before the first signed one (the old unsigned format): blanking
    them passed a log whose start no key vouched for."""
    elsewhere = Store(tmp_path / "otra" / "minga.sqlite")
    Accounts(elsewhere).create_first_admin("admin", "Administración", PASSWORD)
    elsewhere.save("budget", "020150", budget(5000), actor="admin", parish_code="020150")
    candidate = altered(a_backup(elsewhere, tmp_path, "ajeno.sqlite"), "DROP TRIGGER audit_log_no_update",
                        "UPDATE audit_log SET signature = '' WHERE seq = 1")
    con = sqlite3.connect(candidate)  # the trigger back, so only the signature differs from a true backup
    con.execute("CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log\n"
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    con.commit()
    con.close()
    refused(store, candidate, "entrada 1 no está firmada con la clave que nombra el respaldo", adopt=True)


def test_an_account_stored_under_another_code_than_its_name_cannot_be_adopted_nor_sign_in(store, tmp_path):
    """Another installation's backup with an account kept as «visita» whose body names «admin» as an observer: the
    list showed a second «admin», an observer, and signing in as «visita» acted as the true administrator (the
    account is read again by the name its body gives)."""
    elsewhere = Store(tmp_path / "otra" / "minga.sqlite")
    accounts = Accounts(elsewhere)
    accounts.create_first_admin("admin", "Administración", PASSWORD)
    body = {**User(username="admin", display_name="Visita", role=Role.OBSERVER).model_dump(mode="json"),
            "password_hash": accounts.hasher.hash("clave-de-la-visita")}
    elsewhere.save("user", "visita", body, actor="admin")  # signed by its own installation: only adoption vouches
    candidate = a_backup(elsewhere, tmp_path, "ajeno.sqlite")
    refused(store, candidate, "cuenta guardada como «visita» que dice ser «admin»", adopt=True)
    # the same account in a store (written there by hand, or restored before this check): it signs in nowhere
    store.save("user", "visita", body, actor="admin")
    mine = Accounts(store)
    assert mine.authenticate("visita", "clave-de-la-visita") is None
    assert mine.get("visita") is None and [u.username for u in mine.users()] == ["admin", "tecnica"]


def test_a_wrong_password_or_a_non_administrator_is_refused(store, tmp_path):
    candidate = a_backup(store, tmp_path)
    refused(store, candidate, "contraseña no coincide", password="otra-clave-cualquiera")
    planner = User(username="tecnica", display_name="Técnica", role=Role.ADMIN)  # the role the caller claims
    before = snapshot(store)
    with pytest.raises(PermissionDenied):
        backup.restore(store, candidate, admin=planner, password=PASSWORD)
    assert snapshot(store) == before


def test_a_backup_with_a_tampered_log_is_refused(store, tmp_path):
    candidate = altered(a_backup(store, tmp_path), "DROP TRIGGER audit_log_no_update",
                        "UPDATE audit_log SET actor = 'otro' WHERE seq = 2")
    refused(store, candidate, "respaldo")


def test_the_key_is_not_inside_the_backup(store, tmp_path):
    pem = store.key_path.read_bytes()
    body = pem.split(b"-----")[2].strip()
    assert body not in backup.backup_bytes(store)
    assert store.key_path.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_the_first_administrator_is_created_once_by_the_store_primitive(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    store.save("user", "a", {"n": 1}, actor="a", only_if_none=True)
    with pytest.raises(AlreadyExistsError):
        store.save("user", "b", {"n": 2}, actor="b", only_if_none=True)
    assert [r.record_id for r in store.records("user")] == ["a"]


FIRST_ADMIN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from core.record.auth import Accounts, PermissionDenied
    from core.record.store import Store, StoreBusyError
    accounts = Accounts(Store(sys.argv[1]))
    print("listo", flush=True)
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.005)
    for attempt in range(5):  # «ocupado»: the person tries again, as the message asks (a busy machine)
        try:
            accounts.create_first_admin(sys.argv[3], "Nombre", "una-clave-larga")
            print("creado", flush=True)
        except PermissionDenied:
            print("rechazado", flush=True)
        except StoreBusyError:
            continue
        break
""")


def test_two_processes_creating_the_first_administrator_at_once_one_is_refused(tmp_path):
    path, go = tmp_path / "s.sqlite", tmp_path / "go"
    Store(path)
    workers = [subprocess.Popen([sys.executable, "-c", FIRST_ADMIN, str(path), str(go), name], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True) for name in ("primera", "segunda")]
    for worker in workers:
        assert worker.stdout.readline().strip() == "listo"
    go.touch()
    outcomes = sorted(worker.communicate(timeout=60)[0].strip() for worker in workers)
    assert outcomes == ["creado", "rechazado"]
    assert len(Accounts(Store(path)).users()) == 1


def test_a_first_administrator_created_after_the_quick_check_still_refuses_the_second(tmp_path, monkeypatch):
    """The check before hashing the password passes for both; the write itself refuses the second."""
    accounts = Accounts(Store(tmp_path / "s.sqlite"))
    accounts.create_first_admin("primera", "Primera", PASSWORD)
    monkeypatch.setattr(Accounts, "has_users", lambda self: False)
    with pytest.raises(PermissionDenied, match="Ya existe"):
        accounts.create_first_admin("segunda", "Segunda", PASSWORD)
    assert [u.username for u in accounts.users()] == ["primera"]


def test_budget_rules_that_are_not_allocation_rules_are_refused(store, tmp_path):
    candidate = altered(a_backup(store, tmp_path), "UPDATE records SET body = json_set(body, '$.rules.budget_usd', "
                                                  "-5) WHERE kind = 'budget'")
    refused(store, candidate, "registro no válido: El presupuesto")


@pytest.mark.parametrize("kind", sorted(backup.RECORD_MODELS))
def test_every_kind_names_a_model_that_exists(kind):
    """The models are named as text (resolved when a backup is checked): a moved model must fail here."""
    assert issubclass(backup._model(kind), BaseModel)


def test_a_backup_of_the_demo_with_every_kind_of_record_is_accepted(tmp_path, con):

    store = Store(tmp_path / "demo.sqlite")
    Accounts(store).create_first_admin("admin", "Administración", PASSWORD)
    report = backup.inspect_backup(store, backup.backup_to(store, tmp_path / "respaldo.sqlite"))
    assert report.problems == ()
    assert [u.username for u in report.users] == ["admin"]


def test_accounts_hidden_by_a_deleted_mark_of_another_type_are_refused_and_open_no_first_administrator(store,
                                                                                                       tmp_path):
    """A deleted mark set to text ('') hashed as «not deleted» while every list left the account out: a backup
    (or a store edited in place) then seemed to have no account and offered a first administrator to anyone."""
    candidate = altered(a_backup(store, tmp_path), "UPDATE records SET deleted = '' WHERE kind = 'user'")
    refused(store, candidate, "El usuario «admin» no coincide con su última versión registrada")
    hidden = Store(altered(store.path, "UPDATE records SET deleted = '' WHERE kind = 'user'"))
    accounts = Accounts(hidden)
    assert accounts.users() == [] and accounts.has_users()
    with pytest.raises(PermissionDenied, match="Ya existe un administrador"):
        accounts.create_first_admin("intrusa", "Intrusa", PASSWORD)
    assert not hidden.verify().ok


def test_restoring_a_backup_writes_a_lost_anchor_again(store, tmp_path):
    """The anchor lost (a moved installation): the verification names it until the administrator restores the
    store's own backup, which logs the restore and writes the anchor again."""
    store.anchor_path.unlink()
    store.save("budget", "010170", budget(35000), actor="tecnica", parish_code="010170")
    assert not store.verify().ok and not store.anchor_path.exists()
    backup.restore(store, a_backup(store, tmp_path), admin=ADMIN, password=PASSWORD)
    assert store.verify().ok and store.anchor_path.exists()


@pytest.mark.parametrize("text", ["=HYPERLINK(\"x\")\t«a»; \"b\"", "Riego 💧 Jose\u0301 \u202eztiuQ", "a\x01b\x1f\x7f c",
                                  "<b>x</b> **y** " + "Q" * 1_950],
                         ids=["formula-csv", "emoji-rtl-combining", "controls", "html-long"])
def test_hostile_text_comes_back_from_a_backup_exactly(store, tmp_path, text):
    from core.engine.allocation import AllocationRules
    from core.engine.scenarios import Scenario, save_scenario

    planner = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
    save_scenario(store, planner, Scenario(name="Escenario " + text[:100], parish_code="010170",
                                           weights={"pdot": 1.0}, note=text, rules=AllocationRules(budget_usd=1.0)))
    kept = [(r.record_id, r.body) for r in store.records("scenario")]
    saved = a_backup(store, tmp_path)
    store.save("budget", "010171", budget(9000), actor="tecnica", parish_code="010171")
    backup.restore(store, saved, admin=ADMIN, password=PASSWORD)
    assert [(r.record_id, r.body) for r in store.records("scenario")] == kept
    assert [r.body["note"] for r in store.records("scenario")] == [text]
    assert store.verify().ok


def test_a_backup_that_would_undo_decisions_names_them_and_restores_only_when_told(store, tmp_path, con):
    """Restoring a backup taken before a decision was recorded takes that decision out of the store, and the store then
    verifies as intact: the administrator is told which decisions are lost, must accept it, and the log names them."""
    from core.record.decisions import record
    from tests.conftest import store_accounts
    from tests.decision_draft import BOARD, _draft

    store_accounts(store, BOARD)
    kept = record(store, BOARD, _draft()).decision_id
    older = a_backup(store, tmp_path, "antes.sqlite")
    recorded = record(store, BOARD, _draft())
    later, number = recorded.decision_id, recorded.number_es
    report = backup.inspect_backup(store, older)
    assert report.acceptable and report.dropped == (later,)
    refused(store, older, match=rf"no tiene, como están ahora, estas decisiones de la junta: {number} de El Valle \(010170\)")
    backup.restore(store, older, admin=ADMIN, password=PASSWORD, drop_decisions=True)
    assert store.get("decision", later) is None and store.get("decision", kept) is not None
    assert store.log(limit=1)[0].payload["dropped_decisions"] == [later]
    assert backup.inspect_backup(store, a_backup(store, tmp_path, "ahora.sqlite")).dropped == ()
