"""Reading platform topics as an observer: decoded CloudEvents, no consumer group, no commits."""

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import EnvelopeError, decode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


@dataclass(frozen=True)
class ObservedEvent:
    topic: str
    partition: int
    offset: int
    key: str | None
    event: CloudEvent


class TopicReader:
    """Reads from the start (or the end) of the given registry topics."""

    def __init__(
        self,
        access: KafkaAccess,
        topics: Iterable[str],
        namespace: TopicNamespace = TopicNamespace(),
        from_beginning: bool = True,
    ) -> None:
        self._namespace = namespace
        self._consumer = AIOKafkaConsumer(
            *[namespace.physical(t) for t in topics],
            **access.aiokafka(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest" if from_beginning else "latest",
        )

    async def __aenter__(self) -> "TopicReader":
        await self._consumer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()

    async def seek_to_end(self) -> None:
        """Skip what is already there: only events from now on (partitions must be assigned)."""
        await self._consumer.seek_to_end()

    async def __aiter__(self) -> AsyncIterator[ObservedEvent]:
        async for record in self._consumer:
            observed = self._observed(record)
            if observed is not None:
                yield observed

    async def batch(self, timeout_ms: int = 500) -> list[ObservedEvent]:
        """Whatever arrives within ``timeout_ms``."""
        polled = await self._consumer.getmany(timeout_ms=timeout_ms)
        observed = (self._observed(record) for records in polled.values() for record in records)
        return [item for item in observed if item is not None]

    def _observed(self, record: Any) -> ObservedEvent | None:
        return observed(record, self._namespace)


def observed(record: Any, namespace: TopicNamespace) -> ObservedEvent | None:
    """A consumer record as an event, or None when it is not a CloudEvent (nothing to show)."""
    try:
        event = decode(record.value, record.headers or ())
    except EnvelopeError:
        return None
    return ObservedEvent(
        topic=namespace.logical(record.topic),
        partition=record.partition,
        offset=record.offset,
        key=record.key.decode(errors="replace") if record.key else None,
        event=event,
    )


async def read_to_end(access: KafkaAccess, topic: str, namespace: TopicNamespace) -> list[ObservedEvent]:
    """Every decodable event on registry ``topic`` up to its current end, then stop."""
    return await read_all_to_end(access, [topic], namespace)


async def read_all_to_end(access: KafkaAccess, topics: Iterable[str], namespace: TopicNamespace) -> list[ObservedEvent]:
    """Every decodable event on the registry ``topics`` up to their current ends (one consumer), then stop."""
    registry = load_topic_registry()
    partitions = [
        TopicPartition(namespace.physical(topic), p)
        for topic in topics
        for p in range(registry.topic(topic).partitions)
    ]
    consumer = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[ObservedEvent] = []
        while [p for p in partitions if await consumer.position(p) < ends[p]]:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                found.extend(o for o in (observed(r, namespace) for r in records) if o is not None)
        return found
    finally:
        await consumer.stop()
