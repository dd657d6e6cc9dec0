"""The alignment of proposals with the parish PDOT, the ODS and the PND: the matrix the Alineación page draws
(the chart itself is `ui.alignment_chart.heatmap`) and the PDOT objectives no proposal serves.

The proposals and the PDOT objectives are what people entered (core.proposals.records, the store), so the reshaping
is done here on models and polars frames; the labels of the ODS goals and PND objectives come from the
`alignment_axes` view (sql/decision/alignment_axes.sql). Shapes:

- `links(proposals)`: long, one row per (proposal, framework, code) with framework ∈ pdot, ods, ods_target, pnd;
- `matrix(proposals, pdot, axes, framework)`: one row per (PDOT objective, ODS goal or PND objective) with
  how many proposals serve both and which; a row «Sin objetivo del PDOT» when some proposal names none;
- `coverage(proposals, pdot)`: one row per PDOT objective with its proposals, and whether any serves it;

`funded_in_scenario` gives the proposals a saved scenario funds (core.engine.scenarios), so the same matrix can be
drawn for the funded projects; `funded_by_status` gives those already funded in their lifecycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import polars as pl

from core import fmt
from core.proposals.models import FUNDED_OR_LATER, Proposal
from core.texts import t

NO_PDOT = "__none__"
FRAMEWORKS = ("ods", "pnd")
# The five components of a PDOT (Ecuador's planning guide), the planner's choices for a new objective.
PDOT_COMPONENTS = ("Biofísico", "Económico productivo", "Sociocultural", "Asentamientos humanos",
                   "Político institucional")

_LINK_SCHEMA = {"proposal_id": pl.Utf8, "association_id": pl.Utf8, "framework": pl.Utf8, "code": pl.Utf8}
_MATRIX_SCHEMA = {"pdot_objective_id": pl.Utf8, "pdot_code": pl.Utf8, "pdot_label": pl.Utf8, "pdot_text": pl.Utf8,
                  "served": pl.Boolean, "framework": pl.Utf8, "code": pl.Utf8, "code_label": pl.Utf8, "code_title": pl.Utf8,
                  "sort_key": pl.Int64, "proposals": pl.Int64, "proposal_ids": pl.Utf8}


def links(proposals: Iterable[Proposal]) -> pl.DataFrame:
    """One row per (proposal, framework, code) the proposal says it serves (a proposal's own list, deduplicated)."""
    rows = []
    for p in proposals:
        for framework, codes in (("pdot", p.pdot_objective_ids), ("ods", [str(g) for g in p.sdg_goals]),
                                 ("ods_target", p.sdg_targets), ("pnd", p.pnd_objective_ids)):
            for code in dict.fromkeys(codes):
                rows.append({"proposal_id": p.proposal_id, "association_id": p.association_id,
                             "framework": framework, "code": code})
    return pl.DataFrame(rows, schema=_LINK_SCHEMA)


def pdot_code(objective_id: str) -> str:
    """How a PDOT objective is named on screen and in exports: its parish's own code, or «Sin objetivo del PDOT»."""
    return t("alin.no_pdot") if objective_id == NO_PDOT else fmt.local_code(objective_id)


def pdot_label(objective_id: str, text: str | None, width: int = 34) -> str:
    """'EV-OE1 · Fortalecer la asociatividad y…': the id and the start of the text, for an axis."""
    if objective_id == NO_PDOT or not text:
        return pdot_code(objective_id)
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return f"{pdot_code(objective_id)} · {short}"


def coverage(proposals: Sequence[Proposal], pdot: Mapping[str, tuple[str, str]]) -> pl.DataFrame:
    """One row per PDOT objective of the parish: its component and text, how many proposals serve it and which.

    `pdot` maps id → (component, text), the shape core.engine.prioritization.DecisionInputs uses."""
    serving: dict[str, list[str]] = {o: [] for o in pdot}
    for p in proposals:
        for objective in dict.fromkeys(p.pdot_objective_ids):
            if objective in serving:
                serving[objective].append(p.proposal_id)
    return pl.DataFrame(
        [{"pdot_objective_id": o, "pdot_code": pdot_code(o), "component": pdot[o][0], "objective_es": pdot[o][1],
          "proposals": len(serving[o]), "proposal_ids": ", ".join(sorted(serving[o])), "served": bool(serving[o])}
         for o in sorted(pdot)],
        schema={"pdot_objective_id": pl.Utf8, "pdot_code": pl.Utf8, "component": pl.Utf8, "objective_es": pl.Utf8,
                "proposals": pl.Int64, "proposal_ids": pl.Utf8, "served": pl.Boolean})


def unserved(proposals: Sequence[Proposal], pdot: Mapping[str, tuple[str, str]]) -> list[str]:
    """The PDOT objectives no proposal names, in id order."""
    named = {o for p in proposals for o in p.pdot_objective_ids}
    return sorted(o for o in pdot if o not in named)


def matrix(proposals: Sequence[Proposal], pdot: Mapping[str, tuple[str, str]], axes: pl.DataFrame,
           framework: str, *, only_used: bool = True) -> pl.DataFrame:
    """PDOT objective × (ODS goal or PND objective): how many proposals serve both, and which.

    Rows are every PDOT objective of the parish (also those no proposal serves, so the gap shows) plus
    «Sin objetivo del PDOT» when a proposal names none. Columns are the codes of `axes` (the
    `alignment_axes` view) of `framework`; with `only_used`, only those some proposal names (and, for the
    PND, only the plans some proposal uses). Codes a proposal names that the catalogue lacks are kept,
    labelled with the code itself, so nothing a planner typed disappears from the matrix.
    """
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {FRAMEWORKS}")
    catalogue = axes.filter(pl.col("framework") == framework)
    used: dict[str, list[str]] = {}
    pairs: dict[tuple[str, str], list[str]] = {}
    rows_needed = set(pdot)
    for p in proposals:
        codes = [str(g) for g in p.sdg_goals] if framework == "ods" else list(p.pnd_objective_ids)
        objectives = [o for o in dict.fromkeys(p.pdot_objective_ids) if o in pdot] or [NO_PDOT]
        if objectives == [NO_PDOT]:
            rows_needed.add(NO_PDOT)
        for code in dict.fromkeys(codes):
            used.setdefault(code, []).append(p.proposal_id)
            for objective in objectives:
                pairs.setdefault((objective, code), []).append(p.proposal_id)
    columns = {r["code"]: r for r in catalogue.iter_rows(named=True)}
    if only_used:
        if framework == "pnd":
            plans = {columns[c]["plan_id"] for c in used if c in columns}
            keep = [c for c, r in columns.items() if c in used or r["plan_id"] in plans]
        else:
            keep = [c for c in columns if c in used]
    else:
        keep = list(columns)
    keep += [c for c in used if c not in columns]
    served = {o for (o, _code) in pairs if o != NO_PDOT} | {o for p in proposals for o in p.pdot_objective_ids}
    rows = []
    for objective in sorted(rows_needed, key=lambda o: (o == NO_PDOT, o)):
        text = pdot[objective][1] if objective in pdot else None
        for code in keep:
            meta = columns.get(code)
            ids = sorted(pairs.get((objective, code), []))
            rows.append({"pdot_objective_id": objective, "pdot_code": pdot_code(objective),
                         "pdot_label": pdot_label(objective, text),
                         "pdot_text": text or t("alin.no_pdot_text"),
                         "served": objective in served or objective == NO_PDOT,
                         "framework": framework, "code": code,
                         "code_label": meta["label_es"] if meta else code,
                         "code_title": meta["title_es"] if meta else code,
                         "sort_key": meta["sort_key"] if meta else 10**9, "proposals": len(ids),
                         "proposal_ids": ", ".join(ids)})
    return pl.DataFrame(rows, schema=_MATRIX_SCHEMA)


def funded_by_status(proposals: Iterable[Proposal]) -> set[str]:
    """Proposals the board funded, by their lifecycle status (funded, in execution, closed)."""
    return {p.proposal_id for p in proposals if p.status in FUNDED_OR_LATER}


def funded_in_scenario(con, store, parish_code: str, scenario_id: str) -> set[str] | None:
    """The proposals a saved scenario funds, re-run over the current proposals (None: no such scenario).

    The extension point for «proyectos financiados»: the Alineación page calls this with the scenario the
    person picks; the scenarios themselves are kept and run by core.engine.scenarios."""
    from core.engine import scenarios
    from core.engine.prioritization import load_inputs

    saved = scenarios.load_scenario(store, scenario_id)
    if saved is None or saved.scenario.parish_code != parish_code:
        return None
    inputs = load_inputs(con, parish_code, store=store)
    return set(scenarios.run_scenario(inputs, saved.scenario, explain=False).result.funded_ids)
