"""Liveness and readiness endpoints: ready means the service can make progress right now."""

import asyncio
import json
from collections.abc import Awaitable, Callable

from faststream.asgi import AsgiResponse, get
from faststream.asgi.types import ASGIApp

Check = Callable[[], Awaitable[bool]]


def _json(status: int, body: dict) -> AsgiResponse:
    return AsgiResponse(json.dumps(body).encode(), status, headers={"content-type": "application/json"})


def liveness_route() -> ASGIApp:
    @get(include_in_schema=False)
    async def live(scope: object) -> AsgiResponse:
        return _json(200, {"status": "alive"})

    return live


def readiness_route(checks: dict[str, Check], timeout: float = 2.0) -> ASGIApp:
    """200 when every check passes within ``timeout``, else 503 naming the failing checks."""

    async def run(check: Check) -> bool:
        try:
            return await asyncio.wait_for(check(), timeout)
        except Exception:
            return False

    @get(include_in_schema=False)
    async def ready(scope: object) -> AsgiResponse:
        names = list(checks)
        results = await asyncio.gather(*(run(checks[name]) for name in names))
        outcome = dict(zip(names, results, strict=True))
        status = 200 if all(results) else 503
        return _json(status, {"status": "ready" if status == 200 else "not-ready", "checks": outcome})

    return ready
