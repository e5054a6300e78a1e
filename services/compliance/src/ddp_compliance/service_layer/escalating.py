"""Evaluate a case's stored instances against the policy and raise each new escalation once."""

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters.escalation_store import EscalationStore
from ddp_compliance.adapters.facts import FactStore
from ddp_compliance.adapters.outbound_translation import escalation_raised
from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.domain.escalation import Escalation
from ddp_compliance.domain.evaluation import Situation, qualifying_situations
from ddp_compliance.domain.instances import counting
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.service_layer.publishing import Publisher, to_domain_and
from ddp_schemas.events.compliance_vocabulary import LadderStep


async def escalate_case(
    session: AsyncSession, publisher: Publisher, case_id: UUID, policy: Policy, now: datetime
) -> list[Escalation]:
    """Raise (and publish) the escalations the case's instances now qualify for and that were not raised yet.

    Instances reported before the case's record opened wait for it; a closed case raises nothing.
    """
    record = await ComplianceRecordRepository(session).get(case_id)
    if record is None or record.closed or record.mandate_starts_on is None:
        return []
    facts = FactStore(session)
    instances = counting(await facts.instances(case_id), await facts.suspensions(case_id))
    situations = qualifying_situations(
        policy, case_id, record.mandate_type, record.mandate_starts_on, record.escalation_possible, instances
    )
    store, raised = EscalationStore(session), []
    for situation in situations:
        escalation = _escalation(situation, record, policy, now)
        if await store.raise_once(escalation):
            await to_domain_and(publisher, escalation.referred_to, case_id, escalation_raised(escalation))
            raised.append(escalation)
    return raised


def _escalation(situation: Situation, record: ComplianceRecord, policy: Policy, now: datetime) -> Escalation:
    mandate = policy.mandates[record.mandate_type]
    referral = situation.step is LadderStep.BREACH_REFERRAL
    return Escalation(
        escalation_id=situation.escalation_id,
        case_id=situation.case_id,
        rule=situation.rule,
        step=situation.step,
        window_start=situation.window_start,
        policy_version=policy.version,
        mandate_type=record.mandate_type,
        referred_to=tuple(record.referred_to(policy)),
        raised_at=now,
        decision_due_by=now + timedelta(days=mandate.decision_days) if referral else None,
        evidence=situation.evidence,
    )
