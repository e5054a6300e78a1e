"""The skeleton flow end to end: three services as processes (``faststream run``), real Kafka and PostgreSQL."""

import asyncio
import signal
from pathlib import Path

import httpx
import psycopg
import pytest

from ddp_schemas.topics import load_topic_registry
from ddp_testkit.demo import ACCEPTED, MALFORMED, REFUSED, run_demo
from ddp_testkit.local_platform import LocalPlatform
from tests.support import require_docker, unique_name

pytestmark = [pytest.mark.e2e, pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory):
    require_docker()
    log_dir: Path = tmp_path_factory.mktemp("service-logs")
    local = LocalPlatform(log_dir, purpose="test", namespace=unique_name("e2e"))
    with local:
        yield local


def test_services_report_ready_with_every_check(platform):
    for endpoint in platform.services.endpoints:
        body = httpx.get(endpoint.readiness_url, timeout=5).json()
        assert body == {"status": "ready", "checks": {"database": True, "kafka": True, "progress": True}}
        assert httpx.get(endpoint.readiness_url.replace("ready", "live"), timeout=5).status_code == 200


def test_demo_cases_flow_through_all_three_services(platform):
    lines: list[str] = []
    result = asyncio.run(run_demo(platform.kafka.bootstrap_servers, platform.namespace, emit=lines.append))

    assert result.complete, "\n".join(lines)
    types = result.event_types
    assert types["licence (probation)"] == ACCEPTED
    assert types["TPIM (ct-policing)"] == ACCEPTED
    assert types["voluntary (home-office)"] == ACCEPTED
    assert types["licence from the wrong authority (home-office)"] == REFUSED
    assert types["malformed referral (probation)"] == MALFORMED
    compliance = next(e for e in result.timelines["voluntary (home-office)"] if "record_opened" in e)
    assert "engagement concerns only" in compliance
    licence = next(e for e in result.timelines["licence (probation)"] if "record_opened" in e)
    assert "can escalate to breach" in licence


def test_each_service_kept_its_own_state_in_its_own_database(platform):
    def count(database: str, table: str) -> int:
        with psycopg.connect(platform.postgres.dsn(database)) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert count("referrals", "cases") >= 3
    assert count("interventions", "plans") == count("referrals", "cases")
    assert count("compliance", "compliance_records") == count("referrals", "cases")
    for database in load_topic_registry().services:
        assert count(database, "outbox WHERE published_at IS NULL") == 0


def test_services_stop_cleanly_on_sigterm(platform):
    codes = platform.services.stop()
    # uvicorn re-raises the signal after a graceful shutdown, so -SIGTERM is a clean exit too.
    assert set(codes.values()) <= {0, -signal.SIGTERM}, codes
    for endpoint in platform.services.endpoints:
        log = platform.services.log_path(endpoint.name).read_text()
        assert "FastStream app shut down gracefully" in log
        assert "Application shutdown complete" in log
