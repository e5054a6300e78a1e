"""Scheduling, moving and cancelling sessions: only the accepting provider, only for an active, agreed plan."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.programme_decisions import assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.session_delivery import cancel_session, reschedule_session, schedule_session
from ddp_interventions.domain.sessions import Party, SessionStatus
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

LATER = NOW + timedelta(days=7)


def refused(code: str):
    return pytest.raises(Refusal, match=f"^{code}$")


def test_the_accepting_provider_schedules_a_session() -> None:
    plan = agreed_plan()
    mentoring, session_id = kind_id(plan, Kind.MENTORING), uuid4()
    schedule_session(plan, NORTHSTAR, mentoring, session_id, LATER, 60)
    assert plan.events == [events.SessionScheduled(plan.case_id, mentoring, session_id, NORTHSTAR, LATER, 60)]
    assert plan.sessions[session_id].status is SessionStatus.SCHEDULED


def test_a_provider_cannot_schedule_for_another_providers_intervention() -> None:
    plan = agreed_plan()
    with refused("NOT_ASSIGNED_PROVIDER"):
        schedule_session(plan, MERIDIAN, kind_id(plan, Kind.MENTORING), uuid4(), LATER, 60)
    assert plan.sessions == {}


def test_an_offer_not_yet_accepted_allows_no_sessions() -> None:
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    assign_provider(plan, mentoring, MERIDIAN, PROVIDERS, NOW)
    with refused("ASSIGNMENT_NOT_ACCEPTED"):
        schedule_session(plan, MERIDIAN, mentoring, uuid4(), LATER, 60)
    with refused("NOT_ASSIGNED_PROVIDER"):
        schedule_session(plan, NORTHSTAR, mentoring, uuid4(), LATER, 60)


def test_sessions_need_an_agreed_plan() -> None:
    plan = drafted_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    assign_provider(plan, mentoring, NORTHSTAR, PROVIDERS, NOW)
    answer_assignment(plan, NORTHSTAR, mentoring, True, None)
    with refused("PLAN_NOT_AGREED"):
        schedule_session(plan, NORTHSTAR, mentoring, uuid4(), LATER, 60)


@pytest.mark.parametrize(("change", "code"), [("suspend", "CASE_SUSPENDED"), ("close", "CASE_CLOSED")])
def test_no_sessions_are_arranged_for_a_suspended_or_closed_case(change, code) -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    getattr(plan, change)(NOW)
    with refused(code):
        schedule_session(plan, NORTHSTAR, kind_id(plan, Kind.MENTORING), uuid4(), LATER, 60)
    with refused(code):
        reschedule_session(plan, NORTHSTAR, session_id, LATER + timedelta(days=1), Party.PERSON, "ILLNESS")


def test_a_resumed_case_takes_sessions_again() -> None:
    plan = agreed_plan()
    plan.suspend(NOW)
    plan.resume(NOW + timedelta(days=1))
    schedule_session(plan, NORTHSTAR, kind_id(plan, Kind.MENTORING), uuid4(), LATER, 60)


def test_a_session_id_names_one_session() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    with refused("SESSION_ID_IN_USE"):
        schedule_session(plan, NORTHSTAR, kind_id(plan, Kind.MENTORING), session_id, LATER, 60)
    with refused("SESSION_ID_IN_USE"):
        schedule_session(plan, NORTHSTAR, kind_id(plan, Kind.MENTORING), uuid4(), LATER, 60, session_id_taken=True)


def test_rescheduling_records_the_previous_time_and_who_asked() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    new_time = LATER + timedelta(days=2)
    reschedule_session(plan, NORTHSTAR, session_id, new_time, Party.PERSON, "WORK_OR_EDUCATION")
    [event] = plan.events
    assert event == events.SessionRescheduled(
        plan.case_id, kind_id(plan, Kind.MENTORING), session_id, LATER, new_time, Party.PERSON, "WORK_OR_EDUCATION"
    )
    assert plan.sessions[session_id].starts_at == new_time


def test_cancelling_records_on_whose_behalf_even_for_a_suspended_case() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    plan.suspend(NOW)
    plan.events.clear()
    cancel_session(plan, NORTHSTAR, session_id, Party.PROVIDER, "PRACTITIONER_UNAVAILABLE")
    [event] = plan.events
    assert isinstance(event, events.SessionCancelled) and event.cancelled_by is Party.PROVIDER
    assert plan.sessions[session_id].status is SessionStatus.CANCELLED
    with refused("SESSION_NOT_SCHEDULED"):
        cancel_session(plan, NORTHSTAR, session_id, Party.PERSON, "ILLNESS")
    plan.resume(NOW + timedelta(days=1))
    with refused("SESSION_NOT_SCHEDULED"):
        reschedule_session(plan, NORTHSTAR, session_id, LATER, Party.PROVIDER, "OTHER")


def test_a_provider_acts_only_on_its_own_sessions() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    with refused("NOT_ASSIGNED_PROVIDER"):
        cancel_session(plan, MERIDIAN, session_id, Party.PROVIDER, "OTHER")
    with refused("NOT_ASSIGNED_PROVIDER"):
        reschedule_session(plan, MERIDIAN, session_id, LATER, Party.PROVIDER, "OTHER")
    with refused("UNKNOWN_SESSION"):
        cancel_session(plan, NORTHSTAR, uuid4(), Party.PROVIDER, "OTHER")


def test_a_provider_that_lost_the_intervention_cannot_move_its_sessions() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, LATER)
    assign_provider(plan, kind_id(plan, Kind.MENTORING), MERIDIAN, PROVIDERS, NOW)
    with refused("PROVIDER_REASSIGNED"):
        reschedule_session(plan, NORTHSTAR, session_id, LATER, Party.PROVIDER, "OTHER")
