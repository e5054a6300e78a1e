"""The battery's second phase, as the programme team and the providers would send it (docs/provider-contract.md).

For every case with a drafted plan: the programme team agrees the plan and assigns its mentoring to a
provider; the provider accepts, schedules two sessions in the case's first week (the policy's
induction period) and reports both as unacceptable absences, so that compliance escalates. Every
provider message is sent twice with one event id, as a redelivery would: a copy must change nothing.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID, uuid4

from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events.programme_inbound import PlanAgreementSubmitted, ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import (
    AssignmentResponseSubmitted,
    AttendanceSubmitted,
    SessionScheduleSubmitted,
)
from ddp_schemas.topics import TopicRegistry

ABSENCE_DAYS = (2, 5)  # days after the mandate starts; the workload's mandates start a week ago or more


@dataclass(frozen=True)
class WorkflowCase:
    """What the programme team reads off ``ddp.interventions.events`` (and the case's start) to act on a case."""

    case_id: UUID
    plan_id: UUID
    mentoring_id: UUID
    starts_on: date


@dataclass(frozen=True)
class ContractMessage:
    """One message an agency sends, and the one effect it must have on ``ddp.interventions.events``."""

    agency: str
    case_id: UUID
    envelope: CloudEvent
    effect: str  # the event type it causes
    effect_key: str  # the data field naming what that effect is about: one effect per value
    copies: int = 1

    @property
    def business_key(self) -> str:
        return str(self.envelope.data[self.effect_key])


def programme_team_messages(cases: list[WorkflowCase], registry: TopicRegistry) -> list[ContractMessage]:
    """Agree each plan, and assign its mentoring to the providers in turn."""
    team, providers = (
        _sends(registry, "ddp.plan.agreement_submitted")[0],
        _sends(registry, "ddp.session.schedule_submitted"),
    )
    messages = []
    for n, case in enumerate(cases):
        agree = PlanAgreementSubmitted(case_id=case.case_id, plan_id=case.plan_id)
        assign = ProviderAssignmentSubmitted(
            case_id=case.case_id, intervention_id=case.mentoring_id, provider=providers[n % len(providers)]
        )
        messages += [
            ContractMessage(team, case.case_id, _envelope(team, agree, case.case_id), "ddp.plan.agreed", "case_id"),
            ContractMessage(
                team, case.case_id, _envelope(team, assign, case.case_id), "ddp.provider.assigned", "intervention_id"
            ),
        ]
    return messages


def provider_messages(cases: list[WorkflowCase], registry: TopicRegistry) -> list[ContractMessage]:
    """Accept, schedule two sessions, report both missed without good reason; each message twice."""
    providers = _sends(registry, "ddp.session.schedule_submitted")
    messages = []
    for n, case in enumerate(cases):
        provider, sessions = providers[n % len(providers)], [uuid4() for _ in ABSENCE_DAYS]
        accept = AssignmentResponseSubmitted(case_id=case.case_id, intervention_id=case.mentoring_id, response="ACCEPT")
        steps: list[tuple[Event, str, str]] = [(accept, "ddp.provider.assignment_accepted", "intervention_id")]
        for session_id, day in zip(sessions, ABSENCE_DAYS, strict=True):
            at = datetime.combine(case.starts_on + timedelta(days=day), time(10), tzinfo=UTC)
            schedule = SessionScheduleSubmitted(
                case_id=case.case_id,
                intervention_id=case.mentoring_id,
                session_id=session_id,
                starts_at=at,
                duration_minutes=60,
            )
            steps.append((schedule, "ddp.session.scheduled", "session_id"))
        for session_id, day in zip(sessions, ABSENCE_DAYS, strict=True):
            at = datetime.combine(case.starts_on + timedelta(days=day), time(10), tzinfo=UTC)
            absent = AttendanceSubmitted(
                case_id=case.case_id,
                session_id=session_id,
                occurred_at=at,
                outcome="ABSENT",
                absence_category="UNACCEPTABLE",
            )
            steps.append((absent, "ddp.session.missed", "session_id"))
        messages += [
            ContractMessage(provider, case.case_id, _envelope(provider, event, case.case_id), effect, key, copies=2)
            for event, effect, key in steps
        ]
    return messages


def _sends(registry: TopicRegistry, event_type: str) -> list[str]:
    """The agencies whose inbound topic carries ``event_type`` (the registry says who may send what)."""
    return sorted(a for a in registry.agencies if registry.topic(registry.inbound_topic(a)).carries(event_type))


def _envelope(agency: str, event: Event, case_id: UUID) -> CloudEvent:
    return CloudEvent(
        source=f"/agencies/{agency}",
        type=event.event_type,
        dataversion=event.version,
        subject=str(case_id),
        data=event.model_dump(mode="json"),
    )
