"""A Kafka record as the runtime sees it, independent of the client library's type."""

import hashlib
from dataclasses import dataclass
from typing import Any

from ddp_schemas.events.vocabulary import RecordCoordinates
from ddp_schemas.namespace import TopicNamespace


@dataclass(frozen=True)
class InboundRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    redriven: bool = False

    @classmethod
    def from_consumer_record(cls, record: Any, namespace: TopicNamespace) -> "InboundRecord":
        """``topic`` is the registry name of the record's topic (outside any namespace)."""
        return cls(
            topic=namespace.logical(record.topic),
            partition=record.partition,
            offset=record.offset,
            key=record.key,
            value=record.value,
            headers=tuple(record.headers or ()),
        )

    @property
    def coordinates(self) -> RecordCoordinates:
        return RecordCoordinates(topic=self.topic, partition=self.partition, offset=self.offset)

    @property
    def coordinates_key(self) -> str:
        return f"{self.topic}:{self.partition}:{self.offset}"

    @property
    def key_text(self) -> str | None:
        return self.key.decode(errors="replace") if self.key is not None else None

    def digest(self) -> str:
        """Fingerprint of what the sender said (headers and body), to tell a redelivery from a reused id."""
        sha = hashlib.sha256()
        for name, value in sorted(self.headers, key=lambda h: h[0]):
            if name.startswith("ce_") and name != "ce_time":
                sha.update(name.encode() + b"\0" + (value or b"") + b"\0")
        sha.update(self.value or b"")
        return sha.hexdigest()
