"""Composes one service: broker, batch subscriber, processor, outbox relay, health, lifecycle."""

import asyncio
import logging
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from aiokafka import AIOKafkaProducer
from faststream import AckPolicy
from faststream.asgi import AsgiFastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from faststream.security import BaseSecurity
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Handler, ReadAhead
from ddp_messaging.inbox import Inbox
from ddp_messaging.log_format import configure_json_logging
from ddp_messaging.metrics import ServiceMetrics, WorkloadGauge
from ddp_messaging.metrics_endpoint import ObservedState, metrics_route
from ddp_messaging.migrations import upgrade_to_head
from ddp_messaging.outbox import Outbox
from ddp_messaging.periodic import PeriodicJob
from ddp_messaging.processor import BatchProcessor
from ddp_messaging.readiness import liveness_route, readiness_route
from ddp_messaging.relay import OutboxRelay
from ddp_messaging.retries import Backoff
from ddp_messaging.settings import ServiceSettings
from ddp_messaging.tables import MessagingTables
from ddp_messaging.tracing import configure_tracing
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry

log = logging.getLogger(__name__)


@dataclass
class ServiceDefinition:
    """What a service contributes: its name, tables, handlers per event type, migrations package,
    the work it does on the clock, what it reads ahead for a batch and the figures about its own
    work that its metrics show."""

    name: str
    tables: MessagingTables
    handlers: Mapping[str, Handler]
    migrations_package: str
    periodic_jobs: Sequence[PeriodicJob] = field(default_factory=tuple)
    read_ahead: ReadAhead | None = None
    workload: Sequence[WorkloadGauge] = field(default_factory=tuple)


async def _headers_unread(records: tuple[Any, ...], framework_parser: Callable[..., Awaitable[Any]]) -> Any:
    # FastStream's batch parser decodes every header value as UTF-8 and fails the whole batch
    # on one that is not, so one record with a binary header would leave every record beside
    # it unprocessed. The processor reads the headers itself, bytes as bytes: the framework is
    # given none, and the records stay as they came.
    message = await framework_parser(tuple(replace(record, headers=[]) for record in records))
    message.raw_message = records
    return message


async def _no_decoding(message: Any) -> None:
    # Records reach the processor raw: a record that is not JSON is dead-lettered by the
    # runtime, not rejected by the framework before the handler runs.
    return None


