"""Records people enter: the demo is read where it is built (never copied into the store), edits check roles,
imports are all-or-nothing, and the prioritization reads what is in the store."""

import json

import pytest

from core.data.paths import SOURCES_DIR
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs, prioritize
from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record import overlay
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store
from tests.conftest import live_count, store_accounts

ADMIN = User(username="admin", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")


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


def test_edits_check_roles_and_versions(store):
    first = records.proposals(store, "010170")[0]
    edited = first.item.model_copy(update={"title": "Título corregido por la técnica"})
    version = records.save_proposal(store, PLANNER, edited, expected_version=first.version)
    assert version == first.version + 1
    with pytest.raises(ConflictError):
        records.save_proposal(store, PLANNER, edited, expected_version=first.version)
    with pytest.raises(PermissionDenied):
        records.save_proposal(store, BOARD, edited)
    with pytest.raises(PermissionDenied):
        records.save_proposal(store, None, edited)


def test_a_representative_edits_only_proposals_of_their_association(store):
    items = [v.item for v in records.proposals(store, "010170")]
    own = next(p for p in items if "EV-A03" in (p.association_ids or [p.association_id]))
    other = next(p for p in items if "EV-A03" not in (p.association_ids or [p.association_id]))
    withdrawn = own.model_copy(update={"summary": "Actualizado", "status": ProposalStatus.DRAFT})  # handed in:
    records.save_proposal(store, REP, withdrawn)  # taken back to a draft to be changed
    with pytest.raises(PermissionDenied, match="propuestas de su asociación: esta es de otra asociación"):
        records.save_proposal(store, REP, other.model_copy(update={"summary": "No debe guardarse"}))
    assert records.proposal(store, other.proposal_id).item.summary != "No debe guardarse"


@pytest.mark.parametrize("build", ["validated", "copied"])
def test_a_representative_cannot_file_a_proposal_led_by_another_association(store, build):
    """The lead is `association_id` wherever the list of proponents puts it: listing their own association first
    does not let a representative file a proposal in another association's name."""
    demo = records.proposals(store, "010170")[0].item
    fields = {"proposal_id": "EV-P95", "association_id": "EV-A01", "association_ids": ["EV-A03", "EV-A01"],
              "status": ProposalStatus.DRAFT, "status_history": []}
    planted = (Proposal.model_validate({**demo.model_dump(), **fields}) if build == "validated"
               else demo.model_copy(update=fields))
    with pytest.raises(PermissionDenied):
        records.save_proposal(store, REP, planted)
    assert records.proposal(store, "EV-P95") is None


def test_a_list_of_proponents_names_its_lead_first(store):
    demo = records.proposals(store, "010170")[0].item.model_dump()
    joint = Proposal.model_validate({**demo, "association_id": "EV-A01", "association_ids": ["EV-A03", "EV-A01"]})
    assert joint.association_ids == ["EV-A01", "EV-A03"]


def test_reset_brings_back_the_demo_but_keeps_the_log(store, con):
    first = records.proposals(store, "010170")[0]
    records.save_proposal(store, PLANNER, first.item.model_copy(update={"title": "Cambiado antes del reinicio"}))
    with pytest.raises(PermissionDenied):
        records.reset_demo(store, PLANNER)
    log_before = len(store.log())
    assert records.reset_demo(store, ADMIN).removed == 1
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

    assert records.reset_demo(store, ADMIN).removed == 3
    registry = cooperants.by_id(cooperants.cooperants(store))
    assert registry["CO-JAPON"].name == japan.name
    assert "CO-NUEVO" not in registry
    assert set(registry) == _demo_ids("cooperants.json", "cooperant_id")
    assert {c.call_id for c in calls.calls(store)} == _demo_ids("calls.json", "call_id")
    assert live_count(store) == 0 and store.verify().ok


def test_a_fresh_store_reads_the_demo_cooperants_and_a_reset_writes_nothing(store, con):
    from core.cooperation import cooperants

    assert {c.cooperant_id for c in cooperants.cooperants(store)} == _demo_ids("cooperants.json", "cooperant_id")
    assert records.reset_demo(store, ADMIN).removed == 0
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
    assert records.main(["reset-demo", str(path)]) == 0
    assert records.proposal(s, first.proposal_id).item.title == first.title
    assert s.log()[0].actor == "consola"


def test_a_representative_cannot_set_a_status_the_gad_decides(store):
    own = next(v.item for v in records.proposals(store, "010170")
               if "EV-A03" in (v.item.association_ids or [v.item.association_id]))
    draft = own.with_status(ProposalStatus.DRAFT)
    records.save_proposal(store, REP, draft)
    with pytest.raises(PermissionDenied, match="borrador o presentadas"):
        records.save_proposal(store, REP, draft.model_copy(update={"status": ProposalStatus.FUNDED}))
    assert store.get("proposal", own.proposal_id).body["status"] == "draft"


def test_an_approved_decision_moves_the_proposals_through_their_lifecycle(store, con):
    store_accounts(store, BOARD, PLANNER)  # the board member's account: rights are read from the store
    import datetime as dt

    from core.engine import scenarios
    from core.record.decisions import Attendee, record

    inputs = load_inputs(con, "010170", store=store)
    scenario = scenarios.Scenario(name="Para aprobar", parish_code="010170", weights={"scope": 1, "pdot": 1},
                                  rules=AllocationRules(budget_usd=30000))
    run = scenarios.run_scenario(inputs, scenario)
    draft = scenarios.decision_draft(scenario, run, {}, "El Valle",
                                     [Attendee(name="Rosa", role_es="Presidenta", vote="for"),
                                      Attendee(name="Luis", role_es="Vocal", vote="for"),
                                      Attendee(name="Marta", role_es="Vocal", vote="abstain")], dt.date(2026, 12, 1),
                                     proposal_titles={p.proposal_id: p.title for p in inputs.proposals})
    decision = record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d))
    status = {v.item.proposal_id: v.item for v in records.proposals(store, "010170")}
    ineligible = {s["proposal_id"] for s in decision.inputs["screening"] if not s["eligible"]}
    assert decision.funded and ineligible
    for line in decision.funded:
        assert status[line.proposal_id].status == "funded"
        assert status[line.proposal_id].status_history[-1].note == f"Acta {decision.number_es}"
    for line in decision.left_out:
        expected = "not_eligible" if line.proposal_id in ineligible else "not_funded"
        assert status[line.proposal_id].status == expected, line.proposal_id
    assert store.verify().ok
    # the same decision sent again, or a later one over the projects it decided, would contradict the statuses:
    # refused, nothing stored
    entries = len(store.log(limit=100_000))
    with pytest.raises(ValueError, match=f"contradiría el estado de proyectos ya decididos .*{decision.funded[0].proposal_id} "
                                         "está «Financiada»"):
        record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d))
    assert len(store.log(limit=100_000)) == entries and len(store.records("decision", "010170")) == 1

    # a later decision run anew (a second budget, a draft since handed in): what the first acta settled no longer
    # competes and keeps its status, a draft stays a draft, and what still competed is funded
    drafted = status[decision.left_out[0].proposal_id].model_copy(update={
        "proposal_id": "EV-P80", "status": ProposalStatus.DRAFT, "status_history": []})
    records.save_proposal(store, PLANNER, drafted)
    second_inputs = load_inputs(con, "010170", store=store)
    rerun = scenarios.run_scenario(second_inputs, scenario.model_copy(update={"name": "Segundo presupuesto"}))
    assert not set(rerun.result.funded_ids) & ({line.proposal_id for line in decision.funded} | {"EV-P80"})
    second = record(store, BOARD, scenarios.decision_draft(
        scenario, rerun, {}, "El Valle", draft.attendees, dt.date(2026, 12, 2),
        proposal_titles={p.proposal_id: p.title for p in second_inputs.proposals}),
        consequences=lambda d: records.decision_status_changes(store, d))
    after = {v.item.proposal_id: v.item.status for v in records.proposals(store, "010170")}
    assert after["EV-P80"] == "draft" and all(after[line.proposal_id] == "funded" for line in decision.funded)
    assert second.approved and all(after[line.proposal_id] == "funded" for line in second.funded)


