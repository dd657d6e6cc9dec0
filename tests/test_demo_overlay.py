"""The demo is read where it is built and never copied into the store (issue 11, «Una sola fuente de verdad»):
opening every page leaves a new store without proposals, offers, PDOT objectives, cooperants or calls while the
pages show the demo; an edit of a demo proposal is stored, logged as a change from the demo and shown; a deleted
demo proposal stays deleted; a reset brings the demo back; two parishes' records never collide."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cooperation import calls, cooperants
from core.data.db import query
from core.data.schemas.catalogues import PdotObjective
from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.parish import records as parish_records
from core.parish.models import ParishAssociation
from core.parish.records import ParishBatch
from core.proposals import built, demo_reset, records, removal
from core.proposals.bulk_status import change_statuses
from core.proposals.import_preview import context_for
from core.proposals.models import Proposal
from core.proposals.offers import CooperationOffer
from core.record import backup, overlay
from core.record.auth import Role, User
from core.record.store import ConflictError, Store
from tests.conftest import live_count, open_app_page

EL_VALLE, OTHER = "010170", "010152"
ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnica-demo", display_name="Técnica", role=Role.PLANNER)
DEMO_KINDS = ("proposal", "offer", "pdot_objective", "cooperant", "call", "system")


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.sqlite")


OTHER_ASSOCIATION = ParishAssociation(parish_code=OTHER, code="A01", name="Asociación de la otra parroquia",
                                      members_total=12)


def _other_parish(proposal: Proposal, proposal_id: str) -> Proposal:
    """A proposal entered in another parish (the demo's shape, its own code, parish and association)."""
    return proposal.model_copy(update={
        "proposal_id": proposal_id, "parish_code": OTHER, "title": f"Otra {proposal_id}",
        "association_id": OTHER_ASSOCIATION.association_id, "association_ids": [OTHER_ASSOCIATION.association_id]})


def _with_other_association(store: Store) -> Store:
    """`store` with the association `_other_parish` proposals name registered in that parish."""
    parish_records.save_as(store, "pruebas", ParishBatch(OTHER, associations=[OTHER_ASSOCIATION]))
    return store


def test_opening_every_page_stores_nothing_of_the_demo_and_the_pages_show_it(own_store, con):
    root = Path(__file__).parents[1]
    pages = sorted(str(p.relative_to(root)) for p in (root / "pages").glob("*.py"))
    demo = con.execute("SELECT proposal_id, title FROM proposals WHERE parish_code = ? ORDER BY proposal_id",
                       [EL_VALLE]).fetchall()
    app = open_app_page("pages/propuestas.py", PLANNER, parish=EL_VALLE)
    table = next(d.value for d in app.dataframe if "Código" in d.value.columns)
    assert demo and sorted(zip(table["Código"], table["Título"], strict=True)) == demo
    for page in pages:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
    store = Store(own_store)
    assert {kind: live_count(store, kind) for kind in DEMO_KINDS} == dict.fromkeys(DEMO_KINDS, 0)
    assert {e.kind for e in store.log()} <= {"user", "signin", "web_session"}
    assert len(records.offers(store)) == con.execute("SELECT count(*) FROM offers").fetchone()[0]
    assert cooperants.cooperants(store) and calls.calls(store)


def test_an_edit_of_a_demo_proposal_is_stored_logged_from_the_demo_and_shown(store, con):
    demo = records.proposals(store, EL_VALLE)[2]
    assert demo.version == 0
    edited = demo.item.model_copy(update={"title": "Título corregido en la sesión"})
    assert records.save_proposal(store, PLANNER, edited, expected_version=0) == 1
    [stored] = store.records("proposal")
    assert (stored.record_id, stored.version, stored.body["title"]) == (demo.item.proposal_id, 1, edited.title)
    [entry] = store.log()
    assert entry.actor == PLANNER.username and entry.action == "guardar propuesta"
    assert entry.payload["base"]["title"] == demo.item.title and entry.payload["body"]["title"] == edited.title
    shown = {v.item.proposal_id: (v.item.title, v.version) for v in records.proposals(store, EL_VALLE)}
    assert shown[demo.item.proposal_id] == (edited.title, 1)
    assert len(shown) == con.execute("SELECT count(*) FROM proposals WHERE parish_code = ?", [EL_VALLE]).fetchone()[0]
    assert any(p.title == edited.title for p in load_inputs(con, EL_VALLE, store=store).proposals)
    with pytest.raises(ConflictError):  # someone who read the demo's version 0 meanwhile
        records.save_proposal(store, PLANNER, demo.item, expected_version=0)
    assert store.verify().ok


def test_a_deleted_demo_proposal_stays_deleted_until_the_reset(store, con):
    gone = records.proposals(store, EL_VALLE)[0].item.proposal_id
    removal.delete_proposal(store, PLANNER, gone, expected_version=0)
    for reader in (store, Store(store.path)):  # and for another process opening the same file
        assert gone not in {v.item.proposal_id for v in records.proposals(reader, EL_VALLE)}
        assert records.proposal(reader, gone) is None
    assert gone not in {p.proposal_id for p in load_inputs(con, EL_VALLE, store=store).proposals}
    [tombstone] = store.records("proposal", include_deleted=True)
    assert tombstone.deleted and store.log()[0].payload["base"]["proposal_id"] == gone
    assert store.verify().ok
    assert demo_reset.reset_demo(store, ADMIN, kinds=("proposal",)).removed == 1
    assert records.proposal(store, gone).version == 0
    assert store.records("proposal", include_deleted=True) == []
    assert store.verify().ok


def test_a_reset_takes_out_only_the_kinds_asked_and_keeps_the_parish_prepared_pdot(store):
    offer = records.offers(store)[0].item
    records.save_offer(store, PLANNER, offer.model_copy(update={"title": "Oferta cambiada"}), expected_version=0)
    proposal = records.proposals(store, EL_VALLE)[0].item
    records.save_proposal(store, PLANNER, proposal.model_copy(update={"title": "Propuesta cambiada"}))
    prepared = records.pdot_objectives(store, EL_VALLE)[0].item.model_copy(
        update={"pdot_objective_id": f"{OTHER}-OP01", "parish_code": OTHER, "is_illustrative": False})
    records.save_pdot_objective(store, PLANNER, prepared, expected_version=0)
    assert demo_reset.reset_demo(store, ADMIN, kinds=("offer",)).removed == 1
    assert {v.item.offer_id: v.item.title for v in records.offers(store)}[offer.offer_id] == offer.title
    assert records.proposal(store, proposal.proposal_id).item.title == "Propuesta cambiada"
    demo_reset.reset_demo(store, ADMIN)
    assert records.proposal(store, proposal.proposal_id).item.title == proposal.title
    assert [v.item.pdot_objective_id for v in records.pdot_objectives(store, OTHER)] == [prepared.pdot_objective_id]
    assert store.verify().ok


def test_a_reset_keeps_what_a_parish_that_brought_its_own_data_entered(store):
    """Cumbe registered its association and entered a proposal and a scenario: they are its reality, not the demo.
    A reset used to take them out, and leave its association, survey and aid behind."""
    store = _with_other_association(store)
    demo = records.proposals(store, EL_VALLE)[0].item
    records.save_proposal(store, PLANNER, demo.model_copy(update={"title": "Propuesta cambiada"}))
    cumbe = _other_parish(demo, f"{OTHER}-P01")
    records.save_proposal(store, PLANNER, cumbe)
    scenario = scenarios.Scenario(name="Plan de Cumbe", parish_code=OTHER, weights={"feasibility": 50, "scope": 50},
                                  rules=AllocationRules(budget_usd=20000))
    scenarios.save_scenario(store, PLANNER, scenario)
    assert demo_reset.reset_demo(store, ADMIN).removed == 1  # El Valle's change only
    assert records.proposal(store, demo.proposal_id).item.title == demo.title
    assert [v.item.proposal_id for v in records.proposals(store, OTHER)] == [cumbe.proposal_id]
    assert [s.scenario.name for s in scenarios.list_scenarios(store, OTHER)] == ["Plan de Cumbe"]
    assert store.verify().ok


def test_two_parishes_never_share_a_proposal(store, con):
    demo = records.proposals(store, EL_VALLE)[0].item
    with pytest.raises(ConflictError, match="otra parroquia"):
        records.save_proposal(store, PLANNER, _other_parish(demo, demo.proposal_id))
    with pytest.raises(ConflictError, match="otra parroquia"):
        records.import_proposals(store, PLANNER, [_other_parish(demo, demo.proposal_id)])
    assert live_count(store) == 0
    context = context_for(con, store, OTHER)
    assert demo.proposal_id in context.elsewhere and context.elsewhere[demo.proposal_id] == EL_VALLE
    assert "010152-P01" not in context.elsewhere


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["edit", "delete", "enter", "reset"]), st.integers(0, 5)),
                      max_size=8))
