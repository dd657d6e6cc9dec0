"""The Cooperantes and Convocatorias pages: the registry filtered by theme, a planner registers a cooperant and imports
the registry, others only read; the calendar of calls on a chosen day, for the parish's themes."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from core.cooperation import cooperants as coop
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import open_app_page

PLANNER = User(username="tecnica-coop", display_name="Técnica", role=Role.PLANNER)
BOARD = User(username="vocal-coop", display_name="Vocal", role=Role.BOARD)


def test_the_registry_lists_the_demo_cooperants_and_filters_by_theme(own_store):
    app = open_app_page("pages/cooperantes.py", BOARD)
    table = app.dataframe[0].value
    assert "Embajada del Japón" in table["Nombre"].to_list()
    assert table.loc[table["Nombre"] == "Embajada del Japón", "Ofertas registradas"].item() == "OF-JAPON-RIEGO"
    assert any("técnico de planificación" in i.value for i in app.info)
    app.multiselect(key="coop-themes").set_value(["health"]).run()
    assert app.dataframe[0].value["Nombre"].to_list() == ["Charity Anywhere Foundation"]


def test_a_planner_registers_a_cooperant_and_a_missing_source_is_explained(own_store):
    app = open_app_page("pages/cooperantes.py", PLANNER)
    form = {i.label: i for i in app.text_input}
    form["Código"].set_value("CO-GIZ")
    form["Nombre"].set_value("GIZ")
    next(b for b in app.button if b.label == "Guardar cooperante").click().run()
    assert any("fuente" in e.value.lower() for e in app.error)
    form = {i.label: i for i in app.text_input}
    form["Fuentes"].set_value("Tesis de Azogues §2.4")
    next(b for b in app.button if b.label == "Guardar cooperante").click().run()
    assert any("GIZ guardado" in s.value for s in app.success)
    assert Store(own_store).get(coop.KIND, "CO-GIZ").body["name"] == "GIZ"


def test_a_planner_imports_the_registry_after_the_preview(own_store):
    book = Workbook()
    book.active.append(["Código", "Nombre", "Tipo de cooperante", "No reembolsable", "Fuentes"])
    book.active.append(["CO-AFD", "Agencia Francesa de Desarrollo", "bilateral", "", "Tesis §2.4"])
    content = io.BytesIO()
    book.save(content)
    app = open_app_page("pages/cooperantes.py", PLANNER)
    app.file_uploader(key="coop-upload").set_value(("registro.xlsx", content.getvalue(), "application/vnd.ms-excel"))
    app.run()
    assert app.dataframe[-1].value["Qué se hará"].to_list() == ["Nuevo"]
    # the empty «No reembolsable» takes the form's «Sí», and the page says so
    assert any("«No reembolsable» no tiene valor en la fila 2; se guarda «Sí»" in i.value for i in app.info)
    assert Store(own_store).get(coop.KIND, "CO-AFD") is None  # nothing stored by the preview
    next(b for b in app.button if b.label == "Guardar los cooperantes leídos (1)").click().run()
    assert any("Cooperantes guardados: 1." in s.value for s in app.success)
    assert Store(own_store).get(coop.KIND, "CO-AFD") is not None


@pytest.mark.parametrize("page, kind, typed, button", [
    ("pages/cooperantes.py", coop.KIND, {"Código": "CO-ISRAEL-MASHAV", "Nombre": "Otro nombre"}, "Guardar cooperante"),
    ("pages/convocatorias.py", "call", {"Código": "CV-CADVID-2027", "Convocatoria": "Pisar una de demostración"},
     "Guardar convocatoria"),
])
def test_a_new_cooperant_or_call_with_a_demo_code_is_refused_and_the_demo_record_kept(own_store, page, kind, typed,
                                                                                      button):
    app = open_app_page(page, PLANNER)
    form = {i.label: i for i in app.text_input}
    for label, value in {**typed, "Fuentes": "prueba"}.items():
        form[label].set_value(value)
    next(b for b in app.button if b.label == button).click().run()
    assert any("ya está en uso" in e.value for e in app.error), [e.value for e in app.error]
    assert Store(own_store).get(kind, typed["Código"]) is None  # the demo record still reads as it was


def test_an_edit_sent_after_someone_else_saved_the_cooperant_saves_nothing_and_says_so(own_store):
    first, second = (open_app_page("pages/cooperantes.py", PLANNER) for _ in range(2))
    for app in (first, second):
        app.selectbox(key="coop-edit").set_value("CO-ISRAEL-MASHAV").run()
    {i.label: i for i in first.text_input}["País"].set_value("Israel (B corrigió)")
    next(b for b in first.button if b.label == "Guardar cooperante").click().run()
    {i.label: i for i in second.text_input}["País"].set_value("Israel (A)")
    next(b for b in second.button if b.label == "Guardar cooperante").click().run()
    assert Store(own_store).get(coop.KIND, "CO-ISRAEL-MASHAV").body["country"] == "Israel (B corrigió)"
    assert any("otra persona cambió" in w.value for w in second.warning)


def test_editing_a_cooperant_keeps_a_source_that_holds_a_semicolon_whole(own_store):
    """The form showed the sources joined by «; » and saved what it showed split at every «;»: changing the country
    of the demo's Israel split its one source in two."""
    demo = coop.registered(Store(own_store), "CO-ISRAEL-MASHAV")
    assert any(";" in s for s in demo.sources)
    app = open_app_page("pages/cooperantes.py", PLANNER)
    app.selectbox(key="coop-edit").set_value("CO-ISRAEL-MASHAV").run()
    {i.label: i for i in app.text_input}["País"].set_value("Estado de Israel")
    next(b for b in app.button if b.label == "Guardar cooperante").click().run()
    saved = Store(own_store).get(coop.KIND, "CO-ISRAEL-MASHAV").body
    assert (saved["country"], saved["sources"]) == ("Estado de Israel", demo.sources)


