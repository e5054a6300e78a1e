"""``ddp``: run the platform locally, provision topics, watch topics, feed demo cases."""

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from ddp_cli.battery.profiles import PROFILES
from ddp_cli.battery.report import summary
from ddp_cli.battery.runner import run_once
from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.demo import print_summary, run_demo
from ddp_cli.local_platform import LocalPlatform, default_log_dir
from ddp_cli.tail import tail
from ddp_cli.topic_reader import ObservedEvent
from ddp_cli.topics import provision_topics
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


def _up(args: argparse.Namespace) -> int:
    os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")
    with LocalPlatform(Path(args.log_dir)) as platform:
        assert platform.kafka is not None
        if not args.no_demo:
            print("\ndemo agency feed: each line is one event, as it happens")
            result = asyncio.run(run_demo(platform.kafka.bootstrap_servers, platform.namespace))
            print_summary(result)
            if args.exit_after_demo:
                return 0 if result.complete else 1
        print(
            f"\nplatform running; Kafka at {platform.kafka.bootstrap_servers}; logs in {args.log_dir}. Ctrl-C stops it."
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
        print("stopping")
    return 0


def _provision(args: argparse.Namespace) -> int:
    result = asyncio.run(
        provision_topics(
            args.bootstrap_servers, load_topic_registry(), TopicNamespace(args.namespace), args.replication_factor
        )
    )
    for name in result.created:
        print(f"created  {name}")
    for name in result.existing:
        print(f"existing {name}")
    return 0


def _list_topics(args: argparse.Namespace) -> int:
    for topic in load_topic_registry().topics:
        types = ", ".join(f"{e.type} v{max(e.versions)}" for e in topic.events) or "-"
        print(f"{topic.name:<34} {topic.kind.value:<12} {topic.partitions:>3}  {types}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    result = asyncio.run(run_demo(args.bootstrap_servers, TopicNamespace(args.namespace)))
    print_summary(result)
    return 0 if result.complete else 1


def _tail(args: argparse.Namespace) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(tail(args.bootstrap_servers, args.topics, TopicNamespace(args.namespace), args.from_beginning))
    return 0


def _dlq_list(args: argparse.Namespace) -> int:
    letters = asyncio.run(dead_letters(args.bootstrap_servers, args.service, TopicNamespace(args.namespace)))
    for letter in letters:
        data = letter.event.data
        original = data["original"]
        print(
            f"{letter.event.time.isoformat()} {data['reason_code']:<20} {data['error_class']:<18} "
            f"{original['topic']}[{original['partition']}]@{original['offset']} "
            f"id={data['original_event_id']} type={data['original_event_type']} {data['detail']}"
        )
    print(f"{len(letters)} dead letter(s) on {args.service}'s dead-letter topic")
    return 0


def _dlq_redrive(args: argparse.Namespace) -> int:
    def selected(letter: ObservedEvent) -> bool:
        data = letter.event.data
        return (args.reason in (None, data["reason_code"])) and (args.event_id in (None, data["original_event_id"]))

    result = asyncio.run(redrive(args.bootstrap_servers, args.service, TopicNamespace(args.namespace), selected))
    print(f"re-driven: {result.redriven}; originals no longer on their topic: {result.missing}")
    return 0 if result.missing == 0 else 1


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
    text = summary(profile, reports, "ddp battery " + " ".join(sys.argv[2:]))
    print(text)
    if args.report:
        Path(args.report).write_text(text)
    return 0 if all(r.passed for r in reports) else 1


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="ddp", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="start Kafka, PostgreSQL, topics and the three services; run the demo")
    up.add_argument("--no-demo", action="store_true", help="start the platform without the demo feed")
    up.add_argument("--exit-after-demo", action="store_true", help="stop everything once the demo has run")
    up.add_argument("--log-dir", default=str(default_log_dir()), help="where service logs go")
    up.set_defaults(run=_up)

    def cluster(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--bootstrap-servers", default=os.environ.get("DDP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
        )
        command.add_argument("--namespace", default="", help="topic namespace (empty in production)")

    topics = commands.add_parser("topics", help="the topic registry").add_subparsers(dest="topics", required=True)
    provision = topics.add_parser("provision", help="create the registry's topics on a cluster")
    cluster(provision)
    provision.add_argument("--replication-factor", type=int, default=None, help="override (e.g. 1 on a dev cluster)")
    provision.set_defaults(run=_provision)
    topics.add_parser("list", help="list the registry's topics").set_defaults(run=_list_topics)

    demo = commands.add_parser("demo", help="run the demo agency feed against a running platform")
    cluster(demo)
    demo.set_defaults(run=_demo)

    dlq = commands.add_parser("dlq", help="dead letters").add_subparsers(dest="dlq", required=True)
    listing = dlq.add_parser("list", help="a service's dead letters: reason, error class, original coordinates")
    cluster(listing)
    listing.add_argument("--service", required=True, choices=load_topic_registry().services)
    listing.set_defaults(run=_dlq_list)
    again = dlq.add_parser("redrive", help="after a fix, hand dead-lettered records back to their service")
    cluster(again)
    again.add_argument("--service", required=True, choices=load_topic_registry().services)
    again.add_argument("--reason", help="only dead letters with this reason code (e.g. HANDLER_ERROR)")
    again.add_argument("--event-id", help="only the dead letter of this event id")
    again.set_defaults(run=_dlq_redrive)

    battery = commands.add_parser("battery", help="the fault battery: workload + injected faults, then invariants")
    battery.add_argument("--profile", choices=sorted(PROFILES), default="reduced")
    battery.add_argument("--runs", type=int, default=1)
    battery.add_argument("--seed", type=int, default=20261127)
    battery.add_argument("--report", help="also write the results (markdown) to this file")
    battery.add_argument("--log-dir", default=str(default_log_dir()))
    battery.set_defaults(run=_battery)

    tail_ = commands.add_parser("tail", help="print events on topics as they arrive (decoded, no personal data)")
    cluster(tail_)
    tail_.add_argument("topics", nargs="+", help="registry topic names")
    tail_.add_argument("--from-beginning", action="store_true")
    tail_.set_defaults(run=_tail)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
