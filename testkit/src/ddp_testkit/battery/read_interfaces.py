"""The services' own read interfaces, asked after a run: readiness of every instance, and interventions'
progress summary of each case (what it holds, which the topics only show as a stream of events)."""

import json
from typing import Any
from uuid import UUID

import httpx

from ddp_testkit.service_processes import ServiceEndpoint

PROGRESS_PATH = "/case-progress"  # ?case_id=<case id>


async def unready_instances(endpoints: list[ServiceEndpoint]) -> list[str]:
    """The instances whose ``/health/ready`` does not answer 200."""
    unready = []
    async with httpx.AsyncClient(timeout=5) as client:
        for endpoint in endpoints:
            try:
                ready = (await client.get(endpoint.readiness_url)).status_code == 200
            except httpx.HTTPError:
                ready = False
            if not ready:
                unready.append(endpoint.name)
    return unready


async def case_progress(endpoint: ServiceEndpoint, case_ids: list[UUID]) -> dict[UUID, dict[str, Any]] | None:
    """Each case's progress summary as interventions serves it; None when it serves no such interface."""
    found: dict[UUID, dict[str, Any]] = {}
    async with httpx.AsyncClient(base_url=endpoint.url, timeout=5) as client:
        for case_id in case_ids:
            response = await client.get(PROGRESS_PATH, params={"case_id": str(case_id)})
            if response.status_code == 200:
                found[case_id] = response.json()
            elif not _answered_by_the_interface(response):
                return None
    return found


def _answered_by_the_interface(response: httpx.Response) -> bool:
    # The interface answers in JSON (an unknown case too); a route nobody serves gets the server's plain text.
    try:
        json.loads(response.content)
    except ValueError:
        return False
    return True
