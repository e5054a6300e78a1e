"""Stuck partitions: at the end of a run, every service's consumer group has committed to the end of
every partition it reads. A partition left behind was blocked (a poison record, a retry loop) or
skipped; it is named with its group and offsets, never with what it holds."""

import asyncio
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupCoordinatorNotAvailableError

from ddp_schemas.connection import ADMIN, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


async def stuck_partitions(kafka: KafkaEndpoint, namespace: TopicNamespace, timeout: float = 90.0) -> list[str]:
    """The partitions some service's group has not committed to the end of, once ``timeout`` has given
    the last batches their time; empty as soon as every group is at every end."""
    registry = load_topic_registry()
    reads = {
        namespace.physical(f"ddp.{service}"): [
            TopicPartition(namespace.physical(t.name), p)
            for t in registry.read_by(service)
            for p in range(t.partitions)
        ]
        for service in registry.services
    }
    access = kafka.access(ADMIN)
    consumer = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
    admin = AIOKafkaAdminClient(**access.aiokafka())
    await consumer.start()
    await admin.start()
    deadline = time.monotonic() + timeout
    try:
        while True:
            behind = []
            for group, partitions in reads.items():
                ends = await consumer.end_offsets(partitions)
                committed = await _committed(admin, group)
                for p in partitions:
                    at = committed[p].offset if p in committed else 0
                    if ends[p] > 0 and at < ends[p]:
                        behind.append(f"{group} {p.topic}[{p.partition}]: committed {at} of {ends[p]}")
            if not behind or time.monotonic() > deadline:
                return behind
            await asyncio.sleep(1)
    finally:
        await consumer.stop()
        await admin.close()


async def _committed(admin: AIOKafkaAdminClient, group: str) -> dict[TopicPartition, Any]:
    # A group that never committed has no coordinator to ask: it is at no offset anywhere.
    try:
        return dict(await admin.list_consumer_group_offsets(group))
    except GroupCoordinatorNotAvailableError:
        return {}
