"""The records a planner enters for a parish, validated at the edge.

Every id is the parish code plus the planner's own code (`010152-A01`), so two parishes can both
have an association A01 or a problem P01. Entered records are real: `is_synthetic` is always false.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.data.schemas.study import CODE, AidKind, InstitutionType, Member, Need
from core.data.schemas.territory import DPA_PARISH
from core.fmt import LARGEST_TYPED
from core.proposals.import_cells import parse_moment, serial_problem
from core.texts import t
from core.user_text import Lines, OneLine

MOST_VOTES = 1_000_000  # a focus group's weighted votes on one problem; more is a slip (and would not fit a file)

LOCAL_CODE = r"^[A-Za-z0-9_.]+$"  # no dash: the dash joins the parish code and the local code
# A PDOT objective's code as Alineación takes it (core.data.schemas.catalogues.PdotObjective): the PDOTs themselves
# write «LI-OE1»; the stored id «010152-LI-OE1» still reads back «LI-OE1» (core.fmt.local_code strips the DPA only).
PDOT_CODE = CODE
Registration = Literal["seps", "mag", "senplades"]  # as the study names them: SEPS, MAG, SENPLADES requirements


def global_id(parish_code: str, code: str) -> str:
    """The id unique across parishes: '010152' + 'A01' → '010152-A01'."""
    return f"{parish_code}-{code}"


class _Entered(BaseModel):
    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    parish_code: str = Field(pattern=DPA_PARISH)
    code: str = Field(pattern=LOCAL_CODE, max_length=20)
    is_synthetic: Literal[False] = False


class ParishAssociation(_Entered):
    """An association of the parish: who it is, where it is registered, how many members it has."""

    name: OneLine = Field(min_length=1, max_length=200)  # on one line: core.user_text.OneLine
    ruc: str | None = Field(default=None, pattern=r"^\d{13}$")
    registered_with: Registration | None = None
    communities: Lines | None = Field(default=None, max_length=500)
    members_total: int = Field(ge=1, le=100_000)
    main_products_es: Lines | None = Field(default=None, max_length=500)

    @property
    def association_id(self) -> str:
        return global_id(self.parish_code, self.code)


class ParishAid(_Entered):
    """An aid received: which institution gave what, when, for how much, to which association or member."""

    association_id: str = Field(pattern=CODE)
    member_id: str | None = Field(default=None, pattern=CODE)
    institution: OneLine = Field(min_length=1, max_length=200)
    institution_type: InstitutionType = "other"
    year: int = Field(ge=1990, le=2100)
    kind: AidKind
    amount_usd: float = Field(ge=0, le=LARGEST_TYPED)  # a parquet column and its sums stay finite
    non_reimbursable: bool = True
    description_es: Lines | None = Field(default=None, max_length=1000)

    @property
    def aid_id(self) -> str:
        return global_id(self.parish_code, self.code)


class ParishProblem(_Entered):
    """A problem of the parish with the advisory group's weighted votes (the rank follows from them)."""

    label_es: OneLine = Field(min_length=1, max_length=300)
    votes: int = Field(default=0, ge=0, le=MOST_VOTES)

    @property
    def problem_id(self) -> str:
        return global_id(self.parish_code, self.code)


class ParishPdotObjective(_Entered):
    """An objective of the parish's own PDOT."""

    code: str = Field(pattern=PDOT_CODE, max_length=20)
    component: OneLine = Field(min_length=1, max_length=200)
    objective_es: Lines = Field(min_length=1, max_length=1000)

    @property
    def pdot_objective_id(self) -> str:
        return global_id(self.parish_code, self.code)


class SurveyAnswer(Member):
    """One submission of the member survey: the member's answers plus the submission's identity.

    `member_id` is the parish code plus the submission's `_uuid`, so importing the same export again
    finds the same records.
    """

    model_config = ConfigDict(frozen=True)

    parish_code: str = Field(pattern=DPA_PARISH)
    submitted_at: dt.datetime | None = None
    aid_institution: OneLine | None = Field(default=None, max_length=200)
    aid_kind: AidKind | None = None
    aid_year: int | None = Field(default=None, ge=1990, le=2100)
    needs: tuple[Need, ...] = ()
    is_synthetic: Literal[False] = False

    @field_validator("submitted_at", mode="before")
    @classmethod
    def _day_first(cls, value: object) -> object:
        """«30/11/2026 10:15», as a spreadsheet set to Spanish writes it, besides the exports' ISO time; the days
        every file takes (core.proposals.import_cells.DAY_PATTERNS), with or without a time. Anything else, a bare
        number too (pydantic would take it for seconds since 1970), is refused naming those ways."""
        if isinstance(value, dt.date) or value is None:
            return value
        if (serial := serial_problem(value)) is not None:  # 46356,4375: a date cell that lost its format
            raise ValueError(serial)
        read = parse_moment(value)
        if isinstance(read, dt.datetime):
            return read
        raise ValueError(t("val.moment", value=str(value).strip()[:60]))

    @field_validator("needs")
    @classmethod
    def _distinct(cls, needs: tuple[Need, ...]) -> tuple[Need, ...]:
        if len(set(needs)) != len(needs):
            raise ValueError(t("parish.err.needs_repeated"))
        return needs
