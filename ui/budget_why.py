"""Presupuesto's «¿por qué no?»: for the method picked, why each proposal left out was not funded (the rule that
left it out, who proposed it, its cost and score), the score it would need and, when asked, the cost it would
have to shed (one more solve, computed when asked and kept); on a large instance an exact method's proposals are
explained one at a time, when picked. The table of all proposals left out opens in an expander."""

from __future__ import annotations

import streamlit as st

from core import fmt
from core.engine.allocation import EXACT, METHODS, AllocationRules
from core.texts import label, t, t_count
from ui import budget_tables as views
from ui import scenario_state as shared
from ui.text import plain

EXPLAINED = "budget-explained"  # proposals whose cost to shed the person asked for


@st.fragment
def why_not_panel(code: str, weights: dict[str, float], rules: AllocationRules, results: dict,
                  names: dict[str, str]) -> None:
    st.subheader(t("budget.why.title"))
    method = st.radio(t("budget.why.method"), list(METHODS), key="budget-why-method", horizontal=True,
                      format_func=lambda m: label("allocation_method_short", m))
    result = results[method]
    if not result.feasible:
        st.info(result.message_es)
        return
    left_out = views.unfunded(result)
    if not left_out:
        st.success(t("budget.why.none"))
        return
    # an exact method's proposals not explained with the allocation (a large instance): explained when picked
    pending = {o.proposal_id: o for o in left_out if o.rule is None} if method in EXACT else {}
    st.caption(t_count("budget.why.caption", len(left_out), n=fmt.number(len(left_out))) if not pending else
               t("budget.why.caption_pick", n=fmt.number(len(left_out)), limit=fmt.number(views.why_limit(method))))
    for outcome in left_out:
        if outcome.proposal_id in pending:
            continue
        title = t("budget.why.expander", code=outcome.proposal_id, title=plain(views.short(outcome.title, 60)),
                  rule=label("allocation_rule", outcome.rule) if outcome.rule else t("budget.why.pending"))
        with st.expander(title):
            _why(code, weights, rules, outcome, names, method)
    if pending:
        picked = st.selectbox(t("budget.why.pick"), list(pending), index=None, key=f"budget-why-pick-{method}",
                              placeholder=t("budget.why.pick_placeholder"),
                              format_func=lambda pid: views.proposal_label(None, pid, pending[pid].title))
        if picked is not None:
            with st.container(border=True):
                _why(code, weights, rules, pending[picked], names, method)
    table = st.expander(t("budget.why.table"), key="budget-why-table-open", on_change="rerun")
    if table.open:  # tables are drawn when their expander is opened
        table.dataframe(views.unfunded_display(result, names), hide_index=True, width="stretch",
                        key=f"budget-why-table-{method}")
        table.caption(result.tie_break_es)


def _why(code: str, weights, rules, outcome, names, method: str) -> None:
    """One proposal's «¿por qué no?» (computed with the allocation); the cost it would have to shed takes one more
    solve, so it is computed when asked (and kept)."""
    st.markdown(t("budget.why.who", associations=plain(views.associations_es(outcome.association_ids, names)),
                  cost=fmt.amount(outcome.cost_usd), score=fmt.number(outcome.score, 2)))
    asked = st.session_state.setdefault(EXPLAINED, set())
    asked_key = (method, outcome.proposal_id)
    if method in EXACT and outcome.rule is None:  # not explained with the allocation: picked, so computed now
        asked.add(asked_key)
        with st.spinner(t("prio.sens.computing")):
            outcome = shared.explain(code, weights, rules, outcome.proposal_id, method)
    st.markdown(plain(outcome.reason_es))  # it quotes the titles of the proposals it would displace
    sheddable = method in EXACT and outcome.score_needed is not None
    if sheddable and asked_key not in asked:
        if st.button(t("budget.why.compute"), key=f"budget-why-{method}-{outcome.proposal_id}"):
            asked.add(asked_key)
    if sheddable and asked_key in asked:
        with st.spinner(t("prio.sens.computing")):
            outcome = shared.explain(code, weights, rules, outcome.proposal_id, method)
    figures = []
    if outcome.score_needed is not None:
        figures.append(t("budget.why.score_needed", score=fmt.number(outcome.score_needed, 2)))
    if outcome.cost_to_shed_usd:
        figures.append(t("budget.why.cost_to_shed", amount=fmt.amount(outcome.cost_to_shed_usd)))
    if figures:
        st.caption(" · ".join(figures))
