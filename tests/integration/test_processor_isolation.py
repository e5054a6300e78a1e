"""The batch processor on real PostgreSQL against records nobody should send: every hostile record
dead-lettered in the batch's one transaction without a single retry; and a batch that fails however
often it is retried applied record by record, the record that fails alone set aside, never retried
forever or skipped."""

import json
import random
from types import SimpleNamespace

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ddp_messaging.handling import Delivery
from ddp_messaging.inbox import Inbox, Outcome
from ddp_messaging.outbox import Outbox
from ddp_messaging.processor import BatchProcessor
from ddp_messaging.records import InboundRecord
from ddp_messaging.retries import Backoff
from ddp_messaging.tables import MessagingTables
from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.kafka_binding import encode
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicKind, load_topic_registry
from ddp_testkit.hostile_records import MUTATIONS, SEEDED, hostile_record
from tests.factories import licence_referral

pytestmark = [pytest.mark.docker, pytest.mark.postgres]


class InboxThatCannotKeep(Inbox):
    """Refuses to remember one record as applied: a fault no retry of the batch gets past."""

    async def record(self, session, record: InboundRecord, *, record_key, event_type, outcome) -> None:
        if record.key == b"PRB-POISON" and outcome is Outcome.APPLIED:
            raise ValueError("cannot keep this record")
        await super().record(session, record, record_key=record_key, event_type=event_type, outcome=outcome)


class CountingBackoff(Backoff):
    def __init__(self) -> None:
        super().__init__(0.0, 0.0)
        self.waits = 0

    async def wait(self) -> None:
        self.waits += 1


def consumer_record(offset: int, reference: str) -> SimpleNamespace:
    referral = licence_referral(reference)
    value, headers = encode(
        CloudEvent(
            source="/agencies/probation",
            type=referral.event_type,
            dataversion=referral.version,
            data=referral.model_dump(mode="json"),
        )
    )
    return SimpleNamespace(
        topic="ddp.inbound.probation", partition=0, offset=offset, key=reference.encode(), value=value, headers=headers
    )


class NoRetries(Backoff):
    def __init__(self) -> None:
        super().__init__(0.0, 0.0)

    async def wait(self) -> None:
        raise AssertionError("the batch was retried: a record failed its transaction")


async def messaging_tables(engine) -> MessagingTables:
    metadata = MetaData()
    tables = MessagingTables(metadata)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    return tables


async def test_every_hostile_record_on_every_inbound_topic_is_dead_lettered_without_a_retry(database_url):
    registry = load_topic_registry()
    engine = create_async_engine(database_url)
    tables = await messaging_tables(engine)
    rng = random.Random(2026)
    limit = 256 * 1024
    expected: dict[tuple[str, int], tuple[str, str]] = {}  # (topic, offset) -> (dead-letter topic, reason)
    try:
        for topic in (t for t in registry.topics if t.kind is TopicKind.INBOUND):
            hostile = [hostile_record(topic, rng, max_record_bytes=limit, mutation=m) for m in sorted(MUTATIONS)]
            for n, h in enumerate(hostile):
                expected[(topic.name, n)] = (registry.dead_letter_topic(h.judged_by(topic)), h.reason)
            for service in topic.consumers:
                processor = BatchProcessor(
                    service=service,
                    registry=registry,
                    catalogue=CATALOGUE,
                    handlers={},  # nothing hostile may reach a handler
                    sessions=async_sessionmaker(engine, expire_on_commit=False),
                    outbox=Outbox(tables, source=f"/ddp/{service}"),
                    inbox=Inbox(tables),
                    max_record_bytes=limit,
                    backoff=NoRetries(),
                    namespace=TopicNamespace(),
                )
                batch = [
                    SimpleNamespace(
                        topic=topic.name, partition=0, offset=n, key=h.key, value=h.value, headers=h.headers
                    )
                    for n, h in enumerate(hostile)
                ]
                await processor.process(batch)
            async with engine.connect() as connection:
                kept = [
                    row
                    for row in await connection.execute(select(tables.inbox).where(tables.inbox.c.topic == topic.name))
                ]
            assert sorted(row.offset for row in kept) == list(range(len(hostile)))
            assert {row.outcome for row in kept} == {"dead_lettered"}
        async with engine.connect() as connection:
            written = [row for row in await connection.execute(select(tables.outbox))]
    finally:
        await engine.dispose()
    letters = [row for row in written if row.event_type == "ddp.event.dead_lettered"]
    inbound_topics = [t for t in registry.topics if t.kind is TopicKind.INBOUND]
    assert len(letters) == len(MUTATIONS) * len(inbound_topics)  # once each, by one service
    found = {}
    for row in letters:
        data = json.loads(row.value)
        found[(data["original"]["topic"], data["original"]["offset"])] = (row.topic, data["reason_code"])
    assert found == expected
    for row in written:
        for part in [SEEDED, *SEEDED.split()]:
            assert part.encode() not in row.value and part not in (row.key or "") and part not in str(row.headers)


async def test_a_batch_that_keeps_failing_is_applied_record_by_record_and_the_failing_record_set_aside(
    database_url,
):
    engine = create_async_engine(database_url)
    tables = await messaging_tables(engine)
    handled: list[str] = []

    async def handle(delivery: Delivery) -> None:
        handled.append(delivery.event.agency_reference)

    backoff = CountingBackoff()
    processor = BatchProcessor(
        service="referrals",
        registry=load_topic_registry(),
        catalogue=CATALOGUE,
        handlers={"ddp.referral.submitted": handle},
        sessions=async_sessionmaker(engine, expire_on_commit=False),
        outbox=Outbox(tables, source="/ddp/referrals"),
        inbox=InboxThatCannotKeep(tables),
        max_record_bytes=256 * 1024,
        backoff=backoff,
        namespace=TopicNamespace(),
    )
    try:
        await processor.process(
            [consumer_record(0, "PRB-BEFORE"), consumer_record(1, "PRB-POISON"), consumer_record(2, "PRB-AFTER")]
        )
        async with engine.connect() as connection:
            kept = {row.offset: row.outcome for row in await connection.execute(select(tables.inbox))}
            letters = [
                (row.topic, row.key, row.value)
                for row in await connection.execute(
                    select(tables.outbox).where(tables.outbox.c.event_type == "ddp.event.dead_lettered")
                )
            ]
    finally:
        await engine.dispose()

    assert kept == {0: "applied", 1: "dead_lettered", 2: "applied"}
    assert [topic for topic, _, _ in letters] == ["ddp.referrals.dlq"]
    assert letters[0][1] is None  # nothing of the record's own, not even its key
    assert reasons.HANDLER_ERROR.encode() in letters[0][2]
    assert processor.making_progress
    assert backoff.waits < 10  # a bounded number of retries, then on
