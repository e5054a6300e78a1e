"""A PostgreSQL container holding one database per service, each owned by a role of its own."""

import secrets
import time

import psycopg
import psycopg.sql
from testcontainers.core.container import DockerContainer

from ddp_testkit.infra.labels import container_labels
from ddp_testkit.infra.ports import free_loopback_port, publish_on_loopback


class PostgresServer(DockerContainer):
    """Configured only through the ``postgres`` image's environment variables.

    The superuser (``user``) creates databases and roles and is never handed to a service:
    each database gets a login role that owns it and has no rights anywhere else.
    """

    user = "ddp"
    password = "ddp-local-only"

    def __init__(self, image: str, purpose: str = "test", port: int | None = None) -> None:
        super().__init__(image)
        self.port = port or free_loopback_port()
        publish_on_loopback(self, 5432, self.port)
        self.with_envs(POSTGRES_USER=self.user, POSTGRES_PASSWORD=self.password, POSTGRES_DB="ddp")
        # Statement statistics for the benchmarks (statements per record); negligible cost otherwise.
        self.with_command("postgres -c shared_preload_libraries=pg_stat_statements")
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
        """Create database ``name`` owned by a new role ``name`` (a fresh password each time) and
        return the async SQLAlchemy URL of that role: no superuser, no other database."""
        password = secrets.token_urlsafe(18)
        with psycopg.connect(self.dsn("ddp"), autocommit=True) as connection:
            role = psycopg.sql.Identifier(name)
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            connection.execute(
                psycopg.sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                    role, psycopg.sql.Literal(password)
                )
            )
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                connection.execute(psycopg.sql.SQL("CREATE DATABASE {} OWNER {}").format(role, role))
            # Only the owner (and the superuser) may connect: another service's role is refused.
            connection.execute(psycopg.sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(role))
        return f"postgresql+asyncpg://{name}:{password}@127.0.0.1:{self.port}/{name}"
