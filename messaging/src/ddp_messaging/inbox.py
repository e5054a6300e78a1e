"""Remembering which records have been acted on, in the transaction of their effect."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.batch_lookup import any_of
from ddp_messaging.records import InboundRecord
from ddp_messaging.staging import stage, staged_rows
from ddp_messaging.tables import MessagingTables


class Outcome(StrEnum):
    APPLIED = "applied"
    REFUSED = "refused"
    DEAD_LETTERED = "dead_lettered"


@dataclass(frozen=True)
class Seen:
    digest: str
    outcome: Outcome


class Inbox:
    def __init__(self, tables: MessagingTables) -> None:
        self._table = tables.inbox

    async def seen(self, session: AsyncSession, record_keys: list[str]) -> dict[str, Seen]:
        """What became of each of ``record_keys`` already processed (one query for a whole batch)."""
        if not record_keys:
            return {}
        table = self._table
        rows = await session.execute(
            select(table.c.record_key, table.c.digest, table.c.outcome).where(any_of(table.c.record_key, record_keys))
        )
        return {row.record_key: Seen(row.digest, Outcome(row.outcome)) for row in rows}

    async def forget(self, session: AsyncSession, record_key: str) -> None:
        """Let a dead-lettered record be processed again (a re-drive after a fix)."""
        staged_rows(session).drop(self._table, "record_key", record_key)
        await session.execute(delete(self._table).where(self._table.c.record_key == record_key))

    async def record(
        self,
        session: AsyncSession,
        record: InboundRecord,
        *,
        record_key: str,
        event_type: str | None,
        outcome: Outcome,
    ) -> None:
        """Stage the record's row: written as the transaction commits, with every other row of the batch."""
        stage(
            session,
            self._table,
            {
                "record_key": record_key,
                "digest": record.digest(),
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
                "event_type": event_type,
                "outcome": outcome.value,
            },
        )
