"""What happened in the referrals domain. Past tense; no personal data."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from ddp_referrals.domain.mandates import Mandate, MandateChange
from ddp_referrals.domain.screening import ScreeningFailure


@dataclass(frozen=True)
class ReferralReceived:
    referral_id: UUID
    origin: str


@dataclass(frozen=True)
class ReferralRejected:
    referral_id: UUID
    origin: str
    agency_reference: str
    failures: tuple[ScreeningFailure, ...]


@dataclass(frozen=True)
class ReferralAccepted:
    referral_id: UUID
    origin: str
    agency_reference: str
    case_id: UUID
    subject_id: UUID


@dataclass(frozen=True)
class CaseOpened:
    case_id: UUID
    subject_id: UUID
    referral_id: UUID
    mandate: Mandate
    mappa_level: int | None
    assessed_needs: tuple[str, ...]


@dataclass(frozen=True)
class ReferralLinked:
    """The subject already had an open case; the referral joined it."""

    referral_id: UUID
    origin: str
    agency_reference: str
    case_id: UUID
    subject_id: UUID


@dataclass(frozen=True)
class SubmissionConflicted:
    """The same agency reference arrived again stating other facts: the sender is told which fields."""

    referral_id: UUID
    origin: str
    agency_reference: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SubmissionRepeated:
    """The same agency reference arrived again: the sender gets the first outcome again."""

    referral_id: UUID
    origin: str
    agency_reference: str
    case_id: UUID | None
    subject_id: UUID | None
    linked: bool
    failures: tuple[ScreeningFailure, ...]


@dataclass(frozen=True)
class ReferralWithdrawn:
    referral_id: UUID
    case_id: UUID | None
    actor: str
    effective_on: date  # when it took effect; ``at`` is when the platform recorded it
    at: datetime


@dataclass(frozen=True)
class CaseSuspended:
    case_id: UUID
    actor: str
    reason: str
    effective_on: date  # when it took effect; ``at`` is when the platform recorded it
    at: datetime


@dataclass(frozen=True)
class CaseResumed:
    case_id: UUID
    actor: str
    reason: str
    effective_on: date  # when it took effect; ``at`` is when the platform recorded it
    at: datetime


@dataclass(frozen=True)
class CaseClosed:
    case_id: UUID
    actor: str
    reason: str
    effective_on: date  # when it took effect; ``at`` is when the platform recorded it
    at: datetime


@dataclass(frozen=True)
class MandateChanged:
    case_id: UUID
    change: MandateChange
    mandate: Mandate
    effective_on: date
    actor: str
    at: datetime


@dataclass(frozen=True)
class CaseAmended:
    """Only what changed is given (None: unchanged)."""

    case_id: UUID
    assessed_needs: tuple[str, ...] | None
    mappa_category: int | None
    mappa_level: int | None
    effective_on: date
    actor: str
    at: datetime


@dataclass(frozen=True)
class SubjectsMerged:
    surviving_subject_id: UUID
    merged_subject_id: UUID
    case_ids: tuple[UUID, ...]
    actor: str
    at: datetime


DomainEvent = (
    ReferralReceived
    | ReferralRejected
    | ReferralAccepted
    | CaseOpened
    | ReferralLinked
    | SubmissionRepeated
    | SubmissionConflicted
    | ReferralWithdrawn
    | CaseSuspended
    | CaseResumed
    | CaseClosed
    | MandateChanged
    | CaseAmended
    | SubjectsMerged
)
