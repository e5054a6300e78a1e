"""The bare broker's pace: records relayed hop by hop by plain aiokafka clients, nothing else.

Each hop consumes one topic in a consumer group, produces every record to the next topic
with an idempotent producer (acks=all), waits for the batch to be acknowledged and only then
commits its offsets: the delivery discipline the services follow, without their database.
The time is from the first record written to the last one read off the final topic.
"""

import asyncio
import os
import time
import uuid
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from ddp_schemas.connection import KafkaAccess

HEADERS = [("ce_specversion", b"1.0"), ("ce_type", b"ddp.referral.submitted"), ("ce_source", b"/agencies/probation")]


@dataclass(frozen=True)
class RelayRun:
    records: int
    hops: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.records / self.seconds


async def relay(
    access: KafkaAccess,
    records: int,
    hops: int = 3,
    size: int = 1024,
    partitions: int = 6,
    headers: list[tuple[str, bytes]] | None = None,
) -> RelayRun:
    """Write ``records`` records of ``size`` bytes (with ``headers``) and relay them through ``hops``
    hops; time the whole."""
    headers = HEADERS if headers is None else headers
    run = uuid.uuid4().hex[:8]
    topics = [f"bench.{run}.{n}" for n in range(hops + 1)]
    admin = AIOKafkaAdminClient(**access.aiokafka())
    await admin.start()
    try:
        await admin.create_topics([NewTopic(t, num_partitions=partitions, replication_factor=1) for t in topics])
        await _until_led(admin, topics, partitions)
    finally:
        await admin.close()
    hop_tasks = [
        asyncio.create_task(_hop(access, topics[n], topics[n + 1], f"bench.{run}.hop{n}")) for n in range(hops)
    ]
    reader = AIOKafkaConsumer(
        topics[-1], **access.aiokafka(), group_id=f"bench.{run}.end", auto_offset_reset="earliest"
    )
    await reader.start()
    producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True, acks="all", linger_ms=5)
    await producer.start()
    try:
        started = time.monotonic()
        value = os.urandom(size // 2).hex().encode()
        for n in range(records):
            await producer.send(topics[0], value=value, key=f"case-{n % 997}".encode(), headers=headers)
        await producer.flush()
        arrived = 0
        while arrived < records:
            batches = await reader.getmany(timeout_ms=1000)
            arrived += sum(len(batch) for batch in batches.values())
            for task in hop_tasks:
                if task.done():
                    task.result()  # a hop that failed fails the run, rather than leaving it waiting
        return RelayRun(records, hops, time.monotonic() - started)
    finally:
        for task in hop_tasks:
            task.cancel()
        await asyncio.gather(*hop_tasks, return_exceptions=True)
        await producer.stop()
        await reader.stop()


async def _until_led(admin: AIOKafkaAdminClient, topics: list[str], partitions: int) -> None:
    """Wait until every partition of the new topics has a leader: the timing starts on a ready cluster."""
    for _ in range(100):
        described = await admin.describe_topics(topics)
        led = [p for t in described for p in t.get("partitions", []) if p.get("leader", -1) >= 0]
        if len(led) == len(topics) * partitions:
            return
        await asyncio.sleep(0.1)


async def _hop(access: KafkaAccess, source: str, target: str, group: str) -> None:
    consumer = AIOKafkaConsumer(
        source, **access.aiokafka(), group_id=group, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True, acks="all", linger_ms=5)
    await consumer.start()
    await producer.start()
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=500, max_records=500)
            sent = [
                await producer.send(target, value=r.value, key=r.key, headers=list(r.headers))
                for records in batches.values()
                for r in records
            ]
            if sent:
                await asyncio.gather(*sent)  # acknowledged by the broker before the offsets move
                await consumer.commit()
    finally:
        await producer.stop()
        await consumer.stop()
