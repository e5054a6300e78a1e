"""Facts reported late: custody, a case's end and corrections are applied from when they took effect.

The scenario agencies live: a person recalled to custody on day 40 (a Monday), the recall reported
on day 42. Tuesday's absence was reported in between and counted; the recall must withdraw it,
and the breach referral it completed, and it must never be evidence again.
"""

from uuid import uuid4

import pytest

from ddp_compliance.domain.commands import ChangeMandate, CloseRecord
from ddp_compliance.domain.events import (
    EscalationRaised,
    EscalationWithdrawn,
    NonComplianceRecorded,
    NonComplianceWithdrawn,
)
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import LadderStep, WithdrawalReason
from ddp_compliance.service_layer import decisions, lifecycle, reporting
from tests.unit.compliance.builders import at
from tests.unit.compliance.histories import absence, decision, opening, resumption, suspension, terms


@pytest.fixture
async def licence(compliance):
    command = opening()
    await compliance(lifecycle.open_compliance_record, command)
    return command.case_id


async def test_a_recall_reported_late_withdraws_the_absence_inside_custody_and_the_referral_it_completed(
    compliance, db, licence
):
    first = absence(licence, 30)
    [_, warning] = (await compliance(reporting.record_absence, first)).published
    in_custody = absence(licence, 41)
    [_, referral] = (await compliance(reporting.record_absence, in_custody)).published
    assert referral.step is LadderStep.BREACH_REFERRAL
    compliance.clock.move_to(at(42, 9))
    recall = suspension(licence, 40)

    uow = await compliance(lifecycle.record_suspension, recall)

    custody = WithdrawalReason.IN_CUSTODY
    assert uow.published == [
        NonComplianceWithdrawn(licence, in_custody.report.event_id, custody, recall.suspension_id),
        EscalationWithdrawn(
            referral.escalation_id,
            licence,
            LadderStep.BREACH_REFERRAL,
            custody,
            (in_custody.report.event_id,),
            recall.suspension_id,
            at(42, 9),
            ("probation",),
        ),
    ]
    escalations = db.case(licence).escalations.by_id
    assert escalations[warning.escalation_id].stands, "the warning rests on day 30 alone"
    assert not escalations[referral.escalation_id].stands
    with pytest.raises(Refusal) as refused:
        await compliance(decisions.record_breach_decision, decision(referral.escalation_id, licence))
    assert refused.value.code == "ESCALATION_WITHDRAWN"


async def test_after_release_the_absence_in_custody_is_never_evidence_again(compliance, licence):
    await compliance(reporting.record_absence, absence(licence, 30))
    in_custody = absence(licence, 41)
    await compliance(reporting.record_absence, in_custody)
    await compliance(lifecycle.record_suspension, suspension(licence, 40))
    await compliance(lifecycle.record_resumption, resumption(licence, 50))

    after_release = absence(licence, 55)
    uow = await compliance(reporting.record_absence, after_release)

    recorded, referral = uow.published
    assert isinstance(recorded, NonComplianceRecorded) and isinstance(referral, EscalationRaised)
    assert referral.step is LadderStep.BREACH_REFERRAL
    assert in_custody.report.event_id not in {i.event_id for i in referral.evidence}
    assert after_release.report.event_id in {i.event_id for i in referral.evidence}
    assert len(compliance.of_type(EscalationRaised)) == 3, "warning, the withdrawn referral, this one"


async def test_a_release_date_reported_late_restores_what_the_open_suspension_held_back(compliance, db, licence):
    await compliance(reporting.record_absence, absence(licence, 30))
    await compliance(lifecycle.record_suspension, suspension(licence, 40))
    after_release = absence(licence, 45)
    held_back = await compliance(reporting.record_absence, after_release)
    assert held_back.published == [], "the suspension is still open as far as compliance knows"

    uow = await compliance(lifecycle.record_resumption, resumption(licence, 44))

    recorded, referral = uow.published
    assert isinstance(recorded, NonComplianceRecorded) and recorded.instance_id == after_release.report.event_id
    assert isinstance(referral, EscalationRaised) and referral.step is LadderStep.BREACH_REFERRAL


