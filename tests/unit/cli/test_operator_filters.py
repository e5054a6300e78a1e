"""``ddp tail``'s filters and masking, and service addresses given on the command line."""

from datetime import UTC, datetime, timedelta

import pytest

from ddp_cli.service_health import ServiceAddress, parse_address, read_addresses, write_addresses
from ddp_cli.tail import TailFilter, tail_line
from ddp_cli.topic_reader import ObservedEvent
from ddp_schemas.envelope import CloudEvent

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def observed(event_type: str, key: str, at: datetime, topic: str = "ddp.referrals.events", data=None) -> ObservedEvent:
    event = CloudEvent(source="urn:test", type=event_type, dataversion=1, data=data or {}, time=at, subject=key)
    return ObservedEvent(topic=topic, partition=0, offset=7, key=key, event=event)


def test_a_filter_admits_only_the_types_key_and_time_range_asked_for():
    event = observed("ddp.case.opened", "C1", T0)
    assert TailFilter().admits(event)
    assert TailFilter(types=frozenset({"ddp.case.opened", "ddp.case.closed"})).admits(event)
    assert not TailFilter(types=frozenset({"ddp.case.closed"})).admits(event)
    assert TailFilter(key="C1").admits(event) and not TailFilter(key="C2").admits(event)
    assert TailFilter(since=T0, until=T0).admits(event)
    assert not TailFilter(since=T0 + timedelta(seconds=1)).admits(event)
    assert not TailFilter(until=T0 - timedelta(seconds=1)).admits(event)


def test_an_inbound_record_shows_its_envelope_and_nothing_of_its_data():
    data = {"reasons": [{"code": "X", "message": "Zebulon"}], "personal_details": {"given_name": "Zebulon"}}
    line = tail_line(observed("ddp.inbound.rejected", "PRB-1", T0, topic="ddp.inbound.probation", data=data))
    assert "ddp.inbound.rejected" in line and "Zebulon" not in line
    assert "reasons:" not in line, "no summary of an inbound record's data"


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("referrals=http://127.0.0.1:8081", ServiceAddress("referrals", "referrals", "http://127.0.0.1:8081")),
        ("referrals-2:referrals=http://h:1/", ServiceAddress("referrals-2", "referrals", "http://h:1")),
    ],
)
def test_an_address_on_the_command_line_names_its_service_and_instance(given, address):
    assert parse_address(given) == address


@pytest.mark.parametrize("given", ["referrals", "referrals=127.0.0.1:8081", "=http://h:1"])
def test_an_address_without_a_service_or_a_url_is_refused(given):
    with pytest.raises(ValueError, match="service=http"):
        parse_address(given)


def test_the_addresses_file_reads_back_what_was_written(tmp_path):
    addresses = [ServiceAddress("compliance", "compliance", "http://127.0.0.1:9")]
    write_addresses(tmp_path / "services.json", addresses)
    assert read_addresses(tmp_path / "services.json") == addresses
