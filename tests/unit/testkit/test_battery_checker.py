"""The fault battery's checker: it must see every kind of violation it claims to rule out."""

from datetime import date
from uuid import UUID, uuid4

import pytest

from ddp_cli.battery.checker import check
from ddp_cli.battery.evidence import Evidence
from ddp_cli.battery.feeder import FeedReport
from ddp_cli.battery.workload import ACCEPTED, REFUSED, PlannedInput, build_workload
from ddp_cli.topic_reader import ObservedEvent
from ddp_schemas.envelope import CloudEvent


def observed(topic: str, event_type: str, data: dict, key: str, offset: int, event_id: UUID | None = None):
    event = CloudEvent(id=event_id or uuid4(), source="/ddp/test", type=event_type, dataversion=1, data=data)
    return ObservedEvent(topic=topic, partition=0, offset=offset, key=key, event=event)


@pytest.fixture
def world() -> tuple[list[PlannedInput], FeedReport, Evidence]:
    """A consistent run: every valid input has its effects, every bad input one right dead letter."""
    inputs = build_workload(cases=6, bad_copies=1, seed=7, run="t", today=date(2026, 11, 27))
    fed, evidence = FeedReport(), Evidence()
    outbox_id = 0
    for offset, planned in enumerate(inputs):
        fed.acknowledged[planned.index] = [(f"ddp.inbound.{planned.agency}", 0, offset)]
        if planned.expect == REFUSED:
            evidence.referrals[planned.agency_reference] = ("REJECTED", None)
        elif planned.expect == ACCEPTED:
            case = uuid4()
            evidence.referrals[planned.agency_reference] = ("ACCEPTED", case)
            evidence.case_rows[case] = evidence.plans[case] = evidence.compliance_records[case] = 1
            opened = observed("ddp.referrals.events", "ddp.case.opened", {"case_id": str(case)}, str(case), offset)
            evidence.topics.setdefault("ddp.referrals.events", []).append(opened)
            outbox_id += 1
            evidence.outbox.setdefault("referrals", []).append(
                (outbox_id, opened.event.id, "ddp.referrals.events", str(case), True)
            )
        else:
            letter = observed(
                "ddp.referrals.dlq",
                "ddp.event.dead_lettered",
                {
                    "original": {"topic": "ddp.inbound.probation", "partition": 0, "offset": offset},
                    "reason_code": planned.expect,
                },
                planned.key,
                offset,
            )
            evidence.topics.setdefault("ddp.referrals.dlq", []).append(letter)
    return inputs, fed, evidence


def test_a_consistent_run_passes(world) -> None:
    verdict = check(*world)
    assert verdict.passed, verdict
    assert verdict.figures["lost"] == verdict.figures["duplicated"] == 0


def test_a_second_plan_for_a_case_is_a_duplicated_effect(world) -> None:
    inputs, fed, evidence = world
    evidence.plans[next(iter(evidence.plans))] = 2
    assert any("2 plans" in d for d in check(inputs, fed, evidence).duplicated)


def test_a_missing_compliance_record_is_a_lost_effect(world) -> None:
    inputs, fed, evidence = world
    del evidence.compliance_records[next(iter(evidence.compliance_records))]
    assert any("no compliance record" in lost for lost in check(inputs, fed, evidence).lost)


def test_an_event_marked_published_but_absent_from_its_topic_is_lost(world) -> None:
    inputs, fed, evidence = world
    evidence.topics["ddp.referrals.events"].pop()
    assert any("marked published but not on" in lost for lost in check(inputs, fed, evidence).lost)


def test_republished_copies_are_not_duplicates_but_are_counted(world) -> None:
    inputs, fed, evidence = world
    first = evidence.topics["ddp.referrals.events"][0]
    evidence.topics["ddp.referrals.events"].append(ObservedEvent(first.topic, 0, 10_000, first.key, first.event))
    verdict = check(inputs, fed, evidence)
    assert verdict.passed and verdict.figures["republished_copies"] == 1


def test_events_of_one_key_published_out_of_the_order_written_are_flagged(world) -> None:
    inputs, fed, evidence = world
    case_key = evidence.topics["ddp.referrals.events"][0].key
    later = observed("ddp.referrals.events", "ddp.case.suspended", {}, case_key, 0)
    evidence.topics["ddp.referrals.events"].insert(0, later)  # read first, but written last
    evidence.outbox["referrals"].append((999, later.event.id, "ddp.referrals.events", case_key, True))
    assert check(inputs, fed, evidence).out_of_order


def test_a_bad_input_without_its_dead_letter_and_a_wrong_reason_are_both_flagged(world) -> None:
    inputs, fed, evidence = world
    letters = evidence.topics["ddp.referrals.dlq"]
    letters.pop()
    letters[0].event.data["reason_code"] = "SOMETHING_ELSE"
    verdict = check(inputs, fed, evidence)
    assert any("not dead-lettered" in lost for lost in verdict.lost)
    assert verdict.wrong_dead_letters


def test_a_valid_input_with_no_referral_is_lost(world) -> None:
    inputs, fed, evidence = world
    del evidence.referrals[next(iter(evidence.referrals))]
    verdict = check(inputs, fed, evidence)
    assert any("no referral recorded" in lost for lost in verdict.lost)
