"""Events the compliance service writes on ``ddp.compliance.events``. Keyed by ``case_id``.

Escalations (warning, breach referral, engagement concern) and decisions also go to the
outbound topics of the agencies they are addressed to. Evidence names events by id, type,
time and category only.
"""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from ddp_schemas.event import Event
from ddp_schemas.events.compliance_vocabulary import (
    BreachDecision,
    DecidingRole,
    EvidenceEvent,
    InstanceCategory,
    LadderStep,
    WithdrawalReason,
)
from ddp_schemas.events.vocabulary import Agency, MandateType


class ComplianceRecordOpened(Event):
    """Compliance starts following a case. Only mandated cases can ever escalate."""

    event_type: ClassVar[str] = "ddp.compliance.record_opened"
    version: ClassVar[int] = 1

    case_id: UUID
    mandate_type: MandateType
    responsible_authority: Agency
    participation_required: bool
    escalation_possible: bool
    policy_version: str


class NonComplianceRecorded(Event):
    """A reported event counts as a non-compliance instance; ``instance_id`` is that event's id."""

    event_type: ClassVar[str] = "ddp.compliance.non_compliance_recorded"
    version: ClassVar[int] = 1

    case_id: UUID
    instance_id: UUID
    source_event_type: str
    category: InstanceCategory
    occurred_at: datetime


class NonComplianceWithdrawn(Event):
    """An instance no longer counts: its record was corrected, or a fact reported later (custody, the
    end of the mandate) shows it fell outside what can count. ``caused_by_event_id`` is the event that
    made the difference when there is one; ``corrected_by_event_id`` repeats it for corrections."""

    event_type: ClassVar[str] = "ddp.compliance.non_compliance_withdrawn"
    version: ClassVar[int] = 1

    case_id: UUID
    instance_id: UUID
    corrected_by_event_id: UUID | None = None
    reason_code: WithdrawalReason | None = Field(default=None, description="Absent only on records from before.")
    caused_by_event_id: UUID | None = None


class _Escalation(Event):
    """What every step of the ladder carries: which situation, under which rule, on what evidence.

    ``(case_id, rule, window_start)`` and the event type identify the situation; it escalates once.
    """

    escalation_id: UUID
    case_id: UUID
    mandate_type: MandateType
    referred_to: list[Agency] = Field(min_length=1)
    rule: str
    policy_version: str
    window_start: date
    evidence: list[EvidenceEvent] = Field(min_length=1)
    raised_at: datetime


class WarningRecommended(_Escalation):
    """The ladder's warning step: the responsible authority is advised to warn the person."""

    event_type: ClassVar[str] = "ddp.compliance.warning_recommended"
    version: ClassVar[int] = 1


class BreachReferralRaised(_Escalation):
    """A breach referral to the responsible authority, with its evidence. The authority decides."""

    event_type: ClassVar[str] = "ddp.compliance.breach_referral_raised"
    version: ClassVar[int] = 1

    decision_due_by: datetime


class EngagementConcernFlagged(_Escalation):
    """A case that cannot escalate to breach (voluntary) met a rule: the programme team is told."""

    event_type: ClassVar[str] = "ddp.compliance.engagement_concern_flagged"
    version: ClassVar[int] = 1


class EscalationEvidenceWithdrawn(Event):
    """An event behind an escalation no longer counts (``reason_code``), but what remains still reaches
    its rung: the escalation stands, and its recipients are told."""

    event_type: ClassVar[str] = "ddp.compliance.escalation_evidence_withdrawn"
    version: ClassVar[int] = 1

    escalation_id: UUID
    case_id: UUID
    withdrawn_event_id: UUID
    corrected_by_event_id: UUID | None = None
    reason_code: WithdrawalReason | None = Field(default=None, description="Absent only on records from before.")
    caused_by_event_id: UUID | None = None


class EscalationWithdrawn(Event):
    """An escalation no longer stands: evidence it relied on stopped counting (``withdrawn_event_ids``)
    and what remains does not reach its rung. Its recipients are told why; a decision already taken
    on it is theirs to revisit, and no decision can be recorded on it any more."""

    event_type: ClassVar[str] = "ddp.compliance.escalation_withdrawn"
    version: ClassVar[int] = 1

    escalation_id: UUID
    case_id: UUID
    step: LadderStep
    reason_code: WithdrawalReason
    withdrawn_event_ids: list[UUID] = Field(min_length=1)
    caused_by_event_id: UUID | None = None
    withdrawn_at: datetime


class BreachDecisionRecorded(Event):
    """The authority's decision on a breach referral, applied. The rationale stays with compliance."""

    event_type: ClassVar[str] = "ddp.compliance.breach_decision_recorded"
    version: ClassVar[int] = 1

    escalation_id: UUID
    case_id: UUID
    decision: BreachDecision
    decided_by: Agency
    deciding_role: DecidingRole
    rationale_given: bool
    decided_at: datetime


class BreachReferralOverdue(Event):
    """A breach referral has waited past the policy's limit for a decision (flagged again at intervals)."""

    event_type: ClassVar[str] = "ddp.compliance.breach_referral_overdue"
    version: ClassVar[int] = 1

    escalation_id: UUID
    case_id: UUID
    referred_to: list[Agency] = Field(min_length=1)
    decision_due_by: datetime
    flagged_at: datetime
    times_flagged: int = Field(ge=1)
