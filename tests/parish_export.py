"""A KoBoToolbox-style export of the shipped XLSForm, generated from the form's own sheets (seeded).

Headers are `group/question` plus `_uuid` and `_submission_time`; choices are written as codes or as
their labels, and the needs as one 0/1 column per option when asked, as KoBoToolbox offers.
"""

from __future__ import annotations

import csv
import io
import random
import uuid

from openpyxl import Workbook, load_workbook

from core.parish.form import FORM_PATH


def _form():
    book = load_workbook(FORM_PATH, read_only=True)
    survey = [dict(zip(("type", "name", "label"), row[:3], strict=False)) for row in book["survey"].iter_rows(min_row=2, values_only=True)]
    choices: dict[str, dict[str, str]] = {}
    for list_name, name, label in book["choices"].iter_rows(min_row=2, values_only=True):
        choices.setdefault(list_name, {})[name] = label
    return survey, choices


def answers(count: int, associations: list[str], seed: int = 11) -> list[dict[str, object]]:
    """`count` submissions as question name → code (needs: a list of codes), with `_uuid`."""
    rng = random.Random(seed)
    survey, choices = _form()
    rows = []
    for _ in range(count):
        row: dict[str, object] = {"_uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                                  "_submission_time": "2026-11-30T10:15:00"}
        for question in survey:
            kind, _, family = str(question["type"]).partition(" ")
            name = question["name"]
            if kind == "select_one":
                row[name] = rng.choice(list(choices[family]))
            elif kind == "select_multiple":
                row[name] = rng.sample(list(choices[family]), rng.randint(1, 3))
            elif kind == "integer":
                row[name] = rng.randint(2010, 2025) if name == "anio_ayuda" else rng.randint(18, 80) if name == "edad" else rng.randint(1, 8)
            elif kind == "text":
                row[name] = rng.choice(associations) if name == "asociacion" else "MAG"
        row["sexo"] = {"father": "male", "mother": "female"}.get(str(row["rol"]), row["sexo"])
        if row["ayuda_proyecto"] == "no" and row["ayuda_estado"] == "no":
            for name in ("institucion_ayuda", "tipo_ayuda", "anio_ayuda", "efectividad"):
                row[name] = None
        rows.append(row)
    return rows


def export_csv(rows: list[dict[str, object]], *, labels: bool = False, option_columns: bool = False,
               separator: str = "/", headers: str = "names", multiple_separator: str | None = None) -> bytes:
    """`labels`: choices written as their labels; `headers`: "names" (`group/question`), "labels" (the question's
    label, as KoBoToolbox's export with labels writes it) or "group labels" (`group label/question label`);
    `multiple_separator`: between a multiple choice's options (default «; » for labels, a space for codes)."""
    survey, choices = _form()
    groups: dict[str, str] = {}
    titles: dict[str, str] = {}
    group = ""
    for question in survey:
        titles[question["name"]] = question["label"]
        if question["type"] == "begin_group":
            group = question["name"]
        elif question["type"] != "end_group":
            groups[question["name"]] = group

    def heading(group: str, name: str) -> str:
        if headers == "labels":
            return titles[name]
        if headers == "group labels":
            return f"{titles[group]}{separator}{titles[name]}"
        return f"{group}{separator}{name}"

    types = {q["name"]: str(q["type"]).partition(" ") for q in survey}
    header, lines = [], [[] for _ in rows]
    for name, group in groups.items():
        kind, _, family = types[name]
        if kind == "select_multiple" and option_columns:
            for code in choices[family]:
                option = code if headers == "names" else choices[family][code]
                header.append(f"{heading(group, name)}{separator}{option}")
                for line, row in zip(lines, rows, strict=False):
                    line.append("1" if code in row[name] else "0")
            continue
        header.append(heading(group, name))
        for line, row in zip(lines, rows, strict=False):
            value = row.get(name)
            if kind == "select_multiple":
                between = multiple_separator or ("; " if labels else " ")
                value = between.join(choices[family][c] if labels else c for c in value)
            elif kind == "select_one" and labels and value is not None:
                value = choices[family][value]
            line.append("" if value is None else value)
    header += ["_uuid", "_submission_time", "_index"]
    for index, (line, row) in enumerate(zip(lines, rows, strict=False), start=1):
        line += [row["_uuid"], row["_submission_time"], index]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(lines)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A workbook with one sheet holding `rows`, as bytes (what a person's Excel file brings)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
