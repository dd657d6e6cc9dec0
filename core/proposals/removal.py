"""Deleting a proposal entered by mistake (a duplicate, a wrong import, a draft no one will pursue).

Only what nobody has settled may go. A planner deletes a proposal the board has not decided (funded, in execution,
closed or left unfunded by an acta) while no meeting of the advisory group that is still open lists it; a
representative deletes a draft their own association leads. Both are checked against the STORED proposal and the
signed-in account, never against what the caller sends. The store keeps a tombstone and the log every version, so
a demo proposal stays deleted and the deletion is on the record.
"""

from __future__ import annotations

from core.proposals.lifecycle import FUNDED_OR_LATER, ProposalStatus
from core.proposals.models import Proposal
from core.record import overlay
from core.record.auth import Accounts, Action, PermissionDenied, Role, User, can, require
from core.record.meeting import meetings
from core.record.store import Store, StoreError
from core.texts import label, t

KIND = "proposal"
# What the board decided (an acta, or the GAD after it): such a proposal is part of the record and stays.
DECIDED = frozenset({*FUNDED_OR_LATER, ProposalStatus.NOT_FUNDED})


def _refusal(user: User | None, proposal: Proposal) -> tuple[type[Exception], str] | None:
    """Why `user` may not delete `proposal` as stored, with the error that says it (PermissionDenied: who they are;
    ValueError: the proposal's status), or None when they may."""
    if user is not None and user.role == Role.ASSOCIATION:
        if not can(user, Action.SUBMIT_PROPOSAL, proposal.association_id):
            return PermissionDenied, t("prop.delete.err.not_lead")
        if proposal.status != ProposalStatus.DRAFT:
            return ValueError, t("prop.delete.err.not_draft", status=label("proposal_status", proposal.status))
        return None
    if not can(user, Action.EDIT_PROPOSAL):
        return PermissionDenied, t("prop.delete.err.role")
    try:  # a planner tied to another parish: core's sentence naming both
        require(user, Action.EDIT_PROPOSAL, parish_code=proposal.parish_code)
    except PermissionDenied as exc:
        return PermissionDenied, str(exc)
    if proposal.status in DECIDED:
        return ValueError, t("prop.delete.err.decided", status=label("proposal_status", proposal.status))
    return None


def may_delete(user: User | None, proposal: Proposal) -> bool:
    """Whether to offer the deletion of `proposal` to `user`, by role and status (the page's question; an open
    meeting listing it is checked on deletion, against the stored meetings)."""
    return _refusal(user, proposal) is None


def _open_meetings_listing(store: Store, proposal: Proposal) -> list[str]:
    return [m.title for m in meetings(store, proposal.parish_code)
            if m.subject == "proposals" and m.status != "closed" and proposal.proposal_id in m.item_ids]


def delete_proposal(store: Store, user: User | None, proposal_id: str, expected_version: int) -> int:
    """Delete the stored proposal `proposal_id` at `expected_version` (ConflictError when someone saved it
    meanwhile); returns the tombstone's version. PermissionDenied (the role, another association's proposal) or
    ValueError (its status, an open meeting) say why not, in Spanish. The account is read as stored."""
    actor = Accounts(store).signed_in(user)
    record = overlay.current(store, KIND, proposal_id)
    if record is None or record.deleted:
        raise StoreError(t("store.missing_record", record=proposal_id))
    stored = Proposal.model_validate(record.body)
    refused = _refusal(actor, stored)
    if refused is not None:
        error, why_not = refused
        raise error(why_not)
    listing = _open_meetings_listing(store, stored)
    if listing:
        key = "prop.delete.err.in_meeting" if len(listing) == 1 else "prop.delete.err.in_meetings"
        raise ValueError(t(key, meetings="», «".join(listing)))
    [saved] = store.apply([overlay.delete(KIND, record, t("log.action.delete_proposal"), expected_version)],
                          actor=actor.username)
    return saved.version
