"""What other services reported about a case: attendance, concerns, corrections, suspensions, plan changes."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import and_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.instances import Instance, SuspensionPeriod
from ddp_schemas.events.compliance_vocabulary import InstanceCategory


@dataclass(frozen=True)
class Fact:
    """One reported fact; ``counts_as`` is set when it is a non-compliance instance."""

    event_id: UUID
    kind: str  # ATTENDANCE or CONCERN
    case_id: UUID
    attendance_id: UUID | None
    event_type: str
    occurred_at: datetime
    outcome: str | None = None
    absence_category: str | None = None
    counts_as: InstanceCategory | None = None

    def instance(self) -> Instance:
        assert self.counts_as is not None
        return Instance(self.occurred_at.astimezone(UTC), self.event_id, self.event_type, self.counts_as)


class FactStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def session(self) -> AsyncSession:
        return self._session

    async def add(self, fact: Fact) -> bool:
        """Store ``fact`` once; False when the same event was stored before."""
        table = orm.reported_facts
        statement = insert(table).values(**fact.__dict__).on_conflict_do_nothing().returning(table.c.event_id)
        return (await self._session.execute(statement)).scalar() is not None

    async def is_corrected(self, attendance_id: UUID | None) -> bool:
        table = orm.attendance_corrections
        query = select(table.c.correction_event_id).where(table.c.corrected_attendance_id == attendance_id)
        return attendance_id is not None and await self._session.scalar(query) is not None

    async def record_correction(self, case_id: UUID, corrected_attendance_id: UUID, correction_event_id: UUID) -> bool:
        statement = (
            insert(orm.attendance_corrections)
            .values(
                corrected_attendance_id=corrected_attendance_id,
                correction_event_id=correction_event_id,
                case_id=case_id,
            )
            .on_conflict_do_nothing()
            .returning(orm.attendance_corrections.c.corrected_attendance_id)
        )
        return (await self._session.execute(statement)).scalar() is not None

    async def facts_of_attendance(self, attendance_id: UUID) -> list[Fact]:
        table = orm.reported_facts
        rows = (await self._session.execute(select(table).where(table.c.attendance_id == attendance_id))).mappings()
        return [_fact(row) for row in rows]

    async def facts_of_case(self, case_id: UUID, since: datetime | None = None) -> list[Fact]:
        """The case's facts still standing (not replaced by a correction), optionally from ``since``."""
        table, corrections = orm.reported_facts, orm.attendance_corrections
        query = (
            select(table)
            .outerjoin(corrections, corrections.c.corrected_attendance_id == table.c.attendance_id)
            .where(and_(table.c.case_id == case_id, corrections.c.corrected_attendance_id.is_(None)))
        )
        if since is not None:
            query = query.where(table.c.occurred_at >= since)
        return [_fact(row) for row in (await self._session.execute(query)).mappings()]

    async def instances(self, case_id: UUID) -> list[Instance]:
        return [fact.instance() for fact in await self.facts_of_case(case_id) if fact.counts_as is not None]

    async def suspensions(self, case_id: UUID) -> list[SuspensionPeriod]:
        table = orm.suspension_periods
        rows = await self._session.execute(select(table.c.starts_at, table.c.ends_at).where(table.c.case_id == case_id))
        return [SuspensionPeriod(starts_at, ends_at) for starts_at, ends_at in rows]


def _fact(row: object) -> Fact:
    values = dict(row)  # type: ignore[call-overload]
    counts_as = values.pop("counts_as")
    return Fact(**values, counts_as=InstanceCategory(counts_as) if counts_as else None)
