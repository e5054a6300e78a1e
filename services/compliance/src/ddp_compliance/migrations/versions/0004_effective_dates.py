"""effective dates: custody periods from their own dates, closures that take effect, withdrawn escalations

Suspensions and resumptions become separate facts, each with the date it took effect (the pairs
are computed from the dates, whatever order they arrived in). A closure records when it took
effect. Reported facts record whether they were published as counting, so a late fact can
withdraw them. An escalation can be withdrawn, and its situation escalated anew if it qualifies
again (``generation``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 03:00:00.000000
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_resumptions',
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('resumes_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index(op.f('ix_case_resumptions_case_id'), 'case_resumptions', ['case_id'], unique=False)
    # A period ended before this revision has no resuming event id of its own: one is minted.
    op.execute(
        "INSERT INTO case_resumptions (event_id, case_id, resumes_at) "
        "SELECT gen_random_uuid(), case_id, ends_at FROM suspension_periods WHERE ends_at IS NOT NULL"
    )
    op.drop_column('suspension_periods', 'ends_at')

    op.add_column('compliance_records', sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('compliance_records', sa.Column('ended_by_event_id', sa.UUID(), nullable=True))
    op.execute("UPDATE compliance_records SET ends_at = closed_at WHERE closed_at IS NOT NULL")

    op.add_column('reported_facts', sa.Column('counted', sa.Boolean(), server_default='false', nullable=False))
    # What was published as counting before: an instance not corrected and outside every suspension.
    op.execute(
        "UPDATE reported_facts f SET counted = true WHERE f.counts_as IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM attendance_corrections c WHERE c.corrected_attendance_id = f.attendance_id) "
        "AND NOT EXISTS (SELECT 1 FROM suspension_periods s WHERE s.case_id = f.case_id AND s.starts_at <= f.occurred_at "
        "AND NOT EXISTS (SELECT 1 FROM case_resumptions r WHERE r.case_id = s.case_id "
        "AND r.resumes_at >= s.starts_at AND r.resumes_at <= f.occurred_at))"
    )

    op.add_column('escalations', sa.Column('generation', sa.Integer(), server_default='0', nullable=False))
    op.add_column('escalations', sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('escalations', sa.Column('withdrawal_reason', sa.String(length=32), nullable=True))
    op.drop_constraint('escalations_one_per_situation', 'escalations', type_='unique')
    op.create_unique_constraint(
        'escalations_one_per_situation', 'escalations', ['case_id', 'rule', 'step', 'window_start', 'generation']
    )


def downgrade() -> None:
    op.drop_constraint('escalations_one_per_situation', 'escalations', type_='unique')
    op.create_unique_constraint(
        'escalations_one_per_situation', 'escalations', ['case_id', 'rule', 'step', 'window_start']
    )
    op.drop_column('escalations', 'withdrawal_reason')
    op.drop_column('escalations', 'withdrawn_at')
    op.drop_column('escalations', 'generation')
    op.drop_column('reported_facts', 'counted')
    op.drop_column('compliance_records', 'ended_by_event_id')
    op.drop_column('compliance_records', 'ends_at')
    op.add_column('suspension_periods', sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True))
    op.drop_index(op.f('ix_case_resumptions_case_id'), table_name='case_resumptions')
    op.drop_table('case_resumptions')
