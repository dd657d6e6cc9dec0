"""Going back to an older state of a store, as an attacker with write access to its folder (not to its keys folder)
would: the file deleted or emptied, an older backup or copy put in its place, the store's version set back, the
anchor removed, emptied or unreadable. `python -m core.audit verify` (a separate process) names each, an acta printed
later names it too, and the store offers no first administrator; an untouched copy checked away from its anchor is
not called rolled back."""

import shutil
from pathlib import Path

import pytest

from core.record import acta
from core.record.decision_models import Decision
from core.record.signing import public_pem
from core.record.store import Store
from tests.tampering import copy, decision_body, last_seq, pristine, sql, verify

__all__ = ["copy", "pristine"]  # fixtures used by name


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
