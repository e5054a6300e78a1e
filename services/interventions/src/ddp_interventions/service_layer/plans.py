"""The plan follows the case: drafted when it opens, paused, resumed and ended with it, sent back by a review.

These commands come from other services (referrals, compliance), not from a sender who could correct
them: a case this service holds no plan for is passed over, never refused.
"""

from uuid import UUID

from ddp_interventions.domain.commands import (
    DraftPlan,
    EndPlan,
    PausePlan,
    ResumePlan,
    ReviewPlan,
    ReviewPlanForNeeds,
)
from ddp_interventions.domain.drafting_rules import DraftingRules
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.service_layer.ports import UnitOfWork


async def draft_plan(command: DraftPlan, uow: UnitOfWork, *, rules: DraftingRules) -> None:
    """A case opened: draft its plan from the assessed needs, once per case."""
    if await uow.plans.for_case(command.case_id) is not None:
        return
    await uow.plans.add(Plan.draft(command.case_id, list(command.assessed_needs), rules))
    await uow.commit()


async def pause_plan(command: PausePlan, uow: UnitOfWork) -> None:
    """The case was suspended: no sessions are arranged or held until it resumes."""
    plan = await uow.plans.for_case(command.case_id)
    if plan is not None:
        plan.suspend(command.occurred_at)
        await uow.commit()


async def resume_plan(command: ResumePlan, uow: UnitOfWork) -> None:
    plan = await uow.plans.for_case(command.case_id)
    if plan is not None:
        plan.resume(command.occurred_at)
        await uow.commit()


async def end_plan(command: EndPlan, uow: UnitOfWork) -> None:
    """The case closed: its plan ends for good."""
    plan = await uow.plans.for_case(command.case_id)
    if plan is not None:
        plan.close(command.occurred_at)
        await uow.commit()


async def review_plan(command: ReviewPlan, uow: UnitOfWork) -> None:
    """A case review asked for the plan to be adjusted: the programme team is asked to review it."""
    if not command.adjustment_asked:
        return
    plan = await uow.plans.for_case(command.case_id)
    if plan is not None:
        plan.request_review(command.review_id)
        await uow.commit()


async def review_plan_for_needs(command: ReviewPlanForNeeds, uow: UnitOfWork) -> None:
    """The person's needs were assessed again: the programme team is asked to review the plan."""
    if command.assessed_needs is None:
        return
    plan = await uow.plans.for_case(command.case_id)
    if plan is not None:
        plan.request_review_for_needs(command.assessed_needs)
        await uow.commit()


async def plan_for(uow: UnitOfWork, case_id: UUID) -> Plan:
    """The case's plan, for a sender's request about it; ``UNKNOWN_CASE`` when the service has none."""
    plan = await uow.plans.for_case(case_id)
    if plan is None:
        raise Refusal("UNKNOWN_CASE", "case_id")
    return plan
