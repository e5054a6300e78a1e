"""escalations, evidence and reviews

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:24:34.065393
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attendance_corrections',
    sa.Column('corrected_attendance_id', sa.UUID(), nullable=False),
    sa.Column('correction_event_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.PrimaryKeyConstraint('corrected_attendance_id')
    )
    op.create_table('escalations',
    sa.Column('escalation_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('policy_version', sa.String(length=32), nullable=False),
    sa.Column('mandate_type', sa.String(length=16), nullable=False),
    sa.Column('referred_to', postgresql.ARRAY(sa.String(length=64)), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decision_due_by', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision', sa.String(length=32), nullable=True),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('deciding_role', sa.String(length=64), nullable=True),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('overdue_flags', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('escalation_id'),
    sa.UniqueConstraint('case_id', 'rule', 'step', 'window_start', name='escalations_one_per_situation')
    )
    op.create_index(op.f('ix_escalations_case_id'), 'escalations', ['case_id'], unique=False)
    op.create_table('plan_changes',
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index(op.f('ix_plan_changes_case_id'), 'plan_changes', ['case_id'], unique=False)
    op.create_table('reported_facts',
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('attendance_id', sa.UUID(), nullable=True),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('absence_category', sa.String(length=16), nullable=True),
    sa.Column('counts_as', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('event_id', 'kind')
    )
    op.create_index(op.f('ix_reported_facts_attendance_id'), 'reported_facts', ['attendance_id'], unique=False)
    op.create_index(op.f('ix_reported_facts_case_id'), 'reported_facts', ['case_id'], unique=False)
    op.create_table('reviews',
    sa.Column('review_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('chaired_by', sa.String(length=64), nullable=False),
    sa.Column('policy_version', sa.String(length=32), nullable=False),
    sa.Column('period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('announced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('overdue_flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=True),
    sa.Column('chairing_role', sa.String(length=64), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('review_id'),
    sa.UniqueConstraint('case_id', 'sequence', name='reviews_one_per_sequence')
    )
    op.create_index(op.f('ix_reviews_case_id'), 'reviews', ['case_id'], unique=False)
    op.create_table('suspension_periods',
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index(op.f('ix_suspension_periods_case_id'), 'suspension_periods', ['case_id'], unique=False)
    op.create_table('escalation_evidence',
    sa.Column('escalation_id', sa.UUID(), nullable=False),
    sa.Column('event_id', sa.UUID(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalations.escalation_id'], ),
    sa.PrimaryKeyConstraint('escalation_id', 'event_id')
    )
    op.add_column('compliance_records', sa.Column('mandate_starts_on', sa.Date(), nullable=True))
    op.add_column('compliance_records', sa.Column('mappa_level', sa.Integer(), nullable=True))
    op.add_column('compliance_records', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('compliance_records', 'closed_at')
    op.drop_column('compliance_records', 'mappa_level')
    op.drop_column('compliance_records', 'mandate_starts_on')
    op.drop_table('escalation_evidence')
    op.drop_index(op.f('ix_suspension_periods_case_id'), table_name='suspension_periods')
    op.drop_table('suspension_periods')
    op.drop_index(op.f('ix_reviews_case_id'), table_name='reviews')
    op.drop_table('reviews')
    op.drop_index(op.f('ix_reported_facts_case_id'), table_name='reported_facts')
    op.drop_index(op.f('ix_reported_facts_attendance_id'), table_name='reported_facts')
    op.drop_table('reported_facts')
    op.drop_index(op.f('ix_plan_changes_case_id'), table_name='plan_changes')
    op.drop_table('plan_changes')
    op.drop_index(op.f('ix_escalations_case_id'), table_name='escalations')
    op.drop_table('escalations')
    op.drop_table('attendance_corrections')
