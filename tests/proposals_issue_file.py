"""The planner's own proposals file as issue 11 hands it in (Windows-1252, «;», the amount requested left out), for
the proposal file tests: its header, a file of the given rows, and the day the files are handed in."""

from __future__ import annotations

import datetime as dt

import pytest

from core.proposals import import_preview
from core.record.store import Store

PARISH = "010170"
TODAY = dt.date(2027, 4, 6)

ISSUE_HEADER = ("Código;Asociación;Título;Costo total;Aporte comunitario;Beneficiarios;Duración (meses);"
                "Objetivo PDOT;ODS")


def issue_file(*rows: str, ending: str = "\n", header: str = ISSUE_HEADER) -> bytes:
    return ending.join([header, *rows, ""]).encode("cp1252")


@pytest.fixture()
def store(tmp_path, con) -> Store:
    """A new store for each test (a test module names it: `store = proposals_issue_file.store`)."""
    return Store(tmp_path / "s.sqlite")


@pytest.fixture()
def ctx(store, con) -> import_preview.ImportContext:
    """The planner's import context for PARISH on the day the files are handed in."""
    return import_preview.context_for(con, store, PARISH, today=TODAY)
