"""What people enter, as validated models over the store: proposals, cooperation offers, the parish's
PDOT objectives (with each proposal's alignment kept on the proposal), saved weights and scenarios.

The demo records (the El Valle proposals and offers, the illustrative PDOT; at national scale the synthetic
proposals) are read where they are built and never copied into the store (core.record.overlay): the store holds
only what people entered or changed, a demo record reads at version 0 until someone saves it, and
core.proposals.demo_reset takes the store's rows of these kinds out (logged), so the demo shows again. Every write
checks the role in core.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from core.cooperation.cooperants import KIND as COOPERANT
from core.cooperation.cooperants import registered_offer
from core.data import rural
from core.data.schemas.catalogues import PdotObjective
from core.parish.mirror import ASSOCIATION
from core.proposals.built import ASSOCIATIONS
from core.proposals.entry import field_label
from core.proposals.models import (
    ALLOWED_TRANSITIONS,
    COMPETING,
    FUNDED_OR_LATER,
    REPRESENTATIVE_STATUSES,
    Proposal,
    ProposalStatus,
    transition_error,
)
from core.proposals.offers import ENTERED, CooperationOffer, kept_by_its_parish
from core.record import facts, overlay
from core.record.auth import Accounts, Action, PermissionDenied, Role, User, require
from core.record.decision_models import Decision
from core.record.store import Change, ConflictError, Store, StoredRecord, Unchanged
from core.texts import label, t
from core.user_text import require_visible

PROPOSAL, OFFER, PDOT = "proposal", "offer", "pdot_objective"
EDITABLE_KINDS = (PROPOSAL, OFFER, PDOT, "scenario", "weights")
class Versioned(BaseModel):
    """A model read from the store with the version to send back when saving (optimistic lock)."""

    model_config = {"arbitrary_types_allowed": True}

    item: Any
    version: int


# -- proposals ---------------------------------------------------------------------------------------

def proposals(store: Store, parish_code: str) -> list[Versioned]:
    """The parish's proposals: the demo's (version 0) under what the store holds."""
    return [Versioned(item=Proposal.model_validate(r.body), version=r.version)
            for r in overlay.live(store, PROPOSAL, parish_code)]


def proposal(store: Store, proposal_id: str) -> Versioned | None:
    """One live proposal of any parish (None when there is none or it was deleted)."""
    record = overlay.current(store, PROPOSAL, proposal_id)
    if record is None or record.deleted:
        return None
    return Versioned(item=Proposal.model_validate(record.body), version=record.version)


def proposal_models(store: Store, parish_code: str) -> list[Proposal]:
    return [v.item for v in proposals(store, parish_code)]


def _owners_and_status(body: dict[str, Any]) -> tuple[list[str], str]:
    """Who owns a proposal body (every proponent, its lead first) and its status, read from the raw stored JSON: the
    lead is `association_id`, wherever the list puts it."""
    lead = body.get("association_id")
    return [lead, *[a for a in body.get("association_ids") or [] if a != lead]], str(body.get("status"))


def may_write_proposal(user: User | None, proposal: Proposal, stored: dict[str, Any] | None) -> User:
    """Planners edit any proposal; a representative only drafts and hands in their own association's.

    For a representative both the STORED proposal (its owners and status) and the new body must be theirs
    and in a status they may set: what the caller sends cannot take over another association's proposal.
    """
    if user is None or user.role != Role.ASSOCIATION:  # a planner tied to a parish: the stored one and the new one
        for parish_code in dict.fromkeys([(stored or {}).get("parish_code"), proposal.parish_code]):
            require(user, Action.EDIT_PROPOSAL, parish_code=parish_code)
        return require(user, Action.EDIT_PROPOSAL)
    versions = [proposal.model_dump(mode="json")] + ([stored] if stored is not None else [])
    for body in versions:
        owners, status = _owners_and_status(body)
        if status not in REPRESENTATIVE_STATUSES:
            raise PermissionDenied(t("auth.err.representative_status"))
        if user.association_id not in owners:
            return require(user, Action.SUBMIT_PROPOSAL, owners[0])
    owners, status = _owners_and_status(versions[0])
    if stored is None and owners[0] != user.association_id:  # a new proposal is led by their own association
        return require(user, Action.SUBMIT_PROPOSAL, owners[0])
    before_owners, before_status = _owners_and_status(stored) if stored is not None else (owners, "draft")
    if before_owners != owners or (before_status == status == ProposalStatus.SUBMITTED):
        raise PermissionDenied(t("auth.err.representative_edit"))  # its proponents, or a proposal handed in
    return require(user, Action.SUBMIT_PROPOSAL, user.association_id)


def _check_lifecycle(stored: dict[str, Any] | None, proposal: Proposal) -> None:
    """A saved proposal keeps the status history it had and adds only allowed steps from its stored status: a
    caller's copy cannot erase the history or jump from «Presentada» to «Financiada»."""
    if stored is None:
        return
    before = Proposal.model_validate(stored)
    kept = [c.model_dump(mode="json") for c in before.status_history]
    if kept:
        if [c.model_dump(mode="json") for c in proposal.status_history[:len(kept)]] != kept:
            raise ValueError(t("val.status.history_kept"))
        added = [c.status for c in proposal.status_history[len(kept):]]
    elif proposal.status_history:  # the first history starts at the stored status
        if proposal.status_history[0].status != before.status:
            raise ValueError(t("val.status.history_kept"))
        added = [c.status for c in proposal.status_history[1:]]
    else:  # neither keeps a history: one step at most
        added = [proposal.status] if proposal.status != before.status else []
    current = before.status
    for step in [*added, proposal.status]:  # a status the history does not reach is one more step
        if step == current:
            continue
        problem = transition_error(current, step)
        if problem:
            raise ValueError(problem)
        current = step


