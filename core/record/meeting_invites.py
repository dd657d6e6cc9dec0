"""Where a person is awaited: the meetings still open that list their account, in any parish.

An adviser signs in on the parish the sidebar shows first (the study's); the meeting that invited them may be
another parish's, and the Sesión page says which one instead of «no meetings here»."""

from __future__ import annotations

from core.record.meeting_models import MEETING, Meeting
from core.record.store import Store


def awaiting(store: Store, username: str) -> list[Meeting]:
    """The open or revealed meetings of every parish whose participants include `username`, latest first."""
    found = [Meeting(**r.body) for r in store.records(MEETING)]
    return sorted((m for m in found if m.status != "closed" and any(p.username == username for p in m.participants)),
                  key=lambda m: (m.date, m.meeting_id), reverse=True)
