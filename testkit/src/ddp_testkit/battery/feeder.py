"""Sending the workload as the agencies would: acks=all, and on a failure the same record again.

A send that fails may still have been written (a timeout is not a "no"), so a retry can
leave two copies; for valid events they share one event id and the platform acts once.
"""

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer

from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.battery.provider_workflow import ContractMessage
from ddp_testkit.battery.workload import PlannedInput

log = logging.getLogger(__name__)


@dataclass
class FeedReport:
    acknowledged: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)  # index -> coordinates
    failed_attempts: int = 0


class AgencyProducers:
    """One producer per agency, each connected as that agency: the broker allows nothing else."""

    def __init__(self, kafka: KafkaEndpoint) -> None:
        self._kafka = kafka
        self._producers: dict[str, AIOKafkaProducer] = {}

    async def of(self, agency: str) -> AIOKafkaProducer:
        if agency not in self._producers:
            producer = AIOKafkaProducer(
                **self._kafka.access(agency).aiokafka(),
                enable_idempotence=True,
                request_timeout_ms=15_000,
                max_request_size=1_048_576,
            )
            await producer.start()
            self._producers[agency] = producer
        return self._producers[agency]

    async def stop(self) -> None:
        for producer in self._producers.values():
            await producer.stop()


async def feed(
    kafka: KafkaEndpoint, namespace: TopicNamespace, inputs: list[PlannedInput], per_second: float
) -> FeedReport:
    report = FeedReport()
    producers = AgencyProducers(kafka)
    try:
        for planned in inputs:
            await _send_until_acknowledged(await producers.of(planned.agency), namespace, planned, report)
            if not planned.hostile:  # hostile records go in bursts between the paced inputs
                await asyncio.sleep(1 / per_second)
    finally:
        await producers.stop()
    return report


async def feed_messages(
    kafka: KafkaEndpoint,
    namespace: TopicNamespace,
    messages: list[ContractMessage],
    per_second: float,
    report: FeedReport,
) -> None:
    """Each message (and its copies) on its agency's inbound topic, keyed by case, each until acknowledged."""
    registry = load_topic_registry()
    producers = AgencyProducers(kafka)
    try:
        for message in messages:
            topic = namespace.physical(registry.inbound_topic(message.agency))
            value, headers = encode(message.envelope)
            for _ in range(message.copies):
                key = str(message.case_id).encode()
                await _send(await producers.of(message.agency), topic, key, value, headers, report)
                await asyncio.sleep(1 / per_second)
    finally:
        await producers.stop()


async def _send_until_acknowledged(
    producer: AIOKafkaProducer, namespace: TopicNamespace, planned: PlannedInput, report: FeedReport
) -> None:
    topic = namespace.physical(load_topic_registry().inbound_topic(planned.agency))
    metadata = await _send(producer, topic, planned.key, planned.value, planned.headers, report)
    coordinates = (namespace.logical(metadata.topic), metadata.partition, metadata.offset)
    report.acknowledged.setdefault(planned.index, []).append(coordinates)


async def _send(
    producer: AIOKafkaProducer, topic: str, key: bytes | None, value: bytes | None, headers: list, report: FeedReport
) -> Any:
    while True:
        try:
            return await asyncio.wait_for(
                producer.send_and_wait(topic, value=value, key=key, headers=headers), timeout=30
            )
        except Exception as error:
            report.failed_attempts += 1
            log.info("a send failed (%s); sending the same record again", type(error).__name__)
            await asyncio.sleep(1)