def save_proposal(store: Store, user: User | None, proposal: Proposal, expected_version: int | None = None) -> int:
    """Store one proposal; returns its new version (ConflictError when someone saved it meanwhile).

    The rights are checked against the stored record, and the save expects that very version, so a change
    made between the check and the write is refused as a conflict rather than overwritten.
    """
    require_visible(proposal, field_label)  # what its texts may hold (core.user_text): refused before anything is read
    rural.require_rural(proposal.parish_code)
    record = overlay.current(store, PROPOSAL, proposal.proposal_id)
    stored = record.body if record is not None and not record.deleted else None
    actor = may_write_proposal(Accounts(store).signed_in(user), proposal, stored)
    _same_parish(record, proposal)
    _proponents_of_the_parish(store, [proposal])
    _check_lifecycle(stored, proposal)
    _steps_not_ahead(stored, proposal)
    if expected_version is None:
        expected_version = record.version if record is not None else 0
    return _save(store, actor, PROPOSAL, proposal.proposal_id, proposal, proposal.parish_code, expected_version,
                 "log.action.save_proposal")


def _proponents_of_the_parish(store: Store, items: Sequence[Proposal], created: Sequence[Change] = ()) -> None:
    """Every proponent is an association of the proposal's parish: the demo's, one the parish registered, or one
    `created` in the same write. A code of another parish, or of none, would put a proposal under an association
    the board cannot see."""
    known: dict[str, set[str]] = {}
    for item in items:
        if item.parish_code not in known:
            known[item.parish_code] = set(ASSOCIATIONS.rows(item.parish_code)) | {
                r.record_id for r in store.records(ASSOCIATION, item.parish_code)} | {
                c.record_id for c in created if c.kind == ASSOCIATION and c.parish_code == item.parish_code}
        strangers = [a for a in dict.fromkeys([item.association_id, *item.association_ids])
                     if a not in known[item.parish_code]]
        if strangers:
            raise ValueError(t("val.proposal.association_elsewhere", proposal=item.proposal_id,
                               associations=", ".join(strangers)))


def _steps_not_ahead(stored: dict[str, Any] | None, proposal: Proposal) -> None:
    """The steps a save adds to the status history happened: none is dated after today (FutureFact, Spanish)."""
    kept = len((stored or {}).get("status_history") or [])
    for change in proposal.status_history[kept:]:
        facts.require_past(change.date, t("facts.field.step", id=proposal.proposal_id,
                                          status=label("proposal_status", change.status)))


