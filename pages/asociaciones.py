"""Asociaciones: who the members and their families are, what they live on, how poor they feel, and how
much the associations differ between and within them. Filter by association."""

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.answers import answer_share, select, unanswered
from core.diagnosis.associations import (
    age_points,
    box_texts,
    cross_table,
    heads_of_household,
    household_points,
    parents_table,
)
from core.diagnosis.tables import for_display
from core.texts import label, labels, t, t_count
from ui import charts, state, widgets
from ui import diagnosis as page

frames, synthetic, chosen = page.open_survey_page("asociaciones")
associations = frames["associations"]
picked = select(associations, chosen)
roles = select(frames["roles"], chosen)
answers = select(frames["answers"], chosen)
if roles.is_empty():
    st.info(t("diag.empty.selection"))
    st.stop()
SURVEY = page.source("survey", synthetic)
STUDY = state.shows_the_study(state.current_parish(), synthetic)  # the demo's records: the notes on the study apply

heads = heads_of_household(roles)
poor = answer_share(answers, "perceived_poverty", ["poor"])
ages = answer_share(answers, "age_band", ["31_65"])
metrics = st.columns(4)
metrics[0].metric(t("diag.asociaciones.metric.associations"), fmt.number(picked.height))
metrics[1].metric(t("diag.asociaciones.metric.surveyed"), fmt.number(heads.base),
                  delta=t_count("diag.asociaciones.metric.surveyed_delta", picked["members_total"].sum(),
                                total=fmt.number(picked["members_total"].sum())),
                  delta_color="off", delta_arrow="off")
metrics[2].metric(t("diag.asociaciones.metric.heads"), heads.percent(), delta=heads.of_base(), delta_color="off",
                  delta_arrow="off")
metrics[3].metric(t("diag.asociaciones.metric.poor"), poor.percent(), delta=poor.of_base(), delta_color="off",
                  delta_arrow="off", help=t("diag.asociaciones.metric.poor_help"))


def answer_chart(question: str, title: str, key: str, **options) -> None:
    page.answer_chart(answers, question, title, key, source=SURVEY, synthetic=synthetic, **options)


def households_tab() -> None:
    st.subheader(t("diag.asociaciones.cross_title"))
    cross = cross_table(roles)
    st.dataframe(cross, hide_index=True, width="stretch", key="asociaciones-cross")
    st.caption(t("diag.asociaciones.cross_axes"))
    if STUDY:
        st.caption(t("diag.asociaciones.cross_reading"))
    widgets.source_caption(SURVEY, synthetic)
    widgets.downloads(cross, {c: c for c in cross.columns}, "minga-jefes-de-hogar", key="asociaciones-cross")
    answer_chart("family_size", t("diag.asociaciones.family_size_title"), "asociaciones-family-size",
                 category_title=t("diag.asociaciones.family_size_axis"))


def work_tab() -> None:
    parent_headers = {"parent_label": t("diag.asociaciones.col.parent"), "label": t("diag.col.answer"),
                      "members": t("diag.col.members"), "share": t("diag.col.share")}
    for topic, title in (("occupation", "diag.asociaciones.occupation_title"),
                         ("education", "diag.asociaciones.education_title")):
        both = parents_table(answers, topic)
        order = [label(topic, c) for c in labels(topic) if c in set(both["answer"].to_list())]
        figure = charts.grouped_bar_chart(
            both, category="label", group="parent_label", value="share", text="share_text", title=t(title),
            value_title=t("diag.col.share"), group_title=t("diag.asociaciones.parent"), sort=order,
            group_sort=[t("diag.asociaciones.parent.father"), t("diag.asociaciones.parent.mother")],
            tooltip=[("parent_label", t("diag.asociaciones.parent")), ("label", t("diag.col.answer")),
                     ("share_text", t("diag.col.share"))])
        page.chart(figure, source=SURVEY, synthetic=synthetic, frame=both, headers=parent_headers,
                   name=f"minga-{fmt.slug(t(title))}", key=f"asociaciones-{topic}")
    if STUDY:
        st.caption(t("diag.asociaciones.education_caption"))


def ages_tab() -> None:
    st.metric(t("diag.asociaciones.metric.ages"), ages.percent(), delta=ages.of_base(), delta_color="off",
              delta_arrow="off")
    answer_chart("age_band", t("diag.asociaciones.ages_title"), "asociaciones-ages",
                 subtitle=t_count("diag.asociaciones.ages_caption", ages.base, base=fmt.number(ages.base)))
    people = age_points(select(frames["ages"], chosen), picked)
    order = picked["name"].to_list()
    figure = charts.strip_chart(
        people, category="association_name", value="age", title=t("diag.asociaciones.ages_box_title"),
        value_title=t("diag.asociaciones.age_axis"), sort=order,
        tooltip=[("association_name", t("diag.col.association")), ("age_text", t("diag.asociaciones.col.age"))])
    page.chart(figure, source=SURVEY, synthetic=synthetic, frame=people,
               headers={"member_id": t("diag.asociaciones.col.member_id"),
                        "association_name": t("diag.col.association"), "age": t("diag.asociaciones.col.age")},
               name="minga-edades", key="asociaciones-age-strip")


