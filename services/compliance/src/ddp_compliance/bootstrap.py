"""Composition root: the compliance use cases and scheduled checks, wired into the delivery runtime."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import inbound_translation as translate
from ddp_compliance.adapters.case_reading import read_cases_ahead
from ddp_compliance.adapters.orm import messaging
from ddp_compliance.adapters.unit_of_work import SqlUnitOfWork
from ddp_compliance.adapters.workload_queries import workload_gauges
from ddp_compliance.domain.commands import CheckReviews, FlagOverdueReferrals
from ddp_compliance.domain.policy import Policy, default_policy
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.service_layer import decisions, lifecycle, reporting, reviews, scheduled_checks
from ddp_compliance.settings import ComplianceSettings
from ddp_messaging.clock import Clock, system_clock
from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import use_case_handlers
from ddp_messaging.periodic import Pass, PeriodicJob
from ddp_messaging.runtime import ServiceDefinition, ServiceRuntime
from ddp_schemas.events import authority_inbound, interventions, referrals, sessions
from ddp_schemas.topics import TopicRegistry, load_topic_registry

BATCH = 500  # items a scheduled pass handles before it runs again at once

ROUTES: dict[type, tuple[Any, Any]] = {  # wire type -> (translate, use case); the registry says who may send each
    referrals.CaseOpened: (translate.open_compliance_record, lifecycle.open_compliance_record),
    referrals.CaseSuspended: (translate.record_suspension, lifecycle.record_suspension),
    referrals.CaseResumed: (translate.record_resumption, lifecycle.record_resumption),
    referrals.CaseClosed: (translate.close_record, lifecycle.close_record),
    referrals.MandateChanged: (translate.change_mandate, lifecycle.change_mandate),
    referrals.CaseAmended: (translate.change_risk, lifecycle.change_risk),
    interventions.PlanAgreed: (translate.record_plan_change, lifecycle.record_plan_change),
    interventions.PlanAdjusted: (translate.record_plan_change, lifecycle.record_plan_change),
    sessions.SessionAttended: (translate.record_attendance, reporting.record_attendance),
    sessions.SessionMissed: (translate.record_absence, reporting.record_absence),
    sessions.EngagementConcernRaised: (translate.record_engagement_concern, reporting.record_engagement_concern),
    sessions.AttendanceCorrected: (translate.correct_attendance, reporting.correct_attendance),
    authority_inbound.BreachDecisionSubmitted: (translate.record_breach_decision, decisions.record_breach_decision),
    authority_inbound.ReviewOutcomeSubmitted: (translate.record_review_outcome, reviews.record_review_outcome),
}


def build(
    settings: ComplianceSettings | None = None, clock: Clock = system_clock, policy: Policy | None = None
) -> ServiceRuntime:
    """The service; ``clock`` decides "now" for escalations and the scheduled checks (tests move it)."""
    settings = settings or ComplianceSettings()
    policy = policy or default_policy()
    check_recipients(policy, load_topic_registry())
    handlers = use_case_handlers(
        ROUTES,
        unit_of_work=SqlUnitOfWork.for_delivery,
        refusal=Refusal,
        dependencies={"policy": policy, "clock": clock},
    )
    checks = PeriodicJob(
        "scheduled-checks", settings.scheduled_check_interval_seconds, scheduled_pass(policy, clock), batch=BATCH
    )
    definition = ServiceDefinition(
        name="compliance",
        tables=messaging,
        handlers=handlers,
        migrations_package="ddp_compliance",
        periodic_jobs=[checks],
        read_ahead=read_cases_ahead,
        workload=workload_gauges(clock),
    )
    return ServiceRuntime(definition, settings)


def scheduled_pass(policy: Policy, clock: Clock, batch: int = BATCH) -> Pass:
    """One pass of the scheduled checks, in the transaction the runtime gives it: overdue decisions, then reviews."""

    async def run_compliance_checks(session: AsyncSession, emitter: Emitter) -> int:
        uow = SqlUnitOfWork(session, emitter)
        handled = await scheduled_checks.flag_overdue_referrals(
            FlagOverdueReferrals(batch), uow, policy=policy, clock=clock
        )
        return handled + await scheduled_checks.check_reviews(CheckReviews(batch), uow, policy=policy, clock=clock)

    return run_compliance_checks


def check_recipients(policy: Policy, registry: TopicRegistry) -> None:
    """Refuse to start on a policy that addresses escalations to an agency the registry does not know."""
    unknown = policy.recipients() - set(registry.agencies)
    if unknown:
        raise ValueError(f"policy {policy.version} refers to unknown agencies {sorted(unknown)}")
