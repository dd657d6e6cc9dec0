"""AppTest: a planner tied to another parish's GAD who writes on a page is told why in Spanish, as text, and nothing is
stored; the planner of the parish's own GAD saves as before."""

import pytest

from core.iati import identifiers
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page

EL_VALLE, RIO_BLANCO = "010170", "140164"
VALLE_PLANNER = User(username="tecnico-valle", display_name="Técnico El Valle", role=Role.PLANNER, parish_code=EL_VALLE)
RIO_PLANNER = User(username="tecnica-rio", display_name="Técnica Río Blanco", role=Role.PLANNER,
                   parish_code=RIO_BLANCO)


@pytest.mark.parametrize(("user", "refusal"), [
    (VALLE_PLANNER, None),
    (RIO_PLANNER, ("Su cuenta de técnico de planificación es del GAD de Río Blanco (140164); no puede registrar "
                   "ofertas, convenios ni informes de cooperación de El Valle (010170).")),
])
def test_the_publishers_ruc_is_saved_by_the_parishs_own_planner_only(own_store, user, refusal):
    app = open_app_page("pages/iati.py", user, parish=EL_VALLE)
    app.text_input(key=next(i.key for i in app.text_input if i.label.startswith("RUC"))).input("0160000000001")
    next(b for b in app.button if b.label == "Guardar RUC").click().run()
    assert not app.exception, [e.value for e in app.exception]
    errors = [as_read(e.value) for e in app.error]
    ruc = identifiers.publisher(Store(own_store), EL_VALLE).ruc
    if refusal is None:
        assert not errors and ruc == "0160000000001"
        return
    assert any(refusal in error for error in errors), errors
    assert ruc is None


@pytest.mark.parametrize(("user", "parish", "note"), [
    (RIO_PLANNER, EL_VALLE, ("Técnico de planificación del GAD de Río Blanco (140164): en El Valle (010170) solo puede "
                            "consultar; para trabajar, elija su parroquia en el selector de la barra lateral.")),
    (VALLE_PLANNER, EL_VALLE, "Técnico de planificación del GAD de El Valle (010170)."),
    (User(username="tecnica", display_name="Técnica", role=Role.PLANNER), EL_VALLE, None),  # every parish
])
def test_the_sidebar_says_which_parish_a_tied_planner_works_for(own_store, user, parish, note):
    app = open_app_page("pages/inicio.py", user, parish=parish)
    captions = [as_read(c.value) for c in app.sidebar.caption if "Técnico de planificación del GAD" in c.value]
    assert captions == ([note] if note else [])


def test_the_log_of_another_parish_is_refused_as_text_to_a_tied_planner(own_store):
    app = open_app_page("pages/registro.py", RIO_PLANNER, parish=EL_VALLE)
    assert ("Su cuenta de técnico de planificación ve solo el registro de la parroquia de su GAD, Río Blanco "
            "(140164), no el de El Valle (010170). Elija su parroquia en el selector de la barra lateral."
            in [as_read(i.value) for i in app.info])
    assert not app.dataframe  # no entry of El Valle is shown
    own = open_app_page("pages/registro.py", RIO_PLANNER, parish=RIO_BLANCO)
    assert not [i for i in own.info if "solo el registro" in i.value]
