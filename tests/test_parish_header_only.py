"""A file with its header and no row (a template left as downloaded) stores nothing: the preview says so, and
never «Sin problemas: se puede guardar» over a save button that cannot be pressed; a folder load notes it."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.parish.tables import PARTS, template_csv
from core.record.auth import Role, User
from tests.conftest import as_read, open_app_page
from tests.parish_export import export_csv
from tests.parish_files import ASSOCIATIONS, PARISH

PLANNER = User(username="tecnica-encabezado", display_name="Técnica", role=Role.PLANNER)
HEADER_ONLY = {  # part → a file that has only its header row
    "asociaciones": template_csv(PARTS["asociaciones"]),
    "ayudas": template_csv(PARTS["ayudas"]),
    "encuesta": export_csv([], labels=True),
}


@pytest.mark.parametrize("key", list(HEADER_ONLY))
def test_the_page_says_a_file_without_rows_has_nothing_to_save(parish_store, key):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.session_state["prep-file-asociaciones"] = ("asociaciones.csv", ASSOCIATIONS.encode())
    app.run()
    app.button(key="prep-save-asociaciones").click().run()
    app.session_state[f"prep-file-{key}"] = (f"{key}.csv", HEADER_ONLY[key])
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    notes = [as_read(e.value) for e in app.info]
    assert any(f"{key}.csv: solo trae el encabezado, sin filas de datos; no se guarda nada" in n for n in notes), notes
    assert "Sin problemas: se puede guardar." not in [e.value for e in app.success]
    assert app.button(key=f"prep-save-{key}").disabled


def test_a_folder_load_notes_a_template_left_empty(tmp_path, own_store, capsys):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "problemas.csv").write_bytes(template_csv(PARTS["problemas"]))
    assert main(["load", PARISH, str(folder)]) == 0
    assert "Aviso: problemas.csv: solo trae el encabezado, sin filas de datos" in capsys.readouterr().out
