"""Reading platform topics as an observer: decoded CloudEvents, no consumer group, no commits."""

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer

from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import EnvelopeError, decode
from ddp_schemas.namespace import TopicNamespace


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
        bootstrap_servers: str,
        topics: Iterable[str],
        namespace: TopicNamespace = TopicNamespace(),
        from_beginning: bool = True,
    ) -> None:
        self._namespace = namespace
        self._consumer = AIOKafkaConsumer(
            *[namespace.physical(t) for t in topics],
            bootstrap_servers=bootstrap_servers,
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
        try:
            event = decode(record.value, record.headers or ())
        except EnvelopeError:
            return None  # not a CloudEvent: nothing to show
        return ObservedEvent(
            topic=self._namespace.logical(record.topic),
            partition=record.partition,
            offset=record.offset,
            key=record.key.decode(errors="replace") if record.key else None,
            event=event,
        )
