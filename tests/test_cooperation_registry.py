"""Cooperants and calls: records of their own, referred to by offers and calls; the calendar's states on a given day;
the registry imported from a spreadsheet with a preview and Spanish row/column messages."""

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.cooperation import calls as calls_mod
from core.cooperation import cooperants as coop
from core.cooperation import offer_links
from core.cooperation.calls import Call, calendar, call_state
from core.cooperation.registry_import import preview_registry
from core.lists import join_list
from core.proposals import records
from core.proposals.offers import CooperationOffer
from core.record import overlay
from core.record.auth import PermissionDenied, Role, User
from core.record.store import ConflictError, Store
from tests.parish_export import xlsx_bytes

PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="presidenta", display_name="Presidenta", role=Role.BOARD)


@pytest.fixture()
def store(tmp_path, con):
    return Store(tmp_path / "s.sqlite")


def _call(open_date, close_date, themes=()):
    return Call(call_id="CV-X", cooperant_id="CO-X", title="Convocatoria de prueba", call_type="open_call",
                open_date=open_date, close_date=close_date, themes=list(themes), source="prueba")


def test_every_demo_offer_refers_to_a_registered_cooperant_and_every_call_too(store):
    registry = coop.cooperants(store)
    offers = [v.item for v in records.offers(store)]
    assert offers, "the demo offers are read where they are built"
    for offer in offers:
        registered = coop.cooperant_of_offer(offer, registry)
        assert registered is not None and registered.name == offer.cooperant and registered.kind == offer.cooperant_kind
    ids = set(coop.by_id(registry))
    assert all(c.cooperant_id in ids for c in calls_mod.calls(store))


def _stored_offer(store, offer_id, cooperant, **extra):
    """An offer as a store from before the registry holds it: a cooperant's name, no link."""
    body = {"offer_id": offer_id, "cooperant": cooperant, "cooperant_kind": "ngo", "title": "Oferta antigua",
            "modality": "decentralized", "cooperation_type": "technical_assistance", "reimbursable": False,
            "source": "prueba", **extra}
    store.save(records.OFFER, offer_id, body, actor="antes")


def test_opening_a_store_links_nothing_when_no_stored_offer_needs_it(store):
    """The demo offers carry their cooperant ids where they are built: the migration has nothing to write."""
    assert offer_links.link_stored_offers(store) == 0
    assert store.log() == [] and store.records(records.OFFER) == []


def test_stored_offers_without_a_link_are_linked_by_name_or_flagged(store):
    _stored_offer(store, "OF-VIEJA-1", "  embajada DEL japon ")
    _stored_offer(store, "OF-VIEJA-2", "Cooperante desconocido")
    log_before = len(store.log())
    assert offer_links.link_stored_offers(store) == 2
    first = CooperationOffer.model_validate(store.get(records.OFFER, "OF-VIEJA-1").body)
    assert (first.cooperant_id, first.cooperant, first.country) == ("CO-JAPON", "Embajada del Japón", "Japón")
    assert first.cooperant_kind == "bilateral" and not first.cooperant_unmatched
    second = CooperationOffer.model_validate(store.get(records.OFFER, "OF-VIEJA-2").body)
    assert second.cooperant_id is None and second.cooperant_unmatched and second.cooperant == "Cooperante desconocido"
    assert "sin vincular" in coop.cooperant_name(second, coop.cooperants(store))
    log = store.log()  # newest first
    assert len(log) == log_before + 2 and {e.actor for e in log[:2]} == {offer_links.MIGRATION_ACTOR}
    # a second run changes nothing, and the demo offers (linked already) are never rewritten
    versions = {r.record_id: r.version for r in store.records(records.OFFER)}
    assert offer_links.link_stored_offers(store) == 0
    assert {r.record_id: r.version for r in store.records(records.OFFER)} == versions
    # once the cooperant is registered, the flagged offer is linked
    coop.save_cooperant(store, PLANNER, coop.Cooperant(cooperant_id="CO-DESCONOCIDO", name="Cooperante Desconocido",
                                                       kind="ngo", sources=["prueba"]))
    assert offer_links.link_stored_offers(store) == 1
    assert store.get(records.OFFER, "OF-VIEJA-2").body["cooperant_id"] == "CO-DESCONOCIDO"


