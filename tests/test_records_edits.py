"""Records people enter, edited: a save checks the person's role and the record's version; a representative changes
only their association's drafts; a proposal names only associations of its parish and moves only by the lifecycle's
steps, also when an approved decision moves it; imports are all-or-nothing."""

import pytest

from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store
from tests.conftest import hand_made_runs, live_count, store_accounts

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


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
    from core.record.decision_models import Attendee
    from core.record.decisions import record

    inputs = load_inputs(con, "010170", store=store)
    scenario = scenarios.Scenario(name="Para aprobar", parish_code="010170", weights={"scope": 1, "pdot": 1},
                                  rules=AllocationRules(budget_usd=30000))
    scenarios.save_scenario(store, BOARD, scenario)  # the board decides on a saved scenario
    run = scenarios.run_scenario(inputs, scenario)
    draft = scenarios.decision_draft(scenario, run, {}, "El Valle",
                                     [Attendee(name="Rosa", role_es="Presidenta", vote="for"),
                                      Attendee(name="Luis", role_es="Vocal", vote="for"),
                                      Attendee(name="Marta", role_es="Vocal", vote="abstain")], dt.date(2026, 12, 1),
                                     proposal_titles={p.proposal_id: p.title for p in inputs.proposals})
    decision = record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d), con=con)
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
    # the same decision sent again is not what its scenario gives now (what it funded no longer competes); past that
    # check, it would contradict the statuses: refused either way, nothing stored
    entries = len(store.log(limit=100_000))
    with pytest.raises(ValueError, match="no es lo que el escenario «Para aprobar» da hoy"):
        record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d), con=con)
    with hand_made_runs(), pytest.raises(ValueError, match="contradiría el estado de proyectos ya decididos "
                                                          f".*{decision.funded[0].proposal_id} está «Financiada»"):
        record(store, BOARD, draft, consequences=lambda d: records.decision_status_changes(store, d))
    assert len(store.log(limit=100_000)) == entries and len(store.records("decision", "010170")) == 1

    # a later decision run anew (a second budget, a draft since handed in): what the first acta settled no longer
    # competes and keeps its status, a draft stays a draft, and what still competed is funded
    drafted = status[decision.left_out[0].proposal_id].model_copy(update={
        "proposal_id": "EV-P80", "status": ProposalStatus.DRAFT, "status_history": []})
    records.save_proposal(store, PLANNER, drafted)
    second_inputs = load_inputs(con, "010170", store=store)
    second_scenario = scenarios.save_scenario(store, BOARD, scenario.model_copy(
        update={"name": "Segundo presupuesto"})).scenario
    rerun = scenarios.run_scenario(second_inputs, second_scenario)
    assert not set(rerun.result.funded_ids) & ({line.proposal_id for line in decision.funded} | {"EV-P80"})
    second = record(store, BOARD, scenarios.decision_draft(
        second_scenario, rerun, {}, "El Valle", draft.attendees, dt.date(2026, 12, 2),
        proposal_titles={p.proposal_id: p.title for p in second_inputs.proposals}),
        consequences=lambda d: records.decision_status_changes(store, d), con=con)
    after = {v.item.proposal_id: v.item.status for v in records.proposals(store, "010170")}
    assert after["EV-P80"] == "draft" and all(after[line.proposal_id] == "funded" for line in decision.funded)
    assert second.approved and all(after[line.proposal_id] == "funded" for line in second.funded)


@pytest.mark.usefixtures("hand_made_drafts")  # a hand-made draft (tests/decision_draft.py)
def test_a_rejected_decision_changes_no_proposal(store, con):
    store_accounts(store, BOARD)  # the board member's account: rights are read from the store
    from core.record.decision_models import Attendee
    from core.record.decisions import record
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
