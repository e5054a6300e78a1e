"""The referrals database: referrals, cases, subjects (personal data, encrypted), plus outbox and inbox."""

from sqlalchemy import Boolean, Column, DateTime, MetaData, String, Table, Text, UniqueConstraint, false, func
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
    Column("opened_case", Boolean, nullable=False, server_default=false()),
    Column("failures", JSONB, nullable=False),  # [{"code": ..., "field": ...}], empty when accepted
    Column("fingerprint", JSONB, nullable=True),  # {field path: keyed hash of what it stated}
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
    Column("closure_reason", String(16), nullable=True),
    Column("mandate", JSONB, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# Personal details: each field a Fernet token of its own (adapters/field_cipher.py).
subjects = Table(
    "subjects",
    metadata,
    Column("subject_id", UUID(as_uuid=True), primary_key=True),
    Column("given_name", Text, nullable=False),
    Column("family_name", Text, nullable=False),
    Column("date_of_birth", Text, nullable=False),
    Column("merged_into", UUID(as_uuid=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# One row per identifier: found by its keyed hash, its value kept only as a Fernet token.
subject_identifiers = Table(
    "subject_identifiers",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("digest", String(64), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("value", Text, nullable=False),
)
