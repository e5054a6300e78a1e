"""What ``GET /case-progress`` and the review packs read: derived from the plan when asked for.

No read model is kept up to date on every change: a summary costs one read of the plan when
someone asks, where keeping one cost a write on every record the service handled.
"""

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.adapters.repository import read_plan
from ddp_interventions.domain.progress import ProgressSummary, summarise


async def progress_for_case(session: AsyncSession, case_id: UUID) -> ProgressSummary | None:
    """The case's progress summary, or None when the service has no plan for it (never locks the plan)."""
    held = await read_plan(session, case_id, for_update=False)
    return summarise(held.plan) if held is not None else None


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
