"""The Convenios page walks one project from application to closing: a planner records the application and the
answer, the board signs the agreement, a report raises a flag on Seguimiento, the closing evaluation is saved and the
final report can be downloaded; others only read."""

import datetime as dt

import pytest

from core.cooperation import agreements as agr
from core.cooperation import closing, monitoring
from core.record import facts
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import approve_proposal, as_read, open_app_page, store_accounts

PAGE = "pages/convenios.py"
PLANNER = User(username="tecnica-conv", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-conv", display_name="Vocal", role=Role.BOARD)


def _button(app, label):
    return next(b for b in app.button if b.label == label)


def _fill_annex(texts) -> None:
    """The signing form's indicator annex: one indicator with its unit, means of verification and target."""
    for label, value in (("Indicador", "Familias con riego"), ("Unidad", "familias"),
                         ("Medio de verificación", "Actas de entrega"), ("Meta", "150")):
        texts[label].set_value(value)


def _flags(app):
    """The table of agreement alerts on Seguimiento."""
    return next(d.value for d in app.dataframe if "Alertas" in d.value.columns)


def _followed(app):
    """Seguimiento's projects: code → the status shown."""
    table = next(d.value for d in app.dataframe if {"Código", "Estado"} <= set(d.value.columns))
    return dict(zip(table["Código"], table["Estado"], strict=True))


def test_from_application_to_closing_evaluation(own_store):
    approve_proposal(Store(own_store), "EV-P01")  # the first proposal offered: the junta approved it (COPFP Art. 69)
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
    texts = {i.label: i for i in app.text_input}
    texts["Cooperante"].set_value("10.000")  # typed as people write amounts in Ecuador
    texts["Contraparte del GAD"].set_value("7000")
    texts["Comunidad"].set_value("1.000,50")
    _fill_annex(texts)
    _button(app, "Registrar convenio firmado").click().run()
    [agreement] = agr.agreements(store, "010170")
    assert agreement.total_usd == 18000.5
    report = open_app_page(PAGE, PLANNER)
    reached = {i.label: i for i in report.text_input}["Familias con riego: valor alcanzado (familias)"]
    assert reached.value == "0"

    seguimiento = open_app_page("pages/seguimiento.py", BOARD)
    assert _flags(seguimiento)["Alertas"].to_list() == ["sin alertas"]
    assert _followed(seguimiento)["EV-P01"] == "En ejecución"  # signed: no longer «Financiada»
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=facts.today(), physical_progress_pct=10,
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
    _button(app, "Guardar evaluación").click().run()  # a year before its end, at 10 %: not closed without a reason
    assert any("la evaluación de cierre se hace al terminar el convenio" in e.value for e in app.error)
    assert closing.evaluations(store, agreement.agreement_id) == []
    app.text_input(key="close-early").set_value("El cooperante canceló el convenio por falta de fondos")
    _button(app, "Guardar evaluación").click().run()
    [evaluation] = closing.evaluations(store, agreement.agreement_id)
    assert [s.criterion for s in evaluation.scores] == list(closing.CRITERIA)
    assert [k["positive"] for k in closing.lessons(store, [agreement])] == ["Diseñar con las socias"]
    assert _followed(open_app_page("pages/seguimiento.py", BOARD))["EV-P01"] == "Cerrada"  # its agreement closed
    app = open_app_page(PAGE, PLANNER)  # the lesson waits for the next application
    assert any(e.label.startswith("Lecciones de convenios anteriores (1)") for e in app.expander)
    assert any("Evaluaciones de cierre registradas" in c.value and "Técnica de planificación" in c.value
               for c in app.caption)



def _signed(store_path):
    """One agreement signed in the page's store (application, answer and signature through core)."""
    planner_core = User(username="tecnica-core", display_name="Técnica", role=Role.PLANNER)
    store = store_accounts(Store(store_path), planner_core, BOARD)  # rights are read from the stored accounts
    approve_proposal(store, "EV-P02")  # the junta approved it: an agreement is signed only then (COPFP Art. 69)
    agr.submit(store, planner_core, agr.Application(application_id="AP-REV", parish_code="010170",
                                                    proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
                                                    submitted_on=facts.today() - dt.timedelta(days=60)))
    agr.record_answer(store, planner_core, "AP-REV", "accepted", facts.today() - dt.timedelta(days=45))
    return store, agr.sign(store, BOARD, agr.AgreementDraft(
        application_id="AP-REV", signed_on=facts.today() - dt.timedelta(days=40),
        start_date=facts.today() - dt.timedelta(days=30), end_date=facts.today() + dt.timedelta(days=300),
        cooperant_usd=10_000, gad_usd=7_000,
        indicators=[agr.AnnexIndicator(name="Familias con riego", unit="familias", baseline=0, target=150,
                                       means_of_verification="Actas de entrega")]))


def test_a_midterm_evaluation_and_an_audit_are_recorded_and_shown_where_projects_are_followed(own_store):
    from core.cooperation import reviews

    open_app_page(PAGE, PLANNER)  # the app seeds the demo (proposals, cooperants) into the store
    store, agreement = _signed(own_store)
    app = open_app_page(PAGE, PLANNER)
    assert any("Ningún convenio tiene todavía evaluación intermedia" in i.value for i in app.info)
    # a change of course without its reason is refused in Spanish, nothing stored
    app.text_input(key="midterm-evaluator").set_value("Universidad de Cuenca")
    app.text_area(key="midterm-findings").set_value("Los goteros llegaron tarde")
    app.selectbox(key="midterm-choice").set_value("adjust")
    _button(app, "Registrar evaluación intermedia").click().run()
    assert any("Diga por qué" in e.value for e in app.error)
    assert reviews.midterm(store, agreement.agreement_id) is None
    app.text_input(key="midterm-reason").set_value("Cambiar el proveedor")
    _button(app, "Registrar evaluación intermedia").click().run()
    assert reviews.midterm(store, agreement.agreement_id).recommendation == "adjust"

    app = open_app_page(PAGE, PLANNER)
    app.text_input(key="audit-id").set_value("AUD-1")
    app.text_input(key="audit-auditor").set_value("Contraloría General del Estado")
    app.text_area(key="audit-findings").set_value("Facturas completas")
    app.text_area(key="audit-observations").set_value("Falta un acta de entrega\nRetención tardía")
    _button(app, "Registrar auditoría").click().run()
    assert [o.text for o in reviews.audits(store, agreement.agreement_id)[0].open_observations()] == [
        "Falta un acta de entrega", "Retención tardía"]

    seguimiento = open_app_page("pages/seguimiento.py", BOARD)
    alerts = _flags(seguimiento)["Alertas"].item()
    assert "pide ajustar o cancelar" in alerts and "observaciones de auditoría sin resolver" in alerts
    table = next(d.value for d in seguimiento.dataframe if "Hallazgos" in d.value.columns)
    assert table["Revisión"].to_list() == ["Evaluación intermedia", "Auditoría financiera"]
    assert table["Recomendación u observaciones"].to_list()[0] == "Ajustar: Cambiar el proveedor"

    app = open_app_page(PAGE, PLANNER)
    app.multiselect(key="resolve-which").set_value(["AUD-1 · Falta un acta de entrega", "AUD-1 · Retención tardía"])
    _button(app, "Guardar observaciones resueltas").click().run()
    assert reviews.audits(store, agreement.agreement_id)[0].open_observations() == []
    assert "observaciones de auditoría" not in _flags(open_app_page("pages/seguimiento.py", BOARD))["Alertas"].item()
    # the board reads the reviews but has no form to record them
    board = open_app_page(PAGE, BOARD)
    assert not [b for b in board.button if b.label in ("Registrar evaluación intermedia", "Registrar auditoría")]


def test_a_refused_form_names_each_field_to_correct():
    """«No puede estar vacío» three times told nobody which boxes to fill."""
    from pydantic import ValidationError

    from core.cooperation import calls
    from ui.session import reason

    with pytest.raises(ValidationError) as refused:
        calls.Call(call_id="", cooperant_id="CO-JAPON", title="ab", call_type="contest", source="",
                   open_date=dt.date(2027, 1, 1), close_date=dt.date(2027, 2, 1))
    assert reason(refused.value) == ("Código de la convocatoria: no puede estar vacío; Título: es demasiado corto "
                                     "(mínimo 3 caracteres); Fuente: no puede estar vacío")


def test_an_accepted_application_of_a_proposal_the_junta_has_not_approved_waits_for_its_approval(own_store):
    """An agreement was signed for a proposal only «Presentada», and Seguimiento then said it had no funded projects."""
    planner_core = User(username="tecnica-core", display_name="Técnica", role=Role.PLANNER)
    store = store_accounts(Store(own_store), planner_core, BOARD)
    agr.submit(store, planner_core, agr.Application(application_id="AP-SIN", parish_code="010170",
                                                    proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
                                                    submitted_on=facts.today() - dt.timedelta(days=60)))
    agr.record_answer(store, planner_core, "AP-SIN", "accepted", facts.today() - dt.timedelta(days=45))
    app = open_app_page(PAGE, BOARD)
    assert any("La postulación AP-SIN" in as_read(i.value) and "está «Presentada»" in i.value for i in app.info)
    assert not [b for b in app.button if b.label == "Registrar convenio firmado"]
    approve_proposal(store, "EV-P02")
    app = open_app_page(PAGE, BOARD)
    assert [b for b in app.button if b.label == "Registrar convenio firmado"]


def test_the_call_selector_offers_the_chosen_cooperants_calls_by_code_and_title(own_store, today_after_the_demo):
    """It listed the bare codes of every cooperant's calls."""
    app = open_app_page(PAGE, PLANNER)
    app.selectbox(key="conv-apply-cooperant").set_value("CO-JAPON").run()
    app.date_input(key="conv-apply-submitted").set_value(dt.date(2027, 4, 10)).run()
    call = next(s for s in app.selectbox if s.label == "Convocatoria")
    assert call.options == ["Sin convocatoria (gestión directa)", "CV-JAPON-2027 · Asistencia para sistemas de riego comunitario"]
    app.selectbox(key="conv-apply-cooperant").set_value("CO-ISRAEL-MASHAV").run()
    assert next(s for s in app.selectbox if s.label == "Convocatoria").options == ["Sin convocatoria (gestión directa)"]


@pytest.mark.parametrize("submitted, offered, said", [
    (dt.date(2027, 3, 31), False, "CV-JAPON-2027 abre el 01/04/2027"),  # the day before it opens
    (dt.date(2027, 4, 1), True, None),
    (dt.date(2027, 4, 30), True, None),
    (dt.date(2027, 5, 1), False, "CV-JAPON-2027 cerró el 30/04/2027"),
])
def test_the_call_selector_offers_only_the_calls_open_on_the_day_the_application_is_sent(
        own_store, today_after_the_demo, submitted, offered, said):
    """It offered a call not open yet, whose application core then refused («La convocatoria … abre el …»)."""
    app = open_app_page(PAGE, PLANNER)
    app.selectbox(key="conv-apply-cooperant").set_value("CO-JAPON").run()
    app.date_input(key="conv-apply-submitted").set_value(submitted).run()
    options = next(s for s in app.selectbox if s.label == "Convocatoria").options
    assert ("CV-JAPON-2027 · Asistencia para sistemas de riego comunitario" in options) == offered
    notes = [c.value.replace("\\", "") for c in app.caption if "no reciben postulaciones" in c.value]  # plain
    if said is None:
        assert notes == []
    else:
        assert notes == [(f"Convocatorias de este cooperante que no reciben postulaciones enviadas el "
                          f"{submitted:%d/%m/%Y}: {said}. Cambie la fecha de envío si la postulación se envió otro "
                          f"día.")]


def test_a_refusal_quoting_what_the_planner_wrote_shows_it_as_text(own_store):
    """A reason for closing early written «*cerró*» came back in the refusal in italics: Markdown, not text."""
    open_app_page(PAGE, PLANNER)  # the app seeds the demo (proposals, cooperants) into the store
    store, agreement = _signed(own_store)
    app = open_app_page(PAGE, PLANNER)
    texts = {i.label: i for i in app.text_input}
    texts["Nombre de quien evalúa"].set_value("Técnica de planificación")
    for criterion in ("Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"):
        texts[f"Evidencia: {criterion}"].set_value(f"Evidencia de {criterion.lower()}")
    app.text_input(key="close-early").set_value("*cerró*")
    _button(app, "Guardar evaluación").click().run()
    [refused] = [e.value for e in app.error]
    assert "El motivo escrito, «*cerró*», es demasiado corto" in as_read(refused)
    assert r"«\*cerró\*»" in refused  # escaped: read back as the asterisks typed
    assert closing.evaluations(store, agreement.agreement_id) == []


def test_the_agreement_pdf_is_written_when_downloaded_not_on_every_rerun(own_store, monkeypatch):
    """Each PDF embeds its font's subset (~0.1 s of CPU): the page offers it without writing it on each rerun."""
    from core.cooperation import agreement_pdf

    open_app_page(PAGE, PLANNER)
    _signed(own_store)
    written = []
    monkeypatch.setattr(agreement_pdf, "pdf_bytes", lambda *args, **kwargs: written.append(args) or b"%PDF")
    app = open_app_page(PAGE, PLANNER)
    assert "Descargar convenio (PDF)" in {b.label for b in app.get("download_button")}
    assert written == []


def test_the_next_report_offers_the_figures_to_date_of_the_newest_one(own_store):
    """The report form offered 0 for the spending and the values to date: saved as offered, the final report said
    the money was not spent and the families not reached."""
    open_app_page(PAGE, PLANNER)  # the app seeds the demo (proposals, cooperants) into the store
    store, agreement = _signed(own_store)
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=facts.today() - dt.timedelta(days=5),
        physical_progress_pct=20, spent_gad_usd=6_000.5,
        values=[monitoring.IndicatorValue(name="Familias con riego", value=12.5)]))
    app = open_app_page(PAGE, PLANNER)
    texts = {i.label: i.value for i in app.text_input}
    assert texts["Familias con riego: valor alcanzado (familias)"] == "12,5"
    assert texts["Gastado a la fecha: Contraparte del GAD (USD)"] == "6.000,50"
    assert texts["Gastado a la fecha: Cooperante (USD)"] == "0"


