"""A case's plan, with its sessions and attendance: loaded locked, saved by difference, in the caller's transaction."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.adapters.kept_plans import HeldPlan, StoredRows, kept_plans, planless
from ddp_interventions.adapters.plan_rows import (
    attendance_from_row,
    attendance_values,
    plan_from_row,
    plan_values,
    session_from_row,
    session_values,
)
from ddp_interventions.domain.plan import Plan
from ddp_messaging.batch_lookup import any_of
from ddp_schemas.event import Event


class SqlPlanRepository:
    """The plans one unit of work holds; taken from the batch's kept plans when there, else from the database."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._held: dict[UUID, HeldPlan] = {}

    async def for_case(self, case_id: UUID) -> Plan | None:
        if case_id not in self._held:
            kept, without = kept_plans(self._session), planless(self._session)
            if case_id in without:  # read ahead for this batch: no plan then, and none since
                without.discard(case_id)
                return None
            held = kept.pop(case_id, None) or await self._load(case_id)
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
    return (await read_plans(session, [case_id], for_update=for_update)).get(case_id)


async def read_plans(session: AsyncSession, case_ids: Sequence[UUID], *, for_update: bool) -> dict[UUID, HeldPlan]:
    """The plans of those of ``case_ids`` that have one (three queries for any number of cases).

    Locked in case order when ``for_update``: two writers locking overlapping batches queue
    rather than deadlock.
    """
    query = select(orm.plans).where(any_of(orm.plans.c.case_id, case_ids)).order_by(orm.plans.c.case_id)
    held: dict[UUID, HeldPlan] = {}
    for row in await session.execute(query.with_for_update() if for_update else query):
        plan = plan_from_row(row)
        held[plan.case_id] = HeldPlan(plan, StoredRows(plan_values(plan)))
    if not held:
        return held
    found = list(held)
    for session_row in await session.execute(select(orm.sessions).where(any_of(orm.sessions.c.case_id, found))):
        loaded, stored = session_from_row(session_row), held[session_row.case_id]
        stored.plan.sessions[loaded.session_id] = loaded
        assert stored.stored is not None
        stored.stored.sessions[loaded.session_id] = session_values(session_row.case_id, loaded)
    records = await session.execute(
        select(orm.attendance).where(any_of(orm.attendance.c.case_id, found)).order_by(orm.attendance.c.recorded_order)
    )
    for record in records:
        stored = held[record.case_id]
        stored.plan.sessions[record.session_id].attendance.append(attendance_from_row(record))
        assert stored.stored is not None
        stored.stored.attendance.add(record.attendance_id)
    return held


async def read_plans_ahead(session: AsyncSession, events: Sequence[Event]) -> None:
    """Read, locked and in one go, the plans of every case a batch's events name and no record of
    the batch holds yet; a case without one is remembered as such (each handed out once)."""
    kept = kept_plans(session)
    case_ids = sorted({c for e in events if isinstance(c := getattr(e, "case_id", None), UUID) and c not in kept})
    if not case_ids:
        return
    found = await read_plans(session, case_ids, for_update=True)
    kept.update(found)
    planless(session).update(c for c in case_ids if c not in found)
