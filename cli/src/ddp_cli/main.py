"""``ddp``: what an on-call engineer runs against a cluster: health, lag, topics, tail, dead letters,
timelines, ACLs.

Every command connects over mutual TLS with a principal's bundle from the credentials
directory (``--credentials``, ``DDP_CREDENTIALS_DIR``, default ``.ddp/credentials``). Commands
that only read connect as the read-only ``operator``; commands that change the platform
(provisioning, ACLs, re-drive, onboarding) connect as the ``admin`` and say so when its
bundle is missing. ``health`` asks the services themselves (their ``/health/ready``).

Exit status: 0 when all is well, 1 when nothing was found, 2 for a usage error, 3 when the
command found what it checks for (a service not ready, lag over ``--max-lag``, ACLs that differ
from the registry's).
"""

import argparse
import asyncio
import contextlib
import os
import sys
from pathlib import Path
from uuid import UUID

from ddp_cli.acls import AclAdmin, AclPlan
from ddp_cli.consumer_lag import consumer_lag
from ddp_cli.credentials import ensure_credentials
from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.onboarding import write_bundle
from ddp_cli.output import print_json, print_table
from ddp_cli.service_health import ServiceAddress, check_health, parse_address, read_addresses
from ddp_cli.tail import tail
from ddp_cli.timeline import print_timeline, timeline_of
from ddp_cli.topic_reader import ObservedEvent
from ddp_cli.topics import provision_topics
from ddp_schemas.connection import ADMIN, OPERATOR, CredentialStore, KafkaAccess, MissingCredentials
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry

NOT_AS_EXPECTED = 3


def _addresses(args: argparse.Namespace) -> list[ServiceAddress]:
    if args.url:
        addresses = [parse_address(text) for text in args.url]
    elif args.services_file.exists():
        addresses = read_addresses(args.services_file)
    else:
        raise SystemExit(
            f"ddp {args.command}: no service addresses: give --url service=http://host:port, or a file "
            f"like the one scripts/up writes ({args.services_file})"
        )
    return [a for a in addresses if args.service in (None, a.service)]


def _health(args: argparse.Namespace) -> int:
    found = check_health(_addresses(args))
    if args.json:
        print_json([h.as_json() for h in found])
    else:
        rows = [
            (
                h.address.instance,
                h.address.url,
                "ready" if h.ready else "NOT READY",
                h.problem or (", ".join(f"{name} failing" for name in h.failing) or "all checks pass"),
            )
            for h in found
        ]
        print_table("service readiness", ["instance", "address", "state", "why"], rows)
    if not found:
        return 1
    return 0 if all(h.ready for h in found) else NOT_AS_EXPECTED


def _lag(args: argparse.Namespace) -> int:
    registry = load_topic_registry()
    services = [args.service] if args.service else registry.services
    found = asyncio.run(consumer_lag(_as(args, OPERATOR), registry, TopicNamespace(args.namespace), services))
    shown = found if args.all else [p for p in found if p.lag > 0]
    if args.json:
        print_json([p.as_json() for p in shown])
    else:
        rows = [
            (
                p.service,
                p.topic,
                p.partition,
                p.committed,
                p.end,
                p.lag,
                None if p.oldest_unconsumed_age_seconds is None else f"{p.oldest_unconsumed_age_seconds:.1f}s",
            )
            for p in shown
        ]
        title = "consumer lag" + ("" if args.all else " (partitions with records waiting; --all for every one)")
        print_table(title, ["service", "topic", "partition", "committed", "end", "lag", "oldest waiting"], rows)
        print(f"{sum(p.lag for p in found)} record(s) waiting across {len(found)} partition(s)")
    over = args.max_lag is not None and any(p.lag > args.max_lag for p in found)
    return NOT_AS_EXPECTED if over else 0


