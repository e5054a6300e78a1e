"""Review outcomes: accepted only from the review's chair, once; the next review is scheduled after it."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_compliance.domain.commands import ChangeRisk, CheckReviews, CloseRecord
from ddp_compliance.domain.events import ReviewOutcomeRecorded, ReviewScheduled
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.vocabulary import DecidingRole, ReviewOutcome
from ddp_compliance.service_layer import lifecycle, reviews, scheduled_checks
from tests.unit.compliance.builders import at
from tests.unit.compliance.histories import opening, review_outcome


async def opened(compliance, db, **kwargs):
    """A licence case with its first review scheduled; the case id and that review."""
    case = opening(**kwargs)
    await compliance(lifecycle.open_compliance_record, case)
    [review] = db.case(case.case_id).reviews.by_sequence.values()
    return case.case_id, review


async def refused(compliance, db, command) -> Refusal:
    before = db.case(command.case_id)
    with pytest.raises(Refusal) as refusal:
        await compliance(reviews.record_review_outcome, command)
    assert db.case(command.case_id) is before, "a refused outcome changes nothing"
    return refusal.value


async def test_an_outcome_for_an_unknown_review_is_refused(compliance, db):
    case_id, _ = await opened(compliance, db)
    refusal = await refused(compliance, db, review_outcome(uuid4(), case_id))
    assert (refusal.code, refusal.field) == ("UNKNOWN_REVIEW", "review_id")


async def test_an_outcome_naming_another_cases_review_is_refused_as_unknown(compliance, db):
    _, review = await opened(compliance, db)
    other, _ = await opened(compliance, db)
    assert (await refused(compliance, db, review_outcome(review.review_id, other))).code == "UNKNOWN_REVIEW"


async def test_an_outcome_from_anyone_but_the_chair_is_refused(compliance, db):
    case_id, review = await opened(compliance, db)
    refusal = await refused(compliance, db, review_outcome(review.review_id, case_id, origin="home-office"))
    assert (refusal.code, refusal.field) == ("NOT_REVIEW_CHAIR", None)


async def test_a_second_outcome_is_refused(compliance, db):
    case_id, review = await opened(compliance, db)
    await compliance(reviews.record_review_outcome, review_outcome(review.review_id, case_id))
    again = review_outcome(review.review_id, case_id, outcome=ReviewOutcome.ADJUST_PLAN)
    refusal = await refused(compliance, db, again)
    assert (refusal.code, refusal.field) == ("REVIEW_ALREADY_RECORDED", "review_id")


@pytest.mark.parametrize("outcome", list(ReviewOutcome))
async def test_the_chairs_outcome_is_recorded_and_the_next_review_scheduled_after_it(compliance, db, clock, outcome):
    case_id, review = await opened(compliance, db, mappa_level=2)  # licence at MAPPA level 2: every 56 days
    clock.move_to(at(120, 8))
    command = review_outcome(review.review_id, case_id, outcome=outcome, reviewed_on_day=119)

    uow = await compliance(reviews.record_review_outcome, command)

    assert uow.committed
    assert uow.published == [
        ReviewOutcomeRecorded(
            review.review_id, case_id, outcome, "probation", DecidingRole.SENIOR_PROBATION_OFFICER, command.reviewed_on
        )
    ]
    first, second = db.case(case_id).reviews.by_sequence.values()
    assert first.outcome is not None and first.outcome.recorded_at == clock.now
    assert (second.sequence, second.due_on, second.period_start) == (2, (clock.now + timedelta(56)).date(), clock.now)


async def test_a_closed_case_takes_the_outcome_but_schedules_no_next_review(compliance, db):
    case_id, review = await opened(compliance, db)
    await compliance(lifecycle.close_record, CloseRecord(uuid4(), case_id, at(70)))

    uow = await compliance(reviews.record_review_outcome, review_outcome(review.review_id, case_id))

    assert [type(e) for e in uow.published] == [ReviewOutcomeRecorded]
    assert list(db.case(case_id).reviews.by_sequence) == [1]


async def test_a_higher_mappa_level_brings_the_review_not_yet_due_forward_and_announces_it_again(compliance, db):
    case_id, review = await opened(compliance, db, mappa_level=1)
    assert review.due_on == (at(60) + timedelta(days=91)).date()
    first = await compliance(scheduled_checks.check_reviews, CheckReviews(limit=10))
    assert [type(e) for e in first.published] == [ReviewScheduled]

    await compliance(lifecycle.change_risk, ChangeRisk(case_id, 3))
    again = await compliance(scheduled_checks.check_reviews, CheckReviews(limit=10))

    [rescheduled] = again.published
    assert isinstance(rescheduled, ReviewScheduled) and rescheduled.review_id == review.review_id
    assert rescheduled.due_on == (at(60) + timedelta(days=28)).date()


async def test_an_amendment_of_needs_alone_or_to_the_same_level_changes_no_review(compliance, db):
    case_id, review = await opened(compliance, db, mappa_level=2)
    for change in (ChangeRisk(case_id, None), ChangeRisk(case_id, 2)):
        uow = await compliance(lifecycle.change_risk, change)
        assert uow.published == []
    assert db.case(case_id).reviews.by_sequence[1] == review
