"""«Preparar la parroquia» under AppTest with a survey export that repeats submissions: a repeat with the same answers
is counted once and the page says which rows it dropped; the same id with other answers cannot be saved and the page
names the file, both rows and the columns; importing the export again stores nothing twice."""

from __future__ import annotations

from core.parish.mirror import ANSWER
from core.record.store import Store
from tests.conftest import as_read, open_app_page
from tests.parish_export import answers, export_csv
from tests.parish_files import ASSOCIATIONS, PARISH
from tests.test_app_preparar import PLANNER, _save_file, _texts

ROWS = answers(5, ["A01", "A02"], seed=31)
LATER = "2026-11-30T18:40:00"  # the second sending reaches the server later


def _stored(path) -> list[str]:
    return sorted(r.record_id for r in Store(path).records(ANSWER, PARISH))


def test_a_repeated_submission_is_counted_once_said_and_not_doubled_by_importing_again(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    export = export_csv([*ROWS, {**ROWS[2], "_submission_time": LATER}])
    app.session_state["prep-file-encuesta"] = ("encuesta.csv", export)
    app.run()
    assert [as_read(i.value) for i in app.info if "descart" in i.value] == [
        ("- encuesta.csv: se descartó la fila 7, que repite el envío de la fila 4 con las mismas respuestas; el envío "
         "se cuenta una sola vez")]
    assert "Vista previa de «encuesta.csv»: 5 filas válidas" in as_read(_texts(app))
    assert not app.button(key="prep-save-encuesta").disabled
    app.button(key="prep-save-encuesta").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert _stored(parish_store) == sorted(f"{PARISH}-{r['_uuid']}" for r in ROWS)
    log = len(Store(parish_store).log())

    _save_file(app, "encuesta", "encuesta.csv", export)  # the same export once more: nothing new, nothing doubled
    assert "Guardado: ningún registro nuevo ni modificado, 5 sin cambios" in _texts(app)
    assert _stored(parish_store) == sorted(f"{PARISH}-{r['_uuid']}" for r in ROWS)
    assert len(Store(parish_store).log()) == log


def test_one_id_with_other_answers_cannot_be_saved_and_the_page_says_where(parish_store):
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    _save_file(app, "asociaciones", "asociaciones.csv", ASSOCIATIONS.encode())
    _save_file(app, "encuesta", "encuesta.csv", export_csv(ROWS))
    before = {r.record_id: r.body for r in Store(parish_store).records(ANSWER, PARISH)}
    age = {"edad": 70 if ROWS[0]["edad"] != 70 else 71}
    app.session_state["prep-file-encuesta"] = ("encuesta.csv", export_csv([*ROWS, {**ROWS[0], **age}]))
    app.run()
    [error] = [as_read(e.value) for e in app.error]
    assert (f"encuesta.csv, fila 7, columna «_uuid»: el envío «{ROWS[0]['_uuid']}» ya está en la fila 2 con otras "
            "respuestas en la columna «socio/edad»") in error
    assert app.button(key="prep-save-encuesta").disabled
    assert {r.record_id: r.body for r in Store(parish_store).records(ANSWER, PARISH)} == before
