"""AppTest of Priorización over the El Valle demo: the ranking with the study's preset, its response to the
presets and the weights, the places proposals scored alike share, the pairwise comparison's consistency, and saving
the weights as a scenario by role; then the advisory group's private scores in the proportional objective of
Presupuesto: a closed meeting's feed it and are named, an open meeting's do not."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from core.engine import scenarios
from core.record import meeting, meeting_models
from core.record.store import Store
from tests.conftest import as_read, open_app_page, store_accounts
from tests.test_app_decidir_presupuesto import PLANNER, REP, button, frame, texts


def ranking(app: AppTest) -> list[str]:
    return frame(app, "Puesto", "Financiada")["Código"].tolist()


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


# -- The advisory group's scores --------------------------------------------------------------------------

def _meeting_with_scores(scores: dict[str, dict[str, float]], closed: bool = True) -> None:
    """A meeting on proposals in which each participant scored feasibility (participant → proposal → score),
    then closed by the chair (`closed`)."""
    store = store_accounts(Store(), PLANNER)
    people = [meeting_models.Participant(participant_id=p, name=f"Evaluador {p}") for p in scores]
    items = sorted({pid for by in scores.values() for pid in by})
    meeting.save_meeting(store, PLANNER, meeting_models.Meeting(
        meeting_id="APP-BALLOTS", parish_code="010170", title="Grupo asesor de prueba", date=dt.date(2026, 11, 25),
        subject="proposals", item_ids=items, participants=people))
    for who, by in scores.items():
        for pid, value in by.items():
            meeting.save_private_score(store, PLANNER, meeting_models.PrivateScore(  # the chair records for each
                meeting_id="APP-BALLOTS", participant_id=who, proposal_id=pid, scores={"feasibility": value}))
    if closed:
        held = meeting.load_meeting(store, "APP-BALLOTS")
        meeting.save_meeting(store, PLANNER, held.model_copy(update={"status": "closed"}),
                             expected_version=store.get(meeting_models.MEETING, "APP-BALLOTS").version)


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
