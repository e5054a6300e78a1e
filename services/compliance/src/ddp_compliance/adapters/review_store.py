"""Scheduled reviews and their outcomes."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.review import Review


class ReviewStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def schedule(self, review: Review) -> bool:
        """Add ``review`` unless the case already has a review of that sequence number."""
        statement = insert(orm.reviews).values(
            review_id=review.review_id,
            case_id=review.case_id,
            sequence=review.sequence,
            due_on=review.due_on,
            chaired_by=review.chaired_by,
            policy_version=review.policy_version,
            period_start=review.period_start,
        )
        returning = statement.on_conflict_do_nothing().returning(orm.reviews.c.review_id)
        return (await self._session.execute(returning)).scalar() is not None

    async def get(self, review_id: UUID) -> Review | None:
        table = orm.reviews
        row = (await self._session.execute(select(table).where(table.c.review_id == review_id))).mappings().first()
        return _review(row) if row else None

    async def open_reviews(self, limit: int) -> list[Review]:
        """Reviews without an outcome, of cases still open."""
        table, records = orm.reviews, orm.compliance_records
        query = (
            select(table)
            .join(records, records.c.case_id == table.c.case_id)
            .where(table.c.outcome.is_(None), records.c.closed_at.is_(None))
            .order_by(table.c.due_on, table.c.review_id)
            .limit(limit)
        )
        return [_review(row) for row in (await self._session.execute(query)).mappings()]

    async def mark(self, review_id: UUID, **values: object) -> None:
        table = orm.reviews
        await self._session.execute(table.update().where(table.c.review_id == review_id).values(**values))

    async def record_outcome(
        self, review_id: UUID, outcome: str, chairing_role: str, reviewed_on: date, at: datetime
    ) -> None:
        await self.mark(
            review_id, outcome=outcome, chairing_role=chairing_role, reviewed_on=reviewed_on, recorded_at=at
        )


def _review(row: object) -> Review:
    r = dict(row)  # type: ignore[call-overload]
    return Review(
        review_id=r["review_id"],
        case_id=r["case_id"],
        sequence=r["sequence"],
        due_on=r["due_on"],
        chaired_by=r["chaired_by"],
        policy_version=r["policy_version"],
        period_start=r["period_start"],
        announced=r["announced_at"] is not None,
        due_flagged=r["due_flagged_at"] is not None,
        overdue_flagged=r["overdue_flagged_at"] is not None,
        outcome=r["outcome"],
    )
