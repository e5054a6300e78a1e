"""The attendance path: cases made ready as the programme team and a provider would, then one
unacceptable absence each, reported at once.

Each case's plan is agreed and its mentoring assigned to a provider, who accepts it and schedules
a session on the mandate's second day (inside the induction period, so that the absence is
referred to probation as a possible breach at once: docs/compliance-policy.md). The absences are
what is timed, to the last breach referral raised.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID, uuid4

from ddp_schemas.events.programme_inbound import PlanAgreementSubmitted, ProviderAssignmentSubmitted
from ddp_schemas.events.provider_inbound import (
    AssignmentResponseSubmitted,
    AttendanceSubmitted,
    SessionScheduleSubmitted,
)
from ddp_testkit.bench.referral_load import Outgoing, outgoing

PROGRAMME_TEAM = "programme-team"
PROVIDER = "provider-northstar"
ASSIGNED = b"ddp.provider.assigned"
SCHEDULED = b"ddp.session.scheduled"
BREACH_REFERRED = b"ddp.compliance.breach_referral_raised"
SESSION_DAY = 2  # of the mandate: inside its induction period


@dataclass(frozen=True)
class ReadyCase:
    case_id: UUID
    plan_id: UUID
    mentoring_id: UUID
    session_id: UUID
    session_at: datetime


def ready_cases(drafted_plans: list[bytes], mandates_start: date) -> list[ReadyCase]:
    """A case per ``ddp.plan.drafted`` value: the ids the next messages name."""
    at = datetime.combine(mandates_start + timedelta(days=SESSION_DAY), time(10), tzinfo=UTC)
    cases = []
    for value in drafted_plans:
        plan = json.loads(value)
        mentoring = next(i["intervention_id"] for i in plan["interventions"] if i["kind"] == "MENTORING")
        cases.append(ReadyCase(UUID(plan["case_id"]), UUID(plan["plan_id"]), UUID(mentoring), uuid4(), at))
    return cases


def programme_team_decisions(cases: list[ReadyCase]) -> list[Outgoing]:
    """Agree each plan, then assign its mentoring (one topic, one key: in that order)."""
    messages = []
    for case in cases:
        key = str(case.case_id)
        messages.append(
            outgoing(PROGRAMME_TEAM, PlanAgreementSubmitted(case_id=case.case_id, plan_id=case.plan_id), key)
        )
        assign = ProviderAssignmentSubmitted(case_id=case.case_id, intervention_id=case.mentoring_id, provider=PROVIDER)
        messages.append(outgoing(PROGRAMME_TEAM, assign, key))
    return messages


def provider_schedules(cases: list[ReadyCase]) -> list[Outgoing]:
    """Accept each assignment, then schedule its session (one topic, one key: in that order)."""
    messages = []
    for case in cases:
        key = str(case.case_id)
        accept = AssignmentResponseSubmitted(case_id=case.case_id, intervention_id=case.mentoring_id, response="ACCEPT")
        schedule = SessionScheduleSubmitted(
            case_id=case.case_id,
            intervention_id=case.mentoring_id,
            session_id=case.session_id,
            starts_at=case.session_at,
            duration_minutes=60,
        )
        messages += [outgoing(PROVIDER, accept, key), outgoing(PROVIDER, schedule, key)]
    return messages


def absences(cases: list[ReadyCase]) -> list[Outgoing]:
    """One unacceptable absence per case, from its session."""
    return [
        outgoing(
            PROVIDER,
            AttendanceSubmitted(
                case_id=case.case_id,
                session_id=case.session_id,
                occurred_at=case.session_at,
                outcome="ABSENT",
                absence_category="UNACCEPTABLE",
            ),
            str(case.case_id),
        )
        for case in cases
    ]
