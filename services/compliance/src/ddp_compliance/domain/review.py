"""Case reviews: when the next one is due, who chairs it, when it is overdue."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import NAMESPACE_URL, UUID, uuid5

_REVIEW_NAMESPACE = uuid5(NAMESPACE_URL, "urn:ddp:compliance:review")


@dataclass(frozen=True)
class Review:
    review_id: UUID
    case_id: UUID
    sequence: int
    due_on: date
    chaired_by: str
    policy_version: str
    period_start: datetime
    announced: bool = False
    due_flagged: bool = False
    overdue_flagged: bool = False
    outcome: str | None = None

    def is_due(self, today: date) -> bool:
        return self.outcome is None and not self.due_flagged and today >= self.due_on

    def is_overdue(self, today: date, overdue_after_days: int) -> bool:
        late = today > self.due_on + timedelta(days=overdue_after_days)
        return self.outcome is None and not self.overdue_flagged and late


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
