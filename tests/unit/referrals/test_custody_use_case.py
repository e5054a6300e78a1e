"""Custody changes on the fake unit of work: recall suspends, release resumes; and every refusal."""

from datetime import timedelta

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus
from ddp_referrals.domain.commands import ChangeCustody, ChangeMandate, CustodyStatus
from ddp_referrals.domain.mandates import MandateChange
from ddp_referrals.service_layer import lifecycle
from tests.unit.referrals.fakes import NOW, TODAY, given_a_case, given_a_link, refused, run

REFERENCE = "PRB-2026-000001"
DAY = timedelta(days=1)


def custody(status: CustodyStatus, reference: str = REFERENCE) -> ChangeCustody:
    return ChangeCustody("probation", reference, status, TODAY)


RECALL, RELEASE = custody(CustodyStatus.RECALLED), custody(CustodyStatus.RELEASED)


async def test_a_recall_suspends_the_case(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    uow = await run(lifecycle.change_custody, RECALL, db)
    assert uow.committed
    assert uow.published == [events.CaseSuspended(opened.case_id, "probation", "CUSTODY_RECALLED", TODAY, NOW)]
    assert db.cases[opened.case_id].status is CaseStatus.SUSPENDED


async def test_a_release_resumes_the_suspended_case(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    await run(lifecycle.change_custody, RECALL, db)
    uow = await run(lifecycle.change_custody, RELEASE, db)
    assert uow.published == [events.CaseResumed(opened.case_id, "probation", "CUSTODY_RELEASED", TODAY, NOW)]
    assert db.cases[opened.case_id].status is CaseStatus.OPEN


async def test_recall_then_release_suspends_then_resumes(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    assert [type(e) for e in (await run(lifecycle.change_custody, RECALL, db)).published] == [events.CaseSuspended]
    await refused("CASE_ALREADY_SUSPENDED", lifecycle.change_custody, RECALL, db)
    assert [type(e) for e in (await run(lifecycle.change_custody, RELEASE, db)).published] == [events.CaseResumed]
    await refused("CASE_NOT_SUSPENDED", lifecycle.change_custody, RELEASE, db)
    assert db.cases[opened.case_id].status is CaseStatus.OPEN


async def test_any_live_referral_of_the_case_may_report_custody(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    await given_a_link(db, make_submission(agency_reference="PRB-2"))
    uow = await run(lifecycle.change_custody, custody(CustodyStatus.RECALLED, "PRB-2"), db)
    assert uow.published == [events.CaseSuspended(opened.case_id, "probation", "CUSTODY_RECALLED", TODAY, NOW)]


async def test_custody_is_refused_for_a_closed_case_or_an_unknown_referral(db, make_submission) -> None:
    await refused("REFERRAL_UNKNOWN", lifecycle.change_custody, RECALL, db)
    await given_a_case(db, make_submission())
    await run(lifecycle.change_mandate, ChangeMandate("probation", REFERENCE, MandateChange.ENDED, TODAY), db)
    await refused("CASE_ALREADY_CLOSED", lifecycle.change_custody, RECALL, db)


async def test_a_recall_reported_late_suspends_the_case_from_its_own_date(db, make_submission) -> None:
    opened = await given_a_case(db, make_submission())
    recalled_on = TODAY - 2 * DAY
    uow = await run(
        lifecycle.change_custody, ChangeCustody("probation", REFERENCE, CustodyStatus.RECALLED, recalled_on), db
    )
    assert uow.published == [events.CaseSuspended(opened.case_id, "probation", "CUSTODY_RECALLED", recalled_on, NOW)]


async def test_a_custody_change_dated_ahead_is_refused(db, make_submission) -> None:
    await given_a_case(db, make_submission())
    ahead = ChangeCustody("probation", REFERENCE, CustodyStatus.RECALLED, TODAY + DAY)
    await refused("EFFECTIVE_IN_FUTURE", lifecycle.change_custody, ahead, db)
