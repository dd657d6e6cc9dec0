"""Browser test of the import: a planner signs in, uploads a file with a negative cost and reads the Spanish
message naming row and column (nothing stored), then downloads the demo proposals file from the page and
uploads it, and sees its preview."""

import pytest
from playwright.sync_api import expect

from core.record.store import Store
from tests.browser_steps import open_page, sign_in, wait_for_app

pytestmark = pytest.mark.browser

NEGATIVE_COST = ("Código;Asociación;Título;Costo total (USD);Monto solicitado;Tipo de apoyo\r\n"
                 "EV-N01;EV-A01;Riego por goteo comunitario;-1.500,00;0;Equipamiento\r\n").encode("cp1252")


def upload(page, path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    wait_for_app(page)


def test_a_planner_imports_a_bad_file_then_the_demo_proposals(page, app_url, planner_login, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_text("Parroquia El Valle · cantón Cuenca, Azuay")).to_be_visible()
    sign_in(page, *planner_login)
    log = len(Store().log())  # the served app has seeded the demo by now
    open_page(page, "Propuestas")
    page.get_by_role("tab", name="Importar desde Excel o CSV").click()
    wait_for_app(page)

    bad = tmp_path / "propuestas-costo-negativo.csv"
    bad.write_bytes(NEGATIVE_COST)
    upload(page, bad)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    problem = page.get_by_text("fila 2, columna «Costo total (USD)»: el costo total no puede ser negativo")
    expect(problem).to_be_visible()
    expect(page.get_by_role("button", name="Guardar todo")).to_be_disabled()
    assert len(Store().log()) == log, "a previewed file stores nothing"

    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar propuestas de demostración").click()
    demo = tmp_path / download.value.suggested_filename
    download.value.save_as(demo)
    assert demo.name.endswith(".xlsx")
    upload(page, demo)
    expect(page.get_by_text("Vista previa de «minga-propuestas-demostracion.xlsx»")).to_be_visible()
    rows = page.get_by_test_id("stMetric").filter(has_text="Filas")
    expect(rows).to_contain_text("16")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(problem).to_have_count(0)
    assert len(Store().log()) == log
