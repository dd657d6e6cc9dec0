"""A proposal's status follows its cooperation agreement, as the GAD's own follow-up moves it (Seguimiento,
core.record.followup): signing the agreement puts a «Financiada» proposal «En ejecución»; the closing evaluation
that closes the agreement (core.cooperation.agreements.closed_on: the first one saved) puts it «Cerrada».

`step_change` gives the proposal's write, made in the SAME transaction as the signature or the evaluation (one
Store.apply, logged with its own Spanish action), or None when there is nothing to move: the lifecycle's steps are
never skipped (a proposal still «Financiada» when its agreement closes walks through «En ejecución», dated when its
agreement was signed) and a proposal already further along is left as it is. The write expects the version read,
so a proposal changed meanwhile refuses the whole transaction. The right to move it is the right to the act that
causes it (board: signing; planner: the closing evaluation), checked by the caller against the stored role.
"""

from __future__ import annotations

import datetime as dt

from core import fmt
from core.proposals.models import Proposal, ProposalStatus
from core.record import followup, overlay
from core.record.store import Change, Store
from core.texts import t

PROPOSAL = "proposal"
# the steps an agreement's life leads a proposal through, in order
_PATH = (ProposalStatus.FUNDED, ProposalStatus.IN_EXECUTION, ProposalStatus.CLOSED)


def step_change(store: Store, proposal_id: str, steps: list[tuple[ProposalStatus, dt.date, str]],
                action: str, held_version: int | None = None) -> Change | None:
    """The stored proposal moved along `steps` (status, date, Spanish note), skipping those it already reached; None
    when it is at none of the statuses before them (already further along, not approved, deleted), or when it is no
    longer at `held_version`, the version the caller's checks read and its write holds (the store refuses that write).
    A step is dated no earlier than the proposal's last dated step, so its history stays in order (the note keeps the
    act's date)."""
    record = overlay.current(store, PROPOSAL, proposal_id)
    if record is None or record.deleted or held_version not in (None, record.version):
        return None
    proposal = Proposal.model_validate(record.body)
    current = ProposalStatus(proposal.status)
    if current not in _PATH:
        return None
    moved = proposal
    for status, on, note in steps:
        if _PATH.index(status) <= _PATH.index(ProposalStatus(moved.status)):
            continue
        last = followup.last_dated(moved)
        moved = moved.with_status(status, date=max(on, last) if last else on, note=note)
    if moved is proposal:
        return None
    return Change(PROPOSAL, proposal_id, moved.model_dump(mode="json"), proposal.parish_code,
                  expected_version=record.version, action=action,
                  base=record.body if record.version == 0 else None)


def on_signing(store: Store, proposal_id: str, number_es: str, signed_on: dt.date,
               held_version: int) -> Change | None:
    """The write that puts a «Financiada» proposal «En ejecución» when its agreement is signed (`held_version`: the
    version the signature's checks read)."""
    return step_change(store, proposal_id, [_signed(number_es, signed_on)], t("log.action.proposal_in_execution"),
                       held_version)


def on_closing(store: Store, proposal_id: str, number_es: str, signed_on: dt.date,
               closed: dt.date) -> Change | None:
    """The write that puts the proposal «Cerrada» when its agreement is closed (through «En ejecución» if the
    signature did not move it: an agreement signed before this rule)."""
    return step_change(store, proposal_id, [
        _signed(number_es, signed_on),
        (ProposalStatus.CLOSED, closed, t("agr.note.closed", number=number_es, date=fmt.date(closed)))],
        t("log.action.proposal_closed"))


def _signed(number_es: str, signed_on: dt.date) -> tuple[ProposalStatus, dt.date, str]:
    return (ProposalStatus.IN_EXECUTION, signed_on,
            t("agr.note.signed", number=number_es, date=fmt.date(signed_on)))
