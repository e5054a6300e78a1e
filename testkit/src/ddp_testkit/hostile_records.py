"""Records nobody should send, each with the reason code the platform must dead-letter it with.

Every mutation breaks one thing in an otherwise well-formed record of a type the topic
carries, so the expected reason follows from the screening order (size, key, envelope,
value, type, schema). Each also carries personal-looking text the sender chose
(:data:`SEEDED`) where the mutation allows it (field names, keys, header names and values),
so a test can look for it wherever the platform writes: it must appear nowhere.

Headers the platform does not define (hundreds of them, repeated, binary) are noise:
:func:`noisy_headers` surrounds a valid record's headers with them, and the record must still
be processed.
"""

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from uuid import uuid4

from ddp_schemas import reasons
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import encode
from ddp_schemas.topics import Topic

# A name and a date of birth: what a careless or hostile sender puts where it does not belong.
SEEDED = "Zebulon Quayle 1987-03-14"
_SEEDED_BYTES = SEEDED.encode()

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True)
class HostileRecord:
    mutation: str
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    reason: str  # the dead letter's reason code
    event_type: str  # the type the record was made from (before any mutation)

    def judged_by(self, topic: Topic) -> str:
        """The service whose dead-letter topic must hold this record's dead letter."""
        carried = topic.carries(self.event_type)
        if self.reason in _TYPE_LEVEL and carried is not None and topic.rejected_by not in carried.consumers:
            return carried.consumers[0]
        return topic.rejected_by or topic.consumers[0]


@dataclass(frozen=True)
class _Base:
    key: bytes
    value: bytes
    headers: Headers
    event_type: str


Mutation = Callable[[random.Random, _Base, int], tuple[bytes | None, bytes | None, Headers]]


def _with(headers: Headers, name: str, value: bytes) -> Headers:
    return [(n, value if n == name else v) for n, v in headers]


def _without(headers: Headers, name: str) -> Headers:
    return [(n, v) for n, v in headers if n != name]


def _data_with(base: _Base, text: str) -> bytes:
    """The base value with a field named :data:`SEEDED` holding ``text`` (JSON-escaped)."""
    data = json.loads(base.value)
    data[SEEDED] = text
    return json.dumps(data).encode()


