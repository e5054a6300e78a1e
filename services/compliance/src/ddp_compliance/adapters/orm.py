"""The compliance database: compliance records, plus outbox and inbox."""

from sqlalchemy import Boolean, Column, DateTime, MetaData, String, Table, func
from sqlalchemy.dialects.postgresql import UUID

from ddp_messaging.tables import MessagingTables

metadata = MetaData()
messaging = MessagingTables(metadata)

compliance_records = Table(
    "compliance_records",
    metadata,
    Column("case_id", UUID(as_uuid=True), primary_key=True),
    Column("mandate_type", String(16), nullable=False),
    Column("responsible_authority", String(64), nullable=False),
    Column("participation_required", Boolean, nullable=False),
    Column("escalation_possible", Boolean, nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
