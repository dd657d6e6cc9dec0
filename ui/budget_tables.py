"""Tables of the Priorización and Presupuesto pages, built from the engine's results (no Streamlit).

Everything here reads a `core.engine.prioritization.Prioritization` or `core.engine.allocation.AllocationResult`
and returns a polars DataFrame (codes and raw numbers, plus `*_text` columns formatted es-EC). Pages only draw
what these return, so tests can check the content. The charts are in `ui.budget_charts`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import polars as pl

from core import fmt
from core.engine.allocation import METHODS, AllocationResult, AssociationShare, ProposalOutcome
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.engine.prioritization import Prioritization
from core.engine.sensitivity import rank_movement
from core.engine.weights import normalize
from core.texts import label, labels, t, t_count

TITLE_WIDTH = 46


def short(text: str | None, width: int = TITLE_WIDTH) -> str:
    text = (text or "").strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def associations_es(ids: Sequence[str] | None, names: Mapping[str, str]) -> str:
    return "; ".join(names.get(a, a) for a in (ids or []))


def proposal_label(rank: int | None, proposal_id: str, title: str | None,
                   shown: Callable[[str], str] = str) -> str:
    """«rank. code · short title»; `shown` makes the title safe where the label renders Markdown."""
    prefix = f"{rank}. " if rank is not None else ""
    return f"{prefix}{proposal_id} · {shown(short(title))}"


# -- Weights ---------------------------------------------------------------------------------------------

def weights_frame(weights: Mapping[str, float]) -> pl.DataFrame:
    """One row per criterion: its name, whether data or people decide it, its normalized weight."""
    w = normalize(weights)
    rows = [{"criterion": c, "label_es": BY_CODE[c].label_es, "kind": BY_CODE[c].kind,
             "kind_es": label("criterion_kind", BY_CODE[c].kind), "weight": w[c],
             "weight_text": fmt.percent(w[c], 1), "description_es": BY_CODE[c].description_es}
            for c in CRITERION_CODES]
    return pl.DataFrame(rows)


def points_from_weights(weights: Mapping[str, float]) -> dict[str, int]:
    """Weights as whole points out of 100 for the sliders (the normalized weight × 100, rounded)."""
    w = normalize(weights)
    return {c: int(round(w[c] * 100)) for c in CRITERION_CODES}


# -- Ranking ---------------------------------------------------------------------------------------------

def ranking_frame(p: Prioritization, names: Mapping[str, str]) -> pl.DataFrame:
    """Eligible proposals by rank: score, what each asks of the GAD, alerts, funded by the exact allocation."""
    schema = {"rank": pl.Int64, "proposal_id": pl.Utf8, "title": pl.Utf8, "associations_es": pl.Utf8,
              "score": pl.Float64, "cost_usd": pl.Float64, "funded": pl.Boolean, "flags_es": pl.Utf8,
              "label": pl.Utf8}
    if p.scoring.totals.height == 0:
        return pl.DataFrame(schema=schema)
    members = {c["proposal_id"]: (c["association_ids"], c["cost_usd"]) for c in p.candidates.iter_rows(named=True)}
    funded = set(p.result.funded_ids) if p.result.feasible else set()
    rows = []
    for r in p.scoring.totals.sort("rank").iter_rows(named=True):
        ids, cost = members.get(r["proposal_id"], ([r["association_id"]], None))
        rows.append({"rank": r["rank"], "proposal_id": r["proposal_id"], "title": r["title"],
                     "associations_es": associations_es(ids, names), "score": r["score"], "cost_usd": cost,
                     "funded": r["proposal_id"] in funded, "flags_es": ", ".join(r["flags_es"] or []),
                     "label": proposal_label(r["rank"], r["proposal_id"], r["title"])})
    return pl.DataFrame(rows, schema=schema)


def ranking_display(ranking: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame({
        t("prio.col.rank"): ranking["rank"].to_list(),
        t("prio.col.code"): ranking["proposal_id"].to_list(),
        t("prio.col.title"): ranking["title"].to_list(),
        t("prio.col.score"): [fmt.number(v, 2) for v in ranking["score"].to_list()],
        t("prio.col.asked"): fmt.amounts(ranking["cost_usd"].to_list()),
        t("prio.col.funded"): [label("bool", v) for v in ranking["funded"].to_list()],
        t("prio.col.associations"): ranking["associations_es"].to_list(),
        t("prio.col.flags"): ranking["flags_es"].to_list(),
    }, schema_overrides={t("prio.col.rank"): pl.Int64})


def ties_es(ranking: pl.DataFrame, shown: int = 5) -> str:
    """The places shared by proposals with the same score (to two decimals, as shown and as the allocation compares
    them), in Spanish; '' when there is no tie. Their order among themselves is only the code's."""
    keyed = ranking.sort("rank").with_columns(pl.col("score").round(2).alias("_key"))
    groups = [g for _, g in keyed.group_by("_key", maintain_order=True) if g.height > 1]
    if not groups:
        return ""
    parts = [t("prio.ranking.tie_group", first=g["rank"].min(), last=g["rank"].max(), count=g.height,
               score=fmt.number(g["_key"][0], 2)) for g in groups[:shown]]
    if len(groups) > shown:
        parts.append(t_count("prio.ranking.tie_more", len(groups) - shown, n=fmt.number(len(groups) - shown)))
    return t("prio.ranking.ties", groups=fmt.listing(parts))


