"""``ddp-dev``: the platform on this machine (``up``), the demo feed (``demo``) and the fault battery
(``battery``). Development and test apparatus; operators use ``ddp``."""

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from uuid import UUID

from ddp_cli.service_health import ServiceAddress
from ddp_schemas.connection import CredentialStore, KafkaEndpoint
from ddp_schemas.namespace import TopicNamespace
from ddp_testkit.battery.profiles import PROFILES
from ddp_testkit.battery.report import summary
from ddp_testkit.battery.runner import run_once
from ddp_testkit.bench.pipeline import BenchPlan, measure_pipeline
from ddp_testkit.bench.tls_cost import measure_tls_cost
from ddp_testkit.demo import print_summary, run_demo
from ddp_testkit.local_platform import LocalPlatform, default_credentials_dir, default_log_dir
from ddp_testkit.scrape_targets import write_scrape_targets
from ddp_testkit.supervisor import supervise


def _up(args: argparse.Namespace) -> int:
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    stop = threading.Event()
    _stop_on_signals()
    state = Path(args.state_dir)
    with LocalPlatform(Path(args.log_dir), state=state, with_console=True) as platform:
        assert platform.kafka is not None and platform.services is not None and platform.console is not None
        addresses = [ServiceAddress(e.name, e.service, e.url) for e in platform.services.endpoints]
        write_scrape_targets(state / "prometheus" / "targets.json", addresses)
        try:
            cases: dict[str, UUID] = {}
            complete = True
            if not args.no_demo:
                print("\ndemo agency feed: each line is one event, as it happens")
                result = asyncio.run(run_demo(platform.kafka.endpoint, platform.namespace))
                print_summary(result)
                cases, complete = result.case_ids, result.complete
            print(where_to_look(platform, addresses, state, Path(args.log_dir), cases))
            if args.exit_after_demo:
                return 0 if complete else 1
            supervise([platform.services, platform.console], stop)
        except KeyboardInterrupt:
            print("stopping: the services drain and commit, then the containers are removed")
    return 0