def _same_parish(record: StoredRecord | None, proposal: Proposal) -> None:
    """A proposal code is a key across parishes: one parish never writes over another's proposal."""
    if record is not None and not record.deleted and record.parish_code != proposal.parish_code:
        raise ConflictError(t("store.other_parish", record=proposal.proposal_id, parish=record.parish_code))


def import_proposals(store: Store, user: User | None, items: list[Proposal],
                     expected_versions: dict[str, int] | None = None, before: Sequence[Change] = ()) -> int:
    """Store many proposals as one transaction (an import): all of them, or none.

    `expected_versions` (proposal id → the version read when the import was previewed, 0 for a new one)
    makes the whole import fail with ConflictError when someone saved one of them meanwhile. `before` are
    changes already checked by their own module (the associations an import creates), written in the
    same transaction.
    """
    for item in items:
        require_visible(item, field_label)  # what their texts may hold (core.user_text)
    for parish_code in dict.fromkeys(item.parish_code for item in items):
        rural.require_rural(parish_code)
    actor = Accounts(store).require(user, Action.EDIT_PROPOSAL)
    for item in items:
        record = overlay.current(store, PROPOSAL, item.proposal_id)
        for parish_code in (item.parish_code, record.parish_code if record is not None else None):
            require(actor, Action.EDIT_PROPOSAL, parish_code=parish_code)  # a planner tied to a parish: its own only
        _same_parish(record, item)
        _steps_not_ahead(record.body if record is not None and not record.deleted else None, item)
    _proponents_of_the_parish(store, items, before)
    expected = expected_versions or {}
    store.apply([*before, *(Change(PROPOSAL, p.proposal_id, p.model_dump(mode="json"), p.parish_code,
                                   expected_version=expected.get(p.proposal_id), action=t("log.action.import_proposal"),
                                   base=overlay.base(PROPOSAL, p.proposal_id)) for p in items)],
                actor=actor.username)
    return len(items)


def lifecycle_path(current: ProposalStatus, target: ProposalStatus) -> list[ProposalStatus]:
    """The shortest run of allowed lifecycle steps from `current` to `target` (empty if none or equal)."""
    frontier: list[list[ProposalStatus]] = [[current]]
    seen = {current}
    while frontier:
        route = frontier.pop(0)
        for step in sorted(ALLOWED_TRANSITIONS[route[-1]], key=list(ProposalStatus).index):
            if step == target:
                return route[1:] + [step]
            if step not in seen and step != ProposalStatus.DRAFT:  # never send a proposal back to its author
                seen.add(step)
                frontier.append([*route, step])
    return []


def decision_status_changes(store: Store, decision: Decision) -> list[Change]:
    """After an approved decision: funded proposals become «funded», the other candidates «not funded» and
    those that failed a gate «not eligible», each through the lifecycle's own steps, noted with the acta. A
    proposal left out that was not competing (a draft, or one an earlier acta settled) keeps its status.
    ValueError (Spanish) when the acta would contradict a project's status: one an earlier acta funded, or one it
    funds that can no longer be funded (the same decision recorded twice, or a later one over decided projects)."""
    if not decision.approved:
        return []
    eligible = {s["proposal_id"]: s["eligible"] for s in decision.inputs.get("screening", [])}
    funded = {line.proposal_id for line in decision.funded}
    targets = {pid: ProposalStatus.FUNDED for pid in funded}
    for line in decision.left_out:
        targets[line.proposal_id] = (ProposalStatus.NOT_ELIGIBLE if eligible.get(line.proposal_id) is False
                                     else ProposalStatus.NOT_FUNDED)
    note = t("acta.status_note", number=decision.number_es)
    changes, contradicted = [], []
    for pid, target in sorted(targets.items()):
        record = overlay.current(store, PROPOSAL, pid)
        if record is None or record.deleted:
            continue
        if record.parish_code != decision.parish_code:  # one junta's acta never moves another parish's project
            raise ValueError(t("dec.err.other_parish", id=pid, parish=rural.named(record.parish_code)))
        proposal = Proposal.model_validate(record.body)
        if target != ProposalStatus.FUNDED and proposal.status not in COMPETING:
            continue  # not this decision's to settle: never handed in, or settled by an earlier acta
        was_funded = ProposalStatus(proposal.status) in FUNDED_OR_LATER
        if was_funded or (target == ProposalStatus.FUNDED and not lifecycle_path(ProposalStatus(proposal.status), target)):
            # funded by an earlier acta (this one would fund it twice, or say it is not funded), or past funding
            contradicted.append(t("dec.err.status_one", id=pid, status=label("proposal_status", proposal.status)))
            continue
        steps = lifecycle_path(ProposalStatus(proposal.status), target)
        for step in steps:
            proposal = proposal.with_status(step, date=decision.date, note=note)
        if steps:
            changes.append(Change(PROPOSAL, pid, proposal.model_dump(mode="json"), proposal.parish_code,
                                  expected_version=record.version, action=t("log.action.decision_status"),
                                  base=record.body if record.version == 0 else None))
    if contradicted:
        raise ValueError(t("dec.err.statuses", items="; ".join(contradicted)))
    return changes


