"""The Convenios page walks one project from application to closing: a planner records the application and the
answer, the board signs the agreement, a report raises a flag on Seguimiento, the closing evaluation is saved and the
final report can be downloaded; others only read."""

import datetime as dt

from core.cooperation import agreements as agr
from core.cooperation import closing, monitoring
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import open_app_page

PAGE = "pages/convenios.py"
PLANNER = User(username="tecnica-conv", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-conv", display_name="Vocal", role=Role.BOARD)


def _button(app, label):
    return next(b for b in app.button if b.label == label)


def _flags(app):
    """The table of agreement alerts on Seguimiento."""
    return next(d.value for d in app.dataframe if "Alertas" in d.value.columns)


def test_from_application_to_closing_evaluation(own_store):
    app = open_app_page(PAGE, PLANNER)
    inputs = {i.label: i for i in app.text_input}
    inputs["Postulación"].set_value("AP-RIEGO")
    next(s for s in app.selectbox if s.label == "Cooperante").set_value("CO-ISRAEL-MASHAV")
    _button(app, "Registrar postulación").click().run()
    assert not app.error
    assert [a.cooperant_id for a in agr.applications(Store(own_store), "010170")] == ["CO-ISRAEL-MASHAV"]
    app = open_app_page(PAGE, PLANNER)
    assert app.dataframe[0].value["Respuesta"].to_list() == ["Pendiente"]
    answer = next(s for s in app.selectbox if s.label == "Respuesta")
    answer.set_value("accepted")
    _button(app, "Guardar respuesta").click().run()
    store = Store(own_store)
    assert agr.applications(store, "010170")[0].answer == "accepted"

    app = open_app_page(PAGE, PLANNER)
    assert any("junta parroquial" in i.value for i in app.info)  # a planner does not sign
    app = open_app_page(PAGE, BOARD)
    money = {n.label: n for n in app.number_input}
    money["Cooperante"].set_value(10000.0)
    money["Contraparte del GAD"].set_value(7000.0)
    texts = {i.label: i for i in app.text_input}
    texts["Indicador"].set_value("Familias con riego")
    texts["Unidad"].set_value("familias")
    texts["Medio de verificación"].set_value("Actas de entrega")
    next(n for n in app.number_input if n.label == "Meta").set_value(150.0)
    _button(app, "Registrar convenio firmado").click().run()
    [agreement] = agr.agreements(store, "010170")
    assert agreement.total_usd == 17000

    seguimiento = open_app_page("pages/seguimiento.py", BOARD)
    assert _flags(seguimiento)["Alertas"].to_list() == ["sin alertas"]
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=dt.date.today(), physical_progress_pct=10,
        spent_gad_usd=9000))
    seguimiento = open_app_page("pages/seguimiento.py", BOARD)
    assert "sobre el presupuesto" in _flags(seguimiento)["Alertas"].item()
    pdot = next(d.value for d in seguimiento.dataframe if "Objetivo PDOT" in d.value.columns)
    assert set(pdot["Convenio"]) == {agreement.number_es} and set(pdot["Avance físico (%)"]) == {"10,0 %"}

    app = open_app_page(PAGE, PLANNER)
    texts = {i.label: i for i in app.text_input}
    texts["Nombre de quien evalúa"].set_value("Técnica de planificación")
    for criterion in ("Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"):
        texts[f"Evidencia: {criterion}"].set_value(f"Evidencia de {criterion.lower()}")
    next(a for a in app.text_area if a.label == "Lo que funcionó").set_value("Diseñar con las socias")
    _button(app, "Guardar evaluación").click().run()
    [evaluation] = closing.evaluations(store, agreement.agreement_id)
    assert [s.criterion for s in evaluation.scores] == list(closing.CRITERIA)
    assert [k["positive"] for k in closing.lessons(store, [agreement])] == ["Diseñar con las socias"]
    app = open_app_page(PAGE, PLANNER)  # the lesson waits for the next application
    assert any(e.label.startswith("Lecciones de convenios anteriores (1)") for e in app.expander)