def test_an_offer_is_saved_only_for_a_registered_cooperant_with_its_registry_fields(store):
    stored = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body)
    with pytest.raises(PermissionDenied):
        records.save_offer(store, BOARD, stored)
    with pytest.raises(ValueError, match="no dice su cooperante"):
        records.save_offer(store, PLANNER, stored.model_copy(update={"cooperant_id": None}))
    with pytest.raises(ValueError, match="no está registrado"):
        records.save_offer(store, PLANNER, stored.model_copy(update={"cooperant_id": "CO-NADIE"}))
    # a name typed differently is replaced by the registry's
    records.save_offer(store, PLANNER, stored.model_copy(update={"cooperant": "japon", "country": None}))
    saved = store.get(records.OFFER, "OF-JAPON-RIEGO").body  # the edit of the demo offer is stored now
    assert (saved["cooperant"], saved["country"]) == ("Embajada del Japón", "Japón")


def test_an_offer_cannot_be_linked_and_flagged_unmatched_at_once():
    with pytest.raises(ValueError, match="a la vez marcada como sin vincular"):
        CooperationOffer(offer_id="OF-X", cooperant_id="CO-X", cooperant_unmatched=True, cooperant="X y Z",
                         cooperant_kind="ngo", title="Oferta", modality="decentralized",
                         cooperation_type="technical_assistance", reimbursable=False, source="prueba")


def test_only_planners_register_cooperants_and_calls_of_registered_cooperants(store):
    new = coop.Cooperant(cooperant_id="CO-GIZ", name="GIZ", kind="bilateral", country="Alemania",
                         themes="environment; governance", sources=["Tesis de Azogues §2.4"])
    assert new.themes == ["environment", "governance"]
    with pytest.raises(PermissionDenied):
        coop.save_cooperant(store, BOARD, new)
    assert coop.save_cooperant(store, PLANNER, new) == 1
    with pytest.raises(ValueError, match="no está registrado"):
        calls_mod.save_call(store, PLANNER, _call(dt.date(2027, 1, 1), dt.date(2027, 1, 31)))
    call = _call(dt.date(2027, 1, 1), dt.date(2027, 1, 31)).model_copy(update={"cooperant_id": "CO-GIZ"})
    assert calls_mod.save_call(store, PLANNER, call) == 1


@pytest.mark.parametrize("offer_id, refused", [
    ("NO-EXISTE", "La oferta «NO-EXISTE» que la convocatoria CV-X dice tener detrás no existe"),
    ("OF-JAPON-RIEGO", ("La oferta «OF-JAPON-RIEGO» es de otro cooperante (Embajada del Japón), no del cooperante "
                        "«CO-ISRAEL-MASHAV» de la convocatoria CV-X")),
    ("OF-ISRAEL-PGA-2019", None),
])
def test_the_offer_behind_a_call_is_a_stored_offer_of_its_cooperant(store, offer_id, refused):
    """A call was saved naming an offer that did not exist, or Japan's offer behind an Israeli call: a parish
    applying to that call then published Japan's offer in its IATI file as one it took up."""
    call = _call(dt.date(2027, 1, 1), dt.date(2027, 1, 31)).model_copy(
        update={"call_id": "CV-X", "cooperant_id": "CO-ISRAEL-MASHAV", "offer_id": offer_id})
    if refused is None:
        assert calls_mod.save_call(store, PLANNER, call, new=True) == 1
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            calls_mod.save_call(store, PLANNER, call, new=True)
        assert "CV-X" not in {c.call_id for c in calls_mod.calls(store)}


def test_a_call_that_closes_before_it_opens_is_refused_in_spanish():
    with pytest.raises(ValueError, match="cierra .* antes de abrir"):
        _call(dt.date(2027, 2, 1), dt.date(2027, 1, 1))


