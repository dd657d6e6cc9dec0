"""A proposals file naming an association the parish has not registered offers to create it under that name: a name
holding a character that cannot be seen (a right-to-left override pasted with it) was offered and, once chosen,
stored as a parish association, which the parish's own files refuse (core.user_text). It is a problem at its cell."""

# The tests take the fixture `ctx` imported below, from the module that defines it.
# ruff: noqa: F811

from __future__ import annotations

import pytest

from core.proposals import imports
from tests import proposals_issue_file
from tests.proposals_issue_file import ISSUE_HEADER

pytestmark = pytest.mark.usefixtures("today_after_the_demo")  # the files are handed in on 6 April 2027
store, ctx = proposals_issue_file.store, proposals_issue_file.ctx


def issue_file(row: str) -> bytes:
    """The planner's file as `tests.proposals_issue_file` writes it, saved as UTF-8 (cp1252 has no such marks)."""
    return "\n".join([ISSUE_HEADER, row, ""]).encode("utf-8")


@pytest.mark.parametrize(("name", "code"), [
    ("Cooperativa Lácteos\u202e del Cajas", "U+202E"),
    ("Cooperativa\u200b Lácteos del Cajas", "U+200B"),
])
def test_an_unregistered_name_with_a_hidden_character_is_a_problem_not_an_offer(ctx, name, code):
    data = issue_file(f"EV-T14;{name};Tanque de leche;5.000;1.500;30;8;EV-OE1;8")
    preview = imports.preview_import(data, "p.csv", ctx)
    assert not preview.unregistered
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Asociación")]
    assert code in preview.problems[0].message


def test_a_registered_name_pasted_with_a_hidden_character_is_still_that_association(ctx):
    data = issue_file("EV-T15;Asociación Agroecológica Flor del\u202e Valle;Huertos;1.000;0;10;6;EV-OE5;2")
    preview = imports.preview_import(data, "p.csv", ctx)
    assert preview.ok and [r.proposal.association_id for r in preview.rows] == ["EV-A01"]
