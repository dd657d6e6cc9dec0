"""A submission an export brings twice. The same answers again (a form sent twice over a poor signal, two exports
pasted together) count once and a notice names the rows dropped; other answers under the same id are refused with
the file, both rows and the columns that differ, and nothing of the load is stored. Loading an export again does not
double the answers."""

from __future__ import annotations

import uuid as uuid_module

import pytest

from core.parish.__main__ import main
from core.parish.mirror import ANSWER
from core.parish.models import ParishAssociation
from core.parish.records import ParishBatch, save_as
from core.parish.survey import read_survey
from core.record.store import Store
from core.texts import labels
from tests.parish_export import answers, export_csv
from tests.parish_files import _folder
from tests.test_parish_survey import INDEX, PARISH, _as_xlsx, _odk_central

ROWS = answers(4, ["A01"], seed=21)
NEW_AGE = 18 if ROWS[2]["edad"] != 18 else 19  # what an edit on the server changed
ORDER = list(labels("need"))  # the needs' 0/1 columns, in the form's order
FLOR = ParishAssociation(parish_code=PARISH, code="A01", name="Asociación Flor de Mayo", members_total=50)


def _again(row: dict, **changed) -> dict:
    """The same submission once more: received later (another `_submission_time`), `changed` answers if any."""
    return {**row, "_submission_time": "2026-11-30T18:40:00", **changed}


# the rows of an export (the header is line 1, so ROWS[i] written first is at line i + 2) → the rows dropped, each
# with the row it repeats
REPEATS = {
    "a form sent twice": ([*ROWS, _again(ROWS[1])], [(6, 3)]),
    "two exports pasted together": ([*ROWS, *ROWS], [(6, 2), (7, 3), (8, 4), (9, 5)]),
    "sent three times": ([ROWS[0], _again(ROWS[0]), ROWS[1], _again(ROWS[0])], [(3, 2), (5, 2)]),
}


@pytest.mark.parametrize("case", list(REPEATS))
@pytest.mark.parametrize("kind", ["kobo csv", "kobo xlsx", "odk central csv"])
def test_a_submission_repeated_with_the_same_answers_counts_once(case, kind):
    rows, dropped = REPEATS[case]
    data = {"kobo csv": export_csv, "kobo xlsx": lambda r: _as_xlsx(export_csv(r)),
            "odk central csv": lambda r: _odk_central(export_csv(r))}[kind](rows)
    name = "encuesta.xlsx" if kind == "kobo xlsx" else "encuesta.csv"
    preview = read_survey(data, name, PARISH, INDEX)
    assert [str(p) for p in preview.problems] == []
    assert sorted(a.member_id for a in preview.items) == sorted({f"{PARISH}-{r['_uuid']}" for r in rows})
    assert [n for n in preview.notices if "descart" in n] == [_notice(name, dropped)]


def _notice(name: str, dropped: list[tuple[int, int]]) -> str:
    if len(dropped) == 1:
        [(row, first)] = dropped
        return (f"{name}: se descartó la fila {row}, que repite el envío de la fila {first} con las mismas "
                "respuestas; el envío se cuenta una sola vez")
    rows = [f"la {row} (igual a la {first})" for row, first in dropped]
    return (f"{name}: se descartaron {len(dropped)} filas que repiten un envío con las mismas respuestas: "
            f"{', '.join(rows[:-1])} y {rows[-1]}; cada envío se cuenta una sola vez")


def test_a_long_list_of_repeats_is_cut_and_counts_the_rest():
    rows = answers(25, ["A01"], seed=4)
    [notice] = [n for n in read_survey(export_csv(rows + rows), "encuesta.csv", PARISH, INDEX).notices
                if "descart" in n]
    assert notice.startswith("encuesta.csv: se descartaron 25 filas que repiten un envío con las mismas respuestas: "
                             "la 27 (igual a la 2), la 28 (igual a la 3)")
    assert notice.endswith("la 46 (igual a la 21) y 5 más; cada envío se cuenta una sola vez")


@pytest.mark.parametrize(("changed", "columns"), [
    ({"edad": 41}, "en la columna «socio/edad»"),
    ({"rol": "child", "sexo": {"male": "female"}.get(ROWS[1]["sexo"], "male"), "edad": 19}, "en las columnas «socio/rol», «socio/sexo» y «socio/edad»"),
    ({"necesidades": ["credit"]}, "en la columna «necesidades/necesidades»"),
])
def test_one_id_with_other_answers_is_a_conflict_naming_both_rows_and_the_columns(changed, columns):
    rows = [*ROWS, _again(ROWS[1], **changed)]
    preview = read_survey(export_csv(rows), "encuesta.csv", PARISH, INDEX)
    uuid = ROWS[1]["_uuid"]
    assert [str(p) for p in preview.problems] == [
        (f"encuesta.csv, fila 6, columna «_uuid»: el envío «{uuid}» ya está en la fila 3 con otras respuestas "
         f"{columns}; no se sabe cuál vale: deje solo la fila correcta y vuelva a importar el archivo")]


