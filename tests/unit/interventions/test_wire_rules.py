"""Inbound wire rules a provider or the programme team must follow; the schema refuses the rest."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from pydantic import ValidationError

from ddp_schemas.events.programme_inbound import PlanAdjustmentSubmitted
from ddp_schemas.events.provider_inbound import (
    AssignmentResponseSubmitted,
    AttendanceCorrectionSubmitted,
    AttendanceSubmitted,
    SessionScheduleSubmitted,
)

WHEN = datetime(2026, 3, 1, 10, tzinfo=UTC)


def attendance(**fields):
    return AttendanceSubmitted(case_id=uuid4(), session_id=uuid4(), occurred_at=WHEN, **fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"outcome": "ATTENDED", "engagement_rating": 1},
        {"outcome": "LATE", "engagement_rating": 5, "concern": True, "notes": "x" * 4000},
        {"outcome": "ABSENT", "absence_category": "UNACCEPTABLE"},
    ],
)
def test_coherent_attendance_is_accepted(fields) -> None:
    assert attendance(**fields).outcome.value == fields["outcome"]


@pytest.mark.parametrize(
    "fields",
    [
        {"outcome": "ABSENT"},
        {"outcome": "ABSENT", "absence_category": "ACCEPTABLE", "engagement_rating": 3},
        {"outcome": "ATTENDED"},
        {"outcome": "ATTENDED", "engagement_rating": 3, "absence_category": "LOGISTICAL"},
        {"outcome": "ATTENDED", "engagement_rating": 0},
        {"outcome": "ATTENDED", "engagement_rating": 6},
        {"outcome": "LATE", "engagement_rating": 3, "notes": "x" * 4001},
        {"outcome": "EXCUSED", "engagement_rating": 3},
    ],
)
def test_incoherent_attendance_is_a_schema_violation(fields) -> None:
    with pytest.raises(ValidationError):
        attendance(**fields)


def test_occurred_at_needs_a_time_zone() -> None:
    with pytest.raises(ValidationError):
        AttendanceSubmitted(
            case_id=uuid4(),
            session_id=uuid4(),
            occurred_at=datetime(2026, 3, 1, 10),
            outcome="ATTENDED",
            engagement_rating=3,
        )


def test_a_correction_says_why() -> None:
    with pytest.raises(ValidationError):
        AttendanceCorrectionSubmitted(
            case_id=uuid4(), session_id=uuid4(), occurred_at=WHEN, outcome="ATTENDED", engagement_rating=3
        )


@pytest.mark.parametrize(
    ("response", "reason", "valid"),
    [("ACCEPT", None, True), ("DECLINE", "NO_CAPACITY", True), ("DECLINE", None, False), ("ACCEPT", "OTHER", False)],
)
def test_a_decline_and_only_a_decline_gives_a_reason(response, reason, valid) -> None:
    def build():
        return AssignmentResponseSubmitted(
            case_id=uuid4(), intervention_id=uuid4(), response=response, decline_reason=reason
        )

    if valid:
        build()
    else:
        with pytest.raises(ValidationError):
            build()


@pytest.mark.parametrize(("minutes", "valid"), [(4, False), (5, True), (480, True), (481, False)])
def test_session_length_boundaries(minutes, valid) -> None:
    def build():
        return SessionScheduleSubmitted(
            case_id=uuid4(), intervention_id=uuid4(), session_id=uuid4(), starts_at=WHEN, duration_minutes=minutes
        )

    if valid:
        build()
    else:
        with pytest.raises(ValidationError):
            build()


def test_an_adjustment_changes_something() -> None:
    with pytest.raises(ValidationError):
        PlanAdjustmentSubmitted(case_id=uuid4(), plan_id=uuid4())
