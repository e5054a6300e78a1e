"""Events the platform writes on an agency's ``ddp.outbound.<agency>`` topic."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Reason, RecordCoordinates


class ReferralAcknowledged(Event):
    """Receipt for an accepted referral: the case id the agency uses from now on."""

    event_type: ClassVar[str] = "ddp.referral.acknowledged"
    version: ClassVar[int] = 1

    agency_reference: str
    referral_id: UUID
    case_id: UUID


class InboundRejected(Event):
    """The platform did not act on something the agency sent, and why."""

    event_type: ClassVar[str] = "ddp.inbound.rejected"
    version: ClassVar[int] = 1

    rejected_event_id: UUID | None = None
    rejected_event_type: str | None = None
    agency_reference: str | None = None
    received_at: RecordCoordinates
    reasons: list[Reason] = Field(min_length=1)
