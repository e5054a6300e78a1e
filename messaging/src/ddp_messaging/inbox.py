"""Remembering which records have been acted on, in the transaction of their effect."""

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.records import InboundRecord
from ddp_messaging.tables import MessagingTables


class Outcome(StrEnum):
    APPLIED = "applied"
    REFUSED = "refused"
    DEAD_LETTERED = "dead_lettered"


class Inbox:
    def __init__(self, tables: MessagingTables) -> None:
        self._table = tables.inbox

    async def digests(self, session: AsyncSession, record_keys: list[str]) -> dict[str, str]:
        """The digest of each of ``record_keys`` already processed (one query for a whole batch)."""
        if not record_keys:
            return {}
        rows = await session.execute(
            select(self._table.c.record_key, self._table.c.digest).where(self._table.c.record_key.in_(record_keys))
        )
        return {row.record_key: row.digest for row in rows}

    async def record(
        self,
        session: AsyncSession,
        record: InboundRecord,
        *,
        record_key: str,
        event_type: str | None,
        outcome: Outcome,
    ) -> None:
        await session.execute(
            self._table.insert().values(
                record_key=record_key,
                digest=record.digest(),
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                event_type=event_type,
                outcome=outcome.value,
            )
        )
