"""Real Kafka and PostgreSQL, one of each per test session; a fresh topic namespace and database per test."""

from collections.abc import AsyncIterator, Iterator

import pytest

from ddp_cli.topics import provision_topics
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.infra.images import selected_images
from ddp_testkit.infra.kafka import KafkaNode
from ddp_testkit.infra.postgres import PostgresServer
from tests.support import require_docker, unique_name


@pytest.fixture(scope="session")
def kafka() -> Iterator[KafkaNode]:
    require_docker()
    node = KafkaNode(selected_images().kafka, purpose="test").start()
    try:
        yield node
    finally:
        node.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    require_docker()
    server = PostgresServer(selected_images().postgres, purpose="test").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def namespace(kafka: KafkaNode) -> AsyncIterator[TopicNamespace]:
    """The registry's topics, created afresh under a namespace of this test's own."""
    namespace = TopicNamespace(unique_name("t"))
    await provision_topics(kafka.bootstrap_servers, load_topic_registry(), namespace, replication_factor=1)
    yield namespace


@pytest.fixture
def database_url(postgres: PostgresServer) -> str:
    """A new, empty database for this test."""
    return postgres.create_database(unique_name("db").replace("-", "_"))
