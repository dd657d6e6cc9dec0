"""What will keep a proposal out of the budget until someone completes it, said before it matters.

The import preview warns per row, and Propuestas lists the stored proposals still to complete, with the very
gates of screening (`core.engine.screening`): the formulation and the kind of support (gate «complete»), the
GAD's competence, and the PDOT objectives. Gates that depend on the year's money or an offer are left to
screening itself: they are not something the proposal lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from core.engine.screening import ScreeningContext, gate_competence, gate_complete, gate_pdot, gate_status
from core.proposals.models import Proposal
from core.texts import t


def budget_warnings(p: Proposal, competences: Mapping[str, str] | None = None,
                    pdot_objectives: Mapping[str, str] | None = None) -> list[str]:
    """«Gate: reason» for each gate the proposal fails as it stands (empty when none).

    `competences` (code → title) and `pdot_objectives` (id → text) are the parish's; None: not checked
    beyond the proposal naming one.
    """
    pdot = None if pdot_objectives is None else {code: ("", text) for code, text in pdot_objectives.items()}
    results = [gate_status(p, ScreeningContext()), gate_complete(p, ScreeningContext()),
               gate_pdot(p, ScreeningContext(pdot_objectives=pdot))]
    if not p.competence_code or (competences is not None and p.competence_code not in competences):
        results.append(gate_competence(p, ScreeningContext()))  # no competence list: only says why it fails
    return [t("ready.warning", gate=r.label_es, reason=r.reason_es) for r in results if not r.passed]


def to_complete(proposals: Iterable[Proposal], competences: Mapping[str, str] | None = None,
                pdot_objectives: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The proposals that screening would keep out as they stand: code, title and what to complete, by code."""
    rows = [{"proposal_id": p.proposal_id, "title": p.title, "missing": " · ".join(warnings)}
            for p in proposals if (warnings := budget_warnings(p, competences, pdot_objectives))]
    return pl.DataFrame(rows, schema={"proposal_id": pl.Utf8, "title": pl.Utf8, "missing": pl.Utf8}).sort(
        "proposal_id")
