"""Events the referrals service writes on ``ddp.referrals.events``. No personal data."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Agency, MandateTerms, Need, Reason


class ReferralReceived(Event):
    """A referral arrived from a responsible authority and is being screened. Keyed by ``referral_id``."""

    event_type: ClassVar[str] = "ddp.referral.received"
    version: ClassVar[int] = 1

    referral_id: UUID
    referred_by: Agency


class ReferralAccepted(Event):
    """Screening passed; a case opens for the subject. Keyed by ``referral_id``."""

    event_type: ClassVar[str] = "ddp.referral.accepted"
    version: ClassVar[int] = 1

    referral_id: UUID
    case_id: UUID
    subject_id: UUID


class ReferralRejected(Event):
    """Screening failed; the reasons went to the referring agency too. Keyed by ``referral_id``."""

    event_type: ClassVar[str] = "ddp.referral.rejected"
    version: ClassVar[int] = 1

    referral_id: UUID
    referred_by: Agency
    reasons: list[Reason] = Field(min_length=1)


class CaseOpened(Event):
    """A case opens for an accepted referral. Keyed by ``case_id``."""

    event_type: ClassVar[str] = "ddp.case.opened"
    version: ClassVar[int] = 1

    case_id: UUID
    subject_id: UUID
    referral_id: UUID
    mandate: MandateTerms
    mappa_level: int | None = Field(default=None, ge=1, le=3)
    assessed_needs: list[Need]
