"""Run one service's runtime in this process against the test's Kafka, database and namespace."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from ddp_messaging.runtime import ServiceRuntime
from ddp_messaging.settings import ServiceSettings
from ddp_schemas.namespace import TopicNamespace


@asynccontextmanager
async def running(
    build: Callable[[ServiceSettings], ServiceRuntime],
    settings_class: type[ServiceSettings],
    *,
    bootstrap_servers: str,
    database_url: str,
    namespace: TopicNamespace,
    **overrides: object,
) -> AsyncIterator[ServiceRuntime]:
    """Started like ``faststream run`` would (migrations, relay, broker); stopped like SIGTERM."""
    settings = settings_class(
        kafka_bootstrap_servers=bootstrap_servers,
        database_url=database_url,
        topic_namespace=namespace.name,
        retry_initial_seconds=0.05,
        retry_max_seconds=0.5,
        relay_idle_poll_seconds=0.1,
        **overrides,
    )
    runtime = build(settings)
    await runtime.start()
    await runtime.broker.start()
    try:
        yield runtime
    finally:
        await runtime.broker.stop()
        await runtime.stop()
