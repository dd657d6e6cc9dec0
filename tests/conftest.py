"""Shared fixtures and helpers: the demo data built once per test session into a temporary folder, the session's
settings (property-test profile, light password hashing, what every AppTest redoes), each test's own store, and the
helpers that open a page under AppTest or keep accounts and proposals in a store. The browser tests' fixtures and
hooks are the plugin tests/browser_fixtures.py (registered below); their steps are tests/browser_steps.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.testing.v1 import AppTest

from core.data.build import build
from core.data.db import connect
from core.proposals import records
from core.proposals.models import Proposal, ProposalStatus
from core.record import auth, overlay

pytest_plugins = ["tests.browser_fixtures"]

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


def store_problems(store, parish_code: str, count: int = 2) -> list[str]:
    """`count` problems of the parish's diagnosis (P01, P02…) stored as its planner loads them, as a meeting on
    problems of a parish without the study's needs; returns their ids."""
    from core.parish.models import ParishProblem
    from core.parish.records import ParishBatch, save_as

    problems = [ParishProblem(parish_code=parish_code, code=f"P{n:02d}", label_es=f"Problema {n}", votes=count - n)
                for n in range(1, count + 1)]
    save_as(store, "consola", ParishBatch(parish_code).add("problemas", problems))
    return [p.problem_id for p in problems]


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


@contextlib.contextmanager
def hand_made_runs():
    """While it lasts, a decision draft written by hand (tests/decision_draft.py: no stored scenario gives it) is
    recorded as it is: the check of a draft against a run of its stored scenario now (core.engine.decision_run.checked,
    tested in tests/test_decision_run.py) is set aside, for tests of what follows the run (numbering, quorum, votes,
    the acta, the log)."""
    from core.engine import decision_run

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decision_run, "checked", lambda store, draft, *, con=None: draft)
        yield


@pytest.fixture()
def hand_made_drafts():
    """`hand_made_runs` for one test (`pytest.mark.usefixtures("hand_made_drafts")`)."""
    with hand_made_runs():
        yield
