"""The run a board's decision records: the parish's stored scenario, run now on the stored proposals.

The board approves a scenario that was saved (core.engine.scenarios), not a list a caller brings: `checked` runs the
parish's stored scenario of the draft's name now, refuses the draft (Spanish) when its funded projects, amounts,
scores, budget, method, weights or left-out proposals are not that run's, and otherwise returns it with every line,
reason and figure taken from the run; only the people the board's session gives (attendees and their votes, the
date, the justification, who presided) stay the caller's. core.record.decisions calls it whenever it records: what
an acta funds is never the caller's. The Decisión page sends the draft of the run the board saw, so a scenario or
proposals changed since it was drawn are refused, not recorded unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from core import fmt
from core.cooperation import stages
from core.data import db, rural
from core.engine import scenarios
from core.engine.prioritization import load_inputs
from core.proposals import records
from core.proposals.models import CENT
from core.record import meeting_models
from core.record.decision_models import Attendee, DecisionDraft
from core.record.store import Store, Unchanged
from core.texts import t

# what a draft takes from the run, whatever the caller's draft says (the people and the date stay the caller's)
RUN_FIELDS = ("scenario_name", "budget_usd", "reserve_usd", "method_es", "solver_status", "weights", "weights_es",
              "rules_es", "funded", "left_out", "total_score", "total_cost_usd", "inputs", "meetings_es",
              "need_meetings_es", "ballot_meetings_es", "unscored_es", "uncovered_es")
# the kinds of records a run reads (proposals, offers, PDOT, the advisory group's meetings, ballots and private
# scores, stages and the stage rule): their last logged change keys the pages' cached runs (ui.scenario_state), and
# an acta is stored only while it is still the one read before its run was checked
RUN_KINDS = (records.PROPOSAL, records.OFFER, records.PDOT, meeting_models.MEETING, meeting_models.BALLOT,
             meeting_models.PRIVATE_SCORE, stages.STAGE, stages.RULE)
SCORE_TOLERANCE = 1e-6
WEIGHT_TOLERANCE = 1e-9


def stored_scenario(store: Store, parish_code: str, name: str) -> scenarios.Scenario:
    """The parish's scenario of that name as Minga last wrote it; ScenarioError (Spanish) when the parish has none
    (never saved, removed, or changed by hand in the store file)."""
    record = store.get(scenarios.KIND, scenarios.scenario_record_id(parish_code, name), as_logged=True)
    scenario = None if record is None or record.deleted else scenarios.Scenario.model_validate(record.body)
    if scenario is None or scenario.parish_code != parish_code:
        raise scenarios.ScenarioError(t("dec.err.scenario_unknown", name=name.strip(), parish=rural.named(parish_code)))
    return scenario


def scenario_read(store: Store, parish_code: str, name: str) -> Unchanged:
    """The parish's scenario of that name at the version stored now (0: none), read before the run is checked: the
    acta is stored only while the scenario is still at that version, not when it was saved again meanwhile."""
    record = store.get(scenarios.KIND, record_id := scenarios.scenario_record_id(parish_code, name))
    return Unchanged(scenarios.KIND, record_id, record.version if record is not None else 0)


def inputs_read(store: Store) -> dict[str, tuple[int, str]]:
    """The last logged change of each kind a run reads (`RUN_KINDS`), read before the run is checked."""
    return store.kinds_as_read(RUN_KINDS)


def checked(store: Store, draft: DecisionDraft, *, con: duckdb.DuckDBPyConnection | None = None) -> DecisionDraft:
    """`draft` with everything the run gives (`RUN_FIELDS`) taken from a run now of the parish's stored scenario of
    its name; refused (ValueError, Spanish, naming what differs) when its funded projects, amounts, scores, budget,
    method, weights or left-out proposals are not the run's."""
    fresh = _built(store, draft.parish_code, draft.scenario_name, draft.attendees, draft.date, draft.justification_es,
                   con)
    if differs := differences(draft, fresh):
        raise ValueError(t("dec.err.not_the_run", name=fresh.scenario_name,
                           parts=fmt.listing(t(f"dec.run.{part}") for part in differs)))
    return draft.model_copy(update={name: getattr(fresh, name) for name in RUN_FIELDS})


def differences(draft: DecisionDraft, fresh: DecisionDraft) -> list[str]:
    """What of `draft` is not `fresh`'s, as the catalogue's parts (dec.run.*): funded, scores, budget, method,
    weights, left_out. Amounts to the cent; the lines' words (titles, reasons) are not compared: they are taken from
    the run."""
    def amounts(d: DecisionDraft) -> list[tuple[str, float]]:
        return sorted((line.proposal_id, line.amount_usd) for line in d.funded)

    def near(a: float, b: float, tolerance: float) -> bool:
        return abs(a - b) <= tolerance

    mine, theirs = amounts(draft), amounts(fresh)
    scores = {line.proposal_id: line.score for line in fresh.funded}
    checks = {
        "funded": [pid for pid, _ in mine] == [pid for pid, _ in theirs]
        and all(near(a, b, CENT) for (_, a), (_, b) in zip(mine, theirs, strict=True))
        and near(draft.total_cost_usd, fresh.total_cost_usd, CENT),
        "scores": all(near(line.score, scores.get(line.proposal_id, line.score), SCORE_TOLERANCE)
                      for line in draft.funded) and near(draft.total_score, fresh.total_score, SCORE_TOLERANCE),
        "budget": near(draft.budget_usd, fresh.budget_usd, CENT) and near(draft.reserve_usd, fresh.reserve_usd, CENT),
        "method": draft.method_es == fresh.method_es,
        "weights": draft.weights.keys() == fresh.weights.keys()
        and all(near(w, fresh.weights[c], WEIGHT_TOLERANCE) for c, w in draft.weights.items()),
        "left_out": sorted(line.proposal_id for line in draft.left_out)
        == sorted(line.proposal_id for line in fresh.left_out),
    }
    return [part for part, agrees in checks.items() if not agrees]


def _built(store: Store, parish_code: str, scenario_name: str, attendees: Sequence[Attendee], date: dt.date,
           justification: str, con: duckdb.DuckDBPyConnection | None) -> DecisionDraft:
    scenario = stored_scenario(store, parish_code, scenario_name)
    inputs = load_inputs(con if con is not None else db.connect(), parish_code, store=store)
    return scenarios.decision_draft(scenario, scenarios.run_scenario(inputs, scenario), inputs.association_names,
                                    rural.parish_names().get(parish_code) or parish_code, attendees, date,
                                    justification, proposal_titles={p.proposal_id: p.title for p in inputs.proposals})