def _provision(args: argparse.Namespace) -> int:
    result = asyncio.run(
        provision_topics(
            _as(args, ADMIN), load_topic_registry(), TopicNamespace(args.namespace), args.replication_factor
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
        asyncio.run(tail(_as(args, OPERATOR), args.topics, TopicNamespace(args.namespace), args.from_beginning))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    events = asyncio.run(timeline_of(_as(args, OPERATOR), args.id, TopicNamespace(args.namespace)))
    print_timeline(events)
    print(f"{len(events)} event(s) for {args.id}")
    return 0 if events else 1


def _dlq_list(args: argparse.Namespace) -> int:
    letters = asyncio.run(dead_letters(_as(args, OPERATOR), args.service, TopicNamespace(args.namespace)))
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

    result = asyncio.run(redrive(_as(args, ADMIN), args.service, TopicNamespace(args.namespace), selected))
    print(f"re-driven: {result.redriven}; originals no longer on their topic: {result.missing}")
    return 0 if result.missing == 0 else 1


def _print_plan(plan: AclPlan, applied: bool) -> None:
    for grant in plan.missing:
        print(f"{'created' if applied else 'missing'}  {' '.join(grant)}")
    for grant in plan.surplus:
        print(f"{'deleted' if applied else 'surplus'}  {' '.join(grant)}")
    print(f"{len(plan.missing)} missing, {len(plan.surplus)} surplus, {plan.kept} as the registry grants")


def _acls_plan(args: argparse.Namespace) -> int:
    plan = AclAdmin(_as(args, ADMIN)).plan(load_topic_registry(), TopicNamespace(args.namespace))
    _print_plan(plan, applied=False)
    return 0 if plan.in_step else 3  # 3: the broker differs from the registry


def _acls_apply(args: argparse.Namespace) -> int:
    plan = AclAdmin(_as(args, ADMIN)).apply(load_topic_registry(), TopicNamespace(args.namespace))
    _print_plan(plan, applied=True)
    return 0


def _credentials_issue(args: argparse.Namespace) -> int:
    result = ensure_credentials(args.credentials, load_topic_registry())
    print(f"credentials in {args.credentials}: issued {', '.join(result.issued) or 'none'}; kept {len(result.kept)}")
    return 0


def _onboard(args: argparse.Namespace) -> int:
    registry = load_topic_registry()
    if args.principal not in registry.principals:
        print(f"ddp: {args.principal} is not in the topic registry; add it to topics.yaml first", file=sys.stderr)
        return 2
    ensure_credentials(args.credentials, registry)
    namespace = TopicNamespace(args.namespace)
    plan = AclAdmin(_as(args, ADMIN)).apply(registry, namespace)
    folder = write_bundle(
        CredentialStore(args.credentials), registry, args.principal, args.bootstrap_servers, namespace, args.out
    )
    print(f"ACLs: {len(plan.missing)} created, {len(plan.surplus)} deleted")
    print(f"bundle for {args.principal} in {folder}: hand it over as it is (it holds a private key)")
    return 0


def _as(args: argparse.Namespace, principal: str) -> KafkaAccess:
    """Who this command connects as; the admin is needed for anything that changes the platform."""
    if args.plaintext:
        return KafkaAccess(args.bootstrap_servers, principal, None)
    try:
        identity = CredentialStore(args.credentials).identity(principal)
    except MissingCredentials as missing:
        role = "changes the platform and needs the admin's" if principal == ADMIN else "needs the operator's"
        raise SystemExit(f"ddp {args.command}: this command {role} credentials: {missing}") from None
    return KafkaAccess(args.bootstrap_servers, principal, identity)


def _credentials(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--credentials",
        type=Path,
        default=Path(os.environ.get("DDP_CREDENTIALS_DIR", ".ddp/credentials")),
        help="directory of per-principal bundles (env DDP_CREDENTIALS_DIR)",
    )


def _cluster(command: argparse.ArgumentParser) -> None:
    command.add_argument("--bootstrap-servers", default=os.environ.get("DDP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
    command.add_argument("--namespace", default="", help="topic namespace (empty in production)")
    _credentials(command)
    command.add_argument("--plaintext", action="store_true", help="a plaintext debugging broker (never in production)")


def parser() -> argparse.ArgumentParser:
    """The command line: ``ddp health``, ``lag``, ``topics``, ``tail``, ``timeline``, ``dlq``, ``acls``,
    ``credentials``, ``onboard``."""
    services = load_topic_registry().services
    root = argparse.ArgumentParser(
        prog="ddp", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = root.add_subparsers(dest="command", required=True)

    health = commands.add_parser("health", help="every service instance's readiness, and why not (exit 3 if any)")
    health.add_argument("--service", choices=services)
    health.add_argument("--url", action="append", help="service=http://host:port (repeatable); else --services-file")
    health.add_argument(
        "--services-file",
        type=Path,
        default=Path(os.environ.get("DDP_SERVICES_FILE", ".ddp/services.json")),
        help="the instances' addresses (env DDP_SERVICES_FILE; scripts/up writes .ddp/services.json)",
    )
    health.add_argument("--json", action="store_true")
    health.set_defaults(run=_health)

    lag = commands.add_parser("lag", help="lag per consumer group and partition, with the oldest waiting record's age")
    _cluster(lag)
    lag.add_argument("--service", choices=services)
    lag.add_argument("--all", action="store_true", help="every partition, not only those with records waiting")
    lag.add_argument("--max-lag", type=int, help="exit 3 when any partition has more records waiting than this")
    lag.add_argument("--json", action="store_true")
    lag.set_defaults(run=_lag)

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

    acls = commands.add_parser("acls", help="the broker's ACLs against the registry's (admin)")
    acl_commands = acls.add_subparsers(dest="acls", required=True)
    plan = acl_commands.add_parser("plan", help="what differs between the broker and the registry (exit 3 if any)")
    _cluster(plan)
    plan.set_defaults(run=_acls_plan)
    apply = acl_commands.add_parser("apply", help="make the broker's ACLs equal to the registry's")
    _cluster(apply)
    apply.set_defaults(run=_acls_apply)

    credentials = commands.add_parser("credentials", help="the development CA and per-principal bundles")
    issue = credentials.add_subparsers(dest="credentials_command", required=True).add_parser(
        "issue", help="issue what is missing (the CA, the broker's keystore, one bundle per principal)"
    )
    _credentials(issue)
    issue.set_defaults(run=_credentials_issue)

    onboard = commands.add_parser("onboard", help="credentials and ACLs for a party added to the registry, as a bundle")
    _cluster(onboard)
    onboard.add_argument("principal", help="the agency, provider or service as named in the registry")
    onboard.add_argument("--out", type=Path, required=True, help="where to write the bundle")
    onboard.set_defaults(run=_onboard)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one ``ddp`` command; returns its exit status."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
