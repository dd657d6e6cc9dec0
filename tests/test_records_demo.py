"""The demo records: read where they are built (never copied into the store), brought back by the demo reset (from
the app or the console), which keeps what an acta settled; the prioritization reads what is in the store."""

import json

import pytest

from core.data.paths import SOURCES_DIR
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs, prioritize
from core.proposals import demo_reset, records
from core.proposals.models import ProposalStatus
from core.record import overlay
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import live_count, store_accounts

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)

ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


def test_the_demo_reads_from_the_views_data_and_the_store_stays_empty(store, con):
    demo = con.execute("SELECT proposal_id, title FROM proposals WHERE parish_code = '010170' "
                       "ORDER BY proposal_id").fetchall()
    read = records.proposals(store, "010170")
    assert [(v.item.proposal_id, v.item.title) for v in read] == demo
    assert {v.version for v in read} == {0}
    assert all(v.item.is_synthetic for v in read)
    assert len(records.pdot_objectives(store, "010170")) == con.execute(
        "SELECT count(*) FROM pdot_objectives WHERE parish_code = '010170'").fetchone()[0]
    assert len(records.offers(store)) == con.execute("SELECT count(*) FROM offers").fetchone()[0]
    assert live_count(store) == 0 and store.log() == []


def test_reset_brings_back_the_demo_but_keeps_the_log(store, con):
    first = records.proposals(store, "010170")[0]
    records.save_proposal(store, PLANNER, first.item.model_copy(update={"title": "Cambiado antes del reinicio"}))
    with pytest.raises(PermissionDenied):
        demo_reset.reset_demo(store, PLANNER)
    log_before = len(store.log())
    assert demo_reset.reset_demo(store, ADMIN).removed == 1
    back = records.proposal(store, first.item.proposal_id)
    assert (back.item.title, back.version) == (first.item.title, 0)
    assert live_count(store) == 0 and len(store.log()) == log_before + 1
    assert store.log()[0].action == "restablecer demo"
    assert store.verify().ok


def _demo_ids(name: str, id_field: str) -> set[str]:
    """The ids of a demo cooperation file, read from the file itself."""
    return {row[id_field] for row in json.loads((SOURCES_DIR / "cooperation" / name).read_text(encoding="utf-8"))}


def test_reset_brings_back_the_demo_cooperants_and_calls(store, con):
    from core.cooperation import calls, cooperants

    japan = next(c for c in cooperants.cooperants(store) if c.cooperant_id == "CO-JAPON")
    cooperants.save_cooperant(store, PLANNER, japan.model_copy(update={"name": "Nombre cambiado"}))
    cooperants.save_cooperant(store, PLANNER, cooperants.Cooperant(
        cooperant_id="CO-NUEVO", name="Cooperante nuevo", kind="ngo", sources=["prueba"]))
    gone = overlay.current(store, calls.KIND, calls.calls(store)[0].call_id)
    store.apply([overlay.delete(calls.KIND, gone, "eliminar")], actor="tecnico")
    assert gone.record_id not in {c.call_id for c in calls.calls(store)}

    assert demo_reset.reset_demo(store, ADMIN).removed == 3
    registry = cooperants.by_id(cooperants.cooperants(store))
    assert registry["CO-JAPON"].name == japan.name
    assert "CO-NUEVO" not in registry
    assert set(registry) == _demo_ids("cooperants.json", "cooperant_id")
    assert {c.call_id for c in calls.calls(store)} == _demo_ids("calls.json", "call_id")
    assert live_count(store) == 0 and store.verify().ok


def test_a_fresh_store_reads_the_demo_cooperants_and_a_reset_writes_nothing(store, con):
    from core.cooperation import cooperants

    assert {c.cooperant_id for c in cooperants.cooperants(store)} == _demo_ids("cooperants.json", "cooperant_id")
    assert demo_reset.reset_demo(store, ADMIN).removed == 0
    assert {c.cooperant_id for c in cooperants.cooperants(store)} == _demo_ids("cooperants.json", "cooperant_id")
    assert live_count(store) == 0


