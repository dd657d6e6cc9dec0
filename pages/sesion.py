"""Sesión del grupo asesor: open a meeting, weighted vote, private scoring, revealed results."""

from collections.abc import Callable

import polars as pl
import streamlit as st

from core import fmt
from core.diagnosis.tables import for_display
from core.engine import ballots
from core.engine.criteria import BY_CODE, CRITERIA, CRITERION_CODES
from core.proposals import records
from core.record import facts, meeting, meeting_agenda, meeting_invites, meeting_models, meeting_results
from core.record.auth import Action, PermissionDenied
from core.record.store import ConflictError, StoreError
from core.texts import label, t, t_count
from ui import charts, data, scenario_state, session, state, widgets
from ui.budget_tables import points_from_weights
from ui.decidir_registro import parish_name
from ui.text import plain

session.work_page()
parish = state.current_parish()
user = session.current_user()
store = data.store()

projector = st.toggle(t("ses.projector"), key="ses-projector", help=t("ses.projector_help"))
if projector:
    # Static CSS only (no user text): large type, no sidebar, for the projector.
    st.html("<style>section[data-testid='stSidebar']{display:none}"
            "[data-testid='stMainBlockContainer'] p, [data-testid='stMainBlockContainer'] td"
            "{font-size:1.45rem !important}</style>")

st.title(t("ses.title"))
st.write(t("ses.intro"))

problems = data.view("problems", "parish_code = ?", (parish,), order_by="rank")
proposals = {p.proposal_id: p for p in records.proposal_models(store, parish)}
agenda = meeting_agenda.proposal_agenda(proposals.values())  # what a new meeting on proposals lists
item_labels = {**{r["problem_id"]: f"{fmt.local_code(r['problem_id'])} · {r['label_es']}"  # «P01», as its file
                   for r in problems.iter_rows(named=True)},
               **{pid: f"{pid} · {p.title}" for pid, p in proposals.items()}}


def _open_form() -> None:
    with st.expander(t("ses.open_title"), expanded=not meeting.meetings(store, parish)):
        with st.form("ses-open"):
            title = st.text_input(t("ses.field.title"), value=t("ses.field.title_default"))
            date = st.date_input(t("ses.field.date"), value=facts.today(), format="DD/MM/YYYY")
            subject = st.radio(t("ses.field.subject"), ["problems", "proposals"], horizontal=True,
                               format_func=lambda s: t(f"ses.subject.{s}"))
            if left_out := meeting_agenda.left_out_es(agenda):  # funded, unfunded, not eligible, drafts
                st.caption(left_out)
            votes = st.number_input(t("ses.field.votes"), min_value=1, max_value=100, value=13)
            associations = {code: f"{code} · {name}" for code, name in data.association_names(parish).items()}
            people = st.data_editor(
                pl.DataFrame({"name": [""], "institution": [""], "username": [""],
                              "association": [widgets.NOT_CHOSEN]}).to_pandas(),
                num_rows="dynamic", key="ses-people", width="stretch",
                column_config={"name": st.column_config.TextColumn(t("ses.col.name"), default=""),
                               "institution": st.column_config.TextColumn(t("ses.col.institution"), default=""),
                               "username": st.column_config.TextColumn(t("ses.col.username"), default=""),
                               "association": widgets.choice_column(t("ses.col.association"), associations,
                                                                    t("ses.col.association_none"))},
            )
            st.caption(t("ses.field.participants_help"))
            if st.form_submit_button(t("ses.open_submit")):
                if subject == "proposals" and title.strip() == t("ses.field.title_default"):  # left as offered
                    title = t("ses.field.title_default_proposals")
                rows = [r for r in people.to_dict("records") if str(r.get("name") or "").strip()]
                try:
                    items = (meeting_agenda.require_problems(problems["problem_id"].to_list(), parish)
                             if subject == "problems"
                             else meeting_agenda.require_enough(agenda))  # only the proposals still competing
                    participants = [
                        meeting_models.Participant(participant_id=f"p{n:02d}", name=str(r["name"]).strip(),
                                            institution=str(r.get("institution") or "").strip(),
                                            username=(str(r.get("username") or "").strip().lower() or None),
                                            association_id=widgets.chosen(r.get("association"), associations))
                        for n, r in enumerate(rows, start=1)]
                    new = meeting_models.Meeting(
                        meeting_id=f"{parish}-{date:%Y%m%d}-{len(meeting.meetings(store, parish)) + 1:02d}",
                        parish_code=parish, title=title, date=date, subject=subject, item_ids=items,
                        votes_per_participant=int(votes), participants=participants)
                    meeting.save_meeting(store, user, new, expected_version=0)
                except PermissionDenied as exc:
                    session.denied(exc)
                except (ValueError, ConflictError) as exc:  # may quote what was typed: shown as text
                    session.refused(exc)
                else:
                    st.session_state["ses-selected"] = new.meeting_id
                    st.success(t("ses.opened"))
                    st.rerun()


