"""A name is one line (core.user_text.OneLine): an association's name, an aid's institution, a problem, a PDOT
component, the survey's aid institution, a proposal's title, cooperant and manager. A line break a spreadsheet's
cell holds (Alt+Enter) or a tab, with the blanks around it, is stored as one space: «San\\nJuan» was stored with
the break and split the tables and PDFs that show the name. Long texts (communities, descriptions, objectives)
keep their line breaks."""

from __future__ import annotations

import time

import pytest

from core.parish.__main__ import main
from core.parish.records import part_records
from core.proposals.models import Proposal
from core.record.store import Store
from core.user_text import one_line
from tests.parish_export import answers, export_csv
from tests.parish_files import AID, ASSOCIATIONS, PARISH, PROBLEMS, _folder

PDOT = "Código;Componente;Objetivo\nOP1;Económico productivo;Riego para todos\n"


@pytest.mark.parametrize(("file", "text", "replaced", "by", "part", "field", "stored"), [
    ("asociaciones.csv", ASSOCIATIONS, "Asociación Flor de Mayo", '"Asociación Flor\nde Mayo"', "asociaciones",
     "name", "Asociación Flor de Mayo"),
    ("asociaciones.csv", ASSOCIATIONS, "Asociación Flor de Mayo", '"Asociación Flor  \r\n  de\tMayo"',
     "asociaciones", "name", "Asociación Flor de Mayo"),
    # an aid's institution: saving it already wrote its blanks as one space (core.parish.records), now the model does
    ("ayudas.csv", AID, ";MAG;", ';"Fundación\nAndina";', "ayudas", "institution", "Fundación Andina"),
    ("problemas.csv", PROBLEMS, "Falta de agua de riego", '"Falta de agua\n\nde riego"', "problemas", "label_es",
     "Falta de agua de riego"),
    ("objetivos_pdot.csv", PDOT, "Económico productivo", '"Gestión\nde riesgos"', "objetivos_pdot", "component",
     "Gestión de riesgos"),  # a component besides the five the guide names, kept as written
    # a long text keeps its line breaks
    ("objetivos_pdot.csv", PDOT, "Riego para todos", '"Riego\npara todos"', "objetivos_pdot", "objective_es",
     "Riego\npara todos"),
    ("asociaciones.csv", ASSOCIATIONS, "Guadalupano, Misicata", '"Guadalupano,\nMisicata"', "asociaciones",
     "communities", "Guadalupano,\nMisicata"),
])
def test_a_line_break_in_a_name_of_a_parish_file_is_stored_as_one_space(tmp_path, own_store, file, text, replaced,
                                                                         by, part, field, stored):
    assert replaced in text
    folder = _folder(tmp_path, answers(4, ["A01"]), **{file: text.replace(replaced, by)})
    assert main(["load", PARISH, str(folder)]) == 0
    values = {r.body.get(field) for r in part_records(Store(own_store), PARISH, part)}
    assert stored in values


def test_a_line_break_in_the_survey_s_aid_institution_is_stored_as_one_space(tmp_path, own_store):
    rows = answers(6, ["A01"])
    aided = next(i for i, r in enumerate(rows) if r["institucion_ayuda"])
    rows[aided]["institucion_ayuda"] = "Ministerio de\nAgricultura"
    folder = _folder(tmp_path, [])
    (folder / "encuesta.csv").write_bytes(export_csv(rows))
    assert main(["load", PARISH, str(folder)]) == 0
    institutions = {r.body.get("aid_institution") for r in part_records(Store(own_store), PARISH, "encuesta")}
    assert "Ministerio de Agricultura" in institutions


BASE = {"proposal_id": "T-01", "association_id": "A1", "parish_code": "010170", "title": "Riego comunitario",
        "cost_usd": 10000, "requested_usd": 10000}


@pytest.mark.parametrize(("field", "written", "read"), [
    ("title", "Riego\ncomunitario", "Riego comunitario"),
    ("title", "Riego \r\n comunitario\u2028de Cumbe", "Riego comunitario de Cumbe"),
    ("title", "Riego\tcomunitario", "Riego comunitario"),
    ("cooperant_name", "Embajada\nde Japón", "Embajada de Japón"),
    ("project_manager", "Presidente de la\njunta de agua", "Presidente de la junta de agua"),
    ("summary", "Riego para\n20 familias", "Riego para\n20 familias"),  # a long text keeps its breaks
])
def test_a_proposal_s_names_are_one_line(field, written, read):
    assert getattr(Proposal.model_validate({**BASE, field: written}), field) == read


def test_a_title_that_is_only_line_breaks_is_still_too_short():
    with pytest.raises(ValueError, match="title"):
        Proposal.model_validate({**BASE, "title": "\n\r\n"})


@pytest.mark.parametrize(("written", "read"), [
    ("Flor  de Mayo", "Flor  de Mayo"),  # blanks without a break are the name's own
    ("Flor \u00a0\n\u00a0 de\t\tMayo", "Flor de Mayo"),  # a break with the blanks around it: one space
    ("\n Flor de Mayo \r\n", "Flor de Mayo"),
])
def test_one_line_folds_only_runs_of_blanks_that_hold_a_break(written, read):
    assert one_line(written) == read


def test_a_long_run_of_blanks_inside_a_cell_is_read_at_once():
    """A cell of a spreadsheet holds up to 32.767 characters: «a», 40.000 spaces and «b» took 8 s to fold (the
    pattern tried every start inside the run), and each such name of a file as long again."""
    started = time.perf_counter()
    assert one_line("a" + " " * 40_000 + "b") == "a" + " " * 40_000 + "b"
    assert one_line("a" + " " * 40_000 + "\n" + "\u00a0" * 40_000 + "b") == "a b"
    assert time.perf_counter() - started < 1
