"""Which log entries a person sees: each entry's parish derived from the stored data, the parish chosen, the
entries of no parish apart, and who may see which parish decided from the stored account."""

import pytest

from core.record import log_scope
from core.record.auth import PermissionDenied, Role, User
from core.record.log_scope import EVERY_PARISH, LogRights, ShownEntry, entry_parish, rights, select
from core.record.store import Change, Store
from tests.conftest import store_accounts

VALLE, CUMBE = "010170", "010152"
ADMIN = User(username="admin-bitacora", display_name="Admin", role=Role.ADMIN)
PLANNER = User(username="tecnico-bitacora", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-bitacora", display_name="Vocal", role=Role.BOARD)  # stored before juntas were kept
VALLE_BOARD = User(username="vocal-valle", display_name="Vocal", role=Role.BOARD, parish_code=VALLE)
VALLE_PLANNER = User(username="tecnico-valle", display_name="Técnico", role=Role.PLANNER, parish_code=VALLE)
ADVISER = User(username="asesor-bitacora", display_name="Asesor", role=Role.ADVISER)
OBSERVER = User(username="mirar-bitacora", display_name="Mira", role=Role.OBSERVER)
VALLE_REP = User(username="rep-valle", display_name="Rosa", role=Role.ASSOCIATION, association_id="EV-A01")
CUMBE_REP = User(username="rep-cumbe", display_name="Luis", role=Role.ASSOCIATION, association_id="010152-A01")
RETIRED = User(username="tecnico-retirado", display_name="Ya no", role=Role.PLANNER, active=False)


@pytest.mark.parametrize(("kind", "record_id", "stored", "logged", "expected"), [
    ("proposal", "P03", VALLE, None, VALLE),  # the record's parish column
    ("proposal", "010152-P01", CUMBE, CUMBE, CUMBE),
    ("offer", "OF-9", None, CUMBE, CUMBE),  # an offer keeps its parish in its body only
    ("offer", "OF-TODAS", None, None, None),  # an offer of the whole installation
    ("pdot_objective", "010152-OBJ1", None, None, CUMBE),  # row removed, no body logged: its code says it
    ("ballot", "M1:p1", VALLE, VALLE, VALLE),
    ("budget", VALLE, VALLE, VALLE, VALLE),
    ("scenario", "sin-prefijo", None, None, None),  # nothing tells: no parish is made up
    ("user", "010152-jefe", None, None, None),  # accounts belong to the installation, whatever their name
    ("signin", "tecnico", None, None, None),
    ("store", "respaldo", None, None, None),  # backups and restores
    ("system", "demo_seeded", None, None, None),
    ("cooperant", "COOP-1", None, None, None),
    ("call", "CALL-1", None, CUMBE, None),
])
def test_an_entry_belongs_to_the_parish_its_record_says(kind, record_id, stored, logged, expected):
    assert entry_parish(kind, record_id, stored, logged) == expected


@pytest.mark.parametrize(("user", "association_parish", "expected"), [
    (ADMIN, None, LogRights(None, every_parish=True, installation=True)),
    (PLANNER, None, LogRights(None, every_parish=False, installation=True)),
    (BOARD, None, LogRights(None, every_parish=False, installation=True)),
    (VALLE_BOARD, None, LogRights(frozenset({VALLE}), every_parish=False, installation=True,
                                  refusal="log.err.other_junta")),
    (VALLE_PLANNER, None, LogRights(frozenset({VALLE}), every_parish=False, installation=True,
                                    refusal="log.err.other_gad")),  # the técnico of El Valle's GAD
    (VALLE_REP, VALLE, LogRights(frozenset({VALLE}), every_parish=False, installation=False)),
    (VALLE_REP, None, "No se encontró la parroquia de la asociación «EV-A01»"),
    (ADVISER, None, "El registro completo lo ven la junta"),
    (OBSERVER, None, "El registro completo lo ven la junta"),
    (None, None, "El registro completo lo ven la junta"),
    (RETIRED, None, "El registro completo lo ven la junta"),
])
def test_who_sees_which_parish(user, association_parish, expected):
    if isinstance(expected, str):
        with pytest.raises(PermissionDenied, match=expected):
            rights(user, association_parish)
    else:
        assert rights(user, association_parish) == expected


@pytest.mark.parametrize(("allowed", "parish", "expected"), [
    (LogRights(None, True, True), EVERY_PARISH, True),
    (LogRights(None, False, True), EVERY_PARISH, False),
    (LogRights(None, False, True), CUMBE, True),
    (LogRights(frozenset({VALLE}), False, False), VALLE, True),
    (LogRights(frozenset({VALLE}), False, False), CUMBE, False),
])
def test_may_see(allowed, parish, expected):
    assert allowed.may_see(parish) is expected


def _entry(seq: int, kind: str, parish: str | None) -> ShownEntry:
    return ShownEntry(seq, "2026-01-01T00:00:00+00:00", "alguien", "guardar", kind, f"R{seq}", "h" * 64, parish)


LOG = [_entry(6, "proposal", CUMBE), _entry(5, "user", None), _entry(4, "proposal", VALLE),
       _entry(3, "budget", VALLE), _entry(2, "signin", None), _entry(1, "offer", CUMBE)]


@pytest.mark.parametrize(("parish", "installation", "kinds", "limit", "ours", "theirs"), [
    (VALLE, True, (), None, [4, 3], [5, 2]),
    (CUMBE, True, (), None, [6, 1], [5, 2]),
    (VALLE, False, (), None, [4, 3], []),  # a representative: nothing of the installation
    (EVERY_PARISH, True, (), None, [6, 4, 3, 1], [5, 2]),
    (VALLE, True, ("budget", "signin"), None, [3], [2]),
    (EVERY_PARISH, True, (), 1, [6], [5]),  # the limit counts each group on its own
    ("010101", True, (), None, [], [5, 2]),
])
def test_select_keeps_the_parish_and_the_installation_apart(parish, installation, kinds, limit, ours, theirs):
    mine, installation_entries = select(LOG, parish, installation, kinds, limit)
    assert [e.seq for e in mine] == ours
    assert [e.seq for e in installation_entries] == theirs


@pytest.fixture()
def two_parishes(tmp_path):
    """A store with entries of El Valle, of Cumbe and of no parish, written as Minga writes them (before any
    parish filter existed: nothing new is stored for it)."""
    store = Store(tmp_path / "s.sqlite")
    store_accounts(store, ADMIN, PLANNER, BOARD, VALLE_BOARD, VALLE_PLANNER, VALLE_REP, CUMBE_REP, ADVISER)
    store.apply([Change("proposal", "P03", {"parish_code": VALLE, "title": "Riego"}, VALLE,
                        base={"parish_code": VALLE, "title": "Riego (demo)"})], actor="tecnico-bitacora")
    store.save("budget", CUMBE, {"parish_code": CUMBE, "rules": {"budget_usd": 55000}}, actor="vocal-cumbe",
               parish_code=CUMBE)
    store.save("offer", "OF-9", {"offer_id": "OF-9", "parish_code": CUMBE}, actor="tecnico-bitacora")
    store.save("offer", "OF-TODAS", {"offer_id": "OF-TODAS", "parish_code": None}, actor="tecnico-bitacora")
    store.save("pdot_objective", "OBJ-C", {"parish_code": CUMBE}, actor="tecnico-bitacora", parish_code=CUMBE)
    store.apply([Change("pdot_objective", "OBJ-C", None, remove=True)], actor="tecnico-bitacora")  # row gone
    store.save("parish_association", "010152-A01", {"parish_code": CUMBE, "code": "A01"}, actor="tecnico-bitacora",
               parish_code=CUMBE)
    store.append_event("signin", "tecnico-bitacora", {"ok": True}, actor="tecnico-bitacora", action="ingreso")
    return store


def _placed(store: Store) -> dict[tuple[str, str], set]:
    placed: dict[tuple[str, str], set] = {}
    for entry in log_scope.placed_entries(store):
        placed.setdefault((entry.kind, entry.record_id), set()).add(entry.parish_code)
    return placed


def test_entries_written_before_the_filter_are_placed_in_their_parish(two_parishes):
    placed = _placed(two_parishes)
    assert placed[("proposal", "P03")] == {VALLE}
    assert placed[("budget", CUMBE)] == {CUMBE}
    assert placed[("offer", "OF-9")] == {CUMBE}
    assert placed[("offer", "OF-TODAS")] == {None}
    assert placed[("pdot_objective", "OBJ-C")] == {CUMBE}  # its removal too, though the row is gone
    assert placed[("parish_association", "010152-A01")] == {CUMBE}
    assert placed[("signin", "tecnico-bitacora")] == {None}
    assert placed[("user", "admin-bitacora")] == {None}


def _seen(shown) -> tuple[set, set]:
    ours, theirs = shown.groups()
    return {(e.kind, e.record_id) for e in ours}, {(e.kind, e.record_id) for e in theirs}


def test_a_planner_sees_the_chosen_parish_and_the_installation_apart(two_parishes):
    valle, installation = _seen(log_scope.shown_log(two_parishes, PLANNER, VALLE))
    assert valle == {("proposal", "P03")}
    assert ("signin", "tecnico-bitacora") in installation and ("offer", "OF-TODAS") in installation
    assert ("user", "vocal-bitacora") in installation
    cumbe, _ = _seen(log_scope.shown_log(two_parishes, BOARD, CUMBE))
    assert cumbe == {("budget", CUMBE), ("offer", "OF-9"), ("pdot_objective", "OBJ-C"),
                     ("parish_association", "010152-A01")}


def test_only_the_administrator_sees_every_parish_at_once(two_parishes):
    every, _ = _seen(log_scope.shown_log(two_parishes, ADMIN, EVERY_PARISH))
    assert {("proposal", "P03"), ("budget", CUMBE)} <= every
    with pytest.raises(PermissionDenied, match="Solo el administrador ve a la vez"):
        log_scope.shown_log(two_parishes, PLANNER, EVERY_PARISH)
    claimed = PLANNER.model_copy(update={"role": Role.ADMIN})  # the stored account decides, not the caller's copy
    with pytest.raises(PermissionDenied, match="Solo el administrador ve a la vez"):
        log_scope.shown_log(two_parishes, claimed, EVERY_PARISH)


def test_a_representative_sees_their_associations_parish_only(two_parishes):
    shown = log_scope.shown_log(two_parishes, VALLE_REP, VALLE)  # EV-A01: a demo association of El Valle
    assert _seen(shown) == ({("proposal", "P03")}, set()) and not shown.shows_installation
    cumbe = log_scope.shown_log(two_parishes, CUMBE_REP, CUMBE)  # an association entered for Cumbe
    assert ("budget", CUMBE) in _seen(cumbe)[0]
    with pytest.raises(PermissionDenied, match="parroquia de su asociación, El Valle \\(010170\\), no el "
                                               "de Cumbe \\(010152\\)"):
        log_scope.shown_log(two_parishes, VALLE_REP, CUMBE)
    with pytest.raises(PermissionDenied):
        log_scope.shown_log(two_parishes, ADVISER, VALLE)


def test_a_board_member_sees_their_junta_s_parish_and_the_installation_only(two_parishes):
    """A junta acts for its own parish (core.record.auth): its members read that parish's log and the entries of no
    parish, never another parish's, whatever parish the caller's copy of the account claims."""
    shown = log_scope.shown_log(two_parishes, VALLE_BOARD, VALLE)
    valle, installation = _seen(shown)
    assert valle == {("proposal", "P03")} and ("signin", "tecnico-bitacora") in installation
    for claimed in (VALLE_BOARD, VALLE_BOARD.model_copy(update={"parish_code": CUMBE})):
        with pytest.raises(PermissionDenied, match="registro de su parroquia, El Valle \\(010170\\), no el de "
                                                   "Cumbe \\(010152\\)"):
            log_scope.shown_log(two_parishes, claimed, CUMBE)


def test_a_planner_tied_to_a_parish_sees_its_parish_and_the_installation_only(two_parishes):
    """A planner tied to its GAD's parish (core.record.auth) reads that parish's log and the entries of no parish;
    another parish's is refused, whatever the caller's copy of the account claims."""
    valle, installation = _seen(log_scope.shown_log(two_parishes, VALLE_PLANNER, VALLE))
    assert valle == {("proposal", "P03")} and ("signin", "tecnico-bitacora") in installation
    for claimed in (VALLE_PLANNER, VALLE_PLANNER.model_copy(update={"parish_code": None}),
                    VALLE_PLANNER.model_copy(update={"parish_code": CUMBE})):
        with pytest.raises(PermissionDenied, match="Su cuenta de técnico de planificación ve solo el registro de la "
                                                   "parroquia de su GAD, El Valle \\(010170\\), no el de Cumbe"):
            log_scope.shown_log(two_parishes, claimed, CUMBE)
    with pytest.raises(PermissionDenied, match="Solo el administrador ve a la vez"):
        log_scope.shown_log(two_parishes, VALLE_PLANNER, EVERY_PARISH)


def test_the_verification_stays_installation_wide_and_untouched(two_parishes):
    before = two_parishes.verify()
    log_scope.shown_log(two_parishes, PLANNER, VALLE)
    after = two_parishes.verify()
    assert before.ok and after == before
    assert after.entries == len(two_parishes.log())  # every parish's entries are checked, whatever is shown
