"""Demo timelines: one line per event, grouped by correlation id, complete when the expected types arrived."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from ddp_cli.timeline import Timelines, describe, select_timeline
from ddp_cli.topic_reader import ObservedEvent
from ddp_schemas.envelope import CloudEvent

CASE, SUBJECT = UUID("11111111-1111-4111-8111-111111111111"), UUID("22222222-2222-4222-8222-222222222222")


RECEIVED = {"referral_id": str(CASE), "referred_by": "probation"}


def observed(
    event_type: str,
    data: dict,
    correlation: UUID | None = None,
    topic: str = "ddp.referrals.events",
    at: datetime | None = None,
):
    times = {"time": at} if at else {}
    event = CloudEvent(source="urn:test", type=event_type, dataversion=1, data=data, correlationid=correlation, **times)
    return ObservedEvent(topic=topic, partition=0, offset=0, key=None, event=event)


@pytest.mark.parametrize(
    ("event_type", "data", "line"),
    [
        (
            "ddp.referral.accepted",
            {"case_id": str(CASE), "subject_id": str(SUBJECT)},
            f"case {CASE} opened for subject {SUBJECT}",
        ),
        ("ddp.referral.acknowledged", {"case_id": str(CASE)}, f"receipt to agency: case {CASE}"),
        (
            "ddp.referral.rejected",
            {"reasons": [{"code": "CONSENT_MISSING"}, {"code": "IDENTIFIERS_MISSING"}]},
            "reasons: CONSENT_MISSING, IDENTIFIERS_MISSING",
        ),
        ("ddp.inbound.rejected", {"reasons": [{"code": "UNPARSEABLE"}]}, "reasons: UNPARSEABLE"),
        (
            "ddp.case.opened",
            {
                "mandate": {"type": "TEO", "responsible_authority": "home-office"},
                "assessed_needs": ["TRAUMA", "FAMILY"],
            },
            "TEO held by home-office; needs TRAUMA, FAMILY",
        ),
        (
            "ddp.plan.drafted",
            {"interventions": [{"kind": "MENTORING"}, {"kind": "PRACTICAL_SUPPORT"}]},
            "plan: MENTORING, PRACTICAL_SUPPORT",
        ),
        (
            "ddp.compliance.record_opened",
            {"mandate_type": "LICENCE", "escalation_possible": True, "policy_version": "p1"},
            "LICENCE: can escalate to breach (policy p1)",
        ),
        (
            "ddp.compliance.record_opened",
            {"mandate_type": "VOLUNTARY", "escalation_possible": False, "policy_version": "p1"},
            "VOLUNTARY: engagement concerns only (policy p1)",
        ),
        ("ddp.event.dead_lettered", {"reason_code": "SCHEMA_VIOLATION"}, "dead letter: SCHEMA_VIOLATION"),
        (
            "ddp.referral.received",
            {"referral_id": str(CASE), "referred_by": "probation"},
            f"referral {CASE} from probation, screening",
        ),
        (
            "ddp.inbound.rejected",
            {"reasons": [{"code": "SCHEMA_VIOLATION", "field": "mandate"}]},
            "reasons: SCHEMA_VIOLATION(mandate)",
        ),
        ("ddp.future.event", {"anything": 1}, ""),
    ],
    ids=lambda v: v if isinstance(v, str) and v.startswith("ddp.") else "",
)
def test_describe_summarises_an_event_from_its_data(event_type, data, line) -> None:
    assert describe(observed(event_type, data)) == line


def test_observed_events_are_grouped_by_correlation_id() -> None:
    lines: list[str] = []
    timelines = Timelines(emit=lines.append)
    first, second = uuid4(), uuid4()
    timelines.follow(first, "licence")
    timelines.follow(second, "voluntary")

    timelines.observe(observed("ddp.referral.received", RECEIVED, first))
    timelines.observe(observed("ddp.referral.received", RECEIVED, second))
    timelines.observe(observed("ddp.referral.accepted", {"case_id": "c", "subject_id": "s"}, first))

    assert len(timelines.timeline(first).entries) == 2
    assert len(timelines.timeline(second).entries) == 1
    assert [line.split("]")[0] for line in lines] == ["[licence", "[voluntary", "[licence"]
    assert "ddp.referral.accepted" in lines[2] and "case c opened for subject s" in lines[2]


def test_events_of_other_correlations_or_none_are_ignored() -> None:
    lines: list[str] = []
    timelines = Timelines(emit=lines.append)
    followed = uuid4()
    timelines.follow(followed, "licence")
    timelines.observe(observed("ddp.referral.received", RECEIVED, uuid4()))
    timelines.observe(observed("ddp.referral.received", RECEIVED, None))
    assert lines == []
    assert timelines.timeline(followed).entries == []


def test_a_timeline_is_complete_once_every_expected_type_was_seen() -> None:
    timelines = Timelines(emit=lambda line: None)
    correlation = uuid4()
    timelines.follow(correlation, "licence")
    expected = {"ddp.referral.accepted", "ddp.case.opened"}

    assert not timelines.complete(correlation, expected)
    timelines.observe(observed("ddp.referral.accepted", {"case_id": "c", "subject_id": "s"}, correlation))
    assert not timelines.complete(correlation, expected)
    timelines.observe(
        observed(
            "ddp.case.opened",
            {"mandate": {"type": "TEO", "responsible_authority": "x"}, "assessed_needs": []},
            correlation,
        )
    )
    assert timelines.complete(correlation, expected)


def test_nothing_expected_is_complete_at_once() -> None:
    timelines = Timelines(emit=lambda line: None)
    correlation = uuid4()
    timelines.follow(correlation, "x")
    assert timelines.complete(correlation, set())


def test_a_timeline_lists_events_in_the_order_they_happened_not_the_order_they_arrived() -> None:
    timelines = Timelines(emit=lambda line: None)
    case = uuid4()
    timelines.follow(case, "licence")
    start = datetime(2026, 11, 1, tzinfo=UTC)
    accepted = {"case_id": "c", "subject_id": "s"}
    timelines.observe(observed("ddp.referral.accepted", accepted, case, at=start + timedelta(milliseconds=5)))
    timelines.observe(observed("ddp.referral.received", RECEIVED, case, at=start))
    entries = timelines.timeline(case).entries
    assert "ddp.referral.received" in entries[0] and "ddp.referral.accepted" in entries[1]


def test_a_case_timeline_follows_the_case_key_and_the_referral_chain_that_opened_it() -> None:
    chain, other = uuid4(), uuid4()
    start = datetime(2026, 11, 27, 9, tzinfo=UTC)

    def keyed(event_type: str, key: str | None, correlation: UUID, minute: int) -> ObservedEvent:
        event = observed(event_type, {}, correlation, at=start + timedelta(minutes=minute))
        return ObservedEvent(event.topic, 0, minute, key, event.event)

    received = keyed("ddp.referral.received", "referral-key", chain, 0)  # keyed by the referral, same chain
    opened = keyed("ddp.case.opened", str(CASE), chain, 1)
    missed = keyed("ddp.session.missed", str(CASE), uuid4(), 3)  # a provider's chain, about the case
    unrelated = keyed("ddp.case.opened", "another-case", other, 2)
    written = [missed, unrelated, opened, received]

    assert [e.event.type for e in select_timeline(written, CASE)] == [
        "ddp.referral.received",
        "ddp.case.opened",
        "ddp.session.missed",
    ]
    assert select_timeline(written, other) == [unrelated]
