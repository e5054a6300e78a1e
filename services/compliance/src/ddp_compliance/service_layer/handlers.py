"""Command handlers of the compliance service."""

from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_messaging.handling import Delivery
from ddp_schemas.events.compliance import ComplianceRecordOpened
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.topics import TopicRegistry


async def open_compliance_record(delivery: Delivery, registry: TopicRegistry, policy: Policy) -> None:
    """A case opened: start following it under the current policy (once per case)."""
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
    )
    await repository.add(record)
    for event in record.events:
        await delivery.emit(
            registry.domain_topic("compliance"),
            str(event.case_id),
            ComplianceRecordOpened(
                case_id=event.case_id,
                mandate_type=MandateType(event.mandate_type),
                responsible_authority=Agency(event.responsible_authority),
                participation_required=event.participation_required,
                escalation_possible=event.escalation_possible,
                policy_version=event.policy_version,
            ),
            str(event.case_id),
        )
