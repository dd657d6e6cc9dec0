"""The whole prioritization in one place: read a parish's inputs from the views, screen, score,
allocate. Pages and tests call this instead of stitching the steps themselves.

Shape: `load_inputs(con, parish_code)` → `DecisionInputs` (models and lookups, no DataFrames of
raw text); `prioritize(inputs, …)` → `Prioritization` (the screenings, the scoring, the allocation
candidates and the `AllocationResult`). Views that another part of Minga has not built yet (aid,
problems, needs) simply leave their part of the context empty.

With a store, the advisory group's closed meetings feed the run (core.record.meeting_results): the latest
closed scoring of proposals replaces Minga's estimate of the judged criteria where evaluators scored, and the
latest closed weighted vote on problems replaces the problems' votes in the need criterion. The result
names the meetings that fed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import duckdb
import polars as pl

from core.cooperation import stages
from core.data.db import query
from core.engine.allocation import AllocationResult, AllocationRules, Method, allocate_detailed
from core.engine.ballots import GroupBallots, group_ballots
from core.engine.criteria import AidRow, CriteriaContext, Problem
from core.engine.scoring import Scoring, candidates, score_proposals
from core.engine.screening import GateResult, Screening, ScreeningContext, eligible_ids, screen_proposals
from core.engine.weights import DEFAULT_PRESET, preset
from core.proposals import records
from core.proposals.competences import GadCompetence
from core.proposals.lifecycle import FUNDED_OR_LATER
from core.proposals.models import Proposal, ProposalStatus
from core.proposals.offers import CooperationOffer
from core.record.meeting_results import GroupScores, MeetingRef, problem_votes, scores_feed
from core.record.store import Store

DEFAULT_PARISH = "010170"  # El Valle


@dataclass
class DecisionInputs:
    parish_code: str
    proposals: list[Proposal]
    offers: dict[str, CooperationOffer]
    competences: list[GadCompetence]
    pdot_objectives: dict[str, tuple[str, str]]  # id → (component, objective text)
    criteria_context: CriteriaContext
    association_names: dict[str, str] = field(default_factory=dict)  # association_id → name
    association_members: dict[str, int] = field(default_factory=dict)  # association_id → members in total
    ballots: GroupBallots = field(default_factory=GroupBallots)  # the advisory group's, for the proportional rule
    group: GroupScores | None = None  # the advisory group's scores from its latest closed meeting
    problems_meeting: MeetingRef | None = None  # the closed vote on problems that set the need criterion
    # gates of the parish's own rules kept in the store (core.cooperation.stages), by proposal id
    extra_gates: dict[str, GateResult] = field(default_factory=dict)


@dataclass
class Prioritization:
    screenings: list[Screening]
    scoring: Scoring
    candidates: pl.DataFrame
    result: AllocationResult
    # the advisory group's closed meetings that fed it, by what they gave: "scores" (the judged criteria), "need"
    # (the vote on problems), "ballots" (the votes on proposals the proportional objective shares the budget by)
    fed_by: dict[str, MeetingRef] = field(default_factory=dict)
    # association_id → members, where known: the allocation counted each association's people once with them
    association_members: dict[str, int] = field(default_factory=dict)

    @property
    def meetings(self) -> tuple[MeetingRef, ...]:
        """Each meeting that fed it, once (one meeting can give scores and ballots)."""
        unique: dict[str, MeetingRef] = {}
        for meeting in self.fed_by.values():
            unique.setdefault(meeting.meeting_id, meeting)
        return tuple(unique.values())


def _views(con: duckdb.DuckDBPyConnection) -> set[str]:
    return set(query(con, "SELECT view_name FROM duckdb_views() WHERE NOT internal")["view_name"].to_list())


def _models(frame: pl.DataFrame, model) -> list:
    fields = [c for c in model.model_fields if c in frame.columns]
    return [model.model_validate(row) for row in frame.select(fields).to_dicts()]


def load_inputs(con: duckdb.DuckDBPyConnection, parish_code: str = DEFAULT_PARISH, *,
                store: Store | None = None) -> DecisionInputs:
    """Everything screening and scoring need for one parish, read through the views.

    With a `store`, the proposals, offers and PDOT objectives people entered (core.proposals.records) replace
    the demo ones of the views; the diagnosis (problems, needs, past aid) always comes from the views.
    """
    views = _views(con)
    if store is not None:
        proposals = sorted(records.proposal_models(store, parish_code), key=lambda p: p.proposal_id)
        offers = {v.item.offer_id: v.item for v in records.offers(store)}
        pdot_objectives = {v.item.pdot_objective_id: (v.item.component, v.item.objective_es)
                           for v in records.pdot_objectives(store, parish_code)}
    else:
        proposals = _models(query(con, "SELECT * FROM proposals WHERE parish_code = ? ORDER BY proposal_id",
                                  [parish_code]), Proposal)
        offers = {o.offer_id: o for o in _models(query(con, "SELECT * FROM raw_offers ORDER BY offer_id"),
                                                CooperationOffer)}
        pdot = query(con, "SELECT pdot_objective_id, component, objective_es FROM pdot_objectives "
                          "WHERE parish_code = ?", [parish_code])
        pdot_objectives = {r["pdot_objective_id"]: (r["component"], r["objective_es"])
                           for r in pdot.iter_rows(named=True)}
    competences = _models(query(con, "SELECT * FROM gad_competences ORDER BY competence_code"), GadCompetence)
    problems: dict[str, Problem] = {}
    if "problems" in views:
        for r in query(con, "SELECT problem_id, label_es, votes, rank FROM problems WHERE parish_code = ?",
                       [parish_code]).iter_rows(named=True):
            problems[r["problem_id"]] = Problem(r["problem_id"], r["label_es"], float(r["votes"] or 0), int(r["rank"]))
    need_shares: dict[str, float] = {}
    if {"member_needs", "associations"} <= views:
        needs = query(con, """
            SELECT n.need, count(*) AS mentions
            FROM member_needs n JOIN associations a USING (association_id)
            WHERE a.parish_code = ? GROUP BY n.need""", [parish_code])
        total = needs["mentions"].sum() if needs.height else 0
        if total:
            need_shares = {r["need"]: r["mentions"] / total for r in needs.iter_rows(named=True)}
    aid: list[AidRow] = []
    if {"aid", "associations"} <= views:
        rows = query(con, """
            SELECT d.association_id, d.kind, d.institution, d.year
            FROM aid d JOIN associations a USING (association_id) WHERE a.parish_code = ?""", [parish_code])
        aid = [AidRow(r["association_id"], r["kind"], r["institution"], r["year"]) for r in rows.iter_rows(named=True)]
    group, problems_meeting = None, None
    if store is not None:
        group = scores_feed(store, parish_code)
        voted = problem_votes(store, parish_code)
        if voted is not None:
            problems_meeting, tally = voted
            problems = {pid: Problem(pid, problems[pid].label_es, float(votes), rank)
                        for pid, (votes, rank) in tally.items() if pid in problems}
    names: dict[str, str] = {}
    members: dict[str, int] = {}
    if "associations" in views:
        for r in query(con, "SELECT association_id, name, members_total FROM associations WHERE parish_code = ?",
                       [parish_code]).iter_rows(named=True):
            names[r["association_id"]] = r["name"]
            members[r["association_id"]] = int(r["members_total"] or 0)
    context = CriteriaContext(pdot_objectives={k: v[1] for k, v in pdot_objectives.items()}, problems=problems,
                              need_shares=need_shares, aid=aid, association_names=names)
    ballots = group_ballots(store, parish_code) if store is not None else GroupBallots()
    extra = stages.gates(store, parish_code, [p.proposal_id for p in proposals]) if store is not None else {}
    return DecisionInputs(parish_code, proposals, offers, competences, pdot_objectives, context, names, members,
                          ballots, group, problems_meeting, extra)


def with_reach(frame: pl.DataFrame, members: Mapping[str, int]) -> pl.DataFrame:
    """Add `reach`, the people a proposal reaches for the scope objective: its direct beneficiaries, or when it
    declares none the members of every association in it."""
    reach = [beneficiaries if beneficiaries else sum(members.get(a, 0) for a in (group or [lead]))
             for beneficiaries, group, lead in zip(frame["direct_beneficiaries"].to_list(),
                                                   frame["association_ids"].to_list(),
                                                   frame["association_id"].to_list(), strict=True)]
    return frame.with_columns(pl.Series("reach", reach, dtype=pl.Int64))


def screening_context(inputs: DecisionInputs, *, available_usd: float | None = None,
                      counterpart_available_usd: float | None = None,
                      today: dt.date | None = None) -> ScreeningContext:
    return ScreeningContext(competences=inputs.competences, pdot_objectives=inputs.pdot_objectives,
                            offers=inputs.offers, available_usd=available_usd,
                            counterpart_available_usd=counterpart_available_usd, today=today)


def screen(inputs: DecisionInputs, rules: AllocationRules) -> list[Screening]:
    """Every proposal's gates under these rules (the stage gates included); the weights play no part, so a page
    that tries many weights screens once."""
    ctx = screening_context(inputs, available_usd=rules.available_usd)
    return [Screening(s.item_id, (*s.gates, inputs.extra_gates[s.item_id])) if s.item_id in inputs.extra_gates
            else s for s in screen_proposals(inputs.proposals, ctx)]


def score(inputs: DecisionInputs, screenings: list[Screening], *, weights: Mapping[str, float] | None = None,
          evaluations: pl.DataFrame | None = None, scale_max: float = 100.0) -> Scoring:
    """The eligible proposals' scores under these weights: the part of a run that every method shares, so a page
    that shows several methods scores once. Without `evaluations`, the advisory group's scores in `inputs.group`
    (if any) are used."""
    group = inputs.group if evaluations is None else None
    if group is not None:
        evaluations = group.evaluations
    eligible = set(eligible_ids(screenings))
    # Only eligible proposals are scored: a proposal that fails a gate is out, not ranked low, and it
    # must not set the reference of relative criteria (the largest reach) for the others.
    return score_proposals([p for p in inputs.proposals if p.proposal_id in eligible], inputs.criteria_context,
                           weights if weights is not None else preset(DEFAULT_PRESET),
                           evaluations, scale_max=scale_max, not_scored=group.not_scored if group else None)


def prioritize(inputs: DecisionInputs, rules: AllocationRules, *, weights: Mapping[str, float] | None = None,
               method: Method = "optimal", evaluations: pl.DataFrame | None = None, scale_max: float = 100.0,
               explain: bool | int = True, screenings: list[Screening] | None = None,
               scoring: Scoring | None = None) -> Prioritization:
    """Screen every proposal (or take `screenings`, `screen(inputs, rules)` done before), score the eligible ones
    (or take `scoring`, `score(inputs, screenings, …)` done before with the same weights, evaluations and scale: it
    is not checked), and allocate the budget among them."""
    group = inputs.group if evaluations is None else None
    if screenings is None:
        screenings = screen(inputs, rules)
    if scoring is None:
        scoring = score(inputs, screenings, weights=weights, evaluations=evaluations, scale_max=scale_max)
    eligible = set(eligible_ids(screenings))
    frame = with_reach(candidates(inputs.proposals, scoring, sorted(eligible)), inputs.association_members)
    met = {p.proposal_id for p in inputs.proposals if p.status in FUNDED_OR_LATER} & set(rules.must_fund)
    if met:  # required, and an acta funded them already: met, no longer competing (a screened-out one is refused)
        rules = rules.model_copy(update={"must_fund": [p for p in rules.must_fund if p not in met]})
    result = allocate_detailed(frame, rules, method=method, explain=explain, ballots=inputs.ballots.ballots,
                               association_names=inputs.association_names, score_max=100.0,
                               association_members=inputs.association_members)
    ballots_meeting = inputs.ballots.meeting if method == "proportional" and result.feasible else None
    fed = {role: m for role, m in (("scores", group.meeting if group else None), ("need", inputs.problems_meeting),
                                   ("ballots", ballots_meeting)) if m is not None}
    return Prioritization(screenings, scoring, frame, result, fed, dict(inputs.association_members))


def associations_without_proposal(inputs: DecisionInputs) -> list[str]:
    """The study's first step as a check: associations of the parish with no proposal beyond a draft, alone or
    jointly (their codes, in name order)."""
    submitted = {a for p in inputs.proposals if p.status != ProposalStatus.DRAFT
                 for a in (p.association_id, *p.association_ids)}
    return sorted((a for a in inputs.association_names if a not in submitted),
                  key=lambda a: (inputs.association_names[a], a))
