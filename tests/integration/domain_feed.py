"""Writing events on a service's domain topic as that service would (connected as it), to drive a downstream one."""

from aiokafka import AIOKafkaProducer

from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


async def publish_domain_event(
    kafka: KafkaEndpoint, namespace: TopicNamespace, service: str, event: Event, key: str
) -> CloudEvent:
    envelope = CloudEvent(
        source=f"/ddp/{service}",
        type=event.event_type,
        dataversion=event.version,
        subject=key,
        data=event.model_dump(mode="json"),
    )
    await publish_envelope(kafka, namespace, service, envelope, key)
    return envelope


async def publish_envelope(
    kafka: KafkaEndpoint, namespace: TopicNamespace, service: str, envelope: CloudEvent, key: str
) -> None:
    value, headers = encode(envelope)
    producer = AIOKafkaProducer(**kafka.access(service).aiokafka(), enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(
            namespace.physical(load_topic_registry().domain_topic(service)),
            value=value,
            key=key.encode(),
            headers=headers,
        )
    finally:
        await producer.stop()
