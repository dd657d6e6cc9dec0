"""Browser test of «Preparar la parroquia»: a planner of a parish without records, on a store of her own,
imports its associations, a KoBoToolbox-style export of 30 members of the shipped XLSForm, its aid and
its problems; then Inicio, Asociaciones, Ayudas and Problemas show that parish."""

import os
import re

import pytest
from playwright.sync_api import expect

from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import (
    TEST_PASSWORD,
    after_its_run,
    choose_parish,
    open_page,
    served_app,
    sign_in,
    wait_for_app,
)
from tests.parish_export import answers, export_csv
from tests.parish_files import AID, ASSOCIATIONS, PROBLEMS

pytestmark = pytest.mark.browser


@pytest.fixture()
def own_app(tmp_path, app_reads_the_test_build):
    """The app served over a store of its own with one planner (the shared test store stays untouched)."""
    path = tmp_path / "parroquia.sqlite"
    accounts = Accounts(Store(path))
    admin = accounts.create_first_admin("admin", "Administración", TEST_PASSWORD)
    accounts.create(admin, User(username="tecnica", display_name="Técnica de Baños", role=Role.PLANNER),
                    TEST_PASSWORD)
    with served_app({**os.environ, "MINGA_STORE": str(path)}) as url:
        yield url


def _reads_in_spanish(box) -> None:
    """Streamlit's English texts on the uploader are hidden, and Spanish ones drawn in their place (as CSS content,
    which a page's text does not hold, hence the computed styles)."""
    shown = box.evaluate("""box => ({text: box.innerText,
      button: getComputedStyle(box.querySelector('button [data-testid="stMarkdownContainer"]'), '::after').content,
      limits: getComputedStyle(box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] > div'),
                               '::after').content})""")
    assert "Upload" not in shown["text"] and "per file" not in shown["text"]
    assert shown["button"] == '"Elegir archivo"'
    assert shown["limits"] == '"Hasta 5 MB por archivo · .xlsx o .csv"'
    zone = box.get_by_test_id("stFileUploaderDropzone")
    zone.evaluate("""zone => { const files = new DataTransfer();
      files.items.add(new File(['x'], 'a.csv', {type: 'text/csv'}));
      zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: files, bubbles: true})); }""")
    overlay = zone.locator("xpath=./input/following-sibling::div[1]")
    expect(overlay).to_be_visible()  # drawn while a file is over the uploader
    dragging = overlay.evaluate("o => ({text: o.innerText, drawn: getComputedStyle(o, '::after').content})")
    assert "Drag" not in dragging["text"] and dragging["drawn"] == '"Suelte el archivo aquí"'
    zone.evaluate("zone => zone.dispatchEvent(new DragEvent('dragleave', {bubbles: true}))")
    expect(box.get_by_test_id("stFileUploaderDropzoneInstructions")).to_be_visible()


def _upload_and_save(page, key: str, tab: str, uploader: str, path, saved: str) -> None:
    chosen = page.get_by_role("tab", name=tab, exact=True)
    if chosen.get_attribute("aria-selected") != "true":  # choosing another tab reruns the page
        after_its_run(page, chosen.click, shown=lambda: chosen.get_attribute("aria-selected") == "true")
    expect(chosen).to_have_attribute("aria-selected", "true")
    box = page.get_by_test_id("stFileUploader").filter(has_text=uploader)
    expect(box).to_be_visible()
    _reads_in_spanish(box)
    box.locator("input[type='file']").set_input_files(str(path))
    wait_for_app(page)
    expect(page.get_by_text(f"Vista previa de «{path.name}»")).to_be_visible()
    assert not re.search(r"\d\.\d[KMG]?B\b", box.inner_text())  # the chosen file's size, as Streamlit writes it
    page.locator(f".st-key-prep-save-{key}").get_by_role("button").click()
    wait_for_app(page)
    expect(page.get_by_text(saved)).to_be_visible(timeout=30_000)  # the save rebuilds the views


def test_a_planner_prepares_another_parish_and_sees_it_on_every_page(page, own_app, tmp_path):
    page.goto(own_app)
    wait_for_app(page)
    choose_parish(page, "Baños — Cuenca")
    expect(page.get_by_text("Camino de la parroquia")).to_be_visible()
    sign_in(page, "tecnica")
    open_page(page, "Preparar la parroquia")
    expect(page.get_by_text("Asociaciones registradas: falta")).to_be_visible()

    files = {"asociaciones.csv": ASSOCIATIONS.encode(), "ayudas.csv": AID.encode(), "problemas.csv": PROBLEMS.encode(),
             "encuesta-kobo.csv": export_csv(answers(30, ["A01", "Unión Campesina"]), labels=True)}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    _upload_and_save(page, "asociaciones", "Asociaciones", "Importar un archivo de asociaciones",
                     tmp_path / "asociaciones.csv", "Guardado: 2 registros")
    _upload_and_save(page, "encuesta", "Encuesta", "Importar la exportación de KoBoToolbox",
                     tmp_path / "encuesta-kobo.csv", "Guardado: 30 registros")
    _upload_and_save(page, "ayudas", "Ayudas", "Importar un archivo de ayudas", tmp_path / "ayudas.csv",
                     "Guardado: 2 registros")
    _upload_and_save(page, "problemas", "Problemas", "Importar un archivo de problemas", tmp_path / "problemas.csv",
                     "Guardado: 2 registros")
    expect(page.get_by_text("Encuesta a los socios: 30")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    open_page(page, "Inicio")
    expect(page.get_by_test_id("stMetric").filter(has_text="Asociaciones")).to_contain_text("2")
    open_page(page, "Asociaciones")
    surveyed = page.get_by_test_id("stMetric").filter(has_text="Socios encuestados")
    expect(surveyed).to_contain_text("30")
    expect(surveyed).to_contain_text("de 65 socios")  # 40 + 25 members, as registered
    open_page(page, "Problemas y necesidades")
    expect(page.get_by_test_id("stMarkdown").filter(has_text="Los tres primeros:")).to_contain_text("Bajos precios")
    open_page(page, "Ayudas recibidas")
    expect(page.get_by_text("No hay ayudas registradas")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
