"""The El Valle demo end to end in the browser, on a store that starts with no proposals: a planner imports
the demo proposals file, the proposals are screened and scored with the study's preset, a budget is
allocated, the planner reads why a proposal was left out and saves the scenario."""

import os
import re

import pytest
from playwright.sync_api import expect

from core.record import overlay
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import (
    TEST_PASSWORD,
    after_its_run,
    enter_amount,
    open_page,
    pick_option,
    served_app,
    sign_in,
    wait_for_app,
)
from tests.conftest import live_count

pytestmark = pytest.mark.browser

STUDY = "Estudio El Valle: alcance y factibilidad"
SCENARIO = "Demostración completa"


@pytest.fixture()
def app_without_proposals(tmp_path, con, app_reads_the_test_build):
    """A server whose store has the parish's PDOT and the offers, accounts, and no proposal yet."""
    path = tmp_path / "sin-propuestas.sqlite"
    store = Store(path)
    store.apply([overlay.delete("proposal", r, "prueba") for r in overlay.live(store, "proposal")], actor="prueba")
    accounts = Accounts(store)
    admin = accounts.create_first_admin("admin", "Administración", TEST_PASSWORD)
    accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER), TEST_PASSWORD)
    with served_app({**os.environ, "MINGA_STORE": str(path)}) as url:
        yield url, store


def test_the_demo_runs_end_to_end(page, app_without_proposals, tmp_path):
    url, store = app_without_proposals
    page.goto(url)
    wait_for_app(page)
    sign_in(page, "tecnica")
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Salir")).to_be_visible()

    # 1. Import the demo proposals file, downloaded from the page itself.
    open_page(page, "Propuestas")
    page.get_by_role("tab", name="Importar desde Excel o CSV").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar propuestas de demostración").click()
    demo = tmp_path / download.value.suggested_filename
    download.value.save_as(demo)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(demo))
    wait_for_app(page)
    page.get_by_role("button", name="Guardar todo").click()
    wait_for_app(page)
    expect(page.get_by_text("Se guardaron 16 propuestas en un solo paso.")).to_be_visible()
    assert live_count(store, "proposal") == 16

    # 2. Screen and score with the study's preset.
    open_page(page, "Priorización")
    pick_option(page, page.locator(".st-key-prio-preset"), STUDY)
    expect(page.get_by_text("Qué aporta cada criterio al puntaje")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # 3. Allocate a budget and read why a proposal was left out.
    page.get_by_role("link", name=re.compile("^Ir a Presupuesto")).click()
    wait_for_app(page)
    budget = page.locator(".st-key-budget-amount input")
    enter_amount(budget, "30000", "30.000")  # written back as people write amounts in Ecuador
    expect(page.get_by_role("heading", name="Óptima por puntaje", exact=True)).to_be_visible()
    why = page.get_by_test_id("stExpander").filter(has_text="¿Por qué no? · ").first
    why.locator("summary").click()
    expect(why).to_contain_text(re.compile(r"puntos|\$|presupuesto|tope|asociación", re.IGNORECASE))

    # 4. Save the scenario.
    page.locator(".st-key-budget-save-name input").fill(SCENARIO)
    after_its_run(page, page.get_by_role("button", name="Guardar escenario").last.click)  # a lost click is redone
    expect(page.get_by_text(f"Escenario «{SCENARIO}» guardado")).to_be_visible()
    assert [r.body["name"] for r in store.records("scenario")] == [SCENARIO]
    expect(page.get_by_test_id("stException")).to_have_count(0)
