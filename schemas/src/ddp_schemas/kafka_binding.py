"""CloudEvents Kafka protocol binding, binary content mode (``ce_*`` headers, JSON value)."""

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from ddp_schemas.envelope import CloudEvent

HEADER_PREFIX = "ce_"
CONTENT_TYPE_HEADER = "content-type"
_REQUIRED = ("id", "source", "type", "specversion", "dataversion")
_OPTIONAL = ("time", "subject", "dataschema", "correlationid", "causationid", "classification")

Headers = Sequence[tuple[str, bytes]]


class EnvelopeError(ValueError):
    """A Kafka record that is not a well-formed DDP CloudEvent.

    ``code`` is a reason code from :mod:`ddp_schemas.reasons`; ``detail`` names the fault
    without repeating any of the record's content.
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def encode(event: CloudEvent) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Return the Kafka value and headers for ``event``."""
    headers: list[tuple[str, bytes]] = [(CONTENT_TYPE_HEADER, event.datacontenttype.encode())]
    for name in _REQUIRED + _OPTIONAL:
        value = getattr(event, name)
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, datetime) else str(value)
        headers.append((HEADER_PREFIX + name, text.encode()))
    value_bytes = json.dumps(event.data, separators=(",", ":"), default=str).encode()
    return value_bytes, headers


def decode(value: bytes | None, headers: Iterable[tuple[str, bytes]]) -> CloudEvent:
    """Parse a Kafka record into a :class:`CloudEvent`, or raise :class:`EnvelopeError`."""
    from ddp_schemas import reasons

    if value is None:
        raise EnvelopeError(reasons.NULL_VALUE, "record has no value")
    attributes: dict[str, Any] = {}
    content_type = None
    for name, raw in headers:
        if name != CONTENT_TYPE_HEADER and not name.startswith(HEADER_PREFIX):
            continue  # other headers (tracing, say) may be binary; they are not ours to read
        try:
            text = raw.decode() if raw is not None else ""
        except UnicodeDecodeError:
            raise EnvelopeError(reasons.INVALID_ENVELOPE, f"header {name} is not UTF-8") from None
        if name == CONTENT_TYPE_HEADER:
            content_type = text
        elif name.startswith(HEADER_PREFIX):
            attributes[name[len(HEADER_PREFIX) :]] = text
    missing = [name for name in _REQUIRED if name not in attributes]
    if missing:
        raise EnvelopeError(
            reasons.INVALID_ENVELOPE, "missing headers: " + ", ".join(HEADER_PREFIX + m for m in missing)
        )
    if attributes["specversion"] != "1.0":
        raise EnvelopeError(reasons.INVALID_ENVELOPE, "ce_specversion must be 1.0")
    if content_type is not None and content_type.split(";")[0].strip().lower() != "application/json":
        raise EnvelopeError(reasons.UNPARSEABLE, "content-type must be application/json")
    try:
        data = json.loads(value)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EnvelopeError(reasons.UNPARSEABLE, "value is not valid JSON") from None
    if not isinstance(data, dict):
        raise EnvelopeError(reasons.UNPARSEABLE, "value must be a JSON object")
    try:
        return CloudEvent.model_validate({**attributes, "data": data})
    except ValidationError as error:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in error.errors()})
        raise EnvelopeError(reasons.INVALID_ENVELOPE, "invalid attributes: " + ", ".join(fields)) from None


def header_value(headers: Iterable[tuple[str, bytes]], name: str) -> str | None:
    """The text of header ``name``, or None."""
    for key, raw in headers:
        if key == name and raw is not None:
            return raw.decode(errors="replace")
    return None


def event_id_of(headers: Iterable[tuple[str, bytes]]) -> UUID | None:
    """The ``ce_id`` of a record when it is a valid UUID, whatever else is wrong with it."""
    text = header_value(headers, HEADER_PREFIX + "id")
    try:
        return UUID(text) if text else None
    except ValueError:
        return None
