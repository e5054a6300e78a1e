"""screen_record: the first, pure look at a record before any state is touched."""

from uuid import uuid4

import pytest

from ddp_messaging.records import InboundRecord
from ddp_messaging.screening import Accept, Reject, Skip, screen_record
from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.kafka_binding import encode
from ddp_schemas.topics import TopicRegistry

LIMIT = 64 * 1024

CASE_OPENED = CaseOpened.model_validate(
    {
        "case_id": str(uuid4()),
        "subject_id": str(uuid4()),
        "referral_id": str(uuid4()),
        "mandate": {
            "type": "LICENCE",
            "responsible_authority": "probation",
            "participation_required": True,
            "starts_on": "2026-01-05",
        },
        "assessed_needs": ["HOUSING"],
    }
).model_dump(mode="json")


def cloud_event(event_type: str, data: dict, dataversion: int = 1) -> CloudEvent:
    return CloudEvent(source="urn:ddp:test", type=event_type, dataversion=dataversion, data=data)


def record(topic: str, value: bytes | None, headers: list[tuple[str, bytes]]) -> InboundRecord:
    return InboundRecord(
        topic=topic, partition=0, offset=7, key=b"PRB-2026-000777", value=value, headers=tuple(headers)
    )


def record_of(topic: str, event: CloudEvent) -> InboundRecord:
    return record(topic, *encode(event))


def screen(rec: InboundRecord, service: str, registry: TopicRegistry, max_record_bytes: int = LIMIT):
    return screen_record(
        rec, service=service, registry=registry, catalogue=CATALOGUE, max_record_bytes=max_record_bytes
    )


@pytest.fixture
def submitted(submitted_data) -> CloudEvent:
    return cloud_event("ddp.referral.submitted", submitted_data)


# --- an agency's inbound topic, judged by its one reader ------------------------------------------------


def test_a_valid_referral_from_probation_is_accepted_as_its_latest_model(registry, submitted) -> None:
    ruling = screen(record_of("ddp.inbound.probation", submitted), "referrals", registry)
    assert isinstance(ruling, Accept)
    assert ruling.envelope == submitted
    assert isinstance(ruling.event, ReferralSubmitted)
    assert ruling.event.agency_reference == "PRB-2026-000777"


def test_a_record_larger_than_the_limit_is_rejected_as_oversized(registry, submitted) -> None:
    rec = record_of("ddp.inbound.probation", submitted)
    ruling = screen(rec, "referrals", registry, max_record_bytes=len(rec.value) - 1)
    assert isinstance(ruling, Reject) and ruling.code == reasons.OVERSIZED


def test_a_record_exactly_at_the_limit_is_not_oversized(registry, submitted) -> None:
    rec = record_of("ddp.inbound.probation", submitted)
    assert isinstance(screen(rec, "referrals", registry, max_record_bytes=len(rec.value)), Accept)


