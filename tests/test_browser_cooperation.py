"""Browser test of one cooperation project from the call to the closing evaluation: the planner finds the call in the
calendar, sends the proposal and records the cooperant's acceptance; the board signs the agreement; the planner files
a report (Seguimiento flags it), the mid-term evaluation and the closing evaluation, and downloads the final report
with the five criteria and the mid-term evaluation."""

import datetime as dt
import io
import os

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation import monitoring, reviews
from core.record import facts
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import (
    TEST_PASSWORD,
    TEST_USERS,
    after_its_run,
    open_page,
    pick_option,
    served_app,
    sign_in,
    wait_for_app,
)
from tests.conftest import approve_proposal

pytestmark = pytest.mark.browser


def _form(page, button: str):
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=button))


def _choose(page, form, label: str, option: str) -> None:
    """Take the first option holding `option` in the list `label`, opened again should a rerun close it."""
    pick_option(page, form.get_by_role("combobox", name=label, exact=True), option, exact=False)


def _submit(page, form, button: str) -> None:
    """Send the form and wait for the run it causes to end: a page opened before then could stop that run before
    it saves (a progress report once went unsaved that way)."""
    after_its_run(page, form.get_by_role("button", name=button).click)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _commit(page) -> None:
    """Leave the number field, as a person does, so Streamlit takes the typed value before the form is sent."""
    page.keyboard.press("Tab")


