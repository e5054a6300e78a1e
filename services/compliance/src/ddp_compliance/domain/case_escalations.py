"""The escalations of one case: raised once per situation, decided by the authority, flagged when overdue."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from ddp_compliance.domain.case_reports import NotCounting
from ddp_compliance.domain.escalation import Decision, Escalation
from ddp_compliance.domain.evaluation import Situation
from ddp_compliance.domain.events import (
    BreachDecisionRecorded,
    BreachReferralOverdue,
    DomainEvent,
    EscalationEvidenceWithdrawn,
    EscalationRaised,
    EscalationWithdrawn,
)
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.refusal import Refusal
from ddp_compliance.domain.review_pack import EscalationSummary
from ddp_compliance.domain.vocabulary import LadderStep, WithdrawalReason


@dataclass
class CaseEscalations:
    """Part of the case's compliance history, in the order raised; its methods return the events they cause."""

    by_id: dict[UUID, Escalation] = field(default_factory=dict)

    def raise_new(
        self, situations: Iterable[Situation], record: ComplianceRecord, policy: Policy, now: datetime
    ) -> list[DomainEvent]:
        """Each situation with no standing escalation, escalated now under the record's terms.

        A situation whose escalation was withdrawn and that qualifies again is escalated anew.
        """
        raised: list[DomainEvent] = []
        for situation in situations:
            earlier = [e for e in self.by_id.values() if e.key == situation.key]
            if not any(e.stands for e in earlier):
                escalation = Escalation.raised(situation, record, policy, now, generation=len(earlier))
                e = self.by_id[escalation.escalation_id] = escalation
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

    def reconcile(
        self,
        case_id: UUID,
        not_counting: Mapping[UUID, NotCounting],
        just_withdrawn: set[UUID],
        qualifying: set[tuple[str, LadderStep, date]],
        now: datetime,
        *,
        varied: bool = False,
    ) -> list[DomainEvent]:
        """A standing escalation whose situation no longer qualifies because evidence it cited stopped
        counting (``not_counting``, by event id) is withdrawn, its recipients told why. One whose
        situation still qualifies stands, and they are told of each cited instance ``just_withdrawn``.

        ``varied``: the mandate's terms changed from some date; an escalation whose situation no longer
        qualifies under the terms each of its instances happened under is withdrawn too."""
        told: list[DomainEvent] = []
        for escalation in [e for e in self.by_id.values() if e.stands]:
            cited = [i.event_id for i in escalation.evidence if i.event_id in not_counting]
            if escalation.key in qualifying:
                told += [
                    EscalationEvidenceWithdrawn(
                        escalation.escalation_id,
                        case_id,
                        event_id,
                        not_counting[event_id].reason,
                        not_counting[event_id].caused_by,
                        escalation.referred_to,
                    )
                    for event_id in cited
                    if event_id in just_withdrawn
                ]
            elif cited:
                # The reason given is the latest change's, when it touched this escalation's evidence.
                why = not_counting[next((i for i in cited if i in just_withdrawn), cited[0])]
                told.append(self._withdraw(escalation, why.reason, tuple(cited), why.caused_by, now))
            elif varied:
                evidence = tuple(i.event_id for i in escalation.evidence)
                told.append(self._withdraw(escalation, WithdrawalReason.MANDATE_VARIED, evidence, None, now))
        return told

    def _withdraw(
        self,
        escalation: Escalation,
        reason: WithdrawalReason,
        withdrawn_event_ids: tuple[UUID, ...],
        caused_by: UUID | None,
        now: datetime,
    ) -> EscalationWithdrawn:
        e = self.by_id[escalation.escalation_id] = escalation.withdrawn(reason, now)
        return EscalationWithdrawn(
            e.escalation_id, e.case_id, e.step, reason, withdrawn_event_ids, caused_by, now, e.referred_to
        )

    def forget(self, escalation_id: UUID) -> None:
        self.by_id.pop(escalation_id, None)

    def summaries(self) -> list[EscalationSummary]:
        """The standing escalations, as a review pack lists them."""
        return [e.summary() for e in self.by_id.values() if e.stands]