def _stop_on_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP (a closed terminal) all stop the platform, wherever `up` is in its
    work. SIGINT is handled explicitly: a shell leaves it ignored for a command started in the
    background, and Python would then never raise KeyboardInterrupt."""

    def interrupted(signum: int, frame: object) -> None:
        # Once: a second signal must not cut the stopping short (services still draining).
        for ignored in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(ignored, signal.SIG_IGN)
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupted)


def where_to_look(
    platform: LocalPlatform, addresses: list[ServiceAddress], state: Path, logs: Path, cases: dict[str, UUID]
) -> str:
    assert platform.kafka is not None
    kafka = platform.kafka.bootstrap_servers
    lines = [
        "",
        f"platform running; Kafka at {kafka} (mutual TLS; bundles in {platform.credentials.root}); logs in {logs}.",
        "Ctrl-C (or SIGTERM) stops everything; a service that exits is restarted.",
        "",
        f"console: {platform.console_url}  (log in as oncall, read-only, or platform-admin; passwords in "
        f"{state}/console/logins.json)",
        "",
        "metrics (Prometheus exposition):",
        *(f"  {a.instance:<14} {a.url}/metrics" for a in addresses),
        f"  Prometheus: .venv/opt/prometheus/usr/bin/prometheus --config.file=deploy/observability/prometheus.yml"
        f" (targets in {state}/prometheus)",
        "",
        "on-call (as the read-only operator):",
        "  ddp health",
        f"  DDP_KAFKA_BOOTSTRAP_SERVERS={kafka} ddp lag",
        f"  DDP_KAFKA_BOOTSTRAP_SERVERS={kafka} ddp tail ddp.referrals.events",
        *(f"  DDP_KAFKA_BOOTSTRAP_SERVERS={kafka} ddp case {case}    # {label}" for label, case in cases.items()),
    ]
    return "\n".join(lines)


def _demo(args: argparse.Namespace) -> int:
    endpoint = KafkaEndpoint(args.bootstrap_servers, CredentialStore(args.credentials))
    result = asyncio.run(run_demo(endpoint, TopicNamespace(args.namespace)))
    print_summary(result)
    return 0 if result.complete else 1


def _battery(args: argparse.Namespace) -> int:
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    profile = PROFILES[args.profile]
    reports = []
    for run in range(args.runs):
        seed = args.seed + run
        print(f"run {run + 1}/{args.runs} ({profile.name}, seed {seed})", flush=True)
        reports.append(run_once(profile, run + 1, seed, Path(args.log_dir) / "battery", purpose="battery"))
        print(f"  {reports[-1].verdict.figures} faults={reports[-1].faults}", flush=True)
    text = summary(profile, reports, "ddp-dev battery " + " ".join(sys.argv[2:]))
    print(text)
    if args.report:
        Path(args.report).write_text(text)
    return 0 if all(r.passed for r in reports) else 1


def _bench_tls(args: argparse.Namespace) -> int:
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    cost = measure_tls_cost(args.records, args.rounds)
    print("\n".join(cost.lines()))
    return 0


def _bench_pipeline(args: argparse.Namespace) -> int:
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    plan = BenchPlan(
        backlog=args.referrals,
        baseline_records=args.baseline_records,
        subjects=(args.subjects[0], args.subjects[1]),
        table_size_burst=args.table_size_referrals,
        attendance_cases=args.attendance_cases,
        rates=tuple(args.rates),
        steady_seconds=args.steady_seconds,
    )
    bench = measure_pipeline(plan, Path(args.log_dir) / "bench")
    text = "\n".join([f"ddp-dev bench {' '.join(sys.argv[2:])}", *bench.lines()])
    print(text)
    if args.report:
        Path(args.report).write_text(text + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: ``ddp-dev up``, ``ddp-dev demo``, ``ddp-dev battery``."""
    root = argparse.ArgumentParser(prog="ddp-dev", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="start Kafka, PostgreSQL, topics and the services; run the demo")
    up.add_argument("--no-demo", action="store_true", help="start the platform without the demo feed")
    up.add_argument("--exit-after-demo", action="store_true", help="stop everything once the demo has run")
    up.add_argument("--log-dir", default=str(default_log_dir()), help="where service logs go")
    up.add_argument("--state-dir", default=".ddp", help="where the services' addresses and scrape targets are written")
    up.set_defaults(run=_up)

    demo = commands.add_parser("demo", help="run the demo agency feed against a running platform")
    demo.add_argument("--bootstrap-servers", default=os.environ.get("DDP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
    demo.add_argument("--namespace", default="", help="topic namespace (empty in production)")
    demo.add_argument("--credentials", type=Path, default=default_credentials_dir(), help="per-principal bundles")
    demo.set_defaults(run=_demo)

    battery = commands.add_parser("battery", help="the fault battery: workload + injected faults, then invariants")
    battery.add_argument("--profile", choices=sorted(PROFILES), default="reduced")
    battery.add_argument("--runs", type=int, default=1)
    battery.add_argument("--seed", type=int, default=20261127)
    battery.add_argument("--report", help="also write the results (markdown) to this file")
    battery.add_argument("--log-dir", default=str(default_log_dir()))
    battery.set_defaults(run=_battery)

    bench = commands.add_parser("bench", help="benchmarks, as ratios to a baseline in the same run")
    benches = bench.add_subparsers(dest="bench", required=True)
    pipeline = benches.add_parser(
        "pipeline", help="the platform against the bare relay on one broker: backlog, table size, steady latency"
    )
    pipeline.add_argument("--referrals", type=int, default=2_000, help="backlog: referrals sent at once")
    pipeline.add_argument("--baseline-records", type=int, default=20_000)
    pipeline.add_argument(
        "--subjects", type=int, nargs=2, default=[1_000, 100_000], help="the two numbers of people already known"
    )
    pipeline.add_argument("--table-size-referrals", type=int, default=500, help="referrals sent at each table size")
    pipeline.add_argument(
        "--attendance-cases", type=int, default=500, help="attendance: ready cases, one absence each at once"
    )
    pipeline.add_argument("--rates", type=float, nargs="+", default=[20, 50, 100, 200], help="steady offered rates")
    pipeline.add_argument("--steady-seconds", type=float, default=15.0, help="how long each rate is offered")
    pipeline.add_argument("--report", help="also write the figures to this file")
    pipeline.add_argument("--log-dir", default=str(default_log_dir()))
    pipeline.set_defaults(run=_bench_pipeline)
    tls = benches.add_parser(
        "tls", help="the bare relay over mutual TLS and over plaintext on one broker: the throughput ratio"
    )
    tls.add_argument("--records", type=int, default=20_000)
    tls.add_argument("--rounds", type=int, default=3)
    tls.set_defaults(run=_bench_tls)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one ``ddp-dev`` command; returns its exit status."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
