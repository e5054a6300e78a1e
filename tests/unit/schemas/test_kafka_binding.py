"""The CloudEvents Kafka binding: what encode writes, decode reads back; every malformed record is named."""

import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_schemas import reasons
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import EnvelopeError, decode, encode, event_id_of, header_value

EVENT_ID = UUID("0b9c7f5e-3c1a-4d2e-9f10-5a6b7c8d9e0f")

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
data_dicts = st.dictionaries(st.text(max_size=12), json_values, max_size=6)
optional_text = st.none() | st.text(max_size=30)
optional_uuid = st.none() | st.uuids()


@given(
    data=data_dicts,
    source=st.text(min_size=1, max_size=40),
    event_type=st.text(min_size=1, max_size=40),
    dataversion=st.integers(min_value=1, max_value=10_000),
    time=st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
    subject=optional_text,
    dataschema=optional_text,
    correlationid=optional_uuid,
    causationid=optional_uuid,
    classification=st.text(min_size=1, max_size=30),
)
def test_decode_reads_back_what_encode_wrote(
    data, source, event_type, dataversion, time, subject, dataschema, correlationid, causationid, classification
) -> None:
    event = CloudEvent(
        source=source,
        type=event_type,
        dataversion=dataversion,
        time=time,
        subject=subject,
        dataschema=dataschema,
        correlationid=correlationid,
        causationid=causationid,
        classification=classification,
        data=data,
    )
    assert decode(*encode(event)) == event


def test_encode_writes_binary_mode_headers_and_a_json_value() -> None:
    event = CloudEvent(
        id=EVENT_ID,
        source="urn:ddp:agency:probation",
        type="ddp.referral.submitted",
        dataversion=1,
        time=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        data={"a": 1},
    )
    value, headers = encode(event)
    assert json.loads(value) == {"a": 1}
    assert dict(headers) == {
        "content-type": b"application/json",
        "ce_id": str(EVENT_ID).encode(),
        "ce_source": b"urn:ddp:agency:probation",
        "ce_type": b"ddp.referral.submitted",
        "ce_specversion": b"1.0",
        "ce_dataversion": b"1",
        "ce_time": b"2026-03-01T09:00:00+00:00",
        "ce_classification": b"OFFICIAL-SENSITIVE",
    }


def test_encode_leaves_out_attributes_that_are_not_set() -> None:
    _, headers = encode(CloudEvent(source="s", type="t", dataversion=1, data={}))
    names = {name for name, _ in headers}
    assert not names & {"ce_subject", "ce_dataschema", "ce_correlationid", "ce_causationid"}


# --- malformed records -----------------------------------------------------------------------------


def valid_record() -> tuple[bytes, list[tuple[str, bytes]]]:
    return encode(
        CloudEvent(
            id=EVENT_ID,
            source="urn:ddp:agency:probation",
            type="ddp.referral.submitted",
            dataversion=1,
            data={"agency_reference": "PRB-1"},
        )
    )


def with_header(headers: list[tuple[str, bytes]], name: str, value: bytes) -> list[tuple[str, bytes]]:
    return [(n, value if n == name else v) for n, v in headers]


def rejection(value: bytes | None, headers: list[tuple[str, bytes]]) -> EnvelopeError:
    with pytest.raises(EnvelopeError) as caught:
        decode(value, headers)
    return caught.value


def test_a_tombstone_is_a_null_value() -> None:
    _, headers = valid_record()
    assert rejection(None, headers).code == reasons.NULL_VALUE


