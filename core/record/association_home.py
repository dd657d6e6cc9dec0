"""The parish an association belongs to, from the stored data: the one entered for it in the store (core.parish),
else the demo's (the build's file). Read wherever a representative's rights or home depend on it: the log they may
see (core.record.log_scope), where they land (core.record.landing), and whether an account may name it at all
(core.record.auth: an association that exists nowhere is refused)."""

from __future__ import annotations

from core.record.store import Store

KIND = "parish_association"  # core.parish.mirror.ASSOCIATION: an association a planner entered


def association_parish(store: Store, association_id: str) -> str | None:
    """The parish of an association: the one entered for it in the store, else the demo's; None when neither has it."""
    from core.proposals.built import ASSOCIATIONS  # the demo's associations, read where the build wrote them

    stored = store.get(KIND, association_id)
    if stored is not None and not stored.deleted and stored.parish_code:
        return stored.parish_code
    built = ASSOCIATIONS.one(association_id)
    return built.parish_code if built is not None else None
