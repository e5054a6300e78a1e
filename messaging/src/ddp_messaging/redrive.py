"""Re-driven records: dead letters copied back after a fix, handled as if read where they first were."""

from dataclasses import replace

from ddp_messaging.records import InboundRecord
from ddp_schemas.kafka_binding import header_value, parse_count
from ddp_schemas.redrive import HEADERS, OFFSET_HEADER, PARTITION_HEADER, TOPIC_HEADER
from ddp_schemas.topics import TopicKind, TopicRegistry

# The inbox keeps a partition as a 32-bit integer; Kafka's own limit is far lower.
_MAX_PARTITION = 2**31 - 1


def unwrap(record: InboundRecord, service: str, registry: TopicRegistry) -> InboundRecord | None:
    """The original record behind a re-drive copy, or None when the copy does not say where it came from.

    Records on other topics are returned as they are. The origin, the judge of bad input
    and the inbox key all follow from the original coordinates, so a re-drive can neither
    change who sent a record nor give it a second effect.
    """
    if registry.topic(record.topic).kind is not TopicKind.REDRIVE:
        return record
    topic = header_value(record.headers, TOPIC_HEADER)
    partition = parse_count(header_value(record.headers, PARTITION_HEADER))
    offset = parse_count(header_value(record.headers, OFFSET_HEADER))
    if topic is None or partition is None or offset is None or partition > _MAX_PARTITION:
        return None
    try:
        if service not in registry.topic(topic).consumers:
            return None
    except KeyError:
        return None
    headers = tuple(h for h in record.headers if h[0] not in HEADERS)
    return replace(record, topic=topic, partition=partition, offset=offset, headers=headers, redriven=True)
