"""Value types shared by several events: agencies, mandates, needs, interventions."""

from datetime import date
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class Agency(StrEnum):
    """Agency principals. Each has its own inbound and outbound topic."""

    PROBATION = "probation"
    CT_POLICING = "ct-policing"
    HOME_OFFICE = "home-office"
    PROGRAMME_TEAM = "programme-team"
    PROVIDER_NORTHSTAR = "provider-northstar"
    PROVIDER_MERIDIAN = "provider-meridian"


class MandateType(StrEnum):
    LICENCE = "LICENCE"
    TPIM = "TPIM"
    TEO = "TEO"
    VOLUNTARY = "VOLUNTARY"


class Need(StrEnum):
    """Assessed needs; interventions are drafted from them."""

    IDEOLOGY = "IDEOLOGY"
    THEOLOGY = "THEOLOGY"
    IDENTITY_AND_BELONGING = "IDENTITY_AND_BELONGING"
    MENTAL_HEALTH = "MENTAL_HEALTH"
    TRAUMA = "TRAUMA"
    HOUSING = "HOUSING"
    EMPLOYMENT = "EMPLOYMENT"
    EDUCATION = "EDUCATION"
    FAMILY = "FAMILY"


class InterventionKind(StrEnum):
    MENTORING = "MENTORING"
    PSYCHOLOGICAL_SUPPORT = "PSYCHOLOGICAL_SUPPORT"
    THEOLOGICAL_IDEOLOGICAL_ADVICE = "THEOLOGICAL_IDEOLOGICAL_ADVICE"
    PRACTICAL_SUPPORT = "PRACTICAL_SUPPORT"


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MandateTerms(_Value):
    """What a mandate requires, without the agency's own reference for it."""

    type: MandateType
    responsible_authority: Agency
    participation_required: bool
    starts_on: date
    ends_on: date | None = None


class Reason(_Value):
    """Why something was refused: a code from ``ddp_schemas.reasons`` and a plain explanation."""

    code: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    message: str
    field: str | None = None


class RecordCoordinates(_Value):
    """Where a Kafka record was read."""

    topic: str
    partition: int = Field(ge=0)
    offset: int = Field(ge=0)


class PlannedIntervention(_Value):
    intervention_id: UUID
    kind: InterventionKind
    addresses: list[Need]
