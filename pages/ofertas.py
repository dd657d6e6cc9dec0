"""Ofertas de cooperación: each offer's screening checklist with its Spanish reasons, the proposals and PDOT
objectives it could fund, whether the parish can put up the counterpart (the amount available is an input that
starts from the budget), the two thesis cases side by side, and a form to register or edit offers."""


import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.cooperation import cooperants as coop
from core.cooperation import offer_twins
from core.engine.prioritization import load_inputs
from core.proposals import cooperation, offers, records
from core.proposals.entry import spanish_errors
from core.record import facts
from core.record.auth import Action
from core.texts import label, labels, t, t_count
from ui import cooperation as cooperation_ui
from ui import data, record_form, session, state, widgets
from ui import decidir_registro as reg
from ui import number_field as numbers
from ui.record_form import NEW
from ui.text import plain, plain_list

FORM = "ofe-form"

session.work_page()
parish_code = state.current_parish()
user = session.current_user()
store = data.store()
registry = coop.cooperants(store)

st.title(t("ofe.title"))
st.write(t("ofe.intro"))


def checklist(review: cooperation.OfferReview) -> str:
    lines = []
    for gate in review.screening.gates:
        mark = ":material/check_circle:" if gate.passed else ":material/cancel:"
        lines.append(f"- {mark} **{gate.label_es}**: {plain(gate.reason_es)}")
    return "\n".join(lines)


