"""Scheduling case reviews, the review pack, and applying the chair's outcome."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters.case_history import CaseHistory
from ddp_compliance.adapters.escalation_store import EscalationStore
from ddp_compliance.adapters.facts import FactStore
from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.adapters.review_store import ReviewStore
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.review import Review, next_review
from ddp_compliance.service_layer.publishing import DeliveryPublisher, to_domain_and
from ddp_messaging.handling import Delivery, Refused
from ddp_messaging.rejections import reason
from ddp_schemas import reasons
from ddp_schemas.events.authority_inbound import ReviewOutcomeSubmitted
from ddp_schemas.events.compliance_vocabulary import AttendanceFigures, DecidingRole, EscalationSummary, ReviewOutcome
from ddp_schemas.events.reviews import ReviewOutcomeRecorded, ReviewPackIssued
from ddp_schemas.events.vocabulary import Agency
from ddp_schemas.topics import TopicRegistry


async def schedule_review(
    store: ReviewStore, record: ComplianceRecord, policy: Policy, sequence: int, after: datetime
) -> None:
    """The case's review number ``sequence``, due a cadence after ``after``; the scheduled check announces it."""
    cadence = policy.mandates[record.mandate_type].review.cadence_for(record.mappa_level)
    review = next_review(record.case_id, sequence, after.date(), cadence, record.review_chair(), policy.version, after)
    await store.schedule(review)


async def review_pack(session: AsyncSession, review: Review, until: datetime) -> ReviewPackIssued:
    """What happened on the case since the review period started: attendance, concerns, escalations, plan."""
    facts = await FactStore(session).facts_of_case(review.case_id, since=review.period_start)
    attendance = [f for f in facts if f.kind == "ATTENDANCE"]

    def absent(category: str) -> int:
        return sum(1 for f in attendance if f.outcome == "ABSENT" and f.absence_category == category)

    escalations = [
        e for e in await EscalationStore(session).of_case(review.case_id) if e.raised_at >= review.period_start
    ]
    return ReviewPackIssued(
        review_id=review.review_id,
        case_id=review.case_id,
        due_on=review.due_on,
        period_start=review.period_start,
        period_end=until,
        attendance=AttendanceFigures(
            attended=sum(1 for f in attendance if f.outcome == "ATTENDED"),
            late=sum(1 for f in attendance if f.outcome == "LATE"),
            absent_acceptable=absent("ACCEPTABLE"),
            absent_unacceptable=absent("UNACCEPTABLE"),
            absent_logistical=absent("LOGISTICAL"),
        ),
        engagement_concerns=sum(1 for f in facts if f.kind == "CONCERN"),
        escalations=[
            EscalationSummary(
                escalation_id=e.escalation_id,
                rule=e.rule,
                step=e.step,
                raised_at=e.raised_at,
                decision=e.decision.decision if e.decision else None,
            )
            for e in escalations
        ],
        plan_changes=await CaseHistory(session).plan_changes_since(review.case_id, review.period_start),
    )


async def record_review_outcome(
    delivery: Delivery, registry: TopicRegistry, policy: Policy, clock: Callable[[], datetime]
) -> None:
    """Only the review's chair records its outcome, once; the next review is scheduled after it."""
    submitted = delivery.event
    assert isinstance(submitted, ReviewOutcomeSubmitted)
    store = ReviewStore(delivery.session)
    review = await store.get(submitted.review_id)
    if review is None or review.case_id != submitted.case_id:
        raise Refused([reason(reasons.UNKNOWN_REVIEW, "review_id")])
    if delivery.origin != review.chaired_by:
        raise Refused([reason(reasons.NOT_REVIEW_CHAIR)])
    if review.outcome is not None:
        raise Refused([reason(reasons.REVIEW_ALREADY_RECORDED, "review_id")])
    now = clock()
    await store.record_outcome(
        review.review_id, submitted.outcome.value, submitted.chairing_role.value, submitted.reviewed_on, now
    )
    publisher = DeliveryPublisher(delivery, registry)
    recorded = ReviewOutcomeRecorded(
        review_id=review.review_id,
        case_id=review.case_id,
        outcome=ReviewOutcome(submitted.outcome),
        chaired_by=Agency(review.chaired_by),
        chairing_role=DecidingRole(submitted.chairing_role),
        reviewed_on=submitted.reviewed_on,
    )
    await to_domain_and(publisher, [review.chaired_by], review.case_id, recorded)
    record = await ComplianceRecordRepository(delivery.session).get(review.case_id)
    if record is not None and not record.closed:
        await schedule_review(store, record, policy, review.sequence + 1, now)
