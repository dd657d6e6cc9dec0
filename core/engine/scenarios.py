"""Saved scenarios: a named set of weights, a method and the board's rules, kept in the store, re-run on demand,
compared two at a time, and turned into the draft the board is asked to approve.

Shapes:
- `Scenario` (pydantic): name, parish, weights (normalized to add up to 1), the preset they came from, the
  allocation method, the `AllocationRules` (budget, reserve, equity rules, must / must not, exclusive pairs),
  who created it and when, an optional note. Stored as kind ``"scenario"``, one record per (parish, name).
- `run_scenario(inputs, scenario)` → `core.engine.prioritization.Prioritization` (screening, scoring, allocation).
- `compare(a, b)` → `ScenarioComparison`: the proposals that enter or leave, and the deltas of score, cost,
  associations covered, beneficiaries and spread of money; the weights and rules side by side.
- `decision_draft(...)` → `core.record.decision_models.DecisionDraft`, with the funded lines, every proposal left out with
  its reason, the rules and weights in Spanish, and a snapshot of the inputs to re-run it.

Who may do what (checked here, whatever the page shows):
- Saving a scenario (``Action.SAVE_SCENARIO``: planners, board members, admin) never changes the parish's
  budget: a scenario is a proposal to the board, so a planner may try any budget and rules in it.
- The board's budget and rules for the year (``Action.SET_BUDGET``: board members, admin) are one record per
  parish (kind ``"budget"``); the Presupuesto page starts from them, and a scenario says whether its rules
  are the board's. Only the board fixes them, as only the board approves a decision (core.record.decisions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.data import rural
from core.engine import scenario_meetings
from core.engine.allocation import AllocationRules, Method, allocate_detailed
from core.engine.criteria import BY_CODE, CRITERION_CODES
from core.engine.gad_request import SUGGESTED_LEAST_USD, asked_of_gad, suggested_budget  # noqa: F401 (kept here)
from core.engine.prioritization import DecisionInputs, Prioritization, prioritize
from core.engine.weights import PRESETS, normalize
from core.fmt import amount, amounts_named, number, percent, sentence, slug
from core.fmt import with_names as fmt_names
from core.record.auth import Accounts, Action, User
from core.record.decision_models import Attendee, DecisionDraft, FundedLine, LeftOutLine, kept_solver_status
from core.record.store import ConflictError, Store, StoreError
from core.texts import label, t, t_count

KIND = "scenario"
BUDGET_KIND = "budget"
METRICS = ("total_score", "total_cost_usd", "n_funded", "associations_covered", "beneficiaries", "gini",
           "max_association_share", "unspent_usd")


class ScenarioError(StoreError):
    """A scenario that cannot be saved or used; the message is for the person (Spanish)."""


class Scenario(BaseModel):
    """Weights + method + rules under a name: what a planner prepares and the board may approve."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    parish_code: str = Field(pattern=r"^\d{6}$")
    weights: dict[str, float]
    preset: str | None = None  # the preset the weights are equal to, if any
    method: Method = "optimal"
    rules: AllocationRules
    note: str | None = Field(default=None, max_length=2000)
    meetings_es: list[str] = Field(default_factory=list)  # the advisory group's meetings that fed it (stamped)
    fed_by: dict[str, scenario_meetings.FedMeeting] | None = None  # … by what they gave; None: saved before that
    created_by: str | None = None
    created_at: dt.datetime | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not slug(value := " ".join(value.split())):
            raise ValueError(t("scen.error.name_empty"))
        return value

    @field_validator("weights")
    @classmethod
    def _weights(cls, value: dict[str, float]) -> dict[str, float]:
        return normalize(value)  # raises ValueError with the Spanish problem

    @field_validator("note")
    @classmethod
    def _note(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def scenario_id(self) -> str:
        return scenario_record_id(self.parish_code, self.name)


def scenario_record_id(parish_code: str, name: str) -> str:
    """The store's id of the parish's scenario of that name."""
    return f"{parish_code}-{slug(name)}"


@dataclass(frozen=True)
class SavedScenario:
    """A scenario read from the store, with the version to send back to replace it."""

    scenario: Scenario
    version: int
    updated_at: str
    updated_by: str

    @property
    def scenario_id(self) -> str:
        return self.scenario.scenario_id


def matching_preset(weights: Mapping[str, float], tolerance: float = 1e-6) -> str | None:
    """The name of the preset these weights are (once normalized), or None for weights of one's own."""
    w = normalize(weights)
    for name, values in PRESETS.items():
        p = normalize(values)
        if all(abs(w[c] - p[c]) <= tolerance for c in CRITERION_CODES):
            return name
    return None


# -- The store ----------------------------------------------------------------------------------------------

def _saved(record) -> SavedScenario:
    return SavedScenario(Scenario.model_validate(record.body), record.version, record.updated_at, record.updated_by)


def list_scenarios(store: Store, parish_code: str) -> list[SavedScenario]:
    """The parish's saved scenarios, newest change first."""
    saved = [_saved(r) for r in store.records(KIND, parish_code)]
    return sorted(saved, key=lambda s: (s.updated_at, s.scenario_id), reverse=True)


def load_scenario(store: Store, scenario_id: str) -> SavedScenario | None:
    record = store.get(KIND, scenario_id)
    return None if record is None or record.deleted else _saved(record)


def save_scenario(store: Store, user: User | None, scenario: Scenario, *,
                  expected_version: int = 0) -> SavedScenario:
    """Store a scenario in one transaction (role: SAVE_SCENARIO).

    `expected_version=0` creates it and refuses a name already taken in the parish; the version read from
    `load_scenario`/`list_scenarios` replaces that version (refused if someone saved it meanwhile). The
    author and date of creation are stamped here; a replacement keeps them and the store logs who changed it. The
    group's closed meetings feeding the parish's runs now are stamped too, by role (core.engine.scenario_meetings).
    """
    actor = Accounts(store).require(user, Action.SAVE_SCENARIO, parish_code=scenario.parish_code)
    rural.require_rural(scenario.parish_code)  # an urban cantonal seat has no board to propose to
    current = load_scenario(store, scenario.scenario_id)
    if expected_version == 0 and current is not None:
        raise ScenarioError(t("scen.error.exists", name=current.scenario.name))
    if current is not None:
        stamp = {"created_by": current.scenario.created_by, "created_at": current.scenario.created_at}
    else:
        stamp = {"created_by": actor.username, "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0)}
    stamped = scenario.model_copy(update={**stamp, **scenario_meetings.stamp(store, scenario.parish_code, scenario.method)})
    try:
        record = store.save(KIND, stamped.scenario_id, stamped.model_dump(mode="json"), actor=actor.username,
                            parish_code=stamped.parish_code, expected_version=expected_version,
                            action=t("log.action.save_scenario" if expected_version == 0 else "log.action.replace_scenario"))
    except ConflictError as exc:
        if expected_version == 0:
            raise ScenarioError(t("scen.error.exists", name=scenario.name)) from exc
        raise ScenarioError(t("scen.error.changed", name=scenario.name)) from exc
    return _saved(record)


def board_budget(store: Store, parish_code: str) -> AllocationRules | None:
    """The budget and rules the board fixed for the parish, if it did."""
    record = store.get(BUDGET_KIND, parish_code)
    if record is None or record.deleted:
        return None
    return AllocationRules.model_validate(record.body["rules"])


def set_board_budget(store: Store, user: User | None, parish_code: str, rules: AllocationRules) -> AllocationRules:
    """Fix the parish's budget and rules (role: SET_BUDGET, the board): one record per parish, logged."""
    actor = Accounts(store).require(user, Action.SET_BUDGET, parish_code=parish_code)
    rural.require_rural(parish_code)
    store.save(BUDGET_KIND, parish_code, {"parish_code": parish_code, "rules": rules.model_dump(mode="json")},
               actor=actor.username, parish_code=parish_code, action=t("log.action.set_budget"))
    return rules


# -- Running and comparing ----------------------------------------------------------------------------------

def run_scenario(inputs: DecisionInputs, scenario: Scenario, *, explain: bool | int = True) -> Prioritization:
    """Screen, score with the scenario's weights and allocate with its method and rules."""
    if inputs.parish_code != scenario.parish_code:
        raise ScenarioError(t("scen.error.parish", name=scenario.name, scenario_parish=scenario.parish_code,
                              parish=inputs.parish_code))
    return prioritize(inputs, scenario.rules, weights=scenario.weights, method=scenario.method, explain=explain)


@dataclass(frozen=True)
class ScenarioComparison:
    """Two runs side by side. `proposals`: one row per candidate of either run, with `change` in
    {both, only_a, only_b, neither}; `totals`: one row per metric (a, b, delta = b − a); `weights`: one row
    per criterion."""

    names: tuple[str, str]
    proposals: pl.DataFrame
    totals: pl.DataFrame
    weights: pl.DataFrame
    rules: tuple[list[str], list[str]]
    only_a: list[str]
    only_b: list[str]
    both: list[str]
    summary_es: str


def _metrics(p: Prioritization) -> dict[str, float | None]:
    r = p.result
    return {"total_score": r.total_score, "total_cost_usd": r.total_cost_usd, "n_funded": len(r.funded_ids),
            "associations_covered": len(r.associations_covered),
            "beneficiaries": None if r.beneficiaries is None else float(r.beneficiaries), "gini": r.gini,
            "max_association_share": r.max_association_share, "unspent_usd": r.unspent_usd}


def _signed(value: float, fmt) -> str:
    return ("+" if value > 0 else "") + fmt(value)


def compare(a: Prioritization, b: Prioritization, *, names: tuple[str, str] = ("A", "B")) -> ScenarioComparison:
    """What changes from run `a` to run `b`: which proposals enter or leave, and by how much the totals move."""
    funded_a, funded_b = set(a.result.funded_ids), set(b.result.funded_ids)
    ranks_a = dict(a.scoring.totals.select("proposal_id", "rank").iter_rows())
    ranks_b = dict(b.scoring.totals.select("proposal_id", "rank").iter_rows())
    rows: dict[str, dict] = {}
    for side, run in (("a", a), ("b", b)):
        for c in run.candidates.iter_rows(named=True):
            row = rows.setdefault(c["proposal_id"], {"proposal_id": c["proposal_id"], "title": c["title"],
                                                     "association_id": c["association_id"],
                                                     "cost_usd": c["cost_usd"], "score_a": None, "score_b": None})
            row[f"score_{side}"] = c["score"]
    table = []
    for pid in sorted(rows):
        row = rows[pid]
        in_a, in_b = pid in funded_a, pid in funded_b
        change = "both" if in_a and in_b else "only_a" if in_a else "only_b" if in_b else "neither"
        delta = None if row["score_a"] is None or row["score_b"] is None else round(row["score_b"] - row["score_a"], 2)
        table.append({**row, "funded_a": in_a, "funded_b": in_b, "change": change, "score_delta": delta,
                      "rank_a": ranks_a.get(pid), "rank_b": ranks_b.get(pid)})
    schema = {"proposal_id": pl.Utf8, "title": pl.Utf8, "association_id": pl.Utf8, "cost_usd": pl.Float64,
              "score_a": pl.Float64, "score_b": pl.Float64, "funded_a": pl.Boolean, "funded_b": pl.Boolean,
              "change": pl.Utf8, "score_delta": pl.Float64, "rank_a": pl.Int64, "rank_b": pl.Int64}
    proposals = pl.DataFrame(table, schema=schema)
    ma, mb = _metrics(a), _metrics(b)
    totals = pl.DataFrame(
        [{"metric": m, "label_es": label("comparison_metric", m), "a": ma[m], "b": mb[m],
          "delta": None if ma[m] is None or mb[m] is None else mb[m] - ma[m]} for m in METRICS],
        schema={"metric": pl.Utf8, "label_es": pl.Utf8, "a": pl.Float64, "b": pl.Float64, "delta": pl.Float64})
    wa, wb = a.scoring.weights, b.scoring.weights
    weights = pl.DataFrame(
        [{"criterion": c, "label_es": BY_CODE[c].label_es, "a": wa.get(c, 0.0), "b": wb.get(c, 0.0),
          "delta": wb.get(c, 0.0) - wa.get(c, 0.0)} for c in CRITERION_CODES],
        schema={"criterion": pl.Utf8, "label_es": pl.Utf8, "a": pl.Float64, "b": pl.Float64, "delta": pl.Float64})
    only_a = sorted(funded_a - funded_b)
    only_b = sorted(funded_b - funded_a)
    both = sorted(funded_a & funded_b)
    titles = {r["proposal_id"]: r["title"] for r in table}
    if not only_a and not only_b:
        summary = t_count("scen.compare.same", len(both), count=number(len(both)))
    else:
        summary = t("scen.compare.summary", a=names[0], b=names[1],
                    entering=_items(only_b, titles) or t("scen.compare.none"),
                    leaving=_items(only_a, titles) or t("scen.compare.none"),
                    score_delta=_signed(mb["total_score"] - ma["total_score"], lambda v: number(v, 2)),
                    cost_delta=_signed(mb["total_cost_usd"] - ma["total_cost_usd"], amount),
                    coverage_delta=_signed(mb["associations_covered"] - ma["associations_covered"], number))
    return ScenarioComparison(names=names, proposals=proposals, totals=totals, weights=weights,
                              rules=(rules_es(a.result.rules), rules_es(b.result.rules)), only_a=only_a,
                              only_b=only_b, both=both, summary_es=summary)


# -- Spanish summaries of rules and weights -----------------------------------------------------------------

def _items(ids: Sequence[str], titles: Mapping[str, str | None] | None = None) -> str:
    return ", ".join(f"{pid} ({titles[pid]})" if titles and titles.get(pid) else pid for pid in ids)


def rules_es(rules: AllocationRules, titles: Mapping[str, str | None] | None = None,
             method: str | None = None) -> list[str]:
    """The rules as sentences a board member reads in the acta."""
    lines = [t("scen.rule.budget", amount=amount(rules.budget_usd))]
    if rules.reserve_usd:
        lines.append(t("scen.rule.reserve", **amounts_named(amount=rules.reserve_usd, available=rules.available_usd)))
    if rules.min_one_per_association:
        lines.append(t("scen.rule.min_one"))
    if rules.max_share_per_association is not None:
        lines.append(t("scen.rule.cap", share=percent(rules.max_share_per_association, 0),
                       amount=amount(rules.cap_usd)))
    if rules.must_fund:
        lines.append(t("scen.rule.must", items=_items(rules.must_fund, titles)))
    if rules.must_not_fund:
        lines.append(t("scen.rule.must_not", items=_items(rules.must_not_fund, titles)))
    if rules.exclusive_pairs:
        lines.append(t("scen.rule.exclusive", items="; ".join(f"{x} y {y}" for x, y in rules.exclusive_pairs)))
    if method is not None:
        lines.append(t("scen.rule.method", method=label("allocation_method", method)))
    return lines


def weights_es(weights: Mapping[str, float]) -> dict[str, float]:
    """The normalized weights keyed by the criterion's Spanish name."""
    w = normalize(weights)
    return {BY_CODE[c].label_es: w[c] for c in CRITERION_CODES}


# -- The draft the board approves ---------------------------------------------------------------------------

def _association_names(ids: Sequence[str], names: Mapping[str, str]) -> str:
    return "; ".join(names.get(a, a) for a in ids)


def decision_draft(scenario: Scenario, prioritization: Prioritization, association_names: Mapping[str, str],
                   parish_name: str, attendees: Sequence[Attendee], date: dt.date,
                   justification: str = "", *, proposal_titles: Mapping[str, str] | None = None) -> DecisionDraft:
    """The decision the board is asked to approve, built from a scenario and its run (`run_scenario`).

    Funded lines carry the amount the parish gives (what the proposal asks of the GAD) and the score; every
    proposal left out carries its reason: the binding rule of the allocation (computed now for any the run
    did not explain) or the eligibility gates it failed. `inputs` keeps the candidates, the screening, the
    weights, rules and method: enough to re-run the allocation and check it. Raises ScenarioError when the
    rules have no possible allocation (there is nothing to approve) and pydantic's ValidationError when the
    attendees cannot make a decision (core.record.decisions). `proposal_titles` (id → title, e.g. from
    `DecisionInputs.proposals`) names the proposals that failed screening, which are not candidates.
    """
    result = prioritization.result
    if not result.feasible:
        raise ScenarioError(t("scen.error.infeasible", name=scenario.name, reason=result.message_es))
    outcomes = {o.proposal_id: o for o in result.proposals}
    missing = [o.proposal_id for o in result.proposals if not o.funded and o.rule is None]
    if missing and result.method in ("optimal", "scope"):
        explained = allocate_detailed(prioritization.candidates, result.rules, method=result.method, explain=missing,
                                      association_names=association_names, score_max=100.0,
                                      association_members=prioritization.association_members)
        outcomes.update({o.proposal_id: o for o in explained.proposals if o.proposal_id in missing})
    funded = [FundedLine(proposal_id=o.proposal_id, title=o.title or o.proposal_id,
                         associations_es=_association_names(o.association_ids, association_names),
                         amount_usd=o.cost_usd, score=o.score)
              for o in (outcomes[pid] for pid in result.funded_ids)]
    left_out = [LeftOutLine(proposal_id=o.proposal_id, title=o.title or o.proposal_id,
                            reason_es=fmt_names(o.reason_es, association_names))
                for o in outcomes.values() if not o.funded]
    titles = {**(proposal_titles or {}),
              **{c["proposal_id"]: c["title"] for c in prioritization.candidates.iter_rows(named=True)}}
    screenings = []
    for s in prioritization.screenings:
        screenings.append({"proposal_id": s.item_id, "eligible": s.eligible,
                           "failures": [{"gate": g.gate, "reason_es": g.reason_es} for g in s.failures]})
        if not s.eligible:
            reasons = " ".join(f"{g.label_es}: {sentence(fmt_names(g.reason_es, association_names))}"
                               for g in s.failures)
            left_out.append(LeftOutLine(proposal_id=s.item_id, title=titles.get(s.item_id) or s.item_id,
                                        reason_es=t("scen.left_out.ineligible", reasons=reasons)))
    inputs = {
        "scenario": scenario.model_dump(mode="json"),
        "method": result.method,
        "weights": dict(prioritization.scoring.weights),
        "rules": result.rules.model_dump(mode="json"),
        "candidates": prioritization.candidates.to_dicts(),
        "screening": screenings,
        "funded_ids": list(result.funded_ids),
        "tie_break_es": result.tie_break_es,
    }
    return DecisionDraft(
        parish_code=scenario.parish_code, parish_name=parish_name, date=date, scenario_name=scenario.name,
        budget_usd=result.rules.budget_usd, reserve_usd=result.rules.reserve_usd, method_es=result.method_es,
        solver_status=kept_solver_status(result.solver_status, result.status, len(result.proposals)),
        weights=dict(prioritization.scoring.weights), weights_es=weights_es(prioritization.scoring.weights),
        rules_es=rules_es(result.rules, titles, method=result.method), funded=funded, left_out=left_out,
        total_score=result.total_score, total_cost_usd=result.total_cost_usd,
        justification_es=justification.strip(), inputs=inputs, attendees=list(attendees),
        unscored_es=_unscored_by_the_group(prioritization, funded), uncovered_es=result.uncovered_es(association_names),
        **{field: [prioritization.fed_by[role].name_es] for field, role in (
            ("meetings_es", "scores"), ("need_meetings_es", "need"), ("ballot_meetings_es", "ballots"))
           if role in prioritization.fed_by})


def _unscored_by_the_group(prioritization: Prioritization, funded: list[FundedLine]) -> list[str]:
    """The titles of the funded proposals that the scoring meeting's evaluators did not score on any weighted
    judged criterion (empty when no meeting scored, which the acta says of every proposal)."""
    if "scores" not in prioritization.fed_by:
        return []
    judged = prioritization.scoring.criteria.filter((pl.col("kind") == "juicio") & (pl.col("weight") > 0))
    scored = set(judged.filter(pl.col("n_evaluators") > 0)["proposal_id"].to_list())
    return [line.title for line in funded if line.proposal_id not in scored] if judged.height else []

