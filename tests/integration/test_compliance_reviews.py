"""Review scheduling and overdue decisions over real Kafka, with the service's clock under the test's control."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.authority_inbound import ReviewOutcomeSubmitted
from ddp_schemas.events.compliance_vocabulary import DecidingRole, ReviewOutcome
from ddp_schemas.events.interventions import PlanAdjusted
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_testkit.agency_client import AgencyClient
from tests.integration.compliance_histories import Clock, attended, concern, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


async def test_reviews_fall_due_with_a_pack_go_overdue_and_take_the_chairs_outcome(kafka, namespace, database_url):
    clock = Clock(datetime(2026, 1, 10, 9, tzinfo=UTC))
    licence = opened(MandateType.LICENCE, Agency.PROBATION)  # MAPPA level 2: reviewed every 56 days
    lc, bootstrap = licence.case_id, kafka.endpoint
    await feed(kafka, namespace, "referrals", [licence], str(lc))
    await feed(
        kafka,
        namespace,
        "interventions",
        [attended(lc, 20), attended(lc, 27), missed(lc, 34), concern(lc, 41)],
        str(lc),
    )
    plan_change = PlanAdjusted(plan_id=uuid.uuid4(), case_id=lc, added=[], withdrawn=[], interventions=[])
    await feed(kafka, namespace, "interventions", [plan_change], str(lc))
    async with running(
        lambda s: build(s, clock=clock),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
        scheduled_check_interval_seconds=0.2,
    ):
        [scheduled] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.review.scheduled"
        )
        assert scheduled.event.data["due_on"] == "2026-03-07" and scheduled.event.data["chaired_by"] == "probation"
        review_id = scheduled.event.data["review_id"]

        clock.now = datetime(2026, 3, 7, 8, tzinfo=UTC)
        told = await wait_for_events(bootstrap, namespace, "ddp.outbound.probation", 2, event_type=None)
        by_type = {e.event.type: e.event.data for e in told}
        assert by_type["ddp.review.due"]["review_id"] == review_id
        pack = by_type["ddp.review.pack_issued"]
        assert pack["attendance"] == {
            "attended": 2,
            "late": 0,
            "absent_acceptable": 0,
            "absent_unacceptable": 1,
            "absent_logistical": 0,
        }
        assert pack["engagement_concerns"] == 1 and pack["plan_changes"] == 1
        assert [e["rule"] for e in pack["escalations"]] == ["unacceptable-absences"]

        clock.now = datetime(2026, 3, 15, 8, tzinfo=UTC)  # due + 8 days: past the 7 days' grace
        [overdue] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.review.overdue"
        )
        assert overdue.event.data["review_id"] == review_id

        outcome = ReviewOutcomeSubmitted(
            review_id=uuid.UUID(review_id),
            case_id=lc,
            outcome=ReviewOutcome.ADJUST_PLAN,
            chairing_role=DecidingRole.SENIOR_PROBATION_OFFICER,
            reviewed_on=date(2026, 3, 15),
        )
        async with AgencyClient(bootstrap.access("home-office"), namespace) as home_office:
            await home_office.send(outcome, str(lc))
        [refused] = await wait_for_events(
            bootstrap, namespace, "ddp.outbound.home-office", 1, event_type="ddp.inbound.rejected"
        )
        assert [r["code"] for r in refused.event.data["reasons"]] == ["NOT_REVIEW_CHAIR"]
        async with AgencyClient(bootstrap.access("probation"), namespace) as probation:
            await probation.send(outcome, str(lc))
        [recorded] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.review.outcome_recorded"
        )
        assert recorded.event.data["outcome"] == "ADJUST_PLAN"
        schedule = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.review.scheduled"
        )
        assert [e.event.data["sequence"] for e in schedule] == [1, 2]
        assert schedule[1].event.data["due_on"] == str(date(2026, 3, 15) + timedelta(days=56))
        dues = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.review.due")
        assert len(dues) == 1, "each review falls due once"


async def test_a_referral_without_a_decision_is_flagged_overdue_and_again_each_interval(kafka, namespace, database_url):
    clock = Clock(datetime(2026, 2, 1, 9, tzinfo=UTC))
    tpim = opened(MandateType.TPIM, Agency.CT_POLICING)  # decision limit: 5 days
    bootstrap = kafka.endpoint
    await feed(kafka, namespace, "referrals", [tpim], str(tpim.case_id))
    await feed(kafka, namespace, "interventions", [missed(tpim.case_id, 1)], str(tpim.case_id))
    async with running(
        lambda s: build(s, clock=clock),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
        scheduled_check_interval_seconds=0.2,
    ):
        [referral] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_referral_raised"
        )
        assert referral.event.data["decision_due_by"].startswith("2026-02-06T09:00:00")
        clock.now = datetime(2026, 2, 6, 10, tzinfo=UTC)
        [first] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_referral_overdue"
        )
        assert first.event.data["times_flagged"] == 1
        clock.now = datetime(2026, 2, 7, 10, tzinfo=UTC)  # the 24-hour re-flag interval (boundaries: unit tests)
        flags = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.breach_referral_overdue"
        )
        assert [f.event.data["times_flagged"] for f in flags] == [1, 2]
        for agency in ("ct-policing", "home-office"):
            told = await wait_for_events(
                bootstrap, namespace, f"ddp.outbound.{agency}", 2, event_type="ddp.compliance.breach_referral_overdue"
            )
            assert len(told) == 2
