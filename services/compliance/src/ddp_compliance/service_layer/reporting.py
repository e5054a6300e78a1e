"""Handlers for what providers reported through the interventions service: attendance, concerns, corrections."""

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from ddp_compliance.adapters.escalation_store import EscalationStore
from ddp_compliance.adapters.facts import Fact, FactStore
from ddp_compliance.adapters.inbound_translation import reported_facts
from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.domain.instances import categorised, counting
from ddp_compliance.domain.policy import Policy
from ddp_compliance.service_layer.escalating import escalate_case
from ddp_compliance.service_layer.publishing import DeliveryPublisher, Publisher, to_domain_and
from ddp_messaging.handling import Delivery
from ddp_schemas.events.compliance import (
    EscalationEvidenceWithdrawn,
    NonComplianceRecorded,
    NonComplianceWithdrawn,
)
from ddp_schemas.events.sessions import AttendanceCorrected
from ddp_schemas.topics import TopicRegistry


async def record_attendance(
    delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Callable[[], datetime]
) -> None:
    """Attended, missed or concern raised: keep the fact; an instance may complete a ladder step."""
    publisher = DeliveryPublisher(delivery, registry)
    facts = FactStore(delivery.session)
    for fact in reported_facts(delivery.envelope.id, delivery.event):
        if await facts.add(fact):
            await _announce_instance(publisher, facts, fact, policy)
    await escalate_case(delivery.session, publisher, delivery.event.case_id, policy, clock())  # type: ignore[attr-defined]


async def record_correction(
    delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Callable[[], datetime]
) -> None:
    """A corrected attendance withdraws the facts it replaces: quietly before escalation, openly after."""
    corrected = delivery.event
    assert isinstance(corrected, AttendanceCorrected)
    publisher = DeliveryPublisher(delivery, registry)
    facts = FactStore(delivery.session)
    correction_id = delivery.envelope.id
    if await facts.record_correction(corrected.case_id, corrected.corrects_attendance_id, correction_id):
        replaced = [f for f in await facts.facts_of_attendance(corrected.corrects_attendance_id) if f.counts_as]
        await _withdraw(publisher, EscalationStore(delivery.session), replaced, correction_id)
    for fact in reported_facts(correction_id, corrected):
        if await facts.add(fact):
            await _announce_instance(publisher, facts, fact, policy)
    await escalate_case(delivery.session, publisher, corrected.case_id, policy, clock())


async def _announce_instance(publisher: Publisher, facts: FactStore, fact: Fact, policy: Policy) -> None:
    # Sessions while suspended, and records already replaced by a correction, do not count.
    if fact.counts_as is None or await facts.is_corrected(fact.attendance_id):
        return
    if not counting([fact.instance()], await facts.suspensions(fact.case_id)):
        return
    category = fact.counts_as
    record = await ComplianceRecordRepository(facts.session).get(fact.case_id)
    if record is not None and record.closed:
        return  # kept for the record, but nothing counts on a closed case
    if record is not None and record.mandate_starts_on is not None:
        induction = policy.mandates[record.mandate_type].induction_days
        category = categorised(fact.instance(), record.mandate_starts_on, induction).category
    await publisher.publish(
        publisher.registry.domain_topic("compliance"),
        fact.case_id,
        NonComplianceRecorded(
            case_id=fact.case_id,
            instance_id=fact.event_id,
            source_event_type=fact.event_type,
            category=category,
            occurred_at=fact.occurred_at,
        ),
    )


async def _withdraw(publisher: Publisher, store: EscalationStore, replaced: list[Fact], correction_id: UUID) -> None:
    for fact in replaced:
        citing = await store.citing([fact.event_id])
        if not citing:
            withdrawn = NonComplianceWithdrawn(
                case_id=fact.case_id, instance_id=fact.event_id, corrected_by_event_id=correction_id
            )
            await publisher.publish(publisher.registry.domain_topic("compliance"), fact.case_id, withdrawn)
        for escalation in citing:
            told = EscalationEvidenceWithdrawn(
                escalation_id=escalation.escalation_id,
                case_id=fact.case_id,
                withdrawn_event_id=fact.event_id,
                corrected_by_event_id=correction_id,
            )
            await to_domain_and(publisher, escalation.referred_to, fact.case_id, told)
