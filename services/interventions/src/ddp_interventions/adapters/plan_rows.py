"""Rows to domain objects and back, for plans, sessions and attendance."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row

from ddp_interventions.domain.custody import CustodyPeriod
from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.intervention import Intervention, InterventionStatus
from ddp_interventions.domain.plan import CaseStanding, Plan, PlanStatus
from ddp_interventions.domain.sessions import (
    AbsenceCategory,
    Attendance,
    AttendanceFacts,
    AttendanceOutcome,
    Party,
    Session,
    SessionStatus,
)


def plan_values(plan: Plan) -> dict[str, Any]:
    return {
        "plan_id": plan.plan_id,
        "case_id": plan.case_id,
        "status": plan.status.value,
        "rules_version": plan.rules_version,
        "interventions": [intervention_to_json(i) for i in plan.interventions],
        "standing": plan.standing.value,
        "standing_since": plan.standing_since,
        "custody": [
            {"starts_at": p.starts_at.isoformat(), "ends_at": p.ends_at.isoformat() if p.ends_at else None}
            for p in plan.custody
        ],
    }


def plan_from_row(row: Row[Any]) -> Plan:
    """The plan without its sessions (loaded from their own table)."""
    return Plan(
        row.plan_id,
        row.case_id,
        PlanStatus(row.status),
        [intervention_from_json(i) for i in row.interventions],
        row.rules_version,
        CaseStanding(row.standing),
        row.standing_since,
        custody=[CustodyPeriod(datetime.fromisoformat(p["starts_at"]), _moment(p["ends_at"])) for p in row.custody],
    )


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def intervention_to_json(intervention: Intervention) -> dict[str, Any]:
    return {
        "intervention_id": str(intervention.intervention_id),
        "kind": intervention.kind.value,
        "addresses": list(intervention.addresses),
        "status": intervention.status.value,
        "provider": intervention.provider,
    }


def intervention_from_json(data: dict[str, Any]) -> Intervention:
    return Intervention(
        UUID(data["intervention_id"]),
        InterventionKind(data["kind"]),
        tuple(data["addresses"]),
        InterventionStatus(data.get("status", InterventionStatus.UNASSIGNED.value)),
        data.get("provider"),
    )


def session_values(case_id: Any, session: Session) -> dict[str, Any]:
    return {
        "session_id": session.session_id,
        "case_id": case_id,
        "intervention_id": session.intervention_id,
        "provider": session.provider,
        "starts_at": session.starts_at,
        "duration_minutes": session.duration_minutes,
        "status": session.status.value,
        "cancelled_by": session.cancelled_by.value if session.cancelled_by else None,
        "cancellation_reason": session.cancellation_reason,
    }


def session_from_row(row: Row[Any]) -> Session:
    return Session(
        row.session_id,
        row.intervention_id,
        row.provider,
        row.starts_at,
        row.duration_minutes,
        SessionStatus(row.status),
        Party(row.cancelled_by) if row.cancelled_by else None,
        row.cancellation_reason,
    )


def attendance_values(case_id: Any, session_id: Any, record: Attendance) -> dict[str, Any]:
    facts = record.facts
    return {
        "attendance_id": record.attendance_id,
        "case_id": case_id,
        "session_id": session_id,
        "occurred_at": facts.occurred_at,
        "outcome": facts.outcome.value,
        "absence_category": facts.absence_category.value if facts.absence_category else None,
        "engagement_rating": facts.engagement_rating,
        "concern": facts.concern,
        "notes": facts.notes,
        "corrects": record.corrects,
        "correction_reason": record.correction_reason,
    }


def attendance_from_row(row: Row[Any]) -> Attendance:
    facts = AttendanceFacts(
        row.occurred_at,
        AttendanceOutcome(row.outcome),
        AbsenceCategory(row.absence_category) if row.absence_category else None,
        row.engagement_rating,
        row.concern,
        row.notes,
    )
    return Attendance(row.attendance_id, facts, row.corrects, row.correction_reason)
