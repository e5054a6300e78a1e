"""Records offered to the running platform as agencies would, and their effects timed as they arrive.

Every record sent is an event with its own envelope id, and that id is the correlation id of
everything it causes: an effect is matched to its cause by ``ce_correlationid`` and its type
alone. Effects' contents are read only where the next step needs an id from them (the plan a
referral drafted). Sending and arrival are stamped by this one process's monotonic clock.
"""

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.inbound import Mandate, PersonalDetails, ReferralSubmitted, SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace

REFERRING_AGENCY = Agency.PROBATION.value
ACKNOWLEDGED = b"ddp.referral.acknowledged"
RECORD_OPENED = b"ddp.compliance.record_opened"
PLAN_DRAFTED = b"ddp.plan.drafted"
WATCHED_TOPICS = ("ddp.outbound.probation", "ddp.compliance.events", "ddp.interventions.events")
MANDATE_AGE_DAYS = 30  # every referral's mandate started this long ago


@dataclass(frozen=True)
class Outgoing:
    """One record to send: its envelope id (as its effects carry it in ``ce_correlationid``) and bytes."""

    agency: str
    correlation: bytes
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def outgoing(agency: str, event: Event, key: str) -> Outgoing:
    envelope = CloudEvent(
        source=f"/agencies/{agency}", type=event.event_type, dataversion=event.version, subject=key,
        data=event.model_dump(mode="json"),
    )  # fmt: skip
    value, headers = encode(envelope)
    return Outgoing(agency, str(envelope.id).encode(), key.encode(), value, headers)


def referrals(count: int, run: str, series: str, today: date) -> list[Outgoing]:
    """``count`` (up to a million) licence referrals held by probation, of distinct (fictional)
    people; each ``series`` letter gives other people (their CRNs are the letter and ``n``)."""
    batch = []
    for n in range(count):
        reference = f"P{run}{series}-{n:06d}"
        referral = ReferralSubmitted(
            agency_reference=reference,
            mandate=Mandate(
                type=MandateType.LICENCE,
                reference=f"L-{run}-{n}",
                starts_on=today - timedelta(days=MANDATE_AGE_DAYS),
                ends_on=today + timedelta(days=365),
                responsible_authority=Agency.PROBATION,
                participation_required=True,
            ),
            identifiers=SubjectIdentifiers(crn=f"{series}{n:06d}"),
            personal_details=PersonalDetails(
                given_name="Bench", family_name=f"Case{n}", date_of_birth=date(1990, 1, 1)
            ),
            assessed_needs=[],
        )
        batch.append(outgoing(REFERRING_AGENCY, referral, reference))
    return batch


@dataclass
class Arrivals:
    """Per record sent: when it went, and when each watched type of effect it caused first arrived."""

    sent: dict[bytes, float] = field(default_factory=dict)
    arrived: dict[bytes, dict[bytes, float]] = field(default_factory=dict)
    kept: dict[bytes, bytes] = field(default_factory=dict)  # correlation -> value of a kept effect

    def complete(self, types: Iterable[bytes]) -> bool:
        return all(len(self.arrived.get(t, {})) >= len(self.sent) for t in types)

    def latencies(self, effect: bytes) -> list[float]:
        arrivals = self.arrived.get(effect, {})
        return sorted(arrivals[c] - sent for c, sent in self.sent.items() if c in arrivals)

    def last(self, effect: bytes) -> float:
        return max(self.arrived[effect].values())


class EffectWatch:
    """Reads the watched topics from their current ends and stamps the effects of what was sent.

    ``keep`` names an effect type whose value is kept (the first per cause), for the next step.
    """

    def __init__(
        self, access: KafkaAccess, namespace: TopicNamespace, arrivals: Arrivals, keep: bytes | None = None
    ) -> None:
        self._consumer = AIOKafkaConsumer(
            *[namespace.physical(t) for t in WATCHED_TOPICS],
            **access.aiokafka(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="latest",
        )
        self._arrivals = arrivals
        self._keep = keep
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._consumer.start()
        while not self._consumer.assignment():  # without a group, every partition once metadata is in
            await self._consumer.getmany(timeout_ms=100)
        for partition in self._consumer.assignment():  # resolve the ends now, before anything is sent
            await self._consumer.position(partition)
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        arrivals = self._arrivals
        while True:
            batches = await self._consumer.getmany(timeout_ms=200, max_records=2000)
            now = time.monotonic()
            for records in batches.values():
                for record in records:
                    headers = dict(record.headers)
                    correlation = headers.get("ce_correlationid")
                    if correlation not in arrivals.sent:
                        continue
                    effect = headers.get("ce_type", b"")
                    arrivals.arrived.setdefault(effect, {}).setdefault(correlation, now)
                    if effect == self._keep:
                        arrivals.kept.setdefault(correlation, record.value)

    async def until_complete(self, types: Iterable[bytes], timeout: float) -> bool:
        wanted, deadline = list(types), time.monotonic() + timeout
        while not self._arrivals.complete(wanted):
            if time.monotonic() > deadline:
                return False
            assert self._task is not None
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.05)
        return True

    async def until_arrived(self, effect: bytes, count: int, timeout: float) -> bool:
        """Until ``count`` causes have had an ``effect``."""
        deadline = time.monotonic() + timeout
        while len(self._arrivals.arrived.get(effect, {})) < count:
            if time.monotonic() > deadline:
                return False
            assert self._task is not None
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.05)
        return True

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._consumer.stop()


class AgencyFeeds:
    """Each sending agency's producer (idempotent, as agencies are told to configure theirs), on its own topic."""

    def __init__(self, access_of: "dict[str, KafkaAccess]", namespace: TopicNamespace) -> None:
        self._producers = {
            agency: AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True, linger_ms=5)
            for agency, access in access_of.items()
        }
        self._topics = {agency: namespace.physical(f"ddp.inbound.{agency}") for agency in access_of}

    async def start(self) -> None:
        for producer in self._producers.values():
            await producer.start()

    async def stop(self) -> None:
        for producer in self._producers.values():
            await producer.stop()

    async def burst(self, batch: list[Outgoing], arrivals: Arrivals) -> None:
        """Everything at once, as a backfill or an agency reconnecting after an outage sends it."""
        futures = []
        for record in batch:
            arrivals.sent[record.correlation] = time.monotonic()
            futures.append(await self._send(record))
        await asyncio.gather(*futures)

    async def paced(self, batch: list[Outgoing], per_second: float, arrivals: Arrivals) -> None:
        """One record every 1/``per_second`` seconds, on a schedule that does not drift."""
        started = time.monotonic()
        futures = []
        for n, record in enumerate(batch):
            delay = started + n / per_second - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            arrivals.sent[record.correlation] = time.monotonic()
            futures.append(await self._send(record))
        await asyncio.gather(*futures)

    async def _send(self, record: Outgoing) -> "asyncio.Future[object]":
        producer = self._producers[record.agency]
        return await producer.send(
            self._topics[record.agency], value=record.value, key=record.key, headers=record.headers
        )