def test_a_rejected_decision_changes_no_proposal(store, con):
    store_accounts(store, BOARD)  # the board member's account: rights are read from the store
    from core.record.decisions import Attendee, record
    from tests.decision_draft import _draft

    before = {v.item.proposal_id: v.item.status for v in records.proposals(store, "010170")}
    rejected = _draft(attendees=[Attendee(name=name, role_es="Vocal", vote="against") for name in "ABC"])
    record(store, BOARD, rejected, consequences=lambda d: records.decision_status_changes(store, d))
    assert {v.item.proposal_id: v.item.status for v in records.proposals(store, "010170")} == before


@pytest.mark.parametrize(("current", "target", "expected"), [
    ("draft", "funded", ["submitted", "eligible", "scored", "funded"]),
    ("submitted", "not_eligible", ["not_eligible"]),
    ("eligible", "not_funded", ["scored", "not_funded"]),
    ("funded", "funded", []),
    ("closed", "funded", []),
    ("not_funded", "funded", []),  # back to the author first: never done by a decision
])
def test_lifecycle_path_takes_only_allowed_steps(current, target, expected):
    assert [s.value for s in records.lifecycle_path(ProposalStatus(current), ProposalStatus(target))] == expected


def test_a_representative_cannot_take_over_another_associations_proposal(store):
    """The body claims the representative's association; the STORED owner is another one: refused."""
    other = next(v.item for v in records.proposals(store, "010170")
                 if "EV-A03" not in (v.item.association_ids or [v.item.association_id]))
    hijacked = other.model_copy(update={"association_id": "EV-A03", "association_ids": ["EV-A03"],
                                        "status": ProposalStatus.DRAFT, "title": "Ahora es nuestra"})
    with pytest.raises(PermissionDenied, match="propuestas de su asociación: esta es de otra asociación"):
        records.save_proposal(store, REP, hijacked)
    stored = records.proposal(store, other.proposal_id).item
    assert stored.title == other.title and stored.association_id == other.association_id


