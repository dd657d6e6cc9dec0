"""Browser test: proposal titles written as a Markdown link, a remote image, Streamlit colour and an HTML span
show as the literal characters on Presupuesto, Priorización and Sesión: no link, no image fetched, no colour."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from core.proposals import records
from core.record import meeting, meeting_models
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import TEST_PASSWORD, open_page, served_app, sign_in, wait_for_app

pytestmark = pytest.mark.browser

HOST = "ejemplo.invalid"
TITLES = {  # each short enough to be shown whole, even where a title is shortened
    "EV-P01": f"[enlace](http://{HOST}/a)",
    "EV-P10": f"![foto](http://{HOST}/i.png)",
    "EV-P05": ":red[rojo] y :blue-background[azul]",
    "EV-P07": "<span style='color:red'>rojo</span>",
}


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, app_reads_the_test_build):
    """The app over its own store, where four demo proposals carry hostile titles and a meeting lists them."""
    path = tmp_path_factory.mktemp("hostil") / "store.sqlite"
    store = Store(path)
    accounts = Accounts(store)
    admin = accounts.create_first_admin("admin", "Admin", TEST_PASSWORD)
    planner = accounts.create(admin, User(username="tecnica", display_name="Técnica", role=Role.PLANNER),
                              TEST_PASSWORD)
    for versioned in records.proposals(store, "010170"):
        if versioned.item.proposal_id in TITLES:
            records.save_proposal(store, planner, versioned.item.model_copy(
                update={"title": TITLES[versioned.item.proposal_id]}), expected_version=versioned.version)
    meeting.save_meeting(store, planner, meeting_models.Meeting(
        meeting_id="HOSTIL", parish_code="010170", title="Sesión con títulos hostiles", date=dt.date(2026, 11, 20),
        subject="proposals", item_ids=sorted(TITLES),
        participants=[meeting_models.Participant(participant_id="p01", name="Técnica", username="tecnica")]))
    with served_app({**os.environ, "MINGA_STORE": str(path)}) as url:
        yield url


def _literal(title: str) -> re.Pattern:
    """The title's characters in order; invisible word joiners (U+2060) may sit between them."""
    return re.compile("\u2060?".join(re.escape(c) for c in title))


def _assert_inert(page, requested: list[str], shown: list[str]) -> None:
    main = page.get_by_test_id("stMain")
    expect(main.locator(f"a[href*='{HOST}']")).to_have_count(0)
    expect(main.locator(f"img[src*='{HOST}']")).to_have_count(0)
    expect(main.locator("span").filter(has_text=re.compile(r"^\s*(rojo|azul)\s*$"))).to_have_count(0)
    for title in shown:
        expect(main.get_by_text(_literal(title)).locator("visible=true").first).to_be_visible()
    assert not [url for url in requested if HOST in url]
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_hostile_titles_show_as_literal_text(page, hostile_app):
    requested: list[str] = []

    def note(request) -> None:
        requested.append(request.url)

    page.on("request", note)
    page.goto(hostile_app)
    wait_for_app(page)
    sign_in(page, "tecnica")
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Salir")).to_be_visible()

    open_page(page, "Priorización")
    expect(page.get_by_test_id("stExpander").first).to_be_visible()
    _assert_inert(page, requested, list(TITLES.values()))

    open_page(page, "Presupuesto")
    expect(page.get_by_text(re.compile(r"^Puntajes con los pesos")).first).to_be_visible()
    _assert_inert(page, requested, [TITLES["EV-P01"]])

    open_page(page, "Sesión del grupo asesor")
    page.get_by_role("tab", name="Puntuación privada").click()
    expect(page.get_by_text(_literal(TITLES["EV-P07"])).locator("visible=true").first).to_be_visible()
    _assert_inert(page, requested, list(TITLES.values()))
    page.remove_listener("request", note)  # the tab is kept for the worker's next browser test
