"""Corrections and suspensions over real Kafka: what no longer counts, and who is told."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.events.referrals import CaseResumed, CaseSuspended
from ddp_schemas.events.session_vocabulary import AttendanceOutcome, CorrectionReason
from ddp_schemas.events.sessions import AttendanceCorrected, SessionMissed
from ddp_schemas.events.vocabulary import Agency, MandateType
from tests.integration.compliance_histories import NOW, day, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def corrected_to_attended(absence: SessionMissed) -> AttendanceCorrected:
    return AttendanceCorrected(
        case_id=absence.case_id,
        intervention_id=absence.intervention_id,
        session_id=absence.session_id,
        attendance_id=uuid.uuid4(),
        corrects_attendance_id=absence.attendance_id,
        occurred_at=absence.occurred_at,
        outcome=AttendanceOutcome.ATTENDED,
        engagement_rating=3,
        concern=False,
        reason=CorrectionReason.ABSENCE_EVIDENCE_RECEIVED,
    )


async def test_a_correction_withdraws_quietly_before_escalation_and_withdraws_the_escalation_after(
    kafka, namespace, database_url
):
    before, after = opened(MandateType.LICENCE, Agency.PROBATION), opened(MandateType.LICENCE, Agency.PROBATION)
    bootstrap = kafka.endpoint
    # Case "before": the correction arrives ahead of the absence it corrects; nothing ever escalates.
    early = missed(before.case_id, 30)
    await feed(kafka, namespace, "interventions", [corrected_to_attended(early), early], str(before.case_id))
    await feed(kafka, namespace, "referrals", [before, after], str(before.case_id))
    # Case "after": the absence has escalated (a warning) when the correction comes.
    late = missed(after.case_id, 30)
    await feed(kafka, namespace, "interventions", [late], str(after.case_id))
    async with running(
        lambda s: build(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
    ):
        [warning] = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.warning_recommended"
        )
        assert warning.event.data["case_id"] == str(after.case_id)
        [absence_envelope] = warning.event.data["evidence"]
        await feed(kafka, namespace, "interventions", [corrected_to_attended(late)], str(after.case_id))
        [withdrawn] = await wait_for_events(
            bootstrap, namespace, "ddp.outbound.probation", 1, event_type="ddp.compliance.escalation_withdrawn"
        )
        assert withdrawn.event.data["escalation_id"] == warning.event.data["escalation_id"]
        assert withdrawn.event.data["withdrawn_event_ids"] == [absence_envelope["event_id"]]
        assert withdrawn.event.data["reason_code"] == "CORRECTED"
        everything = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1)
    about_before = [e.event.type for e in everything if e.event.data.get("case_id") == str(before.case_id)]
    assert "ddp.compliance.record_opened" in about_before
    assert set(about_before) <= {"ddp.compliance.record_opened", "ddp.review.scheduled"}, (
        "a corrected absence never counts"
    )


async def test_sessions_during_a_suspension_do_not_count_whichever_arrives_first(kafka, namespace, database_url):
    case = opened(MandateType.TEO, Agency.HOME_OFFICE)
    key, bootstrap = str(case.case_id), kafka.endpoint
    recalled_on = day(20).date()
    await feed(
        kafka,
        namespace,
        "referrals",
        [
            case,
            CaseSuspended(
                case_id=case.case_id,
                actor="home-office",
                reason_code="CUSTODY_RECALLED",
                effective_on=recalled_on,
                occurred_at=day(21),
            ),
            CaseResumed(
                case_id=case.case_id,
                actor="home-office",
                reason_code="CUSTODY_RELEASED",
                effective_on=recalled_on + timedelta(days=30),
                occurred_at=day(51),
            ),
        ],
        key,
    )
    # Sessions come on another topic: they may be read before or after the custody period.
    await feed(kafka, namespace, "interventions", [missed(case.case_id, 25), missed(case.case_id, 40)], key)
    async with running(
        lambda s: build(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=bootstrap,
        database_url=database_url,
        namespace=namespace,
    ):
        await feed(kafka, namespace, "interventions", [missed(case.case_id, 55)], key)
        warnings = await wait_for_events(
            bootstrap, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.warning_recommended"
        )
        everything = await wait_for_events(bootstrap, namespace, "ddp.compliance.events", 1)

    gone = {e.event.data["escalation_id"] for e in everything if e.event.type == "ddp.compliance.escalation_withdrawn"}
    [warning] = [w for w in warnings if w.event.data["escalation_id"] not in gone]
    assert [e["occurred_at"][:10] for e in warning.event.data["evidence"]] == [str((day(55)).date())]
    # Read before the custody period, the two absences inside it raise a referral that the period
    # then withdraws: none stands.
    referrals = [e for e in everything if e.event.type == "ddp.compliance.breach_referral_raised"]
    assert all(r.event.data["escalation_id"] in gone for r in referrals)
    latest = {}  # each instance's last word: recorded, or withdrawn when the custody period was read after it
    for e in everything:
        if e.event.type in ("ddp.compliance.non_compliance_recorded", "ddp.compliance.non_compliance_withdrawn"):
            latest[e.event.data["instance_id"]] = e
    [counting] = [e for e in latest.values() if e.event.type == "ddp.compliance.non_compliance_recorded"]
    assert datetime.fromisoformat(counting.event.data["occurred_at"]) == day(55).astimezone(UTC)
