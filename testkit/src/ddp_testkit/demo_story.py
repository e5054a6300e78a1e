"""The demo's licence case walked the whole way, as each agency would send it.

The programme team agrees the drafted plan and assigns its mentoring to a provider, who accepts,
schedules three sessions, reports one attended and two unacceptable absences; compliance
recommends a warning, then refers the breach to probation; probation decides on recall, reports
the recall (the case is suspended) and the release (it resumes). Every message carries the
referral's correlation id, so the whole story is one timeline, and each step waits for its effect
before the next is sent, as an agency reacting to the platform would.
"""

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from ddp_cli.topic_reader import ObservedEvent, TopicReader
from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.event import Event
from ddp_schemas.events.authority_inbound import BreachDecisionSubmitted
from ddp_schemas.events.compliance_vocabulary import BreachDecision, DecidingRole
from ddp_schemas.events.inbound import CustodyStatus, CustodyStatusChanged, ReferralSubmitted
from ddp_schemas.events.programme_inbound import PlanAgreementSubmitted, ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import (
    AssignmentResponseSubmitted,
    AttendanceSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.events.vocabulary import Agency
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.agency_client import AgencyClient

PROVIDER = Agency.PROVIDER_NORTHSTAR

# Every type the walk waits for, in the order it happens (beside the referral's own).
STORY = {
    "ddp.plan.agreed",
    "ddp.provider.assigned",
    "ddp.provider.assignment_accepted",
    "ddp.session.scheduled",
    "ddp.session.attended",
    "ddp.session.missed",
    "ddp.compliance.warning_recommended",
    "ddp.compliance.breach_referral_raised",
    "ddp.compliance.breach_decision_recorded",
    "ddp.case.suspended",
    "ddp.case.resumed",
}


class StoryFeed:
    """Sends one agency message at a time and waits for the effect it must have."""

    def __init__(
        self,
        kafka: KafkaEndpoint,
        namespace: TopicNamespace,
        reader: TopicReader,
        observe: Callable[[ObservedEvent], None],
        seen: list[ObservedEvent],
        correlation: UUID,
        emit: Callable[[str], None],
        deadline: float,
    ) -> None:
        self._kafka, self._namespace, self._reader = kafka, namespace, reader
        self._observe, self._seen, self._correlation = observe, seen, correlation
        self._emit, self._deadline = emit, deadline

    async def effect(self, event_type: str, about: Callable[[dict[str, Any]], bool] = lambda data: True) -> dict:
        """The data of the first event of ``event_type`` in this story (waiting for it if need be)."""
        while True:
            for observed in self._seen:
                e = observed.event
                if e.correlationid == self._correlation and e.type == event_type and about(e.data):
                    return dict(e.data)
            if time.monotonic() > self._deadline:
                raise TimeoutError(f"no {event_type} in the licence story")
            for observed in await self._reader.batch(timeout_ms=300):
                self._observe(observed)

    async def send(self, agency: str, event: Event, key: str, why: str) -> None:
        async with AgencyClient(self._kafka.access(agency), self._namespace) as client:
            await client.send(event, key=key, correlation_id=self._correlation)
        self._emit(f"[licence (probation)] {agency}: {why} ({event.event_type})")


async def walk_licence_story(feed: StoryFeed, submission: ReferralSubmitted, today: date) -> None:
    """From the drafted plan to the case resumed after recall; raises TimeoutError if a step has no effect."""
    drafted = await feed.effect("ddp.plan.drafted")
    case_id, plan_id = UUID(drafted["case_id"]), UUID(drafted["plan_id"])
    kinds = {i["kind"]: UUID(i["intervention_id"]) for i in drafted["interventions"]}
    mentoring = kinds.get("MENTORING", next(iter(kinds.values())))
    key = str(case_id)

    await feed.send("programme-team", PlanAgreementSubmitted(case_id=case_id, plan_id=plan_id), key, "agrees the plan")
    await feed.effect("ddp.plan.agreed")
    assign = ProviderAssignmentSubmitted(case_id=case_id, intervention_id=mentoring, provider=PROVIDER)
    await feed.send("programme-team", assign, key, f"assigns mentoring to {PROVIDER.value}")
    await feed.effect("ddp.provider.assigned")
    accept = AssignmentResponseSubmitted(case_id=case_id, intervention_id=mentoring, response="ACCEPT")
    await feed.send(PROVIDER.value, accept, key, "accepts the assignment")
    await feed.effect("ddp.provider.assignment_accepted")

    # Three sessions in the last week (the mandate began a year ago, so these count in one window).
    sessions = [(uuid4(), _at(today - timedelta(days=days))) for days in (6, 4, 2)]
    for session_id, starts_at in sessions:
        schedule = SessionScheduleSubmitted(
            case_id=case_id, intervention_id=mentoring, session_id=session_id, starts_at=starts_at, duration_minutes=60
        )
        await feed.send(PROVIDER.value, schedule, key, f"schedules a session on {starts_at.date()}")
        await feed.effect("ddp.session.scheduled", _about_session(session_id))
    (first, first_at), (second, second_at), (third, third_at) = sessions
    came = AttendanceSubmitted(
        case_id=case_id, session_id=first, occurred_at=first_at, outcome="ATTENDED", engagement_rating=4
    )
    await feed.send(PROVIDER.value, came, key, "reports the first session attended")
    await feed.effect("ddp.session.attended")
    for session_id, at, then in ((second, second_at, "warning"), (third, third_at, "breach referral")):
        absent = AttendanceSubmitted(
            case_id=case_id, session_id=session_id, occurred_at=at, outcome="ABSENT", absence_category="UNACCEPTABLE"
        )
        await feed.send(PROVIDER.value, absent, key, f"reports an unacceptable absence (expect a {then})")
        await feed.effect("ddp.session.missed", _about_session(session_id))
    await feed.effect("ddp.compliance.warning_recommended")
    referral = await feed.effect("ddp.compliance.breach_referral_raised")

    decision = BreachDecisionSubmitted(
        escalation_id=UUID(referral["escalation_id"]),
        case_id=case_id,
        decision=BreachDecision.RECALL,
        deciding_role=DecidingRole.SENIOR_PROBATION_OFFICER,
        rationale="Fictional demo rationale: two unacceptable absences after a warning.",
        decided_at=datetime.now(UTC),
    )
    await feed.send("probation", decision, key, "decides on recall")
    await feed.effect("ddp.compliance.breach_decision_recorded")
    reference = submission.agency_reference
    recalled = CustodyStatusChanged(
        agency_reference=reference, effective_on=today - timedelta(days=1), status=CustodyStatus.RECALLED
    )
    await feed.send("probation", recalled, reference, "reports the recall to custody")
    await feed.effect("ddp.case.suspended")
    released = CustodyStatusChanged(agency_reference=reference, effective_on=today, status=CustodyStatus.RELEASED)
    await feed.send("probation", released, reference, "reports the release")
    await feed.effect("ddp.case.resumed")


def _about_session(session_id: UUID) -> Callable[[dict[str, Any]], bool]:
    return lambda data: data.get("session_id") == str(session_id)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
