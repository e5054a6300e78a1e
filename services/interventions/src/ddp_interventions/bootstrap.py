"""Composition root: which use case acts on which event type, and what each is given to do it."""

from collections.abc import Awaitable, Callable

from ddp_interventions.adapters import inbound_translation as translate
from ddp_interventions.adapters.orm import messaging
from ddp_interventions.adapters.repository import read_plans_ahead
from ddp_interventions.adapters.unit_of_work import SqlUnitOfWork
from ddp_interventions.domain.drafting_rules import default_rules
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.service_layer import (
    attendance_recording,
    plans,
    programme_decisions,
    provider_assignments,
    session_delivery,
)
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.clock import Clock, system_clock
from ddp_messaging.handling import Translate, use_case_handlers
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.event import Event
from ddp_schemas.events import programme_inbound as programme
from ddp_schemas.events import provider_inbound as provider
from ddp_schemas.events import referrals, reviews
from ddp_schemas.topics import TopicKind, TopicRegistry, load_topic_registry

UseCase = Callable[..., Awaitable[None]]

ROUTES: dict[type[Event], tuple[Translate, UseCase]] = {
    # wire type -> (translate, use case); the topic registry says which origins may send each
    referrals.CaseOpened: (translate.draft_plan, plans.draft_plan),
    referrals.CaseSuspended: (translate.pause_plan, plans.pause_plan),
    referrals.CaseResumed: (translate.resume_plan, plans.resume_plan),
    referrals.CaseClosed: (translate.end_plan, plans.end_plan),
    reviews.ReviewOutcomeRecorded: (translate.review_plan, plans.review_plan),
    referrals.CaseAmended: (translate.review_plan_for_needs, plans.review_plan_for_needs),
    programme.PlanAgreementSubmitted: (translate.agree_plan, programme_decisions.agree_plan),
    programme.PlanAdjustmentSubmitted: (translate.adjust_plan, programme_decisions.adjust_plan),
    programme.ProviderAssignmentSubmitted: (translate.assign_provider, programme_decisions.assign_provider),
    provider.AssignmentResponseSubmitted: (translate.answer_assignment, provider_assignments.answer_assignment),
    provider.SessionScheduleSubmitted: (translate.schedule_session, session_delivery.schedule_session),
    provider.SessionRescheduleSubmitted: (translate.reschedule_session, session_delivery.reschedule_session),
    provider.SessionCancellationSubmitted: (translate.cancel_session, session_delivery.cancel_session),
    provider.AttendanceSubmitted: (translate.record_attendance, attendance_recording.record_attendance),
    provider.AttendanceCorrectionSubmitted: (translate.correct_attendance, attendance_recording.correct_attendance),
    provider.InterventionCompletionSubmitted: (
        translate.complete_intervention,
        provider_assignments.complete_intervention,
    ),
}


def providers(registry: TopicRegistry) -> frozenset[str]:
    """Intervention providers: the agencies whose inbound topic carries sessions for this service."""
    return frozenset(
        topic.owner
        for topic in registry.topics
        if topic.kind is TopicKind.INBOUND
        and registry.acts_on("interventions", topic.name, provider.SessionScheduleSubmitted.event_type)
    )


def build(settings: InterventionsSettings | None = None, clock: Clock = system_clock) -> ServiceRuntime:
    """The service; ``clock`` decides what "now" is for attendance, which may not be in the future (tests move it)."""
    settings = settings or InterventionsSettings()
    registry = load_topic_registry()
    definition = ServiceDefinition(
        name="interventions",
        tables=messaging,
        migrations_package="ddp_interventions",
        handlers=use_case_handlers(
            ROUTES,
            unit_of_work=SqlUnitOfWork.for_delivery,
            refusal=Refusal,
            dependencies={"clock": clock, "rules": default_rules(), "providers": providers(registry)},
        ),
        read_ahead=read_plans_ahead,
    )
    return ServiceRuntime(definition, settings)
