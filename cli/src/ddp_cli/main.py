"""``ddp``: what an on-call engineer runs against a cluster: topics, tail, dead letters, timelines."""

import argparse
import asyncio
import contextlib
import os
import sys
from uuid import UUID

from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.tail import tail
from ddp_cli.timeline import print_timeline, timeline_of
from ddp_cli.topic_reader import ObservedEvent
from ddp_cli.topics import provision_topics
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry


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


def _tail(args: argparse.Namespace) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(tail(args.bootstrap_servers, args.topics, TopicNamespace(args.namespace), args.from_beginning))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    events = asyncio.run(timeline_of(args.bootstrap_servers, args.id, TopicNamespace(args.namespace)))
    print_timeline(events)
    print(f"{len(events)} event(s) for {args.id}")
    return 0 if events else 1


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


def _cluster(command: argparse.ArgumentParser) -> None:
    command.add_argument("--bootstrap-servers", default=os.environ.get("DDP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
    command.add_argument("--namespace", default="", help="topic namespace (empty in production)")


def parser() -> argparse.ArgumentParser:
    """The command line: ``ddp topics``, ``ddp tail``, ``ddp timeline``, ``ddp dlq``."""
    services = load_topic_registry().services
    root = argparse.ArgumentParser(prog="ddp", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    topics = commands.add_parser("topics", help="the topic registry").add_subparsers(dest="topics", required=True)
    provision = topics.add_parser("provision", help="create the registry's topics on a cluster")
    _cluster(provision)
    provision.add_argument("--replication-factor", type=int, default=None, help="override (e.g. 1 on a dev cluster)")
    provision.set_defaults(run=_provision)
    topics.add_parser("list", help="list the registry's topics").set_defaults(run=_list_topics)

    tail_ = commands.add_parser("tail", help="print events on topics as they arrive (decoded, no personal data)")
    _cluster(tail_)
    tail_.add_argument("topics", nargs="+", help="registry topic names")
    tail_.add_argument("--from-beginning", action="store_true")
    tail_.set_defaults(run=_tail)

    timeline = commands.add_parser("timeline", help="everything the platform wrote about one case or correlation id")
    _cluster(timeline)
    timeline.add_argument("id", type=UUID, help="a case id, or the correlation id of an agency's event")
    timeline.set_defaults(run=_timeline)

    dlq = commands.add_parser("dlq", help="dead letters").add_subparsers(dest="dlq", required=True)
    listing = dlq.add_parser("list", help="a service's dead letters: reason, error class, original coordinates")
    _cluster(listing)
    listing.add_argument("--service", required=True, choices=services)
    listing.set_defaults(run=_dlq_list)
    again = dlq.add_parser("redrive", help="after a fix, hand dead-lettered records back to their service")
    _cluster(again)
    again.add_argument("--service", required=True, choices=services)
    again.add_argument("--reason", help="only dead letters with this reason code (e.g. HANDLER_ERROR)")
    again.add_argument("--event-id", help="only the dead letter of this event id")
    again.set_defaults(run=_dlq_redrive)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one ``ddp`` command; returns its exit status."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
