"""One battery run: start the platform, feed the workload while injecting faults, settle, check."""

import asyncio
import logging
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from ddp_schemas.topics import load_topic_registry
from ddp_testkit.battery.checker import check
from ddp_testkit.battery.evidence import Evidence
from ddp_testkit.battery.faults import FaultInjector
from ddp_testkit.battery.feeder import FeedReport, feed
from ddp_testkit.battery.log_scan import seeded_text_in_logs
from ddp_testkit.battery.partitions import stuck_partitions
from ddp_testkit.battery.phases import cases_with_plans, settle, through_providers
from ddp_testkit.battery.profiles import Profile
from ddp_testkit.battery.provider_workflow import programme_team_messages, provider_messages
from ddp_testkit.battery.read_interfaces import PROGRESS_PATH, case_progress, unready_instances
from ddp_testkit.battery.verdict import Verdict
from ddp_testkit.battery.workload import build_workload
from ddp_testkit.local_platform import LocalPlatform

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
    platform = LocalPlatform(
        log_dir / f"run-{run}",
        purpose=purpose,
        namespace=f"battery-{run}-{seed % 10_000}",
        brokers=profile.brokers,
        instances=profile.instances,
        settings=profile.service_settings,
        relay_exit_rate=profile.relay_exit_rate,
    )
    with platform:
        report = asyncio.run(_exercise(platform, profile, run, seed))
    report.seconds = round(time.monotonic() - started, 1)
    return report


async def _exercise(platform: LocalPlatform, profile: Profile, run: int, seed: int) -> RunReport:
    assert platform.kafka is not None and platform.services is not None
    kafka, namespace, registry = platform.kafka.endpoint, platform.namespace, load_topic_registry()
    today, tag = datetime.now(UTC).date(), f"{run}{seed % 1000}"
    inputs = build_workload(profile.cases, profile.bad_copies, seed, tag, today, hostile=profile.hostile)
    poll_seconds = int(profile.service_settings.get("MAX_POLL_INTERVAL_MS", "300000")) / 1000
    injector = FaultInjector(platform, random.Random(seed), poll_seconds)
    supervisor = asyncio.create_task(injector.supervise())
    # Phase 1: referrals, some refused, and bad records, under faults.
    feeding = feed(kafka, namespace, inputs, profile.feed_per_second)
    paced = sum(not i.hostile for i in inputs)  # hostile records go in bursts, outside the pace
    fed: FeedReport = await _under_faults(injector, feeding, paced / profile.feed_per_second, profile.faults)
    evidence = await settle(kafka, namespace, lambda e: check(inputs, fed, e), profile.settle_seconds)
    # Phase 2: the programme team and the providers, each provider message twice, under faults again.
    cases = cases_with_plans(evidence)
    agreeing, delivering = programme_team_messages(cases, registry), provider_messages(cases, registry)
    rate = profile.contract_per_second
    second = through_providers(kafka, namespace, agreeing, delivering, rate, fed, profile.settle_seconds)
    window = (len(agreeing) + sum(m.copies for m in delivering)) / rate
    await _under_faults(injector, second, window, profile.faults_phase_two)
    messages = agreeing + delivering
    evidence = await settle(kafka, namespace, lambda e: check(inputs, fed, e, messages), profile.settle_seconds)
    notes = await _ask_read_interfaces(platform, evidence, [c.case_id for c in cases])
    injector.stop_supervising()
    await supervisor
    verdict = check(inputs, fed, evidence, messages)
    leaks = seeded_text_in_logs(platform.services.log_path("any").parent)
    stuck = await stuck_partitions(kafka, namespace)
    verdict.wrong += leaks + [f"stuck partition: {s}" for s in stuck]
    verdict.figures.update(wrong=len(verdict.wrong), stuck_partitions=len(stuck))
    return RunReport(
        run, seed, 0.0, dict(injector.injected), injector.restarts, injector.false_acknowledgements, verdict, notes
    )


async def _ask_read_interfaces(platform: LocalPlatform, evidence: Evidence, case_ids: list) -> list[str]:
    """Readiness of every instance, and interventions' progress of every case (while still supervised)."""
    assert platform.services is not None
    evidence.unready = await unready_instances(platform.services.endpoints)
    interventions = next(e for e in platform.services.endpoints if e.service == "interventions")
    progress = await case_progress(interventions, case_ids)
    if progress is None:
        return [f"interventions serves no {PROGRESS_PATH}: its progress was not compared with the topics"]
    evidence.progress = progress
    return []


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
