"""Browser test of the planner's own proposals file (issue 11, item 5), as a person clicks it: upload a file
without «Monto solicitado» or «Tipo de apoyo» naming an association the parish has not registered, read the
derived amount and the warnings, choose to create the association (with its members), save, and then hand in
every imported draft at once from the list. The records it creates are deleted afterwards."""

import pytest
from playwright.sync_api import expect

from core.parish.mirror import ASSOCIATION, write_parish
from core.proposals import records
from core.record.store import Change, Store
from tests.browser_steps import after_its_run, open_page, pick_option, sign_in, wait_for_app

pytestmark = pytest.mark.browser

PARISH = "010170"
FILE = ("Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);Objetivo PDOT;ODS\r"
        "EV-B01;Asociación Agroecológica Flor del Valle;Huertos familiares con riego;1.500;300;25;6;EV-OE5;2\r"
        "EV-B02;Cooperativa Quesera del Cajas;Tanque de enfriamiento;5.000;1.500;30;8;EV-OE1;8\r"
        ).encode("cp1252")  # old Mac line endings, as a planner's old spreadsheet writes them


@pytest.fixture()
def clean():
    store = Store()
    kinds = (records.PROPOSAL, ASSOCIATION)
    before = {(k, r.record_id) for k in kinds for r in store.records(k)}
    yield
    created = [Change(k, r.record_id, None, action="prueba: borrar") for k in kinds for r in store.records(k)
               if (k, r.record_id) not in before]
    if created:
        store.apply(created, actor="pruebas")
        write_parish(store, PARISH)


def test_a_planner_imports_their_file_creates_the_association_and_hands_in_the_drafts(page, app_url, planner_login,
                                                                                      tmp_path, clean):
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, *planner_login)
    open_page(page, "Propuestas")
    page.get_by_role("tab", name="Importar desde Excel o CSV").click()
    wait_for_app(page)
    path = tmp_path / "propuestas del técnico.csv"
    path.write_bytes(FILE)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))

    expect(page.get_by_text("Asociaciones que no están registradas en la parroquia")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Quedan fuera")).to_contain_text("1")
    page.get_by_text("Crear la asociación «Cooperativa Quesera del Cajas»").click()
    members = page.get_by_label("Número de socios de «Cooperativa Quesera del Cajas»", exact=True)
    members.fill("14")
    members.press("Tab")
    expect(page.get_by_test_id("stMetric").filter(has_text="Nuevas")).to_contain_text("2")
    expect(page.get_by_test_id("stMetric").filter(has_text="Quedan fuera")).to_have_count(0)
    page.get_by_role("button", name="Guardar todo").click()
    expect(page.get_by_text("Se guardaron 2 propuestas en un solo paso.")).to_be_visible()
    store = Store()
    assert store.get(records.PROPOSAL, "EV-B01").body["requested_usd"] == 1200.0
    assert store.get(ASSOCIATION, store.get(records.PROPOSAL, "EV-B02").body["association_id"]) is not None

    page.get_by_role("tab", name="Lista").click()
    wait_for_app(page)
    pick_option(page, page.get_by_test_id("stMultiSelect").filter(has_text="Estado"), "Borrador")
    page.keyboard.press("Escape")
    page.get_by_test_id("stExpander").get_by_text("Cambiar el estado de varias propuestas").click()  # its panel
    # ticking it reruns the page: a list opened before that run ends is closed by it. A click whose run was not
    # seen is not repeated once the box shows ticked: a second click would untick it and leave no status to pick
    every = page.get_by_role("checkbox", name="Todas las filtradas (2)")
    after_its_run(page, page.get_by_text("Todas las filtradas (2)").click, shown=every.is_checked)
    expect(every).to_be_checked()
    pick_option(page, page.get_by_test_id("stExpanderDetails").get_by_test_id("stSelectbox")
                .filter(has_text="Pasar a"), "Presentada")
    page.get_by_role("button", name="Cambiar el estado de 2 propuestas").click()
    expect(page.get_by_text("Propuestas que pasaron a «Presentada»: 2.")).to_be_visible()
    assert {Store().get(records.PROPOSAL, c).body["status"] for c in ("EV-B01", "EV-B02")} == {"submitted"}
    expect(page.get_by_test_id("stException")).to_have_count(0)
