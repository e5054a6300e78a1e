"""Arranging sessions: a provider schedules, moves and cancels sessions of interventions it accepted."""

from datetime import datetime
from uuid import UUID

from ddp_interventions.domain import events
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.sessions import Party, Session, SessionStatus

# Why the platform calls a session off when its intervention moves to another provider.
REASSIGNED = "PROVIDER_REASSIGNED"


def provider_session(plan: Plan, provider: str, session_id: UUID) -> Session:
    """The session, if it belongs to this case and the sending provider held or holds it.

    A provider the intervention moved away from still reports the sessions it held (it alone
    knows what happened at them); its sessions not yet due were called off when it was replaced.
    """
    session = plan.sessions.get(session_id)
    if session is None:
        raise Refusal("UNKNOWN_SESSION", "session_id")
    if session.provider != provider:
        raise Refusal("NOT_ASSIGNED_PROVIDER", "session_id")
    return session


def current_provider_session(plan: Plan, provider: str, session_id: UUID) -> Session:
    """The session, if the sending provider still delivers its intervention: only it arranges sessions."""
    session = provider_session(plan, provider, session_id)
    if plan.intervention(session.intervention_id).provider != provider:
        raise Refusal("PROVIDER_REASSIGNED", "session_id")
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
    session = current_provider_session(plan, provider, session_id)
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
    session = current_provider_session(plan, provider, session_id)
    if session.status is not SessionStatus.SCHEDULED:
        raise Refusal("SESSION_NOT_SCHEDULED", "session_id")
    call_off(plan, session, cancelled_by, reason)


def call_off(plan: Plan, session: Session, cancelled_by: Party, reason: str) -> None:
    session.status, session.cancelled_by, session.cancellation_reason = SessionStatus.CANCELLED, cancelled_by, reason
    plan.events.append(
        events.SessionCancelled(plan.case_id, session.intervention_id, session.session_id, cancelled_by, reason)
    )
