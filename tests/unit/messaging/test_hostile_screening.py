"""screen_record against records nobody should send: every one is rejected with its reason by the
one service that judges it, nothing raises, and nothing the sender wrote is repeated."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddp_messaging.records import InboundRecord
from ddp_messaging.screening import Accept, Reject, Skip, screen_record
from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.kafka_binding import encode
from ddp_schemas.topics import TopicKind, TopicRegistry, load_topic_registry
from ddp_testkit.hostile_records import MUTATIONS, SEEDED, hostile_record, noisy_headers
from tests.unit.messaging.test_record_screening import cloud_event

LIMIT = 256 * 1024
REGISTRY = load_topic_registry()
INBOUND = [t for t in REGISTRY.topics if t.kind is TopicKind.INBOUND]
SEEDED_PARTS = [SEEDED, *SEEDED.split()]


def screened_by_every_reader(rec: InboundRecord, registry: TopicRegistry) -> dict[str, object]:
    topic = registry.topic(rec.topic)
    return {
        service: screen_record(rec, service=service, registry=registry, catalogue=CATALOGUE, max_record_bytes=LIMIT)
        for service in topic.consumers
    }


def assert_quotes_nothing(rejection: Reject) -> None:
    said = " ".join([rejection.detail, rejection.error_class, *rejection.fields])
    for part in SEEDED_PARTS:
        assert part not in said, f"{rejection.code} repeats sender text: {said!r}"


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("topic", INBOUND, ids=lambda t: t.name)
def test_each_mutation_is_rejected_once_with_its_reason_by_the_service_that_judges_it(topic, mutation) -> None:
    hostile = hostile_record(topic, random.Random(f"{topic.name}{mutation}"), max_record_bytes=LIMIT, mutation=mutation)
    rec = InboundRecord(topic.name, 0, 1, hostile.key, hostile.value, hostile.headers)
    rulings = screened_by_every_reader(rec, REGISTRY)
    rejections = {s: r for s, r in rulings.items() if isinstance(r, Reject)}
    assert list(rejections) == [hostile.judged_by(topic)]
    assert all(isinstance(r, Skip) for s, r in rulings.items() if s not in rejections)
    (rejection,) = rejections.values()
    assert rejection.code == hostile.reason
    assert rejection.code in reasons.DESCRIPTIONS
    assert_quotes_nothing(rejection)


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(), topic=st.sampled_from(INBOUND))
def test_any_hostile_record_is_rejected_and_never_raises(seed, topic) -> None:
    hostile = hostile_record(topic, random.Random(seed), max_record_bytes=LIMIT)
    rec = InboundRecord(topic.name, 0, 1, hostile.key, hostile.value, hostile.headers)
    rejections = [r for r in screened_by_every_reader(rec, REGISTRY).values() if isinstance(r, Reject)]
    assert [r.code for r in rejections] == [hostile.reason]
    assert_quotes_nothing(rejections[0])


@settings(max_examples=300, deadline=None)
@given(
    key=st.none() | st.binary(max_size=300),
    value=st.none() | st.binary(max_size=300),
    headers=st.lists(
        st.tuples(
            st.sampled_from(["ce_id", "ce_type", "ce_source", "ce_specversion", "ce_dataversion", "content-type"])
            | st.text(max_size=12),
            st.binary(max_size=40),
        ),
        max_size=10,
    ),
    topic=st.sampled_from([t.name for t in REGISTRY.topics if t.consumers]),
)
def test_arbitrary_bytes_are_skipped_accepted_or_rejected_and_never_raise(key, value, headers, topic) -> None:
    rec = InboundRecord(topic, 3, 9, key, value, tuple([*headers, ("Zebulon", SEEDED.encode())]))
    for ruling in screened_by_every_reader(rec, REGISTRY).values():
        assert isinstance(ruling, Skip | Reject | Accept)
        if isinstance(ruling, Reject):
            assert ruling.code in reasons.DESCRIPTIONS
            assert_quotes_nothing(ruling)


def test_a_valid_referral_inside_hundreds_of_foreign_headers_is_accepted(submitted_data) -> None:
    value, headers = encode(cloud_event("ddp.referral.submitted", submitted_data))
    rec = InboundRecord(
        "ddp.inbound.probation", 0, 1, b"PRB-2026-000777", value, noisy_headers(headers, random.Random(7))
    )
    assert len(rec.headers) > 50
    assert isinstance(screened_by_every_reader(rec, REGISTRY)["referrals"], Accept)
