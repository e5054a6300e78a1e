"""The console's own database: who may log in, and the record of what they looked at and changed."""

from sqlalchemy import BigInteger, Column, DateTime, Identity, MetaData, String, Table, Text, func

metadata = MetaData()

users = Table(
    "console_users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # operator (read-only) or admin
    Column("password_hash", String(256), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

audit_log = Table(
    "console_audit_log",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("actor", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(32), nullable=False),  # case_viewed, redrive
    Column("target", String(200), nullable=False),  # a case id, or service and reason of the dead letters
    Column("justification", Text, nullable=False),  # the engineer's own words: shown to admins, never logged
    Column("outcome", String(200), nullable=False),
)
