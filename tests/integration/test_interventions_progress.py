"""A case's progress over the service's HTTP port, after real provider messages over real Kafka."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import httpx
import pytest

from ddp_schemas.events.provider_inbound import (
    AttendanceCorrectionSubmitted,
    AttendanceSubmitted,
    InterventionCompletionSubmitted,
    SessionCancellationSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.events.vocabulary import Need
from tests.integration.interventions_harness import (
    MERIDIAN,
    NORTHSTAR,
    Interventions,
    agreed_with_providers,
    intervention_of,
    interventions_served,
)
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

NOTES = "Quillon-sensitive-note: talked about the family court"  # never in what the service answers


async def schedule(service: Interventions, provider: str, case_id: UUID, intervention_id: UUID, at: datetime) -> UUID:
    session_id = uuid4()
    message = SessionScheduleSubmitted(
        case_id=case_id, intervention_id=intervention_id, session_id=session_id, starts_at=at, duration_minutes=60
    )
    await service.send(provider, message, case_id)
    return session_id


async def test_a_cases_progress_is_read_over_http_after_the_providers_reports(kafka, namespace, database_url):
    now = datetime.now(UTC)
    async with interventions_served(kafka, namespace, database_url) as (service, url):
        http = httpx.AsyncClient(base_url=url, timeout=5)
        case_id, plan = await agreed_with_providers(service, [Need.HOUSING])
        mentoring, practical = intervention_of(plan, "MENTORING"), intervention_of(plan, "PRACTICAL_SUPPORT")
        before = (await http.get("/case-progress", params={"case_id": str(case_id)})).json()

        times = {days: now - timedelta(days=days) for days in (5, 4, 3, 2)}
        attended = await schedule(service, NORTHSTAR, case_id, mentoring, times[5])
        late = await schedule(service, NORTHSTAR, case_id, mentoring, times[4])
        missed = await schedule(service, NORTHSTAR, case_id, mentoring, times[3])
        called_off = await schedule(service, NORTHSTAR, case_id, mentoring, now + timedelta(days=3))
        await schedule(service, NORTHSTAR, case_id, mentoring, now + timedelta(days=7))  # offered, still to come
        corrected = await schedule(service, MERIDIAN, case_id, practical, times[2])
        await service.emitted(case_id, "ddp.session.scheduled", 6)

        def report(session_id: UUID, days: int, **outcome: object) -> AttendanceSubmitted:
            return AttendanceSubmitted(case_id=case_id, session_id=session_id, occurred_at=times[days], **outcome)

        for message in (
            report(attended, 5, outcome="ATTENDED", engagement_rating=4, concern=True, notes=NOTES),
            report(late, 4, outcome="LATE", engagement_rating=3),
            report(missed, 3, outcome="ABSENT", absence_category="UNACCEPTABLE"),
            SessionCancellationSubmitted(
                case_id=case_id, session_id=called_off, cancelled_by="PROVIDER", reason="PRACTITIONER_UNAVAILABLE"
            ),
        ):
            await service.send(NORTHSTAR, message, case_id)
        logistical = report(corrected, 2, outcome="ABSENT", absence_category="LOGISTICAL", notes=NOTES)
        await service.send(MERIDIAN, logistical, case_id)
        await service.send(
            MERIDIAN,
            AttendanceCorrectionSubmitted(
                **logistical.model_dump(exclude={"absence_category"}),
                absence_category="ACCEPTABLE",
                correction_reason="ABSENCE_EVIDENCE_RECEIVED",
            ),
            case_id,
        )
        await service.send(
            MERIDIAN,
            InterventionCompletionSubmitted(case_id=case_id, intervention_id=practical, outcome="OBJECTIVES_MET"),
            case_id,
        )

        async def settled() -> httpx.Response | None:
            # Both providers' last messages applied: each provider's inbound topic is read on its own
            # pace, so one provider's completion says nothing of the other's cancellation.
            answer = await http.get("/case-progress", params={"case_id": str(case_id)})
            body = answer.json()
            return answer if body["interventions_completed"] == 1 and body["sessions"]["offered"] == 5 else None

        answer = await eventually(settled, timeout=30)
        unknown = await http.get("/case-progress", params={"case_id": str(uuid4())})
        malformed = await http.get("/case-progress", params={"case_id": "not-a-case"})
        missing = await http.get("/case-progress")
        posted = await http.post("/case-progress", params={"case_id": str(case_id)})
        await http.aclose()

    assert before["plan_status"] == "AGREED" and before["sessions"]["offered"] == 0
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    progress = answer.json()
    latest = progress.pop("latest_session")
    assert progress == {
        "case_id": str(case_id),
        "plan_status": "AGREED",
        "sessions": {
            "offered": 5,  # six scheduled, one called off by the provider
            "attended": 2,
            "late": 1,
            "missed": {"acceptable": 1, "unacceptable": 1, "logistical": 0},  # the logistical one was corrected
        },
        "concerns": 1,
        "interventions_completed": 1,
    }
    assert (datetime.fromisoformat(latest["occurred_at"]), latest["outcome"]) == (times[2], "ABSENT")
    assert "Quillon" not in answer.text
    assert (unknown.status_code, unknown.json()) == (404, {"error": "UNKNOWN_CASE"})
    assert (malformed.status_code, missing.status_code, posted.status_code) == (400, 400, 405)
    assert "not-a-case" not in malformed.text
