"""What the tampering tests (tests/test_tamper_*.py) share: a pristine folder with a store of three approved decisions,
its key and anchor, and an older backup; a fresh copy of it for each test; `python -m core.audit verify` run on a
store (in the test's process, or as its own process); the raw SQL an attacker uses on the copy (the log's guard
triggers dropped); and an acta signed electronically as FirmaEC or a PDF reader signs it (tests/test_audit_headline.py
uses these too)."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from core.record import backup
from core.record.audit import main as audit_command
from core.record.decision_models import Decision
from core.record.decisions import record
from core.record.store import Store
from tests.conftest import hand_made_runs, store_accounts
from tests.decision_draft import BOARD, _draft

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A folder with a store holding three approved decisions (and its key and anchor beside it), plus an older
    backup taken after the second decision."""
    folder = tmp_path_factory.mktemp("pristine")
    store = store_accounts(Store(folder / "minga.sqlite"), BOARD)
    store.save("proposal", "EV-P02", {"title": "Riego por goteo comunitario"}, actor="tecnico", parish_code="010170")
    with hand_made_runs():  # the El Valle draft of tests/decision_draft.py, written by hand
        record(store, BOARD, _draft())
        record(store, BOARD, _draft())
        backup.backup_to(store, folder / "older-backup.sqlite")
        record(store, BOARD, _draft())
    assert all(d.approved for d in (Decision(**r.body) for r in store.records("decision")))
    return folder


@pytest.fixture()
def copy(pristine, tmp_path) -> Path:
    """A fresh copy of the pristine folder; returns the store path inside it."""
    shutil.copytree(pristine, tmp_path / "copy")
    return tmp_path / "copy" / "minga.sqlite"


_CLERKS_ENV = ("MINGA_KEY", "MINGA_STORE")  # unset, as in the shell of whoever checks a store handed over


def verify_process(path: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python -m core.audit verify STORE …` run as its own process, as a clerk types it."""
    env = {k: v for k, v in os.environ.items() if k not in _CLERKS_ENV}
    return subprocess.run([sys.executable, "-m", "core.audit", "verify", str(path), *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def verify(path: Path, *extra: str) -> subprocess.CompletedProcess:
    """The same command run in this process (core.audit's `main`: the same arguments, checks, output and exit code,
    without a new interpreter importing everything again, about 0,6 s a call); `verify_process` runs it as a
    process. An exception escaping `main` fails the test, as its traceback would fail the command."""
    argv = ["verify", str(path), *extra]
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.pop(k) for k in _CLERKS_ENV if k in os.environ}
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = audit_command(argv)
            except SystemExit as exit_:  # argparse refusing the arguments
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    finally:
        os.environ.update(saved)
    return subprocess.CompletedProcess(["python", "-m", "core.audit", *argv], code, out.getvalue(), err.getvalue())


def sql(path: Path, *statements: str, params: tuple = ()) -> None:
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in statements:
        con.execute(statement, params if "?" in statement else ())
    con.commit()
    con.close()


def last_seq(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def decision_body(path: Path, number: int) -> tuple[str, dict]:
    con = sqlite3.connect(path)
    try:
        record_id, body = con.execute("SELECT record_id, body FROM records WHERE kind = 'decision' "
                                      "ORDER BY record_id LIMIT 1 OFFSET ?", (number - 1,)).fetchone()
    finally:
        con.close()
    return record_id, json.loads(body)


def _signed_electronically(printed: Path, signed: Path, subtype: str = "/Widget",
                           rect: tuple[float, ...] = (0, 0, 0, 0), page: int = 0) -> Path:
    """The acta with a signature field and its widget (`rect` 0: invisible), as FirmaEC or a PDF reader adds them;
    `subtype` another kind of annotation that claims to be a signature."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(printed))
    field = writer._add_object(DictionaryObject({
        NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Firma presidenta"),
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
        NameObject("/Contents"): TextStringObject("$ 48.500,00"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]), NameObject("/F"): NumberObject(4)}))
    writer.pages[page][NameObject("/Annots")] = ArrayObject([field])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject([field]), NameObject("/SigFlags"): NumberObject(3)})
    with signed.open("wb") as out:
        writer.write(out)
    return signed
