"""What the Priorización and Presupuesto pages share: the weights and rules being tried (kept across pages in
session state, outside any widget key, so switching pages keeps them), and cached runs of the engine.

Cache keys are plain values: the parish, a version of its proposals / offers / PDOT in the store (the last
logged change of those kinds, so an edit elsewhere invalidates the runs and a saved scenario does not), the
weights as a sorted tuple, the rules as JSON. Cached results are shared between sessions (`cache_resource`,
no copy per call) and are only read by the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import numpy as np
import polars as pl
import streamlit as st
from pydantic import ValidationError

from core import fmt
from core.engine import decision_run, gad_request, scenarios
from core.engine.allocation import AllocationRules, ProposalOutcome, explain_proposal, funded_under_scores
from core.engine.prioritization import (
    DecisionInputs,
    Prioritization,
    load_inputs,
    prioritize,
    score,
    screen,
)
from core.engine.scoring import Scoring
from core.engine.screening import Screening
from core.engine.sensitivity import draw_scores, probability_frame
from core.engine.weights import DEFAULT_PRESET, normalize, preset
from core.record import facts
from core.record.auth import Action, PermissionDenied
from core.texts import t
from ui import data, session, state, widgets
from ui.budget_tables import points_from_weights
from ui.text import plain

POINTS = "decidir.points"  # criterion → whole points out of 100 (the sliders' values)
RULES = "decidir.rules"  # parish → AllocationRules as a dict
METHOD = "decidir.method"  # the method a saved scenario proposes
LAST_SAVED = "decidir.last_saved"  # the scenario saved a moment ago (the list shows it selected)
SENSITIVITY_AUTO_LIMIT = 60  # up to this many candidates, the funding probability is computed at once
DRAWS = 200
VARIATION = 0.2
SEED = 20_240
CHUNK = 20  # draws solved per cached piece of the funding probability


def data_version(parish_code: str) -> tuple[tuple[int, str], ...]:
    """The last logged change of the records a run reads (proposals, offers, PDOT, the advisory group's meetings,
    ballots and private scores — closing a meeting feeds its scores and votes to the run — stages and the stage
    rule)."""
    return data.store().last_changes(decision_run.RUN_KINDS)


@st.cache_resource(max_entries=8, show_spinner=False)
def _inputs(parish_code: str, version: tuple[tuple[int, str], ...]) -> DecisionInputs:
    return load_inputs(data.connection(), parish_code, store=data.store())


def inputs(parish_code: str) -> DecisionInputs:
    return _inputs(parish_code, data_version(parish_code))


def weights_key(weights: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((c, round(float(w), 12)) for c, w in normalize(weights).items()))


@st.cache_resource(max_entries=16, show_spinner=False)
def _screenings(parish_code: str, version: tuple[tuple[int, str], ...], rules_json: str, today: dt.date) -> list[Screening]:
    """The gates do not depend on the weights: screened once per rules and day (offers' deadlines), not on every
    slider move (a third of a run's time with 1.500 proposals)."""
    return screen(_inputs(parish_code, version), AllocationRules.model_validate_json(rules_json))


@st.cache_resource(max_entries=16, show_spinner=False)
def _scoring(parish_code: str, version: tuple[tuple[int, str], ...], weights: tuple, rules_json: str,
             today: dt.date) -> Scoring:
    """The scores do not depend on the method: Presupuesto's five methods score once per weights."""
    return score(_inputs(parish_code, version), _screenings(parish_code, version, rules_json, today),
                 weights=dict(weights))


@st.cache_resource(max_entries=96, show_spinner=False)
def _run(parish_code: str, version: tuple[tuple[int, str], ...], weights: tuple, rules_json: str, method: str,
         explain: bool) -> Prioritization:
    today = facts.today()
    return prioritize(_inputs(parish_code, version), AllocationRules.model_validate_json(rules_json),
                      weights=dict(weights), method=method, explain=explain,
                      screenings=_screenings(parish_code, version, rules_json, today),
                      scoring=_scoring(parish_code, version, weights, rules_json, today))


def run(parish_code: str, weights: Mapping[str, float], rules: AllocationRules, method: str = "optimal",
        explain: bool = True) -> Prioritization:
    """The engine's run for these weights and rules (cached), with every unfunded proposal's exact «¿por qué
    no?» unless `explain` is False."""
    return _run(parish_code, data_version(parish_code), weights_key(weights), rules.model_dump_json(), method,
                explain)


@st.cache_resource(max_entries=160, show_spinner=False)
def _funded_rows(parish_code: str, version: tuple[tuple[int, str], ...], weights: tuple, rules_json: str, draws: int,
                 variation: float, seed: int, start: int) -> np.ndarray:
    """Rows start … start + CHUNK − 1 of the funding probability's draws: which candidates each funds."""
    p = _run(parish_code, version, weights, rules_json, "optimal", False)
    scores = draw_scores(p.scoring.matrix, dict(weights), p.candidates, variation=variation, draws=draws, seed=seed)
    # the rules as the run applied them (a required proposal an acta funded is met: core.engine.prioritization)
    return funded_under_scores(p.candidates, p.result.rules, scores[start:start + CHUNK])


def probability(parish_code: str, weights: Mapping[str, float], rules: AllocationRules, draws: int = DRAWS,
                progress: Callable[[float], None] | None = None) -> pl.DataFrame:
    """core.engine.sensitivity.funding_probability, solved CHUNK draws at a time, each piece cached: `progress`
    (the share done) is called between pieces, and drawing it lets Streamlit stop this run there when the person
    moves a slider again; the next run of the same weights goes on from the pieces already solved."""
    version, key, rules_json = data_version(parish_code), weights_key(weights), rules.model_dump_json()
    p = _run(parish_code, version, key, rules_json, "optimal", False)
    scores = draw_scores(p.scoring.matrix, dict(key), p.candidates, variation=VARIATION, draws=draws, seed=SEED)
    pieces = []
    for start in range(0, draws + 1, CHUNK):
        pieces.append(_funded_rows(parish_code, version, key, rules_json, draws, VARIATION, SEED, start))
        if progress is not None:
            progress(min(1.0, (start + CHUNK) / (draws + 1)))
    return probability_frame(p.candidates, scores, np.vstack(pieces), VARIATION)


@st.cache_resource(max_entries=256, show_spinner=False)
def _explain(parish_code: str, version: tuple[tuple[int, str], ...], weights: tuple, rules_json: str,
             proposal_id: str, method: str) -> ProposalOutcome:
    p = _run(parish_code, version, weights, rules_json, method, False)
    return explain_proposal(p.candidates, p.result.rules, proposal_id,  # as the run applied them
                            method=method, association_names=_inputs(parish_code, version).association_names,
                            score_max=100.0, association_members=p.association_members)


def explain(parish_code: str, weights: Mapping[str, float], rules: AllocationRules,
            proposal_id: str, method: str = "optimal") -> ProposalOutcome:
    """The exact "why not" of one proposal under an exact objective with the cost it would have to shed (one more
    solve), computed on demand (and cached)."""
    return _explain(parish_code, data_version(parish_code), weights_key(weights), rules.model_dump_json(),
                    proposal_id, method)


def open_page(title_key: str, intro_key: str) -> tuple[str, DecisionInputs]:
    """The page's title and intro, the parish chosen and what the engine reads for it (marked when generated);
    a parish without proposals is told so and the page stops."""
    code = state.current_parish()
    st.title(t(title_key))
    st.write(t(intro_key))
    found = inputs(code)
    if not found.proposals:
        st.info(t("prio.no_proposals"))
        st.stop()
    if any(p.is_synthetic for p in found.proposals):
        widgets.synthetic_mark()
    return code, found


# -- Weights and rules being tried ---------------------------------------------------------------------------

def points() -> dict[str, int]:
    if POINTS not in st.session_state:
        st.session_state[POINTS] = points_from_weights(preset(DEFAULT_PRESET))
    return dict(st.session_state[POINTS])


def set_points(values: Mapping[str, int]) -> None:
    st.session_state[POINTS] = {c: int(v) for c, v in values.items()}


def weights() -> dict[str, float]:
    """The normalized weights being tried (the study's preset when every slider is at zero)."""
    try:
        return normalize(points())
    except ValueError:
        return preset(DEFAULT_PRESET)


def preset_name() -> str | None:
    return scenarios.matching_preset(weights())


def default_rules(parish_code: str) -> AllocationRules:
    """The board's budget and rules when it fixed them; otherwise the suggested budget and no equity rule: «at
    least one per association» is the board's to tick (that each association formulates a project is a check
    before the budget, not a funding rule)."""
    board = scenarios.board_budget(data.store(), parish_code)
    if board is not None:
        return board
    return AllocationRules(budget_usd=scenarios.suggested_budget(inputs(parish_code)))


def suggested_note(parish_code: str) -> str:
    """Where the starting budget of a parish whose board fixed none comes from, with the figure it halves (or the
    largest request, when half of them all would screen it out)."""
    start = gad_request.starting(inputs(parish_code))
    key = "budget.rules.board_none" if start.request.eligible_only else "budget.rules.board_none_all"
    if start.by_largest:
        key += "_largest"
    return t(key, **fmt.amounts_named(budget=start.budget_usd, asked=start.request.amount_usd,
                                      least=gad_request.SUGGESTED_LEAST_USD))


def rules(parish_code: str) -> AllocationRules:
    kept = st.session_state.setdefault(RULES, {})
    if parish_code not in kept:
        kept[parish_code] = default_rules(parish_code).model_dump(mode="json")
    return AllocationRules.model_validate(kept[parish_code])


def set_rules(parish_code: str, value: AllocationRules) -> None:
    st.session_state.setdefault(RULES, {})[parish_code] = value.model_dump(mode="json")


def method() -> str:
    return st.session_state.get(METHOD, "optimal")


# -- Saving a scenario (both pages) ---------------------------------------------------------------------------

def save_form(parish_code: str, key: str, refused: str | None = None) -> None:
    """A form that saves the weights and rules being tried as a named scenario; core checks the role. With
    `refused` (why the rules on the page cannot be taken as they are), sending it says so and saves nothing."""
    if not session.allowed(Action.SAVE_SCENARIO, parish_code=parish_code):
        st.info(session.other_junta(Action.SAVE_SCENARIO, parish_code) or t("scen.save.who"))
        return
    with st.form(f"{key}-form", border=True):
        name = st.text_input(t("scen.save.name"), max_chars=120, key=f"{key}-name",
                             placeholder=t("scen.save.name_placeholder"))
        note = st.text_area(t("scen.save.note"), max_chars=2000, key=f"{key}-note", height=80)
        replace = st.checkbox(t("scen.save.replace"), key=f"{key}-replace")
        submitted = st.form_submit_button(t("scen.save.submit"), icon=":material/save:", type="primary")
    if not submitted:
        return
    if refused is not None:
        st.error(refused, icon=":material/error:")
        return
    try:
        scenario = scenarios.Scenario(name=name, parish_code=parish_code, weights=weights(), preset=preset_name(),
                                      method=method(), rules=rules(parish_code), note=note or None)
    except ValidationError as exc:
        st.error(t("scen.save.invalid", reason=session.reason(exc)))
        return
    store = data.store()
    existing = scenarios.load_scenario(store, scenario.scenario_id)
    expected = existing.version if (replace and existing is not None) else 0
    try:
        saved = scenarios.save_scenario(store, session.current_user(), scenario, expected_version=expected)
    except PermissionDenied as exc:
        session.denied(exc)
    except scenarios.ScenarioError as exc:
        session.refused(exc)
    else:
        st.session_state[LAST_SAVED] = saved.scenario_id
        st.success(t("scen.save.done", name=plain(saved.scenario.name), version=saved.version))