def contributions_frame(p: Prioritization, ranking: pl.DataFrame) -> pl.DataFrame:
    """Long: one row per (proposal, criterion) with the points it adds to the total (weight × score)."""
    labels_ = dict(ranking.select("proposal_id", "label").iter_rows())
    ranks = dict(ranking.select("proposal_id", "rank").iter_rows())
    long = p.scoring.criteria.filter(pl.col("proposal_id").is_in(list(labels_)))
    order = {c: k for k, c in enumerate(CRITERION_CODES)}
    return (long.with_columns(
        pl.col("proposal_id").replace_strict(labels_, default=None).alias("label"),
        pl.col("proposal_id").replace_strict(ranks, default=None).cast(pl.Int64).alias("rank"),
        pl.col("criterion").replace_strict(order, default=None).cast(pl.Int64).alias("order"),
        pl.col("kind").replace_strict(labels("criterion_kind"), default=None).alias("kind_es"),
        pl.Series("score_text", [fmt.number(v, 1) for v in long["score"].to_list()], dtype=pl.Utf8),
        pl.Series("weight_text", [fmt.percent(v, 1) for v in long["weight"].to_list()], dtype=pl.Utf8),
        pl.Series("contribution_text", [fmt.number(v, 2) for v in long["contribution"].to_list()], dtype=pl.Utf8),
    ).sort(["rank", "order"]))


def explanation_display(contributions: pl.DataFrame, proposal_id: str) -> pl.DataFrame:
    rows = contributions.filter(pl.col("proposal_id") == proposal_id)
    return pl.DataFrame({
        t("prio.chart.criterion"): rows["label_es"].to_list(),
        t("prio.col.kind"): rows["kind_es"].to_list(),
        t("prio.col.criterion_score"): rows["score_text"].to_list(),
        t("prio.col.source"): rows["source_es"].to_list(),  # the advisory group's, or Minga's estimate and why
        t("prio.col.weight"): rows["weight_text"].to_list(),
        t("prio.col.contribution"): rows["contribution_text"].to_list(),
        t("prio.col.why"): rows["explanation_es"].to_list(),
    })


def ineligible_frame(p: Prioritization, titles: Mapping[str, str], members: Mapping[str, Sequence[str]],
                     names: Mapping[str, str]) -> pl.DataFrame:
    """One row per failed gate of each proposal that did not pass the screening."""
    rows = [{"proposal_id": s.item_id, "title": titles.get(s.item_id, s.item_id),
             "associations_es": associations_es(members.get(s.item_id), names), "gate": g.gate,
             "gate_es": label("screening_gate", g.gate), "reason_es": g.reason_es}
            for s in p.screenings if not s.eligible for g in s.failures]
    return pl.DataFrame(rows, schema={"proposal_id": pl.Utf8, "title": pl.Utf8, "associations_es": pl.Utf8,
                                      "gate": pl.Utf8, "gate_es": pl.Utf8, "reason_es": pl.Utf8})


# -- Sensitivity -----------------------------------------------------------------------------------------

