"""The life of a proposal: its statuses, the steps allowed between them, and which statuses still compete for a
budget. A stored proposal's status history follows these steps (core.proposals.models checks it)."""

from __future__ import annotations

from enum import StrEnum

from core.texts import label, t


class ProposalStatus(StrEnum):
    """The life of a proposal, from the association's draft to the closed project."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    SCORED = "scored"
    FUNDED = "funded"
    NOT_FUNDED = "not_funded"
    IN_EXECUTION = "in_execution"
    CLOSED = "closed"


# Forward steps of the lifecycle plus the two ways back to a draft: a proposal returned for
# corrections, and one reformulated after being found not eligible or not funded.
ALLOWED_TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.DRAFT: frozenset({ProposalStatus.SUBMITTED}),
    ProposalStatus.SUBMITTED: frozenset({ProposalStatus.ELIGIBLE, ProposalStatus.NOT_ELIGIBLE,
                                         ProposalStatus.DRAFT}),
    ProposalStatus.ELIGIBLE: frozenset({ProposalStatus.SCORED}),
    ProposalStatus.NOT_ELIGIBLE: frozenset({ProposalStatus.DRAFT}),
    ProposalStatus.SCORED: frozenset({ProposalStatus.FUNDED, ProposalStatus.NOT_FUNDED}),
    ProposalStatus.FUNDED: frozenset({ProposalStatus.IN_EXECUTION}),
    ProposalStatus.NOT_FUNDED: frozenset({ProposalStatus.DRAFT}),
    ProposalStatus.IN_EXECUTION: frozenset({ProposalStatus.CLOSED}),
    ProposalStatus.CLOSED: frozenset(),
}


# The statuses from which a decision can still fund a proposal (ALLOWED_TRANSITIONS): handed in and not settled. A
# draft was never presented; a funded, not funded or not eligible one was decided already. Only these compete.
COMPETING = frozenset({ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE, ProposalStatus.SCORED})
# Funded, and the follow-up after it: the projects a parish follows, and what its PDOT progress counts.
FUNDED_OR_LATER = (ProposalStatus.FUNDED, ProposalStatus.IN_EXECUTION, ProposalStatus.CLOSED)
# A representative drafts and hands in (and may take a handed-in proposal back); the GAD sets the other statuses.
REPRESENTATIVE_STATUSES = frozenset({ProposalStatus.DRAFT, ProposalStatus.SUBMITTED})


def transition_error(current: ProposalStatus | str, new: ProposalStatus | str) -> str | None:
    """None when the step is allowed, else a Spanish sentence naming the allowed steps."""
    current, new = ProposalStatus(current), ProposalStatus(new)
    if new in ALLOWED_TRANSITIONS[current]:
        return None
    allowed = sorted(ALLOWED_TRANSITIONS[current], key=list(ProposalStatus).index)
    if not allowed:
        return t("val.status.final", status=label("proposal_status", current))
    names = ", ".join(f"«{label('proposal_status', s)}»" for s in allowed)
    return t("val.status.step", current=label("proposal_status", current), new=label("proposal_status", new),
             allowed=names)
