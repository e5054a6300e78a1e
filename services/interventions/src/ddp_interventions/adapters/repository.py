"""Loading and saving a case's plan (with its sessions and attendance) within the current transaction."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_interventions.adapters import orm
from ddp_interventions.adapters.plan_rows import (
    attendance_from_row,
    attendance_values,
    intervention_from_json,
    intervention_to_json,
    session_from_row,
    session_values,
)
from ddp_interventions.adapters.progress_queries import save_progress
from ddp_interventions.domain.plan import CaseStanding, Plan, PlanStatus
from ddp_interventions.domain.progress import summarise


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # What was loaded, so that saving writes only what changed (a long case has many sessions).
        self._stored_sessions: dict[UUID, dict] = {}
        self._stored_attendance: set[UUID] = set()
        self._stored_plan: dict | None = None

    async def exists_for_case(self, case_id: UUID) -> bool:
        found = await self._session.scalar(select(orm.plans.c.plan_id).where(orm.plans.c.case_id == case_id))
        return found is not None

    async def for_case(self, case_id: UUID) -> Plan | None:
        """The case's plan, locked until the transaction ends (one writer per case at a time)."""
        row = (
            await self._session.execute(select(orm.plans).where(orm.plans.c.case_id == case_id).with_for_update())
        ).one_or_none()
        if row is None:
            return None
        plan = Plan(
            row.plan_id,
            row.case_id,
            PlanStatus(row.status),
            [intervention_from_json(i) for i in row.interventions],
            row.rules_version,
            CaseStanding(row.standing),
            row.standing_since,
        )
        for session_row in await self._session.execute(select(orm.sessions).where(orm.sessions.c.case_id == case_id)):
            loaded = session_from_row(session_row)
            plan.sessions[loaded.session_id] = loaded
            self._stored_sessions[loaded.session_id] = session_values(case_id, loaded)
        records = await self._session.execute(
            select(orm.attendance).where(orm.attendance.c.case_id == case_id).order_by(orm.attendance.c.recorded_order)
        )
        for record in records:
            plan.sessions[record.session_id].attendance.append(attendance_from_row(record))
            self._stored_attendance.add(record.attendance_id)
        self._stored_plan = self._plan_values(plan)
        return plan

    async def session_id_taken(self, session_id: UUID) -> bool:
        return (
            await self._session.scalar(select(orm.sessions.c.case_id).where(orm.sessions.c.session_id == session_id))
        ) is not None

    async def add(self, plan: Plan) -> None:
        await self._session.execute(orm.plans.insert().values(**self._plan_values(plan)))
        await save_progress(self._session, plan.case_id, summarise(plan))

    async def save(self, plan: Plan) -> None:
        """Write the plan's changes and its progress summary, in the caller's transaction."""
        plan_values = self._plan_values(plan)
        if plan_values != self._stored_plan:
            await self._session.execute(
                orm.plans.update().where(orm.plans.c.plan_id == plan.plan_id).values(**plan_values)
            )
            self._stored_plan = plan_values
        for item in plan.sessions.values():
            values = session_values(plan.case_id, item)
            if self._stored_sessions.get(item.session_id) != values:
                statement = insert(orm.sessions).values(**values)
                await self._session.execute(
                    statement.on_conflict_do_update(
                        index_elements=[orm.sessions.c.session_id],
                        set_={k: statement.excluded[k] for k in values if k != "session_id"},
                    )
                )
                self._stored_sessions[item.session_id] = values
            for record in item.attendance:
                if record.attendance_id not in self._stored_attendance:
                    values = attendance_values(plan.case_id, item.session_id, record)
                    await self._session.execute(orm.attendance.insert().values(**values))
                    self._stored_attendance.add(record.attendance_id)
        await save_progress(self._session, plan.case_id, summarise(plan))

    @staticmethod
    def _plan_values(plan: Plan) -> dict:
        return {
            "plan_id": plan.plan_id,
            "case_id": plan.case_id,
            "status": plan.status.value,
            "rules_version": plan.rules_version,
            "interventions": [intervention_to_json(i) for i in plan.interventions],
            "standing": plan.standing.value,
            "standing_since": plan.standing_since,
        }
