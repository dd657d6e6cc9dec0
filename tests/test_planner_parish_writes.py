"""Every write a planner makes on a parish's records, tried by a planner tied to that parish (allowed), by one tied to
another parish (refused in core, in Spanish, with nothing stored, not even a log entry) and by a planner of the whole
installation (allowed, as before). The parish is the stored record's, not the one the caller sends."""

# The tests take the fixture `store` of the cooperation cycle, imported below.
# ruff: noqa: F811

import datetime as dt

import pytest

from core.cooperation import agreements as agr
from core.cooperation import closing, monitoring, proposal_catch_up, reviews, stages
from core.engine import scenarios
from core.iati import identifiers
from core.iati.read import save_read_offers
from core.parish import records as parish_records
from core.parish.models import ParishProblem
from core.proposals import bulk_status, records, removal
from core.proposals.models import ALLOWED_TRANSITIONS, ProposalStatus
from core.record import meeting, meeting_models
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import store_accounts, store_problems
from tests.test_cooperation_cycle import BOARD, END, PLANNER, _accepted, _draft, store  # noqa: F401 (fixture)
from tests.test_cooperation_reports_and_closing import AGREEMENT_ID, _evaluation, _report
from tests.test_cooperation_reviews import _audit, _midterm
from tests.test_scenarios import scenario

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the cooperation cycle runs through 2027

EL_VALLE, EL_CISNE = "010170", "110153"
VALLE_PLANNER = User(username="tecnico-valle", display_name="Técnico El Valle", role=Role.PLANNER, parish_code=EL_VALLE)
CISNE_PLANNER = User(username="tecnico-cisne", display_name="Técnica El Cisne", role=Role.PLANNER, parish_code=EL_CISNE)
REFUSAL = "Su cuenta de técnico de planificación es del GAD de El Cisne (110153); no puede "


def _first(store: Store):
    return records.proposals(store, EL_VALLE)[0]


def _renamed(store: Store):
    first = _first(store)
    return first.item.model_copy(update={"title": "Riego por goteo"}), first.version


def _deletable(store: Store):
    return next(v for v in records.proposals(store, EL_VALLE) if v.item.status not in removal.DECIDED)


def _step(store: Store):
    """A proposal of El Valle and a lifecycle step it may take."""
    moving = next(v.item for v in records.proposals(store, EL_VALLE) if v.item.status == ProposalStatus.SUBMITTED)
    return moving.proposal_id, sorted(s for s in ALLOWED_TRANSITIONS[moving.status] if s != ProposalStatus.DRAFT)[0]


def _offer(store: Store):
    return next(v for v in records.offers(store) if v.item.parish_code == EL_VALLE)  # held by El Valle


def _problems(store: Store):
    return parish_records.ParishBatch(EL_VALLE).add("problemas", [
        ParishProblem(parish_code=EL_VALLE, code="P91", label_es="Falta de riego", votes=3)])


def _signed(store: Store) -> None:
    _accepted(store)
    agr.sign(store, BOARD, _draft())


def _submitted(store: Store) -> None:
    agr.submit(store, PLANNER, _application())


def _application():
    return agr.Application(application_id="AP-1", parish_code=EL_VALLE, proposal_id="EV-P02",
                           cooperant_id="CO-ISRAEL-MASHAV", submitted_on=dt.date(2026, 10, 1))


PROBLEMS = [f"{EL_VALLE}-P01", f"{EL_VALLE}-P02"]  # stored by `store_problems`


def _meeting():
    return meeting_models.Meeting(meeting_id="EV-S1", parish_code=EL_VALLE, title="Sesión de El Valle",
                                  date=dt.date(2026, 1, 5), subject="problems", item_ids=PROBLEMS,
                                  participants=[meeting_models.Participant(participant_id="p01", name="Rosa")])


def _closable(store: Store) -> None:
    _signed(store)
    monitoring.save_report(store, PLANNER, _report("R1", END, 100, 6_500, value=152))


