"""Applying a responsible authority's decision on a breach referral."""

from ddp_compliance.adapters.escalation_store import EscalationStore
from ddp_compliance.domain.escalation import Decision
from ddp_compliance.service_layer.publishing import DeliveryPublisher, to_domain_and
from ddp_messaging.handling import Delivery, Refused
from ddp_messaging.rejections import reason
from ddp_schemas import reasons
from ddp_schemas.events.authority_inbound import BreachDecisionSubmitted
from ddp_schemas.events.compliance import BreachDecisionRecorded
from ddp_schemas.events.vocabulary import Agency
from ddp_schemas.topics import TopicRegistry


async def record_breach_decision(delivery: Delivery, registry: TopicRegistry) -> None:
    """Accepted only from an authority the referral was addressed to, once; every outcome is recorded alike.

    The rationale is stored here and never re-published: the deciding authority has it, and
    other readers need only know that one was given.
    """
    submitted = delivery.event
    assert isinstance(submitted, BreachDecisionSubmitted)
    store = EscalationStore(delivery.session)
    escalation = await store.get(submitted.escalation_id)
    if escalation is None or escalation.case_id != submitted.case_id:
        raise Refused([reason(reasons.UNKNOWN_ESCALATION, "escalation_id")])
    if delivery.origin not in escalation.referred_to:
        raise Refused([reason(reasons.NOT_RESPONSIBLE_AUTHORITY)])
    if not escalation.awaits_decision and escalation.decision is None:
        raise Refused([reason(reasons.NOT_A_BREACH_REFERRAL, "escalation_id")])
    if escalation.decision is not None:
        raise Refused([reason(reasons.ALREADY_DECIDED, "escalation_id")])
    decision = Decision(
        decision=submitted.decision.value,
        decided_by=delivery.origin,
        deciding_role=submitted.deciding_role.value,
        decided_at=submitted.decided_at,
        rationale_given=True,
    )
    await store.record_decision(escalation.escalation_id, decision, submitted.rationale)
    recorded = BreachDecisionRecorded(
        escalation_id=escalation.escalation_id,
        case_id=escalation.case_id,
        decision=submitted.decision,
        decided_by=Agency(delivery.origin),
        deciding_role=submitted.deciding_role,
        rationale_given=True,
        decided_at=submitted.decided_at,
    )
    await to_domain_and(DeliveryPublisher(delivery, registry), escalation.referred_to, escalation.case_id, recorded)
