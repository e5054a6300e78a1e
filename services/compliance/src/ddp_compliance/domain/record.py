"""The compliance record aggregate: what compliance follows for one case."""

from dataclasses import dataclass, field
from datetime import date
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
    mandate_starts_on: date | None = None
    mappa_level: int | None = None
    closed: bool = False
    events: list[RecordOpened] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        case_id: UUID,
        mandate_type: str,
        responsible_authority: str,
        participation_required: bool,
        policy: Policy,
        mandate_starts_on: date | None = None,
        mappa_level: int | None = None,
    ) -> "ComplianceRecord":
        escalation_possible = policy.can_escalate(mandate_type, participation_required)
        record = cls(
            case_id,
            mandate_type,
            responsible_authority,
            participation_required,
            escalation_possible,
            policy.version,
            mandate_starts_on,
            mappa_level,
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

    def referred_to(self, policy: Policy) -> list[str]:
        """Who hears of an escalation: the policy's authorities, or the programme team when it cannot escalate."""
        if not self.escalation_possible:
            return ["programme-team"]
        return [agency.value for agency in policy.mandates[self.mandate_type].refer_to]

    def review_chair(self) -> str:
        """The responsible authority chairs the case's reviews, alongside the programme team and providers."""
        return self.responsible_authority
