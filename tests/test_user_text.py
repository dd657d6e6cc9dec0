"""User text is text: hostile titles, names and scenario names in the store never reach a Streamlit call that
renders Markdown unescaped (a link, an image, a colour or an HTML tag), on any page that shows them."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.engine.allocation import AllocationRules
from core.engine.scenarios import Scenario, save_scenario
from core.proposals import records
from core.record import meeting, meeting_models
from core.record.auth import Accounts
from core.record.store import Store
from tests.conftest import open_app_page
from tests.test_spanish_reader import tab_states
from ui import data
from ui.text import plain

HOSTILE = ("[enlace](http://ejemplo.invalid/x) ![foto](http://ejemplo.invalid/i.png) :red[rojo] "
           "<span style='color:red'>span</span>")
# What would turn into a link, an image, a colour or HTML if the text above reached Markdown as it is.
ACTIVE = ("](http", "![", ":red[", "<span")
PARISH = "010170"


def _rendered_texts(app) -> list[tuple[str, str]]:
    """(element, text) for every element whose text Streamlit renders as Markdown."""
    out = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        out += [(kind, str(e.value)) for e in getattr(app, kind)]
    for kind in ("expander", "button", "checkbox", "toggle", "selectbox", "multiselect", "text_input",
                 "number_input", "slider", "text_area", "tabs", "metric", "radio", "date_input"):
        out += [(kind, str(e.label)) for e in getattr(app, kind)]
    out += [("radio option", str(o)) for r in app.radio for o in r.options]
    return out


def _active(text: str) -> bool:
    """Whether `text` still holds an active mark once every backslash-escaped character is set aside."""
    bare = re.sub(r"\\.", "", text, flags=re.DOTALL)
    return any(mark in bare for mark in ACTIVE)


def _unescaped(app) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in _rendered_texts(app) if _active(text)]


@pytest.fixture()
def hostile_store(own_store, con):
    """A store whose first proposal, a scenario, a meeting and the signed-in person carry hostile text."""
    store = Store()
    admin = Accounts(store).create_first_admin("admin", HOSTILE, "clave-de-prueba-2026")
    first = records.proposals(store, PARISH)[0]
    records.save_proposal(store, admin, first.item.model_copy(update={"title": HOSTILE}),
                          expected_version=first.version)
    save_scenario(store, admin, Scenario(name=HOSTILE, parish_code=PARISH, weights={"pdot": 1.0},
                                         rules=AllocationRules(budget_usd=1.0)))
    items = [v.item.proposal_id for v in records.proposals(store, PARISH)][:3]
    meeting.save_meeting(store, admin, meeting_models.Meeting(
        meeting_id="HOSTIL", parish_code=PARISH, title=HOSTILE, date=dt.date(2026, 11, 20), subject="proposals",
        item_ids=items, participants=[meeting_models.Participant(participant_id="p01", name=HOSTILE, username="admin")]))
    data.store.clear()
    return admin


@pytest.mark.parametrize("page", ["pages/inicio.py", "pages/presupuesto.py", "pages/priorizacion.py",
                                  "pages/sesion.py", "pages/propuestas.py", "pages/decision.py",
                                  "pages/seguimiento.py", "pages/alineacion.py", "pages/administracion.py"])
def test_hostile_user_text_is_shown_escaped(hostile_store, page):
    app = open_app_page(page, hostile_store, parish=PARISH, **{"ses-selected": "HOSTIL"})
    found = [shown for state in tab_states(app) for shown in _unescaped(state)]  # every tab, as a person opens it
    assert not found, "\n".join(f"{kind}: {text[:160]!r}" for kind, text in found)


def test_the_sidebar_shows_the_persons_name_escaped(hostile_store):
    app = open_app_page("pages/inicio.py", hostile_store, parish=PARISH)
    shown = [e.value for e in app.sidebar.markdown]
    assert any(plain("[enlace]") in text for text in shown)
    assert not [text for text in shown if _active(text)]


@given(st.text())
def test_plain_leaves_no_markdown_punctuation_unescaped(text):
    escaped = plain(text)
    assert "\n" not in escaped and "\r" not in escaped
    unescaped, i = [], 0
    while i < len(escaped):
        if escaped[i] == "\\":
            i += 2
            continue
        unescaped.append(escaped[i])
        i += 1
    assert not set("[]()<>:!*_`#|~$\\") & set(unescaped)


@given(st.text().filter(lambda s: not set(s) & set("\r\n\u2028\u2029\u2060")))
def test_plain_reads_back_as_exactly_what_was_typed(text):
    """Markdown reads `\\x` as x; with the invisible word joiners set aside, the characters typed remain."""
    shown = re.sub(r"\\(.)", r"\1", plain(text), flags=re.DOTALL).replace("\u2060", "")
    assert shown == text


@pytest.mark.parametrize("address", ["http://ejemplo.invalid/a", "https://x.org", "www.ejemplo.org", "ana@gad.gob.ec"])
def test_bare_addresses_cannot_become_links(address):
    shown = re.sub(r"\\(.)", r"\1", plain(address))
    assert "://" not in shown and "www." not in shown and not re.search(r"@\w", shown)


def test_plain_shows_what_was_typed():
    assert plain("Riego [fase 2]: 50%, «Ñamarín»") == r"Riego \[fase 2\]\: 50%, «Ñamarín»"
