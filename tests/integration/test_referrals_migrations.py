"""The referrals migrations on a real PostgreSQL: subjects stored in the clear before 0002 end up encrypted."""

import asyncio
from uuid import uuid4

import psycopg
from alembic import command
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ddp_messaging.migrations import alembic_config
from ddp_referrals.adapters.field_cipher import DEVELOPMENT_ENCRYPTION_KEY, DEVELOPMENT_HASH_KEY, FieldCipher
from ddp_referrals.adapters.subjects import SubjectStore
from ddp_referrals.domain.submission import Identifiers
from tests.factories import DISTINCTIVE_NAME


async def test_plaintext_subjects_are_encrypted_and_still_found_after_upgrading(database_url):
    config = alembic_config("ddp_referrals", database_url)
    await asyncio.to_thread(command.upgrade, config, "0001")
    subject_id = uuid4()
    plain = database_url.replace("postgresql+asyncpg://", "postgresql://")
    with psycopg.connect(plain) as connection:
        connection.execute(
            "INSERT INTO subjects (subject_id, identifiers, personal_details) VALUES (%s, %s, %s)",
            (
                subject_id,
                '{"crn": "X123456"}',
                f'{{"given_name": "{DISTINCTIVE_NAME}", "family_name": "Example", "date_of_birth": "1991-02-03"}}',
            ),
        )

    await asyncio.to_thread(command.upgrade, config, "head")

    with psycopg.connect(plain) as connection:
        given, dob = connection.execute("SELECT given_name, date_of_birth FROM subjects").fetchone()
        identifiers = connection.execute("SELECT kind, value FROM subject_identifiers").fetchall()
    cipher = FieldCipher([DEVELOPMENT_ENCRYPTION_KEY], DEVELOPMENT_HASH_KEY)  # no keys set in this environment
    assert (cipher.decrypt(given), cipher.decrypt(dob)) == (DISTINCTIVE_NAME, "1991-02-03")
    assert [(kind, cipher.decrypt(value)) for kind, value in identifiers] == [("crn", "X123456")]
    engine = create_async_engine(database_url)
    try:
        async with async_sessionmaker(engine).begin() as session:
            assert await SubjectStore(session, cipher).subject_matching(Identifiers(crn="X123456")) == subject_id
    finally:
        await engine.dispose()
