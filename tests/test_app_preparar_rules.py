"""«Preparar la parroquia» and «Seguimiento» under AppTest: a cantonal seat is not offered for recording, and a fact
dated after today (an aid's year, a project's step) is refused by form and by file with where it is."""

from __future__ import annotations

import datetime as dt

import pytest

from core.parish.mirror import AID, ASSOCIATION
from core.parish.models import ParishAssociation
from core.parish.records import ParishBatch, save_as
from core.proposals import records
from core.proposals.models import Proposal
from core.record import facts
from core.record.store import Store
from tests.conftest import as_read, live_count, open_app_page, store_funded
from tests.parish_files import PARISH
from tests.test_app_preparar import PLANNER, _texts

TODAY = dt.date(2026, 6, 15)
AID_HEADER = "Código;Asociación;Institución;Año;Tipo de ayuda;Monto (USD)\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(facts, "today", lambda: TODAY)


def _with_an_association(path) -> None:
    save_as(Store(path), "consola", ParishBatch(PARISH).add("asociaciones", [ParishAssociation(
        parish_code=PARISH, code="A01", name="Flor de Mayo", members_total=40)]))


@pytest.mark.parametrize(("code", "seat"), [("010150", "Cuenca"), ("020150", "Guaranda"), (PARISH, None)])
def test_a_cantonal_seat_is_said_and_offers_nothing_to_record(parish_store, code, seat):
    app = open_app_page("pages/preparar.py", PLANNER, parish=code, **{
        "prep-file-asociaciones": ("asociaciones.csv", "Código;Nombre;Número de socios\nA01;Flor;10\n".encode())})
    warnings = [w.value for w in app.warning]
    forms = {b.form_id for b in app.button if b.form_id}
    if seat is None:
        assert warnings == [] and "prep-form-asociaciones" in forms
        assert any(b.key == "prep-save-asociaciones" for b in app.button)
    else:
        assert warnings == [(f"{code} es la cabecera cantonal urbana de {seat}; Minga registra datos de parroquias "
                             "rurales, que tienen junta parroquial. Elija una parroquia rural del cantón.")]
        assert not forms and not any((b.key or "").startswith("prep-save") for b in app.button)
        assert "Solo el técnico" not in _texts(app)  # the reason is the seat, not the role
    assert live_count(Store(parish_store), ASSOCIATION) == 0


@pytest.mark.parametrize(("year", "refused"), [("2026", False), ("2027", True)])
def test_the_aid_form_refuses_a_year_after_this_one(parish_store, year, refused):
    _with_an_association(parish_store)
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    app.selectbox(key="prep-ayudas-association_id").select(f"{PARISH}-A01")
    app.text_input(key="prep-ayudas-institution").input("MAG")
    app.text_input(key="prep-ayudas-year").input(year)
    app.selectbox(key="prep-ayudas-kind").select("inputs")
    app.text_input(key="prep-ayudas-amount_usd").input("100")
    next(b for b in app.button if b.form_id == "prep-form-ayudas").click().run()
    assert not app.exception, [e.value for e in app.exception]
    errors = as_read("\n".join(e.value for e in app.error))
    assert ("columna «Año»: el año 2027 es posterior al año en curso (2026)" in errors) == refused
    assert len(Store(parish_store).records(AID, PARISH)) == (0 if refused else 1)


@pytest.mark.parametrize(("year", "refused"), [("2026", False), ("2027", True)])
def test_an_aid_file_with_a_future_year_says_its_row_and_column_and_cannot_be_saved(parish_store, year, refused):
    _with_an_association(parish_store)
    app = open_app_page("pages/preparar.py", PLANNER, parish=PARISH)
    rows = AID_HEADER + f"AY1;A01;MAG;2024;Insumos;100\nAY2;A01;MAG;{year};Insumos;100\n"
    app.session_state["prep-file-ayudas"] = ("ayudas.csv", rows.encode())
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    said = "ayudas.csv, fila 3, columna «Año»: el año 2027 es posterior al año en curso (2026)"
    assert (said in as_read("\n".join(e.value for e in app.error))) == refused
    assert app.button(key="prep-save-ayudas").disabled == refused
    assert len(Store(parish_store).records(ASSOCIATION, PARISH)) == 1 and Store(parish_store).records(AID, PARISH) == []


@pytest.mark.parametrize(("days", "refused"), [(0, False), (1, True)])
def test_a_step_of_a_funded_project_dated_after_today_is_refused(own_store, days, refused):
    open_app_page("pages/seguimiento.py", PLANNER)  # opening the app seeds the demo into this store
    store = Store(own_store)
    first = records.proposals(store, "010170")[0].item.model_copy(update={"status_history": []})
    funded = store_funded(store, first, date=TODAY - dt.timedelta(days=30))
    app = open_app_page("pages/seguimiento.py", PLANNER)
    app.date_input[0].set_value(TODAY + dt.timedelta(days=days))
    next(b for b in app.button if b.label == "Guardar estado").click().run()
    assert not app.exception, [e.value for e in app.exception]
    stored = Proposal.model_validate(store.get("proposal", funded.proposal_id).body)
    assert (stored.status == "funded") == refused
    errors = as_read("\n".join(e.value for e in app.error))
    assert (f"La fecha {(TODAY + dt.timedelta(days=1)).strftime('%d/%m/%Y')} de «fecha del paso de "
            f"{funded.proposal_id}» es posterior a hoy (15/06/2026)" in errors) == refused
