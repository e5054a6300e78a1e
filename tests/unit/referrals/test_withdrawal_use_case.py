"""Withdrawing a referral on the fake unit of work: what closes, what stays open, and every refusal."""

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus, ClosureReason
from ddp_referrals.domain.commands import ChangeCustody, ChangeMandate, CustodyStatus, SubmitReferral, WithdrawReferral
from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.domain.referral import ReferralStatus
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import intake, lifecycle
from tests.unit.referrals.fakes import NOW, TODAY, given_a_case, given_a_link, kinds, refused, run

REFERENCE = "PRB-2026-000001"


def withdrawal(reference: str = REFERENCE, origin: str = "probation") -> WithdrawReferral:
    return WithdrawReferral(origin, reference, TODAY)


async def test_withdrawing_the_referral_that_opened_a_case_closes_it(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.withdraw_referral, withdrawal(), db)
    assert uow.committed
    withdrawn, closed = uow.published
    assert kinds(uow.published) == [events.ReferralWithdrawn, events.CaseClosed]
    assert withdrawn == events.ReferralWithdrawn(opened.referral_id, opened.case_id, "probation", TODAY, NOW)
    assert closed == events.CaseClosed(opened.case_id, "probation", "WITHDRAWN", TODAY, NOW)
    assert db.cases[opened.case_id].closure_reason is ClosureReason.WITHDRAWN
    assert db.referrals[("probation", REFERENCE)].status is ReferralStatus.WITHDRAWN


async def test_withdrawing_a_linked_referral_leaves_the_case_open(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    await given_a_link(db, make_submission(agency_reference="PRB-2"))
    uow = await run(lifecycle.withdraw_referral, withdrawal("PRB-2"), db)
    assert kinds(uow.published) == [events.ReferralWithdrawn]
    assert db.cases[opened.case_id].status is CaseStatus.OPEN


async def test_withdrawing_after_the_mandate_closed_the_case_only_withdraws_the_referral(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    await run(lifecycle.change_mandate, ChangeMandate("probation", REFERENCE, MandateChange.ENDED, TODAY), db)
    uow = await run(lifecycle.withdraw_referral, withdrawal(), db)
    assert kinds(uow.published) == [events.ReferralWithdrawn]
    assert db.cases[opened.case_id].closure_reason is ClosureReason.MANDATE_ENDED


async def test_withdrawal_is_refused_when_unknown_rejected_or_already_withdrawn(db, make_submission) -> None:
    withdraw = lifecycle.withdraw_referral
    await refused("REFERRAL_UNKNOWN", withdraw, withdrawal("NOPE"), db)
    bad = make_submission(agency_reference="BAD", identifiers=Identifiers())
    await run(intake.submit_referral, SubmitReferral("probation", bad), db)
    await refused("REFERRAL_NOT_ACCEPTED", withdraw, withdrawal("BAD"), db)
    await given_a_case(db, make_submission(agency_reference="OK"))
    await run(withdraw, withdrawal("OK"), db)
    await refused("REFERRAL_ALREADY_WITHDRAWN", withdraw, withdrawal("OK"), db)
    assert db.referrals[("probation", "OK")].status is ReferralStatus.WITHDRAWN


async def test_one_agency_cannot_withdraw_or_change_another_agencys_referral(db, make_submission) -> None:
    await given_a_case(db, make_submission())
    await refused("REFERRAL_UNKNOWN", lifecycle.withdraw_referral, withdrawal(origin="home-office"), db)
    command = ChangeCustody("home-office", REFERENCE, CustodyStatus.RECALLED, TODAY)
    await refused("REFERRAL_UNKNOWN", lifecycle.change_custody, command, db)
