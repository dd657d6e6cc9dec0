"""What a decision's project lines must respect before the board's acta is recorded (core.record.decisions.record):
each proposal once, funded or left out but not both, and the funded amounts within what was available (the budget
minus the reserve, to the cent): a last check of the run's lines before they are stored (tests also record
hand-made drafts); an acta that funds more than there was, or a project twice, would state figures that do not add
up. Raises ValueError with the reason in Spanish."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from core import fmt
from core.proposals.models import CENT
from core.texts import t

if TYPE_CHECKING:
    from core.record.decision_models import DecisionDraft


def check_lines(draft: DecisionDraft) -> None:
    funded = [line.proposal_id for line in draft.funded]
    repeated = sorted(pid for pid, n in Counter(funded + [line.proposal_id for line in draft.left_out]).items()
                      if n > 1)
    for pid in repeated:
        key = "dec.err.line_twice" if funded.count(pid) != 1 else "dec.err.line_both"
        raise ValueError(t(key, id=pid))
    total = sum(line.amount_usd for line in draft.funded)
    available = max(0.0, draft.budget_usd - draft.reserve_usd)
    if total > available + CENT:
        raise ValueError(t("dec.err.over_available", total=fmt.amount(total), available=fmt.amount(available)))
