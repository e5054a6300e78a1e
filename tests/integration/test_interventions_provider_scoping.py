"""Two providers over real Kafka: each acts only on what is assigned to it; the other is refused on its own topic."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from ddp_interventions.adapters.progress_queries import progress_for_case
from ddp_schemas.events.programme_inbound import ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import (
    AssignmentResponseSubmitted,
    AttendanceCorrectionSubmitted,
    AttendanceSubmitted,
    InterventionCompletionSubmitted,
    SessionCancellationSubmitted,
    SessionRescheduleSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.events.vocabulary import Need
from tests.integration.interventions_harness import (
    MERIDIAN,
    NORTHSTAR,
    PROGRAMME,
    agreed_with_providers,
    intervention_of,
    interventions_service,
)

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


async def test_a_provider_is_refused_everything_about_another_providers_work(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING, Need.TRAUMA])
        mentoring = intervention_of(plan, "MENTORING")  # Northstar's
        psychological = intervention_of(plan, "PSYCHOLOGICAL_SUPPORT")
        offer = ProviderAssignmentSubmitted(case_id=case_id, intervention_id=psychological, provider=NORTHSTAR)
        await service.send(PROGRAMME, offer, case_id)
        session_id = uuid4()
        await service.send(
            NORTHSTAR,
            SessionScheduleSubmitted(
                case_id=case_id,
                intervention_id=mentoring,
                session_id=session_id,
                starts_at=now - timedelta(hours=2),
                duration_minutes=60,
            ),
            case_id,
        )
        attendance = AttendanceSubmitted(
            case_id=case_id,
            session_id=session_id,
            occurred_at=now - timedelta(hours=2),
            outcome="ATTENDED",
            engagement_rating=4,
        )
        await service.send(NORTHSTAR, attendance, case_id)
        await service.emitted(case_id, "ddp.session.attended", 1)
        await service.emitted(case_id, "ddp.provider.assigned", 3)

        trespasses = [
            AssignmentResponseSubmitted(case_id=case_id, intervention_id=psychological, response="ACCEPT"),
            SessionScheduleSubmitted(
                case_id=case_id,
                intervention_id=mentoring,
                session_id=uuid4(),
                starts_at=now + timedelta(days=1),
                duration_minutes=60,
            ),
            SessionRescheduleSubmitted(
                case_id=case_id,
                session_id=session_id,
                starts_at=now + timedelta(days=2),
                requested_by="PROVIDER",
                reason="OTHER",
            ),
            SessionCancellationSubmitted(
                case_id=case_id, session_id=session_id, cancelled_by="PROVIDER", reason="OTHER"
            ),
            AttendanceSubmitted(
                **attendance.model_dump(exclude={"outcome", "engagement_rating", "absence_category"}),
                outcome="ABSENT",
                absence_category="UNACCEPTABLE",
            ),
            AttendanceCorrectionSubmitted(
                **attendance.model_dump(exclude={"outcome", "engagement_rating", "absence_category"}),
                outcome="ABSENT",
                absence_category="UNACCEPTABLE",
                correction_reason="RECORDING_ERROR",
            ),
            InterventionCompletionSubmitted(case_id=case_id, intervention_id=mentoring, outcome="ENDED_EARLY"),
        ]
        sent = [await service.send(MERIDIAN, message, case_id) for message in trespasses]
        refused = await service.rejections(MERIDIAN, len(trespasses))
        # Northstar, meanwhile, still does its own work.
        await service.send(NORTHSTAR, trespasses[0], case_id)
        await service.emitted(case_id, "ddp.provider.assignment_accepted", 3)
        northstar_told = await service.all_of("ddp.outbound.provider-northstar")
        northstar_refusals = [e for e in northstar_told if e.event.type == "ddp.inbound.rejected"]
        emitted = [e.event.type for e in await service.all_of("ddp.interventions.events") if e.key == str(case_id)]
        summary = await service.in_database(lambda s: progress_for_case(s, case_id))

    by_event = {r.event.data["rejected_event_id"]: r.event.data for r in refused}
    assert set(by_event) == {str(envelope.id) for envelope in sent}
    for envelope in sent:
        rejection = by_event[str(envelope.id)]
        assert [r["code"] for r in rejection["reasons"]] == ["NOT_ASSIGNED_PROVIDER"], envelope.type
        assert rejection["rejected_event_type"] == envelope.type
    assert northstar_refusals == []
    assert {e.event.type for e in northstar_told} == {"ddp.provider.assigned"}, "told of its own assignments"
    for effect in (
        "ddp.session.rescheduled",
        "ddp.session.cancelled",
        "ddp.session.missed",
        "ddp.attendance.corrected",
        "ddp.intervention.completed",
    ):
        assert effect not in emitted
    assert emitted.count("ddp.session.scheduled") == 1
    assert (summary.sessions_attended, summary.missed_unacceptable) == (1, 0)


async def test_after_a_move_the_former_provider_only_reports_the_sessions_it_held(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring = intervention_of(plan, "MENTORING")  # Northstar's
        held, due = uuid4(), uuid4()
        for session_id, starts_at in ((held, now - timedelta(hours=2)), (due, now + timedelta(days=1))):
            schedule = SessionScheduleSubmitted(
                case_id=case_id,
                intervention_id=mentoring,
                session_id=session_id,
                starts_at=starts_at,
                duration_minutes=60,
            )
            await service.send(NORTHSTAR, schedule, case_id)
        await service.emitted(case_id, "ddp.session.scheduled", 2)
        move = ProviderAssignmentSubmitted(case_id=case_id, intervention_id=mentoring, provider=MERIDIAN)
        await service.send(PROGRAMME, move, case_id)
        [called_off] = await service.emitted(case_id, "ddp.session.cancelled", 1)

        absent = AttendanceSubmitted(
            case_id=case_id,
            session_id=held,
            occurred_at=now - timedelta(hours=2),
            outcome="ABSENT",
            absence_category="UNACCEPTABLE",
        )
        refused_moves = [
            (
                NORTHSTAR,
                SessionCancellationSubmitted(case_id=case_id, session_id=held, cancelled_by="PROVIDER", reason="OTHER"),
                "PROVIDER_REASSIGNED",
            ),
            (
                NORTHSTAR,
                SessionRescheduleSubmitted(
                    case_id=case_id,
                    session_id=held,
                    starts_at=now + timedelta(days=2),
                    requested_by="PROVIDER",
                    reason="OTHER",
                ),
                "PROVIDER_REASSIGNED",
            ),
            (
                NORTHSTAR,
                absent.model_copy(update={"session_id": due, "occurred_at": now - timedelta(minutes=1)}),
                "SESSION_NOT_SCHEDULED",
            ),
            (
                NORTHSTAR,
                InterventionCompletionSubmitted(case_id=case_id, intervention_id=mentoring, outcome="ENDED_EARLY"),
                "NOT_ASSIGNED_PROVIDER",
            ),
            (MERIDIAN, absent, "NOT_ASSIGNED_PROVIDER"),
        ]
        sent = {(await service.send(agency, message, case_id)).id: code for agency, message, code in refused_moves}
        # The session it held is Northstar's to report, after the move too.
        await service.send(NORTHSTAR, absent, case_id)
        [missed] = await service.emitted(case_id, "ddp.session.missed", 1)
        refusals = await service.rejections(NORTHSTAR, 4) + await service.rejections(MERIDIAN, 1)

    assert (called_off.event.data["session_id"], called_off.event.data["reason"]) == (str(due), "PROVIDER_REASSIGNED")
    assert called_off.event.data["cancelled_by"] == "PROVIDER"
    assert missed.event.data["session_id"] == str(held)
    by_event = {r.event.data["rejected_event_id"]: [c["code"] for c in r.event.data["reasons"]] for r in refusals}
    assert by_event == {str(event_id): [code] for event_id, code in sent.items()}
