"""The unit of work of one delivery or one job pass: the case registry in the runtime's transaction, and its events."""

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Delivery
from ddp_referrals.adapters.case_registry import SqlCaseRegistry
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.outbound_translation import Rejection, publications
from ddp_referrals.domain.events import DomainEvent


class SqlUnitOfWork:
    """The case registry in the caller's transaction; ``commit`` stages every event the use case caused.

    The transaction is the runtime's (a savepoint of the batch for a delivery, the pass for a job):
    rows, outbox and inbox commit together, and a refusal rolls back all of it. On ``commit`` the
    events recorded by every aggregate the registry handed out become outbox rows, through the
    translation to the wire and the runtime's emitter.
    """

    def __init__(
        self,
        session: AsyncSession,
        emitter: Emitter,
        cipher: FieldCipher,
        *,
        delivery: Delivery | None = None,
    ) -> None:
        self.cases = SqlCaseRegistry(session, cipher)
        self._emitter = emitter
        self._delivery = delivery
        self._unrecorded: list[DomainEvent] = []

    @classmethod
    def for_delivery(cls, delivery: Delivery, cipher: FieldCipher) -> "SqlUnitOfWork":
        """For a handler: the delivery's transaction and emitter, and its sender to answer."""
        return cls(delivery.session, delivery.emitter, cipher, delivery=delivery)

    def publish(self, event: DomainEvent) -> None:
        """Stage, on commit, an event no aggregate recorded."""
        self._unrecorded.append(event)

    async def commit(self) -> None:
        """Every collected event, translated to the wire, onto the outbox; a rejection to the sender."""
        for event in self._collect():
            for item in publications(event):
                if isinstance(item, Rejection):
                    await self._tell_sender(item)
                else:
                    await self._emitter.publish(item)

    def _collect(self) -> list[DomainEvent]:
        collected: list[DomainEvent] = []
        for aggregate in self.cases.seen:
            collected += aggregate.events
            aggregate.events.clear()
        collected += self._unrecorded
        self._unrecorded = []
        return collected

    async def _tell_sender(self, rejection: Rejection) -> None:
        if self._delivery is None:
            raise RuntimeError("a rejection for the sender outside a delivery")
        await self._delivery.tell_sender(list(rejection.reasons), agency_reference=rejection.agency_reference)
