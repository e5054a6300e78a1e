"""What happened to a case's sessions and attendance. Past tense; pseudonymous ids only, never notes."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceOutcome, Party


@dataclass(frozen=True)
class SessionScheduled:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    provider: str
    starts_at: datetime
    duration_minutes: int


@dataclass(frozen=True)
class SessionRescheduled:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    previous_starts_at: datetime
    starts_at: datetime
    requested_by: Party
    reason: str


@dataclass(frozen=True)
class SessionCancelled:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    cancelled_by: Party
    reason: str


@dataclass(frozen=True)
class SessionAttended:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: datetime
    late: bool
    engagement_rating: int


@dataclass(frozen=True)
class SessionMissed:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: datetime
    absence_category: AbsenceCategory


@dataclass(frozen=True)
class EngagementConcernRaised:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: datetime


@dataclass(frozen=True)
class AttendanceCorrected:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    corrects_attendance_id: UUID
    occurred_at: datetime
    outcome: AttendanceOutcome
    absence_category: AbsenceCategory | None
    engagement_rating: int | None
    concern: bool
    reason: str