def probability_display(probability: pl.DataFrame, ranking: pl.DataFrame) -> pl.DataFrame:
    titles = dict(ranking.select("proposal_id", "title").iter_rows())
    return pl.DataFrame({
        t("prio.col.code"): probability["proposal_id"].to_list(),
        t("prio.col.probability"): [fmt.percent(v, 0) for v in probability["p_funded"].to_list()],
        t("prio.col.funded_now"): [label("bool", v) for v in probability["funded_base"].to_list()],
        t("prio.col.rank_range"): [f"{a}–{b}" if a != b else str(a) for a, b in
                                   zip(probability["rank_min"].to_list(), probability["rank_max"].to_list(), strict=True)],
        t("prio.col.title"): [titles.get(p) for p in probability["proposal_id"].to_list()],
        t("prio.col.why"): probability["explanation_es"].to_list(),
    })


def movement_display(matrix: pl.DataFrame, weights: Mapping[str, float], other: Mapping[str, float],
                     other_name: str, ranking: pl.DataFrame) -> pl.DataFrame:
    """Ranks under the chosen weights and under `other`, and how far each proposal moves."""
    if matrix.height == 0:
        return pl.DataFrame()
    moves = rank_movement(matrix, other, weights).sort("new_rank")
    titles = dict(ranking.select("proposal_id", "title").iter_rows())
    return pl.DataFrame({
        t("prio.col.code"): moves["proposal_id"].to_list(),
        t("prio.col.rank_now"): moves["new_rank"].to_list(),
        t("prio.col.rank_other", name=other_name): moves["base_rank"].to_list(),
        t("prio.col.movement"): [_movement(v) for v in moves["movement"].to_list()],
        t("prio.col.title"): [titles.get(p) for p in moves["proposal_id"].to_list()],
    })


def _movement(value: int) -> str:
    if value > 0:
        return t("prio.sens.up", n=value)
    if value < 0:
        return t("prio.sens.down", n=-value)
    return t("prio.sens.same")


