"""Plans follow the case: paused while suspended, resumed, ended when it closes; repeats change nothing."""

from datetime import timedelta

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.custody import CustodyPeriod
from ddp_interventions.domain.plan import CaseStanding
from ddp_interventions.domain.refusal import Refusal
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


def test_a_report_is_judged_by_the_standing_when_it_happened_not_when_it_arrives() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)  # recalled on NOW, however late the recall was reported
    plan.resume(NOW + timedelta(days=10))
    plan.require_active_when(NOW - timedelta(hours=1))
    plan.require_active_when(NOW + timedelta(days=10))
    for inside in (NOW, NOW + timedelta(days=5)):
        with pytest.raises(Refusal) as refused:
            plan.require_active_when(inside)
        assert refused.value.code == "CASE_SUSPENDED", "in custody then, though active now"
    assert plan.custody == [CustodyPeriod(NOW, NOW + timedelta(days=10))]


def test_after_closure_nothing_counts_and_before_it_custody_still_does() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    plan.resume(NOW + timedelta(days=2))
    plan.close(NOW + timedelta(days=5))
    codes = []
    for moment in (NOW + timedelta(days=1), NOW + timedelta(days=3), NOW + timedelta(days=6)):
        try:
            plan.require_active_when(moment)
            codes.append(None)
        except Refusal as refusal:
            codes.append(refusal.code)
    assert codes == ["CASE_SUSPENDED", None, "CASE_CLOSED"]
