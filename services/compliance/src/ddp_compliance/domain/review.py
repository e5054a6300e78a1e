"""Case reviews: when the next one is due, who chairs it, when it is overdue, and its outcome."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from uuid import NAMESPACE_URL, UUID, uuid5

from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import DecidingRole, ReviewOutcome

_REVIEW_NAMESPACE = uuid5(NAMESPACE_URL, "urn:ddp:compliance:review")


@dataclass(frozen=True)
class RecordedOutcome:
    outcome: ReviewOutcome
    chairing_role: DecidingRole
    reviewed_on: date
    recorded_at: datetime


@dataclass(frozen=True)
class Review:
    review_id: UUID
    case_id: UUID
    sequence: int
    due_on: date
    chaired_by: str
    policy_version: str
    period_start: datetime
    announced_at: datetime | None = None
    due_flagged_at: datetime | None = None
    overdue_flagged_at: datetime | None = None
    outcome: RecordedOutcome | None = None

    def is_due(self, today: date) -> bool:
        return self.outcome is None and self.due_flagged_at is None and today >= self.due_on

    def is_overdue(self, today: date, overdue_after_days: int) -> bool:
        late = today > self.due_on + timedelta(days=overdue_after_days)
        return self.outcome is None and self.overdue_flagged_at is None and late

    def announced(self, at: datetime) -> "Review":
        return replace(self, announced_at=at)

    def flagged_due(self, at: datetime) -> "Review":
        return replace(self, due_flagged_at=at)

    def flagged_overdue(self, at: datetime) -> "Review":
        return replace(self, overdue_flagged_at=at)

    def concluded(self, chair: str, outcome: RecordedOutcome) -> "Review":
        """Only the review's chair records its outcome, once."""
        if chair != self.chaired_by:
            raise Refusal("NOT_REVIEW_CHAIR")
        if self.outcome is not None:
            raise Refusal("REVIEW_ALREADY_RECORDED", "review_id")
        return replace(self, outcome=outcome)


def next_review(
    case_id: UUID,
    sequence: int,
    last_reviewed_on: date,
    cadence_days: int,
    chaired_by: str,
    policy_version: str,
    period_start: datetime,
) -> Review:
    """The review after ``last_reviewed_on`` (or the case opening); its id is derived so it is minted once."""
    return Review(
        review_id=uuid5(_REVIEW_NAMESPACE, f"{case_id}|{sequence}"),
        case_id=case_id,
        sequence=sequence,
        due_on=last_reviewed_on + timedelta(days=cadence_days),
        chaired_by=chaired_by,
        policy_version=policy_version,
        period_start=period_start,
    )
