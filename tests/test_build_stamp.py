"""`--if-stale` reads only what moved: unchanged sources cost a stat each, a touched file is hashed once."""

import os
import shutil

import pytest

from core.data import stamp
from core.data.build import STAMP, build, is_stale
from core.data.paths import SOURCES_DIR


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sources = tmp_path_factory.mktemp("stamp") / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    out = sources.parent / "out"
    build(out, sources)
    return sources, out


@pytest.fixture()
def hashed(monkeypatch) -> list[str]:
    """The names of the files the stamp reads in full during the test."""
    names: list[str] = []
    original = stamp._sha256

    def counting(path):
        names.append(path.name)
        return original(path)

    monkeypatch.setattr(stamp, "_sha256", counting)
    return names


def test_an_unchanged_tree_is_not_read(built, hashed):
    sources, out = built
    assert not is_stale(out, sources)
    assert hashed == []


def test_a_touched_but_unchanged_file_is_hashed_once_and_not_stale(built, hashed):
    sources, out = built
    target = sources / "pdot_objectives.csv"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    assert not is_stale(out, sources)
    assert hashed == ["pdot_objectives.csv"]
    assert not is_stale(out, sources)
    assert hashed == ["pdot_objectives.csv"]  # the stamp remembered the new time


def test_a_same_size_edit_makes_the_build_stale(tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(SOURCES_DIR, sources)
    build(out, sources)
    target = sources / "study_parish_figures.csv"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("24314", "24315", 1), encoding="utf-8")
    assert len(target.read_bytes()) == len(text.encode())
    assert is_stale(out, sources)


def test_a_stamp_in_the_old_format_means_stale(built, tmp_path):
    sources, _ = built
    old = tmp_path / STAMP
    old.write_text("0" * 64)
    assert stamp.changed(old, sources)
