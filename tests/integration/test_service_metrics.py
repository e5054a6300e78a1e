"""A service's /metrics over real Kafka and PostgreSQL: each record counted once, by outcome, after commit."""

from datetime import date

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import ReferralWithdrawalSubmitted
from ddp_schemas.kafka_binding import encode
from ddp_testkit.agency_client import AgencyClient
from tests.factories import DISTINCTIVE_NAME, licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def samples(exposition: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """Every sample of metric ``name`` (a counter's ``_total``), keyed by its sorted labels."""
    found = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == name:
                found[tuple(sorted(sample.labels.items()))] = sample.value
    return found


def records(exposition: str, **labels: str) -> float:
    return sum(
        value
        for key, value in samples(exposition, "ddp_records_total").items()
        if all(dict(key).get(name) == wanted for name, wanted in labels.items())
    )


async def scrape(runtime) -> str:
    app = runtime.asgi_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service") as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    return response.text


async def test_each_record_is_counted_once_by_outcome_and_reason_with_no_sender_text(kafka, namespace, database_url):
    inbound = "ddp.inbound.probation"
    async with AgencyClient(kafka.access("probation"), namespace) as probation:
        first = await probation.send(licence_referral("PRB-M1"), key="PRB-M1")
        await probation.send_envelope(first, "PRB-M1")  # the same event again: a duplicate
        await probation.send(licence_referral("PRB-M2", crn="X765432"), key="PRB-M2")
        await probation.send(ReferralWithdrawalSubmitted(agency_reference="PRB-NONE", effective_on=date.today()), "K")
        _, headers = encode(
            CloudEvent(source="/agencies/probation", type="ddp.referral.submitted", dataversion=1, data={})
        )
        await probation.send_raw(b"{not json " + DISTINCTIVE_NAME.encode(), headers, "PRB-M3")
        made_up = CloudEvent(
            source="/agencies/probation", type=f"ddp.{DISTINCTIVE_NAME.lower()}.made_up", dataversion=1, data={}
        )
        await probation.send_envelope(made_up, "PRB-M4")

    async with running(
        build, ReferralsSettings, kafka=kafka.endpoint, database_url=database_url, namespace=namespace
    ) as runtime:
        # Two acknowledgements and three rejections: every record has been handled and committed.
        await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 5)
        exposition = await scrape(runtime)

    assert records(exposition, topic=inbound, outcome="applied", event_type="ddp.referral.submitted") == 2
    assert records(exposition, topic=inbound, outcome="duplicate", event_type="ddp.referral.submitted") == 1
    assert records(exposition, outcome="refused", reason="REFERRAL_UNKNOWN") == 1
    assert records(exposition, outcome="dead_lettered", reason="UNPARSEABLE") == 1
    assert records(exposition, outcome="dead_lettered", reason="UNKNOWN_TYPE", event_type="unknown") == 1
    assert records(exposition) == 6, "each record once, however the batches fell"
    assert sum(samples(exposition, "ddp_batch_records_count").values()) >= 1
    assert samples(exposition, "ddp_relay_published_total")[()] >= 5
    assert samples(exposition, "ddp_outbox_unpublished")[()] == 0
    ready = samples(exposition, "ddp_ready")
    assert ready == {(("check", "database"),): 1.0, (("check", "kafka"),): 1.0, (("check", "progress"),): 1.0}
    assert all(value >= 0 for value in samples(exposition, "ddp_consumer_lag_records").values())
    assert samples(exposition, "faststream_received_messages_total"), "the framework's own metrics beside ours"
    for secret in (DISTINCTIVE_NAME, DISTINCTIVE_NAME.lower(), "PRB-M", "PRB-NONE", "X123456", str(first.id)):
        assert secret not in exposition
