"""Recording and correcting attendance as use cases: the clock decides what is in the future; notes stay stored."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.attendance_recording import record_attendance as recorded
from ddp_interventions.domain.commands import CorrectAttendance, RecordAttendance
from ddp_interventions.domain.session_delivery import cancel_session
from ddp_interventions.domain.sessions import AbsenceCategory, Party
from ddp_interventions.service_layer.attendance_recording import correct_attendance, record_attendance
from tests.unit.interventions.builders import MERIDIAN, NORTHSTAR, NOW, absent, agreed_plan, attended, with_session
from tests.unit.interventions.fakes import FakeUnitOfWork, refuses

SESSION_TIME = NOW - timedelta(days=1)


def clock():
    return NOW


def session_where(change=lambda plan, session_id: None):
    """An agreed plan with a Northstar session at SESSION_TIME, then ``change(plan, session_id)``; events cleared."""
    plan = agreed_plan()
    session_id = with_session(plan, SESSION_TIME)
    change(plan, session_id)
    plan.events.clear()
    return plan, session_id


def report(plan, session_id, facts=None, provider=NORTHSTAR) -> RecordAttendance:
    return RecordAttendance(plan.case_id, session_id, provider, facts or attended(SESSION_TIME))


def correction(plan, session_id, facts=None, provider=NORTHSTAR) -> CorrectAttendance:
    facts = facts or absent(AbsenceCategory.ACCEPTABLE, SESSION_TIME)
    return CorrectAttendance(plan.case_id, session_id, provider, facts, "ABSENCE_EVIDENCE_RECEIVED")


async def test_attendance_with_a_concern_is_published_without_the_notes() -> None:
    plan, session_id = session_where()
    uow = FakeUnitOfWork(plan)
    await record_attendance(report(plan, session_id, attended(SESSION_TIME, rating=5, concern=True)), uow, clock=clock)
    attendance, concern = uow.published
    assert isinstance(attendance, events.SessionAttended) and attendance.engagement_rating == 5
    assert isinstance(concern, events.EngagementConcernRaised) and concern.attendance_id == attendance.attendance_id
    assert all("sensitive note" not in repr(e) for e in uow.published)
    assert uow.stored(plan.case_id).sessions[session_id].current_attendance.facts.notes == "sensitive note"


async def test_an_absence_is_a_missed_session() -> None:
    plan, session_id = session_where()
    uow = FakeUnitOfWork(plan)
    await record_attendance(
        report(plan, session_id, absent(AbsenceCategory.UNACCEPTABLE, SESSION_TIME)), uow, clock=clock
    )
    [missed] = uow.published
    assert isinstance(missed, events.SessionMissed) and missed.absence_category is AbsenceCategory.UNACCEPTABLE


async def test_the_clock_not_the_wall_decides_what_is_in_the_future() -> None:
    plan, session_id = session_where()
    command = report(plan, session_id, attended(NOW))
    early = FakeUnitOfWork(plan)
    await refuses(
        "OCCURRED_IN_FUTURE", record_attendance, command, early, clock=lambda: NOW - timedelta(microseconds=1)
    )
    on_time = early.again()
    await record_attendance(command, on_time, clock=clock)
    assert [type(e) for e in on_time.published] == [events.SessionAttended]


def _recording_refusals():
    plan, session_id = session_where()
    suspended, suspended_session = session_where(lambda p, s: p.suspend(SESSION_TIME))
    closed, closed_session = session_where(lambda p, s: p.close(SESSION_TIME))
    called_off, called_off_session = session_where(lambda p, s: cancel_session(p, NORTHSTAR, s, Party.PERSON, "OTHER"))
    held, held_session = session_where(lambda p, s: recorded(p, NORTHSTAR, s, attended(SESSION_TIME), NOW))
    return [
        ("UNKNOWN_CASE", plan, RecordAttendance(uuid4(), session_id, NORTHSTAR, attended(SESSION_TIME))),
        ("UNKNOWN_SESSION", plan, report(plan, uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, report(plan, session_id, provider=MERIDIAN)),
        ("OCCURRED_IN_FUTURE", plan, report(plan, session_id, attended(NOW + timedelta(minutes=1)))),
        ("CASE_SUSPENDED", suspended, report(suspended, suspended_session)),
        ("CASE_CLOSED", closed, report(closed, closed_session)),
        ("SESSION_NOT_SCHEDULED", called_off, report(called_off, called_off_session)),
        ("ATTENDANCE_ALREADY_RECORDED", held, report(held, held_session)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _recording_refusals())
async def test_recording_is_refused(code, plan, command) -> None:
    await refuses(code, record_attendance, command, FakeUnitOfWork(plan), clock=clock)


async def test_a_correction_replaces_the_record_and_names_it() -> None:
    plan, session_id = session_where(
        lambda p, s: recorded(p, NORTHSTAR, s, absent(AbsenceCategory.UNACCEPTABLE, SESSION_TIME), NOW)
    )
    first = plan.sessions[session_id].current_attendance
    uow = FakeUnitOfWork(plan)
    await correct_attendance(correction(plan, session_id), uow, clock=clock)
    [corrected] = uow.published
    assert isinstance(corrected, events.AttendanceCorrected)
    assert (corrected.corrects_attendance_id, corrected.absence_category) == (
        first.attendance_id,
        AbsenceCategory.ACCEPTABLE,
    )
    assert [a.corrects for a in uow.stored(plan.case_id).sessions[session_id].attendance] == [None, first.attendance_id]


async def test_a_correction_that_adds_a_concern_raises_it() -> None:
    plan, session_id = session_where(lambda p, s: recorded(p, NORTHSTAR, s, attended(SESSION_TIME), NOW))
    uow = FakeUnitOfWork(plan)
    await correct_attendance(correction(plan, session_id, attended(SESSION_TIME, concern=True)), uow, clock=clock)
    assert [type(e) for e in uow.published] == [events.AttendanceCorrected, events.EngagementConcernRaised]


def _correction_refusals():
    def reported(p, s):
        recorded(p, NORTHSTAR, s, attended(SESSION_TIME - timedelta(hours=1)), NOW)

    plan, session_id = session_where(reported)
    unreported, unreported_session = session_where()
    suspended, suspended_session = session_where(lambda p, s: (reported(p, s), p.suspend(SESSION_TIME)))
    closed, closed_session = session_where(lambda p, s: (reported(p, s), p.close(SESSION_TIME)))
    return [
        ("UNKNOWN_CASE", plan, CorrectAttendance(uuid4(), session_id, NORTHSTAR, attended(SESSION_TIME), "OTHER")),
        ("UNKNOWN_SESSION", plan, correction(plan, uuid4())),
        ("NOT_ASSIGNED_PROVIDER", plan, correction(plan, session_id, provider=MERIDIAN)),
        ("OCCURRED_IN_FUTURE", plan, correction(plan, session_id, attended(NOW + timedelta(hours=1)))),
        ("CASE_SUSPENDED", suspended, correction(suspended, suspended_session)),
        ("CASE_CLOSED", closed, correction(closed, closed_session)),
        ("ATTENDANCE_NOT_RECORDED", unreported, correction(unreported, unreported_session)),
    ]


@pytest.mark.parametrize(("code", "plan", "command"), _correction_refusals())
async def test_correcting_is_refused(code, plan, command) -> None:
    await refuses(code, correct_attendance, command, FakeUnitOfWork(plan), clock=clock)
