"""Writing events to the outbox inside the caller's transaction."""

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ddp_messaging.tables import MessagingTables
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.kafka_binding import encode

# The class of the advisory locks that order one key's events (the relay's lock is a single
# bigint: the two key spaces never overlap).
KEY_LOCK_CLASS = 0x44445000


class Outbox:
    """Appends events to the outbox table; the relay publishes them after commit, in id order.

    Two transactions writing events for the same key (a consumer batch and a scheduled pass, or
    two instances) would otherwise take outbox ids in one order and commit in the other, and the
    relay would publish that key's events out of order. Each transaction takes a lock on the
    (topic, key) before its first row for it and holds it until it ends: the second writer waits,
    and takes its ids after the first has committed. Per key, id order is commit order.
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
                source=self._source, type=event.event_type, dataversion=event.version, data=data, subject=subject
            )
        return CloudEvent(
            source=self._source,
            type=event.event_type,
            dataversion=event.version,
            data=data,
            subject=subject,
            correlationid=caused_by[0],
            causationid=caused_by[1],
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
        if key is not None:
            # Deadlocks between two such writers are detected by PostgreSQL and retried (transient).
            await session.execute(select(func.pg_advisory_xact_lock(KEY_LOCK_CLASS, func.hashtext(f"{topic}|{key}"))))
        await session.execute(
            self._table.insert().values(
                topic=topic,
                key=key,
                value=value,
                headers=[[name, raw.decode()] for name, raw in headers],
                event_id=envelope.id,
                event_type=envelope.type,
            )
        )
        return envelope
