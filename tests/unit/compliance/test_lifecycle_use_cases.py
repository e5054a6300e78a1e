"""The case lifecycle use cases: a record opened once, suspension and resumption, closure, mandate and plan changes."""

from datetime import timedelta
from uuid import uuid4

from ddp_compliance.domain.commands import ChangeMandate, CloseRecord
from ddp_compliance.domain.events import EscalationRaised, NonComplianceRecorded, RecordOpened
from ddp_compliance.domain.vocabulary import InstanceCategory, LadderStep, MandateType
from ddp_compliance.service_layer import lifecycle, reporting
from tests.unit.compliance.builders import at
from tests.unit.compliance.histories import absence, opening, plan_change, resumption, suspension, terms


async def test_a_case_opened_is_followed_under_the_current_policy_with_its_first_review(compliance, db):
    command = opening("TPIM", "ct-policing", mappa_level=3)
    uow = await compliance(lifecycle.open_compliance_record, command)

    assert uow.committed
    assert uow.published == [
        RecordOpened(command.case_id, MandateType.TPIM, "ct-policing", True, True, compliance.policy.version)
    ]
    [review] = db.case(command.case_id).reviews.by_sequence.values()
    assert (review.sequence, review.chaired_by, review.due_on) == (1, "ct-policing", (at(60) + timedelta(28)).date())
    assert review.announced_at is None, "the scheduled check announces it, on its clock"


async def test_a_case_opened_again_is_not_followed_twice(compliance, db):
    command = opening()
    await compliance(lifecycle.open_compliance_record, command)
    again = await compliance(lifecycle.open_compliance_record, command)

    assert again.published == []
    assert len(db.case(command.case_id).reviews.by_sequence) == 1


async def test_a_voluntary_case_or_one_without_required_participation_can_never_escalate(compliance):
    voluntary = await compliance(lifecycle.open_compliance_record, opening("VOLUNTARY", "home-office"))
    optional = await compliance(lifecycle.open_compliance_record, opening(required=False))
    assert [e.escalation_possible for e in voluntary.published + optional.published] == [False, False]


async def test_attendance_reported_before_the_case_opened_is_evaluated_when_it_opens(compliance):
    command = opening()
    early = absence(command.case_id, 3)
    waiting = await compliance(reporting.record_absence, early)
    assert [type(e) for e in waiting.published] == [NonComplianceRecorded], "kept, nothing to escalate yet"

    opened = await compliance(lifecycle.open_compliance_record, command)

    [_, raised] = opened.published
    assert isinstance(raised, EscalationRaised)
    assert (raised.rule, raised.step) == ("missed-initial-session", LadderStep.BREACH_REFERRAL)
    assert [i.event_id for i in raised.evidence] == [early.report.event_id]


async def test_sessions_while_suspended_do_not_count_and_count_again_once_resumed(compliance):
    case = opening("TEO", "home-office")
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(lifecycle.record_suspension, suspension(case.case_id, 20))
    await compliance(lifecycle.record_resumption, resumption(case.case_id, 50))

    inside = await compliance(reporting.record_absence, absence(case.case_id, 30))
    after = await compliance(reporting.record_absence, absence(case.case_id, 55))

    assert inside.committed and inside.published == []
    recorded, warning = after.published
    assert recorded.category is InstanceCategory.UNACCEPTABLE_ABSENCE and warning.step is LadderStep.WARNING


async def test_a_resumption_ends_every_suspension_begun_before_it_and_a_redelivered_one_is_kept_once(compliance, db):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    first, second = suspension(case.case_id, 20), suspension(case.case_id, 30)
    for command in (first, second, second):
        await compliance(lifecycle.record_suspension, command)
    await compliance(lifecycle.record_resumption, resumption(case.case_id, 40))
    later = suspension(case.case_id, 45)
    await compliance(lifecycle.record_suspension, later)

    periods = db.case(case.case_id).reports.periods()
    assert [(p.suspended_by, p.starts_at, p.ends_at) for p in periods] == [
        (first.suspension_id, at(20, 0), at(40, 0)),
        (second.suspension_id, at(30, 0), at(40, 0)),
        (later.suspension_id, at(45, 0), None),
    ]


async def test_a_closed_case_keeps_reports_but_records_and_raises_nothing(compliance, db):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(lifecycle.close_record, CloseRecord(uuid4(), case.case_id, at(40)))

    uow = await compliance(reporting.record_absence, absence(case.case_id, 45))

    assert uow.committed and uow.published == []
    assert db.case(case.case_id).record.closed and len(db.case(case.case_id).reports.facts) == 1


async def test_a_changed_mandate_changes_the_ladder_and_the_recipients(compliance):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(
        lifecycle.change_mandate, ChangeMandate(uuid4(), case.case_id, terms("TPIM", "ct-policing"), at(0, 0), at(60))
    )

    [_, warning] = (await compliance(reporting.record_absence, absence(case.case_id, 30))).published

    assert (warning.mandate_type, warning.referred_to) == (MandateType.TPIM, ("ct-policing", "home-office"))


async def test_a_mandate_no_longer_requiring_participation_only_raises_engagement_concerns(compliance):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(
        lifecycle.change_mandate, ChangeMandate(uuid4(), case.case_id, terms(required=False), at(0, 0), at(60))
    )

    [_, flag] = (await compliance(reporting.record_absence, absence(case.case_id, 30))).published
    second = await compliance(reporting.record_absence, absence(case.case_id, 31))

    assert (flag.step, flag.referred_to) == (LadderStep.ENGAGEMENT_CONCERN, ("programme-team",))
    assert [type(e) for e in second.published] == [NonComplianceRecorded], "one concern per rule and window"


async def test_lifecycle_changes_to_a_case_compliance_never_heard_of_change_nothing(compliance, db):
    unknown = uuid4()
    closed = await compliance(lifecycle.close_record, CloseRecord(uuid4(), unknown, at(40)))
    changed = await compliance(
        lifecycle.change_mandate, ChangeMandate(uuid4(), unknown, terms("TPIM", "ct-policing"), at(0, 0), at(60))
    )

    assert closed.published == changed.published == []
    assert db.case(unknown).record is None


async def test_plan_changes_are_kept_once_each_for_the_review_pack(compliance, db):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    change = plan_change(case.case_id, at(61))
    for _ in range(2):
        uow = await compliance(lifecycle.record_plan_change, change)
        assert uow.committed and uow.published == []

    assert list(db.case(case.case_id).reports.plan_changes) == [change.report.event_id]
