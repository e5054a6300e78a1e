"""Composition root: wires the interventions handlers into the delivery runtime."""

from datetime import UTC, datetime
from functools import partial

from ddp_interventions.adapters.orm import messaging
from ddp_interventions.domain.drafting_rules import default_rules
from ddp_interventions.service_layer import handlers, programme_handlers, provider_handlers
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.handling import Handler
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.events import programme_inbound, provider_inbound, referrals, reviews
from ddp_schemas.topics import TopicKind, TopicRegistry, load_topic_registry


def now() -> datetime:
    return datetime.now(UTC)


def providers(registry: TopicRegistry) -> frozenset[str]:
    """Intervention providers: the agencies whose inbound topic carries sessions for this service."""
    return frozenset(
        topic.owner
        for topic in registry.topics
        if topic.kind is TopicKind.INBOUND
        and registry.acts_on("interventions", topic.name, provider_inbound.SessionScheduleSubmitted.event_type)
    )


def handlers_for(registry: TopicRegistry) -> dict[str, Handler]:
    inbound = provider_inbound
    return {
        referrals.CaseOpened.event_type: partial(handlers.draft_plan, registry=registry, rules=default_rules()),
        referrals.CaseSuspended.event_type: partial(handlers.pause_plan, registry=registry),
        referrals.CaseResumed.event_type: partial(handlers.resume_plan, registry=registry),
        referrals.CaseClosed.event_type: partial(handlers.end_plan, registry=registry),
        reviews.ReviewOutcomeRecorded.event_type: partial(handlers.review_plan, registry=registry),
        programme_inbound.PlanAgreementSubmitted.event_type: partial(programme_handlers.agree, registry=registry),
        programme_inbound.PlanAdjustmentSubmitted.event_type: partial(programme_handlers.adjust, registry=registry),
        programme_inbound.ProviderAssignmentSubmitted.event_type: partial(
            programme_handlers.assign, registry=registry, providers=providers(registry)
        ),
        inbound.AssignmentResponseSubmitted.event_type: partial(provider_handlers.answer, registry=registry),
        inbound.SessionScheduleSubmitted.event_type: partial(provider_handlers.schedule, registry=registry),
        inbound.SessionRescheduleSubmitted.event_type: partial(provider_handlers.reschedule, registry=registry),
        inbound.SessionCancellationSubmitted.event_type: partial(provider_handlers.cancel, registry=registry),
        inbound.AttendanceSubmitted.event_type: partial(provider_handlers.record, registry=registry, now=now),
        inbound.AttendanceCorrectionSubmitted.event_type: partial(
            provider_handlers.correct, registry=registry, now=now
        ),
        inbound.InterventionCompletionSubmitted.event_type: partial(provider_handlers.complete, registry=registry),
    }


def build(settings: InterventionsSettings | None = None) -> ServiceRuntime:
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="interventions",
        tables=messaging,
        handlers=handlers_for(registry),
        migrations_package="ddp_interventions",
    )
    return ServiceRuntime(definition, settings or InterventionsSettings())
