"""A batch that fails however often it is retried, on real PostgreSQL: applied record by record, the
record that fails alone set aside as a dead letter, and the batch never retried forever or skipped."""

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
from ddp_schemas.topics import load_topic_registry
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


async def test_a_batch_that_keeps_failing_is_applied_record_by_record_and_the_failing_record_set_aside(
    database_url,
):
    engine = create_async_engine(database_url)
    metadata = MetaData()
    tables = MessagingTables(metadata)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
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
