"""The demo flow: agencies submit referrals; their timelines are printed as the platform reacts.

Once every referral has its answer, the licence case is walked the whole way
(``ddp_testkit.demo_story``): plan, provider, sessions, absences, warning, breach referral, the
recall decision, suspension and resumption.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from ddp_cli.timeline import Timelines
from ddp_cli.topic_reader import ObservedEvent, TopicReader
from ddp_schemas.connection import OPERATOR, KafkaEndpoint
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.agency_client import AgencyClient
from ddp_testkit.demo_cases import demo_cases
from ddp_testkit.demo_story import STORY, StoryFeed, walk_licence_story

ACCEPTED = {
    "ddp.referral.received",
    "ddp.referral.accepted",
    "ddp.case.opened",
    "ddp.referral.acknowledged",
    "ddp.plan.drafted",
    "ddp.compliance.record_opened",
}
REFUSED = {"ddp.referral.received", "ddp.referral.rejected", "ddp.inbound.rejected"}
MALFORMED = {"ddp.event.dead_lettered", "ddp.inbound.rejected"}
LICENCE = "licence (probation)"  # the case whose whole story the demo walks


@dataclass(frozen=True)
class DemoResult:
    complete: bool
    timelines: dict[str, list[str]]
    event_types: dict[str, set[str]]
    case_ids: dict[str, UUID]  # the case each accepted referral opened, by label


async def run_demo(
    kafka: KafkaEndpoint,
    namespace: TopicNamespace = TopicNamespace(),
    emit: Callable[[str], None] = print,
    timeout: float = 180.0,
    whole_story: bool = True,
) -> DemoResult:
    """Submit the demo cases and a malformed record; follow each until its expected events arrive;
    then (``whole_story``) walk the licence case to its resumption after recall."""
    registry = load_topic_registry()
    watched = [t.name for t in registry.topics if OPERATOR in registry.readers(t)]
    timelines = Timelines(emit)
    expected: dict[UUID, set[str]] = {}
    labels: dict[UUID, str] = {}
    run = datetime.now(UTC).strftime("%H%M%S")
    today = datetime.now(UTC).date()
    seen: list[ObservedEvent] = []

    def observe(observed: ObservedEvent) -> None:
        seen.append(observed)
        timelines.observe(observed)

    licence = None
    async with TopicReader(kafka.access(OPERATOR), watched, namespace) as reader:
        for case in demo_cases(today, run):
            correlation = uuid.uuid4()
            timelines.follow(correlation, case.label)
            expected[correlation], labels[correlation] = (ACCEPTED if case.expect_accepted else REFUSED), case.label
            async with AgencyClient(kafka.access(case.agency), namespace) as client:
                await client.send(case.submission, key=case.submission.agency_reference, correlation_id=correlation)
            emit(f"[{case.label}] submitted {case.submission.agency_reference} on ddp.inbound.{case.agency}")
            if case.label == LICENCE:
                licence = (correlation, case.submission)
        correlation = await _send_malformed(kafka, namespace)
        timelines.follow(correlation, "malformed referral (probation)")
        expected[correlation], labels[correlation] = MALFORMED, "malformed referral (probation)"
        emit("[malformed referral (probation)] submitted a referral missing its mandate")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not all(timelines.complete(c, e) for c, e in expected.items()):
            for observed in await reader.batch(timeout_ms=300):
                observe(observed)
        if whole_story and licence is not None:
            correlation, submission = licence
            expected[correlation] = expected[correlation] | STORY
            emit(f"\n[{LICENCE}] the whole story: the programme team, a provider and probation act on the case")
            feed = StoryFeed(kafka, namespace, reader, observe, seen, correlation, emit, deadline)
            try:
                await walk_licence_story(feed, submission, today)
            except TimeoutError as missing:
                emit(f"[{LICENCE}] {missing}")
    complete = all(timelines.complete(c, e) for c, e in expected.items())
    opened = {
        labels[e.event.correlationid]: UUID(e.event.data["case_id"])
        for e in seen
        if e.event.type == "ddp.referral.accepted" and e.event.correlationid in labels
    }
    return DemoResult(
        complete,
        {labels[c]: timelines.timeline(c).entries for c in expected},
        {labels[c]: set(timelines.timeline(c).types) for c in expected},
        opened,
    )


async def _send_malformed(kafka: KafkaEndpoint, namespace: TopicNamespace) -> UUID:
    """A referral whose body breaks the schema: the platform dead-letters it and tells probation."""
    envelope = CloudEvent(
        source="/agencies/probation",
        type="ddp.referral.submitted",
        dataversion=1,
        subject="PRB-BROKEN",
        data={"agency_reference": "PRB-BROKEN"},
    )
    value, headers = encode(envelope)
    async with AgencyClient(kafka.access("probation"), namespace) as client:
        await client.send_raw(value, headers, "PRB-BROKEN")
    return envelope.id


def print_summary(result: DemoResult, emit: Callable[[str], None] = print) -> None:
    """Each case's timeline in order, then whether every expected event arrived."""
    emit("\neach case's timeline:")
    for label, entries in result.timelines.items():
        emit(f"\n{label}")
        for entry in entries:
            emit(f"  {entry}")
    emit("\ndemo complete" if result.complete else "\ndemo incomplete: some expected events did not arrive")
