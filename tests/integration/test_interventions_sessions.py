"""Sessions and attendance over real Kafka: every provider message, the progress read model, notes kept in."""

import logging
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaConsumer
from sqlalchemy import select

from ddp_interventions.adapters import orm
from ddp_interventions.adapters.progress_queries import attendance_history, progress_for_case
from ddp_schemas.connection import ADMIN
from ddp_schemas.events.provider_inbound import (
    AttendanceCorrectionSubmitted,
    AttendanceSubmitted,
    InterventionCompletionSubmitted,
    SessionCancellationSubmitted,
    SessionRescheduleSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.events.vocabulary import Need
from ddp_schemas.topics import TopicKind, load_topic_registry
from tests.integration.interventions_harness import (
    MERIDIAN,
    NORTHSTAR,
    Interventions,
    agreed_with_providers,
    intervention_of,
    interventions_service,
)

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

NOTES = "Quillon-sensitive-note: spoke about his brother"  # must never leave the database


async def schedule(service: Interventions, provider: str, case_id: UUID, intervention_id: UUID, at: datetime) -> UUID:
    session_id = uuid4()
    message = SessionScheduleSubmitted(
        case_id=case_id, intervention_id=intervention_id, session_id=session_id, starts_at=at, duration_minutes=60
    )
    await service.send(provider, message, case_id)
    return session_id


async def every_platform_written_value(service: Interventions) -> list[bytes]:
    """The value of every record on a topic the platform writes (all but the agencies' inbound topics),
    read as the admin: re-drive topics too, which no one else may read."""
    registry = load_topic_registry()
    topics = [service.namespace.physical(t.name) for t in registry.topics if t.kind is not TopicKind.INBOUND]
    consumer = AIOKafkaConsumer(*topics, **service.kafka.access(ADMIN).aiokafka(), auto_offset_reset="earliest")
    await consumer.start()
    try:
        values: list[bytes] = []
        while polled := await consumer.getmany(timeout_ms=1500):
            values += [r.value or b"" for records in polled.values() for r in records]
        return values
    finally:
        await consumer.stop()


async def test_a_provider_delivers_sessions_and_the_progress_summary_follows(kafka, namespace, database_url, caplog):
    caplog.set_level(logging.DEBUG)
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring, practical = intervention_of(plan, "MENTORING"), intervention_of(plan, "PRACTICAL_SUPPORT")
        held = await schedule(service, NORTHSTAR, case_id, mentoring, now - timedelta(days=3))
        moved = await schedule(service, NORTHSTAR, case_id, mentoring, now + timedelta(days=3))
        called_off = await schedule(service, NORTHSTAR, case_id, mentoring, now + timedelta(days=5))
        missed = await schedule(service, MERIDIAN, case_id, practical, now - timedelta(days=2))
        await service.emitted(case_id, "ddp.session.scheduled", 4)

        await service.send(
            NORTHSTAR,
            SessionRescheduleSubmitted(
                case_id=case_id,
                session_id=moved,
                starts_at=now + timedelta(days=4),
                requested_by="PERSON",
                reason="WORK_OR_EDUCATION",
            ),
            case_id,
        )
        await service.send(
            NORTHSTAR,
            SessionCancellationSubmitted(
                case_id=case_id, session_id=called_off, cancelled_by="PROVIDER", reason="PRACTITIONER_UNAVAILABLE"
            ),
            case_id,
        )
        attended = AttendanceSubmitted(
            case_id=case_id,
            session_id=held,
            occurred_at=now - timedelta(days=3),
            outcome="LATE",
            engagement_rating=2,
            concern=True,
            notes=NOTES,
        )
        await service.send(NORTHSTAR, attended, case_id)
        absence = AttendanceSubmitted(
            case_id=case_id,
            session_id=missed,
            occurred_at=now - timedelta(days=2),
            outcome="ABSENT",
            absence_category="UNACCEPTABLE",
            notes=NOTES,
        )
        await service.send(MERIDIAN, absence, case_id)
        [missed_event] = await service.emitted(case_id, "ddp.session.missed", 1)
        correction = AttendanceCorrectionSubmitted(
            **absence.model_dump(exclude={"absence_category", "notes"}),
            absence_category="ACCEPTABLE",
            correction_reason="ABSENCE_EVIDENCE_RECEIVED",
            notes=NOTES,
        )
        await service.send(MERIDIAN, correction, case_id)
        await service.send(
            NORTHSTAR,
            InterventionCompletionSubmitted(case_id=case_id, intervention_id=mentoring, outcome="OBJECTIVES_MET"),
            case_id,
        )
        [rescheduled] = await service.emitted(case_id, "ddp.session.rescheduled", 1)
        [cancelled] = await service.emitted(case_id, "ddp.session.cancelled", 1)
        [attended_event] = await service.emitted(case_id, "ddp.session.attended", 1)
        [concern] = await service.emitted(case_id, "ddp.engagement.concern_raised", 1)
        [corrected] = await service.emitted(case_id, "ddp.attendance.corrected", 1)
        [completed] = await service.emitted(case_id, "ddp.intervention.completed", 1)
        summary = await service.in_database(lambda s: progress_for_case(s, case_id))
        stored_notes = await service.in_database(lambda s: s.scalars(select(orm.attendance.c.notes)))
        values = await every_platform_written_value(service)

    assert rescheduled.event.data["requested_by"] == "PERSON"
    assert (cancelled.event.data["cancelled_by"], cancelled.event.data["reason"]) == (
        "PROVIDER",
        "PRACTITIONER_UNAVAILABLE",
    )
    assert (attended_event.event.data["late"], attended_event.event.data["engagement_rating"]) == (True, 2)
    assert concern.event.data["attendance_id"] == attended_event.event.data["attendance_id"]
    assert missed_event.event.data["absence_category"] == "UNACCEPTABLE"
    assert corrected.event.data["corrects_attendance_id"] == missed_event.event.data["attendance_id"]
    assert corrected.event.data["absence_category"] == "ACCEPTABLE"
    assert completed.event.data["outcome"] == "OBJECTIVES_MET"
    # The provider cancelled one of four sessions: three were offered; the correction moved the absence.
    assert (summary.sessions_offered, summary.sessions_attended, summary.sessions_late) == (3, 1, 1)
    assert (summary.missed_unacceptable, summary.missed_acceptable, summary.concerns) == (0, 1, 1)
    assert summary.interventions_completed == 1
    # Notes are stored, and appear on no topic the platform writes and in no log line.
    assert list(stored_notes) == [NOTES] * 3
    assert values and not any(b"Quillon" in value for value in values)
    platform_logs = [r.getMessage() for r in caplog.records if r.name.startswith(("ddp", "faststream"))]
    assert platform_logs and not any("Quillon" in line for line in platform_logs)


async def test_attendance_reported_late_and_out_of_order_is_ordered_by_when_it_happened(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring = intervention_of(plan, "MENTORING")
        times = [now - timedelta(days=days) for days in (21, 14, 7)]
        sessions = [await schedule(service, NORTHSTAR, case_id, mentoring, at) for at in times]
        await service.emitted(case_id, "ddp.session.scheduled", 3)
        # The newest session is reported first; the two older ones arrive weeks late, oldest last.
        reports = [
            (sessions[2], times[2], {"outcome": "ATTENDED", "engagement_rating": 5}),
            (sessions[1], times[1], {"outcome": "ABSENT", "absence_category": "UNACCEPTABLE"}),
            (sessions[0], times[0], {"outcome": "ABSENT", "absence_category": "LOGISTICAL"}),
        ]
        for session_id, at, outcome in reports:
            report = AttendanceSubmitted(case_id=case_id, session_id=session_id, occurred_at=at, **outcome)
            await service.send(NORTHSTAR, report, case_id)
        await service.emitted(case_id, "ddp.session.missed", 2)
        future = AttendanceSubmitted(
            case_id=case_id,
            session_id=await schedule(service, NORTHSTAR, case_id, mentoring, now + timedelta(days=1)),
            occurred_at=now + timedelta(days=1),
            outcome="ATTENDED",
            engagement_rating=3,
        )
        await service.send(NORTHSTAR, future, case_id)
        [too_early] = await service.rejections(NORTHSTAR, 1)
        history = await service.in_database(lambda s: attendance_history(s, case_id))
        summary = await service.in_database(lambda s: progress_for_case(s, case_id))

    assert [h["session_id"] for h in history] == sessions
    assert [h["occurred_at"] for h in history] == times
    assert (summary.latest_session_at, summary.latest_outcome) == (times[2], "ATTENDED")
    assert (summary.missed_unacceptable, summary.missed_logistical, summary.sessions_attended) == (1, 1, 1)
    assert [r["code"] for r in too_early.event.data["reasons"]] == ["OCCURRED_IN_FUTURE"]
