"""An escalation: a situation that reached a ladder step, addressed to its recipients, and its decision."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from uuid import UUID

from ddp_compliance.domain.evaluation import Situation
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.review_pack import EscalationSummary
from ddp_compliance.domain.vocabulary import BreachDecision, DecidingRole, LadderStep, MandateType, WithdrawalReason


@dataclass(frozen=True)
class Decision:
    """The authority's decision. The rationale is its own words: kept, never published, never shown."""

    decision: BreachDecision
    decided_by: str
    deciding_role: DecidingRole
    decided_at: datetime
    rationale_given: bool
    # Only a decision just taken carries its text (to be stored); one read back never does.
    rationale: str | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Escalation:
    escalation_id: UUID
    case_id: UUID
    rule: str
    step: LadderStep
    window_start: date
    policy_version: str
    mandate_type: MandateType
    referred_to: tuple[str, ...]
    raised_at: datetime
    decision_due_by: datetime | None
    evidence: tuple[Instance, ...]
    decision: Decision | None = None
    overdue_flags: int = 0
    last_flagged_at: datetime | None = None
    generation: int = 0  # how many escalations of the same situation were withdrawn before this one
    withdrawn_at: datetime | None = None
    withdrawal_reason: WithdrawalReason | None = None

    @classmethod
    def raised(
        cls, situation: Situation, record: ComplianceRecord, policy: Policy, now: datetime, generation: int = 0
    ) -> "Escalation":
        """The escalation of ``situation`` under the current policy and the record's terms.

        It goes to the record's recipients; a breach referral gets the policy's decision limit.
        """
        referral = situation.step is LadderStep.BREACH_REFERRAL
        decision_days = policy.mandates[record.mandate_type].decision_days
        return cls(
            escalation_id=situation.escalation_id_after(generation),
            case_id=situation.case_id,
            rule=situation.rule,
            step=situation.step,
            window_start=situation.window_start,
            policy_version=policy.version,
            mandate_type=record.mandate_type,
            referred_to=tuple(record.referred_to(policy)),
            raised_at=now,
            decision_due_by=now + timedelta(days=decision_days) if referral else None,
            evidence=situation.evidence,
            generation=generation,
        )

    @property
    def key(self) -> tuple[str, LadderStep, date]:
        """The situation it escalated (see ``Situation.key``)."""
        return self.rule, self.step, self.window_start

    @property
    def stands(self) -> bool:
        return self.withdrawn_at is None

    @property
    def awaits_decision(self) -> bool:
        return self.step is LadderStep.BREACH_REFERRAL and self.decision is None and self.stands

    def summary(self) -> EscalationSummary:
        """As a review pack lists it."""
        decision = self.decision.decision if self.decision else None
        return EscalationSummary(self.escalation_id, self.rule, self.step, self.raised_at, decision)

    def cites(self, event_id: UUID) -> bool:
        """Whether the event ``event_id`` reported is part of the evidence."""
        return any(instance.event_id == event_id for instance in self.evidence)

    def decided(self, decision: Decision) -> "Escalation":
        """Only an authority the referral was addressed to decides it, once; only a breach referral is decided."""
        if decision.decided_by not in self.referred_to:
            raise Refusal("NOT_RESPONSIBLE_AUTHORITY")
        if self.step is not LadderStep.BREACH_REFERRAL:
            raise Refusal("NOT_A_BREACH_REFERRAL", "escalation_id")
        if self.decision is not None:
            raise Refusal("ALREADY_DECIDED", "escalation_id")
        if not self.stands:
            raise Refusal("ESCALATION_WITHDRAWN", "escalation_id")
        return replace(self, decision=decision)

    def withdrawn(self, reason: WithdrawalReason, now: datetime) -> "Escalation":
        return replace(self, withdrawn_at=now, withdrawal_reason=reason)

    def overdue_flag_due(self, now: datetime, reflag_hours: int) -> bool:
        """Past the decision limit and never flagged, or flagged longer ago than the re-flag interval."""
        if not self.awaits_decision or self.decision_due_by is None or now <= self.decision_due_by:
            return False
        if self.last_flagged_at is None:
            return True
        return (now - self.last_flagged_at).total_seconds() >= reflag_hours * 3600

    def flagged_overdue(self, now: datetime) -> "Escalation":
        return replace(self, overdue_flags=self.overdue_flags + 1, last_flagged_at=now)
