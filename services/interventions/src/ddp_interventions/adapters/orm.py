"""The interventions database: plans, sessions, attendance, plus outbox and inbox (progress is derived on demand)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Identity,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    func,
)
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
    # [{"intervention_id", "kind", "addresses", "status", "provider"}]
    Column("interventions", JSONB, nullable=False),
    Column("standing", String(16), nullable=False, server_default="ACTIVE"),
    Column("standing_since", DateTime(timezone=True), nullable=True),
    # [{"starts_at", "ends_at"}]: every custody period, to judge a late report by the standing then.
    Column("custody", JSONB, nullable=False, server_default="[]"),
    Column("drafted_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

sessions = Table(
    "sessions",
    metadata,
    Column("session_id", UUID(as_uuid=True), primary_key=True),  # minted by the provider
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("intervention_id", UUID(as_uuid=True), nullable=False),
    Column("provider", String(64), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("cancelled_by", String(16), nullable=True),
    Column("cancellation_reason", String(32), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()),
)

attendance = Table(
    "attendance",
    metadata,
    Column("attendance_id", UUID(as_uuid=True), primary_key=True),
    Column("recorded_order", BigInteger, Identity(always=False), nullable=False),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("session_id", UUID(as_uuid=True), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("absence_category", String(16), nullable=True),
    Column("engagement_rating", SmallInteger, nullable=True),
    Column("concern", Boolean, nullable=False),
    Column("notes", Text, nullable=True),  # sensitive: stored here only, never logged or emitted
    Column("corrects", UUID(as_uuid=True), nullable=True),
    Column("correction_reason", String(32), nullable=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
