"""The case aggregate: opened for an accepted referral; its later lifecycle follows."""

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_referrals.domain import events as domain_events
from ddp_referrals.domain.mandates import Mandate
from ddp_referrals.domain.submission import Submission


class CaseStatus(StrEnum):
    OPEN = "OPEN"


@dataclass
class Case:
    case_id: UUID
    subject_id: UUID
    referral_id: UUID
    status: CaseStatus
    mandate: Mandate
    events: list[domain_events.DomainEvent] = field(default_factory=list)

    @classmethod
    def open(cls, referral_id: UUID, subject_id: UUID, submission: Submission) -> "Case":
        case = cls(uuid4(), subject_id, referral_id, CaseStatus.OPEN, submission.mandate)
        case.events.append(
            domain_events.CaseOpened(
                case.case_id,
                subject_id,
                referral_id,
                submission.mandate,
                submission.mappa_level,
                submission.assessed_needs,
            )
        )
        return case