def review_panel() -> None:
    default, origin, scenario_name = cooperation.counterpart_default(store, parish_code)
    available = numbers.number_field(t("ofe.counterpart"), key=f"ofe-counterpart-{parish_code}-{origin}-{int(default)}",
                                     value=default, decimals=2, money=True, minimum=0.0, help=t("ofe.counterpart_help")).value or 0.0
    st.caption(t(f"ofe.origin.{origin}", name=plain(scenario_name or "")))
    inputs = load_inputs(data.connection(), parish_code, store=store)
    if not inputs.offers:
        st.info(t("ofe.empty"))
        return
    reviews = cooperation.review_offers(inputs, available, today=facts.today())
    committed = cooperation.committed_usd(reviews)
    counted = cooperation.counted(reviews)
    metrics = st.columns(3)
    metrics[0].metric(t("ofe.metric.offers"), fmt.number(len(counted)))
    metrics[1].metric(t("ofe.metric.eligible"), fmt.number(sum(r.screening.eligible for r in counted)))
    metrics[2].metric(t("ofe.metric.counterpart"), fmt.amount(committed),
                      delta=t("ofe.metric.counterpart_delta", available=fmt.amount(available)), delta_color="off",
                      delta_arrow="off")
    if len(counted) < len(reviews):
        st.caption(t_count("ofe.examples", len(reviews) - len(counted), count=fmt.number(len(reviews) - len(counted))))
    if not inputs.pdot_objectives:  # a parish not prepared yet: why no offer is eligible, and what to do
        st.info(t("ofe.no_pdot"))
    if cooperation.over_committed(committed, available):
        st.warning(t("ofe.committed.over", **fmt.amounts_named(committed=committed, available=available)))

    cases = [r for r in reviews if r.case]
    if cases:
        st.subheader(t("ofe.cases.title"))
        columns = st.columns(len(cases))
        for column, review in zip(columns, sorted(cases, key=lambda r: r.case), strict=True):
            with column.container(border=True):
                st.markdown(f"**{plain(review.offer.title)}**  \n{plain(coop.cooperant_name(review.offer, registry))}")
                # Past cases are history the board learns from, not alerts about today: a neutral caption.
                st.caption(t(f"ofe.case.{review.case}"))
                st.markdown(t("ofe.case.today", available=fmt.amount(available), verdict=cooperation.counterpart_verdict(review)))
                if review.offer.outcome:
                    st.caption(plain(review.offer.outcome))

    st.subheader(t("ofe.table.title"))
    frame = cooperation.reviews_frame(reviews, registry)
    table = cooperation_ui.offers_table(frame)
    st.dataframe(table, hide_index=True, width="stretch", key="ofe-table",
                 column_config={t("ofe.col.title"): st.column_config.Column(width="medium"),
                                t("ofe.col.cooperant"): st.column_config.Column(width="medium"),
                                t("ofe.col.failed"): st.column_config.Column(width="medium")})
    widgets.source_caption(t("ofe.source"))
    headers = {"offer_id": t("ofe.col.offer_id"), "title": t("ofe.col.title"), "cooperant": t("ofe.col.cooperant"),
               "cooperation_type": t("ofe.col.type"), "status": t("ofe.col.status"), "amount_usd": t("ofe.col.amount"),
               "required_usd": t("ofe.col.required"), "counterpart_ok": t("ofe.col.counterpart_ok"),
               "eligible": t("ofe.col.eligible"), "failed_gates": t("ofe.col.failed"),
               "proposals": t("ofe.col.proposals"), "pdot_objectives": t("ofe.col.pdot"),
               "example_of": t("ofe.col.example_of")}
    widgets.downloads(frame, headers, t("ofe.download.name"), key="ofe-list",
                      code_labels={"counterpart_ok": labels("bool"), "eligible": labels("bool")})

    st.subheader(t("ofe.detail.title"))
    proposals = {p.proposal_id: p for p in inputs.proposals}
    for review in reviews:
        offer = review.offer
        icon = ":material/check_circle:" if review.screening.eligible else ":material/cancel:"
        state_text = t("ofe.eligible") if review.screening.eligible else t("ofe.not_eligible")
        cooperant_text = plain(coop.cooperant_name(offer, registry))
        # Drawn when opened (a rerun): nine offers' checklists and tables would otherwise be sent and drawn on
        # every visit, though a person reads one at a time.
        detail = st.expander(f"{plain(offer.title)} · {cooperant_text} · {state_text}", icon=icon,
                             key=f"ofe-detail-{offer.offer_id}-open", on_change="rerun")
        if not detail.open:
            continue
        with detail:
            st.markdown(f"**{t('ofe.detail.checklist')}**\n\n" + checklist(review))
            st.markdown(t("ofe.detail.counterpart", verdict=cooperation.counterpart_verdict(review)))
            st.markdown(f"**{t('ofe.detail.matches')}**")
            matches = cooperation.matches_frame(review, proposals)
            if matches.is_empty():
                st.caption(t("ofe.detail.no_matches"))
            else:
                st.dataframe(matches.select(pl.col("proposal_id").alias(t("ofe.col.offer_id")),
                                            pl.col("title").alias(t("ofe.col.title")),
                                            pl.col("fit").alias(t("ofe.col.fit")),
                                            pl.col("reasons").alias(t("ofe.col.reasons"))),
                             hide_index=True, width="stretch", key=f"ofe-matches-{offer.offer_id}")
            ids = review.match.pdot_objective_ids
            st.markdown(t("ofe.detail.pdot", ids=plain(", ".join(ids))) if ids else t("ofe.detail.no_pdot"))
            if offer.conditions:
                st.caption(t("ofe.detail.conditions", text=plain(offer.conditions)))
            if offer.outcome:
                st.caption(t("ofe.detail.outcome", text=plain(offer.outcome)))
            if offer.is_illustrative:
                st.caption(t("ofe.detail.illustrative"))
            st.caption(t("ofe.detail.source", text=plain(offer.source)))


