"""FLOK's pipeline as stages of a proposal (seed 001: community projects were funded only after a community
process, a feasibility study and a business plan): comunidad → factibilidad → plan de negocios → financiamiento.

Each stage is reached with its evidence: the assembly's minutes (comunidad), the feasibility study's result
(factibilidad: feasible, feasible with conditions, or not feasible, which stops the pipeline), the business plan
with its figures (investment, yearly income and costs), and the funding obtained (financiamiento). Stages are
recorded in order, each no earlier than the one before.

A parish may require a stage before a proposal enters the budget (`StageRule`, set by the board with its reason).
The rule is a screening gate (`stage_gate`): a proposal that has not reached the stage is out of the budget, and the
gate's reason says which stage it has reached, which one the parish requires and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core import fmt
from core.data import rural
from core.engine.screening import GateResult
from core.proposals.models import ID_PATTERN
from core.record import facts, overlay
from core.record.auth import Accounts, Action, User
from core.record.store import Store, Unchanged
from core.texts import label, t
from core.user_text import Lines, entered

STAGE, RULE = "proposal_stage", "stage_rule"
GATE = "flok_stage"
Stage = Literal["comunidad", "factibilidad", "plan_negocios", "financiamiento"]
STAGES: tuple[Stage, ...] = ("comunidad", "factibilidad", "plan_negocios", "financiamiento")
Feasibility = Literal["feasible", "conditional", "not_feasible"]
PLAN_FIGURES = {"investment_usd": "stage.col.investment", "yearly_income_usd": "stage.col.income",
                "yearly_costs_usd": "stage.col.costs"}  # the business plan's figures and their form labels


class StageEvidence(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    proposal_id: str = Field(pattern=ID_PATTERN)
    stage: Stage
    reached_on: dt.date
    evidence: Lines = Field(min_length=3, max_length=2000)  # the minutes, study or plan: reference and summary
    feasibility: Feasibility | None = None
    investment_usd: float | None = Field(default=None, ge=0)
    yearly_income_usd: float | None = Field(default=None, ge=0)
    yearly_costs_usd: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _what_each_stage_needs(self) -> StageEvidence:
        if self.stage == "factibilidad" and self.feasibility is None:
            raise ValueError(t("stage.err.feasibility"))
        if self.stage == "plan_negocios" and None in (self.investment_usd, self.yearly_income_usd,
                                                      self.yearly_costs_usd):
            raise ValueError(t("stage.err.business_plan"))
        return self

    @property
    def record_id(self) -> str:
        return f"{self.proposal_id}-{self.stage}"


class StageRule(BaseModel):
    """The stage a proposal of the parish must have reached to enter the budget, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    parish_code: str = Field(pattern=r"^\d{6}$")
    required_stage: Stage | None = None
    reason: Lines = Field(default="", max_length=1000)

    @model_validator(mode="after")
    def _reasoned(self) -> StageRule:
        if self.required_stage is not None and len(self.reason.strip()) < 10:
            raise ValueError(t("stage.err.reason"))
        return self


def evidences(store: Store, parish_code: str) -> dict[str, list[StageEvidence]]:
    """Proposal id → its stages reached, in pipeline order."""
    found: dict[str, list[StageEvidence]] = {}
    for record in store.records(STAGE, parish_code):
        item = StageEvidence.model_validate(record.body)
        found.setdefault(item.proposal_id, []).append(item)
    return {pid: sorted(items, key=lambda e: STAGES.index(e.stage)) for pid, items in found.items()}


def current_stage(reached: Sequence[StageEvidence]) -> Stage | None:
    return reached[-1].stage if reached else None


def record_stage(store: Store, user: User | None, parish_code: str, item: StageEvidence) -> StageEvidence:
    """Record a stage reached (planners) by a live proposal of `parish_code`, after the one before it and not earlier
    than it; a study that found the project not feasible stops the pipeline."""
    rural.require_rural(parish_code)
    item = entered(item)
    facts.require_past(item.reached_on, t("stage.col.date"))
    actor = Accounts(store).require(user, Action.EDIT_PROPOSAL, parish_code=parish_code)  # the stored proposal's:
    _only_its_own_evidence(item)
    proposal = overlay.current(store, "proposal", item.proposal_id)  # … its parish is checked here, not the caller's
    if proposal is None or proposal.deleted or proposal.parish_code != parish_code:
        raise ValueError(t("stage.err.no_proposal", proposal=item.proposal_id, parish=rural.named(parish_code)))
    reached = evidences(store, parish_code).get(item.proposal_id, [])
    expected = STAGES[len(reached)] if len(reached) < len(STAGES) else None
    if item.stage != expected:
        raise ValueError(t("stage.err.order", stage=label("flok_stage", item.stage),
                           expected=label("flok_stage", expected) if expected else t("stage.err.complete")))
    if reached and item.reached_on < reached[-1].reached_on:
        raise ValueError(t("stage.err.date", date=fmt.date(reached[-1].reached_on)))
    if reached and reached[-1].stage == "factibilidad" and reached[-1].feasibility == "not_feasible":
        raise ValueError(t("stage.err.not_feasible"))
    store.save(STAGE, item.record_id, item.model_dump(mode="json"), actor=actor.username, parish_code=parish_code,
               expected_version=0, action=t("log.action.stage"),
               unchanged=[Unchanged("proposal", item.proposal_id, proposal.version)],  # not deleted or moved meanwhile
               changed=t("stage.err.changed", proposal=item.proposal_id))
    return item


