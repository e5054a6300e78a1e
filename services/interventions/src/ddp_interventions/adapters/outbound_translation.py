"""Domain to wire for the interventions service."""

from ddp_interventions.domain.plan import PlanDrafted
from ddp_schemas.events.interventions import PlanDrafted as PlanDraftedV1
from ddp_schemas.events.vocabulary import InterventionKind, Need, PlannedIntervention


def plan_drafted(event: PlanDrafted) -> PlanDraftedV1:
    return PlanDraftedV1(
        plan_id=event.plan_id,
        case_id=event.case_id,
        interventions=[
            PlannedIntervention(
                intervention_id=i.intervention_id,
                kind=InterventionKind(i.kind.value),
                addresses=[Need(n) for n in i.addresses],
            )
            for i in event.interventions
        ],
        drafting_rules_version=event.rules_version,
    )