@pytest.mark.parametrize("today, state", [
    (dt.date(2027, 2, 28), "upcoming"),
    (dt.date(2027, 3, 1), "open"),
    (dt.date(2027, 3, 16), "open"),  # 15 days left: not yet «closing soon»
    (dt.date(2027, 3, 17), "closing_soon"),  # 14 days left
    (dt.date(2027, 3, 31), "closing_soon"),  # the last day
    (dt.date(2027, 4, 1), "closed"),
])
def test_call_states_on_a_given_day(today, state):
    assert call_state(_call(dt.date(2027, 3, 1), dt.date(2027, 3, 31)), today) == state


@settings(deadline=None)  # the machine is shared: no time limit per example
@given(start=st.dates(), length=st.integers(0, 400), offset=st.integers(-500, 500))
def test_a_call_is_open_or_closing_soon_exactly_between_its_dates(start, length, offset):
    try:
        call = _call(start, start + dt.timedelta(days=length))
        today = start + dt.timedelta(days=offset)
    except OverflowError:
        return
    inside = call.open_date <= today <= call.close_date
    assert (call_state(call, today) in ("open", "closing_soon")) == inside


def test_the_demo_calendar_puts_the_urgent_first_and_marks_what_fits_the_parish(store):
    registry = coop.by_id(coop.cooperants(store))
    frame = calendar(calls_mod.calls(store), registry, dt.date(2027, 3, 20), {"agriculture", "gender"})
    assert frame["state"].to_list()[:2] == ["closing_soon", "closing_soon"]  # Freedom House and Valencia: 31/03
    assert frame.filter(frame["call_id"] == "CV-CHARITY-2027")["state"].item() == "closed"
    assert frame.filter(frame["call_id"] == "CV-JAPON-2027")["state"].item() == "upcoming"
    fits = dict(zip(frame["call_id"], frame["fits_parish"], strict=True))
    assert fits["CV-JAPON-2027"] and fits["CV-FREEDOM-2027"] and not fits["CV-CHARITY-2027"]
    assert fits["CV-CADVID-2027"]  # no themes: open to any


HEADER = ["Código", "Nombre", "Tipo de cooperante", "País", "Temas", "No reembolsable", "Fuentes", "Correo"]


def test_a_registry_spreadsheet_is_previewed_then_saved_all_at_once(store):
    data = xlsx_bytes([HEADER,
                  ["CO-GIZ", "GIZ", "Gobierno extranjero (bilateral)", "Alemania", "Medio ambiente; gobernabilidad",
                   "sí", "Tesis §2.4", "giz@example.org"],
                  ["CO-AFD", "Agencia Francesa de Desarrollo", "bilateral", "Francia", "", "no", "Tesis §2.4", ""]])
    existing = {r.record_id: (r.version, coop.Cooperant.model_validate(r.body)) for r in coop.records(store)}
    preview = preview_registry(data, "registro.xlsx", existing)
    assert preview.ok, preview.problems
    assert preview.table()["action"].to_list() == ["Nuevo", "Nuevo"]
    giz, afd = preview.to_save()
    assert giz.themes == ["environment", "governance"] and giz.contacts[0].email == "giz@example.org"
    assert afd.non_reimbursable is False
    with pytest.raises(PermissionDenied):
        coop.import_cooperants(store, BOARD, preview.to_save(), preview.expected_versions)
    assert coop.import_cooperants(store, PLANNER, preview.to_save(), preview.expected_versions) == 2
    with pytest.raises(ConflictError):  # the same preview again: someone saved these meanwhile
        coop.import_cooperants(store, PLANNER, preview.to_save(), preview.expected_versions)


