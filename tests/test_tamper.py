"""Tampering with a copy of a store, as an auditor or an attacker would, against `python -m core.audit verify`
run as a separate process: every case exits non-zero and names what it found; the untouched store exits 0."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.record import acta, backup, constancia, ledger
from core.record.decisions import Decision, record
from core.record.hashing import entry_hash, record_hash
from core.record.signing import public_pem
from core.record.store import Store, StoreError
from tests.conftest import store_accounts
from tests.test_decisions_acta import BOARD, _draft

ROOT = Path(__file__).resolve().parents[1]
_PRINTED_LINES = constancia.lines  # the constancia's lines as today's Minga prints them (format line last)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A folder with a store holding three approved decisions (and its key and anchor beside it), plus an older
    backup taken after the second decision."""
    folder = tmp_path_factory.mktemp("pristine")
    store = store_accounts(Store(folder / "minga.sqlite"), BOARD)
    store.save("proposal", "EV-P02", {"title": "Riego por goteo comunitario"}, actor="tecnico", parish_code="010170")
    record(store, BOARD, _draft())
    record(store, BOARD, _draft())
    backup.backup_to(store, folder / "older-backup.sqlite")
    record(store, BOARD, _draft())
    assert all(d.approved for d in (Decision(**r.body) for r in store.records("decision")))
    return folder


@pytest.fixture()
def copy(pristine, tmp_path) -> Path:
    """A fresh copy of the pristine folder; returns the store path inside it."""
    shutil.copytree(pristine, tmp_path / "copy")
    return tmp_path / "copy" / "minga.sqlite"