@pytest.mark.parametrize("missing", ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_dataversion"])
def test_a_missing_required_header_is_an_invalid_envelope_naming_it(missing) -> None:
    value, headers = valid_record()
    error = rejection(value, [(n, v) for n, v in headers if n != missing])
    assert error.code == reasons.INVALID_ENVELOPE
    assert missing in error.detail


def test_every_missing_header_is_named_at_once() -> None:
    value, headers = valid_record()
    error = rejection(value, [(n, v) for n, v in headers if n not in ("ce_id", "ce_type")])
    assert "ce_id" in error.detail and "ce_type" in error.detail


@pytest.mark.parametrize("specversion", [b"0.3", b"1", b"2.0", b""])
def test_a_specversion_other_than_1_0_is_an_invalid_envelope(specversion) -> None:
    value, headers = valid_record()
    assert rejection(value, with_header(headers, "ce_specversion", specversion)).code == reasons.INVALID_ENVELOPE


def test_a_header_that_is_not_utf8_is_an_invalid_envelope() -> None:
    value, headers = valid_record()
    error = rejection(value, with_header(headers, "ce_source", b"\xff\xfe\xfa"))
    assert error.code == reasons.INVALID_ENVELOPE
    assert "ce_source" in error.detail


@pytest.mark.parametrize("value", [b"{not json", b"", b"\xff\xfe{}", b'{"a": 1'], ids=repr)
def test_a_value_that_is_not_json_is_unparseable(value) -> None:
    _, headers = valid_record()
    assert rejection(value, headers).code == reasons.UNPARSEABLE


@pytest.mark.parametrize("value", [b"[1, 2]", b'"text"', b"42", b"null"], ids=repr)
def test_a_json_value_that_is_not_an_object_is_unparseable(value) -> None:
    _, headers = valid_record()
    assert rejection(value, headers).code == reasons.UNPARSEABLE


@pytest.mark.parametrize("content_type", [b"text/plain", b"application/xml", b"application/avro"])
def test_a_content_type_other_than_json_is_unparseable(content_type) -> None:
    value, headers = valid_record()
    assert rejection(value, with_header(headers, "content-type", content_type)).code == reasons.UNPARSEABLE


def test_json_with_a_charset_parameter_is_accepted() -> None:
    value, headers = valid_record()
    assert decode(value, with_header(headers, "content-type", b"application/json; charset=utf-8")).id == EVENT_ID


def test_a_record_without_content_type_is_read_as_json() -> None:
    value, headers = valid_record()
    assert decode(value, [(n, v) for n, v in headers if n != "content-type"]).id == EVENT_ID


def test_an_id_that_is_not_a_uuid_is_an_invalid_envelope_without_repeating_it() -> None:
    value, headers = valid_record()
    error = rejection(value, with_header(headers, "ce_id", b"Zebedee-Quillfeather"))
    assert error.code == reasons.INVALID_ENVELOPE
    assert "id" in error.detail
    assert "Zebedee" not in str(error)


@pytest.mark.parametrize("dataversion", [b"0", b"-1", b"one", b"1.5", b""])
def test_a_dataversion_that_is_not_a_positive_integer_is_an_invalid_envelope(dataversion) -> None:
    value, headers = valid_record()
    error = rejection(value, with_header(headers, "ce_dataversion", dataversion))
    assert error.code == reasons.INVALID_ENVELOPE
    assert "dataversion" in error.detail


def test_an_invalid_time_is_an_invalid_envelope() -> None:
    value, headers = valid_record()
    assert rejection(value, with_header(headers, "ce_time", b"yesterday")).code == reasons.INVALID_ENVELOPE


def test_other_headers_are_ignored() -> None:
    value, headers = valid_record()
    assert decode(value, [*headers, ("traceparent", b"00-abc"), ("x-anything", b"42")]).id == EVENT_ID


def test_a_binary_header_outside_the_binding_is_ignored() -> None:
    value, headers = valid_record()
    assert decode(value, [*headers, ("x-trace-bin", b"\xff\x00\x01")]).id == EVENT_ID


# --- reading the id and headers of any record -------------------------------------------------------------


def test_event_id_of_reads_a_valid_ce_id() -> None:
    event_id = uuid4()
    assert event_id_of([("ce_type", b"x"), ("ce_id", str(event_id).encode())]) == event_id


@pytest.mark.parametrize(
    "headers",
    [[], [("ce_id", b"")], [("ce_id", b"not-a-uuid")], [("ce_id", b"\xff\xfe")], [("id", str(EVENT_ID).encode())]],
    ids=["absent", "empty", "not-a-uuid", "not-utf8", "unprefixed"],
)
def test_event_id_of_is_none_without_a_valid_ce_id(headers) -> None:
    assert event_id_of(headers) is None


def test_header_value_is_none_for_an_absent_header() -> None:
    assert header_value([("ce_type", b"t")], "ce_source") is None
    assert header_value([("ce_type", b"t")], "ce_type") == "t"
