"""A write that checks a stored state (a meeting open, a board's quorum, a proposal approved) is kept only if that
state is still the one checked when the write lock is taken: another request that commits in between (the chair
closing the voting, the board changing its quorum) refuses it with a Spanish reason, and nothing is stored or
logged. The store's precondition itself (`unchanged`): the first tests."""

import threading
import time

import pytest

from core.record.store import Change, ConflictError, Store

# -- the store's precondition ------------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path):
    return Store(tmp_path / "minga.sqlite")


@pytest.mark.parametrize(("depends_on", "kept"), [
    (("meeting", "M", 1), True),  # still at the version read
    (("meeting", "M", 2), False),  # read at a version it never had
    (("meeting", "OTRA", 0), True),  # read as absent, still absent
    (("meeting", "M", 0), False),  # read as absent, created since
])
def test_a_write_is_kept_only_while_what_it_depends_on_is_at_the_version_read(store, depends_on, kept):
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    head = store.head()
    changes = [Change("ballot", "M:ana", {"votes": 3}), Change("ballot", "M:luis", {"votes": 2})]
    if kept:
        store.apply(changes, actor="ana", unchanged=[depends_on])
        assert {r.record_id for r in store.records("ballot")} == {"M:ana", "M:luis"}
        return
    with pytest.raises(ConflictError, match="Otra persona cambió «M» mientras se guardaba lo suyo"):
        store.apply(changes, actor="ana", unchanged=[depends_on])
    assert store.records("ballot") == [] and store.head() == head  # nothing written, nothing logged


def test_a_write_says_the_callers_reason_when_what_it_depends_on_changed(store):
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    store.save("meeting", "M", {"status": "closed"}, actor="chair", expected_version=1)
    with pytest.raises(ConflictError, match="^La sesión cerró$"):
        store.save("ballot", "M:ana", {"votes": 3}, actor="ana", unchanged=[("meeting", "M", 1)],
                   changed="La sesión cerró")
    assert store.get("ballot", "M:ana") is None


def test_what_a_write_depends_on_is_compared_once_it_holds_the_write_lock(store):
    """The chair closes the meeting while holding the write lock; a ballot that read the meeting open before waits
    for the lock, then finds the meeting moved on and stores nothing."""
    store.save("meeting", "M", {"status": "open"}, actor="chair")
    chair = Store(store.path)
    outcome: list[object] = []

    def vote() -> None:
        try:
            outcome.append(store.save("ballot", "M:ana", {"votes": 3}, actor="ana", unchanged=[("meeting", "M", 1)]))
        except ConflictError as exc:
            outcome.append(exc)

    with chair._transaction() as con:  # the chair's save, held open while the ballot arrives
        voter = threading.Thread(target=vote)
        voter.start()
        time.sleep(0.3)
        assert outcome == []  # the ballot waits for the lock
        chair._write(con, Change("meeting", "M", {"status": "closed"}, expected_version=1), "chair")
    voter.join(10)
    assert isinstance(outcome[0], ConflictError), outcome
    assert store.get("ballot", "M:ana") is None and store.get("meeting", "M").body == {"status": "closed"}
