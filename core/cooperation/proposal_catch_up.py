"""Bringing a parish's proposals up to their cooperation agreements, in a store where agreements were signed or
closed before the proposal's status followed them (core.cooperation.proposal_follow): a proposal with a signed
agreement is «En ejecución» (dated at its first signature), and «Cerrada» once every agreement signed for it is
closed (dated when the last one closed). The same steps, never skipped; a proposal further along is left as it is.
One transaction, by a person who may move projects on Seguimiento (the stored role: EDIT_PROPOSAL)."""

from __future__ import annotations

from collections import defaultdict

from core import fmt
from core.cooperation.agreements import AGREEMENT, CLOSING, Agreement, agreements, closed_on
from core.cooperation.proposal_follow import step_change
from core.proposals.models import ProposalStatus
from core.record.auth import Accounts, Action, User
from core.record.store import Change, Store
from core.texts import t


def behind(store: Store, parish_code: str) -> list[Change]:
    """The writes that bring each proposal of the parish up to its agreements; empty when none is behind."""
    by_proposal: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in agreements(store, parish_code):
        by_proposal[agreement.proposal_id].append(agreement)
    changes = []
    for proposal_id, signed in sorted(by_proposal.items()):
        first = min(signed, key=lambda a: (a.signed_on, a.agreement_id))
        steps = [(ProposalStatus.IN_EXECUTION, first.signed_on,
                  t("agr.note.signed", number=first.number_es, date=fmt.date(first.signed_on)))]
        closed = {a.number_es: closed_on(store, a.agreement_id) for a in signed}
        if all(closed.values()):
            number, last = max(closed.items(), key=lambda item: (item[1], item[0]))
            steps.append((ProposalStatus.CLOSED, last, t("agr.note.closed", number=number, date=fmt.date(last))))
        change = step_change(store, proposal_id, steps, t("log.action.proposal_catch_up"))
        if change is not None:
            changes.append(change)
    return changes


def catch_up(store: Store, user: User | None, parish_code: str) -> int:
    """Write `behind`'s steps in one transaction; returns how many proposals moved. Refused (ChangedMeanwhileError)
    when an agreement or a closing evaluation is saved meanwhile, and (ConflictError) when a proposal is."""
    actor = Accounts(store).require(user, Action.EDIT_PROPOSAL, parish_code=parish_code)  # moves its proposals only
    read = store.kinds_as_read([AGREEMENT, CLOSING])  # before `behind` reads them
    changes = behind(store, parish_code)
    if changes:
        store.apply(changes, actor=actor.username, kinds_unchanged=read,
                    changed=t("agr.err.catch_up_changed"))
    return len(changes)
