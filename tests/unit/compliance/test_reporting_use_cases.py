"""Attendance, absences, concerns and corrections: fact -> instance -> warning -> breach referral, and back."""

from datetime import timedelta

import pytest

from ddp_compliance.domain.events import (
    EscalationEvidenceWithdrawn,
    EscalationRaised,
    EscalationWithdrawn,
    NonComplianceRecorded,
    NonComplianceWithdrawn,
)
from ddp_compliance.domain.vocabulary import (
    AbsenceCategory,
    AttendanceOutcome,
    InstanceCategory,
    LadderStep,
    WithdrawalReason,
)
from ddp_compliance.service_layer import lifecycle, reporting
from tests.unit.compliance.histories import absence, attendance, concern, correction, opening


@pytest.fixture
async def licence(compliance):
    command = opening()
    await compliance(lifecycle.open_compliance_record, command)
    return command.case_id


async def test_an_attended_or_late_session_is_kept_but_is_no_instance(compliance, db, licence):
    for command in (attendance(licence, 20), attendance(licence, 27, late=True)):
        uow = await compliance(reporting.record_attendance, command)
        assert uow.committed and uow.published == []
    assert len(db.case(licence).reports.facts) == 2


@pytest.mark.parametrize("category", [AbsenceCategory.ACCEPTABLE, AbsenceCategory.LOGISTICAL])
async def test_an_acceptable_or_logistical_absence_is_no_instance(compliance, licence, category):
    uow = await compliance(reporting.record_absence, absence(licence, 30, category))
    assert uow.committed and uow.published == []


async def test_an_unacceptable_absence_is_an_instance_and_recommends_a_warning(compliance, clock, licence):
    command = absence(licence, 30)
    uow = await compliance(reporting.record_absence, command)

    recorded, warning = uow.published
    category = InstanceCategory.UNACCEPTABLE_ABSENCE
    assert recorded == NonComplianceRecorded(
        licence, command.report.event_id, "ddp.session.missed", category, command.occurred_at
    )
    assert isinstance(warning, EscalationRaised)
    assert (warning.step, warning.rule) == (LadderStep.WARNING, "unacceptable-absences")
    assert warning.referred_to == ("probation",)
    assert warning.raised_at == clock.now and warning.decision_due_by is None
    assert warning.policy_version == compliance.policy.version


async def test_a_second_absence_in_the_window_is_referred_for_breach_with_both_as_evidence(compliance, clock, licence):
    first, second = absence(licence, 30), absence(licence, 44)
    await compliance(reporting.record_absence, first)
    uow = await compliance(reporting.record_absence, second)

    [_, referral] = uow.published
    assert referral.step is LadderStep.BREACH_REFERRAL
    assert [i.event_id for i in referral.evidence] == [first.report.event_id, second.report.event_id]
    assert referral.decision_due_by == clock.now + timedelta(days=10)


async def test_an_absence_in_the_induction_period_is_a_missed_initial_session_referred_at_once(compliance, licence):
    recorded, referral = (await compliance(reporting.record_absence, absence(licence, 5))).published
    assert recorded.category is InstanceCategory.MISSED_INITIAL_SESSION
    assert (referral.rule, referral.step) == ("missed-initial-session", LadderStep.BREACH_REFERRAL)


async def test_a_redelivered_report_changes_nothing(compliance, db, licence):
    command = absence(licence, 30)
    await compliance(reporting.record_absence, command)
    again = await compliance(reporting.record_absence, command)

    assert again.committed and again.published == []
    assert len(db.case(licence).escalations.by_id) == 1


async def test_engagement_concerns_recommend_a_warning_at_the_third_in_sixty_days(compliance, licence):
    for day in (20, 30):
        uow = await compliance(reporting.record_engagement_concern, concern(licence, day))
        assert [e.category for e in uow.published] == [InstanceCategory.ENGAGEMENT_CONCERN]
    third = await compliance(reporting.record_engagement_concern, concern(licence, 40))
    assert (third.published[1].rule, third.published[1].step) == ("repeated-engagement-concerns", LadderStep.WARNING)


async def test_a_voluntary_case_flags_engagement_concerns_to_the_programme_team(compliance):
    case = opening("VOLUNTARY", "home-office")
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(reporting.record_absence, absence(case.case_id, 20))
    [_, flag] = (await compliance(reporting.record_absence, absence(case.case_id, 25))).published
    assert (flag.step, flag.referred_to) == (LadderStep.ENGAGEMENT_CONCERN, ("programme-team",))


