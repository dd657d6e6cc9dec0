"""A question none of the chosen associations' surveyed members answered (left blank in the export, or asked only of
those who received aid when none did): the page drew its chart empty, only a title and axes, as if the figures had
not loaded. It says no member answered it, naming the chart, and offers no download of an empty table; so does any
other diagnosis chart without data (parents' occupations, ages by association, each household's monthly balance)."""

from __future__ import annotations

import pytest

from core.parish.__main__ import main
from tests.conftest import open_app_page
from tests.parish_export import answers
from tests.parish_files import PARISH, _folder

OPTIONAL = ("sexo", "edad", "tamano_familia", "educacion_padre", "educacion_madre", "ocupacion_padre",
            "ocupacion_madre", "ingreso_semanal", "gasto_mensual", "fuente_ingreso", "rubro_ingreso",
            "gasto_principal", "pobreza", "institucion_ayuda", "tipo_ayuda", "anio_ayuda", "efectividad")


def _blank_survey() -> list[dict[str, object]]:
    rows = answers(6, ["A01"], seed=3)
    for row in rows:
        row.update(dict.fromkeys(OPTIONAL), necesidades=[], ayuda_proyecto="no", ayuda_estado="no")
    return rows


def _chart_titles(app) -> list[str]:
    import json

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)
    specs = [json.loads(e.proto.spec) for e in walk(app._tree) if getattr(e, "type", None) == "vega_lite_chart"]
    return [str((s.get("title") or {}).get("text", "")) for s in specs]


@pytest.mark.parametrize(("page", "title"), [
    ("pages/asociaciones.py", "Tamaño de las familias de los socios"),
    ("pages/ayudas.py", "¿Cuánto ayudó a mejorar la situación económica?"),
])
def test_a_question_no_member_answered_is_said_not_drawn_empty(parish_store, tmp_path, page, title):
    from ui import data

    folder = _folder(tmp_path, _blank_survey())
    (folder / "ayudas.csv").unlink()
    assert main(["load", PARISH, str(folder)]) == 0
    data.connection.clear()
    app = open_app_page(page, parish=PARISH)
    assert title not in _chart_titles(app)
    assert any(title in i.value and "ningún socio encuestado" in i.value for i in app.info), [i.value for i in app.info]


@pytest.mark.parametrize(("tab", "titles"), [
    ("Ocupación y educación", ["Ocupación del padre y de la madre del hogar",
                               "Educación del padre y de la madre del hogar"]),
    ("Edades", ["Edades por asociación"]),
    ("Entre y dentro de las asociaciones", ["Saldo mensual estimado de cada hogar, por asociación"]),
])
def test_a_chart_without_data_is_said_not_drawn_empty(parish_store, tmp_path, tab, titles):
    from ui import data

    folder = _folder(tmp_path, _blank_survey())
    (folder / "ayudas.csv").unlink()
    assert main(["load", PARISH, str(folder)]) == 0
    data.connection.clear()
    app = open_app_page("pages/asociaciones.py", parish=PARISH, **{"asociaciones-tab": tab})
    for title in titles:
        assert title not in _chart_titles(app)
        assert any(f"«{title}»" in i.value for i in app.info), [i.value for i in app.info]