def test_a_representative_cannot_edit_their_proposal_once_the_gad_moved_it_on(store):
    own = next(v for v in records.proposals(store, "010170")
               if "EV-A03" in (v.item.association_ids or [v.item.association_id]))
    approved = own.item
    for step in records.lifecycle_path(ProposalStatus(own.item.status), ProposalStatus.FUNDED):
        approved = approved.with_status(step)
    records.save_proposal(store, PLANNER, approved, expected_version=own.version)
    back_to_draft = approved.model_copy(update={"status": ProposalStatus.SUBMITTED, "status_history": [],
                                                "title": "Reabierta"})
    with pytest.raises(PermissionDenied, match="borrador o presentadas"):
        records.save_proposal(store, REP, back_to_draft)
    assert store.get("proposal", own.item.proposal_id).body["status"] == "funded"


def test_a_representative_cannot_give_their_proposal_away(store):
    own = next(v.item for v in records.proposals(store, "010170")
               if (v.item.association_ids or [v.item.association_id]) == ["EV-A03"])
    given = own.model_copy(update={"association_id": "EV-A01", "association_ids": ["EV-A01"],
                                   "status": ProposalStatus.DRAFT})
    with pytest.raises(PermissionDenied, match="propuestas de su asociación: esta es de otra asociación"):
        records.save_proposal(store, REP, given)


def test_a_representative_neither_changes_a_proposal_handed_in_nor_takes_over_a_joint_one(store):
    """Handed in, a proposal is the GAD's to screen: its text no longer changes under it. A co-proponent could
    make their association the lead and drop the other; a new proposal could be led by someone else's."""
    joint = next(v.item for v in records.proposals(store, "010170")
                 if "EV-A03" in (v.item.association_ids or []) and v.item.association_ids[0] != "EV-A03")
    with pytest.raises(PermissionDenied, match="solo las cambia el técnico"):
        records.save_proposal(store, REP, joint.model_copy(update={"title": "Cambiada ya entregada"}))
    lead = ["EV-A03", *[a for a in joint.association_ids if a != "EV-A03"]]
    with pytest.raises(PermissionDenied):
        records.save_proposal(store, REP, joint.model_copy(update={
            "association_id": "EV-A03", "association_ids": lead, "status": ProposalStatus.DRAFT}))
    assert records.proposal(store, joint.proposal_id).item == joint


