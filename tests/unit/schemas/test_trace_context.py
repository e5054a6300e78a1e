"""The CloudEvents distributed-tracing extension: kept when valid, dropped (never refused) otherwise."""

import pytest

from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import decode, encode

VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def event(traceparent: str | None = None) -> CloudEvent:
    return CloudEvent(
        source="/agencies/probation",
        type="ddp.referral.submitted",
        dataversion=1,
        data={"a": 1},
        traceparent=traceparent,
    )


def test_a_trace_context_travels_as_the_ce_traceparent_header_and_back():
    value, headers = encode(event(VALID))
    assert ("ce_traceparent", VALID.encode()) in headers
    assert decode(value, headers).traceparent == VALID


@pytest.mark.parametrize(
    "given",
    [
        b"not a trace",
        b"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        b"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        b"\xff\xfe",
        b"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    ],
)
def test_a_trace_context_that_is_not_valid_is_dropped_and_the_record_still_read(given):
    value, headers = encode(event())
    found = decode(value, [*headers, ("ce_traceparent", given)])
    assert found.traceparent is None and found.data == {"a": 1}


def test_the_first_valid_of_several_trace_contexts_is_kept():
    value, headers = encode(event())
    found = decode(value, [*headers, ("ce_traceparent", b"junk"), ("ce_traceparent", VALID.encode())])
    assert found.traceparent == VALID
