"""Where consumer groups stand: committed offsets against the ends of the partitions they read.

One place for the question the tests and the battery ask ("has this group done everything on
these partitions?"), read as the admin; partitions are named with their offsets, never with what
they hold.
"""

from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupCoordinatorNotAvailableError

from ddp_schemas.connection import ADMIN, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


@dataclass(frozen=True)
class Behind:
    """A partition holding records past what the group committed."""

    group: str
    partition: TopicPartition
    committed: int
    end: int

    def __str__(self) -> str:
        p = self.partition
        return f"{self.group} {p.topic}[{p.partition}]: committed {self.committed} of {self.end}"


def partitions_of(namespace: TopicNamespace, topics: list[str]) -> list[TopicPartition]:
    """Every partition of the registry ``topics``, under ``namespace``."""
    registry = load_topic_registry()
    return [TopicPartition(namespace.physical(t), p) for t in topics for p in range(registry.topic(t).partitions)]


def read_by(namespace: TopicNamespace, service: str) -> list[TopicPartition]:
    """Every partition ``service`` reads."""
    return partitions_of(namespace, [t.name for t in load_topic_registry().read_by(service)])


class GroupPositions:
    """An admin connection (a consumer for the ends, an admin client for the commits), opened once."""

    def __init__(self, kafka: KafkaEndpoint) -> None:
        access = kafka.access(ADMIN)
        self._consumer = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
        self._admin = AIOKafkaAdminClient(**access.aiokafka())

    async def __aenter__(self) -> "GroupPositions":
        await self._consumer.start()
        await self._admin.start()
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self._consumer.stop()
        await self._admin.close()

    async def ends(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict(await self._consumer.end_offsets(partitions))

    async def behind(
        self, group: str, partitions: list[TopicPartition], ends: dict[TopicPartition, int] | None = None
    ) -> list[Behind]:
        """The partitions with records past the group's committed offset (one never committed is at 0);
        against ``ends`` when the caller already read them."""
        ends = ends if ends is not None else await self.ends(partitions)
        committed = await self._committed(group)
        at = {p: committed[p].offset if p in committed else 0 for p in partitions}
        return [Behind(group, p, at[p], ends[p]) for p in partitions if ends[p] > at[p]]

    async def _committed(self, group: str) -> dict[TopicPartition, Any]:
        # A group that never committed has no coordinator to ask: it is at no offset anywhere.
        try:
            return dict(await self._admin.list_consumer_group_offsets(group))
        except GroupCoordinatorNotAvailableError:
            return {}
