"""The El Valle generator: reproducible to the byte, exact by construction, free of Streamlit."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from core.data.datasets import by_name
from core.synth import elvalle

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "data" / "sources" / "elvalle"
FILES = ["associations.csv", "members.csv", "member_needs.csv", "aid.csv", "problems.csv"]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_generator_writes_every_registered_file():
    registered = {d.source for d in by_name().values() if d.source.startswith("elvalle/")}
    assert registered == {f"elvalle/{name}" for name in FILES}


def test_same_seed_rewrites_the_committed_files_byte_for_byte(tmp_path):
    written = elvalle.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), (
            f"{name} differs from the committed file: run `python -m core.synth` and commit")


def test_command_line_writes_the_same_bytes(tmp_path):
    subprocess.run([sys.executable, "-m", "core.synth", "--out", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes()


@pytest.mark.parametrize("seed", [1, 2024])
def test_another_seed_moves_people_but_keeps_the_published_counts(tmp_path, seed):
    """The counts are allocated, not sampled: any seed reproduces the study's figures."""
    elvalle.write(tmp_path, seed=seed)
    members = read(tmp_path / "members.csv")
    committed = read(COMMITTED / "members.csv")
    assert members != committed  # the seed matters for who gets what...
    assert len(members) == 91  # ...but not for the published aggregates:
    table = Counter((m["head_of_household"], m["member_role"]) for m in members)
    assert table[("father", "mother")] == 43 and sum(table.values()) == 91
    assert sum(m["is_head_of_household"] == "true" for m in members) == 41
    assert Counter(m["perceived_poverty"] for m in members) == {"poor": 50, "middle_class": 36, "very_poor": 4, "": 1}
    assert sum(m["family_abroad"] == "true" for m in members) == 23
    ages = [int(m["age"]) for m in members if m["age"]]
    assert sum(31 <= a <= 65 for a in ages) * 1000 // len(ages) == 814  # 81.48%
    needs = Counter(n["need"] for n in read(tmp_path / "member_needs.csv"))
    assert (needs["water_systems"], needs["training"], needs["technical_support"], sum(needs.values())) == (
        32, 28, 26, 200)
    pairs = [(n["member_id"], n["need"]) for n in read(tmp_path / "member_needs.csv")]
    assert len(pairs) == len(set(pairs))
    votes = [int(p["votes"]) for p in read(tmp_path / "problems.csv")]
    assert sum(votes) == 104


def test_every_generated_row_is_flagged():
    for name in FILES:
        rows = read(COMMITTED / name)
        assert rows and all(r["is_synthetic"] == "true" for r in rows), name


def test_provenance_names_the_generator_and_its_seed():
    for dataset in by_name().values():
        if dataset.source.startswith("elvalle/"):
            assert dataset.synthetic
            assert elvalle.GENERATOR in dataset.provenance
            assert f"semilla {elvalle.SEED}" in dataset.provenance


def test_problem_votes_are_strictly_decreasing_and_sum_to_the_votes_cast():
    votes = elvalle.problem_votes()
    assert len(votes) == 11 and sum(votes) == 8 * 13
    assert all(a > b for a, b in zip(votes, votes[1:], strict=False))


def test_allocation_refuses_counts_that_do_not_add_up():
    with pytest.raises(ValueError):
        elvalle._allocate(elvalle.random.Random(0), [{}, {}], "x", [("a", 3)])


def test_generator_does_not_import_streamlit():
    code = "import sys, core.synth.elvalle, core.data.schemas.study; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
