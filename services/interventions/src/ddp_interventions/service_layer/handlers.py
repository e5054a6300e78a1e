"""Command handlers of the interventions service."""

from ddp_interventions.adapters.outbound_translation import plan_drafted
from ddp_interventions.adapters.repository import PlanRepository
from ddp_interventions.domain.drafting_rules import DraftingRules
from ddp_interventions.domain.plan import Plan
from ddp_messaging.handling import Delivery
from ddp_schemas.events.referrals import CaseOpened
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
    for event in plan.events:
        await delivery.emit(registry.domain_topic("interventions"), str(case_id), plan_drafted(event), str(case_id))
