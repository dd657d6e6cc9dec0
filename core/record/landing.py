"""Where a person lands once signed in: the parish they work for, not the study's that every visit starts on.

A board member lands on their junta's parish, a planner tied to its GAD's on that parish; an association's representative on their association's parish (as
the store or the demo records it, core.record.association_home); anyone else on the parish whose open
meeting lists them (core.record.meeting_invites). None: nowhere in particular, the parish chosen stays."""

from __future__ import annotations

from core.record import association_home, meeting_invites
from core.record.auth import Role, User
from core.record.store import Store


def parish_of(store: Store, user: User) -> str | None:
    if user.parish_code:
        return user.parish_code
    if user.role == Role.ASSOCIATION and user.association_id:
        home = association_home.association_parish(store, user.association_id)
        if home is not None:
            return home
    awaited = meeting_invites.awaiting(store, user.username)
    return awaited[0].parish_code if awaited else None
