"""The `proposals` view (a public interface, docs/arquitectura.md) follows the store: a proposal entered in the app,
an edited, deleted or reset demo proposal and a restored store reach it on the next connection, whoever wrote them,
and the stamp the pages watch moves with them."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3

import polars as pl
import pytest

from core.data.db import connect, files_stamp
from core.parish import mirror
from core.parish.models import ParishProblem
from core.parish.records import ParishBatch, save_as
from core.proposals import demo_reset, records, removal
from core.proposals.models import Proposal, ProposalStatus
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import store_accounts

ELVALLE = "010170"
ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)


@pytest.fixture()
def store(tmp_path, monkeypatch, built_data_dir) -> Store:
    """The default store of this test (what `connect` mirrors), with a planner and an administrator."""
    path = tmp_path / "vista.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    return store_accounts(Store(path), ADMIN, PLANNER)


def _rows(data_dir, parish_code: str = ELVALLE) -> dict[str, tuple]:
    """proposal_id → (title, status, cost_usd) of the parish's rows in the view, read through a new connection."""
    con = connect(data_dir)
    try:
        found = con.execute("SELECT proposal_id, title, status, cost_usd FROM proposals WHERE parish_code = ?",
                            [parish_code]).fetchall()
    finally:
        con.close()
    ids = [row[0] for row in found]
    assert len(ids) == len(set(ids)), "one row per proposal"
    return {row[0]: row[1:] for row in found}


def test_a_proposal_entered_in_the_app_reaches_the_view(store, built_data_dir):
    demo = _rows(built_data_dir)
    template = records.proposals(store, ELVALLE)[0].item
    entered = Proposal.model_validate({**template.model_dump(), "proposal_id": "EV-NUEVA-1", "is_synthetic": False,
                                       "title": "Riego por goteo comunitario", "status": ProposalStatus.DRAFT,
                                       "status_history": []})
    records.save_proposal(store, PLANNER, entered, expected_version=0)
    after = _rows(built_data_dir)
    assert after["EV-NUEVA-1"] == ("Riego por goteo comunitario", "draft", template.cost_usd)
    assert after.keys() - demo.keys() == {"EV-NUEVA-1"}
    overview = connect(built_data_dir).execute(
        "SELECT proposals, open_proposals FROM parish_overview WHERE parish_code = ?", [ELVALLE]).fetchone()
    assert overview[0] == len(demo) + 1


def test_an_edited_demo_proposal_replaces_its_row_and_a_deleted_one_leaves(store, built_data_dir):
    demo = _rows(built_data_dir)
    first, second = (v.item for v in records.proposals(store, ELVALLE)[:2])
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Título corregido"}), expected_version=0)
    removal.delete_proposal(store, PLANNER, second.proposal_id, expected_version=0)
    after = _rows(built_data_dir)
    assert after[first.proposal_id][0] == "Título corregido"
    assert second.proposal_id not in after
    assert after.keys() == demo.keys() - {second.proposal_id}


def test_bringing_back_the_demo_brings_back_its_rows(store, built_data_dir):
    demo = _rows(built_data_dir)
    first = records.proposals(store, ELVALLE)[0].item
    removal.delete_proposal(store, PLANNER, first.proposal_id, expected_version=0)
    assert first.proposal_id not in _rows(built_data_dir)
    demo_reset.reset_demo(store, ADMIN)
    assert _rows(built_data_dir) == demo


