"""The plan follows the case: drafted once, paused, resumed, ended, sent back by a review; unknown cases passed over."""

from datetime import timedelta
from uuid import uuid4

from ddp_interventions.domain import events
from ddp_interventions.domain.commands import DraftPlan, EndPlan, PausePlan, ResumePlan, ReviewPlan
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.drafting_rules import default_rules
from ddp_interventions.domain.plan import CaseStanding, PlanStatus
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.service_layer import plans
from tests.unit.interventions.builders import NOW, drafted_plan
from tests.unit.interventions.fakes import FakeUnitOfWork

RULES = default_rules()


async def test_an_opened_case_gets_a_drafted_plan() -> None:
    uow, case_id = FakeUnitOfWork(), uuid4()
    await plans.draft_plan(DraftPlan(case_id, ("HOUSING", "TRAUMA")), uow, rules=RULES)
    assert uow.committed
    [drafted] = uow.published
    stored = uow.stored(case_id)
    assert drafted == events.PlanDrafted(stored.plan_id, case_id, tuple(stored.interventions), RULES.version)
    assert stored.status is PlanStatus.DRAFT
    assert [i.kind for i in stored.interventions] == [
        Kind.MENTORING,
        Kind.PSYCHOLOGICAL_SUPPORT,
        Kind.PRACTICAL_SUPPORT,
    ]


async def test_a_case_opened_again_keeps_its_first_plan() -> None:
    first, case_id = FakeUnitOfWork(), uuid4()
    await plans.draft_plan(DraftPlan(case_id, ("HOUSING",)), first, rules=RULES)
    plan_id = first.stored(case_id).plan_id
    again = first.again()
    await plans.draft_plan(DraftPlan(case_id, ("IDEOLOGY",)), again, rules=RULES)
    assert (again.committed, again.published) == (False, [])
    assert again.stored(case_id).plan_id == plan_id


async def test_a_suspension_pauses_the_plan_and_a_repeat_changes_nothing() -> None:
    plan = drafted_plan()
    uow = FakeUnitOfWork(plan)
    await plans.pause_plan(PausePlan(plan.case_id, NOW), uow)
    assert uow.published == [events.PlanPaused(plan.plan_id, plan.case_id)]
    assert (uow.stored(plan.case_id).standing, uow.stored(plan.case_id).standing_since) == (CaseStanding.SUSPENDED, NOW)
    repeat = uow.again()
    await plans.pause_plan(PausePlan(plan.case_id, NOW + timedelta(days=1)), repeat)
    assert repeat.published == [] and repeat.stored(plan.case_id).standing_since == NOW


async def test_a_resumption_resumes_a_paused_plan_only() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    uow = FakeUnitOfWork(plan)
    await plans.resume_plan(ResumePlan(plan.case_id, NOW + timedelta(days=2)), uow)
    assert uow.published == [events.PlanResumed(plan.plan_id, plan.case_id)]
    assert uow.stored(plan.case_id).standing is CaseStanding.ACTIVE
    repeat = uow.again()
    await plans.resume_plan(ResumePlan(plan.case_id, NOW + timedelta(days=3)), repeat)
    assert repeat.published == []


async def test_a_closure_ends_the_plan_for_good() -> None:
    plan = drafted_plan()
    uow = FakeUnitOfWork(plan)
    await plans.end_plan(EndPlan(plan.case_id, NOW), uow)
    assert uow.published == [events.PlanEnded(plan.plan_id, plan.case_id)]
    after = uow.again()
    await plans.resume_plan(ResumePlan(plan.case_id, NOW + timedelta(days=1)), after)
    await plans.end_plan(EndPlan(plan.case_id, NOW + timedelta(days=2)), after)
    assert after.published == [] and after.stored(plan.case_id).standing is CaseStanding.CLOSED


async def test_a_review_asking_for_an_adjustment_sends_the_plan_back() -> None:
    plan, review_id = drafted_plan(), uuid4()
    uow = FakeUnitOfWork(plan)
    await plans.review_plan(ReviewPlan(plan.case_id, review_id, adjustment_asked=True), uow)
    assert uow.published == [events.PlanReviewRequested(plan.plan_id, plan.case_id, review_id)]


async def test_a_review_with_any_other_outcome_changes_nothing() -> None:
    plan = drafted_plan()
    uow = FakeUnitOfWork(plan)
    await plans.review_plan(ReviewPlan(plan.case_id, uuid4(), adjustment_asked=False), uow)
    assert (uow.committed, uow.published, uow.plans.held) == (False, [], {})


async def test_a_closed_cases_plan_is_past_reviewing() -> None:
    plan = drafted_plan()
    plan.close(NOW)
    uow = FakeUnitOfWork(plan)
    await plans.review_plan(ReviewPlan(plan.case_id, uuid4(), adjustment_asked=True), uow)
    assert uow.published == []


async def test_what_other_services_say_about_a_case_without_a_plan_is_passed_over() -> None:
    unknown = uuid4()
    for use_case, command in (
        (plans.pause_plan, PausePlan(unknown, NOW)),
        (plans.resume_plan, ResumePlan(unknown, NOW)),
        (plans.end_plan, EndPlan(unknown, NOW)),
        (plans.review_plan, ReviewPlan(unknown, uuid4(), adjustment_asked=True)),
    ):
        uow = FakeUnitOfWork(drafted_plan())
        await use_case(command, uow)
        assert (uow.committed, uow.published) == (False, [])


async def test_a_senders_request_about_a_case_without_a_plan_is_an_unknown_case() -> None:
    uow = FakeUnitOfWork()
    try:
        await plans.plan_for(uow, uuid4())
    except Refusal as refusal:
        assert (refusal.code, refusal.field) == ("UNKNOWN_CASE", "case_id")
    else:
        raise AssertionError("no refusal")
