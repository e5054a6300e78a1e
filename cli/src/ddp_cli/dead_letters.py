"""Dead letters for on-call engineers: list them, and re-drive them after a fix.

A re-drive reads each selected dead letter's original record back from its original
coordinates and copies it, unchanged, to ``ddp.<service>.redrive``. The service then handles
it as if read where it first was: same origin, same event id, so at most one effect however
often it is re-driven.
"""

from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from ddp_cli.topic_reader import ObservedEvent, read_to_end
from ddp_schemas.connection import KafkaAccess
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.redrive import with_original_coordinates
from ddp_schemas.topics import load_topic_registry


@dataclass(frozen=True)
class RedriveResult:
    redriven: int
    missing: int  # originals no longer on their topic (retention passed)


async def dead_letters(access: KafkaAccess, service: str, namespace: TopicNamespace) -> list[ObservedEvent]:
    """Every dead letter the service has written and Kafka still holds, oldest first per partition."""
    topic = load_topic_registry().dead_letter_topic(service)
    return await read_to_end(access, topic, namespace)


async def redrive(
    access: KafkaAccess,
    service: str,
    namespace: TopicNamespace,
    selected: Callable[[ObservedEvent], bool] = lambda letter: True,
) -> RedriveResult:
    """Copy the originals of the selected dead letters to the service's re-drive topic."""
    letters = [letter for letter in await dead_letters(access, service, namespace) if selected(letter)]
    target = namespace.physical(load_topic_registry().redrive_topic(service))
    consumer = AIOKafkaConsumer(**access.aiokafka(), group_id=None, enable_auto_commit=False)
    producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True)
    await consumer.start()
    await producer.start()
    redriven = missing = 0
    try:
        for letter in letters:
            original = letter.event.data["original"]
            partition = TopicPartition(namespace.physical(original["topic"]), original["partition"])
            consumer.assign([partition])
            consumer.seek(partition, original["offset"])
            batch = await consumer.getmany(partition, timeout_ms=5000, max_records=1)
            records = batch.get(partition, [])
            if not records or records[0].offset != original["offset"]:
                missing += 1
                continue
            record = records[0]
            headers = with_original_coordinates(
                record.headers or (), original["topic"], record.partition, record.offset
            )
            await producer.send_and_wait(target, value=record.value, key=record.key, headers=headers)
            redriven += 1
    finally:
        await producer.stop()
        await consumer.stop()
    return RedriveResult(redriven, missing)
