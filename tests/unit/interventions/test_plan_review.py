"""A case review that asks for an adjustment sends the plan back to the programme team."""

from uuid import uuid4

from ddp_interventions.domain import events
from tests.unit.interventions.builders import NOW, drafted_plan


def test_a_review_asking_for_an_adjustment_is_recorded_on_the_plan() -> None:
    plan, review = drafted_plan(), uuid4()
    plan.events.clear()
    plan.request_review(review)
    assert plan.events == [events.PlanReviewRequested(plan.plan_id, plan.case_id, review)]


def test_a_suspended_case_plan_can_still_be_reviewed() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    plan.events.clear()
    plan.request_review(uuid4())
    assert [type(e) for e in plan.events] == [events.PlanReviewRequested]


def test_a_closed_case_plan_is_past_reviewing() -> None:
    plan = drafted_plan()
    plan.close(NOW)
    plan.events.clear()
    plan.request_review(uuid4())
    assert plan.events == []