def test_the_calendar_shows_the_states_of_the_calls_on_the_chosen_day(own_store):
    app = open_app_page("pages/convocatorias.py", BOARD)
    app.date_input(key="calls-today").set_value(dt.date(2027, 3, 20)).run()
    app.toggle(key="calls-fit").set_value(False).run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Cierra pronto": "2", "Abierta": "0", "Por abrir": "2", "Cerrada": "2"}
    table = app.dataframe[0].value
    assert table["Estado"].to_list()[:2] == ["Cierra pronto", "Cierra pronto"]
    assert set(table["Cierra"]) >= {"31/03/2027", "08/01/2027"}
    assert not [f for f in app.button if f.label == "Guardar convocatoria"]  # a board member only reads


def test_another_parish_screens_an_offer_but_cannot_pick_it_for_editing(own_store):
    planner = User(username="tecnica-sl", display_name="Técnica", role=Role.PLANNER)
    app = open_app_page("pages/ofertas.py", planner, parish="080265")
    assert any(e.label.startswith("Asistencia para sistemas de riego comunitario") for e in app.expander)
    picker = next(s for s in app.selectbox if s.label == "Oferta")
    assert picker.options == ["— Nueva oferta —"]  # El Valle's offers are screened here, edited there


@pytest.mark.parametrize(("parish", "says_why"), [("160152", True),  # Canelos, Pastaza: nothing loaded yet
                                                  ("010170", False)])  # El Valle: its PDOT is loaded
def test_a_parish_without_pdot_objectives_is_told_why_no_offer_is_eligible(own_store, parish, says_why):
    app = open_app_page("pages/ofertas.py", PLANNER, parish=parish)
    told = [i.value for i in app.info if "no tiene objetivos del PDOT" in i.value]
    said = ("La parroquia no tiene objetivos del PDOT registrados: ninguna oferta cumple «Alineación con el PDOT». "
            "Regístrelos en «Preparar la parroquia».")
    assert told == ([said] if says_why else [])