def form_panel() -> None:
    if not session.allowed(Action.EDIT_OFFER):
        st.info(t("ofe.form.readonly"))
        return
    # the parish edits its own offers and those no parish holds yet; every offer is screened in the other tab
    stored = {v.item.offer_id: v for v in records.offers(store) if v.item.parish_code in (None, parish_code)}
    picked = record_form.pick(FORM, t("ofe.form.pick"), [NEW, *stored],
                              lambda o: t("ofe.form.new") if o == NEW else f"{o} · {stored[o].item.title}")
    form = record_form.editing(FORM, picked, stored.get(picked), "of")
    base, k = form.base, form.key
    messages = st.container()
    record_form.conflict_notice(form, messages, "ofe.form.conflict", "ofe.form.reload")
    for twins in (offer_twins.stored_twins(store, [base], base.parish_code) if base is not None else {}).values():
        messages.warning(plain(t("ofe.form.maybe_twin", offers=offer_twins.named(twins))),
                         icon=":material/content_copy:")
    placeholder = t("ofe.form.placeholder")
    goals = reg.sdg_goals()

    def choice(title: str, family: str, value, key: str, column=st, help: str | None = None):
        options = list(labels(family))
        return column.selectbox(title, options, index=options.index(value) if value in options else 0,
                                format_func=lambda c: label(family, c), key=f"{k}-{key}", help=help,
                                placeholder=t("select.placeholder"))

    with st.form(f"{k}-form", clear_on_submit=False, enter_to_submit=False):
        c = st.columns([1, 2])
        offer_id = c[0].text_input(t("ofe.form.id"), value=base.offer_id if base else "", disabled=base is not None,
                                   key=f"{k}-id", help=t("ofe.form.id_help"))
        title = c[1].text_input(t("ofe.form.title"), value=base.title if base else "", key=f"{k}-title")
        registered = coop.by_id(registry)
        linked = base.cooperant_id if base and base.cooperant_id in registered else None
        cooperant_id = st.selectbox(t("ofe.form.cooperant"), list(registered),
                                    index=list(registered).index(linked) if linked else None,
                                    format_func=lambda c: registered[c].name, key=f"{k}-cooperant",
                                    placeholder=t("ofe.form.cooperant_choose"), help=t("ofe.form.cooperant_help"))
        if base is not None and linked is None:
            st.caption(t("ofe.form.unlinked", name=plain(base.cooperant)))
        c = st.columns(3)
        modality = choice(t("ofe.form.modality"), "modality", base.modality if base else None, "modality", c[0])
        cooperation_type = choice(t("ofe.form.type"), "cooperation_type",
                                  base.cooperation_type if base else "financial_non_reimbursable", "type", c[1],
                                  help=t("ofe.form.type_help"))
        call_type = choice(t("ofe.form.call_type"), "call_type", base.call_type if base else "direct", "call", c[2])
        c = st.columns(4)
        amount = numbers.number_field(t("ofe.form.amount"), key=f"{k}-amount", decimals=2, money=True, minimum=0.0,
                                      value=base.amount_usd if base else None, where=c[0],
                                      help=t("ofe.form.amount_help"))
        estimate = c[0].checkbox(t("ofe.form.estimate"), value=base.amount_is_estimate if base else False,
                                 key=f"{k}-estimate")
        pct = c[1].text_input(t("ofe.form.pct"), key=f"{k}-pct", placeholder=t("ofe.form.pct_placeholder"),
                              value=offers.percent_text(base.counterpart_required_pct if base else None),
                              help=t("ofe.form.counterpart_help"))
        required = numbers.number_field(t("ofe.form.usd"), key=f"{k}-usd", decimals=2, money=True, minimum=0.0,
                                        value=base.counterpart_required_usd if base else None, where=c[2],
                                        help=t("ofe.form.counterpart_help"))
        in_kind = c[3].text_input(t("ofe.form.in_kind"), value=(base.in_kind_description or "") if base else "",
                                  key=f"{k}-in-kind")
        c = st.columns(2)
        themes = c[0].multiselect(t("ofe.form.themes"), list(labels("theme")), default=list(base.themes) if base else [],
                                  format_func=lambda x: label("theme", x), key=f"{k}-themes", placeholder=placeholder)
        kinds = c[1].multiselect(t("ofe.form.support_kinds"), list(labels("support_kind")),
                                 default=list(base.support_kinds) if base else [],
                                 format_func=lambda x: label("support_kind", x), key=f"{k}-kinds",
                                 placeholder=placeholder)
        sdg = c[0].multiselect(t("ofe.form.sdg"), list(goals), default=[g for g in (base.sdg_goals if base else [])
                                                                        if g in goals],
                               format_func=goals.__getitem__, key=f"{k}-sdg", placeholder=placeholder)
        applicants = c[1].multiselect(t("ofe.form.applicants"), list(labels("eligible_applicant")),
                                      default=list(base.eligible_applicants) if base else ["parish_gad"],
                                      format_func=lambda x: label("eligible_applicant", x), key=f"{k}-applicants",
                                      placeholder=placeholder)
        c = st.columns(3)
        open_date = c[0].date_input(t("ofe.form.open_date"), value=base.open_date if base else None,
                                    format="DD/MM/YYYY", key=f"{k}-open")
        deadline = c[1].date_input(t("ofe.form.deadline"), value=base.deadline if base else None, format="DD/MM/YYYY",
                                   key=f"{k}-deadline")
        status = choice(t("ofe.form.status"), "offer_status", base.status if base else "open", "status", c[2])
        conditions = st.text_area(t("ofe.form.conditions"), value=(base.conditions or "") if base else "",
                                  key=f"{k}-conditions", height=80)
        outcome = st.text_area(t("ofe.form.outcome"), value=(base.outcome or "") if base else "", key=f"{k}-outcome",
                               height=68)
        c = st.columns([1, 2])
        illustrative = c[0].checkbox(t("ofe.form.illustrative"), value=base.is_illustrative if base else False,
                                     key=f"{k}-illustrative")
        today = facts.today()
        source = c[1].text_input(t("ofe.form.source"), key=f"{k}-source",
                                 value=base.source if base else t("ofe.form.source_default",
                                                                  user=user.display_name if user else "",
                                                                  date=fmt.date(today)))
        submitted = st.form_submit_button(t("ofe.form.save"), type="primary", icon=":material/save:", key=f"{k}-save")
    if not submitted:
        return
    if numbers.problems([amount, required]):
        messages.error(t("number.fix_fields"), icon=":material/error:")
        return
    if cooperant_id is None:
        messages.error(t("ofe.form.errors") + "\n" + plain_list([t("ofe.form.cooperant_missing")]),
                       icon=":material/error:")
        return
    chosen = registered[cooperant_id]
    fields = {"offer_id": offer_id.strip(), "title": title.strip(), "cooperant_id": chosen.cooperant_id,
              "cooperant_unmatched": False, "cooperant": chosen.name, "cooperant_kind": chosen.kind,
              "country": chosen.country, "modality": modality,
              "cooperation_type": cooperation_type, "call_type": call_type, "amount_usd": amount.value,
              "amount_is_estimate": estimate, "in_kind_description": in_kind.strip() or None,
              "counterpart_required_pct": pct, "counterpart_required_usd": required.value, "themes": themes,
              "support_kinds": kinds, "sdg_goals": sdg, "eligible_applicants": applicants, "open_date": open_date,
              "deadline": deadline, "conditions": conditions.strip() or None, "status": status,
              "outcome": outcome.strip() or None, "is_illustrative": illustrative, "source": source.strip()}
    try:
        offer = cooperation.offer_from_form(fields, base, parish_code)
    except ValidationError as exc:
        messages.error(t("ofe.form.errors") + "\n" + plain_list(spanish_errors(exc, offers.field_names())),
                       icon=":material/error:")
        return
    record_form.save(form, offer.offer_id,
                     lambda expected: records.save_offer(store, user, offer, expected_version=expected,
                                                        parish_code=parish_code),
                     store=store, kind=records.OFFER, messages=messages, saved_key="ofe.form.saved",
                     exists_key="ofe.form.exists", parish_code=parish_code)


tab_review, tab_form = st.tabs([t("ofe.tab.review"), t("ofe.tab.form")])
with tab_review:
    review_panel()
with tab_form:
    form_panel()
