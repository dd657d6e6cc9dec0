"""The demo's cooperants and calls (data/sources/cooperation/*.json): the cooperants of the demo offers plus those the
Azogues thesis names in its calendar of calls (§3.3.2 h–j), each with its source. Copied into a store once, the
first time it is opened, like the demo proposals (core.proposals.records.ensure_demo)."""

from __future__ import annotations

import json

from core.cooperation.calls import KIND as CALL
from core.cooperation.calls import Call
from core.cooperation.cooperants import KIND as COOPERANT
from core.cooperation.cooperants import Cooperant
from core.data.paths import SOURCES_DIR
from core.proposals.records import DEMO_ACTOR, SYSTEM
from core.record.store import Change, ConflictError, Store
from core.texts import t

DEMO_DIR = SOURCES_DIR / "cooperation"
FLAG = "cooperation_demo_seeded"


def demo_cooperants() -> list[Cooperant]:
    return [Cooperant.model_validate(row) for row in json.loads((DEMO_DIR / "cooperants.json").read_text("utf-8"))]


def demo_calls() -> list[Call]:
    return [Call.model_validate(row) for row in json.loads((DEMO_DIR / "calls.json").read_text("utf-8"))]


def demo_changes(action: str) -> list[Change]:
    """The demo cooperants and calls as store changes (seeding a store, or resetting it to the demo)."""
    return [*(Change(COOPERANT, c.cooperant_id, c.model_dump(mode="json"), action=action) for c in demo_cooperants()),
            *(Change(CALL, c.call_id, c.model_dump(mode="json"), action=action) for c in demo_calls())]


def ensure_demo(store: Store) -> bool:
    """Copy the demo cooperants and calls into a store that never had them; True when it did so now."""
    if store.get(SYSTEM, FLAG) is not None:
        return False
    action = t("log.action.seed_demo")
    changes = [Change(SYSTEM, FLAG, {"seeded": True}, expected_version=0, action=action)]
    changes += demo_changes(action)
    try:
        store.apply(changes, actor=DEMO_ACTOR)
    except ConflictError:  # another session seeded it a moment ago
        return False
    return True
