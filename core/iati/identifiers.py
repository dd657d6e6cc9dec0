"""Organisation identifiers and the few IATI code lists Minga writes and reads.

Identifiers follow IATI's org-id convention: `<registration agency prefix>-<number in that registry>`.
- The parish GAD is a public entity with a taxpayer number (RUC, 13 digits) at Ecuador's SRI; the
  org-id.guide style prefix for that registry is `EC-RUC`, so a GAD with a recorded RUC is `EC-RUC-<ruc>`.
  Until the planner records the RUC, the GAD is named `EC-DPA-<parish code>` from the INEC parish code: unique
  and stable, but not a registered agency prefix, so the export says it is provisional (`is_provisional`).
- A cooperant is named by the identifier the planner recorded in the cooperant registry (core.cooperation), else,
  for a bilateral cooperant of a DAC member government, `XM-DAC-<DAC donor code>` (e.g. Japan 701, Spain 50).
  Any other cooperant is named by its narrative only: IATI allows a participating organisation without a `ref`,
  and an invented identifier would be worse than none.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from core.data import rural
from core.record.auth import Accounts, Action, User
from core.record.store import Store
from core.texts import t

PUBLISHER_KIND = "iati_publisher"

# OECD DAC donor codes of member governments (Spanish country names, as offers store them).
DAC_DONOR_CODES: dict[str, str] = {
    "Austria": "1", "Bélgica": "2", "Dinamarca": "3", "Francia": "4", "Alemania": "5", "Italia": "6",
    "Países Bajos": "7", "Noruega": "8", "Portugal": "9", "Suecia": "10", "Suiza": "11", "Reino Unido": "12",
    "Finlandia": "18", "Irlanda": "21", "Luxemburgo": "22", "España": "50", "Canadá": "301",
    "Estados Unidos": "302", "Japón": "701", "Corea del Sur": "742", "Australia": "801", "Nueva Zelanda": "820",
}

# IATI OrganisationType codes for Minga's cooperant kinds, and back.
ORGANISATION_TYPE: dict[str, str] = {"bilateral": "10", "decentralized": "11", "national_public": "10",
                                     "multilateral": "40", "ngo": "21", "private": "70"}
LOCAL_GOVERNMENT, RECIPIENT_COUNTRY_NGO = "11", "24"
KIND_OF_ORGANISATION_TYPE: dict[str, str] = {"10": "bilateral", "11": "decentralized", "15": "national_public",
                                             "21": "ngo", "22": "ngo", "23": "ngo", "24": "ngo", "60": "ngo",
                                             "40": "multilateral", "30": "private", "70": "private",
                                             "71": "private", "72": "private", "73": "private"}

# IATI OrganisationRole, ActivityStatus, ActivityDateType, TransactionType, BudgetType/Status, IndicatorMeasure.
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
STATUS_PIPELINE, STATUS_IMPLEMENTATION, STATUS_FINALISATION, STATUS_CLOSED, STATUS_CANCELLED = "1", "2", "3", "4", "5"
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END = "1", "2", "3"
TRANSACTION_COMMITMENT, TRANSACTION_EXPENDITURE = "2", "4"
BUDGET_ORIGINAL, BUDGET_INDICATIVE, BUDGET_COMMITTED = "1", "1", "2"
MEASURE_UNIT, MEASURE_QUALITATIVE = "1", "5"
RESULT_OUTPUT = "1"
TAG_SDG_GOAL, TAG_SDG_TARGET = "2", "3"
SECTOR_SDG_GOAL = "7"
# IATI FinanceType: a standard grant, a standard loan.
FINANCE_GRANT, FINANCE_LOAN = "110", "421"
AID_TECHNICAL_ASSISTANCE = "D02"  # IATI AidType: other technical assistance

RUC = re.compile(r"^\d{10}001$")


class Publisher(BaseModel):
    """What the parish GAD publishes as: its taxpayer number (RUC) when the planner recorded it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    parish_code: str = Field(pattern=r"^\d{6}$")
    ruc: str | None = None

    @property
    def org_ref(self) -> str:
        return f"EC-RUC-{self.ruc}" if self.ruc else f"EC-DPA-{self.parish_code}"

    @property
    def is_provisional(self) -> bool:
        return self.ruc is None


def checked_ruc(text: str) -> str:
    """The RUC without spaces or dashes; ValueError (Spanish) when it is not 13 digits ending in 001."""
    ruc = re.sub(r"[\s.-]", "", text or "")
    if not RUC.match(ruc):
        raise ValueError(t("iati.err.ruc", value=text))
    return ruc


def publisher(store: Store, parish_code: str) -> Publisher:
    record = store.get(PUBLISHER_KIND, parish_code)
    if record is None or record.deleted:
        return Publisher(parish_code=parish_code)
    return Publisher.model_validate(record.body)


def save_publisher(store: Store, user: User | None, parish_code: str, ruc_text: str) -> Publisher:
    """Record the GAD's RUC (planner or admin); the identifier of every later export follows it."""
    actor = Accounts(store).require(user, Action.EDIT_OFFER, parish_code=parish_code)  # kept as the parish's record
    rural.require_rural(parish_code)  # an urban cantonal seat has no junta to publish for
    saved = Publisher(parish_code=parish_code, ruc=checked_ruc(ruc_text))
    store.save(PUBLISHER_KIND, parish_code, saved.model_dump(mode="json"), actor=actor.username,
               parish_code=parish_code, action=t("log.action.iati_publisher"))
    return saved


def cooperant_ref(kind: str, country: str | None) -> str | None:
    """`XM-DAC-<code>` for a bilateral cooperant of a DAC member government; None for any other."""
    if kind != "bilateral" or not country:
        return None
    code = DAC_DONOR_CODES.get(country.strip())
    return f"XM-DAC-{code}" if code else None


def record_id_from(identifier: str) -> str:
    """A Minga record id (letters, digits, `_ . -`) from an IATI identifier, keeping what it can."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", identifier).strip("-")
