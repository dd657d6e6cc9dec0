"""Meeting mode for the advisory group, stored: the study's weighted vote and private scoring (their shapes and the
tally: core.record.meeting_models).

A meeting has participants and a list of items (the problems or the proposals on the table). In a
weighted vote each participant spreads N votes (13 in the El Valle study) over the items, giving
more to what weighs more; the tally ranks items by votes. In private scoring each participant scores
proposals 0–100 per criterion (core.engine.criteria codes) without seeing the others; the result is revealed
aggregated by core.engine.scoring (median, with the disagreement per proposal), so the meeting discusses
where it disagrees.

Storage kinds: `meeting` (id), `ballot` (meeting:participant), `private_score` (meeting:participant:proposal),
`pairwise` (meeting:participant: one evaluator's AHP comparisons of the criteria).

Who may write (checked against the STORED meeting, never the object a caller passes): the meeting must be
open (once its results were shown it only moves on to closed, unchanged: core.record.meeting_checks), the
participant listed, and the signed-in person must be that participant (their account is named in the list). An association's representative neither votes for nor scores the proposals their association puts
forward (`own_items`). The chair (who may run meetings) may record for a listed participant who has no account (no
device); such a record keeps `recorded_by`, so the results and the acta say so. Nobody writes over a
participant who signs in themself.
"""

from __future__ import annotations

from core import fmt
from core.data import rural
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.record import facts, meeting_checks, overlay
from core.record.auth import Accounts, Action, PermissionDenied, User, can
from core.record.meeting_models import (
    BALLOT,
    JUDGED,
    MEETING,
    PAIRWISE,
    PRIVATE_SCORE,
    Ballot,
    Meeting,
    Pairwise,
    PrivateScore,
    check_ballot,
)
from core.record.store import Store, StoreError, Unchanged
from core.texts import t

# -- storage ---------------------------------------------------------------------------------------

def _closing_proponents(store: Store, meeting: Meeting, stored: Meeting | None) -> dict[str, list[str]] | None:
    """What a meeting keeps of its proposals' proponents: taken when it closes (kept while it stays closed),
    nothing while it is open or revealed. Never what the caller's copy says."""
    if meeting.status != "closed" or meeting.subject != "proposals":
        return None
    if stored is not None and stored.status == "closed" and stored.proponents is not None:
        return stored.proponents
    return {item: sorted(behind) for item, behind in _live_proponents(store, meeting).items()}


