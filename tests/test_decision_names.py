"""The decisions Minga leaves out (changed in the store file by hand) or a restore would undo are named as the board
knows them: their number and parish («2026-002 de El Valle (010170)»), never the stored code («010170-2026-002»)."""

import json
import sqlite3
from contextlib import closing

import pytest

from core.record import backup
from core.record.auth import Accounts
from core.record.backup import RestoreRefused
from core.record.decisions import record
from core.record.store import Store
from tests.conftest import open_app_page, store_accounts
from tests.decision_draft import BOARD, _draft

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

PASSWORD = "una-clave-larga-2026"
PARISH = "El Valle (010170)"  # the parish of the El Valle draft, as every message names a parish


def _store(path) -> tuple[Store, object]:
    store = Store(path)
    admin = Accounts(store).create_first_admin("admin", "Administración", PASSWORD)
    return store_accounts(store, BOARD), admin


def test_a_restore_that_would_undo_a_decision_names_it_by_its_number_and_parish(tmp_path, con):
    store, admin = _store(tmp_path / "minga.sqlite")
    record(store, BOARD, _draft())
    older = backup.backup_to(store, tmp_path / "antes.sqlite")
    later = record(store, BOARD, _draft())
    with pytest.raises(RestoreRefused) as refused:
        backup.restore(store, older, admin=admin, password=PASSWORD)
    assert f"decisiones de la junta: {later.number_es} de {PARISH}." in str(refused.value)
    assert later.decision_id not in str(refused.value)


def test_the_decision_page_names_a_decision_changed_by_hand_by_its_number(own_store, con):
    store, admin = _store(own_store)
    record(store, BOARD, _draft())
    changed = record(store, BOARD, _draft())
    body = {**store.get("decision", changed.decision_id).body, "approved": not changed.approved}
    with closing(sqlite3.connect(store.path)) as file:
        file.execute("UPDATE records SET body = ? WHERE record_id = ?", (json.dumps(body), changed.decision_id))
        file.commit()
    app = open_app_page("pages/decision.py", admin, parish="010170")
    [warning] = [w.value for w in app.warning if "por fuera de Minga" in w.value]
    assert f"{changed.number_es} de {PARISH}" in warning and changed.decision_id not in warning


def test_the_administrator_restores_a_backup_that_undoes_a_decision_only_once_they_tick_its_loss(own_store, con,
                                                                                                  tmp_path):
    """Administración: the warning names the decision the restore would undo; with only «Entiendo que lo actual se
    reemplaza» ticked nothing is restored and the refusal says what to confirm; with the loss ticked too, it is."""
    store, admin = _store(own_store)
    record(store, BOARD, _draft())
    older = backup.backup_to(store, tmp_path / "antes.sqlite").read_bytes()
    later = record(store, BOARD, _draft())
    app = open_app_page("pages/administracion.py", admin)
    app.file_uploader(key="admin-restore-file").upload("antes.sqlite", older).run()
    [warning] = [w.value for w in app.warning if "se pierden del almacén" in w.value]
    assert f"{later.number_es} de {PARISH}" in warning
    next(i for i in app.text_input if i.label == "Su contraseña de administrador, para confirmar").input(PASSWORD)
    next(c for c in app.checkbox if c.label == "Entiendo que lo actual se reemplaza por el respaldo").check()
    next(b for b in app.button if b.label == "Restaurar").click().run()
    assert not app.exception and store.get("decision", later.decision_id) is not None
    assert any("confirme que se pierden" in e.value for e in app.error)
    next(c for c in app.checkbox if c.label == "Entiendo que estas decisiones se pierden").check()
    next(b for b in app.button if b.label == "Restaurar").click().run()
    assert not app.exception and store.get("decision", later.decision_id) is None
    assert store.log(limit=1)[0].payload["dropped_decisions"] == [later.decision_id]
