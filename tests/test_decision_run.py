"""What a board's acta funds is what the parish's stored scenario gives now on the stored proposals
(core.engine.decision_run), never what the caller's draft says: a draft whose figures differ from that run is
refused in Spanish, naming what differs, and nothing is stored; a draft of a scenario the parish has not saved is
refused; the words of its lines (titles, reasons) are the run's."""

import datetime as dt

import pytest

from core.engine import decision_run, scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.proposals import records
from core.record import decisions
from core.record.auth import Position, Role, User
from core.record.decision_models import Attendee, FundedLine, LeftOutLine, with_presiding
from core.record.store import ChangedMeanwhileError, Store, StoreError
from tests.conftest import store_accounts

VALLE = "010170"
BOARD = User(username="presidenta-corrida", display_name="Rosa Quito", role=Role.BOARD, position=Position.PRESIDENT,
             parish_code=VALLE)
ATTENDEES = [Attendee(name="Rosa Quito", role_es="Presidenta", vote="for"),
             Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
             Attendee(name="Marta Sinchi", role_es="Vocal", vote="abstain")]
SCENARIO = scenarios.Scenario(name="Junta de diciembre", parish_code=VALLE, weights={"pdot": 1, "feasibility": 1,
                                                                                   "scope": 1},
                              rules=AllocationRules(budget_usd=40000, reserve_usd=1000))


@pytest.fixture()
def store(tmp_path):
    store = store_accounts(Store(tmp_path / "s.sqlite"), BOARD)
    scenarios.save_scenario(store, BOARD, SCENARIO)
    return store


def _honest(store, con, scenario=SCENARIO):
    """The draft the Decisión page makes of the scenario: its run now, with the parish's association names."""
    inputs = load_inputs(con, VALLE, store=store)
    run = scenarios.run_scenario(inputs, scenario)
    return with_presiding(scenarios.decision_draft(
        scenario, run, inputs.association_names, "El Valle", ATTENDEES, dt.date(2026, 12, 1), "Se aprueba.",
        proposal_titles={p.proposal_id: p.title for p in inputs.proposals}), "Rosa Quito")


def _left_out_funded(draft):
    """One more project, taken from those left out, written onto the acta as funded."""
    extra = draft.left_out[0]
    return {"funded": [*draft.funded, FundedLine(proposal_id=extra.proposal_id, title=extra.title,
                                                 associations_es="", amount_usd=10, score=50)],
            "left_out": draft.left_out[1:], "total_cost_usd": draft.total_cost_usd + 10}


def _amount(draft):
    first = draft.funded[0]
    return {"funded": [first.model_copy(update={"amount_usd": first.amount_usd + 500}), *draft.funded[1:]],
            "total_cost_usd": draft.total_cost_usd + 500}


def _score(draft):
    first = draft.funded[0]
    return {"funded": [first.model_copy(update={"score": first.score + 7}), *draft.funded[1:]],
            "total_score": draft.total_score + 7}


@pytest.mark.parametrize(("crafted", "part"), [
    (_left_out_funded, "los proyectos financiados o sus montos"),
    (lambda d: {"funded": d.funded[1:], "total_cost_usd": d.total_cost_usd - d.funded[0].amount_usd},
     "los proyectos financiados o sus montos"),
    (_amount, "los proyectos financiados o sus montos"),
    (_score, "los puntajes"),
    (lambda d: {"budget_usd": 90000}, "el presupuesto o la reserva"),
    (lambda d: {"reserve_usd": 0}, "el presupuesto o la reserva"),
    (lambda d: {"method_es": "Regla voraz"}, "el método"),
    (lambda d: {"weights": {"pdot": 1.0}}, "los pesos"),
    (lambda d: {"left_out": d.left_out[1:]}, "las propuestas que quedan fuera"),
])
def test_a_draft_whose_figures_are_not_the_run_s_is_refused_and_nothing_is_stored(store, con, crafted, part):
    draft = _honest(store, con)
    entries = len(store.log(limit=100_000))
    with pytest.raises(ValueError, match=f"no es lo que el escenario «Junta de diciembre» da hoy .*difieren {part}"):
        decisions.record(store, BOARD, draft.model_copy(update=crafted(draft)), con=con)
    assert store.records("decision", VALLE) == [] and len(store.log(limit=100_000)) == entries


@pytest.mark.parametrize("scenario_name", ["Escenario que nadie guardó", "Junta de diciembre"])
def test_a_draft_of_a_scenario_the_parish_did_not_save_is_refused(store, con, scenario_name):
    """The first was never saved; the second is saved for El Valle, and the draft says it is Cumbe's."""
    draft = _honest(store, con, SCENARIO.model_copy(update={"name": scenario_name}))
    if scenario_name == SCENARIO.name:
        draft = draft.model_copy(update={"parish_code": "010152"})
        store_accounts(store, BOARD.model_copy(update={"parish_code": None}))  # a board account of every parish
    with pytest.raises(StoreError, match=f"«{scenario_name}» no es un escenario guardado de "):
        decisions.record(store, BOARD, draft, con=con)
    assert store.records("decision") == []