def test_needs_in_one_column_per_option_name_the_options_that_differ():
    chosen = ROWS[1]["necesidades"]
    other = "credit" if "credit" not in chosen else "training"
    rows = [*ROWS, _again(ROWS[1], necesidades=[*chosen[1:], other])]
    [problem] = read_survey(export_csv(rows, option_columns=True), "encuesta.csv", PARISH, INDEX).problems
    assert (problem.row, problem.column) == (6, "_uuid")
    differing = sorted([f"«necesidades/necesidades/{chosen[0]}»", f"«necesidades/necesidades/{other}»"],
                       key=lambda header: ORDER.index(header.split("/")[-1].rstrip("»")))
    assert f"con otras respuestas en las columnas {differing[0]} y {differing[1]};" in problem.message


def test_a_conflict_in_an_odk_export_names_its_own_headers():
    rows = [*ROWS, _again(ROWS[0], edad=33)]
    [problem] = read_survey(_odk_central(export_csv(rows)), "encuesta.csv", PARISH, INDEX).problems
    assert (problem.row, problem.column) == (6, "meta-instanceID")
    assert "ya está en la fila 2 con otras respuestas en la columna «socio-edad»" in problem.message


def test_the_same_needs_written_in_another_order_are_the_same_answers():
    rows = [*ROWS, _again(ROWS[2], necesidades=list(reversed(ROWS[2]["necesidades"])))]
    preview = read_survey(export_csv(rows), "encuesta.csv", PARISH, INDEX)
    assert preview.problems == [] and len(preview.items) == len(ROWS)


def test_a_conflict_stores_nothing_and_keeps_what_was_stored(tmp_path, own_store, capsys):
    """All or nothing: the first load is kept whole, the second refused whole, naming the file, rows and column."""
    assert main(["load", PARISH, str(_folder(tmp_path / "1", ROWS))]) == 0
    store = Store(own_store)
    before = ({r.record_id: r.body for r in store.records(ANSWER, PARISH)}, len(store.log()))
    newer = [*answers(2, ["A01"], seed=22), *ROWS, _again(ROWS[3], edad=18)]
    assert main(["load", PARISH, str(_folder(tmp_path / "2", newer))]) == 1
    err = capsys.readouterr().err
    assert "encuesta.csv, fila 8, columna «_uuid»" in err and "ya está en la fila 7 con otras respuestas" in err
    after = ({r.record_id: r.body for r in store.records(ANSWER, PARISH)}, len(store.log()))
    assert after == before


def test_loading_an_export_with_repeats_again_stores_each_submission_once(tmp_path, own_store, capsys):
    rows = [*ROWS, _again(ROWS[0]), *ROWS]
    folder = _folder(tmp_path, rows)
    for _ in range(2):
        assert main(["load", PARISH, str(folder)]) == 0
        assert sorted(r.record_id for r in Store(own_store).records(ANSWER, PARISH)) == sorted(
            f"{PARISH}-{r['_uuid']}" for r in ROWS)
    out = capsys.readouterr().out
    assert out.count("encuesta.csv: se descartaron 5 filas que repiten un envío") == 2


def test_a_problem_of_a_repeated_submission_is_told_once_at_its_first_row():
    rows = [dict(r) for r in ROWS]
    rows[1]["rol"] = "abuelo"
    preview = read_survey(export_csv([*rows, _again(rows[1])]), "encuesta.csv", PARISH, INDEX)
    assert [(p.row, p.column, "«abuelo»" in p.message) for p in preview.problems] == [(3, "socio/rol", True)]


