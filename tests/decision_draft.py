"""The El Valle budget decision the decision tests (and those of the acta, the constancia and the store) start from:
the board member and the planner, a store with their accounts, the draft (two projects funded, one left out, six
attendees), the same draft presided by a vocal, and one in whole dollars."""

import datetime as dt

from core.record.auth import Role, User
from core.record.decision_models import Attendee, DecisionDraft, FundedLine, LeftOutLine
from core.record.store import Store
from tests.conftest import store_accounts

BOARD = User(username="presidenta", display_name="Rosa Quito", role=Role.BOARD)
PLANNER = User(username="tecnico", display_name="Juan Pérez", role=Role.PLANNER)


def _store(tmp_path) -> Store:
    """A store of the test's own with the board member's and the planner's accounts (rights are read there)."""
    return store_accounts(Store(tmp_path / "s.sqlite"), BOARD, PLANNER)


def _draft(**changes):
    base = dict(
        parish_code="010170", parish_name="El Valle", date=dt.date(2026, 11, 26),
        scenario_name="Estudio El Valle: alcance y factibilidad", budget_usd=40000, reserve_usd=2000,
        method_es="Asignación óptima", solver_status="Optimal",
        weights={"pdot": 0.3, "feasibility": 0.4, "scope": 0.3},
        weights_es={"Alineación PDOT": 0.3, "Factibilidad": 0.4, "Alcance": 0.3},
        rules_es=["Al menos un proyecto por asociación", "Tope de 40 % por asociación"],
        funded=[FundedLine(proposal_id="EV-P02", title="Riego por goteo comunitario",
                           associations_es="Asociación Flor de Mayo", amount_usd=18500, score=81.5),
                FundedLine(proposal_id="EV-P05", title="Centro de acopio y comercialización",
                           associations_es="Unión Campesina; Los Andes", amount_usd=14250.5, score=77.0)],
        left_out=[LeftOutLine(proposal_id="EV-P09", title="Entrega de semillas",
                              reason_es="Presupuesto: le faltan 3,2 puntos para entrar")],
        total_score=158.5, total_cost_usd=32750.5, justification_es="Se prioriza el alcance colectivo.",
        attendees=[
            Attendee(name="Rosa Quito", role_es="Presidenta", vote="for", signs_as="president"),
            Attendee(name="Luis Guamán", role_es="Vocal", vote="for"),
            Attendee(name="Marta Sinchi", role_es="Vocal", vote="against", remark="Falta apoyo a jóvenes"),
            Attendee(name="Pedro Loja", role_es="Vocal", vote="abstain"),
            Attendee(name="Ana Ortiz", role_es="Técnica MAG", votes=False),
            Attendee(name="Carmen Ávila", role_es="Secretaria-tesorera", votes=False, signs_as="secretary"),
        ],
    )
    base.update(changes)
    return DecisionDraft(**base)


def _by_vocal(**changes):
    """The El Valle draft with the president absent: a vocal presides and signs (nobody else signs as president)."""
    attendees = [a.model_copy(update={"signs_as": None}) if a.signs_as == "president" else a
                 for a in _draft().attendees[1:]]
    return _draft(**{"attendees": attendees, **changes})


def _whole(draft):
    """`draft` with every amount in whole dollars (its second project costs $ 14.250 instead of $ 14.250,50)."""
    return draft.model_copy(update={"funded": [draft.funded[0], draft.funded[1].model_copy(
        update={"amount_usd": 14250.0})], "total_cost_usd": 32750.0})
