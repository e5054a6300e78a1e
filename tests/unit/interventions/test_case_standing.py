"""Plans follow the case: paused while suspended, resumed, ended when it closes; repeats change nothing."""

from datetime import timedelta

from ddp_interventions.domain import events
from ddp_interventions.domain.plan import CaseStanding
from tests.unit.interventions.builders import NOW, drafted_plan


def test_suspension_pauses_and_resumption_resumes() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    assert (plan.standing, plan.standing_since) == (CaseStanding.SUSPENDED, NOW)
    plan.resume(NOW + timedelta(days=3))
    assert (plan.standing, plan.standing_since) == (CaseStanding.ACTIVE, NOW + timedelta(days=3))
    assert plan.events == [
        events.PlanPaused(plan.plan_id, plan.case_id),
        events.PlanResumed(plan.plan_id, plan.case_id),
    ]


def test_repeated_suspensions_and_resumptions_change_nothing() -> None:
    plan = drafted_plan()
    plan.resume(NOW)
    plan.suspend(NOW)
    plan.suspend(NOW + timedelta(days=1))
    assert plan.standing_since == NOW
    assert [type(e) for e in plan.events] == [events.PlanPaused]


def test_closing_ends_the_plan_for_good() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    plan.close(NOW + timedelta(days=1))
    plan.resume(NOW + timedelta(days=2))
    plan.suspend(NOW + timedelta(days=3))
    plan.close(NOW + timedelta(days=4))
    assert (plan.standing, plan.standing_since) == (CaseStanding.CLOSED, NOW + timedelta(days=1))
    assert [type(e) for e in plan.events] == [events.PlanPaused, events.PlanEnded]
