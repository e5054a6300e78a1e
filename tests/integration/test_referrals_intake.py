"""The referrals service over real Kafka and PostgreSQL: intake, screening, idempotency."""

import pytest

from ddp_referrals.adapters import orm
from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events.vocabulary import Agency
from ddp_testkit.agency_client import AgencyClient
from tests.factories import DISTINCTIVE_NAME, licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.rows import count_rows
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


async def test_valid_referral_opens_a_case_and_answers_the_agency(kafka, namespace, database_url):
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            sent = await probation.send(licence_referral("PRB-1"), key="PRB-1")
        receipts = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 3)

    assert [r.event.type for r in receipts] == ["ddp.referral.acknowledged"]
    receipt = receipts[0].event
    assert receipt.data["agency_reference"] == "PRB-1"
    assert receipt.causationid == sent.id and receipt.correlationid == sent.id
    types = sorted(e.event.type for e in domain)
    assert types == ["ddp.case.opened", "ddp.referral.accepted", "ddp.referral.received"]
    opened = next(e for e in domain if e.event.type == "ddp.case.opened")
    assert opened.key == receipt.data["case_id"] == opened.event.subject
    # Domain events carry the pseudonymous ids only.
    for event in domain:
        assert DISTINCTIVE_NAME not in str(event.event.data) and "X123456" not in str(event.event.data)
    assert await count_rows(database_url, orm.cases) == 1
    assert await count_rows(database_url, orm.subjects) == 1


async def test_resubmitted_reference_gets_the_same_case_and_no_second_case(kafka, namespace, database_url):
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(licence_referral("PRB-2"), key="PRB-2")
            await probation.send(licence_referral("PRB-2"), key="PRB-2")  # a new event id, same reference
        receipts = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)

    assert len(receipts) == 2
    assert receipts[0].event.data["case_id"] == receipts[1].event.data["case_id"]
    assert await count_rows(database_url, orm.cases) == 1
    assert await count_rows(database_url, orm.referrals) == 1


async def test_redelivered_event_has_no_second_effect(kafka, namespace, database_url):
    referral = licence_referral("PRB-3")
    async with AgencyClient(kafka.access("probation"), namespace) as probation:
        envelope = await probation.send(referral, key="PRB-3")
        await probation.send_envelope(envelope, key="PRB-3")  # the very same event, delivered twice
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        receipts = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)

    assert len(receipts) == 1
    assert await count_rows(database_url, orm.cases) == 1


async def test_referral_from_the_wrong_authority_is_rejected_with_reason_codes(kafka, namespace, database_url):
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        async with AgencyClient(kafka.access("home-office"), namespace) as home_office:
            await home_office.send(licence_referral("HO-1", authority=Agency.HOME_OFFICE), key="HO-1")
        answers = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.home-office", 1)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 2)

    assert [a.event.type for a in answers] == ["ddp.inbound.rejected"]
    rejection = answers[0].event.data
    assert rejection["agency_reference"] == "HO-1"
    assert [r["code"] for r in rejection["reasons"]] == ["AUTHORITY_MISMATCH"]
    assert rejection["reasons"][0]["message"]
    assert sorted(e.event.type for e in domain) == ["ddp.referral.received", "ddp.referral.rejected"]
    assert await count_rows(database_url, orm.cases) == 0
