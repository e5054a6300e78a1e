"""The fault battery's checker: it must see every kind of violation it claims to rule out."""

from uuid import UUID, uuid4

import pytest

from ddp_cli.topic_reader import ObservedEvent
from ddp_testkit.battery.checker import check
from ddp_testkit.battery.log_scan import seeded_text_in_logs
from ddp_testkit.battery.workload import ACCEPTED, REFUSED
from tests.unit.testkit.battery_world import COMPLIANCE, INTERVENTIONS, REFERRALS, World, both_phases, phase_one


@pytest.fixture
def world() -> World:
    return both_phases()


def drop(world: World, event_type: str, topic: str | None = None) -> ObservedEvent:
    """Remove the first event of ``event_type`` (on ``topic``) from the evidence; return it."""
    victim = next(e for e in world.of_type(event_type) if topic in (None, e.topic))
    world.evidence.topics[victim.topic].remove(victim)
    return victim


def second_effect(world: World, event_type: str) -> ObservedEvent:
    """Publish another event like the first of ``event_type``: same data, a new event id."""
    first = world.of_type(event_type)[0]
    return world.publish(first.topic, event_type, dict(first.event.data), first.key or "", first.event.causationid)


def test_a_consistent_run_passes_both_phases(world: World) -> None:
    verdict = check(*world.args)
    assert verdict.passed, verdict.problems
    assert verdict.figures["escalations"] > 0 and verdict.figures["contract_messages"] == len(world.messages)


def test_a_consistent_first_phase_passes_alone() -> None:
    only = phase_one()
    assert check(only.inputs, only.fed, only.evidence).passed


def test_republished_copies_are_not_duplicates_but_are_counted(world: World) -> None:
    first = world.evidence.topics[REFERRALS][0]
    world.evidence.topics[REFERRALS].append(ObservedEvent(first.topic, 0, 10_000, first.key, first.event))
    verdict = check(*world.args)
    assert verdict.passed and verdict.figures["republished_copies"] == 1


@pytest.mark.parametrize(
    "effect", ["ddp.referral.received", "ddp.case.opened", "ddp.plan.drafted", "ddp.compliance.record_opened"]
)
def test_a_second_effect_of_one_referral_is_a_duplicate(world: World, effect: str) -> None:
    second_effect(world, effect)
    assert any(effect in d and "2 different events" in d for d in check(*world.args).duplicated)


@pytest.mark.parametrize(
    "effect", ["ddp.referral.received", "ddp.referral.acknowledged", "ddp.compliance.record_opened"]
)
def test_a_missing_effect_of_a_referral_is_lost(world: World, effect: str) -> None:
    drop(world, effect)
    assert check(*world.args).lost


def test_a_refused_referral_must_be_told_and_never_acknowledged(world: World) -> None:
    refused = next(i for i in world.inputs if i.expect == REFUSED)
    drop(world, "ddp.inbound.rejected")
    outbound = next(e.topic for e in world.of_type("ddp.referral.acknowledged") if e.key)
    world.publish(
        outbound, "ddp.referral.acknowledged", {"agency_reference": refused.agency_reference, "case_id": "x"}, "k"
    )
    verdict = check(*world.args)
    assert any("rejection on" in lost for lost in verdict.lost)
    assert any("yet acknowledged" in wrong for wrong in verdict.wrong)


def test_a_case_no_input_asked_for_is_a_duplicate(world: World) -> None:
    opened = world.of_type("ddp.case.opened")[0]
    world.publish(REFERRALS, "ddp.case.opened", dict(opened.event.data, case_id=str(uuid4())), "k")
    assert any("acknowledged for no input" in d for d in check(*world.args).duplicated)


def test_an_event_whose_cause_is_on_no_topic_is_lost(world: World) -> None:
    world.publish(INTERVENTIONS, "ddp.plan.adjusted", {"case_id": "x"}, "x", cause=uuid4())
    assert any("which is on no topic" in lost for lost in check(*world.args).lost)


def test_a_later_stage_before_an_earlier_one_on_a_key_is_out_of_order(world: World) -> None:
    agreed = world.of_type("ddp.plan.agreed")[0]
    events = world.evidence.topics[INTERVENTIONS]
    events.remove(agreed)
    events.insert(0, ObservedEvent(agreed.topic, 0, -1, agreed.key, agreed.event))  # before its plan was drafted
    assert any("ddp.plan.drafted after a later stage" in o for o in check(*world.args).out_of_order)


