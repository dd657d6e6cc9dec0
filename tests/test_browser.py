"""Browser tests: the served app in Debian's Chromium, as a person opens it."""

import pytest
from playwright.sync_api import expect

from tests.conftest import open_page, pick_option, wait_for_app

pytestmark = pytest.mark.browser


def test_inicio_shows_el_valle_population(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_text("24.314").first).to_be_visible()
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_chosen_parish_follows_the_user_across_pages(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    selector = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    selector.click()
    page.keyboard.type("Baños — Cuenca")
    pick_option(page, "Baños — Cuenca, Azuay")
    expect(page.get_by_text("Parroquia Baños · cantón Cuenca, Azuay")).to_be_visible()
    open_page(page, "Datos y fuentes")
    open_page(page, "Inicio")
    expect(page.get_by_text("Parroquia Baños · cantón Cuenca, Azuay")).to_be_visible()
    expect(page.get_by_text("Camino de la parroquia")).to_be_visible()
