"""Handlers for what other services say about cases: a plan is drafted, paused, resumed, ended (referrals)
or sent back for review (compliance)."""

from ddp_interventions.adapters.repository import PlanRepository
from ddp_interventions.domain.drafting_rules import DraftingRules
from ddp_interventions.domain.plan import Plan
from ddp_interventions.service_layer.unit_of_work import change_plan, publish
from ddp_messaging.handling import Delivery
from ddp_schemas.events.compliance_vocabulary import ReviewOutcome
from ddp_schemas.events.referrals import CaseClosed, CaseOpened, CaseResumed, CaseSuspended
from ddp_schemas.events.reviews import ReviewOutcomeRecorded
from ddp_schemas.topics import TopicRegistry


async def draft_plan(delivery: Delivery, registry: TopicRegistry, rules: DraftingRules) -> None:
    """A case opened: draft its intervention plan from the assessed needs (once per case)."""
    assert isinstance(delivery.event, CaseOpened)
    case_id = delivery.event.case_id
    repository = PlanRepository(delivery.session)
    if await repository.exists_for_case(case_id):
        return
    plan = Plan.draft(case_id, [need.value for need in delivery.event.assessed_needs], rules)
    await repository.add(plan)
    await publish(delivery, registry, plan)


async def pause_plan(delivery: Delivery, registry: TopicRegistry) -> None:
    """The case was suspended: no sessions until it resumes."""
    event = delivery.event
    assert isinstance(event, CaseSuspended)
    await change_plan(
        delivery, registry, event.case_id, lambda plan: plan.suspend(event.occurred_at), missing_plan_is_refused=False
    )


async def resume_plan(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, CaseResumed)
    await change_plan(
        delivery, registry, event.case_id, lambda plan: plan.resume(event.occurred_at), missing_plan_is_refused=False
    )


async def end_plan(delivery: Delivery, registry: TopicRegistry) -> None:
    """The case closed: its plan ends for good."""
    event = delivery.event
    assert isinstance(event, CaseClosed)
    await change_plan(
        delivery, registry, event.case_id, lambda plan: plan.close(event.occurred_at), missing_plan_is_refused=False
    )


async def review_plan(delivery: Delivery, registry: TopicRegistry) -> None:
    """A case review recorded its outcome: "adjust the plan" sends the plan back to the programme team."""
    event = delivery.event
    assert isinstance(event, ReviewOutcomeRecorded)
    if event.outcome is not ReviewOutcome.ADJUST_PLAN:
        return
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: plan.request_review(event.review_id),
        missing_plan_is_refused=False,
    )
