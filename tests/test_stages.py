"""FLOK's pipeline: stages are reached in order with their evidence, and a parish's stage rule keeps a proposal out
of the budget with its reason, as a screening gate."""

import datetime as dt
import re

import pytest

from core.cooperation import stages
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs, prioritize
from core.record.auth import PermissionDenied, Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)
REASON = "Los pilotos FLOK financiaron solo proyectos con plan de negocios."


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


def _stage(proposal_id, stage, day, **extra):
    return stages.StageEvidence(proposal_id=proposal_id, stage=stage, reached_on=day,
                                evidence=f"Evidencia de {stage}", **extra)


def _walk_to_business_plan(store, proposal_id):
    stages.record_stage(store, PLANNER, "010170", _stage(proposal_id, "comunidad", dt.date(2026, 1, 10)))
    stages.record_stage(store, PLANNER, "010170", _stage(proposal_id, "factibilidad", dt.date(2026, 2, 10),
                                                         feasibility="feasible"))
    stages.record_stage(store, PLANNER, "010170", _stage(proposal_id, "plan_negocios", dt.date(2026, 3, 10),
                                                         investment_usd=9000, yearly_income_usd=6000,
                                                         yearly_costs_usd=3500))


def test_stages_are_reached_in_order_with_their_evidence(store):
    with pytest.raises(ValueError, match="la siguiente es «Proceso comunitario»"):
        stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "factibilidad", dt.date(2026, 1, 1),
                                                             feasibility="feasible"))
    with pytest.raises(ValueError, match="resultado del estudio"):
        _stage("EV-P02", "factibilidad", dt.date(2026, 1, 1))
    with pytest.raises(ValueError, match="inversión, ingresos anuales y costos"):
        _stage("EV-P02", "plan_negocios", dt.date(2026, 1, 1), investment_usd=100)
    with pytest.raises(PermissionDenied):
        stages.record_stage(store, BOARD, "010170", _stage("EV-P02", "comunidad", dt.date(2026, 1, 10)))
    stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "comunidad", dt.date(2026, 1, 10)))
    with pytest.raises(ValueError, match="anterior a la de la etapa anterior"):
        stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "factibilidad", dt.date(2026, 1, 1),
                                                             feasibility="feasible"))
    stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "factibilidad", dt.date(2026, 2, 1),
                                                         feasibility="not_feasible"))
    with pytest.raises(ValueError, match="no es factible"):
        stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "plan_negocios", dt.date(2026, 3, 1),
                                                             investment_usd=1, yearly_income_usd=1,
                                                             yearly_costs_usd=1))
    assert stages.current_stage(stages.evidences(store, "010170")["EV-P02"]) == "factibilidad"


def test_a_stage_rule_keeps_a_proposal_out_of_the_budget_with_its_reason(store, con):
    rules = AllocationRules(budget_usd=1_000_000)  # money for everyone: only the gates decide
    before = prioritize(load_inputs(con, "010170", store=store), rules)
    assert {"EV-P02", "EV-P03"} <= set(before.result.funded_ids)
    _walk_to_business_plan(store, "EV-P03")
    with pytest.raises(ValueError, match="por qué"):
        stages.StageRule(parish_code="010170", required_stage="plan_negocios", reason="")
    rule = stages.StageRule(parish_code="010170", required_stage="plan_negocios", reason=REASON)
    with pytest.raises(PermissionDenied):
        stages.save_rule(store, PLANNER, rule)
    stages.save_rule(store, BOARD, rule)
    after = prioritize(load_inputs(con, "010170", store=store), rules)
    funded = set(after.result.funded_ids)
    assert "EV-P02" not in funded and "EV-P03" in funded
    [gate] = [g for s in after.screenings if s.item_id == "EV-P02" for g in s.failures]
    assert gate.label_es == "Etapa exigida por la parroquia"
    assert "ninguna etapa" in gate.reason_es and "«Plan de negocios»" in gate.reason_es and REASON in gate.reason_es


def test_the_page_records_a_stage_and_the_board_sets_the_rule(own_store):
    app = open_app_page("pages/etapas.py", PLANNER)
    app.text_area[0].set_value("Acta de la asamblea del 10 de enero")
    next(b for b in app.button if b.label == "Guardar etapa").click().run()
    assert any("Etapa registrada" in s.value for s in app.success)
    assert not [b for b in app.button if b.label == "Guardar regla"]  # the rule is the board's
    board = open_app_page("pages/etapas.py", BOARD)
    next(s for s in board.selectbox if s.label == "Etapa exigida").set_value("comunidad")
    next(a for a in board.text_area if a.label == "Razón de la regla").set_value(REASON)
    next(b for b in board.button if b.label == "Guardar regla").click().run()
    assert stages.rule(Store(own_store), "010170").required_stage == "comunidad"
    assert board.dataframe[0].value["Etapa"].to_list()[0] == "Proceso comunitario"


