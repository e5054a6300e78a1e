"""What happened to a case's plan and its providers (session events in ``session_events``).

Past tense; pseudonymous ids only. Field names follow the wire events, so translation to the
wire is mechanical. ``DomainEvent`` is every event the plan aggregate records.
"""

from dataclasses import dataclass
from uuid import UUID

from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.intervention import Intervention
from ddp_interventions.domain.session_events import (
    AttendanceCorrected,
    EngagementConcernRaised,
    SessionAttended,
    SessionCancelled,
    SessionMissed,
    SessionRescheduled,
    SessionScheduled,
)


@dataclass(frozen=True)
class PlanDrafted:
    plan_id: UUID
    case_id: UUID
    interventions: tuple[Intervention, ...]
    rules_version: str


@dataclass(frozen=True)
class PlanAgreed:
    plan_id: UUID
    case_id: UUID
    interventions: tuple[Intervention, ...]


@dataclass(frozen=True)
class PlanAdjusted:
    plan_id: UUID
    case_id: UUID
    added: tuple[Intervention, ...]
    withdrawn: tuple[UUID, ...]
    interventions: tuple[Intervention, ...]


@dataclass(frozen=True)
class PlanPaused:
    plan_id: UUID
    case_id: UUID


@dataclass(frozen=True)
class PlanResumed:
    plan_id: UUID
    case_id: UUID


@dataclass(frozen=True)
class PlanEnded:
    plan_id: UUID
    case_id: UUID


@dataclass(frozen=True)
class PlanReviewRequested:
    """Asked for by a case review (``review_id``) or by needs assessed again (``assessed_needs``, now)."""

    plan_id: UUID
    case_id: UUID
    review_id: UUID | None
    assessed_needs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ProviderAssigned:
    case_id: UUID
    intervention_id: UUID
    kind: InterventionKind
    provider: str
    replaces: str | None


@dataclass(frozen=True)
class ProviderAssignmentAccepted:
    case_id: UUID
    intervention_id: UUID
    provider: str


@dataclass(frozen=True)
class ProviderAssignmentDeclined:
    case_id: UUID
    intervention_id: UUID
    provider: str
    reason: str


@dataclass(frozen=True)
class InterventionCompleted:
    case_id: UUID
    intervention_id: UUID
    kind: InterventionKind
    provider: str
    outcome: str


DomainEvent = (
    PlanDrafted
    | PlanAgreed
    | PlanAdjusted
    | PlanPaused
    | PlanResumed
    | PlanEnded
    | PlanReviewRequested
    | ProviderAssigned
    | ProviderAssignmentAccepted
    | ProviderAssignmentDeclined
    | InterventionCompleted
    | SessionScheduled
    | SessionRescheduled
    | SessionCancelled
    | SessionAttended
    | SessionMissed
    | EngagementConcernRaised
    | AttendanceCorrected
)
