"""A restore that would give an account back what the administrator took from it since the backup was made: an
account deactivated (a lost laptop, a person who left), or an administrator made a planner. An older backup of this
installation (or one whose log was cut back to before the change: the same file) restored it silently, the account
shown as «Activo: Sí» among the others. As with the board's decisions it would undo, the restore names those accounts
and goes ahead only when the administrator says so; the log entry names them."""

from __future__ import annotations

import shutil

import pytest

from core.record import backup
from core.record.auth import Accounts, Role, User
from core.record.backup import RestoreRefused
from core.record.store import Store

PASSWORD = "una-clave-larga-2026"
ADMIN = User(username="admin", display_name="Administración", role=Role.ADMIN)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instalacion")
    store = Store(folder / "minga.sqlite")
    accounts = Accounts(store)
    admin = accounts.create_first_admin("admin", "Administración", PASSWORD)
    accounts.create(admin, User(username="viejo", display_name="Ex administrador", role=Role.ADMIN), PASSWORD)
    accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), PASSWORD)
    backup.backup_to(store, folder / "respaldo.sqlite")
    return folder


@pytest.fixture()
def store(template, tmp_path) -> Store:
    shutil.copytree(template, tmp_path / "app")
    return Store(tmp_path / "app" / "minga.sqlite")


def _deactivated(store: Store) -> Store:
    Accounts(store).set_active(Accounts(store).get("admin"), "viejo", False)
    return store


def test_a_restore_that_reactivates_an_account_names_it_and_needs_consent(store, tmp_path):
    candidate = store.path.parent / "respaldo.sqlite"
    _deactivated(store)
    report = backup.inspect_backup(store, candidate)
    assert report.acceptable and report.revived == ("viejo",)
    head = store.head()
    with pytest.raises(RestoreRefused, match="viejo"):
        backup.restore(store, candidate, admin=ADMIN, password=PASSWORD)
    assert store.head() == head and not Accounts(store).get("viejo").active
    backup.restore(store, candidate, admin=ADMIN, password=PASSWORD, revive_accounts=True)
    assert Accounts(store).get("viejo").active
    assert store.log(limit=1)[0].payload["revived_accounts"] == ["viejo"]


def test_a_restore_that_gives_nothing_back_needs_no_consent(store):
    candidate = store.path.parent / "respaldo.sqlite"
    report = backup.inspect_backup(store, candidate)
    assert report.revived == ()
    backup.restore(store, candidate, admin=ADMIN, password=PASSWORD)
    assert store.verify().ok


def test_an_account_deactivated_in_the_backup_too_is_not_named(store, tmp_path):
    _deactivated(store)
    later = backup.backup_to(store, tmp_path / "despues.sqlite")
    Accounts(store).create(Accounts(store).get("admin"), User(username="nuevo", display_name="Nuevo",
                                                              role=Role.PLANNER), PASSWORD)
    assert backup.inspect_backup(store, later).revived == ()


def test_a_restore_that_frees_a_planner_tied_since_names_it_and_needs_consent(store):
    """«tecnica» served every parish when the backup was made; since, the administrator tied it to Cumbe's GAD. The
    backup would give it every parish's proposals, offers and meetings back: as an account reactivated, it is named
    and restored only when the administrator says so."""
    candidate = store.path.parent / "respaldo.sqlite"
    Accounts(store).set_parish(Accounts(store).get("admin"), "tecnica", "010152")
    assert backup.inspect_backup(store, candidate).revived == ("tecnica",)
    with pytest.raises(RestoreRefused, match="tecnica"):
        backup.restore(store, candidate, admin=ADMIN, password=PASSWORD)
    assert Accounts(store).get("tecnica").parish_code == "010152"
    backup.restore(store, candidate, admin=ADMIN, password=PASSWORD, revive_accounts=True)
    assert Accounts(store).get("tecnica").parish_code is None
    assert store.log(limit=1)[0].payload["revived_accounts"] == ["tecnica"]