def test_a_saved_proposal_keeps_its_history_and_moves_only_by_allowed_steps(store):
    """A planner's copy with the history erased jumped from «Presentada» to «Financiada»."""
    own = next(v for v in records.proposals(store, "010170") if v.item.status == ProposalStatus.SUBMITTED)
    with pytest.raises(ValueError, match="no se puede pasar de «Presentada» a «Financiada»"):
        records.save_proposal(store, PLANNER, own.item.model_copy(update={"status": ProposalStatus.FUNDED}))
    eligible = own.item.with_status(ProposalStatus.ELIGIBLE)
    records.save_proposal(store, PLANNER, eligible)
    with pytest.raises(ValueError, match="no se borra ni se reescribe"):
        records.save_proposal(store, PLANNER, eligible.model_copy(update={"status_history": []}))
    assert records.proposal(store, own.item.proposal_id).item.status == ProposalStatus.ELIGIBLE


def test_once_the_store_has_accounts_a_caller_without_one_writes_nothing(store):
    """A planner `User` made up by the caller saved a proposal: with accounts in the store, rights are read from
    the stored account (a store still without any is being set up, and nobody can sign in to it)."""
    from core.record.auth import Accounts

    Accounts(store).create_first_admin("admin", "Administración", "clave-de-prueba-2026")
    first = records.proposals(store, "010170")[0].item
    made_up = User(username="intrusa", display_name="Intrusa", role=Role.PLANNER)
    with pytest.raises(PermissionDenied):
        records.save_proposal(store, made_up, first.model_copy(update={"title": "No debe guardarse"}))
    assert records.proposal(store, first.proposal_id).item.title == first.title


@pytest.mark.parametrize("stranger", ["050458-A01", "NOPE", "010152-EV-A01"])
@pytest.mark.parametrize("how", ["save", "import"])
def test_a_proposal_names_only_associations_of_its_own_parish(store, stranger, how):
    """An association of another parish, or of none, would put a proposal where the board cannot see who asks."""
    store_accounts(store, PLANNER)
    demo = records.proposals(store, "010170")[0].item
    lead_elsewhere = demo.model_copy(update={"proposal_id": "EV-AJENA", "association_id": stranger,
                                             "association_ids": [stranger]})
    joined_by_one = demo.model_copy(update={"proposal_id": "EV-AJENA", "association_ids": [
        demo.association_id, stranger]})
    for proposal in (lead_elsewhere, joined_by_one):
        with pytest.raises(ValueError, match=f"no están registradas en su parroquia: {stranger}"):
            if how == "save":
                records.save_proposal(store, PLANNER, proposal, expected_version=0)
            else:
                records.import_proposals(store, PLANNER, [demo, proposal])
    assert live_count(store, records.PROPOSAL) == 0


def _decided(store, approved=True):
    """The El Valle acta (tests.decision_draft): it funds EV-P02 and EV-P05 and leaves EV-P09 out, its statuses
    stored with it; a rejected one (everybody against) changes nothing."""
    from core.record.decisions import Attendee, record
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

    result = records.reset_demo(store, ADMIN)

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
    assert records.reset_demo(store, ADMIN, kinds=("offer",)).kept == ()
    assert records.proposal(store, "EV-P02").item.status == "funded"
    [(pid, status, _)] = records.reset_demo(store, ADMIN, kinds=("proposal",)).kept[:1]
    assert (pid, status) == ("EV-P02", "funded")


def test_the_console_reset_says_which_proposals_an_acta_kept(store, con, capsys):
    decision = _decided(store)
    assert records.main(["reset-demo", str(store.path)]) == 0
    said = capsys.readouterr().out
    assert "Se mantuvieron 3 propuestas que decidió un acta: EV-P02 («Financiada», acta " in said
    assert decision.number_es in said and records.proposal(store, "EV-P09").item.status == "not_funded"