def test_a_tombstone_is_rejected_as_a_null_value(registry, submitted) -> None:
    _, headers = encode(submitted)
    ruling = screen(record("ddp.inbound.probation", None, headers), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.NULL_VALUE


def test_garbage_bytes_are_rejected_as_unparseable(registry, submitted) -> None:
    _, headers = encode(submitted)
    ruling = screen(record("ddp.inbound.probation", b"\x00\x9f\x92garbage", headers), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.UNPARSEABLE


def test_a_record_missing_a_required_header_is_an_invalid_envelope(registry, submitted) -> None:
    value, headers = encode(submitted)
    headers = [(n, v) for n, v in headers if n != "ce_type"]
    ruling = screen(record("ddp.inbound.probation", value, headers), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.INVALID_ENVELOPE


def test_a_known_type_an_agency_may_not_send_is_rejected_as_not_allowed_for_its_origin(registry) -> None:
    forged = cloud_event("ddp.plan.drafted", {"plan_id": str(uuid4())})
    ruling = screen(record_of("ddp.inbound.probation", forged), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.ORIGIN_NOT_ALLOWED


def test_a_type_the_platform_does_not_know_is_rejected_as_unknown(registry) -> None:
    ruling = screen(record_of("ddp.inbound.probation", cloud_event("ddp.weather.changed", {})), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.UNKNOWN_TYPE


def test_a_version_the_platform_does_not_read_is_rejected_as_unsupported(registry, submitted_data) -> None:
    event = cloud_event("ddp.referral.submitted", submitted_data, dataversion=2)
    ruling = screen(record_of("ddp.inbound.probation", event), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.UNSUPPORTED_VERSION


def test_data_that_breaks_the_schema_is_rejected_with_the_fields_and_without_the_values(
    registry, submitted_data
) -> None:
    submitted_data["personal_details"]["date_of_birth"] = "Zebedee"
    del submitted_data["mandate"]
    event = cloud_event("ddp.referral.submitted", submitted_data)
    ruling = screen(record_of("ddp.inbound.probation", event), "referrals", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.SCHEMA_VIOLATION
    assert ruling.fields == ("mandate", "personal_details.date_of_birth")
    assert "Zebedee" not in ruling.detail


# --- a domain topic: each reader acts on its own types and judges what it reads -------------------------


def test_a_type_the_service_does_not_act_on_is_skipped(registry) -> None:
    received = cloud_event("ddp.referral.received", {"referral_id": str(uuid4()), "referred_by": "probation"})
    assert screen(record_of("ddp.referrals.events", received), "interventions", registry) == Skip()


def test_a_type_the_service_acts_on_is_accepted(registry) -> None:
    opened = cloud_event("ddp.case.opened", CASE_OPENED)
    for service in ("interventions", "compliance"):
        ruling = screen(record_of("ddp.referrals.events", opened), service, registry)
        assert isinstance(ruling, Accept) and isinstance(ruling.event, CaseOpened)


def test_an_unknown_type_on_a_domain_topic_is_skipped(registry) -> None:
    # A type a newer release of the owning service writes: readers that do not know it pass over it.
    newer = cloud_event("ddp.case.reopened", {"case_id": str(uuid4())})
    assert screen(record_of("ddp.referrals.events", newer), "interventions", registry) == Skip()


def test_a_known_type_a_reader_does_not_act_on_is_skipped(registry) -> None:
    received = cloud_event("ddp.referral.received", {"referral_id": str(uuid4()), "referred_by": "probation"})
    assert screen(record_of("ddp.referrals.events", received), "interventions", registry) == Skip()


def test_a_malformed_record_on_a_domain_topic_is_rejected_by_its_reader(registry) -> None:
    opened = cloud_event("ddp.case.opened", CASE_OPENED)
    _, headers = encode(opened)
    ruling = screen(record("ddp.referrals.events", b"not json", headers), "compliance", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.UNPARSEABLE


# --- an inbound topic read by two services: only its rejected_by service judges ---------------------------

SHARED_INBOUND = TopicRegistry.model_validate(
    {
        "registry_version": 1,
        "defaults": {"replication_factor": 1, "configs": {}},
        "agencies": {"probation": {"title": "Probation", "authority": True}},
        "services": ["referrals", "compliance"],
        "topics": [
            {
                "name": "ddp.inbound.probation",
                "kind": "inbound",
                "owner": "probation",
                "producers": ["probation"],
                "consumers": ["referrals", "compliance"],
                "rejected_by": "referrals",
                "partitions": 1,
                "retention_ms": 60000,
                "key": "agency_reference",
                "events": [
                    {"type": "ddp.referral.submitted", "versions": [1], "consumers": ["referrals", "compliance"]}
                ],
            }
        ],
    }
)


def bad_records(submitted: CloudEvent) -> dict[str, tuple[InboundRecord, str, int]]:
    value, headers = encode(submitted)
    topic = "ddp.inbound.probation"
    return {
        "oversized": (record(topic, value, headers), reasons.OVERSIZED, 10),
        "null-value": (record(topic, None, headers), reasons.NULL_VALUE, LIMIT),
        "garbage": (record(topic, b"\xff\xfe", headers), reasons.UNPARSEABLE, LIMIT),
        "missing-header": (
            record(topic, value, [h for h in headers if h[0] != "ce_id"]),
            reasons.INVALID_ENVELOPE,
            LIMIT,
        ),
        "not-allowed": (record_of(topic, cloud_event("ddp.plan.drafted", {})), reasons.ORIGIN_NOT_ALLOWED, LIMIT),
        "unknown-type": (record_of(topic, cloud_event("ddp.weather.changed", {})), reasons.UNKNOWN_TYPE, LIMIT),
    }


BAD = ["oversized", "null-value", "garbage", "missing-header", "not-allowed", "unknown-type"]


@pytest.mark.parametrize("case", BAD)
def test_the_rejected_by_service_judges_a_bad_record(submitted, case) -> None:
    rec, code, limit = bad_records(submitted)[case]
    ruling = screen(rec, "referrals", SHARED_INBOUND, max_record_bytes=limit)
    assert isinstance(ruling, Reject) and ruling.code == code


@pytest.mark.parametrize("case", BAD)
def test_another_reader_of_the_inbound_topic_skips_a_bad_record(submitted, case) -> None:
    rec, _, limit = bad_records(submitted)[case]
    assert screen(rec, "compliance", SHARED_INBOUND, max_record_bytes=limit) == Skip()


def test_another_reader_that_acts_on_the_type_accepts_a_valid_record(submitted) -> None:
    ruling = screen(record_of("ddp.inbound.probation", submitted), "compliance", SHARED_INBOUND)
    assert isinstance(ruling, Accept)


def test_another_reader_skips_a_record_that_breaks_the_schema(submitted_data) -> None:
    del submitted_data["mandate"]
    rec = record_of("ddp.inbound.probation", cloud_event("ddp.referral.submitted", submitted_data))
    assert isinstance(screen(rec, "referrals", SHARED_INBOUND), Reject)
    assert screen(rec, "compliance", SHARED_INBOUND) == Skip()


# --- a type an inbound topic carries for a service other than its rejected_by one -------------------------


def test_a_malformed_breach_decision_is_judged_by_compliance_which_acts_on_it(registry) -> None:
    # Referrals is the probation topic's rejected_by service but does not read decisions:
    # were compliance to skip it too, the authority's decision would vanish without a word.
    decision = cloud_event("ddp.breach.decision_submitted", {"escalation_id": "Zebulon"})
    rec = record_of("ddp.inbound.probation", decision)
    ruling = screen(rec, "compliance", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.SCHEMA_VIOLATION
    assert "Zebulon" not in ruling.detail
    assert screen(rec, "referrals", registry) == Skip()


def test_a_breach_decision_at_a_version_compliance_does_not_read_is_judged_by_compliance(registry) -> None:
    rec = record_of("ddp.inbound.ct-policing", cloud_event("ddp.breach.decision_submitted", {}, dataversion=9))
    ruling = screen(rec, "compliance", registry)
    assert isinstance(ruling, Reject) and ruling.code == reasons.UNSUPPORTED_VERSION
    assert screen(rec, "referrals", registry) == Skip()