may_run = session.allowed(Action.RUN_MEETING, parish_code=parish)  # a board member runs only their junta's
if may_run:
    _open_form()
elif refusal := session.other_junta(Action.RUN_MEETING, parish):
    st.info(refusal, icon=":material/lock:")



def _go_to(parish_code: str) -> None:
    st.session_state[state.PARISH_KEY] = parish_code  # a callback runs before the sidebar's selector is drawn


# a meeting that lists this person in another parish: say where it is, and take them there
for awaited in [m for m in meeting_invites.awaiting(store, user.username) if m.parish_code != parish] if user else []:
    where = parish_name(awaited.parish_code)
    st.info(t("ses.elsewhere", title=plain(awaited.title), date=fmt.date(awaited.date), parish=plain(where)),
            icon=":material/event_available:")
    st.button(t("ses.elsewhere_go", parish=plain(where)), key=f"ses-go-{awaited.meeting_id}", on_click=_go_to,
              args=(awaited.parish_code,), icon=":material/arrow_forward:")

available = meeting.meetings(store, parish)
if not available:  # only who may open one sees the form above
    st.info(t("ses.none" if may_run else "ses.none.wait", parish=plain(parish_name(parish))))
    st.stop()

ids = [m.meeting_id for m in available]
by_id = {m.meeting_id: m for m in available}
if st.session_state.get("ses-selected") not in by_id:
    st.session_state["ses-selected"] = ids[0]
chosen = by_id[st.selectbox(
    t("ses.choose"), ids, key="ses-selected",
    format_func=lambda i: t("ses.option", date=fmt.date(by_id[i].date), title=by_id[i].title,
                            status=t(f"ses.status.{by_id[i].status}")), placeholder=t("select.placeholder"))]
version = store.get(meeting_models.MEETING, chosen.meeting_id).version
participant_names = {p.participant_id: p.name for p in chosen.participants}


SAATY_STEPS = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0]


def _saaty_es(value: float, a: str, b: str) -> str:
    """A step of Saaty's scale in words: which criterion matters more, and how much."""
    if value == 1:
        return t("ses.pairwise_equal")
    more, times = (a, value) if value > 1 else (b, 1 / value)
    return t("ses.pairwise_more", name=BY_CODE[more].label_es, times=fmt.number(times))


def _saved_or_refused(save: Callable[[], object], saved: str) -> None:
    """Save, then say `saved`; a refusal (the role, a rule of the meeting, or the meeting changed by someone else
    meanwhile) is said in Spanish instead, and the page goes on."""
    try:
        save()
    except PermissionDenied as exc:
        session.denied(exc)
    except (ValueError, StoreError) as exc:
        session.refused(exc)
    else:
        st.success(saved)


