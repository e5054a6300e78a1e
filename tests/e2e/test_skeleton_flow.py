"""The skeleton flow end to end: three services as processes (``faststream run``), real Kafka and PostgreSQL."""

import asyncio
import json
import re
import signal
import subprocess
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from prometheus_client.parser import text_string_to_metric_families

from ddp_cli.dead_letters import dead_letters
from ddp_cli.main import main as cli_main
from ddp_messaging.log_format import CONTEXT
from ddp_schemas.connection import ADMIN, OPERATOR
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.demo import ACCEPTED, MALFORMED, REFUSED
from ddp_testkit.demo_cases import demo_cases
from ddp_testkit.demo_story import STORY

pytestmark = [pytest.mark.e2e, pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[2]


def test_services_report_ready_with_every_check(platform):
    for endpoint in platform.services.endpoints:
        body = httpx.get(endpoint.readiness_url, timeout=5).json()
        assert body == {"status": "ready", "checks": {"database": True, "kafka": True, "progress": True}}
        assert httpx.get(endpoint.readiness_url.replace("ready", "live"), timeout=5).status_code == 200


def test_demo_cases_flow_through_all_three_services(demo):
    result, lines = demo

    assert result.complete, "\n".join(lines)
    types = result.event_types
    assert types["licence (probation)"] >= ACCEPTED | STORY, "\n".join(lines)
    assert types["TPIM (ct-policing)"] == ACCEPTED
    assert types["voluntary (home-office)"] == ACCEPTED
    assert types["licence from the wrong authority (home-office)"] == REFUSED
    assert types["malformed referral (probation)"] == MALFORMED
    compliance = next(e for e in result.timelines["voluntary (home-office)"] if "record_opened" in e)
    assert "engagement concerns only" in compliance
    licence = next(e for e in result.timelines["licence (probation)"] if "record_opened" in e)
    assert "can escalate to breach" in licence


def _metrics(endpoint) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = httpx.get(f"{endpoint.url}/metrics", timeout=10).text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _records(samples, **labels: str) -> float:
    return sum(
        value
        for (name, key), value in samples.items()
        if name == "ddp_records_total" and all(dict(key).get(k) == v for k, v in labels.items())
    )


def test_each_services_metrics_moved_as_the_demo_predicts(platform, demo):
    # After the demo: four referrals screened (three accepted, one rejected) and one malformed
    # record dead-lettered by referrals; three cases opened downstream, in each service; the
    # licence case's recall and release; its two absences, warning, breach referral and decision.
    by_service = {e.service: e for e in platform.services.endpoints}
    referrals, interventions, compliance = (by_service[s] for s in ("referrals", "interventions", "compliance"))

    def settled() -> bool:
        return all(_metrics(e)[("ddp_outbox_unpublished", ())] == 0 for e in platform.services.endpoints)

    deadline = time.monotonic() + 30
    while not settled():
        assert time.monotonic() < deadline, "every outbox drained within 30 s"
        time.sleep(0.3)
    seen = {e.service: _metrics(e) for e in (referrals, interventions, compliance)}
    assert _records(seen["referrals"], outcome="applied", event_type="ddp.referral.submitted") == 4
    # The malformed referral, and each time it was re-driven since (the console's test re-drives it):
    # as many as its dead letters on the topic.
    letters = asyncio.run(dead_letters(platform.kafka.access(OPERATOR), "referrals", platform.namespace))
    assert len(letters) >= 1 and {d.event.data["reason_code"] for d in letters} == {"SCHEMA_VIOLATION"}
    assert _records(seen["referrals"], outcome="dead_lettered", reason="SCHEMA_VIOLATION") == len(letters)
    assert _records(seen["referrals"], outcome="refused") == 0
    assert _records(seen["referrals"], outcome="applied", event_type="ddp.custody.status_changed") == 2
    assert _records(seen["interventions"], outcome="applied", event_type="ddp.attendance.submitted") == 3
    assert _records(seen["compliance"], outcome="applied", event_type="ddp.session.missed") == 2
    assert _records(seen["compliance"], outcome="applied", event_type="ddp.breach.decision_submitted") == 1
    for service in ("interventions", "compliance"):
        opened = _records(seen[service], outcome="applied", topic="ddp.referrals.events", event_type="ddp.case.opened")
        assert opened == 3, service
        assert _records(seen[service], outcome="dead_lettered") == 0, service
    for service, samples in seen.items():
        assert samples[("ddp_relay_published_total", ())] > 0, service
        ready = {dict(key)["check"]: value for (name, key), value in samples.items() if name == "ddp_ready"}
        assert ready == {"database": 1, "kafka": 1, "progress": 1}, service
        assert samples[("ddp_batch_records_count", ())] >= 1, service
    assert seen["compliance"][("ddp_breach_referrals_awaiting_decision", ())] == 0
    everything = "".join(httpx.get(f"{e.url}/metrics", timeout=10).text for e in platform.services.endpoints)
    for case in demo_cases(date.today(), "scan"):
        assert case.submission.personal_details.given_name not in everything


def test_each_decision_is_one_json_log_line_with_the_ids_to_follow_it(platform, demo):
    decisions = []
    for endpoint in platform.services.endpoints:
        for text in platform.services.log_path(endpoint.name).read_text(errors="replace").splitlines():
            if text.startswith("{"):
                line = json.loads(text)
                if "outcome" in line:
                    decisions.append(line)
    submitted = [d for d in decisions if d["event_type"] == "ddp.referral.submitted" and d["outcome"] == "applied"]
    assert len(submitted) == 4 and all(d["service"] == "referrals" and d["correlation_id"] for d in submitted)
    result, _ = demo
    licence = str(result.case_ids["licence (probation)"])
    # Downstream, the case id is the record's subject: the licence case's decisions in every service.
    assert {d["service"] for d in decisions if d.get("case_id") == licence} == {"interventions", "compliance"}
    assert all(set(d) <= {"time", "level", "logger", "message", *CONTEXT} for d in decisions)


def test_ddp_case_tells_the_licence_story_with_its_escalations_explained(platform, demo, capsys):
    result, _ = demo
    case_id = result.case_ids["licence (probation)"]
    compliance = next(e for e in platform.services.endpoints if e.service == "compliance")
    connect = ["--bootstrap-servers", platform.kafka.bootstrap_servers, "--credentials", str(platform.credentials.root)]
    connect += ["--namespace", platform.namespace.name, "--url", f"compliance={compliance.url}"]

    assert cli_main(["case", str(case_id), *connect]) == 0
    story = capsys.readouterr().out
    order = ["ddp.case.opened", "ddp.plan.agreed", "ddp.session.missed", "ddp.compliance.warning_recommended"]
    order += ["ddp.compliance.breach_referral_raised", "ddp.compliance.breach_decision_recorded", "ddp.case.resumed"]
    positions = [story.index(event_type) for event_type in order]
    assert positions == sorted(positions), story
    assert "| rule           unacceptable-absences" in story and "| decision       RECALL" in story
    assert "2 escalation(s)" in story

    assert cli_main(["case", str(case_id), "--json", *connect]) == 0
    told = json.loads(capsys.readouterr().out)
    [referral] = [e for e in told["escalations"] if e["step"] == "BREACH_REFERRAL"]
    assert len(referral["evidence"]) == 2 and referral["decision"]["decision"] == "RECALL"
    assert cli_main(["explain", referral["escalation_id"], "--url", f"compliance={compliance.url}"]) == 0
    assert "policy version" in capsys.readouterr().out
    people = {c.submission.personal_details.given_name for c in demo_cases(date.today(), "scan")}
    assert not [p for p in people if p in story], "the story names nobody"


def test_ddp_health_reports_every_instance_ready(platform, capsys):
    urls = [f"{e.name}:{e.service}={e.url}" for e in platform.services.endpoints]
    assert cli_main(["health", "--json", *(f"--url={u}" for u in urls)]) == 0
    reported = json.loads(capsys.readouterr().out)
    assert {r["instance"] for r in reported} == {e.name for e in platform.services.endpoints}
    assert all(r["ready"] and set(r["checks"]) == {"database", "kafka", "progress"} for r in reported)


def test_each_service_kept_its_own_state_in_its_own_database(platform):
    def count(database: str, table: str) -> int:
        with psycopg.connect(platform.postgres.dsn(database)) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    assert count("referrals", "cases") >= 3
    assert count("interventions", "plans") == count("referrals", "cases")
    assert count("compliance", "compliance_records") == count("referrals", "cases")
    for database in load_topic_registry().services:
        assert count(database, "outbox WHERE published_at IS NULL") == 0


def test_each_service_connects_to_postgresql_as_its_own_role_and_to_no_other_database(platform):
    urls = {
        service: platform.service_environment[f"DDP_{service.upper()}_DATABASE_URL"].replace("+asyncpg", "")
        for service in load_topic_registry().services
    }
    for service, url in urls.items():
        with psycopg.connect(url) as connection:
            role, superuser = connection.execute(
                "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
        assert (role, superuser) == (service, False)
        for other in set(urls) - {service}:
            with pytest.raises(psycopg.OperationalError, match="permission denied"):
                psycopg.connect(url.rsplit("/", 1)[0] + f"/{other}", connect_timeout=5)


def test_no_secret_in_any_log_line_topic_tracked_file_or_command_line(platform):
    secrets = _secrets_of(platform)
    assert len(secrets) > len(load_topic_registry().principals), "every key and every database password"
    logs = {p.name: p.read_bytes() for p in platform.services.log_path("x").parent.glob("*.log")}
    assert logs, "the services wrote logs"
    topics = asyncio.run(_every_record_on_every_topic(platform))
    assert topics, "the demo wrote records"
    tracked = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True, cwd=REPO).stdout
    files = {name: (REPO / name).read_bytes() for name in tracked.decode().split("\0") if (REPO / name).is_file()}
    argv = {
        e.name: Path(f"/proc/{platform.services.pid(e.name)}/cmdline").read_bytes() for e in platform.services.endpoints
    }
    for where, contents in {**logs, **topics, **files, **argv}.items():
        leaked = [label for label, secret in secrets.items() if secret in contents]
        assert leaked == [], f"{where} holds {leaked}"
    for where, contents in {**logs, **argv}.items():
        assert b"PRIVATE KEY" not in contents, where
    # Where `scripts/up` issues them: never tracked.
    default = ".ddp/credentials/probation/client.key"
    assert subprocess.run(["git", "check-ignore", "-q", default], cwd=REPO).returncode == 0


def test_no_personal_data_in_any_service_log(platform):
    """The demo's people (names, date of birth, every identifier) appear in no service's log: not in a
    log line, not in a traceback, not in the framework's own lines."""
    logs = {p.name: p.read_text(errors="replace") for p in platform.services.log_path("x").parent.glob("*.log")}
    assert logs, "the services wrote logs"
    people = [case.submission for case in demo_cases(date.today(), "scan")]
    personal = {"1990-04-01"}
    for referral in people:
        details, identifiers = referral.personal_details, referral.identifiers.model_dump(exclude_none=True)
        personal |= {details.given_name, details.family_name, details.date_of_birth.isoformat(), *identifiers.values()}
    for where, text in logs.items():
        found = sorted(p for p in personal if re.search(rf"(?<![A-Za-z0-9]){re.escape(p)}(?![A-Za-z0-9])", text))
        assert found == [], f"{where} holds personal data: {found}"


def _secrets_of(platform) -> dict[str, bytes]:
    """Every private key's body and every database password the platform was started with."""
    secrets = {}
    for key in platform.credentials.root.rglob("*.key"):
        body = b"".join(line for line in key.read_bytes().splitlines() if not line.startswith(b"-----"))
        secrets[f"key of {key.parent.name}"] = body[16:56]  # a stretch of the key's base64, wherever it is cut
    for name, value in {**platform.service_environment, **platform.console_environment}.items():
        if name.endswith("DATABASE_URL"):
            secrets[f"password in {name}"] = urlsplit(value).password.encode()
    secrets["console session secret"] = platform.console_environment["DDP_CONSOLE_SESSION_SECRET"].encode()
    for role, (_, password) in platform.console_logins.items():
        secrets[f"console {role}'s password"] = password.encode()
    return secrets


async def _every_record_on_every_topic(platform) -> dict[str, bytes]:
    """Keys, values and headers of every record on every registry topic, read as the admin, raw."""
    registry = load_topic_registry()
    partitions = [
        TopicPartition(platform.namespace.physical(t.name), p) for t in registry.topics for p in range(t.partitions)
    ]
    consumer = AIOKafkaConsumer(**platform.kafka.access(ADMIN).aiokafka(), enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: dict[str, list[bytes]] = {}
        while [p for p in partitions if await consumer.position(p) < ends[p]]:
            for partition, records in (await consumer.getmany(timeout_ms=500)).items():
                for r in records:
                    parts = [r.key or b"", r.value or b"", *(v for _, v in r.headers or ())]
                    found.setdefault(partition.topic, []).append(b"|".join(parts))
        return {topic: b"\n".join(records) for topic, records in found.items()}
    finally:
        await consumer.stop()


def test_services_stop_cleanly_on_sigterm(platform):
    codes = platform.services.stop()
    # uvicorn re-raises the signal after a graceful shutdown, so -SIGTERM is a clean exit too.
    assert set(codes.values()) <= {0, -signal.SIGTERM}, codes
    for endpoint in platform.services.endpoints:
        log = platform.services.log_path(endpoint.name).read_text()
        assert "FastStream app shut down gracefully" in log
        assert "Application shutdown complete" in log
