"""One battery run: start the platform, feed the workload while injecting faults, settle, check."""

import asyncio
import logging
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import psycopg

from ddp_cli.battery.attendance import absences
from ddp_cli.battery.checker import Verdict, check
from ddp_cli.battery.evidence import Evidence, read_databases, read_topics
from ddp_cli.battery.faults import FaultInjector
from ddp_cli.battery.feeder import FeedReport, feed, feed_records
from ddp_cli.battery.profiles import Profile
from ddp_cli.battery.workload import ACCEPTED, REFUSED, PlannedInput, build_workload
from ddp_cli.local_platform import LocalPlatform

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class RunReport:
    run: int
    seed: int
    seconds: float
    faults: dict[str, int]
    restarts: int
    false_acknowledgements: int
    verdict: Verdict
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.verdict.passed and self.false_acknowledgements == 0


def run_once(profile: Profile, run: int, seed: int, log_dir: Path, purpose: str = "test") -> RunReport:
    started = time.monotonic()
    settings = {**profile.service_settings, "FAULT_RELAY_EXIT_RATE": str(profile.relay_exit_rate)}
    platform = LocalPlatform(
        log_dir / f"run-{run}",
        purpose=purpose,
        namespace=f"battery-{run}-{seed % 10_000}",
        brokers=profile.brokers,
        instances=profile.instances,
        settings=settings,
    )
    with platform:
        report = asyncio.run(_exercise(platform, profile, run, seed))
    report.seconds = round(time.monotonic() - started, 1)
    return report


async def _exercise(platform: LocalPlatform, profile: Profile, run: int, seed: int) -> RunReport:
    assert platform.kafka is not None and platform.postgres is not None
    rng = random.Random(seed)
    inputs = build_workload(profile.cases, profile.bad_copies, seed, f"{run}{seed % 1000}", datetime.now(UTC).date())
    poll_seconds = int(profile.service_settings.get("MAX_POLL_INTERVAL_MS", "300000")) / 1000
    injector = FaultInjector(platform, rng, poll_seconds)
    supervisor = asyncio.create_task(injector.supervise())
    # Phase 1: referrals, some refused, and bad records, under faults.
    feeding = feed(platform.kafka.bootstrap_servers, platform.namespace, inputs, profile.feed_per_second)
    fed: FeedReport = await _under_faults(injector, feeding, len(inputs) / profile.feed_per_second, profile.faults)
    await _settle(platform, inputs, profile.settle_seconds)
    # Phase 2: two unacceptable absences per case, each delivered twice, under faults again.
    starts = await asyncio.to_thread(_case_starts, platform)
    records = absences(starts)
    second = feed_records(
        platform.kafka.bootstrap_servers,
        platform.namespace,
        "ddp.interventions.events",
        records,
        profile.feed_per_second * 2,
        fed,
    )
    await _under_faults(injector, second, len(records) / (profile.feed_per_second * 2), profile.faults_phase_two)
    evidence = await _settle(platform, inputs, profile.settle_seconds, escalations_expected=True)
    injector.stop_supervising()
    await supervisor
    verdict = check(inputs, fed, evidence, absences_sent=bool(records))
    return RunReport(
        run, seed, 0.0, dict(injector.injected), injector.restarts, injector.false_acknowledgements, verdict
    )


async def _under_faults(injector: FaultInjector, work: Awaitable[T], window: float, faults: dict[str, int]) -> T:
    """Run ``work`` while the faults fire at random moments of ``window`` seconds, one after another."""
    task = asyncio.ensure_future(work)
    schedule = sorted((injector.rng.uniform(0.1, 0.9) * window, kind) for kind, n in faults.items() for _ in range(n))
    began = time.monotonic()
    for at, kind in schedule:
        await asyncio.sleep(max(0.0, at - (time.monotonic() - began)))
        # A fault that cannot finish is a finding, not a reason to wait forever.
        await asyncio.wait_for(injector.inject(kind), timeout=240)
    return await task


def _case_starts(platform: LocalPlatform) -> dict[UUID, date]:
    """Every case compliance follows, with its mandate's start."""
    assert platform.postgres is not None
    with psycopg.connect(platform.postgres.dsn("compliance")) as connection:
        rows = connection.execute(
            "SELECT case_id, mandate_starts_on FROM compliance_records WHERE mandate_starts_on IS NOT NULL"
        ).fetchall()
    return {case_id: starts_on for case_id, starts_on in rows}


async def _settle(
    platform: LocalPlatform, inputs: list[PlannedInput], timeout: float, escalations_expected: bool = False
) -> Evidence:
    """Read the evidence until every valid input has its effects and every outbox is empty (or time runs out)."""
    assert platform.kafka is not None and platform.postgres is not None
    accepted = sum(i.expect == ACCEPTED for i in inputs)
    valid = sum(i.expect in (ACCEPTED, REFUSED) for i in inputs)
    deadline = time.monotonic() + timeout
    escalations_before = -1
    while True:
        evidence = Evidence()
        await asyncio.to_thread(read_databases, platform.postgres, evidence)
        done = (
            len(evidence.referrals) >= valid
            and len(evidence.plans) >= accepted
            and len(evidence.compliance_records) >= accepted
            and all(published for rows in evidence.outbox.values() for *_, published in rows)
            # After the absences: escalations stop coming (two readings in a row agree).
            and (not escalations_expected or len(evidence.escalations) == escalations_before)
        )
        escalations_before = len(evidence.escalations)
        if done or time.monotonic() > deadline:
            await asyncio.sleep(2)  # the last published events reach the topics
            await asyncio.to_thread(read_databases, platform.postgres, evidence)
            await read_topics(platform.kafka.bootstrap_servers, platform.namespace, evidence)
            return evidence
        await asyncio.sleep(2)
