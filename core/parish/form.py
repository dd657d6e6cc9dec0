"""The member survey as an XLSForm (`data/forms/encuesta_asociaciones.xlsx`), the El Valle questionnaire.

`QUESTIONS` is the one description of the instrument: the form is written from it and the survey
import (`core.parish.survey`) reads exports with it. Choice names are Minga's codes (DESIGN §5), so an
export with codes maps straight onto the `members` view; labels come from the Spanish catalogue.
Run `python -m core.parish.form [PATH]` to (re)write the form.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from core.data.paths import ROOT
from core.texts import STRINGS, labels, t

FORM_PATH = ROOT / "data" / "forms" / "encuesta_asociaciones.xlsx"
FORM_ID = "minga_encuesta_asociaciones"
FORM_VERSION = "2026120201"
YES_NO = "yes_no"
AIDED = "${ayuda_proyecto} = 'yes' or ${ayuda_estado} = 'yes'"


@dataclass(frozen=True)
class Question:
    """One question: its XLSForm name and group, its type, and the member field it fills."""

    group: str
    name: str
    kind: str  # text | integer | select_one | select_multiple
    field: str  # the attribute of the survey answer (core.parish.models.SurveyAnswer)
    choices: str | None = None  # choice list = label family of core/texts
    required: bool = False
    constraint: str | None = None
    relevant: str | None = None

    @property
    def xls_type(self) -> str:
        return f"{self.kind} {self.choices}" if self.choices else self.kind


GROUPS = ("socio", "hogar", "economia", "ayudas", "migracion", "necesidades")

QUESTIONS: tuple[Question, ...] = (
    Question("socio", "asociacion", "text", "association", required=True),
    Question("socio", "rol", "select_one", "member_role", "family_role", required=True),
    Question("socio", "jefe_hogar", "select_one", "head_of_household", "family_role", required=True),
    Question("socio", "sexo", "select_one", "sex", "sex"),
    Question("socio", "edad", "integer", "age", constraint=". >= 12 and . <= 110"),
    Question("socio", "tamano_familia", "integer", "family_size", constraint=". >= 1 and . <= 30"),
    Question("hogar", "educacion_padre", "select_one", "father_education", "education"),
    Question("hogar", "educacion_madre", "select_one", "mother_education", "education"),
    Question("hogar", "ocupacion_padre", "select_one", "father_occupation", "occupation"),
    Question("hogar", "ocupacion_madre", "select_one", "mother_occupation", "occupation"),
    Question("economia", "ingreso_semanal", "select_one", "weekly_income_band", "weekly_income_band"),
    Question("economia", "gasto_mensual", "select_one", "monthly_expense_band", "monthly_expense_band"),
    Question("economia", "fuente_ingreso", "select_one", "income_source", "income_source"),
    Question("economia", "rubro_ingreso", "select_one", "main_income_item", "main_income_item"),
    Question("economia", "gasto_principal", "select_one", "main_expense", "main_expense"),
    Question("economia", "pobreza", "select_one", "perceived_poverty", "perceived_poverty"),
    Question("ayudas", "ayuda_proyecto", "select_one", "received_project_aid", YES_NO, required=True),
    Question("ayudas", "ayuda_estado", "select_one", "state_aid_last_year", YES_NO, required=True),
    Question("ayudas", "institucion_ayuda", "text", "aid_institution", relevant=AIDED),
    Question("ayudas", "tipo_ayuda", "select_one", "aid_kind", "aid_kind", relevant=AIDED),
    Question("ayudas", "anio_ayuda", "integer", "aid_year", constraint=". >= 1990 and . <= 2100", relevant=AIDED),
    Question("ayudas", "efectividad", "select_one", "aid_effectiveness", "aid_effectiveness", relevant=AIDED),
    Question("migracion", "familia_exterior", "select_one", "family_abroad", YES_NO, required=True),
    Question("necesidades", "necesidades", "select_multiple", "needs", "need"),
)

BY_NAME = {q.name: q for q in QUESTIONS}


def choice_labels(family: str) -> dict[str, str]:
    """code → Spanish label of a choice list (yes/no is the form's own)."""
    if family == YES_NO:
        return {"yes": t("form.choice.yes"), "no": t("form.choice.no")}
    return labels(family)


def sheets() -> dict[str, list[list[str]]]:
    """The XLSForm as sheet name → rows (the header first): survey, choices and settings."""
    survey = [["type", "name", "label", "hint", "required", "constraint", "constraint_message", "relevant"]]
    for group in GROUPS:
        survey.append(["begin_group", group, t(f"form.group.{group}"), "", "", "", "", ""])
        for q in (q for q in QUESTIONS if q.group == group):
            survey.append([q.xls_type, q.name, t(f"form.q.{q.name}"), STRINGS.get(f"form.hint.{q.name}", ""),
                           "yes" if q.required else "", q.constraint or "",
                           t("form.constraint") if q.constraint else "", q.relevant or ""])
        survey.append(["end_group", "", "", "", "", "", "", ""])
    choices = [["list_name", "name", "label"]]
    families = dict.fromkeys(q.choices for q in QUESTIONS if q.choices)
    for family in families:
        choices += [[family, code, text] for code, text in choice_labels(family).items()]
    settings = [["form_title", "form_id", "version", "default_language"],
                [t("form.title"), FORM_ID, FORM_VERSION, "es"]]
    return {"survey": survey, "choices": choices, "settings": settings}


def form_xlsx() -> bytes:
    """The XLSForm workbook; the same bytes' content every time (fixed document dates)."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets().items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    fixed = dt.datetime(2026, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """`python -m core.parish.form [PATH]`: write the XLSForm (default: data/forms/encuesta_asociaciones.xlsx)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else FORM_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(form_xlsx())
    print(t("form.written", path=path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
