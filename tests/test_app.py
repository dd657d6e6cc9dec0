"""AppTest: the router and every page run without an exception, in Spanish, for El Valle and for a
parish with no data on record."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.record.auth import Role, User
from tests.conftest import APP, open_app_page

PAGES = sorted(f"pages/{p.name}" for p in (Path(APP).parent / "pages").glob("*.py"))
NO_DATA_PARISH = "010151"  # Baños, Cuenca: in the DPA list, no associations on record


ADMIN = User(username="admin-paginas", display_name="Administración", role=Role.ADMIN)
PUBLIC_PAGES = sorted(f"pages/{name}.py" for name in ("inicio", "fuentes", "territorio", "asociaciones", "ayudas",
                                                         "migracion", "problemas", "decision", "registro"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("parish", [None, NO_DATA_PARISH])
def test_every_page_runs_without_an_exception(page, parish):
    app = open_app_page(page, ADMIN, parish=parish)
    assert app.title, "each page has a title"


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_runs_for_a_visitor(page):
    app = open_app_page(page)
    assert app.title, "each page has a title"


def test_inicio_shows_el_valle_at_a_glance():
    app = open_app_page("pages/inicio.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Población · 2010"] == "24.314"
    assert metrics["Pobreza · 2010"] == "63,4 %"
    assert metrics["Asociaciones"] == "8"
    assert metrics["Socios"] == "122"
    assert any("El Valle" in s.value for s in app.subheader)
    assert app.sidebar.selectbox[0].value == "010170"


@pytest.mark.parametrize(("parish", "name"), [(None, "El Valle — Cuenca"), (NO_DATA_PARISH, "Baños — Cuenca")])
def test_the_parish_selector_defaults_to_the_chosen_parish(parish, name):
    # A browser that draws the selector again without its value falls back to the widget's default: that
    # default must be the parish chosen, or the next click elsewhere silently switches to the first parish.
    selector = open_app_page("pages/inicio.py", parish=parish).sidebar.selectbox[0]
    assert selector.options[selector.proto.default].startswith(name)


def test_inicio_says_what_is_missing_for_a_parish_without_records():
    app = open_app_page("pages/inicio.py", parish=NO_DATA_PARISH)
    assert any("Camino de la parroquia" in s.value for s in app.subheader)
    assert any("Asociaciones registradas: falta" in m.value for m in app.markdown)
    assert "Asociaciones" not in {m.label for m in app.metric}


def test_the_parish_choice_is_kept_across_pages():
    # AppTest (1.67) drops the entrypoint's sidebar from its element tree on reruns under
    # st.navigation, so the widget itself is exercised in the browser test; here the state is.
    app = open_app_page("pages/inicio.py", parish=NO_DATA_PARISH)
    app.switch_page("pages/fuentes.py").run()
    app.switch_page("pages/inicio.py").run()
    assert not app.exception
    assert any("Baños" in s.value for s in app.subheader)


def test_institutional_sign_in_is_offered_only_when_configured(test_accounts):
    plain = open_app_page("pages/inicio.py")
    assert not [b for b in plain.sidebar.button if "institucional" in b.label]
    configured = AppTest.from_file(APP, default_timeout=60)
    configured.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x",
                                  "client_id": "minga", "client_secret": "y",
                                  "server_metadata_url": "https://example.org/.well-known/openid-configuration"}
    configured.run()
    assert not configured.exception
    assert [b for b in configured.sidebar.button if "institucional" in b.label]


def test_a_store_deleted_behind_its_anchor_tells_why_nobody_can_sign_in(own_store):
    """The store file deleted while its anchor stays offers no first administrator (core.record.signing.set_back);
    the sidebar said nothing, and the keeper saw a sign-in form nobody could pass."""
    from core.record.auth import Accounts
    from core.record.store import Store

    Accounts(Store(own_store)).create_first_admin("admin", "Administración", "una-clave-larga-2026")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{own_store}{suffix}").unlink(missing_ok=True)
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    [warning] = [w.value for w in app.sidebar.warning]
    assert warning.startswith("Este almacén no tiene cuentas, pero su registro firmado dice que las tuvo")
    assert "quitar también su ancla" in warning
    assert not [i for i in app.sidebar.text_input if i.key == "first-username"]