def test_another_parish_sees_el_valles_invented_offers_marked_and_out_of_its_totals(own_store):
    app = open_app_page("pages/ofertas.py", BOARD, parish="080265")
    assert {m.label: m.value for m in app.metric}["Ofertas"] == "5"  # the 9 of the demo less its 4 invented ones
    assert any("4 ofertas son ejemplos ilustrativos de otra parroquia" in c.value for c in app.caption)
    table = next(d.value for d in app.dataframe if "Ejemplo ilustrativo de" in d.value.columns)
    assert sorted(table["Ejemplo ilustrativo de"].to_list()).count("El Valle (010170)") == 4
    own = open_app_page("pages/ofertas.py", BOARD, parish="010170")  # El Valle's own demo: all count, no note
    assert {m.label: m.value for m in own.metric}["Ofertas"] == "9"
    assert not any("ejemplos ilustrativos" in c.value for c in own.caption)


def test_the_offers_table_writes_each_amount_column_by_one_rule(own_store):
    """A counterpart stated as 12,5 % asks for $ 4.285,71: the column read «$ 20.000» beside it, the other amounts
    whole and that one to the cent."""
    from core.proposals import records
    from tests.conftest import store_accounts

    store = store_accounts(Store(own_store), PLANNER)
    japan = next(v.item for v in records.offers(store) if v.item.offer_id == "OF-JAPON-RIEGO")
    records.save_offer(store, PLANNER, japan.model_copy(update={
        "offer_id": "OF-DOCE", "title": "Riego con contraparte del 12,5 %", "counterpart_required_pct": 12.5,
        "counterpart_required_usd": None}),
        parish_code="010170")
    app = open_app_page("pages/ofertas.py", BOARD, parish="010170")
    table = next(d.value for d in app.dataframe if "Contraparte exigida" in d.value.columns)
    required = dict(zip(table["Oferta"].to_list(), table["Contraparte exigida"].to_list(), strict=True))
    assert (required[japan.title], required["Riego con contraparte del 12,5 %"]) == ("$ 20.000,00", "$ 4.285,71")
    assert {v for v in table["Monto"].to_list() if v.startswith("$")} >= {"$ 30.000", "$ 300.000"}  # none has cents


def test_a_saved_call_is_named_as_typed_not_as_markdown(own_store):
    """A call coded «__URGENTE__» was announced as a bold «URGENTE»: the code is what the person typed, shown as text."""
    app = open_app_page("pages/convocatorias.py", PLANNER)
    form = {i.label: i for i in app.text_input}
    for label, value in {"Código": "__URGENTE__", "Convocatoria": "Riego comunitario", "Fuentes": "Sitio web"}.items():
        form[label].set_value(value)
    next(b for b in app.button if b.label == "Guardar convocatoria").click().run()
    assert not app.error, [e.value for e in app.error]
    assert [s.value for s in app.success] == [r"Convocatoria \_\_URGENTE\_\_ guardada."]


def test_an_offer_code_of_an_unregistered_cooperant_is_shown_as_typed_not_as_markdown(own_store):
    """«__OF-1__» was drawn in bold (Markdown), and read «OF-1», in the warning on offers without a registered
    cooperant."""
    from core.proposals import records

    store = Store(own_store)
    offer = records.offers(store)[0].item.model_copy(update={"offer_id": "__OF-1__", "cooperant": "Sin registro",
                                                             "cooperant_id": None})
    store.save(records.OFFER, offer.offer_id, offer.model_dump(mode="json"), actor="pruebas",
               parish_code=offer.parish_code)
    app = open_app_page("pages/cooperantes.py", PLANNER)
    [warning] = [w.value for w in app.warning if "no está en el registro" in w.value]
    assert "\\_\\_OF\\-1\\_\\_" in warning and "__OF-1__" not in warning
