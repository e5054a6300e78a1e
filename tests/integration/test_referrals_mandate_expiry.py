"""The scheduled mandate check over real Kafka and PostgreSQL, with the service's clock moved forward."""

from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events import inbound
from ddp_testkit.agency_client import AgencyClient
from tests.factories import referral_with
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_a_case_closes_by_itself_the_day_after_its_mandate_ends(kafka, namespace, database_url):
    clock = MovableClock()
    today = clock.now.date()
    async with running(
        lambda settings: build(settings, clock=clock),  # type: ignore[arg-type]
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
        mandate_check_interval_seconds=0.2,
    ):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(referral_with("PRB-E1", ends_in_days=5, today=today), key="PRB-E1")
            lasting = referral_with(
                "PRB-E2", ends_in_days=50, today=today, identifiers=inbound.SubjectIdentifiers(crn="X000002")
            )
            await probation.send(lasting, key="PRB-E2")
        await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
        clock.now += timedelta(days=5)  # the last day of the mandate: still in force
        await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 6, timeout=5)
        clock.now += timedelta(days=1)
        closed = await wait_for_events(
            kafka.endpoint, namespace, "ddp.referrals.events", 1, event_type="ddp.case.closed"
        )

    assert len(closed) == 1
    event = closed[0].event
    assert (event.data["actor"], event.data["reason_code"]) == ("platform", "MANDATE_ENDED")
    assert datetime.fromisoformat(event.data["occurred_at"]) == clock.now
    with psycopg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://")) as connection:
        statuses = connection.execute("SELECT status, closure_reason FROM cases ORDER BY status").fetchall()
    assert statuses == [("CLOSED", "MANDATE_ENDED"), ("OPEN", None)]
