"""The member survey is a real XLSForm: pyxform converts it, its choices are Minga's codes."""

import shutil

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from core.data.schemas.study import FamilyRole, Need, Poverty
from core.parish.form import FORM_PATH, form_xlsx, sheets


def _sheet_values(data) -> dict[str, list[tuple]]:
    book = load_workbook(data, read_only=True)
    return {name: [tuple("" if v is None else v for v in row) for row in book[name].iter_rows(values_only=True)]
            for name in book.sheetnames}


def test_pyxform_converts_the_shipped_form_without_warnings():
    warnings: list[str] = []
    result = convert(str(FORM_PATH), warnings=warnings)
    assert warnings == [] and result.warnings == []
    for path in ("socio/rol", "economia/pobreza", "ayudas/institucion_ayuda", "migracion/familia_exterior",
                 "necesidades/necesidades"):
        group, name = path.split("/")
        assert f"<{group}>" in result.xform and f"<{name}/>" in result.xform


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_odk_validate_accepts_the_form():
    assert convert(str(FORM_PATH), validate=True).xform


def test_choice_codes_are_minga_codes():
    choices: dict[str, set[str]] = {}
    for list_name, name, _label in sheets()["choices"][1:]:
        choices.setdefault(list_name, set()).add(name)
    assert choices["family_role"] == set(FamilyRole.__args__) == {"father", "mother", "child", "not_indicated"}
    assert choices["perceived_poverty"] == set(Poverty.__args__)
    assert {"water_systems", "training", "technical_support"} <= choices["need"] == set(Need.__args__)


def test_the_questionnaire_asks_what_the_study_asked():
    asked = {row[1] for row in sheets()["survey"][1:] if row[1]}
    assert {"rol", "sexo", "edad", "educacion_padre", "ocupacion_madre", "ingreso_semanal", "gasto_principal",
            "pobreza", "institucion_ayuda", "tipo_ayuda", "anio_ayuda", "familia_exterior", "necesidades"} <= asked


def test_shipped_file_is_what_the_generator_writes(tmp_path):
    import io

    assert _sheet_values(FORM_PATH) == _sheet_values(io.BytesIO(form_xlsx()))
