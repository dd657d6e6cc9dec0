"""A KoBoToolbox export made «with labels» (Etiquetas), as KoBoToolbox writes it, reads to the same answers as
one with codes: a multiple choice's labels joined by spaces, and its 0/1 columns headed by labels."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from core.data.schemas.study import Need
from core.parish import cells
from core.parish.__main__ import main
from core.parish.models import ParishAssociation
from core.parish.survey import read_survey
from core.parish.survey_header import read_header
from core.parish.tables import AssociationIndex
from core.record.store import Store
from core.texts import labels
from tests.parish_export import answers, export_csv

NEEDS = labels("need")


@given(st.lists(st.sampled_from(Need.__args__), unique=True, min_size=1), st.sampled_from([str, str.upper, str.lower]))
def test_labels_joined_by_spaces_read_back_in_any_case(needs, case):
    """KoBoToolbox joins the chosen labels with a space: «Capacitación Asistencia técnica»."""
    written = case(" ".join(NEEDS[n] for n in needs))
    assert cells.choices(written, NEEDS) == tuple(needs)


@pytest.mark.parametrize(("written", "expected"), [
    ("Capacitación Asistencia técnica", ("training", "technical_support")),
    ("capacitacion asistencia tecnica", ("training", "technical_support")),
    ("Sistemas de agua y riego Insumos y semillas Otra", ("water_systems", "inputs_seeds", "other")),
    ("water_systems Asistencia técnica", ("water_systems", "technical_support")),
    ("Crédito; Maquinaria y equipos", ("credit", "machinery_equipment")),
])
def test_a_needs_cell_written_with_labels_is_read(written, expected):
    assert cells.choices(written, NEEDS) == expected


OVERLAPPING = {"a": "Asistencia", "b": "Asistencia técnica", "c": "Técnica", "d": "Apoyo técnico legal"}


@pytest.mark.parametrize(("written", "expected"), [
    ("Asistencia técnica", ("b",)),
    ("Asistencia técnica Asistencia", ("b", "a")),
    ("Asistencia Técnica Asistencia técnica", ("b",)),
    ("Asistencia Apoyo técnico legal Técnica", ("a", "d", "c")),
])
def test_the_longest_label_that_fits_is_taken_first(written, expected):
    assert cells.choices(written, OVERLAPPING) == expected


@pytest.mark.parametrize(("written", "stray"), [
    ("Capacitación Riego", "«Riego»"),
    ("Capacitación agua potable Crédito", "«agua potable»"),
    ("Sistemas de agua", "«Sistemas de agua»"),
])
def test_words_that_are_no_option_are_named(written, stray):
    with pytest.raises(cells.CellError, match=f"^{stray} no es una opción válida"):
        cells.choices(written, NEEDS)


PARISH = "010152"
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="A01", name="Asociación Flor de Mayo",
                                            members_total=50)])
ROWS = answers(15, ["A01", "asociacion flor de mayo"], seed=5)


def _with_bookkeeping(data: bytes) -> bytes:
    """The columns KoBoToolbox adds about each submission, which carry no answer."""
    lines = data.decode("utf-8").splitlines()
    extra = ["start", "end", "_id", "__version__", "_validation_status", "_status", "_submitted_by", "_tags",
             "formhub/uuid", "meta/instanceName"]
    lines = [lines[0] + ";" + ";".join(extra)] + [line + ";" + ";".join(["x"] * len(extra)) for line in lines[1:]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _as_xlsx(data: bytes) -> bytes:
    book = Workbook()
    for row in csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"):
        book.active.append([int(v) if v.isdigit() and len(v) < 6 else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


KOBO_LABELS = {
    "labels, question labels, options joined by spaces":
        export_csv(ROWS, labels=True, headers="labels", multiple_separator=" "),
    "labels, group and question labels": export_csv(ROWS, labels=True, headers="group labels", multiple_separator=" "),
    "labels, one 0/1 column per option headed by labels":
        export_csv(ROWS, labels=True, headers="labels", option_columns=True),
    "labels, group labels and one 0/1 column per option":
        export_csv(ROWS, labels=True, headers="group labels", option_columns=True),
    "labels, with KoBoToolbox's own columns":
        _with_bookkeeping(export_csv(ROWS, labels=True, headers="labels", option_columns=True)),
}


@pytest.mark.parametrize("name", list(KOBO_LABELS))
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_kobo_export_with_labels_reads_to_the_same_answers(name, kind):
    data = KOBO_LABELS[name] if kind == "csv" else _as_xlsx(KOBO_LABELS[name])
    preview = read_survey(data, f"export.{kind}", PARISH, INDEX)
    assert [str(p) for p in preview.problems] == []
    got = sorted((a.member_id, a.member_role, a.head_of_household, a.sex, a.perceived_poverty, a.income_source,
                  a.family_abroad, a.aid_kind, set(a.needs), a.age) for a in preview.items)
    expected = sorted((f"{PARISH}-{r['_uuid']}", r["rol"], r["jefe_hogar"], r["sexo"], r["pobreza"],
                       r["fuente_ingreso"], r["familia_exterior"] == "yes", r["tipo_ayuda"], set(r["necesidades"]),
                       r["edad"]) for r in ROWS)
    assert got == expected
    assert preview.left_out == frozenset()


@pytest.mark.parametrize(("header", "question", "option"), [
    ("Edad (años cumplidos)", "edad", None),
    ("El socio y su familia/Edad (años cumplidos)", "edad", None),
    ("El socio y su familia-¿Quién es el jefe o la jefa de su hogar?", "jefe_hogar", None),
    ("¿Qué necesita la asociación para mejorar su producción?", "necesidades", None),
    ("¿Qué necesita la asociación para mejorar su producción?/Asistencia técnica", "necesidades",
     "technical_support"),
    ("Necesidades de la asociación/¿Qué necesita la asociación para mejorar su producción?/Otra", "necesidades",
     "other"),
    ("¿QUÉ NECESITA LA ASOCIACIÓN PARA MEJORAR SU PRODUCCIÓN?/sistemas de agua y riego", "necesidades",
     "water_systems"),
    ("necesidades/Capacitación", "necesidades", "training"),
    ("necesidades/water_systems", "necesidades", "water_systems"),
])
def test_a_header_written_with_labels_names_its_question_or_option(header, question, option):
    cell = read_header(header)
    assert (cell.question.name, cell.option) == (question, option)


def test_a_kobo_workbook_with_labels_stores_the_needs(tmp_path, monkeypatch, capsys):
    """The needs came in 0/1 columns headed by labels: the load said «1 nuevo(s)» and stored no need."""
    monkeypatch.setenv("MINGA_STORE", str(tmp_path / "parish.sqlite"))
    folder = tmp_path / "carga"
    folder.mkdir()
    (folder / "asociaciones.csv").write_text("Código;Nombre;Número de socios\nA01;Flor de Mayo;40\n", encoding="utf-8")
    rows = answers(3, ["A01"], seed=8)
    (folder / "encuesta.xlsx").write_bytes(_as_xlsx(_with_bookkeeping(
        export_csv(rows, labels=True, headers="labels", option_columns=True))))
    assert main(["load", PARISH, str(folder)]) == 0
    stored = {r.record_id: set(r.body["needs"]) for r in Store().records("survey_answer", PARISH)}
    assert stored == {f"{PARISH}-{r['_uuid']}": set(r["necesidades"]) for r in rows}
    assert "Aviso" not in capsys.readouterr().out  # KoBoToolbox's own columns are not news


@pytest.mark.parametrize("headers", ["names", "labels"])
def test_a_missing_question_is_named_as_either_export_heads_it(headers):
    data = export_csv(ROWS[:2], labels=headers == "labels", headers=headers).decode("utf-8")
    lines = [line.split(";") for line in data.splitlines()]
    at = 1  # the second question, «rol»: whoever exports with labels does not know it by its name
    data = "\n".join(";".join(cells_[:at] + cells_[at + 1:]) for cells_ in lines).encode("utf-8")
    [problem] = read_survey(data, "export.csv", PARISH, INDEX).problems
    assert (problem.row, problem.column) == (1, None)
    assert problem.message == ("falta en el encabezado la columna «socio/rol» (en una exportación con etiquetas, "
                               "«¿Qué papel tiene usted en su familia?»)")
