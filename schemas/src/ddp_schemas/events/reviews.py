"""Case review events the compliance service writes. Keyed by ``case_id``.

Every open case has a next review; the chairing agency gets the review pack on its
outbound topic and sends the outcome back on its inbound topic.
"""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.compliance_vocabulary import (
    AttendanceFigures,
    DecidingRole,
    EscalationSummary,
    ReviewOutcome,
)
from ddp_schemas.events.vocabulary import Agency


class ReviewScheduled(Event):
    """The case's next review, due by the policy's cadence for its mandate type and risk level."""

    event_type: ClassVar[str] = "ddp.review.scheduled"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    sequence: int = Field(ge=1)
    due_on: date
    chaired_by: Agency
    policy_version: str


class ReviewDue(Event):
    """A scheduled review has reached its due date."""

    event_type: ClassVar[str] = "ddp.review.due"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    due_on: date
    chaired_by: Agency


class ReviewOverdue(Event):
    """A review is past its due date and the policy's grace, with no outcome recorded."""

    event_type: ClassVar[str] = "ddp.review.overdue"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    due_on: date
    chaired_by: Agency
    flagged_at: datetime


class ReviewPackIssued(Event):
    """What happened since the last review, for the chairing agency (on its outbound topic)."""

    event_type: ClassVar[str] = "ddp.review.pack_issued"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    due_on: date
    period_start: datetime
    period_end: datetime
    attendance: AttendanceFigures
    engagement_concerns: int = Field(ge=0)
    escalations: list[EscalationSummary]
    plan_changes: int = Field(ge=0)


class ReviewOutcomeRecorded(Event):
    """The chairing agency's review outcome, applied; the next review is scheduled after it."""

    event_type: ClassVar[str] = "ddp.review.outcome_recorded"
    version: ClassVar[int] = 1

    review_id: UUID
    case_id: UUID
    outcome: ReviewOutcome
    chaired_by: Agency
    chairing_role: DecidingRole
    reviewed_on: date
