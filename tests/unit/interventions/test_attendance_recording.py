"""Attendance: once per session, corrections as new records, late reports accepted, the future refused."""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.attendance_recording import correct_attendance, record_attendance
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.session_delivery import cancel_session
from ddp_interventions.domain.sessions import AbsenceCategory, AttendanceOutcome, Party, SessionStatus
from tests.unit.interventions.builders import (
    MERIDIAN,
    NORTHSTAR,
    NOW,
    absent,
    agreed_plan,
    attended,
    late,
    with_session,
)

SESSION_TIME = NOW - timedelta(days=1)


def refused(code: str):
    return pytest.raises(Refusal, match=f"^{code}$")


def test_attendance_is_recorded_with_the_engagement_rating() -> None:
    plan = agreed_plan()
    session_id = with_session(plan, SESSION_TIME)
    record_attendance(plan, NORTHSTAR, session_id, attended(SESSION_TIME, rating=5), NOW)
    [event] = plan.events
    assert isinstance(event, events.SessionAttended)
    assert (event.session_id, event.occurred_at, event.late, event.engagement_rating) == (
        session_id,
        SESSION_TIME,
        False,
        5,
    )
    assert plan.sessions[session_id].status is SessionStatus.HELD


def test_arriving_late_is_attendance_marked_late() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, late(), NOW)
    [event] = plan.events
    assert isinstance(event, events.SessionAttended) and event.late is True


@pytest.mark.parametrize("category", list(AbsenceCategory))
def test_an_absence_is_a_missed_session_with_its_category(category) -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, absent(category), NOW)
    [event] = plan.events
    assert isinstance(event, events.SessionMissed) and event.absence_category is category


def test_a_concern_is_raised_beside_the_attendance() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, absent(AbsenceCategory.UNACCEPTABLE, concern=True), NOW)
    missed, concern = plan.events
    assert isinstance(concern, events.EngagementConcernRaised)
    assert concern.attendance_id == missed.attendance_id


def test_no_event_carries_the_providers_notes() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, attended(concern=True), NOW)
    correct_attendance(plan, NORTHSTAR, session_id, attended(rating=2), "RECORDING_ERROR", NOW)
    assert plan.events and all("sensitive note" not in repr(e) for e in plan.events)
    assert plan.sessions[session_id].current_attendance.facts.notes == "sensitive note"


def test_attendance_is_recorded_once_per_session() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, attended(), NOW)
    with refused("ATTENDANCE_ALREADY_RECORDED"):
        record_attendance(plan, NORTHSTAR, session_id, absent(AbsenceCategory.ACCEPTABLE), NOW)


def test_a_cancelled_session_has_no_attendance() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    cancel_session(plan, NORTHSTAR, session_id, Party.PERSON, "ILLNESS")
    with refused("SESSION_NOT_SCHEDULED"):
        record_attendance(plan, NORTHSTAR, session_id, attended(), NOW)


def test_only_the_sessions_provider_records_attendance() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    with refused("NOT_ASSIGNED_PROVIDER"):
        record_attendance(plan, MERIDIAN, session_id, attended(), NOW)
    with refused("UNKNOWN_SESSION"):
        record_attendance(plan, NORTHSTAR, uuid4(), attended(), NOW)


def test_attendance_up_to_now_is_accepted_and_after_now_refused() -> None:
    plan = agreed_plan()
    record_attendance(plan, NORTHSTAR, with_session(plan, NOW), attended(NOW), NOW)
    with refused("OCCURRED_IN_FUTURE"):
        record_attendance(plan, NORTHSTAR, with_session(plan), attended(NOW + timedelta(microseconds=1)), NOW)


def test_a_report_weeks_late_is_accepted() -> None:
    plan = agreed_plan()
    long_ago = NOW - timedelta(days=60)
    record_attendance(plan, NORTHSTAR, with_session(plan, long_ago), attended(long_ago), NOW)
    assert isinstance(plan.events[0], events.SessionAttended)


@pytest.mark.parametrize(("change", "code"), [("suspend", "CASE_SUSPENDED"), ("close", "CASE_CLOSED")])
def test_attendance_before_a_suspension_or_closure_counts_and_from_then_on_is_refused(change, code) -> None:
    plan = agreed_plan()
    before, at = with_session(plan, SESSION_TIME), with_session(plan, SESSION_TIME)
    getattr(plan, change)(SESSION_TIME)
    record_attendance(plan, NORTHSTAR, before, attended(SESSION_TIME - timedelta(microseconds=1)), NOW)
    with refused(code):
        record_attendance(plan, NORTHSTAR, at, attended(SESSION_TIME), NOW)
    with refused(code):
        correct_attendance(plan, NORTHSTAR, before, attended(SESSION_TIME), "RECORDING_ERROR", NOW)


def test_a_correction_replaces_the_record_and_references_it() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, absent(AbsenceCategory.UNACCEPTABLE), NOW)
    first = plan.sessions[session_id].current_attendance
    plan.events.clear()
    correct_attendance(
        plan, NORTHSTAR, session_id, absent(AbsenceCategory.ACCEPTABLE), "ABSENCE_EVIDENCE_RECEIVED", NOW
    )
    [event] = plan.events
    assert isinstance(event, events.AttendanceCorrected)
    assert event.corrects_attendance_id == first.attendance_id != event.attendance_id
    assert (event.outcome, event.absence_category, event.reason) == (
        AttendanceOutcome.ABSENT,
        AbsenceCategory.ACCEPTABLE,
        "ABSENCE_EVIDENCE_RECEIVED",
    )
    session = plan.sessions[session_id]
    assert [a.corrects for a in session.attendance] == [None, first.attendance_id]


def test_a_correction_that_adds_a_concern_raises_it_once() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, attended(), NOW)
    plan.events.clear()
    correct_attendance(plan, NORTHSTAR, session_id, attended(concern=True), "LATE_INFORMATION", NOW)
    correct_attendance(plan, NORTHSTAR, session_id, attended(rating=1, concern=True), "LATE_INFORMATION", NOW)
    assert [type(e) for e in plan.events] == [
        events.AttendanceCorrected,
        events.EngagementConcernRaised,
        events.AttendanceCorrected,
    ]


def test_only_recorded_attendance_can_be_corrected_by_its_provider() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    with refused("ATTENDANCE_NOT_RECORDED"):
        correct_attendance(plan, NORTHSTAR, session_id, attended(), "RECORDING_ERROR", NOW)
    record_attendance(plan, NORTHSTAR, session_id, attended(), NOW)
    with refused("NOT_ASSIGNED_PROVIDER"):
        correct_attendance(plan, MERIDIAN, session_id, late(), "RECORDING_ERROR", NOW)
    with refused("OCCURRED_IN_FUTURE"):
        correct_attendance(plan, NORTHSTAR, session_id, attended(NOW + timedelta(hours=1)), "RECORDING_ERROR", NOW)
