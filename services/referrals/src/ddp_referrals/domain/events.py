"""What happened in the referrals domain. Past tense; no personal data."""

from dataclasses import dataclass
from uuid import UUID

from ddp_referrals.domain.mandates import Mandate
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


DomainEvent = ReferralReceived | ReferralRejected | ReferralAccepted | CaseOpened