def save_meeting(store: Store, user: User | None, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    Accounts(store).require(user, Action.RUN_MEETING, parish_code=meeting.parish_code)
    rural.require_rural(meeting.parish_code)
    stored, read = _stored(store, meeting.meeting_id)  # the save is kept only if nobody saved it since
    if stored is not None:  # a board member's junta is the parish of the meeting as stored too
        Accounts(store).require(user, Action.RUN_MEETING, parish_code=stored.parish_code)
    if stored is None or stored.date != meeting.date:  # a meeting held, not one planned; once stored, its date is
        facts.require_past(meeting.date, t("ses.field.date"))  # not judged again as it moves on (reveal, close)
    meeting_checks.check_save(store, meeting, stored)
    meeting = meeting.model_copy(update={"proponents": _closing_proponents(store, meeting, stored)})
    store.save(MEETING, meeting.meeting_id, meeting.model_dump(mode="json"), actor=user.username,
               parish_code=meeting.parish_code, expected_version=expected_version,
               action=t("log.action.open_meeting" if expected_version in (None, 0) else "log.action.update_meeting"),
               unchanged=[read], changed=t("ses.err.changed_meeting", meeting=(stored or meeting).title))
    return meeting


def load_meeting(store: Store, meeting_id: str) -> Meeting | None:
    """The meeting as stored (None when it does not exist): every write checks this, not the caller's copy."""
    return _stored(store, meeting_id)[0]


def _stored(store: Store, meeting_id: str) -> tuple[Meeting | None, Unchanged]:  # and the version read (0: none)
    record = store.get(MEETING, meeting_id)
    return (Meeting(**record.body) if record and not record.deleted else None,
            Unchanged(MEETING, meeting_id, record.version if record else 0))


def meetings(store: Store, parish_code: str) -> list[Meeting]:
    return sorted((Meeting(**r.body) for r in store.records(MEETING, parish_code)),
                  key=lambda m: (m.date, m.meeting_id), reverse=True)


def _open_stored(store: Store, meeting_id: str, closed_key: str) -> tuple[Meeting, Unchanged]:
    """The meeting as stored, refused (Spanish) when it does not exist or is no longer open, and the version read: a
    write in it keeps it `unchanged`, refused when the chair closed the meeting (or showed its results) in between."""
    stored, read = _stored(store, meeting_id)
    if stored is None:
        raise ValueError(t("ses.err.no_meeting", meeting=meeting_id))
    if stored.status != "open":
        raise ValueError(t(closed_key))
    if store.get(MEETING, meeting_id, as_logged=True) is None:  # e.g. set back to open by hand after the reveal
        raise StoreError(t("ses.err.meeting_altered", meeting=stored.title))
    return stored, read


def _recorder(store: Store, user: User | None, meeting: Meeting, participant_id: str) -> str | None:
    """None when the signed-in person is the participant; the chair's username when the chair records for a
    listed participant without an account. Anything else is refused."""
    person = Accounts(store).require(user, Action.TAKE_PART, parish_code=meeting.parish_code)
    listed = meeting.participant(participant_id)  # ValueError (Spanish) for someone not on the list
    if listed.username == person.username:
        return None
    if listed.username is None and can(person, Action.RUN_MEETING, parish_code=meeting.parish_code):
        return person.username
    if not any(p.username == person.username for p in meeting.participants) and not can(person, Action.RUN_MEETING,
                                                                                  parish_code=meeting.parish_code):
        raise PermissionDenied(t("ses.err.not_listed"))
    raise PermissionDenied(t("ses.err.only_yourself"))


def own_items(store: Store, meeting: Meeting) -> dict[str, set[str]]:
    """Participant → the meeting's proposals put forward (as lead or jointly) by an association they represent
    (named on the list, or their account's): an association does not judge its own proposals, so these take
    neither that participant's votes nor their scores. Empty sets in a meeting on problems. Each account and
    the parish's proposals are read once."""
    own: dict[str, set[str]] = {p.participant_id: set() for p in meeting.participants}
    if meeting.subject != "proposals":
        return own
    accounts = Accounts(store)
    represented = {}
    for person in meeting.participants:
        account = accounts.get(person.username) if person.username else None
        represented[person.participant_id] = {person.association_id,
                                              account.association_id if account else None} - {None}
    if not any(represented.values()):
        return own
    proponents = _proponents(store, meeting)
    for participant_id, associations in represented.items():
        own[participant_id] = {item for item, behind in proponents.items() if associations & behind}
    return own


def _proponents(store: Store, meeting: Meeting) -> dict[str, set[str]]:
    """Each of the meeting's proposals → the associations behind it: as they were when it closed, else as the
    proposals read now."""
    if meeting.proponents is not None:
        return {item: set(behind) for item, behind in meeting.proponents.items()}
    return _live_proponents(store, meeting)


def _live_proponents(store: Store, meeting: Meeting) -> dict[str, set[str]]:
    listed = set(meeting.item_ids)
    return {r.record_id: {r.body.get("association_id"), *(r.body.get("association_ids") or [])} - {None}
            for r in overlay.live(store, "proposal", meeting.parish_code) if r.record_id in listed}


def listed_ids(meeting: Meeting) -> set[str]:
    """The participants listed now: only their ballots, scores and comparisons count (one taken off keeps no say)."""
    return {p.participant_id for p in meeting.participants}


def counted_ballots(store: Store, meeting: Meeting) -> list[Ballot]:
    """The meeting's ballots as they count: those of the participants listed, with no votes on the voter's own
    proposals (stored before the proposal named their association, or before this rule)."""
    own = own_items(store, meeting)
    return [ballot.model_copy(update={"votes": {item: votes for item, votes in ballot.votes.items()
                                                if item not in own.get(ballot.participant_id, set())}})
            for ballot in listed_ballots(store, meeting)]


def counted_scores(store: Store, meeting: Meeting, own: dict[str, set[str]] | None = None) -> list[PrivateScore]:
    """The meeting's private scores as they count: those of the participants listed, none on the evaluator's own
    proposals (as counted_ballots). `own`: own_items already worked out by the caller."""
    own = own_items(store, meeting) if own is None else own
    return [score for score in listed_scores(store, meeting)
            if score.proposal_id not in own.get(score.participant_id, set())]


def _refuse_own(store: Store, meeting: Meeting, participant_id: str, items: list[str]) -> None:
    own = sorted(set(items) & own_items(store, meeting)[participant_id])
    if own:
        raise ValueError(t("ses.err.own_proposal", proposals=", ".join(own)))


def cast_ballot(store: Store, user: User | None, ballot: Ballot) -> Ballot:
    stored, read = _open_stored(store, ballot.meeting_id, "ses.err.voting_closed")
    ballot = ballot.model_copy(update={"recorded_by": _recorder(store, user, stored, ballot.participant_id)})
    check_ballot(stored, ballot)
    _refuse_own(store, stored, ballot.participant_id, list(ballot.votes))
    store.save(BALLOT, f"{stored.meeting_id}:{ballot.participant_id}", ballot.model_dump(mode="json"),
               actor=user.username, parish_code=stored.parish_code, action=t("log.action.vote"), unchanged=[read],
               changed=t("ses.err.changed_vote", meeting=stored.title))
    return ballot


def ballots(store: Store, meeting_id: str) -> list[Ballot]:
    return [Ballot(**r.body) for r in store.records(BALLOT) if r.record_id.startswith(f"{meeting_id}:")]


def listed_ballots(store: Store, meeting: Meeting) -> list[Ballot]:
    """The ballots of the participants listed now (`listed_ids`), as stored."""
    listed = listed_ids(meeting)
    return [ballot for ballot in ballots(store, meeting.meeting_id) if ballot.participant_id in listed]


def _check_criteria(score: PrivateScore | None = None, pairwise: Pairwise | None = None) -> None:
    """Refuse (Spanish) a score on a criterion Minga does not have, or on one Minga computes from the data (only the
    judged ones, `JUDGED`, are the group's to score: the ranking reads no other, and the results would show the group
    scoring what it does not), or a comparison off Saaty's scale (1/9 to 9) or given both ways. Checked when saving,
    so a record stored by an earlier version still loads."""
    for criterion in score.scores if score else ():
        if criterion not in CRITERION_CODES:
            raise ValueError(t("ses.err.unknown_criterion", criterion=criterion))
        if criterion not in JUDGED:
            raise ValueError(t("ses.err.computed_criterion", criterion=BY_CODE[criterion].label_es,
                               judged=fmt.listing(f"«{BY_CODE[c].label_es}»" for c in JUDGED)))
    for key, judgment in pairwise.judgments.items() if pairwise else ():
        a, _, b = key.partition("|")
        if a not in CRITERION_CODES or b not in CRITERION_CODES or a == b:
            raise ValueError(t("ses.err.unknown_pair", pair=key))
        if not 1 / 9 - 1e-9 <= judgment <= 9 + 1e-9:
            raise ValueError(t("ses.err.pairwise_range", pair=key))
        if f"{b}|{a}" in pairwise.judgments:  # two answers to one question: the last read would win, unsaid
            raise ValueError(t("ses.err.pair_twice", a=BY_CODE[a].label_es, b=BY_CODE[b].label_es))


def save_private_score(store: Store, user: User | None, score: PrivateScore) -> PrivateScore:
    _check_criteria(score=score)
    stored, read = _open_stored(store, score.meeting_id, "ses.err.scoring_closed")
    score = score.model_copy(update={"recorded_by": _recorder(store, user, stored, score.participant_id)})
    if stored.subject != "proposals" or score.proposal_id not in stored.item_ids:
        raise ValueError(t("ses.err.not_in_meeting", proposal=score.proposal_id))
    _refuse_own(store, stored, score.participant_id, [score.proposal_id])
    store.save(PRIVATE_SCORE, f"{stored.meeting_id}:{score.participant_id}:{score.proposal_id}",
               score.model_dump(mode="json"), actor=user.username, parish_code=stored.parish_code,
               action=t("log.action.score"), unchanged=[read],
               changed=t("ses.err.changed_score", meeting=stored.title))
    return score


def private_scores(store: Store, meeting_id: str) -> list[PrivateScore]:
    return [PrivateScore(**r.body) for r in store.records(PRIVATE_SCORE) if r.record_id.startswith(f"{meeting_id}:")]


def listed_scores(store: Store, meeting: Meeting) -> list[PrivateScore]:
    """The private scores of the participants listed now (`listed_ids`), as stored."""
    listed = listed_ids(meeting)
    return [score for score in private_scores(store, meeting.meeting_id) if score.participant_id in listed]


def save_pairwise(store: Store, user: User | None, pairwise: Pairwise) -> Pairwise:
    """One evaluator's comparisons of the criteria."""
    _check_criteria(pairwise=pairwise)
    stored, read = _open_stored(store, pairwise.meeting_id, "ses.err.scoring_closed")
    pairwise = pairwise.model_copy(update={"recorded_by": _recorder(store, user, stored, pairwise.participant_id)})
    store.save(PAIRWISE, f"{stored.meeting_id}:{pairwise.participant_id}", pairwise.model_dump(mode="json"),
               actor=user.username, parish_code=stored.parish_code, action=t("log.action.pairwise"), unchanged=[read],
               changed=t("ses.err.changed_pairwise", meeting=stored.title))
    return pairwise


def pairwise_comparisons(store: Store, meeting_id: str) -> list[Pairwise]:
    return [Pairwise(**r.body) for r in store.records(PAIRWISE) if r.record_id.startswith(f"{meeting_id}:")]
