"""The platform's pace against the bare broker's, in one run on one broker.

Stages, in order, on one platform started for the purpose (secured Kafka, PostgreSQL, the
three services as ``faststream run`` processes):

1. **baseline**: the bare aiokafka relay (``bare_relay``) with as many hops as the referral
   path (agency → referrals → compliance), the referral's own record size and headers, an
   idempotent producer and commits after each batch;
2. **backlog**: N referrals sent at once; the time to the last acknowledgement and to the last
   compliance record opened, CPU per referral per process, statements and rows read per referral;
3. **table size**: the same burst at two numbers of people already known, rows read per referral
   at each (the per-referral cost must not grow with the data);
4. **steady**: referrals offered at fixed rates; latency from submission to acknowledgement and
   to compliance record, and the highest rate whose p99 stays under the target.

Figures are ratios to the baseline or per record, never thresholds: people read them.
"""

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ddp_schemas.connection import ADMIN, OPERATOR
from ddp_testkit.bench.bare_relay import RelayRun, relay
from ddp_testkit.bench.database_usage import DatabaseMeter, DatabaseReading, seed_subjects
from ddp_testkit.bench.referral_load import AGENCY, AgencyFeed, AnswerWatch, Timings, referrals, run_id
from ddp_testkit.bench.resource_usage import CpuMeter
from ddp_testkit.bench.tls_cost import RELAY_PRINCIPAL, grant_bench_resources
from ddp_testkit.infra.kafka import KafkaNode
from ddp_testkit.local_platform import LocalPlatform

PATH_HOPS = 2  # agency → referrals → compliance: two consume-and-produce hops
STEADY_P99_TARGET = 0.250
# The scheduled checks run once at start and not again during the stages: they look across every
# case by design, and the figures are about the work each record costs.
_QUIET_CLOCK = {"SCHEDULED_CHECK_INTERVAL_SECONDS": "86400", "MANDATE_CHECK_INTERVAL_SECONDS": "86400"}
SERVICES = ("referrals", "interventions", "compliance")


@dataclass(frozen=True)
class BenchPlan:
    backlog: int = 2_000
    baseline_records: int = 20_000
    subjects: tuple[int, int] = (1_000, 100_000)
    table_size_burst: int = 500
    rates: tuple[float, ...] = (20, 50, 100, 200)
    steady_seconds: float = 15.0
    timeout: float = 900.0


@dataclass(frozen=True)
class Backlog:
    referrals: int
    to_last_acknowledgement: float
    to_last_record: float
    cpu_seconds: dict[str, float]
    database: DatabaseReading

    @property
    def per_second(self) -> float:
        return self.referrals / self.to_last_record


@dataclass(frozen=True)
class TableSize:
    subjects: int
    referrals: int
    database: DatabaseReading

    def rows_read_per_referral(self) -> float:
        return sum(self.database.rows_read.values()) / self.referrals


@dataclass(frozen=True)
class Steady:
    offered_per_second: float
    referrals: int
    acknowledgement: list[float]
    record: list[float]
    complete: bool


