"""What a browser test does as a person would, and the served app it does it on: the app served on a free port
(`served_app`, which bench/browser.py also starts), Debian's Chromium, Playwright's `expect` waiting long enough on a
busy machine and checking often, and the steps (wait for the app, click and wait for its run, type an amount, choose
a parish or an option, sign in, open a page, forget the visit). The fixtures that hand out the browser and its tab
are tests/browser_fixtures.py."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright._impl import _api_classes as playwright_assertions
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppUrl(str):
    """A served app's URL that also knows its server's process id (bench/browser.py reads its CPU time)."""

    pid: int


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
        if (code := server.poll()) is not None:  # a test that lost its page's connection then says why
            log.seek(0)
            tail = log.read().decode(errors="replace")[-LOG_TAIL_CHARS:]
            raise RuntimeError(f"the served app stopped by itself (exit code {code}); its log ends:\n{tail}")
    finally:
        # stopped at once: what it stored is committed (the store writes in transactions) and nothing else it holds
        # outlives it, while Streamlit's own shutdown on SIGTERM takes about 0,9 s of every served app's test
        server.kill()
        server.wait()
        log.close()


LOG_TAIL_CHARS = 3_000



def chromium_path() -> str:
    """Debian's Chromium (or MINGA_CHROMIUM); never a browser downloaded by a test tool. Its headless shell
    (Debian's package chromium-headless-shell, built from the same source) comes first when installed: without the
    full browser's window layers it takes about a tenth less time per browser test on two cores."""
    path = os.environ.get("MINGA_CHROMIUM") or next(
        (found for name in ("chromium-headless-shell", "chromium", "chromium-browser") if (found := shutil.which(name))),
        None)
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



def forget_the_visit(tab) -> None:
    """Leave the app and clear what the browser kept of the visit (storage, cookies, permissions): the tab then
    opens the app as a new person on a new device would, without the cost of a new browser context."""
    if tab.url.startswith("http"):  # a blank tab has no storage of its own to clear
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        tab.goto("about:blank")  # ends the Streamlit session before the next visit opens its own
    tab.context.clear_cookies()
    tab.context.clear_permissions()



def wait_for_app(page) -> None:
    """Wait until Streamlit is connected and no script run is going on.

    A click's rerun may not have started yet when this returns: after an action, a test waits for what the
    person would see next (an `expect`), never for a fixed time.
    """
    try:
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", state="attached")
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")
    except PlaywrightTimeoutError as timeout:  # say how the page stood: connection lost, run stuck, an error shown
        raise AssertionError(f"the app did not settle; the page: {page.evaluate(_APP_STATE)}") from timeout


# Set once Streamlit's script-run state leaves «notRunning» after it is installed, as read from the attribute's old
# values too: a short run that starts and ends within one batch of changes (an idle machine) still counts. The whole
# document is watched, not the app's element: should the element be drawn anew, its state still counts.
_WATCH_RUN = """() => { window.__mingaRan = false; const watch = new MutationObserver(records => {
    const app = document.querySelector('[data-testid="stApp"]');
    const left = records.some(r => r.type === 'attributes' && r.oldValue !== null && r.oldValue !== 'notRunning');
    if (left || (app && app.dataset.testScriptState !== 'notRunning')) { window.__mingaRan = true; watch.disconnect(); } });
  watch.observe(document.documentElement, {attributeFilter: ['data-test-script-state'], attributeOldValue: true,
                                           childList: true, subtree: true}); }"""
# the app's element can be missing for a moment while the page is drawn again: not done yet (it threw, and the wait
# ended at once)
_RAN_AND_DONE = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return Boolean(window.__mingaRan) && app !== null && app.dataset.testScriptState === 'notRunning'; }"""
# What the page showed when a run was not seen to start and end: whether one started, the app's states, and the
# alerts and errors on screen (a retried test's summary prints it).
_APP_STATE = """() => { const app = document.querySelector('[data-testid="stApp"]');
  const texts = id => [...document.querySelectorAll(`[data-testid="${id}"]`)].map(e => e.innerText.slice(0, 300));
  return {run_seen: window.__mingaRan, script: app && app.dataset.testScriptState,
          connection: app && app.dataset.testConnectionState, address: location.href,
          alerts: texts('stAlert'), errors: texts('stException')}; }"""


# How long a click's run may take to start before the click is taken as lost. Streamlit sets «rerunRequested» in the
# click's own handler, so the state moves within a frame or two of the click, even on a busy machine; the watch above
# records that move however short the run (a lost click had cost 15 s of a worker's time at the earlier limit).
LOST_CLICK_MS = 5_000


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

