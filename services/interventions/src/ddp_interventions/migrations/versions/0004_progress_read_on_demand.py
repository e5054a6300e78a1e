"""progress derived on demand

The per-case progress summary is derived from the plan when it is asked for; the table that
was rewritten on every change is no longer kept.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 05:05:00.000000
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('case_progress')


def downgrade() -> None:
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