@dataclass
class PipelineBench:
    plan: BenchPlan
    record_bytes: int = 0
    baseline: RelayRun | None = None
    backlog: Backlog | None = None
    table_sizes: list[TableSize] = field(default_factory=list)
    steady: list[Steady] = field(default_factory=list)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        assert self.baseline is not None and self.backlog is not None
        return self.backlog.per_second / self.baseline.per_second

    def highest_steady_rate(self) -> float | None:
        passing = [s.offered_per_second for s in self.steady if s.complete and _p(s.record, 99) < STEADY_P99_TARGET]
        return max(passing) if passing else None

    def lines(self) -> list[str]:
        assert self.baseline is not None and self.backlog is not None
        b, base = self.backlog, self.baseline
        rows = [
            f"record size {self.record_bytes} B; baseline: bare aiokafka relay, {base.hops} hops, "
            f"{base.records} records",
            f"  baseline            {base.per_second:>9,.0f} records/s",
            f"  backlog, {b.referrals} referrals sent at once:",
            f"    to last acknowledgement   {b.to_last_acknowledgement:7.2f} s  "
            f"({b.referrals / b.to_last_acknowledgement:,.0f} referrals/s)",
            f"    to last compliance record {b.to_last_record:7.2f} s  ({b.per_second:,.0f} referrals/s)",
            f"    platform/baseline ratio   {self.ratio:.3f}",
            "    CPU ms per referral: "
            + ", ".join(f"{name} {1000 * s / b.referrals:.1f}" for name, s in b.cpu_seconds.items()),
            "    statements per referral: "
            + ", ".join(f"{db} {n / b.referrals:.1f}" for db, n in b.database.statements.items())
            + f" (total {sum(b.database.statements.values()) / b.referrals:.1f})",
            "    transactions per referral: "
            + ", ".join(f"{db} {n / b.referrals:.2f}" for db, n in b.database.commits.items()),
            "    rows read per referral: "
            + ", ".join(f"{db} {n / b.referrals:.1f}" for db, n in b.database.rows_read.items()),
        ]
        scanned = {f"{db}.{t}": n for db, tables in b.database.seq_scanned.items() for t, n in tables.items()}
        if scanned:
            rows.append(
                "    rows read by sequential scans: " + ", ".join(f"{t} {n}" for t, n in sorted(scanned.items()))
            )
        for db in SERVICES:
            rows.append(f"    {db}: busiest statements per referral (a row of a multi-row write counts once)")
            for query, n in b.database.busiest(db, 8):
                rows.append(f"      {n / b.referrals:5.2f}  {query[:100]}")
        for size in self.table_sizes:
            rows.append(
                f"  {size.referrals} referrals with {size.subjects:,} people known: "
                f"{size.rows_read_per_referral():.1f} rows read per referral "
                f"({', '.join(f'{db} {n / size.referrals:.1f}' for db, n in size.database.rows_read.items())})"
            )
        if len(self.table_sizes) == 2:
            small, large = self.table_sizes
            rows.append(
                f"    rows read per referral, {large.subjects:,} vs {small.subjects:,} people: "
                f"{large.rows_read_per_referral() / small.rows_read_per_referral():.2f}x"
            )
        for s in self.steady:
            rows.append(
                f"  steady {s.offered_per_second:>5.0f}/s, {s.referrals} referrals: "
                f"ack p50/p95/p99 {_ms(s.acknowledgement)}; record p50/p95/p99 {_ms(s.record)}"
                + ("" if s.complete else " (INCOMPLETE)")
            )
        best = self.highest_steady_rate()
        rows.append(
            f"  highest offered rate with p99 to compliance record < {STEADY_P99_TARGET * 1000:.0f} ms: "
            + (f"{best:.0f}/s" if best is not None else "none of those offered")
        )
        rows.append("  peak RSS MB: " + ", ".join(f"{n} {mb:.0f}" for n, mb in self.peak_rss_mb.items()))
        return rows


def _p(values: list[float], percentile: int) -> float:
    if not values:
        return float("inf")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]


def _ms(values: list[float]) -> str:
    return "/".join(f"{1000 * _p(values, q):.0f}" for q in (50, 95, 99)) + " ms"


def _say(line: str) -> None:
    print(line, flush=True)  # progress shows as it happens, also when the output is a file


def measure_pipeline(
    plan: BenchPlan, log_dir: Path, purpose: str = "bench", say: Callable[[str], None] = _say
) -> PipelineBench:
    """Run every stage of ``plan`` on a platform of its own; the figures, ready to print."""
    with (
        tempfile.TemporaryDirectory(prefix="ddp-bench-") as credentials,
        LocalPlatform(log_dir, purpose=purpose, credentials=Path(credentials), settings=_QUIET_CLOCK) as platform,
    ):
        return _measure(platform, plan, say)