def test_the_stamp_the_pages_watch_moves_after_a_save_made_elsewhere(store, built_data_dir):
    before = files_stamp(built_data_dir, store=store)
    assert files_stamp(built_data_dir, store=store) == before
    first = records.proposals(store, ELVALLE)[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Otro título"}), expected_version=0)
    assert files_stamp(built_data_dir, store=store) != before


def test_a_restored_store_brings_its_own_proposals(store, built_data_dir, tmp_path):
    first = records.proposals(store, ELVALLE)[0].item
    kept = tmp_path / "antes.sqlite"
    with contextlib.closing(sqlite3.connect(kept)) as copy:
        store.copy_into(copy)
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Después"}), expected_version=0)
    assert _rows(built_data_dir)[first.proposal_id][0] == "Después"
    with contextlib.closing(sqlite3.connect(kept)) as copy:
        store.replace_from(copy, actor="admin", payload={})
    assert _rows(built_data_dir)[first.proposal_id][0] == first.title


def test_a_body_no_save_could_write_stays_out_and_every_view_still_reads(store, built_data_dir):
    demo = _rows(built_data_dir)
    store.save("proposal", "EV-ROTA", {"title": "sin costo ni asociación"}, actor="a mano", parish_code=ELVALLE)
    assert _rows(built_data_dir) == demo
    first = sorted(demo)[0]  # under a demo proposal's code, it does not bring the demo's row back either
    store.save("proposal", first, {"title": "cambiada a mano"}, actor="a mano", parish_code=ELVALLE)
    store.save("parish_association", f"{ELVALLE}-A99", {"name": "sin socios"}, actor="a mano", parish_code=ELVALLE)
    assert _rows(built_data_dir).keys() == demo.keys() - {first}
    assert files_stamp(built_data_dir, store=store)  # the pages' stamp is read as well


def test_a_copy_that_cannot_be_written_leaves_the_pages_reading(store, built_data_dir, monkeypatch):
    before = _rows(built_data_dir)
    first = records.proposals(store, ELVALLE)[0].item

    def full_disk(*_args, **_kwargs):
        raise pl.exceptions.ComputeError("No space left on device")

    with monkeypatch.context() as disk:
        disk.setattr(pl.DataFrame, "write_parquet", full_disk)
        records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Sin espacio"}), expected_version=0)
        assert mirror.sync(store) is False
        assert files_stamp(built_data_dir, store=store)
        assert _rows(built_data_dir) == before  # what the files held
        assert not list(mirror.entered_root(store.path).rglob("*.tmp"))  # no half-written file left behind
    assert _rows(built_data_dir)[first.proposal_id][0] == "Sin espacio"  # the next read catches up


def test_a_save_writes_again_only_its_own_parish(store, built_data_dir):
    other = "040157"
    save_as(store, "pruebas", ParishBatch(other, problems=[
        ParishProblem(parish_code=other, code="P01", label_es="Caminos", votes=3)]))
    mirror.sync(store)
    kept = mirror.entered_root(store.path) / "problems" / f"{other}.parquet"
    written_at = kept.stat().st_mtime_ns
    first = records.proposals(store, ELVALLE)[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Solo El Valle"}), expected_version=0)
    assert _rows(built_data_dir)[first.proposal_id][0] == "Solo El Valle"
    assert kept.stat().st_mtime_ns == written_at
    assert not (mirror.entered_root(store.path) / "problems" / f"{ELVALLE}.parquet").exists()  # nothing of it there


def test_a_parish_is_read_live_only_in_the_views_its_records_feed(store, built_data_dir):
    first = records.proposals(store, ELVALLE)[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Editada"}), expected_version=0)
    con = connect(built_data_dir)
    sql = dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall())
    rolled_up = [name for name in sql if f"live_{name}" in sql]
    assert "parish_overview" in rolled_up and f"'{ELVALLE}'" in sql["parish_overview"]  # it counts proposals
    untouched = [name for name in rolled_up if "proposals" not in sql[f"live_{name}"]]
    assert untouched and all(f"'{ELVALLE}'" not in sql[name] for name in untouched)


def test_a_store_put_in_another_s_place_is_read_as_it_is(store, built_data_dir, tmp_path):
    first = records.proposals(store, ELVALLE)[0].item
    other = store_accounts(Store(tmp_path / "otro" / "vista.sqlite"), ADMIN, PLANNER)
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Del almacén A"}), expected_version=0)
    records.save_proposal(other, PLANNER, first.model_copy(update={"title": "Del almacén B"}), expected_version=0)
    assert _rows(built_data_dir)[first.proposal_id][0] == "Del almacén A"
    shutil.copyfile(other.path, store.path)  # the same log length: only the records tell them apart
    assert _rows(built_data_dir)[first.proposal_id][0] == "Del almacén B"