async def test_a_situation_withdrawn_and_qualifying_again_is_escalated_under_a_new_id(compliance, db, licence):
    await compliance(reporting.record_absence, absence(licence, 30))
    late = absence(licence, 45)
    [_, first] = (await compliance(reporting.record_absence, late)).published
    await compliance(lifecycle.record_suspension, suspension(licence, 40))
    [_, again] = (await compliance(lifecycle.record_resumption, resumption(licence, 44))).published

    assert isinstance(again, EscalationRaised) and again.escalation_id != first.escalation_id
    assert (again.rule, again.step, again.window_start) == (first.rule, first.step, first.window_start)
    standing = [e for e in db.case(licence).escalations.by_id.values() if e.stands]
    assert [e.generation for e in standing if e.step is LadderStep.BREACH_REFERRAL] == [1]


async def test_a_closure_withdraws_what_happened_after_the_case_ended_and_raises_nothing_new(compliance, db, licence):
    await compliance(reporting.record_absence, absence(licence, 30))
    after_end = absence(licence, 50)
    [_, referral] = (await compliance(reporting.record_absence, after_end)).published
    closure = CloseRecord(uuid4(), licence, at(45, 0))

    uow = await compliance(lifecycle.close_record, closure)

    ended = WithdrawalReason.CASE_ENDED
    assert [type(e) for e in uow.published] == [NonComplianceWithdrawn, EscalationWithdrawn]
    assert uow.published[0] == NonComplianceWithdrawn(licence, after_end.report.event_id, ended, closure.closure_id)
    assert uow.published[1].escalation_id == referral.escalation_id
    before_end = await compliance(reporting.record_absence, absence(licence, 44))
    assert [type(e) for e in before_end.published] == [NonComplianceRecorded], "a closed case raises nothing"


async def test_a_suspension_reported_again_changes_nothing(compliance, licence):
    await compliance(reporting.record_absence, absence(licence, 41))
    recall = suspension(licence, 40)
    await compliance(lifecycle.record_suspension, recall)
    again = await compliance(lifecycle.record_suspension, recall)
    assert again.committed and again.published == []


async def test_a_variation_reported_late_judges_what_happened_after_its_date_under_the_new_terms(compliance, db):
    """Participation no longer required from day 40, reported on day 60: the day-30 absence still
    counts towards breach; the day-45 one only raises an engagement concern, and the breach referral
    it completed is withdrawn."""
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    [_, warning] = (await compliance(reporting.record_absence, absence(case.case_id, 30))).published
    [_, referral] = (await compliance(reporting.record_absence, absence(case.case_id, 45))).published
    assert (warning.step, referral.step) == (LadderStep.WARNING, LadderStep.BREACH_REFERRAL)

    variation = ChangeMandate(uuid4(), case.case_id, terms(required=False), at(40, 0), at(60))
    uow = await compliance(lifecycle.change_mandate, variation)

    withdrawn = [e for e in uow.published if isinstance(e, EscalationWithdrawn)]
    assert [(w.escalation_id, w.reason) for w in withdrawn] == [
        (referral.escalation_id, WithdrawalReason.MANDATE_VARIED)
    ]
    [concern] = [e for e in uow.published if isinstance(e, EscalationRaised)]
    assert (concern.step, concern.referred_to) == (LadderStep.ENGAGEMENT_CONCERN, ("programme-team",))
    standing = {(e.step, e.rule) for e in db.case(case.case_id).escalations.by_id.values() if e.stands}
    assert standing == {
        (LadderStep.WARNING, "unacceptable-absences"),
        (LadderStep.ENGAGEMENT_CONCERN, "unacceptable-absences"),
    }


async def test_the_same_variation_and_absences_in_another_order_end_the_same(compliance, db):
    case = opening()
    await compliance(lifecycle.open_compliance_record, case)
    await compliance(
        lifecycle.change_mandate, ChangeMandate(uuid4(), case.case_id, terms(required=False), at(40, 0), at(60))
    )
    for day in (45, 30):
        await compliance(reporting.record_absence, absence(case.case_id, day))
    standing = {(e.step, e.rule) for e in db.case(case.case_id).escalations.by_id.values() if e.stands}
    assert standing == {
        (LadderStep.WARNING, "unacceptable-absences"),
        (LadderStep.ENGAGEMENT_CONCERN, "unacceptable-absences"),
    }
    assert compliance.of_type(EscalationWithdrawn) == []
