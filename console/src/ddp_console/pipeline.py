"""Each service instance's state, from its own /health/ready and /metrics (never its database)."""

import asyncio
from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families

from ddp_cli.service_health import ServiceAddress

_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class InstanceState:
    address: ServiceAddress
    ready: bool
    failing: list[str]
    problem: str | None
    applied: float = 0
    refused: float = 0
    dead_lettered: float = 0
    outbox_unpublished: float = 0
    outbox_oldest_seconds: float = 0
    lag: float = 0


async def pipeline_state(addresses: list[ServiceAddress]) -> list[InstanceState]:
    async with httpx.AsyncClient(timeout=_TIMEOUT_SECONDS) as client:
        return list(await asyncio.gather(*(_state(client, a) for a in addresses)))


async def _state(client: httpx.AsyncClient, address: ServiceAddress) -> InstanceState:
    try:
        health = await client.get(f"{address.url}/health/ready")
        checks = health.json().get("checks", {})
        metrics = (await client.get(f"{address.url}/metrics")).text
    except (httpx.HTTPError, ValueError) as error:
        return InstanceState(address, False, [], f"no answer ({type(error).__name__})")
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == "ddp_records_total":
                outcome = sample.labels["outcome"]
                totals[outcome] = totals.get(outcome, 0) + sample.value
            elif sample.name in ("ddp_outbox_unpublished", "ddp_outbox_oldest_unpublished_age_seconds"):
                totals[sample.name] = sample.value
            elif sample.name == "ddp_consumer_lag_records":
                totals["lag"] = totals.get("lag", 0) + sample.value
    return InstanceState(
        address,
        health.status_code == 200,
        [name for name, passed in checks.items() if not passed],
        None,
        applied=totals.get("applied", 0),
        refused=totals.get("refused", 0),
        dead_lettered=totals.get("dead_lettered", 0),
        outbox_unpublished=totals.get("ddp_outbox_unpublished", 0),
        outbox_oldest_seconds=totals.get("ddp_outbox_oldest_unpublished_age_seconds", 0),
        lag=totals.get("lag", 0),
    )
