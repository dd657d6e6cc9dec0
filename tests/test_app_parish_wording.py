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
from tests.parish_files import PARISH, _folder

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


def _closed_vote_on_problems(store: Store, con, votes_for_last: int = 13) -> tuple[str, str]:
    """A closed session of El Valle's advisory group that puts every problem to the vote and gives the last one
    all its votes; returns (that problem's label, the session's title)."""
    import datetime as dt

    from core.data.db import query
    from core.record.meeting import cast_ballot, save_meeting
    from core.record.meeting_models import Ballot, Meeting, Participant
    from tests.conftest import store_accounts

    adviser = User(username="ana-mag", display_name="Ana (MAG)", role=Role.ADVISER)
    store_accounts(store, PLANNER, adviser)
    problems = query(con, "SELECT problem_id, label_es FROM problems WHERE parish_code = ? ORDER BY rank",
                     [EL_VALLE])
    last_id, last_label = problems.row(-1)
    opened = save_meeting(store, PLANNER, Meeting(
        meeting_id="S-PROB", parish_code=EL_VALLE, title="Problemas 2026", date=dt.date(2026, 11, 27),
        subject="problems", item_ids=problems["problem_id"].to_list(),
        participants=[Participant(participant_id="ana", name="Ana", username=adviser.username)]))
    cast_ballot(store, adviser, Ballot(meeting_id="S-PROB", participant_id="ana", votes={last_id: votes_for_last}))
    save_meeting(store, PLANNER, opened.model_copy(update={"status": "closed"}), expected_version=1)
    return last_label, "Problemas 2026"


def _problems_table(app):
    [table] = [d.value for d in app.dataframe if {"Puesto", "Problema", "Votos"} <= set(d.value.columns)]
    return table


def test_problemas_says_whose_votes_it_shows_once_a_session_voted(parish_store, con):
    last_label, title = _closed_vote_on_problems(Store(parish_store), con)
    app = open_app_page("pages/problemas.py", PLANNER, parish=EL_VALLE)
    [note] = [as_read(i.value) for i in app.info if "Priorización" in i.value]
    assert "votos registrados en «Preparar la parroquia»" in note
    assert f"«{title}»" in note and "Priorización ordena las necesidades con los votos de esa sesión" in note
    table = _problems_table(app)
    session_votes = dict(zip(table["Problema"], table["Votos en la sesión"], strict=True))
    assert session_votes[last_label] == "13"
    assert {v for k, v in session_votes.items() if k != last_label} == {"0"}
    public = open_app_page("pages/problemas.py", parish=EL_VALLE)  # work in preparation: not for the public view
    assert not [i for i in public.info if "Priorización" in i.value]


def test_without_a_session_problemas_shows_only_the_recorded_votes(parish_store):
    app = open_app_page("pages/problemas.py", PLANNER, parish=EL_VALLE)
    assert not [i for i in app.info if "Priorización" in i.value]
    assert "Votos en la sesión" not in _problems_table(app).columns
