"""Liveness and readiness endpoints: ready means the service can make progress right now."""

import asyncio
from collections.abc import Awaitable, Callable

from faststream.asgi import AsgiResponse, get
from faststream.asgi.types import ASGIApp

from ddp_messaging.read_routes import json_response

Check = Callable[[], Awaitable[bool]]


def liveness_route() -> ASGIApp:
    @get(include_in_schema=False)
    async def live(scope: object) -> AsgiResponse:
        return json_response(200, {"status": "alive"})

    return live


async def run_checks(checks: dict[str, Check], timeout: float = 2.0) -> dict[str, bool]:
    """Each check's result, side by side; one that raises or takes longer than ``timeout`` fails."""

    async def run(check: Check) -> bool:
        try:
            return await asyncio.wait_for(check(), timeout)
        except Exception:
            return False

    names = list(checks)
    results = await asyncio.gather(*(run(checks[name]) for name in names))
    return dict(zip(names, results, strict=True))


def readiness_route(checks: dict[str, Check], timeout: float = 2.0) -> ASGIApp:
    """200 when every check passes within ``timeout``, else 503 naming the failing checks."""

    @get(include_in_schema=False)
    async def ready(scope: object) -> AsgiResponse:
        outcome = await run_checks(checks, timeout)
        status = 200 if all(outcome.values()) else 503
        return json_response(status, {"status": "ready" if status == 200 else "not-ready", "checks": outcome})

    return ready
