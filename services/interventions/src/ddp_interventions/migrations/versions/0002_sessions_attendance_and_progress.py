"""sessions, attendance, the per-case progress read model, and the case's standing on plans

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:03:40.926971
"""

from alembic import op
import sqlalchemy as sa


# Plans drafted before this revision have no progress row yet; it appears with their next change.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attendance',
    sa.Column('attendance_id', sa.UUID(), nullable=False),
    sa.Column('recorded_order', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('session_id', sa.UUID(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('absence_category', sa.String(length=16), nullable=True),
    sa.Column('engagement_rating', sa.SmallInteger(), nullable=True),
    sa.Column('concern', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('corrects', sa.UUID(), nullable=True),
    sa.Column('correction_reason', sa.String(length=32), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('attendance_id')
    )
    op.create_index(op.f('ix_attendance_case_id'), 'attendance', ['case_id'], unique=False)
    op.create_table('case_progress',
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('plan_status', sa.String(length=16), nullable=False),
    sa.Column('sessions_offered', sa.Integer(), nullable=False),
    sa.Column('sessions_attended', sa.Integer(), nullable=False),
    sa.Column('sessions_late', sa.Integer(), nullable=False),
    sa.Column('missed_acceptable', sa.Integer(), nullable=False),
    sa.Column('missed_unacceptable', sa.Integer(), nullable=False),
    sa.Column('missed_logistical', sa.Integer(), nullable=False),
    sa.Column('concerns', sa.Integer(), nullable=False),
    sa.Column('interventions_completed', sa.Integer(), nullable=False),
    sa.Column('latest_session_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('latest_outcome', sa.String(length=16), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('case_id')
    )
    op.create_table('sessions',
    sa.Column('session_id', sa.UUID(), nullable=False),
    sa.Column('case_id', sa.UUID(), nullable=False),
    sa.Column('intervention_id', sa.UUID(), nullable=False),
    sa.Column('provider', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cancelled_by', sa.String(length=16), nullable=True),
    sa.Column('cancellation_reason', sa.String(length=32), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('session_id')
    )
    op.create_index(op.f('ix_sessions_case_id'), 'sessions', ['case_id'], unique=False)
    op.add_column('plans', sa.Column('standing', sa.String(length=16), server_default='ACTIVE', nullable=False))
    op.add_column('plans', sa.Column('standing_since', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('plans', 'standing_since')
    op.drop_column('plans', 'standing')
    op.drop_index(op.f('ix_sessions_case_id'), table_name='sessions')
    op.drop_table('sessions')
    op.drop_table('case_progress')
    op.drop_index(op.f('ix_attendance_case_id'), table_name='attendance')
    op.drop_table('attendance')
