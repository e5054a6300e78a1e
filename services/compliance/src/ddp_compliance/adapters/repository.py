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

    async def add(self, record: ComplianceRecord) -> None:
        await self._session.execute(
            orm.compliance_records.insert().values(
                case_id=record.case_id,
                mandate_type=record.mandate_type,
                responsible_authority=record.responsible_authority,
                participation_required=record.participation_required,
                escalation_possible=record.escalation_possible,
                policy_version=record.policy_version,
            )
        )