def _who() -> str | None:
    """The participant this person acts for: themself when listed; the chair may also pick a participant
    without a device (their record is marked as entered by the chair). Nobody acts for another account."""
    if user is None:
        return None
    own = [p.participant_id for p in chosen.participants if p.username == user.username]
    no_device = [p.participant_id for p in chosen.participants if p.username is None]
    choices = own + (no_device if may_run else [])
    if not choices:
        st.warning(t("ses.not_participant"))
        return None
    def named(participant_id: str) -> str:
        name = plain(participant_names[participant_id])
        return name if participant_id in own else t("ses.for_no_device", name=name)

    if len(choices) == 1:
        st.caption(f"{t('ses.participant')}: {named(choices[0])}")
        return choices[0]
    return st.selectbox(t("ses.participant"), choices, key=f"ses-who-{chosen.meeting_id}", format_func=named,
                        help=t("ses.participant_help"), placeholder=t("select.placeholder"))


if chosen.status == "closed":
    st.info(ballots.closed_meeting_use_es(store, chosen))
who = _who() if chosen.status == "open" else None
own = sorted(meeting.own_items(store, chosen)[who]) if who is not None else []
if own:
    st.caption(t("ses.own_items", proposals=plain(fmt.listing(item_labels.get(item, item) for item in own))))
judged_items = [item for item in chosen.item_ids if item not in own]
vote_tab, score_tab, pairwise_tab, result_tab = st.tabs(
    [t("ses.tab.vote"), t("ses.tab.score"), t("ses.tab.pairwise"), t("ses.tab.results")])

with vote_tab:
    cast = meeting.listed_ballots(store, chosen)  # someone taken off the list keeps their ballot, but no say
    st.caption(t_count("ses.voted_count", len(cast), voted=fmt.number(len(cast)),
                       total=t_count("ses.count.participants", len(chosen.participants),
                                     n=fmt.number(len(chosen.participants)))))
    if who is not None:
        previous = next((b.votes for b in cast if b.participant_id == who), {})
        with st.form(f"ses-vote-{chosen.meeting_id}-{who}"):
            given = {item: st.number_input(plain(item_labels.get(item, item)), min_value=0,
                                           max_value=chosen.votes_per_participant, step=1,
                                           value=int(previous.get(item, 0)), key=f"v-{chosen.meeting_id}-{who}-{item}")
                     for item in judged_items}
            used = sum(given.values())
            if st.form_submit_button(t("ses.vote_submit")):
                _saved_or_refused(lambda: meeting.cast_ballot(store, user, meeting_models.Ballot(
                    meeting_id=chosen.meeting_id, participant_id=who, votes=given)),
                    t("ses.vote_saved", name=plain(participant_names[who])))
        total = chosen.votes_per_participant
        if used > total:
            st.warning(t("ses.votes_over", used=used, total=total, extra=used - total))
        else:
            st.caption(t_count("ses.votes_left", total - used, left=fmt.number(total - used),
                               total=t_count("ses.count.votes", total, n=fmt.number(total))))

with score_tab:
    judged = [BY_CODE[code] for code in meeting_models.JUDGED]
    stored_scores = meeting.listed_scores(store, chosen)
    scored = {s.participant_id for s in stored_scores if s.scores}
    st.caption(t_count("ses.scored_count", len(scored), scored=fmt.number(len(scored)),
                       total=t_count("ses.count.participants", len(chosen.participants),
                                     n=fmt.number(len(chosen.participants)))))
    if chosen.subject != "proposals":
        st.info(t("ses.score_problems"))
    else:
        st.caption(t("ses.score_help"))
        if who is not None:
            mine = {s.proposal_id: {c: round(v) for c, v in s.scores.items()}
                    for s in stored_scores if s.participant_id == who}
            with st.form(f"ses-score-{chosen.meeting_id}-{who}"):
                # Empty until the person types a score: an untouched box is not a score.
                entered = {pid: {c.code: st.number_input(f"{plain(item_labels.get(pid, pid))} · {c.label_es}", 0, 100,
                                                         mine.get(pid, {}).get(c.code), step=5,
                                                         placeholder=t("ses.unscored"),
                                                         key=f"s-{chosen.meeting_id}-{who}-{pid}-{c.code}")
                                 for c in judged}
                           for pid in judged_items}
                if st.form_submit_button(t("ses.score_submit")):
                    given_scores = {pid: {c: float(v) for c, v in values.items() if v is not None}
                                    for pid, values in entered.items()}
                    # a proposal whose boxes were all emptied withdraws the score given before (saved empty)
                    given_scores = {pid: values for pid, values in given_scores.items() if values or mine.get(pid)}
                    if not given_scores:
                        st.warning(t("ses.nothing_scored"))
                    else:
                        _saved_or_refused(lambda: [meeting.save_private_score(store, user, meeting_models.PrivateScore(
                            meeting_id=chosen.meeting_id, participant_id=who, proposal_id=pid, scores=values))
                            for pid, values in given_scores.items()],
                            t("ses.score_saved", name=plain(participant_names[who])))

