"""Sending the workload as the agencies would: acks=all, and on a failure the same record again.

A send that fails may still have been written (a timeout is not a "no"), so a retry can
leave two copies; for valid events they share one event id and the platform acts once.
"""

import asyncio
import logging
from dataclasses import dataclass, field

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


async def _send_until_acknowledged(
    producer: AIOKafkaProducer, namespace: TopicNamespace, planned: PlannedInput, report: FeedReport
) -> None:
    topic = namespace.physical(f"ddp.inbound.{planned.agency}")
    while True:
        try:
            metadata = await asyncio.wait_for(
                producer.send_and_wait(topic, value=planned.value, key=planned.key.encode(), headers=planned.headers),
                timeout=30,
            )
        except Exception as error:
            report.failed_attempts += 1
            log.info("send of input %d failed (%s); sending it again", planned.index, type(error).__name__)
            await asyncio.sleep(1)
            continue
        coordinates = (namespace.logical(metadata.topic), metadata.partition, metadata.offset)
        report.acknowledged.setdefault(planned.index, []).append(coordinates)
        return