def influence_display(influence: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame({
        t("prio.chart.criterion"): influence["label_es"].to_list(),
        t("prio.col.max_movement"): influence["max_movement"].to_list(),
        t("prio.col.moved"): influence["proposals_moved"].to_list(),
    })


# -- Allocation: the three methods side by side -----------------------------------------------------------

def _outcome_columns(rows: Sequence[ProposalOutcome], names: Mapping[str, str]) -> dict[str, list[str]]:
    """Code, title, associations, amount and score of proposals in a result, as people read them."""
    return {
        t("prio.col.code"): [o.proposal_id for o in rows],
        t("prio.col.title"): [o.title for o in rows],
        t("prio.col.associations"): [associations_es(o.association_ids, names) for o in rows],
        t("budget.col.amount"): fmt.amounts(o.cost_usd for o in rows),
        t("prio.col.score"): [fmt.number(o.score, 2) for o in rows],
    }


def funded_display(result: AllocationResult, names: Mapping[str, str], compact: bool = False) -> pl.DataFrame:
    """The funded proposals, best score first; `compact`: code, title and amount only (a narrow column)."""
    rows = [o for o in result.proposals if o.funded]
    rows.sort(key=lambda o: (-o.score, o.proposal_id))
    columns = _outcome_columns(rows, names)
    if compact:
        columns = {k: columns[k] for k in (t("prio.col.code"), t("budget.col.amount"), t("prio.col.title"))}
    return pl.DataFrame(columns, schema={k: pl.Utf8 for k in columns})


COMPACT_COLUMNS = {t("prio.col.code"): {"width": "small"}, t("budget.col.amount"): {"width": "small"}}


def uncovered_es(share: AssociationShare, names: Mapping[str, str]) -> str:
    """An association without a project, and why when the reason says more than "none was chosen"."""
    name = names.get(share.association_id, share.association_id)
    if share.reason_es and share.reason_es != t("alloc.uncovered.not_chosen"):
        return f"{name} ({share.reason_es})"
    return name


def with_names(text: str, names: Mapping[str, str]) -> str:
    """An engine sentence with «association_id» replaced by the association's name."""
    for association_id, name in names.items():
        text = text.replace(f"«{association_id}»", f"«{name}»")
    return text


def repeats_uncovered(note: str, result: AllocationResult) -> bool:
    """Engine notes that only say an association was left without a project (the page lists those already)."""
    return note in {t("alloc.note.uncovered", association=a) for a in result.associations_uncovered}


# Up to this many proposals (a parish's scale) every unfunded one is explained with the allocation; beyond, each
# when picked: one exact search per proposal, 0,1 to 0,4 s at 2.000 proposals.
WHY_ALL_UP_TO = 300
# Under «Óptima por alcance», each association's members counted once, every explanation is a HiGHS solve of its
# own: all of them took 0,6 s at 50 proposals, 1,5 s at 100 and about 4 s at 200 (CPU, the bench's instances).
WHY_ALL_UP_TO_BY_METHOD = {"scope": 60}


def why_limit(method: str) -> int:
    """Up to how many proposals Presupuesto explains every unfunded one of `method` with its allocation."""
    return WHY_ALL_UP_TO_BY_METHOD.get(method, WHY_ALL_UP_TO)


def why_at_once(proposals: int, method: str) -> bool:
    """Whether Presupuesto explains every unfunded proposal with the allocation (`allocate_detailed`'s `explain`)."""
    return proposals <= why_limit(method)


def unfunded(result: AllocationResult) -> list:
    """The proposals left out, best score first (the order in which the page explains them)."""
    return sorted((o for o in result.proposals if not o.funded), key=lambda o: (-o.score, o.proposal_id))


def unfunded_display(result: AllocationResult, names: Mapping[str, str]) -> pl.DataFrame:
    rows = unfunded(result)
    shed = fmt.amount_for([o.cost_to_shed_usd for o in rows if o.cost_to_shed_usd])
    return pl.DataFrame({
        **_outcome_columns(rows, names),
        t("budget.col.rule"): [label("allocation_rule", o.rule) if o.rule else t("budget.why.pending")
                               for o in rows],
        t("budget.col.score_needed"): [fmt.number(o.score_needed, 2) if o.score_needed is not None else ""
                                       for o in rows],
        t("budget.col.cost_to_shed"): [shed(o.cost_to_shed_usd) if o.cost_to_shed_usd else "" for o in rows],
    })


def metrics_frame(results: Mapping[str, AllocationResult]) -> pl.DataFrame:
    """One row per (metric, method): the figures the board compares."""
    rows = []
    shown = [r for r in results.values() if r is not None]  # a row of money compares the methods: one rule across it
    cost, unspent = fmt.amount_for([r.total_cost_usd for r in shown]), fmt.amount_for([r.unspent_usd for r in shown])
    for method in METHODS:
        r = results.get(method)
        if r is None:
            continue
        values = {
            "total_score": (r.total_score, fmt.number(r.total_score, 2)),
            "total_cost_usd": (r.total_cost_usd, cost(r.total_cost_usd)),
            "n_funded": (len(r.funded_ids), fmt.number(len(r.funded_ids))),
            "associations_covered": (len(r.associations_covered),
                                     t("budget.of", part=len(r.associations_covered), whole=r.n_associations)),
            "beneficiaries": (r.beneficiaries, fmt.number(r.beneficiaries)),
            "gini": (r.gini, fmt.number(r.gini, 2)),
            "max_association_share": (r.max_association_share, fmt.percent(r.max_association_share, 1)),
            "unspent_usd": (r.unspent_usd, unspent(r.unspent_usd)),
        }
        for metric, (value, text) in values.items():
            rows.append({"metric": metric, "metric_es": label("comparison_metric", metric), "method": method,
                         "method_es": label("allocation_method_short", method),
                         "value": None if value is None else float(value), "text": text if r.feasible else "—"})
    return pl.DataFrame(rows, schema={"metric": pl.Utf8, "metric_es": pl.Utf8, "method": pl.Utf8,
                                      "method_es": pl.Utf8, "value": pl.Float64, "text": pl.Utf8})


def metrics_display(metrics: pl.DataFrame) -> pl.DataFrame:
    """Metrics as rows, methods as columns (the texts)."""
    if metrics.height == 0:
        return pl.DataFrame()
    wide = metrics.pivot(on="method_es", index="metric_es", values="text", maintain_order=True)
    return wide.rename({"metric_es": t("budget.col.metric")})


# -- Saved scenarios ---------------------------------------------------------------------------------------

def comparison_totals_display(totals: pl.DataFrame, names: tuple[str, str]) -> pl.DataFrame:
    rows = totals.to_dicts()
    formats = {"total_score": lambda v: fmt.number(v, 2), "n_funded": fmt.number, "associations_covered": fmt.number,
               "beneficiaries": fmt.number, "gini": lambda v: fmt.number(v, 2),
               "max_association_share": lambda v: fmt.percent(v, 1),
               **{m: fmt.amount_for([v for r in rows if r["metric"] == m for v in (r["a"], r["b"], r["delta"])])
                  for m in ("total_cost_usd", "unspent_usd")}}  # a row of money: one rule across it

    def delta(r):
        if r["delta"] is None:
            return "—"
        if r["metric"] == "max_association_share":
            text = fmt.number(r["delta"] * 100, 1) + " pp"
        else:
            text = formats[r["metric"]](r["delta"])
        return ("+" if r["delta"] > 1e-9 else "") + text

    return pl.DataFrame({
        t("budget.col.metric"): [r["label_es"] for r in rows],
        names[0]: [formats[r["metric"]](r["a"]) for r in rows],
        names[1]: [formats[r["metric"]](r["b"]) for r in rows],
        t("budget.col.delta"): [delta(r) for r in rows],
    })


def comparison_proposals_display(proposals: pl.DataFrame, names: tuple[str, str]) -> pl.DataFrame:
    """The proposals funded in at least one of the two, those that change first."""
    order = {"only_b": 0, "only_a": 1, "both": 2, "neither": 3}
    rows = sorted((r for r in proposals.to_dicts() if r["change"] != "neither"),
                  key=lambda r: (order[r["change"]], r["proposal_id"]))
    return pl.DataFrame({
        t("prio.col.code"): [r["proposal_id"] for r in rows],
        t("prio.col.title"): [r["title"] for r in rows],
        t("budget.col.change"): [t(f"budget.change.{r['change']}", a=names[0], b=names[1]) for r in rows],
        t("budget.col.amount"): fmt.amounts(r["cost_usd"] for r in rows),
        t("budget.col.score_a", name=names[0]): [fmt.number(r["score_a"], 2) for r in rows],
        t("budget.col.score_b", name=names[1]): [fmt.number(r["score_b"], 2) for r in rows],
    }, schema={k: pl.Utf8 for k in (t("prio.col.code"), t("prio.col.title"), t("budget.col.change"),
                                    t("budget.col.amount"), t("budget.col.score_a", name=names[0]),
                                    t("budget.col.score_b", name=names[1]))})


def comparison_weights_display(weights: pl.DataFrame, names: tuple[str, str]) -> pl.DataFrame:
    rows = weights.to_dicts()
    return pl.DataFrame({
        t("prio.chart.criterion"): [r["label_es"] for r in rows],
        names[0]: [fmt.percent(r["a"], 1) for r in rows],
        names[1]: [fmt.percent(r["b"], 1) for r in rows],
        t("budget.col.delta"): [("+" if r["delta"] > 1e-9 else "") + fmt.number(r["delta"] * 100, 1) + " pp"
                                for r in rows],
    })


def saved_display(saved: Sequence, board_rules, authors: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The parish's saved scenarios as people read them: each author by name (`authors`: username → name, from
    core.record.auth.Accounts.display_names), the budgets by one rule (fmt.amount_for: «$ 850,00» beside «$ 1.234,50»)."""
    import datetime as dt

    def when(text: str) -> str:
        try:
            stamp = dt.datetime.fromisoformat(text).astimezone(dt.timezone(dt.timedelta(hours=-5)))
        except ValueError:
            return text
        return fmt.datetime(stamp)

    return pl.DataFrame({
        t("budget.col.name"): [s.scenario.name for s in saved],
        t("budget.col.weights"): [s.scenario.preset or t("budget.own_weights") for s in saved],
        t("budget.col.method"): [label("allocation_method_short", s.scenario.method) for s in saved],
        t("budget.col.budget"): fmt.amounts(s.scenario.rules.budget_usd for s in saved),
        t("budget.col.board_rules"): [label("bool", board_rules is not None and s.scenario.rules == board_rules)
                                      for s in saved],
        t("budget.col.by"): [(authors or {}).get(s.scenario.created_by or "", s.scenario.created_by or "")
                             for s in saved],
        t("budget.col.updated"): [when(s.updated_at) for s in saved],
        t("budget.col.note"): [s.scenario.note or "" for s in saved],
    }, schema={k: pl.Utf8 for k in (t("budget.col.name"), t("budget.col.weights"), t("budget.col.method"),
                                    t("budget.col.budget"), t("budget.col.board_rules"), t("budget.col.by"),
                                    t("budget.col.updated"), t("budget.col.note"))})
