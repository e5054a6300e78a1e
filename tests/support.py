"""Helpers for tests against real Kafka and PostgreSQL (imported by the integration and e2e layers)."""

import asyncio
import shutil
import subprocess
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def require_docker() -> None:
    """Fail (never skip) with what to do when no Docker engine answers."""
    docker = shutil.which("docker")
    if docker is None:
        raise RuntimeError("These tests need Docker: run deploy/docker/ensure-docker (or install Docker) first.")
    probe = subprocess.run([docker, "info"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        raise RuntimeError(
            "No Docker engine answers `docker info`: run deploy/docker/ensure-docker first.\n"
            + probe.stderr.decode(errors="replace")[-500:]
        )


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout: float = 30.0, interval: float = 0.2) -> T:
    """Poll ``probe`` until it returns something truthy; fail with a timeout otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(interval)


def promtool() -> str:
    """Prometheus's promtool (``scripts/bootstrap`` unpacks Debian's into the virtualenv); fails, never skips."""
    from pathlib import Path

    unpacked = Path(__file__).resolve().parents[1] / ".venv/opt/prometheus/usr/bin/promtool"
    found = str(unpacked) if unpacked.exists() else shutil.which("promtool")
    if found is None:
        raise RuntimeError("These tests need promtool: run scripts/bootstrap (it unpacks Debian's prometheus).")
    return found
