"""Priorización: the weights (presets, sliders, pairwise comparison with its consistency ratio), the ranking with
each criterion's part drawn as a bar and explained, the proposals that do not pass the screening, and how much the
result depends on the weights. The weights are saved with the budget's rules as a scenario."""

from __future__ import annotations

import hashlib
import math

import polars as pl
import streamlit as st

from core import fmt
from core.engine import scenarios
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.engine.sensitivity import most_influential, one_at_a_time
from core.engine.weights import CR_LIMIT, ahp_from_judgments, preset, preset_names
from core.texts import label, t
from ui import budget_charts as charts
from ui import budget_tables as views
from ui import data, session, widgets
from ui import scenario_state as shared
from ui.text import plain

PRESET_KEY = "prio-preset"
AHP_BASE = "prio-ahp-base"
CUSTOM = t("prio.weights.custom")
SAATY = (9, 7, 5, 3)
AHP_OPTIONS = ([t("prio.ahp.a", strength=t(f"prio.ahp.s{v}"), v=v) for v in SAATY] + [t("prio.ahp.equal")]
               + [t("prio.ahp.b", strength=t(f"prio.ahp.s{v}"), v=v) for v in reversed(SAATY)])
AHP_VALUES = dict(zip(AHP_OPTIONS, [*SAATY, 1, *(1 / v for v in reversed(SAATY))], strict=True))
PAIRS = [(a, b) for i, a in enumerate(CRITERION_CODES) for b in CRITERION_CODES[i + 1:]]
EXPANDERS_LIMIT = 30
EXPLAIN_PICKED = "prio-explain-picked"  # the proposal whose criteria are shown


def slider_key(code: str) -> str:
    return f"prio-w-{code}"


def _matching(points: dict[str, int]) -> str:
    try:
        return scenarios.matching_preset(points) or CUSTOM
    except ValueError:
        return CUSTOM


def _apply(points: dict[str, int]) -> None:
    shared.set_points(points)
    for c in CRITERION_CODES:
        st.session_state[slider_key(c)] = points[c]
    st.session_state[PRESET_KEY] = _matching(points)


def _on_preset() -> None:
    name = st.session_state[PRESET_KEY]
    if name != CUSTOM:
        _apply(views.points_from_weights(preset(name)))


def _on_slider() -> None:
    points = {c: int(st.session_state[slider_key(c)]) for c in CRITERION_CODES}
    shared.set_points(points)
    st.session_state[PRESET_KEY] = _matching(points)


def _seed_widgets() -> None:
    """Widgets forget their values when the person visits another page; the shared state does not."""
    points = shared.points()
    for c in CRITERION_CODES:
        st.session_state.setdefault(slider_key(c), points[c])
    st.session_state.setdefault(PRESET_KEY, _matching(points))


# -- Pairwise comparison (AHP) --------------------------------------------------------------------------------

def _nearest_option(w_a: float, w_b: float) -> str:
    if w_a <= 0 and w_b <= 0:
        return t("prio.ahp.equal")
    if w_b <= 0:
        return AHP_OPTIONS[0]
    if w_a <= 0:
        return AHP_OPTIONS[-1]
    ratio = math.log(w_a / w_b)
    return min(AHP_OPTIONS, key=lambda o: abs(math.log(AHP_VALUES[o]) - ratio))


def _ahp_base(weights: dict[str, float]) -> pl.DataFrame:
    return pl.DataFrame({
        "a": [BY_CODE[a].label_es for a, _ in PAIRS],
        "b": [BY_CODE[b].label_es for _, b in PAIRS],
        "judgment": [_nearest_option(weights[a], weights[b]) for a, b in PAIRS],
    })


