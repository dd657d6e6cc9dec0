"""The advisory group's ballots for the proportional objective, read from the parish's meetings.

Shape: `GroupBallots` = the meeting they come from, what kind of ballot (the participants' votes on proposals, or
their private scores, each participant's mean over the criteria they scored) and the ballots themselves,
participant → {proposal_id: score}, the plain data `core.engine.allocation` takes. The most recent closed meeting
that holds any is used (an open meeting's private scores are not revealed yet, and a meeting's results count only
once it is closed); a parish without one gets none, and the page says the proportional objective needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from core.fmt import listing
from core.record import meeting, meeting_models
from core.record.meeting_results import MeetingRef, group_weights, problem_votes, scores_feed
from core.record.store import Store
from core.texts import t


@dataclass(frozen=True)
class GroupBallots:
    meeting: MeetingRef | None = None  # where they come from, to name it on the page, in a scenario and an acta
    kind: Literal["votes", "scores", "none"] = "none"
    ballots: dict[str, dict[str, float]] = field(default_factory=dict)


def ballots_from_scores(scores: list[meeting_models.PrivateScore]) -> dict[str, dict[str, float]]:
    """Each participant's mean over the criteria they scored, per proposal."""
    out: dict[str, dict[str, float]] = {}
    for score in scores:
        if score.scores:
            out.setdefault(score.participant_id, {})[score.proposal_id] = (
                sum(score.scores.values()) / len(score.scores))
    return out


def group_ballots(store: Store, parish_code: str) -> GroupBallots:
    """The ballots of the parish's most recent closed meeting on proposals that has votes or private scores."""
    for held in meeting.meetings(store, parish_code):
        if held.status != "closed" or held.subject != "proposals":
            continue
        names = {p.participant_id: p.name for p in held.participants}
        votes = [b for b in meeting.counted_ballots(store, held) if b.votes]
        if votes:
            ref = MeetingRef.of(held, sorted(names[b.participant_id] for b in votes if b.recorded_by))
            return GroupBallots(ref, "votes",
                                {b.participant_id: {k: float(v) for k, v in b.votes.items()} for b in votes})
        scores = meeting.counted_scores(store, held)
        scored = ballots_from_scores(scores)
        if scored:
            ref = MeetingRef.of(held, sorted({names[s.participant_id] for s in scores if s.scores and s.recorded_by}))
            return GroupBallots(ref, "scores", scored)
    return GroupBallots()


def closed_meeting_use_es(store: Store, held: meeting_models.Meeting) -> str:
    """What the runs of Priorización and Presupuesto take from a closed meeting now, in Spanish: its scores, its
    vote on problems, its ballots (for the proportional objective only), its criterion weights (when someone takes
    them), or nothing (none given, or a more recent closed meeting of the same subject gives them)."""
    parts = []
    if held.subject == "problems":
        voted = problem_votes(store, held.parish_code)
        if voted and voted[0].meeting_id == held.meeting_id:
            parts.append(t("ses.feeds.need"))
    else:
        group = scores_feed(store, held.parish_code)
        if group and group.meeting.meeting_id == held.meeting_id:
            parts.append(t("ses.feeds.scores"))
        ballots = group_ballots(store, held.parish_code)
        if ballots.meeting and ballots.meeting.meeting_id == held.meeting_id:
            parts.append(t(f"ses.feeds.ballots_{ballots.kind}"))
    if group_weights(store, held) is not None:  # used only when someone takes them, with the page's button
        parts.append(t("ses.feeds.weights"))
    return t("ses.feeds", parts=listing(parts)) if parts else t("ses.feeds.none")
