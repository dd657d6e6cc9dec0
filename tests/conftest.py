"""Shared fixtures: the demo data built once per test session into a temporary folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from playwright._impl import _api_classes as playwright_assertions
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect, sync_playwright
from streamlit.testing.v1 import AppTest

from core.data.build import build
from core.data.db import connect
from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record import auth, overlay

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
HOME = "pages/inicio.py"

# Property tests: thorough by default; `make test` and CI (CI=true) run the "ci" profile, fewer examples and the
# same ones on every run (derandomized), so a run is quick and repeats exactly. HYPOTHESIS_PROFILE picks one.
settings.register_profile("ci", max_examples=25, derandomize=True, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory) -> Path:
    """A fresh build of every dataset from data/sources/ (does not touch the repo's data/)."""
    out = tmp_path_factory.mktemp("data")
    build(out)
    return out


@pytest.fixture(scope="session")
def con(built_data_dir, tmp_path_factory):
    """A DuckDB connection with every view over the session's built data, and nothing of any store: it lives the
    whole session while tests change the worker's store, and a view over a mirrored file that a later test's reset
    removes would fail (the pages connect again when the files change: core.data.db.files_stamp)."""
    no_store = tmp_path_factory.mktemp("sin-almacen") / "minga.sqlite"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MINGA_STORE", str(no_store))
        connection = connect(built_data_dir)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def national_sample(tmp_path_factory) -> Path:
    """The seeded national dataset (core.synth.national) of the first NATIONAL_SAMPLE_PARISHES rural parishes,
    with its pre-aggregated tables; read it, copy it before changing anything."""
    from core.synth import national

    out = tmp_path_factory.mktemp("national")
    national.write(out, seed=7, parishes=NATIONAL_SAMPLE_PARISHES)
    return out


NATIONAL_SAMPLE_PARISHES = 4


@pytest.fixture()
def today_after_the_demo(monkeypatch):
    """«Today» for the checks of facts' dates (core.record.facts) fixed at 1 January 2029: the cooperation tests
    sign, report and audit through 2027 and 2028, and the proposal files are handed in on 6 April 2027."""
    from core.record import facts

    monkeypatch.setattr(facts, "today", lambda: dt.date(2029, 1, 1))
    return dt.date(2029, 1, 1)


@pytest.fixture(scope="session", autouse=True)
def app_reads_the_test_build(built_data_dir):
    """Pages (AppTest and the served app) read the session's build, never the repo's data/."""
    previous = os.environ.get("MINGA_DATA_DIR")
    os.environ["MINGA_DATA_DIR"] = str(built_data_dir)
    yield
    if previous is None:
        os.environ.pop("MINGA_DATA_DIR", None)
    else:
        os.environ["MINGA_DATA_DIR"] = previous


@pytest.fixture(scope="session", autouse=True)
def light_password_hashing():
    """Accounts made during the session hash with Argon2id at its lightest (one pass, 8 KiB, one lane): at the
    product's parameters each of the suite's ~140 hashes and verifications took 0,2 s of CPU. Rules do not depend
    on the cost, and a hash carries its parameters, so the served apps verify the test accounts just as fast.
    `real_password_hashing` gives a test the product's parameters back."""
    from argon2 import PasswordHasher

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "password_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        auth._dummy_hash.cache_clear()
        yield
    auth._dummy_hash.cache_clear()


_PRODUCT_PASSWORD_HASHER = auth.password_hasher  # taken at import, before the session's fixture replaces it


@pytest.fixture()
def real_password_hashing(monkeypatch):
    """The product's own `core.record.auth.password_hasher` for this test (its accounts and the dummy hash)."""
    monkeypatch.setattr(auth, "password_hasher", _PRODUCT_PASSWORD_HASHER)
    auth._dummy_hash.cache_clear()
    yield
    auth._dummy_hash.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def apptest_work_done_once():
    """What every AppTest redoes although nothing it reads changes during a session: scanning the installed
    packages' metadata for Streamlit components (about 0.07 s of CPU per AppTest) and compiling the entrypoint and
    page scripts with Streamlit's magic (a fresh script cache per run). One scan and one cache serve the session,
    as they serve every run of the served app."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    scan = manifest_scanner.scan_component_manifests
    shared = ScriptCache()
    manifest_scanner.scan_component_manifests = functools.cache(scan)
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    yield
    manifest_scanner.scan_component_manifests = scan
    app_test.ScriptCache = local_script_runner.ScriptCache = ScriptCache


@pytest.fixture()
def own_store(tmp_path, monkeypatch) -> Path:
    """This test's pages use a store of their own (the app caches one store per process); yields its path."""
    from ui import data

    path = tmp_path / "own.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    data.store.clear()
    yield path
    data.store.clear()


@pytest.fixture()
def parish_store(own_store) -> Iterator[Path]:
    """`own_store`, and no cached connection, view or parish left behind for the next tests (parish pages read
    the mirror of the store through them)."""
    from ui import data

    def clear() -> None:
        for cached in (data.connection, data.view, data.parish):
            cached.clear()

    clear()
    yield own_store
    clear()


def as_read(markdown: str) -> str:
    """A Markdown text as the person reads it: the escapes of `ui.text.plain` taken out («\\(USD\\)» → «(USD)»)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def open_app_page(page: str, user=None, *, parish: str | None = None, **state) -> AppTest:
    """The app under AppTest on `page`, as `user` (None: the public view), with `parish` chosen and `state`
    set in the session first; fails on any exception.

    The parish goes into the session state: AppTest (1.67) drops the entrypoint's sidebar on reruns under
    st.navigation, so its selector cannot be used here.
    """
    app = AppTest.from_file(APP, default_timeout=90)
    if user is not None:
        _store_account(user)
        app.session_state["user"] = user
    if parish:
        app.session_state["parish_code"] = parish
    for key, value in state.items():
        app.session_state[key] = value
    app.run()  # the router, as the person's first request: it registers the pages this person may open
    if page != HOME:
        app.switch_page(page).run()  # refused (ValueError) for a page the navigation did not register
    assert not app.exception, [e.value for e in app.exception]
    return app


def _store_account(user) -> None:
    """The app re-reads the signed-in person from the store on every run: keep `user` there as given."""
    from core.record.store import Store

    store_accounts(Store(), user)


def store_accounts(store, *users):
    """Keep each of `users` in `store` as given (an account without a password: it signs in nowhere), as a
    meeting that lists them needs; returns the store."""
    for user in users:
        _keep_account(store, user)
    return store


def store_funded(store, proposal: Proposal, date: dt.date | None = None,
                 status: ProposalStatus = ProposalStatus.FUNDED) -> Proposal:
    """`proposal` moved along its lifecycle to `status` («Financiada»: as an approved acta leaves it; each step on
    `date`, default today) and stored as is; returns it."""
    for step in records.lifecycle_path(ProposalStatus(proposal.status), status):
        proposal = proposal.with_status(step, **({"date": date} if date else {}))
    store.save(records.PROPOSAL, proposal.proposal_id, proposal.model_dump(mode="json"), actor="prueba",
               parish_code=proposal.parish_code)
    return proposal


def approve_proposal(store, proposal_id: str, on: dt.date = dt.date(2026, 3, 2), status: str = "funded") -> Proposal:
    """The stored proposal `proposal_id` approved by the junta (moved to `status`, «funded» as its decision does):
    an agreement is signed only for an approved proposal (COPFP Art. 69)."""
    record = overlay.current(store, records.PROPOSAL, proposal_id)
    return store_funded(store, Proposal.model_validate(record.body), date=on, status=ProposalStatus(status))


def live_count(store, kind: str | None = None) -> int:
    """How many live (not deleted) records `store` holds, of `kind` or of every kind: what a refused write must
    leave as it was."""
    with contextlib.closing(sqlite3.connect(store.path)) as con:
        if kind is None:
            return con.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]
        return con.execute("SELECT count(*) FROM records WHERE kind = ? AND deleted = 0", (kind,)).fetchone()[0]


def _keep_account(store, user) -> None:
    record = store.get("user", user.username)
    body = {**(record.body if record else {"password_hash": ""}), **user.model_dump(mode="json")}
    if record is None or record.deleted or record.body != body:
        store.save("user", user.username, body, actor="pruebas", expected_version=record.version if record else 0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppUrl(str):
    """A served app's URL that also knows its server's process id (bench/browser.py reads its CPU time)."""

    pid: int


STOP_WAIT_S = 3


@contextlib.contextmanager
def served_app(env: dict[str, str], script: Path | None = None) -> Iterator[AppUrl]:
    """The real app served through scripts/serve.py (or `streamlit run script`, e.g. bench/browser.py's empty
    page) on a free local port; yields its URL."""
    port = _free_port()
    log = tempfile.TemporaryFile()
    command = ["-m", "streamlit", "run", str(script)] if script else [str(ROOT / "scripts" / "serve.py")]
    server = subprocess.Popen(
        [sys.executable, *command, "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = AppUrl(f"http://127.0.0.1:{port}")
    url.pid = server.pid
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError("streamlit stopped:\n" + log.read().decode(errors="replace"))
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not answer /_stcore/health within 60 s")
        yield url
    finally:
        server.terminate()
        try:  # Streamlit stops in about a second; one still busy with a session's run is not waited for longer
            server.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="session")
def app_url(app_reads_the_test_build):
    """The app over the session's build and the shared test store, for browser tests."""
    with served_app(os.environ.copy()) as url:
        yield url


def chromium_path() -> str:
    """Debian's Chromium (or MINGA_CHROMIUM); never a browser downloaded by a test tool."""
    path = os.environ.get("MINGA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Browser tests need Debian's chromium: run `make test` (it installs it) "
                           "or set MINGA_CHROMIUM.")
    return path


# How long a browser step, or an `expect` of what a person would see (a text, a figure), may wait: a busy machine
# (two cores shared by several test runs) can take tens of seconds for one rerun. Playwright's `expect` would give
# up after 5 s.
BROWSER_TIMEOUT_MS = 60_000
expect.set_options(timeout=BROWSER_TIMEOUT_MS)
# Playwright checks an `expect` again after 20, 50, 100, 100 ms and then every 500 ms (fewer when the timeout is
# short): a text that appears just after a check is seen up to half a second late, and a browser test waits for
# hundreds of reruns. Asked in slices of EXPECT_SLICE_MS (whose checks come every 100 ms) until the same overall
# timeout, an expectation is met as soon as the page shows it; a failure still waits the whole timeout.
EXPECT_SLICE_MS = 2_000


def _in_slices(call_expect):
    """`call_expect` (Playwright's own check of one expectation) asked again in slices until its timeout."""
    @functools.wraps(call_expect)
    async def call_in_slices(self, expression, expect_options, title):
        deadline = time.monotonic() + expect_options["timeout"] / 1000
        while True:
            remaining_ms = (deadline - time.monotonic()) * 1000
            one_slice = {**expect_options, "timeout": max(1.0, min(EXPECT_SLICE_MS, remaining_ms))}
            result = await call_expect(self, expression, one_slice, title)
            if result["matches"] != expect_options["isNot"] or remaining_ms <= EXPECT_SLICE_MS:
                return result
    return call_in_slices


for _assertions in (playwright_assertions.LocatorAssertions, playwright_assertions.PageAssertions):
    _assertions._call_expect = _in_slices(_assertions._call_expect)


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


def forget_the_visit(tab) -> None:
    """Leave the app and clear what the browser kept of the visit (storage, cookies, permissions): the tab then
    opens the app as a new person on a new device would, without the cost of a new browser context."""
    if tab.url.startswith("http"):  # a blank tab has no storage of its own to clear
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        tab.goto("about:blank")  # ends the Streamlit session before the next visit opens its own
    tab.context.clear_cookies()
    tab.context.clear_permissions()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps the test's own outcome on the item (`call_report`), for fixtures that act on it when tearing down."""
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


def wait_for_app(page) -> None:
    """Wait until Streamlit is connected and no script run is going on.

    A click's rerun may not have started yet when this returns: after an action, a test waits for what the
    person would see next (an `expect`), never for a fixed time.
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", state="attached")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")


# Set once Streamlit starts a script run after it is installed (the attribute it flips is the app's own state).
# The whole document is watched, not the app's element: should the element be drawn anew, its state still counts.
_WATCH_RUN = """() => { window.__mingaRan = false; const watch = new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.dataset.testScriptState !== 'notRunning') { window.__mingaRan = true; watch.disconnect(); } });
  watch.observe(document.documentElement, {attributes: true, childList: true, subtree: true}); }"""
_RAN_AND_DONE = """() => window.__mingaRan
  && document.querySelector('[data-testid="stApp"]').dataset.testScriptState === 'notRunning'"""
# What the page showed when a run was not seen to start and end: whether one started, the app's states, and the
# alerts and errors on screen (a retried test's summary prints it).
_APP_STATE = """() => { const app = document.querySelector('[data-testid="stApp"]');
  const texts = id => [...document.querySelectorAll(`[data-testid="${id}"]`)].map(e => e.innerText.slice(0, 300));
  return {run_seen: window.__mingaRan, script: app && app.dataset.testScriptState,
          connection: app && app.dataset.testConnectionState, address: location.href,
          alerts: texts('stAlert'), errors: texts('stException')}; }"""


LOST_CLICK_MS = 15_000  # how long a click's run may take to start before the click is taken as lost


def after_its_run(page, action, shown=None) -> None:
    """Do `action` (a click that reruns the page, such as choosing a tab that reports its selection) and wait
    until that run has started and ended: a widget touched before it ends may be drawn again and lose what it
    was given (a file set on an uploader). The run counts as started from the state the click sets at once
    («rerunRequested»): a short run can start and end between two renders and never show «running».
    A run still going on when the action comes (an earlier click's) is waited for first: the action's own run
    could otherwise merge into it and change nothing the watch sees.
    `shown` says whether the action's own effect is on screen (a tab drawn as chosen): when it is and no run
    came, the page is settled as the person sees it, and clicking again (on a chosen tab) would change nothing."""
    wait_for_app(page)
    page.evaluate(_WATCH_RUN)
    action()
    try:
        page.wait_for_function(_RAN_AND_DONE, timeout=LOST_CLICK_MS)
    except PlaywrightTimeoutError:
        # a click that lands while the page redraws can be lost: no run was asked, the page sits idle. A person
        # clicks again; so does the test, once (a run that only started late is waited for first)
        wait_for_app(page)
        if not page.evaluate("() => window.__mingaRan"):
            if shown is not None and shown():
                print(f"after_its_run: no run {LOST_CLICK_MS / 1000:.0f} s after the click, which shows its effect")
                return
            print(f"after_its_run: no run {LOST_CLICK_MS / 1000:.0f} s after the click; clicked again")
            page.evaluate(_WATCH_RUN)
            action()
    try:
        page.wait_for_function(_RAN_AND_DONE)
    except PlaywrightTimeoutError as timeout:
        raise AssertionError(f"no run started and ended after the action; the page: {page.evaluate(_APP_STATE)}") \
            from timeout
    wait_for_app(page)


def enter_amount(field, typed: str, shown: str) -> None:
    """Type an amount into a number field and press Enter, as a person does, and wait for its run: the field then
    shows the amount written back es-EC (`shown`). Typing and Enter are redone together when no run came: the
    typing may have landed while the page redrew the field, and Enter alone then changes nothing."""
    page = field.page

    def type_and_enter() -> None:
        field.fill(typed)
        field.press("Enter")

    after_its_run(page, type_and_enter, shown=lambda: field.input_value() == shown)
    expect(field).to_have_value(shown)


def choose_parish(page, typed: str) -> None:
    """Choose a parish in the sidebar selector as a person does: type part of its name, wait for the list to show
    the parish, take it, and see it in the selector. (Enter pressed right after typing could take the first
    parish of a list not yet filtered, on a busy machine.)"""
    selector = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    selector.click()
    page.keyboard.type(typed)
    option = page.get_by_role("option").filter(has_text=typed).first
    expect(option).to_be_visible()
    option.click()
    wait_for_app(page)
    expect(selector.locator("input")).to_have_value(re.compile(re.escape(typed)))


OPEN_LIST_MS = 10_000  # how long a list may take to show its option after the click that opens it


def pick_option(page, opener, option: str, typed: str = "", exact: bool = True) -> None:
    """Open a drop-down list by clicking `opener`, type `typed` (to filter it) and click `option` once the list
    shows it (the first option whose name holds it, when not `exact`). A rerun that ends just after the click draws
    the widget anew and closes its list: a person then opens it again, and so does this, until the overall
    timeout."""
    deadline = time.monotonic() + BROWSER_TIMEOUT_MS / 1000
    choice = page.get_by_role("option", name=option, exact=exact).first
    while True:
        wait_for_app(page)
        opener.click()
        if typed:
            page.keyboard.type(typed)
        try:
            choice.wait_for(state="visible", timeout=OPEN_LIST_MS)
            break
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise
            print(f"pick_option: «{option}» not shown {OPEN_LIST_MS / 1000:.0f} s after opening; opened again")
            page.keyboard.press("Escape")
    choice.click()
    wait_for_app(page)


TEST_PASSWORD = "clave-de-prueba-2026"
TEST_USERS = {
    "admin": ("Administración de prueba", "admin", None),
    "tecnica": ("Técnica de planificación", "planner", None),
    "presidenta": ("Presidenta de la junta", "board_member", None),
    "vocal": ("Vocal de la junta", "board_member", None),
    "maria": ("María, Flor de Mayo", "association_rep", "EV-A01"),
}


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


def sign_in(page, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the sidebar form, as a person does, and wait for the «Salir» button.

    The form's button is found by its test id, so no scroll of the sidebar moves it away."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_label("Usuario").fill(username)
    sidebar.get_by_label("Contraseña").fill(password)
    sidebar.get_by_test_id("stFormSubmitButton").get_by_role("button").click()
    expect(sidebar.get_by_role("button", name="Salir")).to_be_visible()
    wait_for_app(page)


def open_page(page, title: str) -> None:
    """Go to a page through the navigation, as a person does (keeps the session's choices)."""
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
    target = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(re.compile(re.escape(target.rstrip("/")) + r"/?(\?.*)?$"))
    expect(link).to_have_attribute("aria-current", "page")
    wait_for_app(page)


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


@contextlib.contextmanager
def lock_held_by_another_process(path: Path) -> Iterator[None]:
    """Another process holds the SQLite write lock on `path` for the duration of the block."""
    import textwrap

    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sqlite3, sys
        con = sqlite3.connect(sys.argv[1], isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        print("bloqueado", flush=True)
        sys.stdin.readline()
    """), str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "bloqueado"
        yield
    finally:
        holder.communicate("\n", timeout=10)
