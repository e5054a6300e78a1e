"""What happened in the compliance domain. Past tense; no personal data, no free text from senders.

Each event names the agencies it is addressed to where it has any (``referred_to``, ``chaired_by``);
adapters/outbound_translation.py turns it into the wire event.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.review_pack import ReviewPack
from ddp_compliance.domain.vocabulary import (
    BreachDecision,
    DecidingRole,
    InstanceCategory,
    LadderStep,
    MandateType,
    ReviewOutcome,
    WithdrawalReason,
)


@dataclass(frozen=True)
class RecordOpened:
    case_id: UUID
    mandate_type: MandateType
    responsible_authority: str
    participation_required: bool
    escalation_possible: bool
    policy_version: str


@dataclass(frozen=True)
class NonComplianceRecorded:
    case_id: UUID
    instance_id: UUID
    source_event_type: str
    category: InstanceCategory
    occurred_at: datetime


@dataclass(frozen=True)
class NonComplianceWithdrawn:
    """An instance stopped counting: corrected, or a fact reported later puts it outside what counts."""

    case_id: UUID
    instance_id: UUID
    reason: WithdrawalReason
    caused_by_event_id: UUID | None


@dataclass(frozen=True)
class EscalationRaised:
    """A situation reached a ladder step: a warning, a breach referral or an engagement concern."""

    escalation_id: UUID
    case_id: UUID
    step: LadderStep
    mandate_type: MandateType
    referred_to: tuple[str, ...]
    rule: str
    policy_version: str
    window_start: date
    evidence: tuple[Instance, ...]
    raised_at: datetime
    decision_due_by: datetime | None


@dataclass(frozen=True)
class EscalationEvidenceWithdrawn:
    """An event behind an escalation stopped counting, but what remains still reaches its rung: the
    escalation stands, and its recipients are told."""

    escalation_id: UUID
    case_id: UUID
    withdrawn_event_id: UUID
    reason: WithdrawalReason
    caused_by_event_id: UUID | None
    referred_to: tuple[str, ...]


@dataclass(frozen=True)
class EscalationWithdrawn:
    """Evidence an escalation relied on stopped counting and what remains does not reach its rung."""

    escalation_id: UUID
    case_id: UUID
    step: LadderStep
    reason: WithdrawalReason
    withdrawn_event_ids: tuple[UUID, ...]
    caused_by_event_id: UUID | None
    withdrawn_at: datetime
    referred_to: tuple[str, ...]


@dataclass(frozen=True)
class BreachDecisionRecorded:
    escalation_id: UUID
    case_id: UUID
    decision: BreachDecision
    decided_by: str
    deciding_role: DecidingRole
    rationale_given: bool
    decided_at: datetime
    referred_to: tuple[str, ...]


@dataclass(frozen=True)
class BreachReferralOverdue:
    escalation_id: UUID
    case_id: UUID
    referred_to: tuple[str, ...]
    decision_due_by: datetime
    flagged_at: datetime
    times_flagged: int


@dataclass(frozen=True)
class ReviewScheduled:
    review_id: UUID
    case_id: UUID
    sequence: int
    due_on: date
    chaired_by: str
    policy_version: str


@dataclass(frozen=True)
class ReviewDue:
    review_id: UUID
    case_id: UUID
    due_on: date
    chaired_by: str


@dataclass(frozen=True)
class ReviewPackIssued:
    review_id: UUID
    case_id: UUID
    due_on: date
    chaired_by: str
    pack: ReviewPack


@dataclass(frozen=True)
class ReviewOverdue:
    review_id: UUID
    case_id: UUID
    due_on: date
    chaired_by: str
    flagged_at: datetime


@dataclass(frozen=True)
class ReviewOutcomeRecorded:
    review_id: UUID
    case_id: UUID
    outcome: ReviewOutcome
    chaired_by: str
    chairing_role: DecidingRole
    reviewed_on: date


DomainEvent = (
    RecordOpened
    | NonComplianceRecorded
    | NonComplianceWithdrawn
    | EscalationRaised
    | EscalationEvidenceWithdrawn
    | EscalationWithdrawn
    | BreachDecisionRecorded
    | BreachReferralOverdue
    | ReviewScheduled
    | ReviewDue
    | ReviewPackIssued
    | ReviewOverdue
    | ReviewOutcomeRecorded
)
