"""Issue 14's browser figures: every page against an empty Streamlit page, a weight slider, the first page.

Everything runs in the same run, in Debian's headless Chromium (Playwright, as the browser tests), against two
servers started here: Minga (scripts/serve.py, the repo's data, a store of its own with the demo records) and an
empty Streamlit app (one title). Absolute times on a shared two-core machine vary several times between runs; the
ratio to the empty page measured in the same rounds does not, so the targets are ratios:

- each page «warm»: a full load of its address (new browser session, websocket, the router and the page's script)
  after a first load not counted, until the script has finished and the page's title is drawn; the empty page is
  loaded the same way in the same rounds. Target: median page ≤ 1,5 × the empty page, none over 3 ×.
- a weight slider on Priorización (El Valle): the «Alcance» slider moved one point with the keyboard, until the
  ranking, its chart and downloads of the new run are drawn (no longer stale); the funding probability below them
  may still be computing. Target ≤ 1 s. The same again with 2.000 proposals at El Valle (its demo proposals and
  seeded copies, flagged synthetic, in a third server's store). Target ≤ 2 s.
- the first page after start: each server freshly started, its first page loaded until drawn; the median of
  FIRST_STARTS starts of each. Target ≤ 2 × the empty app's first page.

CPU is the server process's CPU time (user + system, /proc) during each measurement; the browser's is not counted.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import Row, Timing
from bench.interaction import MONEY_FACTORS, scaled
from core.fmt import number
from tests.browser_steps import AppUrl, chromium_path, served_app, sign_in

FreshPair = Callable[[], contextlib.AbstractContextManager[tuple[AppUrl, AppUrl]]]  # starts Minga and the empty app
TITLE = "Navegador (Chromium): cada página frente a la página vacía, un peso de Priorización, la primera página"
RUNS = 5
FIRST_STARTS = 3  # fresh starts of each app for the first page
SLIDER_MOVES = 8
# A key pressed while the page redraws can be lost (no run starts): after this long without a run it is pressed
# again, once or twice, and the move's time then includes the wait (the bench prints it).
LOST_KEY_MS, KEY_TRIES = 5_000, 3
PARISH = "010170"  # El Valle
BIG = 2000  # proposals at El Valle for the second slider figure
USER, PASSWORD = "banco", "clave-de-banco-2026"
EMPTY_APP = 'import streamlit as st\n\nst.title("Minga")\n'
TIMEOUT_MS = 180_000
VIEWPORT = {"width": 1400, "height": 1000}
PAGE_MEDIAN_LIMIT, PAGE_WORST_LIMIT, FIRST_PAGE_LIMIT, SLIDER_LIMIT, BIG_SLIDER_LIMIT = 1.5, 3.0, 2.0, 1.0, 2.0

# The page's script has finished and its title is drawn ("initial" before the first run, "running" during it).
DRAWN = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && !!document.querySelector('[data-testid="stMain"] h1'); }"""
# After a slider move: a run has started since (window.__ran), and the downloads under the ranking and its chart
# belong to it (not stale).
WATCH_RUN = """() => { window.__ran = false; new MutationObserver(() => {
  if (document.querySelector('[data-testid="stApp"]').dataset.testScriptState === 'running') window.__ran = true; })
  .observe(document.querySelector('[data-testid="stApp"]'), {attributes: true}); }"""
