"""Built files damaged after the build (cut short, or changed inside a page): the app says in Spanish which file
and what to do, never a traceback; what people recorded is not touched."""

import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core.data.db import DamagedDataError, connect, query
from tests.conftest import APP


@pytest.fixture()
def damaged_copy(built_data_dir, tmp_path):
    """A copy of the session's build (times kept: the rollups stay usable) whose files a test may damage."""
    copy = tmp_path / "data"
    shutil.copytree(built_data_dir, copy)
    return copy


def _cut_short(path) -> None:
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])


def _scribble_over_pages(path) -> None:
    """Change bytes in the first half of a parquet file (its data pages), leaving its footer readable."""
    content = bytearray(path.read_bytes())
    for offset in range(4, len(content) // 2, 97):
        content[offset] = 0x5A
    path.write_bytes(bytes(content))


def test_a_failure_to_read_a_built_file_is_said_in_spanish(built_data_dir):
    path = built_data_dir / "aid.parquet"
    named = DamagedDataError.of(duckdb.InvalidInputException(f"No magic bytes found at end of file '{path}'"))
    assert named is not None and "«aid.parquet» no se puede leer" in str(named) and "make data" in str(named)
    unnamed = DamagedDataError.of(duckdb.Error("TProtocolException: Invalid data"))
    assert unnamed is not None and "Uno de los archivos de datos no se puede leer" in str(unnamed)


@pytest.mark.parametrize("error", [
    duckdb.BinderException('Referenced column "x" not found'),
    duckdb.ParserException("syntax error at or near SELEC"),
    duckdb.CatalogException("Table with name nada does not exist"),
    duckdb.IOException("Cannot open file \"informe.csv\": No such file or directory"),  # not a built file
    duckdb.ConversionException("Could not convert string 'x.parquet' to INT32"),  # a person's text, not a file
])
def test_a_query_of_its_own_mistake_is_not_taken_for_damaged_data(error):
    assert DamagedDataError.of(error) is None


def test_a_persons_text_naming_the_damage_sets_nothing_aside(built_data_dir):
    con = connect(built_data_dir)
    with pytest.raises(duckdb.ConversionException):
        query(con, "SELECT CAST(? AS INTEGER)", ["Corrupt database file"])
    assert con.execute("SELECT count(*) FROM duckdb_views() WHERE sql LIKE '%minga_rollups.%'").fetchone()[0] > 0


def test_a_built_file_cut_short_is_named_when_connecting(damaged_copy):
    _cut_short(damaged_copy / "aid.parquet")
    with pytest.raises(DamagedDataError, match="«aid.parquet» no se puede leer"):
        connect(damaged_copy)


def test_a_built_file_damaged_inside_is_reported_when_read(damaged_copy):
    _scribble_over_pages(damaged_copy / "aid.parquet")
    con = connect(damaged_copy)  # its footer still reads
    with pytest.raises(DamagedDataError, match="no se puede leer"):
        query(con, "SELECT * FROM raw_aid")
    assert query(con, "SELECT count(*) AS n FROM raw_associations")["n"][0] > 0  # the other files still answer


def test_the_app_says_which_file_is_damaged_instead_of_failing(damaged_copy, monkeypatch, own_store):
    from ui import parish

    _cut_short(damaged_copy / "members.parquet")
    monkeypatch.setenv("MINGA_DATA_DIR", str(damaged_copy))
    parish.refresh_views()
    try:
        app = AppTest.from_file(APP, default_timeout=90).run()  # the router stops before any page
        assert not app.exception
        assert any("«members.parquet» no se puede leer" in e.value for e in app.error)
    finally:
        monkeypatch.undo()
        parish.refresh_views()


def test_a_damaged_copy_of_entered_records_is_written_again_from_the_store(built_data_dir, tmp_path, monkeypatch):
    from core.parish.__main__ import main
    from core.parish.mirror import entered_root
    from tests.parish_files import PARISH, _folder

    store = tmp_path / "parish.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(store))
    assert main(["load", PARISH, str(_folder(tmp_path, []))]) == 0
    before = query(connect(built_data_dir), "SELECT aid_id FROM aid WHERE parish_code = ? ORDER BY 1", [PARISH])
    copy = entered_root(store) / "aid" / f"{PARISH}.parquet"
    _cut_short(copy)
    after = query(connect(built_data_dir), "SELECT aid_id FROM aid WHERE parish_code = ? ORDER BY 1", [PARISH])
    assert after.equals(before) and after.height == 2
    assert copy.read_bytes()[-4:] == b"PAR1"  # a whole parquet file again
