"""A provider answers and completes the interventions assigned to it, and only those."""

from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.commands import AnswerAssignment, CompleteIntervention
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.programme_decisions import assign_provider
from ddp_interventions.domain.provider_assignments import complete_intervention as completed
from ddp_interventions.service_layer.provider_assignments import answer_assignment, complete_intervention
from tests.unit.interventions.builders import MERIDIAN, NORTHSTAR, NOW, PROVIDERS, agreed_plan, drafted_plan, kind_id
from tests.unit.interventions.fakes import FakeUnitOfWork, refuses


def offered_mentoring():
    """Mentoring offered to Northstar, not yet answered."""
    plan = drafted_plan()
    assign_provider(plan, kind_id(plan, Kind.MENTORING), NORTHSTAR, PROVIDERS, NOW)
    plan.events.clear()
    return plan, kind_id(plan, Kind.MENTORING)


async def test_the_offered_provider_accepts() -> None:
    plan, mentoring = offered_mentoring()
    uow = FakeUnitOfWork(plan)
    await answer_assignment(AnswerAssignment(plan.case_id, mentoring, NORTHSTAR, accept=True), uow)
    assert uow.published == [events.ProviderAssignmentAccepted(plan.case_id, mentoring, NORTHSTAR)]
    assert uow.stored(plan.case_id).intervention(mentoring).status is InterventionStatus.ACCEPTED


async def test_the_offered_provider_declines_with_its_reason() -> None:
    plan, mentoring = offered_mentoring()
    uow = FakeUnitOfWork(plan)
    await answer_assignment(AnswerAssignment(plan.case_id, mentoring, NORTHSTAR, False, "NO_CAPACITY"), uow)
    assert uow.published == [events.ProviderAssignmentDeclined(plan.case_id, mentoring, NORTHSTAR, "NO_CAPACITY")]
    assert uow.stored(plan.case_id).intervention(mentoring).status is InterventionStatus.DECLINED


def _answer_refusals():
    offered, mentoring = offered_mentoring()
    closed, closed_mentoring = offered_mentoring()
    closed.close(NOW)
    accepted = agreed_plan()
    return [
        ("UNKNOWN_CASE", offered, AnswerAssignment(uuid4(), mentoring, NORTHSTAR, True)),
        ("UNKNOWN_INTERVENTION", offered, AnswerAssignment(offered.case_id, uuid4(), NORTHSTAR, True)),
        ("NOT_ASSIGNED_PROVIDER", offered, AnswerAssignment(offered.case_id, mentoring, MERIDIAN, True)),
        (
            "ASSIGNMENT_NOT_PENDING",
            accepted,
            AnswerAssignment(accepted.case_id, kind_id(accepted, Kind.MENTORING), NORTHSTAR, False, "OTHER"),
        ),
        ("CASE_CLOSED", closed, AnswerAssignment(closed.case_id, closed_mentoring, NORTHSTAR, True)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _answer_refusals())
async def test_answering_is_refused(code, plan, command) -> None:
    await refuses(code, answer_assignment, command, FakeUnitOfWork(plan))


async def test_the_accepting_provider_completes_its_intervention() -> None:
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    uow = FakeUnitOfWork(plan)
    await complete_intervention(CompleteIntervention(plan.case_id, mentoring, NORTHSTAR, "OBJECTIVES_MET"), uow)
    assert uow.published == [
        events.InterventionCompleted(plan.case_id, mentoring, Kind.MENTORING, NORTHSTAR, "OBJECTIVES_MET")
    ]
    assert uow.stored(plan.case_id).intervention(mentoring).status is InterventionStatus.COMPLETED


def _completion_refusals():
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    offered, offered_mentoring_id = offered_mentoring()
    done = agreed_plan()
    completed(done, NORTHSTAR, kind_id(done, Kind.MENTORING), "OBJECTIVES_MET")
    closed = agreed_plan()
    closed.close(NOW)

    def complete(of, intervention_id, provider=NORTHSTAR):
        return CompleteIntervention(of.case_id, intervention_id, provider, "ENDED_EARLY")

    return [
        ("UNKNOWN_CASE", plan, CompleteIntervention(uuid4(), mentoring, NORTHSTAR, "ENDED_EARLY")),
        ("UNKNOWN_INTERVENTION", plan, complete(plan, uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, complete(plan, mentoring, MERIDIAN)),
        ("ASSIGNMENT_NOT_ACCEPTED", offered, complete(offered, offered_mentoring_id)),
        ("INTERVENTION_NOT_ACTIVE", done, complete(done, kind_id(done, Kind.MENTORING))),
        ("CASE_CLOSED", closed, complete(closed, kind_id(closed, Kind.MENTORING))),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _completion_refusals())
async def test_completing_is_refused(code, plan, command) -> None:
    await refuses(code, complete_intervention, command, FakeUnitOfWork(plan))
