"""Which proposals a new meeting of the advisory group puts on the table: only those still competing for the parish's
budget (core.proposals.lifecycle.COMPETING: handed in and not settled). A proposal an acta already funded (or that
went on to execution), one left unfunded, one found not eligible, and a draft never handed in are left out: the
group would score projects that no longer compete. The page says how many were left out and why.

A meeting on problems lists the diagnosis's problems, which no acta decides. A meeting already stored keeps its list
(an acta recorded while it is open does not change what its participants judge); only items a save ADDS to a meeting
are checked (from core.record.meeting_checks): each must be one of the parish's proposals or problems as stored
(`check_parish_items`), and an added proposal must still compete (`check_new_items`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from core import fmt
from core.data import rural
from core.data.paths import data_dir
from core.parish.mirror import PROBLEM
from core.proposals.lifecycle import COMPETING, FUNDED_OR_LATER, ProposalStatus
from core.record import overlay
from core.record.store import Store
from core.texts import label, t, t_count

if TYPE_CHECKING:
    from core.proposals.models import Proposal
    from core.record.meeting_models import Meeting

DECIDED = (*FUNDED_OR_LATER, ProposalStatus.NOT_FUNDED)  # settled by the board (an acta, or the GAD after it)


@dataclass(frozen=True)
class Agenda:
    """The proposals a new meeting lists (`items`, in id order) and those left out, by status (lifecycle order)."""

    items: list[str]
    left_out: dict[ProposalStatus, list[str]] = field(default_factory=dict)

    @property
    def n_left_out(self) -> int:
        return sum(len(ids) for ids in self.left_out.values())


def proposal_agenda(proposals: Iterable[Proposal]) -> Agenda:
    """Split the parish's proposals into those a new meeting lists (still competing) and those it leaves out."""
    items, left_out = [], {}
    for proposal in sorted(proposals, key=lambda p: p.proposal_id):
        status = ProposalStatus(proposal.status)
        if status in COMPETING:
            items.append(proposal.proposal_id)
        else:
            left_out.setdefault(status, []).append(proposal.proposal_id)
    order = list(ProposalStatus)
    return Agenda(items, {s: left_out[s] for s in sorted(left_out, key=order.index)})


def left_out_es(agenda: Agenda) -> str | None:
    """How many proposals a new meeting on proposals leaves out and why, in Spanish; None when none is."""
    if not agenda.n_left_out:
        return None
    decided = {s: ids for s, ids in agenda.left_out.items() if s in DECIDED}
    reasons = []
    if decided:
        statuses = ", ".join(f"«{label('proposal_status', s)}»: {fmt.number(len(ids))}" for s, ids in decided.items())
        n_decided = sum(map(len, decided.values()))
        reasons.append(t_count("ses.agenda.decided", n_decided, count=fmt.number(n_decided), statuses=statuses))
    if ProposalStatus.NOT_ELIGIBLE in agenda.left_out:
        n_not_eligible = len(agenda.left_out[ProposalStatus.NOT_ELIGIBLE])
        reasons.append(t_count("ses.agenda.not_eligible", n_not_eligible, count=fmt.number(n_not_eligible)))
    if ProposalStatus.DRAFT in agenda.left_out:
        reasons.append(t("ses.agenda.draft", count=fmt.number(len(agenda.left_out[ProposalStatus.DRAFT]))))
    return t_count("ses.agenda.left_out", agenda.n_left_out, count=fmt.number(agenda.n_left_out),
                   reasons=fmt.listing(reasons))


def require_enough(agenda: Agenda) -> list[str]:
    """The agenda's items, or ValueError (Spanish) when fewer than two proposals still compete (a meeting weighs
    at least two)."""
    if len(agenda.items) < 2:
        raise ValueError(t_count("ses.err.few_competing", len(agenda.items), count=fmt.number(len(agenda.items))))
    return agenda.items


def require_problems(problem_ids: list[str], parish_code: str) -> list[str]:
    """The diagnosis's problems for a new meeting on problems, or ValueError (Spanish, naming the parish and where
    problems are entered) when it has fewer than two: a parish that brought no diagnosis has none."""
    if len(problem_ids) < 2:
        raise ValueError(t_count("ses.err.few_problems", len(problem_ids), count=fmt.number(len(problem_ids)),
                                 parish=rural.named(parish_code)))
    return problem_ids


def check_new_items(store: Store, meeting: Meeting, stored: Meeting | None) -> None:
    """Refuse (Spanish, naming each one and its status) a proposal that no longer competes which a save adds to a
    meeting on proposals. What the meeting listed before is kept, whatever happened to it since. An id that is no
    proposal of the parish is not judged here."""
    if meeting.subject != "proposals":
        return
    added = set(meeting.item_ids) - set(stored.item_ids if stored is not None else ())
    if not added:
        return
    statuses = {r.record_id: ProposalStatus(r.body.get("status") or ProposalStatus.DRAFT)
                for r in overlay.live(store, "proposal", meeting.parish_code) if r.record_id in added}
    settled = sorted((pid, status) for pid, status in statuses.items() if status not in COMPETING)
    if settled:
        raise ValueError(t("ses.err.not_competing", items=fmt.listing(
            t("dec.err.status_one", id=pid, status=label("proposal_status", status)) for pid, status in settled)))


def parish_items(store: Store, parish_code: str, subject: str) -> set[str]:
    """The ids a meeting of the parish on `subject` may list, as stored now: its proposals (built or entered, not
    deleted), or its diagnosis's problems (the built study's and those entered for the parish)."""
    if subject == "proposals":
        return {r.record_id for r in overlay.live(store, "proposal", parish_code)}
    built = data_dir() / "problems.parquet"
    found = set(pl.scan_parquet(built).filter(pl.col("parish_code") == parish_code).select("problem_id").collect()
                .to_series().to_list()) if built.exists() else set()
    return found | {r.record_id for r in store.records(PROBLEM, parish_code)}


def check_parish_items(store: Store, meeting: Meeting, stored: Meeting | None) -> None:
    """Refuse (Spanish, naming each one) an item a save adds that is not one of the parish's proposals or problems,
    as the meeting's subject says: a caller's list is never taken on trust. A meeting's list as stored is kept."""
    same = stored is not None and (stored.parish_code, stored.subject) == (meeting.parish_code, meeting.subject)
    added = [item for item in meeting.item_ids if not (same and item in stored.item_ids)]
    if not added:
        return
    known = parish_items(store, meeting.parish_code, meeting.subject)
    unknown = [item for item in added if item not in known]
    if unknown:
        raise ValueError(t(f"ses.err.not_parish_{meeting.subject}", items=fmt.listing(f"«{item}»" for item in unknown),
                           parish=rural.named(meeting.parish_code)))
