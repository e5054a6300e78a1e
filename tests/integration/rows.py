"""Counting rows in a service's database, for assertions about effects."""

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import create_async_engine


async def count_rows(database_url: str, table: Table) -> int:
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(select(func.count()).select_from(table)) or 0)
    finally:
        await engine.dispose()
