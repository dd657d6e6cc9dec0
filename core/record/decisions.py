"""The board's decision recorded: a draft of a stored scenario approved by vote, numbered and frozen with everything
needed to reproduce it.

A decision gets a number per parish and year (e.g. 2026-003) in the same transaction that stores it, and once
stored it is never edited: a correction is a new decision that says which one it replaces. What it funds is what
the parish's stored scenario gives now on the stored proposals (core.engine.decision_run, read when recording),
never what the caller's draft says; the quorum is the stored board's (core.record.junta).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import duckdb

from core import fmt
from core.data import rural
from core.proposals.models import COMPETING, Proposal
from core.record import decision_lines, decision_text, facts, junta, row_guard
from core.record.auth import Accounts, Action, User
from core.record.decision_models import KIND, Decision, DecisionDraft, count_board_votes, president_vote
from core.record.numbering import next_number
from core.record.store import Change, ChangedMeanwhileError, ConflictError, Store, StoreError, Unchanged
from core.texts import t


def record(store: Store, user: User | None, draft: DecisionDraft,
           consequences: Callable[[Decision], list[Change]] | None = None, *,
           con: duckdb.DuckDBPyConnection | None = None) -> Decision:
    """Number and store a decision in one transaction; only the board (or admin) may do it.

    What the draft funds, with what amounts and scores, its budget, method, weights and left-out proposals must be
    what the parish's stored scenario of its name gives now on the stored proposals (core.engine.decision_run,
    reading the views of `con`, default the installation's): a draft that disagrees is refused (Spanish), and the
    acta takes every line and figure from that run. `consequences` turns the numbered decision into more changes
    stored in the same transaction (the proposals' new statuses, core.proposals.records.decision_status_changes):
    all of it is kept, or none.
    """
    # the stored account: its name goes on the acta, and a board member's parish must be the decision's
    user = Accounts(store).require(user, Action.APPROVE_DECISION, parish_code=draft.parish_code)
    rural.require_rural(draft.parish_code)
    from core.engine import decision_run  # the engine builds on the record: read when recording, never at import

    # read before the run is checked: the acta is stored only while the scenario and what its run reads are as read
    scenario = decision_run.scenario_read(store, draft.parish_code, draft.scenario_name)
    inputs = decision_run.inputs_read(store)
    return _numbered(store, user, decision_run.checked(store, draft, con=con), consequences, scenario, inputs)


def _numbered(store: Store, user: User, draft: DecisionDraft,
              consequences: Callable[[Decision], list[Change]] | None, scenario: Unchanged,
              inputs: dict[str, tuple[int, str]]) -> Decision:
    """The draft of the run, numbered and stored by `user` (the stored account, allowed) under the stored quorum,
    while the stored scenario is still at the version its run was checked against (`scenario`) and no record of the
    kinds the run reads changed since (`inputs`, core.engine.decision_run.inputs_read)."""
    decision_lines.check_lines(draft)
    decision_text.check_entered(draft)  # an acta is never edited: what it quotes is written and can be seen
    # the acta names the parish as the list does, not as the draft says
    draft = draft.model_copy(update={"parish_name": rural.parish_names().get(draft.parish_code) or draft.parish_name})
    facts.require_past(draft.date, t("dec.date"))  # a decision taken, on the board's session
    stored_board = store.get(junta.BOARD_KIND, draft.parish_code)  # its version: a quorum changed meanwhile refuses
    if stored_board is not None and store.get(junta.BOARD_KIND, draft.parish_code, as_logged=True) is None:
        raise StoreError(t("dec.err.board_altered", parish=rural.named(draft.parish_code)))  # a quorum cut by hand
    junta.check_quorum(draft, rules := junta.stored_board(stored_board))
    read = Unchanged(junta.BOARD_KIND, draft.parish_code, stored_board.version if stored_board else 0)
    year = draft.date.year
    prefix = f"{draft.parish_code}-{year}-"
    for _attempt in range(20):
        number = next_number((r.record_id for r in store.records(KIND, draft.parish_code, include_deleted=True)),
                             prefix)
        votes_for, against, abstain, approved = count_board_votes(draft.attendees)
        decision = Decision(
            **draft.model_dump(), decision_id=f"{prefix}{number:03d}", number_es=f"{year}-{number:03d}",
            votes_for=votes_for, votes_against=against, abstentions=abstain, approved=approved,
            board_members=rules.members, quorum=rules.required,
            casting_vote=votes_for == against > 0 and president_vote(draft.attendees) in ("for", "against"),
            recorded_by=user.username, recorded_by_name=user.display_name,
            recorded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        try:
            # expected_version=0: the number must still be free when the transaction commits.
            store.apply([Change(KIND, decision.decision_id, decision.model_dump(mode="json"), draft.parish_code,
                                expected_version=0, action=t("log.action.approve_decision" if approved else "log.action.record_decision")),
                         *(consequences(decision) if consequences else [])],
                        actor=user.username, unchanged=[read, scenario], kinds_unchanged=inputs,
                        changed=t("dec.err.board_changed", parish=rural.named(draft.parish_code)))
        except ChangedMeanwhileError:  # the board, the scenario or what its run reads changed: read it all again
            now = store.get(scenario.kind, scenario.record_id)
            if (now.version if now is not None else 0) != scenario.version:
                raise ChangedMeanwhileError(t("dec.err.scenario_changed", name=draft.scenario_name)) from None
            if store.last_changes(list(inputs)) != tuple(inputs.values()):
                raise ChangedMeanwhileError(t("dec.err.inputs_changed", name=draft.scenario_name)) from None
            raise
        except ConflictError:
            continue  # someone took this number, or changed a proposal it moves, a moment ago: read again
        return decision
    raise StoreError(t("dec.err.numbering"))


def decisions(store: Store, parish_code: str) -> list[Decision]:
    """Stored decisions of a parish, newest first, as the log vouches for them (`vouched`)."""
    return vouched(store, parish_code)[0]


def vouched(store: Store, parish_code: str) -> tuple[list[Decision], list[str]]:
    """The parish's decisions as the log vouches for them, newest first, and the codes of those left out: a decision
    whose row is not the one the log last wrote (changed or planted in the store file by hand, core.record.row_guard)
    is neither shown nor printed as an acta. One read of the records and of the log serves both."""
    stored = store.records(KIND, parish_code)
    altered = [a.record_id for a in row_guard.altered_in(store.path, [(KIND, r.record_id) for r in stored])]
    left_out = set(altered)
    found = [Decision(**r.body) for r in stored if r.record_id not in left_out]
    return sorted(found, key=lambda d: d.decision_id, reverse=True), altered


def named(decision_ids: Iterable[str]) -> str:
    """Decisions as the board knows them, by number and parish («2026-002 de El Valle (010170)»), not by their stored
    code «010170-2026-002»; a code of another shape (planted by hand) is named as it is."""
    def one(decision_id: str) -> str:
        parish, _, number = decision_id.partition("-")
        return t("dec.named", number=number, parish=rural.named(parish)) if parish.isdigit() and number else decision_id
    return fmt.listing(one(d) for d in decision_ids)


def approved_from(recorded: list[Decision], scenario_name: str, proposals: Iterable[Proposal]) -> Decision | None:
    """The newest approved decision taken from the scenario of that name whose funded projects no longer compete
    among the parish's `proposals`, so that a run of the scenario now leaves them out. None when there is none, or
    when its projects compete again (after the demo's reset)."""
    competing = {p.proposal_id for p in proposals if p.status in COMPETING}
    return next((d for d in recorded if d.approved and d.scenario_name == scenario_name
                 and not {line.proposal_id for line in d.funded} & competing), None)
