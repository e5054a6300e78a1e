"""Publishing as an agency: CloudEvents on the agency's own inbound topic."""

from uuid import UUID

from aiokafka import AIOKafkaProducer

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


class AgencyClient:
    """What an agency backend does: write events to ``ddp.inbound.<agency>``, keyed by its reference.

    The agency is the principal ``access`` connects as: the broker lets it write its own inbound topic only.
    """

    def __init__(self, access: KafkaAccess, namespace: TopicNamespace = TopicNamespace()) -> None:
        self.agency = access.principal
        self.topic = namespace.physical(load_topic_registry().inbound_topic(self.agency))
        self._producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True)

    async def __aenter__(self) -> "AgencyClient":
        await self._producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._producer.stop()

    async def send(self, event: Event, key: str, correlation_id: UUID | None = None) -> CloudEvent:
        """Send ``event``; returns the envelope (its ``id`` is the idempotency key)."""
        envelope = CloudEvent(
            source=f"/agencies/{self.agency}",
            type=event.event_type,
            dataversion=event.version,
            subject=key,
            data=event.model_dump(mode="json"),
            correlationid=correlation_id,
        )
        await self.send_envelope(envelope, key)
        return envelope

    async def send_envelope(self, envelope: CloudEvent, key: str) -> None:
        value, headers = encode(envelope)
        await self.send_raw(value, headers, key)

    async def send_raw(self, value: bytes | None, headers: list[tuple[str, bytes]], key: str | None) -> None:
        """Send a record as is, well formed or not (for demos of rejection and for tests)."""
        await self._producer.send_and_wait(
            self.topic, value=value, key=key.encode() if key is not None else None, headers=headers
        )
