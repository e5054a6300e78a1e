"""Delivery invariants on the topics: nothing published goes missing, per-key order holds, and the
dead letters are exactly the bad inputs."""

from collections import Counter
from uuid import UUID

from ddp_schemas.topics import TopicKind, load_topic_registry
from ddp_testkit.battery.evidence import Evidence, first_occurrences
from ddp_testkit.battery.feeder import FeedReport
from ddp_testkit.battery.verdict import Verdict
from ddp_testkit.battery.workload import ACCEPTED, REFUSED, PlannedInput

# Per case key, the order the workload makes these happen in (each stage waits for, or follows on the
# same partition, the one before): the topic must show them in that order. Types in one set: any order.
LIFECYCLES = {
    "ddp.referrals.events": [{"ddp.referral.received"}, {"ddp.referral.rejected"}],
    "ddp.interventions.events": [
        {"ddp.plan.drafted"},
        {"ddp.plan.agreed"},
        {"ddp.provider.assigned"},
        {"ddp.provider.assignment_accepted"},
        {"ddp.session.scheduled"},
        {"ddp.session.missed"},
    ],
    "ddp.compliance.events": [{"ddp.compliance.record_opened"}, {"ddp.compliance.non_compliance_recorded"}],
}


def causes_on_topics(sent: set[UUID], evidence: Evidence, verdict: Verdict) -> None:
    """Every event a published event names as its cause is on a topic (or is a record the battery sent):
    an acknowledged event that a consumer acted on and the topic then lost shows up here."""
    present = sent | {e.event.id for events in evidence.topics.values() for e in events}
    for event in evidence.platform_written():
        cause = event.event.causationid
        if cause is not None and cause not in present:
            verdict.lost.append(f"{event.event.type} on {event.topic} names cause {cause}, which is on no topic")


def order_per_key(evidence: Evidence, verdict: Verdict) -> None:
    for topic, stages in LIFECYCLES.items():
        rank = {event_type: n for n, types in enumerate(stages) for event_type in types}
        for key, events in first_occurrences(evidence.topics.get(topic, [])).items():
            reached = -1
            for event in (e for e in events if e.event.type in rank):
                if rank[event.event.type] < reached:
                    verdict.out_of_order.append(f"{topic} key {key}: {event.event.type} after a later stage")
                reached = max(reached, rank[event.event.type])


def dead_letters(inputs: list[PlannedInput], fed: FeedReport, evidence: Evidence, verdict: Verdict) -> None:
    """Each bad input dead-lettered once, with its reason, by the service that reads its topic for the
    platform; nothing else dead-lettered, by any service."""
    by_coordinates = {coordinates: i for i in inputs for coordinates in fed.acknowledged.get(i.index, [])}
    registry = load_topic_registry()

    def letters_go_to(planned: PlannedInput) -> str:
        rejecting = planned.judged_by or registry.topic(registry.inbound_topic(planned.agency)).rejected_by
        return registry.dead_letter_topic(rejecting or "")

    letters = {
        e.event.id: e
        for t in registry.topics
        if t.kind is TopicKind.DEAD_LETTER
        for e in evidence.topics.get(t.name, [])
    }
    per_record: Counter[tuple[str, int, int]] = Counter()
    for letter in letters.values():
        original = letter.event.data["original"]
        coordinates = (original["topic"], original["partition"], original["offset"])
        planned = by_coordinates.get(coordinates)
        per_record[coordinates] += 1
        if planned is None or letter.topic != letters_go_to(planned):
            verdict.wrong_dead_letters.append(f"{letter.topic}: {letter.event.data['reason_code']} for {coordinates}")
        elif planned.expect != letter.event.data["reason_code"]:
            verdict.wrong_dead_letters.append(
                f"input {planned.index}: {letter.event.data['reason_code']}, expected {planned.expect}"
            )
    for coordinates, count in per_record.items():
        if count > 1:
            verdict.duplicated.append(f"{coordinates} dead-lettered {count} times")
    dead = {by_coordinates[c].index for c in per_record if c in by_coordinates}
    for planned in inputs:
        if planned.expect not in (ACCEPTED, REFUSED) and planned.index not in dead:
            verdict.lost.append(f"bad input {planned.index} ({planned.expect}) not dead-lettered")
    verdict.figures["dead_lettered"] = len(letters)
