"""The console beside the local platform: its database, a session secret, one login per role.

The logins are made afresh at each start (random passwords) and written, 0600, to
``<state>/console/logins.json``; nothing prints them.
"""

import asyncio
import json
import os
import secrets
import sys
from pathlib import Path

from ddp_console.main import add_user
from ddp_console.settings import ConsoleSettings
from ddp_console.users import Role
from ddp_testkit.infra.ports import free_loopback_port
from ddp_testkit.infra.postgres import PostgresServer
from ddp_testkit.service_processes import ServiceEndpoint, ServiceProcesses

LOGINS = {Role.OPERATOR: "oncall", Role.ADMIN: "platform-admin"}


def console_command(app: str, port: int) -> list[str]:
    return [sys.executable, "-m", "ddp_console.main", "serve", "--host", "127.0.0.1", "--port", str(port)]


def start_console(
    postgres: PostgresServer,
    kafka_bootstrap_servers: str,
    credentials: Path,
    namespace: str,
    services_file: Path,
    state: Path,
    log_dir: Path,
) -> tuple[ServiceProcesses, dict[str, tuple[str, str]], dict[str, str]]:
    """The console process, ready; each role's (name, password); the environment it was started with."""
    environment = {
        "DDP_CONSOLE_DATABASE_URL": postgres.create_database("console"),
        "DDP_CONSOLE_SESSION_SECRET": secrets.token_urlsafe(48),
        "DDP_CONSOLE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap_servers,
        "DDP_CONSOLE_CREDENTIALS_DIR": str(credentials.resolve()),
        "DDP_CONSOLE_TOPIC_NAMESPACE": namespace,
        "DDP_CONSOLE_SERVICES_FILE": str(services_file.resolve()),
        # Served on loopback over plain HTTP for this machine only; a deployment keeps it true.
        "DDP_CONSOLE_SECURE_COOKIE": "false",
    }
    settings = ConsoleSettings(
        database_url=environment["DDP_CONSOLE_DATABASE_URL"], session_secret=environment["DDP_CONSOLE_SESSION_SECRET"]
    )
    logins = {role.value: (name, secrets.token_urlsafe(15)) for role, name in LOGINS.items()}
    for role, (name, password) in logins.items():
        asyncio.run(add_user(settings, name, Role(role), password))
    written = state / "console" / "logins.json"
    written.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(written, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump({role: {"name": n, "password": p} for role, (n, p) in logins.items()}, out, indent=2)
    console = ServiceProcesses(
        environment,
        [ServiceEndpoint("console", "console", free_loopback_port())],
        log_dir,
        command=console_command,
    )
    console.start()
    console.wait_until_ready()
    return console, logins, environment
