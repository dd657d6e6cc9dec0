"""Ayudas: who gave what to whom, and whether aid is atomized (many institutions, short repeated runs)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import polars as pl

from core import fmt
from core.diagnosis.answers import Share, answer_share
from core.diagnosis.tables import formatted, labelled
from core.texts import label, t


def aid_shares(answers: pl.DataFrame) -> dict[str, Share]:
    """The study's aid figures from the members' answers: families with project aid, effectiveness
    'medium' to 'little' (of those who answered), no state aid in the last year."""
    return {
        "projects": answer_share(answers, "received_project_aid", ["true"]),
        "effectiveness": answer_share(answers, "aid_effectiveness", ["medium", "little"]),
        "no_state": answer_share(answers, "state_aid_last_year", ["false"]),
    }


def atomization_reason(row: Mapping[str, Any]) -> str:
    """Why a (association, kind of aid) is atomized, in Spanish; or that it is not."""
    reasons = []
    if row["institutions"] >= 2:
        reasons.append(t("diag.ayudas.reason.institutions", count=fmt.number(row["institutions"]),
                         names=row["institution_list"]))
    if row["longest_run"] >= 2:
        first, last = _longest_run_span(row["year_list"])
        reasons.append(t("diag.ayudas.reason.run", run=fmt.number(row["longest_run"]), first=first, last=last))
    if row.get("same_year_overlap"):
        reasons.append(t("diag.ayudas.reason.same_year"))
    return "; ".join(reasons) if reasons else t("diag.ayudas.reason.none")


def _longest_run_span(year_list: str) -> tuple[int, int]:
    """First and last year of the longest run of consecutive years in '2012, 2013, 2015' (earliest on ties)."""
    years = sorted({int(y) for y in year_list.split(",") if y.strip()})
    best = (years[0], years[0]) if years else (0, 0)
    start = years[0] if years else 0
    for previous, year in itertools.pairwise(years):
        if year != previous + 1:
            start = year
        if year - start > best[1] - best[0]:
            best = (start, year)
    return best


def with_reasons(atomization: pl.DataFrame) -> pl.DataFrame:
    """Add `kind_label` and `reason` (Spanish) to rows of `aid_atomization`."""
    reasons = [atomization_reason(row) for row in atomization.iter_rows(named=True)]
    out = labelled(atomization, "kind", "aid_kind")
    return out.with_columns(pl.Series("reason", reasons, dtype=pl.Utf8))


def aid_flow_texts(flows: pl.DataFrame) -> pl.DataFrame:
    """Add `kind_label` and `amount_text` (es-EC money) to rows of `aid_flows`."""
    return formatted(labelled(flows, "kind", "aid_kind"), "amount_usd", lambda v: fmt.amount(v), "amount_text")


def kinds_labelled(institutions: pl.DataFrame) -> pl.DataFrame:
    """`kinds` ('inputs, training') as Spanish labels ('Insumos, Capacitación') in rows of `aid_institutions`."""
    texts = [", ".join(label("aid_kind", k.strip()) for k in (v or "").split(",") if k.strip())
             for v in institutions["kinds"].to_list()]
    return institutions.with_columns(pl.Series("kinds", texts, dtype=pl.Utf8))


def never_coordinating(pairs: pl.DataFrame) -> pl.DataFrame:
    """Unordered pairs of institutions that reach the same associations but never the same one the same year."""
    return pairs.filter((pl.col("institution") < pl.col("partner")) & (pl.col("shared_associations") > 0)
                        & (pl.col("cofunded_association_years") == 0)).sort("shared_associations", "institution",
                                                                             descending=[True, False])