def verify(path: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MINGA_KEY", "MINGA_STORE")}
    return subprocess.run([sys.executable, "-m", "core.audit", "verify", str(path), *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def sql(path: Path, *statements: str, params: tuple = ()) -> None:
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in statements:
        con.execute(statement, params if "?" in statement else ())
    con.commit()
    con.close()


def last_seq(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def decision_body(path: Path, number: int) -> tuple[str, dict]:
    con = sqlite3.connect(path)
    try:
        record_id, body = con.execute("SELECT record_id, body FROM records WHERE kind = 'decision' "
                                      "ORDER BY record_id LIMIT 1 OFFSET ?", (number - 1,)).fetchone()
    finally:
        con.close()
    return record_id, json.loads(body)


def test_the_untouched_store_passes(copy):
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert "Registro íntegro" in result.stdout
    assert result.stderr == ""  # key and anchor found: every check ran


def test_a_key_asked_for_and_not_read_vouches_for_nothing(copy, tmp_path):
    (tmp_path / "garbage.pem").write_text("no es una clave")
    for key in (tmp_path / "no-such-key.pem", tmp_path / "garbage.pem"):
        result = verify(copy, "--key", str(key))
        assert result.returncode == 2
        assert "no existe o no es una clave Ed25519" in result.stderr and "Registro íntegro" not in result.stdout


def test_an_acta_asked_for_and_not_read_is_not_vouched_for(copy, tmp_path):
    (tmp_path / "roto.pdf").write_bytes(b"%PDF-1.4 roto")
    for acta_file in (tmp_path / "no-such-acta.pdf", tmp_path / "roto.pdf"):
        result = verify(copy, "--acta", str(acta_file))
        assert result.returncode == 1
        assert f"No se comprobó el acta «{acta_file.name}»" in result.stderr
        assert "invalid pdf header" not in result.stderr.lower() and "EOF marker" not in result.stderr


def test_the_store_alone_is_checked_with_the_key_it_declares_and_says_so(copy):
    shutil.rmtree(copy.parent / "keys")  # an auditor handed the store file only
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert "las firmas se comprobaron con la clave que declara el propio almacén (huella" in result.stderr


@pytest.mark.parametrize("deleted", [1, 3])
def test_deleted_tail_entries_are_named(copy, deleted):
    last = last_seq(copy)
    sql(copy, f"DELETE FROM audit_log WHERE seq > {last - deleted}")
    result = verify(copy)
    assert result.returncode == 1
    assert f"El almacén termina en la entrada {last - deleted}" in result.stderr
    assert f"registra la entrada {last}" in result.stderr
    assert "La decisión «010170-2026-003»" in result.stderr  # the record those entries wrote is now unlogged


def test_an_emptied_log_is_named(copy):
    sql(copy, "DELETE FROM audit_log")
    result = verify(copy)
    assert result.returncode == 1
    assert "El registro está vacío" in result.stderr and "fue vaciado" in result.stderr


def test_a_decision_edited_in_records_only_is_named(copy):
    record_id, body = decision_body(copy, 2)
    body["funded"][0]["amount_usd"] = 99999
    sql(copy, "UPDATE records SET body = ? WHERE kind = 'decision' AND record_id = ?",
        params=(json.dumps(body), record_id))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» no coincide con su última versión registrada" in result.stderr


@pytest.mark.parametrize("mark", ["''", "x''", "'sí'"])
def test_a_record_whose_deleted_mark_is_not_a_number_is_named(copy, mark):
    """The hash reads the mark as true or false, the app's lists as the number 0: an empty text hid a decision
    from every list while its hash still matched the log."""
    record_id, _ = decision_body(copy, 2)
    sql(copy, f"UPDATE records SET deleted = {mark} WHERE kind = 'decision' AND record_id = ?", params=(record_id,))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» no coincide con su última versión registrada" in result.stderr


def test_accounts_deleted_by_hand_open_no_first_administrator_and_one_made_again_is_named(copy):
    """Rows deleted behind the log's back: the store must not look new (the first-administrator form), and an
    account is not created again under the same name (its versions would start anew over the deletion)."""
    from core.record.auth import Accounts, PermissionDenied

    sql(copy, "DELETE FROM records WHERE kind = 'user'")
    accounts = Accounts(Store(copy))
    assert accounts.users() == [] and accounts.has_users()
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin("intrusa", "Intrusa", "una-clave-larga-2026")
    username = BOARD.username
    with pytest.raises(StoreError, match=f"«{username}» está en el registro .* se borró del almacén"):
        store_accounts(Store(copy), BOARD)  # the same account written again through Minga
    result = verify(copy)
    assert result.returncode == 1
    assert f"El usuario «{username}» está en el registro" in result.stderr and "se borró" in result.stderr


def _delete_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# how a store with accounts is made to look new, by whoever may write its folder but not its keys folder
LOOKS_NEW = {
    "file deleted": _delete_store,
    "both tables emptied": lambda path: sql(path, "DELETE FROM records", "DELETE FROM audit_log"),
    "an older copy with no account": lambda path: shutil.copy(path.parent / "no-accounts.sqlite", path),
}


@pytest.mark.parametrize("how", list(LOOKS_NEW))
def test_a_store_set_back_behind_its_anchor_offers_no_first_administrator_nor_takes_a_forged_account(copy, how):
    """The store file deleted (or emptied, or an older copy from before any account put in its place) while its
    anchor stays: the store looked new, so the first-administrator form made the intruder an administrator and every
    write took the caller's account as given. The verification named it, but only afterwards."""
    from core.record.auth import Accounts, Action, PermissionDenied, Role, User

    early = Store(copy.parent / "no-accounts.sqlite", key_path=copy.parent / "keys" / "minga-ed25519.pem")
    early.save("system", "demo", {"seeded": True}, actor="minga")
    LOOKS_NEW[how](copy)
    accounts = Accounts(Store(copy))
    assert accounts.users() == [] and accounts.has_users()
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin("intrusa", "Intrusa", "una-clave-larga-2026")
    with pytest.raises(PermissionDenied):
        accounts.require(User(username="intrusa", display_name="Intrusa", role=Role.ADMIN), Action.MANAGE_STORE)
    assert verify(copy).returncode == 1


def _copied_behind_the_key(path: Path, kind: str, record_id: str, *, parish: str | None, indexed: bool) -> None:
    """A second row of (kind, record_id) (in `parish`, when given), written while the table's key was taken away
    (writable_schema): `indexed`, an index built over both rows is put in the key index's place (every list shows the
    record twice); else the old key index comes back without the copy (only a query that scans the table sees it)."""
    con = sqlite3.connect(path)
    key = con.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master "
                      "WHERE name = 'sqlite_autoindex_records_1'").fetchone()
    table = con.execute("SELECT sql FROM sqlite_master WHERE name = 'records'").fetchone()[0]

    def schema(*statements: tuple[str, tuple]) -> None:
        con.execute("PRAGMA writable_schema = ON")
        for statement, params in statements:
            con.execute(statement, params)
        con.execute(f"PRAGMA schema_version = {con.execute('PRAGMA schema_version').fetchone()[0] + 1}")
        con.commit()

    schema(("UPDATE sqlite_master SET sql = ? WHERE name = 'records'",
            (table.replace(",\n    PRIMARY KEY (kind, record_id)", ""),)),
           ("DELETE FROM sqlite_master WHERE name = ?", (key[1],)))
    con.close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO records SELECT kind, record_id, coalesce(?, parish_code), body, version, deleted, "
                "updated_at, updated_by FROM records WHERE kind = ? AND record_id = ?", (parish, kind, record_id))
    root = key[3]
    if indexed:
        con.execute("CREATE INDEX both_rows ON records (kind, record_id)")
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'both_rows'").fetchone()[0]
    con.commit()
    schema(("DELETE FROM sqlite_master WHERE name = 'both_rows'", ()),
           ("UPDATE sqlite_master SET sql = ? WHERE name = 'records'", (table,)),
           ("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", (*key[:3], root, key[4])))
    con.close()


def test_a_record_kept_twice_in_the_table_and_its_key_index_is_named(copy):
    """Two identical rows of one decision (a ballot would count twice): each matched its logged hash, so the store
    verified clean while every list showed the record twice."""
    record_id, _ = decision_body(copy, 1)
    _copied_behind_the_key(copy, "decision", record_id, parish=None, indexed=True)
    assert [r.record_id for r in Store(copy).records("decision")].count(record_id) == 2  # what the pages list
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» está dos veces en el almacén" in result.stderr


def test_a_row_kept_out_of_the_key_index_is_named(copy):
    """A copy of a decision in another parish, in the table but not in its key index: the lists (and the
    verification) read the index and saw nothing, while the log's page, which scans the table for each record's
    parish, showed the decision's entries as Río Blanco's."""
    from core.record.log_scope import placed_entries

    record_id, _ = decision_body(copy, 1)
    _copied_behind_the_key(copy, "decision", record_id, parish="140164", indexed=False)
    assert {e.parish_code for e in placed_entries(Store(copy)) if e.record_id == record_id} == {"140164"}
    result = verify(copy)
    assert result.returncode == 1
    assert "La tabla de registros tiene 6 filas, pero su índice 5" in result.stderr


def test_a_decision_deleted_in_records_only_is_named(copy):
    record_id, _ = decision_body(copy, 1)
    sql(copy, "DELETE FROM records WHERE kind = 'decision' AND record_id = ?", params=(record_id,))
    result = verify(copy)
    assert result.returncode == 1
    assert f"La decisión «{record_id}» está en el registro" in result.stderr and "ya no está" in result.stderr


def test_an_administrator_planted_unsigned_in_a_store_handed_over_alone_is_named(copy):
    shutil.rmtree(copy.parent / "keys")
    con = sqlite3.connect(copy)
    seq, previous = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    body = json.dumps({"username": "intrusa", "role": "admin", "display_name": "Intrusa"}, sort_keys=True)
    at = "2026-12-03T10:00:00+00:00"
    written = record_hash("user", "intrusa", None, body, 1, False, at, "intrusa")
    con.execute("INSERT INTO records (kind, record_id, parish_code, body, version, deleted, updated_at, updated_by) "
                "VALUES ('user', 'intrusa', NULL, ?, 1, 0, ?, 'intrusa')", (body, at))
    payload = json.dumps({"body": json.loads(body), "record_hash": written}, sort_keys=True, separators=(",", ":"))
    digest = entry_hash(seq + 1, at, "intrusa", "save", "user", "intrusa", payload, previous)
    con.execute("INSERT INTO audit_log (seq, at, actor, action, kind, record_id, payload, prev_hash, hash, signature) "
                "VALUES (?, ?, 'intrusa', 'save', 'user', 'intrusa', ?, ?, ?, '')",
                (seq + 1, at, payload, previous, digest))
    con.commit()
    con.close()
    result = verify(copy)
    assert result.returncode == 1
    assert f"Primera entrada rota: {seq + 1}. La entrada {seq + 1} no tiene firma" in result.stderr


def test_a_log_with_every_signature_blanked_is_broken_from_its_first_entry(copy):
    sql(copy, "UPDATE audit_log SET signature = ''")
    result = verify(copy)
    assert result.returncode == 1
    assert "Primera entrada rota: 1. La entrada 1 no tiene firma" in result.stderr


@pytest.mark.parametrize("keys_kept", [True, False])
def test_a_decision_rewritten_in_records_and_log_with_fresh_hashes_is_named(copy, keys_kept):
    """The attacker edits the decision, its log entry and every later hash: only the signatures give it away,
    also to an auditor handed the store alone (checked with the key the store declares)."""
    record_id, body = decision_body(copy, 2)
    body["funded"][0]["amount_usd"] = 99999
    con = sqlite3.connect(copy)
    con.execute("DROP TRIGGER audit_log_no_update")
    row = con.execute("SELECT kind, record_id, parish_code, body, version, deleted, updated_at, updated_by "
                      "FROM records WHERE kind = 'decision' AND record_id = ?", (record_id,)).fetchone()
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    con.execute("UPDATE records SET body = ? WHERE kind = 'decision' AND record_id = ?", (text, record_id))
    edited_seq = con.execute("SELECT max(seq) FROM audit_log WHERE record_id = ?", (record_id,)).fetchone()[0]
    entries = con.execute("SELECT seq, at, actor, action, kind, record_id, payload, prev_hash "
                          "FROM audit_log WHERE seq >= ? ORDER BY seq", (edited_seq,)).fetchall()
    previous = con.execute("SELECT hash FROM audit_log WHERE seq = ?", (edited_seq - 1,)).fetchone()[0]
    for seq, at, actor, action, kind, rid, payload, _ in entries:
        if seq == edited_seq:
            data = json.loads(payload)
            data["body"] = body
            data["record_hash"] = record_hash(row[0], row[1], row[2], text, row[4], bool(row[5]), row[6], row[7])
            payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = entry_hash(seq, at, actor, action, kind, rid, payload, previous)
        con.execute("UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    (payload, previous, digest, seq))
        previous = digest
    con.commit()
    con.close()
    if not keys_kept:
        shutil.rmtree(copy.parent / "keys")
    result = verify(copy)
    assert result.returncode == 1
    assert f"La entrada {edited_seq} no tiene una firma válida de esta instalación" in result.stderr
    assert f"Primera entrada rota: {edited_seq}" in result.stderr


def test_the_store_replaced_by_an_older_backup_is_named(copy):
    last = last_seq(copy)
    shutil.copyfile(copy.parent / "older-backup.sqlite", copy)
    result = verify(copy)
    assert result.returncode == 1
    assert f"registra la entrada {last}" in result.stderr and "estado anterior" in result.stderr


def test_an_acta_printed_ahead_of_the_store_is_named(copy, tmp_path):
    """Verified with a public key kept elsewhere: the acta's printed head names the rollback too."""
    store = Store(copy)
    third = Decision(**decision_body(copy, 3)[1])
    printed = tmp_path / "acta-2026-003.pdf"
    printed.write_bytes(acta.pdf_bytes(third, store.head()))
    key_only = tmp_path / "auditor" / "clave-publica.pem"
    key_only.parent.mkdir()
    key_only.write_text(public_pem(store.public_key))
    shutil.copyfile(copy.parent / "older-backup.sqlite", copy)
    result = verify(copy, "--key", str(key_only), "--acta", str(printed))
    assert result.returncode == 1
    assert "el acta «acta-2026-003.pdf» registra la entrada" in result.stderr
    # the anchor beside the store is still read: a key brought from elsewhere does not hide the rollback
    assert "estado anterior" in result.stderr and "No se comprobó si el almacén volvió" not in result.stderr


def test_an_acta_printed_from_an_edited_decision_is_named(copy, tmp_path):
    store = Store(copy)
    _, body = decision_body(copy, 1)
    body["funded"][0]["amount_usd"] = 1.0
    printed = tmp_path / "acta-editada.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**body), store.head()))
    honest = tmp_path / "acta-fiel.pdf"
    honest.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    assert verify(copy, "--acta", str(honest)).returncode == 0
    result = verify(copy, "--acta", str(printed))
    assert result.returncode == 1
    assert "El acta «acta-editada.pdf» muestra la decisión" in result.stderr


def test_an_acta_that_carries_a_true_constancia_over_other_content_is_named(copy, tmp_path, monkeypatch):
    """The forger prints the genuine decision's hash and the log's head on an acta that funds something else:
    the constancia alone passed, and the acta seemed to prove what it did not."""
    store = Store(copy)
    _, body = decision_body(copy, 1)
    genuine = acta.body_hash(body)
    body["funded"][0]["amount_usd"] = 32750.5
    monkeypatch.setattr(acta, "body_hash", lambda _: genuine)
    forged = tmp_path / "acta-falsa.pdf"
    forged.write_bytes(acta.pdf_bytes(Decision(**body), store.head()))
    result = verify(copy, "--acta", str(forged))
    assert result.returncode == 1
    assert "El texto del acta «acta-falsa.pdf» no es el que Minga imprime" in result.stderr


@pytest.mark.parametrize("claimed", [None, 1])
def test_an_acta_in_another_format_is_not_vouched_for_nor_called_forged(copy, tmp_path, monkeypatch, claimed):
    """An acta that says another format (or none) cannot be compared with a print made today: an honest one from
    an older Minga, or an edited one whose format line was changed so that its text would go uncompared. Its
    decision and constancia are checked; the command exits 1 and says why, without calling the register altered."""
    store = Store(copy)
    with monkeypatch.context() as other_format:
        if claimed is None:
            other_format.setattr(constancia, "lines", lambda *head: _PRINTED_LINES(*head)[:-1])
        else:
            other_format.setattr(constancia, "ACTA_FORMAT", claimed)
        other_format.setattr(acta, "status_es", lambda decision: "Aprobada por unanimidad")  # other wording
        other = tmp_path / "acta.pdf"
        other.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    result = verify(copy, "--acta", str(other))
    assert result.returncode == 1
    assert "se imprimió con otro formato de Minga" in result.stderr and "no la dé por buena" in result.stderr
    assert "ALTERADO" not in result.stderr


def _signed_electronically(printed: Path, signed: Path, subtype: str = "/Widget",
                           rect: tuple[float, ...] = (0, 0, 0, 0), page: int = 0) -> Path:
    """The acta with a signature field and its widget (`rect` 0: invisible), as FirmaEC or a PDF reader adds them;
    `subtype` another kind of annotation that claims to be a signature."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(printed))
    field = writer._add_object(DictionaryObject({
        NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Firma presidenta"),
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
        NameObject("/Contents"): TextStringObject("$ 48.500,00"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]), NameObject("/F"): NumberObject(4)}))
    writer.pages[page][NameObject("/Annots")] = ArrayObject([field])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject([field]), NameObject("/SigFlags"): NumberObject(3)})
    with signed.open("wb") as out:
        writer.write(out)
    return signed


def test_an_acta_signed_electronically_still_verifies(copy, tmp_path):
    """A GAD may sign its actas with FirmaEC: an invisible signature field is not content drawn over the acta."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    result = verify(copy, "--acta", str(_signed_electronically(printed, tmp_path / "acta-firmada.pdf")))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("subtype", "rect"), [("/FreeText", (300, 500, 400, 520)),  # a stamp calling itself one
                                               ("/Widget", (300, 500, 400, 520))])   # a visible stamp
def test_a_stamp_that_draws_over_the_acta_is_named_even_as_a_signature(copy, tmp_path, subtype, rect):
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    stamped = _signed_electronically(printed, tmp_path / "acta-sellada.pdf", subtype, rect)
    result = verify(copy, "--acta", str(stamped))
    assert result.returncode == 1 and "sellos dibujados sobre la página 1" in result.stderr


def _where_the_president_signs(printed: Path) -> tuple[int, float, float]:
    """(page index, x, baseline y) in points of the office printed under the president's signature line."""
    from pypdf import PdfReader

    found: list[tuple[int, float, float]] = []
    for index, page in enumerate(PdfReader(printed).pages):
        page.extract_text(visitor_text=lambda text, cm, tm, *_, index=index: found.append((index, tm[4], tm[5]))
                          if "Presidente/a de la junta" in text else None)
    if found:
        return found[0]
    raise AssertionError("the acta names no president's signature line")


@pytest.mark.parametrize(("above_the_office", "named"), [
    ((30, 70), False),  # a 40-point stamp in the blank above the signature line
    ((-4, 41), True),   # the same stamp lowered over the name and office under the line
    ((30, 140), True),  # a stamp tall enough to reach the text above the signatures
])
def test_a_visible_electronic_signature_is_admitted_only_above_its_signature_line(copy, tmp_path, above_the_office,
                                                                                   named):
    """FirmaEC can draw a visible signature: on the signature line it is how a board signs, over the text it is a
    stamp that hides what the acta says."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    page, _, office = _where_the_president_signs(printed)
    bottom, top = above_the_office
    rect = (60, office + bottom, 200, office + top)
    result = verify(copy, "--acta", str(_signed_electronically(printed, tmp_path / "firmada.pdf", rect=rect,
                                                              page=page)))
    assert result.returncode == (1 if named else 0), result.stderr
    assert (f"sellos dibujados sobre la página {page + 1}" in result.stderr) is named


def test_an_acta_with_an_annotation_drawn_over_its_text_is_named(copy, tmp_path):
    """A stamp over an amount changes what a reader sees and not the text the check compares."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import FreeText

    store = Store(copy)
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), store.head()))
    assert verify(copy, "--acta", str(printed)).returncode == 0
    writer = PdfWriter(clone_from=PdfReader(printed))
    writer.add_annotation(page_number=0, annotation=FreeText(text="$ 48.500,00", rect=(300, 500, 400, 520)))
    stamped = tmp_path / "acta-sellada.pdf"
    with stamped.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(stamped))
    assert result.returncode == 1
    assert "anotaciones o sellos dibujados sobre la página 1" in result.stderr


