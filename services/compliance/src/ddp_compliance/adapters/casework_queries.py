"""The casework on-call and the programme team chase: breach referrals awaiting the authority's
decision, and case reviews flagged overdue. Pseudonymous ids, dates and codes only."""

from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.vocabulary import LadderStep

LISTED = 500  # the oldest first; a longer backlog is counted by the metrics, not listed


def awaiting_decision() -> Any:
    """A breach referral no decision answered and nothing withdrew."""
    e = orm.escalations
    return and_(e.c.step == LadderStep.BREACH_REFERRAL.value, e.c.decision.is_(None), e.c.withdrawn_at.is_(None))


def review_overdue() -> Any:
    """A review on an open case flagged overdue, still without an outcome."""
    r, records = orm.reviews, orm.compliance_records
    return and_(r.c.outcome.is_(None), records.c.closed_at.is_(None), r.c.overdue_flagged_at.is_not(None))


async def breach_referrals_awaiting_decision(session: AsyncSession, now: datetime) -> list[dict[str, Any]]:
    e = orm.escalations
    query = (
        select(e.c.escalation_id, e.c.case_id, e.c.mandate_type, e.c.referred_to, e.c.raised_at, e.c.decision_due_by)
        .where(awaiting_decision())
        .order_by(e.c.raised_at)
        .limit(LISTED)
    )
    return [
        {
            "escalation_id": str(row.escalation_id),
            "case_id": str(row.case_id),
            "mandate_type": row.mandate_type,
            "referred_to": list(row.referred_to),
            "raised_at": row.raised_at.isoformat(),
            "decision_due_by": row.decision_due_by.isoformat() if row.decision_due_by else None,
            "overdue": row.decision_due_by is not None and row.decision_due_by < now,
        }
        for row in await session.execute(query)
    ]


async def reviews_overdue(session: AsyncSession) -> list[dict[str, Any]]:
    r, records = orm.reviews, orm.compliance_records
    query = (
        select(r.c.review_id, r.c.case_id, r.c.sequence, r.c.due_on, r.c.chaired_by)
        .select_from(r.join(records, records.c.case_id == r.c.case_id))
        .where(review_overdue())
        .order_by(r.c.due_on)
        .limit(LISTED)
    )
    return [
        {
            "review_id": str(row.review_id),
            "case_id": str(row.case_id),
            "sequence": row.sequence,
            "due_on": row.due_on.isoformat(),
            "chaired_by": row.chaired_by,
        }
        for row in await session.execute(query)
    ]
