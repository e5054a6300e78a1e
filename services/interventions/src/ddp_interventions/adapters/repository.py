"""Saving and finding plans within the current transaction."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.domain.plan import Plan


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def exists_for_case(self, case_id: UUID) -> bool:
        found = await self._session.scalar(select(orm.plans.c.plan_id).where(orm.plans.c.case_id == case_id))
        return found is not None

    async def add(self, plan: Plan) -> None:
        await self._session.execute(
            orm.plans.insert().values(
                plan_id=plan.plan_id,
                case_id=plan.case_id,
                status=plan.status.value,
                rules_version=plan.rules_version,
                interventions=[
                    {"intervention_id": str(i.intervention_id), "kind": i.kind.value, "addresses": list(i.addresses)}
                    for i in plan.interventions
                ],
            )
        )
