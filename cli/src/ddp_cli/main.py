"""``ddp``: run the platform locally, provision topics, watch topics, feed demo cases."""

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import threading
from pathlib import Path

from ddp_cli.demo import print_summary, run_demo
from ddp_cli.local_platform import LocalPlatform, default_log_dir
from ddp_cli.tail import tail
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
