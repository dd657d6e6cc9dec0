"""Wording on a parish that is not El Valle: the diagnosis pages speak of its own records, and name the El Valle
study only under the study's demo records."""

from __future__ import annotations

import pytest

from core.parish.folder import read_folder
from core.parish.records import save_as
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import as_read, open_app_page
from tests.parish_export import answers
from tests.test_parish_load import PARISH, _folder

PLANNER = User(username="tecnica-redaccion", display_name="Técnica", role=Role.PLANNER)
EL_VALLE = "010170"


@pytest.fixture()
def loaded_parish(parish_store, tmp_path) -> Store:
    """Cumbe with its own associations, survey, aid and problems, as the console load stores them."""
    store = Store(parish_store)
    batch, problems, _ = read_folder(_folder(tmp_path, answers(12, ["A01", "A02"])), PARISH, store)
    assert not problems, [str(p) for p in problems]
    save_as(store, "consola", batch)
    return store


def _read(app) -> str:
    return as_read("\n".join(str(e.value) for kind in ("markdown", "caption", "info", "warning", "subheader")
                             for e in getattr(app, kind)))


# (page, the study-only sentence's opening)
STUDY_SENTENCES = [
    ("pages/migracion.py", "ve en la emigración, sobre todo de hombres"),
    ("pages/ayudas.py", "solo pudo describirlo"),
]


@pytest.mark.parametrize(("page", "sentence"), STUDY_SENTENCES)
def test_another_parish_is_not_told_what_the_el_valle_study_saw(loaded_parish, page, sentence):
    text = _read(open_app_page(page, PLANNER, parish=PARISH))
    assert sentence not in text
    assert "El estudio" not in text and "el estudio" not in text


@pytest.mark.parametrize(("page", "sentence"), STUDY_SENTENCES)
def test_the_demo_names_the_study_it_speaks_of(parish_store, page, sentence):
    text = _read(open_app_page(page, parish=EL_VALLE))
    [line] = [line for line in text.splitlines() if sentence in line]
    assert "El estudio de El Valle (Gómez-Ceballos et al., 2021)" in line
