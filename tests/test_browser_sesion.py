"""Browser test of a meeting: two participants vote from their own sessions, the result shows, the board
approves a scenario and the acta downloads with the funded list and the votes."""

import datetime as dt
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.record import meeting

from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.record.store import Store
from tests.conftest import BROWSER_TIMEOUT_MS, open_page, pick_option, sign_in, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture()
def open_meeting(test_accounts):
    planner = test_accounts["tecnica"]
    store = Store()
    meeting_id = f"BROWSER-{dt.datetime.now():%H%M%S%f}"
    meeting.save_meeting(store, planner, meeting.Meeting(
        meeting_id=meeting_id, parish_code="010170", title=f"Sesión en navegador {meeting_id}",
        date=dt.date.today() + dt.timedelta(days=365), subject="problems",
        item_ids=[f"P{n:02d}" for n in range(1, 12)], votes_per_participant=13,
        participants=[meeting.Participant(participant_id="p01", name="María", username="maria"),
                      meeting.Participant(participant_id="p02", name="Técnica", username="tecnica")]))
    scenarios.save_scenario(store, planner, scenarios.Scenario(
        name=f"Escenario {meeting_id}", parish_code="010170", weights={"pdot": 1, "feasibility": 1, "scope": 1},
        rules=AllocationRules(budget_usd=40000)))
    return meeting_id


def _vote(browser, app_url, meeting_id, username, participant, votes, *, pick=False):
    """`username` opens the meeting and saves `votes` ({item id: votes}) as `participant` (id, name); with
    `pick`, she first chooses that participant, as a facilitator entering ballots for anyone does."""
    participant_id, name = participant
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, username)
    open_page(page, "Sesión del grupo asesor")
    if pick:
        page.get_by_test_id("stSelectbox").filter(has_text="Participante").click()
        pick_option(page, name)
    for item, count in votes.items():
        # The ballot of this participant (the form is drawn again when another participant is chosen).
        field = page.locator(f".st-key-v-{meeting_id}-{participant_id}-{item}").get_by_label(f"{item} ·", exact=False)
        field.fill(str(count))
        field.press("Tab")
    page.get_by_role("button", name="Guardar mi votación").click()
    expect(page.get_by_text(f"Votación de {name} guardada.")).to_be_visible()
    return context, page


def test_two_participants_vote_and_the_board_approves_with_an_acta(browser, app_url, open_meeting, tmp_path):
    maria, _ = _vote(browser, app_url, open_meeting, "maria", ("p01", "María"), {"P03": 8, "P01": 5})
    tecnica, page = _vote(browser, app_url, open_meeting, "tecnica", ("p02", "Técnica"), {"P03": 6, "P02": 7},
                          pick=True)
    page.reload()  # the count as anyone opening the page now sees it
    wait_for_app(page)
    expect(page.get_by_text("Han votado 2 de 2 participantes")).to_be_visible()
    page.get_by_role("tab", name="Resultados").click()
    results = page.get_by_test_id("stDataFrame").last
    expect(results).to_contain_text("14")  # P03: 8 + 6 votes, first place
    maria.close()
    tecnica.close()

    board = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = board.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, "presidenta")
    open_page(page, "Decisión y acta")
    page.get_by_test_id("stSelectbox").filter(has_text="Escenario a aprobar").click()
    pick_option(page, f"Escenario {open_meeting}")
    page.get_by_role("button", name="Registrar decisión").click()
    # The recorded decision heads the list, with its acta to download.
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text(f"Escenario {open_meeting}")
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar acta (PDF)").click()
    pdf = tmp_path / "acta.pdf"
    download.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages).split())
    assert "ACTA DE DECISIÓN PRESUPUESTARIA" in text
    assert f"Escenario {open_meeting}" in text
    assert "Presidenta de la junta" in text and "A favor" in text
    assert "EV-P" in text  # the funded list
    board.close()
