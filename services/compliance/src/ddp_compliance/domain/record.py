"""The compliance record: the terms under which compliance follows one case."""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.events import RecordOpened
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.vocabulary import PROGRAMME_TEAM, MandateType


@dataclass(frozen=True)
class MandateTerms:
    """What the case's mandate requires, as compliance needs it."""

    type: MandateType
    responsible_authority: str
    participation_required: bool
    starts_on: date


@dataclass
class ComplianceRecord:
    case_id: UUID
    mandate_type: MandateType
    responsible_authority: str
    participation_required: bool
    escalation_possible: bool
    policy_version: str
    mandate_starts_on: date | None = None
    mappa_level: int | None = None
    closed_at: datetime | None = None  # when the platform recorded the closure
    ends_at: datetime | None = None  # when it took effect: nothing from then on counts
    ended_by: UUID | None = None  # the event that reported the closure
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
        """Follow the case under the current policy, noting whether it can ever escalate to breach."""
        escalation_possible = policy.can_escalate(mandate_type, participation_required)
        record = cls(
            case_id,
            MandateType(mandate_type),
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
                record.mandate_type,
                responsible_authority,
                participation_required,
                escalation_possible,
                policy.version,
            )
        )
        return record

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def close(self, ended_by: UUID, ends_at: datetime, at: datetime) -> None:
        """A closed case raises nothing more and has no more reviews; nothing from ``ends_at`` counts."""
        if self.closed_at is None:
            self.closed_at, self.ends_at, self.ended_by = at, ends_at, ended_by

    def change_mandate(self, terms: MandateTerms, policy: Policy) -> None:
        """The mandate's terms decide the ladder, the recipients and the windows from now on."""
        self.mandate_type = terms.type
        self.responsible_authority = terms.responsible_authority
        self.participation_required = terms.participation_required
        self.escalation_possible = policy.can_escalate(terms.type, terms.participation_required)
        self.mandate_starts_on = terms.starts_on

    def referred_to(self, policy: Policy) -> list[str]:
        """Who hears of an escalation: the policy's authorities, or the programme team when it cannot escalate."""
        if not self.escalation_possible:
            return [PROGRAMME_TEAM]
        return list(policy.mandates[self.mandate_type].refer_to)

    def review_chair(self) -> str:
        """The responsible authority chairs the case's reviews, alongside the programme team and providers."""
        return self.responsible_authority

    def review_cadence(self, policy: Policy) -> int:
        """Days between reviews, by mandate type and risk (MAPPA level)."""
        return policy.mandates[self.mandate_type].review.cadence_for(self.mappa_level)
