"""Which advisory-group meetings fed a saved scenario, and whether a run of it now reads other ones.

A saved scenario is re-run on demand (core.engine.scenarios.run_scenario) with the meetings closed NOW: a meeting
closed since it was saved changes the scores, the need criterion or the proportional ballots, and so the ranking
the planner saved. When a scenario is saved, `stamp` records the meetings that fed the parish's runs then, by what
they gave (`fed_by`: "scores", "need", "ballots"); `changes_es` compares them with those a run reads now
(`Prioritization.fed_by`), so the Decisión page warns the board before it records a decision. A scenario stored
before `fed_by` existed has only the names of its scoring and need meetings (`meetings_es`): those are compared.
Nothing here touches a recorded decision or its acta.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from core.engine.ballots import group_ballots
from core.fmt import listing
from core.record.meeting_results import problem_votes, scores_feed
from core.record.store import Store
from core.texts import t

if TYPE_CHECKING:
    from core.engine.prioritization import Prioritization
    from core.engine.scenarios import Scenario

ROLES = ("scores", "need", "ballots")  # what a meeting gives a run, in the order the warning names them
NAMED = ("scores", "need")  # the roles `meetings_es` names (the acta's and a scenario's list of meetings)


class FedMeeting(BaseModel):
    """A meeting that fed a scenario when it was saved: its id (to compare) and its Spanish name (to show)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    meeting_id: str
    name_es: str


def stamp(store: Store, parish_code: str, method: str) -> dict:
    """What `save_scenario` stamps on a scenario: `fed_by` (role → FedMeeting: the closed meetings the parish's runs
    read now; the ballots only for the proportional method, the only one that uses them) and `meetings_es` (the
    names of the scoring and need meetings, as before)."""
    group, voted = scores_feed(store, parish_code), problem_votes(store, parish_code)
    refs = {"scores": group.meeting if group else None, "need": voted[0] if voted else None,
            "ballots": group_ballots(store, parish_code).meeting if method == "proportional" else None}
    fed = {role: FedMeeting(meeting_id=m.meeting_id, name_es=m.name_es) for role, m in refs.items() if m is not None}
    return {"fed_by": fed, "meetings_es": [fed[role].name_es for role in NAMED if role in fed]}


@dataclass(frozen=True)
class MeetingChange:
    """A role whose meeting differs: named as when the scenario was saved and as the run reads it now (None: no
    meeting gave it). `role` is "any" for a scenario stored before `fed_by`, compared by its names alone."""

    role: str
    saved_es: str | None
    now_es: str | None


def changes(scenario: Scenario, run: Prioritization) -> list[MeetingChange]:
    """The meetings that fed `scenario` when saved and differ from those feeding `run` now (empty: the same)."""
    now = run.fed_by
    if scenario.fed_by is None:  # stored before the roles were kept: only the names of scoring and need meetings
        saved_names, now_names = list(scenario.meetings_es), [now[role].name_es for role in NAMED if role in now]
        if sorted(saved_names) == sorted(now_names):
            return []
        return [MeetingChange("any", listing(saved_names) or None, listing(now_names) or None)]
    found = []
    for role in ROLES:
        saved, current = scenario.fed_by.get(role), now.get(role)
        if (saved.meeting_id if saved else None) != (current.meeting_id if current else None):
            found.append(MeetingChange(role, saved.name_es if saved else None, current.name_es if current else None))
    return found


def changes_es(scenario: Scenario, run: Prioritization) -> str | None:
    """The board's warning in Spanish when the advisory group's input changed since `scenario` was saved, naming
    the meeting used then and the one used now for each part; None when it did not change."""
    found = changes(scenario, run)
    if not found:
        return None
    none = t("dec.meetings_changed.none")
    lines = " ".join(t(f"dec.meetings_changed.{c.role}", saved=c.saved_es or none, now=c.now_es or none)
                     for c in found)
    return t("dec.meetings_changed", name=scenario.name, changes=lines)
