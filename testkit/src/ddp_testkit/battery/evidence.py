"""What the checker reads: the services' databases and every platform topic, after the run."""

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

import psycopg

from ddp_cli.infra.postgres import PostgresServer
from ddp_cli.topic_reader import ObservedEvent, read_to_end
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicKind, load_topic_registry


@dataclass
class Evidence:
    referrals: dict[str, tuple[str, UUID | None]] = field(default_factory=dict)  # reference -> (status, case)
    case_rows: dict[UUID, int] = field(default_factory=dict)  # referral's case -> rows
    plans: dict[UUID, int] = field(default_factory=dict)  # case -> plans
    compliance_records: dict[UUID, int] = field(default_factory=dict)  # case -> records
    outbox: dict[str, list[tuple[int, UUID, str, str | None, bool]]] = field(default_factory=dict)
    escalations: list[tuple[UUID, UUID, str, str]] = field(default_factory=list)  # id, case, rule, step
    mandates: dict[UUID, tuple[str, bool]] = field(default_factory=dict)  # case -> (type, participation required)
    topics: dict[str, list[ObservedEvent]] = field(default_factory=dict)

    def events_of_type(self, event_type: str) -> list[ObservedEvent]:
        return [e for events in self.topics.values() for e in events if e.event.type == event_type]


def _counts(rows: list[tuple[UUID, int]]) -> dict[UUID, int]:
    return {row[0]: row[1] for row in rows}


def read_databases(postgres: PostgresServer, evidence: Evidence) -> None:
    def query(database: str, sql: str) -> list[tuple]:
        with psycopg.connect(postgres.dsn(database)) as connection:
            return connection.execute(sql).fetchall()

    evidence.referrals = {
        ref: (status, case)
        for ref, status, case in query("referrals", "SELECT agency_reference, status, case_id FROM referrals")
    }
    evidence.case_rows = _counts(query("referrals", "SELECT case_id, count(*) FROM cases GROUP BY case_id"))
    evidence.plans = _counts(query("interventions", "SELECT case_id, count(*) FROM plans GROUP BY case_id"))
    evidence.compliance_records = _counts(
        query("compliance", "SELECT case_id, count(*) FROM compliance_records GROUP BY case_id")
    )
    evidence.escalations = query("compliance", "SELECT escalation_id, case_id, rule, step FROM escalations")
    evidence.mandates = {
        case: (kind, required)
        for case, kind, required in query(
            "compliance", "SELECT case_id, mandate_type, participation_required FROM compliance_records"
        )
    }
    for service in ("referrals", "interventions", "compliance"):
        evidence.outbox[service] = query(
            service, "SELECT id, event_id, topic, key, published_at IS NOT NULL FROM outbox ORDER BY id"
        )


async def read_topics(bootstrap_servers: str, namespace: TopicNamespace, evidence: Evidence) -> None:
    for topic in load_topic_registry().topics:
        if topic.kind is not TopicKind.INBOUND and topic.kind is not TopicKind.REDRIVE:
            evidence.topics[topic.name] = await read_to_end(bootstrap_servers, topic.name, namespace)


def first_occurrences(events: list[ObservedEvent]) -> dict[str, list[UUID]]:
    """Per key, the distinct event ids in the order they first appear (republished copies dropped)."""
    order: dict[str, list[UUID]] = defaultdict(list)
    seen: set[UUID] = set()
    for event in sorted(events, key=lambda e: (e.partition, e.offset)):
        if event.event.id not in seen:
            seen.add(event.event.id)
            order[event.key or ""].append(event.event.id)
    return order
