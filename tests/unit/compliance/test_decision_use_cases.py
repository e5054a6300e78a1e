"""Decisions on breach referrals: accepted only from an authority the referral went to, once, every outcome alike."""

from uuid import uuid4

import pytest

from ddp_compliance.domain.events import BreachDecisionRecorded
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import BreachDecision, DecidingRole, LadderStep
from ddp_compliance.service_layer import decisions, lifecycle, reporting
from tests.unit.compliance.histories import absence, decision, opening


async def escalated(compliance, mandate: str = "LICENCE", authority: str = "probation"):
    """A case with a warning (day 30) and a breach referral (day 44); their escalation ids."""
    case = opening(mandate, authority)
    await compliance(lifecycle.open_compliance_record, case)
    [_, warning] = (await compliance(reporting.record_absence, absence(case.case_id, 30))).published
    [_, referral] = (await compliance(reporting.record_absence, absence(case.case_id, 44))).published
    assert (warning.step, referral.step) == (LadderStep.WARNING, LadderStep.BREACH_REFERRAL)
    return case.case_id, warning.escalation_id, referral.escalation_id


async def refused(compliance, db, command) -> Refusal:
    before = db.case(command.case_id)
    with pytest.raises(Refusal) as refusal:
        await compliance(decisions.record_breach_decision, command)
    assert db.case(command.case_id) is before, "a refused decision changes nothing"
    assert db.rationales == {}
    return refusal.value


async def test_a_decision_on_an_unknown_escalation_is_refused(compliance, db):
    case_id, _, _ = await escalated(compliance)
    refusal = await refused(compliance, db, decision(uuid4(), case_id))
    assert (refusal.code, refusal.field) == ("UNKNOWN_ESCALATION", "escalation_id")


async def test_a_decision_naming_another_cases_escalation_is_refused_as_unknown(compliance, db):
    _, _, referral = await escalated(compliance)
    other, _, _ = await escalated(compliance)
    assert (await refused(compliance, db, decision(referral, other))).code == "UNKNOWN_ESCALATION"


async def test_a_decision_from_an_authority_the_referral_did_not_go_to_is_refused(compliance, db):
    case_id, _, referral = await escalated(compliance)
    refusal = await refused(compliance, db, decision(referral, case_id, origin="ct-policing"))
    assert (refusal.code, refusal.field) == ("NOT_RESPONSIBLE_AUTHORITY", None)


async def test_a_decision_on_a_warning_is_refused(compliance, db):
    case_id, warning, _ = await escalated(compliance)
    refusal = await refused(compliance, db, decision(warning, case_id))
    assert (refusal.code, refusal.field) == ("NOT_A_BREACH_REFERRAL", "escalation_id")


async def test_a_second_decision_is_refused(compliance, db):
    case_id, _, referral = await escalated(compliance)
    await compliance(decisions.record_breach_decision, decision(referral, case_id))
    db.rationales.clear()
    refusal = await refused(compliance, db, decision(referral, case_id, outcome=BreachDecision.WARNING))
    assert (refusal.code, refusal.field) == ("ALREADY_DECIDED", "escalation_id")


@pytest.mark.parametrize("outcome", list(BreachDecision))
async def test_every_outcome_is_recorded_and_published_alike_without_its_rationale(compliance, db, outcome):
    case_id, _, referral = await escalated(compliance)
    command = decision(referral, case_id, outcome=outcome)

    uow = await compliance(decisions.record_breach_decision, command)

    assert uow.committed
    assert uow.published == [
        BreachDecisionRecorded(
            referral,
            case_id,
            outcome,
            "probation",
            DecidingRole.SENIOR_PROBATION_OFFICER,
            True,
            command.decided_at,
            ("probation",),
        )
    ]
    assert db.rationales == {referral: command.rationale}, "stored with the escalation"
    assert command.rationale not in repr(uow.published)
    assert db.case(case_id).escalations.by_id[referral].decision.decision is outcome


async def test_either_authority_a_tpim_referral_went_to_may_decide_it(compliance):
    case_id, _, referral = await escalated(compliance, "TPIM", "ct-policing")
    role = DecidingRole.HOME_OFFICE_CASEWORKER
    command = decision(referral, case_id, "home-office", BreachDecision.NO_FURTHER_ACTION, role)
    [recorded] = (await compliance(decisions.record_breach_decision, command)).published
    assert (recorded.decided_by, recorded.referred_to) == ("home-office", ("ct-policing", "home-office"))