def test_a_bad_input_without_its_dead_letter_and_a_wrong_reason_are_both_flagged(world: World) -> None:
    letters = world.evidence.topics["ddp.referrals.dlq"]
    letters.pop()
    letters[0].event.data["reason_code"] = "SOMETHING_ELSE"
    verdict = check(*world.args)
    assert any("not dead-lettered" in lost for lost in verdict.lost)
    assert any("expected" in wrong for wrong in verdict.wrong_dead_letters)


def test_a_hostile_record_dead_lettered_by_a_service_that_does_not_judge_it_is_flagged(world: World) -> None:
    hostile = {i.index for i in world.inputs if i.hostile and i.judged_by == "interventions"}
    assert hostile, "the workload has hostile records for the programme team's and providers' topics"
    by_offset = {world.fed.acknowledged[i][0]: i for i in hostile}
    letter = next(
        e
        for e in world.evidence.topics["ddp.interventions.dlq"]
        if (e.event.data["original"]["topic"], 0, e.event.data["original"]["offset"]) in by_offset
    )
    world.evidence.topics["ddp.interventions.dlq"].remove(letter)
    world.publish("ddp.referrals.dlq", letter.event.type, dict(letter.event.data), "k")
    verdict = check(*world.args)
    assert any(wrong.startswith("ddp.referrals.dlq") for wrong in verdict.wrong_dead_letters)


def test_a_dead_letter_twice_or_from_a_service_given_no_bad_input_is_flagged(world: World) -> None:
    letter = world.evidence.topics["ddp.referrals.dlq"][0]
    world.publish(letter.topic, letter.event.type, dict(letter.event.data), letter.key or "")
    world.publish("ddp.compliance.dlq", "ddp.event.dead_lettered", dict(letter.event.data), "k")
    verdict = check(*world.args)
    assert any("dead-lettered 3 times" in d for d in verdict.duplicated)
    assert any(wrong.startswith("ddp.compliance.dlq") for wrong in verdict.wrong_dead_letters)


@pytest.mark.parametrize("effect", ["ddp.plan.agreed", "ddp.provider.assignment_accepted", "ddp.session.missed"])
def test_each_provider_and_programme_message_has_its_one_effect(world: World, effect: str) -> None:
    second_effect(world, effect)
    assert any(effect in d for d in check(*world.args).duplicated)
    drop(world, effect)
    drop(world, effect)
    assert any(effect in lost and lost.endswith("none") for lost in check(*world.args).lost)


def test_a_valid_provider_message_refused_is_wrong(world: World) -> None:
    message = next(m for m in world.messages if m.effect == "ddp.session.scheduled")
    refusal = {
        "rejected_event_id": str(message.envelope.id),
        "received_at": {"topic": f"ddp.inbound.{message.agency}", "partition": 0, "offset": 10_000},
        "reasons": [{"code": "PLAN_NOT_AGREED"}],
    }
    world.publish(f"ddp.outbound.{message.agency}", "ddp.inbound.rejected", refusal, str(message.case_id))
    assert any("PLAN_NOT_AGREED" in wrong for wrong in check(*world.args).wrong)


def test_the_rejection_a_hostile_record_earns_on_a_provider_topic_is_not_a_refused_message(world: World) -> None:
    hostile = next(i for i in world.inputs if i.hostile and i.agency.startswith("provider-"))
    topic, partition, offset = world.fed.acknowledged[hostile.index][0]
    refusal = {
        "rejected_event_id": None,
        "received_at": {"topic": topic, "partition": partition, "offset": offset},
        "reasons": [{"code": hostile.expect}],
    }
    world.publish(f"ddp.outbound.{hostile.agency}", "ddp.inbound.rejected", refusal, "k")
    assert check(*world.args).wrong == []


def test_one_situation_escalated_twice_is_a_duplicate(world: World) -> None:
    twice = dict(world.of_type("ddp.compliance.breach_referral_raised")[0].event.data, escalation_id=str(uuid4()))
    world.publish(COMPLIANCE, "ddp.compliance.breach_referral_raised", twice, twice["case_id"])
    assert any("raised 2 times" in d for d in check(*world.args).duplicated)


def test_one_escalation_published_as_two_events_is_a_duplicate(world: World) -> None:
    first = next(e for e in world.of_type("ddp.compliance.breach_referral_raised") if e.topic == COMPLIANCE)
    world.publish(COMPLIANCE, first.event.type, dict(first.event.data), first.key or "")
    assert any("published as 2 different events" in d for d in check(*world.args).duplicated)


