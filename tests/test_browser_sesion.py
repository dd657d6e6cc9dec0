"""Browser test of the advisory group deciding: three evaluators score feasibility in a meeting (two from their own
sessions, the chair for one without a device), the chair closes it, the ranking takes the group's median and the
funded set changes; the board approves and the acta names the meeting and the objective."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.db import connect
from core.engine import scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.proposals import records
from core.record import facts, junta, meeting, meeting_models, overlay
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.browser_steps import TEST_PASSWORD, TEST_USERS, forget_the_visit, open_page, sign_in, wait_for_app

pytestmark = pytest.mark.browser
PARISH = "010170"
ADVISER = "asesor-mag"


@pytest.fixture()
def scored_meeting(test_accounts, monkeypatch):
    """An open meeting on two proposals: `low`, funded by the scenario now, and `high`, left out though it would
    fit in low's place. Yields (meeting, scenario name, low, high); afterwards the meeting is removed, the board's
    size restored and the demo's proposals brought back to their status (the board's decision funded or left out
    every one of them), so the shared test store feeds no other test."""
    store = Store()
    accounts = Accounts(store)
    if accounts.get(ADVISER) is None:
        accounts.create(test_accounts["admin"], User(username=ADVISER, display_name="Técnico del MAG",
                                                     role=Role.ADVISER), TEST_PASSWORD)
    stamp = f"{dt.datetime.now():%H%M%S%f}"
    scenario = scenarios.Scenario(name=f"Escenario del grupo {stamp}", parish_code=PARISH,
                                  weights={"feasibility": 50, "scope": 50}, rules=AllocationRules(budget_usd=30000))
    before = scenarios.run_scenario(load_inputs(connect(), PARISH, store=store), scenario, explain=False)
    # María scores both, so neither is put forward by her association (she may not judge its proposals)
    hers = {p.proposal_id for p in records.proposal_models(store, PARISH) if TEST_USERS["maria"][2] in p.association_ids}
    cost = {pid: usd for pid, usd in before.candidates.select("proposal_id", "cost_usd").iter_rows() if pid not in hers}
    funded = set(before.result.funded_ids) & cost.keys()
    low = max(sorted(funded), key=cost.get)
    high = next(pid for pid in before.scoring.totals["proposal_id"]
                if pid not in before.result.funded_ids and pid in cost
                and cost[pid] <= cost[low] + before.result.unspent_usd)
    planner = test_accounts["tecnica"]
    scenarios.save_scenario(store, planner, scenario)
    # dated a year on, so it is the latest meeting of the shared store: facts' «today» moves with it for this save
    monkeypatch.setattr(facts, "today", lambda: dt.date.today() + dt.timedelta(days=365))
    opened = meeting.save_meeting(store, planner, meeting_models.Meeting(
        meeting_id=f"GRUPO-{stamp}", parish_code=PARISH, title=f"Factibilidad {stamp}",
        date=dt.date.today() + dt.timedelta(days=365), subject="proposals", item_ids=sorted([low, high]),
        participants=[meeting_models.Participant(participant_id="p01", name="María", username="maria"),
                      meeting_models.Participant(participant_id="p02", name="Técnico del MAG", username=ADVISER),
                      meeting_models.Participant(participant_id="p03", name="Rosa Chuqui")]))
    # The worker's shared store may hold board accounts from other test files: the board has a seat for each.
    seats = max(3, sum(u.role == Role.BOARD and u.active for u in accounts.users()))
    junta.set_board(store, test_accounts["presidenta"], PARISH, junta.Board(members=seats))
    yield opened, scenario.name, low, high
    store.delete(meeting_models.MEETING, opened.meeting_id, actor="pruebas")  # a closed meeting cannot be reopened
    junta.set_board(store, test_accounts["presidenta"], PARISH, junta.Board())
    # they compete again: the demo's reset keeps what an acta decided, so their rows are taken out by hand
    store.apply(overlay.removals(store, (records.PROPOSAL,), "prueba: restablecer"), actor="pruebas")


def _session(page, app_url, username, meeting_title):
    """The app opened afresh in the worker's tab (nothing kept of the previous person's visit), signed in as
    `username`, on Sesión with the meeting chosen."""
    forget_the_visit(page)
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, username)
    open_page(page, "Sesión del grupo asesor")
    expect(page.get_by_role("combobox", name="Sesión", exact=True)).to_have_value(re.compile(re.escape(meeting_title)))


def _score(page, scores, saved_for):
    page.get_by_role("tab", name="Puntuación privada").click()
    for pid, value in scores.items():
        code = re.escape(pid).replace(r"\-", r"\\?-")  # the label's Markdown may keep the escaped hyphen
        field = page.get_by_label(re.compile(rf"^{code}.* Factibilidad$"))
        expect(field).to_have_value("", timeout=30_000)  # an untouched box is not a score
        field.fill(str(value))
        field.press("Tab")
    page.get_by_role("button", name="Guardar mis puntajes").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Puntajes de {saved_for} guardados")).to_be_visible()


def test_three_evaluators_change_the_ranking_the_funded_set_and_the_acta(page, app_url, scored_meeting, tmp_path):
    opened, scenario_name, low, high = scored_meeting
    scores = {low: 0, high: 100}
    for username, name in (("maria", "María"), (ADVISER, "Técnico del MAG")):
        _session(page, app_url, username, opened.title)
        expect(page.get_by_text(f"Participante: {name}")).to_be_visible()  # each takes part as themself
        _score(page, scores, name)
    _session(page, app_url, "tecnica", opened.title)
    expect(page.get_by_text("Rosa Chuqui (sin dispositivo")).to_be_visible()  # the chair records only for her
    _score(page, scores, "Rosa Chuqui")
    page.get_by_role("button", name="Cerrar la sesión").click()
    wait_for_app(page)
    expect(page.get_by_text("Priorización y Presupuesto usan ahora sus puntajes")).to_be_visible(timeout=30_000)

    open_page(page, "Priorización")
    # the explanation's picker, one proposal at a time: type the code, then take the option once it is shown
    page.locator(".st-key-prio-explain").get_by_test_id("stSelectbox").click()
    page.keyboard.type(high)
    option = page.get_by_role("option", name=re.compile(rf"^\d+\. {re.escape(high)} · "))
    expect(option).to_be_visible()
    option.click()
    wait_for_app(page)
    expect(page.locator(".st-key-prio-explain input")).to_have_value(re.compile(rf"^\d+\. {re.escape(high)} · "))
    # Only the picked proposal's table is drawn, on a canvas; its cells are in the page for screen readers.
    expect(page.get_by_test_id("stDataFrame").get_by_text("del grupo asesor (3 evaluadores)").first).to_be_attached(
        timeout=30_000)

    forget_the_visit(page)  # the board's president, on her own device
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, "presidenta")
    open_page(page, "Decisión y acta")
    page.get_by_test_id("stSelectbox").filter(has_text="Escenario a aprobar").click()
    page.get_by_role("option", name=scenario_name).click()
    wait_for_app(page)
    # no vote is written in advance: the secretary records that every member voted for (inside the form: no rerun)
    page.get_by_test_id("stRadio").get_by_text("A favor", exact=True).click()
    page.get_by_role("button", name="Registrar decisión").click()
    wait_for_app(page)
    # Recorded: the page shows its acta (the store of this test session had no decision before).
    expect(page.get_by_role("combobox", name="Acta de la decisión")).to_have_value(re.compile(r"\d{4}-001"),
                                                                                    timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar acta (PDF)").click()
    pdf = tmp_path / "acta.pdf"
    download.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages).split())
    text = re.sub(r"Minga - acta \S+ - El Valle( - registro N\.º \d+ \w+)? Página \d+/\d+ ", "", text)  # footers
    funded, left_out = text.split("3. Proyectos financiados")[1].split("4. Propuestas no financiadas")
    assert high in funded and low not in funded and low in left_out
    assert f"sesión del grupo asesor «{opened.title}»" in text and "Rosa Chuqui, sin dispositivo propio" in text
    assert "Objetivo de la asignación: Asignación óptima" in text
    for word in ("nan", "None", "Optimal"):
        assert not re.search(rf"\b{word}\b", text), word
