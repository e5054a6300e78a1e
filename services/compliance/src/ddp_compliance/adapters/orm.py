"""The compliance database: records, reported facts, escalations with evidence, reviews; outbox and inbox."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID

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
    Column("mandate_starts_on", Date, nullable=True),
    Column("mappa_level", Integer, nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("ends_at", DateTime(timezone=True), nullable=True),  # when the closure took effect
    Column("ended_by_event_id", UUID(as_uuid=True), nullable=True),
)

# The mandate's terms in force from each date, by the event that set them (the opening, a variation).
mandate_terms = Table(
    "mandate_terms",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("since", DateTime(timezone=True), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("mandate_type", String(16), nullable=False),
    Column("responsible_authority", String(64), nullable=False),
    Column("participation_required", Boolean, nullable=False),
    Column("starts_on", Date, nullable=False),
)

# What other services reported, keyed by the reporting event's id (and kind: one correction
# can report an absence and a concern). ``counts_as`` is set for non-compliance instances.
reported_facts = Table(
    "reported_facts",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("attendance_id", UUID(as_uuid=True), nullable=True, index=True),
    Column("event_type", String(200), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("outcome", String(16), nullable=True),
    Column("absence_category", String(16), nullable=True),
    Column("counts_as", String(32), nullable=True),
    # Published as counting (non_compliance_recorded) and not withdrawn since.
    Column("counted", Boolean, nullable=False, server_default="false"),
)

# A correction withdraws every fact of the attendance it replaces, even one not yet arrived.
attendance_corrections = Table(
    "attendance_corrections",
    metadata,
    Column("corrected_attendance_id", UUID(as_uuid=True), primary_key=True),
    Column("correction_event_id", UUID(as_uuid=True), nullable=False),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
)

# Custody: suspensions and resumptions are kept apart, each with its own date; the periods are
# paired from the dates whatever order the two were reported in.
suspension_periods = Table(
    "suspension_periods",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
)

case_resumptions = Table(
    "case_resumptions",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("resumes_at", DateTime(timezone=True), nullable=False),
)

plan_changes = Table(
    "plan_changes",
    metadata,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("event_type", String(200), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
)

escalations = Table(
    "escalations",
    metadata,
    Column("escalation_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("rule", String(64), nullable=False),
    Column("step", String(32), nullable=False),
    Column("window_start", Date, nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("mandate_type", String(16), nullable=False),
    Column("referred_to", ARRAY(String(64)), nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=False),
    Column("decision_due_by", DateTime(timezone=True), nullable=True),
    Column("decision", String(32), nullable=True),
    Column("decided_by", String(64), nullable=True),
    Column("deciding_role", String(64), nullable=True),
    Column("rationale", Text, nullable=True),  # the authority's words: stored, never published or logged
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Column("overdue_flags", Integer, nullable=False, server_default="0"),
    Column("last_flagged_at", DateTime(timezone=True), nullable=True),
    Column("generation", Integer, nullable=False, server_default="0"),
    Column("withdrawn_at", DateTime(timezone=True), nullable=True),
    Column("withdrawal_reason", String(32), nullable=True),
    # One escalation per qualifying situation (and per time it qualified again after a withdrawal),
    # whatever redeliveries or concurrent batches do.
    UniqueConstraint("case_id", "rule", "step", "window_start", "generation", name="escalations_one_per_situation"),
)

escalation_evidence = Table(
    "escalation_evidence",
    metadata,
    Column("escalation_id", UUID(as_uuid=True), ForeignKey("escalations.escalation_id"), primary_key=True),
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("event_type", String(200), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("category", String(32), nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("review_id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("sequence", Integer, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("chaired_by", String(64), nullable=False),
    Column("policy_version", String(32), nullable=False),
    Column("period_start", DateTime(timezone=True), nullable=False),
    Column("announced_at", DateTime(timezone=True), nullable=True),
    Column("due_flagged_at", DateTime(timezone=True), nullable=True),
    Column("overdue_flagged_at", DateTime(timezone=True), nullable=True),
    Column("outcome", String(32), nullable=True),
    Column("chairing_role", String(64), nullable=True),
    Column("reviewed_on", Date, nullable=True),
    Column("recorded_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("case_id", "sequence", name="reviews_one_per_sequence"),
)