def test_the_stage_figures_are_typed_es_ec_and_a_wrong_one_saves_nothing(own_store):
    stages.record_stage(Store(own_store), PLANNER, "010170", _stage("EV-P01", "comunidad", dt.date(2026, 1, 10)))
    stages.record_stage(Store(own_store), PLANNER, "010170", _stage("EV-P01", "factibilidad", dt.date(2026, 2, 10),
                                                                    feasibility="feasible"))
    app = open_app_page("pages/etapas.py", PLANNER)
    next(s for s in app.selectbox if s.label == "Etapa").set_value("plan_negocios")
    app.text_area[0].set_value("Plan de negocios aprobado")
    fields = {f.label: f for f in app.text_input}
    fields["Inversión (USD)"].set_value("12.500,50")
    fields["Ingresos anuales (USD)"].set_value("ocho mil")
    fields["Costos anuales (USD)"].set_value("3.500,25")
    next(b for b in app.button if b.label == "Guardar etapa").click().run()
    assert any("Ingresos anuales (USD): «ocho mil» no es un número" in as_read(e.value) for e in app.error)
    assert any("Corrija los números señalados; no se guardó nada." in as_read(e.value) for e in app.error)
    assert len(stages.evidences(Store(own_store), "010170")["EV-P01"]) == 2
    {f.label: f for f in app.text_input}["Ingresos anuales (USD)"].set_value("8.000")
    next(b for b in app.button if b.label == "Guardar etapa").click().run()
    saved = stages.evidences(Store(own_store), "010170")["EV-P01"][-1]
    assert (saved.investment_usd, saved.yearly_income_usd, saved.yearly_costs_usd) == (12500.5, 8000.0, 3500.25)


@pytest.mark.parametrize(("stage", "extra", "refused"), [
    ("comunidad", {"feasibility": "not_feasible"}, "solo a la etapa «Factibilidad»; para «Proceso comunitario»"),
    ("comunidad", {"investment_usd": 5000}, "Inversión (USD)"),
    ("factibilidad", {"feasibility": "feasible", "yearly_income_usd": 100}, "Ingresos anuales (USD)"),
])
def test_what_belongs_to_another_stage_is_refused_and_stores_nothing(store, stage, extra, refused):
    """The form offers the study's result and the plan's figures for every stage: a result or a figure given for
    another stage was stored, shown nowhere, and a «No factible» picked with the community's minutes stopped the
    proposal for good, blamed on a study no one recorded."""
    if stage == "factibilidad":
        stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "comunidad", dt.date(2026, 1, 10)))
    with pytest.raises(ValueError, match=re.escape(refused)):
        stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", stage, dt.date(2026, 2, 10), **extra))
    assert [e.stage for e in stages.evidences(store, "010170").get("EV-P02", [])] == (
        ["comunidad"] if stage == "factibilidad" else [])


def test_only_a_feasibility_study_stops_the_pipeline(store):
    """A community stage stored with a study's result (before the form refused it) does not stop the proposal."""
    early = _stage("EV-P02", "comunidad", dt.date(2026, 1, 10), feasibility="not_feasible")
    store.save(stages.STAGE, early.record_id, early.model_dump(mode="json"), actor="tecnico", parish_code="010170")
    stages.record_stage(store, PLANNER, "010170", _stage("EV-P02", "factibilidad", dt.date(2026, 2, 10),
                                                         feasibility="feasible"))
    assert stages.current_stage(stages.evidences(store, "010170")["EV-P02"]) == "factibilidad"


def test_the_page_shows_what_each_stage_was_recorded_with_in_es_ec(own_store):
    """The study's result and the business plan's figures were stored but shown on no page: the planner could not
    check what was saved."""
    _walk_to_business_plan(Store(own_store), "EV-P03")
    app = open_app_page("pages/etapas.py", PLANNER)
    [shown] = [d.value for d in app.dataframe if "Evidencia" in d.value.columns]
    rows = shown.to_dict("records")
    assert [(r["Propuesta"], r["Etapa"], r["Fecha en que se alcanzó"]) for r in rows] == [
        ("EV-P03", "Proceso comunitario", "10/01/2026"), ("EV-P03", "Factibilidad", "10/02/2026"),
        ("EV-P03", "Plan de negocios", "10/03/2026")]
    assert rows[1]["Resultado de la factibilidad"] == "Factible"
    assert (rows[2]["Inversión (USD)"], rows[2]["Ingresos anuales (USD)"], rows[2]["Costos anuales (USD)"]) == (
        "$ 9.000", "$ 6.000", "$ 3.500")  # every figure of the column is whole: whole dollars
    assert rows[0]["Inversión (USD)"] == "" and rows[0]["Resultado de la factibilidad"] == ""
    # a study's result picked with another stage is refused on the page, saying where and that nothing was saved
    next(s for s in app.selectbox if s.label == "Propuesta").set_value("EV-P02")
    next(s for s in app.selectbox if s.label == "Resultado de la factibilidad").set_value("not_feasible")
    app.text_area[0].set_value("Acta de la asamblea del 10 de enero")
    next(b for b in app.button if b.label == "Guardar etapa").click().run()
    assert any("«Resultado de la factibilidad» corresponde solo a la etapa «Factibilidad»" in e.value
               for e in app.error), [e.value for e in app.error]
    assert "EV-P02" not in stages.evidences(Store(own_store), "010170")


def test_a_parish_without_proposals_says_where_to_register_them(own_store):
    """A rural parish with no records loaded: the page says why it is empty and what to do next."""
    app = open_app_page("pages/etapas.py", PLANNER, parish="160152")  # Canelos, Pastaza
    assert [i.value for i in app.info] == [
        "Esta parroquia no tiene propuestas registradas. Ingréselas o impórtelas en la página Propuestas."]
