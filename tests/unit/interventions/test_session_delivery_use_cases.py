"""Scheduling, moving and cancelling sessions as use cases: the provider's own, for an active agreed plan."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.commands import CancelSession, RescheduleSession, ScheduleSession
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.programme_decisions import assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment, complete_intervention
from ddp_interventions.domain.session_delivery import cancel_session as cancelled
from ddp_interventions.domain.sessions import Party, SessionStatus
from ddp_interventions.service_layer.session_delivery import cancel_session, reschedule_session, schedule_session
from tests.unit.interventions.builders import (
    MERIDIAN,
    NORTHSTAR,
    NOW,
    PROVIDERS,
    agreed_plan,
    drafted_plan,
    kind_id,
    with_session,
)
from tests.unit.interventions.fakes import FakeUnitOfWork, refuses

LATER = NOW + timedelta(days=7)


def scheduling(plan, provider=NORTHSTAR, intervention_id=None, session_id=None) -> ScheduleSession:
    mentoring = intervention_id or kind_id(plan, Kind.MENTORING)
    return ScheduleSession(plan.case_id, mentoring, session_id or uuid4(), provider, LATER, 60)


def moving(plan, session_id, provider=NORTHSTAR) -> RescheduleSession:
    return RescheduleSession(plan.case_id, session_id, provider, LATER + timedelta(days=1), Party.PERSON, "ILLNESS")


def plan_where(change):
    """An agreed plan with a Northstar session, then ``change(plan, mentoring)``; events cleared."""
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    change(plan, kind_id(plan, Kind.MENTORING))
    plan.events.clear()
    return plan, session_id


async def test_the_accepting_provider_schedules_a_session() -> None:
    plan = agreed_plan()
    uow, command = FakeUnitOfWork(plan), scheduling(plan)
    await schedule_session(command, uow)
    assert uow.published == [
        events.SessionScheduled(plan.case_id, command.intervention_id, command.session_id, NORTHSTAR, LATER, 60)
    ]
    assert uow.stored(plan.case_id).sessions[command.session_id].status is SessionStatus.SCHEDULED


def _scheduling_refusals():
    plan = agreed_plan()
    draft = drafted_plan()
    assign_provider(draft, kind_id(draft, Kind.MENTORING), NORTHSTAR, PROVIDERS, NOW)
    answer_assignment(draft, NORTHSTAR, kind_id(draft, Kind.MENTORING), True, None)
    offered, _ = plan_where(lambda p, m: assign_provider(p, m, MERIDIAN, PROVIDERS, NOW))
    done, _ = plan_where(lambda p, m: complete_intervention(p, NORTHSTAR, m, "OBJECTIVES_MET"))
    suspended, _ = plan_where(lambda p, m: p.suspend(NOW))
    closed, _ = plan_where(lambda p, m: p.close(NOW))
    taken = with_session(plan)
    return [
        ("UNKNOWN_CASE", plan, ScheduleSession(uuid4(), kind_id(plan, Kind.MENTORING), uuid4(), NORTHSTAR, LATER, 60)),
        ("UNKNOWN_INTERVENTION", plan, scheduling(plan, intervention_id=uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, scheduling(plan, provider=MERIDIAN)),
        ("ASSIGNMENT_NOT_ACCEPTED", offered, scheduling(offered, provider=MERIDIAN)),
        ("INTERVENTION_NOT_ACTIVE", done, scheduling(done)),
        ("PLAN_NOT_AGREED", draft, scheduling(draft)),
        ("CASE_SUSPENDED", suspended, scheduling(suspended)),
        ("CASE_CLOSED", closed, scheduling(closed)),
        ("SESSION_ID_IN_USE", plan, scheduling(plan, session_id=taken)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _scheduling_refusals())
async def test_scheduling_is_refused(code, plan, command) -> None:
    await refuses(code, schedule_session, command, FakeUnitOfWork(plan))


async def test_a_session_id_of_another_case_is_in_use() -> None:
    other, plan = agreed_plan(), agreed_plan()
    taken = with_session(other)
    await refuses(
        "SESSION_ID_IN_USE", schedule_session, scheduling(plan, session_id=taken), FakeUnitOfWork(plan, other)
    )


async def test_rescheduling_records_the_previous_time_and_who_asked() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    uow, command = FakeUnitOfWork(plan), moving(plan, session_id)
    await reschedule_session(command, uow)
    mentoring = kind_id(plan, Kind.MENTORING)
    assert uow.published == [
        events.SessionRescheduled(
            plan.case_id, mentoring, session_id, LATER, command.starts_at, Party.PERSON, "ILLNESS"
        )
    ]
    assert uow.stored(plan.case_id).sessions[session_id].starts_at == command.starts_at


def _rescheduling_refusals():
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    reoffered, reoffered_session = plan_where(
        lambda p, m: (assign_provider(p, m, MERIDIAN, PROVIDERS, NOW), assign_provider(p, m, NORTHSTAR, PROVIDERS, NOW))
    )
    done, done_session = plan_where(lambda p, m: complete_intervention(p, NORTHSTAR, m, "OBJECTIVES_MET"))
    suspended, suspended_session = plan_where(lambda p, m: p.suspend(NOW))
    closed, closed_session = plan_where(lambda p, m: p.close(NOW))
    called_off = agreed_plan()
    called_off_session = with_session(called_off, LATER)
    cancelled(called_off, NORTHSTAR, called_off_session, Party.PROVIDER, "OTHER")
    return [
        ("UNKNOWN_CASE", plan, RescheduleSession(uuid4(), session_id, NORTHSTAR, LATER, Party.PERSON, "ILLNESS")),
        ("UNKNOWN_SESSION", plan, moving(plan, uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, moving(plan, session_id, MERIDIAN)),
        ("ASSIGNMENT_NOT_ACCEPTED", reoffered, moving(reoffered, reoffered_session)),
        ("INTERVENTION_NOT_ACTIVE", done, moving(done, done_session)),
        ("CASE_SUSPENDED", suspended, moving(suspended, suspended_session)),
        ("CASE_CLOSED", closed, moving(closed, closed_session)),
        ("SESSION_NOT_SCHEDULED", called_off, moving(called_off, called_off_session)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _rescheduling_refusals())
async def test_rescheduling_is_refused(code, plan, command) -> None:
    await refuses(code, reschedule_session, command, FakeUnitOfWork(plan))


async def test_a_session_is_cancelled_even_while_the_case_is_suspended() -> None:
    plan, session_id = plan_where(lambda p, m: p.suspend(NOW))
    uow = FakeUnitOfWork(plan)
    await cancel_session(CancelSession(plan.case_id, session_id, NORTHSTAR, Party.PROVIDER, "OTHER"), uow)
    [event] = uow.published
    assert isinstance(event, events.SessionCancelled) and event.cancelled_by is Party.PROVIDER
    assert uow.stored(plan.case_id).sessions[session_id].status is SessionStatus.CANCELLED


def _cancelling_refusals():
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    called_off = agreed_plan()
    called_off_session = with_session(called_off, LATER)
    cancelled(called_off, NORTHSTAR, called_off_session, Party.PERSON, "ILLNESS")

    def cancelling(of, session, provider=NORTHSTAR):
        return CancelSession(of.case_id, session, provider, Party.PROVIDER, "OTHER")

    return [
        ("UNKNOWN_CASE", plan, CancelSession(uuid4(), session_id, NORTHSTAR, Party.PROVIDER, "OTHER")),
        ("UNKNOWN_SESSION", plan, cancelling(plan, uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, cancelling(plan, session_id, MERIDIAN)),
        ("SESSION_NOT_SCHEDULED", called_off, cancelling(called_off, called_off_session)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _cancelling_refusals())
async def test_cancelling_is_refused(code, plan, command) -> None:
    await refuses(code, cancel_session, command, FakeUnitOfWork(plan))
