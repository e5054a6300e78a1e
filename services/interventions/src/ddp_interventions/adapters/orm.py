"""The interventions database: plans, plus outbox and inbox."""

from sqlalchemy import Column, DateTime, MetaData, String, Table, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

from ddp_messaging.tables import MessagingTables

metadata = MetaData()
messaging = MessagingTables(metadata)

plans = Table(
    "plans",
    metadata,
    Column("plan_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("rules_version", String(32), nullable=False),
    Column("interventions", JSONB, nullable=False),
    Column("drafted_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
