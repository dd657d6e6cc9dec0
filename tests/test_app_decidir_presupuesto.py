"""AppTest of Priorización and Presupuesto over the El Valle demo: the ranking, its response to the weights, the
objectives and comparators side by side, the group's ballots in the proportional objective, infeasible rules, and saving scenarios by role."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from core.engine import scenarios
from core.record import meeting
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts

PLANNER = User(username="tecnica-apptest", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta-apptest", display_name="Presidenta", role=Role.BOARD)
REP = User(username="socia-apptest", display_name="Socia", role=Role.ASSOCIATION, association_id="EV-A01")


def frame(app: AppTest, *columns: str, exact: bool = False):
    """The first table on the page with these columns (AppTest does not expose a dataframe's key)."""
    for table in app.dataframe:
        names = list(table.value.columns)
        if (names == list(columns)) if exact else set(columns) <= set(names):
            return table.value
    raise AssertionError(f"no table with columns {columns}: {[list(d.value.columns) for d in app.dataframe]}")


def ranking(app: AppTest) -> list[str]:
    return frame(app, "Puesto", "Financiada")["Código"].tolist()


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def texts(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [c.value for c in app.caption])


# -- Priorización -----------------------------------------------------------------------------------------

def test_el_valle_ranking_with_the_study_preset():
    app = open_app_page("pages/priorizacion.py", PLANNER)
    assert app.title[0].value == "Priorización"
    assert app.selectbox(key="prio-preset").value == "Estudio El Valle: alcance y factibilidad"
    assert app.slider(key="prio-w-scope").value == 30 and app.slider(key="prio-w-feasibility").value == 30
    table = frame(app, "Puesto", "Financiada")
    assert table["Código"].tolist()[:3] == ["EV-P01", "EV-P10", "EV-P05"]
    assert table["Puesto"].tolist() == list(range(1, len(table) + 1))
    assert table["Puntaje (0–100)"].tolist()[0] == "92,60"  # es-EC decimals
    assert not {"EV-P04", "EV-P14", "EV-P16"} & set(table["Código"])  # screened out, listed apart
    shown = texts(app)
    assert "EV-P04 · Tanque de enfriamiento" in shown and "Fondos no reembolsables" in shown
    explained = next(s for s in app.selectbox if s.label == "Propuesta")  # one proposal at a time, the first first
    assert explained.options[0].startswith("1. EV-P01 · ") and explained.value == "EV-P01"
    why = frame(app, "Criterio", "Por qué")
    assert len(why) == 8 and why["Por qué"].str.len().min() > 0
    assert any("Comparación por pares" in e.label for e in app.expander)
    weights = frame(app, "Criterio", "Tipo", "Peso", exact=True)
    assert dict(zip(weights["Criterio"], weights["Tipo"], strict=True))["Factibilidad"] == "juicio de los evaluadores"
    assert dict(zip(weights["Criterio"], weights["Peso"], strict=True))["Alcance"] == "30,0 %"
    app.session_state["prio-sens-table-open"] = True  # the table is drawn when its expander is opened
    app.run()
    probability = frame(app, "Probabilidad de financiarse")
    assert set(probability["Probabilidad de financiarse"]) <= {f"{k} %" for k in range(101)}


def test_choosing_a_preset_or_moving_a_slider_changes_the_ranking():
    app = open_app_page("pages/priorizacion.py", PLANNER)
    study = ranking(app)
    app.selectbox(key="prio-preset").set_value("Equilibrado").run()
    assert not app.exception
    balanced = ranking(app)
    assert balanced != study and balanced[:4] == ["EV-P01", "EV-P10", "EV-P07", "EV-P11"]
    assert app.slider(key="prio-w-scope").value == app.slider(key="prio-w-pdot").value
    app.slider(key="prio-w-need").set_value(100).run()
    assert not app.exception
    assert app.selectbox(key="prio-preset").value == "Pesos propios"
    assert ranking(app) != balanced
    weights = frame(app, "Criterio", "Tipo", "Peso", exact=True)
    need = dict(zip(weights["Criterio"], weights["Peso"], strict=True))["Necesidad que atiende"]
    assert need == "54,3 %"  # 100 points against 7 × 12 for the others: 100 / 184


def test_proposals_the_group_scored_alike_share_their_places_and_the_page_says_so(own_store):
    """Every evaluator gave each proposal 50 on feasibility, the only weighted criterion: all 13 eligible proposals
    scored 50,00, and the ranking put them 1.º to 13.º by code without a word (EV-P01 «first» by its code)."""
    eligible = ["EV-P01", "EV-P02", "EV-P03", "EV-P05", "EV-P06", "EV-P07", "EV-P08", "EV-P09", "EV-P10", "EV-P11",
                "EV-P12", "EV-P13", "EV-P15"]
    app = open_app_page("pages/priorizacion.py", PLANNER)
    assert not [c for c in app.caption if c.value.startswith("Empates:")]  # the demo's scores do not tie
    _meeting_with_scores({who: dict.fromkeys(eligible, 50.0) for who in ("e1", "e2")})
    app = open_app_page("pages/priorizacion.py", PLANNER)
    for code in ("pdot", "scope", "sdg_pnd", "need", "sustainability", "counterpart", "aid_concentration"):
        app.slider(key=f"prio-w-{code}").set_value(0)
    app.slider(key="prio-w-feasibility").set_value(100).run()
    assert not app.exception
    ranking = frame(app, "Puesto", "Código")
    assert set(ranking["Puntaje (0–100)"]) == {"50,00"}
    tied = [c.value for c in app.caption if c.value.startswith("Empates:")]
    assert tied == [("Empates: puestos 1 a 13, 13 propuestas con 50,00 puntos. Entre propuestas con el mismo puntaje "
                     "el puesto sigue solo su código, no una preferencia del grupo asesor ni de la junta; la asignación "
                     "las desempata por menor costo y luego por código.")]


@pytest.mark.parametrize(("scores", "shown", "said"), [
    ([80.0, 70.0, 60.0], 5, ""),
    ([80.0, 79.996, 60.0], 5, "Empates: puestos 1 a 2, 2 propuestas con 80,00 puntos."),  # equal to two decimals
    ([80.0, 80.0, 60.0, 60.0], 5, ("Empates: puestos 1 a 2, 2 propuestas con 80,00 puntos y puestos 3 a 4, "
                                   "2 propuestas con 60,00 puntos.")),
    ([9.0, 9.0, 8.0, 8.0, 7.0, 7.0], 1, "Empates: puestos 1 a 2, 2 propuestas con 9,00 puntos y 2 empates más."),
])
def test_the_ties_sentence_names_each_shared_place(scores, shown, said):
    from ui.budget_tables import ties_es

    sentence = ties_es(pl.DataFrame({"rank": list(range(1, len(scores) + 1)), "score": scores}), shown=shown)
    assert sentence.startswith(said) if said else sentence == ""


def test_pairwise_comparison_reports_its_consistency_and_warns_in_spanish():
    app = open_app_page("pages/priorizacion.py", PLANNER, **{"prio-ahp-open": True})  # its expander opened
    assert any("Comparaciones consistentes" in s.value for s in app.success)
    cr = next(m for m in app.metric if m.label == "Razón de consistencia")
    assert cr.value.startswith("0,")


def test_a_scenario_without_a_name_says_which_field_is_missing():
    app = open_app_page("pages/priorizacion.py", PLANNER)
    button(app, "Guardar escenario").click().run()
    assert any(e.value.startswith("No se pudo guardar: Nombre: ") for e in app.error), [e.value for e in app.error]


def test_saving_the_weights_as_a_scenario_checks_the_role():
    app = open_app_page("pages/priorizacion.py", PLANNER)
    app.text_input(key="prio-save-name").input("Apptest técnica")
    button(app, "Guardar escenario").click().run()
    assert not app.exception
    assert any("Escenario «Apptest técnica» guardado" in s.value for s in app.success), [e.value for e in app.error]
    saved = scenarios.load_scenario(Store(), "010170-apptest-tecnica")
    assert saved.scenario.preset == "Estudio El Valle: alcance y factibilidad"
    assert saved.scenario.created_by == PLANNER.username

    app = open_app_page("pages/priorizacion.py", REP)  # sees the work, may not save it: no form to fill in vain
    assert any("Guardar escenarios es para" in i.value for i in app.info)
    assert not [b for b in app.button if b.label == "Guardar escenario"]
    assert not [x for x in app.text_input if x.key == "prio-save-name"]


# -- Presupuesto ------------------------------------------------------------------------------------------

OBJECTIVE_HEADINGS = ["#### Óptima por puntaje", "#### Óptima por alcance", "#### Proporcional (partes iguales)"]
COMPARATOR_HEADINGS = ["#### Voraz (CONSUL)", "#### Reparto igual"]


def _meeting_with_scores(scores: dict[str, dict[str, float]], closed: bool = True) -> None:
    """A meeting on proposals in which each participant scored feasibility (participant → proposal → score),
    then closed by the chair (`closed`)."""
    store = store_accounts(Store(), PLANNER)
    people = [meeting.Participant(participant_id=p, name=f"Evaluador {p}") for p in scores]
    items = sorted({pid for by in scores.values() for pid in by})
    meeting.save_meeting(store, PLANNER, meeting.Meeting(
        meeting_id="APP-BALLOTS", parish_code="010170", title="Grupo asesor de prueba", date=dt.date(2026, 11, 25),
        subject="proposals", item_ids=items, participants=people))
    for who, by in scores.items():
        for pid, value in by.items():
            meeting.save_private_score(store, PLANNER, meeting.PrivateScore(  # the chair records for each
                meeting_id="APP-BALLOTS", participant_id=who, proposal_id=pid, scores={"feasibility": value}))
    if closed:
        held = meeting.load_meeting(store, "APP-BALLOTS")
        meeting.save_meeting(store, PLANNER, held.model_copy(update={"status": "closed"}),
                             expected_version=store.get(meeting.MEETING, "APP-BALLOTS").version)


def test_el_valle_budget_shows_the_objectives_side_by_side_then_the_comparators(own_store):
    app = open_app_page("pages/presupuesto.py", PLANNER)
    headings = [m.value for m in app.markdown if m.value.startswith("#### ")]
    assert headings == OBJECTIVE_HEADINGS + COMPARATOR_HEADINGS
    captions = [c.value for c in app.caption]
    # each objective says in one sentence what it maximises
    assert any(c.startswith("Maximiza la suma de los puntajes de los proyectos") for c in captions)
    assert any("multiplicados por las personas que alcanza" in c for c in captions)
    # without the group's ballots the proportional objective says what it needs instead of inventing them
    assert any("necesita las calificaciones o los votos del grupo asesor" in i.value for i in app.info)
    scores = [m.value for m in app.metric if m.label == "Puntaje total"]
    assert len(scores) == 4  # score, scope, greedy, equal split
    numbers = [float(v.replace(".", "").replace(",", ".")) for v in scores]
    assert numbers[0] == max(numbers)  # the total-score optimum has the largest total score
    app.session_state["budget-metrics-open"] = True  # the table is drawn when its expander is opened
    app.run()
    metrics = frame(app, "Cifra", "Óptima por puntaje")
    assert list(metrics.columns) == ["Cifra", "Óptima por puntaje", "Óptima por alcance",
                                     "Proporcional (partes iguales)", "Voraz (CONSUL)", "Reparto igual"]
    assert app.text_input(key="budget-amount").value == "48.000"
    assert app.checkbox(key="budget-min-one").value is False  # the board ticks it; it is not on by default
    assert any("sin reglas de equidad" in c.value for c in app.caption)  # and the page says so
    # … and from what: half of the $ 96.200 the eligible proposals ask (tests/test_scenarios.py), to the thousand
    assert any("la mitad de los $ 96.200 que piden al GAD las propuestas elegibles, redondeada al millar"
               in as_read(c.value) for c in app.caption)
    # the study's first step is a check before the budget
    assert "Antes del presupuesto: cada asociación formula al menos un proyecto" in [h.value for h in app.subheader]
    why = [e.label for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    assert why, "every unfunded proposal of the optimum gets its «¿por qué no?»"
    assert all(" · sin calcular" not in label for label in why)


def test_an_open_meetings_scores_do_not_feed_the_proportional_objective(own_store):
    # Private scores are not revealed while the meeting is open: they decide nothing yet.
    _meeting_with_scores({"e1": {"EV-P01": 90}, "e2": {"EV-P05": 100}}, closed=False)
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert any("necesita las calificaciones" in i.value for i in app.info)
    assert not [c for c in app.caption if "Papeletas del objetivo proporcional" in c.value]


def test_the_groups_scores_feed_the_proportional_objective(own_store):
    # Three evaluators: two back EV-P01 only, one backs EV-P05 only: equal shares give the two a project.
    _meeting_with_scores({"e1": {"EV-P01": 90}, "e2": {"EV-P01": 80}, "e3": {"EV-P05": 100}})
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert not [i for i in app.info if "necesita las calificaciones" in i.value]
    assert any("calificaciones privadas de 3 participantes en la sesión «Grupo asesor de prueba»" in c.value
               for c in app.caption)
    assert len([m for m in app.metric if m.label == "Puntaje total"]) == 5
    assert any("Financiados por partes iguales: " in as_read(c.value) for c in app.caption)


def test_the_proportional_run_names_the_meeting_whose_ballots_it_used(own_store):
    from core.data.db import connect
    from core.engine.allocation import AllocationRules
    from core.engine.prioritization import load_inputs, prioritize

    _meeting_with_scores({"e1": {"EV-P01": 90}, "e2": {"EV-P01": 80}, "e3": {"EV-P05": 100}})
    inputs = load_inputs(connect(), "010170", store=Store())
    run = prioritize(inputs, AllocationRules(budget_usd=48000), method="proportional", explain=False)
    assert run.result.feasible
    assert [m.title for m in run.meetings].count("Grupo asesor de prueba") == 1  # named once, scores and ballots


def test_changing_the_budget_recomputes_the_allocation():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    before = [m.value for m in app.metric if m.label == "Puntaje total"]
    app.text_input(key="budget-amount").input("30.000").run()
    assert not app.exception
    after = [m.value for m in app.metric if m.label == "Puntaje total"]
    assert after != before
    assert app.text_input(key="budget-amount").value == "30.000"


def test_a_budget_nothing_fits_says_there_is_nothing_to_share_not_that_all_is_funded():
    """With $ 0 every proposal asks the GAD for more than there is: the page said «Este método financia todas las
    propuestas elegibles» (a green success) over «Financiadas: 0»."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("0").run()
    assert not app.exception
    warned = " ".join(w.value for w in app.warning)
    assert "No hay nada que repartir: ninguna de las 16 propuestas" in warned and "disponible de $ 0." in warned
    assert "financia todas las propuestas elegibles" not in texts(app)
    assert not [m for m in app.metric if m.label == "Puntaje total"]


def test_a_budget_typed_es_ec_is_read_and_one_that_cannot_be_read_keeps_the_last_one():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("30000").run()
    assert app.text_input(key="budget-amount").value == "30.000"  # written back as people read it
    before = [m.value for m in app.metric if m.label == "Puntaje total"]
    app.text_input(key="budget-amount").input("treinta mil").run()
    assert not app.exception
    assert any("Presupuesto (USD): «treinta mil» no es un número" in as_read(e.value) for e in app.error)
    assert [m.value for m in app.metric if m.label == "Puntaje total"] == before  # the last good budget stays
    app.text_input(key="budget-amount").input("30,000").run()
    assert any("puede leerse como 30 o como 30.000" in as_read(e.value) for e in app.error)
    app.text_input(key="budget-amount").input("**mil** [aquí](http://x.example)").run()
    typed = next(e.value for e in app.error if "Presupuesto (USD)" in as_read(e.value))
    assert "\\*\\*mil\\*\\*" in typed and "\\[aquí\\]" in typed  # shown as typed, not as Markdown


@pytest.mark.parametrize(("typed", "written"), [("15000,5", "15.000,50"), ("15.000,50", "15.000,50"),
                                                ("15000,00", "15.000"), ("15000.5", "15.000,50")])
def test_the_budget_field_writes_cents_as_the_tables_write_amounts(typed, written):
    """The budget is money: «$ 15.000,50» in every table, so «15.000,50» in its field, never «15.000,5»."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input(typed).run()
    assert not app.exception
    assert app.text_input(key="budget-amount").value == written


def test_infeasible_rules_show_the_spanish_explanation_not_an_exception():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("20.000").run()
    app.multiselect(key="budget-must").set_value(["EV-P01", "EV-P10"]).run()
    assert not app.exception
    messages = [e.value for e in app.error]
    assert any("no hay ninguna asignación posible" in m and "Las propuestas obligatorias cuestan $ 25.000 y solo "
               "hay $ 20.000 disponibles" in m for m in messages), messages
    assert not [m for m in app.markdown if m.value.startswith("#### ")]


def test_reserve_larger_than_the_budget_is_explained():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-reserve").input("60.000").run()
    assert not app.exception
    assert any("La reserva ($ 60.000) es mayor que el presupuesto" in e.value for e in app.error)


def test_saving_and_comparing_scenarios_on_the_budget_page():
    app = open_app_page("pages/presupuesto.py", BOARD)
    app.text_input(key="budget-save-name").input("Apptest junta 48 mil")
    button(app, "Guardar escenario").click().run()
    assert any("Escenario «Apptest junta 48 mil» guardado" in s.value for s in app.success)
    app.text_input(key="budget-amount").input("30.000").run()
    app.radio(key="budget-method").set_value("greedy").run()
    app.text_input(key="budget-save-name").input("Apptest junta 30 mil voraz")
    button(app, "Guardar escenario").click().run()
    assert not app.exception
    saved = frame(app, "Escenario", "Reglas de la junta")
    assert {"Apptest junta 48 mil", "Apptest junta 30 mil voraz"} <= set(saved["Escenario"])
    assert app.selectbox(key="budget-saved-pick").value == "010170-apptest-junta-30-mil-voraz"  # the one just saved
    stored = scenarios.load_scenario(Store(), "010170-apptest-junta-30-mil-voraz").scenario
    assert stored.method == "greedy" and stored.rules.budget_usd == 30000
    app.selectbox(key="budget-compare-a").set_value("010170-apptest-junta-48-mil").run()
    app.selectbox(key="budget-compare-b").set_value("010170-apptest-junta-30-mil-voraz").run()
    assert not app.exception
    totals = frame(app, "Cifra", "Diferencia")
    assert list(totals.columns) == ["Cifra", "Apptest junta 48 mil", "Apptest junta 30 mil voraz", "Diferencia"]
    budget_row = dict(zip(totals["Cifra"], totals["Diferencia"], strict=True))
    assert budget_row["Costo financiado"].startswith("-$ ")
    assert any("«Apptest junta 30 mil voraz» frente a «Apptest junta 48 mil»" in m.value for m in app.markdown)

    app.selectbox(key="budget-saved-pick").set_value("010170-apptest-junta-48-mil").run()
    button(app, "Cargar").click().run()
    assert not app.exception
    assert app.text_input(key="budget-amount").value == "48.000"
    assert app.radio(key="budget-method").value == "optimal"


def test_the_board_fixes_the_budget_and_a_planner_cannot():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert not [b for b in app.button if b.label == "Fijar como presupuesto de la junta"]
    app = open_app_page("pages/presupuesto.py", BOARD)
    app.text_input(key="budget-amount").input("45.000").run()
    try:
        button(app, "Fijar como presupuesto de la junta").click().run()
        assert any("Presupuesto y reglas fijados" in s.value for s in app.success)
        assert scenarios.board_budget(Store(), "010170").budget_usd == 45000
        fresh = open_app_page("pages/presupuesto.py", PLANNER)
        assert fresh.text_input(key="budget-amount").value == "45.000"
        assert "Son el presupuesto y las reglas que fijó la junta." in texts(fresh)
    finally:  # the other tests start from the suggested budget
        if scenarios.board_budget(Store(), "010170") is not None:
            Store().delete(scenarios.BUDGET_KIND, "010170", actor="pruebas")


def test_every_why_not_is_shown_at_once_and_the_cost_to_shed_on_demand():
    app = open_app_page("pages/presupuesto.py", PLANNER)
    why = [e.label for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    caption = next(c.value for c in app.caption if "elegibles quedan fuera" in c.value)
    assert len(why) == int(caption.split(" ")[0])  # one per unfunded proposal, however many
    assert why and not any(label.endswith(" · sin calcular") for label in why)
    shown = texts(app)
    assert "Entraría con un puntaje mayor que" in shown
    assert "Con muchas propuestas" not in shown
    code = why[0].split(" · ")[1].split(" — ")[0]
    button_ = next(b for b in app.button if b.key == f"budget-why-optimal-{code}")
    button_.click().run()
    assert not app.exception
    app.text_input(key="budget-reserve").input("100").run()  # another rerun keeps the answer asked for
    assert not any(b.key == f"budget-why-optimal-{code}" for b in app.button)


@pytest.mark.parametrize("page", ["pages/priorizacion.py", "pages/presupuesto.py"])
def test_a_parish_without_proposals_says_so(page):
    app = open_app_page(page, PLANNER, parish="010151")
    assert any("no tiene propuestas registradas" in i.value for i in app.info)


def test_past_a_parish_scale_each_why_not_is_computed_when_picked(own_store):
    """With more proposals than a parish has (seeded copies of El Valle's, in this test's own store), the page
    lists the unfunded proposals to pick from and computes the «¿por qué no?» of the one picked."""
    from bench.interaction import MONEY_FACTORS, scaled
    from core.proposals import records
    from core.proposals.models import Proposal

    store = Store(own_store)
    demo = records.proposal_models(store, "010170")
    records.import_proposals(store, PLANNER, [Proposal.model_validate({
        **scaled(demo[k % len(demo)], MONEY_FACTORS[k % len(MONEY_FACTORS)]), "proposal_id": f"SY-P{k:05d}",
        "is_synthetic": True, "source": "tests"}) for k in range(320)])
    app = open_app_page("pages/presupuesto.py", PLANNER)
    assert not [e for e in app.expander if e.label.startswith("¿Por qué no? · ")]
    caption = next(c.value for c in app.caption if "elegibles quedan fuera" in c.value)
    unfunded = int(caption.split(" ")[0].replace(".", ""))
    assert "Con más de 300 propuestas, cada «¿por qué no?» se calcula al pedirlo" in caption
    pick = app.selectbox(key="budget-why-pick-optimal")
    assert len(pick.options) == unfunded > 0 and pick.value is None
    code = pick.options[-1].split(" · ")[0]  # the lowest-scored one
    pick.set_value(code).run()
    assert not app.exception
    assert "Entraría con un puntaje mayor que" in texts(app).split(code)[-1]  # its explanation, computed on demand


def test_nothing_is_saved_while_the_budget_cannot_be_read(own_store):
    app = open_app_page("pages/presupuesto.py", BOARD)
    for typed in ("50.000,555", ""):
        app.text_input(key="budget-amount").input(typed).run()
        button(app, "Fijar como presupuesto de la junta").click().run()
        assert any("Corrija los números señalados" in as_read(e.value) for e in app.error), typed
        assert scenarios.board_budget(Store(own_store), "010170") is None
    assert any("Presupuesto (USD): escriba un número." in as_read(e.value) for e in app.error)
    app.text_input(key="budget-save-name").input("Con el presupuesto en blanco")
    button(app, "Guardar escenario").click().run()
    assert not app.exception
    assert scenarios.load_scenario(Store(own_store), "010170-con-el-presupuesto-en-blanco") is None


def test_proposals_asking_more_than_any_budget_still_open_both_pages(own_store):
    """A typo of trillions in one proposal made the suggested budget (half of what is asked) pass the largest budget
    the engine takes, and Priorización and Presupuesto stopped for everyone."""
    from core.proposals import records

    store = store_accounts(Store(own_store), PLANNER)
    stored = next(v for v in records.proposals(store, "010170") if v.item.proposal_id == "EV-P06")
    typo = stored.item
    lines = [line.model_dump() | {"amount_usd": line.amount_usd / typo.cost_usd * 4e12} for line in typo.budget_lines]
    typo = type(typo).model_validate(typo.model_dump() | {"cost_usd": 4e12, "requested_usd": 4e12,
                                                          "budget_lines": lines})
    records.save_proposal(store, PLANNER, typo, expected_version=stored.version)
    for page in ("pages/priorizacion.py", "pages/presupuesto.py"):
        assert not open_app_page(page, PLANNER).exception, page
    assert open_app_page("pages/presupuesto.py", PLANNER).text_input(key="budget-amount").value == \
        "1.000.000.000.000"


def test_the_saved_scenarios_name_their_author_and_write_every_budget_to_the_cent(own_store):
    from core.engine.allocation import AllocationRules
    from core.engine.weights import preset

    president = User(username="presidente-apptest", display_name="Segundo Cortez Añapa", role=Role.BOARD)
    store = store_accounts(Store(own_store), president)
    study = "Estudio El Valle: alcance y factibilidad"
    for name, budget in (("Apptest con centavos", 1234.5), ("Apptest redondo", 850.0)):
        scenarios.save_scenario(store, president, scenarios.Scenario(
            name=name, parish_code="010170", weights=preset(study), preset=study,
            rules=AllocationRules(budget_usd=budget)))
    app = open_app_page("pages/presupuesto.py", president)
    assert not app.exception, [e.value for e in app.exception]
    saved = frame(app, "Escenario", "Creado por")
    rows = {row["Escenario"]: row for row in saved.to_dict("records")}
    assert rows["Apptest redondo"]["Creado por"] == "Segundo Cortez Añapa"
    assert rows["Apptest redondo"]["Presupuesto"] == "$ 850,00"
    assert rows["Apptest con centavos"]["Presupuesto"] == "$ 1.234,50"


def test_a_refused_scenario_name_is_shown_as_typed_never_as_markdown(own_store):
    """A second scenario of the same name is refused quoting it: «**Riego** _ya_» once came back in bold and italics."""
    name = "**Riego** _ya_"
    for _ in range(2):
        app = open_app_page("pages/priorizacion.py", PLANNER)
        app.text_input(key="prio-save-name").input(name)
        button(app, "Guardar escenario").click().run()
    [refused] = [e.value for e in app.error]
    assert f"«{name}»" in as_read(refused)
    assert r"\*\*Riego\*\* \_ya\_" in refused  # escaped: read back as the characters typed


def test_a_suggested_budget_from_proposals_none_eligible_does_not_call_them_eligible(parish_store):
    """Another parish whose only proposal is still a draft: the starting budget halves what all its proposals ask,
    and the note beside it says so; it once said «las propuestas elegibles» above a warning that none is."""
    from core.record.store import Store
    from tests.test_app_preparar import PARISH, PLANNER, _one_imported_proposal

    _one_imported_proposal(Store(parish_store), [])
    app = open_app_page("pages/presupuesto.py", PLANNER, parish=PARISH)
    [note] = [as_read(c.value) for c in app.caption if c.value.startswith("La junta aún no fijó el presupuesto")]
    assert "elegibles" not in note
    assert ("se parte de $ 1.000 (la mitad de los $ 2.000 que piden al GAD todas las propuestas de la parroquia, "
            "ninguna elegible todavía,") in note
    # and the warning below it counts one proposal as one, not «ninguna de las 1 propuestas»
    assert [w.value for w in app.warning if "nada que repartir" in w.value] == [
        ("No hay nada que repartir: la única propuesta de la parroquia no pasa el filtro de elegibilidad con un "
        "presupuesto disponible de $ 1.000. Priorización muestra por qué queda fuera («Propuestas que no pasan el "
        "filtro de elegibilidad»).")]


def test_a_budget_with_cents_names_the_cost_and_the_unspent_money_by_one_rule(own_store):
    """«Costo: $ 48.200 ($ 1.800,50 sin asignar)» put a whole-dollar amount beside one to the cent in a sentence."""
    app = open_app_page("pages/presupuesto.py", PLANNER)
    app.text_input(key="budget-amount").input("50.000,50").run()
    lines = [line for m in app.markdown for line in m.value.splitlines() if line.startswith("- **Costo:**")]
    assert lines and all(re.fullmatch(r"- \*\*Costo:\*\* \$ [\d.]+,\d\d \(\$ [\d.]+,\d\d sin asignar\)", line)
                         for line in lines), lines
    assert "- **Costo:** $ 48.200,00 ($ 1.800,50 sin asignar)" in lines
