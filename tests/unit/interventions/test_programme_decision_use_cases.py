"""The programme team's decisions as use cases: agree, adjust, assign; every refusal leaves the plan as it was."""

from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.commands import AdjustPlan, AgreePlan, AssignProvider
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.plan import PlanStatus
from ddp_interventions.service_layer.programme_decisions import adjust_plan, agree_plan, assign_provider
from tests.unit.interventions.builders import MERIDIAN, NORTHSTAR, NOW, PROVIDERS, agreed_plan, drafted_plan, kind_id
from tests.unit.interventions.fakes import FakeUnitOfWork, refuses


def closed_plan():
    plan = drafted_plan()
    plan.close(NOW)
    plan.events.clear()
    return plan


# --- agree ------------------------------------------------------------------------------------------


async def test_agreeing_a_draft_publishes_the_agreed_plan() -> None:
    plan = drafted_plan()
    uow = FakeUnitOfWork(plan)
    await agree_plan(AgreePlan(plan.case_id, plan.plan_id), uow)
    [agreed] = uow.published
    assert isinstance(agreed, events.PlanAgreed) and agreed.plan_id == plan.plan_id
    assert uow.committed and uow.stored(plan.case_id).status is PlanStatus.AGREED


def _agreement_refusals():
    draft, agreed, closed = drafted_plan(), agreed_plan(), closed_plan()
    return [
        ("UNKNOWN_CASE", draft, AgreePlan(uuid4(), draft.plan_id)),
        ("PLAN_MISMATCH", draft, AgreePlan(draft.case_id, uuid4())),
        ("PLAN_ALREADY_AGREED", agreed, AgreePlan(agreed.case_id, agreed.plan_id)),
        ("CASE_CLOSED", closed, AgreePlan(closed.case_id, closed.plan_id)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _agreement_refusals())
async def test_agreeing_is_refused(code, plan, command) -> None:
    await refuses(code, agree_plan, command, FakeUnitOfWork(plan))


# --- adjust -----------------------------------------------------------------------------------------


async def test_adjusting_adds_and_withdraws_interventions() -> None:
    plan = agreed_plan()
    practical = kind_id(plan, Kind.PRACTICAL_SUPPORT)
    uow = FakeUnitOfWork(plan)
    command = AdjustPlan(plan.case_id, plan.plan_id, ((Kind.PSYCHOLOGICAL_SUPPORT, ("TRAUMA",)),), (practical,))
    await adjust_plan(command, uow)
    [adjusted] = uow.published
    assert isinstance(adjusted, events.PlanAdjusted) and adjusted.withdrawn == (practical,)
    stored = uow.stored(plan.case_id)
    assert [i.kind for i in stored.active_interventions] == [Kind.MENTORING, Kind.PSYCHOLOGICAL_SUPPORT]
    assert stored.intervention(practical).status is InterventionStatus.WITHDRAWN


def _adjustment_refusals():
    plan = drafted_plan()
    mentoring, practical = kind_id(plan, Kind.MENTORING), kind_id(plan, Kind.PRACTICAL_SUPPORT)
    withdrawn = drafted_plan()
    gone = kind_id(withdrawn, Kind.PRACTICAL_SUPPORT)
    withdrawn.intervention(gone).status = InterventionStatus.WITHDRAWN
    closed = closed_plan()
    return [
        ("UNKNOWN_CASE", plan, AdjustPlan(uuid4(), plan.plan_id, ((Kind.PSYCHOLOGICAL_SUPPORT, ()),), ())),
        ("PLAN_MISMATCH", plan, AdjustPlan(plan.case_id, uuid4(), ((Kind.PSYCHOLOGICAL_SUPPORT, ()),), ())),
        ("CASE_CLOSED", closed, AdjustPlan(closed.case_id, closed.plan_id, ((Kind.PSYCHOLOGICAL_SUPPORT, ()),), ())),
        ("UNKNOWN_INTERVENTION", plan, AdjustPlan(plan.case_id, plan.plan_id, (), (uuid4(),))),
        ("INTERVENTION_NOT_ACTIVE", withdrawn, AdjustPlan(withdrawn.case_id, withdrawn.plan_id, (), (gone,))),
        ("KIND_ALREADY_PLANNED", plan, AdjustPlan(plan.case_id, plan.plan_id, ((Kind.MENTORING, ()),), ())),
        ("PLAN_WOULD_BE_EMPTY", plan, AdjustPlan(plan.case_id, plan.plan_id, (), (mentoring, practical))),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _adjustment_refusals())
async def test_adjusting_is_refused(code, plan, command) -> None:
    await refuses(code, adjust_plan, command, FakeUnitOfWork(plan))


# --- assign -----------------------------------------------------------------------------------------


async def test_assigning_offers_the_intervention_to_the_provider() -> None:
    plan = drafted_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    uow = FakeUnitOfWork(plan)
    await assign_provider(
        AssignProvider(plan.case_id, mentoring, NORTHSTAR), uow, providers=PROVIDERS, clock=lambda: NOW
    )
    assert uow.published == [events.ProviderAssigned(plan.case_id, mentoring, Kind.MENTORING, NORTHSTAR, None)]
    assert uow.stored(plan.case_id).intervention(mentoring).status is InterventionStatus.OFFERED


async def test_the_same_assignment_again_publishes_nothing() -> None:
    plan = agreed_plan()
    uow = FakeUnitOfWork(plan)
    await assign_provider(
        AssignProvider(plan.case_id, kind_id(plan, Kind.MENTORING), NORTHSTAR),
        uow,
        providers=PROVIDERS,
        clock=lambda: NOW,
    )
    assert uow.published == []
    assert uow.stored(plan.case_id).intervention(kind_id(plan, Kind.MENTORING)).status is InterventionStatus.ACCEPTED


async def test_moving_an_intervention_names_the_provider_it_replaces() -> None:
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    uow = FakeUnitOfWork(plan)
    await assign_provider(
        AssignProvider(plan.case_id, mentoring, MERIDIAN), uow, providers=PROVIDERS, clock=lambda: NOW
    )
    [assigned] = uow.published
    assert isinstance(assigned, events.ProviderAssigned) and assigned.replaces == NORTHSTAR


def _assignment_refusals():
    plan = drafted_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    withdrawn = drafted_plan()
    gone = kind_id(withdrawn, Kind.PRACTICAL_SUPPORT)
    withdrawn.intervention(gone).status = InterventionStatus.WITHDRAWN
    closed = closed_plan()
    return [
        ("UNKNOWN_CASE", plan, AssignProvider(uuid4(), mentoring, NORTHSTAR)),
        ("NOT_A_PROVIDER", plan, AssignProvider(plan.case_id, mentoring, "probation")),
        ("CASE_CLOSED", closed, AssignProvider(closed.case_id, kind_id(closed, Kind.MENTORING), NORTHSTAR)),
        ("UNKNOWN_INTERVENTION", plan, AssignProvider(plan.case_id, uuid4(), NORTHSTAR)),
        ("INTERVENTION_NOT_ACTIVE", withdrawn, AssignProvider(withdrawn.case_id, gone, NORTHSTAR)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _assignment_refusals())
async def test_assigning_is_refused(code, plan, command) -> None:
    await refuses(code, assign_provider, command, FakeUnitOfWork(plan), providers=PROVIDERS, clock=lambda: NOW)