RANKING_DRAWN = """() => { const d = document.querySelector('.st-key-prio-downloads-csv');
  return window.__ran && !!d && !d.closest('[data-stale="true"]'); }"""


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants() -> set[int]:
    """Every process below this one: the two servers, Playwright's driver and Chromium's processes."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError):
            continue
    below, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - below
        below |= frontier
    return below


def _browser_cpu(servers: set[int]) -> dict[int, float]:
    """CPU seconds so far of each process of the browser (Chromium and Playwright's driver)."""
    return {pid: _cpu_seconds(pid) for pid in _descendants() - servers}


@dataclass
class Measured:
    """Wall seconds, the measured server's CPU seconds and the browser's (Chromium and driver) of each run."""

    timing: Timing = field(default_factory=lambda: Timing([], []))
    browser_cpu: list[float] = field(default_factory=list)

    def measure(self, server: AppUrl, servers: set[int], action: Callable[[], None]) -> None:
        before = _browser_cpu(servers)
        start, server_cpu = time.perf_counter(), _cpu_seconds(server.pid)
        action()
        self.timing.wall.append(time.perf_counter() - start)
        self.timing.cpu.append(_cpu_seconds(server.pid) - server_cpu)
        self.browser_cpu.append(sum(cpu - before.get(pid, 0.0) for pid, cpu in _browser_cpu(servers).items()))

    def row(self, name: str, **extra) -> Row:
        t = self.timing
        note = f"CPU del navegador {number(statistics.median(self.browser_cpu), 2)} s"
        note = "; ".join(part for part in (extra.pop("note", ""), note) if part)
        return Row(name, t.median, max(t.wall), "s", runs=len(t.wall), samples=t.wall, cpu=t.cpu_median, p95=t.p95,
                   note=note, **extra)


def _load(page: Page, url: str) -> None:
    page.goto(url, wait_until="commit")
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


@contextlib.contextmanager
def _servers() -> Iterator[tuple[AppUrl, AppUrl, AppUrl, FreshPair]]:
    """Minga (a store of its own with an administrator and the demo records), the empty app, and Minga again with
    BIG proposals at El Valle, each freshly started; and a way to start another fresh pair of the first two."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MINGA_STORE": str(Path(folder) / "banco.sqlite")}
        big_env = {**os.environ, "MINGA_STORE": str(Path(folder) / "banco-grande.sqlite")}
        _prepare_store(env["MINGA_STORE"], 0)
        _prepare_store(big_env["MINGA_STORE"], BIG)
        empty = Path(folder) / "vacia.py"
        empty.write_text(EMPTY_APP, encoding="utf-8")

        @contextlib.contextmanager
        def fresh_pair() -> Iterator[tuple[AppUrl, AppUrl]]:
            with served_app(env) as minga, served_app(env, script=empty) as bare:
                yield minga, bare

        with served_app(env) as minga, served_app(env, script=empty) as bare, served_app(big_env) as big:
            yield minga, bare, big, fresh_pair


def _prepare_store(path: str, proposals: int) -> None:
    """The store as after a first `make run` (one administrator, whom the bench signs in; the demo records are
    read where they are built, never stored); with `proposals`, that many at El Valle: seeded copies of its demo
    proposals (amounts × 0,5 to × 2, flagged synthetic), imported as a planner would."""
    from core.proposals import records
    from core.proposals.models import Proposal
    from core.record.auth import Accounts
    from core.record.store import Store

    store = Store(Path(path))
    admin = Accounts(store).create_first_admin(USER, "Banco de pruebas", PASSWORD)
    demo = records.proposal_models(store, PARISH)
    rng = np.random.default_rng(2026)
    copies = [Proposal.model_validate({
        **scaled(demo[k % len(demo)], float(rng.choice(MONEY_FACTORS))), "proposal_id": f"SY-P{k:05d}",
        "is_synthetic": True, "source": "bench/browser.py"}) for k in range(max(0, proposals - len(demo)))]
    if copies:
        records.import_proposals(store, admin, copies)


def _ratio_row(name: str, ratio: float, limit: float, note: str) -> Row:
    return Row(name, ratio, ratio, "×", f"≤ {number(limit, 1)} ×", ratio <= limit, note, runs=1, samples=[ratio])


def _first_load(browser: Browser, server: AppUrl, servers: set[int], measured: Measured) -> None:
    context = browser.new_context(viewport=VIEWPORT, locale="es-EC")
    measured.measure(server, servers | {server.pid}, partial(_load, context.new_page(), server))
    context.close()


def _first_pages(browser: Browser, minga: AppUrl, bare: AppUrl, servers: set[int],
                 fresh_pair: FreshPair) -> list[Row]:
    """The first load after a start, of each app, over FIRST_STARTS fresh starts (a single load swung from 1,8 × to
    2,6 × between runs of the same code); the two apps take turns at being loaded first."""
    first = {"minga": Measured(), "bare": Measured()}
    for start in range(FIRST_STARTS):
        with (contextlib.nullcontext((minga, bare)) if start == 0 else fresh_pair()) as (new_minga, new_bare):
            pair = [("bare", new_bare), ("minga", new_minga)]
            for name, server in (pair if start % 2 == 0 else pair[::-1]):
                _first_load(browser, server, servers | {new_minga.pid, new_bare.pid}, first[name])
    ratio = first["minga"].timing.median / first["bare"].timing.median
    return [
        first["bare"].row("Primera página tras el arranque: app vacía", key="browser_first_empty",
                          includes=f"servidor recién iniciado; primera carga hasta el título dibujado; "
                                   f"{FIRST_STARTS} arranques"),
        first["minga"].row("Primera página tras el arranque: Minga (Inicio, vista pública)",
                           reference="browser_first_empty",
                           includes="lo mismo; la primera sesión importa los módulos, conecta y lee"),
        _ratio_row("Primera página: Minga frente a la app vacía", ratio, FIRST_PAGE_LIMIT,
                   f"medianas de {FIRST_STARTS} arranques de cada una; el arranque ocurre una vez por servidor"),
    ]


def _signed_in(browser: Browser, minga: AppUrl) -> Page:
    """A tab signed in as the administrator; the session cookie then signs every new load in."""
    page = browser.new_context(viewport=VIEWPORT, locale="es-EC").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    _load(page, minga)
    sign_in(page, USER, PASSWORD)
    page.get_by_test_id("stSidebarNav").get_by_role("link").first.click()  # the run after signing in sets it
    page.wait_for_function("() => document.cookie.includes('minga_sesion=')", timeout=TIMEOUT_MS)
    return page


def _pages(page: Page, minga: AppUrl, bare: AppUrl, servers: set[int]) -> list[Row]:
    """Every page in the navigation and the empty page, loaded in rounds (the first round not counted)."""
    links = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
        .map(a => [a.innerText.trim().split('\\n').pop().trim(), a.href])""")
    targets = [("", bare, str(bare)), *((name, minga, url) for name, url in links)]
    measured = {name: Measured() for name, _, _ in targets}
    for round_ in range(RUNS + 1):
        for name, server, url in targets:
            (measured[name] if round_ else Measured()).measure(server, servers, partial(_load, page, url))
    empty = measured.pop("")
    rows = [empty.row("Página vacía de Streamlit (carga caliente)", key="browser_empty",
                      includes="carga completa de la dirección: sesión nueva, websocket, guion, dibujo")]
    ratios = {name: m.timing.median / empty.timing.median for name, m in measured.items()}
    rows += [m.row(f"Página {name}", reference="browser_empty", target=f"≤ {number(PAGE_WORST_LIMIT, 0)} ×",
                   ok=ratios[name] <= PAGE_WORST_LIMIT, includes="carga caliente, El Valle, administración")
             for name, m in measured.items()]
    worst = max(ratios, key=ratios.get)
    return [*rows,
            _ratio_row("Mediana de las páginas frente a la vacía", statistics.median(ratios.values()),
                       PAGE_MEDIAN_LIMIT, f"{len(ratios)} páginas"),
            _ratio_row("Página más lenta frente a la vacía", ratios[worst], PAGE_WORST_LIMIT, worst)]


