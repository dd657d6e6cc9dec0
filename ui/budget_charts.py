"""Altair charts of the Priorización and Presupuesto pages, with Spanish titles and the es-EC Vega locale, built
from the frames of `ui.budget_tables` and from the money each association receives (`association_money`)."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import polars as pl

from core import fmt
from core.engine.allocation import METHODS, AllocationResult
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.texts import label, t
from ui.chart_memo import remembered
from ui.charts import ACCENT, INSTITUTION_COLOURS, MAIN, MUTED, axis_end, finish

CHART_ROWS = 40  # bars per chart: a chart of hundreds of proposals is read by nobody (the tables keep them all)
CHART_ASSOCIATIONS = 30
METHOD_COLOURS = {"optimal": MAIN, "scope": "#7A5195", "proportional": "#B23A48", "greedy": ACCENT,
                  "equal_split": "#3B6FA0"}


def association_money(results: Mapping[str, AllocationResult], names: Mapping[str, str]) -> pl.DataFrame:
    """Long: money each association receives under each method (a joint proposal's cost split equally)."""
    rows = []
    amount = fmt.amount_for([a.amount_usd for r in results.values() if r and r.feasible for a in r.associations])
    for method in METHODS:
        r = results.get(method)
        if r is None or not r.feasible:
            continue
        for a in r.associations:
            rows.append({"association_id": a.association_id, "association_es": names.get(a.association_id,
                                                                                         a.association_id),
                         "method": method, "method_es": label("allocation_method_short", method),
                         "amount_usd": a.amount_usd, "amount_text": amount(a.amount_usd),
                         "share_text": fmt.percent(a.share_of_budget, 1), "n_funded": a.n_funded})
    return pl.DataFrame(rows, schema={"association_id": pl.Utf8, "association_es": pl.Utf8, "method": pl.Utf8,
                                      "method_es": pl.Utf8, "amount_usd": pl.Float64, "amount_text": pl.Utf8,
                                      "share_text": pl.Utf8, "n_funded": pl.Int64})


@remembered
def contribution_chart(contributions: pl.DataFrame, ranking: pl.DataFrame,
                       limit: int = CHART_ROWS) -> alt.TopLevelMixin:
    """Each proposal's total as a horizontal bar stacked by criterion (points = weight × score), best first; the
    first `limit` of the ranking."""
    ranking = ranking.sort("rank").head(limit)
    contributions = contributions.filter(pl.col("proposal_id").is_in(ranking["proposal_id"].to_list()))
    order = ranking["label"].to_list()
    criteria = [BY_CODE[c].label_es for c in CRITERION_CODES]
    y = alt.Y("label:N", sort=order, title=None)
    bars = alt.Chart(contributions).mark_bar().encode(
        x=alt.X("contribution:Q", title=t("prio.chart.points"), stack="zero",
                scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=",.0f", tickCount=5)),
        y=y,
        color=alt.Color("label_es:N", title=t("prio.chart.criterion"), sort=criteria,
                        scale=alt.Scale(domain=criteria, range=INSTITUTION_COLOURS[: len(criteria)])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("label:N", title=t("prio.col.proposal")),
                 alt.Tooltip("label_es:N", title=t("prio.chart.criterion")),
                 alt.Tooltip("kind_es:N", title=t("prio.col.kind")),
                 alt.Tooltip("score_text:N", title=t("prio.col.criterion_score")),
                 alt.Tooltip("weight_text:N", title=t("prio.col.weight")),
                 alt.Tooltip("contribution_text:N", title=t("prio.col.contribution")),
                 alt.Tooltip("explanation_es:N", title=t("prio.col.why"))],
    )
    totals = ranking.with_columns(pl.Series("score_text", [fmt.number(v, 1) for v in ranking["score"].to_list()]))
    text = alt.Chart(totals).mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("score:Q"), y=y, text="score_text:N")
    height = max(120, 28 * len(order))
    return finish(alt.layer(bars, text).properties(height=height, width="container"),
                  t("prio.chart.title"), t("prio.chart.subtitle"))


@remembered
def probability_chart(probability: pl.DataFrame, ranking: pl.DataFrame, variation: float,
                      limit: int = CHART_ROWS) -> alt.TopLevelMixin:
    """The probability of being funded, most likely first; the first `limit` proposals."""
    labels_ = dict(ranking.select("proposal_id", "label").iter_rows())
    probability = probability.head(limit)
    frame = probability.with_columns(
        pl.col("proposal_id").replace_strict(labels_, default=None).alias("label"),
        pl.Series("p_text", [fmt.percent(v, 0) for v in probability["p_funded"].to_list()], dtype=pl.Utf8),
        pl.Series("now_es", [t("prio.sens.funded") if v else t("prio.sens.not_funded")
                             for v in probability["funded_base"].to_list()], dtype=pl.Utf8))
    order = frame["label"].to_list()
    y = alt.Y("label:N", sort=order, title=None)
    states = [t("prio.sens.funded"), t("prio.sens.not_funded")]
    bars = alt.Chart(frame).mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("p_funded:Q", title=t("prio.col.probability"), scale=alt.Scale(domain=[0, 1.12], nice=False),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=y, color=alt.Color("now_es:N", title=t("prio.col.funded_now"), sort=states,
                             scale=alt.Scale(domain=states, range=[MAIN, MUTED])),
        tooltip=[alt.Tooltip("label:N", title=t("prio.col.proposal")),
                 alt.Tooltip("p_text:N", title=t("prio.col.probability")),
                 alt.Tooltip("explanation_es:N", title=t("prio.col.why"))])
    text = alt.Chart(frame).mark_text(align="left", dx=4, fontSize=12).encode(x="p_funded:Q", y=y, text="p_text:N")
    height = max(120, 26 * len(order))
    return finish(alt.layer(bars, text).properties(height=height, width="container"),
                  t("prio.sens.chart_title", variation=fmt.percent(variation, 0)), t("prio.sens.chart_subtitle"))


