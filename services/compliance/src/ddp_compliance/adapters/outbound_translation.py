"""Domain to wire: the one place compliance's domain events become the platform events agencies and
services read, with their key and the agencies each is addressed to (the emitter resolves the topics)."""

from uuid import UUID

from ddp_compliance.adapters.review_translation import review_publications
from ddp_compliance.domain import events
from ddp_compliance.domain.vocabulary import LadderStep, WithdrawalReason
from ddp_messaging.emitter import Publication
from ddp_schemas.event import Event
from ddp_schemas.events import compliance
from ddp_schemas.events import compliance_vocabulary as cv
from ddp_schemas.events.vocabulary import Agency, MandateType


def publications(event: events.DomainEvent) -> list[Publication]:
    """What ``event`` is published as."""
    match event:
        case events.RecordOpened():
            opened = compliance.ComplianceRecordOpened(
                case_id=event.case_id,
                mandate_type=MandateType(event.mandate_type.value),
                responsible_authority=Agency(event.responsible_authority),
                participation_required=event.participation_required,
                escalation_possible=event.escalation_possible,
                policy_version=event.policy_version,
            )
            return [Publication(opened, event.case_id)]
        case events.NonComplianceRecorded():
            recorded = compliance.NonComplianceRecorded(
                case_id=event.case_id,
                instance_id=event.instance_id,
                source_event_type=event.source_event_type,
                category=cv.InstanceCategory(event.category.value),
                occurred_at=event.occurred_at,
            )
            return [Publication(recorded, event.case_id)]
        case events.NonComplianceWithdrawn(case_id, instance_id, reason, caused_by):
            withdrawn = compliance.NonComplianceWithdrawn(
                case_id=case_id,
                instance_id=instance_id,
                corrected_by_event_id=_corrected_by(reason, caused_by),
                reason_code=cv.WithdrawalReason(reason.value),
                caused_by_event_id=caused_by,
            )
            return [Publication(withdrawn, case_id)]
        case events.EscalationRaised():
            return [Publication(_escalation(event), event.case_id, to=event.referred_to)]
        case events.EscalationEvidenceWithdrawn():
            told = compliance.EscalationEvidenceWithdrawn(
                escalation_id=event.escalation_id,
                case_id=event.case_id,
                withdrawn_event_id=event.withdrawn_event_id,
                corrected_by_event_id=_corrected_by(event.reason, event.caused_by_event_id),
                reason_code=cv.WithdrawalReason(event.reason.value),
                caused_by_event_id=event.caused_by_event_id,
            )
            return [Publication(told, event.case_id, to=event.referred_to)]
        case events.EscalationWithdrawn():
            withdrawn_escalation = compliance.EscalationWithdrawn(
                escalation_id=event.escalation_id,
                case_id=event.case_id,
                step=cv.LadderStep(event.step.value),
                reason_code=cv.WithdrawalReason(event.reason.value),
                withdrawn_event_ids=list(event.withdrawn_event_ids),
                caused_by_event_id=event.caused_by_event_id,
                withdrawn_at=event.withdrawn_at,
            )
            return [Publication(withdrawn_escalation, event.case_id, to=event.referred_to)]
        case events.BreachDecisionRecorded():
            decided = compliance.BreachDecisionRecorded(
                escalation_id=event.escalation_id,
                case_id=event.case_id,
                decision=cv.BreachDecision(event.decision.value),
                decided_by=Agency(event.decided_by),
                deciding_role=cv.DecidingRole(event.deciding_role.value),
                rationale_given=event.rationale_given,
                decided_at=event.decided_at,
            )
            return [Publication(decided, event.case_id, to=event.referred_to)]
        case events.BreachReferralOverdue():
            overdue = compliance.BreachReferralOverdue(
                escalation_id=event.escalation_id,
                case_id=event.case_id,
                referred_to=[Agency(a) for a in event.referred_to],
                decision_due_by=event.decision_due_by,
                flagged_at=event.flagged_at,
                times_flagged=event.times_flagged,
            )
            return [Publication(overdue, event.case_id, to=event.referred_to)]
    return review_publications(event)


def _corrected_by(reason: WithdrawalReason, caused_by: UUID | None) -> UUID | None:
    # The field of records from before reason codes: it names a correction, and nothing else.
    return caused_by if reason is WithdrawalReason.CORRECTED else None


def _escalation(event: events.EscalationRaised) -> Event:
    common = {
        "escalation_id": event.escalation_id,
        "case_id": event.case_id,
        "mandate_type": MandateType(event.mandate_type.value),
        "referred_to": [Agency(a) for a in event.referred_to],
        "rule": event.rule,
        "policy_version": event.policy_version,
        "window_start": event.window_start,
        "evidence": [
            cv.EvidenceEvent(
                event_id=i.event_id,
                event_type=i.event_type,
                occurred_at=i.occurred_at,
                category=cv.InstanceCategory(i.category.value),
            )
            for i in event.evidence
        ],
        "raised_at": event.raised_at,
    }
    if event.step is LadderStep.BREACH_REFERRAL:
        assert event.decision_due_by is not None
        return compliance.BreachReferralRaised(**common, decision_due_by=event.decision_due_by)
    if event.step is LadderStep.WARNING:
        return compliance.WarningRecommended(**common)
    return compliance.EngagementConcernFlagged(**common)
