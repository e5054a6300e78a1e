"""Handlers for the case lifecycle the referrals service publishes, and plan changes from interventions."""

from collections.abc import Callable
from datetime import datetime

from ddp_compliance.adapters.case_history import CaseHistory
from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.adapters.review_store import ReviewStore
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.service_layer.escalating import escalate_case
from ddp_compliance.service_layer.publishing import DeliveryPublisher
from ddp_compliance.service_layer.reviews import schedule_review
from ddp_messaging.handling import Delivery
from ddp_schemas.events.compliance import ComplianceRecordOpened
from ddp_schemas.events.referrals import CaseClosed, CaseOpened, CaseResumed, CaseSuspended, MandateChanged
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.topics import TopicRegistry

Clock = Callable[[], datetime]


async def open_compliance_record(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    """A case opened: follow it under the current policy (once per case) and schedule its first review."""
    assert isinstance(delivery.event, CaseOpened)
    opened = delivery.event
    repository = ComplianceRecordRepository(delivery.session)
    if await repository.exists(opened.case_id):
        return
    record = ComplianceRecord.open(
        opened.case_id,
        opened.mandate.type.value,
        opened.mandate.responsible_authority.value,
        opened.mandate.participation_required,
        policy,
        mandate_starts_on=opened.mandate.starts_on,
        mappa_level=opened.mappa_level,
    )
    await repository.add(record)
    publisher = DeliveryPublisher(delivery, registry)
    for event in record.events:
        await publisher.publish(
            registry.domain_topic("compliance"),
            event.case_id,
            ComplianceRecordOpened(
                case_id=event.case_id,
                mandate_type=MandateType(event.mandate_type),
                responsible_authority=Agency(event.responsible_authority),
                participation_required=event.participation_required,
                escalation_possible=event.escalation_possible,
                policy_version=event.policy_version,
            ),
        )
    now = clock()
    await schedule_review(ReviewStore(delivery.session), record, policy, 1, now)
    # Attendance reported before the case opened here (another topic) was kept: evaluate it now.
    await escalate_case(delivery.session, publisher, opened.case_id, policy, now)


async def record_suspension(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    """Sessions while the case is suspended do not count."""
    assert isinstance(delivery.event, CaseSuspended)
    await CaseHistory(delivery.session).suspended(
        delivery.envelope.id, delivery.event.case_id, delivery.event.occurred_at
    )


async def record_resumption(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    assert isinstance(delivery.event, CaseResumed)
    await CaseHistory(delivery.session).resumed(delivery.event.case_id, delivery.event.occurred_at)


async def close_record(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    """A closed case raises nothing more and has no more reviews; open referrals still take decisions."""
    assert isinstance(delivery.event, CaseClosed)
    await ComplianceRecordRepository(delivery.session).update(
        delivery.event.case_id, closed_at=delivery.event.occurred_at
    )


async def apply_mandate_change(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    """The mandate's terms decide the ladder, the recipients and the windows from now on."""
    changed = delivery.event
    assert isinstance(changed, MandateChanged)
    terms = changed.mandate
    await ComplianceRecordRepository(delivery.session).update(
        changed.case_id,
        mandate_type=terms.type.value,
        responsible_authority=terms.responsible_authority.value,
        participation_required=terms.participation_required,
        escalation_possible=policy.can_escalate(terms.type.value, terms.participation_required),
        mandate_starts_on=terms.starts_on,
    )


async def record_plan_change(delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Clock) -> None:
    """Counted for the review pack; the time is the envelope's, as plan events carry none."""
    case_id = delivery.event.case_id  # type: ignore[attr-defined]
    at = delivery.envelope.time
    await CaseHistory(delivery.session).plan_changed(delivery.envelope.id, case_id, delivery.envelope.type, at)
