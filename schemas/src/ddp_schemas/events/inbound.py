"""Events agencies send on their ``ddp.inbound.<agency>`` topics."""

from datetime import date
from enum import StrEnum
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
    pnc_id: str | None = Field(
        default=None,
        description=(
            "Long form YYYY/NNNNNNNC or short form YY/NNNNNNNC (one to seven serial digits), the slash "
            "optional; the check character is validated (IDENTIFIER_INVALID) and the id kept in long form."
        ),
    )
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


class _ReferralChange(Event):
    """Something the referring agency reports about a referral it sent, named by its own reference.

    Key it by the same ``agency_reference`` as the referral, so the platform reads both in order.
    """

    agency_reference: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
    effective_on: date


class ReferralWithdrawalSubmitted(_ReferralChange):
    """The agency withdraws its referral; a case it opened closes as ``WITHDRAWN``."""

    event_type: ClassVar[str] = "ddp.referral.withdrawal_submitted"
    version: ClassVar[int] = 1


class ReferralAmendmentSubmitted(_ReferralChange):
    """What the agency has learnt about the person since referring them: needs assessed again, a new
    MAPPA category or level. Give what changed (at least one); it applies from ``effective_on``."""

    event_type: ClassVar[str] = "ddp.referral.amendment_submitted"
    version: ClassVar[int] = 1

    assessed_needs: list[Need] | None = Field(
        default=None, min_length=1, max_length=20, json_schema_extra={"uniqueItems": True}
    )
    risk: RiskContext | None = None

    @field_validator("assessed_needs")
    @classmethod
    def _no_duplicate_needs(cls, needs: list[Need] | None) -> list[Need] | None:
        if needs is not None and len(set(needs)) != len(needs):
            raise ValueError("a need is listed twice")
        return needs

    @model_validator(mode="after")
    def _something_changed(self) -> "ReferralAmendmentSubmitted":
        if self.assessed_needs is None and self.risk is None:
            raise ValueError("an amendment gives assessed_needs, risk or both")
        return self


class MandateVaried(_ReferralChange):
    """The mandate's terms changed: whether DDP participation is required, and its end date."""

    event_type: ClassVar[str] = "ddp.mandate.varied"
    version: ClassVar[int] = 1

    participation_required: bool
    ends_on: date | None = None


class MandateExtended(_ReferralChange):
    """The mandate now ends later, on ``ends_on``."""

    event_type: ClassVar[str] = "ddp.mandate.extended"
    version: ClassVar[int] = 1

    ends_on: date


class MandateRevoked(_ReferralChange):
    """The mandate was revoked on ``effective_on``; the case closes."""

    event_type: ClassVar[str] = "ddp.mandate.revoked"
    version: ClassVar[int] = 1


class MandateEnded(_ReferralChange):
    """The mandate ended on ``effective_on``; the case closes."""

    event_type: ClassVar[str] = "ddp.mandate.ended"
    version: ClassVar[int] = 1


class CustodyStatus(StrEnum):
    RECALLED = "RECALLED"
    RELEASED = "RELEASED"


class CustodyStatusChanged(_ReferralChange):
    """The person was recalled to custody (the case is suspended) or released (it resumes)."""

    event_type: ClassVar[str] = "ddp.custody.status_changed"
    version: ClassVar[int] = 1

    status: CustodyStatus


class IdentifiersMerged(Event):
    """The agency found two records are one person: ``merged`` identifiers now mean ``surviving``.

    The platform's subject found by ``merged`` is folded into the one found by ``surviving``;
    its cases follow. Key it by your own reference for the merge.
    """

    event_type: ClassVar[str] = "ddp.subject.identifiers_merged"
    version: ClassVar[int] = 1

    merged: SubjectIdentifiers
    surviving: SubjectIdentifiers
    effective_on: date