def _key_nul(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return _SEEDED_BYTES + b"\x00" + b.key, b.value, b.headers


def _key_not_utf8(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return (
        b"\xff\xfe" + _SEEDED_BYTES + bytes(rng.randrange(128, 256) for _ in range(rng.randint(1, 40))),
        b.value,
        b.headers,
    )


def _key_control(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return _SEEDED_BYTES + bytes([rng.choice([1, 9, 10, 13, 27, 127])]), b.value, b.headers


def _key_huge(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return _SEEDED_BYTES * rng.randint(11, 2000), b.value, b.headers


def _key_empty(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b"", b.value, b.headers


def _header_repeated(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    name = rng.choice(["ce_id", "ce_type", "ce_source", "ce_dataversion", "ce_specversion"])
    copy = (name, str(uuid4()).encode() if name == "ce_id" else dict(b.headers)[name])
    return b.key, b.value, [*b.headers, copy]


def _header_not_utf8(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    name = rng.choice(["ce_source", "ce_type", "ce_specversion", "ce_dataversion"])
    return b.key, b.value, _with(b.headers, name, b"\xc3\x28" + _SEEDED_BYTES)


def _header_control(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    name = rng.choice(["ce_source", "ce_type", "ce_subject"])
    text = _SEEDED_BYTES + rng.choice([b"\x00", b"\n", b"\x1b[2J", "\u202e".encode()])
    return b.key, b.value, [*_without(b.headers, name), (name, text)]


def _header_missing(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    name = rng.choice(["ce_source", "ce_type", "ce_specversion", "ce_dataversion"])
    return b.key, b.value, _without(b.headers, name)


def _dataversion_not_ascii(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    # str.isdigit() says yes to all of these; int() refuses the first and misreads the others.
    version = rng.choice(["\u00b2", "\u0661", "\u0967", "\uff11", "1\u00b2"])
    return b.key, b.value, _with(b.headers, "ce_dataversion", version.encode())


def _value_garbage(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, b"\xff" + rng.randbytes(rng.randint(0, 200)) + _SEEDED_BYTES, b.headers


def _value_not_an_object(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, rng.choice([b"[1,2]", b'"' + _SEEDED_BYTES + b'"', b"42", b"null", b"true"]), b.headers


def _value_nul(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, _data_with(b, SEEDED + "\x00"), b.headers


def _value_surrogate(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, _data_with(b, SEEDED + rng.choice(["\ud800", "\udfff", "\udc00x"])), b.headers


def _value_not_json_numbers(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    number = rng.choice([b"NaN", b"Infinity", b"-Infinity", b"9" * 5000])
    return b.key, b'{"' + _SEEDED_BYTES + b'":' + number + b"}", b.headers


def _value_deep(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    # Deeper than Python's parser recurses, smaller than the platform's size limit (>= 200 KB).
    depth = rng.randint(5_000, 30_000)
    return b.key, b'{"a":' * depth + b"1" + b"}" * depth, b.headers


def _value_null(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, None, b.headers


def _value_oversized(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, b" " * (limit + 1 - len(b.value) + rng.randint(0, 1000)) + b.value, b.headers


def _content_type(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, b.value, _with(b.headers, "content-type", rng.choice([b"text/plain", b"application/xml"]))


def _unknown_field(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, _data_with(b, "x"), b.headers


def _unknown_type(rng: random.Random, b: _Base, limit: int) -> tuple[bytes | None, bytes | None, Headers]:
    return b.key, b.value, _with(b.headers, "ce_type", rng.choice([b"ddp.zebulon.quayle", b"Zebulon"]))


# Reasons found once the type is known: judged by the service that acts on the type.
_TYPE_LEVEL = frozenset({reasons.SCHEMA_VIOLATION, reasons.UNSUPPORTED_VERSION})

# mutation -> (how, the reason code it must be dead-lettered with)
MUTATIONS: dict[str, tuple[Mutation, str]] = {
    "key-nul": (_key_nul, reasons.INVALID_KEY),
    "key-not-utf8": (_key_not_utf8, reasons.INVALID_KEY),
    "key-control": (_key_control, reasons.INVALID_KEY),
    "key-huge": (_key_huge, reasons.INVALID_KEY),
    "key-empty": (_key_empty, reasons.INVALID_KEY),
    "header-repeated": (_header_repeated, reasons.INVALID_ENVELOPE),
    "header-not-utf8": (_header_not_utf8, reasons.INVALID_ENVELOPE),
    "header-control": (_header_control, reasons.INVALID_ENVELOPE),
    "header-missing": (_header_missing, reasons.INVALID_ENVELOPE),
    "dataversion-not-ascii": (_dataversion_not_ascii, reasons.INVALID_ENVELOPE),
    "value-garbage": (_value_garbage, reasons.UNPARSEABLE),
    "value-not-an-object": (_value_not_an_object, reasons.UNPARSEABLE),
    "value-nul": (_value_nul, reasons.UNPARSEABLE),
    "value-surrogate": (_value_surrogate, reasons.UNPARSEABLE),
    "value-not-json-numbers": (_value_not_json_numbers, reasons.UNPARSEABLE),
    "value-deep": (_value_deep, reasons.UNPARSEABLE),
    "value-null": (_value_null, reasons.NULL_VALUE),
    "value-oversized": (_value_oversized, reasons.OVERSIZED),
    "content-type": (_content_type, reasons.UNPARSEABLE),
    "unknown-field": (_unknown_field, reasons.SCHEMA_VIOLATION),
    "unknown-type": (_unknown_type, reasons.UNKNOWN_TYPE),
}


def base_record(topic: Topic, rng: random.Random, event_type: str | None = None) -> _Base:
    """A record of a type ``topic`` carries (``event_type``, or any), well formed as an envelope,
    with an empty body."""
    carried = topic.carries(event_type) if event_type else rng.choice(topic.events)
    if carried is None:
        raise ValueError(f"{topic.name} does not carry {event_type}")
    event = CloudEvent(source="/agencies/hostile", type=carried.type, dataversion=max(carried.versions), data={})
    value, headers = encode(event)
    key = f"H-{event.id.hex[:12]}".encode()
    return _Base(key=key, value=value, headers=headers, event_type=carried.type)


def hostile_record(
    topic: Topic,
    rng: random.Random,
    *,
    max_record_bytes: int,
    mutation: str | None = None,
    event_type: str | None = None,
) -> HostileRecord:
    """One record for ``topic`` (of ``event_type``, or any it carries) broken by ``mutation``
    (a random one when None)."""
    name = mutation or rng.choice(sorted(MUTATIONS))
    base = base_record(topic, rng, event_type)
    how, reason = MUTATIONS[name]
    key, value, headers = how(rng, base, max_record_bytes)
    return HostileRecord(name, key, value, tuple(headers), reason, base.event_type)


def noisy_headers(headers: Headers, rng: random.Random) -> tuple[tuple[str, bytes], ...]:
    """``headers`` (a valid record's) surrounded by any amount of headers the platform must ignore."""
    noise: Headers = []
    for n in range(rng.randint(50, 400)):
        name = rng.choice([f"ce_zebulon{n % 7}", f"x-{SEEDED}-{n % 13}", "traceparent", f"Zebulon-{n}"])
        noise.append((name, rng.choice([rng.randbytes(rng.randint(0, 30)), _SEEDED_BYTES, b""])))
    return (*noise, *headers, *noise[:10])