@pytest.mark.parametrize("progress, offered", [(20, 20), (42.5, 43)])  # a figure between steps: not set back
def test_the_next_report_offers_the_physical_progress_of_the_newest_one(own_store, progress, offered):
    """The slider offered 0 %: a second report saved as offered was refused as a setback (progress is cumulative)."""
    open_app_page(PAGE, PLANNER)
    store, agreement = _signed(own_store)
    monitoring.save_report(store, PLANNER, monitoring.Report(
        report_id="R1", agreement_id=agreement.agreement_id, period_end=facts.today() - dt.timedelta(days=5),
        physical_progress_pct=progress))
    app = open_app_page(PAGE, PLANNER)
    assert {s.label: s.value for s in app.slider}["Avance físico (%)"] == offered


def test_the_signing_form_refuses_a_start_before_the_signature_at_the_start_field(own_store):
    """An agreement started before it was signed, so its reports could predate the signature."""
    planner_core = User(username="tecnica-core", display_name="Técnica", role=Role.PLANNER)
    store = store_accounts(Store(own_store), planner_core, BOARD)
    approve_proposal(store, "EV-P02")
    agr.submit(store, planner_core, agr.Application(application_id="AP-FECHA", parish_code="010170",
                                                    proposal_id="EV-P02", cooperant_id="CO-ISRAEL-MASHAV",
                                                    submitted_on=facts.today() - dt.timedelta(days=60)))
    agr.record_answer(store, planner_core, "AP-FECHA", "accepted", facts.today() - dt.timedelta(days=45))
    app = open_app_page(PAGE, BOARD)
    start = next(d for d in app.date_input if d.label == "Inicio")
    assert "firma" in start.help  # the rule is said at the field, before signing
    start.set_value(facts.today() - dt.timedelta(days=1))  # the signature is dated today
    texts = {i.label: i for i in app.text_input}
    texts["Cooperante"].set_value("10.000")
    _fill_annex(texts)
    _button(app, "Registrar convenio firmado").click().run()
    assert [e for e in app.error if as_read(e.value).startswith("Inicio: el convenio empieza")]
    assert agr.agreements(store, "010170") == []