def money_chart(money: pl.DataFrame, results: Mapping[str, AllocationResult],
                limit: int = CHART_ASSOCIATIONS) -> alt.TopLevelMixin:
    """Money per association, one bar per method side by side; the legend carries each method's Gini. With more
    than `limit` associations, those that receive most under any method."""
    top = (money.group_by("association_id").agg(pl.col("amount_usd").max().alias("top"))
           .sort(["top", "association_id"], descending=[True, False]).head(limit)["association_id"].to_list())
    money = money.filter(pl.col("association_id").is_in(top))
    methods = [m for m in METHODS if m in set(money["method"].to_list())]
    legend = {m: t("budget.chart.method_gini", method=label("allocation_method_short", m),
                   gini=fmt.number(results[m].gini, 2)) for m in methods}
    frame = money.with_columns(pl.col("method").replace_strict(legend, default=None).alias("legend"))
    domain = [legend[m] for m in methods]
    order = sorted(set(frame["association_es"].to_list()))
    base = alt.Chart(frame).encode(
        x=alt.X("amount_usd:Q", title=t("budget.chart.money_axis"), axis=alt.Axis(format="$,.0f", tickCount=5),
                scale=alt.Scale(domain=[0, axis_end(frame["amount_usd"].max(), 1.25)], nice=False)),
        y=alt.Y("association_es:N", sort=order, title=None),
        yOffset=alt.YOffset("legend:N", sort=domain),
        tooltip=[alt.Tooltip("association_es:N", title=t("budget.col.association")),
                 alt.Tooltip("method_es:N", title=t("budget.col.method")),
                 alt.Tooltip("amount_text:N", title=t("budget.col.amount")),
                 alt.Tooltip("share_text:N", title=t("budget.col.share_of_budget"))])
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        color=alt.Color("legend:N", title=t("budget.col.method"), sort=domain,
                        scale=alt.Scale(domain=domain, range=[METHOD_COLOURS[m] for m in methods]),
                        legend=alt.Legend(columns=1)))  # starts under the bars, right of the long names
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(text="amount_text:N")
    height = max(140, len(order) * (16 * max(1, len(methods)) + 12))
    return finish(alt.layer(bars, text).properties(height=height, width="container"),
                  t("budget.chart.money_title"), t("budget.chart.money_subtitle"))


@remembered
def comparison_chart(metrics: pl.DataFrame) -> alt.TopLevelMixin:
    """The methods that have figures, on the four figures that matter most, each as a share of the best method's
    figure."""
    keep = ["total_score", "associations_covered", "beneficiaries", "total_cost_usd"]
    frame = metrics.filter(pl.col("metric").is_in(keep) & pl.col("value").is_not_null() & (pl.col("text") != "—"))
    if frame.height == 0:
        return finish(alt.Chart(pl.DataFrame({"x": [0]})).mark_point(opacity=0), t("budget.chart.compare_title"))
    best = frame.group_by("metric").agg(pl.col("value").max().alias("best"))
    frame = frame.join(best, on="metric").with_columns(
        pl.when(pl.col("best") > 0).then(pl.col("value") / pl.col("best")).otherwise(0.0).alias("relative"))
    metric_order = [label("comparison_metric", m) for m in keep]
    present = [m for m in METHODS if m in set(frame["method"].to_list())]  # a method with no figure has no colour
    methods = [label("allocation_method_short", m) for m in present]
    base = alt.Chart(frame).encode(
        x=alt.X("relative:Q", title=t("budget.chart.relative_axis"), scale=alt.Scale(domain=[0, 1.3], nice=False),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=alt.Y("metric_es:N", sort=metric_order, title=None),
        yOffset=alt.YOffset("method_es:N", sort=methods),
        tooltip=[alt.Tooltip("metric_es:N", title=t("budget.col.metric")),
                 alt.Tooltip("method_es:N", title=t("budget.col.method")),
                 alt.Tooltip("text:N", title=t("budget.col.value"))])
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        color=alt.Color("method_es:N", title=t("budget.col.method"), sort=methods,
                        scale=alt.Scale(domain=methods, range=[METHOD_COLOURS[m] for m in present])))
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(text="text:N")
    height = len(keep) * (16 * len(present) + 14)
    return finish(alt.layer(bars, text).properties(height=height, width="container"),
                  t("budget.chart.compare_title"), t("budget.chart.compare_subtitle"))
