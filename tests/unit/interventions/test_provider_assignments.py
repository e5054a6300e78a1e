"""A provider accepts, declines and completes only what is assigned to it."""

from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.programme_decisions import adjust_plan, assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment, complete_intervention
from ddp_interventions.domain.refusal import Refusal
from tests.unit.interventions.builders import MERIDIAN, NORTHSTAR, NOW, PROVIDERS, agreed_plan, drafted_plan, kind_id


def refused(code: str):
    return pytest.raises(Refusal, match=f"^{code}$")


def offered_mentoring():
    plan = drafted_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    assign_provider(plan, mentoring, NORTHSTAR, PROVIDERS, NOW)
    plan.events.clear()
    return plan, mentoring


def test_the_offered_provider_accepts() -> None:
    plan, mentoring = offered_mentoring()
    answer_assignment(plan, NORTHSTAR, mentoring, True, None)
    assert plan.events == [events.ProviderAssignmentAccepted(plan.case_id, mentoring, NORTHSTAR)]
    assert plan.intervention(mentoring).status is InterventionStatus.ACCEPTED


def test_the_offered_provider_declines_with_its_reason() -> None:
    plan, mentoring = offered_mentoring()
    answer_assignment(plan, NORTHSTAR, mentoring, False, "NO_CAPACITY")
    assert plan.events == [events.ProviderAssignmentDeclined(plan.case_id, mentoring, NORTHSTAR, "NO_CAPACITY")]
    assert plan.intervention(mentoring).status is InterventionStatus.DECLINED


def test_another_provider_cannot_answer_for_it() -> None:
    plan, mentoring = offered_mentoring()
    with refused("NOT_ASSIGNED_PROVIDER"):
        answer_assignment(plan, MERIDIAN, mentoring, True, None)
    assert plan.intervention(mentoring).status is InterventionStatus.OFFERED


def test_an_assignment_is_answered_once() -> None:
    plan, mentoring = offered_mentoring()
    answer_assignment(plan, NORTHSTAR, mentoring, True, None)
    with refused("ASSIGNMENT_NOT_PENDING"):
        answer_assignment(plan, NORTHSTAR, mentoring, False, "OTHER")


def test_a_declined_intervention_can_be_offered_to_another_provider() -> None:
    plan, mentoring = offered_mentoring()
    answer_assignment(plan, NORTHSTAR, mentoring, False, "LOCATION")
    assign_provider(plan, mentoring, MERIDIAN, PROVIDERS, NOW)
    answer_assignment(plan, MERIDIAN, mentoring, True, None)
    assert plan.intervention(mentoring).provider == MERIDIAN


def test_answering_about_an_unknown_intervention_or_for_a_closed_case_is_refused() -> None:
    plan, mentoring = offered_mentoring()
    with refused("UNKNOWN_INTERVENTION"):
        answer_assignment(plan, NORTHSTAR, uuid4(), True, None)
    plan.close(NOW)
    with refused("CASE_CLOSED"):
        answer_assignment(plan, NORTHSTAR, mentoring, True, None)


def test_the_accepting_provider_completes_the_intervention() -> None:
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    complete_intervention(plan, NORTHSTAR, mentoring, "OBJECTIVES_MET")
    assert plan.events == [
        events.InterventionCompleted(plan.case_id, mentoring, Kind.MENTORING, NORTHSTAR, "OBJECTIVES_MET")
    ]
    with refused("INTERVENTION_NOT_ACTIVE"):
        complete_intervention(plan, NORTHSTAR, mentoring, "OBJECTIVES_MET")


def test_completion_needs_the_provider_that_accepted() -> None:
    plan = agreed_plan()
    with refused("NOT_ASSIGNED_PROVIDER"):
        complete_intervention(plan, MERIDIAN, kind_id(plan, Kind.MENTORING), "OBJECTIVES_MET")
    offered, mentoring = offered_mentoring()
    with refused("ASSIGNMENT_NOT_ACCEPTED"):
        complete_intervention(offered, NORTHSTAR, mentoring, "OBJECTIVES_MET")


def test_a_withdrawn_intervention_cannot_be_completed() -> None:
    plan = agreed_plan()
    practical = kind_id(plan, Kind.PRACTICAL_SUPPORT)
    adjust_plan(plan, plan.plan_id, [], [practical])
    with refused("INTERVENTION_NOT_ACTIVE"):
        complete_intervention(plan, MERIDIAN, practical, "ENDED_EARLY")
