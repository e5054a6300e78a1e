"""How far each service has consumed: committed offsets against the end of every partition it reads.

Read with offsets only, never a record: the operator may see inbound topics' offsets (DESCRIBE)
but not their data. The age of the oldest record not yet consumed comes from the broker's time
index: ListOffsets for a timestamp answers with the first offset at or after it and that record's
timestamp, so a search over timestamps lands on the committed offset and reads its time.

aiokafka's clients, not librdkafka's: librdkafka's ListConsumerGroupOffsets crashes the process
when the coordinator answers NOT_COORDINATOR, as it does for a group it has not seen yet
(librdkafka issue 5040, open).
"""

import asyncio
import time
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from aiokafka.structs import OffsetAndMetadata

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.generation.acls import consumer_group
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry

_SEARCH_STEPS = 48  # enough to close in on any millisecond of a year, whatever the timestamps do
_COORDINATOR_TRIES = 20  # a fresh cluster creates its offsets topic on the first group lookup


@dataclass(frozen=True)
class PartitionLag:
    service: str
    topic: str  # the registry name
    partition: int
    committed: int | None  # None: the group has never committed here (it starts from the earliest)
    end: int
    lag: int
    oldest_unconsumed_age_seconds: float | None  # None when nothing waits

    def as_json(self) -> dict[str, object]:
        return {
            "service": self.service,
            "topic": self.topic,
            "partition": self.partition,
            "committed": self.committed,
            "end": self.end,
            "lag": self.lag,
            "oldest_unconsumed_age_seconds": self.oldest_unconsumed_age_seconds,
        }


async def consumer_lag(
    access: KafkaAccess, registry: TopicRegistry, namespace: TopicNamespace, services: list[str]
) -> list[PartitionLag]:
    """Lag per partition of every topic each of ``services`` reads, for its consumer group."""
    admin = AIOKafkaAdminClient(**access.aiokafka())
    # No group: this consumer only asks for offsets (ListOffsets), it never fetches a record.
    offsets = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
    await admin.start()
    await offsets.start()
    try:
        found = []
        for service in services:
            found.extend(await _lag_of(admin, offsets, registry, namespace, service))
        return found
    finally:
        await offsets.stop()
        await admin.close()


async def _lag_of(
    admin: AIOKafkaAdminClient,
    offsets: AIOKafkaConsumer,
    registry: TopicRegistry,
    namespace: TopicNamespace,
    service: str,
) -> list[PartitionLag]:
    partitions = [
        TopicPartition(namespace.physical(topic.name), number)
        for topic in registry.read_by(service)
        for number in range(topic.partitions)
    ]
    group = namespace.physical(consumer_group(service))
    answer = await _committed_offsets(admin, group, partitions)
    # -1 is Kafka's "no committed offset here".
    committed = {p: meta.offset for p, meta in answer.items() if meta.offset >= 0}
    earliest = await offsets.beginning_offsets(partitions)
    ends = await offsets.end_offsets(partitions)
    starts = {p: committed.get(p, earliest[p]) for p in partitions}
    ages = await _ages_of(offsets, {p: start for p, start in starts.items() if start < ends[p]})
    return [
        PartitionLag(
            service=service,
            topic=namespace.logical(p.topic),
            partition=p.partition,
            committed=committed.get(p),
            end=ends[p],
            lag=max(ends[p] - starts[p], 0),
            oldest_unconsumed_age_seconds=ages.get(p),
        )
        for p in sorted(partitions)
    ]


async def _committed_offsets(
    admin: AIOKafkaAdminClient, group: str, partitions: list[TopicPartition]
) -> dict[TopicPartition, OffsetAndMetadata]:
    for attempt in range(_COORDINATOR_TRIES):
        try:
            return dict(await admin.list_consumer_group_offsets(group, partitions=partitions))
        except KafkaError as error:
            if not error.retriable or attempt == _COORDINATOR_TRIES - 1:
                raise
            await asyncio.sleep(0.5)
    raise AssertionError("unreachable")


async def _ages_of(
    offsets: AIOKafkaConsumer, first_unconsumed: dict[TopicPartition, int]
) -> dict[TopicPartition, float]:
    """Seconds since the record at each offset was written, from the broker's time index."""
    now_ms = int(time.time() * 1000)
    # Per partition, the interval [low, high) the record's timestamp lies in, narrowed step by step.
    bounds = {p: (0, now_ms + 3_600_000) for p in first_unconsumed}
    found: dict[TopicPartition, int] = {}
    for _ in range(_SEARCH_STEPS):
        searching = [p for p in bounds if p not in found and bounds[p][1] - bounds[p][0] > 1]
        if not searching:
            break
        probes = {p: (bounds[p][0] + bounds[p][1]) // 2 for p in searching}
        answers = await offsets.offsets_for_times(probes)
        for p, probe in probes.items():
            info, target, (low, high) = answers.get(p), first_unconsumed[p], bounds[p]
            if info is not None and info.offset == target:
                found[p] = info.timestamp
            elif info is not None and info.offset < target:  # a record before it is at least this recent
                bounds[p] = (max(info.timestamp, probe + 1, low), high)
            else:  # the first record this recent comes after it (or none does)
                bounds[p] = (low, probe)
    for p, (low, _) in bounds.items():
        found.setdefault(p, low)  # timestamps out of order: the closest bound found
    return {p: max(now_ms - stamp, 0) / 1000 for p, stamp in found.items()}
