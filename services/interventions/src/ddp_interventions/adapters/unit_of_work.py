"""The SQL unit of work: the plans a use case is handed, stored and their events emitted in one commit.

It runs inside the runtime's transaction for the batch (one savepoint per record): ``commit`` writes
and stages, and the batch transaction makes it durable. A use case that refuses never commits, and the
runtime rolls its savepoint back.
"""

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters.outbound_translation import publication
from ddp_interventions.adapters.repository import SqlPlanRepository
from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Delivery


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession, emitter: Emitter) -> None:
        self.plans = SqlPlanRepository(session)
        self._emitter = emitter

    @classmethod
    def for_delivery(cls, delivery: Delivery) -> Self:
        """The unit of work of one inbound event: its transaction, and an emitter chained to it."""
        return cls(delivery.session, delivery.emitter)

    async def commit(self) -> None:
        """Store what changed in every plan handed out, then emit each event they recorded, in order."""
        for plan in await self.plans.store_held():
            for event in plan.events:
                await self._emitter.publish(publication(event))
            plan.events.clear()
        self.plans.keep_for_batch()
