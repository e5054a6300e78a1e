"""First look at a record: is it ours, is it well formed, may its origin send it? No I/O."""

from dataclasses import dataclass, field

from ddp_messaging.records import InboundRecord
from ddp_schemas import reasons
from ddp_schemas.catalogue import CatalogueError, EventCatalogue
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.kafka_binding import EnvelopeError, decode
from ddp_schemas.topics import Topic, TopicKind, TopicRegistry


@dataclass(frozen=True)
class Skip:
    """Not this service's to act on or to judge (another reader of the topic handles it)."""


@dataclass(frozen=True)
class Reject:
    code: str
    error_class: str
    detail: str
    fields: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Accept:
    envelope: CloudEvent
    event: Event


Ruling = Skip | Reject | Accept


def screen_record(
    record: InboundRecord,
    *,
    service: str,
    registry: TopicRegistry,
    catalogue: EventCatalogue,
    max_record_bytes: int,
) -> Ruling:
    """Decide what to do with ``record`` before touching any state.

    On an inbound topic read by several services, each bad record is dead-lettered exactly
    once: by the service that acts on its type when the type is one the topic carries (so a
    malformed breach decision reaches compliance's dead letters and its sender hears why),
    and otherwise by the topic's ``rejected_by`` service.
    """
    topic = registry.topic(record.topic)
    judge = topic.kind is not TopicKind.INBOUND or topic.rejected_by == service
    if record.value is not None and len(record.value) > max_record_bytes:
        return _judged(judge, Reject(reasons.OVERSIZED, "RecordTooLarge", f"value exceeds {max_record_bytes} bytes"))
    if not record.key_is_valid:
        return _judged(judge, Reject(reasons.INVALID_KEY, "InvalidKey", "key is not printable UTF-8 of 1 to 256 bytes"))
    try:
        envelope = decode(record.value, record.headers)
    except EnvelopeError as error:
        return _judged(judge, Reject(error.code, "EnvelopeError", error.detail))
    if not registry.acts_on(service, record.topic, envelope.type):
        if topic.carries(envelope.type) is not None or topic.kind is not TopicKind.INBOUND:
            return Skip()
        if envelope.type in catalogue.types():
            detail = f"{envelope.type} may not be sent on {record.topic}"
            return _judged(judge, Reject(reasons.ORIGIN_NOT_ALLOWED, "OriginNotAllowed", detail))
        return _judged(judge, Reject(reasons.UNKNOWN_TYPE, "UnknownEventType", "ce_type is not a DDP event type"))
    try:
        event = catalogue.read(envelope)
    except CatalogueError as error:
        rejection = Reject(error.code, "CatalogueError", error.detail, error.fields)
        return _judged(judge or _judges_type(topic, envelope.type, service), rejection)
    return Accept(envelope, event)


def _judges_type(topic: Topic, event_type: str, service: str) -> bool:
    """Whether ``service`` judges a bad record of a type it acts on: the ``rejected_by`` service
    when it is among the type's consumers, otherwise the first of them."""
    carried = topic.carries(event_type)
    if carried is None or topic.rejected_by in carried.consumers:
        return False
    return carried.consumers[0] == service


def _judged(judge: bool, rejection: Reject) -> Ruling:
    return rejection if judge else Skip()
