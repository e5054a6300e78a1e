"""Every provider message after an intervention moves to another provider.

The rule: the provider that held a session is the only one who knows what happened at it, so it
still records and corrects the attendance of the sessions it held before the move. Everything
else passes to the new provider at once: the former provider can no longer schedule, move,
cancel, answer for or complete the intervention, and its sessions not yet due are called off on
the provider's side (they never count against the person).
"""

from datetime import timedelta
from uuid import uuid4

import pytest

from ddp_interventions.domain import events
from ddp_interventions.domain.attendance_recording import correct_attendance, record_attendance
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.programme_decisions import assign_provider
from ddp_interventions.domain.provider_assignments import answer_assignment, complete_intervention
from ddp_interventions.domain.refusal import Refusal
from ddp_interventions.domain.session_delivery import cancel_session, reschedule_session, schedule_session
from ddp_interventions.domain.sessions import AbsenceCategory, Party, SessionStatus
from tests.unit.interventions.builders import (
    MERIDIAN,
    NORTHSTAR,
    NOW,
    PROVIDERS,
    absent,
    agreed_plan,
    attended,
    kind_id,
    with_session,
)

HELD_AT, DUE_AT = NOW - timedelta(days=1), NOW + timedelta(days=2)


def reassigned():
    """Northstar's mentoring, with one session held yesterday and one due in two days, moved to Meridian."""
    plan = agreed_plan()
    mentoring = kind_id(plan, Kind.MENTORING)
    held, due = with_session(plan, HELD_AT), with_session(plan, DUE_AT)
    assign_provider(plan, mentoring, MERIDIAN, PROVIDERS, NOW)
    return plan, mentoring, held, due


def test_the_former_providers_sessions_not_yet_due_are_called_off_on_its_side() -> None:
    plan, mentoring, held, due = reassigned()
    assert plan.events[1:] == [
        events.SessionCancelled(plan.case_id, mentoring, due, Party.PROVIDER, "PROVIDER_REASSIGNED")
    ]
    assert plan.sessions[due].status is SessionStatus.CANCELLED and not plan.sessions[due].offered
    assert plan.sessions[held].status is SessionStatus.SCHEDULED, "held before the move: still to be reported"


def test_the_former_provider_still_records_and_corrects_what_it_held() -> None:
    plan, _, held, _ = reassigned()
    record_attendance(plan, NORTHSTAR, held, attended(HELD_AT), NOW)
    correct_attendance(plan, NORTHSTAR, held, absent(AbsenceCategory.UNACCEPTABLE, HELD_AT), "LATE_INFORMATION", NOW)
    assert [type(e) for e in plan.events[-2:]] == [events.SessionAttended, events.AttendanceCorrected]


AFTER_THE_MOVE = {
    "former cancels": (
        "PROVIDER_REASSIGNED",
        lambda p, m, held, due: cancel_session(p, NORTHSTAR, held, Party.PROVIDER, "OTHER"),
    ),
    "former moves": (
        "PROVIDER_REASSIGNED",
        lambda p, m, held, due: reschedule_session(p, NORTHSTAR, held, DUE_AT, Party.PERSON, "OTHER"),
    ),
    "former schedules": (
        "NOT_ASSIGNED_PROVIDER",
        lambda p, m, held, due: schedule_session(p, NORTHSTAR, m, uuid4(), DUE_AT, 60),
    ),
    "former answers": ("NOT_ASSIGNED_PROVIDER", lambda p, m, held, due: answer_assignment(p, NORTHSTAR, m, True, None)),
    "former completes": (
        "NOT_ASSIGNED_PROVIDER",
        lambda p, m, held, due: complete_intervention(p, NORTHSTAR, m, "OBJECTIVES_MET"),
    ),
    "former reports a called-off session": (
        "SESSION_NOT_SCHEDULED",
        lambda p, m, held, due: record_attendance(p, NORTHSTAR, due, attended(NOW), NOW),
    ),
    # The new provider never reports on, or calls off, sessions it did not hold.
    "new reports the former's session": (
        "NOT_ASSIGNED_PROVIDER",
        lambda p, m, held, due: record_attendance(p, MERIDIAN, held, attended(HELD_AT), NOW),
    ),
    "new cancels the former's session": (
        "NOT_ASSIGNED_PROVIDER",
        lambda p, m, held, due: cancel_session(p, MERIDIAN, held, Party.PROVIDER, "OTHER"),
    ),
}


@pytest.mark.parametrize("attempt", AFTER_THE_MOVE)
def test_everything_else_is_refused_and_changes_nothing(attempt) -> None:
    plan, mentoring, held, due = reassigned()
    code, act = AFTER_THE_MOVE[attempt]
    before = list(plan.events)
    with pytest.raises(Refusal, match=f"^{code}$"):
        act(plan, mentoring, held, due)
    assert plan.events == before


def test_the_new_provider_arranges_sessions_once_it_accepts() -> None:
    plan, mentoring, _, _ = reassigned()
    answer_assignment(plan, MERIDIAN, mentoring, True, None)
    session_id = uuid4()
    schedule_session(plan, MERIDIAN, mentoring, session_id, DUE_AT, 60)
    cancel_session(plan, MERIDIAN, session_id, Party.PERSON, "ILLNESS")
    assert plan.sessions[session_id].status is SessionStatus.CANCELLED
