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
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from ddp_cli.acls import AclAdmin, AclPlan
from ddp_cli.case_story import case_story, story_json, story_lines
from ddp_cli.consumer_lag import consumer_lag
from ddp_cli.credentials import ensure_credentials
from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.explanations import ExplanationsUnavailable, escalation, explanation_lines
from ddp_cli.onboarding import write_bundle
from ddp_cli.output import print_json, print_table
from ddp_cli.service_health import ServiceAddress, check_health, parse_address, read_addresses
from ddp_cli.tail import TailFilter, tail
from ddp_cli.timeline import print_timeline, timeline_of
from ddp_cli.topic_reader import ObservedEvent
from ddp_cli.topics import provision_topics
from ddp_schemas.connection import ADMIN, OPERATOR, CredentialStore, KafkaAccess, MissingCredentials
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import load_topic_registry

NOT_AS_EXPECTED = 3


def _addresses(args: argparse.Namespace, service: str | None) -> list[ServiceAddress]:
    if args.url:
        addresses = [parse_address(text) for text in args.url]
    elif args.services_file.exists():
        addresses = read_addresses(args.services_file)
    else:
        raise SystemExit(
            f"ddp {args.command}: no service addresses: give --url service=http://host:port, or a file "
            f"like the one scripts/up writes ({args.services_file})"
        )
    return [a for a in addresses if service in (None, a.service)]


def _compliance(args: argparse.Namespace) -> ServiceAddress | None:
    """The first compliance instance known, if any (every instance reads the same database)."""
    try:
        found = _addresses(args, "compliance")
    except SystemExit:
        return None
    return found[0] if found else None


def _case(args: argparse.Namespace) -> int:
    access, namespace = _as(args, OPERATOR), TopicNamespace(args.namespace)
    story = asyncio.run(case_story(access, namespace, args.case_id, _compliance(args)))
    if args.json:
        print_json(story_json(story))
    else:
        print("\n".join(story_lines(story)))
        print(f"{len(story.events)} event(s), {len(story.escalations)} escalation(s) for case {args.case_id}")
    return 0 if story.events else 1


def _explain(args: argparse.Namespace) -> int:
    compliance = _compliance(args)
    if compliance is None:
        raise SystemExit("ddp explain: no compliance address: give --url compliance=http://host:port")
    try:
        explained = escalation(compliance, args.escalation_id)
    except ExplanationsUnavailable as unavailable:
        print(f"ddp explain: {unavailable}", file=sys.stderr)
        return NOT_AS_EXPECTED
    if explained is None:
        print(f"ddp explain: compliance knows no escalation {args.escalation_id}", file=sys.stderr)
        return 1
    if args.json:
        print_json(explained)
    else:
        print("\n".join(explanation_lines(explained)))
    return 0


def _health(args: argparse.Namespace) -> int:
    found = check_health(_addresses(args, args.service))
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
        only = TailFilter(frozenset(args.type or ()), args.key, args.since, args.until)
        access = _as(args, ADMIN if args.as_admin else OPERATOR)
        asyncio.run(tail(access, args.topics, TopicNamespace(args.namespace), args.from_beginning, only))
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


def _dlq_show(args: argparse.Namespace) -> int:
    letters = asyncio.run(dead_letters(_as(args, OPERATOR), args.service, TopicNamespace(args.namespace)))
    found = [
        letter
        for letter in letters
        if str(args.event_id) in (letter.event.data["original_event_id"], str(letter.event.id))
    ]
    if not found:
        print(f"ddp dlq show: no dead letter of {args.event_id} on {args.service}'s dead-letter topic", file=sys.stderr)
        return 1
    # A dead letter holds coordinates, ids, a reason code and a short detail: never the record's data.
    print_json([{"dead_letter_id": str(f.event.id), "time": f.event.time.isoformat(), **f.event.data} for f in found])
    return 0


