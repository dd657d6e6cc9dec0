"""Where a person lands once signed in (core.record.landing): the parish they work for."""

from __future__ import annotations

import datetime as dt

import pytest

from core.parish.models import ParishAssociation
from core.parish.records import ParishBatch, save_as
from core.record import landing, meeting, meeting_models
from core.record.auth import Position, Role, User
from core.record.store import Store
from tests.conftest import store_accounts, store_problems

LICTO, CACHA = "060156", "060151"
PLANNER = User(username="tecnica-llegada", display_name="Técnica", role=Role.PLANNER)
ADVISER = User(username="asesor-cacha", display_name="Luis", role=Role.ADVISER)
REP_LICTO = User(username="rep-licto", display_name="Rosa", role=Role.ASSOCIATION, association_id=f"{LICTO}-A01")


@pytest.fixture()
def store(tmp_path):
    """Licto with its association A01 loaded; Cacha's open meeting lists the adviser «asesor-cacha»."""
    store = Store(tmp_path / "s.sqlite")
    save_as(store, "consola", ParishBatch(LICTO).add("asociaciones", [
        ParishAssociation(parish_code=LICTO, code="A01", name="Flor de Licto", members_total=5)]))
    store_accounts(store, PLANNER, ADVISER, REP_LICTO)
    meeting.save_meeting(store, PLANNER, meeting_models.Meeting(
        meeting_id="LLEGADA-CACHA", parish_code=CACHA, title="Problemas de Cacha", date=dt.date(2026, 11, 20),
        subject="problems", item_ids=store_problems(store, CACHA),
        participants=[meeting_models.Participant(participant_id="p01", name="Luis", username="asesor-cacha"),
                      meeting_models.Participant(participant_id="p02", name="Rosa", username="rep-licto")]))
    return store


@pytest.mark.parametrize(("user", "lands_on"), [
    (User(username="vocal-licto", display_name="Vocal", role=Role.BOARD, position=Position.MEMBER,
          parish_code=LICTO), LICTO),
    # a representative lands on their association's parish, even when a meeting elsewhere lists them
    (REP_LICTO, LICTO),
    (User(username="rep-valle", display_name="María", role=Role.ASSOCIATION, association_id="EV-A01"), "010170"),
    (ADVISER, CACHA),
    (User(username="rep-ninguna", display_name="Ana", role=Role.ASSOCIATION, association_id=f"{LICTO}-A09"), None),
    (PLANNER, None),  # a planner of every parish
    (PLANNER.model_copy(update={"parish_code": LICTO}), LICTO),  # … and one tied to its GAD's parish
])
def test_a_person_lands_on_the_parish_they_work_for(store, user, lands_on):
    assert landing.parish_of(store, user) == lands_on
