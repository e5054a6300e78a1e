"""Running a service's Alembic migrations, packaged inside the service (``<package>/migrations``)."""

import asyncio

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config

_MIGRATION_LOCK = 7_245_001


def alembic_config(package: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", f"{package}:migrations")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(package: str, database_url: str) -> None:
    """Bring the service's database to the newest schema (blocking; call from a thread in async code)."""
    command.upgrade(alembic_config(package, database_url), "head")


def run_env(context: object, target_metadata: MetaData) -> None:
    """The body of every service's ``migrations/env.py``: online migrations over asyncpg."""
    config = context.config  # type: ignore[attr-defined]

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target_metadata)  # type: ignore[attr-defined]
        with context.begin_transaction():  # type: ignore[attr-defined]
            # Instances of a service starting together migrate one at a time; the later ones
            # then find the schema at head and do nothing.
            connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _MIGRATION_LOCK})
            context.run_migrations()  # type: ignore[attr-defined]

    async def run_async() -> None:
        engine = async_engine_from_config(
            config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
        )
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run_async())
