"""Browser test: a reload keeps the person signed in (signed session cookie), and signing out ends it on the
server too: a copy of the old cookie no longer signs anyone in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.record import meeting_models, web_sessions
from tests.browser_steps import sign_in, wait_for_app

pytestmark = pytest.mark.browser


def _signed_in(page):
    return page.get_by_test_id("stSidebar").get_by_role("button", name="Salir")


def _lands_on(page, app_url, username: str, parish: str) -> None:
    """Open the app (on El Valle, the study's parish), sign in as `username` and see the sidebar move to `parish`."""
    page.goto(app_url)
    wait_for_app(page)
    selector = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").locator("input")
    expect(selector).to_have_value("El Valle — Cuenca, Azuay")
    sign_in(page, username)
    expect(selector).to_have_value(parish)


def test_a_reload_keeps_the_person_signed_in_until_they_sign_out(page, app_url, planner_login):
    page.goto(app_url)
    wait_for_app(page)
    sign_in(page, *planner_login)
    expect(_signed_in(page)).to_be_visible()
    page.wait_for_function(f"document.cookie.includes('{web_sessions.COOKIE}=')")
    old_cookie = next(c for c in page.context.cookies() if c["name"] == web_sessions.COOKIE)

    page.reload()
    wait_for_app(page)
    expect(_signed_in(page)).to_be_visible()

    _signed_in(page).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Ingresar")).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Ingresar")).to_be_visible()

    page.context.add_cookies([old_cookie])  # someone kept a copy of the cookie: the server ended the session
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Ingresar")).to_be_visible()
    expect(_signed_in(page)).to_have_count(0)


def test_signing_in_shows_the_parish_of_ones_own_junta(page, app_url, test_accounts):
    """Every visit starts on El Valle, the study's parish; a member of Angochagua's junta who signs in is taken to
    Angochagua, where the page's work is theirs (only the sidebar's selector could tell them otherwise)."""
    from core.record.auth import Accounts, Position, Role, User
    from core.record.store import Store
    from tests.browser_steps import TEST_PASSWORD

    accounts = Accounts(Store())
    if accounts.get("vocal-angochagua") is None:
        accounts.create(test_accounts["admin"], User(username="vocal-angochagua", display_name="José Sandoval",
                                                     role=Role.BOARD, position=Position.MEMBER,
                                                     parish_code="100152"), TEST_PASSWORD)
    _lands_on(page, app_url, "vocal-angochagua", "Angochagua — Ibarra, Imbabura")
    expect(page.get_by_text("Parroquia Angochagua")).to_be_visible()  # Inicio follows the selector


def test_an_adviser_signs_in_on_the_parish_whose_open_meeting_lists_them(page, app_url, test_accounts):
    """Luis, of the MAG, is listed in Cacha's open meeting: signing in takes him to Cacha, where it is."""
    import datetime as dt

    from core.fmt import local_code
    from core.parish.records import remove
    from core.record import meeting
    from core.record.auth import Accounts, Role, User
    from core.record.store import Store
    from tests.browser_steps import TEST_PASSWORD
    from tests.conftest import store_problems

    store = Store()
    accounts = Accounts(store)
    if accounts.get("asesor-cacha") is None:
        accounts.create(test_accounts["admin"], User(username="asesor-cacha", display_name="Luis Farinango",
                                                     role=Role.ADVISER), TEST_PASSWORD)
    problems = store_problems(store, "060151")  # a meeting on problems lists the parish's own
    opened = meeting.save_meeting(store, test_accounts["tecnica"], meeting_models.Meeting(
        meeting_id="SIGNIN-CACHA", parish_code="060151", title="Problemas de Cacha", date=dt.date(2026, 11, 20),
        subject="problems", item_ids=problems,
        participants=[meeting_models.Participant(participant_id="p01", name="Luis Farinango", username="asesor-cacha")]))
    try:
        _lands_on(page, app_url, "asesor-cacha", "Cacha (Cab. en Machángara) — Riobamba, Chimborazo")
    finally:
        store.delete(meeting_models.MEETING, opened.meeting_id, actor="pruebas")  # the shared store feeds other tests
        remove(store, test_accounts["tecnica"], "060151", "problemas", [local_code(p) for p in problems])


def test_an_association_s_representative_signs_in_on_their_association_s_parish(page, app_url, test_accounts):
    """Rosa represents an association of Licto, loaded through Preparar: signing in takes her to Licto, whose
    proposals are hers; she stayed on El Valle, the study's parish."""
    from core.parish.models import ParishAssociation
    from core.parish.records import ParishBatch, save_as
    from core.record.auth import Accounts, Role, User
    from core.record.store import Store
    from tests.browser_steps import TEST_PASSWORD

    store = Store()
    accounts = Accounts(store)
    # kept in the shared store, as the account that names it (a named association is not removed): saved again,
    # it is the same record
    save_as(store, "pruebas", ParishBatch("060156").add("asociaciones", [
        ParishAssociation(parish_code="060156", code="A01", name="Flor de Licto", members_total=5)]))
    if accounts.get("rep-licto") is None:
        accounts.create(test_accounts["admin"], User(username="rep-licto", display_name="Rosa Guamán",
                                                     role=Role.ASSOCIATION, association_id="060156-A01"),
                        TEST_PASSWORD)
    _lands_on(page, app_url, "rep-licto", "Licto — Riobamba, Chimborazo")