class ServiceRuntime:
    def __init__(self, definition: ServiceDefinition, settings: ServiceSettings) -> None:
        if settings.log_format == "json":
            configure_json_logging()
        configure_tracing(definition.name, settings.otlp_traces_endpoint)
        self.definition = definition
        self.settings = settings
        self.registry = load_topic_registry()
        self.namespace = TopicNamespace(settings.topic_namespace)
        self.engine: AsyncEngine = create_async_engine(
            settings.database_url,
            pool_pre_ping=True,
            # Room for every statement a service sends (each multi-row write of n rows is one of
            # its own): one that falls out of the cache is parsed and prepared again, by both sides.
            connect_args={"prepared_statement_cache_size": 500},
        )
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(self.engine, expire_on_commit=False)
        self.metrics = ServiceMetrics(workload=definition.workload)
        self.outbox = Outbox(definition.tables, source=f"/ddp/{definition.name}")
        backoff = lambda: Backoff(settings.retry_initial_seconds, settings.retry_max_seconds)  # noqa: E731
        self.relay = OutboxRelay(
            definition.tables,
            self.sessions,
            self._relay_producer,
            lock_id=zlib.crc32(f"ddp.{definition.name}.relay".encode()),
            batch_size=settings.relay_batch_size,
            idle_poll_seconds=settings.relay_idle_poll_seconds,
            backoff=backoff(),
            namespace=self.namespace,
            metrics=self.metrics,
        )
        self.processor = BatchProcessor(
            service=definition.name,
            registry=self.registry,
            catalogue=CATALOGUE,
            handlers=definition.handlers,
            sessions=self.sessions,
            outbox=self.outbox,
            inbox=Inbox(definition.tables),
            max_record_bytes=settings.max_record_bytes,
            backoff=backoff(),
            namespace=self.namespace,
            # Looked up at each commit: whatever relay the runtime holds when it runs is woken.
            on_commit=lambda: self.relay.wake(),
            read_ahead=definition.read_ahead,
            metrics=self.metrics,
        )
        self.kafka = settings.kafka_access(definition.name)
        self.broker = KafkaBroker(
            self.kafka.brokers,
            client_id=f"ddp-{definition.name}",
            graceful_timeout=30.0,
            # Topics are the registry's, created by the admin: a service has no right to create one.
            allow_auto_create_topics=False,
            security=BaseSecurity(ssl_context=self.kafka.ssl_context(), use_ssl=self.kafka.secured),
            # The framework's own consume and publish metrics, beside the platform's, in one registry.
            middlewares=[KafkaPrometheusMiddleware(registry=self.metrics.registry, app_name=f"ddp-{definition.name}")],
        )
        self._subscriber = subscriber = self.broker.subscriber(
            *[self.namespace.physical(topic.name) for topic in self.registry.read_by(definition.name)],
            batch=True,
            group_id=settings.consumer_group or self.namespace.physical(f"ddp.{definition.name}"),
            ack_policy=AckPolicy.MANUAL,
            auto_offset_reset="earliest",
            max_records=settings.batch_max_records,
            batch_timeout_ms=settings.batch_timeout_ms,
            max_poll_interval_ms=settings.max_poll_interval_ms,
            session_timeout_ms=settings.session_timeout_ms,
            parser=_headers_unread,
            decoder=_no_decoding,
        )
        subscriber(self._on_batch)
        self._tasks: list[asyncio.Task[None]] = []

    def _relay_producer(self) -> AIOKafkaProducer:
        # Idempotent (and so acks=all): a retried send is never written twice, and order per
        # partition holds across retries.
        return AIOKafkaProducer(
            **self.kafka.aiokafka(),
            client_id=f"ddp-{self.definition.name}-relay",
            enable_idempotence=True,
            acks="all",
        )

    async def _on_batch(self, message: KafkaMessage) -> None:
        # The whole batch commits in one transaction, then the consumer's position (the end
        # of this batch on every partition) is committed: never before the effects exist.
        await self.processor.process(message.raw_message)
        await message.ack()

    async def start(self) -> None:
        if self.settings.migrate_on_start:
            await asyncio.to_thread(upgrade_to_head, self.definition.migrations_package, self.settings.database_url)
        await self.relay.open()
        self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        for job in self.definition.periodic_jobs:
            self._tasks.append(asyncio.create_task(self._run_periodically(job), name=job.name))
        log.info("%s started", self.definition.name)

    async def stop(self) -> None:
        _relay_task, *jobs = self._tasks
        for task in jobs:
            task.cancel()
        self.relay.request_stop()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.relay.drain()
        await self.relay.close()
        await self.engine.dispose()

    def emitter(self, session: AsyncSession) -> Emitter:
        """Stages this service's events in ``session``'s transaction, uncaused (work on the clock)."""
        return Emitter(service=self.definition.name, registry=self.registry, outbox=self.outbox, session=session)

    async def run_pass(self, job: PeriodicJob) -> int:
        """One pass of ``job`` in its own transaction; the relay is woken when it emitted anything."""
        async with self.sessions.begin() as session:
            emitter = self.emitter(session)
            done = await job.run_once(session, emitter)
        if emitter.emitted:
            self.relay.wake()
        if done:
            log.info("%s: %s handled %d item(s)", self.definition.name, job.name, done)
        return done

    async def _run_periodically(self, job: PeriodicJob) -> None:
        while True:
            try:
                while await self.run_pass(job) >= job.batch:
                    pass
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the next pass retries; the class only, never data
                log.warning(
                    "%s: %s failed with %s; retrying later", self.definition.name, job.name, type(error).__name__
                )
            await asyncio.sleep(job.interval_seconds)

    async def database_ready(self) -> bool:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True

    async def kafka_ready(self) -> bool:
        return await self.broker.ping(timeout=2.0)

    async def progressing(self) -> bool:
        return self.processor.making_progress and self.relay.healthy

    def readiness_checks(self) -> dict[str, Callable[[], Awaitable[bool]]]:
        return {"database": self.database_ready, "kafka": self.kafka_ready, "progress": self.progressing}

    def observed_state(self) -> ObservedState:
        """What ``/metrics`` reads at each scrape, beside what is counted as it happens."""
        return ObservedState(
            self.metrics,
            self.definition.tables,
            self.sessions,
            self.readiness_checks(),
            retrying=lambda: {"consumer": not self.processor.making_progress, "relay": not self.relay.healthy},
            consumer=lambda: self._subscriber.consumer,
            namespace=self.namespace,
        )

    def asgi_app(self, read_routes: Sequence[tuple[str, Any]] = ()) -> AsgiFastStream:
        """The process: the broker, the health and metrics routes, and the service's read interfaces."""
        return AsgiFastStream(
            self.broker,
            asgi_routes=[
                *read_routes,
                ("/health/live", liveness_route()),
                ("/health/ready", readiness_route(self.readiness_checks())),
                ("/metrics", metrics_route(self.metrics, self.observed_state())),
            ],
            on_startup=[self.start],
            after_shutdown=[self.stop],
        )
