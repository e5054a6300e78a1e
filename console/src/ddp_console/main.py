"""``ddp-console``: serve the console, or add a user to it.

    ddp-console serve [--host 127.0.0.1] [--port 8090]
    ddp-console add-user NAME --role operator|admin     (the password from DDP_CONSOLE_NEW_PASSWORD, or asked)

Configuration comes from ``DDP_CONSOLE_*`` (``ddp_console.settings``).
"""

import argparse
import asyncio
import getpass
import os
import sys

import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ddp_console.app import create_app
from ddp_console.settings import ConsoleSettings
from ddp_console.tables import metadata
from ddp_console.users import Role, save_user

MIN_PASSWORD = 12


async def add_user(settings: ConsoleSettings, name: str, role: Role, password: str) -> None:
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        async with engine.begin() as connection, AsyncSession(bind=connection) as session:
            await save_user(session, name, role, password)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ddp-console", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the console")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8090)
    user = commands.add_parser("add-user", help="add a user, or give an existing one a new role and password")
    user.add_argument("name")
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    args = parser.parse_args(argv)
    settings = ConsoleSettings()  # type: ignore[call-arg]
    if args.command == "serve":
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info", access_log=False)
        return 0
    password = os.environ.get("DDP_CONSOLE_NEW_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
    if len(password) < MIN_PASSWORD:
        print(f"ddp-console: a password has at least {MIN_PASSWORD} characters", file=sys.stderr)
        return 2
    asyncio.run(add_user(settings, args.name, Role(args.role), password))
    print(f"console user {args.name} ({args.role}) saved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
