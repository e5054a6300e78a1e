"""What compliance is asked to do, one command per inbound event type, in the domain's terms.

Reports name the event that reported them (``Report``): its id is the identity of what it reported,
so a report is kept once and cited as evidence by that id. Decisions and review outcomes carry
their ``origin`` (the agency whose topic they came on): only the responsible authority decides,
only the chair records a review's outcome.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.facts import Report
from ddp_compliance.domain.record import MandateTerms
from ddp_compliance.domain.vocabulary import (
    AbsenceCategory,
    AttendanceOutcome,
    BreachDecision,
    DecidingRole,
    ReviewOutcome,
)


@dataclass(frozen=True)
class OpenComplianceRecord:
    case_id: UUID
    mandate: MandateTerms
    mappa_level: int | None


@dataclass(frozen=True)
class RecordSuspension:
    """Suspended from ``since``: the start of the day the recall took effect."""

    suspension_id: UUID
    case_id: UUID
    since: datetime


@dataclass(frozen=True)
class RecordResumption:
    """Suspended until ``until``: the end of the day of release (a session that day never counts)."""

    resumption_id: UUID
    case_id: UUID
    until: datetime


@dataclass(frozen=True)
class CloseRecord:
    """Closed from ``ends_at``: the start of the first day the case no longer ran."""

    closure_id: UUID
    case_id: UUID
    ends_at: datetime


@dataclass(frozen=True)
class ChangeMandate:
    """The mandate's terms from ``since`` (the start of the day the change took effect)."""

    variation_id: UUID
    case_id: UUID
    mandate: MandateTerms
    since: datetime
    recorded_at: datetime  # when referrals recorded the change: of two from one date, the later stands


@dataclass(frozen=True)
class ChangeRisk:
    """The case's MAPPA level now (None: not changed; only the needs were amended)."""

    case_id: UUID
    mappa_level: int | None


@dataclass(frozen=True)
class RecordPlanChange:
    """A plan agreed or adjusted, counted for the review pack."""

    report: Report
    case_id: UUID
    at: datetime


@dataclass(frozen=True)
class RecordAttendance:
    report: Report
    case_id: UUID
    attendance_id: UUID
    occurred_at: datetime
    late: bool


@dataclass(frozen=True)
class RecordAbsence:
    report: Report
    case_id: UUID
    attendance_id: UUID
    occurred_at: datetime
    absence: AbsenceCategory


@dataclass(frozen=True)
class RecordEngagementConcern:
    report: Report
    case_id: UUID
    attendance_id: UUID
    occurred_at: datetime


@dataclass(frozen=True)
class CorrectAttendance:
    """``attendance_id`` replaces ``corrects_attendance_id``; it may also report a concern."""

    report: Report
    case_id: UUID
    attendance_id: UUID
    corrects_attendance_id: UUID
    occurred_at: datetime
    outcome: AttendanceOutcome
    absence: AbsenceCategory | None
    concern: bool


@dataclass(frozen=True)
class RecordBreachDecision:
    escalation_id: UUID
    case_id: UUID
    decision: BreachDecision
    deciding_role: DecidingRole
    rationale: str
    decided_at: datetime
    origin: str


@dataclass(frozen=True)
class RecordReviewOutcome:
    review_id: UUID
    case_id: UUID
    outcome: ReviewOutcome
    chairing_role: DecidingRole
    reviewed_on: date
    origin: str


@dataclass(frozen=True)
class FlagOverdueReferrals:
    """The scheduled check: breach referrals past their decision limit, up to ``limit`` of them."""

    limit: int


@dataclass(frozen=True)
class CheckReviews:
    """The scheduled check: reviews to announce, falling due or overdue, on up to ``limit`` cases."""

    limit: int
