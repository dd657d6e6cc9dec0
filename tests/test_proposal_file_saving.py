"""The planner's own proposals file as it comes (issue 11, item 5), saved: unregistered associations offered with a
close-name suggestion and created only when chosen (with the parish records' rights, in the same transaction), and
the bulk status change after it (all or nothing, the form's lifecycle and rights)."""

from __future__ import annotations

import pytest

from core.parish.mirror import ASSOCIATION
from core.proposals import bulk_status, imports, records
from core.proposals.import_associations import AssociationChoice, closeness, new_ids, suggest
from core.proposals.models import Proposal
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store
from tests import proposals_issue_file
from tests.proposals_issue_file import PARISH, TODAY, issue_file

PLANNER = User(username="tecnica-archivo", display_name="Técnica", role=Role.PLANNER)
OBSERVER = User(username="vecino-archivo", display_name="Vecino", role=Role.OBSERVER)
BOARD = User(username="vocal-archivo", display_name="Vocal", role=Role.BOARD)
REP = User(username="rep-archivo", display_name="Rosa", role=Role.ASSOCIATION, association_id="EV-A01")
pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the files are handed in on 6 April 2027


# A new store for each test, and the import context on the day the files are handed in (tests.proposals_issue_file).
store, ctx = proposals_issue_file.store, proposals_issue_file.ctx


# -- associations the parish has not registered ----------------------------------------------------------------

EL_VALLE = {"EV-A01": "Asociación Agroecológica Flor del Valle",
            "EV-A02": "Asociación de Productores Agropecuarios Nueva Esperanza",
            "EV-A03": "Asociación Agroecológica Mujeres Sembradoras",
            "EV-A04": "Asociación de Pequeños Productores Sumak Tarpuy"}


@pytest.mark.parametrize(("written", "expected"), [
    ("Asociacion Sumak Tarpui", "EV-A04"),  # accents and a typo
    ("Flor del Vale", "EV-A01"),
    ("MUJERES SEMBRADORAS", "EV-A03"),
    ("Productores Nueva Esperanza", "EV-A02"),
    ("Cooperativa Lácteos del Cajas", None),
    ("Asociación de la", None),  # only words every name has
    ("Nueva Vida", None),  # one word of two is not enough
])
def test_a_close_registered_name_is_suggested(written, expected):
    assert suggest(written, EL_VALLE) == expected


def test_a_text_too_long_for_a_name_is_a_problem_not_an_association(ctx):
    data = issue_file(f"EV-T16;{'Asociación ' * 25};Huertos;1.500;300;25;6;EV-OE5;2")
    preview = imports.preview_import(data, "p.csv", ctx)
    assert not preview.unregistered and [(p.row, p.column) for p in preview.problems] == [(2, "Asociación")]


def test_closeness_counts_the_written_words_found():
    assert closeness("Flor del Valle", EL_VALLE["EV-A01"]) == 1.0
    assert closeness("Flor Andina", EL_VALLE["EV-A01"]) == 0.5


@pytest.mark.parametrize(("registered", "expected"), [
    ({}, ["010152-A01", "010152-A02"]),
    ({"010152-A01": "Una", "010152-A03": "Otra"}, ["010152-A02", "010152-A04"]),
    ({"EV-A01": "De demostración"}, ["010152-A01", "010152-A02"]),
])
def test_created_associations_take_the_next_free_codes(registered, expected):
    assert new_ids("010152", registered, 2) == expected


UNREGISTERED = issue_file("EV-T13;Asociacion Sumak Tarpui;Vivero;3.000;1.000;18;10;EV-OE5;15",
                          "EV-T14;Cooperativa Lácteos del Cajas;Tanque de leche;5.000;1.500;30;8;EV-OE1;8",
                          "EV-T15;EV-A01;Huertos;1.000;0;10;6;EV-OE5;2")
SUMAK, CAJAS = "asociacion sumak tarpui", "cooperativa lacteos del cajas"


@pytest.mark.parametrize(("choices", "actions", "leads"), [
    ({}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # nothing chosen: nothing created or guessed
    ({SUMAK: AssociationChoice("suggested")}, ["new", "skipped", "new"], ["EV-A04", None, "EV-A01"]),
    ({CAJAS: AssociationChoice("create")}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # no members
    ({CAJAS: AssociationChoice("create", 14), SUMAK: AssociationChoice("leave_out")}, ["skipped", "new", "new"],
     [None, "010170-A01", "EV-A01"]),
    ({CAJAS: AssociationChoice("suggested")}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),  # none to use
    ({CAJAS: AssociationChoice("create", 100_001)}, ["skipped", "skipped", "new"], [None, None, "EV-A01"]),
])
def test_an_unregistered_association_is_offered_never_created_silently(ctx, choices, actions, leads):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices=choices)
    assert preview.ok
    assert [r.action for r in preview.rows] == actions
    assert [r.proposal.association_id if r.proposal else None for r in preview.rows] == leads
    assert {k: (u.name, u.suggestion, u.lines) for k, u in preview.unregistered.items()} == {
        SUMAK: ("Asociacion Sumak Tarpui", "EV-A04", [2]), CAJAS: ("Cooperativa Lácteos del Cajas", None, [3])}
    skipped = [r for r in preview.rows if r.action == "skipped"]
    assert all("no está registrada en la parroquia" in r.warnings[0] for r in skipped)


def test_saving_creates_the_chosen_association_with_the_proposals_in_one_step(ctx, store):
    choices = {CAJAS: AssociationChoice("create", 14), SUMAK: AssociationChoice("suggested")}
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices=choices)
    log = len(store.log())
    assert imports.save_import(store, PLANNER, preview) == 3
    created = store.get(ASSOCIATION, "010170-A01")
    assert (created.body["name"], created.body["members_total"], created.body["is_synthetic"]) == (
        "Cooperativa Lácteos del Cajas", 14, False)
    assert store.get(records.PROPOSAL, "EV-T14").body["association_id"] == "010170-A01"
    assert len(store.log()) == log + 4, "one association and three proposals"


