"""The compliance record aggregate: what compliance follows for one case."""

from dataclasses import dataclass, field
from uuid import UUID

from ddp_compliance.domain.policy import Policy


@dataclass(frozen=True)
class RecordOpened:
    case_id: UUID
    mandate_type: str
    responsible_authority: str
    participation_required: bool
    escalation_possible: bool
    policy_version: str


@dataclass
class ComplianceRecord:
    case_id: UUID
    mandate_type: str
    responsible_authority: str
    participation_required: bool
    escalation_possible: bool
    policy_version: str
    events: list[RecordOpened] = field(default_factory=list)

    @classmethod
    def open(
        cls, case_id: UUID, mandate_type: str, responsible_authority: str, participation_required: bool, policy: Policy
    ) -> "ComplianceRecord":
        escalation_possible = policy.can_escalate(mandate_type, participation_required)
        record = cls(
            case_id, mandate_type, responsible_authority, participation_required, escalation_possible, policy.version
        )
        record.events.append(
            RecordOpened(
                case_id,
                mandate_type,
                responsible_authority,
                participation_required,
                escalation_possible,
                policy.version,
            )
        )
        return record
