"""The case lifecycle over real Kafka: a changed mandate changes the ladder; a closed case raises nothing more."""

import uuid
from datetime import UTC, date, datetime

import pytest

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.interventions import PlanAgreed
from ddp_schemas.events.referrals import CaseClosed, CaseClosureReason, MandateChange, MandateChanged
from ddp_schemas.events.vocabulary import Agency, InterventionKind, MandateTerms, MandateType, Need, PlannedIntervention
from tests.integration.compliance_histories import START, Clock, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


async def test_a_varied_mandate_and_a_closed_case_change_what_escalates(kafka, namespace, database_url):
    clock = Clock(datetime(2026, 3, 1, 9, tzinfo=UTC))
    varied, closed = opened(MandateType.LICENCE, Agency.PROBATION), opened(MandateType.LICENCE, Agency.PROBATION)
    bootstrap = kafka.endpoint
    to_tpim = MandateChanged(
        case_id=varied.case_id,
        change=MandateChange.VARIED,
        mandate=MandateTerms(
            type=MandateType.TPIM,
            responsible_authority=Agency.CT_POLICING,
            participation_required=True,
            starts_on=START,
        ),
        effective_on=START,  # from the start: every session is judged under the varied terms
        actor="ct-policing",
        occurred_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
    )
    ended = CaseClosed(
        case_id=closed.case_id,
        actor="probation",
        reason_code=CaseClosureReason.MANDATE_ENDED,
        effective_on=date(2026, 1, 20),  # before the absence below: it happened after the case ended
        occurred_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
    )
    agreed = PlanAgreed(
        plan_id=uuid.uuid4(),
        case_id=closed.case_id,
        interventions=[
            PlannedIntervention(
                intervention_id=uuid.uuid4(), kind=InterventionKind.MENTORING, addresses=[Need.IDEOLOGY]
            )
        ],
    )
    await feed(kafka, namespace, "referrals", [varied, to_tpim], str(varied.case_id))
    await feed(kafka, namespace, "referrals", [closed, ended], str(closed.case_id))
    await feed(kafka, namespace, "interventions", [agreed], str(closed.case_id))
    async with running(
        lambda s: build(s, clock=clock),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
        scheduled_check_interval_seconds=0.2,
    ):
        await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.record_opened"
        )
        await feed(kafka, namespace, "interventions", [missed(varied.case_id, 30)], str(varied.case_id))
        await feed(kafka, namespace, "interventions", [missed(closed.case_id, 30)], str(closed.case_id))
        [warning] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.warning_recommended"
        )
        clock.now = datetime(2026, 9, 1, 9, tzinfo=UTC)  # every review would be due and overdue by now
        dues = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.review.due")
        everything = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1)

    assert warning.event.data["case_id"] == str(varied.case_id)
    assert (warning.event.data["mandate_type"], warning.event.data["referred_to"]) == (
        "TPIM",
        ["ct-policing", "home-office"],
    )
    assert [d.event.data["case_id"] for d in dues] == [str(varied.case_id)], "a closed case has no more reviews"
    about_closed = {e.event.type for e in everything if e.event.data.get("case_id") == str(closed.case_id)}
    assert about_closed <= {"ddp.compliance.record_opened", "ddp.review.scheduled"}, "nothing counts once closed"
