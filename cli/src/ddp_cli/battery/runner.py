"""One battery run: start the platform, feed the workload while injecting faults, settle, check."""

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ddp_cli.battery.checker import Verdict, check
from ddp_cli.battery.evidence import Evidence, read_databases, read_topics
from ddp_cli.battery.faults import FaultInjector
from ddp_cli.battery.feeder import FeedReport, feed
from ddp_cli.battery.profiles import Profile
from ddp_cli.battery.workload import ACCEPTED, REFUSED, PlannedInput, build_workload
from ddp_cli.local_platform import LocalPlatform

log = logging.getLogger(__name__)


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
    feeding = asyncio.create_task(
        feed(platform.kafka.bootstrap_servers, platform.namespace, inputs, profile.feed_per_second)
    )
    window = len(inputs) / profile.feed_per_second
    schedule = sorted((rng.uniform(0.1, 0.9) * window, kind) for kind, n in profile.faults.items() for _ in range(n))
    began = time.monotonic()
    for at, kind in schedule:
        await asyncio.sleep(max(0.0, at - (time.monotonic() - began)))
        # A fault that cannot finish is a finding, not a reason to wait forever.
        await asyncio.wait_for(injector.inject(kind), timeout=240)
    fed: FeedReport = await feeding
    evidence = await _settle(platform, inputs, profile.settle_seconds)
    injector.stop_supervising()
    await supervisor
    verdict = check(inputs, fed, evidence)
    return RunReport(
        run, seed, 0.0, dict(injector.injected), injector.restarts, injector.false_acknowledgements, verdict
    )


async def _settle(platform: LocalPlatform, inputs: list[PlannedInput], timeout: float) -> Evidence:
    """Read the evidence until every valid input has its effects and every outbox is empty (or time runs out)."""
    assert platform.kafka is not None and platform.postgres is not None
    accepted = sum(i.expect == ACCEPTED for i in inputs)
    valid = sum(i.expect in (ACCEPTED, REFUSED) for i in inputs)
    deadline = time.monotonic() + timeout
    while True:
        evidence = Evidence()
        await asyncio.to_thread(read_databases, platform.postgres, evidence)
        done = (
            len(evidence.referrals) >= valid
            and len(evidence.plans) >= accepted
            and len(evidence.compliance_records) >= accepted
            and all(published for rows in evidence.outbox.values() for *_, published in rows)
        )
        if done or time.monotonic() > deadline:
            await asyncio.sleep(2)  # the last published events reach the topics
            await asyncio.to_thread(read_databases, platform.postgres, evidence)
            await read_topics(platform.kafka.bootstrap_servers, platform.namespace, evidence)
            return evidence
        await asyncio.sleep(2)