def _edited_on_the_server(rows: list[dict], kind: str, edited: int | None = None) -> bytes:
    """The export as the server writes it, with its stable id column (KoBoToolbox's `meta/rootUuid`, ODK Central's
    `KEY`); row `edited` was edited there since: it has a new `_uuid` (meta-instanceID) and another age."""
    rows = [dict(r) for r in rows]
    roots = [r["_uuid"] for r in rows]
    if edited is not None:
        rows[edited] = {**rows[edited], "_uuid": str(uuid_module.UUID(int=edited + 1)), "edad": NEW_AGE}
    data = export_csv(rows)
    if kind == "odk central csv":
        data = _odk_central(data)
    lines = data.decode("utf-8").splitlines()
    comma = "," if kind == "odk central csv" else ";"
    header = "KEY" if kind == "odk central csv" else "meta/rootUuid"
    lines = [lines[0] + comma + header] + [line + comma + f"uuid:{root}" for line, root in zip(lines[1:], roots,
                                                                                                strict=True)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("kind", ["kobo csv", "odk central csv"])
def test_an_export_taken_again_after_an_edit_on_the_server_replaces_the_answer_and_adds_no_member(
        tmp_path, own_store, kind):
    """An edit gives the submission a new `_uuid` (meta-instanceID): the second load stored it as one more member."""
    store = Store(own_store)
    save_as(store, "consola", ParishBatch(PARISH).add("asociaciones", [FLOR]))
    for edited in (None, 2):
        preview = read_survey(_edited_on_the_server(ROWS, kind, edited), "encuesta.csv", PARISH, INDEX)
        assert preview.problems == []
        save_as(store, "consola", ParishBatch(PARISH).add("encuesta", preview.items))
    stored = {r.record_id: r.body["age"] for r in store.records(ANSWER, PARISH)}
    assert stored == {f"{PARISH}-{r['_uuid']}": NEW_AGE if i == 2 else r["edad"] for i, r in enumerate(ROWS)}


def test_a_uuid_written_in_capitals_is_the_same_submission():
    """A UUID's letters have no case (RFC 9562): the export pasted once more after an «UPPER» counted a member twice."""
    rows = [*ROWS, {**_again(ROWS[1]), "_uuid": str(ROWS[1]["_uuid"]).upper()}]
    preview = read_survey(export_csv(rows), "encuesta.csv", PARISH, INDEX)
    assert [str(p) for p in preview.problems] == []
    assert sorted(a.member_id for a in preview.items) == sorted(f"{PARISH}-{r['_uuid']}" for r in ROWS)


@pytest.mark.parametrize(("written", "said"), [
    ("=1+1", "«=1+1»"),
    ("5bc8fbbc-bde5\u200f", "«5bc8fbbc-bde5[carácter invisible]»"),
    ("id con espacios", "«id con espacios»"),
])
def test_a_uuid_that_is_not_an_id_is_refused_quoting_what_the_file_says(written, said):
    """The message quoted «010152-=1+1» (the parish code Minga puts before it, never typed) and asked for a code
    «por ejemplo EV-P01»; an invisible right-to-left mark made a valid-looking id refused without saying why."""
    rows = [ROWS[0], {**ROWS[1], "_uuid": written}]
    preview = read_survey(export_csv(rows), "encuesta.csv", PARISH, INDEX)
    assert [(p.row, p.column, p.message) for p in preview.problems] == [
        (3, "_uuid", (f"identificador de envío no válido {said}: solo letras, números, punto, guion o guion bajo, "
                      "sin espacios"))]
    assert [a.member_id for a in preview.items] == [f"{PARISH}-{ROWS[0]['_uuid']}"]


REPEAT_SHEET = [["hijos/nombre_hijo", "hijos/edad_hijo", "_index", "_parent_table_name", "_parent_index",
                 "_submission__uuid"], ["Ana", 7, 1, "encuesta", 1, ROWS[0]["_uuid"]]]


@pytest.mark.parametrize("repeat_first", [False, True])
def test_a_repeat_group_s_sheet_is_passed_over_and_named(repeat_first):
    """A KoBoToolbox .xlsx of a form with a repeat group (a parish that added «hijos» to the form) brings a sheet per
    group beside the main one. The answers are read from the main sheet whichever sheet comes first (a workbook
    saved again in Excel may put the group's first); a notice says the group's sheet is not read. With the group's
    sheet first, every question was reported missing from its header."""
    import io

    from openpyxl import Workbook, load_workbook

    from tests.test_parish_survey import _as_xlsx

    main = load_workbook(io.BytesIO(_as_xlsx(export_csv(ROWS))))
    book = Workbook()
    book.remove(book.active)
    sheets = [("hijos", REPEAT_SHEET), ("Encuesta Licto", list(main.active.iter_rows(values_only=True)))]
    for title, rows in reversed(sheets) if not repeat_first else sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    preview = read_survey(out.getvalue(), "encuesta.xlsx", PARISH, INDEX)
    assert [str(p) for p in preview.problems] == []
    assert len(preview.items) == len(ROWS)
    assert ("encuesta.xlsx: la hoja «hijos» es de un grupo que se repite y Minga no la lee; las respuestas se leen "
            "de la hoja «Encuesta Licto»") in preview.notices
