"""The referral aggregate: received once per agency reference, then accepted or rejected."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_referrals.domain import events as domain_events
from ddp_referrals.domain.case import Case
from ddp_referrals.domain.screening import ScreeningFailure, screen
from ddp_referrals.domain.submission import Submission


class ReferralStatus(StrEnum):
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"


@dataclass
class Referral:
    referral_id: UUID
    origin: str
    agency_reference: str
    status: ReferralStatus
    case_id: UUID | None = None
    failures: tuple[ScreeningFailure, ...] = ()
    events: list[domain_events.DomainEvent] = field(default_factory=list)

    @classmethod
    def receive(
        cls, submission: Submission, origin: str, today: date, subject_id: UUID
    ) -> tuple["Referral", Case | None]:
        """Screen a new submission: an accepted referral opens a case for ``subject_id``."""
        referral_id = uuid4()
        failures = screen(submission, origin, today)
        received = domain_events.ReferralReceived(referral_id, origin)
        if failures:
            referral = cls(
                referral_id,
                origin,
                submission.agency_reference,
                ReferralStatus.REJECTED,
                failures=tuple(failures),
            )
            referral.events += [
                received,
                domain_events.ReferralRejected(referral_id, origin, submission.agency_reference, tuple(failures)),
            ]
            return referral, None
        case = Case.open(referral_id, subject_id, submission)
        referral = cls(referral_id, origin, submission.agency_reference, ReferralStatus.ACCEPTED, case_id=case.case_id)
        referral.events += [
            received,
            domain_events.ReferralAccepted(referral_id, origin, submission.agency_reference, case.case_id, subject_id),
            *case.events,
        ]
        case.events.clear()
        return referral, case