def money_tab() -> None:
    low_high = answer_share(answers, "low_income_high_expense", ["true"])
    st.metric(t("diag.asociaciones.low_high"), low_high.percent(), delta=low_high.of_base(), delta_color="off",
              delta_arrow="off")
    if STUDY:
        st.caption(t("diag.asociaciones.low_high_caption"))
    answer_chart("weekly_income_band", t("diag.asociaciones.income_title"), "asociaciones-income")
    answer_chart("monthly_expense_band", t("diag.asociaciones.expense_title"), "asociaciones-expense")
    answer_chart("income_source", t("diag.asociaciones.source_title"), "asociaciones-source", by_count=True)
    answer_chart("main_income_item", t("diag.asociaciones.item_title"), "asociaciones-item", by_count=True)
    answer_chart("main_expense", t("diag.asociaciones.main_expense_title"), "asociaciones-main-expense",
                 by_count=True)


def poverty_tab() -> None:
    missing = unanswered(answers, "perceived_poverty")
    base = answer_share(answers, "perceived_poverty", ["poor"]).base
    answer_chart("perceived_poverty", t("diag.asociaciones.poverty_title"), "asociaciones-poverty",
                 subtitle=t_count("diag.asociaciones.poverty_caption", base, base=fmt.number(base),
                                  missing=fmt.number(missing)))
    if STUDY:
        st.caption(t("diag.asociaciones.poverty_reading"))


def between_tab() -> None:
    measures = ("balance_monthly_usd", "income_monthly_usd", "expense_monthly_usd")
    measure = st.radio(t("diag.asociaciones.between_measure"), measures, horizontal=True,
                       format_func=lambda m: t(f"diag.asociaciones.measure.{m}"),
                       **widgets.kept("asociaciones-measure"))
    measure_label = t(f"diag.asociaciones.measure.{measure}")
    economy = household_points(select(frames["economy"], chosen), measure)
    boxes = select(frames["distribution"], chosen).filter(pl.col("measure") == measure)
    boxes = box_texts(boxes)
    figure = charts.distribution_chart(
        economy, boxes, category="association_name", value=measure, sort=picked["name"].to_list(),
        title=t("diag.asociaciones.between_title", measure=measure_label),
        value_title=t("diag.asociaciones.between_axis", measure=measure_label),
        subtitle=t("diag.asociaciones.between_subtitle"),
        tooltip=[("association_name", t("diag.col.association")), ("value_text", measure_label),
                 ("weekly_income_band_label", t("diag.asociaciones.col.weekly_income_band")),
                 ("monthly_expense_band_label", t("diag.asociaciones.col.monthly_expense_band"))],
        box_tooltip=[("association_name", t("diag.col.association")), ("summary_text", measure_label)])
    economy_headers = {c: t(f"diag.asociaciones.col.{c}") for c in (
        "member_id", "weekly_income_band", "monthly_expense_band", "income_monthly_usd", "expense_monthly_usd",
        "balance_monthly_usd")}
    economy_headers = {"association_name": t("diag.col.association"), **economy_headers}
    page.chart(figure, source=SURVEY, synthetic=synthetic, frame=economy, headers=economy_headers,
               name="minga-ingresos-gastos-hogares", key="asociaciones-between",
               code_labels={"weekly_income_band": labels("weekly_income_band"),
                            "monthly_expense_band": labels("monthly_expense_band")})
    st.caption(t("diag.asociaciones.between_caption"))
    st.markdown(f"**{t('diag.asociaciones.between_table')}**")
    summary = select(frames["summary"], chosen)
    money_columns = ("income_mean_usd", "income_median_usd", "expense_mean_usd", "expense_median_usd",
                     "balance_mean_usd", "balance_median_usd", "balance_min_usd", "balance_max_usd")
    summary_headers = {"association_name": t("diag.col.association"), "members": t("diag.col.members"),
                       **{c: t(f"diag.asociaciones.col.{c}") for c in money_columns},
                       "low_income_high_expense_share": t("diag.asociaciones.col.low_income_high_expense")}
    page.table(
        for_display(summary, summary_headers, formats={
            **{c: fmt.amount_for(summary[c]) for c in money_columns}, "members": fmt.number,
            "low_income_high_expense_share": fmt.percent}),
        download=summary, headers={**summary_headers, "low_income_high_expense_share":
                                   t("diag.asociaciones.col.low_income_high_expense_share")},
        name="minga-economia-por-asociacion", key="asociaciones-summary", source=SURVEY, synthetic=synthetic)


PANELS = {"households": households_tab, "work": work_tab, "ages": ages_tab, "money": money_tab,
          "poverty": poverty_tab, "between": between_tab}
shown, tab = widgets.lazy_tabs({k: t(f"diag.asociaciones.tab.{k}") for k in PANELS}, key="asociaciones-tab")
with tab:
    PANELS[shown]()
