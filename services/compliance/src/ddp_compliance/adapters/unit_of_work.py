"""The unit of work of one delivery or one scheduled pass: the cases it loaded, saved with their events."""

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters.case_repository import SqlCaseRepository
from ddp_compliance.adapters.outbound_translation import publications
from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Delivery


class SqlUnitOfWork:
    """Works in the caller's transaction (the runtime commits it, with the inbox or the pass)."""

    def __init__(self, session: AsyncSession, emitter: Emitter) -> None:
        self.cases = SqlCaseRepository(session)
        self._emitter = emitter

    @classmethod
    def for_delivery(cls, delivery: Delivery) -> "SqlUnitOfWork":
        """Events it publishes are chained to the delivered event."""
        return cls(delivery.session, delivery.emitter)

    async def commit(self) -> None:
        """Write every case's changes, then stage each event its aggregate recorded on the outbox."""
        cases = self.cases.seen
        for case in cases:
            await self.cases.save(case)
        for case in cases:
            for event in case.events:
                for publication in publications(event):
                    await self._emitter.publish(publication)
            case.events.clear()