with pairwise_tab:
    st.caption(t("ses.pairwise_help"))
    if who is not None:
        mine_pairs = next((c.pairs() for c in meeting.pairwise_comparisons(store, chosen.meeting_id)
                           if c.participant_id == who), {})
        with st.form(f"ses-pairwise-{chosen.meeting_id}-{who}"):
            judgments = {(a, b): st.select_slider(
                t("ses.pairwise_pair", a=BY_CODE[a].label_es, b=BY_CODE[b].label_es), options=SAATY_STEPS,
                value=min(SAATY_STEPS, key=lambda v: abs(v - mine_pairs.get((a, b), 1.0))),
                format_func=lambda v, a=a, b=b: _saaty_es(v, a, b), key=f"pw-{chosen.meeting_id}-{who}-{a}-{b}")
                for i, a in enumerate(CRITERION_CODES) for b in CRITERION_CODES[i + 1:]}
            if st.form_submit_button(t("ses.pairwise_submit")):
                _saved_or_refused(lambda: meeting.save_pairwise(store, user, meeting_models.Pairwise(
                    meeting_id=chosen.meeting_id, participant_id=who,
                    judgments={f"{a}|{b}": v for (a, b), v in judgments.items()})),
                    t("ses.pairwise_saved", name=plain(participant_names[who])))

def _tally() -> None:
    """The weighted vote's result: chart, table and downloads."""
    cast = meeting.counted_ballots(store, chosen)
    if not any(ballot.votes for ballot in cast):  # only abstentions: every item would share the first place
        st.info(t_count("ses.no_votes", len(cast), saved=fmt.number(len(cast))))
        return
    rows = meeting_models.tally(chosen, cast)
    table = pl.DataFrame([r.model_dump() for r in rows]).with_columns(
        pl.col("item_id").replace_strict(item_labels, default=pl.col("item_id")).alias("item"))
    votes = table.with_columns(pl.col("votes").map_elements(fmt.number, return_dtype=pl.Utf8).alias("votes_text"))
    widgets.chart(charts.bar_chart(votes, category="item", value="votes", text="votes_text",
                                     title=t("ses.tally_chart"), value_title=t("ses.tally.votes"),
                                     tooltip=[("item", t("ses.tally.item")), ("votes_text", t("ses.tally.votes"))]),
                    width="stretch")
    headers = {"rank": t("ses.tally.rank"), "item": t("ses.tally.item"), "votes": t("ses.tally.votes"),
               "voters": t("ses.tally.voters"), "share": t("ses.tally.share")}
    shown = table.with_columns(pl.col("share").map_elements(fmt.percent, return_dtype=pl.Utf8))
    st.dataframe(shown.select(list(headers)).rename(headers), hide_index=True, width="stretch")
    widgets.downloads(table, headers, f"votacion-{chosen.meeting_id}", key="ses-tally")


