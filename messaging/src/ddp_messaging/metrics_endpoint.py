"""``/metrics``: what is counted as it happens, plus what is read when Prometheus scrapes.

The outbox, readiness, lag and the service's own workload are states, not events: they are read
at scrape time (one short read-only transaction, bounded waits), so a scrape always shows now.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer
from faststream.asgi import AsgiResponse, get
from faststream.asgi.types import ASGIApp
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ddp_messaging.metrics import ServiceMetrics
from ddp_messaging.readiness import Check, run_checks
from ddp_messaging.tables import MessagingTables
from ddp_schemas.namespace import TopicNamespace

log = logging.getLogger(__name__)

_POSITION_WAIT_SECONDS = 0.5


class ObservedState:
    """Sets the gauges that describe the service's state right now."""

    def __init__(
        self,
        metrics: ServiceMetrics,
        tables: MessagingTables,
        sessions: async_sessionmaker[AsyncSession],
        checks: dict[str, Check],
        retrying: Callable[[], dict[str, bool]],
        consumer: Callable[[], AIOKafkaConsumer | None],
        namespace: TopicNamespace,
    ) -> None:
        self._metrics = metrics
        self._outbox = tables.outbox
        self._sessions = sessions
        self._checks = checks
        self._retrying = retrying
        self._consumer = consumer
        self._namespace = namespace

    async def refresh(self) -> None:
        m = self._metrics
        for check, passed in (await run_checks(self._checks)).items():
            m.ready.labels(check).set(1 if passed else 0)
        for component, waiting in self._retrying().items():
            m.retrying.labels(component).set(1 if waiting else 0)
        await self._refresh_lag()
        try:
            async with self._sessions() as session:
                await self._refresh_outbox(session)
                for gauge, metric in m.workload:
                    metric.set(await gauge.read(session))
        except Exception as error:  # the database is down: the readiness gauge already says so
            log.warning("metrics: reading the database failed with %s", type(error).__name__)

    async def _refresh_outbox(self, session: AsyncSession) -> None:
        unpublished = self._outbox.c.published_at.is_(None)
        waiting = await session.scalar(select(func.count()).select_from(self._outbox).where(unpublished))
        oldest = await session.scalar(
            select(self._outbox.c.created_at).where(unpublished).order_by(self._outbox.c.id).limit(1)
        )
        self._metrics.outbox_unpublished.set(waiting or 0)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest is not None else 0.0
        self._metrics.outbox_oldest_age.set(max(age, 0.0))

    async def _refresh_lag(self) -> None:
        lag = self._metrics.consumer_lag
        # Partitions move between instances in a rebalance: only those assigned now are shown.
        lag.clear()
        consumer = self._consumer()
        if consumer is None:
            return
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is None:  # nothing fetched from it yet
                continue
            with contextlib.suppress(Exception):
                position = await asyncio.wait_for(consumer.position(partition), _POSITION_WAIT_SECONDS)
                topic = self._namespace.logical(partition.topic)
                lag.labels(topic, str(partition.partition)).set(max(highwater - position, 0))


def metrics_route(metrics: ServiceMetrics, state: ObservedState) -> ASGIApp:
    @get(include_in_schema=False)
    async def scrape(scope: object) -> AsgiResponse:
        await state.refresh()
        return AsgiResponse(generate_latest(metrics.registry), 200, headers={"content-type": CONTENT_TYPE_LATEST})

    return scrape
