"""What a parish records reaches the views as the views' own rows would: problems ranked by their votes."""

from __future__ import annotations

import polars as pl
import pytest

from core.data.db import connect
from core.parish.mirror import entered_root
from core.parish.models import ParishAid, ParishAssociation, ParishProblem
from core.parish.records import ParishBatch, save_as
from core.record.store import Store

PARISH = "040157"


@pytest.mark.parametrize(("votes", "ranks"), [
    ({"P01": 9, "P02": 12, "P03": 12, "P04": 3}, {"P02": 1, "P03": 1, "P01": 3, "P04": 4}),
    ({"P01": 5, "P02": 7, "P03": 5}, {"P02": 1, "P01": 2, "P03": 2}),
    ({"P01": 0, "P02": 0}, {"P01": 1, "P02": 1}),
])
def test_problems_with_the_same_votes_share_their_rank(tmp_path, monkeypatch, built_data_dir, votes, ranks):
    path = tmp_path / "rangos.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    problems = [ParishProblem(parish_code=PARISH, code=code, label_es=f"Problema {code}", votes=n)
                for code, n in votes.items()]
    save_as(Store(path), "pruebas", ParishBatch(PARISH, problems=problems))
    rows = connect(built_data_dir).execute("SELECT problem_id, rank FROM problems WHERE parish_code = ?",
                                           [PARISH]).fetchall()
    assert dict(rows) == {f"{PARISH}-{code}": rank for code, rank in ranks.items()}


@pytest.mark.parametrize("by_hand", ["deleted", "emptied", "another_parish_s"])
def test_a_mirrored_file_changed_by_hand_is_written_again_from_the_store(tmp_path, monkeypatch, built_data_dir,
                                                                       by_hand):
    path = tmp_path / "a-mano.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    store = Store(path)
    problems = [ParishProblem(parish_code=PARISH, code="P01", label_es="Agua de riego", votes=4)]
    save_as(store, "pruebas", ParishBatch(PARISH, problems=problems))
    query = "SELECT problem_id FROM problems WHERE parish_code = ?"
    assert connect(built_data_dir).execute(query, [PARISH]).fetchall() == [(f"{PARISH}-P01",)]
    mirrored = entered_root(path) / "problems" / f"{PARISH}.parquet"
    if by_hand == "deleted":
        mirrored.unlink()
    elif by_hand == "emptied":
        pl.read_parquet(mirrored).clear().write_parquet(mirrored)
    else:  # a file copied over from another installation, with another parish's row under this parish's name
        frame = pl.read_parquet(mirrored)
        frame.with_columns(pl.lit("040158-P09").alias("problem_id")).write_parquet(mirrored)
    assert connect(built_data_dir).execute(query, [PARISH]).fetchall() == [(f"{PARISH}-P01",)]


def test_a_file_replaced_by_hand_with_the_same_size_and_time_is_written_again(tmp_path, monkeypatch,
                                                                             built_data_dir):
    """Copied with its time kept (`cp -p`, `touch -r`), a file of the same size: its inode and change time tell."""
    import os

    from core.parish.mirror import sync

    path = tmp_path / "mismo-sello.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    store = Store(path)
    save_as(store, "pruebas", ParishBatch(PARISH, problems=[
        ParishProblem(parish_code=PARISH, code="P01", label_es="Agua de riego", votes=4)]))
    mirrored = entered_root(path) / "problems" / f"{PARISH}.parquet"
    before = mirrored.stat()
    other = tmp_path / "otra.parquet"
    pl.read_parquet(mirrored).with_columns(pl.lit("Fuga de riego").alias("label_es")).write_parquet(other)
    assert other.stat().st_size == before.st_size
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, mirrored)
    assert sync(store)
    assert pl.read_parquet(mirrored)["label_es"].to_list() == ["Agua de riego"]


@pytest.mark.parametrize("key", ["../../fuera", "../fuera", "/tmp/fuera"])
def test_a_mark_edited_by_hand_never_reaches_outside_the_mirror_folder(tmp_path, monkeypatch, built_data_dir, key):
    """A parish code in the mark is a file name in each dataset's folder: one that climbs out is not followed."""
    import json

    from core.parish.mirror import sync

    path = tmp_path / "marca.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    store = Store(path)
    save_as(store, "pruebas", ParishBatch(PARISH, problems=[
        ParishProblem(parish_code=PARISH, code="P01", label_es="Agua de riego", votes=4)]))
    root = entered_root(path)
    outside = (root / "problems" / f"{key}.parquet").resolve() if not key.startswith("/") else \
        tmp_path / "fuera.parquet"
    key = key if not key.startswith("/") else str(tmp_path / "fuera")
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_bytes(b"no es de Minga")
    mark = root / ".escrito-desde.json"
    written = json.loads(mark.read_text(encoding="utf-8"))
    written["records"][key] = [1]
    mark.write_text(json.dumps(written), encoding="utf-8")
    assert sync(store)
    assert outside.read_bytes() == b"no es de Minga"
    assert connect(built_data_dir).execute("SELECT label_es FROM problems WHERE parish_code = ?",
                                           [PARISH]).fetchall() == [("Agua de riego",)]


@pytest.mark.parametrize(("descriptions", "shown"), [
    (["Curso de manejo de suelos", None], "Curso de manejo de suelos"),  # was «Curso de manejo de suelos · »
    ([None, "Semillas de papa"], "Semillas de papa"),  # was « · Semillas de papa»
    (["Curso", "   ", "Visita"], "Curso · Visita"),
    ([None, None], ""),
    (["Curso", "Visita"], "Curso · Visita"),
])
def test_an_aid_without_description_adds_no_separator_to_its_group(tmp_path, monkeypatch, built_data_dir,
                                                                   descriptions, shown):
    """The aid of one association, institution, kind and year is one row of «Todas las ayudas», its descriptions
    joined by « · »: a parish's aid left without one is stored empty, and the join showed a separator with nothing
    on one side."""
    monkeypatch.setenv("MINGA_STORE", str(tmp_path / "ayudas.sqlite"))
    association = ParishAssociation(parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=10)
    aid = [ParishAid(parish_code=PARISH, code=f"AY{i}", association_id=association.association_id, institution="MAG",
                     year=2024, kind="training", amount_usd=100, description_es=text)
           for i, text in enumerate(descriptions, start=1)]
    save_as(Store(tmp_path / "ayudas.sqlite"), "pruebas", ParishBatch(PARISH, associations=[association], aid=aid))
    rows = connect(built_data_dir).execute("SELECT aid_records, descriptions FROM aid_flows WHERE parish_code = ?",
                                           [PARISH]).fetchall()
    assert rows == [(len(descriptions), shown)]