def test_each_parish_reads_the_demo_under_its_own_changes(tmp_path_factory, steps):
    """Whatever the edits, deletions, entries in another parish and resets, each parish reads exactly what a plain
    dictionary of its records says, and the log verifies. The other parish brought in its own association: what it
    entered is its own, not the demo, and a reset keeps it."""
    store = _with_other_association(Store(tmp_path_factory.mktemp("overlay") / "s.sqlite"))
    demo = {v.item.proposal_id: v.item.title for v in records.proposals(store, EL_VALLE)}
    expected = {EL_VALLE: dict(demo), OTHER: {}}
    ids = sorted(demo)
    for action, index in steps:
        pid = ids[index % len(ids)]
        current = records.proposal(store, pid)
        if action == "edit" and current is not None:
            title = f"{current.item.title}+"
            records.save_proposal(store, PLANNER, current.item.model_copy(update={"title": title}), current.version)
            expected[EL_VALLE][pid] = title
        elif action == "delete" and current is not None:
            removal.delete_proposal(store, PLANNER, pid, current.version)
            del expected[EL_VALLE][pid]
        elif action == "enter":
            entered = _other_parish(records.proposals(store, EL_VALLE)[0].item if expected[EL_VALLE]
                                    else Proposal.model_validate(overlay.base("proposal", pid)), f"{OTHER}-P{index:02d}")
            records.save_proposal(store, PLANNER, entered)
            expected[OTHER][entered.proposal_id] = entered.title
        elif action == "reset":
            demo_reset.reset_demo(store, ADMIN, kinds=("proposal",))
            expected[EL_VALLE] = dict(demo)
        for parish, titles in expected.items():
            assert {v.item.proposal_id: v.item.title for v in records.proposals(store, parish)} == titles
    assert store.verify().ok


