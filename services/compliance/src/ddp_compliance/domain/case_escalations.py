"""The escalations of one case: raised once per situation, decided by the authority, flagged when overdue."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from ddp_compliance.domain.escalation import Decision, Escalation
from ddp_compliance.domain.evaluation import Situation
from ddp_compliance.domain.events import (
    BreachDecisionRecorded,
    BreachReferralOverdue,
    DomainEvent,
    EscalationEvidenceWithdrawn,
    EscalationRaised,
    NonComplianceWithdrawn,
)
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.review_pack import EscalationSummary


@dataclass
class CaseEscalations:
    """Part of the case's compliance history, in the order raised; its methods return the events they cause."""

    by_id: dict[UUID, Escalation] = field(default_factory=dict)

    def raise_new(
        self, situations: Iterable[Situation], record: ComplianceRecord, policy: Policy, now: datetime
    ) -> list[DomainEvent]:
        """Each situation not escalated before, escalated now under the record's terms."""
        raised: list[DomainEvent] = []
        for situation in situations:
            if situation.escalation_id not in self.by_id:
                e = self.by_id[situation.escalation_id] = Escalation.raised(situation, record, policy, now)
                raised.append(
                    EscalationRaised(
                        e.escalation_id,
                        e.case_id,
                        e.step,
                        e.mandate_type,
                        e.referred_to,
                        e.rule,
                        e.policy_version,
                        e.window_start,
                        e.evidence,
                        e.raised_at,
                        e.decision_due_by,
                    )
                )
        return raised

    def decide(self, escalation_id: UUID, decision: Decision) -> list[DomainEvent]:
        escalation = self.by_id.get(escalation_id)
        if escalation is None:
            raise Refusal("UNKNOWN_ESCALATION", "escalation_id")
        e = self.by_id[escalation_id] = escalation.decided(decision)
        d = decision
        recorded = BreachDecisionRecorded(
            e.escalation_id,
            e.case_id,
            d.decision,
            d.decided_by,
            d.deciding_role,
            d.rationale_given,
            d.decided_at,
            e.referred_to,
        )
        return [recorded]

    def flag_overdue(self, now: datetime, reflag_hours: int) -> list[DomainEvent]:
        """Breach referrals past their decision limit, flagged again every re-flag interval."""
        flagged: list[DomainEvent] = []
        for escalation in [e for e in self.by_id.values() if e.overdue_flag_due(now, reflag_hours)]:
            assert escalation.decision_due_by is not None
            e = self.by_id[escalation.escalation_id] = escalation.flagged_overdue(now)
            flagged.append(
                BreachReferralOverdue(
                    e.escalation_id, e.case_id, e.referred_to, escalation.decision_due_by, now, e.overdue_flags
                )
            )
        return flagged

    def withdraw(self, case_id: UUID, event_id: UUID, correction_id: UUID) -> list[DomainEvent]:
        """An instance a correction replaced: withdrawn quietly if no escalation cites it; otherwise every
        recipient of each escalation citing it is told, and the escalation stands for the authority to weigh."""
        citing = [e for e in self.by_id.values() if e.cites(event_id)]
        if not citing:
            return [NonComplianceWithdrawn(case_id, event_id, correction_id)]
        return [
            EscalationEvidenceWithdrawn(e.escalation_id, case_id, event_id, correction_id, e.referred_to)
            for e in citing
        ]

    def forget(self, escalation_id: UUID) -> None:
        self.by_id.pop(escalation_id, None)

    def summaries(self) -> list[EscalationSummary]:
        return [e.summary() for e in self.by_id.values()]
