"""What people enter, as validated models over the store: proposals, cooperation offers, the parish's
PDOT objectives (with each proposal's alignment kept on the proposal), saved weights and scenarios.

The store starts with the demo records (the El Valle proposals and offers, the illustrative PDOT)
copied from the built views the first time it is opened; from then on the store is the truth for
these, and `reset_demo` brings it back to that initial state. Every write checks the role in core.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
from pydantic import BaseModel

from core.cooperation.cooperants import registered_offer
from core.data.db import query
from core.data.schemas.catalogues import PdotObjective
from core.proposals.models import ALLOWED_TRANSITIONS, Proposal, ProposalStatus
from core.proposals.offers import CooperationOffer
from core.record.auth import Action, PermissionDenied, Role, User, require
from core.record.decisions import Decision
from core.record.store import Change, Store
from core.texts import t

PROPOSAL, OFFER, PDOT = "proposal", "offer", "pdot_objective"
SYSTEM = "system"
DEMO_FLAG = "demo_seeded"
EDITABLE_KINDS = (PROPOSAL, OFFER, PDOT, "scenario", "weights")
DEMO_ACTOR = "demo"


class Versioned(BaseModel):
    """A model read from the store with the version to send back when saving (optimistic lock)."""

    model_config = {"arbitrary_types_allowed": True}

    item: Any
    version: int


def _rows(con: duckdb.DuckDBPyConnection, sql: str, model: type[BaseModel]) -> list[BaseModel]:
    frame = query(con, sql)
    fields = [c for c in model.model_fields if c in frame.columns]
    return [model.model_validate(row) for row in frame.select(fields).to_dicts()]


def demo_changes(con: duckdb.DuckDBPyConnection) -> list[Change]:
    """The demo records of the built data as store changes."""
    changes = [Change(PROPOSAL, p.proposal_id, p.model_dump(mode="json"), p.parish_code, action=t("log.action.seed_demo"))
               for p in _rows(con, "SELECT * FROM proposals ORDER BY proposal_id", Proposal)]
    changes += [Change(OFFER, o.offer_id, o.model_dump(mode="json"), None, action=t("log.action.seed_demo"))
                for o in _rows(con, "SELECT * FROM raw_offers ORDER BY offer_id", CooperationOffer)]
    changes += [Change(PDOT, o.pdot_objective_id, o.model_dump(mode="json"), o.parish_code, action=t("log.action.seed_demo"))
                for o in _rows(con, "SELECT * FROM pdot_objectives ORDER BY pdot_objective_id", PdotObjective)]
    return changes


def ensure_demo(store: Store, con: duckdb.DuckDBPyConnection) -> bool:
    """Copy the demo records into a store that never had them; True when it did so now."""
    if store.get(SYSTEM, DEMO_FLAG) is not None:
        return False
    flag = Change(SYSTEM, DEMO_FLAG, {"seeded": True}, expected_version=0, action=t("log.action.seed_demo"))
    try:
        store.apply([flag, *demo_changes(con)], actor=DEMO_ACTOR)
    except Exception:  # another session seeded it a moment ago (the flag's version check failed)
        if store.get(SYSTEM, DEMO_FLAG) is None:
            raise
        return False
    return True


def reset_demo(store: Store, user: User | None, con: duckdb.DuckDBPyConnection) -> int:
    """Bring proposals, offers, PDOT, weights, scenarios, cooperants and calls back to the demo, in one logged step.

    Decisions, meetings and the log are kept: a board's record is never erased.
    """
    require(user, Action.MANAGE_STORE)
    return _reset(store, con, user.username)


def _reset(store: Store, con: duckdb.DuckDBPyConnection, actor: str) -> int:
    # Imported here: core.cooperation.demo reads this module's names (DEMO_ACTOR, SYSTEM) when it loads.
    from core.cooperation import demo as cooperation_demo
    from core.cooperation.calls import KIND as CALL
    from core.cooperation.cooperants import KIND as COOPERANT

    action = t("log.action.reset_demo")
    live = [Change(r.kind, r.record_id, None, action=action)
            for kind in (*EDITABLE_KINDS, COOPERANT, CALL) for r in store.records(kind)]
    fresh = demo_changes(con) + cooperation_demo.demo_changes(action)
    if store.get(SYSTEM, cooperation_demo.FLAG) is None:  # seeded now: opening the app must not seed it again
        fresh.append(Change(SYSTEM, cooperation_demo.FLAG, {"seeded": True}, expected_version=0, action=action))
    fresh_keys = {(c.kind, c.record_id) for c in fresh}
    deletions = [c for c in live if (c.kind, c.record_id) not in fresh_keys]
    store.apply([*deletions, *fresh], actor=actor)
    return len(fresh)


# -- proposals ---------------------------------------------------------------------------------------

def proposals(store: Store, parish_code: str) -> list[Versioned]:
    return [Versioned(item=Proposal.model_validate(r.body), version=r.version)
            for r in store.records(PROPOSAL, parish_code)]


def proposal_models(store: Store, parish_code: str) -> list[Proposal]:
    return [v.item for v in proposals(store, parish_code)]


# A representative drafts and hands in; the GAD sets the other statuses.
REPRESENTATIVE_STATUSES = frozenset({ProposalStatus.DRAFT, ProposalStatus.SUBMITTED})


def _owners_and_status(body: dict[str, Any]) -> tuple[list[str], str]:
    """Who owns a proposal body (every proponent) and its status, read from the raw stored JSON."""
    return list(body.get("association_ids") or [body.get("association_id")]), str(body.get("status"))


def may_write_proposal(user: User | None, proposal: Proposal, stored: dict[str, Any] | None) -> User:
    """Planners edit any proposal; a representative only drafts and hands in their own association's.

    For a representative both the STORED proposal (its owners and status) and the new body must be theirs
    and in a status they may set: what the caller sends cannot take over another association's proposal.
    """
    if user is None or user.role != Role.ASSOCIATION:
        return require(user, Action.EDIT_PROPOSAL)
    versions = [proposal.model_dump(mode="json")] + ([stored] if stored is not None else [])
    for body in versions:
        owners, status = _owners_and_status(body)
        if status not in REPRESENTATIVE_STATUSES:
            raise PermissionDenied(t("auth.err.representative_status"))
        if user.association_id not in owners:
            return require(user, Action.SUBMIT_PROPOSAL, owners[0])
    return require(user, Action.SUBMIT_PROPOSAL, user.association_id)


def save_proposal(store: Store, user: User | None, proposal: Proposal, expected_version: int | None = None) -> int:
    """Store one proposal; returns its new version (ConflictError when someone saved it meanwhile).

    The rights are checked against the stored record, and the save expects that very version, so a change
    made between the check and the write is refused as a conflict rather than overwritten.
    """
    record = store.get(PROPOSAL, proposal.proposal_id)
    stored = record.body if record is not None and not record.deleted else None
    actor = may_write_proposal(user, proposal, stored)
    if expected_version is None:
        expected_version = record.version if record is not None else 0
    saved = store.save(PROPOSAL, proposal.proposal_id, proposal.model_dump(mode="json"), actor=actor.username,
                       parish_code=proposal.parish_code, expected_version=expected_version,
                       action=t("log.action.save_proposal"))
    return saved.version


def import_proposals(store: Store, user: User | None, items: list[Proposal],
                     expected_versions: dict[str, int] | None = None, before: Sequence[Change] = ()) -> int:
    """Store many proposals as one transaction (an import): all of them, or none.

    `expected_versions` (proposal id → the version read when the import was previewed, 0 for a new one)
    makes the whole import fail with ConflictError when someone saved one of them meanwhile. `before` are
    changes already checked by their own module (the associations an import creates), written in the
    same transaction.
    """
    actor = require(user, Action.EDIT_PROPOSAL)
    expected = expected_versions or {}
    store.apply([*before, *(Change(PROPOSAL, p.proposal_id, p.model_dump(mode="json"), p.parish_code,
                                   expected_version=expected.get(p.proposal_id),
                                   action=t("log.action.import_proposal")) for p in items)],
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
    those that failed a gate «not eligible», each through the lifecycle's own steps, noted with the acta."""
    if not decision.approved:
        return []
    eligible = {s["proposal_id"]: s["eligible"] for s in decision.inputs.get("screening", [])}
    funded = {line.proposal_id for line in decision.funded}
    targets = {pid: ProposalStatus.FUNDED for pid in funded}
    for line in decision.left_out:
        targets[line.proposal_id] = (ProposalStatus.NOT_ELIGIBLE if eligible.get(line.proposal_id) is False
                                     else ProposalStatus.NOT_FUNDED)
    note = t("acta.status_note", number=decision.number_es)
    changes = []
    for pid, target in sorted(targets.items()):
        record = store.get(PROPOSAL, pid)
        if record is None or record.deleted:
            continue
        proposal = Proposal.model_validate(record.body)
        steps = lifecycle_path(ProposalStatus(proposal.status), target)
        for step in steps:
            proposal = proposal.with_status(step, date=decision.date, note=note)
        if steps:
            changes.append(Change(PROPOSAL, pid, proposal.model_dump(mode="json"), proposal.parish_code,
                                  expected_version=record.version, action=t("log.action.decision_status")))
    return changes


