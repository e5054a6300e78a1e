"""Key rotation command: ``python -m ddp_referrals.entrypoints.rotate_keys`` with the service's environment."""

import asyncio
import logging

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.key_rotation import rotate_keys
from ddp_referrals.settings import ReferralsSettings


async def main() -> int:
    settings = ReferralsSettings()
    engine = create_async_engine(settings.database_url)
    try:
        # One transaction: every row under the new key, or none.
        async with async_sessionmaker(engine)() as session, session.begin():
            return await rotate_keys(session, FieldCipher.from_settings(settings))
    finally:
        await engine.dispose()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    print(f"re-encrypted {asyncio.run(main())} rows under the current key")