def test_a_file_that_is_not_a_store_still_exits_2(tmp_path):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"no es una base" * 100)
    assert verify(bogus).returncode == 2


def test_the_acta_of_a_decision_stored_before_names_were_kept_still_verifies(tmp_path):
    """Decisions stored by an earlier version have no `recorded_by_name`: their acta must print the hash the log
    holds, so an honest acta still verifies."""
    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    newer = record(store, BOARD, _draft()).model_dump(mode="json")
    older = {key: value for key, value in newer.items() if key != "recorded_by_name"}
    older.update(decision_id=newer["decision_id"].replace("-001", "-002"), number_es="2026-002")
    store.save("decision", older["decision_id"], older, actor=BOARD.username, parish_code=older["parish_code"],
               expected_version=0)
    printed = tmp_path / "acta-2026-002.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**store.get("decision", older["decision_id"]).body), store.head()))
    result = verify(store.path, "--acta", str(printed))
    assert result.returncode == 0, result.stderr


def test_a_version_set_back_by_hand_is_not_sealed_when_the_store_is_opened_again(copy):
    """The store's version set back to 1 once had the next opening sign every record as found, an edit included:
    the edit and the version stay named after Minga opens the store again and saves."""
    sql(copy, "UPDATE records SET body = json_set(body, '$.title', 'Otro proyecto') WHERE record_id = 'EV-P02'",
        "UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    Store(copy)  # the app or any command opening it
    result = verify(copy)
    assert result.returncode == 1
    assert "versión 1" in result.stderr and "«EV-P02» no coincide" in result.stderr


def test_saves_after_going_back_to_an_older_copy_never_move_the_anchor_onto_it(copy):
    """Once the store's new entries passed the anchor's number, the anchor moved onto the older history and the
    going back was forgotten."""
    shutil.copy(copy.parent / "older-backup.sqlite", copy)
    store = Store(copy)
    for number in range(6):
        store.save("proposal", f"EV-X{number}", {"title": "Otra"}, actor="tecnico", parish_code="010170")
    result = verify(copy)
    assert result.returncode == 1 and "no es la que registra el ancla" in result.stderr


@pytest.mark.parametrize("anchor_text", [None, '{"seq": 0, "hash": "", "signature": ""}', "no es un ancla"])
def test_going_back_to_an_older_copy_is_not_hidden_by_removing_or_emptying_the_anchor(copy, anchor_text):
    """The anchor deleted, emptied (number 0) or unreadable: the rollback passed, and a later save wrote a fresh
    anchor onto the older history, after which the store verified clean."""
    shutil.copy(copy.parent / "older-backup.sqlite", copy)
    anchor = copy.parent / "keys" / "minga.cabeza.json"
    anchor.unlink()
    if anchor_text is not None:
        anchor.write_text(anchor_text, encoding="utf-8")
    store = Store(copy)
    store.save("proposal", "EV-X1", {"title": "Otra"}, actor="tecnico", parish_code="010170")
    assert (anchor.read_text(encoding="utf-8") if anchor.exists() else None) == anchor_text  # not written anew
    result = verify(copy)  # named by its path, from a shell that does not know the installation
    assert result.returncode == 1
    assert "El ancla" in result.stderr and "pudo volver a un estado anterior" in result.stderr
    assert not store.verify().ok


def test_a_store_handed_over_without_its_keys_folder_says_the_anchor_was_not_checked(copy):
    shutil.rmtree(copy.parent / "keys")
    result = verify(copy)
    assert result.returncode == 0 and "ancla" in result.stderr  # a note: nothing here to check it against


def test_an_untouched_copy_checked_in_another_folder_is_not_called_rolled_back(copy, tmp_path):
    """A copy has no anchor of its own: away from the keys folder it is checked without one (a note)."""
    (tmp_path / "revision").mkdir()
    duplicate = Path(shutil.copy(copy, tmp_path / "revision" / "minga-copia.sqlite"))
    result = verify(duplicate)
    assert result.returncode == 0 and "ancla" in result.stderr, result.stderr


def test_a_planted_trigger_is_named_and_the_write_it_blocks_is_refused_in_spanish(copy):
    con = sqlite3.connect(copy)
    con.execute("CREATE TRIGGER no_votes BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'no'); END")
    con.commit()
    con.close()
    result = verify(copy)
    assert result.returncode == 1 and "disparador «no_votes»" in result.stderr
    with pytest.raises(StoreError, match="no aceptó la operación; lo guardado no cambió"):
        Store(copy).save("proposal", "EV-X", {"title": "Otra"}, actor="tecnico", parish_code="010170")


def test_the_page_cache_notices_an_edit_that_keeps_the_size_and_the_modification_time(copy):
    store = Store(copy)
    assert ledger.verify_store_cached(store).ok
    status = copy.stat()
    sql(copy, "UPDATE records SET body = replace(body, 'goteo', 'GOTEO') WHERE record_id = 'EV-P02'")
    os.utime(copy, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert copy.stat().st_size == status.st_size
    assert not ledger.verify_store_cached(store).ok


def test_the_page_cache_is_reused_while_nothing_changes(copy, monkeypatch):
    """Reading the store (the verification itself) touches its empty write-ahead log: that is no change."""
    store = Store(copy)
    checks = []
    real = Store.verify
    monkeypatch.setattr(Store, "verify", lambda self: checks.append(1) or real(self))
    assert ledger.verify_store_cached(store).ok and ledger.verify_store_cached(store).ok
    assert len(checks) == 1


def test_an_acta_with_a_malformed_or_indirect_annotation_list_is_answered_without_a_traceback(copy, tmp_path):
    """A crafted acta: its page's annotations behind an indirect reference, one with a rectangle of words."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    writer = PdfWriter(clone_from=PdfReader(printed))
    odd = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"), NameObject("/Rect"): ArrayObject([TextStringObject("ancho")] * 4)}))
    writer.pages[0][NameObject("/Annots")] = writer._add_object(ArrayObject([odd]))
    crafted = tmp_path / "acta-rara.pdf"
    with crafted.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(crafted))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "acta-rara.pdf" in result.stderr


def test_a_widget_whose_parent_chain_loops_is_named_and_the_check_ends(copy, tmp_path):
    """A crafted acta: a visible widget in the president's slot whose /Parent chain loops and never says its type.
    The check must end (a verifier that hangs vouches for nothing) and name it as something drawn over the acta."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    page, _, office = _where_the_president_signs(printed)
    writer = PdfWriter(clone_from=PdfReader(printed))
    first = writer._add_object(DictionaryObject({}))
    second = writer._add_object(DictionaryObject({NameObject("/Parent"): first}))
    first.get_object()[NameObject("/Parent")] = second
    widget = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/Parent"): first, NameObject("/F"): NumberObject(4),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (60, office + 30, 200, office + 75)])}))
    writer.pages[page][NameObject("/Annots")] = ArrayObject([widget])
    crafted = tmp_path / "acta-bucle.pdf"
    with crafted.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(crafted))  # times out (120 s) when the loop is followed forever
    assert result.returncode == 1 and f"sellos dibujados sobre la página {page + 1}" in result.stderr


@pytest.mark.parametrize("drawn", ["white_box", "cropped"])
def test_an_acta_painted_over_or_cropped_in_its_page_is_named(copy, tmp_path, drawn):
    """A white box added to the page's own content hides the funded proposals, a crop box cuts them off: the text
    the check reads is the same, what a reader sees is not."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, RectangleObject

    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    writer = PdfWriter(clone_from=PdfReader(printed))
    page = writer.pages[0]
    if drawn == "white_box":
        box = DecodedStreamObject()
        box.set_data(b"q 1 1 1 rg 40 300 520 200 re f Q")
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(box)])
    else:
        page[NameObject("/CropBox")] = RectangleObject([0, 400, 595.28, 841.89])
    changed = tmp_path / "acta-pintada.pdf"
    with changed.open("wb") as out:
        writer.write(out)
    result = verify(copy, "--acta", str(changed))
    assert result.returncode == 1 and "que Minga no imprime en la página 1" in result.stderr, result.stderr


def _with_viewer_additions(printed: Path, changed: Path, how: str) -> Path:
    """The acta with what a PDF viewer acts on besides the page: a portfolio that opens a forged acta embedded in
    it, an attachment, or JavaScript run when the document or a page opens (Acrobat can stamp the page with it)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, create_string_object

    writer = PdfWriter(clone_from=PdfReader(printed))
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): create_string_object('this.addAnnot({page: 0, type: "FreeText", rect: [300, 500, 420, '
                                                '520], contents: "$ 28.500,00"});')}))
    root = writer._root_object
    if how in ("portfolio", "attachment"):
        writer.add_attachment("acta-2026-001.pdf", b"%PDF-1.4 otra acta")
        if how == "portfolio":  # Acrobat opens the embedded file instead of the pages the check reads
            root[NameObject("/Collection")] = DictionaryObject({
                NameObject("/Type"): NameObject("/Collection"), NameObject("/View"): NameObject("/H"),
                NameObject("/D"): create_string_object("acta-2026-001.pdf")})
    elif how == "document_script":
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
            NameObject("/Names"): ArrayObject([create_string_object("sello"), script])})})
    elif how == "open_script":
        root[NameObject("/OpenAction")] = script
    else:
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})
    with changed.open("wb") as out:
        writer.write(out)
    return changed