def _measure(platform: LocalPlatform, plan: BenchPlan, say: Callable[[str], None]) -> PipelineBench:
    assert platform.kafka is not None and platform.postgres is not None and platform.services is not None
    kafka, services = platform.kafka, platform.services
    assert isinstance(kafka, KafkaNode), "the benchmark runs on one broker"
    result = PipelineBench(plan)
    cpu = CpuMeter(
        pids={name: services.pid(name) for name in SERVICES},
        containers={
            "kafka": kafka.get_wrapped_container().id,
            "postgresql": platform.postgres.get_wrapped_container().id,
        },
    )
    database = DatabaseMeter(platform.postgres, list(SERVICES))
    run = run_id()
    today = datetime.now(UTC).date()
    series = iter("ABCDEFGHJKLMNPRSTUVW")

    async def burst(count: int) -> tuple[Timings, float]:
        timings = Timings()
        batch = referrals(count, run, next(series), today)
        async with _answers(platform, timings) as watch:
            feed = AgencyFeed(kafka.access(AGENCY.value), platform.namespace)
            await feed.start()
            try:
                started = time.monotonic()
                await feed.burst(batch, timings)
                if not await watch.until_complete(plan.timeout):
                    raise TimeoutError(f"{count} referrals not all answered in {plan.timeout:.0f} s")
            finally:
                await feed.stop()
        return timings, started

    say("warm-up: 50 referrals")
    asyncio.run(burst(50))
    sample = referrals(1, run, "Z", today)[0]
    result.record_bytes = len(sample.value)

    say(f"baseline: bare relay, {PATH_HOPS} hops, {plan.baseline_records} records")
    grant_bench_resources(kafka.access(ADMIN), [RELAY_PRINCIPAL])
    result.baseline = asyncio.run(
        relay(
            kafka.access(RELAY_PRINCIPAL),
            plan.baseline_records,
            hops=PATH_HOPS,
            size=result.record_bytes,
            headers=sample.headers,
        )
    )

    say(f"backlog: {plan.backlog} referrals at once")
    before_db, before_cpu = database.read(), cpu.read()
    timings, started = asyncio.run(burst(plan.backlog))
    spent = CpuMeter.spent(before_cpu, cpu.read())
    result.backlog = Backlog(
        referrals=plan.backlog,
        to_last_acknowledgement=max(timings.acknowledged.values()) - started,
        to_last_record=max(timings.opened.values()) - started,
        cpu_seconds=spent,
        database=database.read().minus(before_db),
    )

    for subjects in plan.subjects:
        held = seed_subjects(platform.postgres, subjects)
        say(f"table size: {plan.table_size_burst} referrals with {held:,} people known")
        before_db = database.read()
        asyncio.run(burst(plan.table_size_burst))
        result.table_sizes.append(TableSize(held, plan.table_size_burst, database.read().minus(before_db)))

    for rate in plan.rates:
        count = max(1, int(rate * plan.steady_seconds))
        say(f"steady: {count} referrals at {rate:.0f}/s")
        result.steady.append(asyncio.run(_steady(platform, rate, count, run, next(series), today, plan.timeout)))

    result.peak_rss_mb = cpu.peak_rss()
    return result


async def _steady(
    platform: LocalPlatform, rate: float, count: int, run: str, series: str, today: date, timeout: float
) -> Steady:
    assert platform.kafka is not None
    timings = Timings()
    batch = referrals(count, run, series, today)
    async with _answers(platform, timings) as watch:
        feed = AgencyFeed(platform.kafka.access(AGENCY.value), platform.namespace)
        await feed.start()
        try:
            await feed.paced(batch, rate, timings)
            complete = await watch.until_complete(timeout)
        finally:
            await feed.stop()
    return Steady(rate, count, timings.latencies(timings.acknowledged), timings.latencies(timings.opened), complete)


class _answers:
    """An ``AnswerWatch`` reading as the on-call operator, started before anything is sent."""

    def __init__(self, platform: LocalPlatform, timings: Timings) -> None:
        assert platform.kafka is not None
        self._watch = AnswerWatch(platform.kafka.access(OPERATOR), platform.namespace, timings)

    async def __aenter__(self) -> AnswerWatch:
        await self._watch.start()
        return self._watch

    async def __aexit__(self, *exc: object) -> None:
        await self._watch.stop()
