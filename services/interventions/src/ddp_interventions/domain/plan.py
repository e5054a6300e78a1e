"""The intervention plan aggregate; drafted when a case opens."""

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID, uuid4

from ddp_interventions.domain.drafting_rules import DraftingRules, InterventionKind


class PlanStatus(StrEnum):
    DRAFT = "DRAFT"


@dataclass(frozen=True)
class Intervention:
    intervention_id: UUID
    kind: InterventionKind
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class PlanDrafted:
    plan_id: UUID
    case_id: UUID
    interventions: tuple[Intervention, ...]
    rules_version: str


@dataclass
class Plan:
    plan_id: UUID
    case_id: UUID
    status: PlanStatus
    interventions: tuple[Intervention, ...]
    rules_version: str
    events: list[PlanDrafted] = field(default_factory=list)

    @classmethod
    def draft(cls, case_id: UUID, needs: list[str], rules: DraftingRules) -> "Plan":
        interventions = tuple(
            Intervention(uuid4(), kind, tuple(addresses)) for kind, addresses in rules.kinds_for(needs).items()
        )
        plan = cls(uuid4(), case_id, PlanStatus.DRAFT, interventions, rules.version)
        plan.events.append(PlanDrafted(plan.plan_id, case_id, interventions, rules.version))
        return plan
