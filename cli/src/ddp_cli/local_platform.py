"""The whole platform on this machine: Kafka and PostgreSQL in containers, topics, three services."""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

from ddp_cli.infra.images import selected_images
from ddp_cli.infra.kafka import KafkaNode
from ddp_cli.infra.ports import free_loopback_port
from ddp_cli.infra.postgres import PostgresServer
from ddp_cli.service_processes import SERVICES, ServiceProcesses
from ddp_cli.topics import provision_topics
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


class LocalPlatform:
    """Starts everything in dependency order and stops it in reverse; usable as a context manager."""

    def __init__(self, log_dir: Path, purpose: str = "run", namespace: str = "") -> None:
        self._log_dir = log_dir
        self._purpose = purpose
        self.namespace = TopicNamespace(namespace)
        self.kafka: KafkaNode | None = None
        self.postgres: PostgresServer | None = None
        self.services: ServiceProcesses | None = None

    def __enter__(self) -> "LocalPlatform":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, say: Callable[[str], None] = print) -> None:
        images = selected_images()
        say(f"starting Kafka ({images.kafka}) and PostgreSQL ({images.postgres})")
        self.kafka = KafkaNode(images.kafka, purpose=self._purpose).start()
        self.postgres = PostgresServer(images.postgres, purpose=self._purpose).start()
        result = asyncio.run(
            provision_topics(self.kafka.bootstrap_servers, load_topic_registry(), self.namespace, replication_factor=1)
        )
        say(f"Kafka at {self.kafka.bootstrap_servers}: {len(result.created)} topics created from the registry")
        environment, ports = {}, {}
        for service in SERVICES:
            prefix = f"DDP_{service.upper()}_"
            ports[service] = free_loopback_port()
            environment.update(
                {
                    prefix + "KAFKA_BOOTSTRAP_SERVERS": self.kafka.bootstrap_servers,
                    prefix + "DATABASE_URL": self.postgres.create_database(service),
                    prefix + "TOPIC_NAMESPACE": self.namespace.name,
                    prefix + "HTTP_PORT": str(ports[service]),
                }
            )
        self.services = ServiceProcesses(environment, ports, self._log_dir)
        self.services.start()
        self.services.wait_until_ready()
        for endpoint in self.services.endpoints:
            say(f"{endpoint.name} ready: {endpoint.readiness_url}")

    def stop(self) -> None:
        if self.services is not None:
            self.services.stop()
        for container in (self.postgres, self.kafka):
            if container is not None:
                container.stop()


def default_log_dir() -> Path:
    return Path(os.environ.get("DDP_LOG_DIR", ".ddp/logs"))
