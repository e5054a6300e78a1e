"""From domain escalations to the wire events agencies and other services read."""

from ddp_compliance.domain.escalation import Escalation
from ddp_compliance.domain.instances import Instance
from ddp_schemas.event import Event
from ddp_schemas.events.compliance import BreachReferralRaised, EngagementConcernFlagged, WarningRecommended
from ddp_schemas.events.compliance_vocabulary import EvidenceEvent, LadderStep
from ddp_schemas.events.vocabulary import Agency, MandateType


def evidence_event(instance: Instance) -> EvidenceEvent:
    return EvidenceEvent(
        event_id=instance.event_id,
        event_type=instance.event_type,
        occurred_at=instance.occurred_at,
        category=instance.category,
    )


def escalation_raised(escalation: Escalation) -> Event:
    """The event for a newly raised escalation: warning, breach referral or engagement concern."""
    common = {
        "escalation_id": escalation.escalation_id,
        "case_id": escalation.case_id,
        "mandate_type": MandateType(escalation.mandate_type),
        "referred_to": [Agency(a) for a in escalation.referred_to],
        "rule": escalation.rule,
        "policy_version": escalation.policy_version,
        "window_start": escalation.window_start,
        "evidence": [evidence_event(i) for i in escalation.evidence],
        "raised_at": escalation.raised_at,
    }
    if escalation.step is LadderStep.BREACH_REFERRAL:
        assert escalation.decision_due_by is not None
        return BreachReferralRaised(**common, decision_due_by=escalation.decision_due_by)
    if escalation.step is LadderStep.WARNING:
        return WarningRecommended(**common)
    return EngagementConcernFlagged(**common)
