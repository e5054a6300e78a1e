"""Events agencies send on their ``ddp.inbound.<agency>`` topics."""

from datetime import date
from typing import ClassVar

from pydantic import ConfigDict, Field, field_validator, model_validator

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Agency, MandateType, Need, _Value


class Mandate(_Value):
    type: MandateType
    reference: str = Field(min_length=1, max_length=64)
    starts_on: date
    ends_on: date | None = None
    responsible_authority: Agency
    participation_required: bool


class SubjectIdentifiers(_Value):
    """The identifiers the sending agency holds; at least one is required (``minProperties`` 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"minProperties": 1})

    crn: str | None = Field(default=None, pattern=r"^[A-Z][0-9]{6}$")
    pnc_id: str | None = Field(default=None, pattern=r"^[0-9]{2,4}/[0-9]{1,7}[A-Z]$")
    nomis_number: str | None = Field(default=None, pattern=r"^[A-Z][0-9]{4}[A-Z]{2}$")
    home_office_reference: str | None = Field(default=None, min_length=1, max_length=32)

    @model_validator(mode="after")
    def _at_least_one(self) -> "SubjectIdentifiers":
        if not any((self.crn, self.pnc_id, self.nomis_number, self.home_office_reference)):
            raise ValueError("at least one identifier is required")
        return self


class PersonalDetails(_Value):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    date_of_birth: date


class RiskContext(_Value):
    mappa_category: int = Field(ge=1, le=4)
    mappa_level: int = Field(ge=1, le=3)


class Consent(_Value):
    given: bool
    recorded_on: date


class ReferralSubmitted(Event):
    """A responsible authority refers a person to DDP. Keyed by ``agency_reference``."""

    event_type: ClassVar[str] = "ddp.referral.submitted"
    version: ClassVar[int] = 1

    agency_reference: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
    mandate: Mandate
    identifiers: SubjectIdentifiers
    personal_details: PersonalDetails
    risk: RiskContext | None = None
    assessed_needs: list[Need] = Field(default_factory=list, max_length=20, json_schema_extra={"uniqueItems": True})
    consent: Consent | None = None

    @field_validator("assessed_needs")
    @classmethod
    def _no_duplicate_needs(cls, needs: list[Need]) -> list[Need]:
        if len(set(needs)) != len(needs):
            raise ValueError("a need is listed twice")
        return needs
