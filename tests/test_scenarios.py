"""Saved scenarios: validated, stored with roles and versions, re-run, compared, and turned into the board's draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from pydantic import ValidationError

from core.engine import gad_request, scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs, screening_context
from core.engine.scenarios import Scenario, ScenarioError
from core.engine.screening import screen_proposals
from core.engine.weights import preset
from core.record.auth import PermissionDenied, Role, User
from core.record.decisions import Attendee
from core.record.store import Store

PLANNER = User(username="tecnica", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
OBSERVER = User(username="vecino", display_name="Vecino", role=Role.OBSERVER)
REP = User(username="maria", display_name="María", role=Role.ASSOCIATION, association_id="EV-A03")
STUDY = "Estudio El Valle: alcance y factibilidad"
RULES = AllocationRules(budget_usd=45000, min_one_per_association=True)


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


@pytest.fixture(scope="module")
def inputs(con):
    return load_inputs(con, "010170")


def scenario(name="Junta 2026", weights=None, rules=RULES, **changes) -> Scenario:
    return Scenario(name=name, parish_code="010170", weights=weights or preset(STUDY), preset=STUDY, rules=rules,
                    **changes)


# -- the model ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("Junta 2026", "junta-2026"), ("  Reunión   de   la junta ", "reunion-de-la-junta"),
    ("Año — alcance (b)", "ano-alcance-b"), ("ÑANDÚ", "nandu"),
])
def test_a_scenario_is_keyed_by_parish_and_name(name, expected):
    s = scenario(name)
    assert s.scenario_id == f"010170-{expected}"
    assert s.name == " ".join(name.split())


@pytest.mark.parametrize(("changes", "message"), [
    ({"name": "¡¡¡!!!"}, "al menos una letra"),
    ({"name": ""}, None),
    ({"weights": {"scope": -1, "pdot": 2}}, "no puede ser negativo"),
    ({"weights": {"scope": 0}}, "mayor que cero"),
    ({"weights": {"belleza": 1}}, "criterio desconocido"),
    ({"method": "lottery"}, None),
    ({"parish_code": "El Valle"}, None),
])
def test_a_scenario_refuses_what_cannot_be_used(changes, message):
    base = dict(name="Junta", parish_code="010170", weights=preset(STUDY), rules=RULES)
    with pytest.raises(ValidationError, match=message):
        Scenario(**{**base, **changes})


def test_weights_are_normalized_and_the_preset_is_recognized():
    s = scenario(weights={"scope": 3, "feasibility": 1})
    assert s.weights["scope"] == pytest.approx(0.75) and s.weights["pdot"] == 0
    assert sum(s.weights.values()) == pytest.approx(1)
    assert scenarios.matching_preset({"scope": 30, "feasibility": 30, "pdot": 10, "need": 10, "sustainability": 5,
                                      "counterpart": 5, "sdg_pnd": 5, "aid_concentration": 5}) == STUDY
    assert scenarios.matching_preset({"scope": 1}) is None


def test_the_suggested_budget_is_half_of_what_the_eligible_proposals_ask(inputs):
    run = scenarios.run_scenario(inputs, scenario(rules=AllocationRules(budget_usd=10**9)), explain=False)
    asked = run.candidates["cost_usd"].sum()  # with money no object, only the other gates keep proposals out
    assert asked == 96200
    assert scenarios.suggested_budget(inputs) == 48000
    assert scenarios.asked_of_gad(inputs) == asked  # the figure the page names beside the suggestion


@pytest.mark.parametrize(("asked", "suggested"), [(30_500, 15_000), (5_000, 3_000), (7_000, 4_000), (9_400, 5_000),
                                                  (1_200, 1_000), (0, 1_000)])
def test_the_suggested_budget_rounds_half_of_what_is_asked_to_the_nearest_thousand_half_up(inputs, monkeypatch,
                                                                                           asked, suggested):
    """As a person rounds: $ 2.500 is $ 3.000 (not the even $ 2.000 of Python's round), $ 15.250 is $ 15.000."""
    # no single request past half of them all
    monkeypatch.setattr(gad_request, "gad_request", lambda _: gad_request.GadRequest(asked, eligible_only=True))
    assert scenarios.suggested_budget(inputs) == suggested


# -- the store ---------------------------------------------------------------------------------------------

def test_planner_and_board_save_observer_and_representative_are_refused(store):
    saved = scenarios.save_scenario(store, PLANNER, scenario())
    assert saved.version == 1 and saved.scenario.created_by == "tecnica"
    assert saved.scenario.created_at is not None
    scenarios.save_scenario(store, BOARD, scenario("Otra idea"))
    for user in (OBSERVER, REP, None):
        with pytest.raises(PermissionDenied, match="no permite guardar pesos y escenarios"):
            scenarios.save_scenario(store, user, scenario("No debe quedar"))
    assert {s.scenario.name for s in scenarios.list_scenarios(store, "010170")} == {"Junta 2026", "Otra idea"}
    assert scenarios.list_scenarios(store, "010171") == []
    assert store.log(kind="scenario", limit=1)[0].actor == "presidenta"


def test_a_taken_name_is_refused_unless_replacing_the_version_read(store):
    first = scenarios.save_scenario(store, PLANNER, scenario())
    with pytest.raises(ScenarioError, match="Ya existe un escenario llamado «Junta 2026»"):
        scenarios.save_scenario(store, BOARD, scenario("junta   2026"))
    changed = scenario(rules=AllocationRules(budget_usd=50000), note="con más dinero")
    replaced = scenarios.save_scenario(store, BOARD, changed, expected_version=first.version)
    assert replaced.version == 2 and replaced.scenario.rules.budget_usd == 50000
    assert replaced.scenario.created_by == "tecnica"  # the author stays; the log says who replaced it
    assert replaced.updated_by == "presidenta"
    with pytest.raises(ScenarioError, match="Otra persona guardó"):
        scenarios.save_scenario(store, PLANNER, changed, expected_version=first.version)
    loaded = scenarios.load_scenario(store, first.scenario_id)
    assert loaded.scenario == replaced.scenario and loaded.scenario.note == "con más dinero"


def test_two_people_saving_the_same_new_name_at_once_never_overwrite_each_other(store):
    outcomes = []

    def save(user, budget):
        try:
            scenarios.save_scenario(store, user, scenario("Al mismo tiempo", rules=AllocationRules(budget_usd=budget)))
            outcomes.append(("ok", budget))
        except ScenarioError:
            outcomes.append(("refused", budget))

    threads = [threading.Thread(target=save, args=(u, b)) for u, b in ((PLANNER, 1000), (BOARD, 2000))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    kept = scenarios.load_scenario(store, "010170-al-mismo-tiempo")
    winner = next(b for o, b in outcomes if o == "ok")
    assert kept.version == 1 and kept.scenario.rules.budget_usd == winner


def test_only_the_board_fixes_the_parish_budget(store):
    assert scenarios.board_budget(store, "010170") is None
    with pytest.raises(PermissionDenied, match="fijar el presupuesto"):
        scenarios.set_board_budget(store, PLANNER, "010170", RULES)
    scenarios.set_board_budget(store, BOARD, "010170", RULES)
    assert scenarios.board_budget(store, "010170") == RULES


# -- running and comparing ---------------------------------------------------------------------------------

def test_running_a_scenario_uses_its_weights_method_and_rules(inputs):
    run = scenarios.run_scenario(inputs, scenario(method="greedy"))
    assert run.result.method == "greedy" and run.result.rules == RULES
    assert run.scoring.weights == scenario().weights
    with pytest.raises(ScenarioError, match="es de la parroquia 010170"):
        scenarios.run_scenario(load_inputs_for_other_parish(inputs), scenario())


def load_inputs_for_other_parish(inputs):
    from dataclasses import replace
    return replace(inputs, parish_code="010171")


def test_comparing_a_scenario_with_itself_changes_nothing(inputs):
    run = scenarios.run_scenario(inputs, scenario(), explain=False)
    comparison = scenarios.compare(run, run, names=("A", "A"))
    assert comparison.only_a == comparison.only_b == []
    assert set(comparison.both) == set(run.result.funded_ids)
    assert comparison.totals["delta"].abs().max() == 0
    assert "mismas" in comparison.summary_es


def test_comparison_names_what_enters_and_leaves_and_the_deltas(inputs):
    study = scenarios.run_scenario(inputs, scenario(), explain=False)
    equal = scenarios.run_scenario(inputs, scenario("Equilibrado", weights=preset("Equilibrado"),
                                                    rules=AllocationRules(budget_usd=30000), method="greedy"),
                                   explain=False)
    c = scenarios.compare(study, equal, names=("Estudio", "Equilibrado"))
    fa, fb = set(study.result.funded_ids), set(equal.result.funded_ids)
    assert set(c.only_a) == fa - fb and set(c.only_b) == fb - fa and set(c.both) == fa & fb
    assert c.only_a or c.only_b, "a smaller budget and other weights must change something"
    totals = {r["metric"]: r for r in c.totals.iter_rows(named=True)}
    assert totals["total_cost_usd"]["delta"] == pytest.approx(equal.result.total_cost_usd - study.result.total_cost_usd)
    assert totals["associations_covered"]["a"] == len(study.result.associations_covered)
    changes = dict(c.proposals.select("proposal_id", "change").iter_rows())
    assert all(changes[p] == "only_a" for p in c.only_a) and all(changes[p] == "only_b" for p in c.only_b)
    row = c.proposals.filter(c.proposals["proposal_id"] == "EV-P01").row(0, named=True)
    assert row["score_delta"] == pytest.approx(row["score_b"] - row["score_a"], abs=0.01)
    weights = dict(c.weights.select("criterion", "delta").iter_rows())
    assert weights["scope"] == pytest.approx(1 / 8 - 0.3)
    assert any("$ 30.000" in line and ",00" not in line for line in c.rules[1])
    assert "«Equilibrado» frente a «Estudio»" in c.summary_es


def test_rules_read_as_sentences():
    rules = AllocationRules(budget_usd=45000, reserve_usd=5000, min_one_per_association=True,
                            max_share_per_association=0.3, must_fund=["EV-P01"], must_not_fund=["EV-P09"],
                            exclusive_pairs=[("EV-P02", "EV-P03")])
    lines = scenarios.rules_es(rules, {"EV-P01": "Comercialización"}, method="optimal")
    assert lines == [
        "Presupuesto: $ 45.000",
        "Reserva fuera del reparto: $ 5.000 (se reparten $ 40.000)",
        "Al menos una propuesta por asociación cuando sea posible",
        "Tope por asociación: 30 % del presupuesto ($ 13.500)",
        "Obligatorias por decisión de la junta: EV-P01 (Comercialización)",
        "Excluidas por decisión de la junta: EV-P09",
        "Excluyentes entre sí: EV-P02 y EV-P03",
        "Método: Asignación óptima por puntaje (programación entera exacta)",
    ]


# -- the board's draft -------------------------------------------------------------------------------------

ATTENDEES = [Attendee(name="Rosa Quito", role_es="Presidenta", vote="for"),
             Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
             Attendee(name="Ana Ortiz", role_es="Técnica MAG", votes=False)]


def test_a_decision_draft_carries_every_funded_line_and_every_reason(con, inputs):
    s = scenario()
    run = scenarios.run_scenario(inputs, s, explain=False)  # the draft explains what the run did not
    names = dict(con.execute("SELECT association_id, name FROM associations").fetchall())
    titles = {p.proposal_id: p.title for p in inputs.proposals}
    draft = scenarios.decision_draft(s, run, names, "El Valle", ATTENDEES, dt.date(2026, 11, 26),
                                     "  Se prioriza el alcance.  ", proposal_titles=titles)
    assert [f.proposal_id for f in draft.funded] == run.result.funded_ids
    assert sum(f.amount_usd for f in draft.funded) == pytest.approx(run.result.total_cost_usd)
    joint = next(f for f in draft.funded if f.proposal_id == "EV-P01")
    assert joint.associations_es.count(";") >= 1 and "EV-A" not in joint.associations_es
    left = {line.proposal_id: line for line in draft.left_out}
    assert set(left) == {p.proposal_id for p in inputs.proposals} - set(run.result.funded_ids)
    assert all("explicación detallada no calculada" not in line.reason_es for line in left.values())
    assert left["EV-P04"].reason_es.startswith("No pasa el filtro de elegibilidad: Fondos no reembolsables")
    assert left["EV-P04"].title == titles["EV-P04"]
    assert draft.justification_es == "Se prioriza el alcance."
    assert draft.weights_es["Alcance"] == pytest.approx(0.3)
    assert draft.rules_es[0] == "Presupuesto: $ 45.000" and draft.rules_es[-1].startswith("Método:")
    assert draft.inputs["rules"]["budget_usd"] == 45000 and len(draft.inputs["candidates"]) == run.candidates.height
    assert draft.scenario_name == "Junta 2026" and draft.budget_usd == 45000


def test_an_infeasible_scenario_cannot_become_a_decision(inputs):
    s = scenario(rules=AllocationRules(budget_usd=20000, must_fund=["EV-P01", "EV-P10"]))
    run = scenarios.run_scenario(inputs, s)
    assert not run.result.feasible
    with pytest.raises(ScenarioError, match="no tiene una asignación posible.*obligatorias cuestan"):
        scenarios.decision_draft(s, run, {}, "El Valle", ATTENDEES, dt.date(2026, 11, 26))


def test_a_draft_where_no_proposal_reached_the_allocation_keeps_that_word(con, inputs):
    """Below every proposal's cost nothing is a candidate: the acta must not call that calculation unconfirmed."""
    s = scenario(rules=AllocationRules(budget_usd=1))
    run = scenarios.run_scenario(inputs, s, explain=False)
    assert run.result.funded_ids == [] and run.result.message_es == "No hay propuestas candidatas."
    draft = scenarios.decision_draft(s, run, {}, "El Valle", ATTENDEES, dt.date(2026, 11, 26))
    assert draft.solver_status == "NoCandidates"
    funded = scenarios.run_scenario(inputs, scenario(), explain=False)
    assert scenarios.decision_draft(scenario(), funded, {}, "El Valle", ATTENDEES,
                                    dt.date(2026, 11, 26)).solver_status == "Optimal"


@pytest.mark.parametrize("method", ["greedy", "equal_split"])
def test_a_draft_made_by_a_method_s_rule_is_not_called_an_unconfirmed_optimum(con, inputs, method):
    """Greedy and equal split follow a published rule: their acta said «cálculo sin confirmar que sea el mejor
    posible», as if an optimum had been sought and not proved."""
    s = scenario(method=method)
    draft = scenarios.decision_draft(s, scenarios.run_scenario(inputs, s, explain=False), {}, "El Valle", ATTENDEES,
                                     dt.date(2026, 11, 26))
    assert draft.solver_status == "ByRule"


def test_a_draft_names_each_association_the_allocation_left_without_a_project(con, inputs):
    s = scenario(rules=AllocationRules(budget_usd=12000, min_one_per_association=True))
    run = scenarios.run_scenario(inputs, s, explain=False)
    names = dict(con.execute("SELECT association_id, name FROM associations").fetchall())
    draft = scenarios.decision_draft(s, run, names, "El Valle", ATTENDEES, dt.date(2026, 11, 26))
    left = [a for a in run.result.associations if not a.covered]
    assert left, "the budget leaves some association without a project"
    assert draft.uncovered_es == [f"{names[a.association_id]}: {a.reason_es}" for a in left]
    assert all("EV-A" not in line for line in draft.uncovered_es)


def test_when_no_proposal_passes_the_gates_the_suggested_budget_is_half_of_what_all_ask(inputs):
    """A file of basic columns fails «Formulación completa» everywhere: a $ 1.000 suggestion would add «only $ 1.000
    available» to every proposal's reasons."""
    bare = dataclasses.replace(inputs, proposals=[p.model_copy(update={"pdot_objective_ids": []})
                                                  for p in inputs.proposals])
    assert not [s for s in screen_proposals(bare.proposals, screening_context(bare)) if s.eligible]
    asked = sum(p.requested_usd for p in bare.proposals)
    assert scenarios.suggested_budget(bare) == round(asked / 2 / 1000) * 1000 > 1000
