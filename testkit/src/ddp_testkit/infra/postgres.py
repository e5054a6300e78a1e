"""A PostgreSQL container holding one database per service."""

import time

import psycopg
from testcontainers.core.container import DockerContainer

from ddp_testkit.infra.labels import container_labels
from ddp_testkit.infra.ports import free_loopback_port, publish_on_loopback


class PostgresServer(DockerContainer):
    """Configured only through the ``postgres`` image's environment variables."""

    user = "ddp"
    password = "ddp-local-only"

    def __init__(self, image: str, purpose: str = "test", port: int | None = None) -> None:
        super().__init__(image)
        self.port = port or free_loopback_port()
        publish_on_loopback(self, 5432, self.port)
        self.with_envs(POSTGRES_USER=self.user, POSTGRES_PASSWORD=self.password, POSTGRES_DB="ddp")
        self.with_kwargs(labels=container_labels(purpose))

    def start(self) -> "PostgresServer":
        super().start()
        self.wait_until_accepting(timeout=90)
        return self

    def wait_until_accepting(self, timeout: float) -> None:
        # Connect-and-query rather than a log line: the official image logs "ready" twice
        # (its init server first), and a query proves the final server is up.
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.dsn("ddp"), connect_timeout=3) as connection:
                    connection.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def dsn(self, database: str) -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def async_url(self, database: str) -> str:
        return f"postgresql+asyncpg://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name`` (if absent) and return its async SQLAlchemy URL."""
        with psycopg.connect(self.dsn("ddp"), autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        return self.async_url(name)
