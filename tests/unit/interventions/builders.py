"""Builders for interventions domain objects: a drafted plan, an agreed one with providers that accepted."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from ddp_interventions.domain.drafting_rules import InterventionKind, default_rules
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.programme_decisions import agree_plan, assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment
from ddp_interventions.domain.session_delivery import schedule_session
from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceFacts, AttendanceOutcome

NORTHSTAR = "provider-northstar"
MERIDIAN = "provider-meridian"
PROVIDERS = frozenset({NORTHSTAR, MERIDIAN})
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def drafted_plan(needs: tuple[str, ...] = ("HOUSING",)) -> Plan:
    """Mentoring and practical support, drafted; its events cleared."""
    plan = Plan.draft(uuid4(), list(needs), default_rules())
    plan.events.clear()
    return plan


def kind_id(plan: Plan, kind: InterventionKind) -> UUID:
    return next(i.intervention_id for i in plan.interventions if i.kind is kind)


def agreed_plan() -> Plan:
    """Agreed; mentoring accepted by Northstar, practical support accepted by Meridian; events cleared."""
    plan = drafted_plan()
    agree_plan(plan, plan.plan_id)
    for kind, provider in ((InterventionKind.MENTORING, NORTHSTAR), (InterventionKind.PRACTICAL_SUPPORT, MERIDIAN)):
        assign_provider(plan, kind_id(plan, kind), provider, PROVIDERS, NOW)
        answer_assignment(plan, provider, kind_id(plan, kind), True, None)
    plan.events.clear()
    return plan


def with_session(plan: Plan, starts_at: datetime = NOW - timedelta(days=1)) -> UUID:
    """A Northstar mentoring session on ``plan``; events cleared."""
    session_id = uuid4()
    schedule_session(plan, NORTHSTAR, kind_id(plan, InterventionKind.MENTORING), session_id, starts_at, 60)
    plan.events.clear()
    return session_id


def attended(at: datetime = NOW - timedelta(days=1), rating: int = 4, concern: bool = False) -> AttendanceFacts:
    return AttendanceFacts(at, AttendanceOutcome.ATTENDED, None, rating, concern, "sensitive note")


def late(at: datetime = NOW - timedelta(days=1)) -> AttendanceFacts:
    return AttendanceFacts(at, AttendanceOutcome.LATE, None, 3, False)


def absent(category: AbsenceCategory, at: datetime = NOW - timedelta(days=1), concern: bool = False) -> AttendanceFacts:
    return AttendanceFacts(at, AttendanceOutcome.ABSENT, category, None, concern)
