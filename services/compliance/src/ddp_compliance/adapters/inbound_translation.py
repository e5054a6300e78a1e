"""From the interventions service's attendance events to the facts compliance keeps."""

from uuid import UUID

from ddp_compliance.adapters.facts import Fact
from ddp_schemas.event import Event
from ddp_schemas.events.compliance_vocabulary import InstanceCategory
from ddp_schemas.events.session_vocabulary import AbsenceCategory, AttendanceOutcome
from ddp_schemas.events.sessions import AttendanceCorrected, EngagementConcernRaised, SessionAttended, SessionMissed


def reported_facts(event_id: UUID, event: Event) -> list[Fact]:
    """The facts one event reports; an unacceptable absence and a concern are non-compliance instances."""
    if isinstance(event, SessionAttended):
        outcome = AttendanceOutcome.LATE if event.late else AttendanceOutcome.ATTENDED
        return [_attendance(event_id, event, outcome.value, None)]
    if isinstance(event, SessionMissed):
        return [_attendance(event_id, event, AttendanceOutcome.ABSENT.value, event.absence_category)]
    if isinstance(event, EngagementConcernRaised):
        return [_concern(event_id, event)]
    if isinstance(event, AttendanceCorrected):
        facts = [_attendance(event_id, event, event.outcome.value, event.absence_category)]
        return facts + ([_concern(event_id, event)] if event.concern else [])
    raise TypeError(f"no facts in {type(event).__name__}")


def _attendance(
    event_id: UUID,
    event: SessionAttended | SessionMissed | AttendanceCorrected,
    outcome: str,
    absence: AbsenceCategory | None,
) -> Fact:
    unacceptable = absence is AbsenceCategory.UNACCEPTABLE and outcome == AttendanceOutcome.ABSENT.value
    return Fact(
        event_id=event_id,
        kind="ATTENDANCE",
        case_id=event.case_id,
        attendance_id=event.attendance_id,
        event_type=event.event_type,
        occurred_at=event.occurred_at,
        outcome=outcome,
        absence_category=absence.value if absence else None,
        counts_as=InstanceCategory.UNACCEPTABLE_ABSENCE if unacceptable else None,
    )


def _concern(event_id: UUID, event: EngagementConcernRaised | AttendanceCorrected) -> Fact:
    return Fact(
        event_id=event_id,
        kind="CONCERN",
        case_id=event.case_id,
        attendance_id=event.attendance_id,
        event_type=event.event_type,
        occurred_at=event.occurred_at,
        counts_as=InstanceCategory.ENGAGEMENT_CONCERN,
    )
