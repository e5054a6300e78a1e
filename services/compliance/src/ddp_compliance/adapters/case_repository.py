"""Saving and finding compliance records within the current transaction."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_compliance.adapters import orm
from ddp_compliance.domain.record import ComplianceRecord


class ComplianceRecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def exists(self, case_id: UUID) -> bool:
        table = orm.compliance_records
        return await self._session.scalar(select(table.c.case_id).where(table.c.case_id == case_id)) is not None

    async def get(self, case_id: UUID) -> ComplianceRecord | None:
        table = orm.compliance_records
        row = (await self._session.execute(select(table).where(table.c.case_id == case_id))).mappings().first()
        if row is None:
            return None
        return ComplianceRecord(
            case_id=row["case_id"],
            mandate_type=row["mandate_type"],
            responsible_authority=row["responsible_authority"],
            participation_required=row["participation_required"],
            escalation_possible=row["escalation_possible"],
            policy_version=row["policy_version"],
            mandate_starts_on=row["mandate_starts_on"] or row["opened_at"].date(),
            mappa_level=row["mappa_level"],
            closed=row["closed_at"] is not None,
        )

    async def add(self, record: ComplianceRecord) -> None:
        await self._session.execute(
            orm.compliance_records.insert().values(
                case_id=record.case_id,
                mandate_type=record.mandate_type,
                responsible_authority=record.responsible_authority,
                participation_required=record.participation_required,
                escalation_possible=record.escalation_possible,
                policy_version=record.policy_version,
                mandate_starts_on=record.mandate_starts_on,
                mappa_level=record.mappa_level,
            )
        )

    async def update(self, case_id: UUID, **values: object) -> None:
        table = orm.compliance_records
        await self._session.execute(table.update().where(table.c.case_id == case_id).values(**values))
