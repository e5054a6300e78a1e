"""The programme team agrees and adjusts plans and assigns providers; each rule refuses with its code."""

from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.plan import PlanStatus
from ddp_interventions.domain.programme_decisions import adjust_plan, agree_plan, assign_provider
from ddp_interventions.domain.refusal import Refusal
from tests.unit.interventions.builders import MERIDIAN, NORTHSTAR, NOW, PROVIDERS, agreed_plan, drafted_plan, kind_id


def refused(code: str):
    return pytest.raises(Refusal, match=f"^{code}$")


def test_agreeing_a_draft_makes_it_the_agreed_plan() -> None:
    plan = drafted_plan()
    agree_plan(plan, plan.plan_id)
    assert plan.status is PlanStatus.AGREED
    [event] = plan.events
    assert isinstance(event, events.PlanAgreed)
    assert [i.kind for i in event.interventions] == [Kind.MENTORING, Kind.PRACTICAL_SUPPORT]


def test_a_plan_is_agreed_once() -> None:
    plan = agreed_plan()
    with refused("PLAN_ALREADY_AGREED"):
        agree_plan(plan, plan.plan_id)
    assert plan.events == []


def test_another_plans_id_is_refused() -> None:
    plan = drafted_plan()
    with refused("PLAN_MISMATCH"):
        agree_plan(plan, uuid4())
    with refused("PLAN_MISMATCH"):
        adjust_plan(plan, uuid4(), [(Kind.PSYCHOLOGICAL_SUPPORT, ())], [])


def test_a_closed_case_takes_no_decisions() -> None:
    plan = drafted_plan()
    plan.close(NOW)
    plan.events.clear()
    with refused("CASE_CLOSED"):
        agree_plan(plan, plan.plan_id)
    with refused("CASE_CLOSED"):
        assign_provider(plan, kind_id(plan, Kind.MENTORING), NORTHSTAR, PROVIDERS, NOW)
    assert plan.events == []


def test_a_suspended_case_can_still_be_planned() -> None:
    plan = drafted_plan()
    plan.suspend(NOW)
    agree_plan(plan, plan.plan_id)
    assert plan.status is PlanStatus.AGREED


def test_adjusting_adds_a_kind_and_withdraws_another() -> None:
    plan = agreed_plan()
    practical = kind_id(plan, Kind.PRACTICAL_SUPPORT)
    adjust_plan(plan, plan.plan_id, [(Kind.PSYCHOLOGICAL_SUPPORT, ("TRAUMA",))], [practical])
    [event] = plan.events
    assert isinstance(event, events.PlanAdjusted)
    assert [(i.kind, i.addresses) for i in event.added] == [(Kind.PSYCHOLOGICAL_SUPPORT, ("TRAUMA",))]
    assert event.withdrawn == (practical,)
    assert [i.kind for i in event.interventions] == [Kind.MENTORING, Kind.PSYCHOLOGICAL_SUPPORT]
    assert plan.intervention(practical).status is InterventionStatus.WITHDRAWN
    assert plan.status is PlanStatus.AGREED


def test_a_kind_already_active_cannot_be_added_but_can_replace_a_withdrawn_one() -> None:
    plan = drafted_plan()
    with refused("KIND_ALREADY_PLANNED"):
        adjust_plan(plan, plan.plan_id, [(Kind.MENTORING, ())], [])
    mentoring = kind_id(plan, Kind.MENTORING)
    adjust_plan(plan, plan.plan_id, [(Kind.MENTORING, ("IDENTITY_AND_BELONGING",))], [mentoring])
    assert [i.kind for i in plan.active_interventions] == [Kind.PRACTICAL_SUPPORT, Kind.MENTORING]


def test_the_same_kind_twice_in_one_adjustment_is_refused() -> None:
    plan = drafted_plan()
    with refused("KIND_ALREADY_PLANNED"):
        adjust_plan(plan, plan.plan_id, [(Kind.PSYCHOLOGICAL_SUPPORT, ()), (Kind.PSYCHOLOGICAL_SUPPORT, ())], [])
    assert len(plan.interventions) == 2 and plan.events == []


def test_withdrawing_unknown_or_inactive_interventions_is_refused() -> None:
    plan = drafted_plan()
    with refused("UNKNOWN_INTERVENTION"):
        adjust_plan(plan, plan.plan_id, [], [uuid4()])
    practical = kind_id(plan, Kind.PRACTICAL_SUPPORT)
    adjust_plan(plan, plan.plan_id, [], [practical])
    with refused("INTERVENTION_NOT_ACTIVE"):
        adjust_plan(plan, plan.plan_id, [], [practical])


def test_a_plan_keeps_at_least_one_active_intervention() -> None:
    plan = drafted_plan()
    everything = [i.intervention_id for i in plan.interventions]
    with refused("PLAN_WOULD_BE_EMPTY"):
        adjust_plan(plan, plan.plan_id, [], everything)
    assert all(i.active for i in plan.interventions)


def test_assigning_offers_the_intervention_to_the_provider() -> None:
    plan = drafted_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    assign_provider(plan, mentoring, NORTHSTAR, PROVIDERS, NOW)
    assert plan.events == [events.ProviderAssigned(plan.case_id, mentoring, Kind.MENTORING, NORTHSTAR, None)]
    assert plan.intervention(mentoring).status is InterventionStatus.OFFERED


def test_the_same_assignment_again_changes_nothing() -> None:
    plan = agreed_plan()
    assign_provider(plan, kind_id(plan, Kind.MENTORING), NORTHSTAR, PROVIDERS, NOW)
    assert plan.events == []
    assert plan.intervention(kind_id(plan, Kind.MENTORING)).status is InterventionStatus.ACCEPTED


def test_moving_an_intervention_to_another_provider_names_the_one_it_replaces() -> None:
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    assign_provider(plan, mentoring, MERIDIAN, PROVIDERS, NOW)
    [event] = plan.events
    assert isinstance(event, events.ProviderAssigned) and (event.provider, event.replaces) == (MERIDIAN, NORTHSTAR)
    assert plan.intervention(mentoring).status is InterventionStatus.OFFERED


@pytest.mark.parametrize("agency", ["probation", "programme-team", "provider-unknown"])
def test_only_providers_can_be_assigned(agency) -> None:
    plan = drafted_plan()
    with refused("NOT_A_PROVIDER"):
        assign_provider(plan, kind_id(plan, Kind.MENTORING), agency, PROVIDERS, NOW)


def test_assigning_an_unknown_or_withdrawn_intervention_is_refused() -> None:
    plan = drafted_plan()
    with refused("UNKNOWN_INTERVENTION"):
        assign_provider(plan, uuid4(), NORTHSTAR, PROVIDERS, NOW)
    practical = kind_id(plan, Kind.PRACTICAL_SUPPORT)
    adjust_plan(plan, plan.plan_id, [], [practical])
    with refused("INTERVENTION_NOT_ACTIVE"):
        assign_provider(plan, practical, NORTHSTAR, PROVIDERS, NOW)


def test_an_event_keeps_the_plan_as_it_was_when_it_happened() -> None:
    plan = drafted_plan()
    agree_plan(plan, plan.plan_id)
    assign_provider(plan, kind_id(plan, Kind.MENTORING), NORTHSTAR, PROVIDERS, NOW)
    agreed = plan.events[0]
    assert isinstance(agreed, events.PlanAgreed)
    assert all(i.provider is None for i in agreed.interventions)