def test_an_escalation_that_never_reached_its_authority_is_lost(world: World) -> None:
    told = next(e for e in world.of_type("ddp.compliance.breach_referral_raised") if e.topic != COMPLIANCE)
    world.evidence.topics[told.topic].remove(told)
    assert any("never reached" in lost for lost in check(*world.args).lost)


def test_a_mandated_case_without_escalation_is_lost_and_a_voluntary_breach_referral_is_wrong(world: World) -> None:
    escalated = drop(world, "ddp.compliance.breach_referral_raised", COMPLIANCE)
    voluntary = next(e for e in world.of_type("ddp.case.opened") if e.event.data["mandate"]["type"] == "VOLUNTARY")
    data = dict(escalated.event.data, case_id=voluntary.event.data["case_id"], mandate_type="VOLUNTARY")
    world.publish(COMPLIANCE, "ddp.compliance.breach_referral_raised", dict(data, escalation_id=str(uuid4())), "v")
    verdict = check(*world.args)
    assert any(escalated.event.data["case_id"] in lost and "no escalation" in lost for lost in verdict.lost)
    assert any("voluntary case" in wrong for wrong in verdict.wrong)


def test_progress_that_disagrees_with_the_topics_is_wrong(world: World) -> None:
    case = next(iter(world.evidence.progress))
    world.evidence.progress[case]["sessions"]["missed"]["unacceptable"] = 3  # one absence counted twice
    assert any(f"case {case}: interventions says unacceptable absences 3" in w for w in check(*world.args).wrong)


def test_an_instance_not_ready_at_the_end_is_wrong(world: World) -> None:
    world.evidence.unready = ["referrals-2"]
    assert check(*world.args).wrong == ["referrals-2: not ready at the end of the run"]


def test_the_workload_has_both_outcomes_and_the_world_has_work_for_the_providers(world: World) -> None:
    assert {i.expect for i in world.inputs} >= {ACCEPTED, REFUSED}
    assert {m.agency for m in world.messages} >= {"programme-team"} and all(
        isinstance(m.case_id, UUID) for m in world.messages
    )


def test_what_an_agency_sends_on_its_inbound_topic_is_no_effect_of_the_platform(world: World) -> None:
    drafted = world.of_type("ddp.plan.drafted")[0]
    world.publish("ddp.inbound.probation", "ddp.plan.drafted", {"plan": 1}, "bad")  # an ORIGIN_NOT_ALLOWED input
    world.publish("ddp.inbound.probation", "ddp.plan.drafted", dict(drafted.event.data), "bad")
    assert check(*world.args).passed


def test_an_escalation_told_twice_to_its_authority_is_a_duplicate(world: World) -> None:
    told = next(e for e in world.of_type("ddp.compliance.breach_referral_raised") if e.topic != COMPLIANCE)
    world.publish(told.topic, told.event.type, dict(told.event.data), told.key or "")
    duplicated = check(*world.args).duplicated
    assert [d for d in duplicated if "as 2 different events" in d and "told to" in d], duplicated


def test_a_situation_escalated_again_after_its_escalation_was_withdrawn_is_no_duplicate(world: World) -> None:
    first = next(e for e in world.of_type("ddp.compliance.breach_referral_raised") if e.topic == COMPLIANCE)
    withdrawal = {"escalation_id": first.event.data["escalation_id"], "case_id": first.event.data["case_id"]}
    world.publish(COMPLIANCE, "ddp.compliance.escalation_withdrawn", withdrawal, first.key or "")
    again = dict(first.event.data, escalation_id=str(uuid4()))
    world.publish(COMPLIANCE, first.event.type, again, first.key or "")
    for agency in again["referred_to"]:
        world.publish(f"ddp.outbound.{agency}", first.event.type, again, first.key or "")
    assert check(*world.args).duplicated == []


def test_seeded_text_in_a_service_log_is_found_and_named_without_the_line(tmp_path) -> None:
    (tmp_path / "referrals-1.log").write_text("INFO processed\\nKeyError: 'Zebulon Quayle 1987-03-14'\\n")
    (tmp_path / "compliance-1.log").write_text("INFO nothing of the sort\\n")
    [leak] = seeded_text_in_logs(tmp_path)
    assert leak.startswith("referrals-1.log:") and "KeyError" not in leak