# -- offers and PDOT objectives ---------------------------------------------------------------------

def offers(store: Store) -> list[Versioned]:
    return [Versioned(item=CooperationOffer.model_validate(r.body), version=r.version)
            for r in overlay.live(store, OFFER)]


def save_offer(store: Store, user: User | None, offer: CooperationOffer, expected_version: int | None = None, *,
               parish_code: str | None = None) -> int:
    """Store an offer of a registered cooperant, with the registry's name, kind and country (planners and admins).
    With `parish_code` (the parish the planner works on), an offer another parish holds is refused: every parish
    screens every offer, but only the parish that holds it changes what it demands (its counterpart, its dates)."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER)
    stored = overlay.current(store, OFFER, offer.offer_id)
    holder = stored.body.get("parish_code") if stored is not None and not stored.deleted else None
    offer = kept_by_its_parish(offer, holder, parish_code)  # ValueError: another parish's offer, stored or claimed
    require(actor, Action.EDIT_OFFER, parish_code=holder or offer.parish_code)  # a planner tied to another parish
    seen = overlay.current(store, COOPERANT, offer.cooperant_id) if offer.cooperant_id else None
    offer = CooperationOffer.model_validate(registered_offer(store, offer).model_dump(), context={ENTERED: True})
    held = Unchanged(COOPERANT, str(offer.cooperant_id), seen.version if seen else 0)  # as linked: its name, kind
    return _save(store, actor, OFFER, offer.offer_id, offer, None, expected_version, "log.action.save_offer",
                 [held], t("coop.err.offer_cooperant_changed", cooperant=offer.cooperant_id))


def pdot_objectives(store: Store, parish_code: str) -> list[Versioned]:
    return [Versioned(item=PdotObjective.model_validate(r.body), version=r.version)
            for r in overlay.live(store, PDOT, parish_code)]


def save_pdot_objective(store: Store, user: User | None, objective: PdotObjective,
                        expected_version: int | None = None) -> int:
    actor = Accounts(store).require(user, Action.EDIT_ALIGNMENT, parish_code=objective.parish_code)
    overlay.refuse_other_parish(store, PDOT, objective.pdot_objective_id, objective.parish_code)  # stored: the same
    return _save(store, actor, PDOT, objective.pdot_objective_id, objective, objective.parish_code, expected_version,
                 "log.action.save_pdot")


def _save(store: Store, actor: User, kind: str, record_id: str, item: BaseModel, parish_code: str | None,
          expected_version: int | None, action_key: str, unchanged: Sequence[Unchanged] = (),
          changed: str | None = None) -> int:
    """One record written as `actor`, logged as a change from its demo version when the store did not hold it;
    never for a cantonal seat (core.data.rural). `unchanged`, `changed`: as Store.apply."""
    rural.require_rural(parish_code)
    [saved] = store.apply([Change(kind, record_id, item.model_dump(mode="json"), parish_code, expected_version,
                                  t(action_key), base=overlay.base(kind, record_id))], actor=actor.username,
                          unchanged=unchanged, changed=changed)
    return saved.version
