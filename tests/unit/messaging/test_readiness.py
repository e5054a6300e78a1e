"""Health endpoints, called as ASGI handlers with an in-memory request."""

import asyncio
import json

from ddp_messaging.readiness import liveness_route, readiness_route


async def get(handler) -> tuple[int, dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/health/ready", "headers": [], "query_string": b""}
    await handler(scope, receive, send)
    start, body = sent
    assert start["type"] == "http.response.start"
    return start["status"], json.loads(body["body"])


def check(result: bool):
    async def run() -> bool:
        return result

    return run


async def failing() -> bool:
    raise ConnectionRefusedError()


async def hanging() -> bool:
    await asyncio.sleep(10)
    return True


async def test_liveness_is_always_200() -> None:
    assert await get(liveness_route()) == (200, {"status": "alive"})


async def test_ready_when_every_check_passes() -> None:
    status, body = await get(readiness_route({"database": check(True), "relay": check(True)}))
    assert status == 200
    assert body == {"status": "ready", "checks": {"database": True, "relay": True}}


async def test_not_ready_names_the_failing_check() -> None:
    status, body = await get(readiness_route({"database": check(True), "consumer": check(False)}))
    assert status == 503
    assert body == {"status": "not-ready", "checks": {"database": True, "consumer": False}}


async def test_a_check_that_raises_counts_as_failing() -> None:
    status, body = await get(readiness_route({"database": failing}))
    assert (status, body["checks"]) == (503, {"database": False})


async def test_a_check_that_does_not_answer_in_time_counts_as_failing() -> None:
    status, body = await get(readiness_route({"database": hanging, "relay": check(True)}, timeout=0.01))
    assert (status, body["checks"]) == (503, {"database": False, "relay": True})
