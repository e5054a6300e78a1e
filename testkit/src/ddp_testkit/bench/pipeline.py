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
4. **attendance**: cases made ready (plan agreed, provider assigned, accepting, a session
   scheduled), then one unacceptable absence each reported at once; the time to the last breach
   referral raised, and what each absence cost;
5. **steady**: referrals offered at fixed rates; latency from submission to acknowledgement and
   to compliance record, and the highest rate whose p99 stays under the target.

Figures are ratios to the baseline or per record, never thresholds: people read them.
"""

import asyncio
import contextlib
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ddp_schemas.connection import ADMIN, OPERATOR
from ddp_testkit.bench.attendance_load import (
    ASSIGNED,
    BREACH_REFERRED,
    PROGRAMME_TEAM,
    PROVIDER,
    SCHEDULED,
    absences,
    programme_team_decisions,
    provider_schedules,
    ready_cases,
)
from ddp_testkit.bench.bare_relay import RelayRun, relay
from ddp_testkit.bench.database_usage import DatabaseMeter, DatabaseReading, seed_subjects
from ddp_testkit.bench.referral_load import (
    ACKNOWLEDGED,
    MANDATE_AGE_DAYS,
    PLAN_DRAFTED,
    RECORD_OPENED,
    REFERRING_AGENCY,
    AgencyFeeds,
    Arrivals,
    EffectWatch,
    Outgoing,
    referrals,
)
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
    attendance_cases: int = 500
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
class Attendance:
    absences: int
    to_last_escalation: float
    cpu_seconds: dict[str, float]
    database: DatabaseReading

    @property
    def per_second(self) -> float:
        return self.absences / self.to_last_escalation


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
    attendance: Attendance | None = None
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
        if self.attendance is not None:
            a = self.attendance
            rows += [
                f"  attendance, {a.absences} absences for ready cases at once:",
                f"    to last breach referral   {a.to_last_escalation:7.2f} s  ({a.per_second:,.0f} absences/s)",
                "    CPU ms per absence: "
                + ", ".join(f"{name} {1000 * s / a.absences:.1f}" for name, s in a.cpu_seconds.items()),
                "    statements per absence: "
                + ", ".join(f"{db} {n / a.absences:.1f}" for db, n in a.database.statements.items())
                + f" (total {sum(a.database.statements.values()) / a.absences:.1f})",
            ]
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
    load = _Load(platform, plan.timeout)
    run, today = run_id(), datetime.now(UTC).date()
    series = iter("ABCDEFGHJKLMNPRSTUVW")

    say("warm-up: 50 referrals")
    asyncio.run(load.referral_burst(referrals(50, run, next(series), today)))
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
    batch = referrals(plan.backlog, run, next(series), today)
    before_db, before_cpu = database.read(), cpu.read()
    arrivals, started = asyncio.run(load.referral_burst(batch))
    spent = CpuMeter.spent(before_cpu, cpu.read())
    result.backlog = Backlog(
        referrals=plan.backlog,
        to_last_acknowledgement=arrivals.last(ACKNOWLEDGED) - started,
        to_last_record=arrivals.last(RECORD_OPENED) - started,
        cpu_seconds=spent,
        database=database.read().minus(before_db),
    )

    for subjects in plan.subjects:
        held = seed_subjects(platform.postgres, subjects)
        say(f"table size: {plan.table_size_burst} referrals with {held:,} people known")
        batch = referrals(plan.table_size_burst, run, next(series), today)
        before_db = database.read()
        asyncio.run(load.referral_burst(batch))
        result.table_sizes.append(TableSize(held, plan.table_size_burst, database.read().minus(before_db)))

    say(f"attendance: {plan.attendance_cases} cases made ready, then an absence each at once")
    batch = referrals(plan.attendance_cases, run, next(series), today)
    arrivals, _ = asyncio.run(load.referral_burst(batch, keep=PLAN_DRAFTED))
    cases = ready_cases(list(arrivals.kept.values()), today - timedelta(days=MANDATE_AGE_DAYS))
    asyncio.run(load.effects(programme_team_decisions(cases), ASSIGNED, len(cases)))
    asyncio.run(load.effects(provider_schedules(cases), SCHEDULED, len(cases)))
    before_db, before_cpu = database.read(), cpu.read()
    started = time.monotonic()
    escalated = asyncio.run(load.effects(absences(cases), BREACH_REFERRED, len(cases)))
    result.attendance = Attendance(
        absences=len(cases),
        to_last_escalation=escalated.last(BREACH_REFERRED) - started,
        cpu_seconds=CpuMeter.spent(before_cpu, cpu.read()),
        database=database.read().minus(before_db),
    )

    for rate in plan.rates:
        count = max(1, int(rate * plan.steady_seconds))
        say(f"steady: {count} referrals at {rate:.0f}/s")
        batch = referrals(count, run, next(series), today)
        arrivals = asyncio.run(load.referrals_paced(batch, rate))
        result.steady.append(
            Steady(
                rate,
                count,
                arrivals.latencies(ACKNOWLEDGED),
                arrivals.latencies(RECORD_OPENED),
                arrivals.complete((ACKNOWLEDGED, RECORD_OPENED)),
            )
        )

    result.peak_rss_mb = cpu.peak_rss()
    return result


class _Load:
    """Sends as the agencies and watches the effects, as the on-call operator reads them."""

    def __init__(self, platform: LocalPlatform, timeout: float) -> None:
        assert platform.kafka is not None
        self._kafka, self._namespace, self._timeout = platform.kafka, platform.namespace, timeout

    def _feeds(self) -> AgencyFeeds:
        agencies = (REFERRING_AGENCY, PROGRAMME_TEAM, PROVIDER)
        return AgencyFeeds({agency: self._kafka.access(agency) for agency in agencies}, self._namespace)

    async def referral_burst(self, batch: list[Outgoing], keep: bytes | None = None) -> tuple[Arrivals, float]:
        """Send ``batch`` at once; when every referral is acknowledged and its record opened (and has
        had the ``keep`` effect, when one is kept), the arrivals and when the burst began."""
        arrivals = Arrivals()
        # What is kept is read afterwards for every referral: it may arrive after the other two.
        awaited = (ACKNOWLEDGED, RECORD_OPENED, *((keep,) if keep is not None else ()))
        async with self._watching(arrivals, keep) as watch, self._feeding() as feeds:
            started = time.monotonic()
            await feeds.burst(batch, arrivals)
            if not await watch.until_complete(awaited, self._timeout):
                raise TimeoutError(f"{len(batch)} referrals not all answered in {self._timeout:.0f} s")
        return arrivals, started

    async def referrals_paced(self, batch: list[Outgoing], per_second: float) -> Arrivals:
        arrivals = Arrivals()
        async with self._watching(arrivals) as watch, self._feeding() as feeds:
            await feeds.paced(batch, per_second, arrivals)
            await watch.until_complete((ACKNOWLEDGED, RECORD_OPENED), self._timeout)
        return arrivals

    async def effects(self, batch: list[Outgoing], effect: bytes, count: int) -> Arrivals:
        """Send ``batch`` at once and wait until ``count`` of its records have had ``effect``."""
        arrivals = Arrivals()
        async with self._watching(arrivals) as watch, self._feeding() as feeds:
            await feeds.burst(batch, arrivals)
            if not await watch.until_arrived(effect, count, self._timeout):
                raise TimeoutError(f"{effect.decode()} not seen {count} times in {self._timeout:.0f} s")
        return arrivals

    @contextlib.asynccontextmanager
    async def _watching(self, arrivals: Arrivals, keep: bytes | None = None) -> AsyncIterator[EffectWatch]:
        watch = EffectWatch(self._kafka.access(OPERATOR), self._namespace, arrivals, keep)
        await watch.start()  # from the topics' ends, before anything is sent
        try:
            yield watch
        finally:
            await watch.stop()

    @contextlib.asynccontextmanager
    async def _feeding(self) -> AsyncIterator[AgencyFeeds]:
        feeds = self._feeds()
        await feeds.start()
        try:
            yield feeds
        finally:
            await feeds.stop()


def run_id() -> str:
    return uuid.uuid4().hex[:8]
