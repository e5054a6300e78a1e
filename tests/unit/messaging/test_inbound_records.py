"""InboundRecord: the runtime's view of a Kafka record, and the fingerprint that tells redeliveries apart."""

from types import SimpleNamespace
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_messaging.records import MAX_KEY_BYTES, InboundRecord
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.vocabulary import RecordCoordinates
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace

EVENT = CloudEvent(
    id=UUID("5d1f3c9a-7b2e-4f60-8a11-2c3d4e5f6a7b"),
    source="urn:ddp:agency:probation",
    type="ddp.referral.submitted",
    dataversion=1,
    subject="PRB-1",
    data={"agency_reference": "PRB-1"},
)


def record(value: bytes | None, headers) -> InboundRecord:
    return InboundRecord("ddp.inbound.probation", 0, 1, b"PRB-1", value, tuple(headers))


def with_header(headers, name: str, value: bytes):
    return [(n, value if n == name else v) for n, v in headers]


@given(order=st.permutations(range(len(encode(EVENT)[1]))))
def test_the_digest_does_not_depend_on_header_order(order) -> None:
    value, headers = encode(EVENT)
    assert record(value, [headers[i] for i in order]).digest() == record(value, headers).digest()


def test_the_digest_does_not_depend_on_when_the_event_was_stamped() -> None:
    value, headers = encode(EVENT)
    restamped = with_header(headers, "ce_time", b"2031-01-01T00:00:00+00:00")
    assert record(value, restamped).digest() == record(value, headers).digest()


def test_the_digest_differs_when_the_body_differs() -> None:
    value, headers = encode(EVENT)
    other_value, _ = encode(EVENT.model_copy(update={"data": {"agency_reference": "PRB-2"}}))
    assert record(other_value, headers).digest() != record(value, headers).digest()


@pytest.mark.parametrize(("name", "value"), [("ce_type", b"ddp.referral.withdrawn"), ("ce_subject", b"PRB-9")])
def test_the_digest_differs_when_an_attribute_differs(name, value) -> None:
    body, headers = encode(EVENT)
    assert record(body, with_header(headers, name, value)).digest() != record(body, headers).digest()


def test_a_tombstone_has_a_digest() -> None:
    _, headers = encode(EVENT)
    assert len(record(None, headers).digest()) == 64


def consumer_record(topic: str, headers=None) -> SimpleNamespace:
    return SimpleNamespace(topic=topic, partition=3, offset=42, key=b"PRB-1", value=b"{}", headers=headers)


def test_a_consumer_record_is_read_under_its_registry_name() -> None:
    rec = InboundRecord.from_consumer_record(
        consumer_record("t-1a2b.ddp.inbound.probation", [("ce_id", b"x")]), TopicNamespace("t-1a2b")
    )
    assert rec == InboundRecord("ddp.inbound.probation", 3, 42, b"PRB-1", b"{}", (("ce_id", b"x"),))
    assert rec.coordinates == RecordCoordinates(topic="ddp.inbound.probation", partition=3, offset=42)
    assert rec.coordinates_key == "ddp.inbound.probation:3:42"
    assert rec.key_text == "PRB-1"


def test_a_consumer_record_without_headers_has_none() -> None:
    rec = InboundRecord.from_consumer_record(consumer_record("ddp.inbound.probation"), TopicNamespace())
    assert rec.headers == ()


def test_a_consumer_record_from_another_namespace_is_refused() -> None:
    with pytest.raises(ValueError):
        InboundRecord.from_consumer_record(consumer_record("other.ddp.inbound.probation"), TopicNamespace("mine"))


def rec_with_key(key: bytes | None) -> InboundRecord:
    return InboundRecord("ddp.inbound.probation", 0, 0, key, b"{}", ())


@pytest.mark.parametrize("key", [b"PRB-2026-000777", "Ré-2026/7".encode(), b"k" * MAX_KEY_BYTES])
def test_a_printable_utf8_key_is_valid_and_kept_as_it_is(key: bytes) -> None:
    rec = rec_with_key(key)
    assert rec.key_is_valid and rec.key_text == key.decode()


def test_no_key_is_valid_and_has_no_text() -> None:
    assert rec_with_key(None).key_is_valid and rec_with_key(None).key_text is None


@pytest.mark.parametrize(
    "key",
    [
        b"",
        b"PRB\x00777",  # PostgreSQL text cannot hold NUL
        b"\xffPRB",  # not UTF-8
        b"PRB\n777",  # a control character
        "PRB\u202e777".encode(),  # a bidirectional override: not printable
        b"k" * (MAX_KEY_BYTES + 1),
    ],
)
def test_a_key_the_platform_cannot_keep_or_repeat_is_invalid_and_never_repeated(key: bytes) -> None:
    rec = rec_with_key(key)
    assert not rec.key_is_valid and rec.key_text is None


@given(st.binary(max_size=300))
def test_key_text_is_none_or_storable_text_for_any_bytes(key: bytes) -> None:
    text = rec_with_key(key).key_text
    assert text is None or (text.encode() == key and "\x00" not in text and len(key) <= MAX_KEY_BYTES)
