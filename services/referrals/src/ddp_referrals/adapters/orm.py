"""The referrals database: referrals, cases, subjects (personal data), plus outbox and inbox."""

from sqlalchemy import Column, DateTime, MetaData, String, Table, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

from ddp_messaging.tables import MessagingTables

metadata = MetaData()
messaging = MessagingTables(metadata)

referrals = Table(
    "referrals",
    metadata,
    Column("referral_id", UUID(as_uuid=True), primary_key=True),
    Column("origin", String(64), nullable=False),
    Column("agency_reference", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("case_id", UUID(as_uuid=True), nullable=True),
    Column("failures", JSONB, nullable=False),  # [{"code": ..., "field": ...}], empty when accepted
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # One referral per agency reference: a resubmission finds it instead of opening a second case.
    UniqueConstraint("origin", "agency_reference", name="referrals_agency_reference"),
)

cases = Table(
    "cases",
    metadata,
    Column("case_id", UUID(as_uuid=True), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("referral_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("mandate", JSONB, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

subjects = Table(
    "subjects",
    metadata,
    Column("subject_id", UUID(as_uuid=True), primary_key=True),
    Column("identifiers", JSONB, nullable=False),
    Column("personal_details", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