def test_the_next_report_offers_an_indicator_left_out_of_the_newest_report_at_its_earlier_value(own_store):
    """A report saved through core without the indicator made the next form offer 0, a setback nobody reported."""
    open_app_page(PAGE, PLANNER)
    store, agreement = _signed(own_store)
    for report_id, days, values in (("R1", 20, [monitoring.IndicatorValue(name="Familias con riego", value=30)]),
                                    ("R2", 5, [])):
        monitoring.save_report(store, PLANNER, monitoring.Report(
            report_id=report_id, agreement_id=agreement.agreement_id,
            period_end=facts.today() - dt.timedelta(days=days), physical_progress_pct=20, values=values))
    app = open_app_page(PAGE, PLANNER)
    assert {i.label: i.value for i in app.text_input}["Familias con riego: valor alcanzado (familias)"] == "30"


def test_seguimiento_offers_a_planner_to_catch_up_a_project_signed_before_its_status_followed(own_store,
                                                                                             monkeypatch):
    from core.cooperation import proposal_follow
    with monkeypatch.context() as patched:
        patched.setattr(proposal_follow, "on_signing", lambda *args: None)  # signed as before the rule
        _signed(own_store)
    board = open_app_page("pages/seguimiento.py", BOARD)
    assert _followed(board)["EV-P02"] == "Financiada" and not [b for b in board.button if b.key == "seg-catch-up"]
    app = open_app_page("pages/seguimiento.py", PLANNER)
    assert any("EV-P02 · Riego por goteo para los huertos agroecológicos de Flor del Valle → «En ejecución»"
               in as_read(i.value) for i in app.info)  # shown as plain text, with the project's title
    app.button(key="seg-catch-up").click().run()
    assert not app.error and _followed(app)["EV-P02"] == "En ejecución"
    assert [s.value for s in app.success] == ["Estado puesto al día en 1 proyecto."]  # kept across the rerun
    assert not [b for b in app.button if b.key == "seg-catch-up"]
