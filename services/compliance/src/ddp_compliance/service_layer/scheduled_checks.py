"""The checks that run on the clock: overdue decisions, reviews falling due and overdue."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters.escalation_store import EscalationStore
from ddp_compliance.adapters.repository import ComplianceRecordRepository
from ddp_compliance.adapters.review_store import ReviewStore
from ddp_compliance.domain.policy import Policy
from ddp_compliance.domain.review import Review
from ddp_compliance.service_layer.publishing import Publisher, to_domain_and
from ddp_compliance.service_layer.reviews import review_pack
from ddp_schemas.events.compliance import BreachReferralOverdue
from ddp_schemas.events.reviews import ReviewDue, ReviewOverdue, ReviewScheduled
from ddp_schemas.events.vocabulary import Agency


async def flag_overdue_referrals(
    session: AsyncSession, publisher: Publisher, policy: Policy, now: datetime, limit: int
) -> int:
    """Breach referrals past their decision limit: flagged, and flagged again every re-flag interval."""
    store, flagged = EscalationStore(session), 0
    for escalation in await store.awaiting_decision(limit):
        if not escalation.overdue_flag_due(now, policy.overdue_reflag_hours):
            continue
        times = await store.flagged_overdue(escalation.escalation_id, now)
        assert escalation.decision_due_by is not None
        overdue = BreachReferralOverdue(
            escalation_id=escalation.escalation_id,
            case_id=escalation.case_id,
            referred_to=[Agency(a) for a in escalation.referred_to],
            decision_due_by=escalation.decision_due_by,
            flagged_at=now,
            times_flagged=times,
        )
        await to_domain_and(publisher, escalation.referred_to, escalation.case_id, overdue)
        flagged += 1
    return flagged


async def flag_reviews(session: AsyncSession, publisher: Publisher, policy: Policy, now: datetime, limit: int) -> int:
    """Announce newly scheduled reviews, flag reviews reaching their due date (with the chair's pack)
    and reviews past the policy's grace. Every review event comes from this check, on its clock."""
    store, records, flagged = ReviewStore(session), ComplianceRecordRepository(session), 0
    today = now.date()
    for review in await store.open_reviews(limit):
        record = await records.get(review.case_id)
        if record is None:
            continue
        chair = Agency(review.chaired_by)
        if not review.announced:
            await store.mark(review.review_id, announced_at=now)
            await publisher.publish(publisher.registry.domain_topic("compliance"), review.case_id, scheduled(review))
        if review.is_due(today):
            await store.mark(review.review_id, due_flagged_at=now)
            due = ReviewDue(review_id=review.review_id, case_id=review.case_id, due_on=review.due_on, chaired_by=chair)
            await to_domain_and(publisher, [review.chaired_by], review.case_id, due)
            pack = await review_pack(session, review, now)
            await to_domain_and(publisher, [review.chaired_by], review.case_id, pack)
            flagged += 1
        if review.is_overdue(today, policy.mandates[record.mandate_type].review.overdue_after_days):
            await store.mark(review.review_id, overdue_flagged_at=now)
            overdue = ReviewOverdue(
                review_id=review.review_id,
                case_id=review.case_id,
                due_on=review.due_on,
                chaired_by=chair,
                flagged_at=now,
            )
            await to_domain_and(publisher, [review.chaired_by], review.case_id, overdue)
            flagged += 1
    return flagged


def scheduled(review: Review) -> ReviewScheduled:
    return ReviewScheduled(
        review_id=review.review_id,
        case_id=review.case_id,
        sequence=review.sequence,
        due_on=review.due_on,
        chaired_by=Agency(review.chaired_by),
        policy_version=review.policy_version,
    )
