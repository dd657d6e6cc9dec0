"""A saved scenario remembers which advisory-group meetings fed it; a run now that reads other ones is said."""

import datetime as dt
from types import SimpleNamespace

import pytest

from core.engine import scenario_meetings, scenarios
from core.engine.allocation import AllocationRules
from core.engine.prioritization import load_inputs
from core.record.auth import Role, User
from core.record.meeting import save_meeting, save_private_score
from core.record.meeting_models import Meeting, Participant, PrivateScore
from core.record.meeting_results import MeetingRef
from core.record.store import Store
from tests.conftest import store_accounts

PARISH = "010170"
A = MeetingRef("S-A", "Primera", dt.date(2026, 11, 20))
B = MeetingRef("S-B", "Segunda", dt.date(2026, 11, 27))
V = MeetingRef("S-V", "Problemas", dt.date(2026, 11, 10))
SAVED_A = {"scores": {"meeting_id": "S-A", "name_es": A.name_es}}


def _scenario(**stamped) -> scenarios.Scenario:
    body = {"name": "Con el grupo", "parish_code": PARISH, "weights": {"feasibility": 1},
            "rules": {"budget_usd": 30000}, **stamped}
    return scenarios.Scenario.model_validate(body)  # as read from the store


@pytest.mark.parametrize(("stamped", "now", "expected"), [
    ({"fed_by": SAVED_A, "meetings_es": [A.name_es]}, {"scores": A}, []),
    ({"fed_by": SAVED_A, "meetings_es": [A.name_es]}, {"scores": B},
     [("scores", A.name_es, B.name_es)]),
    ({"fed_by": {}}, {"scores": A, "need": V}, [("scores", None, A.name_es), ("need", None, V.name_es)]),
    ({"fed_by": SAVED_A, "meetings_es": [A.name_es]}, {}, [("scores", A.name_es, None)]),
    ({"fed_by": {}}, {"ballots": B}, [("ballots", None, B.name_es)]),
    # stored before the roles were kept: its names are compared (a proportional run's ballots are not named there)
    ({"meetings_es": [A.name_es]}, {"scores": A, "ballots": B}, []),
    ({"meetings_es": [A.name_es]}, {"scores": B}, [("any", A.name_es, B.name_es)]),
    ({}, {"need": V}, [("any", None, V.name_es)]),
])
def test_the_meetings_that_fed_a_scenario_are_compared_with_those_a_run_reads_now(stamped, now, expected):
    scenario = _scenario(**stamped)
    found = scenario_meetings.changes(scenario, SimpleNamespace(fed_by=now))
    assert [(c.role, c.saved_es, c.now_es) for c in found] == expected
    said = scenario_meetings.changes_es(scenario, SimpleNamespace(fed_by=now))
    assert (said is None) == (not expected)


CHAIR = User(username="tecnica-esc", display_name="Técnica", role=Role.PLANNER)
ANA = User(username="ana-esc", display_name="Ana", role=Role.ADVISER)
BOARD = User(username="presidenta-esc", display_name="Presidenta", role=Role.BOARD)


def _scored_meeting(store, meeting_id, date, value):
    opened = save_meeting(store, CHAIR, Meeting(
        meeting_id=meeting_id, parish_code=PARISH, title=f"Sesión {meeting_id}", date=date, subject="proposals",
        item_ids=["EV-P01", "EV-P02"], participants=[Participant(participant_id="ana", name="Ana",
                                                                   username=ANA.username)]))
    save_private_score(store, ANA, PrivateScore(meeting_id=meeting_id, participant_id="ana", proposal_id="EV-P01",
                                                scores={"feasibility": value}))
    save_meeting(store, CHAIR, opened.model_copy(update={"status": "closed"}), expected_version=1)


def test_a_meeting_closed_after_the_scenario_was_saved_is_named_with_the_one_it_was_saved_with(tmp_path, con):
    store = store_accounts(Store(tmp_path / "s.sqlite"), CHAIR, ANA, BOARD)
    _scored_meeting(store, "S-ANTES", dt.date(2026, 11, 20), 10)
    scenario = scenarios.Scenario(name="Con el grupo", parish_code=PARISH, weights={"feasibility": 1},
                                  rules=AllocationRules(budget_usd=30000))
    saved = scenarios.save_scenario(store, BOARD, scenario).scenario
    assert {r: m.meeting_id for r, m in saved.fed_by.items()} == {"scores": "S-ANTES"}
    assert saved.meetings_es == [saved.fed_by["scores"].name_es]
    run = scenarios.run_scenario(load_inputs(con, PARISH, store=store), saved, explain=False)
    assert scenario_meetings.changes_es(saved, run) is None
    _scored_meeting(store, "S-DESPUES", dt.date(2026, 11, 27), 90)
    saved = scenarios.load_scenario(store, saved.scenario_id).scenario  # as the Decisión page reads it
    run = scenarios.run_scenario(load_inputs(con, PARISH, store=store), saved, explain=False)
    said = scenario_meetings.changes_es(saved, run)
    assert said is not None and "«Con el grupo»" in said
    assert ("Puntajes de las propuestas: al guardar, sesión del grupo asesor «Sesión S-ANTES» del 20/11/2026; "
            "ahora, sesión del grupo asesor «Sesión S-DESPUES» del 27/11/2026.") in said
