"""The browser tests' fixtures and hooks (a pytest plugin, registered by tests/conftest.py): the served app, the
worker's Chromium and its kept tab, the test accounts and the planner's login, and one retry of a browser test with
its first failure printed in the summary. The steps the tests take are tests/browser_steps.py."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import sync_playwright

from tests.browser_steps import (
    BROWSER_TIMEOUT_MS,
    TEST_PASSWORD,
    TEST_USERS,
    chromium_path,
    forget_the_visit,
    served_app,
)


@pytest.fixture(scope="session")
def app_url(app_reads_the_test_build):
    """The app over the session's build and the shared test store, for browser tests."""
    with served_app(os.environ.copy()) as url:
        yield url



@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless and without WebGL: with no GPU, deck.gl's maps (Inicio, Territorio) redraw
    themselves every frame in software, about half a core for as long as the page is open. Tests find the map's
    element, never its pixels, and a page whose map cannot draw must still show everything else."""
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-webgl", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def _kept_tab(browser):
    """The worker's browser tab, kept between tests: a new context starts a new renderer process that compiles
    Streamlit's scripts again (about 5 s of CPU per test, against 2 s for a page opened again in the same tab).
    Holds {"tab": page} while one is open."""
    kept: dict = {}
    yield kept
    if kept:
        kept.pop("tab").context.close()


@pytest.fixture()
def page(_kept_tab, browser, request):
    """A tab with no cookies, no stored data and nothing open: the worker's kept tab, cleared after each test
    that passed; after a failure (or a failed clearing) the next test gets a new context."""
    if "tab" not in _kept_tab:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="es-EC")
        tab = context.new_page()
        tab.set_default_timeout(BROWSER_TIMEOUT_MS)
        _kept_tab["tab"] = tab
    tab = _kept_tab["tab"]
    yield tab
    report = getattr(request.node, "call_report", None)
    try:
        if report is None or not report.passed:
            raise RuntimeError("the test did not pass: its tab is not reused")
        forget_the_visit(tab)
    except Exception:
        _kept_tab.pop("tab").context.close()



@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps the test's own outcome on the item (`call_report`), for fixtures that act on it when tearing down."""
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


@pytest.fixture(scope="session")
def test_accounts(app_reads_the_test_build):
    """Accounts for every role in the test store (password TEST_PASSWORD), created once."""
    from core.record.auth import Accounts, Position, Role, User
    from core.record.store import Store

    accounts = Accounts(Store())
    admin = accounts.get("admin")
    if admin is None and not accounts.has_users():
        admin = accounts.create_first_admin("admin", TEST_USERS["admin"][0], TEST_PASSWORD)
    elif admin is None:  # pages opened earlier stored their own test users (see _store_account)
        admin = User(username="admin", display_name=TEST_USERS["admin"][0], role=Role.ADMIN)
        accounts.store.save("user", "admin", {**admin.model_dump(mode="json"),
                                              "password_hash": accounts.hasher.hash(TEST_PASSWORD)},
                            actor="pruebas", expected_version=0)
    for username, (name, role, association) in TEST_USERS.items():
        if accounts.get(username) is None:
            accounts.create(admin, User(username=username, display_name=name, role=Role(role),
                                        association_id=association,  # the board's president presides its sessions
                                        position=Position.PRESIDENT if username == "presidenta" else Position.MEMBER,
                                        # a board account sits on one junta: El Valle's, the study's parish
                                        parish_code="010170" if role == "board_member" else None),
                            TEST_PASSWORD)
    return {u: accounts.get(u) for u in TEST_USERS}



@pytest.fixture(scope="session")
def planner_login(test_accounts):
    """(user name, password) of the planner in the test store, for browser tests: `sign_in(page, *planner_login)`."""
    return "tecnica", TEST_PASSWORD


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests get one retry: they drive a served app and a real Chromium on a two-core machine shared by
    both xdist workers, where a rerun of the page can still race a click. A failure twice in a row still fails."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1))


RERUN_LINES = 30  # of a first attempt's failure, printed at the end so that a flaky test can be diagnosed


def pytest_terminal_summary(terminalreporter) -> None:
    """Where each failed first attempt that passed on its retry was (the lines of the tests' own files in its
    traceback: which step) and how it ended (`-rR` names them only)."""
    for report in terminalreporter.stats.get("rerun", []):
        terminalreporter.write_sep("-", f"first attempt failed: {report.nodeid}")
        lines = report.longreprtext.splitlines()
        for line in [line for line in lines if re.match(r"tests/\S+:\d+", line)] + lines[-RERUN_LINES:]:
            terminalreporter.write_line(line)
