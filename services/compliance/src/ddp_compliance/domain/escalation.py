"""An escalation: a situation that reached a ladder step, addressed to its recipients, and its decision."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.instances import Instance
from ddp_schemas.events.compliance_vocabulary import LadderStep


@dataclass(frozen=True)
class Decision:
    decision: str
    decided_by: str
    deciding_role: str
    decided_at: datetime
    rationale_given: bool


@dataclass(frozen=True)
class Escalation:
    escalation_id: UUID
    case_id: UUID
    rule: str
    step: LadderStep
    window_start: date
    policy_version: str
    mandate_type: str
    referred_to: tuple[str, ...]
    raised_at: datetime
    decision_due_by: datetime | None
    evidence: tuple[Instance, ...]
    decision: Decision | None = None
    overdue_flags: int = 0
    last_flagged_at: datetime | None = None

    @property
    def awaits_decision(self) -> bool:
        return self.step is LadderStep.BREACH_REFERRAL and self.decision is None

    def overdue_flag_due(self, now: datetime, reflag_hours: int) -> bool:
        """Past the decision limit and never flagged, or flagged longer ago than the re-flag interval."""
        if not self.awaits_decision or self.decision_due_by is None or now <= self.decision_due_by:
            return False
        if self.last_flagged_at is None:
            return True
        return (now - self.last_flagged_at).total_seconds() >= reflag_hours * 3600