def test_prioritization_reads_the_store(store, con):
    first = records.proposals(store, "010170")[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Título solo en el almacén"}))
    inputs = load_inputs(con, "010170", store=store)
    assert any(p.title == "Título solo en el almacén" for p in inputs.proposals)
    result = prioritize(inputs, AllocationRules(budget_usd=40000), explain=False).result
    assert result.feasible and result.total_cost_usd <= 40000


def test_the_reset_command_restores_the_demo(tmp_path, con, built_data_dir, monkeypatch):
    monkeypatch.setenv("MINGA_DATA_DIR", str(built_data_dir))
    path = tmp_path / "cli.sqlite"
    s = Store(path)
    first = records.proposals(s, "010170")[0].item
    records.save_proposal(s, PLANNER, first.model_copy(update={"title": "Cambio que el reinicio deshace"}))
    assert demo_reset.main(["reset-demo", str(path)]) == 0
    assert records.proposal(s, first.proposal_id).item.title == first.title
    assert s.log()[0].actor == "consola"


def _decided(store, approved=True):
    """The El Valle acta (tests.decision_draft): it funds EV-P02 and EV-P05 and leaves EV-P09 out, its statuses
    stored with it; a rejected one (everybody against) changes nothing."""
    from core.record.decision_models import Attendee
    from core.record.decisions import record
    from tests.decision_draft import _draft

    store_accounts(store, BOARD, PLANNER, ADMIN)
    draft = _draft() if approved else _draft(attendees=[Attendee(name=n, role_es="Vocal", vote="against")
                                                        for n in "ABC"])
    return record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d))


@pytest.mark.parametrize(("approved", "follow_up", "kept"), [
    # an approved acta: what it funded and what it left out keep their statuses, and the follow-up since
    (True, False, {"EV-P02": "funded", "EV-P05": "funded", "EV-P09": "not_funded"}),
    (True, True, {"EV-P02": "in_execution", "EV-P05": "funded", "EV-P09": "not_funded"}),
    # a rejected acta settled nothing: everything goes back to the demo
    (False, False, {}),
])
def test_the_demo_reset_keeps_what_an_acta_settled(store, con, approved, follow_up, kept):
    from core import audit

    decision = _decided(store, approved)
    if follow_up:
        funded = records.proposal(store, "EV-P02")
        records.save_proposal(store, PLANNER, funded.item.with_status(ProposalStatus.IN_EXECUTION, note="Obra iniciada"),
                              funded.version)
    edited = records.proposal(store, "EV-P01")  # not in the acta: brought back to the demo as today
    records.save_proposal(store, PLANNER, edited.item.model_copy(update={"title": "Cambiado antes del reinicio"}))
    histories = {pid: records.proposal(store, pid).item.status_history for pid in kept}

    result = demo_reset.reset_demo(store, ADMIN)

    assert records.proposal(store, "EV-P01").item.title == edited.item.title
    now = {pid: records.proposal(store, pid).item for pid in ("EV-P02", "EV-P05", "EV-P09")}
    assert {pid: p.status for pid, p in now.items() if pid in kept} == kept
    assert {pid: now[pid].status_history for pid in kept} == histories
    assert all(p.status == "submitted" for pid, p in now.items() if pid not in kept)
    assert result.removed == 1  # EV-P01's edit; what the acta settled stays
    assert [pid for pid, _, _ in result.kept] == sorted(kept)
    if kept:
        assert result.kept_es() == (
            "Se mantuvieron 3 propuestas que decidió un acta: "
            f"EV-P02 («{'En ejecución' if follow_up else 'Financiada'}», acta {decision.number_es}), "
            f"EV-P05 («Financiada», acta {decision.number_es}) y EV-P09 («No financiada», acta {decision.number_es}). "
            "Su estado y su seguimiento quedan como los dejó el acta.")
        # the log says, for each, that the reset left it as the acta settled it; the record still verifies
        notes = [e for e in store.log("proposal", limit=10) if e.payload.get("kept")]
        assert sorted(e.record_id for e in notes) == sorted(kept)
        assert {e.action for e in notes} == {f"restablecer demo: se mantiene lo que decidió el acta {decision.number_es}"}
    else:
        assert result.kept_es() == ""
    assert store.verify().ok
    assert audit.main(["verify", str(store.path)]) == 0


def test_only_proposals_are_kept_and_only_when_proposals_are_reset(store, con):
    _decided(store)
    assert demo_reset.reset_demo(store, ADMIN, kinds=("offer",)).kept == ()
    assert records.proposal(store, "EV-P02").item.status == "funded"
    [(pid, status, _)] = demo_reset.reset_demo(store, ADMIN, kinds=("proposal",)).kept[:1]
    assert (pid, status) == ("EV-P02", "funded")


def test_the_console_reset_says_which_proposals_an_acta_kept(store, con, capsys):
    decision = _decided(store)
    assert demo_reset.main(["reset-demo", str(store.path)]) == 0
    said = capsys.readouterr().out
    assert "Se mantuvieron 3 propuestas que decidió un acta: EV-P02 («Financiada», acta " in said
    assert decision.number_es in said and records.proposal(store, "EV-P09").item.status == "not_funded"
