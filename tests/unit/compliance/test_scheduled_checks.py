"""The scheduled checks on a clock the test moves: overdue decisions flagged and re-flagged, review dates."""

from datetime import timedelta
from uuid import uuid4

from ddp_compliance.domain.commands import CheckReviews, CloseRecord, FlagOverdueReferrals
from ddp_compliance.domain.events import (
    BreachReferralOverdue,
    ReviewDue,
    ReviewOverdue,
    ReviewPackIssued,
    ReviewScheduled,
)
from ddp_compliance.domain.review_pack import AttendanceFigures
from ddp_compliance.domain.vocabulary import AbsenceCategory, LadderStep
from ddp_compliance.service_layer import decisions, lifecycle, reporting, scheduled_checks
from tests.unit.compliance.builders import at
from tests.unit.compliance.fakes import FakeUnitOfWork
from tests.unit.compliance.histories import absence, attendance, concern, correction, decision, opening, plan_change

FLAG = FlagOverdueReferrals(limit=500)
REVIEWS = CheckReviews(limit=500)


async def referred(compliance, mandate: str = "TPIM", authority: str = "ct-policing"):
    """A case with a breach referral raised at the clock's time (a missed initial session)."""
    case = opening(mandate, authority)
    await compliance(lifecycle.open_compliance_record, case)
    [_, referral] = (await compliance(reporting.record_absence, absence(case.case_id, 2))).published
    assert referral.step is LadderStep.BREACH_REFERRAL
    return case.case_id, referral


async def test_a_referral_is_flagged_overdue_after_its_limit_and_again_each_interval(compliance, clock):
    case_id, referral = await referred(compliance)  # TPIM: 5 days to decide
    assert referral.decision_due_by == clock.now + timedelta(days=5)

    clock.move_to(referral.decision_due_by)
    on_time = await compliance(scheduled_checks.flag_overdue_referrals, FLAG)
    clock.move_to(referral.decision_due_by + timedelta(hours=1))
    first = await compliance(scheduled_checks.flag_overdue_referrals, FLAG)
    clock.move_to(referral.decision_due_by + timedelta(hours=24, minutes=59))
    too_soon = await compliance(scheduled_checks.flag_overdue_referrals, FLAG)
    clock.move_to(referral.decision_due_by + timedelta(hours=25))
    again = await compliance(scheduled_checks.flag_overdue_referrals, FLAG)

    assert on_time.committed and on_time.published == [] and too_soon.published == []
    assert first.published == [
        BreachReferralOverdue(
            referral.escalation_id,
            case_id,
            ("ct-policing", "home-office"),
            referral.decision_due_by,
            referral.decision_due_by + timedelta(hours=1),
            1,
        )
    ]
    assert [e.times_flagged for e in again.published] == [2]


async def test_a_decided_referral_is_never_flagged_overdue(compliance, clock):
    case_id, referral = await referred(compliance)
    await compliance(decisions.record_breach_decision, decision(referral.escalation_id, case_id, "ct-policing"))
    clock.move_to(referral.decision_due_by + timedelta(days=30))
    assert (await compliance(scheduled_checks.flag_overdue_referrals, FLAG)).published == []


async def test_the_overdue_check_says_how_many_it_flagged(compliance, db, clock):
    for _ in range(3):
        _, referral = await referred(compliance)
    clock.move_to(referral.decision_due_by + timedelta(hours=1))
    uow = FakeUnitOfWork(db)
    flagged = await scheduled_checks.flag_overdue_referrals(
        FlagOverdueReferrals(limit=2), uow, policy=compliance.policy, clock=clock
    )
    assert flagged == 2 and len(uow.published) == 2


async def test_a_review_is_announced_falls_due_with_the_chairs_pack_and_goes_overdue(compliance, clock):
    case = opening(mappa_level=2)  # licence at MAPPA level 2: every 56 days, 7 days' grace
    await compliance(lifecycle.open_compliance_record, case)
    lc, opened_at = case.case_id, clock.now
    await compliance(reporting.record_attendance, attendance(lc, 61))
    await compliance(reporting.record_attendance, attendance(lc, 62))
    await compliance(reporting.record_attendance, attendance(lc, 62, late=True))
    await compliance(reporting.record_absence, absence(lc, 63, AbsenceCategory.ACCEPTABLE))
    corrected = absence(lc, 64)
    await compliance(reporting.record_absence, corrected)
    await compliance(reporting.correct_attendance, correction(corrected))
    await compliance(reporting.record_absence, absence(lc, 65))
    await compliance(reporting.record_engagement_concern, concern(lc, 66))
    await compliance(reporting.record_absence, absence(lc, 59, AbsenceCategory.LOGISTICAL))  # before the period
    await compliance(lifecycle.record_plan_change, plan_change(lc, at(67)))

    announced = await compliance(scheduled_checks.check_reviews, REVIEWS)
    [scheduled] = announced.published
    assert isinstance(scheduled, ReviewScheduled)
    due_on = (opened_at + timedelta(days=56)).date()
    assert (scheduled.sequence, scheduled.due_on, scheduled.chaired_by) == (1, due_on, "probation")
    clock.move_to(at(115, 23))  # the day before it is due
    assert (await compliance(scheduled_checks.check_reviews, REVIEWS)).published == []

    clock.move_to(at(116, 8))
    due, pack = (await compliance(scheduled_checks.check_reviews, REVIEWS)).published
    assert isinstance(due, ReviewDue) and (due.review_id, due.chaired_by) == (scheduled.review_id, "probation")
    assert isinstance(pack, ReviewPackIssued) and pack.chaired_by == "probation"
    # The corrected absence counts as what it was corrected to (attended); the one before the period not at all.
    assert pack.pack.attendance == AttendanceFigures(
        attended=3, late=1, absent_acceptable=1, absent_unacceptable=1, absent_logistical=0
    )
    assert (pack.pack.engagement_concerns, pack.pack.plan_changes) == (1, 1)
    assert [e.rule for e in pack.pack.escalations] == ["unacceptable-absences"]
    assert (pack.pack.period_start, pack.pack.period_end) == (opened_at, clock.now)

    clock.move_to(at(123, 8))  # due + 7 days: within the grace
    assert (await compliance(scheduled_checks.check_reviews, REVIEWS)).published == []
    clock.move_to(at(124, 8))
    [overdue] = (await compliance(scheduled_checks.check_reviews, REVIEWS)).published
    assert isinstance(overdue, ReviewOverdue) and overdue.flagged_at == clock.now
    assert (await compliance(scheduled_checks.check_reviews, REVIEWS)).published == [], "overdue is flagged once"


async def test_a_review_first_checked_long_after_its_date_is_announced_due_and_overdue_at_once(compliance, clock):
    await compliance(lifecycle.open_compliance_record, opening("VOLUNTARY", "home-office"))  # 91 days, 14 days' grace
    clock.move_to(clock.now + timedelta(days=91 + 15))
    uow = await compliance(scheduled_checks.check_reviews, REVIEWS)
    assert [type(e) for e in uow.published] == [ReviewScheduled, ReviewDue, ReviewPackIssued, ReviewOverdue]


async def test_a_closed_case_has_no_more_review_events(compliance, clock):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(lifecycle.close_record, CloseRecord(uuid4(), case.case_id, at(61)))
    clock.move_to(clock.now + timedelta(days=200))
    assert (await compliance(scheduled_checks.check_reviews, REVIEWS)).published == []
