"""«Preparar la parroquia» under AppTest: an aid's «Socio» that is not a surveyed member of the parish, or one surveyed
in another association, is told with the file's other problems (file, row and column), and by the form at its
column, before anything is saved."""

from __future__ import annotations

import pytest

from core.parish.mirror import AID
from core.parish.records import ParishBatch, association_index, save_as
from core.parish.survey import read_survey
from core.parish.tables import PARTS, Context, read_part
from core.record.store import Store
from tests.conftest import as_read, open_app_page
from tests.parish_export import answers, export_csv
from tests.parish_files import ASSOCIATIONS, PARISH
from tests.test_app_preparar import PLANNER

HEADER = "Código;Asociación;Socio;Institución;Año;Tipo de ayuda;Monto (USD)\n"
UNKNOWN = "«no-es-un-socio» no es un socio encuestado de la parroquia"
WHAT_TO_WRITE = "escriba el identificador del socio en la encuesta (el _uuid de su respuesta) o deje la celda vacía"


def _with_a_surveyed_member(path) -> str:
    """Flor de Mayo (A01) with one surveyed member, stored; the member's _uuid."""
    store = Store(path)
    associations = read_part(ASSOCIATIONS.encode(), "asociaciones.csv", PARTS["asociaciones"],
                             Context(PARISH, association_index(store, PARISH)))
    save_as(store, "consola", ParishBatch(PARISH).add("asociaciones", associations.items))
    rows = answers(1, ["A01"])
    survey = read_survey(export_csv(rows), "encuesta.csv", PARISH, association_index(store, PARISH))
    assert survey.ok, survey.problems
    save_as(store, "consola", ParishBatch(PARISH).add("encuesta", survey.items))
    return str(rows[0]["_uuid"])


@pytest.mark.parametrize(("member", "association", "told"), [
    ("no-es-un-socio", "A01", f"{UNKNOWN}: {WHAT_TO_WRITE}"),
    ("", "A01", None),
    ("KNOWN", "A01", None),
    ("KNOWN", "A02", ("el socio «{known}» figura en la encuesta en otra asociación que la de esta fila: corrija la "
                      "asociación o el socio, o deje esta celda vacía")),  # surveyed in Flor de Mayo (A01)
])
def test_an_unknown_member_is_told_with_the_files_other_problems(parish_store, member, association, told):
    known = _with_a_surveyed_member(parish_store)
    member = known if member == "KNOWN" else member
    rows = HEADER + f"AY1;{association};{member};MAG;2024;Insumos;100\nAY2;A01;;MAG;2024;Insumos;abc\n"
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH, **{"prep-file-ayudas": ("ayudas.csv",
                                                                                              rows.encode())})
    assert not app.exception, [e.value for e in app.exception]
    errors = as_read("\n".join(e.value for e in app.error))
    assert "ayudas.csv, fila 3, columna «Monto (USD)»" in errors  # the other problem, in the same preview
    assert ("columna «Socio»" in errors) == (told is not None)
    assert told is None or f"ayudas.csv, fila 2, columna «Socio»: {told.format(known=known)}" in errors
    assert app.button(key="prep-save-ayudas").disabled
    assert Store(parish_store).records(AID, PARISH) == []


def test_the_aid_form_tells_an_unknown_member_at_its_column(parish_store):
    _with_a_surveyed_member(parish_store)
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.selectbox(key="prep-ayudas-association_id").select(f"{PARISH}-A01")
    app.text_input(key="prep-ayudas-member_id").input("no-es-un-socio")
    app.text_input(key="prep-ayudas-institution").input("MAG")
    app.text_input(key="prep-ayudas-year").input("2024")
    app.selectbox(key="prep-ayudas-kind").select("inputs")
    app.text_input(key="prep-ayudas-amount_usd").input("100")
    next(b for b in app.button if b.form_id == "prep-form-ayudas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert f"columna «Socio»: {UNKNOWN}" in as_read("\n".join(e.value for e in app.error))
    assert Store(parish_store).records(AID, PARISH) == []
