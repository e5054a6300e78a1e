"""A Kafka record as the runtime sees it, independent of the client library's type."""

import hashlib
from dataclasses import dataclass
from typing import Any

from ddp_schemas.events.vocabulary import RecordCoordinates
from ddp_schemas.namespace import TopicNamespace

# Agency references and case ids are far shorter; a longer key is not one the platform gave
# meaning to, and it is copied into every answer and dead letter the record causes.
MAX_KEY_BYTES = 256


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
    def key_is_valid(self) -> bool:
        """No key, or printable UTF-8 of at most :data:`MAX_KEY_BYTES`: a key the platform can keep and repeat."""
        return self.key is None or _key_text(self.key) is not None

    @property
    def key_text(self) -> str | None:
        """The key as text for the records this one causes; None when there is none or it is not valid.

        An invalid key (NUL, control characters, bytes that are not UTF-8, an outsized key)
        cannot be stored as text, and is the sender's content: it is never repeated.
        """
        return _key_text(self.key) if self.key is not None else None

    def digest(self) -> str:
        """Fingerprint of what the sender said (headers and body), to tell a redelivery from a reused id."""
        sha = hashlib.sha256()
        for name, value in sorted(self.headers, key=lambda h: h[0]):
            if name.startswith("ce_") and name != "ce_time":
                sha.update(name.encode() + b"\0" + (value or b"") + b"\0")
        sha.update(self.value or b"")
        return sha.hexdigest()


def _key_text(key: bytes) -> str | None:
    if not key or len(key) > MAX_KEY_BYTES:
        return None
    try:
        text = key.decode()
    except UnicodeDecodeError:
        return None
    return text if text.isprintable() else None