@st.fragment
def pairwise_panel() -> None:
    st.caption(t("prio.ahp.help"))
    if AHP_BASE not in st.session_state:
        st.session_state[AHP_BASE] = _ahp_base(shared.weights())
    edited = st.data_editor(
        st.session_state[AHP_BASE], key="prio-ahp-editor", hide_index=True, width="stretch", height=360,
        disabled=["a", "b"],
        column_config={
            "a": st.column_config.TextColumn(t("prio.ahp.col_a")),
            "b": st.column_config.TextColumn(t("prio.ahp.col_b")),
            "judgment": st.column_config.SelectboxColumn(t("prio.ahp.col_judgment"), options=AHP_OPTIONS,
                                                         required=True, width="medium"),
        })
    judgments = {pair: AHP_VALUES.get(choice, 1.0) for pair, choice in zip(PAIRS, edited["judgment"].to_list(), strict=False)}
    result = ahp_from_judgments(CRITERION_CODES, judgments)
    left, right = st.columns([1, 2])
    left.metric(t("prio.ahp.cr"), fmt.number(result.consistency_ratio, 3),
                help=t("prio.ahp.cr_help", limit=fmt.number(CR_LIMIT, 2)))
    if result.consistency_ratio > CR_LIMIT:
        right.warning(t("prio.ahp.inconsistent", cr=fmt.number(result.consistency_ratio, 3),
                        limit=fmt.number(CR_LIMIT, 2)), icon=":material/warning:")
    else:
        right.success(t("prio.ahp.consistent", cr=fmt.number(result.consistency_ratio, 3),
                        limit=fmt.number(CR_LIMIT, 2)), icon=":material/check_circle:")
    st.dataframe(pl.DataFrame({
        t("prio.chart.criterion"): [BY_CODE[c].label_es for c in CRITERION_CODES],
        t("prio.ahp.col_weight"): [fmt.percent(result.weights[c], 1) for c in CRITERION_CODES],
        t("prio.ahp.col_current"): [fmt.percent(shared.weights()[c], 1) for c in CRITERION_CODES],
    }), hide_index=True, width="stretch", key="prio-ahp-weights")
    use, reset = st.columns(2)
    if use.button(t("prio.ahp.use"), key="prio-ahp-use", icon=":material/done_all:"):
        _apply(views.points_from_weights(result.weights))
        st.rerun()
    if reset.button(t("prio.ahp.reset"), key="prio-ahp-reset", icon=":material/restart_alt:"):
        st.session_state[AHP_BASE] = _ahp_base(shared.weights())
        st.session_state.pop("prio-ahp-editor", None)
        st.rerun(scope="fragment")


# -- Sensitivity ----------------------------------------------------------------------------------------------

@st.fragment
def sensitivity_panel(code: str, weights: dict[str, float], rules, ranking: pl.DataFrame, matrix: pl.DataFrame,
                      feasible: bool) -> None:
    st.subheader(t("prio.sens.title"))
    st.write(t("prio.sens.intro", variation=fmt.percent(shared.VARIATION, 0), draws=fmt.number(shared.DRAWS),
               budget=fmt.amount(rules.budget_usd)))
    if not feasible:
        st.info(t("prio.sens.infeasible"))
    elif ranking.height > shared.SENSITIVITY_AUTO_LIMIT and not st.session_state.get("prio-sens-run"):
        st.info(t("prio.sens.big", n=fmt.number(ranking.height)))
        if st.button(t("prio.sens.run"), key="prio-sens-button"):
            st.session_state["prio-sens-run"] = True
            st.rerun(scope="fragment")
    else:
        bar = st.progress(0.0, text=t("prio.sens.computing"))  # each update lets a new slider move stop this run
        probability = shared.probability(code, weights, rules,
                                         progress=lambda done: bar.progress(done, text=t("prio.sens.computing")))
        bar.empty()
        widgets.chart(charts.probability_chart(probability, ranking, shared.VARIATION), width="stretch",
                        key="prio-sens-chart")
        if probability.height > charts.CHART_ROWS:
            st.caption(t("prio.chart.first", n=charts.CHART_ROWS, total=fmt.number(probability.height)))
        table = st.expander(t("prio.sens.table"), key="prio-sens-table-open", on_change="rerun")
        if table.open:
            table.dataframe(views.probability_display(probability, ranking), hide_index=True, width="stretch",
                            key="prio-sens-table")
    st.markdown(f"**{t('prio.sens.movement_title')}**")
    current = shared.preset_name()
    others = [name for name in preset_names() if name != current]
    reference = st.selectbox(t("prio.sens.reference"), others, key="prio-sens-reference",
                             help=t("prio.sens.reference_help"), placeholder=t("select.placeholder"))
    if matrix.height:
        st.dataframe(views.movement_display(matrix, weights, preset(reference), reference, ranking),
                     hide_index=True, width="stretch", key="prio-sens-movement")
        influence = most_influential(one_at_a_time(matrix, weights, change=shared.VARIATION))
        st.markdown(f"**{t('prio.sens.influence_title', variation=fmt.percent(shared.VARIATION, 0))}**")
        st.dataframe(views.influence_display(influence), hide_index=True, width="stretch", key="prio-sens-influence")


