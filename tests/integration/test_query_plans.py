"""Every query on the per-record path can be answered through an index: none must read a whole table.

The three services run in this process on real Kafka and PostgreSQL, and every statement they
send while a referral goes through (accepted, then sent again) is recorded as it was executed,
parameters included. Each is then explained on its own database with sequential scans priced
out of reach (``enable_seqscan = off``). A query no index can serve then shows one of two
things: a sequential scan all the same, or a scan of a whole index (an index whose leading
column the query does not constrain, such as ``digest IN (...)`` on a ``(kind, digest)`` key).
Either reads every row, and its cost grows with the table. A partial index read whole is what
it is for (the outbox's unpublished rows). The scheduled passes are left out: they look for
work across all cases by design, once a period, not once a record.
"""

import asyncio
import json
import re
from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event

from ddp_compliance.bootstrap import build as build_compliance
from ddp_compliance.settings import ComplianceSettings
from ddp_interventions.bootstrap import build as build_interventions
from ddp_interventions.settings import InterventionsSettings
from ddp_messaging.runtime import ServiceRuntime
from ddp_referrals.bootstrap import build as build_referrals
from ddp_referrals.settings import ReferralsSettings
from ddp_testkit.agency_client import AgencyClient
from tests.factories import referral_with
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import unique_name

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

_READS_A_TABLE = re.compile(r"^\s*(SELECT|UPDATE|DELETE)\b.*\b(FROM|UPDATE)\s+\w", re.IGNORECASE | re.DOTALL)


@dataclass
class Recorded:
    """The statements one service executed outside its scheduled passes, with their parameters."""

    excluded_tasks: set[str]
    statements: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        task = asyncio.current_task()
        if many or (task is not None and task.get_name() in self.excluded_tasks):
            return
        if _READS_A_TABLE.match(statement):
            self.statements.setdefault(statement, tuple(parameters or ()))


def recording(runtime: ServiceRuntime) -> Recorded:
    recorded = Recorded({job.name for job in runtime.definition.periodic_jobs})
    event.listen(runtime.engine.sync_engine, "before_cursor_execute", recorded)
    return recorded


@dataclass(frozen=True)
class Index:
    leading_column: str
    partial: bool


_INDEXES = """
    SELECT i.relname, a.attname, x.indpred IS NOT NULL
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
"""
_INDEX_SCANS = {"Index Scan", "Index Only Scan", "Bitmap Index Scan"}


def whole_reads(plan: Any, indexes: dict[str, Index]) -> Iterator[str]:
    """The tables (and indexes) a plan reads whole."""
    if isinstance(plan, dict):
        node = plan.get("Node Type")
        if node == "Seq Scan":
            yield plan.get("Relation Name", "?")
        elif node in _INDEX_SCANS:
            index = indexes[plan["Index Name"]]
            condition = plan.get("Index Cond", "")
            if not index.partial and not re.search(rf"\b{re.escape(index.leading_column)}\b", condition):
                yield f"{plan.get('Relation Name', '?')} (all of {plan['Index Name']})"
        for value in plan.values():
            yield from whole_reads(value, indexes)
    elif isinstance(plan, list):
        for item in plan:
            yield from whole_reads(item, indexes)


async def full_table_reads(dsn: str, recorded: Recorded) -> dict[str, list[str]]:
    """Per statement that reads a whole table: the tables it reads so."""
    connection = await asyncpg.connect(dsn)
    found = {}
    try:
        indexes = {name: Index(column, partial) for name, column, partial in await connection.fetch(_INDEXES)}
        await connection.execute("SET enable_seqscan = off")
        for statement, parameters in recorded.statements.items():
            async with connection.transaction():  # EXPLAIN of an UPDATE plans it, never runs it
                raw = await connection.fetchval(f"EXPLAIN (FORMAT JSON) {statement}", *parameters)
            tables = sorted(set(whole_reads(json.loads(raw), indexes)))
            if tables:
                found[" ".join(statement.split())[:160]] = tables
    finally:
        await connection.close()
    return found


async def test_no_per_record_query_reads_a_whole_table(kafka, namespace, postgres):
    services = {
        "referrals": (build_referrals, ReferralsSettings),
        "interventions": (build_interventions, InterventionsSettings),
        "compliance": (build_compliance, ComplianceSettings),
    }
    databases = {name: unique_name(name).replace("-", "_") for name in services}
    recorded: dict[str, Recorded] = {}
    async with AsyncExitStack() as stack:
        for name, (build, settings) in services.items():
            url = postgres.create_database(databases[name])
            runtime = await stack.enter_async_context(
                running(build, settings, kafka=kafka.endpoint, database_url=url, namespace=namespace)
            )
            recorded[name] = recording(runtime)
        referral = referral_with("PLAN-1")
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(referral, key="PLAN-1")
            await wait_for_events(kafka.endpoint, namespace, "ddp.compliance.events", 1)
            await probation.send(referral, key="PLAN-1")  # a repeat: found, answered again
            await wait_for_events(
                kafka.endpoint, namespace, "ddp.outbound.probation", 2, event_type="ddp.referral.acknowledged"
            )

    reads = {}
    for name, statements in recorded.items():
        assert statements.statements, f"{name} recorded no statement"
        reads.update(await full_table_reads(postgres.dsn(databases[name]), statements))
    assert reads == {}, "queries on the per-record path that read whole tables"
