"""Changing one case's plan: load it locked, apply a domain change, save it, stage its events.

A domain refusal becomes ``Refused``: nothing is kept, and the sender gets the reason on its
outbound topic. Within one batch transaction a case's plan is loaded once and kept (in the
session's ``info``) for the batch's later records about the same case: a provider's backlog is
hundreds of records for one case. Any failure drops the kept plan, because the savepoint that
held its changes is rolled back.
"""

from collections.abc import Callable
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters.outbound_translation import to_wire
from ddp_interventions.adapters.repository import PlanRepository
from ddp_interventions.domain.events import PlanReviewRequested
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal
from ddp_messaging.handling import Delivery, Refused
from ddp_messaging.rejections import reason
from ddp_schemas.topics import TopicRegistry

_KEPT = "ddp_interventions.plans"


async def change_plan(
    delivery: Delivery,
    registry: TopicRegistry,
    case_id: UUID,
    change: Callable[[Plan], None],
    *,
    missing_plan_is_refused: bool = True,
) -> None:
    kept = _kept_plans(delivery.session)
    if case_id in kept:
        repository, plan = kept[case_id]
    else:
        repository = PlanRepository(delivery.session)
        found = await repository.for_case(case_id)
        if found is None:
            if missing_plan_is_refused:
                raise Refused([reason("UNKNOWN_CASE", "case_id")])
            return
        plan = found
    try:
        change(plan)
        await repository.save(plan)
        await publish(delivery, registry, plan)
    except Refusal as refusal:
        kept.pop(case_id, None)
        raise Refused([reason(refusal.code, refusal.field)]) from None
    except BaseException:
        kept.pop(case_id, None)
        raise
    kept[case_id] = (repository, plan)


async def publish(delivery: Delivery, registry: TopicRegistry, plan: Plan) -> None:
    key = str(plan.case_id)
    for event in plan.events:
        wire = to_wire(event)
        await delivery.emit(registry.domain_topic("interventions"), key, wire, key)
        if isinstance(event, PlanReviewRequested):  # the programme team acts on it
            await delivery.emit(registry.outbound_topic("programme-team"), key, wire, key)
    plan.events.clear()


def _kept_plans(session: AsyncSession) -> dict[UUID, tuple[PlanRepository, Plan]]:
    kept: dict[UUID, tuple[PlanRepository, Plan]] = session.info.setdefault(_KEPT, {})
    return kept
