"""What the interventions service is asked to do, in the domain's terms (translated from the wire at the edge).

One command per inbound type. ``provider`` is always the sender (the owner of the inbound topic the
message came on), never a field it filled in: a provider acts only on its own work.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.sessions import AttendanceFacts, Party

# --- what other services say about the case ---------------------------------------------------


@dataclass(frozen=True)
class DraftPlan:
    case_id: UUID
    assessed_needs: tuple[str, ...]


@dataclass(frozen=True)
class PausePlan:
    """Suspended from ``occurred_at``: the start of the recall date."""

    case_id: UUID
    occurred_at: datetime


@dataclass(frozen=True)
class ResumePlan:
    """Suspended until ``occurred_at``: the end of the release date."""

    case_id: UUID
    occurred_at: datetime


@dataclass(frozen=True)
class EndPlan:
    """Closed from ``occurred_at``: the start of the first day the case no longer ran."""

    case_id: UUID
    occurred_at: datetime


@dataclass(frozen=True)
class ReviewPlanForNeeds:
    """The person's needs were assessed again (None: only the MAPPA category or level changed)."""

    case_id: UUID
    assessed_needs: tuple[str, ...] | None


@dataclass(frozen=True)
class ReviewPlan:
    """A case review's outcome; only one that asks for the plan to be adjusted changes anything."""

    case_id: UUID
    review_id: UUID
    adjustment_asked: bool


# --- the programme team's decisions ---------------------------------------------------------------


@dataclass(frozen=True)
class AgreePlan:
    case_id: UUID
    plan_id: UUID


@dataclass(frozen=True)
class AdjustPlan:
    case_id: UUID
    plan_id: UUID
    add: tuple[tuple[InterventionKind, tuple[str, ...]], ...]  # (kind, needs it addresses)
    withdraw: tuple[UUID, ...]


@dataclass(frozen=True)
class AssignProvider:
    case_id: UUID
    intervention_id: UUID
    provider: str  # the provider chosen by the programme team


# --- a provider's work ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerAssignment:
    case_id: UUID
    intervention_id: UUID
    provider: str
    accept: bool
    decline_reason: str | None = None


@dataclass(frozen=True)
class ScheduleSession:
    case_id: UUID
    intervention_id: UUID
    session_id: UUID
    provider: str
    starts_at: datetime
    duration_minutes: int


@dataclass(frozen=True)
class RescheduleSession:
    case_id: UUID
    session_id: UUID
    provider: str
    starts_at: datetime
    requested_by: Party
    reason: str


@dataclass(frozen=True)
class CancelSession:
    case_id: UUID
    session_id: UUID
    provider: str
    cancelled_by: Party
    reason: str


@dataclass(frozen=True)
class RecordAttendance:
    case_id: UUID
    session_id: UUID
    provider: str
    facts: AttendanceFacts


@dataclass(frozen=True)
class CorrectAttendance:
    case_id: UUID
    session_id: UUID
    provider: str
    facts: AttendanceFacts
    reason: str


@dataclass(frozen=True)
class CompleteIntervention:
    case_id: UUID
    intervention_id: UUID
    provider: str
    outcome: str
