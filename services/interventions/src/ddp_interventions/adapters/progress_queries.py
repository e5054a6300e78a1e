"""The per-case progress read model: written with each change of a plan, read by ``GET /case-progress``."""

from dataclasses import asdict
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.domain.progress import ProgressSummary


async def save_progress(session: AsyncSession, case_id: UUID, summary: ProgressSummary) -> None:
    values = asdict(summary)
    statement = insert(orm.case_progress).values(case_id=case_id, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=[orm.case_progress.c.case_id], set_=values))


async def progress_for_case(session: AsyncSession, case_id: UUID) -> ProgressSummary | None:
    """The case's progress summary, or None when the service has no plan for it."""
    row = (await session.execute(select(orm.case_progress).where(orm.case_progress.c.case_id == case_id))).one_or_none()
    if row is None:
        return None
    fields = ProgressSummary.__dataclass_fields__
    return ProgressSummary(**{name: getattr(row, name) for name in fields})


async def attendance_history(session: AsyncSession, case_id: UUID) -> list[dict[str, Any]]:
    """Each session's standing attendance, in the order the sessions happened (not the order reported).

    Notes are left out: a review pack gets outcomes, not the provider's free text.
    """
    table = orm.attendance
    superseded = select(table.c.corrects).where(table.c.case_id == case_id, table.c.corrects.is_not(None))
    rows = await session.execute(
        select(
            table.c.attendance_id,
            table.c.session_id,
            table.c.occurred_at,
            table.c.outcome,
            table.c.absence_category,
            table.c.engagement_rating,
            table.c.concern,
        )
        .where(table.c.case_id == case_id, table.c.attendance_id.not_in(superseded))
        .order_by(table.c.occurred_at, table.c.recorded_order)
    )
    return [dict(row._mapping) for row in rows]
