"""Presupuesto: the study's check that every association formulated a project; the budget and the board's rules; the
three objectives (total score, scope, proportional) side by side, then the greedy rule and the equal split as
comparators, with the spread of money across associations; "¿por qué no?" for every proposal left out; saved
scenarios and the comparison of two of them."""

from __future__ import annotations

import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.data.validation import spanish_message
from core.engine import scenarios
from core.engine.allocation import COMPARATORS, MAX_BUDGET_USD, METHODS, OBJECTIVES, AllocationRules
from core.engine.prioritization import DecisionInputs, associations_without_proposal
from core.record.auth import Accounts, Action, PermissionDenied
from core.texts import label, t, t_count
from ui import budget_charts as charts
from ui import budget_tables as views
from ui import budget_why as why
from ui import data, session, widgets
from ui import scenario_state as shared
from ui.number_field import number_field, problems, shown
from ui.text import plain

SEEDED = "budget-widgets-for"  # the parish whose rules the widgets hold
PAIRS_BASE = "budget-pairs-base"
FUNDED_LIST_LIMIT = 25
KEYS = {"budget": "budget-amount", "reserve": "budget-reserve", "min_one": "budget-min-one",
        "cap_on": "budget-cap-on", "cap": "budget-cap", "must": "budget-must", "must_not": "budget-must-not",
        "pairs": "budget-pairs"}


