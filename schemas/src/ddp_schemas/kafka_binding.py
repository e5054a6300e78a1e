"""CloudEvents Kafka protocol binding, binary content mode (``ce_*`` headers, JSON value)."""

import json
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from ddp_schemas.envelope import TRACEPARENT_PATTERN, CloudEvent

HEADER_PREFIX = "ce_"
CONTENT_TYPE_HEADER = "content-type"
_REQUIRED = ("id", "source", "type", "specversion", "dataversion")
_OPTIONAL = ("time", "subject", "dataschema", "correlationid", "causationid", "classification")
# Read leniently: trace context a sender got wrong is dropped, never a reason to refuse its record.
_TRACING = ("traceparent",)
_READ_HEADERS = frozenset({CONTENT_TYPE_HEADER, *(HEADER_PREFIX + name for name in _REQUIRED + _OPTIONAL)})
_COUNT = re.compile(r"[0-9]{1,18}")
_SURROGATE = re.compile("[\\ud800-\\udfff]")

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
    for name in _REQUIRED + _OPTIONAL + _TRACING:
        value = getattr(event, name)
        if value is None:
            continue
        text = value.isoformat() if isinstance(value, datetime) else str(value)
        headers.append((HEADER_PREFIX + name, text.encode()))
    value_bytes = json.dumps(event.data, separators=(",", ":"), default=str).encode()
    return value_bytes, headers


def decode(value: bytes | None, headers: Iterable[tuple[str, bytes]]) -> CloudEvent:
    """Parse a Kafka record into a :class:`CloudEvent`, or raise :class:`EnvelopeError`.

    Only the attributes the platform defines are read. Other headers, ``ce_`` extensions
    included, are the sender's business: they may be binary, numerous or repeated, and are
    ignored. A defined attribute must appear once, as printable UTF-8. No detail ever names
    a header the platform does not define or quotes a value.
    """
    from ddp_schemas import reasons

    if value is None:
        raise EnvelopeError(reasons.NULL_VALUE, "record has no value")
    headers = list(headers)
    found: dict[str, str] = {}
    for name, raw in headers:
        if name not in _READ_HEADERS:
            continue
        if name in found:
            raise EnvelopeError(reasons.INVALID_ENVELOPE, f"header {name} appears more than once")
        text = _printable_text(raw)
        if text is None:
            raise EnvelopeError(reasons.INVALID_ENVELOPE, f"header {name} is not printable UTF-8")
        found[name] = text
    attributes: dict[str, Any] = {
        name[len(HEADER_PREFIX) :]: text for name, text in found.items() if name != CONTENT_TYPE_HEADER
    }
    missing = [name for name in _REQUIRED if name not in attributes]
    if missing:
        raise EnvelopeError(
            reasons.INVALID_ENVELOPE, "missing headers: " + ", ".join(HEADER_PREFIX + m for m in missing)
        )
    if attributes["specversion"] != "1.0":
        raise EnvelopeError(reasons.INVALID_ENVELOPE, "ce_specversion must be 1.0")
    if parse_count(attributes["dataversion"]) is None:
        raise EnvelopeError(reasons.INVALID_ENVELOPE, "ce_dataversion must be a decimal integer")
    content_type = found.get(CONTENT_TYPE_HEADER)
    if content_type is not None and content_type.split(";")[0].strip().lower() != "application/json":
        raise EnvelopeError(reasons.UNPARSEABLE, "content-type must be application/json")
    try:
        data = json.loads(value, parse_constant=_refuse_constant)
    except RecursionError:
        raise EnvelopeError(reasons.UNPARSEABLE, "value nests too deeply") from None
    except ValueError:
        # Not JSON, not UTF-8, NaN or Infinity (not JSON either), or an integer too long to read.
        raise EnvelopeError(reasons.UNPARSEABLE, "value is not valid JSON") from None
    if not isinstance(data, dict):
        raise EnvelopeError(reasons.UNPARSEABLE, "value must be a JSON object")
    if not _storable(data):
        raise EnvelopeError(reasons.UNPARSEABLE, "value holds a NUL character or an unpaired surrogate")
    traceparent = _trace_context(headers)
    if traceparent is not None:
        attributes["traceparent"] = traceparent
    try:
        return CloudEvent.model_validate({**attributes, "data": data})
    except ValidationError as error:
        # Attribute names only (the platform's own): never the values.
        fields = sorted({HEADER_PREFIX + str(e["loc"][0]) for e in error.errors() if e["loc"]})
        raise EnvelopeError(reasons.INVALID_ENVELOPE, "invalid attributes: " + ", ".join(fields)) from None


def parse_count(text: str | None) -> int | None:
    """A non-negative decimal integer written in ASCII digits, or None.

    ``str.isdigit`` is not enough: it accepts superscripts and other digits ``int`` refuses.
    """
    if text is None or not _COUNT.fullmatch(text):
        return None
    return int(text)


def _trace_context(headers: Iterable[tuple[str, bytes]]) -> str | None:
    """The first ``ce_traceparent`` that is a valid W3C trace context, if any."""
    for name, raw in headers:
        if name == HEADER_PREFIX + "traceparent":
            text = _printable_text(raw)
            if text is not None and re.fullmatch(TRACEPARENT_PATTERN, text):
                _, trace_id, span_id, _ = text.split("-")
                # All-zero trace or span ids are invalid trace context (W3C), whatever their form.
                if set(trace_id) != {"0"} and set(span_id) != {"0"}:
                    return text
    return None


def _refuse_constant(name: str) -> Any:
    raise ValueError("not a JSON constant")


def _printable_text(raw: bytes | None) -> str | None:
    if raw is None:
        return ""
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return None
    return text if text.isprintable() else None


def _storable(value: Any) -> bool:
    """True when every string in ``value``, keys included, can be stored as PostgreSQL text.

    PostgreSQL refuses NUL in text and JSONB, and an unpaired surrogate cannot be encoded
    as UTF-8 at all; either would fail every transaction that tried to keep it. Iterative,
    so that the deepest nesting the JSON parser accepts cannot exhaust the stack here.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item or _SURROGATE.search(item):
                return False
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return True


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
