"""Where compliance's events go: the delivery being handled, or the outbox from a scheduled check."""

from typing import Protocol
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.handling import Delivery
from ddp_messaging.outbox import Outbox
from ddp_schemas.event import Event
from ddp_schemas.topics import TopicRegistry


class Publisher(Protocol):
    registry: TopicRegistry

    async def publish(self, topic: str, case_id: UUID, event: Event) -> None: ...


class DeliveryPublisher:
    """Events caused by an inbound event, chained to it, in the delivery's transaction."""

    def __init__(self, delivery: Delivery, registry: TopicRegistry) -> None:
        self._delivery = delivery
        self.registry = registry

    async def publish(self, topic: str, case_id: UUID, event: Event) -> None:
        await self._delivery.emit(topic, str(case_id), event, str(case_id))


class OutboxPublisher:
    """Events a scheduled check causes, in the check's own transaction."""

    def __init__(self, outbox: Outbox, session: AsyncSession, registry: TopicRegistry) -> None:
        self._outbox = outbox
        self._session = session
        self.registry = registry
        self.published = 0

    async def publish(self, topic: str, case_id: UUID, event: Event) -> None:
        await self._outbox.add(self._session, topic=topic, key=str(case_id), event=event, subject=str(case_id))
        self.published += 1


async def to_domain_and(
    publisher: Publisher, agencies: list[str] | tuple[str, ...], case_id: UUID, event: Event
) -> None:
    """On compliance's own topic, and on each named agency's outbound topic."""
    await publisher.publish(publisher.registry.domain_topic("compliance"), case_id, event)
    for agency in agencies:
        await publisher.publish(publisher.registry.outbound_topic(agency), case_id, event)
