"""Each service instance's readiness, asked of its own ``/health/ready``, and where the instances are.

The instances' addresses are a small JSON file (``scripts/up`` writes ``.ddp/services.json``;
a deployment writes its own), or given on the command line as ``service=URL``.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import httpx

_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class ServiceAddress:
    instance: str  # "referrals", or "referrals-2" for a second instance
    service: str
    url: str  # http://host:port, where /health/ready and /metrics are served


@dataclass(frozen=True)
class InstanceHealth:
    address: ServiceAddress
    ready: bool
    checks: dict[str, bool]
    problem: str | None  # why there is no answer at all (the connection failed, a timeout)

    @property
    def failing(self) -> list[str]:
        return [name for name, passed in self.checks.items() if not passed]

    def as_json(self) -> dict[str, object]:
        a = self.address
        return {
            "instance": a.instance,
            "service": a.service,
            "url": a.url,
            "ready": self.ready,
            "checks": self.checks,
            "problem": self.problem,
        }


def write_addresses(path: Path, addresses: list[ServiceAddress]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"instance": a.instance, "service": a.service, "url": a.url} for a in addresses]
    path.write_text(json.dumps({"instances": rows}, indent=2) + "\n")


def read_addresses(path: Path) -> list[ServiceAddress]:
    rows = json.loads(path.read_text())["instances"]
    return [ServiceAddress(row["instance"], row["service"], row["url"].rstrip("/")) for row in rows]


def parse_address(text: str) -> ServiceAddress:
    """``service=URL`` (or ``instance:service=URL``) from the command line."""
    name, separator, url = text.partition("=")
    if not separator or not url.startswith(("http://", "https://")):
        raise ValueError(f"expected service=http://host:port, got {text!r}")
    instance, _, service = name.rpartition(":")
    if not service:
        raise ValueError(f"expected service=http://host:port, got {text!r}")
    return ServiceAddress(instance or service, service, url.rstrip("/"))


def check_health(addresses: list[ServiceAddress]) -> list[InstanceHealth]:
    found = []
    with httpx.Client(timeout=_TIMEOUT_SECONDS) as client:
        for address in addresses:
            try:
                response = client.get(f"{address.url}/health/ready")
                body = response.json()
                checks = {str(name): bool(passed) for name, passed in body.get("checks", {}).items()}
                found.append(InstanceHealth(address, response.status_code == 200, checks, None))
            except (httpx.HTTPError, ValueError) as error:
                found.append(InstanceHealth(address, False, {}, f"no answer ({type(error).__name__})"))
    return found
