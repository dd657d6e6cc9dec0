"""Moving several proposals to one status at once (e.g. every imported draft to «Presentada»), by the very rules
of the one-by-one form: each proposal's step must be allowed by the lifecycle (`Proposal.with_status`) and
the person must have the right to write it (`core.proposals.records.may_write_proposal`, against the stored
record). All of them move in one transaction, or none does: `BulkRefused` lists, in Spanish, each proposal
that could not move and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from core.data import rural
from core.proposals.entry import field_label
from core.proposals.models import Proposal, ProposalStatus
from core.proposals.records import PROPOSAL, may_write_proposal
from core.record import facts, overlay
from core.record.auth import Accounts, Action, PermissionDenied, User, can, require
from core.record.store import Change, Store
from core.texts import label, t
from core.user_text import require_visible


@dataclass(frozen=True)
class Refusal:
    """One proposal that cannot move: its code, title and the Spanish reason."""

    proposal_id: str
    title: str
    reason: str

    def __str__(self) -> str:
        return t("bulk.refusal", code=self.proposal_id, title=self.title, reason=self.reason)


class BulkRefused(Exception):
    """Some proposals cannot move; nothing was stored. `refusals` says which and why."""

    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__("; ".join(str(r) for r in refusals))


def change_statuses(store: Store, user: User | None, proposal_ids: Sequence[str], target: ProposalStatus | str, *,
                    today: dt.date, note: str | None = None) -> int:
    """Move every proposal in `proposal_ids` one lifecycle step to `target`; returns how many moved.

    PermissionDenied when the person may not write proposals at all; BulkRefused (nothing stored) when any
    proposal cannot take the step or is not theirs; ConflictError when one changed meanwhile.
    """
    user = Accounts(store).signed_in(user)  # the account as stored, never the caller's copy
    if not can(user, Action.SUBMIT_PROPOSAL):
        require(user, Action.EDIT_PROPOSAL)  # raises the role's Spanish refusal
    target = ProposalStatus(target)
    changes, refusals = [], []
    for proposal_id in dict.fromkeys(proposal_ids):
        record = overlay.current(store, PROPOSAL, proposal_id)  # a demo proposal too (version 0)
        if record is None or record.deleted:
            refusals.append(Refusal(proposal_id, "", t("bulk.err.missing")))
            continue
        proposal = Proposal.model_validate(record.body)
        if proposal.status == target:
            refusals.append(Refusal(proposal_id, proposal.title, t("bulk.err.already",
                                                                   status=label("proposal_status", target))))
            continue
        try:
            rural.require_rural(proposal.parish_code)
            facts.require_past(today, t("facts.field.step", id=proposal_id, status=label("proposal_status", target)))
            moved = proposal.with_status(target, date=today, note=note or None)
            require_visible(moved, field_label)  # the note goes into a history no later save changes (core.user_text)
            actor = may_write_proposal(user, moved, record.body)
        except (ValueError, PermissionDenied) as exc:
            refusals.append(Refusal(proposal_id, proposal.title, str(exc)))
            continue
        changes.append(Change(PROPOSAL, proposal_id, moved.model_dump(mode="json"), moved.parish_code,
                              expected_version=record.version, action=t("log.action.bulk_status"),
                              base=record.body if record.version == 0 else None))
    if refusals:
        raise BulkRefused(refusals)
    if changes:
        store.apply(changes, actor=actor.username)
    return len(changes)