# -- offers and PDOT objectives ---------------------------------------------------------------------

def offers(store: Store) -> list[Versioned]:
    return [Versioned(item=CooperationOffer.model_validate(r.body), version=r.version) for r in store.records(OFFER)]


def save_offer(store: Store, user: User | None, offer: CooperationOffer, expected_version: int | None = None) -> int:
    """Store an offer of a registered cooperant, with the registry's name, kind and country (planners and admins)."""
    actor = require(user, Action.EDIT_OFFER)
    offer = registered_offer(store, offer)
    return store.save(OFFER, offer.offer_id, offer.model_dump(mode="json"), actor=actor.username,
                      expected_version=expected_version, action=t("log.action.save_offer")).version


def pdot_objectives(store: Store, parish_code: str) -> list[Versioned]:
    return [Versioned(item=PdotObjective.model_validate(r.body), version=r.version)
            for r in store.records(PDOT, parish_code)]


def save_pdot_objective(store: Store, user: User | None, objective: PdotObjective,
                        expected_version: int | None = None) -> int:
    actor = require(user, Action.EDIT_ALIGNMENT)
    return store.save(PDOT, objective.pdot_objective_id, objective.model_dump(mode="json"), actor=actor.username,
                      parish_code=objective.parish_code, expected_version=expected_version,
                      action=t("log.action.save_pdot")).version


def main(argv: list[str] | None = None) -> int:
    """`python -m core.proposals.records reset-demo [STORE]`: the same reset, for whoever runs the server."""
    import argparse

    from core.data.db import connect

    parser = argparse.ArgumentParser(prog="python -m core.proposals.records")
    parser.add_argument("command", choices=["reset-demo"])
    parser.add_argument("store", nargs="?", help=t("cli.store"))
    args = parser.parse_args(argv)
    store = Store(args.store) if args.store else Store()
    count = _reset(store, connect(), actor="consola")
    print(t("cli.reset.done", path=store.path, count=count))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
