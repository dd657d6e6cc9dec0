"""«Restablecer la demostración»: the store's rows of the demo's kinds taken out in one logged step, so the demo shows
again (core.record.overlay reads the built records under what the store holds). `python -m core.proposals.demo_reset
reset-demo [STORE]` (`make reset-demo`) does the same for whoever runs the server.

What a parish brought in as its own is its reality, not the demo, and stays:
- the records a parish prepared in Minga entered (one whose associations the store holds, from «Preparar la
  parroquia» or a proposals import that created them; an offer belongs to the parish its body names);
- the PDOT objectives a parish recorded (ids that start with its code);
- the proposals an approved decision settled, and decisions, meetings and the log: a board's record is never erased.
An edit or a deletion of a demo record goes back to the demo in every parish: one association stored for El Valle
does not make its demo its own.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from core import fmt
from core.parish.mirror import ASSOCIATION
from core.proposals.models import FUNDED_OR_LATER, ProposalStatus
from core.proposals.records import EDITABLE_KINDS, PDOT, PROPOSAL
from core.record import overlay
from core.record.auth import Accounts, Action, User
from core.record.decision_models import KIND as DECISION
from core.record.store import Store, StoredRecord
from core.texts import label, t

# What a board decision leaves a proposal it decided at (and the follow-up after funding)
SETTLED = frozenset({*FUNDED_OR_LATER, ProposalStatus.NOT_FUNDED, ProposalStatus.NOT_ELIGIBLE})
# What the reset brings back: the editable kinds plus the cooperant registry and its calls.
RESET_KINDS = (*EDITABLE_KINDS, "cooperant", "call")


@dataclass(frozen=True)
class DemoReset:
    """What a reset of the demo did: how many stored records it took out, and the proposals it kept because a
    recorded board decision settled them (id, status, the acta's number)."""

    removed: int
    kept: tuple[tuple[str, str, str], ...] = ()

    def kept_es(self) -> str:
        """The kept proposals in Spanish («Se mantuvieron N propuestas que decidió un acta: …»); '' when none."""
        if not self.kept:
            return ""
        items = fmt.listing([t("admin.reset_kept_item", id=pid, status=label("proposal_status", status), number=number)
                             for pid, status, number in self.kept])
        return t("admin.reset_kept_one" if len(self.kept) == 1 else "admin.reset_kept", count=len(self.kept),
                 items=items)


def reset_demo(store: Store, user: User | None, kinds: tuple[str, ...] = RESET_KINDS) -> DemoReset:
    """Bring proposals, offers, PDOT, weights, scenarios, cooperants and calls (or only `kinds`) back to the demo, in
    one logged step, for an administrator; says how many stored records were taken out and which proposals were
    kept because their acta settled them (what else stays: the module's docstring)."""
    Accounts(store).require(user, Action.MANAGE_STORE)
    return _reset(store, user.username, kinds)


def settled_by_an_acta(store: Store) -> dict[str, tuple[str, str]]:
    """Stored proposal id → (its status, the number of the newest approved decision that decided it), for each live
    stored proposal an approved decision funded or left out and that no longer competes (its acta settled it)."""
    decided: dict[str, str] = {}
    for record in sorted(store.records(DECISION), key=lambda r: r.record_id):  # the newest acta last, so it names it
        if record.body.get("approved"):
            for line in [*record.body.get("funded", []), *record.body.get("left_out", [])]:
                decided[line.get("proposal_id")] = record.body.get("number_es") or record.record_id
    return {r.record_id: (str(r.body.get("status")), decided[r.record_id]) for r in store.records(PROPOSAL)
            if r.record_id in decided and r.body.get("status") in SETTLED}


def _parish_of(record: StoredRecord) -> str | None:
    """The parish a stored row is of: the record's, or the one its body names (an offer is stored without one)."""
    return record.parish_code or (record.body or {}).get("parish_code")


def _reset(store: Store, actor: str, kinds: tuple[str, ...] = RESET_KINDS) -> DemoReset:
    settled = settled_by_an_acta(store) if PROPOSAL in kinds else {}
    prepared = {r.parish_code for r in store.records(ASSOCIATION) if r.parish_code}

    def stays(record: StoredRecord) -> bool:
        recorded_pdot = record.kind == PDOT and record.record_id.startswith(f"{record.parish_code}-")
        return ((_parish_of(record) in prepared and overlay.base(record.kind, record.record_id) is None)
                or (bool(record.parish_code) and recorded_pdot)
                or (record.kind == PROPOSAL and record.record_id in settled))

    changes = overlay.removals(store, kinds, t("log.action.reset_demo"), keep=stays)
    store.apply(changes, actor=actor)
    for pid, (status, number) in sorted(settled.items()):  # the log says what the reset left as its acta settled it
        store.append_event(PROPOSAL, pid, {"kept": True, "status": status, "decision": number}, actor=actor,
                           action=t("log.action.reset_demo_kept", number=number))
    return DemoReset(len(changes), tuple((pid, status, number) for pid, (status, number) in sorted(settled.items())))


def main(argv: list[str] | None = None) -> int:
    """`python -m core.proposals.demo_reset reset-demo [STORE]`: the same reset, for whoever runs the server."""
    parser = argparse.ArgumentParser(prog="python -m core.proposals.demo_reset")
    parser.add_argument("command", choices=["reset-demo"])
    parser.add_argument("store", nargs="?", help=t("cli.store"))
    args = parser.parse_args(argv)
    store = Store(args.store) if args.store else Store()
    result = _reset(store, actor="consola")
    print(" ".join(filter(None, [t("cli.reset.done", path=store.path, count=result.removed), result.kept_es()])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
