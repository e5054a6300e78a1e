"""The scheduled mandate check on the fake unit of work: what it closes, when, and how many per pass."""

from datetime import timedelta

from ddp_referrals.domain import events
from ddp_referrals.domain.case import CaseStatus, ClosureReason
from ddp_referrals.domain.commands import ChangeCustody, CustodyStatus
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.service_layer import lifecycle
from ddp_referrals.service_layer.mandate_expiry import close_cases_past_their_mandate
from tests.unit.referrals.fakes import NOW, TODAY, FakeDatabase, FakeUnitOfWork, clock_at, given_a_case, run

DAY = timedelta(days=1)


async def check(db: FakeDatabase, days_later: int, limit: int = 500) -> tuple[int, FakeUnitOfWork]:
    uow = FakeUnitOfWork(db)
    closed = await close_cases_past_their_mandate(uow, clock=clock_at(NOW + days_later * DAY), limit=limit)
    return closed, uow


async def test_the_check_closes_only_cases_whose_mandate_has_passed(db, make_submission, make_mandate) -> None:
    ending = await given_a_case(db, make_submission(mandate=make_mandate(ends_on=TODAY + 10 * DAY)))
    lasting = await given_a_case(
        db, make_submission(agency_reference="PRB-2", identifiers=Identifiers(crn="X000009"), mandate=make_mandate())
    )
    closed, uow = await check(db, 10)
    assert (closed, uow.published) == (0, [])
    closed, uow = await check(db, 11)
    assert closed == 1 and uow.committed
    assert uow.published == [
        events.CaseClosed(ending.case_id, "platform", "MANDATE_ENDED", TODAY + 11 * DAY, NOW + 11 * DAY)
    ]
    assert db.cases[ending.case_id].closure_reason is ClosureReason.MANDATE_ENDED
    assert db.cases[lasting.case_id].status is CaseStatus.OPEN
    closed, uow = await check(db, 11)
    assert (closed, uow.published) == (0, [])


async def test_a_case_stays_open_on_its_mandates_last_day(db, make_submission, make_mandate) -> None:
    opened = await given_a_case(db, make_submission(mandate=make_mandate(ends_on=TODAY + 3 * DAY)))
    closed, uow = await check(db, 3)
    assert (closed, uow.published) == (0, [])
    assert db.cases[opened.case_id].status is CaseStatus.OPEN


async def test_a_suspended_case_past_its_mandate_closes_too(db, make_submission, make_mandate) -> None:
    opened = await given_a_case(db, make_submission(mandate=make_mandate(ends_on=TODAY + DAY)))
    await run(
        lifecycle.change_custody, ChangeCustody("probation", "PRB-2026-000001", CustodyStatus.RECALLED, TODAY), db
    )
    closed, _ = await check(db, 2)
    assert closed == 1 and db.cases[opened.case_id].closure_reason is ClosureReason.MANDATE_ENDED


async def test_a_pass_closes_at_most_its_limit_and_the_next_pass_the_rest(db, make_submission, make_mandate) -> None:
    for n in range(3):
        submission = make_submission(
            agency_reference=f"PRB-{n}", identifiers=Identifiers(crn=f"X00000{n}"), mandate=make_mandate(ends_on=TODAY)
        )
        await given_a_case(db, submission)
    first, uow = await check(db, 1, limit=2)
    assert first == 2 and len(uow.published) == 2
    second, uow = await check(db, 1, limit=2)
    assert second == 1 and len(uow.published) == 1
    assert all(not case.active for case in db.cases.values())