with result_tab:
    st.subheader(t("ses.tally_title"))
    if meeting_models.results_shown(chosen):
        _tally()
    else:
        st.info(t("ses.votes_hidden"))
    if chosen.subject == "proposals":
        st.subheader(t("ses.scores_title"))
        if not meeting_models.results_shown(chosen):
            st.info(t("ses.hidden"))
        else:
            summary = meeting_results.score_summary(store, chosen)
            criteria = {c.code: c.label_es for c in CRITERIA}
            summary = summary.with_columns(
                pl.col("proposal_id").replace_strict(item_labels, default=pl.col("proposal_id")).alias("proposal"),
                pl.col("criterion").replace_strict(criteria, default=pl.col("criterion")).alias("criterion_es"),
                pl.col("disagreement").replace_strict({True: label("bool", "True"), False: label("bool", "False")},
                                                      return_dtype=pl.Utf8).alias("disagreement_es"),
            ).sort(["disagreement", "range"], descending=True)
            score_headers = {"proposal": t("ses.scores.proposal"), "criterion_es": t("ses.scores.criterion"),
                             "median": t("ses.scores.median"), "min": t("ses.scores.min"),
                             "max": t("ses.scores.max"), "n_evaluators": t("ses.scores.n"),
                             "disagreement_es": t("ses.scores.disagreement"),
                             "not_scored_es": t("ses.scores.not_scored")}
            points = {c: lambda v: fmt.number(v, 1) for c in ("median", "min", "max")}  # es-EC: «57,5»
            st.dataframe(for_display(summary, score_headers, formats=points), hide_index=True, width="stretch")
            st.caption(t("ses.disagreement_note"))
            widgets.downloads(summary, score_headers, f"puntajes-{chosen.meeting_id}", key="ses-scores")
    if chosen.status != "open":
        recorded_for = sorted({participant_names[r.participant_id] for r in
                               [*meeting.listed_ballots(store, chosen), *meeting.listed_scores(store, chosen)]
                               if r.recorded_by})
        if recorded_for:
            st.caption(t("ses.recorded_for", names=fmt.listing(plain(name) for name in recorded_for)))
        group = meeting_results.group_weights(store, chosen)
        if group is not None:
            st.subheader(t("ses.weights_title"))
            st.dataframe(pl.DataFrame({
                t("ses.weights.criterion"): [BY_CODE[c].label_es for c in CRITERION_CODES],
                t("ses.weights.weight"): [fmt.percent(group.result.weights[c], 1) for c in CRITERION_CODES]}),
                hide_index=True, width="stretch", key="ses-group-weights")
            st.dataframe(pl.DataFrame({
                t("ses.weights.evaluator"): [e.name for e in group.evaluators],
                t("ses.weights.cr"): [fmt.number(e.consistency_ratio, 3) for e in group.evaluators],
                t("ses.weights.consistent"): [label("bool", str(e.consistent)) for e in group.evaluators]}),
                hide_index=True, width="stretch", key="ses-group-cr")
            st.caption(t("ses.weights_note", cr=fmt.number(group.result.consistency_ratio, 3)))
            if session.allowed(Action.SAVE_SCENARIO, parish_code=parish) and st.button(t("ses.weights_use"), key="ses-use-weights"):
                scenario_state.set_points(points_from_weights(group.result.weights))
                st.success(t("ses.weights_used"))

if may_run and chosen.status != "closed":
    # forward only: once the results were shown, the meeting can only be closed (core.record.meeting)
    transitions = [("revealed", "ses.reveal"), ("closed", "ses.close")][1 if chosen.status == "revealed" else 0:]
    for (status, key), column in zip(transitions, st.columns(2), strict=False):
        if column.button(t(key), key=f"ses-{status}-{chosen.meeting_id}"):
            try:
                meeting.save_meeting(store, user, chosen.model_copy(update={"status": status}), expected_version=version)
            except (PermissionDenied, ConflictError, ValueError) as exc:
                session.refused(exc)
            else:
                st.rerun()
