"""A survey answer that contradicts another answer of the same submission is told at the column to fix, in words
the planner reads (never the code names of the study's records)."""

from __future__ import annotations

import pytest

from core.data.validation import problem_lines
from core.parish.models import ParishAssociation
from core.parish.survey import read_survey
from core.parish.tables import AssociationIndex

PARISH = "080265"  # Santa Lucía de las Peñas, Eloy Alfaro (Esmeraldas)
INDEX = AssociationIndex([ParishAssociation(parish_code=PARISH, code="PES1", members_total=40,
                                            name="Asociación de Pescadores Artesanales Peñas Adentro")])
NAMES = ("_uuid,socio/asociacion,socio/rol,socio/jefe_hogar,socio/sexo,ayudas/ayuda_proyecto,ayudas/ayuda_estado,"
         "ayudas/efectividad,migracion/familia_exterior\n")
LABELS = ("_uuid,Asociación a la que pertenece,¿Qué papel tiene usted en su familia?,"
          "¿Quién es el jefe o la jefa de su hogar?,Sexo,¿Ha recibido ayuda de algún proyecto?,"
          "¿Recibió ayuda del Estado el último año?,¿Cuánto le sirvió la ayuda?,"
          "¿Algún miembro de su hogar vive en el exterior?\n")


@pytest.mark.parametrize(("header", "row", "said"), [
    (NAMES, "u1,PES1,father,father,female,no,no,,no",
     "encuesta.csv, fila 2, columna «socio/sexo»: un socio con papel «padre» no puede tener sexo «mujer»"),
    (NAMES, "u1,PES1,mother,father,male,no,no,,no",
     "encuesta.csv, fila 2, columna «socio/sexo»: una socia con papel «madre» no puede tener sexo «hombre»"),
    (NAMES, "u1,PES1,father,father,male,no,no,medium,no",
     ("encuesta.csv, fila 2, columna «ayudas/efectividad»: cuánto le sirvió la ayuda solo se responde si recibió "
     "ayuda de algún proyecto o del Estado el último año")),
    (LABELS, "u1,PES1,Padre,Padre,Hombre,No,No,Medio,No",
     ("encuesta.csv, fila 2, columna «¿Cuánto le sirvió la ayuda?»: cuánto le sirvió la ayuda solo se responde si "
     "recibió ayuda de algún proyecto o del Estado el último año")),
])
def test_a_contradiction_between_answers_names_its_column(header, row, said):
    preview = read_survey((header + row + "\n").encode(), "encuesta.csv", PARISH, INDEX)
    assert problem_lines(preview.problems, 10) == [said]
    assert preview.items == []