def _pairs_frame(pairs: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(pairs, schema={"a": pl.Utf8, "b": pl.Utf8}, orient="row")


def _seed(code: str, rules: AllocationRules, force: bool = False) -> None:
    """Put `rules` in the widgets (when the parish changed, a scenario was loaded, or the widgets were forgotten
    after a visit to another page)."""
    if not force and st.session_state.get(SEEDED) == code and KEYS["budget"] in st.session_state:
        return
    st.session_state[KEYS["budget"]] = shown(rules.budget_usd, 2)  # the number fields' text, es-EC
    st.session_state[KEYS["reserve"]] = shown(rules.reserve_usd, 2)
    st.session_state[KEYS["min_one"]] = rules.min_one_per_association
    st.session_state[KEYS["cap_on"]] = rules.max_share_per_association is not None
    st.session_state[KEYS["cap"]] = int(round((rules.max_share_per_association or 0.3) * 100))
    st.session_state[KEYS["must"]] = list(rules.must_fund)
    st.session_state[KEYS["must_not"]] = list(rules.must_not_fund)
    st.session_state[PAIRS_BASE] = _pairs_frame(list(rules.exclusive_pairs))
    st.session_state.pop(KEYS["pairs"], None)
    st.session_state[SEEDED] = code


def _load(code: str, rules: AllocationRules, points: dict[str, int] | None = None, method: str | None = None) -> None:
    """Button callback: make `rules` (and the weights and method of a scenario) the ones being tried."""
    shared.set_rules(code, rules)
    if points is not None:
        shared.set_points(points)
        for key in [k for k in st.session_state if str(k).startswith("prio-")]:
            del st.session_state[key]  # the Priorización widgets re-read the weights on the next visit
    if method is not None:
        st.session_state[shared.METHOD] = method
        st.session_state["budget-method"] = method
    _seed(code, rules, force=True)


def _rules_from_widgets(budget: float | None, reserve: float | None) -> AllocationRules | None:
    s = st.session_state
    pairs = []
    edited = s.get("budget-pairs-value")
    if isinstance(edited, pl.DataFrame):
        pairs = [(a, b) for a, b in edited.select("a", "b").iter_rows()
                 if a and b and a != b and widgets.NOT_CHOSEN not in (a, b)]
    try:
        return AllocationRules(
            budget_usd=budget or 0.0, reserve_usd=reserve or 0.0,
            min_one_per_association=bool(s[KEYS["min_one"]]),
            max_share_per_association=(s[KEYS["cap"]] / 100) if s[KEYS["cap_on"]] else None,
            must_fund=list(s[KEYS["must"]]), must_not_fund=list(s[KEYS["must_not"]]), exclusive_pairs=pairs)
    except ValidationError as exc:
        st.error(t("budget.rules.invalid", reason="; ".join(spanish_message(e) for e in exc.errors())))
        return None


def rules_panel(code: str, options: list[str], labels_: dict[str, str]) -> tuple[AllocationRules, bool]:
    """The rules being tried, and whether the budget or the reserve cannot be read (then the page computes with
    the last good amounts, and nothing is saved until they are corrected)."""
    _seed(code, shared.rules(code))
    with st.container(border=True):
        first, second, third = st.columns([1, 1.2, 1.8], gap="medium")
        with first:
            amounts = [number_field(t("budget.rules.budget"), key=KEYS["budget"], decimals=2, money=True, minimum=0.0,
                                    maximum=MAX_BUDGET_USD, required=True, help=t("budget.rules.budget_help")),
                       number_field(t("budget.rules.reserve"), key=KEYS["reserve"], decimals=2, money=True, minimum=0.0,
                                    maximum=MAX_BUDGET_USD, help=t("budget.rules.reserve_help"))]
        with second:
            st.checkbox(t("budget.rules.min_one"), key=KEYS["min_one"], help=t("budget.rules.min_one_help"))
            st.checkbox(t("budget.rules.cap_on"), key=KEYS["cap_on"], help=t("budget.rules.cap_help"))
            st.slider(t("budget.rules.cap"), min_value=5, max_value=100, step=5, format="%d %%", key=KEYS["cap"],
                      disabled=not st.session_state[KEYS["cap_on"]])
        with third:
            st.multiselect(t("budget.rules.must"), options, key=KEYS["must"], format_func=labels_.get,
                           placeholder=t("budget.rules.placeholder"), help=t("budget.rules.must_help"))
            st.multiselect(t("budget.rules.must_not"), options, key=KEYS["must_not"], format_func=labels_.get,
                           placeholder=t("budget.rules.placeholder"))
            with st.expander(t("budget.rules.pairs"), icon=":material/link_off:"):
                st.caption(t("budget.rules.pairs_help"))
                edited = st.data_editor(
                    st.session_state.get(PAIRS_BASE, _pairs_frame([])), key=KEYS["pairs"], num_rows="dynamic",
                    hide_index=True, width="stretch",
                    column_config={
                        side: widgets.choice_column(t(f"budget.rules.pair_{side}"),
                                                    {code: labels_.get(code, code) for code in options},
                                                    t("budget.rules.pair_choose"))
                        for side in ("a", "b")})
                st.session_state["budget-pairs-value"] = edited
        board = scenarios.board_budget(data.store(), code)
        left, right = st.columns(2)
        if board is not None:
            left.button(t("budget.rules.restore_board"), key="budget-restore", icon=":material/restart_alt:",
                        on_click=_load, args=(code, board))
        else:
            suggested = shared.default_rules(code)
            left.button(t("budget.rules.restore_default"), key="budget-restore", icon=":material/restart_alt:",
                        on_click=_load, args=(code, suggested))
    tried = None if problems(amounts) else _rules_from_widgets(*(a.value for a in amounts))
    rules, unread = tried or shared.rules(code), tried is None  # refused rules are neither fixed nor saved either
    shared.set_rules(code, rules)
    if session.allowed(Action.SET_BUDGET, parish_code=code):
        if right.button(t("budget.rules.set_board"), key="budget-set-board", icon=":material/gavel:"):
            if unread:
                st.error(t("number.fix_fields"), icon=":material/error:")
                return rules, unread
            try:
                scenarios.set_board_budget(data.store(), session.current_user(), code, rules)
            except PermissionDenied as exc:
                session.denied(exc)
            else:
                st.success(t("budget.rules.board_saved"))
    if board is not None:
        same = board == rules
        st.caption(t("budget.rules.board_same") if same else t("budget.rules.board_differs",
                                                                 rules=" · ".join(scenarios.rules_es(board))))
    else:
        st.caption(shared.suggested_note(code))
    return rules, unread


def associations_check(inputs: DecisionInputs) -> None:
    """The study's first step as a check: each association formulates at least one project."""
    missing = associations_without_proposal(inputs)
    if missing:
        st.warning(t("budget.check.missing", n=len(missing),
                     names=", ".join(f"«{inputs.association_names.get(a, a)}»" for a in missing)),
                   icon=":material/checklist:")
    else:
        st.success(t("budget.check.ok"), icon=":material/checklist:")


def ballots_caption(inputs: DecisionInputs) -> None:
    group, n = inputs.ballots, len(inputs.ballots.ballots)
    if group.meeting is not None:
        who = t("budget.ballots.who_one") if n == 1 else t("budget.ballots.who", n=fmt.number(n))
        st.caption(t(f"budget.ballots.{group.kind}", meeting=plain(group.meeting.title), who=who))


def method_column(result, names: dict[str, str]) -> None:
    st.markdown(f"#### {label('allocation_method_short', result.method)}")
    st.caption(result.objective_es)
    if not result.feasible:
        if result.method == "proportional" and result.solver_status == t("alloc.solver.not_run"):
            st.info(result.message_es, icon=":material/groups:")
        else:
            st.error(result.message_es, icon=":material/block:")
        return
    st.metric(t("budget.metric.score"), fmt.number(result.total_score, 2))
    st.markdown("\n".join([
        t("budget.figure.cost", **fmt.amounts_named(amount=result.total_cost_usd, unspent=result.unspent_usd)),
        t("budget.figure.covered", part=len(result.associations_covered), whole=result.n_associations, parish=len(names)),
        t("budget.figure.beneficiaries", n=fmt.number(result.beneficiaries)),
        t("budget.figure.reach", n=fmt.number(result.people_reached)),
        t("budget.figure.gini", gini=fmt.number(result.gini, 2),
          share=fmt.percent(result.max_association_share, 0)),
    ]), help=t("budget.metric.gini_help"))
    funded = views.funded_display(result, names, compact=True)
    st.markdown(f"**{t('budget.funded', n=funded.height)}**")
    if funded.height <= FUNDED_LIST_LIMIT:
        st.markdown("\n".join(t("budget.funded_line", code=code, amount=amount, title=plain(title))
                               for code, amount, title in funded.iter_rows()))
    else:
        st.dataframe(funded, hide_index=True, width="stretch", key=f"budget-funded-{result.method}",
                     column_config=views.COMPACT_COLUMNS)
    uncovered = [a for a in result.associations if not a.covered]
    if uncovered:
        st.caption(t("budget.uncovered", items="; ".join(views.uncovered_es(a, names) for a in uncovered)))
    for note in result.notes_es:
        if not views.repeats_uncovered(note, result):
            st.caption(plain(views.with_names(note, names)))


@st.fragment
def budget_panel(code: str, inputs: DecisionInputs, options: list[str], labels_: dict[str, str],
                 names: dict[str, str]) -> bool:
    """The check, the rules and the methods' results; True when the typed budget or reserve cannot be read."""
    st.subheader(t("budget.check.title"))
    associations_check(inputs)
    st.subheader(t("budget.rules.title"))
    rules, unread = rules_panel(code, options, labels_)
    weights = shared.weights()
    runs = {m: shared.run(code, weights, rules, method=m, explain=views.why_at_once(len(inputs.proposals), m))
            for m in METHODS}
    results = {m: run.result for m, run in runs.items()}

    st.subheader(t("budget.methods.title"))
    if not results["optimal"].feasible:
        st.error(t("budget.infeasible", reason=results["optimal"].message_es), icon=":material/block:")
        return unread
    if runs["optimal"].candidates.is_empty():  # nothing passed the eligibility filter: say so, not «all funded»
        st.warning(t_count("budget.no_candidates", len(inputs.proposals), n=fmt.number(len(inputs.proposals)),
                           budget=fmt.amount(rules.budget_usd - rules.reserve_usd)), icon=":material/filter_alt_off:")
        return unread
    st.caption(t("budget.methods.caption"))
    ballots_caption(inputs)
    for column, method in zip(st.columns(len(OBJECTIVES), gap="medium", border=True), OBJECTIVES, strict=True):
        with column:
            method_column(results[method], names)
    st.markdown(f"**{t('budget.comparators.title')}**")
    st.caption(t("budget.comparators.caption"))
    for column, method in zip(st.columns(len(COMPARATORS), gap="medium", border=True), COMPARATORS, strict=True):
        with column:
            method_column(results[method], names)
    metrics = views.metrics_frame(results)
    widgets.chart(charts.comparison_chart(metrics), width="stretch", key="budget-compare-chart")
    table = st.expander(t("budget.methods.table"), key="budget-metrics-open", on_change="rerun")
    if table.open:
        table.dataframe(views.metrics_display(metrics), hide_index=True, width="stretch", key="budget-metrics")
    money = charts.association_money(results, names)
    if money.height:
        widgets.chart(charts.money_chart(money, results), width="stretch", key="budget-money-chart")
        n_associations = money["association_id"].n_unique()
        if n_associations > charts.CHART_ASSOCIATIONS:
            st.caption(t("budget.chart.money_first", n=charts.CHART_ASSOCIATIONS,
                         total=fmt.number(n_associations)))
        widgets.downloads(money.select("association_es", "method_es", "amount_usd", "n_funded"),
                          {"association_es": t("budget.col.association"), "method_es": t("budget.col.method"),
                           "amount_usd": t("budget.col.amount"), "n_funded": t("budget.col.n_funded")},
                          "minga-presupuesto-asociaciones", key="budget-money")
    st.caption(results["optimal"].tie_break_es)
    why.why_not_panel(code, weights, rules, results, names)
    return unread


@st.fragment
def saved_panel(code: str) -> None:
    st.subheader(t("budget.saved.title"))
    if not session.allowed(Action.VIEW_WORK):
        st.info(t("budget.saved.who"))
        return
    store = data.store()
    saved = scenarios.list_scenarios(store, code)
    if not saved:
        st.info(t("budget.saved.none"))
        return
    authors, board = Accounts(store).display_names(), scenarios.board_budget(store, code)
    st.dataframe(views.saved_display(saved, board, authors), hide_index=True, width="stretch", key="budget-saved-table")
    by_id = {s.scenario_id: s for s in saved}
    ids = list(by_id)
    just_saved = st.session_state.pop(shared.LAST_SAVED, None)
    if just_saved in by_id:
        st.session_state["budget-saved-pick"] = just_saved
    pick, load = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(t("budget.saved.pick"), ids, key="budget-saved-pick",
                            format_func=lambda sid: by_id[sid].scenario.name, placeholder=t("select.placeholder"))
    scenario = by_id[chosen].scenario
    load.button(t("budget.saved.load"), key="budget-saved-load", icon=":material/upload:", on_click=_load,
                args=(code, scenario.rules, views.points_from_weights(scenario.weights), scenario.method))
    if len(saved) < 2:
        st.caption(t("budget.compare.need_two"))
        return
    st.markdown(f"**{t('budget.compare.title')}**")
    left, right = st.columns(2)
    a_id = left.selectbox(t("budget.compare.a"), ids, index=1, key="budget-compare-a",
                          format_func=lambda sid: by_id[sid].scenario.name, placeholder=t("select.placeholder"))
    b_id = right.selectbox(t("budget.compare.b"), ids, index=0, key="budget-compare-b",
                           format_func=lambda sid: by_id[sid].scenario.name, placeholder=t("select.placeholder"))
    a, b = by_id[a_id].scenario, by_id[b_id].scenario
    run_a = shared.run(code, a.weights, a.rules, method=a.method, explain=False)
    run_b = shared.run(code, b.weights, b.rules, method=b.method, explain=False)
    names_ab = (a.name, b.name) if a.name != b.name else (f"{a.name} (A)", f"{b.name} (B)")
    # the names go into a Markdown sentence here; the tables below show them as they are
    comparison = scenarios.compare(run_a, run_b, names=(plain(names_ab[0]), plain(names_ab[1])))
    for name, run in ((a.name, run_a), (b.name, run_b)):
        if not run.result.feasible:
            st.warning(t("budget.compare.infeasible", name=plain(name), reason=run.result.message_es))
    st.markdown(comparison.summary_es)
    st.dataframe(views.comparison_totals_display(comparison.totals, names_ab), hide_index=True, width="stretch",
                 key="budget-compare-totals")
    st.dataframe(views.comparison_proposals_display(comparison.proposals, names_ab), hide_index=True,
                 width="stretch", key="budget-compare-proposals")
    with st.expander(t("budget.compare.weights_rules")):
        st.dataframe(views.comparison_weights_display(comparison.weights, names_ab), hide_index=True, width="stretch",
                     key="budget-compare-weights")
        ra, rb = st.columns(2)
        ra.markdown(f"**{plain(names_ab[0])}**\n\n" + "\n".join(f"- {line}" for line in
                                                        scenarios.rules_es(a.rules, method=a.method)))
        rb.markdown(f"**{plain(names_ab[1])}**\n\n" + "\n".join(f"- {line}" for line in
                                                        scenarios.rules_es(b.rules, method=b.method)))


def _on_method() -> None:
    st.session_state[shared.METHOD] = st.session_state["budget-method"]


session.work_page()
code, inputs = shared.open_page("budget.title", "budget.intro")
names = data.association_names(code)
options = [p.proposal_id for p in inputs.proposals]
labels_ = {p.proposal_id: views.proposal_label(None, p.proposal_id, p.title) for p in inputs.proposals}
weights_name = shared.preset_name() or t("budget.own_weights")
info, link = st.columns([3, 1], vertical_alignment="center")
info.markdown(t("budget.weights", name=plain(weights_name)))
link.page_link("pages/priorizacion.py", label=t("budget.weights_link"), icon=":material/tune:")

unread = budget_panel(code, inputs, options, labels_, names)

st.subheader(t("budget.save.title"))
st.session_state.setdefault("budget-method", shared.method())
st.radio(t("budget.save.method"), list(METHODS), key="budget-method", horizontal=True, on_change=_on_method,
         format_func=lambda m: label("allocation_method_short", m), help=t("budget.save.method_help"))
shared.save_form(code, key="budget-save", refused=t("number.fix_fields") if unread else None)
saved_panel(code)
