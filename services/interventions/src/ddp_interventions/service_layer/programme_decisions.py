"""The programme team's decisions about a plan (``ddp.inbound.programme-team``): agree, adjust, assign."""

from collections.abc import Collection

from ddp_interventions.domain import programme_decisions as decide
from ddp_interventions.domain.commands import AdjustPlan, AgreePlan, AssignProvider
from ddp_interventions.service_layer.plans import plan_for
from ddp_interventions.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def agree_plan(command: AgreePlan, uow: UnitOfWork) -> None:
    plan = await plan_for(uow, command.case_id)
    decide.agree_plan(plan, command.plan_id)
    await uow.commit()


async def adjust_plan(command: AdjustPlan, uow: UnitOfWork) -> None:
    plan = await plan_for(uow, command.case_id)
    decide.adjust_plan(plan, command.plan_id, command.add, command.withdraw)
    await uow.commit()


async def assign_provider(
    command: AssignProvider, uow: UnitOfWork, *, providers: Collection[str], clock: Clock
) -> None:
    """``providers``: the agencies that deliver interventions (the topic registry says which)."""
    plan = await plan_for(uow, command.case_id)
    decide.assign_provider(plan, command.intervention_id, command.provider, providers, clock())
    await uow.commit()