@pytest.mark.parametrize(("source", "kind", "view", "id_column", "model"), [
    (built.PROPOSALS, "proposal", "proposals", "proposal_id", Proposal),
    (built.OFFERS, "offer", "offers", "offer_id", CooperationOffer),
    (built.PDOT_OBJECTIVES, "pdot_objective", "pdot_objectives", "pdot_objective_id", PdotObjective),
])
def test_the_built_records_are_the_built_files_rows(con, built_data_dir, source, kind, view, id_column, model):
    """What the overlay reads (polars, by parish) is what DuckDB reads from the built file, validated by the model."""
    frame = query(con, f"SELECT * FROM read_parquet(?) ORDER BY {id_column}", [str(built_data_dir / f"{view}.parquet")])
    fields = [c for c in model.model_fields if c in frame.columns]
    expected = {row[id_column]: model.model_validate(row).model_dump(mode="json") for row in frame.select(fields).to_dicts()}
    every = {rid: row.body for rid, row in source.rows(None).items()}
    assert every == expected
    assert {rid: row.body for rid, row in source.rows(EL_VALLE).items()} == {
        rid: body for rid, body in expected.items() if body.get("parish_code", EL_VALLE) == EL_VALLE}
    first = next(iter(expected))
    assert source.one(first).body == expected[first] and source.one("NO-EXISTE") is None
    assert overlay.source(kind) is source


def test_a_rebuilt_file_is_read_again(tmp_path, monkeypatch, built_data_dir):
    monkeypatch.setenv("MINGA_DATA_DIR", str(tmp_path))
    demo = pl.read_parquet(built_data_dir / "pdot_objectives.parquet")
    demo.head(2).write_parquet(tmp_path / "pdot_objectives.parquet")
    assert len(built.PDOT_OBJECTIVES.rows(EL_VALLE)) == 2
    demo.write_parquet(tmp_path / "pdot_objectives.parquet")
    assert len(built.PDOT_OBJECTIVES.rows(EL_VALLE)) == demo.filter(pl.col("parish_code") == EL_VALLE).height
    (tmp_path / "pdot_objectives.parquet").unlink()
    assert built.PDOT_OBJECTIVES.rows(EL_VALLE) == {} and built.PDOT_OBJECTIVES.one("EV-OE1") is None


def test_only_a_logged_removal_may_take_a_row_out(store):
    """A reset's removals are logged and verify; a row deleted behind the log's back is still named."""
    demo = records.proposals(store, EL_VALLE)
    for item in demo[:2]:
        records.save_proposal(store, PLANNER, item.item.model_copy(update={"summary": "Editada"}), 0)
    demo_reset.reset_demo(store, ADMIN, kinds=("proposal",))
    assert store.verify().ok and [e.payload.get("removed") for e in store.log(limit=2)] == [True, True]
    records.save_proposal(store, PLANNER, demo[0].item.model_copy(update={"summary": "Otra vez"}), 0)
    with sqlite3.connect(store.path) as con:
        con.execute("DELETE FROM records WHERE kind = 'proposal'")
    check = store.verify()
    assert not check.ok and demo[0].item.proposal_id in check.message


def test_a_backup_with_edits_tombstones_and_removals_is_accepted(store, tmp_path):
    demo = records.proposals(store, EL_VALLE)
    records.save_proposal(store, PLANNER, demo[0].item.model_copy(update={"summary": "Editada"}), 0)
    removal.delete_proposal(store, PLANNER, demo[1].item.proposal_id, 0)
    offer = records.offers(store)[0].item
    records.save_offer(store, PLANNER, offer.model_copy(update={"title": "Cambiada"}), 0)
    demo_reset.reset_demo(store, ADMIN, kinds=("offer",))
    report = backup.inspect_backup(store, backup.backup_to(store, tmp_path / "respaldo.sqlite"))
    assert report.problems == () and report.entries == len(store.log())


def test_demo_proposals_change_status_in_bulk_from_their_demo_version(store):
    """The bulk status change reads a demo proposal where it is built and logs the move from it."""
    submitted = [v.item for v in records.proposals(store, EL_VALLE) if v.item.status == "submitted"][:2]
    moved = change_statuses(store, PLANNER, [p.proposal_id for p in submitted], "eligible", today=dt.date(2026, 12, 2))
    assert moved == 2 and live_count(store, "proposal") == 2
    for proposal in submitted:
        now = records.proposal(store, proposal.proposal_id)
        assert (now.item.status, now.version) == ("eligible", 1)
    assert {e.payload["base"]["status"] for e in store.log(kind="proposal")} == {"submitted"}
