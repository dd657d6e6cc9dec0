"""A proposal code written in another case («ev-p02» for «EV-P02») is the stored proposal, and a «Presupuesto» or
«Indicadores» line names its proposal in any case: a secretary who retypes the codes in lower case must not put
a second copy of each proposal in the budget, nor be told its lines belong to no proposal."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from core.proposals import import_preview, import_templates
from core.proposals.imports import preview_import
from core.record.store import Store
from tests.planner_files import csv_file, row

PARISH = "010170"


@pytest.fixture()
def ctx(tmp_path, con):
    return import_preview.context_for(con, Store(tmp_path / "s.sqlite"), PARISH)


def _lower_codes(data: bytes, sheets: tuple[str, ...]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for name in sheets:
        for cells in book[name].iter_rows(min_row=2):
            cells[0].value = cells[0].value.lower()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("update", [False, True])
def test_a_stored_code_in_lower_case_is_that_proposal(ctx, update):
    def read(code):
        result = preview_import(csv_file([row(code=code, association="EV-A01")]), "p.csv", ctx, update_existing=update)
        return [(r.proposal_id, r.action) for r in result.rows], [p.message for p in result.problems]
    lower, upper = read("ev-p02"), read("EV-P02")
    assert lower == upper
    assert lower[0][0][1] != "new"


@pytest.mark.parametrize("sheets", [("Propuestas",), ("Presupuesto", "Indicadores"),
                                    ("Propuestas", "Presupuesto", "Indicadores")])
def test_the_demo_workbook_with_codes_in_lower_case_changes_nothing(ctx, sheets):
    demo = import_templates.demo_proposals()
    data = _lower_codes(import_templates.proposals_workbook(demo, dict(ctx.associations)), sheets)
    result = preview_import(data, "demo.xlsx", ctx, update_existing=True)
    assert result.problems == []
    assert {(r.proposal_id, r.action) for r in result.rows} == {(p.proposal_id, "unchanged") for p in demo}


class _CountedCodes(dict):
    """The parish's stored proposals, counting how often the whole list is gone through."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_the_stored_codes_are_gone_through_once_per_file_not_once_per_row(ctx):
    """Matching a code in any case rebuilt the lower-case index of every stored proposal for each row: a file of
    2.000 rows over a parish with 2.000 proposals took a second longer for it."""
    import dataclasses

    stored = _CountedCodes(ctx.existing)
    rows = [row(code=f"EV-Q{n:03d}", association="EV-A01") for n in range(60)]
    preview_import(csv_file(rows), "p.csv", dataclasses.replace(ctx, existing=stored))
    assert _CountedCodes.walks <= 3
