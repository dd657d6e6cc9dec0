"""The public view shows only what is public: the diagnosis and approved decisions with their actas. A visitor
neither sees nor downloads proposals, offers, scenarios or meetings in preparation, and gets no form to fill."""

import pytest
from streamlit.testing.v1 import AppTest

from core.record.auth import Role, User
from tests.conftest import ROOT, open_app_page

WORK_PAGES = ["pages/propuestas.py", "pages/ofertas.py", "pages/alineacion.py", "pages/priorizacion.py",
              "pages/presupuesto.py", "pages/sesion.py", "pages/seguimiento.py", "pages/preparar.py",
              "pages/cooperantes.py", "pages/convocatorias.py", "pages/convenios.py", "pages/etapas.py",
              "pages/iati.py"]
OBSERVER = User(username="vecina-publica", display_name="Vecina", role=Role.OBSERVER)


@pytest.mark.parametrize("user", [None, OBSERVER], ids=["visitor", "observer"])
def test_the_navigation_offers_a_visitor_no_work_in_preparation(user):
    app = open_app_page("pages/inicio.py", user)
    for page in [*WORK_PAGES, "pages/administracion.py"]:
        with pytest.raises(ValueError, match="navigation page"):
            app.switch_page(page)
    app.switch_page("pages/decision.py").run()  # approved decisions and their actas stay public
    assert not app.exception


@pytest.mark.parametrize("page", WORK_PAGES)
def test_a_work_page_opened_directly_shows_nothing_to_a_visitor(page):
    app = AppTest.from_file(str(ROOT / page), default_timeout=60)
    app.session_state["parish_code"] = "010170"
    app.run()
    assert not app.exception
    assert any("trabajo en preparación" in i.value for i in app.info)
    assert not app.dataframe and not app.get("download_button") and not app.get("form")
    assert not [b for b in app.button if "Guardar" in b.label]


def test_a_signed_in_planner_still_reaches_the_work():
    app = open_app_page("pages/propuestas.py", User(username="tecnica-publica", display_name="Técnica",
                                                      role=Role.PLANNER))
    assert app.dataframe

