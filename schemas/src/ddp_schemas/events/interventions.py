"""Plan and provider events the interventions service writes on ``ddp.interventions.events``. Keyed by ``case_id``."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.session_vocabulary import CompletionOutcome, DeclineReason
from ddp_schemas.events.vocabulary import Agency, InterventionKind, Need, PlannedIntervention


class PlanDrafted(Event):
    """A draft intervention plan for a newly opened case, from the drafting rules."""

    event_type: ClassVar[str] = "ddp.plan.drafted"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID
    interventions: list[PlannedIntervention] = Field(min_length=1)
    drafting_rules_version: str


class PlanAgreed(Event):
    """The programme team agreed the plan; these are the interventions to deliver."""

    event_type: ClassVar[str] = "ddp.plan.agreed"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID
    interventions: list[PlannedIntervention] = Field(min_length=1)


class PlanAdjusted(Event):
    """The programme team added or withdrew interventions; ``interventions`` is the plan now."""

    event_type: ClassVar[str] = "ddp.plan.adjusted"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID
    added: list[PlannedIntervention]
    withdrawn: list[UUID]
    interventions: list[PlannedIntervention]


class PlanPaused(Event):
    """The case was suspended: no sessions are scheduled or held until it resumes."""

    event_type: ClassVar[str] = "ddp.plan.paused"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID


class PlanResumed(Event):
    """The case resumed after a suspension: sessions may be scheduled again."""

    event_type: ClassVar[str] = "ddp.plan.resumed"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID


class PlanEnded(Event):
    """The case closed: the plan ends; attendance from before the end is still accepted."""

    event_type: ClassVar[str] = "ddp.plan.ended"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID


class PlanReviewRequested(Event):
    """The plan should be adjusted: a case review asked for it (``review_id``), or the person's assessed
    needs changed (``assessed_needs``, the needs now). The programme team adjusts and agrees it again.

    Also on the programme team's outbound topic. Sessions go on meanwhile under the agreed plan.
    """

    event_type: ClassVar[str] = "ddp.plan.review_requested"
    version: ClassVar[int] = 1

    plan_id: UUID
    case_id: UUID
    review_id: UUID | None = None
    assessed_needs: list[Need] | None = None


class ProviderAssigned(Event):
    """An intervention was offered to a provider; ``replaces`` is the provider it had before, if any."""

    event_type: ClassVar[str] = "ddp.provider.assigned"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    kind: InterventionKind
    provider: Agency
    replaces: Agency | None = None


class ProviderAssignmentAccepted(Event):
    """The provider accepted the intervention and may now schedule its sessions."""

    event_type: ClassVar[str] = "ddp.provider.assignment_accepted"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    provider: Agency


class ProviderAssignmentDeclined(Event):
    """The provider declined the intervention; the programme team assigns another."""

    event_type: ClassVar[str] = "ddp.provider.assignment_declined"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    provider: Agency
    reason: DeclineReason


class InterventionCompleted(Event):
    """The provider delivered the intervention to its end."""

    event_type: ClassVar[str] = "ddp.intervention.completed"
    version: ClassVar[int] = 1

    case_id: UUID
    intervention_id: UUID
    kind: InterventionKind
    provider: Agency
    outcome: CompletionOutcome
