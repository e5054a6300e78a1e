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


def test_needs_assessed_again_send_the_plan_to_the_programme_team_with_the_needs_now() -> None:
    plan = drafted_plan(("HOUSING",))
    plan.request_review_for_needs(("EMPLOYMENT", "HOUSING"))
    assert plan.events == [events.PlanReviewRequested(plan.plan_id, plan.case_id, None, ("EMPLOYMENT", "HOUSING"))]
    assert [i.kind for i in plan.active_interventions] == [i.kind for i in drafted_plan(("HOUSING",)).interventions]


def test_needs_the_plan_already_addresses_exactly_ask_nothing() -> None:
    plan = drafted_plan(("HOUSING",))
    addressed = tuple(sorted({n for i in plan.active_interventions for n in i.addresses}))
    plan.request_review_for_needs(addressed)
    assert plan.events == []
