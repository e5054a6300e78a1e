"""Real Kafka (mutual TLS, ACLs) and PostgreSQL, one of each per test session; a fresh topic namespace,
with the registry's ACLs, and a fresh database with a role of its own per test."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from ddp_cli.acls import AclAdmin
from ddp_cli.credentials import ensure_credentials
from ddp_cli.topics import provision_topics
from ddp_schemas.connection import ADMIN
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.infra.images import selected_images
from ddp_testkit.infra.kafka import KafkaNode
from ddp_testkit.infra.postgres import PostgresServer
from tests.support import require_docker, unique_name


@pytest.fixture(scope="session")
def credentials(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This session's development CA and a bundle for every principal in the registry."""
    root = tmp_path_factory.mktemp("credentials")
    ensure_credentials(root, load_topic_registry())
    return root


@pytest.fixture(scope="session")
def kafka(credentials: Path) -> Iterator[KafkaNode]:
    require_docker()
    node = KafkaNode(selected_images().kafka, credentials, purpose="test").start()
    try:
        yield node
    finally:
        node.stop()


@pytest.fixture(scope="session")
def acls(kafka: KafkaNode) -> AclAdmin:
    return AclAdmin(kafka.access(ADMIN))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    require_docker()
    server = PostgresServer(selected_images().postgres, purpose="test").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def namespace(kafka: KafkaNode, acls: AclAdmin) -> AsyncIterator[TopicNamespace]:
    """The registry's topics and ACLs, created afresh under a namespace of this test's own."""
    namespace, registry = TopicNamespace(unique_name("t")), load_topic_registry()
    await provision_topics(kafka.access(ADMIN), registry, namespace, replication_factor=1)
    await asyncio.to_thread(acls.apply, registry, namespace)
    yield namespace


@pytest.fixture
def database_url(postgres: PostgresServer) -> str:
    """A new, empty database for this test."""
    return postgres.create_database(unique_name("db").replace("-", "_"))
