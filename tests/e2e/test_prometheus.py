"""Debian's Prometheus, with the platform's own scrape configuration and alert rules, scraping the
running services: every target up, the rules loaded, and the demo's records counted."""

import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import yaml

from ddp_cli.service_health import ServiceAddress
from ddp_testkit.infra.ports import free_loopback_port
from ddp_testkit.scrape_targets import write_scrape_targets
from tests.support import promtool

pytestmark = [pytest.mark.e2e, pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

OBSERVABILITY = "deploy/observability"


def query(base: str, expression: str) -> list[dict]:
    answer = httpx.get(f"{base}/api/v1/query", params={"query": expression}, timeout=5).json()
    assert answer["status"] == "success", answer
    return answer["data"]["result"]


def test_prometheus_scrapes_every_service_with_the_platforms_configuration(platform, demo, tmp_path):
    repo = Path(__file__).resolve().parents[2]
    config = yaml.safe_load((repo / OBSERVABILITY / "prometheus.yml").read_text())
    # The same configuration, scraped every second so that the test need not wait 15 s.
    config["global"] = {"scrape_interval": "1s", "evaluation_interval": "1s"}
    shutil.copy(repo / OBSERVABILITY / "alerts.yml", tmp_path / "alerts.yml")
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    addresses = [ServiceAddress(e.name, e.service, e.url) for e in platform.services.endpoints]
    write_scrape_targets(tmp_path / "targets" / "platform.json", addresses)
    port = free_loopback_port()
    prometheus = str(Path(promtool()).with_name("prometheus"))
    process = subprocess.Popen(
        [
            prometheus,
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "prometheus.log").open("wb"),
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                up = query(base, 'up{job="ddp-services"}')
                if len(up) == len(addresses) and all(r["value"][1] == "1" for r in up):
                    break
            except (httpx.HTTPError, ValueError):  # not answering yet, or "Service Unavailable" while starting
                pass
            assert time.monotonic() < deadline, (tmp_path / "prometheus.log").read_text()[-2000:]
            time.sleep(0.5)
        assert {r["metric"]["service"] for r in up} == {"referrals", "interventions", "compliance"}
        rules = httpx.get(f"{base}/api/v1/rules", timeout=5).json()["data"]["groups"]
        assert {r["name"] for g in rules for r in g["rules"]} >= {"DdpServiceDown", "DdpOutboxNotDraining"}
        applied = query(
            base, 'sum(ddp_records_total{service="referrals", event_type="ddp.referral.submitted", outcome="applied"})'
        )
        assert float(applied[0]["value"][1]) == 4
    finally:
        process.terminate()
        process.wait(timeout=30)
