"""Problemas y necesidades: the problems the advisory group ranked by weighted vote, the needs the families
name and what they expect of their association; each linked to the PDOT objectives it bears on."""

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.answers import select
from core.diagnosis.problems import (
    groups_table,
    link_subjects,
    needs_table,
    objectives_cited,
    problem_texts,
    top_three,
    with_session_votes,
)
from core.diagnosis.tables import for_display
from core.texts import labels, t, t_count
from ui import charts, state, widgets
from ui import diagnosis as page
from ui.text import plain

frames, parish = page.open_page("problemas")
st.write(t("diag.problemas.intro"))


def shares_with_pdot(frame: pl.DataFrame, subject: str, *, label_header: str, count: str, count_header: str,
                     subtitle: str, name: str, synthetic: bool) -> None:
    """Shares as bars with their data (columns label, `count`, share, share_text, pdot_objectives, pdot_codes),
    then a table of each one's PDOT objectives. `subject` (needs | groups) names its texts and widget keys."""
    figure = charts.bar_chart(
        frame, category="label", value="share", text="share_text", percent=True,
        title=t(f"diag.problemas.{subject}_chart"), value_title=t(f"diag.problemas.{subject}_axis"),
        tooltip=[("label", label_header), ("share_text", t("diag.col.share")), ("pdot_objectives", t("diag.col.pdot"))],
        subtitle=subtitle)
    headers = {"label": label_header, count: count_header, "share": t("diag.col.share"),
               "pdot_objectives": t("diag.col.pdot")}
    page.chart(figure, source=page.source("survey", synthetic), synthetic=synthetic, frame=frame, headers=headers,
               name=name, key=f"problemas-{subject}")
    st.dataframe(for_display(frame, {"label": label_header, "share_text": t("diag.col.share"),
                                               "pdot_codes": t("diag.col.pdot")}),
                 hide_index=True, width="stretch", key=f"problemas-{subject}-table")


problems = frames["problems"]
st.subheader(t("diag.problemas.problems_title"))
if problems.is_empty():
    st.info(t("diag.problemas.no_problems", name=parish["name"]))
else:
    problems_synthetic = page.any_synthetic(problems)
    if problems_synthetic:
        widgets.synthetic_mark()
    ranked = problem_texts(problems)
    st.markdown(t("diag.problemas.top3_text", problems=plain(top_three(ranked))))
    figure = charts.bar_chart(
        ranked, category="rank_label", value="votes", text="votes_text", title=t("diag.problemas.problems_chart"),
        value_title=t("diag.problemas.problems_axis"),
        tooltip=[("rank_label", t("diag.problemas.col.label_es")), ("votes_text", t("diag.problemas.col.votes")),
                 ("pdot_objectives", t("diag.col.pdot"))],
        subtitle=t("diag.problemas.problems_caption") if state.shows_the_study(parish["parish_code"], problems_synthetic)
        else None)
    problem_headers = {c: t(f"diag.problemas.col.{c}") for c in ("rank", "label_es", "votes", "vote_share")}
    problem_headers["pdot_objectives"] = t("diag.col.pdot")
    page.chart(figure, source=page.source("focus_group", problems_synthetic), synthetic=problems_synthetic,
               frame=ranked, headers=problem_headers, name="minga-problemas", key="problemas-ranking")
    shown = {c: problem_headers[c] for c in ("rank", "label_es", "votes")}
    voted = page.closed_problem_vote(parish["parish_code"])
    if voted is not None:  # Priorización ranks needs by the session's votes: shown beside these, and said
        ranked = with_session_votes(ranked, voted[1])
        shown["session_votes"] = t("diag.problemas.col.session_votes")
    shown["pdot_codes"] = t("diag.col.pdot")
    st.dataframe(for_display(ranked, shown, formats={"rank": str, "votes": fmt.number,
                                                     "session_votes": lambda v: "—" if v is None else fmt.number(v)}),
                 hide_index=True, width="stretch", height="content", key="problemas-table")
    if voted is not None:
        st.info(t("diag.problemas.session_note", meeting=voted[0].name_es))
    if not frames["links"].is_empty():
        st.markdown(f"**{t('diag.problemas.objectives_cited')}**")
        st.markdown(objectives_cited(frames["links"]))
        if state.shows_the_study(parish["parish_code"], True):  # the demo's links, to the illustrative PDOT of El Valle
            st.caption(t("diag.pdot.caption"))

associations = frames["associations"]
st.subheader(t("diag.problemas.needs_title"))
page.stop_without_associations(associations, parish)
synthetic = page.any_synthetic(associations)
chosen = page.association_filter(associations, key="problemas-filter")
needs = needs_table(select(frames["needs"], chosen))
if needs.is_empty():
    st.info(t("diag.problemas.no_needs"))
else:
    top = st.columns(3)
    for column, item in zip(top, needs.head(3).iter_rows(named=True), strict=False):
        column.metric(item["label"], fmt.percent(item["share"], 0),
                      delta=t_count("diag.problemas.mentions_delta", item["mentions"],
                                    count=fmt.number(item["mentions"])),
                      delta_color="off", delta_arrow="off")
    shares_with_pdot(needs, "needs", label_header=t("diag.problemas.col.need"), count="mentions",
                     count_header=t("diag.problemas.col.mentions"),
                     subtitle=t("diag.problemas.needs_caption", base=fmt.number(needs["mentions"].sum())),
                     name="minga-necesidades", synthetic=synthetic)

st.subheader(t("diag.problemas.groups_title" if state.shows_the_study(parish["parish_code"], synthetic)
                else "diag.problemas.groups_title_own"))
groups = groups_table(select(frames["groups"], chosen))
surveyed = select(associations, chosen)["members_surveyed"].sum()
if groups.is_empty():  # surveyed members with no answer here: their survey did not ask (Minga's form does not)
    st.info(t("diag.problemas.groups_not_asked" if surveyed else "diag.empty.selection"))
else:
    shares_with_pdot(groups, "groups", label_header=t("diag.problemas.col.group"), count="members",
                     count_header=t("diag.col.members"), subtitle=t("diag.problemas.groups_caption"),
                     name="minga-grupos-expectativas", synthetic=synthetic)

links = frames["links"]
if not links.is_empty():
    with st.expander(t("diag.problemas.links_title")):
        links = link_subjects(links, problems)
        link_headers = {c: t(f"diag.problemas.col.{c}") for c in ("subject", "subject_label", "pdot_objective_id",
                                                                   "objective_es", "rationale_es")}
        page.table(for_display(links, link_headers, code_labels={"subject": "pdot_subject"}),
                   download=links, headers=link_headers, name="minga-vinculos-pdot", key="problemas-links",
                   source=t("diag.pdot.source"), synthetic=False, code_labels={"subject": labels("pdot_subject")})
