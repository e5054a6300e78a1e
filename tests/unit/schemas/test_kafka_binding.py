"""The CloudEvents Kafka binding: what encode writes, decode reads back; every malformed record is named."""

import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_schemas import reasons
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import EnvelopeError, decode, encode, event_id_of, header_value, parse_count

EVENT_ID = UUID("0b9c7f5e-3c1a-4d2e-9f10-5a6b7c8d9e0f")

# Text PostgreSQL can store (no NUL, no unpaired surrogate), and header text a person can read.
storable_text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
printable_text = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")) | st.just(" ")
)
json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | storable_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(storable_text.filter(lambda t: len(t) <= 8), inner, max_size=4)
    ),
    max_leaves=12,
)
data_dicts = st.dictionaries(storable_text.filter(lambda t: len(t) <= 12), json_values, max_size=6)
optional_text = st.none() | printable_text.filter(lambda t: len(t) <= 30)
optional_uuid = st.none() | st.uuids()


@given(
    data=data_dicts,
    source=printable_text.filter(lambda t: 1 <= len(t) <= 40),
    event_type=printable_text.filter(lambda t: 1 <= len(t) <= 40),
    dataversion=st.integers(min_value=1, max_value=10_000),
    time=st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
    subject=optional_text,
    dataschema=optional_text,
    correlationid=optional_uuid,
    causationid=optional_uuid,
    classification=printable_text.filter(lambda t: 1 <= len(t) <= 30),
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


# --- hostile headers and values ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ce_id", "ce_type", "ce_dataversion", "ce_subject", "content-type"])
def test_a_header_the_platform_reads_appearing_twice_is_an_invalid_envelope(name) -> None:
    # Which copy would count is a guess the platform does not make: the inbox and the
    # handler must never read different ids or types from one record.
    value, headers = valid_record()
    present = dict(headers)
    repeated = [*headers, (name, present[name])] if name in present else [*headers, (name, b"a"), (name, b"b")]
    error = rejection(value, repeated)
    assert error.code == reasons.INVALID_ENVELOPE
    assert name in error.detail


@pytest.mark.parametrize("text", [b"urn:\x00x", b"urn:\nx", b"urn:\x1bx", "urn:\u202ex".encode()], ids=repr)
def test_a_header_the_platform_reads_with_a_control_character_is_an_invalid_envelope(text) -> None:
    value, headers = valid_record()
    error = rejection(value, with_header(headers, "ce_source", text))
    assert error.code == reasons.INVALID_ENVELOPE and error.detail == "header ce_source is not printable UTF-8"


def test_unknown_ce_extensions_are_ignored_whatever_their_name_count_or_bytes() -> None:
    value, headers = valid_record()
    extras = [(f"ce_zebulon{n}", b"\xff\x00") for n in range(300)] + [("ce_zebulon0", b"again")] * 3
    assert decode(value, [*headers, *extras]).id == EVENT_ID


@pytest.mark.parametrize("dataversion", ["²", "\u0661", "1_0", " 1", "+1", "9" * 30])
def test_a_dataversion_python_would_misread_is_an_invalid_envelope(dataversion) -> None:
    value, headers = valid_record()
    error = rejection(value, with_header(headers, "ce_dataversion", dataversion.encode()))
    assert error.code == reasons.INVALID_ENVELOPE


@pytest.mark.parametrize(
    "value",
    [
        b'{"a":"x\\u0000y"}',  # PostgreSQL text cannot hold NUL
        b'{"x\\u0000":1}',  # nor in a key
        b'{"a":["\\ud800"]}',  # an unpaired surrogate is not encodable
        b'{"a":NaN}',
        b'{"a":-Infinity}',
        b'{"a":' + b"1" * 5000 + b"}",  # longer than Python reads as an int
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=["nul", "nul-key", "surrogate", "nan", "infinity", "long-int", "deep-list", "deep-object"],
)
def test_a_value_postgresql_could_not_store_or_python_could_not_read_is_unparseable(value) -> None:
    _, headers = valid_record()
    assert rejection(value, headers).code == reasons.UNPARSEABLE


@pytest.mark.parametrize("text, count", [("0", 0), ("17", 17), ("9" * 18, 10**18 - 1)])
def test_parse_count_reads_ascii_decimal_integers(text, count) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize("text", [None, "", "²", "\u0661\u0662", "-1", "1.0", " 1", "1 ", "9" * 19, "0x10"])
def test_parse_count_refuses_anything_else(text) -> None:
    assert parse_count(text) is None


@given(
    value=st.binary(max_size=200), headers=st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=40)), max_size=8)
)
def test_decode_either_reads_an_event_or_raises_an_envelope_error_that_quotes_nothing(value, headers) -> None:
    seeded = [("ce_zebulon", b"Zebulon"), *headers, ("Zebulon-Smith", b"1990-01-01")]
    try:
        decode(value, seeded)
    except EnvelopeError as error:
        assert "Zebulon" not in str(error) and "1990" not in str(error)
