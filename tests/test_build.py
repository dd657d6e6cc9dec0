"""The build: validated sources become parquet; a bad row stops it and nothing is overwritten."""

import shutil

import pytest

from core.data.build import build, fingerprint, is_stale
from core.data.paths import SOURCES_DIR
from core.data.validation import SourceError, spanish_message


@pytest.fixture()
def sources(tmp_path):
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, copy)
    return copy


@pytest.fixture(scope="module")
def _built_once(tmp_path_factory):
    """(sources, out): a copy of the sources and one good build of them, made once for the module (a build takes
    about 0,7 s of CPU)."""
    root = tmp_path_factory.mktemp("built-once")
    shutil.copytree(SOURCES_DIR, root / "sources")
    build(root / "out", root / "sources")
    return root / "sources", root / "out"


@pytest.fixture()
def previous_build(_built_once, tmp_path):
    """(sources, out): the module's sources, and a copy of their good build in this test's folder; a source file the
    test changes is given back its bytes afterwards."""
    shared, template = _built_once
    out = tmp_path / "out"
    shutil.copytree(template, out)
    kept = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    yield shared, out
    for path, content in kept.items():
        if path.read_bytes() != content:
            path.write_bytes(content)


def _replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_writes_one_parquet_per_dataset_and_a_stamp(sources, tmp_path):
    out = tmp_path / "out"
    written = build(out, sources)
    assert {p.name for p in written} >= {"dpa_parishes.parquet", "data_sources.parquet", "study_parish_figures.parquet"}
    assert not is_stale(out, sources)
    assert not list(out.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("24314,11489", "-5,11489", "population", "mayor o igual que 0"),
        ("24314,11489", "muchos,11489", "population", "número entero"),
        (",0.634,", ",1.634,", "poverty_rate", "menor o igual que 1"),
        ("010170,El Valle", "10170,El Valle", "parish_code", "formato no válido"),
    ],
)
def test_a_bad_row_names_file_row_and_column_and_keeps_previous_data(previous_build, old, new, column, words):
    sources, out = previous_build
    assert not is_stale(out, sources)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}  # the rollups folder too
    _replace_in(sources / "study_parish_figures.csv", old, new)
    assert is_stale(out, sources)
    with pytest.raises(SourceError) as caught:
        build(out, sources)
    [problem] = caught.value.problems
    assert problem.file == "data/sources/study_parish_figures.csv"
    assert problem.row == 2
    assert problem.column == column
    assert words in problem.message
    assert f"fila 2, columna «{column}»" in str(caught.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_missing_column_is_reported_on_the_header(sources, tmp_path):
    _replace_in(sources / "study_parish_figures.csv", "poverty_rate,", "pobreza,")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    assert any(p.row == 1 and p.column == "poverty_rate" and "falta esta columna" in p.message
               for p in caught.value.problems)


def test_a_repeated_key_points_at_both_rows(sources, tmp_path):
    path = sources / "pdot_objectives.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    [problem] = caught.value.problems
    assert problem.row == len(lines) + 1
    assert "ya aparece en la fila 2" in problem.message


def test_an_unknown_foreign_key_is_refused(sources, tmp_path):
    _replace_in(sources / "pdot_objectives.csv", "EV-OE1,010170", "EV-OE1,999999")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    assert any("999999" in p.message and p.column == "parish_code" for p in caught.value.problems)


def test_a_file_that_is_not_utf8_is_refused_in_spanish(sources, tmp_path):
    (sources / "pdot_objectives.csv").write_bytes("id,ñandú\n".encode("utf-16"))
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    assert any("UTF-8" in p.message for p in caught.value.problems)


def test_fingerprint_changes_with_any_source_byte(sources):
    before = fingerprint(sources)
    with (sources / "pdot_objectives.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert fingerprint(sources) != before


def test_the_command_exits_non_zero_with_a_spanish_message(sources, tmp_path, monkeypatch, capsys):
    from core.data import build as build_module

    _replace_in(sources / "study_parish_figures.csv", "24314,11489", "-5,11489")
    monkeypatch.setattr(build_module, "SOURCES_DIR", sources)
    monkeypatch.setenv("MINGA_DATA_DIR", str(tmp_path / "out"))
    assert build_module.main([]) == 1
    err = capsys.readouterr().err
    assert "no se modificaron" in err
    assert "study_parish_figures.csv, fila 2" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.parquet"))


def test_a_wrong_code_lists_the_allowed_codes_in_spanish(sources, tmp_path):
    _replace_in(sources / "elvalle" / "aid.csv", ",mag,2013,inputs", ",mag,2013,regalos")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("data/sources/elvalle/aid.csv", 2, "kind")
    assert "valor no permitido «regalos»" in problem.message
    assert "«equipment» o «marketing»" in problem.message
    assert " or " not in problem.message and "'" not in problem.message


def test_a_broken_json_file_says_where_in_spanish(sources, tmp_path):
    (sources / "decision" / "proposals.json").write_text('[{"proposal_id": "EV-P01",\n  }]', encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    [problem] = caught.value.problems
    assert problem.file == "data/sources/decision/proposals.json"
    assert problem.message == "no es un JSON válido (revise la línea 2, columna 3)"


def test_a_row_cut_short_says_which_value_is_missing(sources, tmp_path):
    path = sources / "pdot_objectives.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "EV-OE99,010170"]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    assert {p.column for p in caught.value.problems} >= {"component", "objective_es"}
    assert all("falta el valor" in p.message for p in caught.value.problems)


def test_one_problem_is_counted_in_the_singular(sources, tmp_path):
    _replace_in(sources / "study_parish_figures.csv", "24314,11489", "-5,11489")
    with pytest.raises(SourceError) as caught:
        build(tmp_path / "out", sources)
    assert str(caught.value).startswith("Se encontró 1 problema:")


@pytest.mark.parametrize(("error", "message"), [
    ({"type": "uuid_parsing", "msg": "Input should be a valid UUID", "input": "abc"}, "valor no válido «abc»"),
    ({"type": "datetime_from_date_parsing", "msg": "Input should be a valid datetime or date", "input": "mañana"},
     "debe ser una fecha y hora (AAAA-MM-DD HH:MM) (se recibió «mañana»)"),
])
def test_a_rule_without_its_own_sentence_still_answers_in_spanish(error, message):
    """Pydantic's own sentence is English: it never reaches a planner."""
    assert spanish_message(error) == message
