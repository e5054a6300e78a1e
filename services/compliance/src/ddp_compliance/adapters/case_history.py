"""Suspension periods and plan changes of a case, as compliance heard of them."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm


class CaseHistory:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def suspended(self, event_id: UUID, case_id: UUID, at: datetime) -> None:
        statement = insert(orm.suspension_periods).values(event_id=event_id, case_id=case_id, starts_at=at)
        await self._session.execute(statement.on_conflict_do_nothing())

    async def resumed(self, case_id: UUID, at: datetime) -> None:
        """Ends the latest suspension that began before ``at`` and is still open."""
        table = orm.suspension_periods
        latest = (
            select(table.c.event_id)
            .where(table.c.case_id == case_id, table.c.ends_at.is_(None), table.c.starts_at <= at)
            .order_by(table.c.starts_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        await self._session.execute(table.update().where(table.c.event_id == latest).values(ends_at=at))

    async def plan_changed(self, event_id: UUID, case_id: UUID, event_type: str, at: datetime) -> None:
        values = {"event_id": event_id, "case_id": case_id, "event_type": event_type, "occurred_at": at}
        await self._session.execute(insert(orm.plan_changes).values(**values).on_conflict_do_nothing())

    async def plan_changes_since(self, case_id: UUID, since: datetime) -> int:
        table = orm.plan_changes
        query = select(func.count()).where(table.c.case_id == case_id, table.c.occurred_at >= since)
        return int(await self._session.scalar(query) or 0)