def test_registry_problems_name_the_row_and_the_column_as_written(store):
    data = xlsx_bytes([["codigo", "NOMBRE", "tipo", "Temas", "no reembolsable", "fuente"],
                  ["CO-A", "Uno", "embajada", "Salud", "sí", "x"],
                  ["CO-B", "Dos", "ONG", "Magia", "quizás", "x"],
                  ["CO-JAPON", "Embajada del Japón", "bilateral", "", "sí", "otra fuente"]])
    existing = {r.record_id: (r.version, coop.Cooperant.model_validate(r.body)) for r in coop.records(store)}
    preview = preview_registry(data, "registro.xlsx", existing)
    assert not preview.ok
    found = {(p.row, p.column): p.message for p in preview.problems}
    assert "«embajada» no es una opción conocida" in found[(2, "tipo")]
    assert "«Magia»" in found[(3, "Temas")] and "«quizás» no es sí ni no" in found[(3, "no reembolsable")]
    assert "ya está registrado" in found[(4, "codigo")]
    missing = preview_registry(xlsx_bytes([["Nombre", "Tipo"], ["X", "ONG"]]), "r.xlsx", {})
    assert {p.message for p in missing.problems} == {"Falta la columna «Código».", "Falta la columna «Fuentes»."}


def test_an_update_from_a_short_file_keeps_what_the_file_does_not_bring_and_reads_formulas(store):
    """«Actualizar» with a file of four columns wiped the cooperant's themes, modalities and counterpart rules;
    a formula cell was stored as its Python representation."""
    existing = {r.record_id: (r.version, coop.Cooperant.model_validate(r.body)) for r in coop.records(store)}
    japan = existing["CO-JAPON"][1]
    book = Workbook()
    book.active.append(["Código", "Nombre", "Tipo", "Fuentes"])
    book.active.append(["CO-JAPON", japan.name, "Bilateral", "; ".join(japan.sources)])
    book.active.append(["CO-NUEVO", '=CONCAT("Embajada ", "nueva")', "Bilateral", "sitio web"])
    out = io.BytesIO()
    book.save(out)
    preview = preview_registry(out.getvalue(), "registro.xlsx", existing, update_existing=True)
    assert not preview.problems
    kept, new = (r.cooperant for r in preview.rows)
    assert (kept.themes, kept.modalities, kept.counterpart_rules) == (japan.themes, japan.modalities,
                                                                       japan.counterpart_rules)
    assert "Formula(" not in new.name and new.name.startswith("=CONCAT")


SOURCES = ["Tesis de Azogues (2020), §1.2.3; resumen seed-002 §1.9", 'Informe "final", tomo 2', "n/a"]


@pytest.mark.parametrize("as_csv", [False, True])
def test_a_registry_cell_of_sources_or_themes_reads_item_by_item(store, as_csv):
    """«Fuentes» was split at every «;», quoted or not, and «Temas» read a line break as part of one theme."""
    rows = [["Código", "Nombre", "Tipo", "Temas", "Fuentes"],
            ["CO-NUEVO", "Cooperante nuevo", "ONG", "Salud\nEducación", join_list(SOURCES)]]
    if as_csv:
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        data, name = out.getvalue().encode("utf-8"), "registro.csv"
    else:
        data, name = xlsx_bytes(rows), "registro.xlsx"
    preview = preview_registry(data, name, {})
    assert preview.ok, preview.problems
    [cooperant] = preview.to_save()
    assert (cooperant.themes, cooperant.sources) == (["health", "education"], SOURCES)


@pytest.mark.parametrize("working_parish, refused", [
    ("080265", ("La oferta «OF-JAPON-RIEGO» es de El Valle (010170): solo se edita desde esa parroquia. Desde "
               "Santa Lucía de las Peñas (080265)")),
    ("010170", None),  # the parish that holds it
    (None, None),  # a caller that names no parish (imports, maintenance)
])
def test_only_the_parish_that_holds_an_offer_changes_what_it_demands(store, working_parish, refused):
    """Santa Lucía screens El Valle's Japanese offer but cannot clear its 40 % counterpart (the thesis's lesson)."""
    stored = CooperationOffer.model_validate(overlay.current(store, records.OFFER, "OF-JAPON-RIEGO").body)
    cleared = stored.model_copy(update={"counterpart_required_pct": None})
    if refused is None:
        records.save_offer(store, PLANNER, cleared, parish_code=working_parish)
        assert store.get(records.OFFER, "OF-JAPON-RIEGO").body["counterpart_required_pct"] is None
    else:
        with pytest.raises(ValueError, match=re.escape(refused)):
            records.save_offer(store, PLANNER, cleared, parish_code=working_parish)
        assert store.get(records.OFFER, "OF-JAPON-RIEGO") is None  # the demo offer, untouched


