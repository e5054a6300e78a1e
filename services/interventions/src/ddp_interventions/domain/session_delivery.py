"""Arranging sessions: a provider schedules, moves and cancels sessions of interventions it accepted."""

from datetime import datetime
from uuid import UUID

from ddp_interventions.domain import events
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.sessions import Party, Session, SessionStatus


def provider_session(plan: Plan, provider: str, session_id: UUID) -> Session:
    """The session, if it belongs to this case and to the sending provider."""
    session = plan.sessions.get(session_id)
    if session is None:
        raise Refusal("UNKNOWN_SESSION", "session_id")
    if session.provider != provider:
        raise Refusal("NOT_ASSIGNED_PROVIDER", "session_id")
    return session


def schedule_session(
    plan: Plan,
    provider: str,
    intervention_id: UUID,
    session_id: UUID,
    starts_at: datetime,
    duration_minutes: int,
    *,
    session_id_taken: bool = False,
) -> None:
    """``session_id_taken``: the id already names a session of another case."""
    plan.intervention(intervention_id).require_delivered_by(provider)
    plan.require_sessions_possible()
    if session_id_taken or session_id in plan.sessions:
        raise Refusal("SESSION_ID_IN_USE", "session_id")
    plan.sessions[session_id] = Session(session_id, intervention_id, provider, starts_at, duration_minutes)
    plan.events.append(
        events.SessionScheduled(plan.case_id, intervention_id, session_id, provider, starts_at, duration_minutes)
    )


def reschedule_session(
    plan: Plan, provider: str, session_id: UUID, starts_at: datetime, requested_by: Party, reason: str
) -> None:
    session = provider_session(plan, provider, session_id)
    plan.intervention(session.intervention_id).require_delivered_by(provider)
    plan.require_sessions_possible()
    if session.status is not SessionStatus.SCHEDULED:
        raise Refusal("SESSION_NOT_SCHEDULED", "session_id")
    previous, session.starts_at = session.starts_at, starts_at
    plan.events.append(
        events.SessionRescheduled(
            plan.case_id, session.intervention_id, session_id, previous, starts_at, requested_by, reason
        )
    )


def cancel_session(plan: Plan, provider: str, session_id: UUID, cancelled_by: Party, reason: str) -> None:
    """Allowed whatever the case's standing: calling a session off never needs the case to be active."""
    session = provider_session(plan, provider, session_id)
    if session.status is not SessionStatus.SCHEDULED:
        raise Refusal("SESSION_NOT_SCHEDULED", "session_id")
    session.status, session.cancelled_by, session.cancellation_reason = SessionStatus.CANCELLED, cancelled_by, reason
    plan.events.append(events.SessionCancelled(plan.case_id, session.intervention_id, session_id, cancelled_by, reason))
