"""The battery's stuck-partition rule, fed a real violation: a record no service consumed."""

import pytest
from aiokafka import AIOKafkaProducer

from ddp_testkit.battery.partitions import stuck_partitions

pytestmark = [pytest.mark.docker, pytest.mark.kafka]


async def test_a_partition_no_group_committed_to_its_end_is_reported_stuck(kafka, namespace):
    assert await stuck_partitions(kafka.endpoint, namespace, timeout=0) == [], "nothing written yet"
    topic = namespace.physical("ddp.inbound.probation")
    producer = AIOKafkaProducer(**kafka.access("probation").aiokafka())
    await producer.start()
    try:
        written = await producer.send_and_wait(topic, key=b"PRB-STUCK", value=b"{}", partition=2)
    finally:
        await producer.stop()

    stuck = await stuck_partitions(kafka.endpoint, namespace, timeout=0)

    # Both services that read the topic are behind on that partition, and only on it.
    assert sorted(s.split(" ")[0] for s in stuck) == sorted(
        namespace.physical(f"ddp.{service}") for service in ("referrals", "compliance")
    )
    assert all(f"{topic}[2]: committed 0 of {written.offset + 1}" in s for s in stuck), stuck
