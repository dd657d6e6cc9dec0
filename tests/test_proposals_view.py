"""The `proposals` view (a public interface, docs/arquitectura.md) follows the store: a proposal entered in the app,
an edited, deleted or reset demo proposal and a restored store reach it on the next connection, whoever wrote them,
and the stamp the pages watch moves with them."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from core.data.db import connect, files_stamp
from core.proposals import records
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
    records.delete_proposal(store, PLANNER, second.proposal_id, expected_version=0)
    after = _rows(built_data_dir)
    assert after[first.proposal_id][0] == "Título corregido"
    assert second.proposal_id not in after
    assert after.keys() == demo.keys() - {second.proposal_id}


def test_bringing_back_the_demo_brings_back_its_rows(store, built_data_dir):
    demo = _rows(built_data_dir)
    first = records.proposals(store, ELVALLE)[0].item
    records.delete_proposal(store, PLANNER, first.proposal_id, expected_version=0)
    assert first.proposal_id not in _rows(built_data_dir)
    records.reset_demo(store, ADMIN)
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
