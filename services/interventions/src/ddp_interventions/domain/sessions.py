"""Sessions of an intervention and the attendance recorded for them."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class SessionStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"
    HELD = "HELD"  # attendance was recorded, whether the person came or not


class Party(StrEnum):
    PROVIDER = "PROVIDER"
    PERSON = "PERSON"


class AttendanceOutcome(StrEnum):
    ATTENDED = "ATTENDED"
    LATE = "LATE"
    ABSENT = "ABSENT"


class AbsenceCategory(StrEnum):
    ACCEPTABLE = "ACCEPTABLE"
    UNACCEPTABLE = "UNACCEPTABLE"
    LOGISTICAL = "LOGISTICAL"


@dataclass(frozen=True)
class AttendanceFacts:
    """What a provider reports about a session. ``notes`` is sensitive and never leaves the service."""

    occurred_at: datetime
    outcome: AttendanceOutcome
    absence_category: AbsenceCategory | None
    engagement_rating: int | None
    concern: bool
    notes: str | None = None


@dataclass(frozen=True)
class Attendance:
    """One attendance record; a correction is a new record that ``corrects`` the one it replaces."""

    attendance_id: UUID
    facts: AttendanceFacts
    corrects: UUID | None = None
    correction_reason: str | None = None


@dataclass
class Session:
    session_id: UUID
    intervention_id: UUID
    provider: str
    starts_at: datetime
    duration_minutes: int
    status: SessionStatus = SessionStatus.SCHEDULED
    cancelled_by: Party | None = None
    cancellation_reason: str | None = None
    attendance: list[Attendance] = field(default_factory=list)  # in the order recorded; the last one stands

    @property
    def current_attendance(self) -> Attendance | None:
        return self.attendance[-1] if self.attendance else None

    @property
    def offered(self) -> bool:
        """Offered to the person: every session except those the provider itself called off."""
        return not (self.status is SessionStatus.CANCELLED and self.cancelled_by is Party.PROVIDER)
