"""Composition root: wires the compliance handlers and scheduled checks into the delivery runtime."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial

from ddp_compliance.adapters.orm import messaging
from ddp_compliance.domain.policy import Policy, default_policy
from ddp_compliance.entrypoints.scheduled_checks_job import scheduled_checks_job
from ddp_compliance.service_layer import decisions, handlers, reporting, reviews
from ddp_compliance.settings import ComplianceSettings
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.event import Event
from ddp_schemas.events import authority_inbound, interventions, referrals, sessions
from ddp_schemas.topics import load_topic_registry

LIFECYCLE: dict[type[Event], Callable[..., Awaitable[None]]] = {
    referrals.CaseOpened: handlers.open_compliance_record,
    referrals.CaseSuspended: handlers.record_suspension,
    referrals.CaseResumed: handlers.record_resumption,
    referrals.CaseClosed: handlers.close_record,
    referrals.MandateChanged: handlers.apply_mandate_change,
    interventions.PlanAgreed: handlers.record_plan_change,
    interventions.PlanAdjusted: handlers.record_plan_change,
    sessions.SessionAttended: reporting.record_attendance,
    sessions.SessionMissed: reporting.record_attendance,
    sessions.EngagementConcernRaised: reporting.record_attendance,
    sessions.AttendanceCorrected: reporting.record_correction,
    authority_inbound.ReviewOutcomeSubmitted: reviews.record_review_outcome,
}


def now() -> datetime:
    return datetime.now(UTC)


def build(
    settings: ComplianceSettings | None = None,
    clock: Callable[[], datetime] = now,
    policy: Policy | None = None,
) -> ServiceRuntime:
    """The service; ``clock`` decides "now" for escalations and the scheduled checks (tests move it)."""
    settings = settings or ComplianceSettings()
    policy = policy or default_policy()
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="compliance",
        tables=messaging,
        handlers={
            **{
                event.event_type: partial(handler, registry=registry, policy=policy, clock=clock)
                for event, handler in LIFECYCLE.items()
            },
            authority_inbound.BreachDecisionSubmitted.event_type: partial(
                decisions.record_breach_decision, registry=registry
            ),
        },
        migrations_package="ddp_compliance",
        background=[scheduled_checks_job(settings.scheduled_check_interval_seconds, clock, policy)],
    )
    return ServiceRuntime(definition, settings)