# -- The page -------------------------------------------------------------------------------------------------

def explanation_panel(ranking: pl.DataFrame, contributions: pl.DataFrame) -> None:
    """One proposal's criteria at a time, the first by default: an expander with a table per proposal made the
    browser draw far more than a person reads."""
    ids = ranking["proposal_id"].to_list()
    shown = {pid: t("prio.explain.option", label=name, score=fmt.number(score, 2))
             for pid, name, score in ranking.select("proposal_id", "label", "score").iter_rows()}
    # The picker is a new widget for each ranking (its places and scores are in the options, and a browser kept
    # showing the last ranking's under the same widget); the proposal picked is kept across rankings.
    picked = st.session_state.get(EXPLAIN_PICKED)
    digest = hashlib.sha1("\n".join(shown.values()).encode()).hexdigest()[:12]
    with st.container(key="prio-explain"):
        chosen = st.selectbox(t("prio.explain.pick"), ids, index=ids.index(picked) if picked in ids else 0,
                              key=f"prio-explain-pick-{digest}", format_func=shown.get,
                              placeholder=t("select.placeholder"))
    st.session_state[EXPLAIN_PICKED] = chosen
    flags = ranking.filter(pl.col("proposal_id") == chosen)["flags_es"].item()
    if flags:
        st.warning(t("prio.explain.flags", flags=flags), icon=":material/flag:")
    st.dataframe(views.explanation_display(contributions, chosen), hide_index=True, width="stretch",
                 key="prio-explain-one")