def _dlq_redrive(args: argparse.Namespace) -> int:
    def selected(letter: ObservedEvent) -> bool:
        data = letter.event.data
        return (args.reason in (None, data["reason_code"])) and (args.event_id in (None, data["original_event_id"]))

    namespace = TopicNamespace(args.namespace)
    if args.dry_run:
        letters = asyncio.run(dead_letters(_as(args, OPERATOR), args.service, namespace))
        chosen = [letter for letter in letters if selected(letter)]
        print(f"would re-drive {len(chosen)} of {len(letters)} dead letter(s) on {args.service}'s dead-letter topic")
        for letter in chosen:
            data = letter.event.data
            original = data["original"]
            print(f"  {data['reason_code']:<20} {original['topic']}[{original['partition']}]@{original['offset']}")
        return 0
    result = asyncio.run(redrive(_as(args, ADMIN), args.service, namespace, selected))
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


def _aware_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _service_addresses(command: argparse.ArgumentParser) -> None:
    command.add_argument("--url", action="append", help="service=http://host:port (repeatable); else --services-file")
    command.add_argument(
        "--services-file",
        type=Path,
        default=Path(os.environ.get("DDP_SERVICES_FILE", ".ddp/services.json")),
        help="the instances' addresses (env DDP_SERVICES_FILE; scripts/up writes .ddp/services.json)",
    )


def _cluster(command: argparse.ArgumentParser) -> None:
    command.add_argument("--bootstrap-servers", default=os.environ.get("DDP_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))
    command.add_argument("--namespace", default="", help="topic namespace (empty in production)")
    _credentials(command)
    command.add_argument("--plaintext", action="store_true", help="a plaintext debugging broker (never in production)")


def parser() -> argparse.ArgumentParser:
    """The command line: ``ddp health``, ``lag``, ``case``, ``explain``, ``topics``, ``tail``, ``timeline``,
    ``dlq``, ``acls``, ``credentials``, ``onboard``."""
    services = load_topic_registry().services
    root = argparse.ArgumentParser(
        prog="ddp", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = root.add_subparsers(dest="command", required=True)

    health = commands.add_parser("health", help="every service instance's readiness, and why not (exit 3 if any)")
    health.add_argument("--service", choices=services)
    _service_addresses(health)
    health.add_argument("--json", action="store_true")
    health.set_defaults(run=_health)

    case = commands.add_parser("case", help="one case's story across every topic, escalations explained inline")
    _cluster(case)
    _service_addresses(case)
    case.add_argument("case_id", type=UUID)
    case.add_argument("--json", action="store_true")
    case.set_defaults(run=_case)

    explain = commands.add_parser("explain", help="why an escalation was raised: rule, policy version, evidence")
    _service_addresses(explain)
    explain.add_argument("escalation_id", type=UUID)
    explain.add_argument("--json", action="store_true")
    explain.set_defaults(run=_explain)

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
    tail_.add_argument("--type", action="append", help="only events of this type (repeatable)")
    tail_.add_argument("--key", help="only records with this key (a case id, or an agency's reference)")
    tail_.add_argument("--since", type=_aware_time, help="only events at or after this time (ISO 8601)")
    tail_.add_argument("--until", type=_aware_time, help="only events at or before this time (ISO 8601)")
    tail_.add_argument(
        "--as-admin", action="store_true", help="connect as the admin (inbound topics: envelopes only, never data)"
    )
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
    show = dlq.add_parser("show", help="one dead letter in full (coordinates, ids, reason; never the record's data)")
    _cluster(show)
    show.add_argument("--service", required=True, choices=services)
    show.add_argument("event_id", type=UUID, help="the original event's id (or the dead letter's own)")
    show.set_defaults(run=_dlq_show)
    again = dlq.add_parser("redrive", help="after a fix, hand dead-lettered records back to their service")
    _cluster(again)
    again.add_argument("--service", required=True, choices=services)
    again.add_argument("--reason", help="only dead letters with this reason code (e.g. HANDLER_ERROR)")
    again.add_argument("--event-id", help="only the dead letter of this event id")
    again.add_argument(
        "--dry-run", action="store_true", help="count and list what would be re-driven (as the operator)"
    )
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
