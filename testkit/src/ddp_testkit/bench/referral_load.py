"""Referrals offered to the running platform as an agency would, and the answers timed as they arrive.

Each referral is a licence case held by probation (accepted, so every one is acknowledged and
opens a compliance record). Its envelope id is the correlation id of everything it causes, so
an answer is matched to its submission by ``ce_correlationid`` alone; the contents of the
answers are never read. Submission and arrival are stamped by this one process's monotonic clock.
"""

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import Mandate, PersonalDetails, ReferralSubmitted, SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace

AGENCY = Agency.PROBATION
ACKNOWLEDGED = b"ddp.referral.acknowledged"
RECORD_OPENED = b"ddp.compliance.record_opened"
ANSWER_TOPICS = ("ddp.outbound.probation", "ddp.compliance.events")


@dataclass(frozen=True)
class EncodedReferral:
    correlation: bytes  # the envelope id, as its answers carry it in ``ce_correlationid``
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def referrals(count: int, run: str, series: str, today: date) -> list[EncodedReferral]:
    """``count`` (up to a million) referrals of distinct (fictional) people, ready to send; each
    ``series`` letter gives other people (their CRNs are the letter and ``n``)."""
    encoded = []
    for n in range(count):
        reference = f"P{run}{series}-{n:06d}"
        referral = ReferralSubmitted(
            agency_reference=reference,
            mandate=Mandate(
                type=MandateType.LICENCE,
                reference=f"L-{run}-{n}",
                starts_on=today - timedelta(days=30),
                ends_on=today + timedelta(days=365),
                responsible_authority=AGENCY,
                participation_required=True,
            ),
            identifiers=SubjectIdentifiers(crn=f"{series}{n:06d}"),
            personal_details=PersonalDetails(
                given_name="Bench", family_name=f"Case{n}", date_of_birth=date(1990, 1, 1)
            ),
            assessed_needs=[],
        )
        envelope = CloudEvent(
            source=f"/agencies/{AGENCY.value}",
            type=referral.event_type,
            dataversion=referral.version,
            subject=reference,
            data=referral.model_dump(mode="json"),
        )
        value, headers = encode(envelope)
        encoded.append(EncodedReferral(str(envelope.id).encode(), reference.encode(), value, headers))
    return encoded


@dataclass
class Timings:
    """Per referral: when it was sent, when it was acknowledged, when its compliance record opened."""

    sent: dict[bytes, float] = field(default_factory=dict)
    acknowledged: dict[bytes, float] = field(default_factory=dict)
    opened: dict[bytes, float] = field(default_factory=dict)

    def complete(self) -> bool:
        return len(self.acknowledged) >= len(self.sent) and len(self.opened) >= len(self.sent)

    def latencies(self, arrivals: dict[bytes, float]) -> list[float]:
        return sorted(arrivals[c] - sent for c, sent in self.sent.items() if c in arrivals)


class AnswerWatch:
    """Reads the answer topics from their current ends and stamps each referral's answers."""

    def __init__(self, access: KafkaAccess, namespace: TopicNamespace, timings: Timings) -> None:
        self._consumer = AIOKafkaConsumer(
            *[namespace.physical(t) for t in ANSWER_TOPICS],
            **access.aiokafka(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="latest",
        )
        self._timings = timings
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._consumer.start()
        while not self._consumer.assignment():  # without a group, every partition once metadata is in
            await self._consumer.getmany(timeout_ms=100)
        for partition in self._consumer.assignment():  # resolve the ends now, before anything is sent
            await self._consumer.position(partition)
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        timings = self._timings
        while True:
            batches = await self._consumer.getmany(timeout_ms=200, max_records=2000)
            now = time.monotonic()
            for records in batches.values():
                for record in records:
                    headers = dict(record.headers)
                    correlation = headers.get("ce_correlationid")
                    if correlation not in timings.sent:
                        continue
                    kind = headers.get("ce_type")
                    if kind == ACKNOWLEDGED:
                        timings.acknowledged.setdefault(correlation, now)
                    elif kind == RECORD_OPENED:
                        timings.opened.setdefault(correlation, now)

    async def until_complete(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not self._timings.complete():
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


class AgencyFeed:
    """Probation's producer: idempotent, as an agency backend is told to configure it."""

    def __init__(self, access: KafkaAccess, namespace: TopicNamespace) -> None:
        self._producer = AIOKafkaProducer(**access.aiokafka(), enable_idempotence=True, linger_ms=5)
        self._topic = namespace.physical(f"ddp.inbound.{AGENCY.value}")

    async def start(self) -> None:
        await self._producer.start()

    async def stop(self) -> None:
        await self._producer.stop()

    async def burst(self, batch: list[EncodedReferral], timings: Timings) -> None:
        """Everything at once, as a backfill or an agency reconnecting after an outage sends it."""
        futures = []
        for referral in batch:
            timings.sent[referral.correlation] = time.monotonic()
            futures.append(await self._send(referral))
        await asyncio.gather(*futures)

    async def paced(self, batch: list[EncodedReferral], per_second: float, timings: Timings) -> None:
        """One referral every 1/``per_second`` seconds, on a schedule that does not drift."""
        started = time.monotonic()
        futures = []
        for n, referral in enumerate(batch):
            due = started + n / per_second
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            timings.sent[referral.correlation] = time.monotonic()
            futures.append(await self._send(referral))
        await asyncio.gather(*futures)

    async def _send(self, referral: EncodedReferral) -> "asyncio.Future[object]":
        return await self._producer.send(self._topic, value=referral.value, key=referral.key, headers=referral.headers)


def run_id() -> str:
    return uuid.uuid4().hex[:8]
