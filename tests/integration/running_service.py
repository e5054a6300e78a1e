"""Run one service's runtime in this process against the test's Kafka, database and namespace."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from ddp_messaging.runtime import ServiceRuntime
from ddp_messaging.settings import ServiceSettings
from ddp_schemas.connection import KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from tests.integration.observe import RUNNING


def kafka_settings(kafka: KafkaEndpoint, service: str) -> dict[str, object]:
    """The settings that connect ``service`` as its own principal (its certificate from the test's bundles)."""
    identity = kafka.access(service).identity
    assert identity is not None, "the test broker is secured"
    return {
        "kafka_bootstrap_servers": kafka.bootstrap_servers,
        "kafka_ca_file": identity.ca_file,
        "kafka_cert_file": identity.cert_file,
        "kafka_key_file": identity.key_file,
    }


def service_of(settings_class: type[ServiceSettings]) -> str:
    """The service a settings class belongs to, from its environment prefix (``DDP_REFERRALS_``)."""
    prefix = str(settings_class.model_config.get("env_prefix", ""))
    return prefix.removeprefix("DDP_").removesuffix("_").lower()


@asynccontextmanager
async def running(
    build: Callable[[ServiceSettings], ServiceRuntime],
    settings_class: type[ServiceSettings],
    *,
    kafka: KafkaEndpoint,
    database_url: str,
    namespace: TopicNamespace,
    **overrides: object,
) -> AsyncIterator[ServiceRuntime]:
    """Started like ``faststream run`` would (migrations, relay, broker); stopped like SIGTERM."""
    settings = settings_class(
        **kafka_settings(kafka, service_of(settings_class)),  # type: ignore[arg-type]
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
    RUNNING.append(runtime)
    try:
        yield runtime
    finally:
        RUNNING.remove(runtime)
        await runtime.broker.stop()
        await runtime.stop()