def _only_its_own_evidence(item: StageEvidence) -> None:
    """A study's result belongs to the feasibility stage and the plan's figures to the business plan: given with
    another stage they would be stored and shown nowhere (and a «No factible» would stop the proposal). Checked
    when recording, not in the model, so that stages stored before still load."""
    stage = label("flok_stage", item.stage)
    if item.feasibility is not None and item.stage != "factibilidad":
        raise ValueError(t("stage.err.feasibility_elsewhere", field=t("stage.col.feasibility"), stage=stage,
                           own=label("flok_stage", "factibilidad"), blank=t("stage.not_applicable")))
    figures = [t(key) for name, key in PLAN_FIGURES.items() if getattr(item, name) is not None]
    if figures and item.stage != "plan_negocios":
        raise ValueError(t("stage.err.figures_elsewhere", fields=", ".join(figures), stage=stage,
                           own=label("flok_stage", "plan_negocios")))


def rule(store: Store, parish_code: str) -> StageRule:
    record = store.get(RULE, parish_code)
    if record is None or record.deleted:
        return StageRule(parish_code=parish_code)
    return StageRule.model_validate(record.body)


def save_rule(store: Store, user: User | None, new_rule: StageRule) -> StageRule:
    """The board (or admin) sets which stage the parish requires before the budget."""
    rural.require_rural(new_rule.parish_code)
    new_rule = entered(new_rule)
    actor = Accounts(store).require(user, Action.SET_BUDGET, parish_code=new_rule.parish_code)
    store.save(RULE, new_rule.parish_code, new_rule.model_dump(mode="json"), actor=actor.username,
               parish_code=new_rule.parish_code, action=t("log.action.stage_rule"))
    return new_rule


def stage_gate(reached: Sequence[StageEvidence], parish_rule: StageRule) -> GateResult | None:
    """The screening gate of the parish's stage rule for one proposal (None when the parish requires no stage)."""
    required = parish_rule.required_stage
    if required is None:
        return None
    stage = current_stage(reached)
    passed = stage is not None and STAGES.index(stage) >= STAGES.index(required)
    key = "stage.gate.passed" if passed else "stage.gate.failed"
    shown = f"«{label('flok_stage', stage)}»" if stage else t("stage.none")
    return GateResult(GATE, passed, t(key, stage=shown, required=label("flok_stage", required),
                                      reason=parish_rule.reason.strip()))


def gates(store: Store, parish_code: str, proposal_ids: Iterable[str]) -> dict[str, GateResult]:
    """Proposal id → the stage gate, for the proposals of a parish that has a stage rule (empty otherwise)."""
    parish_rule = rule(store, parish_code)
    reached = evidences(store, parish_code)
    found = {pid: stage_gate(reached.get(pid, []), parish_rule) for pid in proposal_ids}
    return {pid: gate for pid, gate in found.items() if gate is not None}


def pipeline(proposal_titles: Mapping[str, str], reached: Mapping[str, Sequence[StageEvidence]]) -> list[dict]:
    """One row per proposal: its title, its current stage and the date it reached each stage (None if not yet)."""
    rows = []
    for pid, title in proposal_titles.items():
        dates = {e.stage: e.reached_on for e in reached.get(pid, [])}
        rows.append({"proposal_id": pid, "title": title, "stage": current_stage(reached.get(pid, [])),
                     **{stage: dates.get(stage) for stage in STAGES}})
    return rows


def evidence_rows(proposal_titles: Mapping[str, str], reached: Mapping[str, Sequence[StageEvidence]]) -> list[dict]:
    """One row per stage reached, proposals in the list's order and stages in pipeline order: what was recorded
    (date, evidence, the study's result, the business plan's figures), so the person sees what was saved."""
    return [{"proposal_id": pid, "title": title, "stage": e.stage, "reached_on": e.reached_on,
             "evidence": e.evidence, "feasibility": e.feasibility,
             **{name: getattr(e, name) for name in PLAN_FIGURES}}
            for pid, title in proposal_titles.items() for e in reached.get(pid, [])]
