"""AppTest of the meeting's default title: the acta quotes it as the session the judgement scores came from, so it
never names the problems when the group scored the proposals."""

import pytest

from core.record import meeting
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import open_app_page

pytestmark = pytest.mark.usefixtures("own_store")

PLANNER = User(username="tecnica-titulo", display_name="Técnica", role=Role.PLANNER)


def test_a_meeting_on_the_proposals_opened_with_the_default_title_does_not_say_problems():
    app = open_app_page("pages/sesion.py", PLANNER)
    app.session_state["ses-people"] = {"edited_rows": {0: {"name": "Técnico MAG"}}, "added_rows": [],
                                       "deleted_rows": []}
    app.radio[0].set_value("proposals")
    next(b for b in app.button if b.label == "Abrir sesión").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    [opened] = meeting.meetings(Store(), "010170")
    assert opened.subject == "proposals"
    assert "problemas" not in opened.title.lower(), opened.title