async def test_a_correction_before_any_escalation_withdraws_the_instance_quietly(compliance, licence):
    concern_one = concern(licence, 20)
    raised = await compliance(reporting.record_engagement_concern, concern_one)
    assert len(raised.published) == 1, "one concern escalates nothing yet"
    fix = correction(concern_one)

    uow = await compliance(reporting.correct_attendance, fix)

    assert uow.published == [
        NonComplianceWithdrawn(licence, concern_one.report.event_id, WithdrawalReason.CORRECTED, fix.report.event_id)
    ]
    await compliance(reporting.record_engagement_concern, concern(licence, 21))
    later = await compliance(reporting.record_engagement_concern, concern(licence, 22))
    assert not [e for e in later.published if isinstance(e, EscalationRaised)], "the withdrawn concern never counts"


async def test_a_correction_arriving_before_the_record_it_corrects_means_that_record_never_counts(compliance, licence):
    late_absence = absence(licence, 30)
    await compliance(reporting.correct_attendance, correction(late_absence))
    uow = await compliance(reporting.record_absence, late_absence)
    assert uow.committed and uow.published == []


async def test_a_correction_of_the_only_evidence_withdraws_the_escalation_and_tells_its_recipients(
    compliance, db, licence
):
    command = absence(licence, 30)
    [_, warning] = (await compliance(reporting.record_absence, command)).published
    fix = correction(command)

    uow = await compliance(reporting.correct_attendance, fix)

    event_id, corrected = command.report.event_id, WithdrawalReason.CORRECTED
    assert uow.published == [
        NonComplianceWithdrawn(licence, event_id, corrected, fix.report.event_id),
        EscalationWithdrawn(
            warning.escalation_id,
            licence,
            LadderStep.WARNING,
            corrected,
            (event_id,),
            fix.report.event_id,
            compliance.clock(),
            ("probation",),
        ),
    ]
    assert not db.case(licence).escalations.by_id[warning.escalation_id].stands
    again = await compliance(reporting.correct_attendance, correction(command))
    assert again.published == [], "an attendance is withdrawn once, however often it is corrected"


async def test_a_correction_of_evidence_the_rest_still_justifies_leaves_the_escalation_standing(
    compliance, db, licence
):
    first, second = absence(licence, 30), absence(licence, 31)
    [_, warning] = (await compliance(reporting.record_absence, first)).published
    await compliance(reporting.record_absence, second)  # the second absence: a breach referral
    third = await compliance(reporting.record_absence, absence(licence, 32))
    assert [type(e) for e in third.published] == [NonComplianceRecorded]
    fix = correction(first)

    uow = await compliance(reporting.correct_attendance, fix)

    told = [e for e in uow.published if isinstance(e, EscalationEvidenceWithdrawn)]
    citing = {e.escalation_id for e in db.case(licence).escalations.by_id.values() if e.cites(first.report.event_id)}
    assert {e.escalation_id for e in told} == citing and warning.escalation_id in citing
    assert {(e.withdrawn_event_id, e.reason) for e in told} == {(first.report.event_id, WithdrawalReason.CORRECTED)}
    assert not [e for e in uow.published if isinstance(e, EscalationWithdrawn)], "two absences still stand"
    assert all(e.stands for e in db.case(licence).escalations.by_id.values())


async def test_a_correction_reporting_an_absence_and_a_concern_records_both(compliance, licence):
    excused = absence(licence, 30, AbsenceCategory.ACCEPTABLE)
    fix = correction(excused, AttendanceOutcome.ABSENT, AbsenceCategory.UNACCEPTABLE, concern=True)
    uow = await compliance(reporting.correct_attendance, fix)
    recorded = [e for e in uow.published if isinstance(e, NonComplianceRecorded)]
    assert {(e.instance_id, e.category) for e in recorded} == {
        (fix.report.event_id, InstanceCategory.UNACCEPTABLE_ABSENCE),
        (fix.report.event_id, InstanceCategory.ENGAGEMENT_CONCERN),
    }


async def test_a_situation_raised_by_another_transaction_first_is_not_raised_again(compliance, db, licence):
    # Learn the situation's id, then start again as a delivery that loaded the case before the
    # concurrent one committed that situation.
    [_, warning] = (await compliance(reporting.record_absence, absence(licence, 30))).published
    db.cases.pop(licence)
    await compliance(lifecycle.open_compliance_record, opening(case_id=licence))
    db.raised_elsewhere.add(warning.escalation_id)

    uow = await compliance(reporting.record_absence, absence(licence, 31))

    assert [type(e) for e in uow.published] == [NonComplianceRecorded]
    assert warning.escalation_id not in db.case(licence).escalations.by_id
