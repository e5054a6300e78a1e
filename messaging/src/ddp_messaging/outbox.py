"""Writing events to the outbox inside the caller's transaction."""

from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from ddp_messaging.staging import stage
from ddp_messaging.tables import MessagingTables
from ddp_messaging.tracing import current_traceparent
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.kafka_binding import encode

# The class of the advisory locks that order one key's events (the relay's lock is a single
# bigint: the two key spaces never overlap).
KEY_LOCK_CLASS = 0x44445000

# Every key of the transaction's rows locked in one statement, in one order (two writers of the
# same keys then queue rather than deadlock; PostgreSQL still detects any deadlock left).
_LOCK_KEYS = text(
    "SELECT count(pg_advisory_xact_lock(:lock_class, h)) FROM"
    " (SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS ordered"
)


class Outbox:
    """Appends events to the outbox table; the relay publishes them after commit, in id order.

    Two transactions writing events for the same key (a consumer batch and a scheduled pass, or
    two instances) would otherwise take outbox ids in one order and commit in the other, and the
    relay would publish that key's events out of order. Each transaction takes a lock on the
    (topic, key) before its rows for it take their ids and holds it until it ends: the second
    writer waits, and takes its ids after the first has committed. Per key, id order is commit order.

    Rows are staged and written as the transaction commits (``staging``): the locks for every
    key of the transaction, then every row, in two statements.
    """

    def __init__(self, tables: MessagingTables, source: str) -> None:
        self._table = tables.outbox
        self._source = source

    def envelope(
        self,
        event: Event,
        *,
        subject: str | None,
        cause: CloudEvent | None,
        caused_by: tuple[UUID | None, UUID | None] = (None, None),
    ) -> CloudEvent:
        """Wrap ``event`` in a CloudEvent from this service, chained to ``cause`` when given.

        ``caused_by`` (correlation id, causation id) chains to a record that is not a readable
        CloudEvent, of which only the ids may be known.
        """
        data = event.model_dump(mode="json")
        if cause is not None:
            return cause.caused(
                source=self._source,
                type=event.event_type,
                dataversion=event.version,
                data=data,
                subject=subject,
                traceparent=current_traceparent(cause.traceparent),
            )
        return CloudEvent(
            source=self._source,
            type=event.event_type,
            dataversion=event.version,
            data=data,
            subject=subject,
            correlationid=caused_by[0],
            causationid=caused_by[1],
            traceparent=current_traceparent(),
        )

    async def add(
        self,
        session: AsyncSession,
        *,
        topic: str,
        key: str | None,
        event: Event,
        subject: str | None = None,
        cause: CloudEvent | None = None,
        caused_by: tuple[UUID | None, UUID | None] = (None, None),
    ) -> CloudEvent:
        """Stage ``event`` for ``topic`` in the current transaction and return its envelope."""
        envelope = self.envelope(event, subject=subject, cause=cause, caused_by=caused_by)
        value, headers = encode(envelope)
        row = {
            "topic": topic,
            "key": key,
            "value": value,
            "headers": [[name, raw.decode()] for name, raw in headers],
            "event_id": envelope.id,
            "event_type": envelope.type,
        }
        stage(session, self._table, row, before_write=_lock_keys)
        return envelope


def _lock_keys(session: Session, rows: list[dict[str, Any]]) -> None:
    keys = sorted({f"{row['topic']}|{row['key']}" for row in rows if row["key"] is not None})
    if keys:
        session.execute(_LOCK_KEYS, {"lock_class": KEY_LOCK_CLASS, "keys": keys})