@st.fragment
def weights_and_ranking(code: str, names: dict[str, str], titles: dict[str, str],
                        members: dict[str, list[str]]) -> None:
    _seed_widgets()
    st.subheader(t("prio.weights.title"))
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.selectbox(t("prio.weights.preset"), [*preset_names(), CUSTOM], key=PRESET_KEY, on_change=_on_preset,
                     help=t("prio.weights.preset_help"), placeholder=t("select.placeholder"))
        for c in CRITERION_CODES:
            criterion = BY_CODE[c]
            st.slider(t("prio.weights.slider", name=criterion.label_es,
                        kind=label("criterion_kind_short", criterion.kind)),
                      min_value=0, max_value=100, step=1, key=slider_key(c), on_change=_on_slider,
                      help=f"{criterion.description_es} ({label('criterion_kind', criterion.kind)})")
    points = shared.points()
    if sum(points.values()) <= 0:
        st.warning(t("prio.weights.all_zero"))
    weights = shared.weights()
    with right:
        table = views.weights_frame(weights)
        st.dataframe(pl.DataFrame({
            t("prio.chart.criterion"): table["label_es"].to_list(),
            t("prio.col.kind"): table["kind_es"].to_list(),
            t("prio.col.weight"): table["weight_text"].to_list(),
        }), hide_index=True, width="stretch", key="prio-weights-table")
        st.caption(t("prio.weights.kinds"))
        # Drawn only when opened (its table editor and table are heavy in the browser); opening it reruns this part.
        pairwise = st.expander(t("prio.ahp.title"), icon=":material/compare_arrows:", key="prio-ahp-open",
                               on_change="rerun")
        if pairwise.open:
            with pairwise:
                pairwise_panel()

    rules = shared.rules(code)
    # The ranking reads only which proposals the allocation funds: no «¿por qué no?» (one more solve per unfunded
    # proposal, Presupuesto's), and the same cached run as the funding probability below.
    run = shared.run(code, weights, rules, explain=False)
    ranking = views.ranking_frame(run, names)

    st.subheader(t("prio.ranking.title"))
    st.caption(t("prio.ranking.caption", weights=shared.preset_name() or CUSTOM.lower(),
                 budget=fmt.amount(rules.budget_usd)))
    if ranking.is_empty():
        st.info(t("prio.ranking.empty"))
    else:
        st.dataframe(views.ranking_display(ranking), hide_index=True, width="stretch", key="prio-ranking",
                     column_config={t("prio.col.rank"): {"width": "small"}, t("prio.col.code"): {"width": "small"}})
        if tied := views.ties_es(ranking):
            st.caption(tied)
        contributions = views.contributions_frame(run, ranking)
        widgets.chart(charts.contribution_chart(contributions, ranking), width="stretch", key="prio-contrib")
        if ranking.height > charts.CHART_ROWS:
            st.caption(t("prio.chart.first", n=charts.CHART_ROWS, total=fmt.number(ranking.height)))
        widgets.downloads(contributions.select("rank", "proposal_id", "label_es", "kind_es", "score", "weight",
                                               "contribution", "explanation_es"),
                          {"rank": t("prio.col.rank"), "proposal_id": t("prio.col.code"),
                           "label_es": t("prio.chart.criterion"), "kind_es": t("prio.col.kind"),
                           "score": t("prio.col.criterion_score"), "weight": t("prio.col.weight"),
                           "contribution": t("prio.col.contribution"), "explanation_es": t("prio.col.why")},
                          "minga-priorizacion", key="prio-downloads")
        st.markdown(f"**{t('prio.explain.title')}**")
        st.caption(t("prio.explain.caption"))
        explanation_panel(ranking, contributions)

    st.subheader(t("prio.ineligible.title"))
    failed = views.ineligible_frame(run, titles, members, names)
    if failed.is_empty():
        st.success(t("prio.ineligible.none"))
    else:
        st.caption(t("prio.ineligible.caption", n=failed["proposal_id"].n_unique()))
        if failed["proposal_id"].n_unique() <= EXPANDERS_LIMIT:
            for row in failed.unique("proposal_id", maintain_order=True).iter_rows(named=True):
                gates = failed.filter(pl.col("proposal_id") == row["proposal_id"]).select("gate_es", "reason_es")
                st.markdown(t("prio.ineligible.line", code=row["proposal_id"], title=plain(row["title"]),
                              associations=plain(row["associations_es"]),
                              reasons="\n".join(f"  - **{g}:** {r}" for g, r in gates.iter_rows())))
        else:
            st.dataframe(pl.DataFrame({
                t("prio.col.code"): failed["proposal_id"].to_list(),
                t("prio.col.title"): failed["title"].to_list(),
                t("prio.col.gate"): failed["gate_es"].to_list(),
                t("prio.col.why"): failed["reason_es"].to_list(),
                t("prio.col.associations"): failed["associations_es"].to_list(),
            }), hide_index=True, width="stretch", key="prio-ineligible")

    to_confirm = [(s.item_id, g.reason_es) for s in run.screenings for g in s.to_confirm]
    if to_confirm:
        st.subheader(t("prio.confirm.title"))
        st.caption(t("prio.confirm.caption"))
        st.dataframe(pl.DataFrame({
            t("prio.col.code"): [pid for pid, _ in to_confirm],
            t("prio.col.title"): [titles.get(pid, pid) for pid, _ in to_confirm],
            t("prio.col.why"): [reason for _, reason in to_confirm],
        }), hide_index=True, width="stretch", key="prio-confirm")

    if not ranking.is_empty():
        sensitivity_panel(code, weights, rules, ranking, run.scoring.matrix, run.result.feasible)


session.work_page()
code, inputs = shared.open_page("prio.title", "prio.intro")
weights_and_ranking(code, data.association_names(code), {p.proposal_id: p.title for p in inputs.proposals},
                    {p.proposal_id: list(p.association_ids) for p in inputs.proposals})

st.subheader(t("prio.save.title"))
st.caption(t("prio.save.caption", rules=" · ".join(scenarios.rules_es(shared.rules(code)))))
st.page_link("pages/presupuesto.py", label=t("prio.save.to_budget"), icon=":material/payments:")
shared.save_form(code, key="prio-save")
