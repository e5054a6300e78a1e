"""Events the referrals service writes on ``ddp.referrals.events``. No personal data."""

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Agency, MandateTerms, Need, Reason

# Who caused a change: an agency principal (``probation``) or the platform itself (``platform``).
ACTOR_PATTERN = r"^[a-z][a-z-]*$"


_EFFECTIVE_ON = "The day it took effect. Absent on records published before it was carried: read occurred_at's date."


def _start_of(day: date) -> datetime:
    # The platform's days are UTC days, as compliance's escalation windows are.
    return datetime.combine(day, time.min, UTC)


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


class CaseAmended(Event):
    """What the referring agencies know of the person changed: the needs assessed, the MAPPA category
    or level (which sets how often the case is reviewed). Only what changed is given. Keyed by ``case_id``."""

    event_type: ClassVar[str] = "ddp.case.amended"
    version: ClassVar[int] = 1

    case_id: UUID
    assessed_needs: list[Need] | None = None
    mappa_category: int | None = Field(default=None, ge=1, le=4)
    mappa_level: int | None = Field(default=None, ge=1, le=3)
    effective_on: date
    actor: str = Field(pattern=ACTOR_PATTERN)
    occurred_at: datetime


class CaseClosureReason(StrEnum):
    """Why a case closed."""

    MANDATE_ENDED = "MANDATE_ENDED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    TRANSFERRED = "TRANSFERRED"
    OTHER = "OTHER"


class CaseSuspended(Event):
    """The case is paused, e.g. the person was recalled to custody. Keyed by ``case_id``.

    ``effective_on`` is the day it took effect (the recall date), ``occurred_at`` when the platform
    recorded it: a recall reported late suspends the case from its own date.

    ``actor`` is the agency whose event caused it, or ``platform``; ``reason_code`` says why
    (``CUSTODY_RECALLED``).
    """

    event_type: ClassVar[str] = "ddp.case.suspended"
    version: ClassVar[int] = 1

    case_id: UUID
    actor: str = Field(pattern=ACTOR_PATTERN)
    reason_code: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    effective_on: date | None = Field(default=None, description=_EFFECTIVE_ON)
    occurred_at: datetime

    @property
    def suspended_from(self) -> datetime:
        """The start of the recall date; ``occurred_at`` on a record from before it was carried."""
        return _start_of(self.effective_on) if self.effective_on else self.occurred_at


class CaseResumed(Event):
    """A suspended case is active again, e.g. on release from custody. Keyed by ``case_id``."""

    event_type: ClassVar[str] = "ddp.case.resumed"
    version: ClassVar[int] = 1

    case_id: UUID
    actor: str = Field(pattern=ACTOR_PATTERN)
    reason_code: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    effective_on: date | None = Field(default=None, description=_EFFECTIVE_ON)
    occurred_at: datetime

    @property
    def suspended_until(self) -> datetime:
        """The end of the release date: its hour is not reported, so the whole day stays suspended."""
        return _start_of(self.effective_on + timedelta(days=1)) if self.effective_on else self.occurred_at


class CaseClosed(Event):
    """The case is closed for good; nothing more happens on it. Keyed by ``case_id``.

    ``effective_on`` is the first day it no longer ran: the day after the mandate's last day in
    force, or the day the referral's withdrawal took effect."""

    event_type: ClassVar[str] = "ddp.case.closed"
    version: ClassVar[int] = 1

    case_id: UUID
    actor: str = Field(pattern=ACTOR_PATTERN)
    reason_code: CaseClosureReason
    effective_on: date | None = Field(default=None, description=_EFFECTIVE_ON)
    occurred_at: datetime

    @property
    def ended_from(self) -> datetime:
        """The start of the first day the case no longer ran."""
        return _start_of(self.effective_on) if self.effective_on else self.occurred_at


class ReferralLinked(Event):
    """The subject already had an open case: the referral joins it and no second case opens.

    On ``ddp.referrals.events`` keyed by ``referral_id``; also sent to the referring agency
    (after its ``ddp.referral.acknowledged``) keyed by its own reference.
    """

    event_type: ClassVar[str] = "ddp.referral.linked"
    version: ClassVar[int] = 1

    referral_id: UUID
    case_id: UUID
    subject_id: UUID


class ReferralWithdrawn(Event):
    """The referring agency withdrew the referral. Keyed by ``referral_id``.

    ``case_id`` is the case the referral opened or joined, if any; a case it opened closes too.
    """

    event_type: ClassVar[str] = "ddp.referral.withdrawn"
    version: ClassVar[int] = 1

    referral_id: UUID
    case_id: UUID | None = None
    actor: str = Field(pattern=ACTOR_PATTERN)
    effective_on: date | None = Field(default=None, description=_EFFECTIVE_ON)
    occurred_at: datetime


class MandateChange(StrEnum):
    VARIED = "VARIED"
    EXTENDED = "EXTENDED"
    REVOKED = "REVOKED"
    ENDED = "ENDED"


class MandateChanged(Event):
    """The case's mandate changed; ``mandate`` holds its terms from ``effective_on``. Keyed by ``case_id``."""

    event_type: ClassVar[str] = "ddp.mandate.changed"
    version: ClassVar[int] = 1

    case_id: UUID
    change: MandateChange
    mandate: MandateTerms
    effective_on: date
    actor: str = Field(pattern=ACTOR_PATTERN)
    occurred_at: datetime

    @property
    def takes_effect_at(self) -> datetime:
        """The start of ``effective_on``: the terms apply to what happens from then on."""
        return _start_of(self.effective_on)


class SubjectsMerged(Event):
    """Two subjects are one person: ``merged_subject_id`` is retired, its cases now belong to
    ``surviving_subject_id``. Keyed by ``surviving_subject_id``."""

    event_type: ClassVar[str] = "ddp.subjects.merged"
    version: ClassVar[int] = 1

    surviving_subject_id: UUID
    merged_subject_id: UUID
    case_ids: list[UUID]
    actor: str = Field(pattern=ACTOR_PATTERN)
    occurred_at: datetime