def test_the_acta_takes_the_words_of_its_lines_from_the_run(store, con):
    """Titles, associations and reasons are the run's: a draft with the same figures and other words is stored
    with the run's."""
    draft = _honest(store, con)
    reworded = draft.model_copy(update={
        "funded": [line.model_copy(update={"title": "Obra que nadie propuso", "associations_es": "Nadie"})
                   for line in draft.funded],
        "left_out": [LeftOutLine(proposal_id=line.proposal_id, title=line.title, reason_es="No le gustó a nadie.")
                     for line in draft.left_out],
        "rules_es": ["Sin reglas"]})
    decision = decisions.record(store, BOARD, reworded, con=con)
    assert [line.title for line in decision.funded] == [line.title for line in draft.funded]
    assert [line.reason_es for line in decision.left_out] == [line.reason_es for line in draft.left_out]
    assert decision.rules_es == draft.rules_es and "Obra que nadie propuso" not in str(decision.model_dump())


def test_the_draft_of_the_stored_scenario_is_recorded_as_it_is(store, con):
    """The Decisión page's draft of the run the board saw: recorded with its figures and words."""
    draft = _honest(store, con, scenarios.load_scenario(store, SCENARIO.scenario_id).scenario)  # as stored
    decision = decisions.record(store, BOARD, draft, con=con)
    assert decision.approved and decision.presided_by == "Rosa Quito" and decision.funded
    for field in ("funded", "left_out", "budget_usd", "reserve_usd", "method_es", "weights", "rules_es",
                  "total_cost_usd", "total_score", "inputs", "attendees", "justification_es"):
        assert getattr(decision, field) == getattr(draft, field), field


def test_a_scenario_saved_again_after_the_board_saw_its_run_is_refused(store, con):
    """The board saw the run of the scenario; someone saved it again with another budget before the acta was
    recorded: the acta the board approved is not what the scenario gives now, and is not recorded."""
    draft = _honest(store, con)
    saved = scenarios.load_scenario(store, SCENARIO.scenario_id)
    scenarios.save_scenario(store, BOARD, SCENARIO.model_copy(update={"rules": AllocationRules(budget_usd=20000)}),
                            expected_version=saved.version)
    with pytest.raises(ValueError, match="difieren los proyectos financiados o sus montos, .*el presupuesto o la reserva"):
        decisions.record(store, BOARD, draft, con=con)
    assert store.records("decision") == []


def test_a_scenario_saved_again_while_the_acta_is_recorded_is_refused(store, con, monkeypatch):
    """The scenario is saved again with another budget right after the run is checked, before the acta is stored:
    the acta would be the run of a scenario the parish no longer has. It was stored."""
    draft = _honest(store, con)
    real, after = store.get, []

    def get(kind, record_id, *, as_logged=False):
        found = real(kind, record_id, as_logged=as_logged)
        if kind == scenarios.KIND and as_logged and not after:  # the check reads the stored scenario
            saved = scenarios.load_scenario(Store(store.path), SCENARIO.scenario_id)
            after.append(scenarios.save_scenario(Store(store.path), BOARD, SCENARIO.model_copy(
                update={"rules": AllocationRules(budget_usd=20000)}), expected_version=saved.version))
        return found

    monkeypatch.setattr(store, "get", get)
    with pytest.raises(ChangedMeanwhileError, match="^Otra persona guardó otra vez el escenario «Junta de diciembre»"):
        decisions.record(store, BOARD, draft, con=con)
    assert after and store.records("decision") == []


def test_a_proposal_changed_while_the_acta_is_recorded_is_refused(store, con, monkeypatch):
    """Another planner edits a proposal right after the run is checked, before the acta is stored: the acta would
    keep figures of a run of proposals the parish no longer has (its retry on a conflict reused the same draft)."""
    draft = _honest(store, con)
    real_check, edited = decision_run.checked, []

    def checked_then_edited(*args, **kwargs):
        run = real_check(*args, **kwargs)
        proposal = records.proposal_models(store, "010170")[0]
        edited.append(Store(store.path).save(
            records.PROPOSAL, proposal.proposal_id, {**proposal.model_dump(mode="json"), "title": "Otro título"},
            actor="otra-tecnica", parish_code="010170"))
        return run

    monkeypatch.setattr(decision_run, "checked", checked_then_edited)
    with pytest.raises(ChangedMeanwhileError, match="^Otra persona cambió propuestas, ofertas, puntajes o votos"):
        decisions.record(store, BOARD, draft, con=con)
    assert edited and store.records("decision") == []
