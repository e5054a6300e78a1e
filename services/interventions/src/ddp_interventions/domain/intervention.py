"""One intervention of a plan: its kind, the needs it addresses, and who delivers it."""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from ddp_interventions.domain.drafting_rules import InterventionKind
from ddp_interventions.domain.refusal import Refusal


class InterventionStatus(StrEnum):
    UNASSIGNED = "UNASSIGNED"
    OFFERED = "OFFERED"  # assigned to a provider that has not answered yet
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"


@dataclass
class Intervention:
    intervention_id: UUID
    kind: InterventionKind
    addresses: tuple[str, ...]
    status: InterventionStatus = InterventionStatus.UNASSIGNED
    provider: str | None = None

    @property
    def active(self) -> bool:
        return self.status not in (InterventionStatus.COMPLETED, InterventionStatus.WITHDRAWN)

    def require_active(self) -> None:
        if not self.active:
            raise Refusal("INTERVENTION_NOT_ACTIVE", "intervention_id")

    def require_delivered_by(self, provider: str) -> None:
        """Only the provider that accepted an active intervention may deliver it."""
        if self.provider != provider:
            raise Refusal("NOT_ASSIGNED_PROVIDER", "intervention_id")
        self.require_active()
        if self.status is not InterventionStatus.ACCEPTED:
            raise Refusal("ASSIGNMENT_NOT_ACCEPTED", "intervention_id")
