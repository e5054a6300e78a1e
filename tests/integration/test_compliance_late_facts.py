"""A recall reported late, over real Kafka: the absence inside custody is withdrawn with the breach
referral it completed, the authority is told on its own topic, and the same facts in another order
end the same way."""

from datetime import UTC, date, datetime, timedelta

import pytest

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.referrals import CaseResumed, CaseSuspended
from ddp_schemas.events.vocabulary import Agency, MandateType
from tests.integration.compliance_histories import START, Clock, feed, missed, of_case, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def recall(case_id, on_day: int, reported_day: int) -> CaseSuspended:
    return CaseSuspended(
        case_id=case_id,
        actor="probation",
        reason_code="CUSTODY_RECALLED",
        effective_on=START + timedelta(days=on_day),
        occurred_at=datetime.combine(START + timedelta(days=reported_day), datetime.min.time(), UTC),
    )


def release(case_id, on_day: int) -> CaseResumed:
    return CaseResumed(
        case_id=case_id,
        actor="probation",
        reason_code="CUSTODY_RELEASED",
        effective_on=START + timedelta(days=on_day),
        occurred_at=datetime.combine(START + timedelta(days=on_day), datetime.min.time(), UTC),
    )


async def test_a_late_recall_withdraws_the_referral_and_any_order_of_the_facts_ends_the_same(
    kafka, namespace, database_url
):
    clock = Clock(datetime(2026, 3, 1, 9, tzinfo=UTC))
    late, on_time = opened(MandateType.LICENCE, Agency.PROBATION), opened(MandateType.LICENCE, Agency.PROBATION)
    bootstrap = kafka.endpoint
    await feed(kafka, namespace, "referrals", [late], str(late.case_id))
    # The same facts for the second case, the custody period first: nothing is ever withdrawn there.
    await feed(
        kafka,
        namespace,
        "referrals",
        [on_time, recall(on_time.case_id, 40, 40), release(on_time.case_id, 50)],
        str(on_time.case_id),
    )
    async with running(
        lambda s: build(s, clock=clock),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
    ):
        await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 2, event_type="ddp.compliance.record_opened"
        )
        in_custody = missed(late.case_id, 41)
        await feed(kafka, namespace, "interventions", [missed(late.case_id, 30), in_custody], str(late.case_id))
        [first_referral] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_referral_raised"
        )
        # Reported on day 42, the recall took effect on day 40.
        await feed(kafka, namespace, "referrals", [recall(late.case_id, 40, 42)], str(late.case_id))
        [withdrawn] = await wait_for_events(
            bootstrap, namespace, "ddp.outbound.probation", 1, event_type="ddp.compliance.escalation_withdrawn"
        )
        await feed(kafka, namespace, "referrals", [release(late.case_id, 50)], str(late.case_id))
        for case in (late, on_time):
            await feed(kafka, namespace, "interventions", [missed(case.case_id, 55)], str(case.case_id))
        # The second case's earlier absences arrive last of all, the one inside custody included.
        earlier = [missed(on_time.case_id, 30), missed(on_time.case_id, 41)]
        await feed(kafka, namespace, "interventions", earlier, str(on_time.case_id))
        referrals = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 3, event_type="ddp.compliance.breach_referral_raised"
        )
        everything = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1)

    assert first_referral.event.data["case_id"] == str(late.case_id)
    assert withdrawn.event.data["escalation_id"] == first_referral.event.data["escalation_id"]
    assert withdrawn.event.data["reason_code"] == "IN_CUSTODY"
    withdrawn_instances = of_case(everything, late.case_id, "ddp.compliance.non_compliance_withdrawn")
    assert [w.event.data["reason_code"] for w in withdrawn_instances] == ["IN_CUSTODY"]
    assert of_case(everything, on_time.case_id, "ddp.compliance.non_compliance_withdrawn") == []

    def standing(case) -> set[tuple[str, str, int, str]]:
        """(type, rule, evidence count, window start) of each escalation of the case not withdrawn."""
        gone = {
            e.event.data["escalation_id"]
            for e in of_case(everything, case.case_id, "ddp.compliance.escalation_withdrawn")
        }
        return {
            (e.event.type, e.event.data["rule"], len(e.event.data["evidence"]), e.event.data["window_start"])
            for e in of_case(everything, case.case_id)
            if e.event.type in ("ddp.compliance.warning_recommended", "ddp.compliance.breach_referral_raised")
            and e.event.data["escalation_id"] not in gone
        }

    assert (
        standing(late)
        == standing(on_time)
        == {
            ("ddp.compliance.warning_recommended", "unacceptable-absences", 1, str(START)),
            ("ddp.compliance.breach_referral_raised", "unacceptable-absences", 2, str(START)),
        }
    )
    custody_day = in_custody.occurred_at.date()
    for referral in referrals:
        if referral.event.data["escalation_id"] != withdrawn.event.data["escalation_id"]:
            days = {date.fromisoformat(i["occurred_at"][:10]) for i in referral.event.data["evidence"]}
            assert custody_day not in days, "an absence in custody is never evidence"
