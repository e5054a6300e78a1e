"""Sending the workload as the agencies would: acks=all, and on a failure the same record again.

A send that fails may still have been written (a timeout is not a "no"), so a retry can
leave two copies; for valid events they share one event id and the platform acts once.
"""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer

from ddp_cli.battery.workload import PlannedInput
from ddp_schemas.namespace import TopicNamespace

log = logging.getLogger(__name__)


@dataclass
class FeedReport:
    acknowledged: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)  # index -> coordinates
    failed_attempts: int = 0


async def feed(
    bootstrap_servers: str, namespace: TopicNamespace, inputs: list[PlannedInput], per_second: float
) -> FeedReport:
    report = FeedReport()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        enable_idempotence=True,
        request_timeout_ms=15_000,
        max_request_size=1_048_576,
    )
    await producer.start()
    try:
        for planned in inputs:
            await _send_until_acknowledged(producer, namespace, planned, report)
            await asyncio.sleep(1 / per_second)
    finally:
        await producer.stop()
    return report


async def feed_records(
    bootstrap_servers: str,
    namespace: TopicNamespace,
    topic: str,
    records: list[tuple[str, bytes, list]],
    per_second: float,
    report: FeedReport,
) -> None:
    """Write records (key, value, headers) on registry ``topic``, each until acknowledged."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, enable_idempotence=True, request_timeout_ms=15_000)
    await producer.start()
    try:
        for key, value, headers in records:
            await _send(producer, namespace.physical(topic), key, value, headers, report)
            await asyncio.sleep(1 / per_second)
    finally:
        await producer.stop()


async def _send_until_acknowledged(
    producer: AIOKafkaProducer, namespace: TopicNamespace, planned: PlannedInput, report: FeedReport
) -> None:
    topic = namespace.physical(f"ddp.inbound.{planned.agency}")
    metadata = await _send(producer, topic, planned.key, planned.value, planned.headers, report)
    coordinates = (namespace.logical(metadata.topic), metadata.partition, metadata.offset)
    report.acknowledged.setdefault(planned.index, []).append(coordinates)


async def _send(
    producer: AIOKafkaProducer, topic: str, key: str, value: bytes | None, headers: list, report: FeedReport
) -> Any:
    while True:
        try:
            return await asyncio.wait_for(
                producer.send_and_wait(topic, value=value, key=key.encode(), headers=headers), timeout=30
            )
        except Exception as error:
            report.failed_attempts += 1
            log.info("a send failed (%s); sending the same record again", type(error).__name__)
            await asyncio.sleep(1)
