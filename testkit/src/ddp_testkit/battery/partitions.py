"""Stuck partitions: at the end of a run, every service's consumer group has committed to the end of
every partition it reads. A partition left behind was blocked (a poison record, a retry loop) or
skipped; it is named with its group and offsets, never with what it holds."""

import asyncio
import time

from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.group_positions import GroupPositions, read_by


async def stuck_partitions(kafka: KafkaEndpoint, namespace: TopicNamespace, timeout: float = 90.0) -> list[str]:
    """The partitions some service's group has not committed to the end of, once ``timeout`` has given
    the last batches their time; empty as soon as every group is at every end."""
    reads = {namespace.physical(f"ddp.{s}"): read_by(namespace, s) for s in load_topic_registry().services}
    deadline = time.monotonic() + timeout
    async with GroupPositions(kafka) as positions:
        while True:
            behind = [str(b) for group, partitions in reads.items() for b in await positions.behind(group, partitions)]
            if not behind or time.monotonic() > deadline:
                return behind
            await asyncio.sleep(1)
