"""The per-case progress summary: counts from the standing attendance, latest by when sessions happened."""

from datetime import timedelta

from ddp_interventions.domain.attendance_recording import correct_attendance, record_attendance
from ddp_interventions.domain.drafting_rules import InterventionKind as Kind
from ddp_interventions.domain.progress import ProgressSummary, summarise
from ddp_interventions.domain.provider_assignments import complete_intervention
from ddp_interventions.domain.session_delivery import cancel_session
from ddp_interventions.domain.sessions import AbsenceCategory, Party
from tests.unit.interventions.builders import (
    MERIDIAN,
    NORTHSTAR,
    NOW,
    absent,
    agreed_plan,
    attended,
    drafted_plan,
    kind_id,
    late,
    with_session,
)

DAY = timedelta(days=1)


def test_a_new_plan_has_nothing_to_report() -> None:
    assert summarise(drafted_plan()) == ProgressSummary("DRAFT", 0, 0, 0, 0, 0, 0, 0, 0, None, None)


def test_sessions_are_counted_by_outcome_and_absence_category() -> None:
    plan = agreed_plan()
    for days, facts in [
        (9, attended(NOW - 9 * DAY, concern=True)),
        (8, late(NOW - 8 * DAY)),
        (7, absent(AbsenceCategory.ACCEPTABLE, NOW - 7 * DAY)),
        (6, absent(AbsenceCategory.UNACCEPTABLE, NOW - 6 * DAY, concern=True)),
        (5, absent(AbsenceCategory.UNACCEPTABLE, NOW - 5 * DAY)),
        (4, absent(AbsenceCategory.LOGISTICAL, NOW - 4 * DAY)),
    ]:
        record_attendance(plan, NORTHSTAR, with_session(plan, NOW - days * DAY), facts, NOW)
    with_session(plan, NOW + DAY)  # still to come: offered, no outcome yet
    summary = summarise(plan)
    assert (summary.sessions_offered, summary.sessions_attended, summary.sessions_late) == (7, 2, 1)
    assert (summary.missed_acceptable, summary.missed_unacceptable, summary.missed_logistical) == (1, 2, 1)
    assert summary.concerns == 2


def test_a_session_the_provider_called_off_was_never_offered_but_one_the_person_did_was() -> None:
    plan = agreed_plan()
    cancel_session(plan, NORTHSTAR, with_session(plan, NOW + DAY), Party.PROVIDER, "PRACTITIONER_UNAVAILABLE")
    cancel_session(plan, NORTHSTAR, with_session(plan, NOW + DAY), Party.PERSON, "ILLNESS")
    assert summarise(plan).sessions_offered == 1


def test_a_correction_moves_the_session_between_counts() -> None:
    plan = agreed_plan()
    session_id = with_session(plan)
    record_attendance(plan, NORTHSTAR, session_id, absent(AbsenceCategory.UNACCEPTABLE, concern=True), NOW)
    correct_attendance(
        plan, NORTHSTAR, session_id, absent(AbsenceCategory.ACCEPTABLE), "ABSENCE_EVIDENCE_RECEIVED", NOW
    )
    summary = summarise(plan)
    assert (summary.missed_unacceptable, summary.missed_acceptable, summary.concerns) == (0, 1, 0)


def test_the_latest_session_is_the_one_that_happened_last_not_the_one_reported_last() -> None:
    plan = agreed_plan()
    newer, older = with_session(plan, NOW - DAY), with_session(plan, NOW - 5 * DAY)
    record_attendance(plan, NORTHSTAR, newer, attended(NOW - DAY), NOW)
    record_attendance(plan, NORTHSTAR, older, absent(AbsenceCategory.UNACCEPTABLE, NOW - 5 * DAY), NOW)
    summary = summarise(plan)
    assert (summary.latest_session_at, summary.latest_outcome) == (NOW - DAY, "ATTENDED")


def test_completed_interventions_and_the_plans_standing_are_reported() -> None:
    plan = agreed_plan()
    complete_intervention(plan, NORTHSTAR, kind_id(plan, Kind.MENTORING), "OBJECTIVES_MET")
    complete_intervention(plan, MERIDIAN, kind_id(plan, Kind.PRACTICAL_SUPPORT), "ENDED_EARLY")
    assert (summarise(plan).interventions_completed, summarise(plan).plan_status) == (2, "AGREED")
    plan.suspend(NOW)
    assert summarise(plan).plan_status == "PAUSED"
    plan.close(NOW)
    assert summarise(plan).plan_status == "ENDED"
