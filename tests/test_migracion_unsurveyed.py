"""Migración for a parish whose associations are registered but none of the chosen ones has surveyed members (the
survey not imported yet, or an association filtered that was not surveyed): the page drew «sin dato, 0 de 0» and two
empty charts with their downloads, where Asociaciones and Ayudas say the chosen associations have no surveyed
members. It says so too, and still shows the province's and canton's figures."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from tests.conftest import open_app_page
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder

UNSURVEYED = "Las asociaciones elegidas no tienen socios encuestados registrados."


def _vega_charts(app) -> int:
    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)
    return sum(1 for e in walk(app._tree) if getattr(e, "type", None) == "vega_lite_chart")


@pytest.mark.parametrize(("surveyed", "chosen"), [
    (0, None),  # the associations only: no survey yet
    (5, [f"{PARISH}-A02"]),  # the survey names A01 only; Unión Campesina (A02) is chosen
])
def test_migracion_says_the_chosen_associations_have_no_surveyed_members(parish_store, tmp_path, surveyed, chosen):
    from ui import data

    folder = _folder(tmp_path, answers(surveyed, ["A01"]))
    if not surveyed:
        (folder / "encuesta.csv").unlink()
        (folder / "ayudas.csv").unlink()
    assert main(["load", PARISH, str(folder)]) == 0
    data.connection.clear()
    app = open_app_page("pages/migracion.py", parish=PARISH, **({"migracion-filter": chosen} if chosen else {}))
    assert UNSURVEYED in [i.value for i in app.info]
    assert not app.metric
    assert _vega_charts(app) == 1  # the provinces compared, from the reference figures
    assert any("Azuay" in s.value for s in app.subheader)  # Cumbe's province, from the reference figures
