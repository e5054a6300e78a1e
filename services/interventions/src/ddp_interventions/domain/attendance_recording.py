"""Recording and correcting attendance. Late reports are fine: what counts is when the session happened."""

from datetime import datetime
from uuid import UUID, uuid4

from ddp_interventions.domain import events
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.session_delivery import provider_session
from ddp_interventions.domain.sessions import (
    Attendance,
    AttendanceFacts,
    AttendanceOutcome,
    Session,
    SessionStatus,
)


def _require_plausible(plan: Plan, facts: AttendanceFacts, now: datetime) -> None:
    if facts.occurred_at > now:
        raise Refusal("OCCURRED_IN_FUTURE", "occurred_at")
    plan.require_active_when(facts.occurred_at)


def record_attendance(plan: Plan, provider: str, session_id: UUID, facts: AttendanceFacts, now: datetime) -> None:
    """The one attendance record of a session: attended, late or absent; a concern is raised with it."""
    session = provider_session(plan, provider, session_id)
    _require_plausible(plan, facts, now)
    if session.status is SessionStatus.CANCELLED:
        raise Refusal("SESSION_NOT_SCHEDULED", "session_id")
    if session.current_attendance is not None:
        raise Refusal("ATTENDANCE_ALREADY_RECORDED", "session_id")
    attendance = Attendance(uuid4(), facts)
    session.attendance.append(attendance)
    session.status = SessionStatus.HELD
    plan.events.append(_outcome_event(plan, session, attendance))
    if facts.concern:
        plan.events.append(_concern(plan, session, attendance))


def correct_attendance(
    plan: Plan, provider: str, session_id: UUID, facts: AttendanceFacts, reason: str, now: datetime
) -> None:
    """A new record replaces the session's attendance; the earlier one stays in the history."""
    session = provider_session(plan, provider, session_id)
    _require_plausible(plan, facts, now)
    previous = session.current_attendance
    if previous is None:
        raise Refusal("ATTENDANCE_NOT_RECORDED", "session_id")
    attendance = Attendance(uuid4(), facts, corrects=previous.attendance_id, correction_reason=reason)
    session.attendance.append(attendance)
    plan.events.append(
        events.AttendanceCorrected(
            plan.case_id,
            session.intervention_id,
            session_id,
            attendance.attendance_id,
            previous.attendance_id,
            facts.occurred_at,
            facts.outcome,
            facts.absence_category,
            facts.engagement_rating,
            facts.concern,
            reason,
        )
    )
    if facts.concern and not previous.facts.concern:
        plan.events.append(_concern(plan, session, attendance))


def _outcome_event(plan: Plan, session: Session, attendance: Attendance) -> events.DomainEvent:
    facts = attendance.facts
    ids = (plan.case_id, session.intervention_id, session.session_id, attendance.attendance_id)
    if facts.outcome is AttendanceOutcome.ABSENT:
        assert facts.absence_category is not None  # the wire schema requires it for an absence
        return events.SessionMissed(*ids, facts.occurred_at, facts.absence_category)
    assert facts.engagement_rating is not None
    return events.SessionAttended(
        *ids, facts.occurred_at, facts.outcome is AttendanceOutcome.LATE, facts.engagement_rating
    )


def _concern(plan: Plan, session: Session, attendance: Attendance) -> events.EngagementConcernRaised:
    return events.EngagementConcernRaised(
        plan.case_id,
        session.intervention_id,
        session.session_id,
        attendance.attendance_id,
        attendance.facts.occurred_at,
    )