@pytest.mark.parametrize("empty", [None, "", "n/a", "-", "s/d"])
def test_an_empty_non_reimbursable_cell_takes_the_form_default_and_says_so(store, empty):
    """A blank or «n/a» «No reembolsable» was refused («no es sí ni no») though the column is optional: a new
    cooperant takes «Sí» (as the form), the rows named in a notice; an update keeps the stored answer."""
    header = ["Código", "Nombre", "Tipo de cooperante", "No reembolsable", "Fuentes"]
    data = xlsx_bytes([header, ["CO-N1", "Fundación Uno", "ONG", empty, "Tesis"],
                       ["CO-N2", "Fundación Dos", "ONG", "no", "Tesis"],
                       ["CO-N3", "Fundación Tres", "ONG", empty, "Tesis"]])
    preview = preview_registry(data, "registro.xlsx", {})
    assert preview.ok, preview.problems
    assert [c.non_reimbursable for c in preview.to_save()] == [True, False, True]
    assert preview.notices == [("registro.xlsx: la columna «No reembolsable» no tiene valor en las filas 2 y 4; "
                               "se guarda «Sí».")]
    stored = preview.to_save()[1]  # registered as reimbursable: an update with the cell empty keeps it
    update = xlsx_bytes([header, ["CO-N2", "Fundación Dos (Ecuador)", "ONG", empty, "Tesis"]])
    kept = preview_registry(update, "registro.xlsx", {"CO-N2": (1, stored)}, update_existing=True)
    assert kept.ok, kept.problems
    assert [c.non_reimbursable for c in kept.to_save()] == [False] and kept.notices == []


@pytest.mark.parametrize("typed", ["EMBAJADA DEL JAPON", "embajada  del japón", " Embajada del Japón "])
def test_a_cooperant_already_registered_under_another_code_is_refused_with_its_code(store, typed):
    """The same embassy typed two ways became two cooperants: its offers and calls split between them, and an offer
    linked by name (core.cooperation.offer_links) went to whichever came first."""
    before = len(coop.cooperants(store))
    twin = coop.Cooperant(cooperant_id="CO-JAPAN-2", name=typed, kind="bilateral", country="Japón", sources=["Web"])
    with pytest.raises(ValueError, match=re.escape("ya está registrado con el código CO-JAPON («Embajada del Japón»)")):
        coop.save_cooperant(store, PLANNER, twin, new=True)
    with pytest.raises(ValueError, match="CO-JAPON"):
        coop.import_cooperants(store, PLANNER, [twin])
    assert len(coop.cooperants(store)) == before
    renamed = coop.registered(store, "CO-JAPON").model_copy(update={"name": "Embajada del Japón en Ecuador"})
    coop.save_cooperant(store, PLANNER, renamed)  # its own name, changed: no other cooperant has it
    assert coop.registered(store, "CO-JAPON").name == "Embajada del Japón en Ecuador"


