"""Per-key order follows commit order when two transactions write events for the same key.

The interleaving is forced: the first transaction writes its event (taking the key's lock and
the lower outbox id, as every transaction does just before it commits) and stays open; the
second stages its own and tries to commit. Without the per-key lock the second commits first
and the relay publishes the key's events out of order; with it the second waits for the first,
and the topic shows them in commit order.
"""

import asyncio
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_messaging.staging import write_staged
from ddp_schemas.events.compliance import NonComplianceRecorded
from ddp_schemas.events.compliance_vocabulary import InstanceCategory
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

TOPIC = "ddp.compliance.events"


def recorded(case_id: uuid.UUID) -> NonComplianceRecorded:
    return NonComplianceRecorded(
        case_id=case_id,
        instance_id=uuid.uuid4(),
        source_event_type="ddp.session.missed",
        category=InstanceCategory.UNACCEPTABLE_ABSENCE,
        occurred_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
    )


async def test_a_second_writer_for_the_same_key_waits_and_the_topic_shows_commit_order(kafka, namespace, database_url):
    case_id = uuid.uuid4()
    key, first, second = str(case_id), recorded(case_id), recorded(case_id)
    async with running(
        build, ComplianceSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace
    ) as runtime:
        outbox, sessions = runtime.outbox, runtime.sessions

        async def waiting_for_a_key_lock() -> bool:
            async with sessions() as probe:
                query = text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                )
                return bool(await probe.scalar(query))

        async def second_writer() -> None:
            async with sessions.begin() as session:
                await outbox.add(session, topic=TOPIC, key=key, event=second)

        async with sessions() as session, session.begin():
            await outbox.add(session, topic=TOPIC, key=key, event=first)
            await write_staged(session)  # the key's lock, then the lower id
            writer = asyncio.create_task(second_writer())

            async def second_blocked_or_done() -> bool:
                return writer.done() or await waiting_for_a_key_lock()

            await eventually(second_blocked_or_done)
            blocked = not writer.done()
            # The first commits here.
        await writer
        observed = await wait_for_events(kafka.endpoint, namespace, TOPIC, 2)

    of_key = [e.event.data["instance_id"] for e in observed if e.key == key]
    assert of_key == [str(first.instance_id), str(second.instance_id)], "published out of commit order"
    assert blocked, "the second writer for the key did not wait for the first"
