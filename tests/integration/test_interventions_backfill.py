"""A provider's backlog over real Kafka: hundreds of sessions and attendance reports for one case, applied
in batches, each change seeing the ones before it in the same transaction."""

import time
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from ddp_interventions.adapters.progress_queries import attendance_history, progress_for_case
from ddp_schemas.events.provider_inbound import (
    AttendanceCorrectionSubmitted,
    AttendanceSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.events.vocabulary import Need
from ddp_testkit.agency_client import AgencyClient
from tests.integration.interventions_harness import (
    NORTHSTAR,
    agreed_with_providers,
    intervention_of,
    interventions_service,
)
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

SESSIONS = 150


async def test_a_backlog_of_sessions_and_attendance_for_one_case_is_applied_in_order(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring = intervention_of(plan, "MENTORING")
        started = time.monotonic()
        for n in range(SESSIONS):
            at, session_id = now - timedelta(days=SESSIONS - n), uuid4()
            await service.send(
                NORTHSTAR,
                SessionScheduleSubmitted(
                    case_id=case_id, intervention_id=mentoring, session_id=session_id, starts_at=at, duration_minutes=60
                ),
                case_id,
            )
            outcome = (
                {"outcome": "ABSENT", "absence_category": "UNACCEPTABLE"}
                if n % 5 == 0
                else {"outcome": "ATTENDED", "engagement_rating": 4}
            )
            report = AttendanceSubmitted(case_id=case_id, session_id=session_id, occurred_at=at, **outcome)
            await service.send(NORTHSTAR, report, case_id)
        sent = time.monotonic()

        async def applied():
            summary = await service.in_database(lambda s: progress_for_case(s, case_id))
            return summary if summary.sessions_attended + summary.missed_unacceptable == SESSIONS else None

        summary = await eventually(applied, timeout=120, interval=0.1)
        done = time.monotonic()
        history = await service.in_database(lambda s: attendance_history(s, case_id))

    sending, applying = sent - started, done - started
    print(f"\n{2 * SESSIONS} provider messages: sent in {sending:.1f}s, applied {applying:.1f}s after the first")
    assert (summary.sessions_offered, summary.missed_unacceptable) == (SESSIONS, SESSIONS // 5)
    assert [h["occurred_at"] for h in history] == sorted(h["occurred_at"] for h in history)
    assert len(history) == SESSIONS


async def test_refusals_inside_a_batch_leave_the_cases_other_changes_intact(kafka, namespace, database_url):
    """Records waiting while the service is down arrive in one batch: refused ones in between must not
    undo or leak into the accepted ones around them."""
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring = intervention_of(plan, "MENTORING")
        first, second = uuid4(), uuid4()
        for session_id in (first, second):
            await service.send(
                NORTHSTAR,
                SessionScheduleSubmitted(
                    case_id=case_id,
                    intervention_id=mentoring,
                    session_id=session_id,
                    starts_at=now - timedelta(days=1),
                    duration_minutes=60,
                ),
                case_id,
            )
        await service.emitted(case_id, "ddp.session.scheduled", 2)

    def report(session_id, **outcome):
        return AttendanceSubmitted(
            case_id=case_id, session_id=session_id, occurred_at=now - timedelta(days=1), **outcome
        )

    absent = {"outcome": "ABSENT", "absence_category": "UNACCEPTABLE"}
    backlog = [
        report(first, **absent),
        report(first, outcome="ATTENDED", engagement_rating=4),  # already recorded: refused
        AttendanceCorrectionSubmitted(
            **report(first, **absent).model_dump(exclude={"absence_category"}),
            absence_category="LOGISTICAL",
            correction_reason="LATE_INFORMATION",
        ),
        report(uuid4(), outcome="ATTENDED", engagement_rating=4),  # no such session: refused
        report(second, outcome="LATE", engagement_rating=3, concern=True),
    ]
    async with AgencyClient(kafka.access(NORTHSTAR), namespace) as northstar:
        for message in backlog:
            await northstar.send(message, key=str(case_id))
    async with interventions_service(kafka, namespace, database_url) as service:
        refused = await service.rejections(NORTHSTAR, 2)
        [corrected] = await service.emitted(case_id, "ddp.attendance.corrected", 1)
        [attended] = await service.emitted(case_id, "ddp.session.attended", 1)
        summary = await service.in_database(lambda s: progress_for_case(s, case_id))

    assert sorted(r.event.data["reasons"][0]["code"] for r in refused) == [
        "ATTENDANCE_ALREADY_RECORDED",
        "UNKNOWN_SESSION",
    ]
    assert corrected.event.data["absence_category"] == "LOGISTICAL"
    assert attended.event.data["late"] is True
    assert (summary.missed_logistical, summary.missed_unacceptable, summary.sessions_attended) == (1, 0, 1)
    assert summary.concerns == 1
