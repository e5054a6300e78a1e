"""Publishes committed outbox rows to Kafka, in order, and marks them published."""

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ddp_messaging.batch_lookup import any_of
from ddp_messaging.metrics import ServiceMetrics
from ddp_messaging.retries import Backoff, is_transient
from ddp_messaging.tables import MessagingTables
from ddp_schemas.namespace import TopicNamespace

log = logging.getLogger(__name__)


class OutboxRelay:
    """One active relay per service database (an advisory lock elects it).

    Rows are read as "every unpublished row, oldest id first", never "after the last id
    seen": ids are not allocated in commit order, and a cursor would skip a row whose
    transaction committed late. A row published but not yet marked (a crash in between) is
    published again; consumers drop the duplicate by event id.
    """

    def __init__(
        self,
        tables: MessagingTables,
        sessions: async_sessionmaker[AsyncSession],
        producer_factory: Callable[[], AIOKafkaProducer],
        lock_id: int,
        batch_size: int,
        idle_poll_seconds: float,
        backoff: Backoff,
        namespace: TopicNamespace,
        metrics: ServiceMetrics | None = None,
    ) -> None:
        self._table = tables.outbox
        self._sessions = sessions
        self._producer_factory = producer_factory
        self._producer: AIOKafkaProducer | None = None
        self._lock_id = lock_id
        self._batch_size = batch_size
        self._idle_poll = idle_poll_seconds
        self._backoff = backoff
        self._namespace = namespace
        self._metrics = metrics or ServiceMetrics()
        self._wake = asyncio.Event()
        self._stopping = False
        self.healthy = True

    async def open(self) -> None:
        """Start the relay's idempotent producer (inside the running event loop)."""
        self._producer = self._producer_factory()
        await self._producer.start()

    async def close(self) -> None:
        if self._producer is not None:
            await self._producer.stop()

    def wake(self) -> None:
        """Called after a transaction that wrote to the outbox commits."""
        self._wake.set()

    async def run(self) -> None:
        while not self._stopping:
            try:
                published = await self.publish_pending()
                self.healthy = True
                self._backoff.reset()
            except Exception as error:
                if not is_transient(error):
                    log.exception("outbox relay failed; retrying")
                else:
                    log.warning("outbox relay waiting for %s", type(error).__name__)
                self.healthy = False
                await self._backoff.wait()
                continue
            if published < self._batch_size:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._idle_poll)

    def request_stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def drain(self) -> None:
        """Publish what is pending (best effort); called once ``run`` has returned."""
        try:
            while await self.publish_pending() >= self._batch_size:
                pass
        except Exception as error:  # the rows stay in the outbox for the next start
            log.warning("outbox relay stopped with rows pending: %s", type(error).__name__)

    async def publish_pending(self) -> int:
        """Publish one batch of unpublished rows; return how many."""
        assert self._producer is not None, "open() the relay first"
        started = time.perf_counter()
        async with self._sessions.begin() as session:
            locked = await session.scalar(select(func.pg_try_advisory_xact_lock(self._lock_id)))
            if not locked:
                return 0
            rows = (
                await session.execute(
                    select(
                        self._table.c.id,
                        self._table.c.topic,
                        self._table.c.key,
                        self._table.c.value,
                        self._table.c.headers,
                    )
                    .where(self._table.c.published_at.is_(None))
                    .order_by(self._table.c.id)
                    .limit(self._batch_size)
                )
            ).all()
            if not rows:
                return 0
            # The idempotent producer keeps send order per partition, so the futures can be
            # awaited together without reordering a case's events.
            futures = [
                await self._producer.send(
                    self._namespace.physical(row.topic),
                    value=row.value,
                    key=row.key.encode() if row.key is not None else None,
                    headers=[(name, value.encode()) for name, value in row.headers],
                )
                for row in rows
            ]
            await asyncio.gather(*futures)
            await self._mark_published(session, [row.id for row in rows])
        self._metrics.count_published(len(rows), time.perf_counter() - started)
        return len(rows)

    async def _mark_published(self, session: AsyncSession, ids: list[int]) -> None:
        """The rows are on Kafka; a crash before this commits publishes them again (never loses them)."""
        await session.execute(
            self._table.update().where(any_of(self._table.c.id, ids)).values(published_at=datetime.now(UTC))
        )
