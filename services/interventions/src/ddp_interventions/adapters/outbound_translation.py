"""Domain to wire, the one place: each domain event becomes its versioned wire event, its key and addressees.

Every event goes on ``ddp.interventions.events`` (the emitter resolves the topics from the registry),
keyed and subjected by its case. What an agency must act on is also addressed to it, on its own
outbound topic (the only platform topic the broker lets it read): the programme team gets the
plan's ids (drafted, adjusted), the providers' answers and review requests; a provider gets the
assignment of an intervention to it. Domain events name their fields as the wire events do, so
most translate field by field; those listing interventions give the wire's ``PlannedIntervention``
(without status or provider).
"""

from dataclasses import fields
from typing import Any

from ddp_interventions.domain import events
from ddp_interventions.domain.intervention import Intervention
from ddp_messaging.emitter import Publication
from ddp_schemas.event import Event
from ddp_schemas.events import interventions as plan_wire
from ddp_schemas.events import sessions as session_wire
from ddp_schemas.events.vocabulary import Agency, InterventionKind, Need, PlannedIntervention

WIRE_TYPES: dict[type, type[Event]] = {
    events.PlanAgreed: plan_wire.PlanAgreed,
    events.PlanAdjusted: plan_wire.PlanAdjusted,
    events.PlanPaused: plan_wire.PlanPaused,
    events.PlanResumed: plan_wire.PlanResumed,
    events.PlanEnded: plan_wire.PlanEnded,
    events.PlanReviewRequested: plan_wire.PlanReviewRequested,
    events.ProviderAssigned: plan_wire.ProviderAssigned,
    events.ProviderAssignmentAccepted: plan_wire.ProviderAssignmentAccepted,
    events.ProviderAssignmentDeclined: plan_wire.ProviderAssignmentDeclined,
    events.InterventionCompleted: plan_wire.InterventionCompleted,
    events.SessionScheduled: session_wire.SessionScheduled,
    events.SessionRescheduled: session_wire.SessionRescheduled,
    events.SessionCancelled: session_wire.SessionCancelled,
    events.SessionAttended: session_wire.SessionAttended,
    events.SessionMissed: session_wire.SessionMissed,
    events.EngagementConcernRaised: session_wire.EngagementConcernRaised,
    events.AttendanceCorrected: session_wire.AttendanceCorrected,
}


# The programme team agrees, adjusts and assigns with the ids these carry, and re-assigns on a decline.
TO_PROGRAMME_TEAM = (
    events.PlanDrafted,
    events.PlanAdjusted,
    events.PlanReviewRequested,
    events.ProviderAssignmentAccepted,
    events.ProviderAssignmentDeclined,
)


def addressees(event: events.DomainEvent) -> tuple[str, ...]:
    if isinstance(event, TO_PROGRAMME_TEAM):
        return (Agency.PROGRAMME_TEAM.value,)
    if isinstance(event, events.ProviderAssigned):
        return (event.provider,)  # the provider answers with its acceptance or its refusal
    return ()


def publication(event: events.DomainEvent) -> Publication:
    """What ``event`` becomes on the wire and to whom it is addressed."""
    case = str(event.case_id)
    return Publication(to_wire(event), key=case, subject=case, to=addressees(event))


def to_wire(event: events.DomainEvent) -> Event:
    if isinstance(event, events.PlanDrafted):
        return plan_drafted(event)
    return WIRE_TYPES[type(event)].model_validate({f.name: _wire_value(getattr(event, f.name)) for f in fields(event)})


def plan_drafted(event: events.PlanDrafted) -> plan_wire.PlanDrafted:
    return plan_wire.PlanDrafted(
        plan_id=event.plan_id,
        case_id=event.case_id,
        interventions=[planned(i) for i in event.interventions],
        drafting_rules_version=event.rules_version,
    )


def planned(intervention: Intervention) -> PlannedIntervention:
    return PlannedIntervention(
        intervention_id=intervention.intervention_id,
        kind=InterventionKind(intervention.kind.value),
        addresses=[Need(n) for n in intervention.addresses],
    )


def _wire_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_wire_value(v) for v in value]
    if isinstance(value, Intervention):
        return planned(value)
    return value
