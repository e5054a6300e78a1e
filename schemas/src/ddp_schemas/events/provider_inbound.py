"""Events an intervention provider sends on its ``ddp.inbound.provider-<name>`` topic. Keyed by ``case_id``.

A provider acts only on interventions assigned to it. Session ids are minted by the provider
(a UUID per session) and name the session in every later message about it.
"""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator

from ddp_schemas.event import Event
from ddp_schemas.events.session_vocabulary import (
    AbsenceCategory,
    AssignmentResponse,
    AttendanceOutcome,
    CompletionOutcome,
    CorrectionReason,
    DeclineReason,
    Party,
    SessionChangeReason,
)


class AssignmentResponseSubmitted(Event):
    """The provider accepts or declines an intervention assigned to it; a decline gives its reason."""

    event_type: ClassVar[str] = "ddp.provider.assignment_response_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    response: AssignmentResponse
    decline_reason: DeclineReason | None = None

    @model_validator(mode="after")
    def _reason_only_for_decline(self) -> "AssignmentResponseSubmitted":
        if (self.response is AssignmentResponse.DECLINE) != (self.decline_reason is not None):
            raise ValueError("decline_reason is required for a decline and only for a decline")
        return self


class SessionScheduleSubmitted(Event):
    """The provider schedules a session of an accepted intervention."""

    event_type: ClassVar[str] = "ddp.session.schedule_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(ge=5, le=480)


class SessionRescheduleSubmitted(Event):
    """The provider moves a scheduled session, at its own or the person's request."""

    event_type: ClassVar[str] = "ddp.session.reschedule_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    session_id: UUID
    starts_at: AwareDatetime
    requested_by: Party
    reason: SessionChangeReason


class SessionCancellationSubmitted(Event):
    """The provider cancels a scheduled session, on its own behalf or the person's."""

    event_type: ClassVar[str] = "ddp.session.cancellation_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    session_id: UUID
    cancelled_by: Party
    reason: SessionChangeReason


class _AttendanceFacts(Event):
    """What happened at a session. ``notes`` is sensitive: stored, never logged or shared."""

    case_id: UUID
    session_id: UUID
    occurred_at: AwareDatetime
    outcome: AttendanceOutcome
    absence_category: AbsenceCategory | None = None
    engagement_rating: int | None = Field(default=None, ge=1, le=5, description="1 disengaged .. 5 fully engaged")
    concern: bool = False
    notes: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _coherent_outcome(self) -> "_AttendanceFacts":
        absent = self.outcome is AttendanceOutcome.ABSENT
        if absent != (self.absence_category is not None):
            raise ValueError("absence_category is required for an absence and only for an absence")
        if absent == (self.engagement_rating is not None):
            raise ValueError("engagement_rating is required when the person came, and absent otherwise")
        return self


class AttendanceSubmitted(_AttendanceFacts):
    """Attendance at a session: attended, late or absent (with the absence's category). Once per session."""

    event_type: ClassVar[str] = "ddp.attendance.submitted"
    version: ClassVar[int] = 1


class AttendanceCorrectionSubmitted(_AttendanceFacts):
    """Replaces the attendance recorded for a session; the earlier record stays in the history."""

    event_type: ClassVar[str] = "ddp.attendance.correction_submitted"
    version: ClassVar[int] = 1

    correction_reason: CorrectionReason


class InterventionCompletionSubmitted(Event):
    """The provider reports an intervention delivered to its end."""

    event_type: ClassVar[str] = "ddp.intervention.completion_submitted"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    outcome: CompletionOutcome