def _sign_out(page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Salir").click()
    wait_for_app(page)


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


@pytest.fixture()
def cooperation_app(tmp_path, app_reads_the_test_build):
    """The app served over a store of this attempt's own, with the planner and the president: a retry never meets
    the first attempt's application or agreement. Yields (the app's URL, the store's path)."""
    path = tmp_path / "cooperation.sqlite"
    accounts = Accounts(Store(path))
    admin = accounts.create_first_admin("admin", TEST_USERS["admin"][0], TEST_PASSWORD)
    for username in ("tecnica", "presidenta"):
        display_name, role, _ = TEST_USERS[username]
        accounts.create(admin, User(username=username, display_name=display_name, role=Role(role),  # El Valle's junta
                                    parish_code="010170" if role == "board_member" else None), TEST_PASSWORD)
    approve_proposal(Store(path), "EV-P01")  # the proposal the planner sends: the junta approved it (COPFP Art. 69)
    with served_app({**os.environ, "MINGA_STORE": str(path)}) as url:
        yield url, path


def test_one_project_from_the_call_to_the_closing_evaluation(page, cooperation_app, tmp_path):
    app_url, store_path = cooperation_app
    stamp = f"{dt.datetime.now():%H%M%S%f}"
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, "tecnica")
    open_page(page, "Convocatorias")
    expect(page.get_by_test_id("stMetric").filter(has_text="Por abrir")).to_be_visible()

    open_page(page, "Convenios")
    _choose(page, page, "Cooperante", "Embajada del Japón")  # above the form: it narrows the calls offered
    wait_for_app(page)
    apply = _form(page, "Registrar postulación")
    apply.get_by_role("textbox", name="Postulación").fill(f"AP-NAVEGADOR-{stamp}")
    # sent today, before Japan's call opens (01/04/2027): the call is not offered, the page says when it opens
    if facts.today() < dt.date(2027, 4, 1):
        expect(page.get_by_text("CV-JAPON-2027 abre el 01/04/2027")).to_be_visible()
    apply.get_by_text("La contraparte está reservada en el presupuesto").click()
    _submit(page, apply, "Registrar postulación")
    answer = _form(page, "Guardar respuesta")
    expect(answer).to_be_visible()
    _submit(page, answer, "Guardar respuesta")  # the first answer offered is «Aceptada»
    expect(answer).to_have_count(0)  # no application waits for an answer any more

    _sign_out(page)
    sign_in(page, "presidenta")
    open_page(page, "Convenios")
    _tab(page, "Convenios")
    sign = _form(page, "Registrar convenio firmado")
    sign.get_by_role("textbox", name="Cooperante", exact=True).fill("30.000")
    _commit(page)
    sign.get_by_role("textbox", name="Contraparte del GAD", exact=True).fill("20000")
    _commit(page)
    sign.get_by_role("textbox", name="Indicador", exact=True).fill("Hectáreas regadas")
    sign.get_by_role("textbox", name="Unidad", exact=True).fill("ha")
    sign.get_by_role("textbox", name="Meta", exact=True).fill("40")
    _commit(page)
    sign.get_by_role("textbox", name="Medio de verificación", exact=True).fill("Informe técnico de riego")
    _submit(page, sign, "Registrar convenio firmado")
    _tab(page, "Convenios")
    expect(page.get_by_role("button", name="Descargar convenio (PDF)")).to_be_visible()

    _sign_out(page)
    sign_in(page, "tecnica")
    open_page(page, "Convenios")
    _tab(page, "Informes de avance")
    report = _form(page, "Guardar informe")
    report.get_by_role("textbox", name="Código del informe").fill(f"R-NAVEGADOR-{stamp}")
    report.get_by_role("textbox", name="Hectáreas regadas: valor alcanzado (ha)").fill("12,5")
    _commit(page)
    report.get_by_role("textbox", name="Gastado a la fecha: Contraparte del GAD (USD)").fill("25.000")
    _commit(page)
    _submit(page, report, "Guardar informe")

    open_page(page, "Seguimiento de proyectos")
    expect(page.get_by_text("Convenios de cooperación: alertas")).to_be_visible()
    flags = monitoring.flags_frame(Store(store_path), agr.agreements(Store(store_path), "010170"), facts.today())
    assert flags["over_budget"].any()  # the GAD spent 25.000 of the 20.000 it committed

    open_page(page, "Convenios")
    _tab(page, "Evaluación intermedia y auditorías")
    midterm = _form(page, "Registrar evaluación intermedia")
    midterm.get_by_role("textbox", name="Quién evaluó").fill("Universidad de Cuenca")
    midterm.get_by_role("textbox", name="Hallazgos").fill(f"Riego a medias {stamp}")
    _choose(page, midterm, "Recomendación", "Ajustar")
    midterm.get_by_role("textbox", name="Por qué ajustar o cancelar").fill("Cambiar el proveedor de goteros")
    _submit(page, midterm, "Registrar evaluación intermedia")
    # saved before the person moves on: Convenios lists the agreement's reviews once there is one
    expect(page.get_by_text("Evaluaciones intermedias y auditorías")).to_be_visible()
    open_page(page, "Seguimiento de proyectos")  # the reviews' table appears there once one is recorded
    expect(page.get_by_text("Evaluaciones intermedias y auditorías")).to_be_visible()
    [signed] = [a for a in agr.agreements(Store(store_path), "010170") if a.application_id == f"AP-NAVEGADOR-{stamp}"]
    assert reviews.midterm(Store(store_path), signed.agreement_id).recommendation == "adjust"

    open_page(page, "Convenios")
    _tab(page, "Evaluación de cierre")
    close = _form(page, "Guardar evaluación")
    close.get_by_role("textbox", name="Nombre de quien evalúa").fill("Técnica de planificación")
    for criterion in ("Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"):
        close.get_by_role("textbox", name=f"Evidencia: {criterion}").fill(f"Evidencia de {criterion.lower()}")
    # the agreement runs on and its report is short of 100 %: closing now needs its reason (brief R14)
    close.get_by_role("textbox", name="Motivo del cierre anticipado").fill("El cooperante canceló el convenio")
    _submit(page, close, "Guardar evaluación")
    _tab(page, "Evaluación de cierre")
    # the report is downloaded once the page says the evaluation is recorded, as a person would wait
    expect(page.get_by_text("Evaluaciones de cierre registradas")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Informe final (PDF)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    for criterion in ("Pertinencia", "Eficiencia", "Eficacia", "Impacto", "Sostenibilidad"):
        assert criterion in text
    read = " ".join(text.split())  # a cell's text wraps at spaces within its column
    assert "Evidencia de sostenibilidad" in read and "Hectáreas regadas" in read
    assert "Cambiar el proveedor de goteros" in read  # the mid-term evaluation, in the report
