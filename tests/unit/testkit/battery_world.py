"""A battery run that went right, built by hand: what the checker must pass, and what each test breaks."""

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from ddp_cli.topic_reader import ObservedEvent
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.battery.evidence import Evidence
from ddp_testkit.battery.feeder import FeedReport
from ddp_testkit.battery.phases import cases_with_plans
from ddp_testkit.battery.provider_workflow import ContractMessage, programme_team_messages, provider_messages
from ddp_testkit.battery.workload import ACCEPTED, REFUSED, PlannedInput, build_workload

REFERRALS, INTERVENTIONS, COMPLIANCE = "ddp.referrals.events", "ddp.interventions.events", "ddp.compliance.events"


@dataclass
class World:
    inputs: list[PlannedInput]
    fed: FeedReport = field(default_factory=FeedReport)
    evidence: Evidence = field(default_factory=Evidence)
    messages: list[ContractMessage] = field(default_factory=list)

    def publish(
        self, topic: str, event_type: str, data: dict[str, Any], key: str, cause: UUID | None = None
    ) -> ObservedEvent:
        """Append an event to ``topic`` as a service would have published it."""
        events = self.evidence.topics.setdefault(topic, [])
        envelope = CloudEvent(source="/ddp/test", type=event_type, dataversion=1, data=data, causationid=cause)
        observed = ObservedEvent(topic=topic, partition=0, offset=len(events), key=key, event=envelope)
        events.append(observed)
        return observed

    def of_type(self, event_type: str) -> list[ObservedEvent]:
        return self.evidence.events_of_type(event_type)

    @property
    def args(self) -> tuple[list[PlannedInput], FeedReport, Evidence, list[ContractMessage]]:
        return self.inputs, self.fed, self.evidence, self.messages


def phase_one() -> World:
    """Every referral received once, accepted ones with a case, a plan and a compliance record, refused
    ones rejected, every bad or hostile input dead-lettered once with its reason, by its judge."""
    registry = load_topic_registry()
    world = World(build_workload(cases=8, bad_copies=1, seed=14, run="t", today=date(2026, 11, 27), hostile=40))
    for offset, planned in enumerate(world.inputs):
        key = planned.key.decode(errors="replace") if planned.key else None
        world.fed.acknowledged[planned.index] = [(registry.inbound_topic(planned.agency), 0, offset)]
        outbound = registry.outbound_topic(planned.agency)
        if planned.expect in (ACCEPTED, REFUSED):
            referral = str(uuid4())
            world.publish(REFERRALS, "ddp.referral.received", {"referral_id": referral}, referral, planned.event_id)
        if planned.expect == REFUSED:
            world.publish(REFERRALS, "ddp.referral.rejected", {"referral_id": referral}, referral, planned.event_id)
            rejection = {"rejected_event_id": str(planned.event_id), "reasons": [{"code": "AUTHORITY_MISMATCH"}]}
            world.publish(outbound, "ddp.inbound.rejected", rejection, key, planned.event_id)
        elif planned.expect == ACCEPTED:
            _accepted(world, planned, referral, outbound)
        else:
            original = {"topic": registry.inbound_topic(planned.agency), "partition": 0, "offset": offset}
            letter = {"original": original, "reason_code": planned.expect}
            judge = planned.judged_by or "referrals"
            world.publish(registry.dead_letter_topic(judge), "ddp.event.dead_lettered", letter, key)
    return world


def _accepted(world: World, planned: PlannedInput, referral: str, outbound: str) -> None:
    case = str(uuid4())
    mandate = json.loads(planned.value or b"{}")["mandate"]
    ids = {"referral_id": referral, "case_id": case}
    world.publish(REFERRALS, "ddp.referral.accepted", ids, case, planned.event_id)
    opened = world.publish(REFERRALS, "ddp.case.opened", {**ids, "mandate": mandate}, case, planned.event_id)
    reference = planned.agency_reference
    world.publish(outbound, "ddp.referral.acknowledged", {**ids, "agency_reference": reference}, reference)
    plan = {
        "case_id": case,
        "plan_id": str(uuid4()),
        "interventions": [{"intervention_id": str(uuid4()), "kind": "MENTORING"}],
    }
    world.publish(INTERVENTIONS, "ddp.plan.drafted", plan, case, opened.event.id)
    world.publish("ddp.outbound.programme-team", "ddp.plan.drafted", plan, case, opened.event.id)  # its own copy
    world.publish(COMPLIANCE, "ddp.compliance.record_opened", {"case_id": case}, case, opened.event.id)


def both_phases() -> World:
    """Phase one, then every programme-team and provider message with its one effect, each mandated case
    referred for breach to its authority, and interventions' progress agreeing."""
    world = phase_one()
    registry = load_topic_registry()
    cases = cases_with_plans(world.evidence)
    world.messages = programme_team_messages(cases, registry) + provider_messages(cases, registry)
    missed: dict[UUID, list[ObservedEvent]] = {}
    for message in world.messages:
        data = {**message.envelope.data, "absence_category": message.envelope.data.get("absence_category")}
        effect = world.publish(INTERVENTIONS, message.effect, data, str(message.case_id), message.envelope.id)
        if message.effect == "ddp.session.missed":
            missed.setdefault(message.case_id, []).append(effect)
    for opened in world.of_type("ddp.case.opened"):
        case, mandate = opened.event.data["case_id"], opened.event.data["mandate"]
        sessions = {"offered": 2, "attended": 0, "missed": {"acceptable": 0, "unacceptable": 2, "logistical": 0}}
        world.evidence.progress[UUID(case)] = {"case_id": case, "plan_status": "AGREED", "sessions": sessions}
        if mandate["type"] != "VOLUNTARY":
            _referred_for_breach(world, case, mandate, missed[UUID(case)][-1].event.id)
    return world


def _referred_for_breach(world: World, case: str, mandate: dict[str, Any], cause: UUID) -> None:
    escalation = {
        "escalation_id": str(uuid4()),
        "case_id": case,
        "mandate_type": mandate["type"],
        "referred_to": [mandate["responsible_authority"]],
        "rule": "unacceptable-absences",
        "window_start": mandate["starts_on"],
    }
    world.publish(COMPLIANCE, "ddp.compliance.breach_referral_raised", escalation, case, cause)
    outbound = load_topic_registry().outbound_topic(mandate["responsible_authority"])
    world.publish(outbound, "ddp.compliance.breach_referral_raised", escalation, case, cause)
