"""The reviews of one case: scheduled by cadence, announced, falling due with a pack, overdue, concluded."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from uuid import UUID

from ddp_compliance.domain.events import (
    DomainEvent,
    ReviewDue,
    ReviewOutcomeRecorded,
    ReviewOverdue,
    ReviewPackIssued,
    ReviewScheduled,
)
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.review import RecordedOutcome, Review, next_review
from ddp_compliance.domain.review_pack import ReviewPack


@dataclass
class CaseReviews:
    """Part of the case's compliance history; its methods return the events they cause."""

    by_sequence: dict[int, Review] = field(default_factory=dict)

    def schedule(self, record: ComplianceRecord, sequence: int, after: datetime, policy: Policy) -> None:
        """Review number ``sequence``, due a cadence after ``after``; the scheduled check announces it."""
        cadence = record.review_cadence(policy)
        review = next_review(
            record.case_id, sequence, after.date(), cadence, record.review_chair(), policy.version, after
        )
        self.by_sequence.setdefault(sequence, review)

    def reschedule(self, record: ComplianceRecord, policy: Policy) -> None:
        """The review not yet due, due a cadence (the record's, now) after its period began. Moved, it is
        announced again by the scheduled check (``ddp.review.scheduled`` with the new date)."""
        cadence = record.review_cadence(policy)
        for sequence, review in self.by_sequence.items():
            if review.outcome is None and review.due_flagged_at is None:
                due_on = review.period_start.date() + timedelta(days=cadence)
                if due_on != review.due_on:
                    self.by_sequence[sequence] = replace(review, due_on=due_on, announced_at=None)

    def conclude(self, review_id: UUID, chair: str, outcome: RecordedOutcome) -> tuple[Review, list[DomainEvent]]:
        """The chair's outcome of one of the case's reviews (refused for anyone else, or a second time)."""
        review = next((r for r in self.by_sequence.values() if r.review_id == review_id), None)
        if review is None:
            raise Refusal("UNKNOWN_REVIEW", "review_id")
        concluded = review.concluded(chair, outcome)
        self.by_sequence[review.sequence] = concluded
        recorded = ReviewOutcomeRecorded(
            review.review_id,
            review.case_id,
            outcome.outcome,
            review.chaired_by,
            outcome.chairing_role,
            outcome.reviewed_on,
        )
        return concluded, [recorded]

    def check(
        self, today: date, overdue_after_days: int, now: datetime, pack: Callable[[Review], ReviewPack]
    ) -> list[DomainEvent]:
        """Announce new reviews, flag those reaching their due date (with the chair's pack) and those past
        the grace days. Every review event comes from this check, on its clock."""
        happened: list[DomainEvent] = []
        for sequence, review in list(self.by_sequence.items()):
            if review.outcome is not None:
                continue
            r = review
            if r.announced_at is None:
                r = r.announced(now)
                happened.append(
                    ReviewScheduled(r.review_id, r.case_id, r.sequence, r.due_on, r.chaired_by, r.policy_version)
                )
            if r.is_due(today):
                r = r.flagged_due(now)
                happened.append(ReviewDue(r.review_id, r.case_id, r.due_on, r.chaired_by))
                happened.append(ReviewPackIssued(r.review_id, r.case_id, r.due_on, r.chaired_by, pack(r)))
            if r.is_overdue(today, overdue_after_days):
                r = r.flagged_overdue(now)
                happened.append(ReviewOverdue(r.review_id, r.case_id, r.due_on, r.chaired_by, now))
            self.by_sequence[sequence] = r
        return happened
