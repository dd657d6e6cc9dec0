"""What a closed meeting of the advisory group gives the engine.

- `scores_feed(store, parish)`: the latest CLOSED meeting on proposals with private scores →
  `GroupScores`: the evaluations (long: proposal_id, evaluator_id, criterion, score) that
  core.engine.scoring turns into medians with their spread, who did not score each (proposal, criterion),
  which participants the chair recorded for, and the ballots as plain data for a proportional rule.
- `problem_votes(store, parish)`: the latest CLOSED weighted vote on problems → problem_id → (votes, rank),
  which replaces the study's tally in the need criterion from that meeting on.
- `group_weights(store, meeting_id)`: each evaluator's pairwise comparisons (AHP) combined by the geometric
  mean of their matrices, with every evaluator's consistency ratio.

Only closed meetings count: what is still being scored or discussed never moves the ranking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from core import fmt
from core.engine.criteria import CRITERION_CODES
from core.engine.scoring import aggregate_evaluations
from core.engine.weights import AhpResult, ahp, combine_pairwise, pairwise_matrix
from core.record.meeting import counted_ballots, counted_scores, listed_ids, meetings, own_items, pairwise_comparisons
from core.record.meeting_models import JUDGED, Meeting, PrivateScore, tally
from core.record.store import Store
from core.texts import t


@dataclass(frozen=True)
class MeetingRef:
    """Which meeting fed a result: enough to name it in a scenario and an acta."""

    meeting_id: str
    title: str
    date: dt.date
    recorded_for: tuple[str, ...] = ()  # participants without a device whose part the chair recorded

    @classmethod
    def of(cls, meeting: Meeting, recorded_for: Sequence[str] = ()) -> MeetingRef:
        return cls(meeting.meeting_id, meeting.title, meeting.date, tuple(recorded_for))

    @property
    def name_es(self) -> str:
        name = t("ses.meeting_name", title=self.title, date=fmt.date(self.date))
        if self.recorded_for:
            name += t("ses.meeting_recorded_for", names=fmt.listing(self.recorded_for))
        return name


@dataclass(frozen=True)
class GroupScores:
    meeting: MeetingRef
    evaluations: pl.DataFrame  # proposal_id, evaluator_id, criterion, score (0–100)
    not_scored: dict[tuple[str, str], list[str]]  # (proposal_id, criterion) → names of who did not score it
    recorded_for: list[str]  # names of the participants the chair recorded for (no device)


def evaluations_frame(scores: list[PrivateScore]) -> pl.DataFrame:
    """Private scores as evaluations (proposal_id, evaluator_id, criterion, score) for core.engine.scoring:
    `aggregate_evaluations` gives the median and the disagreement, `score_proposals` uses them."""
    rows = [{"proposal_id": s.proposal_id, "evaluator_id": s.participant_id, "criterion": criterion, "score": value}
            for s in scores for criterion, value in s.scores.items()]
    schema = {"proposal_id": pl.Utf8, "evaluator_id": pl.Utf8, "criterion": pl.Utf8, "score": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def _closed(store: Store, parish_code: str, subject: str) -> list[Meeting]:
    """Closed meetings on `subject`, newest first (by date, then id)."""
    return [m for m in meetings(store, parish_code) if m.status == "closed" and m.subject == subject]


def scores_feed(store: Store, parish_code: str) -> GroupScores | None:
    """The latest closed meeting on proposals where someone scored; None when there is none."""
    for found in _closed(store, parish_code, "proposals"):
        own = own_items(store, found)
        scores = [s for s in counted_scores(store, found, own) if s.scores]
        if not scores:
            continue
        names = {p.participant_id: p.name for p in found.participants}
        given = _given(own, scores)
        not_scored = {(pid, c): [names[p.participant_id] for p in found.participants
                                 if (p.participant_id, pid, c) not in given]
                      for pid in found.item_ids for c in JUDGED}
        recorded_for = sorted({names[s.participant_id] for s in scores if s.recorded_by})
        return GroupScores(MeetingRef.of(found, recorded_for), evaluations_frame(scores), not_scored, recorded_for)
    return None


def score_summary(store: Store, meeting: Meeting) -> pl.DataFrame:
    """Per (proposal, criterion) scored in the meeting: median, lowest, highest, evaluators, disagreement and
    `not_scored_es` (who did not score it, by name; empty when all did)."""
    own = own_items(store, meeting)
    scores = [s for s in counted_scores(store, meeting, own) if s.scores]
    summary = aggregate_evaluations(evaluations_frame(scores))
    names = {p.participant_id: p.name for p in meeting.participants}
    given = _given(own, scores)
    missing = [fmt.listing(names[p.participant_id] for p in meeting.participants
                           if (p.participant_id, pid, c) not in given)
               for pid, c in summary.select("proposal_id", "criterion").iter_rows()]
    return summary.with_columns(pl.Series("not_scored_es", missing, dtype=pl.Utf8))


def _given(own: dict[str, set[str]], scores: list[PrivateScore]) -> set[tuple[str, str, str]]:
    """(participant, proposal, criterion) scored, counting as given what a participant may not score (`own`: their
    own association's proposals): they are not named among those who did not score it."""
    excused = {(participant_id, pid, c) for participant_id, items in own.items() for pid in items for c in JUDGED}
    return excused | {(s.participant_id, s.proposal_id, c) for s in scores for c in s.scores}


def problem_votes(store: Store, parish_code: str) -> tuple[MeetingRef, dict[str, tuple[int, int]]] | None:
    """The latest closed weighted vote on problems in which someone gave a vote: (meeting, problem_id → (votes,
    rank)); None without one. A ballot saved with no votes (an abstention) casts nothing: a meeting of abstentions
    alone would rank every problem first with 0 votes and wipe out the need criterion."""
    for found in _closed(store, parish_code, "problems"):
        cast = [ballot for ballot in counted_ballots(store, found) if ballot.votes]
        if cast:
            names = {p.participant_id: p.name for p in found.participants}
            recorded_for = sorted(names[b.participant_id] for b in cast if b.recorded_by)
            return MeetingRef.of(found, recorded_for), {row.item_id: (row.votes, row.rank) for row in tally(found, cast)}
    return None


@dataclass(frozen=True)
class EvaluatorConsistency:
    participant_id: str
    name: str
    consistency_ratio: float
    consistent: bool


@dataclass(frozen=True)
class GroupWeights:
    result: AhpResult  # the group's weights from the geometric mean of the matrices
    evaluators: list[EvaluatorConsistency]


def group_weights(store: Store, meeting: Meeting) -> GroupWeights | None:
    """The group's criterion weights from its evaluators' pairwise comparisons; None when nobody compared."""
    listed = listed_ids(meeting)
    given = [c for c in pairwise_comparisons(store, meeting.meeting_id) if c.participant_id in listed]
    if not given:
        return None
    names = {p.participant_id: p.name for p in meeting.participants}
    matrices, evaluators = [], []
    for comparison in sorted(given, key=lambda c: c.participant_id):
        matrix = pairwise_matrix(CRITERION_CODES, comparison.pairs())
        own = ahp(CRITERION_CODES, matrix)
        matrices.append(matrix)
        evaluators.append(EvaluatorConsistency(comparison.participant_id, names.get(comparison.participant_id,
                                                                                   comparison.participant_id),
                                               own.consistency_ratio, own.consistent))
    return GroupWeights(ahp(CRITERION_CODES, combine_pairwise(matrices)), evaluators)
