"""Browser tests: each Diagnóstico page, opened from the navigation as a person would, shows a figure of the
El Valle study, its charts and no error."""

import pytest
from playwright.sync_api import expect

from tests.browser_steps import pick_option, wait_for_app

pytestmark = pytest.mark.browser


# (link in the navigation, a figure the page must show, charts it draws at least, whether it draws the canton map)
PAGES = [
    ("Territorio", "24.314", 1, True),
    ("Asociaciones", "45,1 %", 1, False),
    ("Ayudas recibidas", "78,0 %", 4, False),
    ("Migración", "25,3 %", 3, False),
    ("Problemas y necesidades", "16 %", 3, False),
]


@pytest.mark.parametrize(("link", "figure", "charts", "draws_map"), PAGES)
def test_each_diagnosis_page_shows_a_figure_of_the_study(page, app_url, link, figure, charts, draws_map):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stHeading").filter(has_text=link).first).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").filter(has_text=figure).first).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").nth(charts - 1)).to_be_attached()
    expect(page.get_by_text("Descargar CSV").first).to_be_visible()
    if draws_map:
        expect(page.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_association_filter_changes_the_figures(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Migración").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue").filter(has_text="25,3 %").first).to_be_visible()
    pick_option(page, page.locator(".st-key-migracion-filter").get_by_role("combobox"),
                "Asociación Agroecológica Mujeres Sembradoras", typed="Mujeres Sembradoras")
    # 1 of the 11 surveyed families of that association has someone abroad.
    expect(page.get_by_test_id("stMetricValue").filter(has_text="9,1 %").first).to_be_visible()
    expect(page.get_by_text("Se muestra 1 de 8 asociaciones.")).to_be_visible()
    # The parish stays the one chosen: the selector was not drawn again on its first option.
    page.keyboard.press("Escape")  # close the list of associations, as a person does before looking aside
    parish = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").get_by_role("combobox")
    expect(parish).to_have_value("El Valle — Cuenca, Azuay")
