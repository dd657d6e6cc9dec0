"""Browser tests: the served app in Debian's Chromium, as a person opens it."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser_steps import open_page, pick_option, wait_for_app

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
    pick_option(page, selector, "Baños — Cuenca, Azuay", typed="Baños — Cuenca")
    expect(page.get_by_text("Parroquia Baños · cantón Cuenca, Azuay")).to_be_visible()
    open_page(page, "Datos y fuentes")
    open_page(page, "Inicio")
    expect(page.get_by_text("Parroquia Baños · cantón Cuenca, Azuay")).to_be_visible()
    expect(page.get_by_text("Camino de la parroquia")).to_be_visible()


def test_a_page_address_finds_the_server_at_the_first_try(page, app_url):
    """scripts/serve.py tells the frontend where the server is: opening a page's own address (a bookmark, a
    reload) does not first ask for the server under the page's path and wait 100 ms after its 404."""
    asked: list[str] = []

    def note(request) -> None:
        asked.append(urlparse(request.url).path)

    page.on("request", note)
    try:
        page.goto(f"{app_url}/fuentes")
        wait_for_app(page)
        expect(page.get_by_test_id("stMain").get_by_role("heading", name="Datos y fuentes")).to_be_visible()
    finally:
        page.remove_listener("request", note)
    assert "/_stcore/health" in asked
    assert not [path for path in asked if path.startswith("/fuentes/")]
