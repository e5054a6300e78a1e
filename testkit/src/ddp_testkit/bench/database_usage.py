"""What the services asked of PostgreSQL: statements (``pg_stat_statements``) and rows read per table.

Statement counts are exact and immediate. Table row counters are flushed by each backend when
it goes idle (at most about ten seconds later in PostgreSQL 15), so a reading of them waits for
the services to have been idle that long; the benchmark takes it between stages, never mid-stage.
"""

import time
from dataclasses import dataclass, field

import psycopg

from ddp_testkit.infra.postgres import PostgresServer

# How long an idle backend may hold its table counters before flushing them (PGSTAT_IDLE_INTERVAL).
STATS_FLUSH_SECONDS = 11.0


@dataclass(frozen=True)
class DatabaseReading:
    statements: dict[str, int]  # per service database: statements executed
    rows_read: dict[str, int]  # per service database: rows read by sequential and index scans of its tables
    commits: dict[str, int]  # per service database: transactions committed
    seq_scanned: dict[str, dict[str, int]]  # per database, per table: rows read by sequential scans
    # per database, per normalised statement (constants are $n: no data): times executed
    calls: dict[str, dict[str, int]] = field(default_factory=dict)

    def busiest(self, database: str, count: int) -> list[tuple[str, int]]:
        return sorted(self.calls.get(database, {}).items(), key=lambda item: -item[1])[:count]

    def minus(self, earlier: "DatabaseReading") -> "DatabaseReading":
        return DatabaseReading(
            statements={db: n - earlier.statements.get(db, 0) for db, n in self.statements.items()},
            rows_read={db: n - earlier.rows_read.get(db, 0) for db, n in self.rows_read.items()},
            commits={db: n - earlier.commits.get(db, 0) for db, n in self.commits.items()},
            seq_scanned={
                db: {
                    table: n - earlier.seq_scanned.get(db, {}).get(table, 0)
                    for table, n in tables.items()
                    if n - earlier.seq_scanned.get(db, {}).get(table, 0) > 0
                }
                for db, tables in self.seq_scanned.items()
            },
            calls={
                db: {q: n - earlier.calls.get(db, {}).get(q, 0) for q, n in queries.items()}
                for db, queries in self.calls.items()
            },
        )


class DatabaseMeter:
    def __init__(self, postgres: PostgresServer, databases: list[str]) -> None:
        self._postgres = postgres
        self._databases = databases
        with psycopg.connect(postgres.dsn("ddp"), autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def read(self, settle: bool = True) -> DatabaseReading:
        """The counters now; with ``settle``, after every backend has had time to flush its table counters."""
        if settle:
            time.sleep(STATS_FLUSH_SECONDS)
        with psycopg.connect(self._postgres.dsn("ddp"), autocommit=True) as connection:
            calls: dict[str, int] = dict(
                connection.execute(
                    "SELECT d.datname, coalesce(sum(s.calls), 0)::bigint FROM pg_database d"
                    " LEFT JOIN pg_stat_statements s ON s.dbid = d.oid GROUP BY d.datname"
                ).fetchall()
            )
            commits: dict[str, int] = dict(
                connection.execute("SELECT datname, xact_commit FROM pg_stat_database").fetchall()
            )
            per_statement: dict[str, dict[str, int]] = {db: {} for db in self._databases}
            for db, query, n in connection.execute(
                "SELECT d.datname, s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
            ).fetchall():
                if db in per_statement:
                    normalised = " ".join(query.split())
                    per_statement[db][normalised] = per_statement[db].get(normalised, 0) + int(n)
        rows_read, seq_scanned = {}, {}
        for database in self._databases:
            with psycopg.connect(self._postgres.dsn(database), autocommit=True) as connection:
                tables = connection.execute(
                    "SELECT relname, coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables"
                ).fetchall()
            rows_read[database] = sum(seq + fetched for _, seq, fetched in tables)
            seq_scanned[database] = {name: seq for name, seq, _ in tables}
        return DatabaseReading(
            statements={db: int(calls.get(db, 0)) for db in self._databases},
            rows_read=rows_read,
            commits={db: int(commits.get(db, 0)) for db in self._databases},
            seq_scanned=seq_scanned,
            calls=per_statement,
        )


def seed_subjects(postgres: PostgresServer, count: int) -> int:
    """Add people to the referrals database until it holds ``count`` subjects; returns how many it holds.

    Stand-ins written in bulk (one identifier each, digests that no referral will ever match):
    what the per-referral lookups have to search past, without sending that many referrals first.
    """
    with psycopg.connect(postgres.dsn("referrals"), autocommit=True) as connection:
        present = connection.execute("SELECT count(*) FROM subjects").fetchone()
        missing = count - (present[0] if present else 0)
        if missing > 0:
            connection.execute(
                """
                WITH seeded AS (
                    INSERT INTO subjects (subject_id, given_name, family_name, date_of_birth)
                    SELECT gen_random_uuid(), 'seeded', 'seeded', 'seeded' FROM generate_series(1, %(n)s)
                    RETURNING subject_id
                )
                INSERT INTO subject_identifiers (kind, digest, subject_id, value)
                SELECT 'crn', md5(subject_id::text) || md5(subject_id::text || 'x'), subject_id, 'seeded'
                FROM seeded
                """,
                {"n": missing},
            )
            connection.execute("ANALYZE subjects; ANALYZE subject_identifiers")
        total = connection.execute("SELECT count(*) FROM subjects").fetchone()
    return total[0] if total else 0