@pytest.mark.parametrize("user", [OBSERVER, BOARD, REP], ids=["observer", "board", "representative"])
def test_who_may_not_import_creates_no_association(ctx, store, user):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices={CAJAS: AssociationChoice("create", 14)})
    log = len(store.log())
    with pytest.raises(PermissionDenied):
        imports.save_import(store, user, preview)
    assert len(store.log()) == log and store.get(ASSOCIATION, "010170-A01") is None


def test_a_conflict_stores_neither_the_association_nor_the_proposals(ctx, store):
    preview = imports.preview_import(UNREGISTERED, "p.csv", ctx, choices={CAJAS: AssociationChoice("create", 14)})
    store.save(records.PROPOSAL, "EV-T15", preview.rows[2].proposal.model_dump(mode="json"), actor="otra",
               parish_code=PARISH, expected_version=0)  # someone saved EV-T15 meanwhile
    log = len(store.log())
    with pytest.raises(ConflictError):
        imports.save_import(store, PLANNER, preview, only_valid=True)
    assert len(store.log()) == log and store.get(ASSOCIATION, "010170-A01") is None


# -- bulk status change ---------------------------------------------------------------------------------------

def stored_drafts(store: Store, *leads: str) -> list[str]:
    codes = [f"EV-T4{i}" for i in range(len(leads))]
    records.import_proposals(store, PLANNER, [
        Proposal(proposal_id=c, association_id=a, parish_code=PARISH, title=f"Borrador {c}", cost_usd=1000,
                 requested_usd=1000) for c, a in zip(codes, leads, strict=True)])
    return codes


def status(store: Store, code: str) -> str:
    return store.get(records.PROPOSAL, code).body["status"]


def test_a_planner_hands_in_several_drafts_at_once(store):
    codes = stored_drafts(store, "EV-A01", "EV-A02", "EV-A03")
    assert bulk_status.change_statuses(store, PLANNER, codes, "submitted", today=TODAY, note="Junta del 6") == 3
    for code in codes:
        proposal = Proposal.model_validate(store.get(records.PROPOSAL, code).body)
        assert proposal.status == "submitted"
        assert (proposal.status_history[-1].date, proposal.status_history[-1].note) == (TODAY, "Junta del 6")


@pytest.mark.parametrize(("user", "target", "extra", "refused", "words"), [
    (PLANNER, "funded", [], 2, "no se puede pasar de «Borrador» a «Financiada»"),  # a step the lifecycle does not allow
    (PLANNER, "submitted", ["EV-P01"], 1, "ya está en «Presentada»"),
    (PLANNER, "submitted", ["EV-P99"], 1, "la propuesta ya no existe"),
    (REP, "submitted", [], 1, ""),  # the second draft is another association's
])
def test_a_bulk_change_moves_all_or_nothing_with_each_reason(store, user, target, extra, refused, words):
    codes = stored_drafts(store, "EV-A01", "EV-A02")
    log = len(store.log())
    with pytest.raises(bulk_status.BulkRefused) as caught:
        bulk_status.change_statuses(store, user, [*codes, *extra], target, today=TODAY)
    assert len(caught.value.refusals) == refused
    assert all(words in r.reason for r in caught.value.refusals)
    assert len(store.log()) == log and [status(store, c) for c in codes] == ["draft", "draft"]


def test_a_representative_hands_in_their_own_drafts(store):
    codes = stored_drafts(store, "EV-A01", "EV-A01")
    assert bulk_status.change_statuses(store, REP, codes, "submitted", today=TODAY) == 2


@pytest.mark.parametrize("user", [None, OBSERVER, BOARD], ids=["nobody", "observer", "board"])
def test_who_may_not_write_proposals_moves_none(store, user):
    codes = stored_drafts(store, "EV-A01")
    log = len(store.log())
    with pytest.raises(PermissionDenied):
        bulk_status.change_statuses(store, user, codes, "submitted", today=TODAY)
    assert len(store.log()) == log


def test_a_bulk_change_meets_a_concurrent_edit_as_a_conflict(store, monkeypatch):
    codes = stored_drafts(store, "EV-A01", "EV-A02")
    real_apply = store.apply

    def edited_meanwhile(changes, actor, **options):
        monkeypatch.setattr(store, "apply", real_apply)
        record = store.get(records.PROPOSAL, codes[1])
        store.save(records.PROPOSAL, codes[1], {**record.body, "title": "Editada por otra persona"}, actor="otra",
                   parish_code=PARISH, expected_version=record.version)
        return real_apply(changes, actor=actor, **options)

    monkeypatch.setattr(store, "apply", edited_meanwhile)
    with pytest.raises(ConflictError):
        bulk_status.change_statuses(store, PLANNER, codes, "submitted", today=TODAY)
    assert [status(store, c) for c in codes] == ["draft", "draft"]


def test_the_refusal_reads_as_one_spanish_line():
    refusal = bulk_status.Refusal("EV-P01", "Riego", "ya está en «Presentada»")
    assert str(refusal) == "EV-P01 («Riego»): ya está en «Presentada»"
