"""A write of several records looks up their last entries in the log (core.record.row_guard: is each row as
logged? core.record.logged_versions: where does a record without a row go on counting?). The log has no index by
record, so the lookup passes over every entry; reading the JSON payload of each entry of the same kinds made a
decision saved over demo proposals, in a store of 50.000 entries, take 0,3 s (the bench target for a save is
0,05 s). Only the entries of the records asked about have their payload read."""

from __future__ import annotations

import sqlite3

import pytest

from core.record import logged_versions, row_guard
from core.record.store import Change, Store

OTHERS = 600  # entries of other records of the same kind


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    """M1 saved at versions 1 and 2, M2 saved once and taken out of the store (logged as 2), among OTHERS."""
    store = Store(tmp_path_factory.mktemp("log") / "s.sqlite")
    store.apply([Change("meeting", f"X{n}", {"n": n}, expected_version=0) for n in range(OTHERS)], actor="ana")
    store.save("meeting", "M1", {"n": 1}, actor="ana", expected_version=0)
    store.save("meeting", "M2", {"n": 1}, actor="ana", expected_version=0)
    store.save("meeting", "M1", {"n": 2}, actor="ana", expected_version=1)
    store.apply([Change("meeting", "M2", None, expected_version=1, remove=True)], actor="ana")
    return store.path


def _counting(path) -> tuple[sqlite3.Connection, list[int]]:
    """A connection whose json_extract counts its calls (and answers as SQLite's own)."""
    con, inner, calls = sqlite3.connect(path), sqlite3.connect(":memory:"), [0]

    def json_extract(payload, where):
        calls[0] += 1
        return inner.execute("SELECT json_extract(?, ?)", (payload, where)).fetchone()[0]

    con.create_function("json_extract", 2, json_extract)
    return con, calls


KEYS = [("meeting", "M1"), ("meeting", "M2"), ("meeting", "nueva")]


@pytest.mark.parametrize(("lookup", "expected"), [
    (lambda con: logged_versions.highest(con, KEYS), {("meeting", "M1"): 2, ("meeting", "M2"): 2}),
    (lambda con: row_guard.altered(con, KEYS), None),  # M1 as logged, M2 taken out, «nueva» never written
])
def test_a_lookup_of_several_records_reads_only_their_entries(log, lookup, expected):
    con, calls = _counting(log)
    assert lookup(con) == expected
    assert calls[0] < 30, f"{calls[0]} payloads read for 4 entries among {OTHERS}"


def _remove(store: Store) -> None:
    store.apply([Change("meeting", "M", None, expected_version=1, remove=True)], actor="ana")


@pytest.mark.parametrize(("before", "looked_up", "version"), [
    ([], [], 1),  # a new record: the log never wrote it, it starts at 1
    ([lambda s: s.save("meeting", "M", {"n": 0}, actor="ana")], [], 2),  # its row says where it is
    ([lambda s: s.save("meeting", "M", {"n": 0}, actor="ana"), _remove], [("meeting", "M")], 3),  # taken out
], ids=["nuevo", "guardado", "quitado"])
def test_a_save_looks_its_versions_up_in_the_log_only_for_a_record_taken_out_of_the_store(
        tmp_path, monkeypatch, before, looked_up, version):
    """A save of a new record passed over the whole log twice (is its row as logged? where does it go on
    counting?): at 50.000 entries a new record's save took 0,06 to 0,08 s instead of 0,04 s (target: 0,05 s)."""
    store = Store(tmp_path / "s.sqlite")
    for step in before:
        step(store)
    real, asked = logged_versions.highest, []
    monkeypatch.setattr(logged_versions, "highest", lambda con, keys: asked.extend(keys) or real(con, keys))
    expected = 0 if version != 2 else 1
    assert store.save("meeting", "M", {"n": 9}, actor="ana", expected_version=expected).version == version
    assert asked == looked_up
