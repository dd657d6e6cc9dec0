"""Administración's association picker for a representative's account: it listed every parish's associations by
raw id («010152-A01 · Asociación Flor de Mayo»); it names each association and its parish, and shows a code only
where two associations would otherwise read the same."""

from __future__ import annotations

import polars as pl
import pytest

from core.parish.__main__ import main
from core.record.auth import Accounts, Role, User
from core.record.store import Store
from tests.conftest import open_app_page
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder
from ui.parish import association_choices

PASSWORD = "clave-de-prueba-2026"


def test_the_picker_names_each_association_and_its_parish(tmp_path, parish_store):
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    admin = Accounts(Store()).create_first_admin("jefa", "Jefa", PASSWORD)
    app = open_app_page("pages/administracion.py", admin)
    assert not app.exception, [e.value for e in app.exception]
    [picker] = [s for s in app.selectbox if s.label == "Asociación (solo representantes)"]
    shown = picker.options
    assert "Asociación Flor de Mayo (Cumbe)" in shown and "Unión Campesina (Cumbe)" in shown
    assert not [option for option in shown if f"{PARISH}-" in option]  # no raw id


@pytest.mark.parametrize(("rows", "expected"), [
    ([("010152-A01", "Flor de Mayo", "Cumbe"), ("010170-A01", "Flor de Mayo", "El Valle")],
     ["Flor de Mayo (Cumbe)", "Flor de Mayo (El Valle)"]),  # one name in two parishes: the parish tells them apart
    ([("010152-A01", "Flor de Mayo", "San José"), ("020155-A02", "Flor de Mayo", "San José")],
     ["Flor de Mayo (San José) · A01", "Flor de Mayo (San José) · A02"]),  # two parishes of one name: the code
    ([("010152-A01", "Flor de Mayo", "San José"), ("020155-A01", "Flor de Mayo", "San José"),
      ("010152-A02", "Unión", "San José")],
     ["Flor de Mayo (San José) · 010152-A01", "Flor de Mayo (San José) · 020155-A01", "Unión (San José)"]),
])
def test_a_code_is_shown_only_where_two_would_read_the_same(rows, expected):
    frame = pl.DataFrame(rows, schema=["association_id", "name", "parish_name"], orient="row")
    assert list(association_choices(frame).values()) == expected


def test_the_accounts_table_names_a_representatives_association(tmp_path, parish_store):
    """The accounts table showed a representative's association as its raw id («010152-A01»)."""
    assert main(["load", PARISH, str(_folder(tmp_path, answers(4, ["A01"])))]) == 0
    accounts = Accounts(Store())
    admin = accounts.create_first_admin("jefa", "Jefa", PASSWORD)
    accounts.create(admin, User(username="rosa", display_name="Rosa", role=Role.ASSOCIATION,
                                association_id=f"{PARISH}-A01"), PASSWORD)
    app = open_app_page("pages/administracion.py", admin)
    assert not app.exception, [e.value for e in app.exception]
    table = app.dataframe[0].value
    row = table[table["Usuario"] == "rosa"].iloc[0]
    assert row["Asociación"] == "Asociación Flor de Mayo (Cumbe)"
    assert not table.astype(str).apply(lambda column: column.str.contains(f"{PARISH}-")).any().any()