def test_a_registry_file_naming_a_cooperant_twice_is_refused_on_the_row_and_column(store):
    data = xlsx_bytes([HEADER,
                       ["CO-GIZ", "GIZ", "bilateral", "Alemania", "", "sí", "Tesis §2.4", ""],
                       ["CO-GIZ2", "giz", "bilateral", "Alemania", "", "sí", "Tesis §2.4", ""],
                       ["CO-JP", "Embajada del Japon", "bilateral", "Japón", "", "sí", "Tesis §2.4", ""]])
    existing = {r.record_id: (r.version, coop.Cooperant.model_validate(r.body)) for r in coop.records(store)}
    preview = preview_registry(data, "registro.xlsx", existing)
    assert not preview.ok
    found = {(p.file, p.row, p.column): p.message for p in preview.problems}
    assert set(found) == {("registro.xlsx", 3, "Nombre"), ("registro.xlsx", 4, "Nombre")}
    assert "«giz» ya aparece en la fila 2 con el código CO-GIZ" in found[("registro.xlsx", 3, "Nombre")]
    assert "ya está registrado con el código CO-JAPON" in found[("registro.xlsx", 4, "Nombre")]


@pytest.mark.parametrize("sources", ["", "   "])
def test_a_registry_row_without_a_source_names_the_sources_column(store, sources):
    """«Falta la fuente» was said of the row alone: the person had to guess which column it meant."""
    data = xlsx_bytes([["Código", "Nombre", "Tipo", "Fuentes"], ["CO-SIN", "Fundación Sin Fuente", "ONG", sources]])
    preview = preview_registry(data, "registro.xlsx", {})
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Fuentes")]
    assert "Falta la fuente" in preview.problems[0].message


@pytest.mark.parametrize("first, second, same", [
    ("Embajada del Japón", "EMBAJADA  DEL JAPON", True),
    ("«Agencia Francesa»", "Agencia Francesa", True),  # typographic quotes are not part of the name
    ("Fundación Peña", "Fundacion Pena", True),
    ("日本国際協力機構", "中国国际发展合作署", False),  # JICA and CIDCA in their own scripts: all letters, no accents
    ("Embajada 日本", "Embajada 中国", False),
    ("Straße Stiftung", "STRASSE STIFTUNG", True),
])
def test_names_compared_alike_are_those_differing_only_in_case_accents_or_spacing(first, second, same):
    """Names in other scripts were compared as empty: two of them were refused as one cooperant typed two ways,
    and an offer naming one was linked to the other."""
    assert (coop.plain_name(first) == coop.plain_name(second)) is same
    registered = coop.Cooperant(cooperant_id="CO-A", name=first, kind="bilateral", sources=["Web"])
    other = coop.Cooperant(cooperant_id="CO-B", name=second, kind="bilateral", sources=["Web"])
    assert (coop.twin(other, [registered]) is registered) is same


@pytest.mark.parametrize("update_existing, refused", [(True, False), (False, True)])
def test_a_registry_file_may_rename_a_cooperant_and_give_its_old_name_to_another(store, update_existing, refused):
    """The preview compared the new row with the registered cooperant's old name, though the same file renames it:
    the file was refused as a twin while saving it (core.cooperation.cooperants.require_no_twin) takes it."""
    coop.save_cooperant(store, PLANNER, coop.Cooperant(cooperant_id="CO-ALFA", name="Fundación Alfa", kind="ngo",
                                                       sources=["Web"]), new=True)
    data = xlsx_bytes([HEADER,
                       ["CO-ALFA", "Fundación Alfa Internacional", "ngo", "", "", "sí", "Web", ""],
                       ["CO-ALFA-EC", "Fundación Alfa", "ngo", "", "", "sí", "Web", ""]])
    existing = {r.record_id: (r.version, coop.Cooperant.model_validate(r.body)) for r in coop.records(store)}
    preview = preview_registry(data, "registro.xlsx", existing, update_existing=update_existing)
    twins = [p for p in preview.problems if "ya está registrado con el código CO-ALFA" in p.message]
    assert bool(twins) is refused
    if update_existing:
        assert preview.ok, preview.problems
        coop.import_cooperants(store, PLANNER, preview.to_save(), preview.expected_versions)
        assert {c.cooperant_id: c.name for c in coop.cooperants(store) if c.cooperant_id.startswith("CO-ALFA")} == {
            "CO-ALFA": "Fundación Alfa Internacional", "CO-ALFA-EC": "Fundación Alfa"}
