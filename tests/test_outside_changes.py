"""Files changed outside the app reach its pages: a parish's records loaded from the command line, or a new build,
change the files' stamp, and the next run of any page drops the cached connection and query results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.data.db import connect, files_stamp, query
from core.data.paths import BUILD_STAMP
from core.parish.__main__ import main
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder


@pytest.fixture()
def store_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "outside.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    return path


def test_a_load_from_the_command_line_changes_the_stamp(tmp_path, store_path, built_data_dir):
    before = files_stamp(built_data_dir)
    assert files_stamp(built_data_dir) == before  # nothing changed: the same stamp
    assert main(["load", PARISH, str(_folder(tmp_path, answers(6, ["A01"])))]) == 0
    after = files_stamp(built_data_dir)
    assert after != before
    rows = query(connect(built_data_dir), "SELECT count(*) FROM associations WHERE parish_code = ?", [PARISH])
    assert rows.item() == 2


def test_a_new_build_changes_the_stamp(tmp_path, store_path):
    folder = tmp_path / "build"
    folder.mkdir()
    marker = folder / BUILD_STAMP
    marker.write_text("first")
    before = files_stamp(folder)
    os.utime(marker, ns=(marker.stat().st_atime_ns, marker.stat().st_mtime_ns + 1_000_000))
    assert files_stamp(folder) != before


def test_the_pages_refresh_only_when_the_stamp_changes(monkeypatch):
    from ui import parish

    stamps = iter([(1, 0), (1, 0), (2, 0), (2, 0)])
    refreshed = []
    monkeypatch.setattr(parish, "files_stamp", lambda **_: next(stamps))
    monkeypatch.setattr(parish, "refresh_views", lambda: refreshed.append(True))
    monkeypatch.setattr(parish, "_seen_stamp", [])
    for _ in range(4):
        parish.follow_outside_changes()
    assert refreshed == [True]  # once, on the run that met the new stamp