def _slider(page: Page, server: AppUrl, servers: set[int], scale: str, limit: float) -> list[Row]:
    _load(page, f"{server}/priorizacion")
    thumb = page.locator(".st-key-prio-w-scope input[type=range]")
    ranking, whole = Measured(), Measured()

    def move() -> None:
        for attempt in range(1, KEY_TRIES + 1):
            page.keyboard.press("ArrowRight")
            try:
                page.wait_for_function("() => window.__ran", timeout=LOST_KEY_MS, polling=20)
                break
            except PlaywrightTimeout:
                if attempt == KEY_TRIES:
                    raise
                print(f"{scale}: no run {LOST_KEY_MS / 1000:.0f} s after the key; pressed again")
                thumb.focus()
        page.wait_for_function(RANKING_DRAWN, timeout=TIMEOUT_MS, polling=20)

    def move_and_finish() -> None:
        ranking.measure(server, servers, move)
        page.wait_for_function(DRAWN, timeout=TIMEOUT_MS, polling=20)

    for _ in range(SLIDER_MOVES):  # each move gives weights not tried before: nothing comes from a cache
        page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
        page.evaluate(WATCH_RUN)
        thumb.focus()
        whole.measure(server, servers, move_and_finish)
    return [ranking.row(f"{scale}: un peso (Alcance +1) hasta el nuevo ranking y la asignación",
                        target=f"≤ {number(limit, 0)} s", ok=ranking.timing.median <= limit,
                        note="meta sobre la mediana",
                        includes="tecla → ranking, gráfico y descargas de la nueva corrida dibujados"),
            whole.row(f"{scale}: el mismo movimiento hasta el fin de la corrida",
                      includes="además lo que sigue al ranking (a esta escala, la probabilidad de financiarse, "
                               "el movimiento y la influencia de cada peso, cuando se calculan)")]


def run() -> list[Row]:
    with _servers() as (minga, bare, big, fresh_pair), sync_playwright() as playwright:
        servers = {minga.pid, bare.pid, big.pid}
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
        try:
            rows = _first_pages(browser, minga, bare, servers, fresh_pair)
            page = _signed_in(browser, minga)
            rows += _pages(page, minga, bare, servers)
            rows += _slider(page, minga, servers, "El Valle", SLIDER_LIMIT)
            scale = f"{number(BIG)} propuestas en El Valle"
            try:
                rows += _slider(_signed_in(browser, big), big, servers, scale, BIG_SLIDER_LIMIT)
            except PlaywrightTimeout:  # the page itself did not finish: said in the table, the rest is kept
                rows.append(Row(f"{scale}: Priorización", None, None, "s", f"≤ {number(BIG_SLIDER_LIMIT, 0)} s",
                                False, f"la página no terminó de cargar en {TIMEOUT_MS // 1000} s"))
        finally:
            browser.close()
    return rows
