"""A PDOT objective's component as a secretary types it («biofísico», «ECONOMICO-PRODUCTIVO») is stored as the
planning guide names it: cooperation offers are screened against the components by name, and a reforestation
offer must find the parish's biophysical objective."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from core.parish.tables import PARTS, Context, read_part
from core.record.auth import Role, User
from tests.conftest import open_app_page
from tests.test_parish_code_case import ASSOCIATIONS, PARISH

PLANNER = User(username="tecnica-pdot", display_name="Técnica", role=Role.PLANNER)
REFORESTATION = "Reforestación y estudios de cuencas hidrográficas"  # SENAGUA's offer (environment) in the demo


@pytest.mark.parametrize(("written", "stored"), [
    ("biofísico", "Biofísico"),
    ("BIOFISICO", "Biofísico"),
    ("Economico-Productivo", "Económico productivo"),
    ("Componente sociocultural", "Sociocultural"),
    ("  político   institucional ", "Político institucional"),
    ("Movilidad, energía y conectividad", "Movilidad, energía y conectividad"),  # another guide's: as written
])
def test_a_component_is_stored_as_the_guide_names_it(written, stored):
    data = f"Código;Componente;Objetivo\nOE1;{written};Garantizar el agua para riego y consumo\n".encode()
    preview = read_part(data, "objetivos_pdot.csv", PARTS["objetivos_pdot"], Context(PARISH, None))
    assert [o.component for o in preview.items] == [stored]


def test_an_environment_offer_finds_the_objective_typed_in_lower_case(tmp_path, parish_store):
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text(ASSOCIATIONS, encoding="utf-8")
    (folder / "objetivos_pdot.csv").write_text(
        "Código;Componente;Objetivo\nOE2;biofísico;Garantizar el agua para riego y consumo\n", encoding="utf-8")
    assert main(["load", PARISH, str(folder), str(parish_store)]) == 0
    app = open_app_page("pages/ofertas.py", PLANNER, parish=PARISH)
    table = next(d.value for d in app.dataframe if "Elegible" in d.value.columns)
    row = table[table["Oferta"] == REFORESTATION]
    assert list(row["Elegible"]) == ["Sí"], list(row["No cumple"])
