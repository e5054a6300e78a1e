"""A database outage is waited out, never dead-lettered, and leaves exactly one effect per event."""

import asyncio

import pytest

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_testkit.agency_client import AgencyClient
from ddp_testkit.infra.images import selected_images
from ddp_testkit.infra.postgres import PostgresServer
from tests.factories import licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture
def own_postgres():
    """A PostgreSQL server this test may stop and start again."""
    server = PostgresServer(selected_images().postgres, purpose="test").start()
    try:
        yield server
    finally:
        server.stop()


async def test_referral_sent_while_the_database_is_down_is_applied_once_it_is_back(kafka, namespace, own_postgres):
    database_url = own_postgres.create_database("referrals")
    container = own_postgres.get_wrapped_container()
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ) as service:
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(licence_referral("PRB-BEFORE"), key="PRB-BEFORE")
            await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)

            await asyncio.to_thread(container.stop)
            await probation.send(licence_referral("PRB-DURING", crn="X654321"), key="PRB-DURING")

            async def stalled() -> bool:
                return not await service.progressing()

            await eventually(stalled, timeout=30)
            assert not await _ready(service.database_ready)

            await asyncio.to_thread(container.start)
            await asyncio.to_thread(own_postgres.wait_until_accepting, 60)
            await eventually(service.progressing, timeout=60)

        answers = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2, timeout=60)
        dead = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.dlq", 0, timeout=1)

    assert sorted(a.event.data["agency_reference"] for a in answers) == ["PRB-BEFORE", "PRB-DURING"]
    assert all(a.event.type == "ddp.referral.acknowledged" for a in answers)
    assert dead == []


async def _ready(check) -> bool:
    try:
        return await asyncio.wait_for(check(), timeout=3)
    except Exception:
        return False
