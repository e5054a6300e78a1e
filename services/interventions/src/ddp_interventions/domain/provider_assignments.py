"""A provider's answers about the interventions assigned to it: accept, decline, complete."""

from uuid import UUID

from ddp_interventions.domain import events
from ddp_interventions.domain.intervention import InterventionStatus
from ddp_interventions.domain.plan import Plan
from ddp_interventions.domain.refusal import Refusal


def answer_assignment(plan: Plan, provider: str, intervention_id: UUID, accept: bool, reason: str | None) -> None:
    """Only the provider an intervention is offered to may accept or decline it, once."""
    plan.require_not_closed()
    intervention = plan.intervention(intervention_id)
    if intervention.provider != provider:
        raise Refusal("NOT_ASSIGNED_PROVIDER", "intervention_id")
    if intervention.status is not InterventionStatus.OFFERED:
        raise Refusal("ASSIGNMENT_NOT_PENDING", "intervention_id")
    if accept:
        intervention.status = InterventionStatus.ACCEPTED
        plan.events.append(events.ProviderAssignmentAccepted(plan.case_id, intervention_id, provider))
    else:
        intervention.status = InterventionStatus.DECLINED
        plan.events.append(
            events.ProviderAssignmentDeclined(plan.case_id, intervention_id, provider, reason or "OTHER")
        )


def complete_intervention(plan: Plan, provider: str, intervention_id: UUID, outcome: str) -> None:
    plan.require_not_closed()
    intervention = plan.intervention(intervention_id)
    intervention.require_delivered_by(provider)
    intervention.status = InterventionStatus.COMPLETED
    plan.events.append(
        events.InterventionCompleted(plan.case_id, intervention_id, intervention.kind, provider, outcome)
    )
