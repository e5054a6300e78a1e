"""The local platform's instances as Prometheus file-based scrape targets (deploy/observability reads them)."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from ddp_cli.service_health import ServiceAddress


def write_scrape_targets(path: Path, addresses: list[ServiceAddress]) -> None:
    groups = [
        {"targets": [urlsplit(a.url).netloc], "labels": {"service": a.service, "instance_name": a.instance}}
        for a in addresses
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(groups, indent=2) + "\n")
