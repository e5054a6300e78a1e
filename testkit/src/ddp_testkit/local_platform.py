"""The whole platform on this machine: secured Kafka and PostgreSQL in containers, topics, ACLs, the services."""

import asyncio
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from ddp_cli.acls import AclAdmin
from ddp_cli.credentials import ensure_credentials
from ddp_cli.service_health import ServiceAddress, write_addresses
from ddp_cli.topics import provision_topics
from ddp_schemas.connection import ADMIN, CredentialStore
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.infra.images import selected_images
from ddp_testkit.infra.kafka import KafkaNode
from ddp_testkit.infra.kafka_cluster import KafkaCluster
from ddp_testkit.infra.ports import free_loopback_port
from ddp_testkit.infra.postgres import PostgresServer
from ddp_testkit.local_console import start_console
from ddp_testkit.service_processes import ServiceEndpoint, ServiceProcesses, service_entrypoint
from ddp_testkit.service_with_faults import EXIT_RATE_VARIABLE


class LocalPlatform:
    """Starts everything in dependency order and stops it in reverse; usable as a context manager.

    ``brokers=3`` runs a three-node cluster with the registry's production replication
    (factor 3, ``min.insync.replicas=2``); one broker gets factor 1. ``instances`` runs more
    than one instance of a service; ``settings`` adds service settings (``DDP_<SERVICE>_<NAME>``).
    With ``relay_exit_rate`` the services run with injected faults (``ddp_testkit.service_with_faults``)
    instead of their own entrypoints.

    Kafka is mutual TLS with ACLs from the registry; every party's bundle is issued on first
    run into ``credentials`` (git-ignored ``.ddp/credentials`` by default) and kept after.
    """

    def __init__(
        self,
        log_dir: Path,
        purpose: str = "run",
        namespace: str = "",
        brokers: int = 1,
        instances: Mapping[str, int] | None = None,
        settings: Mapping[str, str] | None = None,
        relay_exit_rate: float | None = None,
        credentials: Path | None = None,
        state: Path | None = None,
        with_console: bool = False,
    ) -> None:
        self._log_dir = log_dir
        # Where the instances' addresses (services.json) and the console's logins are written.
        self.state = state or log_dir / "state"
        self._with_console = with_console
        self.console: ServiceProcesses | None = None
        self.console_logins: dict[str, tuple[str, str]] = {}
        self.console_environment: dict[str, str] = {}
        self.credentials = CredentialStore(credentials or default_credentials_dir())
        self._purpose = purpose
        self.namespace = TopicNamespace(namespace)
        self._brokers = brokers
        self._services = load_topic_registry().services
        self._instances = {service: (instances or {}).get(service, 1) for service in self._services}
        self._settings = dict(settings or {})
        self._relay_exit_rate = relay_exit_rate
        self.kafka: KafkaNode | KafkaCluster | None = None
        self.postgres: PostgresServer | None = None
        self.services: ServiceProcesses | None = None
        # What the services are started with (database URLs with their roles' passwords): the
        # environment, never the command line.
        self.service_environment: dict[str, str] = {}

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
        registry = load_topic_registry()
        issued = ensure_credentials(self.credentials.root, registry).issued
        say(f"credentials in {self.credentials.root}: " + (f"issued {', '.join(issued)}" if issued else "all present"))
        say(
            f"starting Kafka ({images.kafka}, {self._brokers} broker(s), mutual TLS) and PostgreSQL ({images.postgres})"
        )
        root = self.credentials.root
        if self._brokers == 1:
            self.kafka = KafkaNode(images.kafka, root, purpose=self._purpose).start()
        else:
            self.kafka = KafkaCluster(images.kafka, root, size=self._brokers, purpose=self._purpose).start()
        self.postgres = PostgresServer(images.postgres, purpose=self._purpose).start()
        replication = 1 if self._brokers == 1 else None
        admin = self.kafka.access(ADMIN)
        result = asyncio.run(provision_topics(admin, registry, self.namespace, replication))
        say(f"Kafka at {self.kafka.bootstrap_servers}: {len(result.created)} topics created from the registry")
        acls = AclAdmin(admin).apply(registry, self.namespace)
        say(f"ACLs from the registry: {len(acls.missing)} created, {len(acls.surplus)} removed; deny by default")
        self.service_environment = self._environment()
        self.services = ServiceProcesses(self.service_environment, self._endpoints(), self._log_dir, self._app)
        self.services.start()
        self.services.wait_until_ready()
        for endpoint in self.services.endpoints:
            say(f"{endpoint.name} ready: {endpoint.readiness_url}")
        addresses = [ServiceAddress(e.name, e.service, e.url) for e in self.services.endpoints]
        write_addresses(self.services_file, addresses)
        if self._with_console:
            self.console, self.console_logins, self.console_environment = start_console(
                self.postgres,
                self.kafka.bootstrap_servers,
                self.credentials.root,
                self.namespace.name,
                self.services_file,
                self.state,
                self._log_dir,
            )
            say(f"console ready: {self.console_url}")

    @property
    def services_file(self) -> Path:
        return self.state / "services.json"

    @property
    def console_url(self) -> str | None:
        return self.console.endpoints[0].url if self.console is not None else None

    def _environment(self) -> dict[str, str]:
        assert self.kafka is not None and self.postgres is not None
        environment = {}
        if self._relay_exit_rate is not None:
            environment[EXIT_RATE_VARIABLE] = str(self._relay_exit_rate)
        for service in self._services:
            prefix = f"DDP_{service.upper()}_"
            identity = self.credentials.identity(service)
            environment.update(
                {
                    prefix + "KAFKA_BOOTSTRAP_SERVERS": self.kafka.bootstrap_servers,
                    prefix + "KAFKA_CA_FILE": str(identity.ca_file.resolve()),
                    prefix + "KAFKA_CERT_FILE": str(identity.cert_file.resolve()),
                    prefix + "KAFKA_KEY_FILE": str(identity.key_file.resolve()),
                    prefix + "DATABASE_URL": self.postgres.create_database(service),
                    prefix + "TOPIC_NAMESPACE": self.namespace.name,
                }
            )
            for name, value in self._settings.items():
                environment[prefix + name] = value
        return environment

    def _app(self, service: str) -> str:
        if self._relay_exit_rate is None:
            return service_entrypoint(service)
        return f"ddp_testkit.service_with_faults:{service}"

    def _endpoints(self) -> list[ServiceEndpoint]:
        endpoints = []
        for service, count in self._instances.items():
            for number in range(1, count + 1):
                name = service if number == 1 else f"{service}-{number}"
                endpoints.append(ServiceEndpoint(name, service, free_loopback_port()))
        return endpoints

    def stop(self) -> None:
        if self.console is not None:
            self.console.stop()
        if self.services is not None:
            self.services.stop()
        for container in (self.postgres, self.kafka):
            if container is not None:
                container.stop()


def default_log_dir() -> Path:
    return Path(os.environ.get("DDP_LOG_DIR", ".ddp/logs"))


def default_credentials_dir() -> Path:
    """Where ``ddp`` looks too (``DDP_CREDENTIALS_DIR``), so the operator CLI works against ``scripts/up``."""
    return Path(os.environ.get("DDP_CREDENTIALS_DIR", ".ddp/credentials"))
