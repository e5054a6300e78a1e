"""Handlers for the programme team's decisions (``ddp.inbound.programme-team``)."""

from collections.abc import Collection

from ddp_interventions.adapters.inbound_translation import requested_additions
from ddp_interventions.domain.programme_decisions import adjust_plan, agree_plan, assign_provider
from ddp_interventions.service_layer.unit_of_work import change_plan
from ddp_messaging.handling import Delivery
from ddp_schemas.events.programme_inbound import (
    PlanAdjustmentSubmitted,
    PlanAgreementSubmitted,
    ProviderAssignmentSubmitted,
)
from ddp_schemas.topics import TopicRegistry


async def agree(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, PlanAgreementSubmitted)
    await change_plan(delivery, registry, event.case_id, lambda plan: agree_plan(plan, event.plan_id))


async def adjust(delivery: Delivery, registry: TopicRegistry) -> None:
    event = delivery.event
    assert isinstance(event, PlanAdjustmentSubmitted)
    additions = requested_additions(event)
    await change_plan(
        delivery, registry, event.case_id, lambda plan: adjust_plan(plan, event.plan_id, additions, event.withdraw)
    )


async def assign(delivery: Delivery, registry: TopicRegistry, providers: Collection[str]) -> None:
    event = delivery.event
    assert isinstance(event, ProviderAssignmentSubmitted)
    await change_plan(
        delivery,
        registry,
        event.case_id,
        lambda plan: assign_provider(plan, event.intervention_id, event.provider.value, providers),
    )
