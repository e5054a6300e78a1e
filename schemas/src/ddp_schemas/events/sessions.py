"""Session and attendance events the interventions service writes on ``ddp.interventions.events``.

Keyed by ``case_id``. Attendance events carry when the session happened (``occurred_at``):
a provider may report late, so order them by that, not by arrival. Providers' notes never
leave the interventions service.
"""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime

from ddp_schemas.event import Event
from ddp_schemas.events.session_vocabulary import (
    AbsenceCategory,
    AttendanceOutcome,
    CorrectionReason,
    Party,
    SessionChangeReason,
)
from ddp_schemas.events.vocabulary import Agency


class SessionScheduled(Event):
    """A provider scheduled a session of an intervention assigned to it."""

    event_type: ClassVar[str] = "ddp.session.scheduled"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    provider: Agency
    starts_at: AwareDatetime
    duration_minutes: int


class SessionRescheduled(Event):
    """A scheduled session moved, at the provider's or the person's request."""

    event_type: ClassVar[str] = "ddp.session.rescheduled"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    previous_starts_at: AwareDatetime
    starts_at: AwareDatetime
    requested_by: Party
    reason: SessionChangeReason


class SessionCancelled(Event):
    """A scheduled session will not take place; ``cancelled_by`` says on whose behalf."""

    event_type: ClassVar[str] = "ddp.session.cancelled"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    cancelled_by: Party
    reason: SessionChangeReason


class SessionAttended(Event):
    """The person came to the session (``late`` if after its start), with the provider's engagement rating."""

    event_type: ClassVar[str] = "ddp.session.attended"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: AwareDatetime
    late: bool
    engagement_rating: int


class SessionMissed(Event):
    """The person did not come; ``absence_category`` says whether it can count as non-compliance."""

    event_type: ClassVar[str] = "ddp.session.missed"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: AwareDatetime
    absence_category: AbsenceCategory


class EngagementConcernRaised(Event):
    """A provider flagged a concern about the person's engagement at a session (details stay with the service)."""

    event_type: ClassVar[str] = "ddp.engagement.concern_raised"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    occurred_at: AwareDatetime


class AttendanceCorrected(Event):
    """A provider corrected a session's attendance: ``attendance_id`` replaces ``corrects_attendance_id``."""

    event_type: ClassVar[str] = "ddp.attendance.corrected"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    attendance_id: UUID
    corrects_attendance_id: UUID
    occurred_at: AwareDatetime
    outcome: AttendanceOutcome
    absence_category: AbsenceCategory | None = None
    engagement_rating: int | None = None
    concern: bool
    reason: CorrectionReason