@pytest.mark.parametrize(("how", "named"), [
    ("portfolio", "archivos adjuntos"), ("attachment", "archivos adjuntos"),
    ("document_script", "acciones o programas (JavaScript)"), ("open_script", "acciones o programas (JavaScript)"),
    ("page_script", "acciones o programas (JavaScript)"),
])
def test_an_acta_that_makes_the_viewer_show_or_run_something_else_is_named(copy, tmp_path, how, named):
    """The page is untouched, so its text and drawing compare equal; what a reader sees is not the acta: Acrobat
    opens the forged acta a portfolio embeds, or runs a script that stamps another amount over the page."""
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    result = verify(copy, "--acta", str(_with_viewer_additions(printed, tmp_path / "acta-cambiada.pdf", how)))
    assert result.returncode == 1, result.stdout
    assert "El acta «acta-cambiada.pdf» tiene" in result.stderr and named in result.stderr, result.stderr


def test_a_control_row_planted_in_meta_is_named(copy):
    """A row added to `meta` changes nothing the log covers, but every backup taken from then on is refused on
    restore («datos de control desconocidos»): the verification must not call that store intact."""
    sql(copy, "INSERT INTO meta VALUES ('administrador', 'tecnico')")
    result = verify(copy)
    assert result.returncode == 1
    assert "datos de control que Minga no escribe (administrador)" in result.stderr, result.stderr


def test_an_acta_whose_amounts_print_in_whole_dollars_verifies(tmp_path):
    """Amounts print by the money rule (whole dollars when no figure of a sentence or column has cents): the acta
    printed again from the logged decision reads the same, so `verify --acta` accepts it."""
    from tests.test_decisions_acta import _whole
    store = store_accounts(Store(tmp_path / "minga.sqlite"), BOARD)
    decision = record(store, BOARD, _whole(_draft()))
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(decision, store.head()))
    assert "Se asignan $ 32.750 a" in constancia.read_pdf(printed).text
    result = verify(tmp_path / "minga.sqlite", "--acta", str(printed))
    assert result.returncode == 0, result.stderr
