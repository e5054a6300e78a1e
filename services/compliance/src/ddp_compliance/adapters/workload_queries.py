"""How much compliance work is waiting, counted for the service's metrics: numbers only, never cases."""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import casework_queries as casework
from ddp_compliance.adapters import orm
from ddp_messaging.clock import Clock
from ddp_messaging.metrics import WorkloadGauge


def workload_gauges(clock: Clock) -> Sequence[WorkloadGauge]:
    """Breach referrals awaiting the authority's decision (and those past their decision limit),
    reviews due and reviews flagged overdue without an outcome, on open cases."""
    escalations, reviews, records = orm.escalations, orm.reviews, orm.compliance_records
    awaiting = select(func.count()).select_from(escalations).where(casework.awaiting_decision())
    open_reviews = (
        select(func.count())
        .select_from(reviews.join(records, records.c.case_id == reviews.c.case_id))
        .where(reviews.c.outcome.is_(None), records.c.closed_at.is_(None))
    )
    overdue_reviews = (
        select(func.count())
        .select_from(reviews.join(records, records.c.case_id == reviews.c.case_id))
        .where(casework.review_overdue())
    )

    async def awaiting_decision(session: AsyncSession) -> float:
        return float(await session.scalar(awaiting) or 0)

    async def decision_overdue(session: AsyncSession) -> float:
        return float(await session.scalar(awaiting.where(escalations.c.decision_due_by < clock())) or 0)

    async def reviews_due(session: AsyncSession) -> float:
        return float(await session.scalar(open_reviews.where(reviews.c.due_on <= clock().date())) or 0)

    async def reviews_overdue(session: AsyncSession) -> float:
        return float(await session.scalar(overdue_reviews) or 0)

    return (
        WorkloadGauge(
            "ddp_breach_referrals_awaiting_decision",
            "Breach referrals sent to the responsible authority with no decision yet (withdrawn ones excluded)",
            awaiting_decision,
        ),
        WorkloadGauge(
            "ddp_breach_referrals_decision_overdue",
            "Breach referrals awaiting a decision past the policy's decision limit",
            decision_overdue,
        ),
        WorkloadGauge(
            "ddp_reviews_due", "Case reviews on open cases due today or earlier with no outcome recorded", reviews_due
        ),
        WorkloadGauge(
            "ddp_reviews_overdue",
            "Case reviews on open cases flagged overdue with no outcome recorded",
            reviews_overdue,
        ),
    )
