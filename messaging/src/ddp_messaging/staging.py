"""Rows a transaction writes as it ends: one statement per table for a whole batch, not one per row.

The inbox and the outbox stage their rows on the session; just before the transaction
commits, every staged row is written (still inside it, so the guarantees are those of a
row written at once: it commits with the effect it belongs to, or not at all). What runs
before a table's rows (the outbox's key locks) runs once, with every row's arguments.

A batch of two hundred records is then a handful of statements of bookkeeping instead of
several hundred round trips. A savepoint that rolls back must drop what was staged inside
it: ``position`` and ``discard_from`` are for that (the processor's per-record savepoints).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

_KEY = "ddp.transaction"

# Runs (in the session's own synchronous context) just before the rows of its table are written.
BeforeWrite = Callable[[Session, list[dict[str, Any]]], None]


@dataclass
class _Staged:
    table: Table
    row: dict[str, Any]


@dataclass
class StagedRows:
    rows: list[_Staged] = field(default_factory=list)
    before_write: dict[str, BeforeWrite] = field(default_factory=dict)

    def position(self) -> int:
        return len(self.rows)

    def discard_from(self, position: int) -> None:
        del self.rows[position:]

    def drop(self, table: Table, column: str, value: Any) -> None:
        """Unstage ``table``'s rows whose ``column`` is ``value`` (a row deleted before it was written)."""
        self.rows = [r for r in self.rows if r.table is not table or r.row.get(column) != value]

    def write(self, session: Session) -> None:
        staged, self.rows = self.rows, []
        by_table: dict[str, tuple[Table, list[dict[str, Any]]]] = {}
        for item in staged:  # tables in the order their first row was staged
            by_table.setdefault(item.table.name, (item.table, []))[1].append(item.row)
        for name, (table, rows) in by_table.items():
            if name in self.before_write:
                self.before_write[name](session, rows)
            session.execute(table.insert(), rows)


def transaction_scoped(session: AsyncSession) -> dict[str, Any]:
    """What lives as long as ``session``'s current transaction (staged rows, what a batch read ahead)."""
    scoped: dict[str, Any] | None = session.info.get(_KEY)
    if scoped is None:
        scoped = session.info[_KEY] = {}
    return scoped


def staged_rows(session: AsyncSession) -> StagedRows:
    """What ``session``'s current transaction has staged (created empty on first use)."""
    rows: StagedRows = transaction_scoped(session).setdefault("staged_rows", StagedRows())
    return rows


def stage(session: AsyncSession, table: Table, row: dict[str, Any], before_write: BeforeWrite | None = None) -> None:
    """Write ``row`` into ``table`` when the transaction commits (``before_write`` first, once per table)."""
    rows = staged_rows(session)
    rows.rows.append(_Staged(table, row))
    if before_write is not None:
        rows.before_write.setdefault(table.name, before_write)


async def write_staged(session: AsyncSession) -> None:
    """Write what is staged now rather than at commit (to read it back in the same transaction)."""
    rows = staged_rows(session)
    if rows.rows:
        await session.run_sync(rows.write)


@event.listens_for(Session, "before_commit")
def _write_staged(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint being released (SQLAlchemy calls this hook for those too): not yet
    rows: StagedRows | None = session.info.get(_KEY, {}).get("staged_rows")
    if rows is not None and rows.rows:
        rows.write(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_staged(session: Session, transaction: SessionTransaction) -> None:
    # Whatever way the transaction ended: committed, its rows are written; rolled back (or its
    # session closed), its staged rows go with it, as the database's own rows do.
    if transaction.parent is None and not transaction.nested:
        session.info.pop(_KEY, None)
