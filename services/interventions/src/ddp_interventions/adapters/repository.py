"""A case's plan, with its sessions and attendance: loaded locked, saved by difference, in the caller's transaction."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.adapters.kept_plans import HeldPlan, StoredRows, kept_plans
from ddp_interventions.adapters.plan_rows import (
    attendance_from_row,
    attendance_values,
    plan_from_row,
    plan_values,
    session_from_row,
    session_values,
)
from ddp_interventions.domain.plan import Plan


class SqlPlanRepository:
    """The plans one unit of work holds; taken from the batch's kept plans when there, else from the database."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._held: dict[UUID, HeldPlan] = {}

    async def for_case(self, case_id: UUID) -> Plan | None:
        if case_id not in self._held:
            held = kept_plans(self._session).pop(case_id, None) or await self._load(case_id)
            if held is None:
                return None
            self._held[case_id] = held
        return self._held[case_id].plan

    async def add(self, plan: Plan) -> None:
        self._held[plan.case_id] = HeldPlan(plan, stored=None)

    async def case_of_session(self, session_id: UUID) -> UUID | None:
        found: UUID | None = await self._session.scalar(
            select(orm.sessions.c.case_id).where(orm.sessions.c.session_id == session_id)
        )
        return found

    async def store_held(self) -> list[Plan]:
        """Write what changed in every plan held; the plans, for their events."""
        for held in self._held.values():
            await self._store(held)
        return [held.plan for held in self._held.values()]

    def keep_for_batch(self) -> None:
        """Hand the stored plans to the batch's later records (call once they are stored and published)."""
        kept_plans(self._session).update(self._held)
        self._held = {}

    async def _load(self, case_id: UUID) -> HeldPlan | None:
        # Locked until the transaction ends: one writer per case at a time, across instances.
        return await read_plan(self._session, case_id, for_update=True)

    async def _store(self, held: HeldPlan) -> None:
        plan, values = held.plan, plan_values(held.plan)
        if held.stored is None:
            await self._session.execute(orm.plans.insert().values(**values))
            held.stored = StoredRows(values)
        elif values != held.stored.plan:
            await self._session.execute(orm.plans.update().where(orm.plans.c.plan_id == plan.plan_id).values(**values))
            held.stored.plan = values
        stored = held.stored
        for item in plan.sessions.values():
            row = session_values(plan.case_id, item)
            if stored.sessions.get(item.session_id) != row:
                statement = insert(orm.sessions).values(**row)
                await self._session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[orm.sessions.c.session_id],
                        set_={k: statement.excluded[k] for k in row if k != "session_id"},
                    )
                )
                stored.sessions[item.session_id] = row
            for record in item.attendance:
                if record.attendance_id not in stored.attendance:
                    await self._session.execute(
                        orm.attendance.insert().values(**attendance_values(plan.case_id, item.session_id, record))
                    )
                    stored.attendance.add(record.attendance_id)


async def read_plan(session: AsyncSession, case_id: UUID, *, for_update: bool) -> HeldPlan | None:
    """The case's plan with its sessions and attendance, as stored; locked when ``for_update``."""
    query = select(orm.plans).where(orm.plans.c.case_id == case_id)
    row = (await session.execute(query.with_for_update() if for_update else query)).one_or_none()
    if row is None:
        return None
    plan = plan_from_row(row)
    stored = StoredRows(plan_values(plan))
    for session_row in await session.execute(select(orm.sessions).where(orm.sessions.c.case_id == case_id)):
        loaded = session_from_row(session_row)
        plan.sessions[loaded.session_id] = loaded
        stored.sessions[loaded.session_id] = session_values(case_id, loaded)
    records = await session.execute(
        select(orm.attendance).where(orm.attendance.c.case_id == case_id).order_by(orm.attendance.c.recorded_order)
    )
    for record in records:
        plan.sessions[record.session_id].attendance.append(attendance_from_row(record))
        stored.attendance.add(record.attendance_id)
    return HeldPlan(plan, stored)
