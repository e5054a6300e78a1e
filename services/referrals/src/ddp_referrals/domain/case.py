"""The case aggregate and its lifecycle: open, suspended (custody), resumed, closed with a reason."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_referrals.domain import events as domain_events
from ddp_referrals.domain.effective_dates import refuse_if_ahead
from ddp_referrals.domain.mandates import Mandate, MandateChange
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.submission import Submission

PLATFORM = "platform"  # the actor of changes the platform makes by itself


class CaseStatus(StrEnum):
    OPEN = "OPEN"
    SUSPENDED = "SUSPENDED"
    CLOSED = "CLOSED"


class ClosureReason(StrEnum):
    MANDATE_ENDED = "MANDATE_ENDED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    TRANSFERRED = "TRANSFERRED"
    OTHER = "OTHER"


@dataclass
class Case:
    case_id: UUID
    subject_id: UUID
    referral_id: UUID
    status: CaseStatus
    mandate: Mandate
    closure_reason: ClosureReason | None = None
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

    @property
    def active(self) -> bool:
        return self.status is not CaseStatus.CLOSED

    def suspend(self, actor: str, effective_on: date, at: datetime, reason: str = "CUSTODY_RECALLED") -> None:
        """Suspended from ``effective_on`` (the recall date), however late it is reported."""
        self._refuse_if_closed()
        refuse_if_ahead(effective_on, at)
        if self.status is CaseStatus.SUSPENDED:
            raise Refusal("CASE_ALREADY_SUSPENDED", "status")
        self.status = CaseStatus.SUSPENDED
        self.events.append(domain_events.CaseSuspended(self.case_id, actor, reason, effective_on, at))

    def resume(self, actor: str, effective_on: date, at: datetime, reason: str = "CUSTODY_RELEASED") -> None:
        self._refuse_if_closed()
        refuse_if_ahead(effective_on, at)
        if self.status is not CaseStatus.SUSPENDED:
            raise Refusal("CASE_NOT_SUSPENDED", "status")
        self.status = CaseStatus.OPEN
        self.events.append(domain_events.CaseResumed(self.case_id, actor, reason, effective_on, at))

    def close(self, actor: str, effective_on: date, at: datetime, reason: ClosureReason) -> None:
        """Closed from ``effective_on``: the first day the case no longer runs."""
        self._refuse_if_closed()
        self.status, self.closure_reason = CaseStatus.CLOSED, reason
        self.events.append(domain_events.CaseClosed(self.case_id, actor, reason.value, effective_on, at))

    def change_mandate(
        self, change: MandateChange, mandate: Mandate, effective_on: date, actor: str, at: datetime
    ) -> None:
        """Record the new terms; a mandate revoked or ended closes the case.

        Ended or revoked from a future date, the case stays open until the scheduled check
        sees the end date pass; varied to an end date already past, it closes at once.
        """
        self._refuse_if_closed()
        self.mandate = mandate
        self.events.append(domain_events.MandateChanged(self.case_id, change, mandate, effective_on, actor, at))
        ended = change in (MandateChange.REVOKED, MandateChange.ENDED) and effective_on <= at.date()
        if ended or mandate.passed_on(at.date()):
            self.close(actor, _first_day_after(mandate), at, ClosureReason.MANDATE_ENDED)

    def amend(
        self,
        assessed_needs: tuple[str, ...] | None,
        risk: tuple[int, int] | None,
        effective_on: date,
        actor: str,
        at: datetime,
    ) -> None:
        """New needs or a new MAPPA category and level (``risk``), from ``effective_on``; a closed case is
        past amending."""
        self._refuse_if_closed()
        refuse_if_ahead(effective_on, at)
        category, level = risk if risk is not None else (None, None)
        self.events.append(
            domain_events.CaseAmended(self.case_id, assessed_needs, category, level, effective_on, actor, at)
        )

    def close_if_mandate_passed(self, today: date, at: datetime) -> bool:
        """The scheduled check: a case whose mandate's end date has passed closes by itself."""
        if not self.active or not self.mandate.passed_on(today):
            return False
        self.close(PLATFORM, _first_day_after(self.mandate), at, ClosureReason.MANDATE_ENDED)
        return True

    def ensure_active(self) -> None:
        """Refuse any change to a closed case."""
        self._refuse_if_closed()

    def _refuse_if_closed(self) -> None:
        if self.status is CaseStatus.CLOSED:
            raise Refusal("CASE_ALREADY_CLOSED", "status")


def _first_day_after(mandate: Mandate) -> date:
    # A mandate is in force on its last day: the case stops running the day after.
    assert mandate.ends_on is not None
    return mandate.ends_on + timedelta(days=1)