# name → (what is stored before, as the installation's planner; the write, for `user`; whether it stores something
# when allowed)
WRITES = {
    "save a proposal": (None, lambda s, u: records.save_proposal(s, u, *_renamed(s)), True),
    "import proposals": (None, lambda s, u: records.import_proposals(s, u, [_renamed(s)[0]]), True),
    "delete a proposal": (None, lambda s, u: removal.delete_proposal(s, u, (p := _deletable(s)).item.proposal_id,
                                                                     p.version), True),
    "change statuses": (None, lambda s, u: bulk_status.change_statuses(s, u, [_step(s)[0]], _step(s)[1],
                                                                       today=dt.date(2026, 5, 1)), True),
    "save an offer": (None, lambda s, u: records.save_offer(s, u, (o := _offer(s)).item, o.version), True),
    "save a PDOT objective": (None, lambda s, u: records.save_pdot_objective(
        s, u, (o := records.pdot_objectives(s, EL_VALLE)[0]).item, o.version), True),
    "prepare the parish": (None, lambda s, u: parish_records.save_batch(s, u, _problems(s)), True),
    "parish data for an import": (None, lambda s, u: parish_records.checked_changes(s, u, _problems(s)), False),
    "remove a parish record": (lambda s: parish_records.save_as(s, "consola", _problems(s)),
                               lambda s, u: parish_records.remove(s, u, EL_VALLE, "problemas", ["P91"]), True),
    "record a stage": (None, lambda s, u: stages.record_stage(s, u, EL_VALLE, stages.StageEvidence(
        proposal_id=_first(s).item.proposal_id, stage="comunidad", reached_on=dt.date(2026, 1, 10),
        evidence="Acta de la asamblea")), True),
    "catch proposals up": (_signed, lambda s, u: proposal_catch_up.catch_up(s, u, EL_VALLE), False),
    "IATI publisher": (None, lambda s, u: identifiers.save_publisher(s, u, EL_VALLE, "0160000000001"), True),
    "IATI offers read": (None, lambda s, u: save_read_offers(s, u, [_offer(s).item.model_copy(update={
        "offer_id": "OF-IATI-1", "parish_code": None})], EL_VALLE), True),
    "save a scenario": (None, lambda s, u: scenarios.save_scenario(s, u, scenario()), True),
    "open a meeting": (lambda s: store_problems(s, EL_VALLE), lambda s, u: meeting.save_meeting(s, u, _meeting()), True),
    "send an application": (None, lambda s, u: agr.submit(s, u, _application()), True),
    "record the answer": (_submitted, lambda s, u: agr.record_answer(s, u, "AP-1", "accepted", dt.date(2026, 11, 20)),
                          True),
    "progress report": (_signed, lambda s, u: monitoring.save_report(s, u, _report("R1", dt.date(2027, 3, 31), 25,
                                                                                   1_000)), True),
    "mid-term evaluation": (_signed, lambda s, u: reviews.save_midterm(s, u, _midterm(AGREEMENT_ID)), True),
    "audit": (_signed, lambda s, u: reviews.save_audit(s, u, _audit(AGREEMENT_ID)), True),
    "closing evaluation": (_closable, lambda s, u: closing.save_evaluation(s, u, _evaluation()), True),
}


def _state(store: Store) -> tuple:
    return tuple(store.log(limit=100_000))


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize(("user", "allowed"), [
    (VALLE_PLANNER, True),  # the técnico of El Valle's GAD, on El Valle
    (CISNE_PLANNER, False),  # the técnico of El Cisne's GAD, on El Valle
    (PLANNER, True),  # a planner of the whole installation (no parish): as before
])
def test_a_planner_tied_to_a_parish_writes_only_for_it(store, write, user, allowed):
    store_accounts(store, PLANNER, BOARD, VALLE_PLANNER, CISNE_PLANNER)
    before, action, stores = WRITES[write]
    if before is not None:
        before(store)
    logged = _state(store)
    if allowed:
        action(store, user)
        assert (_state(store) != logged) is stores
        return
    with pytest.raises((PermissionDenied, bulk_status.BulkRefused)) as refused:
        action(store, user)
    assert REFUSAL in str(refused.value)
    assert _state(store) == logged  # nothing stored, not even a log entry


# a body that names the planner's own parish over a record El Valle holds: the stored parish decides
CLAIMS = {
    "proposal moved to its parish": lambda s, u: records.save_proposal(s, u, _renamed(s)[0].model_copy(update={
        "parish_code": EL_CISNE}), _first(s).version),
    "proposal imported into its parish": lambda s, u: records.import_proposals(s, u, [_renamed(s)[0].model_copy(
        update={"parish_code": EL_CISNE})]),
    "offer claimed by its body": lambda s, u: records.save_offer(s, u, (o := _offer(s)).item.model_copy(update={
        "parish_code": EL_CISNE}), o.version, parish_code=EL_CISNE),
    "meeting moved to its parish": lambda s, u: meeting.save_meeting(s, u, _meeting().model_copy(update={
        "parish_code": EL_CISNE}), expected_version=1),
}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_the_parish_is_the_stored_records_not_the_callers(store, claim):
    store_accounts(store, PLANNER, VALLE_PLANNER, CISNE_PLANNER)
    if claim.startswith("meeting"):
        assert store_problems(store, EL_VALLE) == PROBLEMS
        meeting.save_meeting(store, PLANNER, _meeting())
    logged = _state(store)
    with pytest.raises((PermissionDenied, ValueError)) as refused:
        CLAIMS[claim](store, CISNE_PLANNER)
    assert "El Valle (010170)" in str(refused.value)
    assert _state(store) == logged


def test_a_planner_of_another_gad_is_not_listed_in_the_parishs_meeting(store):
    store_accounts(store, PLANNER, VALLE_PLANNER, CISNE_PLANNER)
    store_problems(store, EL_VALLE)
    listed = [meeting_models.Participant(participant_id=f"p{n}", name=u.display_name, username=u.username)
              for n, u in enumerate((VALLE_PLANNER, CISNE_PLANNER))]
    with pytest.raises(ValueError) as refused:
        meeting.save_meeting(store, PLANNER, _meeting().model_copy(update={"participants": listed}))
    assert ("el usuario «tecnico-cisne» de Técnica El Cisne es técnico de planificación del GAD de El Cisne (110153): "
            "no participa en las sesiones de El Valle (010170)") in str(refused.value)
    meeting.save_meeting(store, PLANNER, _meeting().model_copy(update={"participants": listed[:1]}))  # its own GAD's
